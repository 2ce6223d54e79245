"""Review history for fitting the scheduler: vocab's own reviews, and review logs imported from
other apps (kept in `imported_reviews`, apart from vocab's cards, whose ids they do not share)."""

from collections.abc import Iterable
from dataclasses import dataclass

from vocab.store.db import Database


@dataclass(frozen=True)
class HistoryReview:
    card: str  # "vocab:<card id>" or "import:<the other app's card id>"
    rating: int
    reviewed_at: str  # ISO UTC


def all_reviews(db: Database) -> list[HistoryReview]:
    """Every review, own and imported, card by card in time order."""
    rows = db.execute(
        """
        SELECT 'vocab:' || card_id, rating, reviewed_at FROM reviews
        UNION ALL
        SELECT 'import:' || card_key, rating, reviewed_at FROM imported_reviews
        ORDER BY 1, 3
        """
    ).fetchall()
    return [HistoryReview(card, int(rating), at) for card, rating, at in rows]


def review_count(db: Database) -> int:
    (own,) = db.execute("SELECT count(*) FROM reviews").fetchone()
    (imported,) = db.execute("SELECT count(*) FROM imported_reviews").fetchone()
    return int(own) + int(imported)


def add_imported(
    db: Database, rows: Iterable[tuple[str, int, str, int | None]], source: str
) -> int:
    """Add (card id, rating, ISO UTC time, duration ms) rows in one transaction; a review
    already imported (same card, same time) is skipped. Returns how many were new."""
    with db.atomic():
        (before,) = db.execute("SELECT count(*) FROM imported_reviews").fetchone()
        db.conn.executemany(
            "INSERT OR IGNORE INTO imported_reviews (card_key, rating, reviewed_at, duration_ms,"
            " source) VALUES (?, ?, ?, ?, ?)",
            [(*row, source) for row in rows],
        )
        (after,) = db.execute("SELECT count(*) FROM imported_reviews").fetchone()
    return int(after) - int(before)
