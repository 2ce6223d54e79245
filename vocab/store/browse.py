"""Browsing terms: one page of a filtered, sorted, searched list, and the learner's changes to a
term (suspend, reset, delete). Known words and edited meanings are in `vocab.store.cards`.

Only the page on screen is read (LIMIT/OFFSET): at 50k terms a page costs one pass over the
covering index `cards_term_browse` (migration m003), never the rows of every term.
"""

import json
from dataclasses import dataclass

from vocab.store.db import Database

# A term's state, indexed by its rank in `term_cards`: a known word is known whatever its cards
# say; a leech is also suspended, and says more.
TERM_STATES = ("new", "learning", "review", "known", "suspended", "leech")


@dataclass(frozen=True)
class Search:
    """What a search box text matches, already normalised by the service: hanzi or English
    (`text`, a substring), or the start of a reading without tones (`pinyin_key`), which must
    also start with `numbered` (tone numbers) or `marked` (tone marks) when those are given;
    all without spaces. Empty fields match nothing."""

    text: str = ""
    pinyin_key: str = ""
    numbered: str = ""
    marked: str = ""


@dataclass(frozen=True)
class Filters:
    search: Search | None = None
    article_id: int | None = None
    hsk: int | None = None  # 1-7 (7: band 7-9); 8: not in the HSK lists
    state: str | None = None  # one of TERM_STATES


# Every column the browse table can be sorted by, and the SQL it sorts on.
SORT_COLUMNS: dict[str, tuple[str, ...]] = {
    "simplified": ("t.simplified",),
    "pinyin": ("t.pinyin_key", "t.pinyin"),
    "meaning": ("lower(coalesce(t.user_definition, json_extract(t.definitions, '$[0]')))",),
    "hsk": ("coalesce(t.hsk, 8)",),
    "article": ("article",),
    "state": ("rank",),
    "due": ("c.due IS NULL", "c.due"),  # terms never studied last, either way
    "stability": ("c.stability IS NULL", "c.stability"),
    "lapses": ("coalesce(c.lapses, 0)",),
}


@dataclass(frozen=True)
class TermRow:
    """One line of the browse table: the term and its cards taken together."""

    id: int
    simplified: str
    pinyin: str
    pinyin_numbered: str
    meaning: str
    hsk: int | None
    article: str | None  # the slug of the first article it was met in
    state: str
    due: str | None  # the earliest due time of its cards (ISO UTC)
    stability: float | None  # the lower stability of its cards, in days
    lapses: int  # over both cards


# A known word is known whatever its cards say (rank 3, see `term_cards` in the schema).
_RANK = """
    CASE WHEN EXISTS (SELECT 1 FROM known k WHERE k.word = t.simplified) THEN 3
         ELSE coalesce(c.rank, 0) END
"""
_ARTICLE = """
    (SELECT a.slug FROM article_terms at JOIN articles a ON a.id = at.article_id
     WHERE at.term_id = t.id ORDER BY at.article_id LIMIT 1)
"""
_FROM = "FROM terms t LEFT JOIN term_cards c ON c.term_id = t.id"


