"""The database schema, as migrations. Never edit an applied migration: add a new one.

Migrations are plain functions in a list, so `vocab.store.open_db` can tell whether any is
pending without importing sqlite_utils; only then are they handed to sqlite-utils' `Migrations`,
which applies them and records them in its `_sqlite_migrations` table.
"""

import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING

from vocab.store.db import Database

if TYPE_CHECKING:
    from sqlite_utils.migrations import Migrations

MIGRATION_SET = "vocab"
Migration = Callable[[Database], None]


class MigrationList:
    """Our migrations in order; `@migrations()` registers one, as sqlite-utils' decorator does."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.functions: list[Migration] = []

    def __call__(self) -> Callable[[Migration], Migration]:
        def register(function: Migration) -> Migration:
            if function.__name__ in self.names():
                raise ValueError(f"migration {function.__name__} is registered twice")
            self.functions.append(function)
            return function

        return register

    def names(self) -> list[str]:
        return [function.__name__ for function in self.functions]

    def for_sqlite_utils(self, db: Database) -> "Migrations":
        """The same migrations as a sqlite-utils `Migrations`, each run on `db` (the connection
        sqlite-utils' own Database wraps, so inside the transaction it opens)."""
        from sqlite_utils.migrations import Migrations

        applier = Migrations(self.name)
        for function in self.functions:

            def run(_: object, function: Migration = function) -> None:
                function(db)

            applier(name=function.__name__)(run)
        return applier


migrations = MigrationList(MIGRATION_SET)


def _execute_script(db: Database, script: str) -> None:
    """Run statements one by one: sqlite3's executescript would commit the migration's transaction."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            db.execute(statement)
            statement = ""
    if statement.strip():
        raise ValueError(f"incomplete SQL statement in migration: {statement!r}")


@migrations()
def m001_articles_terms_cards(db: Database) -> None:
    _execute_script(
        db,
        """
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            slug TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL,
            content_hash TEXT NOT NULL UNIQUE,
            source TEXT NOT NULL,
            layout TEXT NOT NULL,
            imported_at TEXT NOT NULL,
            paragraph_pairs INTEGER NOT NULL,
            sentence_pairs INTEGER NOT NULL
        );
        CREATE TABLE paragraphs (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            zh TEXT NOT NULL,
            en TEXT,
            PRIMARY KEY (article_id, idx)
        );
        CREATE TABLE sentences (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            paragraph INTEGER NOT NULL,
            zh TEXT NOT NULL,
            en TEXT,
            score REAL NOT NULL,
            UNIQUE (article_id, idx)
        );
        -- One row per word and reading: 行 háng and 行 xíng are two terms.
        CREATE TABLE terms (
            id INTEGER PRIMARY KEY,
            simplified TEXT NOT NULL,
            pinyin_numbered TEXT NOT NULL,
            traditional TEXT NOT NULL,
            pinyin TEXT NOT NULL,
            definitions TEXT NOT NULL,      -- JSON list of glosses
            user_definition TEXT,           -- the learner's own meaning, shown instead when set
            hsk INTEGER,
            hsk2 INTEGER,
            zipf REAL NOT NULL,
            pos TEXT NOT NULL,
            is_name INTEGER NOT NULL,
            in_dictionary INTEGER NOT NULL,
            UNIQUE (simplified, pinyin_numbered)
        );
        -- Exact counts per article; `first` orders new cards by first appearance.
        CREATE TABLE article_terms (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            term_id INTEGER NOT NULL REFERENCES terms(id),
            count INTEGER NOT NULL,
            first INTEGER NOT NULL,
            PRIMARY KEY (article_id, term_id)
        );
        CREATE INDEX article_terms_term ON article_terms(term_id);
        -- A capped sample of where each term occurs (a novel would otherwise store 600k rows).
        CREATE TABLE occurrences (
            term_id INTEGER NOT NULL REFERENCES terms(id),
            sentence_id INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            en_match TEXT,
            example INTEGER NOT NULL,       -- 1: one of the term's chosen example sentences
            PRIMARY KEY (term_id, sentence_id, start)
        );
        CREATE INDEX occurrences_sentence ON occurrences(sentence_id);
        CREATE TABLE known (
            word TEXT PRIMARY KEY,
            added_at TEXT NOT NULL
        );
        -- Two cards per non-name term. `state` is fsrs' Card.to_dict() as JSON, NULL while new.
        CREATE TABLE cards (
            id INTEGER PRIMARY KEY,
            term_id INTEGER NOT NULL REFERENCES terms(id),
            kind TEXT NOT NULL CHECK (kind IN ('recognition', 'recall')),
            state TEXT,
            due TEXT,                       -- ISO 8601 UTC, NULL while new
            fsrs_state INTEGER,             -- fsrs.State value, NULL while new
            stability REAL,
            lapses INTEGER NOT NULL DEFAULT 0,
            suspended INTEGER NOT NULL DEFAULT 0,
            leech INTEGER NOT NULL DEFAULT 0,
            buried_until TEXT,
            created_at TEXT NOT NULL,
            UNIQUE (term_id, kind)
        );
        CREATE INDEX cards_due ON cards(due) WHERE due IS NOT NULL;
        CREATE INDEX cards_new ON cards(id) WHERE due IS NULL;
        CREATE TABLE reviews (
            id INTEGER PRIMARY KEY,
            card_id INTEGER NOT NULL REFERENCES cards(id) ON DELETE CASCADE,
            rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
            reviewed_at TEXT NOT NULL,
            duration_ms INTEGER,
            state_before TEXT,              -- the card's state JSON before this review, for undo
            due_before TEXT,
            log TEXT NOT NULL               -- fsrs ReviewLog.to_dict() as JSON
        );
        CREATE INDEX reviews_card ON reviews(card_id);
        CREATE INDEX reviews_time ON reviews(reviewed_at);
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        """,
    )


@migrations()
def m002_review_queue(db: Database) -> None:
    """What the review queue needs to stay a few milliseconds at a million cards: the time of the
    last review (retrievability order), learning and review cards by state and due time (covering
    every column the queue filters and sorts on, so ordering a large backlog reads no table rows),
    and each article's new terms in order of first appearance."""
    _execute_script(
        db,
        """
        ALTER TABLE cards ADD COLUMN last_review TEXT;
        CREATE INDEX cards_queue ON cards(
            fsrs_state, due, suspended, buried_until, term_id, stability, last_review
        );
        CREATE INDEX article_terms_first ON article_terms(article_id, first);
        """,
    )


