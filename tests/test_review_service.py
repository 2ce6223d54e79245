"""Review sessions on the seed article imported into a real SQLite file."""

import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from vocab.errors import NotFoundError
from vocab.schedule import LEECH_LAPSES, Grade, Queue, SettingError, retrievability
from vocab.service import review as rv
from vocab.store import open_db
from vocab.store.db import Database

NOW = datetime(2026, 11, 30, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai
TZ = ZoneInfo("Asia/Shanghai")
MINUTE = timedelta(minutes=1)


@pytest.fixture
def db(seed_db: Path) -> Database:
    return open_db(seed_db)


def first_appearance_order(db: Database) -> list[str]:
    rows = db.execute(
        "SELECT t.simplified FROM article_terms at JOIN terms t ON t.id = at.term_id"
        " WHERE NOT t.is_name ORDER BY at.first"
    ).fetchall()
    return [word for (word,) in rows]


def due_of(db: Database, card_id: int) -> str | None:
    return db.execute("SELECT due FROM cards WHERE id = ?", [card_id]).fetchone()[0]


def test_new_cards_come_in_order_of_first_appearance(db: Database) -> None:
    rv.set_setting(db, "new_per_day", "5")
    session = rv.start_session(db, NOW, TZ, article="ai-new-jobs")
    seen = []
    while (card := rv.next_card(session, NOW)) is not None:
        assert card.queue in (Queue.NEW, Queue.LEARN_AHEAD)
        if card.queue == Queue.LEARN_AHEAD:
            break
        seen.append((card.content.simplified, card.kind))
        rv.answer(session, card, Grade.EASY, NOW, 3000)
    # Each term's recall card is buried for today by its recognition sibling.
    assert seen == [(word, "recognition") for word in first_appearance_order(db)[:5]]


def test_a_card_shows_its_sentence_translation_and_highlight(db: Database) -> None:
    session = rv.start_session(db, NOW, TZ)
    card = rv.next_card(session, NOW)
    while card is not None and card.content.en_match is None:
        rv.answer(session, card, Grade.EASY, NOW, None)
        card = rv.next_card(session, NOW)
    assert card is not None
    content = card.content
    assert content.zh is not None and content.start is not None and content.end is not None
    assert content.zh[content.start : content.end] == content.simplified
    assert content.en is not None and content.en_match is not None
    assert content.en_match in content.en
    assert content.article_slug == "ai-new-jobs"
    assert content.article_title and card.meanings and content.pinyin


def test_answer_is_committed_with_its_review_row(db: Database, seed_db: Path) -> None:
    session = rv.start_session(db, NOW, TZ)
    card = rv.next_card(session, NOW)
    assert card is not None and due_of(db, card.id) is None
    answered = rv.answer(session, card, Grade.GOOD, NOW, 4200)
    assert answered.due == NOW + timedelta(minutes=10) or answered.due > NOW
    # Another connection sees it at once: nothing is left in an open transaction.
    other = sqlite3.connect(seed_db)
    due, state = other.execute("SELECT due, state FROM cards WHERE id = ?", [card.id]).fetchone()
    assert datetime.fromisoformat(due) == answered.due
    assert json.loads(state)["card_id"] == card.id
    rating, duration, before, log = other.execute(
        "SELECT rating, duration_ms, state_before, log FROM reviews WHERE card_id = ?", [card.id]
    ).fetchone()
    assert (rating, duration, before) == (3, 4200, None)
    assert json.loads(log)["review_duration"] == 4200


def test_sibling_is_buried_until_the_next_day(db: Database) -> None:
    rv.set_setting(db, "new_per_day", "1")
    session = rv.start_session(db, NOW, TZ)
    card = rv.next_card(session, NOW)
    assert card is not None and card.kind == "recognition"
    rv.answer(session, card, Grade.EASY, NOW, None)
    assert rv.next_card(session, NOW) is None
    # 04:00 in Shanghai the next day: the sibling recall card is the new card.
    tomorrow = datetime(2026, 11, 30, 20, 0, tzinfo=UTC)
    next_day = rv.start_session(db, tomorrow, TZ)
    sibling = rv.next_card(next_day, tomorrow)
    assert sibling is not None
    assert (sibling.kind, sibling.content.simplified) == ("recall", card.content.simplified)


def test_daily_new_limit_then_learning_cards_within_twenty_minutes(db: Database) -> None:
    rv.set_setting(db, "new_per_day", "3")
    session = rv.start_session(db, NOW, TZ)
    learning = []
    for _ in range(3):
        card = rv.next_card(session, NOW)
        assert card is not None and card.queue == Queue.NEW
        rv.answer(session, card, Grade.GOOD, NOW, None)  # next step in 10 minutes
        learning.append(card.id)
    ahead = rv.next_card(session, NOW)
    assert ahead is not None and ahead.queue == Queue.LEARN_AHEAD and ahead.id == learning[0]
    later = NOW + 11 * MINUTE
    due = rv.next_card(session, later)
    assert due is not None and due.queue == Queue.LEARNING and due.id == learning[0]


def test_learning_cards_come_before_new_ones(db: Database) -> None:
    session = rv.start_session(db, NOW, TZ)
    first = rv.next_card(session, NOW)
    assert first is not None
    rv.answer(session, first, Grade.AGAIN, NOW, None)  # due again in 1 minute
    second = rv.next_card(session, NOW)
    assert second is not None and second.queue == Queue.NEW and second.id != first.id
    again = rv.next_card(session, NOW + 2 * MINUTE)
    assert again is not None and (again.id, again.queue) == (first.id, Queue.LEARNING)


def graduate(db: Database, count: int, when: datetime) -> list[int]:
    rv.set_setting(db, "new_per_day", str(count))
    session = rv.start_session(db, when, TZ)
    ids = []
    for _ in range(count):
        card = rv.next_card(session, when)
        assert card is not None
        rv.answer(session, card, Grade.EASY, when, None)
        ids.append(card.id)
    return ids


def test_reviews_come_least_remembered_first_within_the_daily_limit(db: Database) -> None:
    rv.set_setting(db, "fuzz", "off")
    # Recognition cards only: answering a card buries its sibling, which would hide half of them.
    db.execute("UPDATE cards SET suspended = 1 WHERE kind = 'recall'")
    early = graduate(db, 2, NOW)
    late = graduate(db, 2, NOW + timedelta(days=3))
    rv.set_setting(db, "new_per_day", "0")
    rv.set_setting(db, "reviews_per_day", "3")
    when = NOW + timedelta(days=12)
    session = rv.start_session(db, when, TZ)
    shown = []
    while (card := rv.next_card(session, when)) is not None:
        assert card.queue == Queue.REVIEW
        shown.append(card)
        rv.answer(session, card, Grade.GOOD, when, None)
    assert len(shown) == 3
    assert {c.id for c in shown} <= set(early + late)
    chance = [retrievability(session.scheduler, c.content.card.state, when) for c in shown]
    assert chance == sorted(chance)
    assert set(early) <= {c.id for c in shown}


def test_undo_restores_the_card_and_deletes_the_review(db: Database) -> None:
    session = rv.start_session(db, NOW, TZ)
    card = rv.next_card(session, NOW)
    assert card is not None
    before = db.execute("SELECT * FROM cards WHERE id = ?", [card.id]).fetchone()
    sibling_before = db.execute(
        "SELECT buried_until FROM cards WHERE term_id = ? AND id != ?",
        [card.content.card.term_id, card.id],
    ).fetchone()
    rv.answer(session, card, Grade.GOOD, NOW, 1000)
    assert db.execute("SELECT count(*) FROM reviews").fetchone()[0] == 1
    back = rv.undo(session)
    assert back is not None and back.id == card.id
    assert db.execute("SELECT * FROM cards WHERE id = ?", [card.id]).fetchone() == before
    assert db.execute("SELECT count(*) FROM reviews").fetchone()[0] == 0
    assert (
        db.execute(
            "SELECT buried_until FROM cards WHERE term_id = ? AND id != ?",
            [card.content.card.term_id, card.id],
        ).fetchone()
        == sibling_before
    )
    shown_again = rv.next_card(session, NOW)
    assert shown_again is not None and shown_again.id == card.id
    assert rv.undo(session) is None


def test_undo_of_a_review_restores_its_state_exactly(db: Database) -> None:
    [card_id] = graduate(db, 1, NOW)
    when = NOW + timedelta(days=30)
    session = rv.start_session(db, when, TZ)
    card = rv.next_card(session, when)
    assert card is not None and card.id == card_id and card.queue == Queue.REVIEW
    before = db.execute("SELECT * FROM cards WHERE id = ?", [card_id]).fetchone()
    rv.answer(session, card, Grade.AGAIN, when, None)
    assert db.execute("SELECT lapses FROM cards WHERE id = ?", [card_id]).fetchone()[0] == 1
    rv.undo(session)
    assert db.execute("SELECT * FROM cards WHERE id = ?", [card_id]).fetchone() == before


def test_a_leech_is_tagged_and_suspended_with_a_notice(db: Database) -> None:
    [card_id] = graduate(db, 1, NOW)
    db.execute("UPDATE cards SET lapses = ? WHERE id = ?", [LEECH_LAPSES - 1, card_id])
    when = NOW + timedelta(days=30)
    session = rv.start_session(db, when, TZ)
    card = rv.next_card(session, when)
    assert card is not None and card.id == card_id
    answered = rv.answer(session, card, Grade.AGAIN, when, None)
    assert answered.notice is not None and "leech" in answered.notice
    row = db.execute("SELECT lapses, leech, suspended FROM cards WHERE id = ?", [card_id])
    assert row.fetchone() == (LEECH_LAPSES, 1, 1)
    later = rv.next_card(session, when + timedelta(hours=1))
    assert later is None or later.id != card_id
    rv.undo(session)
    row = db.execute("SELECT lapses, leech, suspended FROM cards WHERE id = ?", [card_id])
    assert row.fetchone() == (LEECH_LAPSES - 1, 0, 0)


def test_suspend_takes_the_card_out_of_the_queue(db: Database) -> None:
    session = rv.start_session(db, NOW, TZ)
    card = rv.next_card(session, NOW)
    assert card is not None
    rv.suspend(session, card)
    assert db.execute("SELECT suspended FROM cards WHERE id = ?", [card.id]).fetchone()[0] == 1
    following = rv.next_card(session, NOW)
    assert following is not None and following.id != card.id


def test_known_word_leaves_the_queue_with_both_cards(db: Database) -> None:
    session = rv.start_session(db, NOW, TZ)
    card = rv.next_card(session, NOW)
    assert card is not None
    rv.mark_known(session, card, NOW)
    word = card.content.simplified
    assert db.execute("SELECT count(*) FROM known WHERE word = ?", [word]).fetchone()[0] == 1
    seen = set()
    while (shown := rv.next_card(session, NOW)) is not None and shown.queue == Queue.NEW:
        seen.add(shown.content.simplified)
        rv.answer(session, shown, Grade.EASY, NOW, None)
    assert word not in seen and len(seen) == 20  # knowing a word uses none of the 20 new


def test_edit_meaning_shows_the_learners_own(db: Database) -> None:
    session = rv.start_session(db, NOW, TZ)
    card = rv.next_card(session, NOW)
    assert card is not None
    dictionary = card.meanings
    edited = rv.edit_meaning(session, card, "  to open up  ")
    assert edited.meanings == ["to open up"]
    stored = db.execute(
        "SELECT user_definition FROM terms WHERE id = ?", [card.content.card.term_id]
    ).fetchone()[0]
    assert stored == "to open up"
    assert rv.edit_meaning(session, edited, " ").meanings == dictionary


def test_recall_card_checks_the_typed_reading(db: Database) -> None:
    session = rv.start_session(db, NOW, TZ)
    recognition = rv.next_card(session, NOW)
    assert recognition is not None
    rv.answer(session, recognition, Grade.EASY, NOW, None)
    tomorrow = NOW + timedelta(days=1)
    recall = rv.next_card(rv.start_session(db, tomorrow, TZ), tomorrow)
    assert recall is not None and recall.kind == "recall"
    typed = recall.content.pinyin_numbered.replace(" ", "")
    assert rv.check_recall(recall, typed).grade == Grade.GOOD
    assert rv.check_recall(recall, "xxx").grade == Grade.AGAIN


def test_summary_counts_the_session(db: Database) -> None:
    session = rv.start_session(db, NOW, TZ)
    for grade in (Grade.GOOD, Grade.AGAIN, Grade.EASY, Grade.GOOD):
        card = rv.next_card(session, NOW)
        assert card is not None
        rv.answer(session, card, grade, NOW, 2000)
    summary = rv.summary(session, NOW + 5 * MINUTE)
    assert (summary.reviewed, summary.correct, summary.correct_percent) == (4, 3, 75)
    assert summary.elapsed == 5 * MINUTE
    assert summary.next_due == NOW + MINUTE  # the Again card, due again already


def test_overview_counts_articles_and_today(db: Database) -> None:
    before = rv.overview(db, NOW, TZ)
    [article] = before.articles
    assert article.slug == "ai-new-jobs" and article.due == 0 and article.learned == 0
    assert before.done_today == 0 and before.remaining_today == 20
    graduate(db, 2, NOW)
    rv.set_setting(db, "new_per_day", "20")
    after = rv.overview(db, NOW, TZ)
    assert after.articles[0].new == article.new - 2
    assert after.articles[0].learned == 2
    assert after.done_today == 2 and after.remaining_today == 18


def test_context_is_the_cards_paragraph(db: Database) -> None:
    session = rv.start_session(db, NOW, TZ)
    card = rv.next_card(session, NOW)
    assert card is not None
    paragraph = rv.context(session, card)
    assert [s.zh for s in paragraph if s.is_current] == [card.content.zh]


def test_unknown_article_and_bad_setting_are_clear_errors(db: Database) -> None:
    with pytest.raises(NotFoundError, match="no article called 'nope'"):
        rv.start_session(db, NOW, TZ, article="nope")
    with pytest.raises(SettingError, match="new_per_day"):
        rv.set_setting(db, "new_per_day", "many")


def test_a_session_across_the_day_boundary_refreshes_its_day(db: Database) -> None:
    rv.set_setting(db, "new_per_day", "1")
    session = rv.start_session(db, NOW, TZ)
    card = rv.next_card(session, NOW)
    assert card is not None
    rv.answer(session, card, Grade.EASY, NOW, None)
    assert rv.next_card(session, NOW) is None
    tomorrow = datetime(2026, 11, 30, 20, 0, tzinfo=UTC)
    fresh = rv.next_card(session, tomorrow)
    assert fresh is not None and fresh.queue == Queue.NEW


def test_an_empty_queue_says_when_the_daily_new_limit_is_the_reason(db: Database) -> None:
    rv.set_setting(db, "new_per_day", "2")
    session = rv.start_session(db, NOW, TZ)
    assert rv.limit_reached(session, NOW) is None  # new cards still allowed today
    for _ in range(2):
        card = rv.next_card(session, NOW)
        assert card is not None
        rv.answer(session, card, Grade.EASY, NOW, 1000)
    later = NOW + timedelta(hours=1)
    while (card := rv.next_card(session, later)) is not None:
        rv.answer(session, card, Grade.EASY, later, 1000)
    assert rv.limit_reached(session, later) == (
        "You have had today's 2 new cards; more tomorrow, "
        "or raise the limit with `vocab settings new_per_day N`."
    )
