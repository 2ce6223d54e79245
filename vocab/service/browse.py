"""Browse use cases: find terms by hanzi, pinyin (with or without tones) or English, filter and
sort them a page at a time, and fix them: edit the meaning, suspend, mark known, reset, delete.

Also the term changes the reader makes (ignore, add to the queue). The shells pass `now`.
"""

import json
import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import datetime

from vocab.errors import NotFoundError, VocabError
from vocab.schedule import card_from_state, to_iso
from vocab.store import browse as store
from vocab.store import cards
from vocab.store.browse import SORT_COLUMNS, TERM_STATES, Filters, Search, TermRow
from vocab.store.db import Database

PAGE_SIZE = 100
HSK_UNLISTED = 8
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_TONE_DIGITS = re.compile(r"[1-5]")

__all__ = [
    "PAGE_SIZE",
    "SORT_COLUMNS",
    "TERM_STATES",
    "BrowseError",
    "BrowseView",
    "Page",
    "TermDetail",
    "TermRow",
    "articles",
    "delete_term",
    "detail",
    "edit_meaning",
    "ignore_term",
    "load_page",
    "parse_search",
    "queue_term",
    "reset_term",
    "set_known",
    "set_suspended",
]


class BrowseError(VocabError):
    """A filter or sort the browse list does not have."""


def parse_search(text: str) -> Search | None:
    """What a search box text matches. Hanzi match the term's characters; Latin text matches the
    English meanings and the reading from its start, written without tones (rengong), with tone
    numbers (ren2gong1) or tone marks (réngōng), spaces optional; v or u: for ü."""
    query = " ".join(text.split()).lower()
    if not query:
        return None
    if _HAN.search(query):
        return Search(text=query)
    letters = query.replace(" ", "").replace("u:", "ü").replace("v", "ü")
    if _TONE_DIGITS.search(letters):
        key = _without_tone_marks(_TONE_DIGITS.sub("", letters))
        return Search(text=query, pinyin_key=key, numbered=letters.replace("ü", "u:"))
    key = _without_tone_marks(letters)
    tone_marks = any(
        unicodedata.combining(char) and char != "\u0308"
        for char in unicodedata.normalize("NFD", letters)
    )
    marked = unicodedata.normalize("NFC", letters) if tone_marks else ""
    return Search(text=query, pinyin_key=key, marked=marked)


def _without_tone_marks(letters: str) -> str:
    """réngōng -> rengong; ü, with or without a tone (lǜ), -> v, the reading key's spelling."""
    decomposed = unicodedata.normalize("NFD", letters).replace("u\u0308", "v")
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@dataclass(frozen=True)
class BrowseView:
    """Everything that decides which terms the list shows, and in what order."""

    search: str = ""
    article_id: int | None = None
    hsk: int | None = None  # 1-7; 8: not in the HSK lists
    state: str | None = None
    sort: str = "simplified"
    descending: bool = False

    def sorted_by(self, column: str) -> "BrowseView":
        """Sort by `column`; asked for the column already sorted on, reverse the order."""
        if column == self.sort:
            return replace(self, descending=not self.descending)
        return replace(self, sort=column, descending=False)


@dataclass(frozen=True)
class Page:
    rows: list[TermRow]
    offset: int
    total: int  # terms matching, over every page

    @property
    def last(self) -> int:
        """The 1-based number of the page's last row (0 when empty)."""
        return self.offset + len(self.rows)


def _filters(view: BrowseView) -> Filters:
    if view.state is not None and view.state not in TERM_STATES:
        raise BrowseError(f"no state {view.state!r}; states: {', '.join(TERM_STATES)}")
    if view.hsk is not None and not 1 <= view.hsk <= HSK_UNLISTED:
        raise BrowseError(f"HSK level must be 1 to 7 (8: not listed), not {view.hsk}")
    if view.sort not in SORT_COLUMNS:
        raise BrowseError(f"cannot sort by {view.sort!r}; columns: {', '.join(SORT_COLUMNS)}")
    return Filters(parse_search(view.search), view.article_id, view.hsk, view.state)


def load_page(db: Database, view: BrowseView, offset: int = 0, size: int = PAGE_SIZE) -> Page:
    """The terms of one page of the list; `offset` is clamped to the list's last page."""
    filters = _filters(view)
    total = store.count(db, filters)
    offset = max(0, min(offset, (max(total - 1, 0) // size) * size))
    rows = store.page(db, filters, view.sort, view.descending, offset, size)
    return Page(rows, offset, total)


def articles(db: Database) -> list[tuple[int, str]]:
    """(id, slug) of every article, for the article filter."""
    return store.article_choices(db)


@dataclass(frozen=True)
class TermDetail:
    row: TermRow
    traditional: str
    definitions: list[str]
    user_definition: str | None

    @property
    def meanings(self) -> list[str]:
        return [self.user_definition] if self.user_definition else self.definitions


def detail(db: Database, term_id: int) -> TermDetail:
    found = store.row(db, term_id)
    if found is None:
        raise NotFoundError(f"term {term_id} no longer exists")
    definitions, user_definition, traditional = store.definitions(db, term_id)
    return TermDetail(found, traditional, definitions, user_definition)


def edit_meaning(db: Database, term_id: int, meaning: str) -> TermDetail:
    """Set the learner's own meaning (blank restores the dictionary's)."""
    cards.set_user_definition(db, term_id, " ".join(meaning.split()) or None)
    return detail(db, term_id)


def set_suspended(db: Database, term_id: int, suspended: bool) -> TermDetail:
    store.set_suspended(db, term_id, suspended)
    return detail(db, term_id)


def set_known(db: Database, term_id: int, known: bool, now: datetime) -> TermDetail:
    """Known words leave the queue (every reading of the word) and count for coverage."""
    word = detail(db, term_id).row.simplified
    if known:
        cards.mark_known(db, word, now)
    else:
        cards.unmark_known(db, word)
    return detail(db, term_id)


def reset_term(db: Database, term_id: int) -> TermDetail:
    """Start the term over as new; its past reviews stay in the history."""
    store.reset(db, term_id)
    return detail(db, term_id)


def delete_term(db: Database, term_id: int) -> None:
    """Remove the term, its cards and their reviews for good."""
    detail(db, term_id)
    store.delete(db, term_id)


def ignore_term(db: Database, term_id: int) -> TermDetail:
    """Not a word worth learning (a name, a segmentation slip): its cards are suspended."""
    return set_suspended(db, term_id, True)


def queue_term(db: Database, term_id: int, now: datetime) -> TermDetail:
    """Learn this term next: it leaves the known list, its cards are unsuspended, and its new
    cards become learning cards due now, which a session shows before any new card."""
    word = detail(db, term_id).row.simplified
    cards.unmark_known(db, word)
    fresh = {}
    for card_id in store.new_card_ids(db, term_id):
        card = card_from_state(card_id, None, now)
        fresh[card_id] = (json.dumps(card.to_dict()), to_iso(now), int(card.state))
    store.queue_now(db, term_id, fresh)
    return detail(db, term_id)
