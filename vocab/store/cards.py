"""Cards in the review queue: finding the next one, suspending, knowing, editing, settings.

Every queue query walks an index and stops at the first hit (LIMIT), so it stays a few
milliseconds at a million cards. Answers and undo are in `vocab.store.reviews`.

Records read here are NamedTuples, rows as SQLite returns them: making a frozen dataclass
costs about a millisecond at import, and `vocab review` imports this module before its first card.
"""

import json
from datetime import datetime
from typing import NamedTuple

from vocab.schedule import to_iso
from vocab.store.db import Database

# A card is in the queue unless suspended, buried for today, or its word is known (`known` is
# kept by triggers on the known table, so the test costs nothing more than reading the index).
_AVAILABLE = """
    c.suspended = 0 AND c.known = 0
    AND (c.buried_until IS NULL OR c.buried_until <= :now)
    AND (:article IS NULL OR EXISTS (SELECT 1 FROM article_terms a
                                     WHERE a.article_id = :article AND a.term_id = c.term_id))
"""
LEARNING, REVIEW, RELEARNING = 1, 2, 3


class CardRow(NamedTuple):
    """A card as stored: its term, kind, fsrs state and the flags that keep it from the queue."""

    id: int
    term_id: int
    kind: str  # "recognition" or "recall"
    state: str | None  # fsrs Card.to_dict() JSON; None while new
    due: str | None
    fsrs_state: int | None
    lapses: int
    suspended: bool
    leech: bool
    buried_until: str | None


_CARD_COLUMNS = "id, term_id, kind, state, due, fsrs_state, lapses, suspended, leech, buried_until"


def get(db: Database, card_id: int) -> CardRow | None:
    row = db.execute(f"SELECT {_CARD_COLUMNS} FROM cards WHERE id = ?", [card_id]).fetchone()
    if row is None:
        return None
    card_id, term_id, kind, state, due, fsrs_state, lapses, suspended, leech, buried_until = row
    return CardRow(
        card_id,
        term_id,
        kind,
        state,
        due,
        fsrs_state,
        lapses,
        bool(suspended),
        bool(leech),
        buried_until,
    )


def _params(now: datetime, article_id: int | None, **more: object) -> dict[str, object]:
    return {"now": to_iso(now), "article": article_id, **more}


def first_learning(
    db: Database, now: datetime, until: datetime, article_id: int | None
) -> int | None:
    """The learning or relearning card due earliest, if it is due by `until`."""
    row = db.execute(
        f"""
        SELECT c.id FROM cards c
        WHERE c.fsrs_state IN ({LEARNING}, {RELEARNING}) AND c.due <= :until AND {_AVAILABLE}
        ORDER BY c.due LIMIT 1
        """,
        _params(now, article_id, until=to_iso(until)),
    ).fetchone()
    return int(row[0]) if row else None


def reviews_due(
    db: Database, now: datetime, day_end: datetime, article_id: int | None, limit: int
) -> list[int]:
    """Review cards due before the day ends, least likely to be remembered first.

    fsrs' retrievability (1 + f·t/S)^-d falls as elapsed time over stability (t/S) grows, with
    the same f and d for every card, so ordering by t/S descending is ordering by retrievability
    ascending, computed in SQL rather than by loading every due card. It reads the index made
    for it (m006): without stats of it, SQLite could walk the wider queue index instead.
    """
    rows = db.execute(
        f"""
        SELECT c.id FROM cards c INDEXED BY cards_reviews_due
        WHERE c.fsrs_state = {REVIEW} AND c.due < :day_end AND {_AVAILABLE}
        ORDER BY (julianday(:now) - c.last_review_julian) / c.stability DESC, c.due, c.id
        LIMIT :limit
        """,
        _params(now, article_id, day_end=to_iso(day_end), limit=limit),
    ).fetchall()
    return [int(card_id) for (card_id,) in rows]


