"""Term lists rendered as json, csv, tsv, Markdown or a printable HTML page.

Text from articles is data: every field is escaped for the format it is written into.
"""

import csv
import html
import io
import json
from collections.abc import Sequence
from typing import Any, Literal

Record = dict[str, Any]
ListFormat = Literal["json", "csv", "tsv", "md", "html"]
LIST_FORMATS: tuple[ListFormat, ...] = ("json", "csv", "tsv", "md", "html")

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
)


def render(records: Sequence[Record], fmt: ListFormat, *, title: str = "Term list") -> str:
    if fmt == "json":
        return json.dumps(list(records), ensure_ascii=False, indent=2) + "\n"
    if fmt in ("csv", "tsv"):
        return _delimited(records, "," if fmt == "csv" else "\t")
    if fmt == "md":
        return _markdown(records)
    return _html(records, title)


def meaning(record: Record) -> str:
    return "; ".join(record["definitions"])


def _first_example(record: Record) -> Record:
    examples = record["examples"]
    return examples[0] if examples else {"zh": "", "en": None, "en_match": None, "article": ""}


def _delimited(records: Sequence[Record], delimiter: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(TABLE_COLUMNS)
    for r in records:
        example = _first_example(r)
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
            ]
        )
    return out.getvalue()


def _blank(value: object) -> object:
    return "" if value is None else value


def _md_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _markdown(records: Sequence[Record]) -> str:
    lines = ["| Term | Pinyin | Meaning | HSK | Example |", "|---|---|---|---|---|"]
    for r in records:
        example = _first_example(r)
        sentence = example["zh"] + (f"<br>{example['en']}" if example["en"] else "")
        lines.append(
            "| "
            + " | ".join(
                _md_cell(cell)
                for cell in (
                    r["simplified"],
                    r["pinyin"],
                    meaning(r),
                    hsk_label(r["hsk"]),
                    sentence,
                )
            )
            + " |"
        )
    return "\n".join(lines) + "\n"


def hsk_label(level: int | None) -> str:
    if level is None:
        return ""
    return "7-9" if level >= 7 else str(level)


def highlight(text: str | None, part: str | None) -> str:
    """`text` escaped for HTML with the first `part` of it wrapped in <mark>."""
    if not text:
        return ""
    if not part or part not in text:
        return html.escape(text)
    before, _, after = text.partition(part)
    return f"{html.escape(before)}<mark>{html.escape(part)}</mark>{html.escape(after)}"


_PAGE_CSS = """
@page { size: A4; margin: 15mm; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", sans-serif;
       font-size: 11pt; color: #111; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid #ccc; padding: 4px 6px; text-align: left; vertical-align: top; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; }
.term { font-size: 16pt; white-space: nowrap; }
.example { font-size: 9.5pt; color: #333; }
mark { background: #fde68a; }
"""


def _html(records: Sequence[Record], title: str) -> str:
    rows = []
    for r in records:
        example = _first_example(r)
        rows.append(
            "<tr>"
            f'<td class="term">{html.escape(r["simplified"])}</td>'
            f"<td>{html.escape(r['pinyin'])}</td>"
            f"<td>{html.escape(meaning(r))}</td>"
            f"<td>{html.escape(hsk_label(r['hsk']))}</td>"
            f'<td class="example">{highlight(example["zh"], r["simplified"])}'
            f"<br>{highlight(example['en'], example['en_match'])}</td>"
            "</tr>"
        )
    return (
        '<!DOCTYPE html>\n<html lang="zh">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title)}</title>\n<style>{_PAGE_CSS}</style>\n</head>\n<body>\n"
        f"<h1>{html.escape(title)}</h1>\n<table>\n<thead><tr><th>Term</th><th>Pinyin</th>"
        "<th>Meaning</th><th>HSK</th><th>Example</th></tr></thead>\n<tbody>\n"
        + "\n".join(rows)
        + "\n</tbody>\n</table>\n"
        '<p class="example">Meanings from CC-CEDICT (CC BY-SA 4.0), https://cc-cedict.org/</p>\n'
        "</body>\n</html>\n"
    )
