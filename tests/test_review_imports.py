"""A review session never loads the import libraries, nor sqlite-utils, so it starts at once."""

import subprocess
import sys
from pathlib import Path

# sqlite_utils brings numpy, click and pluggy: 0.3 s, more than an empty Textual app needs.
HEAVY = ["jieba", "rjieba", "pypinyin", "wordfreq", "genanki", "sqlite_utils", "numpy"]


def loaded_after(code: str) -> list[str]:
    script = f"{code}\nimport sys\nprint(','.join(n for n in {HEAVY!r} if n in sys.modules))"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return [name for name in out.stdout.strip().split(",") if name]


def test_showing_a_card_loads_no_import_library(seed_db: Path) -> None:
    code = f"""
from datetime import UTC, datetime
from zoneinfo import ZoneInfo
from vocab.store import open_db
from vocab.service import review
from vocab.schedule import Grade
import vocab.tui.app
db = open_db({str(seed_db)!r})
now = datetime(2026, 11, 30, 1, 0, tzinfo=UTC)
session = review.start_session(db, now, ZoneInfo("Asia/Shanghai"))
card = review.next_card(session, now)
assert card is not None
review.preview(session, card, now)
review.answer(session, card, Grade.GOOD, now, 1000)
review.mark_known(session, review.next_card(session, now), now)
review.check_recall(card, "ni3hao3")
review.summary(session, now)
review.overview(db, now, ZoneInfo("Asia/Shanghai"))
"""
    assert loaded_after(code) == []


def test_the_review_app_shows_its_first_card_without_them(seed_db: Path) -> None:
    code = f"""
import asyncio
from pathlib import Path
from vocab.tui.app import VocabApp
from vocab.tui.screens.review import ReviewScreen

async def main():
    app = VocabApp(Path({str(seed_db)!r}), start="review")
    async with app.run_test(size=(80, 24)) as pilot:
        while not (isinstance(app.screen, ReviewScreen) and app.screen.card is not None):
            await pilot.pause(0.01)
        shown = str(app.screen.query_one("#term").render()).replace(" ", "")
        assert shown == app.screen.card.content.simplified, shown

asyncio.run(main())
"""
    assert loaded_after(code) == []


def test_a_new_database_is_migrated_through_sqlite_utils(tmp_path: Path) -> None:
    """The check is light, but migrating still goes through sqlite-utils' Migrations."""
    code = f"from vocab.store import open_db\nopen_db({str(tmp_path / 'new.db')!r})"
    assert "sqlite_utils" in loaded_after(code)
    code = f"from vocab.store import open_db\nopen_db({str(tmp_path / 'new.db')!r})"
    assert loaded_after(code) == []
