"""What browse, the reader and stats look like at 80x24 and 120x40.

Regenerate with `pytest tests/test_tui_browse_snapshots.py --snapshot-update` and look at them.
"""

from pathlib import Path
from typing import Any

import pytest

from tests.test_stats import NOW, build_log
from vocab.store import open_db
from vocab.tui.app import VocabApp

SIZES = [(80, 24), (120, 40)]


def pressing(*keys: str) -> Any:
    """Press the keys, then let every plot and table finish drawing before the picture."""

    async def run(pilot: Any) -> None:
        await pilot.press(*keys)
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        # Plots lay out over a few refreshes; on a busy machine those take a while.
        await pilot.pause(0.3)
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()

    return run


def app(path: Path) -> VocabApp:
    from zoneinfo import ZoneInfo

    return VocabApp(path, clock=lambda: NOW, tz=ZoneInfo("UTC"))


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_browse(snap_compare: Any, seed_db: Path, size: tuple[int, int]) -> None:
    assert snap_compare(app(seed_db), terminal_size=size, run_before=pressing("b"))


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_reader(snap_compare: Any, seed_db: Path, size: tuple[int, int]) -> None:
    db = open_db(seed_db)
    db.execute("INSERT INTO known (word, added_at) VALUES ('就业', '2026-01-01')")
    db.close()
    assert snap_compare(app(seed_db), terminal_size=size, run_before=pressing("v", "right", "down"))


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_stats(snap_compare: Any, seed_db: Path, size: tuple[int, int]) -> None:
    db = open_db(seed_db)
    build_log(db)
    db.close()
    assert snap_compare(app(seed_db), terminal_size=size, run_before=pressing("t"))
