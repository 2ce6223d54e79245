"""Browse: search by hanzi, pinyin (with or without tones) and English; filters; sorting; the
changes a learner makes to a term; and the browse screen's keys, through Pilot."""

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from textual.widgets import DataTable, Input, Select

from tests.conftest import NOW
from vocab.errors import VocabError
from vocab.schedule import Grade
from vocab.service import browse as bs
from vocab.service import review as rv
from vocab.store import open_db
from vocab.store.db import Database
from vocab.tui.app import VocabApp
from vocab.tui.screens.browse import BrowseScreen
from vocab.tui.screens.confirm import ConfirmScreen
from vocab.tui.screens.edit_meaning import EditMeaningScreen
from vocab.tui.screens.help import HelpScreen
from vocab.tui.screens.home import HomeScreen

TZ = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def db(seed_db: Path) -> Database:
    return open_db(seed_db)


def words(page: bs.Page) -> list[str]:
    return [row.simplified for row in page.rows]


def term_id(db: Database, word: str) -> int:
    (found,) = db.execute("SELECT id FROM terms WHERE simplified = ?", [word]).fetchone()
    return int(found)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("人工", {"人工", "人工智能"}),
        ("rengong", {"人工", "人工智能"}),
        ("ren gong", {"人工", "人工智能"}),
        ("rén gōng", {"人工", "人工智能"}),
        ("ren2 gong1 zhi4", {"人工智能"}),
        ("zhi4neng2", {"智能"}),
        ("artificial intelligence", {"人工智能"}),
    ],
)
def test_search_matches_hanzi_pinyin_and_english(
    db: Database, query: str, expected: set[str]
) -> None:
    assert set(words(bs.load_page(db, bs.BrowseView(search=query)))) == expected


def test_search_with_the_wrong_tone_finds_nothing(db: Database) -> None:
    assert bs.load_page(db, bs.BrowseView(search="rèn gōng")).total == 0
    assert bs.load_page(db, bs.BrowseView(search="ren4gong1")).total == 0


def test_ü_may_be_typed_as_v_or_u_colon() -> None:
    for typed in ("lv", "lu:", "lü", "lǜ"):
        search = bs.parse_search(typed)
        assert search is not None and search.pinyin_key == "lv"
    assert bs.parse_search("lv4").numbered == bs.parse_search("lu:4").numbered == "lu:4"  # type: ignore[union-attr]


def test_every_term_but_names_is_listed_once(db: Database) -> None:
    (terms,) = db.execute("SELECT count(*) FROM terms WHERE NOT is_name").fetchone()
    page = bs.load_page(db, bs.BrowseView(), size=1000)
    assert page.total == terms == len({row.id for row in page.rows})
    assert all(row.state == "new" and row.article == "ai-new-jobs" for row in page.rows)


def test_pages_cover_the_list_without_overlap(db: Database) -> None:
    view = bs.BrowseView(sort="pinyin")
    whole = bs.load_page(db, view, size=1000).rows
    paged = []
    for offset in range(0, len(whole), 50):
        paged += bs.load_page(db, view, offset, size=50).rows
    assert [row.id for row in paged] == [row.id for row in whole]
    last = bs.load_page(db, view, offset=10_000, size=50)  # past the end: the last page
    assert last.rows and last.last == len(whole)


@pytest.mark.parametrize("column", list(bs.SORT_COLUMNS))
def test_each_column_sorts_both_ways(db: Database, column: str) -> None:
    session = rv.start_session(db, NOW, TZ)
    for grade in (Grade.GOOD, Grade.AGAIN, Grade.EASY):
        card = rv.next_card(session, NOW)
        assert card is not None
        rv.answer(session, card, grade, NOW, 5000)
    up = bs.load_page(db, bs.BrowseView(sort=column), size=1000).rows
    down = bs.load_page(db, bs.BrowseView(sort=column, descending=True), size=1000).rows
    key = {
        "simplified": lambda r: r.simplified,
        # sorted on the reading without tones or spaces (ren2 gong1 -> rengong)
        "pinyin": lambda r: "".join(
            c for c in r.pinyin_numbered.lower().replace("u:", "v") if c.isalpha()
        ),
        "hsk": lambda r: r.hsk or 8,
        "state": lambda r: bs.TERM_STATES.index(r.state),
        "lapses": lambda r: r.lapses,
        "due": lambda r: r.due or "~",
        "stability": lambda r: r.stability if r.stability is not None else 1e9,
        "meaning": lambda r: r.meaning.lower(),
        "article": lambda r: r.article,
    }[column]
    values = [key(row) for row in up]
    assert values == sorted(values)
    if column not in ("due", "stability"):  # never-studied terms stay last both ways
        assert [key(row) for row in down] == sorted(values, reverse=True)
    else:
        studied = [row for row in down if row.due is not None]
        assert [key(row) for row in studied] == sorted(map(key, studied), reverse=True)


