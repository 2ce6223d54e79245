"""The light database handle: transactions as sqlite-utils' atomic(), migrations recorded where
sqlite-utils' Migrations keeps them, and a backup before an old database is migrated."""

import sqlite3
from pathlib import Path

import pytest

from vocab.store import applied_migrations, open_db
from vocab.store.db import Database
from vocab.store.schema import migrations


@pytest.fixture
def db(tmp_path: Path) -> Database:
    db = open_db(tmp_path / "vocab.db")
    db.execute("CREATE TABLE notes (text TEXT NOT NULL)")
    return db


def notes(db: Database) -> list[str]:
    return [text for (text,) in db.execute("SELECT text FROM notes ORDER BY rowid").fetchall()]


def test_atomic_commits_the_block_or_nothing(db: Database, tmp_path: Path) -> None:
    with db.atomic():
        db.execute("INSERT INTO notes VALUES (?)", ["kept"])
    with pytest.raises(sqlite3.IntegrityError), db.atomic():
        db.execute("INSERT INTO notes VALUES (?)", ["lost"])
        db.execute("INSERT INTO notes VALUES (NULL)")
    assert not db.conn.in_transaction
    other = sqlite3.connect(tmp_path / "vocab.db")
    assert [text for (text,) in other.execute("SELECT text FROM notes")] == ["kept"]


def test_nested_atomic_is_a_savepoint(db: Database) -> None:
    with db.atomic():
        db.execute("INSERT INTO notes VALUES ('outer')")
        with pytest.raises(ValueError), db.atomic():
            db.execute("INSERT INTO notes VALUES ('inner')")
            raise ValueError("the inner block fails")
        with db.atomic():
            db.execute("INSERT INTO notes VALUES ('second inner')")
        assert db.conn.in_transaction
    assert notes(db) == ["outer", "second inner"]


def test_an_error_that_ends_the_transaction_is_the_one_raised(db: Database) -> None:
    db.execute(
        "CREATE TRIGGER no_bad BEFORE INSERT ON notes WHEN NEW.text = 'bad'"
        " BEGIN SELECT RAISE(ROLLBACK, 'bad note'); END"
    )
    with pytest.raises(sqlite3.IntegrityError, match="bad note"), db.atomic():
        db.execute("INSERT INTO notes VALUES ('first')")
        with db.atomic():
            db.execute("INSERT INTO notes VALUES ('bad')")
    assert notes(db) == []


def test_every_migration_is_recorded_once(tmp_path: Path) -> None:
    path = tmp_path / "vocab.db"
    open_db(path).close()
    db = open_db(path)
    rows = db.execute(
        "SELECT migration_set, name FROM _sqlite_migrations ORDER BY rowid"
    ).fetchall()
    assert rows == [("vocab", name) for name in migrations.names()]
    assert applied_migrations(db) == set(migrations.names())
    assert list(tmp_path.glob("*.backup-*")) == []


def test_an_old_database_is_backed_up_then_migrated(tmp_path: Path) -> None:
    """A database made before the known flag: its known word's cards leave the queue after."""
    import sqlite_utils

    path = tmp_path / "vocab.db"
    old = Database(sqlite3.connect(path, isolation_level=None))
    migrations.for_sqlite_utils(old).apply(
        sqlite_utils.Database(old.conn), stop_before="m004_cards_known"
    )
    old.execute(
        "INSERT INTO terms (id, simplified, pinyin_numbered, traditional, pinyin, definitions,"
        " zipf, pos, is_name, in_dictionary) VALUES (1, '银行', 'yin2 hang2', '銀行', 'yín háng',"
        " '[\"bank\"]', 4.5, 'n', 0, 1)"
    )
    old.execute(
        "INSERT INTO cards (term_id, kind, created_at) VALUES (1, 'recognition', 'x'),"
        " (1, 'recall', 'x')"
    )
    old.execute("INSERT INTO known (word, added_at) VALUES ('银行', 'x')")
    old.close()

    db = open_db(path)
    (backup,) = tmp_path.glob("vocab.backup-*.db")
    assert "m004_cards_known" not in {
        name for (name,) in sqlite3.connect(backup).execute("SELECT name FROM _sqlite_migrations")
    }
    assert db.execute("SELECT known FROM cards").fetchall() == [(1,), (1,)]
