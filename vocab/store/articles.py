"""Articles and everything an import writes: paragraphs, sentences, terms, occurrences, new cards."""

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from vocab.store import known as known_words
from vocab.store.db import Database
from vocab.terms import Term
from vocab.text import ParsedArticle


@dataclass(frozen=True)
class ArticleRow:
    id: int
    slug: str
    title: str
    source: str
    layout: str
    imported_at: str
    paragraph_pairs: int
    sentence_pairs: int
    terms: int
    names: int


_ARTICLE_COLUMNS = """
    a.id, a.slug, a.title, a.source, a.layout, a.imported_at, a.paragraph_pairs, a.sentence_pairs,
    (SELECT count(*) FROM article_terms at JOIN terms t ON t.id = at.term_id
      WHERE at.article_id = a.id AND NOT t.is_name),
    (SELECT count(*) FROM article_terms at JOIN terms t ON t.id = at.term_id
      WHERE at.article_id = a.id AND t.is_name)
"""


def by_hash(db: Database, content_hash: str) -> ArticleRow | None:
    row = db.execute(
        f"SELECT {_ARTICLE_COLUMNS} FROM articles a WHERE a.content_hash = ?", [content_hash]
    ).fetchone()
    return ArticleRow(*row) if row else None


def by_slug(db: Database, slug: str) -> ArticleRow | None:
    row = db.execute(
        f"SELECT {_ARTICLE_COLUMNS} FROM articles a WHERE a.slug = ?", [slug]
    ).fetchone()
    return ArticleRow(*row) if row else None


def all_articles(db: Database) -> list[ArticleRow]:
    rows = db.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles a ORDER BY a.imported_at, a.id")
    return [ArticleRow(*row) for row in rows.fetchall()]


def slugs_starting_with(db: Database, stem: str) -> set[str]:
    rows = db.execute(
        "SELECT slug FROM articles WHERE slug = ? OR slug LIKE ?", [stem, f"{stem}-%"]
    )
    return {slug for (slug,) in rows.fetchall()}


_IMPORT_CACHE_KIB = 128 * 1024
# Places of a term stored besides its examples. What reads them wants one sentence to show
# (review, export, lists take the examples); exact counts live in article_terms.
STORED_OCCURRENCES = 10
_JSON = json.JSONEncoder(ensure_ascii=False)  # json.dumps builds a new encoder per call


def save(
    db: Database,
    *,
    slug: str,
    source: str,
    content_hash: str,
    article: ParsedArticle,
    terms: Sequence[Term],
    now: datetime,
) -> int:
    """Write one imported article whole, in one transaction: it lands entirely or not at all."""
    stamp = now.isoformat()
    # A novel writes 300k rows into five indexes: with SQLite's default 2 MB page cache the
    # index pages spill and are read back again and again (3x slower). The cache only grows as
    # far as the pages touched, and goes back to its size afterwards.
    (cache_size,) = db.execute("PRAGMA cache_size").fetchone()
    (foreign_keys,) = db.execute("PRAGMA foreign_keys").fetchone()
    db.execute(f"PRAGMA cache_size = {-_IMPORT_CACHE_KIB}")
    # Every row written here refers to rows this same transaction wrote or read (its article,
    # sentences and terms): checking each reference again costs a fifth of a novel's import.
    # (Outside a transaction only; inside one SQLite ignores the pragma.)
    db.execute("PRAGMA foreign_keys = OFF")
    try:
        return _save(db, slug, source, content_hash, article, terms, stamp)
    finally:
        db.execute(f"PRAGMA cache_size = {int(cache_size)}")
        db.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")


def _save(
    db: Database,
    slug: str,
    source: str,
    content_hash: str,
    article: ParsedArticle,
    terms: Sequence[Term],
    stamp: str,
) -> int:
    with db.atomic():
        cursor = db.execute(
            "INSERT INTO articles (slug, title, content_hash, source, layout, imported_at,"
            " paragraph_pairs, sentence_pairs) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                slug,
                article.title,
                content_hash,
                source,
                article.layout,
                stamp,
                sum(1 for p in article.paragraphs if p.en is not None),
                sum(1 for s in article.sentences if s.en is not None),
            ],
        )
        article_id = cursor.lastrowid
        assert article_id is not None
        db.conn.executemany(
            "INSERT INTO paragraphs (article_id, idx, zh, en) VALUES (?, ?, ?, ?)",
            [(article_id, i, p.zh, p.en) for i, p in enumerate(article.paragraphs)],
        )
        first_sentence_id = _insert_sentences(db, article_id, article)
        term_ids = _upsert_terms(db, terms)
        db.conn.executemany(
            "INSERT INTO article_terms (article_id, term_id, count, first) VALUES (?, ?, ?, ?)",
            [(article_id, term_ids[i], t.count, t.first) for i, t in enumerate(terms)],
        )
        db.conn.executemany(
            "INSERT OR IGNORE INTO occurrences (term_id, sentence_id, start, end, en_match, example)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            _occurrence_rows(article, terms, term_ids, first_sentence_id),
        )
        known = known_words.all_words(db)
        with _card_summaries_in_bulk(db):
            db.conn.executemany(
                "INSERT OR IGNORE INTO cards (term_id, kind, created_at) VALUES (?, ?, ?)",
                [
                    (term_ids[i], kind, stamp)
                    for i, t in enumerate(terms)
                    if not t.is_name and t.simplified not in known
                    for kind in ("recognition", "recall")
                ],
            )
    return article_id


