"""The installed `vocab review` in a real terminal (tmux): reveal, grade, quit, then the database."""

import shutil
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

TMUX = shutil.which("tmux")
VOCAB = Path(sys.executable).with_name("vocab")
pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed")


class Terminal:
    def __init__(self, socket: str, session: str) -> None:
        self.base = [str(TMUX), "-L", socket]
        self.session = session

    def keys(self, *keys: str) -> None:
        subprocess.run([*self.base, "send-keys", "-t", self.session, *keys], check=True)

    def screen(self) -> str:
        out = subprocess.run(
            [*self.base, "capture-pane", "-p", "-t", self.session],
            capture_output=True,
            text=True,
        )
        return out.stdout

    def wait_for(self, text: str, timeout: float = 30) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared; the screen was:\n{self.screen()}")

    def alive(self) -> bool:
        probe = [*self.base, "has-session", "-t", self.session]
        return subprocess.run(probe, capture_output=True).returncode == 0


@pytest.fixture
def terminal(seed_db: Path) -> Iterator[Terminal]:
    socket, session = f"vocab-test-{uuid.uuid4().hex[:8]}", "review"
    command = f"{VOCAB} --db {seed_db} review"
    subprocess.run(
        [
            str(TMUX),
            "-L",
            socket,
            "new-session",
            "-d",
            "-s",
            session,
            "-x",
            "80",
            "-y",
            "24",
            command,
        ],
        check=True,
    )
    yield Terminal(socket, session)
    subprocess.run([str(TMUX), "-L", socket, "kill-server"], capture_output=True)


def test_reveal_grade_and_quit_in_a_real_terminal(terminal: Terminal, seed_db: Path) -> None:
    front = terminal.wait_for("Space shows the answer")
    lines = front.splitlines()
    assert len(lines) <= 24 and all(len(line) <= 80 for line in lines)
    term_line = next(line for line in lines if "│" in line)
    assert term_line.rstrip().endswith("│")  # the box around the Chinese term is whole
    terminal.keys("Space")
    back = terminal.wait_for("Good")
    assert "1 Again" in back and "4 Easy" in back
    terminal.keys("3")
    terminal.wait_for("done 1")
    terminal.keys("q")
    summary = terminal.wait_for("Session done")
    assert "Reviewed   1" in summary and "Correct    100%" in summary
    terminal.keys("Enter")
    deadline = time.monotonic() + 20
    while terminal.alive() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not terminal.alive()

    db = sqlite3.connect(seed_db)
    reviews = db.execute("SELECT card_id, rating, duration_ms FROM reviews").fetchall()
    assert len(reviews) == 1 and reviews[0][1] == 3 and reviews[0][2] > 0
    (due,) = db.execute("SELECT due FROM cards WHERE id = ?", [reviews[0][0]]).fetchone()
    assert due is not None
