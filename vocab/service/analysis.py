"""How hard an article is, and how hard for this learner: `vocab analyze`.

What counts (the same words a term list shows):
- a running word is one occurrence of a term the extractor keeps: words with Han characters,
  without punctuation, numbers, number+measure words, particles and other function words;
  names of people, places and organisations are left out of every figure;
- a distinct term is one word in one reading (行 háng and 行 xíng are two);
- a word is known when it is in the learner's known list or its recognition card has a
  stability over 21 days; known is decided per word, whatever its reading.
"""

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from vocab.errors import NotFoundError
from vocab.lexicon.hsk import HSK3_BANDS, hsk_band
from vocab.store.db import Database
from vocab.terms import Term

HSK2_BANDS = ("1", "2", "3", "4", "5", "6", "unlisted")
LEVEL_COVERAGE = 0.95  # the estimated level's vocabulary covers this share of running words
USEFUL_TERMS = 20
# Every occurrence is needed to tell which sentences hold which unknown terms.
ALL_OCCURRENCES = 10**9


@dataclass(frozen=True)
class UsefulTerm:
    simplified: str
    pinyin: str
    meaning: str
    hsk: int | None
    count: int
    zipf: float


@dataclass(frozen=True)
class ArticleAnalysis:
    title: str
    source: str
    sentences: int  # sentences with at least one running word
    running_words: int
    distinct_terms: int
    names: int  # distinct names, left out of every other figure
    hsk3_running: dict[str, int]
    hsk3_distinct: dict[str, int]
    hsk2_running: dict[str, int]
    hsk2_distinct: dict[str, int]
    level: str | None  # HSK 3.0 level ("1".."6", "7-9"), None: beyond band 7-9
    level_hsk2: str | None
    known_running: int
    known_distinct: int
    easy_sentences: int  # sentences with at most one unknown term
    useful_unknown: list[UsefulTerm] = field(default_factory=list)

    @property
    def coverage(self) -> float:
        """The share of running words the learner knows."""
        return self.known_running / self.running_words if self.running_words else 0.0

    @property
    def easy_share(self) -> float:
        return self.easy_sentences / self.sentences if self.sentences else 0.0

    def level_coverage(self) -> dict[str, float]:
        """The share of running words each HSK 3.0 level covers, with all easier levels."""
        covered = 0
        shares = {}
        for band in HSK3_BANDS[:-1]:
            covered += self.hsk3_running[band]
            shares[band] = covered / self.running_words if self.running_words else 0.0
        return shares

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["coverage"] = round(self.coverage, 4)
        data["easy_sentence_share"] = round(self.easy_share, 4)
        data["level_coverage"] = {k: round(v, 4) for k, v in self.level_coverage().items()}
        return data


def band2(level: int | None) -> str:
    return "unlisted" if level is None else str(level)


def usefulness(term: Term) -> float:
    """Frequent in the article and in the language: its count here times its Zipf frequency."""
    return term.count * term.zipf


def summarise(title: str, source: str, terms: Sequence[Term], known: set[str]) -> ArticleAnalysis:
    """The figures of one article from its terms (with all their occurrences) and known words."""
    words = [t for t in terms if not t.is_name]
    running = sum(t.count for t in words)
    hsk3_running: Counter[str] = Counter()
    hsk2_running: Counter[str] = Counter()
    for t in words:
        hsk3_running[hsk_band(t.hsk)] += t.count
        hsk2_running[band2(t.hsk2)] += t.count
    unknown_in: dict[int, set[int]] = {}
    content_sentences: set[int] = set()
    for i, t in enumerate(words):
        for sentence, _, _ in t.occurrences:
            content_sentences.add(sentence)
            if t.simplified not in known:
                unknown_in.setdefault(sentence, set()).add(i)
    unknown = [t for t in words if t.simplified not in known]
    useful = sorted(unknown, key=lambda t: (-usefulness(t), t.first))
    return ArticleAnalysis(
        title=title,
        source=source,
        sentences=len(content_sentences),
        running_words=running,
        distinct_terms=len(words),
        names=len(terms) - len(words),
        hsk3_running=_in_order(hsk3_running, HSK3_BANDS),
        hsk3_distinct=_in_order(Counter(hsk_band(t.hsk) for t in words), HSK3_BANDS),
        hsk2_running=_in_order(hsk2_running, HSK2_BANDS),
        hsk2_distinct=_in_order(Counter(band2(t.hsk2) for t in words), HSK2_BANDS),
        level=_estimated_level(hsk3_running, HSK3_BANDS, running),
        level_hsk2=_estimated_level(hsk2_running, HSK2_BANDS, running),
        known_running=sum(t.count for t in words if t.simplified in known),
        known_distinct=len(words) - len(unknown),
        easy_sentences=sum(1 for s in content_sentences if len(unknown_in.get(s, ())) <= 1),
        useful_unknown=[
            UsefulTerm(t.simplified, t.pinyin, "; ".join(t.definitions[:3]), t.hsk, t.count, t.zipf)
            for t in useful[:USEFUL_TERMS]
        ],
    )


