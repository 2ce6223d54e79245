"""Answers: writing a review (card and log together), undoing it, and today's counts.

Records read here are NamedTuples, as in `vocab.store.cards`: cheap to define at import.
"""

import json
from datetime import datetime
from typing import NamedTuple

from vocab.schedule import LEECH_LAPSES, Reviewed, to_iso
from vocab.store.cards import REVIEW
from vocab.store.db import Database


def record(
    db: Database,
    card_id: int,
    rating: int,
    reviewed: Reviewed,
    now: datetime,
    duration_ms: int | None,
    sibling_buried_until: datetime,
) -> int:
    """Update the card, log the review and bury the card's sibling, in one transaction that is
    committed before this returns: a crash after it loses nothing."""
    with db.atomic():
        before = db.execute("SELECT state, due FROM cards WHERE id = ?", [card_id]).fetchone()
        cursor = db.execute(
            "INSERT INTO reviews (card_id, rating, reviewed_at, duration_ms, state_before,"
            " due_before, log) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [card_id, rating, to_iso(now), duration_ms, before[0], before[1], reviewed.log],
        )
        db.execute(
            "UPDATE cards SET state = ?, due = ?, fsrs_state = ?, stability = ?, last_review = ?,"
            " lapses = ?, leech = leech OR ?, suspended = suspended OR ? WHERE id = ?",
            [
                reviewed.state,
                to_iso(reviewed.due),
                reviewed.fsrs_state,
                reviewed.stability,
                to_iso(reviewed.last_review),
                reviewed.lapses,
                int(reviewed.became_leech),
                int(reviewed.became_leech),
                card_id,
            ],
        )
        db.execute(
            "UPDATE cards SET buried_until = ? WHERE id != ?"
            " AND term_id = (SELECT term_id FROM cards WHERE id = ?)",
            [to_iso(sibling_buried_until), card_id, card_id],
        )
    assert cursor.lastrowid is not None
    return int(cursor.lastrowid)


class UndoneReview(NamedTuple):
    """The card an undo put back, and the grade it took back."""

    card_id: int
    rating: int


def undo(db: Database, review_id: int, day_start: datetime) -> UndoneReview | None:
    """Put the card back as it was before the review and delete the review row.

    The lapse count and leech flag are derived back from the state before; the sibling is
    unburied unless the card was also reviewed earlier today (which buried it anyway).
    """
    with db.atomic():
        row = db.execute(
            "SELECT card_id, rating, state_before, due_before FROM reviews WHERE id = ?",
            [review_id],
        ).fetchone()
        if row is None:
            return None
        card_id, rating, state_before, due_before = row
        lapsed = (
            rating == 1
            and state_before is not None
            and (json.loads(state_before)["state"] == REVIEW)
        )
        fsrs_state = stability = last_review = None
        if state_before is not None:
            fields = json.loads(state_before)
            fsrs_state, stability = fields["state"], fields["stability"]
            last_review = fields["last_review"] and to_iso(
                datetime.fromisoformat(fields["last_review"])
            )
        (lapses,) = db.execute("SELECT lapses FROM cards WHERE id = ?", [card_id]).fetchone()
        restored_lapses = lapses - int(lapsed)
        unleech = lapsed and lapses >= LEECH_LAPSES and restored_lapses < LEECH_LAPSES
        db.execute(
            "UPDATE cards SET state = ?, due = ?, fsrs_state = ?, stability = ?, last_review = ?,"
            " lapses = ?, leech = leech AND NOT ?, suspended = suspended AND NOT ? WHERE id = ?",
            [
                state_before,
                due_before,
                fsrs_state,
                stability,
                last_review,
                restored_lapses,
                int(unleech),
                int(unleech),
                card_id,
            ],
        )
        db.execute("DELETE FROM reviews WHERE id = ?", [review_id])
        earlier_today = db.execute(
            "SELECT 1 FROM reviews WHERE card_id = ? AND reviewed_at >= ?",
            [card_id, to_iso(day_start)],
        ).fetchone()
        if earlier_today is None:
            db.execute(
                "UPDATE cards SET buried_until = NULL WHERE id != ?"
                " AND term_id = (SELECT term_id FROM cards WHERE id = ?)",
                [card_id, card_id],
            )
    return UndoneReview(int(card_id), int(rating))


class DayCounts(NamedTuple):
    """Today's answers, as the daily limits count them."""

    new: int  # cards first studied today
    reviews: int  # answers to cards that were in review
    total: int  # every answer today, learning steps included
    correct: int  # answers other than Again


def done_since(db: Database, day_start: datetime) -> DayCounts:
    row = db.execute(
        f"""
        SELECT coalesce(sum(state_before IS NULL), 0),
               coalesce(sum(json_extract(state_before, '$.state') = {REVIEW}), 0),
               count(*),
               coalesce(sum(rating > 1), 0)
        FROM reviews WHERE reviewed_at >= ?
        """,
        [to_iso(day_start)],
    ).fetchone()
    return DayCounts(*(int(value) for value in row))


class ReviewRow(NamedTuple):
    """A review as stored."""

    id: int
    card_id: int
    rating: int
    reviewed_at: str
    duration_ms: int | None
    state_before: str | None
    due_before: str | None
    log: str


def for_card(db: Database, card_id: int) -> list[ReviewRow]:
    rows = db.execute(
        "SELECT id, card_id, rating, reviewed_at, duration_ms, state_before, due_before, log"
        " FROM reviews WHERE card_id = ? ORDER BY id",
        [card_id],
    ).fetchall()
    return [ReviewRow(*row) for row in rows]
