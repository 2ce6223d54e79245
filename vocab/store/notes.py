"""Terms read back for export: every non-name term with its articles, examples and levels.

A fixed number of queries whatever the number of terms (three), so a 10k-term export spends its
time writing the deck, not asking SQLite one question per term.
"""

from dataclasses import dataclass, field

from vocab.store.db import Database

# Unlisted words filter as harder than band 7-9, as in `vocab list`.
UNLISTED_LEVEL = 8


@dataclass(frozen=True)
class ArticleRef:
    slug: str
    title: str


@dataclass(frozen=True)
class ExampleSentence:
    zh: str
    en: str | None
    en_match: str | None
    # Where the term stands in `zh` (start, end), every occurrence in this sentence.
    spans: tuple[tuple[int, int], ...]
    article: str
    position: str | None = None  # where it shows in its source: a subtitle's cue time


@dataclass(slots=True)
class ExportTerm:
    """One term as an export needs it; `articles` in import order, the first one owns its note."""

    simplified: str
    traditional: str
    pinyin: str
    pinyin_numbered: str
    meaning: str  # the learner's own meaning if they gave one, else CC-CEDICT's glosses
    hsk: int | None
    hsk2: int | None
    zipf: float
    articles: list[ArticleRef] = field(default_factory=list)
    # The first sentence the term was chosen as an example from, in the first article.
    example: ExampleSentence | None = None


def articles_for_export(db: Database, slug: str | None = None) -> list[ArticleRef]:
    """The articles an export covers, oldest first: one named by `slug`, else all of them."""
    sql = "SELECT slug, title FROM articles"
    params: list[object] = []
    if slug is not None:
        sql += " WHERE slug = ?"
        params.append(slug)
    rows = db.execute(sql + " ORDER BY imported_at, id", params).fetchall()
    return [ArticleRef(s, t) for s, t in rows]


def terms_for_export(
    db: Database,
    *,
    article: str | None = None,
    min_hsk: int | None = None,
    max_hsk: int | None = None,
    include_known: bool = False,
) -> list[ExportTerm]:
    """Every non-name term of the chosen articles, in order of first appearance (articles in the
    order they were imported), each with its articles and its first example sentence.

    Words the learner marked known are left out unless `include_known`: they said they know them.
    """
    where = ["NOT t.is_name"]
    params: list[object] = []
    if not include_known:
        where.append("t.simplified NOT IN (SELECT word FROM known)")
    if article is not None:
        where.append("a.slug = ?")
        params.append(article)
    if min_hsk is not None:
        where.append(f"coalesce(t.hsk, {UNLISTED_LEVEL}) >= ?")
        params.append(min_hsk)
    if max_hsk is not None:
        where.append(f"coalesce(t.hsk, {UNLISTED_LEVEL}) <= ?")
        params.append(max_hsk)
    condition = " AND ".join(where)
    terms: dict[int, ExportTerm] = {}
    articles: dict[tuple[str, str], ArticleRef] = {}
    # The glosses are joined in SQLite: a json.loads per term would cost more than the query.
    for (
        term_id,
        simplified,
        traditional,
        pinyin,
        pinyin_numbered,
        meaning,
        hsk,
        hsk2,
        zipf,
        slug,
        title,
    ) in db.execute(
        f"""
        SELECT t.id, t.simplified, t.traditional, t.pinyin, t.pinyin_numbered,
               coalesce(t.user_definition,
                        (SELECT group_concat(value, '; ') FROM json_each(t.definitions))),
               t.hsk, t.hsk2, t.zipf, a.slug, a.title
        FROM article_terms at
        JOIN terms t ON t.id = at.term_id
        JOIN articles a ON a.id = at.article_id
        WHERE {condition}
        ORDER BY a.imported_at, a.id, at.first, t.id
        """,
        params,
    ).fetchall():
        ref = articles.get((slug, title))
        if ref is None:
            ref = articles[(slug, title)] = ArticleRef(slug, title)
        term = terms.get(term_id)
        if term is None:
            term = terms[term_id] = ExportTerm(
                simplified, traditional, pinyin, pinyin_numbered, meaning or "", hsk, hsk2, zipf
            )
        term.articles.append(ref)
    _attach_examples(db, terms, condition, params)
    return list(terms.values())


def _attach_examples(
    db: Database, terms: dict[int, ExportTerm], condition: str, params: list[object]
) -> None:
    # Every occurrence in an example sentence is marked example=1, but only the first carries the
    # English match: gather them per term, for its first example sentence only.
    chosen: dict[int, tuple[int, str, str | None, str, str | None]] = {}
    spans: dict[int, list[tuple[int, int]]] = {}
    matches: dict[int, str] = {}
    for term_id, sentence_id, zh, en, en_match, start, end, slug, position in db.execute(
        f"""
        SELECT o.term_id, s.id, s.zh, s.en, o.en_match, o.start, o.end, a.slug, s.position
        FROM occurrences o
        JOIN sentences s ON s.id = o.sentence_id
        JOIN articles a ON a.id = s.article_id
        JOIN terms t ON t.id = o.term_id
        WHERE o.example = 1 AND {condition}
        ORDER BY a.imported_at, a.id, s.idx, o.start
        """,
        params,
    ).fetchall():
        first = chosen.get(term_id)
        if first is None:
            chosen[term_id] = (sentence_id, zh, en, slug, position)
            spans[term_id] = [(start, end)]
        elif first[0] == sentence_id:
            spans[term_id].append((start, end))
        else:
            continue
        if en_match and term_id not in matches:
            matches[term_id] = en_match
    for term_id, (_, zh, en, slug, position) in chosen.items():
        term = terms.get(term_id)
        if term is not None:
            term.example = ExampleSentence(
                zh, en, matches.get(term_id), tuple(spans[term_id]), slug, position
            )