@migrations()
def m003_browse_stats_history(db: Database) -> None:
    """Browse, stats and fitting (issue 6). `pinyin_key` is the reading without tones or spaces
    (ren2 gong1 -> rengong), computed by SQLite so every writer of terms keeps it right.
    `term_cards` sums up each term's cards (state, earliest due, lowest stability, lapses) and
    is kept by triggers in the same transaction as every card write, so browse filters and sorts
    50k terms on one narrow table instead of grouping 100k cards per keystroke.
    `imported_reviews` holds review logs from other apps (`vocab import-reviews`): their card ids
    are not ours, so they live apart from `reviews` and only feed the parameter fit."""
    _execute_script(
        db,
        """
        ALTER TABLE terms ADD COLUMN pinyin_key TEXT GENERATED ALWAYS AS (
            lower(replace(replace(replace(replace(replace(replace(replace(
                pinyin_numbered, '1', ''), '2', ''), '3', ''), '4', ''), '5', ''), ' ', ''),
                'u:', 'v'))
        ) VIRTUAL;
        CREATE INDEX terms_pinyin_key ON terms(pinyin_key);
        CREATE INDEX terms_hsk ON terms(hsk);
        -- rank: 0 new, 1 learning, 2 review, 4 suspended, 5 leech (3, known, is the known table's)
        CREATE TABLE term_cards (
            term_id INTEGER PRIMARY KEY REFERENCES terms(id) ON DELETE CASCADE,
            rank INTEGER NOT NULL,
            due TEXT,
            stability REAL,
            lapses INTEGER NOT NULL
        );
        INSERT INTO term_cards SELECT term_id,
            CASE WHEN max(leech) THEN 5 WHEN sum(suspended) = count(*) THEN 4
                 WHEN max(fsrs_state IN (1, 3)) THEN 1 WHEN count(due) > 0 THEN 2 ELSE 0 END,
            min(due), min(stability), sum(lapses)
            FROM cards GROUP BY term_id;
        CREATE TRIGGER term_cards_insert AFTER INSERT ON cards BEGIN
            INSERT OR REPLACE INTO term_cards SELECT term_id,
                CASE WHEN max(leech) THEN 5 WHEN sum(suspended) = count(*) THEN 4
                     WHEN max(fsrs_state IN (1, 3)) THEN 1 WHEN count(due) > 0 THEN 2 ELSE 0 END,
                min(due), min(stability), sum(lapses)
                FROM cards WHERE term_id = NEW.term_id GROUP BY term_id;
        END;
        CREATE TRIGGER term_cards_update
        AFTER UPDATE OF term_id, due, fsrs_state, stability, lapses, suspended, leech ON cards
        BEGIN
            INSERT OR REPLACE INTO term_cards SELECT term_id,
                CASE WHEN max(leech) THEN 5 WHEN sum(suspended) = count(*) THEN 4
                     WHEN max(fsrs_state IN (1, 3)) THEN 1 WHEN count(due) > 0 THEN 2 ELSE 0 END,
                min(due), min(stability), sum(lapses)
                FROM cards WHERE term_id = NEW.term_id GROUP BY term_id;
        END;
        CREATE TRIGGER term_cards_delete AFTER DELETE ON cards BEGIN
            DELETE FROM term_cards WHERE term_id = OLD.term_id;
            INSERT INTO term_cards SELECT term_id,
                CASE WHEN max(leech) THEN 5 WHEN sum(suspended) = count(*) THEN 4
                     WHEN max(fsrs_state IN (1, 3)) THEN 1 WHEN count(due) > 0 THEN 2 ELSE 0 END,
                min(due), min(stability), sum(lapses)
                FROM cards WHERE term_id = OLD.term_id GROUP BY term_id;
        END;
        CREATE INDEX term_cards_due ON term_cards(due);
        CREATE TABLE imported_reviews (
            id INTEGER PRIMARY KEY,
            card_key TEXT NOT NULL,         -- the other app's card id
            rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
            reviewed_at TEXT NOT NULL,      -- ISO 8601 UTC
            duration_ms INTEGER,
            source TEXT NOT NULL,           -- the file it came from
            UNIQUE (card_key, reviewed_at)
        );
        """,
    )


