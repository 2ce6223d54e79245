"""Term lists rendered as json, csv, tsv or Markdown (the printable HTML page is in export.html).

Text from articles is data: every field is escaped for the format it is written into. The JSON
is DESIGN's contract exactly: per-article counts appear only in csv, tsv and html.
"""

import csv
import html
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from vocab.lexicon.hsk import hsk_label
from vocab.text.script import Shown, headword

Record = dict[str, Any]
ListFormat = Literal["json", "csv", "tsv", "md", "html"]
LIST_FORMATS: tuple[ListFormat, ...] = ("json", "csv", "tsv", "md", "html")
EXCEL_BOM = "\ufeff"

TABLE_COLUMNS = (
    "simplified",
    "traditional",
    "pinyin",
    "pinyin_numbered",
    "definitions",
    "hsk",
    "hsk2",
    "zipf",
    "pos",
    "is_name",
    "in_dictionary",
    "count",
    "example_zh",
    "example_en",
    "en_match",
    "article",
    "position",
)


@dataclass(frozen=True)
class ArticleInfo:
    """Where a list's terms came from: shown in the header of each article's printed pages."""

    slug: str
    title: str
    source: str
    date: str | None  # YYYY-MM-DD: the file's last change, or when the article was imported


@dataclass
class TermList:
    """Term records (DESIGN's contract) with, for each, its count in each article (by slug)."""

    records: list[Record]
    articles: list[ArticleInfo] = field(default_factory=list)
    counts: list[dict[str, int]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # "file: why", files of a folder left out
    # Where each record's first example shows in its source (a subtitle's cue time), or None.
    # Beside the records, not in them: the JSON contract has no such key.
    positions: list[str | None] = field(default_factory=list)

    def position(self, index: int) -> str | None:
        return self.positions[index] if index < len(self.positions) else None

    def article_counts(self, index: int) -> dict[str, int]:
        if index < len(self.counts):
            return self.counts[index]
        return {}


@dataclass(frozen=True)
class RenderOptions:
    title: str = "Term list"
    excel: bool = False  # csv, tsv: a UTF-8 byte order mark, so Excel reads the Chinese right
    worksheet: bool = False  # html: blank pinyin and meaning cells, answers at the end
    color: bool = True  # html: tone colours on the pinyin
    group_hsk: bool = False  # md, html: a section per HSK level
    script: Shown | None = None  # md, html: the term's script; None: as its article writes it


def render(terms: TermList, fmt: ListFormat, options: RenderOptions | None = None) -> str:
    options = options or RenderOptions()
    if fmt == "json":
        return json.dumps(terms.records, ensure_ascii=False, indent=2) + "\n"
    if fmt in ("csv", "tsv"):
        text = delimited(terms, "," if fmt == "csv" else "\t")
        return EXCEL_BOM + text if options.excel else text
    if fmt == "md":
        return markdown(
            terms.records,
            group_hsk=options.group_hsk,
            positions=terms.positions,
            script=options.script,
        )
    from vocab.export.html import page

    return page(terms, options)


def meaning(record: Record) -> str:
    return "; ".join(record["definitions"])


def first_example(record: Record) -> Record:
    examples = record["examples"]
    return examples[0] if examples else {"zh": "", "en": None, "en_match": None, "article": ""}


def count_column(slug: str) -> str:
    return f"count:{slug}"


def delimited(terms: TermList, delimiter: str) -> str:
    """One row per term; with several articles, a `count:<slug>` column for each of them."""
    slugs = [a.slug for a in terms.articles] if len(terms.articles) > 1 else []
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow([*TABLE_COLUMNS, *(count_column(s) for s in slugs)])
    for index, r in enumerate(terms.records):
        example = first_example(r)
        per_article = terms.article_counts(index)
        writer.writerow(
            [
                r["simplified"],
                r["traditional"],
                r["pinyin"],
                r["pinyin_numbered"],
                meaning(r),
                _blank(r["hsk"]),
                _blank(r["hsk2"]),
                r["zipf"],
                r["pos"],
                int(r["is_name"]),
                int(r["in_dictionary"]),
                r["count"],
                example["zh"],
                example["en"] or "",
                example["en_match"] or "",
                example["article"],
                terms.position(index) or "",
                *(per_article.get(s, 0) for s in slugs),
            ]
        )
    return out.getvalue()


def _blank(value: object) -> object:
    return "" if value is None else value


def _md_cell(text: str) -> str:
    # Article text is data: Markdown and the HTML a wiki would render are both escaped.
    escaped = html.escape(text, quote=False)
    return escaped.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def markdown(
    records: Sequence[Record],
    *,
    group_hsk: bool = False,
    positions: Sequence[str | None] = (),
    script: Shown | None = None,
) -> str:
    rows = [(r, positions[i] if i < len(positions) else None) for i, r in enumerate(records)]
    if not group_hsk:
        return _md_table(rows, script)
    position_of = {id(r): p for r, p in rows}
    parts = []
    for label, group in groups_by_level(records):
        parts.append(f"## {label}\n\n{_md_table([(r, position_of[id(r)]) for r in group], script)}")
    return "\n".join(parts)


def _md_table(rows: Sequence[tuple[Record, str | None]], script: Shown | None) -> str:
    lines = ["| Term | Pinyin | Meaning | HSK | Example |", "|---|---|---|---|---|"]
    for r, position in rows:
        example = first_example(r)
        zh = _md_cell(example["zh"])
        if position:
            zh = f"{_md_cell(position)} {zh}"
        sentence = zh + (f"<br>{_md_cell(example['en'])}" if example["en"] else "")
        cells = [
            _md_cell(c)
            for c in (term_shown(r, script), r["pinyin"], meaning(r), hsk_label(r["hsk"]))
        ]
        lines.append("| " + " | ".join([*cells, sentence]) + " |")
    return "\n".join(lines) + "\n"


def term_shown(record: Record, script: Shown | None) -> str:
    """The term in the script `--script` asks for; without it, as its example sentence (the
    article) writes it: a traditional article's terms in traditional characters."""
    simplified, traditional = record["simplified"], record["traditional"]
    if script is not None:
        return headword(simplified, traditional, script)
    zh = first_example(record)["zh"]
    if simplified != traditional and traditional in zh and simplified not in zh:
        return str(traditional)
    return str(simplified)


def level_heading(level: int | None) -> str:
    return "Not in HSK" if level is None else f"HSK {hsk_label(level)}"


def groups_by_level(records: Sequence[Record]) -> list[tuple[str, list[Record]]]:
    """Records in sections by HSK 3.0 level, easiest first, unlisted last; order kept within."""
    sections: dict[int, list[Record]] = {}
    for r in records:
        sections.setdefault(8 if r["hsk"] is None else int(r["hsk"]), []).append(r)
    return [
        (level_heading(None if level == 8 else level), sections[level])
        for level in sorted(sections)
    ]


def highlight(text: str | None, part: str | None) -> str:
    """`text` escaped for HTML with the first `part` of it wrapped in <mark>."""
    if not text:
        return ""
    if not part or part not in text:
        return html.escape(text)
    before, _, after = text.partition(part)
    return f"{html.escape(before)}<mark>{html.escape(part)}</mark>{html.escape(after)}"