def is_due_review(db: Database, card_id: int, now: datetime, day_end: datetime) -> bool:
    """Whether a review picked at the start of the session is still waiting (not answered,
    suspended, buried or known since)."""
    row = db.execute(
        f"""
        SELECT 1 FROM cards c
        WHERE c.id = :id AND c.fsrs_state = {REVIEW} AND c.due < :day_end AND {_AVAILABLE}
        """,
        _params(now, None, id=card_id, day_end=to_iso(day_end)),
    ).fetchone()
    return row is not None


def first_new(db: Database, now: datetime, article_id: int | None) -> int | None:
    """The next new card: in one article, by first appearance; across all, by creation, which
    is import order and, within an article, first appearance."""
    if article_id is None:
        sql = f"""
            SELECT c.id FROM cards c INDEXED BY cards_new_available
            WHERE c.due IS NULL AND {_AVAILABLE}
            ORDER BY c.id LIMIT 1
        """
    else:
        sql = f"""
            SELECT c.id FROM article_terms at INDEXED BY article_terms_first
            JOIN cards c ON c.term_id = at.term_id
            WHERE at.article_id = :article AND c.due IS NULL AND {_AVAILABLE}
            ORDER BY at.first, c.id LIMIT 1
        """
    row = db.execute(sql, _params(now, article_id)).fetchone()
    return int(row[0]) if row else None


def next_due(db: Database, now: datetime, article_id: int | None) -> datetime | None:
    """When the earliest studied card falls due (it may be due already). One indexed walk per
    fsrs state, each stopping at its first available card."""
    dues = []
    for state in (LEARNING, REVIEW, RELEARNING):
        row = db.execute(
            f"""
            SELECT c.due FROM cards c
            WHERE c.fsrs_state = :state AND c.due IS NOT NULL AND {_AVAILABLE}
            ORDER BY c.due LIMIT 1
            """,
            _params(now, article_id, state=state),
        ).fetchone()
        if row:
            dues.append(datetime.fromisoformat(row[0]))
    return min(dues, default=None)


# --- what a card shows ----------------------------------------------------------------------


class CardContent(NamedTuple):
    """Everything the review screen shows for a card."""

    card: CardRow
    simplified: str
    traditional: str
    pinyin: str
    pinyin_numbered: str
    definitions: list[str]
    user_definition: str | None
    hsk: int | None
    sentence_id: int | None
    zh: str | None
    start: int | None
    end: int | None
    en: str | None
    en_match: str | None
    article_id: int | None
    article_slug: str | None
    article_title: str | None


def content(db: Database, card_id: int, article_id: int | None = None) -> CardContent | None:
    """The card with its term and one example sentence (from `article_id` when given)."""
    card = get(db, card_id)
    if card is None:
        return None
    term = db.execute(
        "SELECT simplified, traditional, pinyin, pinyin_numbered, definitions, user_definition, hsk"
        " FROM terms WHERE id = ?",
        [card.term_id],
    ).fetchone()
    example = (
        db.execute(
            """
        SELECT s.id, s.zh, o.start, o.end, s.en, o.en_match, a.id, a.slug, a.title
        FROM occurrences o JOIN sentences s ON s.id = o.sentence_id
        JOIN articles a ON a.id = s.article_id
        WHERE o.term_id = :term AND (:article IS NULL OR s.article_id = :article)
        ORDER BY s.en IS NULL, o.example DESC, s.article_id, s.idx
        LIMIT 1
        """,
            {"term": card.term_id, "article": article_id},
        ).fetchone()
        or (None,) * 9
    )
    simplified, traditional, pinyin, numbered, definitions, user_definition, hsk = term
    return CardContent(
        card,
        simplified,
        traditional,
        pinyin,
        numbered,
        json.loads(definitions),
        user_definition,
        hsk,
        *example,
    )


class ContextSentence(NamedTuple):
    """A sentence of the paragraph around a card's example, and whether it is that example."""

    zh: str
    en: str | None
    is_current: bool


