"""From a file's bytes to the article's text: decoding, line endings, NFC; formats via vocab.text.formats.

Bad input is refused here with one line the learner can act on (vocab.errors.InputError):
whatever passes has Chinese in it and decodes cleanly.
"""

from __future__ import annotations

import codecs
import os
import re
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from vocab.errors import InputError
from vocab.text.sentences import has_han

if TYPE_CHECKING:
    from vocab.text.formats import Document

STDIN = "-"
_MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")
# The legacy encodings Chinese text comes in; anything else is refused, not guessed at.
_CHINESE_ENCODINGS = ["gb18030", "big5", "big5hkscs", "cp950"]
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
MEGABYTE = 1024 * 1024
# Ten long novels: an article past this is a mistake (a disk image, a log), and analysing it
# would take minutes and gigabytes.
MAX_BYTES = 20 * MEGABYTE
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def read_source(path: str) -> tuple[str, str]:
    """Read an article from a file, or from standard input when path is "-".

    Returns (text, source name); web pages, subtitles, e-books and Markdown come back as the
    text a reader sees (see vocab.text.formats).
    """
    document, source = read_document([path])
    return document.text, source


def read_document(paths: Sequence[str]) -> tuple[Document, str]:
    """Read one article from its file (or "-" for stdin), or from the files that make it
    together (two subtitle files of one film). Returns the document and its source name."""
    from vocab.text.formats import load_many

    files = [(_display_name(path), _read_bytes(path)) for path in paths]
    document = load_many(files)
    source = " + ".join("stdin" if path == STDIN else Path(path).name for path in paths)
    return document, source


def _display_name(path: str) -> str:
    return "standard input" if path == STDIN else path


def _read_bytes(path: str) -> bytes:
    if path == STDIN:
        return _within_limit(sys.stdin.buffer.read(MAX_BYTES + 1), "standard input")
    try:
        with Path(path).open("rb") as file:
            # Reading one byte past the limit tells an oversized file (or pipe) without loading it.
            size = os.fstat(file.fileno()).st_size
            return _within_limit(file.read(MAX_BYTES + 1), path, size)
    except FileNotFoundError:
        raise InputError(f"cannot read {path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path} is a directory, not an article") from None
    except PermissionError:
        raise InputError(f"cannot read {path}: permission denied") from None
    except OSError as error:
        raise InputError(f"cannot read {path}: {error.strerror or error}") from None


def _within_limit(data: bytes, name: str, size: int = 0) -> bytes:
    if len(data) <= MAX_BYTES:
        return data
    limit = MAX_BYTES // MEGABYTE
    # A pipe has no size to report, only that it went past the limit.
    measured = f"{size / MEGABYTE:.1f} MB" if size > MAX_BYTES else f"over {limit} MB"
    raise InputError(
        f"{name} is too large: {measured}, and an article may be at most {limit} MB"
        " (a long novel is about 2.5 MB)"
    )


def read_text(data: bytes, name: str = "the article") -> str:
    """Decode an article's bytes (UTF-8, UTF-16/32 with BOM, GB18030/GBK, Big5) into NFC text
    with \\n line endings."""
    text = decode_text(data, name)
    if not has_han(text):
        raise InputError(f"{name} has no Chinese text")
    return text


def decode_text(data: bytes, name: str = "the article") -> str:
    """As read_text, for a file that may have no Chinese in it (the English of two files)."""
    if not data.strip():
        raise InputError(f"{name} is empty")
    text = _decode(data, name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    if _looks_binary(text):
        raise InputError(f"{name} looks like a binary file, not text")
    return text


def _decode(data: bytes, name: str) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise InputError(f"{name} is not valid {encoding.upper()} text") from None
    if b"\x00" in data:
        raise InputError(f"{name} looks like a binary file, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Loaded only for legacy encodings: most articles are UTF-8 and never pay for it.
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=_CHINESE_ENCODINGS).best()
    if best is None:
        raise InputError(
            f"{name} is not text in an encoding vocab reads (UTF-8, UTF-16, GB18030/GBK, Big5)"
        )
    return str(best)


def _looks_binary(text: str) -> bool:
    controls = len(_CONTROL.findall(text))
    return controls > max(2, len(text) // 100)


_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_HEADING = re.compile(r"^ {0,3}#{1,6}(\s+|$)")
_SETEXT_RULE = re.compile(r"^ {0,3}(=+|-+|\*[ *]*\*|_[ _]*_)\s*$")
_BLOCKQUOTE = re.compile(r"^ {0,3}(>\s?)+")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s+\S+.*$")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)|\[([^\]]+)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<(https?://[^>]+)>")
_HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_EMPHASIS = re.compile(
    r"(\*\*|\*|~~)(?=\S)(.+?)(?<=\S)\1"
    # Underscores inside a word (snake_case) are no emphasis.
    r"|(?<![A-Za-z0-9])(__|_)(?=\S)(.+?)(?<=\S)\3(?![A-Za-z0-9])"
)
_CLOSING_HASHES = re.compile(r"\s+#+\s*$")
_INLINE_CODE = re.compile(r"`+([^`]*)`+")


def strip_markdown(text: str) -> str:
    """Markdown to the text a reader sees: markers, link targets and code blocks go."""
    lines: list[str] = []
    in_code = False
    for line in text.split("\n"):
        if _FENCE.match(line):
            in_code = not in_code
            continue
        if in_code or _REFERENCE.match(line):
            continue
        if _SETEXT_RULE.match(line):
            lines.append("")
            continue
        if _HEADING.match(line):
            line = _CLOSING_HASHES.sub("", _HEADING.sub("", line))
        line = _BLOCKQUOTE.sub("", line)
        line = _LIST_ITEM.sub("", line)
        line = _IMAGE.sub("", line)
        line = _LINK.sub(lambda m: m.group(1) or m.group(2), line)
        line = _AUTOLINK.sub(r"\1", line)
        line = _HTML_TAG.sub("", line)
        line = _INLINE_CODE.sub(r"\1", line)
        line = _strip_emphasis(line)
        lines.append(line)
    return "\n".join(lines)


def _strip_emphasis(line: str) -> str:
    # Markers nest (***word***): strip until nothing changes.
    while True:
        stripped = _EMPHASIS.sub(lambda m: m.group(2) or m.group(4), line)
        if stripped == line:
            return line
        line = stripped
