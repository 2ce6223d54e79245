"""Articles and everything an import writes: paragraphs, sentences, terms, occurrences, new cards."""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from json.encoder import encode_basestring
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
# Places of a term stored besides its examples, in an article with English: a card shows a
# sentence with English first, and one of these may have it where the examples do not. Lists,
# exports and reviews otherwise take the examples; exact counts live in article_terms. A text
# without English keeps its examples only (a third of a novel's rows).
STORED_OCCURRENCES = 10


def _json_list(strings: Sequence[str]) -> str:
    """`json.dumps(strings, ensure_ascii=False)`, three times faster for a list of strings."""
    return "[" + ", ".join(map(encode_basestring, strings)) + "]"


@dataclass
class ImportPlan:
    """What the rows of an import refer to, read once its transaction holds the write lock.

    Rows are made from it anywhere, by `rows` (a forked child makes a novel's while this
    process writes the ones before), and written by `ArticleWriter`. Term ids are final when
    made: no other import can take them while this one holds the lock.
    """

    slug: str
    article_id: int
    first_sentence_id: int
    stamp: str
    sentences: list[str]  # each sentence's Chinese, for an example beyond the stored places
    stored_places: int  # how many of a term's first places are stored besides its examples
    known: frozenset[str]
    stored_term_ids: dict[tuple[str, str], int]  # the stored terms of the article's words
    new_term_ids: int  # the article's n-th term, when new, gets id new_term_ids + n


# terms, article_terms and occurrences rows, and the ids of the terms that get cards: plain
# tuples and numbers, cheap to send between processes
Rows = tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], list[tuple[Any, ...]], list[int]]


def rows(plan: ImportPlan, position: int, terms: Sequence[Term]) -> Rows:
    """The rows that store `terms`, the article's terms from its `position`-th on.

    A stored term keeps its row (and the learner's own meaning): the same word and reading is
    one term across articles, with counts per article. A new term's id follows from its
    position, so any part of the terms can be made into rows apart from the others.
    """
    term_rows: list[tuple[Any, ...]] = []
    article_terms: list[tuple[Any, ...]] = []
    occurrences: list[tuple[Any, ...]] = []
    with_cards: list[int] = []
    for n, term in enumerate(terms, start=position):
        term_id = plan.stored_term_ids.get((term.simplified, term.pinyin_numbered))
        if term_id is None:
            term_id = plan.new_term_ids + n
            term_rows.append(
                (
                    term_id,
                    term.simplified,
                    term.pinyin_numbered,
                    term.traditional,
                    term.pinyin,
                    _json_list(term.definitions),
                    term.hsk,
                    term.hsk2,
                    term.zipf,
                    term.pos,
                    int(term.is_name),
                    int(term.in_dictionary),
                )
            )
        article_terms.append((plan.article_id, term_id, term.count, term.first))
        occurrences.extend(_occurrence_rows(plan, term, term_id))
        if not term.is_name and term.simplified not in plan.known:
            with_cards.append(term_id)
    return term_rows, article_terms, occurrences, with_cards


class ArticleWriter:
    """Writes an import's rows inside its transaction (see `importing`)."""

    def __init__(self, db: Database, plan: ImportPlan) -> None:
        self.db = db
        self.plan = plan

    def write(self, made: Rows) -> None:
        term_rows, article_terms, occurrences, with_cards = made
        conn = self.db.conn
        conn.executemany(
            "INSERT INTO terms (id, simplified, pinyin_numbered, traditional, pinyin, definitions,"
            " hsk, hsk2, zipf, pos, is_name, in_dictionary)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            term_rows,
        )
        conn.executemany(
            "INSERT INTO article_terms (article_id, term_id, count, first) VALUES (?, ?, ?, ?)",
            article_terms,
        )
        conn.executemany(
            "INSERT OR IGNORE INTO occurrences (term_id, sentence_id, start, end, en_match, example)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            occurrences,
        )
        # Two cards per term, recognition first, in the order of the terms: made by SQLite
        # from the list of ids (a novel's 70k card rows bound one by one cost a tenth of its
        # writing).
        conn.execute(
            "INSERT OR IGNORE INTO cards (term_id, kind, created_at)"
            " SELECT term.value, card.kind, ? FROM json_each(?) AS term"
            " CROSS JOIN (SELECT 0 AS n, 'recognition' AS kind UNION ALL SELECT 1, 'recall') AS card"
            " ORDER BY term.key, card.n",
            [self.plan.stamp, "[" + ",".join(map(str, with_cards)) + "]"],
        )


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
    with importing(
        db,
        slug_stem=slug,
        source=source,
        content_hash=content_hash,
        article=article,
        words=[t.simplified for t in terms],
        now=now,
    ) as writer:
        writer.write(rows(writer.plan, 0, terms))
    return writer.plan.article_id


