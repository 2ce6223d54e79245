"""Articles as people get them: plain text, web pages, subtitles, e-books, Markdown.

`load` turns one file's bytes into a Document, choosing the format by the file's content first
and its extension second; `load_many` makes one article of several files given together (an
English and a Chinese .srt of the same film). Each format module is a pure function from bytes
to a Document: the pipeline after it (layout, pairing, alignment) is the same for all of them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Literal

from vocab.errors import InputError

Format = Literal["text", "html", "srt", "epub", "markdown"]
FORMATS: tuple[Format, ...] = ("text", "html", "srt", "epub", "markdown")


@dataclass(frozen=True)
class Cue:
    """Subtitle lines shown together: each Chinese line with its start time (HH:MM:SS, kept as
    its sentences' position), and the English lines shown with them."""

    zh: tuple[tuple[str, str], ...]
    en: tuple[str, ...]


@dataclass(frozen=True)
class Section:
    """A stretch of an article read on its own (an e-book's chapter, a whole page).

    Layout and paragraph pairing are found per section: one chapter set out as two blocks
    does not make the next chapter's alternating paragraphs blocks too. A section from
    subtitles comes as cues already paired by time; its `text` is their Chinese and English.
    """

    text: str
    cues: tuple[Cue, ...] = ()


@dataclass(frozen=True)
class Document:
    """An article file's content, whatever its format, ready for the article pipeline."""

    format: Format
    title: str | None
    sections: tuple[Section, ...]

    @property
    def text(self) -> str:
        """The whole article as text: what its content hash and script are taken from."""
        return "\n\n".join(section.text for section in self.sections)


_EXTENSIONS: dict[str, Format] = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".mhtml": "html",
    ".srt": "srt",
    ".epub": "epub",
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".mkd": "markdown",
}


def detect_format(name: str, data: bytes) -> Format:
    """The format of a file: what its content says it is, else what its extension says.

    Content wins because saved files are often misnamed (a page saved as .txt, subtitles
    downloaded as .txt); Markdown has no signature, so only its extension names it.
    """
    from vocab.text.formats.epub import looks_like_epub
    from vocab.text.formats.html import looks_like_html
    from vocab.text.formats.subtitles import looks_like_srt

    if looks_like_epub(data):
        return "epub"
    head = data[:4096]
    if looks_like_srt(head):
        return "srt"
    if looks_like_html(head):
        return "html"
    return _EXTENSIONS.get(PurePath(name).suffix.lower(), "text")


def load(name: str, data: bytes) -> Document:
    """Read one article file (its name, for the format and for messages, and its bytes)."""
    kind = detect_format(name, data)
    if kind == "epub":
        from vocab.text.formats.epub import read_epub

        return read_epub(data, name)
    if kind == "srt":
        from vocab.text.formats.subtitles import read_srt

        return read_srt(data, name)
    if kind == "html":
        from vocab.text.formats.html import read_html

        return read_html(data, name)
    if kind == "markdown":
        from vocab.text.formats.markdown import read_markdown

        return read_markdown(data, name)
    from vocab.text.reader import read_text

    return Document("text", None, (Section(read_text(data, name=name)),))


# A language named in a subtitle file's name: film.en.srt, film.zh-CN.srt, film.chs.srt.
_LANGUAGE_TAG = re.compile(
    r"[._-](en|eng|english|zh|zho|chi|chs|cht|cn|tw|hk|sc|tc|chinese|zh[-_][a-z]{2,4})$", re.I
)


def article_files(paths: Sequence[str]) -> list[tuple[str, ...]]:
    """The files named together, grouped into articles: each file is one article, except two
    subtitle files of one film in two languages (film.en.srt film.zh.srt), which make one."""
    by_film: dict[str, list[str]] = {}
    for path in paths:
        pure = PurePath(path)
        if pure.suffix.lower() == ".srt":
            film = str(pure.with_name(_LANGUAGE_TAG.sub("", pure.stem)))
            by_film.setdefault(film.lower(), []).append(path)
    groups: list[tuple[str, ...]] = []
    paired: set[str] = set()
    for path in paths:
        if path in paired:
            continue
        pure = PurePath(path)
        film = str(pure.with_name(_LANGUAGE_TAG.sub("", pure.stem))).lower()
        together = by_film.get(film, []) if pure.suffix.lower() == ".srt" else []
        if len(together) == 2 and all(_LANGUAGE_TAG.search(PurePath(p).stem) for p in together):
            groups.append(tuple(together))
            paired.update(together)
        else:
            groups.append((path,))
    return groups


def film_name(paths: Sequence[str]) -> str:
    """The name two subtitle files share (film.en.srt, film.zh.srt: film)."""
    stems = {_LANGUAGE_TAG.sub("", PurePath(p).stem) for p in paths}
    return min(stems) if stems else ""


def load_many(files: Sequence[tuple[str, bytes]]) -> Document:
    """One article from the files given together: one file as it is, or the subtitles of one
    film in two languages (`film.en.srt film.zh.srt`), paired by cue time."""
    if not files:
        raise InputError("no article file given")
    if len(files) == 1:
        name, data = files[0]
        return load(name, data)
    names = " and ".join(name for name, _ in files)
    if len(files) > 2 or any(detect_format(name, data) != "srt" for name, data in files):
        raise InputError(
            f"{names} cannot make one article: only two subtitle files (.srt) go together"
        )
    from vocab.text.formats.subtitles import read_srt_pair

    (first_name, first), (second_name, second) = files
    return read_srt_pair((first_name, first), (second_name, second))


def decode(data: bytes, name: str) -> str:
    """A file's bytes as NFC text with \\n line endings, in whichever encoding Chinese text
    comes (see vocab.text.reader); empty and binary files are refused."""
    from vocab.text.reader import decode_text

    return decode_text(data, name)


def require_chinese(document: Document, name: str, where: str = "") -> Document:
    """The document, if it has any Chinese to learn from; else one line saying so."""
    from vocab.text.sentences import has_han

    if not has_han(document.text):
        raise InputError(f"{name} has no Chinese text{where}")
    return document