def _in_order(counts: Counter[str], bands: Sequence[str]) -> dict[str, int]:
    return {band: counts.get(band, 0) for band in bands}


def _estimated_level(counts: Counter[str], bands: Sequence[str], running: int) -> str | None:
    """The lowest level whose words (with all easier levels') make up 95% of running words."""
    covered = 0
    for band in bands:
        if band == "unlisted":
            break
        covered += counts.get(band, 0)
        if running and covered >= math.ceil(LEVEL_COVERAGE * running - 1e-9):
            return band
    return None


def analyze(
    source: str,
    *,
    open_db: Callable[[], Database] | None,
    layout: Any = None,
) -> ArticleAnalysis:
    """Analyse an article file (or "-") or an imported article by slug.

    `open_db` is None when there is no database yet: nothing is known and slugs cannot be read.
    """
    from vocab.lexicon.cedict import Dictionary
    from vocab.service.known import learner_known
    from vocab.service.lists import is_file_source
    from vocab.terms import extract_terms

    dictionary = Dictionary.open()
    db = open_db() if open_db is not None else None
    if is_file_source(source):
        from vocab.text import parse_article
        from vocab.text.reader import read_source

        text, name = read_source(source)
        article = parse_article(text, layout=layout, glosses=dictionary.glosses)
        title, sentences = article.title, article.sentences
    else:
        from vocab.store import articles
        from vocab.store import sentences as stored_sentences

        row = articles.by_slug(db, source) if db is not None else None
        if db is None or row is None:
            raise NotFoundError(f"no such file or imported article: {source}")
        title, name = row.title, row.slug
        sentences = stored_sentences.for_article(db, row.id)
    try:
        terms = extract_terms(sentences, dictionary, max_occurrences=ALL_OCCURRENCES)
    finally:
        dictionary.close()
    known = learner_known(db) if db is not None else set()
    return summarise(title, name, terms, known)


def report(analysis: ArticleAnalysis) -> list[tuple[str, str]]:
    """The figures as (label, value) lines for a plain-text table."""
    a = analysis
    running = a.running_words or 1
    distinct = a.distinct_terms or 1

    def share(n: int, of: int) -> str:
        return f"{n} ({100 * n / of:.1f}%)"

    lines = [
        ("article", f"{a.title} ({a.source})" if a.source else a.title),
        ("running words", str(a.running_words)),
        ("distinct terms", f"{a.distinct_terms} (and {a.names} names, not counted)"),
        (
            "estimated level",
            _level_text(a.level, "HSK 3.0") + ", " + _level_text(a.level_hsk2, "HSK 2.0"),
        ),
        (
            "HSK 3.0 covers",
            "  ".join(f"≤{band}:{100 * v:.0f}%" for band, v in a.level_coverage().items())
            + "  of running words",
        ),
        (
            "known words cover",
            share(a.known_running, running)
            + f" of running words, {a.known_distinct} distinct terms",
        ),
        (
            "easy sentences",
            share(a.easy_sentences, a.sentences or 1)
            + f" of {a.sentences} have at most one unknown term",
        ),
    ]
    for title, counts, of in (
        ("HSK 3.0, running", a.hsk3_running, running),
        ("HSK 3.0, distinct", a.hsk3_distinct, distinct),
        ("HSK 2.0, running", a.hsk2_running, running),
        ("HSK 2.0, distinct", a.hsk2_distinct, distinct),
    ):
        lines.append(
            (title, "  ".join(f"{band}:{n} ({100 * n / of:.0f}%)" for band, n in counts.items()))
        )
    return lines


def _level_text(level: str | None, standard: str) -> str:
    return f"{standard} {level}" if level else f"beyond {standard} (95% not reached)"
