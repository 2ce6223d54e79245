"""The printable term list: one self-contained HTML page (inline CSS, no scripts, no network).

A4 pages, each article starting on a new page under a header with its title, source and date.
A worksheet leaves the pinyin and meaning cells empty and prints the answers at the end.
Every piece of article text is html-escaped.
"""

from collections.abc import Sequence
from html import escape

from vocab.export.lists import (
    ArticleInfo,
    Record,
    RenderOptions,
    TermList,
    first_example,
    groups_by_level,
    highlight,
    hsk_label,
    meaning,
    term_shown,
)
from vocab.lexicon.pinyin import tone_numbers

_CSS = """
@page { size: A4; margin: 15mm; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", sans-serif;
       font-size: 11pt; color: #111; margin: 0;
       -webkit-print-color-adjust: exact; print-color-adjust: exact; }
section + section { break-before: page; page-break-before: always; }
header { border-bottom: 2px solid #111; margin-bottom: 8px; }
h1 { font-size: 18pt; margin: 0 0 2px 0; }
h2 { font-size: 13pt; margin: 14px 0 4px 0; }
.meta { color: #555; font-size: 9.5pt; margin: 0 0 6px 0; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid #ccc; padding: 4px 6px; text-align: left; vertical-align: top; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
.n { color: #777; width: 2em; }
.term { font-size: 16pt; white-space: nowrap; }
.blank { min-width: 7em; height: 2.2em; }
.wide { min-width: 14em; }
.example, .count small { font-size: 9.5pt; color: #333; }
mark { background: #fde68a; }
.position { color: #777; font-variant-numeric: tabular-nums; }
.t1 { color: #d62728; } .t2 { color: #f28e00; } .t3 { color: #2a9d3f; }
.t4 { color: #1f5fbf; } .t5 { color: #888; }
footer { margin-top: 12px; font-size: 8pt; color: #666; }
"""


def page(terms: TermList, options: RenderOptions) -> str:
    """The whole page: a section per article (a term under the first article it appears in)."""
    sections = []
    numbered: list[tuple[int, Record]] = []
    positions: dict[int, str | None] = {}
    for info, indexes in _sections(terms):
        rows = [(len(numbered) + i + 1, terms.records[j]) for i, j in enumerate(indexes)]
        numbered.extend(rows)
        counts = {n: terms.article_counts(j) for (n, _), j in zip(rows, indexes, strict=True)}
        for (n, _), j in zip(rows, indexes, strict=True):
            positions[n] = terms.position(j)
        sections.append(_section(info, rows, counts, positions, options, len(terms.articles) > 1))
    if options.worksheet:
        sections.append(_answer_key(numbered, options))
    return (
        '<!DOCTYPE html>\n<html lang="zh">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(options.title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        + "\n".join(sections)
        + "\n<footer>Meanings from CC-CEDICT (CC BY-SA 4.0), https://cc-cedict.org/</footer>\n"
        "</body>\n</html>\n"
    )


def _sections(terms: TermList) -> list[tuple[ArticleInfo | None, list[int]]]:
    if len(terms.articles) <= 1 or not terms.counts:
        only = terms.articles[0] if terms.articles else None
        return [(only, list(range(len(terms.records))))]
    by_slug: dict[str, list[int]] = {a.slug: [] for a in terms.articles}
    for index, counts in enumerate(terms.counts):
        first = next((slug for slug in by_slug if counts.get(slug)), terms.articles[0].slug)
        by_slug[first].append(index)
    return [(a, by_slug[a.slug]) for a in terms.articles if by_slug[a.slug]]


def _section(
    info: ArticleInfo | None,
    rows: Sequence[tuple[int, Record]],
    counts: dict[int, dict[str, int]],
    positions: dict[int, str | None],
    options: RenderOptions,
    several: bool,
) -> str:
    if info is None:
        header = f"<header><h1>{escape(options.title)}</h1>"
    else:
        meta = " · ".join(escape(part) for part in (info.source, info.date or "") if part)
        header = f'<header><h1>{escape(info.title)}</h1>\n<p class="meta">{meta}</p>'
    kind = "Worksheet" if options.worksheet else "Term list"
    header += f'\n<p class="meta">{kind}: {len(rows)} terms</p></header>'
    if not options.group_hsk:
        return (
            f"<section>\n{header}\n{_table(rows, counts, positions, options, several)}\n</section>"
        )
    parts = [header]
    by_record = {id(r): (n, r) for n, r in rows}
    for label, group in groups_by_level([r for _, r in rows]):
        parts.append(f"<h2>{escape(label)}</h2>")
        rows_of_level = [by_record[id(r)] for r in group]
        parts.append(_table(rows_of_level, counts, positions, options, several))
    return "<section>\n" + "\n".join(parts) + "\n</section>"


