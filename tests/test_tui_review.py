"""The review and home screens driven through Textual's Pilot: each key and the state it changes."""

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from textual.widgets import Input

from tests.conftest import SEED
from vocab.service import review as rv
from vocab.store import open_db
from vocab.tui.app import VocabApp
from vocab.tui.screens.context import ContextScreen
from vocab.tui.screens.edit_meaning import EditMeaningScreen
from vocab.tui.screens.help import HelpScreen
from vocab.tui.screens.home import HomeScreen
from vocab.tui.screens.import_file import ImportFileScreen
from vocab.tui.screens.review import ReviewScreen
from vocab.tui.screens.summary import SummaryScreen

NOW = datetime(2026, 11, 30, 1, 0, tzinfo=UTC)
TZ = ZoneInfo("Asia/Shanghai")
SIZE = (80, 24)


def make_app(path: Path, start: str = "review", article: str | None = None) -> VocabApp:
    return VocabApp(path, start=start, article=article, clock=lambda: NOW, tz=TZ)  # type: ignore[arg-type]


def card_row(path: Path, card_id: int) -> tuple[object, ...]:
    db = open_db(path)
    try:
        return tuple(db.execute("SELECT * FROM cards WHERE id = ?", [card_id]).fetchone())
    finally:
        db.close()


def review_rows(path: Path) -> list[tuple[int, int]]:
    db = open_db(path)
    try:
        return [tuple(r) for r in db.execute("SELECT card_id, rating FROM reviews ORDER BY id")]
    finally:
        db.close()


def screen(app: VocabApp) -> ReviewScreen:
    assert isinstance(app.screen, ReviewScreen)
    return app.screen


def current_id(app: VocabApp) -> int:
    card = screen(app).card
    assert card is not None
    return card.id


async def test_space_reveals_and_a_grade_moves_the_due_date(seed_db: Path) -> None:
    app = make_app(seed_db)
    async with app.run_test(size=SIZE) as pilot:
        first = current_id(app)
        assert not screen(app).revealed and card_row(seed_db, first)[4] is None
        await pilot.press("space")
        assert screen(app).revealed
        assert "10m" in str(screen(app).query_one("#grades").render())
        await pilot.press("3")
        due = datetime.fromisoformat(str(card_row(seed_db, first)[4]))
        assert due == NOW + timedelta(minutes=10)
        assert review_rows(seed_db) == [(first, 3)]
        assert current_id(app) != first and not screen(app).revealed


@pytest.mark.parametrize(("key", "rating"), [("1", 1), ("2", 2), ("3", 3), ("4", 4)])
async def test_each_grade_key_writes_its_rating(seed_db: Path, key: str, rating: int) -> None:
    app = make_app(seed_db)
    async with app.run_test(size=SIZE) as pilot:
        first = current_id(app)
        await pilot.press(key)  # before the answer is shown a grade does nothing
        assert review_rows(seed_db) == []
        await pilot.press("enter", key)
        assert review_rows(seed_db) == [(first, rating)]
        assert card_row(seed_db, first)[4] is not None


async def test_enter_after_reveal_answers_good(seed_db: Path) -> None:
    app = make_app(seed_db)
    async with app.run_test(size=SIZE) as pilot:
        first = current_id(app)
        await pilot.press("enter", "enter")
        assert review_rows(seed_db) == [(first, 3)]


async def test_u_undoes_the_last_answer(seed_db: Path) -> None:
    app = make_app(seed_db)
    async with app.run_test(size=SIZE) as pilot:
        first = current_id(app)
        before = card_row(seed_db, first)
        await pilot.press("space", "4")
        assert card_row(seed_db, first) != before
        await pilot.press("u")
        assert card_row(seed_db, first) == before
        assert review_rows(seed_db) == []
        assert current_id(app) == first


async def test_s_suspends_the_card(seed_db: Path) -> None:
    app = make_app(seed_db)
    async with app.run_test(size=SIZE) as pilot:
        first = current_id(app)
        await pilot.press("s")
        assert card_row(seed_db, first)[8] == 1  # suspended
        assert current_id(app) != first