def _where(filters: Filters) -> tuple[str, dict[str, object]]:
    clauses = ["NOT t.is_name"]
    params: dict[str, object] = {}
    search = filters.search
    if search is not None:
        # Two indexed or narrow lookups joined, rather than one OR that would compute every
        # term's reading key (a full pass over 50k terms costs a fifth of a second).
        parts = []
        if search.text:
            params["text"] = f"%{search.text}%"
            parts.append(
                "SELECT id FROM terms WHERE simplified LIKE :text OR traditional LIKE :text"
                " OR definitions LIKE :text OR coalesce(user_definition, '') LIKE :text"
            )
        if search.pinyin_key:
            key = search.pinyin_key
            params["key_low"], params["key_high"] = key, key[:-1] + chr(ord(key[-1]) + 1)
            reading = "SELECT id FROM terms WHERE pinyin_key >= :key_low AND pinyin_key < :key_high"
            if search.numbered:
                params["numbered"] = f"{search.numbered}%"
                reading += " AND lower(replace(pinyin_numbered, ' ', '')) LIKE :numbered"
            if search.marked:
                params["marked"] = f"{search.marked}%"
                reading += " AND lower(replace(pinyin, ' ', '')) LIKE :marked"
            parts.append(reading)
        clauses.append(f"t.id IN ({' UNION ALL '.join(parts) or 'SELECT NULL'})")
    if filters.article_id is not None:
        params["article_id"] = filters.article_id
        clauses.append(
            "EXISTS (SELECT 1 FROM article_terms at"
            " WHERE at.article_id = :article_id AND at.term_id = t.id)"
        )
    if filters.hsk is not None:
        params["hsk"] = filters.hsk
        clauses.append("coalesce(t.hsk, 8) = :hsk")
    if filters.state is not None:
        params["rank"] = TERM_STATES.index(filters.state)
        clauses.append(f"{_RANK} = :rank")
    return " WHERE " + " AND ".join(clauses), params


def page(
    db: Database,
    filters: Filters,
    sort: str = "simplified",
    descending: bool = False,
    offset: int = 0,
    limit: int = 100,
) -> list[TermRow]:
    """One page of terms matching the filters, in the order asked (ties by term id).

    Two steps: the ids of the page, computing only what filters and sorting need over every
    term; then the page's rows, with the costlier columns (first article) for those alone."""
    direction = " DESC" if descending else ""
    order_sql = ", ".join(
        part if part.endswith("IS NULL") else f"{part}{direction}" for part in SORT_COLUMNS[sort]
    )
    extra = {"state": f", {_RANK} AS rank", "article": f", {_ARTICLE} AS article"}.get(sort, "")
    where, params = _where(filters)
    ids = [
        int(term_id)
        for term_id, *_ in db.execute(
            f"SELECT t.id{extra} {_FROM} {where}"
            f" ORDER BY {order_sql}, t.id{direction} LIMIT :limit OFFSET :offset",
            {**params, "limit": limit, "offset": offset},
        ).fetchall()
    ]
    found = {term.id: term for term in _rows(db, ids)}
    return [found[term_id] for term_id in ids]


def _rows(db: Database, ids: list[int]) -> list[TermRow]:
    if not ids:
        return []
    rows = db.execute(
        f"""
        SELECT t.id, t.simplified, t.pinyin, t.pinyin_numbered,
               coalesce(t.user_definition, json_extract(t.definitions, '$[0]'), ''), t.hsk,
               {_ARTICLE}, {_RANK}, c.due, c.stability, coalesce(c.lapses, 0)
        {_FROM} WHERE t.id IN (SELECT value FROM json_each(?))
        """,
        [json.dumps(ids)],
    ).fetchall()
    return [
        TermRow(
            id=row[0],
            simplified=row[1],
            pinyin=row[2],
            pinyin_numbered=row[3],
            meaning=row[4],
            hsk=row[5],
            article=row[6],
            state=TERM_STATES[row[7]],
            due=row[8],
            stability=row[9],
            lapses=row[10],
        )
        for row in rows
    ]


def count(db: Database, filters: Filters) -> int:
    """How many terms match the filters (the length of the whole list)."""
    where, params = _where(filters)
    (total,) = db.execute(f"SELECT count(*) {_FROM} {where}", params).fetchone()
    return int(total)


def row(db: Database, term_id: int) -> TermRow | None:
    """One term's browse line (also for names, which the list leaves out)."""
    found = _rows(db, [term_id])
    return found[0] if found else None


def definitions(db: Database, term_id: int) -> tuple[list[str], str | None, str]:
    """The dictionary's meanings, the learner's own meaning, and the traditional form."""
    found = db.execute(
        "SELECT definitions, user_definition, traditional FROM terms WHERE id = ?", [term_id]
    ).fetchone()
    if found is None:
        return [], None, ""
    return json.loads(found[0]), found[1], found[2]


# --- the learner's changes ------------------------------------------------------------------


