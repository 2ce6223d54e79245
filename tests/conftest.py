"""Shared fixtures: real files, real SQLite databases in tmp_path, one dictionary cache per run."""

import os
import shutil
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SEED = ROOT / "decks" / "ai-new-jobs.txt"
NEWS = DATA / "news"
# A fixed moment for everything that takes `now`.
NOW = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)

# The CC-CEDICT index is built once per test run, never into the user's own cache.
_CACHE = Path(tempfile.mkdtemp(prefix="vocab-test-cache-"))
os.environ["VOCAB_CACHE_DIR"] = str(_CACHE)
os.environ.pop("VOCAB_DB", None)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    shutil.rmtree(_CACHE, ignore_errors=True)


@pytest.fixture(scope="session")
def seed_db_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed article imported once per run; tests get their own copy (`seed_db`)."""
    from vocab.service.importing import add_article
    from vocab.store import open_db

    path = tmp_path_factory.mktemp("seed") / "vocab.db"
    db = open_db(path)
    add_article(db, str(SEED), now=NOW)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path


@pytest.fixture
def seed_db(seed_db_template: Path, tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "vocab.db"
    shutil.copyfile(seed_db_template, path)
    yield path
