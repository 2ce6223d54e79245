"""E-books (.epub): each chapter a section, its paragraphs in reading order.

ebooklib reads the book; the reading order is the book's spine. A chapter is all text, so its
paragraphs are every innermost block (<p>, <h2>, <li>...) as the book's own markup sets them,
ruby annotations (pinyin over characters) left out. Chinese-only and bilingual books both work:
the layout of each chapter is found on its own.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile

from vocab.errors import InputError
from vocab.text.formats import Document, Section, require_chinese

_SIGNATURE = b"mimetypeapplication/epub+zip"
_BLOCKS = frozenset(
    {
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "blockquote",
        "dd",
        "dt",
        "div",
        "td",
        "th",
        "caption",
        "figcaption",
        "pre",
        "section",
        "article",
        "body",
    }
)
_LEFT_OUT = ("rt", "rp", "script", "style", "head")
# Markup's own line breaks and indents; an ideographic space (　) is the text's own.
_SPACES = re.compile(r"[ \t\n\r\f\v]+")


def looks_like_epub(data: bytes) -> bool:
    """An EPUB is a zip whose first entry, stored uncompressed, names its type."""
    return data.startswith(b"PK\x03\x04") and _SIGNATURE in data[:200]


def read_epub(data: bytes, name: str) -> Document:
    """A book as an article: its title, and one section per chapter."""
    import ebooklib
    from ebooklib import epub

    if not data.strip():
        raise InputError(f"{name} is empty")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # ebooklib warns about its own future defaults
            book = epub.read_epub(io.BytesIO(data), options={"ignore_ncx": True})
    except (epub.EpubException, zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise InputError(f"{name} is not an EPUB book vocab can read") from None
    sections: list[Section] = []
    for idref, _linear in book.spine:
        item = book.get_item_with_id(idref)
        if item is None or item.get_type() != ebooklib.ITEM_DOCUMENT:
            continue
        if isinstance(item, epub.EpubNav):  # the table of contents repeats chapter titles
            continue
        paragraphs = chapter_paragraphs(item.get_content())
        if paragraphs:
            sections.append(Section("\n".join(paragraphs)))
    if not sections:
        raise InputError(f"{name} has no chapters with text")
    titles = book.get_metadata("DC", "title")
    title = str(titles[0][0]).strip() if titles and titles[0][0] else None
    return require_chinese(Document("epub", title or None, tuple(sections)), name)


def chapter_paragraphs(content: bytes) -> list[str]:
    """The paragraphs of one XHTML chapter, in order, each on one line."""
    import lxml.etree
    import lxml.html

    if not content.strip():
        return []
    try:
        root = lxml.html.document_fromstring(content)
    except (lxml.etree.ParserError, ValueError):
        return []
    for element in list(root.iter(*_LEFT_OUT)):
        element.drop_tree()
    paragraphs: list[str] = []
    for element in root.iter(*_BLOCKS):
        if any(child.tag in _BLOCKS for child in element.iterdescendants()):
            continue
        text = _SPACES.sub(" ", str(element.text_content())).strip()
        if text:
            paragraphs.append(_tighten(text))
    return paragraphs


def _tighten(text: str) -> str:
    # Markup line breaks inside a Chinese paragraph became spaces: between two Chinese
    # characters a space is no part of the text.
    from vocab.text.sentences import is_han

    kept = [
        char
        for i, char in enumerate(text)
        if not (
            char == " " and 0 < i < len(text) - 1 and is_han(text[i - 1]) and is_han(text[i + 1])
        )
    ]
    return "".join(kept)