@contextmanager
def importing(
    db: Database,
    *,
    slug_stem: str,
    source: str,
    content_hash: str,
    article: ParsedArticle,
    words: Sequence[str],
    now: datetime,
) -> Iterator[ArticleWriter]:
    """One import's transaction: the article, its paragraphs and sentences are written, and the
    block writes its terms through the writer. It lands entirely or not at all.

    The slug is `slug_stem`, or `slug_stem-2` and on when taken, chosen under the write lock.
    """
    # A novel writes 300k rows into a dozen indexes: with SQLite's default 2 MB page cache the
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
        with db.atomic():
            plan = _begin(db, slug_stem, source, content_hash, article, words, now.isoformat())
            with _card_summaries_in_bulk(db), _known_check_skipped(db):
                yield ArticleWriter(db, plan)
    finally:
        db.execute(f"PRAGMA cache_size = {int(cache_size)}")
        db.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")


def _begin(
    db: Database,
    slug_stem: str,
    source: str,
    content_hash: str,
    article: ParsedArticle,
    words: Sequence[str],
    stamp: str,
) -> ImportPlan:
    slug = _unique_slug(db, slug_stem)
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
    (last_term_id,) = db.execute("SELECT coalesce(max(id), 0) FROM terms").fetchone()
    return ImportPlan(
        slug=slug,
        article_id=article_id,
        first_sentence_id=first_sentence_id,
        stamp=stamp,
        sentences=[s.zh for s in article.sentences],
        stored_places=STORED_OCCURRENCES if any(s.en for s in article.sentences) else 0,
        known=frozenset(known_words.all_words(db)),
        stored_term_ids=_stored_term_ids(db, words),
        new_term_ids=int(last_term_id) + 1,
    )


def _unique_slug(db: Database, stem: str) -> str:
    taken = slugs_starting_with(db, stem)
    if stem not in taken:
        return stem
    n = 2
    while f"{stem}-{n}" in taken:
        n += 1
    return f"{stem}-{n}"


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


# The trigger that makes a new card of a known word start known (migration m004).
_KNOWN_TRIGGER = "cards_known_new_card"


@contextmanager
def _known_check_skipped(db: Database) -> Iterator[None]:
    """Inside the import's transaction: no card is made for a word known when it began (see
    `rows`), so the trigger's test of every new card against the known words finds nothing;
    it is dropped for the inserts and made again from its own stored text, in the same
    transaction."""
    row = db.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", [_KNOWN_TRIGGER]
    ).fetchone()
    if row is None:
        yield
        return
    db.execute(f"DROP TRIGGER {_KNOWN_TRIGGER}")
    yield
    db.execute(row[0])


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


def _stored_term_ids(db: Database, words: Sequence[str]) -> dict[tuple[str, str], int]:
    """The ids of the stored terms of these words, by word and reading; one query per 500 words."""
    ids: dict[tuple[str, str], int] = {}
    distinct = list(dict.fromkeys(words))
    for start in range(0, len(distinct), 500):
        chunk = distinct[start : start + 500]
        found = db.execute(
            "SELECT id, simplified, pinyin_numbered FROM terms"
            f" WHERE simplified IN ({','.join('?' * len(chunk))})",
            chunk,
        )
        for term_id, simplified, numbered in found.fetchall():
            ids[(simplified, numbered)] = term_id
    return ids


def _occurrence_rows(plan: ImportPlan, term: Term, term_id: int) -> list[tuple[Any, ...]]:
    """The term's stored places: where each example is (with its English match), and its
    first `plan.stored_places` places. Both come in the order of the text."""
    base = plan.first_sentence_id
    stored_places = plan.stored_places
    examples = term.examples
    found: list[tuple[Any, ...]] = []
    shown = 0  # examples placed so far
    for i, (sentence, start, end) in enumerate(term.occurrences):
        if shown < len(examples) and examples[shown].sentence == sentence:
            found.append((term_id, base + sentence, start, end, examples[shown].en_match, 1))
            shown += 1
        elif i < stored_places:
            found.append((term_id, base + sentence, start, end, None, 0))
        elif shown == len(examples):
            break
    # An example sentence beyond the stored cap of occurrences is still stored as one.
    for example in examples[shown:]:
        start = max(plan.sentences[example.sentence].find(term.simplified), 0)
        found.append(
            (
                term_id,
                base + example.sentence,
                start,
                start + len(term.simplified),
                example.en_match,
                1,
            )
        )
    return found