def test_filters_by_state_hsk_and_article(db: Database) -> None:
    session = rv.start_session(db, NOW, TZ)
    card = rv.next_card(session, NOW)
    assert card is not None
    rv.answer(session, card, Grade.GOOD, NOW, 3000)
    learning = bs.load_page(db, bs.BrowseView(state="learning"))
    assert words(learning) == [card.content.simplified]
    smart = term_id(db, "智能")
    bs.set_known(db, smart, True, NOW)
    bs.set_suspended(db, term_id(db, "人工"), True)
    assert words(bs.load_page(db, bs.BrowseView(state="known"))) == ["智能"]
    assert words(bs.load_page(db, bs.BrowseView(state="suspended"))) == ["人工"]
    db.execute("UPDATE cards SET leech = 1, suspended = 1 WHERE term_id = ?", [smart])
    assert words(bs.load_page(db, bs.BrowseView(state="known"))) == ["智能"]  # known wins
    bs.set_known(db, smart, False, NOW)
    assert words(bs.load_page(db, bs.BrowseView(state="leech"))) == ["智能"]
    hsk4 = bs.load_page(db, bs.BrowseView(hsk=4), size=1000)
    assert hsk4.total > 0 and {row.hsk for row in hsk4.rows} == {4}
    unlisted = bs.load_page(db, bs.BrowseView(hsk=8), size=1000)
    assert unlisted.total > 0 and {row.hsk for row in unlisted.rows} == {None}
    ((article_id, _slug),) = bs.articles(db)
    everything = bs.load_page(db, bs.BrowseView(), size=1000).total
    assert bs.load_page(db, bs.BrowseView(article_id=article_id)).total == everything
    assert bs.load_page(db, bs.BrowseView(article_id=article_id + 1)).total == 0
    with pytest.raises(VocabError):
        bs.load_page(db, bs.BrowseView(state="forgotten"))


def test_reset_keeps_history_and_delete_removes_everything(db: Database) -> None:
    session = rv.start_session(db, NOW, TZ)
    card = rv.next_card(session, NOW)
    assert card is not None
    rv.answer(session, card, Grade.GOOD, NOW, 3000)
    term = card.content.card.term_id
    assert bs.reset_term(db, term).row.state == "new"
    assert db.execute("SELECT count(*) FROM reviews").fetchone()[0] == 1
    assert db.execute(
        "SELECT count(*) FROM cards WHERE term_id = ? AND due IS NULL", [term]
    ).fetchone() == (2,)
    bs.delete_term(db, term)
    for table, column in (("cards", "term_id"), ("article_terms", "term_id"), ("terms", "id")):
        assert db.execute(
            f"SELECT count(*) FROM {table} WHERE {column} = ?", [term]
        ).fetchone() == (0,)
    assert db.execute("SELECT count(*) FROM reviews").fetchone()[0] == 0


def test_queue_term_makes_it_the_next_card(db: Database) -> None:
    last = bs.load_page(db, bs.BrowseView(sort="simplified", descending=True)).rows[0]
    bs.set_known(db, last.id, True, NOW)
    assert bs.queue_term(db, last.id, NOW).row.state == "learning"
    card = rv.next_card(rv.start_session(db, NOW, TZ), NOW)
    assert card is not None and card.content.simplified == last.simplified


# --- the screen ------------------------------------------------------------------------------

PILOT_NOW = datetime(2026, 11, 30, 1, 0, tzinfo=UTC)


