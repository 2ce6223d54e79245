"""Reading an article with its terms marked: each paragraph's Chinese with the spans of the
article's terms and their state (new, learning, known), and its English."""

from dataclasses import dataclass

from vocab.errors import NotFoundError
from vocab.service.review import article_id_for
from vocab.store import browse as store
from vocab.store.browse import TermRow
from vocab.store.db import Database

# How the reader colours a term: studied terms in review count as known to the reader.
SHADES = {
    "new": "new",
    "learning": "learning",
    "review": "known",
    "known": "known",
    "suspended": "ignored",
    "leech": "learning",
}


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    term_id: int


@dataclass(frozen=True)
class Paragraph:
    zh: str
    en: str | None
    spans: list[Span]


@dataclass(frozen=True)
class Reading:
    slug: str
    title: str
    paragraphs: list[Paragraph]
    terms: dict[int, TermRow]

    def shade(self, term_id: int) -> str:
        return SHADES[self.terms[term_id].state]


def mark_terms(text: str, words: dict[str, int]) -> list[Span]:
    """The spans of `words` (word -> term id) in `text`, longest match first from left to
    right, as a reader's eye groups characters into the article's words."""
    longest = max((len(word) for word in words), default=0)
    spans = []
    index = 0
    while index < len(text):
        for size in range(min(longest, len(text) - index), 0, -1):
            term_id = words.get(text[index : index + size])
            if term_id is not None:
                spans.append(Span(index, index + size, term_id))
                index += size
                break
        else:
            index += 1
    return spans


def read_article(db: Database, slug: str) -> Reading:
    article_id = article_id_for(db, slug)
    title = store.article_title(db, article_id) if article_id is not None else None
    if article_id is None or title is None:
        raise NotFoundError(f"no article called {slug!r}; `vocab articles` lists them")
    rows = store.article_rows(db, article_id)
    words: dict[str, int] = {}
    for term in rows:  # most frequent reading first: it keeps the word
        words.setdefault(term.simplified, term.id)
    paragraphs = [
        Paragraph(zh, en, mark_terms(zh, words)) for zh, en in store.paragraphs(db, article_id)
    ]
    return Reading(slug, title, paragraphs, {term.id: term for term in rows})


def refreshed(db: Database, reading: Reading, term_id: int) -> Reading:
    """The reading with one term's state read anew (after the learner changed it)."""
    row = store.row(db, term_id)
    if row is None:
        raise NotFoundError(f"term {term_id} no longer exists")
    return Reading(reading.slug, reading.title, reading.paragraphs, {**reading.terms, term_id: row})


def paragraph_positions(db: Database, slug: str) -> dict[int, str]:
    """Each paragraph's cue time (subtitles), for the paragraphs whose first sentence has one."""
    from vocab.service.review import article_id_for
    from vocab.store import sentences

    article_id = article_id_for(db, slug)
    return {} if article_id is None else sentences.paragraph_positions(db, article_id)
