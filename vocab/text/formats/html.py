"""Web pages: the article's main text, paragraph by paragraph, and the page's title.

trafilatura finds the main text and drops navigation, ads and footers; each paragraph comes
back on its own line, so a bilingual news page that puts each English paragraph beside its
Chinese one keeps that pairing for the layout step.
"""

from __future__ import annotations

import re
from typing import Any

from vocab.errors import InputError
from vocab.text.formats import Document, Section, decode, require_chinese

_HTML_START = re.compile(
    rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html)[\s>]", re.I | re.S
)
_BOM = b"\xef\xbb\xbf"


def looks_like_html(head: bytes) -> bool:
    """Whether a file's first bytes are those of an HTML page (UTF-8 or ASCII-compatible)."""
    return _HTML_START.match(head.removeprefix(_BOM)) is not None


def read_html(data: bytes, name: str) -> Document:
    """The main text of a web page as an article, its title the page's own."""
    import trafilatura

    page = decode(data, name)
    extracted = trafilatura.bare_extraction(
        page,
        favor_precision=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        with_metadata=True,
        deduplicate=False,
    )
    if isinstance(extracted, dict):  # only with as_dict=True, kept for older trafilatura
        text, title = extracted.get("text") or "", extracted.get("title")
    elif extracted is not None:
        title = extracted.title
        body = getattr(extracted, "body", None)
        text = _blocks(body) if body is not None else extracted.text or ""
    else:
        text, title = "", None
    if not text.strip():
        raise InputError(f"{name} has no article text in it (is it a web page with an article?)")
    title = (title or "").strip() or None
    document = Document("html", title, (Section(_paragraphs(text)),))
    return require_chinese(document, name, " in its main text")


# trafilatura's own markup of the main text: paragraphs, headings, list items, table cells,
# quotes. Code blocks (<code> beside them) are no article text and are not among them.
_BLOCKS = ("p", "head", "item", "cell", "quote")


def _blocks(body: Any) -> str:
    """The text of each innermost block on its own line: a table that sets a Chinese cell
    beside its English one gives two paragraphs, which the layout step pairs."""
    for br in body.iter("lb"):
        br.tail = "\n" + (br.tail or "")
    lines: list[str] = []
    for element in body.iter(*_BLOCKS):
        if any(True for _ in element.iterdescendants(*_BLOCKS)):
            continue
        lines.append("".join(element.itertext()))
    return "\n".join(lines)


def _paragraphs(text: str) -> str:
    # One paragraph a line, as in a plain-text article; trafilatura already ends each block
    # with a line break, blank lines come from <br><br> and carry nothing.
    return "\n".join(line.strip() for line in text.split("\n") if line.strip())
