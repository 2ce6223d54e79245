"""The database schema, as migrations. Never edit an applied migration: add a new one."""

import sqlite3

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("vocab")


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
