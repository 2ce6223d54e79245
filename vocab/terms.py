"""From sentence pairs to terms: segmentation, filtering, counting and enrichment.

Segmentation and POS tags come from jieba's model through rjieba. Every kept word is looked up
in CC-CEDICT in bulk; a word with several readings takes the one whose glosses the aligned
English shows, else pypinyin's reading of the word.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

from vocab.lexicon.cedict import Dictionary, Entry
from vocab.lexicon.english import (
    EnglishSentence,
    Phrase,
    gloss_phrases,
    match_glosses,
    match_name,
)
from vocab.lexicon.frequency import zipf_many
from vocab.lexicon.hsk import hsk2_level, hsk3_level
from vocab.lexicon.pinyin import to_tone_marks, word_reading
from vocab.text import SentencePair

NAME_POS = frozenset({"nr", "nrfg", "nrt", "ns", "nt"})
# Grammar, not vocabulary: particles, prepositions, conjunctions, interjections, onomatopoeia,
# numerals, measure words, pronouns, punctuation and non-words.
_DROP_POS = frozenset({"x", "w", "m", "q", "mq", "p", "c", "y", "e", "o", "r", "u", "eng"})
_STOPWORDS = frozenset("是有在为被把让给与和及以从对将之其等个些所并而")  # single characters
_NUMERAL = re.compile(r"^[0-9０-９.,%．一二三四五六七八九十百千万亿两零〇几数半多第每]+")
_MEASURES = frozenset(
    "种家个位次条名岁年月日天号项件只张本点些批组类份场座台部层所辆架双对套片块元倍成米届期周"
)
# Bound suffixes jieba cuts off (训练|师, 采集|员) that make an agent noun with the word before.
_AGENT_CHARS = frozenset("师员者家手工")
_SUFFIX_CHARS = _AGENT_CHARS | frozenset("商官化性器")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True)
class Example:
    """A sentence a term occurs in, its English, and the English words that translate the term."""

    zh: str
    en: str | None
    en_match: str | None
    sentence: int


@dataclass
class Term:
    """One word in one reading, with everything a learner sees about it."""

    simplified: str
    traditional: str
    pinyin: str
    pinyin_numbered: str
    definitions: list[str]
    hsk: int | None
    hsk2: int | None
    zipf: float
    pos: str
    is_name: bool
    in_dictionary: bool
    count: int
    first: int
    examples: list[Example] = field(default_factory=list)
    occurrences: list[tuple[int, int, int]] = field(default_factory=list)

    def to_record(self, article_slug: str) -> dict[str, Any]:
        """The JSON record of `vocab list --format json` (see DESIGN)."""
        return {
            "simplified": self.simplified,
            "traditional": self.traditional,
            "pinyin": self.pinyin,
            "pinyin_numbered": self.pinyin_numbered,
            "definitions": list(self.definitions),
            "hsk": self.hsk,
            "hsk2": self.hsk2,
            "zipf": self.zipf,
            "pos": self.pos,
            "is_name": self.is_name,
            "in_dictionary": self.in_dictionary,
            "count": self.count,
            "examples": [
                {"zh": e.zh, "en": e.en, "en_match": e.en_match, "article": article_slug}
                for e in self.examples
            ],
        }


class Token(NamedTuple):
    """A content word of a sentence, with its place there."""

    word: str
    pos: str
    start: int
    end: int


_NUMERAL_START = frozenset(
    "0123456789０１２３４５６７８９一二三四五六七八九十百千万亿两零〇几数半多第每"
)


def _is_numeric(word: str, pos: str) -> bool:
    if word[0] not in _NUMERAL_START:
        return False
    match = _NUMERAL.match(word)
    if match is None:
        return False
    rest = word[match.end() :]
    return not rest or (pos in ("m", "q", "mq") and all(c in _MEASURES for c in rest))


def content_tokens(sentence: str) -> list[Token]:
    """The words of a sentence worth learning, by jieba's model and POS tags."""
    import rjieba

    kept: list[Token] = []
    start = 0
    previous_numeric = False
    for word, pos in rjieba.tag(sentence):
        begin = start
        start += len(word)
        if pos == "x":  # punctuation and spaces: a quarter of all tokens
            previous_numeric = False
            continue
        numeric = _is_numeric(word, pos)
        # "1.63|万人", "22|岁": jieba cuts the number from its unit; the unit goes with it.
        after_number = previous_numeric and (
            word[0] in "万亿千百十" or pos in ("m", "q") or word in _MEASURES
        )
        previous_numeric = numeric or after_number
        if numeric or after_number or not _HAN.search(word):
            continue
        if len(word) == 1:
            if (
                word in _SUFFIX_CHARS
                and pos in ("ng", "zg", "k", "n", "vg")
                and kept
                and kept[-1].end == begin
                and len(kept[-1].word) >= 2
                and kept[-1].pos in ("n", "v", "vn", "a", "an", "nz")
            ):
                head = kept.pop()
                kept.append(Token(head.word + word, head.pos, head.start, start))
                continue
            if pos in ("d", "f"):
                continue  # 就, 也, 更, 上, 里: grammar words tagged as adverbs and localisers
        if pos in _DROP_POS or pos[0] == "u" or word in _STOPWORDS:
            continue
        kept.append(Token(word, pos, begin, start))
    return kept


