"""What the screens look like at 80x24: Chinese is two columns wide and nothing may be cut.

Regenerate with `pytest tests/test_tui_snapshots.py --snapshot-update` and look at the SVGs.
"""

from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from vocab.store import open_db
from vocab.tui.app import VocabApp

NOW = datetime(2026, 11, 30, 1, 0, tzinfo=UTC)
TZ = ZoneInfo("Asia/Shanghai")
SIZE = (80, 24)


def app(path: Path, start: str = "review") -> VocabApp:
    return VocabApp(path, start=start, clock=lambda: NOW, tz=TZ)  # type: ignore[arg-type]


def only(path: Path, kind: str) -> Path:
    db = open_db(path)
    db.execute("UPDATE cards SET suspended = 1 WHERE kind != ?", [kind])
    db.close()
    return path


def test_recognition_front(snap_compare: Any, seed_db: Path) -> None:
    assert snap_compare(app(seed_db), terminal_size=SIZE)


def test_recognition_revealed(snap_compare: Any, seed_db: Path) -> None:
    assert snap_compare(app(seed_db), terminal_size=SIZE, press=["space"])


def test_recognition_revealed_without_tone_colours(snap_compare: Any, seed_db: Path) -> None:
    db = open_db(seed_db)
    db.execute("INSERT INTO settings (key, value) VALUES ('tone_colours', 'off')")
    db.close()
    assert snap_compare(app(seed_db), terminal_size=SIZE, press=["space", "3", "space"])


def test_recall_front(snap_compare: Any, seed_db: Path) -> None:
    assert snap_compare(app(only(seed_db, "recall")), terminal_size=SIZE)


def test_recall_wrong_tone(snap_compare: Any, seed_db: Path) -> None:
    # The first recall card is 打开 dǎ kāi; typed with the second tone wrong.
    keys = [*"da3kai4", "enter"]
    assert snap_compare(app(only(seed_db, "recall")), terminal_size=SIZE, press=keys)


def test_help(snap_compare: Any, seed_db: Path) -> None:
    assert snap_compare(app(seed_db), terminal_size=SIZE, press=["question_mark"])


def test_summary(snap_compare: Any, seed_db: Path) -> None:
    keys = ["space", "3", "space", "1", "q"]
    assert snap_compare(app(seed_db), terminal_size=SIZE, press=keys)


def test_home(snap_compare: Any, seed_db: Path) -> None:
    assert snap_compare(app(seed_db, start="home"), terminal_size=SIZE)
