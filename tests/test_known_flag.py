"""A known word's cards leave the review queue, however the word became known, and come back
when it is forgotten: the `known` flag on cards follows the known list in the same transaction."""

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from vocab.service import known
from vocab.service import review as rv
from vocab.store import open_db
from vocab.store.db import Database

NOW = datetime(2026, 11, 30, 1, 0, tzinfo=UTC)
TZ = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def db(seed_db: Path) -> Database:
    return open_db(seed_db)


def flags(db: Database, word: str) -> list[int]:
    rows = db.execute(
        "SELECT c.known FROM cards c JOIN terms t ON t.id = c.term_id"
        " WHERE t.simplified = ? ORDER BY c.id",
        [word],
    ).fetchall()
    return [flag for (flag,) in rows]


def first_word(db: Database) -> str:
    card = rv.next_card(rv.start_session(db, NOW, TZ), NOW)
    assert card is not None
    return card.content.simplified


def test_marking_known_in_review_takes_both_cards_out(db: Database) -> None:
    session = rv.start_session(db, NOW, TZ)
    card = rv.next_card(session, NOW)
    assert card is not None
    word = card.content.simplified
    assert flags(db, word) == [0, 0]
    rv.mark_known(session, card, NOW)
    assert flags(db, word) == [1, 1]
    assert first_word(db) != word
    assert db.execute("SELECT count(*) FROM cards WHERE known = 1").fetchone() == (2,)


def test_known_word_lists_set_and_clear_the_flag(db: Database) -> None:
    word = first_word(db)
    change = known.add_words(db, [word, "银行"], NOW)
    assert change.added == 2
    assert flags(db, word) == [1, 1]
    assert first_word(db) != word
    known.remove_words(db, [word])
    assert flags(db, word) == [0, 0]
    assert first_word(db) == word


def test_a_card_made_for_a_known_word_starts_known(db: Database) -> None:
    word = first_word(db)
    (term_id,) = db.execute("SELECT id FROM terms WHERE simplified = ?", [word]).fetchone()
    db.execute("DELETE FROM cards WHERE term_id = ?", [term_id])
    known.add_words(db, [word], NOW)
    db.execute(
        "INSERT INTO cards (term_id, kind, created_at) VALUES (?, 'recognition', ?)",
        [term_id, NOW.isoformat()],
    )
    assert flags(db, word) == [1]
    assert first_word(db) != word


def test_a_known_word_stays_out_of_the_overview_counts(db: Database) -> None:
    before = rv.overview(db, NOW, TZ).articles[0].new
    known.add_words(db, [first_word(db)], NOW)
    assert rv.overview(db, NOW, TZ).articles[0].new == before - 2