# The trigger that sums up a term's cards for the browse screen (migration m006), and the
# condition in it that picks the term whose summary it rewrites.
_SUMMARY_TRIGGER = "term_cards_insert"
_PER_CARD = "WHERE term_id = NEW.term_id"


@contextmanager
def _card_summaries_in_bulk(db: Database) -> Iterator[None]:
    """Inside the import's transaction: sum up the new cards' terms in one statement instead of
    once per card (70k trigger runs are a sixth of a novel's import).

    The trigger is dropped for the inserts and made again from its own stored text, in the same
    transaction, so it is back whatever happens; its statement is run once for every term that
    got a card. A trigger that no longer reads as expected is left to do its work.
    """
    row = db.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", [_SUMMARY_TRIGGER]
    ).fetchone()
    body = _bulk_summary(row[0]) if row else None
    if body is None:
        yield
        return
    (last_card,) = db.execute("SELECT coalesce(max(id), 0) FROM cards").fetchone()
    db.execute(f"DROP TRIGGER {_SUMMARY_TRIGGER}")
    yield
    db.execute(body, [last_card])
    db.execute(row[0])


def _bulk_summary(trigger: str) -> str | None:
    """The trigger's statement for the terms of every card with an id above `?`, or None."""
    head, found, rest = trigger.partition(" BEGIN")
    statement, end, _ = rest.rpartition("END")
    if not found or not end or "AFTER INSERT ON cards" not in head:
        return None
    statement = statement.strip().rstrip(";")
    if statement.count(_PER_CARD) != 1 or statement.count("NEW.") != 1 or ";" in statement:
        return None
    return statement.replace(_PER_CARD, "WHERE term_id IN (SELECT term_id FROM cards WHERE id > ?)")


def _insert_sentences(db: Database, article_id: int, article: ParsedArticle) -> int:
    """Insert the sentences with consecutive ids; returns the id of the first one."""
    (last,) = db.execute("SELECT coalesce(max(id), 0) FROM sentences").fetchone()
    first_id = int(last) + 1
    db.conn.executemany(
        "INSERT INTO sentences (id, article_id, idx, paragraph, zh, en, score, position)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (first_id + i, article_id, i, s.paragraph, s.zh, s.en, s.score, s.position)
            for i, s in enumerate(article.sentences)
        ],
    )
    return first_id


def _upsert_terms(db: Database, terms: Sequence[Term]) -> list[int]:
    """Ids of the terms, inserting those not yet stored. A stored term keeps its row (and the
    learner's own meaning): the same word and reading is one term across articles."""
    ids: dict[tuple[str, str], int] = {}
    # Batched by word: one query per 500 words, not one per term.
    words = list(dict.fromkeys(t.simplified for t in terms))
    for start in range(0, len(words), 500):
        chunk = words[start : start + 500]
        rows = db.execute(
            "SELECT id, simplified, pinyin_numbered FROM terms"
            f" WHERE simplified IN ({','.join('?' * len(chunk))})",
            chunk,
        )
        for term_id, simplified, numbered in rows.fetchall():
            ids[(simplified, numbered)] = term_id
    # New terms get the next ids: this transaction has written its article already, so it
    # holds SQLite's write lock and no other import can take them in between.
    (last,) = db.execute("SELECT coalesce(max(id), 0) FROM terms").fetchone()
    new_rows = []
    for t in terms:
        key = (t.simplified, t.pinyin_numbered)
        if key in ids:
            continue
        last += 1
        ids[key] = last
        new_rows.append(
            (
                last,
                t.simplified,
                t.pinyin_numbered,
                t.traditional,
                t.pinyin,
                _JSON.encode(t.definitions),
                t.hsk,
                t.hsk2,
                t.zipf,
                t.pos,
                int(t.is_name),
                int(t.in_dictionary),
            )
        )
    db.conn.executemany(
        "INSERT INTO terms (id, simplified, pinyin_numbered, traditional, pinyin, definitions,"
        " hsk, hsk2, zipf, pos, is_name, in_dictionary) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        new_rows,
    )
    return [ids[(t.simplified, t.pinyin_numbered)] for t in terms]


def _occurrence_rows(
    article: ParsedArticle, terms: Sequence[Term], term_ids: Sequence[int], first_sentence_id: int
) -> Iterable[tuple[Any, ...]]:
    for term, term_id in zip(terms, term_ids, strict=True):
        examples = {e.sentence: e.en_match for e in term.examples}
        for i, (sentence, start, end) in enumerate(term.occurrences):
            if sentence in examples:
                yield (term_id, first_sentence_id + sentence, start, end, examples.pop(sentence), 1)
            elif i < STORED_OCCURRENCES:
                yield (term_id, first_sentence_id + sentence, start, end, None, 0)
            elif not examples:
                break
        # An example sentence beyond the stored cap of occurrences is still stored as one.
        for sentence, en_match in examples.items():
            start = max(article.sentences[sentence].zh.find(term.simplified), 0)
            yield (
                term_id,
                first_sentence_id + sentence,
                start,
                start + len(term.simplified),
                en_match,
                1,
            )