@migrations()
def m004_cards_known(db: Database) -> None:
    """Known words leave the queue through a flag on their cards (issue 3): testing the `known`
    table for every card made a session start take seconds at a million cards. Triggers on
    `known` keep the flag right inside the very statement that adds or removes a word, whoever
    writes it, and a card made later for a known word starts known. The queue index covers it,
    and new cards get an index of only those that can be shown, so the next new card is one
    index step even when the learner marked thousands of words known."""
    _execute_script(
        db,
        """
        ALTER TABLE cards ADD COLUMN known INTEGER NOT NULL DEFAULT 0;
        UPDATE cards SET known = 1 WHERE term_id IN (
            SELECT t.id FROM terms t JOIN known k ON k.word = t.simplified);
        CREATE TRIGGER cards_known_insert AFTER INSERT ON known BEGIN
            UPDATE cards SET known = 1 WHERE known = 0 AND term_id IN (
                SELECT id FROM terms WHERE simplified = NEW.word);
        END;
        CREATE TRIGGER cards_known_delete AFTER DELETE ON known BEGIN
            UPDATE cards SET known = 0 WHERE known = 1 AND term_id IN (
                SELECT id FROM terms WHERE simplified = OLD.word);
        END;
        CREATE TRIGGER cards_known_new_card AFTER INSERT ON cards
        WHEN EXISTS (SELECT 1 FROM known k JOIN terms t ON k.word = t.simplified
                     WHERE t.id = NEW.term_id)
        BEGIN
            UPDATE cards SET known = 1 WHERE id = NEW.id;
        END;
        DROP INDEX cards_queue;
        CREATE INDEX cards_queue ON cards(
            fsrs_state, due, suspended, known, buried_until, term_id, stability, last_review
        );
        CREATE INDEX cards_new_available ON cards(id, buried_until, term_id)
            WHERE due IS NULL AND suspended = 0 AND known = 0;
        """,
    )


@migrations()
def m005_sentence_positions(db: Database) -> None:
    """Where a sentence shows in its source, when the source says (a subtitle's start time,
    HH:MM:SS); NULL for sentences of text, pages and books."""
    _execute_script(db, "ALTER TABLE sentences ADD COLUMN position TEXT;")


@migrations()
def m006_review_order_and_article_counts(db: Database) -> None:
    """Two reads that touch every card get an index of exactly what they read (issue 3).

    Ordering today's reviews by retrievability (`cards.reviews_due`) reads every review card
    due today, and parsing each one's `last_review` text took a third of its time (30 ms at
    100k cards): `last_review_julian` is that time as a number, computed by SQLite (so every
    writer keeps it right), kept in an index of only the review cards that can be shown, with
    every column the ordering reads. The home screen's per-article counts read each term's
    cards from the table (0.3 s at 100k cards); `cards_term_state` holds the columns they count."""
    _execute_script(
        db,
        """
        ALTER TABLE cards ADD COLUMN last_review_julian REAL
            GENERATED ALWAYS AS (julianday(last_review)) VIRTUAL;
        CREATE INDEX cards_reviews_due ON cards(
            due, buried_until, stability, last_review_julian, term_id, fsrs_state, suspended, known
        ) WHERE fsrs_state = 2 AND suspended = 0 AND known = 0;
        CREATE INDEX cards_term_state ON cards(term_id, suspended, known, due);
        """,
    )
