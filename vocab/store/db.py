"""The database handle every store function takes: a thin wrapper over one sqlite3 connection.

Storage uses sqlite-utils (DESIGN.md): its `Migrations` still applies our schema, and `atomic()`
below keeps the semantics of its `Database.atomic()` (BEGIN/COMMIT/ROLLBACK, SAVEPOINTs when
nested). But importing sqlite_utils costs about 0.3 s (it loads numpy, click, pluggy and
sqlite_fts4), more than an empty Textual app needs to start, and the review path only ever runs
plain SQL. So this class offers exactly what vocab uses, and `vocab.store.open_db` imports
sqlite_utils only when a migration is pending.
"""

import itertools
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

Parameters = Sequence[Any] | Mapping[str, Any]


class Database:
    """One connection in autocommit mode: every statement outside `atomic()` commits at once."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        if conn.isolation_level is not None:
            # The sqlite3 module would otherwise open transactions behind our back, and
            # `atomic()` could no longer tell whether one is open.
            raise ValueError("Database needs a connection made with isolation_level=None")
        self.conn = conn
        self._savepoints = itertools.count(1)
        # As sqlite-utils does: REPLACE fires delete triggers, so trigger-kept tables stay right.
        conn.execute("PRAGMA recursive_triggers = on")

    @classmethod
    def memory(cls) -> "Database":
        return cls(sqlite3.connect(":memory:", isolation_level=None))

    def execute(self, sql: str, params: Parameters | None = None) -> sqlite3.Cursor:
        if params is None:
            return self.conn.execute(sql)
        return self.conn.execute(sql, params)

    @contextmanager
    def atomic(self) -> Iterator["Database"]:
        """One transaction around the block; nested blocks are savepoints inside it."""
        if self.conn.in_transaction:
            savepoint = f"vocab_{next(self._savepoints)}"
            self.conn.execute(f"SAVEPOINT {savepoint}")
            try:
                yield self
            except BaseException:
                # An error such as RAISE(ROLLBACK) may have ended the whole transaction,
                # savepoint included; releasing it then would hide the real error.
                if self.conn.in_transaction:
                    self.conn.execute(f"ROLLBACK TO SAVEPOINT {savepoint}")
                    self.conn.execute(f"RELEASE SAVEPOINT {savepoint}")
                raise
            else:
                self.conn.execute(f"RELEASE SAVEPOINT {savepoint}")
            return
        # IMMEDIATE: take the write lock now, waiting out other writers with the busy timeout.
        # A deferred transaction that reads first and then writes fails at once with "database
        # is locked" when another process committed in between (WAL cannot upgrade a stale read).
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            self._rollback()
            raise
        else:
            try:
                self.conn.execute("COMMIT")
            except BaseException:
                self._rollback()
                raise

    def _rollback(self) -> None:
        # The error may already have ended the transaction; then there is nothing to undo.
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def close(self) -> None:
        self.conn.close()
