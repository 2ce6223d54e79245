"""Keeping the learner's data safe: `vocab db backup` and `vocab db check`."""

import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from vocab.store import backup_path, maintenance
from vocab.store.db import Database


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int  # bytes

    def summary(self) -> str:
        return f"backed up to {self.path} ({_size(self.size)})"


def backup_database(
    db: Database, db_path: Path, now: datetime, target: Path | None = None
) -> BackupResult:
    """Copy the database whole to `target`, by default beside itself with the time in its name.

    A folder as target gets the default file name inside it. Safe while a review is running.
    """
    default = backup_path(db_path, now)
    if target is None:
        target = default
    elif target.is_dir():
        target = target / default.name
    maintenance.backup(db, target)
    return BackupResult(target, target.stat().st_size)


@dataclass(frozen=True)
class CheckResult:
    path: Path
    counts: dict[str, int]
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        """One line: the verdict, and what is wrong when something is."""
        if self.ok:
            held = ", ".join(f"{n} {table}" for table, n in self.counts.items())
            return f"{self.path}: ok ({held})"
        more = f" (and {len(self.problems) - 3} more)" if len(self.problems) > 3 else ""
        return f"{self.path} is damaged: {'; '.join(self.problems[:3])}{more}"


def check_database(db: Database, db_path: Path) -> CheckResult:
    """SQLite's integrity and foreign-key checks, then vocab's own rules; reads, never writes."""
    try:
        problems = maintenance.integrity_problems(db)
        if problems:
            # Counting rows of a damaged file may fail or mislead; the pages are what matter.
            return CheckResult(db_path, {}, problems)
        problems = maintenance.invariant_problems(db) + maintenance.foreign_key_problems(db)
        return CheckResult(db_path, maintenance.counts(db), problems)
    except sqlite3.DatabaseError as error:
        # Damage bad enough that the checks themselves cannot read past it.
        return CheckResult(db_path, {}, [str(error)])


def _size(size: int) -> str:
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KiB"
    return f"{size / 1024 / 1024:.1f} MiB"
