"""The database: opening it, and every SQL statement vocab runs (one module per kind of record).

Only this package speaks SQL; the shells call `vocab.service`, which calls these functions.
"""

import os
import sqlite3
import sys
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType

from vocab.errors import StoreError
from vocab.store.db import Database
from vocab.store.maintenance import backup
from vocab.store.schema import migrations

__all__ = [
    "BUSY_TIMEOUT_MS",
    "Database",
    "applied_migrations",
    "backup",
    "backup_path",
    "explain",
    "open_db",
]

BUSY_TIMEOUT_MS = 10_000


def open_db(path: Path | str) -> Database:
    """Open (creating if needed) the database at `path` and bring its schema up to date.

    A database made by an older version is first copied beside itself with VACUUM INTO, so a
    migration that goes wrong never costs the learner their reviews.
    """
    if str(path) == ":memory:":
        return _prepare(Database.memory(), None)
    path = Path(path)
    if path.is_dir():
        raise StoreError(f"{path} is a directory, not a database file")
    if not path.exists():
        # A new database is migrated at once: load sqlite-utils before the file is made, so
        # that a Ctrl-C during this slow import leaves no file rather than an empty one.
        _load_sqlite_utils()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        db = Database(conn)
        return _prepare(db, path)
    except sqlite3.DatabaseError as error:
        if path.exists() and not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
            # SQLite only says "unable to open": WAL needs to write files beside the database.
            raise StoreError(
                f"cannot open the database {path}: it or its folder is read-only"
            ) from error
        raise explain(error, path) from error
    except OSError as error:
        raise StoreError(f"cannot open the database {path}: {error.strerror}") from error


def _prepare(db: Database, path: Path | None) -> Database:
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db.execute("PRAGMA foreign_keys = ON")
    if path is not None:
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
    applied = applied_migrations(db)
    if any(name not in applied for name in migrations.names()):
        if path is not None and applied:
            backup(db, backup_path(path, datetime.now(UTC)))
        _migrate(db)
    return db


def applied_migrations(db: Database) -> set[str]:
    """The names of our migrations already applied, read from sqlite-utils' own record of them
    (so checking costs one query, and no import of sqlite_utils)."""
    exists = db.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'"
    ).fetchone()
    if exists is None:
        return set()
    rows = db.execute(
        "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [migrations.name]
    ).fetchall()
    return {name for (name,) in rows}


def _migrate(db: Database) -> None:
    sqlite_utils = _load_sqlite_utils()
    migrations.for_sqlite_utils(db).apply(sqlite_utils.Database(db.conn))


def _load_sqlite_utils() -> ModuleType:
    """sqlite-utils, without the numpy and pandas it imports when they are installed: a tenth
    of a second on every new database, for column types we never store."""
    hidden = [name for name in ("numpy", "pandas") if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # makes `import name` fail
    try:
        import sqlite_utils
    finally:
        for name in hidden:
            del sys.modules[name]
    return sqlite_utils


def backup_path(path: Path, now: datetime) -> Path:
    return path.with_name(f"{path.stem}.backup-{now:%Y%m%dT%H%M%SZ}{path.suffix}")


# What SQLite says, and what the learner can do about it. The file is never left half-written:
# SQLite rolls back the statement, so each of these loses at most the command that failed.
_EXPLAINED = (
    ("file is not a database", "{path} is not a vocab database, or is damaged beyond reading"),
    (
        "malformed",
        "the database {path} is damaged ({error}); run `vocab db check`, or restore a"
        " backup (vocab.backup-*.db beside it)",
    ),
    (
        "disk is full",
        "cannot write the database {path}: the disk is full; nothing of this command was saved",
    ),
    ("readonly database", "cannot write the database {path}: it is read-only"),
    ("unable to open", "cannot open the database {path}: {error}"),
    ("disk i/o error", "cannot read or write the database {path}: disk I/O error"),
    ("locked", "the database {path} is busy in another program; try again"),
)


def explain(error: sqlite3.Error, path: Path | str) -> StoreError:
    """An SQLite error as one line a learner can act on."""
    message = str(error).replace("\n", " ")
    for needle, text in _EXPLAINED:
        if needle in message.lower():
            return StoreError(text.format(path=path, error=message))
    return StoreError(f"database error in {path}: {message}")