@dataclass
class _Reading:
    """The CC-CEDICT entries of a word sharing one reading."""

    pinyin: str
    entries: list[Entry]
    definitions: tuple[str, ...] = ()

    surname_only: bool = False


def _readings(entries: Sequence[Entry], is_name: bool) -> list[_Reading]:
    groups: dict[str, _Reading] = {}
    for entry in entries:
        key = entry.pinyin_numbered.lower()
        groups.setdefault(key, _Reading(entry.pinyin_numbered, [])).entries.append(entry)
    for group in groups.values():
        # The common sense first: 胡 hu2 "reckless" before 胡 Hu2 "surname Hu", 新 xin1 "new"
        # before 新 Xin1 "Xinjiang", unless the word stands as a name.
        group.entries.sort(
            key=lambda e: (e.is_surname_only != is_name, e.pinyin_numbered[:1].isupper() != is_name)
        )
        group.pinyin = group.entries[0].pinyin_numbered
        group.definitions = tuple(d for e in group.entries for d in e.definitions)
        group.surname_only = all(e.is_surname_only for e in group.entries)
    readings = list(groups.values())
    if not is_name and any(not r.surname_only for r in readings):
        readings = [r for r in readings if not r.surname_only]
    return readings


@lru_cache(maxsize=65536)
def _phrases(definitions: tuple[str, ...]) -> list[Phrase]:
    return gloss_phrases(definitions)


class _Extractor:
    def __init__(
        self,
        sentences: Sequence[SentencePair],
        known: dict[str, list[Entry]],
    ) -> None:
        self.sentences = sentences
        self.known = known
        self._english: dict[int, EnglishSentence] = {}
        self._readings: dict[tuple[str, bool], list[_Reading]] = {}

    def english(self, index: int) -> EnglishSentence | None:
        en = self.sentences[index].en
        if not en:
            return None
        if index not in self._english:
            self._english[index] = EnglishSentence.of(en)
        return self._english[index]

    def readings(self, word: str, is_name: bool) -> list[_Reading]:
        key = (word, is_name)
        found = self._readings.get(key)
        if found is None:
            found = self._readings[key] = _readings(self.known.get(word, ()), is_name)
        return found

    def choose(self, word: str, readings: list[_Reading], sentence: int) -> _Reading:
        """The reading whose glosses the English shows, else pypinyin's reading of the word."""
        if len(readings) == 1:
            return readings[0]
        english = self.english(sentence)
        if english is not None:
            shown = [r for r in readings if match_glosses(english, _phrases(r.definitions))]
            if len(shown) == 1:
                return shown[0]
        guess = word_reading(word).lower()
        for reading in readings:
            if reading.pinyin.lower() == guess:
                return reading
        return readings[0]


def _composed_parts(word: str, known: dict[str, list[Entry]]) -> list[str] | None:
    """The longest CC-CEDICT words `word` is made of, left to right, or None."""
    parts: list[str] = []
    i = 0
    while i < len(word):
        for j in range(len(word), i, -1):
            if known.get(word[i:j]) and (j - i < len(word)):
                parts.append(word[i:j])
                i = j
                break
        else:
            return None
    return parts


def _brief(definitions: Sequence[str], limit: int = 2) -> str:
    useful = [d for d in definitions if not d.startswith(("CL:", "surname ", "see ", "variant"))]
    return ", ".join(useful[:limit])


@lru_cache(maxsize=1)
def _s2t() -> Any:
    import opencc

    return opencc.OpenCC("s2t")


@dataclass
class _Found:
    word: str
    reading: _Reading | None
    count: int = 0
    pos: Counter[str] = field(default_factory=Counter)
    sentences: list[int] = field(default_factory=list)
    occurrences: list[tuple[int, int, int]] = field(default_factory=list)


