"""Where vocab keeps its files: the database (--db, $VOCAB_DB, else the user data dir) and caches."""

import os
from pathlib import Path

import platformdirs

APP_NAME = "vocab"


def default_db_path() -> Path:
    """The database a command uses when no --db is given."""
    env = os.environ.get("VOCAB_DB")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME)) / "vocab.db"


def cache_dir() -> Path:
    """Dictionary index and other rebuildable files; $VOCAB_CACHE_DIR overrides (tests use it)."""
    env = os.environ.get("VOCAB_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_cache_dir(APP_NAME))
