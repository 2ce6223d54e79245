"""Articles and everything an import writes: paragraphs, sentences, terms, occurrences, new cards."""

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from vocab.store import known as known_words
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


def _insert_sentences(db: Database, article_id: int, article: ParsedArticle) -> int:
    """Insert the sentences with consecutive ids; returns the id of the first one."""
    (last,) = db.execute("SELECT coalesce(max(id), 0) FROM sentences").fetchone()
    first_id = int(last) + 1
    db.conn.executemany(
        "INSERT INTO sentences (id, article_id, idx, paragraph, zh, en, score)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (first_id + i, article_id, i, s.paragraph, s.zh, s.en, s.score)
            for i, s in enumerate(article.sentences)
        ],
    )
    return first_id


def _upsert_terms(db: Database, terms: Sequence[Term]) -> list[int]:
    """Ids of the terms, inserting those not yet stored. A stored term keeps its row (and the
    learner's own meaning): the same word and reading is one term across articles."""
    db.conn.executemany(
        "INSERT INTO terms (simplified, pinyin_numbered, traditional, pinyin, definitions, hsk,"
        " hsk2, zipf, pos, is_name, in_dictionary) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (simplified, pinyin_numbered) DO NOTHING",
        [
            (
                t.simplified,
                t.pinyin_numbered,
                t.traditional,
                t.pinyin,
                json.dumps(t.definitions, ensure_ascii=False),
                t.hsk,
                t.hsk2,
                t.zipf,
                t.pos,
                int(t.is_name),
                int(t.in_dictionary),
            )
            for t in terms
        ],
    )
    lookup = "SELECT id FROM terms WHERE simplified = ? AND pinyin_numbered = ?"
    return [db.execute(lookup, [t.simplified, t.pinyin_numbered]).fetchone()[0] for t in terms]


def _occurrence_rows(
    article: ParsedArticle, terms: Sequence[Term], term_ids: Sequence[int], first_sentence_id: int
) -> Iterable[tuple[Any, ...]]:
    for term, term_id in zip(terms, term_ids, strict=True):
        examples = {e.sentence: e.en_match for e in term.examples}
        for sentence, start, end in term.occurrences:
            is_example = sentence in examples
            en_match = examples.pop(sentence, None)
            yield (term_id, first_sentence_id + sentence, start, end, en_match, int(is_example))
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