def extract_terms(
    sentences: Sequence[SentencePair],
    dictionary: Dictionary,
    *,
    max_examples: int = 3,
    max_occurrences: int = 50,
) -> list[Term]:
    """The terms of an article, one per word and reading, in order of first appearance."""
    tokens = [content_tokens(pair.zh) for pair in sentences]
    words = list(dict.fromkeys(t.word for sentence in tokens for t in sentence))
    known = dictionary.lookup_many(words)
    unknown = [w for w in words if not known[w]]
    parts = {w[i:j] for w in unknown for i in range(len(w)) for j in range(i + 1, len(w) + 1)}
    known.update(dictionary.lookup_many(p for p in parts if p not in known))
    extractor = _Extractor(sentences, known)

    found: dict[tuple[str, str], _Found] = {}
    # Most words have one reading: decide it once per word, not once per occurrence.
    fixed: dict[tuple[str, bool], _Found | None] = {}
    for index, sentence in enumerate(tokens):
        for token in sentence:
            key = (token.word, token.pos in NAME_POS)
            item = fixed.get(key)
            if item is None:
                reading: _Reading | None = None
                choices: list[_Reading] = []
                if known[token.word]:
                    choices = extractor.readings(*key)
                    reading = extractor.choose(token.word, choices, index)
                group = (token.word, reading.pinyin.lower() if reading else "")
                item = found.get(group)
                if item is None:
                    item = found[group] = _Found(token.word, reading)
                if len(choices) <= 1:
                    fixed[key] = item
            item.count += 1
            item.pos[token.pos] += 1
            if not item.sentences or item.sentences[-1] != index:
                item.sentences.append(index)
            if len(item.occurrences) < max_occurrences:
                item.occurrences.append((index, token.start, token.end))

    frequencies = zipf_many(item.word for item in found.values())
    # One OpenCC call for every word CC-CEDICT lacks: a call per word costs 50 µs.
    missing = list(dict.fromkeys(item.word for item in found.values() if item.reading is None))
    converted = _s2t().convert("\n".join(missing)).split("\n") if missing else []
    traditional = dict(zip(missing, converted, strict=True))
    return [
        _term(item, extractor, frequencies[item.word], traditional, max_examples)
        for item in found.values()
    ]


def _term(
    item: _Found,
    extractor: _Extractor,
    zipf: float,
    traditional_of: dict[str, str],
    max_examples: int,
) -> Term:
    word = item.word
    pos = item.pos.most_common(1)[0][0]
    reading = item.reading
    # jieba tags some common words as personal names (高清, 胡说); CC-CEDICT writes names with
    # a capital, so a lower-case reading overrules a person tag.
    is_name = pos in NAME_POS and not (
        reading is not None and pos in ("nr", "nrfg") and reading.pinyin[:1].islower()
    )
    first = item.sentences[0]
    agent = False
    definitions: list[str] = []
    glosses: tuple[str, ...] = ()
    if reading is not None:
        numbered = reading.pinyin
        traditional = reading.entries[0].traditional
        definitions = list(reading.definitions)
        glosses = reading.definitions
    else:
        traditional = traditional_of.get(word, word)
        pieces = _composed_parts(word, extractor.known)
        if pieces is None:
            numbered = word_reading(word)
        else:
            chosen = [extractor.choose(p, extractor.readings(p, False), first) for p in pieces]
            # The parts' dictionary readings spare pypinyin, the slowest step of a long import.
            numbered = " ".join(r.pinyin.lower() for r in chosen)
            if not is_name:
                definitions = [
                    " + ".join(
                        f"{p} {_brief(r.definitions)}".strip()
                        for p, r in zip(pieces, chosen, strict=True)
                    )
                ]
                if len(pieces) == 2 and word[-1] in _AGENT_CHARS:
                    # 训练师: the English says "trainer", the agent noun of 训练's "train".
                    glosses = chosen[0].definitions
                    agent = True

    examples: list[Example] = []
    plain: list[Example] = []
    tried = 0
    # Looking further than a few hundred sentences for an English match buys nothing.
    for index in item.sentences[:300]:
        if len(examples) >= max_examples or tried >= 50:
            break
        pair = extractor.sentences[index]
        english = extractor.english(index)
        if english is None:
            if len(plain) < max_examples:
                plain.append(Example(pair.zh, None, None, index))
            continue
        tried += 1
        match = match_glosses(english, _phrases(glosses), agent=agent) if glosses else None
        if match is None and (is_name or reading is None or reading.pinyin[:1].isupper()):
            match = match_name(english, numbered)
            if match is not None:
                is_name = True  # the English writes it as a capitalised name
        example = Example(pair.zh, pair.en, match, index)
        if match is not None:
            examples.append(example)
        elif len(plain) < max_examples:
            plain.append(example)
    chosen_examples = sorted((examples + plain)[:max_examples], key=lambda e: e.sentence)
    if reading is None and is_name:
        names = [e.en_match for e in chosen_examples if e.en_match]
        definitions = [names[0]] if names else []

    return Term(
        simplified=word,
        traditional=traditional,
        pinyin=to_tone_marks(numbered),
        pinyin_numbered=numbered,
        definitions=definitions,
        hsk=hsk3_level(word),
        hsk2=hsk2_level(word),
        zipf=zipf,
        pos=pos,
        is_name=is_name,
        in_dictionary=reading is not None,
        count=item.count,
        first=first,
        examples=chosen_examples,
        occurrences=list(item.occurrences),
    )
