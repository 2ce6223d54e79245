"""What the statistics are computed from: the review log since a time, cards falling due, and
terms counted by state and HSK level. The service buckets these into the learner's days."""

from dataclasses import dataclass
from datetime import datetime

from vocab.schedule import to_iso
from vocab.store.browse import TERM_STATES
from vocab.store.db import Database

# A card is mature once it holds for three weeks (Anki's convention): its stability, or the
# interval it was waiting out, is at least this many days.
MATURE_DAYS = 21


@dataclass(frozen=True)
class LoggedReview:
    reviewed_at: str  # ISO UTC
    rating: int
    duration_ms: int | None
    mature: bool  # the card was mature when answered


def reviews_since(db: Database, since: datetime) -> list[LoggedReview]:
    rows = db.execute(
        f"""
        SELECT reviewed_at, rating, duration_ms,
          coalesce(json_extract(state_before, '$.stability') >= {MATURE_DAYS}
            OR julianday(due_before) - julianday(json_extract(state_before, '$.last_review'))
               >= {MATURE_DAYS}, 0)
        FROM reviews INDEXED BY reviews_time WHERE reviewed_at >= ? ORDER BY reviewed_at
        """,
        [to_iso(since)],
    ).fetchall()
    return [LoggedReview(at, rating, ms, bool(mature)) for at, rating, ms, mature in rows]


def dues_before(db: Database, until: datetime) -> list[str]:
    """Due times (ISO UTC) of the cards in the queue that fall due before `until`, overdue
    included: not suspended, and not of a known word."""
    rows = db.execute(
        """
        SELECT c.due FROM cards c
        WHERE c.due IS NOT NULL AND c.due < ? AND NOT c.suspended
          AND NOT EXISTS (SELECT 1 FROM known k JOIN terms t ON k.word = t.simplified
                          WHERE t.id = c.term_id)
        """,
        [to_iso(until)],
    ).fetchall()
    return [due for (due,) in rows]


def terms_by_state_and_hsk(db: Database) -> dict[tuple[int | None, str], int]:
    """How many terms (names left out) there are per (HSK level, state)."""
    rows = db.execute(
        """
        SELECT t.hsk,
          CASE WHEN EXISTS (SELECT 1 FROM known k WHERE k.word = t.simplified) THEN 3
               ELSE coalesce(c.rank, 0) END AS rank,
          count(*)
        FROM terms t LEFT JOIN term_cards c ON c.term_id = t.id
        WHERE NOT t.is_name GROUP BY t.hsk, rank
        """
    ).fetchall()
    return {(hsk, TERM_STATES[rank]): int(n) for hsk, rank, n in rows}