async def test_k_marks_the_word_known(seed_db: Path) -> None:
    app = make_app(seed_db)
    async with app.run_test(size=SIZE) as pilot:
        card = screen(app).card
        assert card is not None
        await pilot.press("k")
        db = open_db(seed_db)
        assert db.execute("SELECT word FROM known").fetchall() == [(card.content.simplified,)]
        db.close()
        following = screen(app).card
        assert following is not None and following.content.simplified != card.content.simplified


async def test_e_edits_the_meaning(seed_db: Path) -> None:
    app = make_app(seed_db)
    async with app.run_test(size=SIZE) as pilot:
        card = screen(app).card
        assert card is not None
        await pilot.press("e")
        assert isinstance(app.screen, EditMeaningScreen)
        app.screen.query_one(Input).value = "to open (a door, a new path)"
        await pilot.press("enter")
        assert isinstance(app.screen, ReviewScreen)
        db = open_db(seed_db)
        (meaning,) = db.execute(
            "SELECT user_definition FROM terms WHERE id = ?", [card.content.card.term_id]
        ).fetchone()
        db.close()
        assert meaning == "to open (a door, a new path)"
        await pilot.press("space")
        assert "to open (a door, a new path)" in str(screen(app).query_one("#back").render())


async def test_escape_cancels_an_edit(seed_db: Path) -> None:
    app = make_app(seed_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", "x", "escape")
        assert isinstance(app.screen, ReviewScreen)
        db = open_db(seed_db)
        assert (
            db.execute("SELECT count(*) FROM terms WHERE user_definition IS NOT NULL").fetchone()[0]
            == 0
        )
        db.close()


async def test_o_opens_the_sentence_in_its_article(seed_db: Path) -> None:
    app = make_app(seed_db)
    async with app.run_test(size=SIZE) as pilot:
        card = screen(app).card
        assert card is not None and card.content.zh
        await pilot.press("o")
        assert isinstance(app.screen, ContextScreen)
        assert card.content.zh in str(app.screen.query_one("#context-zh").render())
        await pilot.press("escape")
        assert isinstance(app.screen, ReviewScreen)


async def test_question_mark_lists_every_key(seed_db: Path) -> None:
    app = make_app(seed_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        keys = str(app.screen.query_one("#help-keys").render())
        for description in ("Again", "Easy", "Undo", "Suspend", "Known", "Edit", "Context", "End"):
            assert description in keys
        await pilot.press("escape")
        assert isinstance(app.screen, ReviewScreen)


@pytest.mark.parametrize("key", ["q", "escape"])
async def test_q_or_escape_ends_with_a_summary(seed_db: Path, key: str) -> None:
    app = make_app(seed_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "3", "space", "1", key)
        assert isinstance(app.screen, SummaryScreen)
        assert (app.screen.summary.reviewed, app.screen.summary.correct) == (2, 1)
        text = str(app.screen.query_one("#summary-lines").render())
        assert "Reviewed   2" in text and "Correct    50%" in text and "Next due   in 1 min" in text
        await pilot.press("enter")
    assert app.return_code == 0


async def recall_app(seed_db: Path) -> VocabApp:
    db = open_db(seed_db)
    db.execute("UPDATE cards SET suspended = 1 WHERE kind = 'recognition'")
    db.close()
    return make_app(seed_db)


async def test_recall_typed_right_is_good(seed_db: Path) -> None:
    app = await recall_app(seed_db)
    async with app.run_test(size=SIZE) as pilot:
        card = screen(app).card
        assert card is not None and card.kind == "recall"
        assert app.focused is screen(app).query_one("#recall-input")
        await pilot.press(*card.content.pinyin_numbered.replace(" ", ""), "enter")
        assert screen(app).revealed
        assert screen(app).recall_result is not None
        assert screen(app).recall_result.grade == 3
        await pilot.press("enter")
        assert review_rows(seed_db) == [(card.id, 3)]


async def test_recall_wrong_tone_is_hard_and_can_be_overridden(seed_db: Path) -> None:
    app = await recall_app(seed_db)
    async with app.run_test(size=SIZE) as pilot:
        card = screen(app).card
        assert card is not None
        numbered = card.content.pinyin_numbered.split()
        first = numbered[0]
        wrong_tone = first[:-1] + ("1" if first[-1] != "1" else "2")
        typed = "".join([wrong_tone, *numbered[1:]])
        await pilot.press(*typed, "enter")
        result = screen(app).recall_result
        assert result is not None and result.grade == 2 and "Tone" in result.message
        await pilot.press("4")  # the learner overrides Hard with Easy
        assert review_rows(seed_db) == [(card.id, 4)]


async def test_recall_wrong_answer_is_again_and_shows_it(seed_db: Path) -> None:
    app = await recall_app(seed_db)
    async with app.run_test(size=SIZE) as pilot:
        card = screen(app).card
        assert card is not None
        await pilot.press(*"xx", "enter")
        result = screen(app).recall_result
        assert result is not None and result.grade == 1
        assert card.content.pinyin in str(screen(app).query_one("#result").render())
        await pilot.press("space")
        assert review_rows(seed_db) == [(card.id, 1)]


async def test_home_lists_articles_and_reviews_the_selected_one(seed_db: Path) -> None:
    app = make_app(seed_db, start="home")
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.selected_slug() == "ai-new-jobs"
        assert "0 answered · 20 to go" in str(app.screen.query_one("#today").render())
        await pilot.press("enter")
        assert isinstance(app.screen, ReviewScreen) and app.screen.article == "ai-new-jobs"
        await pilot.press("space", "4", "q")
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("enter")
        assert isinstance(app.screen, HomeScreen)
        assert "1 answered · 19 to go" in str(app.screen.query_one("#today").render())
        await pilot.press("r")
        assert isinstance(app.screen, ReviewScreen) and app.screen.article is None
        await pilot.press("q", "enter", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "q")
    assert app.return_code == 0


async def test_home_reads_the_counts_once_each_time_it_shows(
    seed_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The counts read every card (a tenth of a second at 100k cards): once as the home screen
    # opens, once more on coming back to it from a review.
    read: list[int] = []
    overview = rv.overview
    monkeypatch.setattr(rv, "overview", lambda *args: read.append(1) or overview(*args))
    app = make_app(seed_db, start="home")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert len(read) == 1
        await pilot.press("r", "space", "3", "q", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert len(read) == 2
        assert "1 answered" in str(app.screen.query_one("#today").render())


async def test_home_imports_a_file_in_a_worker(tmp_path: Path) -> None:
    app = make_app(tmp_path / "vocab.db", start="home")
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.selected_slug() is None
        await pilot.press("a")
        assert isinstance(app.screen, ImportFileScreen)
        app.screen.query_one(Input).value = str(SEED)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.selected_slug() == "ai-new-jobs"


async def test_a_bad_import_is_a_notice(tmp_path: Path) -> None:
    app = make_app(tmp_path / "vocab.db", start="home")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        app.screen.query_one(Input).value = str(tmp_path / "missing.txt")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        notices = [n.message for n in app._notifications]
        assert any("missing.txt" in message for message in notices)


async def test_an_unknown_article_is_a_notice_not_a_crash(seed_db: Path) -> None:
    app = make_app(seed_db, article="nope")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert any("nope" in n.message for n in app._notifications)


def test_review_rows_keep_the_state_before(seed_db: Path) -> None:
    # The log every fitted parameter will need: rating, time, duration, state before.
    import asyncio

    async def run() -> None:
        app = make_app(seed_db)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("space", "3")

    asyncio.run(run())
    db = open_db(seed_db)
    rating, reviewed_at, duration, log = db.execute(
        "SELECT rating, reviewed_at, duration_ms, log FROM reviews"
    ).fetchone()
    db.close()
    assert rating == 3 and datetime.fromisoformat(reviewed_at) == NOW
    assert duration is not None and duration >= 0
    assert json.loads(log)["rating"] == 3