def _table(
    rows: Sequence[tuple[int, Record]],
    counts: dict[int, dict[str, int]],
    positions: dict[int, str | None],
    options: RenderOptions,
    several: bool,
) -> str:
    if options.worksheet:
        head = "<th>#</th><th>Term</th><th>Pinyin</th><th>Meaning</th><th>HSK</th><th>Example</th>"
    else:
        head = "<th>#</th><th>Term</th><th>Pinyin</th><th>Meaning</th><th>HSK</th>"
        head += "<th>Count</th><th>Example</th>"
    body = [_row(n, r, counts.get(n, {}), positions.get(n), options, several) for n, r in rows]
    return (
        f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n"
        + "\n".join(body)
        + "\n</tbody>\n</table>"
    )


def _row(
    n: int,
    r: Record,
    counts: dict[str, int],
    position: str | None,
    options: RenderOptions,
    several: bool,
) -> str:
    example = first_example(r)
    term = term_shown(r, options.script)
    zh = highlight(example["zh"], _written(r, example["zh"]))
    if position:  # a subtitle's cue time: where to find the line in the film
        zh = f'<span class="position">{escape(position)}</span> {zh}'
    cells = [f'<td class="n">{n}</td>', f'<td class="term">{escape(term)}</td>']
    if options.worksheet:
        # The English sentence would give the meaning away: it is in the answer key.
        cells += ['<td class="blank"></td>', '<td class="blank wide"></td>']
        cells += [f"<td>{escape(hsk_label(r['hsk']))}</td>", f'<td class="example">{zh}</td>']
        return "<tr>" + "".join(cells) + "</tr>"
    en = highlight(example["en"], example["en_match"])
    cells += [
        f"<td>{pinyin_html(r['pinyin'], r['pinyin_numbered'], color=options.color)}</td>",
        f"<td>{escape(meaning(r))}</td>",
        f"<td>{escape(hsk_label(r['hsk']))}</td>",
        f'<td class="count">{_count_cell(r["count"], counts, several)}</td>',
        f'<td class="example">{zh}' + (f"<br>{en}" if en else "") + "</td>",
    ]
    return "<tr>" + "".join(cells) + "</tr>"


def _written(r: Record, zh: str) -> str:
    """The form of the term its sentence has, to mark it there."""
    return str(r["traditional"]) if r["simplified"] not in zh else str(r["simplified"])


def _count_cell(total: int, counts: dict[str, int], several: bool) -> str:
    present = {slug: c for slug, c in counts.items() if c}
    if not several or len(present) < 2:
        return str(total)
    breakdown = " · ".join(f"{escape(slug)} {c}" for slug, c in present.items())
    return f"{total}<br><small>{breakdown}</small>"


def pinyin_html(pinyin: str, numbered: str, *, color: bool = True) -> str:
    """Tone-marked pinyin, each syllable in its tone's colour (1 red, 2 orange, 3 green, 4 blue,
    neutral grey) unless `color` is off or the two readings don't line up syllable by syllable."""
    syllables = pinyin.split(" ")
    tones = tone_numbers(numbered)
    if not color or len(syllables) != len(tones):
        return escape(pinyin)
    return " ".join(
        f'<span class="t{tone}">{escape(s)}</span>'
        for s, tone in zip(syllables, tones, strict=True)
    )


def _answer_key(numbered: Sequence[tuple[int, Record]], options: RenderOptions) -> str:
    rows = []
    for n, r in numbered:
        example = first_example(r)
        en = highlight(example["en"], example["en_match"])
        rows.append(
            f'<tr><td class="n">{n}</td><td class="term">{escape(term_shown(r, options.script))}</td>'
            f"<td>{pinyin_html(r['pinyin'], r['pinyin_numbered'], color=options.color)}</td>"
            f'<td>{escape(meaning(r))}</td><td class="example">{en}</td></tr>'
        )
    return (
        "<section>\n<header><h1>Answer key</h1></header>\n<table>\n<thead><tr><th>#</th>"
        "<th>Term</th><th>Pinyin</th><th>Meaning</th><th>Example</th></tr></thead>\n<tbody>\n"
        + "\n".join(rows)
        + "\n</tbody>\n</table>\n</section>"
    )
