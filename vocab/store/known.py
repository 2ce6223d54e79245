"""Words the learner already knows: no cards are made for them, and analysis counts them as known."""

from collections.abc import Iterable
from datetime import datetime

from vocab.store.db import Database

# A recognition card this stable (FSRS stability, in days) counts its word as known.
WELL_KNOWN_STABILITY = 21.0


def all_words(db: Database) -> set[str]:
    return {word for (word,) in db.execute("SELECT word FROM known").fetchall()}


def listed(db: Database) -> list[tuple[str, str]]:
    """(word, added at) pairs, oldest first."""
    rows = db.execute("SELECT word, added_at FROM known ORDER BY added_at, word").fetchall()
    return [(word, added_at) for word, added_at in rows]


def add(db: Database, words: Iterable[str], now: datetime) -> int:
    """Add the words not yet known; returns how many were new."""
    unique = list(dict.fromkeys(words))
    with db.atomic():
        before = _count(db)
        db.conn.executemany(
            "INSERT OR IGNORE INTO known (word, added_at) VALUES (?, ?)",
            [(word, now.isoformat()) for word in unique],
        )
        return _count(db) - before


def remove(db: Database, words: Iterable[str]) -> int:
    """Forget the words; returns how many were known."""
    unique = list(dict.fromkeys(words))
    with db.atomic():
        before = _count(db)
        db.conn.executemany("DELETE FROM known WHERE word = ?", [(word,) for word in unique])
        return before - _count(db)


def well_reviewed(db: Database, min_stability: float = WELL_KNOWN_STABILITY) -> set[str]:
    """Words whose recognition card has a stability above `min_stability` days."""
    rows = db.execute(
        "SELECT DISTINCT t.simplified FROM cards c JOIN terms t ON t.id = c.term_id"
        " WHERE c.kind = 'recognition' AND c.stability > ?",
        [min_stability],
    ).fetchall()
    return {word for (word,) in rows}


def _count(db: Database) -> int:
    return int(db.execute("SELECT count(*) FROM known").fetchone()[0])
