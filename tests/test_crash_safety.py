"""kill -9 at random moments: an import lands whole or not at all, and no acknowledged review is lost.

Each test runs this file as a harness in its own process. The harness loads vocab once (and
warms its dictionary, segmenter and scheduler), then forks a child per run that does the real
work (`vocab add` through the CLI, or a review session through vocab.service.review) and
SIGKILLs it after a random delay: fifty kills cost seconds instead of fifty interpreter starts.
The delays are spread over the time an uninterrupted run takes, so kills land in reading,
analysing, writing and committing alike.
"""

import gzip
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

# Not from conftest: the harness runs outside pytest, and conftest would make a new cache folder.
ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)
KILLS = 50
HARNESS = Path(__file__).resolve()


def _harness(*args: str) -> list[dict[str, object]]:
    proc = subprocess.run(
        [sys.executable, str(HARNESS), *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    return [json.loads(line) for line in proc.stdout.splitlines()]


def _half_imported(conn: sqlite3.Connection) -> list[tuple[int, int, int, int]]:
    """Articles whose rows are not all there: sentences, article terms, or the cards of its words."""
    return conn.execute(
        """
        SELECT a.id, a.sentence_pairs,
            (SELECT count(*) FROM sentences s WHERE s.article_id = a.id) AS sentences,
            (SELECT count(*) FROM article_terms t WHERE t.article_id = a.id) AS terms
        FROM articles a
        WHERE sentences = 0 OR terms = 0
           OR a.sentence_pairs > sentences
           OR EXISTS (SELECT 1 FROM article_terms at JOIN terms t ON t.id = at.term_id
                      WHERE at.article_id = a.id AND NOT t.is_name
                        AND (SELECT count(*) FROM cards c WHERE c.term_id = t.id) != 2)
        """
    ).fetchall()


def test_kill_9_during_vocab_add_leaves_whole_articles_only(tmp_path: Path) -> None:
    novel = gzip.decompress((ROOT / "benches/data/hongloumeng.txt.gz").read_bytes()).decode()
    texts = tmp_path / "texts"
    texts.mkdir()
    # A long article each (a few thousand characters), every one a different text.
    size = 4_000
    for i in range(KILLS + 2):
        (texts / f"chapter-{i:02}.txt").write_text(novel[i * size : (i + 1) * size], "utf-8")
    db = tmp_path / "vocab.db"

    runs = _harness("add", str(db), str(texts), str(KILLS))

    assert len(runs) == KILLS
    assert all(run["integrity"] == "ok" for run in runs), runs
    killed = [run for run in runs if run["killed"]]
    finished = [run for run in runs if not run["killed"]]
    assert len(killed) >= KILLS // 2  # most runs really were interrupted
    assert all(run["status"] == 0 for run in finished), finished
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert _half_imported(conn) == []
    imported = {source for (source,) in conn.execute("SELECT source FROM articles").fetchall()}
    # Every run that finished left its article; the killed ones left theirs whole or not at all.
    assert {run["file"] for run in finished} <= imported
    assert imported <= {run["file"] for run in runs} | {"chapter-00.txt"}
    # A later import of an interrupted article starts from nothing and succeeds.
    (lost,) = [run["file"] for run in killed if run["file"] not in imported][:1] or [None]
    if lost is not None:
        from vocab.service.importing import add_article
        from vocab.store import open_db

        again = open_db(db)
        assert add_article(again, str(texts / str(lost)), now=NOW).added
        assert _half_imported(again.conn) == []


def test_kill_9_during_review_loses_no_acknowledged_answer(seed_db: Path) -> None:
    runs = _harness("review", str(seed_db), str(KILLS))

    assert len(runs) == KILLS
    assert all(run["integrity"] == "ok" for run in runs), runs
    assert sum(1 for run in runs if run["killed"]) >= KILLS // 2
    conn = sqlite3.connect(seed_db)
    stored = dict(conn.execute("SELECT id, card_id FROM reviews").fetchall())
    for run in runs:
        acknowledged = [tuple(pair) for pair in run["acknowledged"]]  # type: ignore[union-attr]
        assert all(stored.get(review_id) == card_id for card_id, review_id in acknowledged)
        # At most the card on screen is lost: one answer committed but not yet acknowledged.
        assert run["stored"] - len(acknowledged) in (0, 1), run
    assert sum(len(run["acknowledged"]) for run in runs) > KILLS  # type: ignore[arg-type]
    # Every reviewed card carries its new schedule: card and review were written together.
    unscheduled = conn.execute(
        "SELECT count(*) FROM cards c WHERE c.id IN (SELECT card_id FROM reviews) AND c.due IS NULL"
    ).fetchone()
    assert unscheduled == (0,)


# --- the harness: run as a script by the tests above ---------------------------------------------


def _integrity(db: Path) -> str:
    conn = sqlite3.connect(db)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


def _fork(work: object) -> int:
    """Run `work()` in a forked child with output silenced; returns the child's pid."""
    pid = os.fork()
    if pid == 0:  # the child: never returns into the harness
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        status = 1
        try:
            status = work()  # type: ignore[operator]
        finally:
            os._exit(status)
    return pid


def _kill_after(pid: int, delay: float) -> tuple[bool, int]:
    """SIGKILL the child after `delay` seconds unless it ended first: (killed, exit status)."""
    deadline = time.monotonic() + delay
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return False, os.waitstatus_to_exitcode(status)
        time.sleep(0.002)
    os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    return code == -signal.SIGKILL, code


def _run_cli(args: list[str]) -> int:
    from vocab.cli import cli

    try:
        cli.main(args, prog_name="vocab")
    except SystemExit as done:
        return int(done.code or 0)
    return 0


def _harness_add(db: Path, texts: Path, kills: int) -> None:
    from vocab.service.importing import add_article
    from vocab.store import open_db

    files = sorted(texts.iterdir())
    # Warm up in a throwaway database: dictionary, segmenter and lexicons loaded before forking.
    warm = open_db(db.with_name("warm.db"))
    add_article(warm, str(files[-1]), now=NOW)
    warm.close()
    start = time.monotonic()
    pid = _fork(lambda: _run_cli(["--db", str(db), "add", str(files[0])]))
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    span = time.monotonic() - start
    chance = random.Random(7)
    for path in files[1 : kills + 1]:
        pid = _fork(lambda path=path: _run_cli(["--db", str(db), "add", str(path)]))
        killed, code = _kill_after(pid, chance.uniform(0, span * 1.1))
        print(
            json.dumps(
                {"file": path.name, "killed": killed, "status": code, "integrity": _integrity(db)}
            ),
            flush=True,
        )


def _review_child(db: Path, now: datetime, write_end: int) -> int:
    from vocab.schedule import Grade
    from vocab.service import review
    from vocab.store import open_db

    grades = [Grade.GOOD, Grade.AGAIN, Grade.GOOD, Grade.HARD, Grade.EASY]
    session = review.start_session(open_db(db), now, UTC)
    for n in range(400):
        card = review.next_card(session, now)
        if card is None:
            break
        answered = review.answer(session, card, grades[n % len(grades)], now, 3000)
        # The learner sees the next card only after this line: it is the acknowledgement.
        os.write(write_end, f"{answered.card_id} {answered.review_id}\n".encode())
        now += timedelta(seconds=20)
    return 0


def _reviews(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute("SELECT count(*) FROM reviews").fetchone()[0])
    finally:
        conn.close()


def _harness_review(db: Path, kills: int) -> None:
    from vocab.service import review  # noqa: F401  (loaded once, before forking)

    def session(day: int) -> tuple[int, int]:
        read_end, write_end = os.pipe()
        now = NOW + timedelta(days=day)
        pid = _fork(lambda: _review_child(db, now, write_end))
        os.close(write_end)
        return pid, read_end

    def acknowledged(read_end: int) -> list[list[int]]:
        with os.fdopen(read_end, "rb") as pipe:
            return [[int(x) for x in line.split()] for line in pipe.read().splitlines()]

    # An uninterrupted session on a scratch copy tells how long one takes.
    scratch = db.with_name("scratch.db")
    scratch.write_bytes(db.read_bytes())
    start = time.monotonic()
    read_end, write_end = os.pipe()
    pid = _fork(lambda: _review_child(scratch, NOW, write_end))
    os.close(write_end)
    acknowledged(read_end)
    os.waitpid(pid, 0)
    span = time.monotonic() - start
    chance = random.Random(11)
    for day in range(kills):
        before = _reviews(db)
        pid, read_end = session(day)
        killed, code = _kill_after(pid, chance.uniform(0, span))
        seen = acknowledged(read_end)
        print(
            json.dumps(
                {
                    "killed": killed,
                    "status": code,
                    "acknowledged": seen,
                    "stored": _reviews(db) - before,
                    "integrity": _integrity(db),
                }
            ),
            flush=True,
        )


if __name__ == "__main__":
    mode, target = sys.argv[1], Path(sys.argv[2])
    if mode == "add":
        _harness_add(target, Path(sys.argv[3]), int(sys.argv[4]))
    else:
        _harness_review(target, int(sys.argv[3]))
