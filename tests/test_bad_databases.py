"""A damaged database file, a read-only one, a full disk, a missing cache folder: one clear line
each, exit status 1, and nothing the learner had is lost."""

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import NEWS, NOW, SEED

from vocab.cli import cli
from vocab.errors import StoreError
from vocab.service.importing import add_article
from vocab.store import explain, open_db

ARTICLE = NEWS / "bbc.381780.txt"


def vocab(db: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["--db", str(db), *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def one_error_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("vocab: error: "), err
    return lines[0]


def snapshot(db: Path) -> dict[str, list[tuple[object, ...]]]:
    # immutable: reads a WAL database even where its -shm file cannot be made (read-only mount).
    conn = sqlite3.connect(f"file:{db}?immutable=1", uri=True)
    try:
        return {
            table: conn.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()
            for table in ("articles", "sentences", "terms", "cards", "reviews")
        }
    finally:
        conn.close()


COMMANDS = [
    ("articles",),
    ("add", str(ARTICLE)),
    ("list", "ai-new-jobs", "--format", "json"),
    ("stats",),
    ("db", "check"),
    ("db", "backup"),
]


def test_a_file_that_is_no_database(tmp_path: Path) -> None:
    db = tmp_path / "vocab.db"
    garbage = os.urandom(64 * 1024)
    db.write_bytes(garbage)
    for command in COMMANDS:
        code, out, err = vocab(db, *command)
        assert code == 1 and out == "", command
        assert "is not a vocab database" in one_error_line(err)
    assert db.read_bytes() == garbage


def test_a_damaged_page_is_one_line_for_every_command(seed_db: Path) -> None:
    """The page that holds the articles table is overwritten: opening works, reading fails."""
    conn = sqlite3.connect(seed_db)
    (root,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'articles'").fetchone()
    (page_size,) = conn.execute("PRAGMA page_size").fetchone()
    conn.close()
    with seed_db.open("r+b") as file:
        file.seek((root - 1) * page_size)
        file.write(b"\xff" * page_size)  # not a page type SQLite knows: it must say so
    damaged = seed_db.read_bytes()
    failed = 0
    for command in COMMANDS:
        code, _, err = vocab(seed_db, *command)
        assert code in (0, 1), command
        if code == 1:
            failed += 1
            assert "damaged" in one_error_line(err), command
    assert failed >= 3  # articles, add and check at least read the damaged page
    code, _, err = vocab(seed_db, "db", "check")
    assert code == 1 and f"{seed_db} is damaged" in err
    assert seed_db.read_bytes() == damaged  # nothing tried to "repair" it behind the learner's back


@contextmanager
def mounted_tmpfs(folder: Path, size: str) -> Iterator[Path]:
    folder.mkdir()
    mount = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True
    )
    if mount.returncode != 0:
        raise PermissionError(mount.stderr.decode())
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=True)


@contextmanager
def read_only_folder(tmp_path: Path, db_template: Path) -> Iterator[Path]:
    """A folder holding a copy of the database that cannot be written: a read-only mount as
    root (who may write any file), the folder's and file's write permission otherwise."""
    if os.geteuid() != 0:
        folder = tmp_path / "read-only"
        folder.mkdir()
        shutil.copyfile(db_template, folder / "vocab.db")
        (folder / "vocab.db").chmod(0o444)
        folder.chmod(0o555)
        try:
            yield folder / "vocab.db"
        finally:
            folder.chmod(0o755)
        return
    with mounted_tmpfs(tmp_path / "read-only", "4m") as folder:
        shutil.copyfile(db_template, folder / "vocab.db")
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        yield folder / "vocab.db"


def test_a_read_only_database(seed_db: Path, tmp_path: Path) -> None:
    before = snapshot(seed_db)
    with read_only_folder(tmp_path, seed_db) as db:
        for command in COMMANDS:
            code, out, err = vocab(db, *command)
            assert code == 1 and out == "", command
            assert "read-only" in one_error_line(err), command
        assert snapshot(db) == before


def _fill(folder: Path, leave_kib: int) -> Path:
    stat = os.statvfs(folder)
    free = stat.f_bavail * stat.f_frsize
    filler = folder / "filler"
    filler.write_bytes(b"\0" * max(0, free - leave_kib * 1024))
    return filler


def test_a_full_disk_loses_nothing(seed_db: Path, tmp_path: Path) -> None:
    before = snapshot(seed_db)
    try:
        disk = mounted_tmpfs(tmp_path / "disk", "1m")
        folder = disk.__enter__()
    except PermissionError:
        # No mounting here: SQLite's own size cap is a genuine "database or disk is full".
        db = open_db(seed_db)
        (pages,) = db.execute("PRAGMA page_count").fetchone()
        db.execute(f"PRAGMA max_page_count = {pages + 2}")
        with pytest.raises(sqlite3.OperationalError) as full:
            add_article(db, str(ARTICLE), now=NOW)
        assert "disk is full" in str(explain(full.value, seed_db))
        db.close()
        assert snapshot(seed_db) == before
        return
    try:
        db = folder / "vocab.db"
        shutil.copyfile(seed_db, db)
        filler = _fill(folder, leave_kib=40)
        code, out, err = vocab(db, "add", str(ARTICLE))
        assert code == 1 and out == ""
        assert one_error_line(err) == (
            f"vocab: error: cannot write the database {db}: the disk is full;"
            " nothing of this command was saved"
        )
        filler.unlink()
        assert snapshot(db) == before
        code, out, _ = vocab(db, "db", "check")
        assert code == 0, out
        # With room again, the same import goes through whole.
        code, out, err = vocab(db, "add", str(ARTICLE))
        assert code == 0, err
    finally:
        disk.__exit__(None, None, None)


def test_a_missing_cache_folder_is_made_again(tmp_path: Path) -> None:
    """Caches are rebuildable: a deleted (or never made) cache folder is recreated, in a real
    process with the environment a user has."""
    cache = tmp_path / "gone" / "cache"
    env = {**os.environ, "VOCAB_CACHE_DIR": str(cache)}
    proc = subprocess.run(
        [sys.executable, "-m", "vocab", "--db", str(tmp_path / "v.db"), "add", str(SEED)],
        capture_output=True,
        text=True,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith('added "')
    assert any(cache.iterdir())


def test_a_database_in_a_missing_folder_is_made_with_its_folder(tmp_path: Path) -> None:
    db = tmp_path / "new" / "folder" / "vocab.db"
    code, out, err = vocab(db, "articles")
    assert code == 0, err
    assert db.exists() and out.startswith("no articles yet")


def test_a_database_path_that_is_a_folder(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a directory"):
        open_db(tmp_path)