def set_suspended(db: Database, term_id: int, suspended: bool) -> None:
    """Both cards of the term leave (or rejoin) the queue; un-suspending also clears a leech."""
    with db.atomic():
        db.execute(
            "UPDATE cards SET suspended = ?, leech = leech AND ? WHERE term_id = ?",
            [int(suspended), int(suspended), term_id],
        )


def reset(db: Database, term_id: int) -> None:
    """The term's cards become new again; their review history is kept (it still counts for
    statistics and for fitting the scheduler)."""
    with db.atomic():
        db.execute(
            "UPDATE cards SET state = NULL, due = NULL, fsrs_state = NULL, stability = NULL,"
            " last_review = NULL, lapses = 0, leech = 0, suspended = 0, buried_until = NULL"
            " WHERE term_id = ?",
            [term_id],
        )


def delete(db: Database, term_id: int) -> None:
    """The term, its cards, their reviews and its places in articles, in one transaction."""
    with db.atomic():
        db.execute("DELETE FROM occurrences WHERE term_id = ?", [term_id])
        db.execute("DELETE FROM article_terms WHERE term_id = ?", [term_id])
        db.execute(
            "DELETE FROM reviews WHERE card_id IN (SELECT id FROM cards WHERE term_id = ?)",
            [term_id],
        )
        db.execute("DELETE FROM cards WHERE term_id = ?", [term_id])
        db.execute("DELETE FROM terms WHERE id = ?", [term_id])


def queue_now(db: Database, term_id: int, fresh_states: dict[int, tuple[str, str, int]]) -> None:
    """Put the term's cards in front of the queue: unsuspended, unburied, and each new card
    given the fresh learning state in `fresh_states` (card id -> state JSON, due, fsrs state),
    so that the next session shows it first."""
    with db.atomic():
        db.execute(
            "UPDATE cards SET suspended = 0, leech = 0, buried_until = NULL WHERE term_id = ?",
            [term_id],
        )
        for card_id, (state, due, fsrs_state) in fresh_states.items():
            db.execute(
                "UPDATE cards SET state = ?, due = ?, fsrs_state = ? WHERE id = ? AND due IS NULL",
                [state, due, fsrs_state, card_id],
            )


def new_card_ids(db: Database, term_id: int) -> list[int]:
    rows = db.execute(
        "SELECT id FROM cards WHERE term_id = ? AND due IS NULL ORDER BY id", [term_id]
    ).fetchall()
    return [int(card_id) for (card_id,) in rows]


def article_choices(db: Database) -> list[tuple[int, str]]:
    """(id, slug) of every article, in import order, for the article filter."""
    rows = db.execute("SELECT id, slug FROM articles ORDER BY imported_at, id").fetchall()
    return [(int(article_id), slug) for article_id, slug in rows]


# --- reading an article ---------------------------------------------------------------------


def article_title(db: Database, article_id: int) -> str | None:
    found = db.execute("SELECT title FROM articles WHERE id = ?", [article_id]).fetchone()
    return str(found[0]) if found else None


def paragraphs(db: Database, article_id: int) -> list[tuple[str, str | None]]:
    """(Chinese, English or None) of each paragraph, in order."""
    rows = db.execute(
        "SELECT zh, en FROM paragraphs WHERE article_id = ? ORDER BY idx", [article_id]
    ).fetchall()
    return [(zh, en) for zh, en in rows]


def article_rows(db: Database, article_id: int) -> list[TermRow]:
    """The browse lines of an article's terms (not names), most frequent first, so a
    word with two readings is marked with the one met more often."""
    ids = [
        int(term_id)
        for (term_id,) in db.execute(
            "SELECT at.term_id FROM article_terms at JOIN terms t ON t.id = at.term_id"
            " WHERE at.article_id = ? AND NOT t.is_name ORDER BY at.count DESC, at.first",
            [article_id],
        ).fetchall()
    ]
    found = {term.id: term for term in _rows(db, ids)}
    return [found[term_id] for term_id in ids]