def paragraph_of(db: Database, sentence_id: int) -> list[ContextSentence]:
    """The sentences of the paragraph a sentence belongs to, in order."""
    rows = db.execute(
        """
        SELECT s.id, s.zh, s.en FROM sentences s
        JOIN sentences here ON here.article_id = s.article_id AND here.paragraph = s.paragraph
        WHERE here.id = ?
        ORDER BY s.idx
        """,
        [sentence_id],
    ).fetchall()
    return [ContextSentence(zh, en, row_id == sentence_id) for row_id, zh, en in rows]


# --- the learner's changes ------------------------------------------------------------------


def set_suspended(db: Database, card_id: int, suspended: bool) -> None:
    with db.atomic():
        db.execute("UPDATE cards SET suspended = ? WHERE id = ?", [int(suspended), card_id])


def mark_known(db: Database, word: str, now: datetime) -> None:
    """The word's cards (every reading) leave the queue; known words count for coverage.
    A trigger on `known` sets the cards' flag in this same statement (migration m004)."""
    with db.atomic():
        db.execute(
            "INSERT OR IGNORE INTO known (word, added_at) VALUES (?, ?)", [word, to_iso(now)]
        )


def unmark_known(db: Database, word: str) -> None:
    with db.atomic():
        db.execute("DELETE FROM known WHERE word = ?", [word])


def is_known(db: Database, word: str) -> bool:
    return db.execute("SELECT 1 FROM known WHERE word = ?", [word]).fetchone() is not None


def set_user_definition(db: Database, term_id: int, meaning: str | None) -> None:
    """The learner's own meaning, shown instead of the dictionary's; None restores those."""
    with db.atomic():
        db.execute("UPDATE terms SET user_definition = ? WHERE id = ?", [meaning, term_id])


# --- overview counts ------------------------------------------------------------------------


class ArticleCounts(NamedTuple):
    """An article's cards: never studied, due today, studied and not due."""

    id: int
    slug: str
    title: str
    new: int
    due: int
    learned: int


def article_counts(db: Database, now: datetime, day_end: datetime) -> list[ArticleCounts]:
    """Per article: cards never studied, cards due today, cards studied and not due."""
    rows = db.execute(
        """
        SELECT ar.id, ar.slug, ar.title,
          coalesce(sum(c.id IS NOT NULL AND c.due IS NULL), 0),
          coalesce(sum(c.due IS NOT NULL AND (c.due < :day_end)), 0),
          coalesce(sum(c.due IS NOT NULL AND c.due >= :day_end), 0)
        FROM articles ar
        LEFT JOIN article_terms a ON a.article_id = ar.id
        LEFT JOIN cards c ON c.term_id = a.term_id AND c.suspended = 0 AND c.known = 0
        GROUP BY ar.id
        ORDER BY ar.imported_at, ar.id
        """,
        {"day_end": to_iso(day_end), "now": to_iso(now)},
    ).fetchall()
    return [ArticleCounts(*row) for row in rows]


class QueueCounts(NamedTuple):
    """Cards waiting today, by part of the queue."""

    learning: int
    reviews: int
    new: int


def queue_counts(db: Database, now: datetime, day_end: datetime) -> QueueCounts:
    """Cards waiting today over all articles, before the daily limits."""
    params = _params(now, None, day_end=to_iso(day_end))
    counts = []
    for where in (
        f"c.fsrs_state IN ({LEARNING}, {RELEARNING}) AND c.due < :day_end",
        f"c.fsrs_state = {REVIEW} AND c.due < :day_end",
        "c.due IS NULL",
    ):
        (count,) = db.execute(
            f"SELECT count(*) FROM cards c WHERE {where} AND {_AVAILABLE}", params
        ).fetchone()
        counts.append(int(count))
    return QueueCounts(*counts)


def article_id(db: Database, slug: str) -> int | None:
    row = db.execute("SELECT id FROM articles WHERE slug = ?", [slug]).fetchone()
    return int(row[0]) if row else None


# --- settings -------------------------------------------------------------------------------


def settings(db: Database) -> dict[str, str]:
    return {key: value for key, value in db.execute("SELECT key, value FROM settings").fetchall()}


def set_setting(db: Database, key: str, value: str) -> None:
    with db.atomic():
        db.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, value],
        )