def make_app(path: Path) -> VocabApp:
    return VocabApp(path, clock=lambda: PILOT_NOW, tz=TZ)


def browse(app: VocabApp) -> BrowseScreen:
    assert isinstance(app.screen, BrowseScreen)
    return app.screen


def selected(app: VocabApp) -> bs.TermRow:
    row = browse(app).selected()
    assert row is not None
    return row


async def test_b_opens_browse_and_the_search_box_filters(seed_db: Path) -> None:
    app = make_app(seed_db)
    async with app.run_test(size=(120, 40)) as pilot:
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("b")
        screen = browse(app)
        assert screen.page is not None and screen.page.total > 200
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"zhin")
        assert [row.simplified for row in screen.page.rows] == ["智能"]
        await pilot.press("enter")
        assert isinstance(app.focused, DataTable)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "escape")
        assert isinstance(app.screen, HomeScreen)


async def test_sort_keys_and_header_click(seed_db: Path) -> None:
    app = make_app(seed_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("b")
        screen = browse(app)
        await pilot.press("o")
        assert screen.view.sort == "pinyin" and not screen.view.descending
        await pilot.press("O")
        assert screen.view.descending
        assert screen.page is not None
        first = screen.page.rows[0].pinyin_numbered
        assert first == max(row.pinyin_numbered for row in screen.page.rows) or first[0] >= "z"
        table = screen.query_one(DataTable)
        await pilot.click(table, offset=(2, 0))  # the "term" header
        assert screen.view.sort == "simplified"
        await pilot.press("right_square_bracket")
        assert screen.page.offset == bs.PAGE_SIZE
        await pilot.press("left_square_bracket")
        assert screen.page.offset == 0


async def test_each_filter_narrows_the_list(seed_db: Path) -> None:
    app = make_app(seed_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("b")
        screen = browse(app)
        assert screen.page is not None
        everything = screen.page.total
        for select_id, value, field in (
            ("state", "new", "state"),
            ("hsk", 4, "hsk"),
            ("article", 1, "article_id"),
        ):
            select = screen.query_one(f"#{select_id}", Select)
            select.value = value
            await pilot.pause()
            assert getattr(screen.view, field) == value
        assert 0 < screen.page.total < everything
        assert {(row.hsk, row.state) for row in screen.page.rows} == {(4, "new")}
        for select_id in ("state", "hsk", "article"):
            screen.query_one(f"#{select_id}", Select).clear()
            await pilot.pause()
        assert screen.view == bs.BrowseView() and screen.page.total == everything


async def test_suspend_known_edit_reset_and_delete_keys(seed_db: Path) -> None:
    app = make_app(seed_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("b")
        first = selected(app)
        await pilot.press("s")
        assert selected(app).state == "suspended"
        await pilot.press("s")
        assert selected(app).state == "new"
        await pilot.press("k")
        assert selected(app).state == "known"
        await pilot.press("k")
        assert selected(app).state == "new"
        await pilot.press("e")
        assert isinstance(app.screen, EditMeaningScreen)
        await pilot.press("ctrl+u", *"never again", "enter")
        assert selected(app).meaning == "never again"
        await pilot.press("r")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        assert selected(app).id == first.id
        await pilot.press("d")
        await pilot.press("n")
        assert selected(app).id == first.id
        await pilot.press("d", "y")
        assert selected(app).id != first.id
    db = open_db(seed_db)
    assert db.execute("SELECT count(*) FROM terms WHERE id = ?", [first.id]).fetchone() == (0,)
    assert db.execute("SELECT count(*) FROM cards WHERE term_id = ?", [first.id]).fetchone() == (0,)


def test_known_rank_is_the_known_list_not_a_card_state(db: Database) -> None:
    # a later due date cannot make a known word anything but known
    word = term_id(db, "智能")
    later = (NOW + timedelta(days=3)).isoformat()
    db.execute("UPDATE cards SET due = ?, fsrs_state = 2 WHERE term_id = ?", [later, word])
    assert bs.detail(db, word).row.state == "review"
    bs.set_known(db, word, True, NOW)
    assert bs.detail(db, word).row.state == "known"
