"""Sentence alignment: which English translates each Chinese sentence.

A dynamic programme over beads (1-1, 1-0, 0-1, 1-2, 2-1, 1-3, 3-1, 2-2 sentences) scores each
bead by how well the lengths fit (Gale-Church on characters) and by the anchors both sides
share: numbers (2020 / 2020年, 16,300 / 1.63万), Latin words (AI, VR) and the CC-CEDICT
glosses of the Chinese words found in the English. The English side is made of the units of
`sentences.split_english_units`, so a bead may end inside an English sentence where the
translation splits it, at a cost.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from vocab.text.sentences import EnglishUnit, is_han

# English characters per Chinese character (whitespace not counted). Measured on the 302 gold
# sentence pairs of tests/data/news: geometric mean of len(en)/len(zh) 2.89 (2.85 on the
# totals), standard deviation of the log ratio 0.25.
EN_PER_ZH = 2.89
_LOG_RATIO_SIGMA = 0.25

Glosses = Callable[[str], Iterable[str]]

# Costs of each bead shape, in the same units as the length cost (negative log-likelihoods).
_SHAPE_COST: dict[tuple[int, int], float] = {
    (1, 1): 0.0,
    (1, 2): 2.0,
    (2, 1): 2.0,
    (1, 3): 4.0,
    (3, 1): 4.0,
    (2, 2): 4.5,
    (1, 0): 5.0,
    (0, 1): 5.0,
}
_CUT_COST = 1.5  # ending a bead inside an English sentence
_WEAK_CUT_COST = 10.0  # ... at a full stop sentencex did not take (perhaps an abbreviation)
_MAX_UNITS = 8  # English units one bead may join
_COVER_WEIGHT = 3.0  # per side, times the share of its words the other side translates
_NUMBER_WEIGHT = 2.0  # per number both sides share
_NUMBER_MISS = 1.0  # per number of one side the other lacks
_LATIN_WEIGHT = 1.0  # per Latin word both sides share
_PARAGRAPH_CROSSING = 3.0  # a bead joining the end of one paragraph to the next
_BAND = 40  # for long texts: how far from the diagonal a bead may lie, in sentences

_STOPWORD_TEXT = """a an the of to in on at for by with from and or but as is are am be been was were
    it its this that these those there here not no yes very so also etc sb sth one one's
    someone something lit fig cl used variant see kind sort type he she him her his they them
    their we us our i me my you your have has had do does did make get take put go come give
    person thing way time up out over into all some any more most much many other own same
    than then can will would may might must shall should could who what which when where how
    why particle classifier"""
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())

_EN_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
_LATIN_IN_ZH = re.compile(r"[A-Za-z][A-Za-z0-9]*")
_EN_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_ZH_NUMBER = re.compile(r"(\d+(?:\.\d+)?)\s*([万亿]?)")


@dataclass(frozen=True)
class AlignedSentence:
    """A Chinese sentence and the English the aligner gives it (None: none found)."""

    zh: str
    en: str | None
    score: float


@dataclass
class _Chinese:
    length: int
    numbers: frozenset[float]
    latin: frozenset[str]
    # One set of English stems per Chinese word that has glosses.
    words: list[frozenset[str]]


@dataclass
class _English:
    length: int
    numbers: frozenset[float]
    latin: frozenset[str]
    stems: frozenset[str]
    sentence: int


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    # Loaded on first use: importing snowballstemmer loads every language's stemmer.
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=65_536)
def _stem(word: str) -> str:
    # snowballstemmer is pure Python and glosses repeat the same words: cache the stems.
    return str(_stemmer().stemWord(word.lower()))


def _english_numbers(text: str) -> frozenset[float]:
    values: set[float] = set()
    for match in _EN_NUMBER.finditer(text):
        token = match.group().rstrip(",")
        # "2021-25": the second year of a range is written in full in Chinese.
        try:
            values.add(float(token.replace(",", "")))
        except ValueError:
            continue
    return frozenset(values)


def _chinese_numbers(text: str) -> frozenset[float]:
    values: set[float] = set()
    for match in _ZH_NUMBER.finditer(text):
        value = float(match.group(1))
        if match.group(2) == "万":
            value *= 10_000
        elif match.group(2) == "亿":
            value *= 100_000_000
        values.add(round(value, 6))
    return frozenset(values)


def gloss_stems(glosses: Iterable[str]) -> frozenset[str]:
    """The English stems a learner would look for in a translation of a word with these glosses."""
    stems: set[str] = set()
    for gloss in glosses:
        for word in _EN_WORD.findall(gloss):
            if len(word) > 1 and word.lower() not in _STOPWORDS:
                stems.add(_stem(word))
    return frozenset(stems)


class _GlossCache:
    def __init__(self, glosses: Glosses | None) -> None:
        self._glosses = glosses
        self._cache: dict[str, frozenset[str]] = {}

    def stems(self, word: str) -> frozenset[str]:
        if self._glosses is None:
            return frozenset()
        found = self._cache.get(word)
        if found is None:
            found = gloss_stems(self._glosses(word))
            self._cache[word] = found
        return found


def _describe_chinese(sentence: str, cache: _GlossCache) -> _Chinese:
    import rjieba  # its dictionary loads in 0.25 s: only texts with English need it here

    words: list[frozenset[str]] = []
    seen: set[str] = set()
    for word in rjieba.cut(sentence):
        if word in seen or not any(is_han(ch) for ch in word):
            continue
        seen.add(word)
        stems = cache.stems(word)
        if stems:
            words.append(stems)
    return _Chinese(
        length=max(1, sum(1 for ch in sentence if not ch.isspace())),
        numbers=_chinese_numbers(sentence),
        latin=frozenset(w.lower() for w in _LATIN_IN_ZH.findall(sentence)),
        words=words,
    )


def _describe_english(unit: EnglishUnit, sentence: int) -> _English:
    words = _EN_WORD.findall(unit.text)
    return _English(
        length=max(1, len(unit.text)),
        numbers=_english_numbers(unit.text),
        latin=frozenset(w.lower() for w in words),
        stems=frozenset(_stem(w) for w in words if w.lower() not in _STOPWORDS),
        sentence=sentence,
    )


def _length_cost(zh_length: int, en_length: int) -> float:
    ratio = math.log(en_length / (EN_PER_ZH * zh_length))
    return ratio * ratio / (2 * _LOG_RATIO_SIGMA**2)


def _anchor_gain(zh: list[_Chinese], en: list[_English]) -> tuple[float, float]:
    """The bonus for what both sides share, and the share of Chinese anchors found (0-1).

    Glosses count as shares of each side covered, not as numbers of words found: counts grow
    whenever beads merge, which would favour joining sentences that do not translate each other.
    """
    stems = frozenset().union(*(e.stems for e in en))
    en_numbers = frozenset().union(*(e.numbers for e in en))
    en_latin = frozenset().union(*(e.latin for e in en))
    zh_numbers = frozenset().union(*(z.numbers for z in zh))
    words = [w for z in zh for w in z.words]
    latin = frozenset().union(*(z.latin for z in zh))
    found_words = sum(1 for w in words if w & stems)
    glossed = frozenset().union(*words) | latin
    zh_cover = found_words / len(words) if words else 0.0
    en_cover = len(stems & glossed) / len(stems) if stems else 0.0
    shared_numbers = len(zh_numbers & en_numbers)
    missing_numbers = len(zh_numbers ^ en_numbers)
    found_latin = len(latin & en_latin)
    gain = (
        _COVER_WEIGHT * (zh_cover + en_cover)
        + _NUMBER_WEIGHT * shared_numbers
        - _NUMBER_MISS * missing_numbers
        + _LATIN_WEIGHT * found_latin
    )
    anchors = len(words) + len(zh_numbers) + len(latin)
    found = found_words + shared_numbers + found_latin
    return gain, (found / anchors if anchors else 0.5)


def align(
    chinese: list[str],
    english: list[EnglishUnit],
    glosses: Glosses | None = None,
    *,
    zh_paragraph_ends: frozenset[int] = frozenset(),
    en_paragraph_ends: frozenset[int] = frozenset(),
) -> list[AlignedSentence]:
    """Give each Chinese sentence the English units that translate it, in order.

    Chinese sentences the English does not translate get None, English nobody needs is left out.
    When several paragraphs are aligned at once (the blocks layout), `zh_paragraph_ends` and
    `en_paragraph_ends` hold the indices where a paragraph ends on each side (one past its
    last sentence or unit): a bead that ends a paragraph on one side only is less likely.
    """
    if not english:  # a Chinese-only text: nothing to segment or search
        return [AlignedSentence(sentence, None, 0.0) for sentence in chinese]
    cache = _GlossCache(glosses)
    zh = [_describe_chinese(s, cache) for s in chinese]
    sentence_index: list[int] = []
    current = -1
    for unit in english:
        current += 1 if unit.starts_sentence or current < 0 else 0
        sentence_index.append(current)
    en = [_describe_english(u, k) for u, k in zip(english, sentence_index, strict=True)]
    n, m = len(zh), len(en)

    def in_band(i: int, j: int) -> bool:
        if n == 0 or m == 0:
            return True
        return abs(i * m / n - j) <= max(_BAND, abs(m - n))

    best: dict[tuple[int, int], float] = {(0, 0): 0.0}
    back: dict[tuple[int, int], tuple[int, int, float]] = {}
    for i in range(n + 1):
        for j in range(m + 1):
            here = best.get((i, j))
            if here is None:
                continue
            for a in range(4):
                if i + a > n:
                    break
                for b in range(_MAX_UNITS + 1):
                    if j + b > m:
                        break
                    if a == 0 and b == 0:
                        continue
                    if b and en[j + b - 1].sentence - en[j].sentence >= 3:
                        break
                    cut_after = 0.0
                    if 0 < j + b < m and not english[j + b].starts_sentence:
                        cut_after = _WEAK_CUT_COST if english[j + b].weak_start else _CUT_COST
                    cost = _bead_cost(zh[i : i + a], en[j : j + b], cut_after)
                    if cost is None:
                        continue
                    key = (i + a, j + b)
                    if not in_band(*key):
                        continue
                    total = here + cost[0]
                    crossing = _crosses(i, i + a, zh_paragraph_ends)
                    if crossing or _crosses(j, j + b, en_paragraph_ends):
                        total += _PARAGRAPH_CROSSING
                    if total < best.get(key, math.inf):
                        best[key] = total
                        back[key] = (a, b, cost[1])
    return _trace(chinese, english, back, n, m)


def _crosses(start: int, end: int, paragraph_ends: frozenset[int]) -> bool:
    return any(start < k < end for k in paragraph_ends)


def _bead_cost(
    zh: list[_Chinese], en: list[_English], cut_after: float
) -> tuple[float, float] | None:
    """The cost of a bead and its score in [0, 1]; None for a shape that is not allowed."""
    sentences = len({e.sentence for e in en})
    shape = (len(zh), sentences)
    shape_cost = _SHAPE_COST.get(shape)
    if shape_cost is None:
        return None
    if not zh or not en:
        if en:
            shape_cost += cut_after
        return shape_cost, 0.0
    length = _length_cost(sum(z.length for z in zh), sum(e.length for e in en))
    gain, found = _anchor_gain(zh, en)
    cost = shape_cost + length - gain + cut_after
    score = max(0.0, min(1.0, 0.5 * math.exp(-length) + 0.5 * found))
    return cost, score


def _trace(
    chinese: list[str],
    english: list[EnglishUnit],
    back: dict[tuple[int, int], tuple[int, int, float]],
    n: int,
    m: int,
) -> list[AlignedSentence]:
    result: list[AlignedSentence] = []
    i, j = n, m
    while (i, j) != (0, 0):
        a, b, score = back[(i, j)]
        text = " ".join(u.text for u in english[j - b : j]) if b else None
        for sentence in reversed(chinese[i - a : i]):
            result.append(AlignedSentence(sentence, text, score if text else 0.0))
        i, j = i - a, j - b
    result.reverse()
    return result
