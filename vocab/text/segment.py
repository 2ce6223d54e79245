"""Segmentation: the content words of sentences, by jieba's model (rjieba) and its POS tags.

Tokens that are no vocabulary are dropped here: punctuation, numbers and number+measure words
(2020年, 1.63万), particles and other function words (by POS and a short stopword list).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

# Grammar, not vocabulary: particles, prepositions, conjunctions, interjections, onomatopoeia,
# numerals, measure words, pronouns, punctuation and non-words.
_DROP_POS = frozenset({"x", "w", "m", "q", "mq", "p", "c", "y", "e", "o", "r", "u", "eng"})
_STOPWORDS = frozenset("是有在为被把让给与和及以从对将之其等个些所并而")  # single characters
_NUMERAL = re.compile(r"^[0-9０-９.,%．一二三四五六七八九十百千万亿两零〇几数半多第每]+")
_NUMERAL_START = frozenset(
    "0123456789０１２３４５６７８９一二三四五六七八九十百千万亿两零〇几数半多第每"
)
MEASURES = frozenset(
    "种家个位次条名岁年月日天号项件只张本点些批组类份场座台部层所辆架双对套片块元倍成米届期周"
)
# Bound suffixes jieba cuts off (训练|师, 采集|员) that make an agent noun with the word before.
AGENT_CHARS = frozenset("师员者家手工")
_SUFFIX_CHARS = AGENT_CHARS | frozenset("商官化性器")
_SUFFIX_POS = frozenset({"ng", "zg", "k", "n", "vg"})
_HEAD_POS = frozenset({"n", "v", "vn", "a", "an", "nz"})
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# Sentences tagged in one rjieba call: one call per sentence costs more in overhead than the
# tagging itself, one call for a whole novel holds 600k tuples at once.
_BATCH_CHARACTERS = 100_000


class Token(NamedTuple):
    """A content word of a sentence, with its place there."""

    word: str
    pos: str
    start: int
    end: int


# What the filter needs to know of a (word, tag), decided once per distinct pair, as bits.
_PUNCTUATION = 1  # punctuation and spaces: a quarter of all tokens
_NUMERIC = 2
_UNIT = 4  # follows a number as its unit: "1.63|万人", "22|岁"
_NO_HAN = 8
_SUFFIX = 16  # may join the word before it: 训练|师
_DROPPED = 32


def _is_numeric(word: str, pos: str) -> bool:
    if word[0] not in _NUMERAL_START:
        return False
    match = _NUMERAL.match(word)
    if match is None:
        return False
    rest = word[match.end() :]
    return not rest or (pos in ("m", "q", "mq") and all(c in MEASURES for c in rest))


_KINDS: dict[tuple[str, str], int] = {}


def _kind(word: str, pos: str) -> int:
    single = len(word) == 1
    kind = 0
    if pos == "x":
        kind |= _PUNCTUATION
    if _is_numeric(word, pos):
        kind |= _NUMERIC
    if word[0] in "万亿千百十" or pos in ("m", "q") or word in MEASURES:
        kind |= _UNIT
    if _HAN.search(word) is None:
        kind |= _NO_HAN
    if single and word in _SUFFIX_CHARS and pos in _SUFFIX_POS:
        kind |= _SUFFIX
    # 就, 也, 更, 上, 里: grammar words tagged as adverbs and localisers.
    if (single and pos in ("d", "f")) or pos in _DROP_POS or pos[0] == "u" or word in _STOPWORDS:
        kind |= _DROPPED
    if len(_KINDS) < 500_000:
        _KINDS[(word, pos)] = kind
    return kind


# (word, pos, start, end): a Token without its names, 5x cheaper to make by the 100,000.
Place = tuple[str, str, int, int]


def _content(tagged: Iterable[tuple[str, str]], lengths: Sequence[int]) -> list[list[Place]]:
    """The content words of each of several sentences, tagged as one text joined by newlines,
    with their offsets in their own sentence."""
    result: list[list[Place]] = [[] for _ in lengths]
    if not lengths:
        return result
    index = 0
    offset = 0  # where the current sentence starts in the joined text
    limit = lengths[0]
    kept = result[0]
    start = 0
    previous_numeric = False
    kinds = _KINDS
    for pair in tagged:
        word = pair[0]
        begin = start
        start += len(word)
        kind = kinds.get(pair)
        if kind is None:
            kind = _kind(word, pair[1])
        if kind & _PUNCTUATION:
            previous_numeric = False
            continue
        if previous_numeric and kind & _UNIT:
            continue  # the unit of the number before it, and maybe followed by another
        previous_numeric = bool(kind & _NUMERIC)
        if kind & (_NUMERIC | _NO_HAN):
            continue
        while begin >= limit:
            index += 1
            offset = limit + 1
            limit = offset + lengths[index]
            kept = result[index]
        if kind & _SUFFIX and kept:
            head = kept[-1]
            if head[3] == begin - offset and len(head[0]) >= 2 and head[1] in _HEAD_POS:
                kept[-1] = (head[0] + word, head[1], head[2], start - offset)
                continue
        if kind & _DROPPED:
            continue
        kept.append((word, pair[1], begin - offset, start - offset))
    return result


def content_tokens(sentence: str) -> list[Token]:
    """The words of a sentence worth learning, by jieba's model and POS tags."""
    import rjieba

    return [Token(*place) for place in _content(rjieba.tag(sentence), [len(sentence)])[0]]


def content_tokens_of(sentences: Sequence[str]) -> list[list[Place]]:
    """`content_tokens` of each sentence, as plain tuples, tagging many sentences per rjieba call.

    Sentences are joined by newlines, which jieba never joins a word across (it cuts text into
    blocks at whitespace first), so every sentence gets the very tokens it gets alone.
    """
    import rjieba

    result: list[list[Place]] = []
    batch_start = 0
    while batch_start < len(sentences):
        batch_end = batch_start
        size = 0
        while batch_end < len(sentences) and (size < _BATCH_CHARACTERS or batch_end == batch_start):
            size += len(sentences[batch_end]) + 1
            batch_end += 1
        batch = sentences[batch_start:batch_end]
        result.extend(_content(rjieba.tag("\n".join(batch)), [len(s) for s in batch]))
        batch_start = batch_end
    return result


Gathered = dict[str, tuple[list[int], list[Place]]]


def places_by_word(tokens: Sequence[Sequence[Place]], first: int = 0) -> Gathered:
    """Every place of every word of these sentences (the first numbered `first`), with its
    sentence's number, by word in order of first appearance."""
    gathered: Gathered = {}
    get = gathered.get  # a novel's 270k places pass here
    for index, sentence in enumerate(tokens, start=first):
        for place in sentence:
            places = get(place[0])
            if places is None:
                gathered[place[0]] = ([index], [place])
            else:
                places[0].append(index)
                places[1].append(place)
    return gathered
