"""Two review sessions and an import at once on one database, each in its own process: nobody sees
"database is locked", every answer is stored, the article lands whole."""

import gzip
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

from vocab.service.maintenance import check_database
from vocab.store import open_db

# A learner's session in its own process: answers until the import is over (and at least
# `least` cards), printing each stored answer; any error goes to stderr as it would to a user.
REVIEWER = """
import sys, time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from vocab.schedule import Grade
from vocab.service import review
from vocab.store import open_db

db_path, done_flag, least, day = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
now = datetime(2026, 12, 1, 9, 0, tzinfo=UTC) + timedelta(days=day)
session = review.start_session(open_db(db_path), now, UTC)
answered = 0
while answered < least or not done_flag.exists():
    card = review.next_card(session, now)
    if card is None:
        break
    result = review.answer(session, card, Grade.GOOD if answered % 3 else Grade.AGAIN, now, 1500)
    print(result.card_id, result.review_id, flush=True)
    answered += 1
    now += timedelta(seconds=15)
"""


def test_two_reviewers_and_an_import_at_once(seed_db: Path, tmp_path: Path) -> None:
    novel = gzip.decompress((ROOT / "benches/data/hongloumeng.txt.gz").read_bytes()).decode()
    chapter = tmp_path / "chapter.txt"
    chapter.write_text(novel[100_000:130_000], encoding="utf-8")
    done = tmp_path / "import-done"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    importer = subprocess.Popen(
        [sys.executable, "-m", "vocab", "--db", str(seed_db), "add", str(chapter)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    reviewers = [
        subprocess.Popen(
            [sys.executable, "-c", REVIEWER, str(seed_db), str(done), "60", str(day)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for day in (0, 1)
    ]
    imported, import_errors = importer.communicate(timeout=180)
    done.touch()
    outputs = [reviewer.communicate(timeout=180) for reviewer in reviewers]

    assert importer.returncode == 0 and import_errors == "", import_errors
    assert imported.startswith('added "')
    for reviewer, (_, err) in zip(reviewers, outputs, strict=True):
        assert "locked" not in err
        assert reviewer.returncode == 0 and err == "", err
    answers = [
        tuple(int(x) for x in line.split()) for out, _ in outputs for line in out.splitlines()
    ]
    assert len(answers) >= 40  # both sessions answered while the import ran
    conn = sqlite3.connect(seed_db)
    stored = set(conn.execute("SELECT card_id, id FROM reviews").fetchall())
    assert set(answers) == stored  # every answer acknowledged is stored, and nothing else
    conn.close()
    db = open_db(seed_db)
    (sentences,) = db.execute(
        "SELECT count(*) FROM sentences s JOIN articles a ON a.id = s.article_id"
        " WHERE a.source = 'chapter.txt'"
    ).fetchone()
    assert sentences > 100
    result = check_database(db, seed_db)
    assert result.ok, result.problems


def test_a_backup_taken_during_reviews_is_whole(seed_db: Path, tmp_path: Path) -> None:
    """VACUUM INTO reads one snapshot: the copy holds a prefix of the answers, never half of one."""
    done = tmp_path / "never"
    errors = tmp_path / "errors.txt"
    reviewer = subprocess.Popen(
        [sys.executable, "-c", REVIEWER, str(seed_db), str(done), "150", "0"],
        stdout=subprocess.PIPE,
        stderr=errors.open("w"),
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    from vocab.store import backup

    assert reviewer.stdout is not None
    first = reviewer.stdout.readline()  # the first answer is stored: copies start from there
    db = open_db(seed_db)
    copies: list[Path] = []
    while reviewer.poll() is None and len(copies) < 50:
        copies.append(backup(db, tmp_path / f"copy-{len(copies)}.db"))
    # Read through the same buffered file as the first line (communicate() would skip its buffer).
    out = first + reviewer.stdout.read()
    assert reviewer.wait(timeout=120) == 0 and errors.read_text() == "", errors.read_text()
    answered = [int(line.split()[1]) for line in out.splitlines()]
    for copy in copies:
        conn = sqlite3.connect(copy)
        ids = [i for (i,) in conn.execute("SELECT id FROM reviews ORDER BY id").fetchall()]
        assert ids and ids == answered[: len(ids)]
        # Each answer's card change travelled with it.
        unscheduled = conn.execute(
            "SELECT count(*) FROM cards WHERE id IN (SELECT card_id FROM reviews) AND due IS NULL"
        ).fetchone()
        assert unscheduled == (0,)
        conn.close()
