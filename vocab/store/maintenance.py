"""Looking after the database file itself: consistent copies, and checks that nothing is broken.

Every SQL statement of `vocab db backup` and `vocab db check` is here. The checks are read-only.
"""

from pathlib import Path

from vocab.errors import StoreError
from vocab.store.db import Database

# Enough problems to tell what is wrong; a badly damaged file could list thousands.
MAX_PROBLEMS = 20


def backup(db: Database, target: Path) -> Path:
    """A consistent copy of the whole database, safe while other processes use it.

    VACUUM INTO reads one snapshot, so reviews committed meanwhile by another process are
    either all in the copy or all left for the next one; the copy is compact and needs no WAL.
    """
    if target.exists():
        raise StoreError(f"{target} already exists; not overwriting it")
    if not target.parent.is_dir():
        raise StoreError(f"cannot write the backup {target}: no such folder")
    db.execute("VACUUM INTO ?", [str(target)])
    return target


def integrity_problems(db: Database) -> list[str]:
    """SQLite's own check of every page, index and constraint ([] when the file is sound)."""
    rows = db.execute(f"PRAGMA integrity_check({MAX_PROBLEMS})").fetchall()
    found = [
        line.strip()
        for (message,) in rows
        for line in str(message).splitlines()
        if line.strip() and not line.startswith("*** in database")
    ]
    return [] if found == ["ok"] else found


def foreign_key_problems(db: Database) -> list[str]:
    """Rows that point at a row that is not there (a review of a deleted card, ...), by table."""
    found: dict[tuple[str, str], int] = {}
    for table, _, parent, _ in db.execute("PRAGMA foreign_key_check"):
        found[(table, parent)] = found.get((table, parent), 0) + 1
    return [
        f"{count} {table} rows point at missing {parent} rows"
        for (table, parent), count in found.items()
    ]


# Each invariant: what a learner would be told, and a query counting the rows that break it.
_INVARIANTS: list[tuple[str, str]] = [
    (
        "articles without sentences (a half-imported article)",
        "SELECT count(*) FROM articles a WHERE NOT EXISTS"
        " (SELECT 1 FROM sentences s WHERE s.article_id = a.id)",
    ),
    (
        "terms of an article missing their recognition or recall card",
        "SELECT count(*) FROM terms t WHERE NOT t.is_name"
        " AND EXISTS (SELECT 1 FROM article_terms at WHERE at.term_id = t.id)"
        " AND NOT EXISTS (SELECT 1 FROM known k WHERE k.word = t.simplified)"
        " AND (SELECT count(*) FROM cards c WHERE c.term_id = t.id) < 2",
    ),
    (
        "cards for names (names get no cards)",
        "SELECT count(*) FROM cards c JOIN terms t ON t.id = c.term_id WHERE t.is_name",
    ),
    (
        "cards whose known flag disagrees with the known words",
        "SELECT count(*) FROM cards c JOIN terms t ON t.id = c.term_id WHERE c.known !="
        " EXISTS (SELECT 1 FROM known k WHERE k.word = t.simplified)",
    ),
    (
        "cards missing from the browse summary",
        "SELECT count(DISTINCT c.term_id) FROM cards c WHERE NOT EXISTS"
        " (SELECT 1 FROM term_cards s WHERE s.term_id = c.term_id)",
    ),
    (
        "reviewed cards with no schedule",
        "SELECT count(*) FROM cards c WHERE EXISTS (SELECT 1 FROM reviews r WHERE r.card_id = c.id)"
        " AND (c.state IS NULL OR c.due IS NULL)",
    ),
]


def invariant_problems(db: Database) -> list[str]:
    """vocab's own rules that SQLite cannot know: whole articles, two cards per word, ..."""
    problems = []
    for description, query in _INVARIANTS:
        (count,) = db.execute(query).fetchone()
        if count:
            problems.append(f"{count} {description}")
    return problems


def counts(db: Database) -> dict[str, int]:
    """How much the database holds, for the verdict line."""
    found = {}
    for table in ("articles", "terms", "cards", "reviews"):
        (found[table],) = db.execute(f"SELECT count(*) FROM {table}").fetchone()
    return found
