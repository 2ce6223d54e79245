"""The reader: an article's paragraphs with its terms marked by state, moved through with the
keyboard; keys mark a term known, ignore it, or add it to the queue."""

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from textual.widgets import Static

from vocab.service import reader as rd
from vocab.store import open_db
from vocab.tui.app import VocabApp
from vocab.tui.screens.help import HelpScreen
from vocab.tui.screens.home import HomeScreen
from vocab.tui.screens.reader import ReaderScreen

NOW = datetime(2026, 11, 30, 1, 0, tzinfo=UTC)
TZ = ZoneInfo("Asia/Shanghai")


def test_mark_terms_takes_the_longest_word_first() -> None:
    words = {"人工": 1, "人工智能": 2, "智能": 3, "训练师": 4}
    spans = rd.mark_terms("人工智能训练师和智能", words)
    assert [(s.start, s.end, s.term_id) for s in spans] == [(0, 4, 2), (4, 7, 4), (8, 10, 3)]
    assert rd.mark_terms("没有", words) == []


def test_an_article_reads_with_every_paragraph_and_marked_terms(seed_db: Path) -> None:
    db = open_db(seed_db)
    reading = rd.read_article(db, "ai-new-jobs")
    (paragraphs,) = db.execute("SELECT count(*) FROM paragraphs").fetchone()
    assert len(reading.paragraphs) == paragraphs
    marked = {reading.terms[s.term_id].simplified for p in reading.paragraphs for s in p.spans}
    assert "人工智能" in marked and "陆国宗" not in marked  # names are left plain
    for paragraph in reading.paragraphs:
        for span in paragraph.spans:
            assert paragraph.zh[span.start : span.end] == reading.terms[span.term_id].simplified
    assert {reading.shade(s.term_id) for p in reading.paragraphs for s in p.spans} == {"new"}


def reader(app: VocabApp) -> ReaderScreen:
    assert isinstance(app.screen, ReaderScreen)
    return app.screen


async def test_reader_keys(seed_db: Path) -> None:
    app = VocabApp(seed_db, clock=lambda: NOW, tz=TZ)
    async with app.run_test(size=(120, 40)) as pilot:
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("v")
        screen = reader(app)
        first = screen.selected_term()
        assert first is not None
        assert first.simplified in str(screen.query_one("#term-panel", Static).render())
        await pilot.press("right")
        assert screen.position == 1
        await pilot.press("left")
        assert screen.position == 0
        await pilot.press("down")
        assert screen.places[screen.position][0] > screen.places[0][0]
        await pilot.press("up")
        assert screen.position == 0
        await pilot.press("k")
        assert screen.reading.terms[first.id].state == "known"
        assert screen.reading.shade(first.id) == "known"
        await pilot.press("a")  # back to learning, first in the queue
        assert screen.reading.terms[first.id].state == "learning"
        await pilot.press("i")
        assert screen.reading.shade(first.id) == "ignored"
        assert not screen.english_beside
        await pilot.press("e")
        assert screen.english_beside
        assert screen.query_one(".paragraph").has_class("beside")
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "q")
        assert isinstance(app.screen, HomeScreen)
    db = open_db(seed_db)
    assert db.execute(
        "SELECT count(*) FROM cards WHERE term_id = ? AND suspended = 1", [first.id]
    ).fetchone() == (2,)
