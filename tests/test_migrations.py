"""Databases written by older versions open, are backed up beside themselves, and are migrated
with every review intact; `vocab db backup` and `vocab db check` look after the file."""

import shutil
import sqlite3
from datetime import UTC
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import DATA, NOW

from vocab.cli import cli
from vocab.schedule import Grade
from vocab.service import review
from vocab.store import applied_migrations, open_db
from vocab.store.schema import migrations

OLD = DATA / "old-db"
FIXTURES = {"m001.db": ["m001_articles_terms_cards"], "m002.db": migrations.names()[:2]}


def rows(path: Path, query: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(query).fetchall()
    finally:
        conn.close()


REVIEWS = "SELECT id, card_id, rating, reviewed_at, log FROM reviews ORDER BY id"
CARDS = "SELECT id, term_id, kind, state, due, lapses FROM cards ORDER BY id"


def cli_run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("fixture", sorted(FIXTURES))
def test_an_old_database_is_backed_up_and_migrated_with_its_reviews(
    fixture: str, tmp_path: Path
) -> None:
    path = tmp_path / "vocab.db"
    shutil.copyfile(OLD / fixture, path)
    reviews_before = rows(path, REVIEWS)
    cards_before = rows(path, CARDS)
    assert len(reviews_before) > 100  # the fixture is a learner's two weeks, not an empty file

    db = open_db(path)

    (backup,) = tmp_path.glob("vocab.backup-*.db")
    assert {name for (name,) in rows(backup, "SELECT name FROM _sqlite_migrations")} == set(
        FIXTURES[fixture]
    )
    assert rows(backup, REVIEWS) == reviews_before
    assert rows(backup, "PRAGMA integrity_check") == [("ok",)]
    assert applied_migrations(db) == set(migrations.names())
    assert db.execute(REVIEWS).fetchall() == reviews_before
    assert db.execute(CARDS).fetchall() == cards_before
    # What later migrations derive is filled in for the old rows too.
    assert (
        db.execute(
            "SELECT count(*) FROM cards WHERE due IS NOT NULL AND last_review IS NULL"
        ).fetchone()
        == (0,)
        or fixture == "m001.db"
    )
    (summed,) = db.execute("SELECT count(*) FROM term_cards").fetchone()
    assert summed == db.execute("SELECT count(DISTINCT term_id) FROM cards").fetchone()[0]
    db.close()

    code, out, _ = cli_run("--db", str(path), "db", "check")
    assert code == 0 and out.startswith(f"{path}: ok (1 articles")

    # And the learner carries on reviewing where they left off.
    db = open_db(path)
    session = review.start_session(db, NOW, UTC)
    card = review.next_card(session, NOW)
    assert card is not None
    review.answer(session, card, Grade.GOOD, NOW, 2000)
    assert db.execute("SELECT count(*) FROM reviews").fetchone() == (len(reviews_before) + 1,)
    # Opening it again migrates nothing and backs up nothing more.
    db.close()
    open_db(path).close()
    assert len(list(tmp_path.glob("vocab.backup-*.db"))) == 1


def test_a_migrated_database_keeps_the_old_review_queue(tmp_path: Path) -> None:
    """The m001 cards due before the migration are the ones due after it."""
    path = tmp_path / "vocab.db"
    shutil.copyfile(OLD / "m001.db", path)
    due_before = rows(path, "SELECT id FROM cards WHERE due IS NOT NULL ORDER BY id")
    db = open_db(path)
    assert db.execute("SELECT id FROM cards WHERE due IS NOT NULL ORDER BY id").fetchall() == (
        due_before
    )
    assert db.execute("SELECT count(*) FROM cards WHERE fsrs_state IS NOT NULL").fetchone() == (
        len(due_before),
    )


def test_db_backup_copies_everything_beside_the_database(seed_db: Path, tmp_path: Path) -> None:
    code, out, err = cli_run("--db", str(seed_db), "db", "backup")
    assert code == 0, err
    (copy,) = seed_db.parent.glob("vocab.backup-*.db")
    assert out == f"backed up to {copy} ({copy.stat().st_size // 1024} KiB)\n"
    for table in ("articles", "sentences", "terms", "cards"):
        query = f"SELECT * FROM {table} ORDER BY rowid"
        assert rows(copy, query) == rows(seed_db, query)


def test_db_backup_to_a_folder_or_file_and_never_over_a_file(seed_db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    assert cli_run("--db", str(seed_db), "db", "backup", str(folder))[0] == 0
    (copy,) = folder.glob("vocab.backup-*.db")
    assert rows(copy, "PRAGMA integrity_check") == [("ok",)]
    target = tmp_path / "mine.db"
    assert cli_run("--db", str(seed_db), "db", "backup", str(target))[0] == 0
    before = target.read_bytes()
    code, out, err = cli_run("--db", str(seed_db), "db", "backup", str(target))
    assert code == 1 and out == ""
    assert err == f"vocab: error: {target} already exists; not overwriting it\n"
    assert target.read_bytes() == before


def test_db_check_passes_a_sound_database(seed_db: Path) -> None:
    code, out, _ = cli_run("--db", str(seed_db), "db", "check")
    assert code == 0
    assert out.count("\n") == 1 and ": ok (1 articles, " in out


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (
            "DELETE FROM cards WHERE id = (SELECT min(id) FROM cards WHERE kind = 'recall')",
            "missing their recognition or recall card",
        ),
        ("DELETE FROM sentences", "half-imported article"),
        ("UPDATE cards SET known = 1 WHERE id = (SELECT min(id) FROM cards)", "known flag"),
        ("DELETE FROM term_cards", "browse summary"),
        (
            "INSERT INTO reviews (card_id, rating, reviewed_at, log) VALUES (999999, 3, 'x', '{}')",
            "1 reviews rows point at missing cards rows",
        ),
    ],
    ids=["missing-card", "half-article", "known-flag", "summary", "dangling-review"],
)
def test_db_check_finds_what_is_broken_and_exits_1(
    seed_db: Path, damage: str, message: str
) -> None:
    conn = sqlite3.connect(seed_db, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute(damage)
    conn.close()
    code, out, err = cli_run("--db", str(seed_db), "db", "check")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith(f"vocab: error: {seed_db} is damaged: ")
    assert message in err
