"""From sentence pairs to terms: segmentation, filtering, counting and enrichment.

Segmentation and POS tags come from jieba's model through rjieba. Every kept word is looked up
in CC-CEDICT in bulk; a word with several readings takes the one whose glosses the aligned
English shows, else pypinyin's reading of the word.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from operator import attrgetter, itemgetter
from typing import Any, NamedTuple, TypeVar

from vocab.fork import Pending, fork_available, made_here_and_in_child
from vocab.lexicon.cedict import Dictionary, Entry
from vocab.lexicon.english import (
    EnglishSentence,
    Phrase,
    gloss_phrases,
    match_glosses,
    match_name,
)
from vocab.lexicon.hsk import hsk2_level, hsk3_level
from vocab.lexicon.pinyin import to_tone_marks, word_reading
from vocab.terms_helper import Helper, lexicon, parts_of
from vocab.text import SentencePair
from vocab.text.segment import (
    AGENT_CHARS,
    Place,
    Token,
    content_tokens,
    content_tokens_of,
    places_by_word,
)

__all__ = [
    "NAME_POS",
    "ArticleWords",
    "Example",
    "Term",
    "Token",
    "content_tokens",
    "extract_terms",
    "find_words",
]

NAME_POS = frozenset({"nr", "nrfg", "nrt", "ns", "nt"})


class Example(NamedTuple):
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
    examples: list[Example] = field(default_factory=list)  # in the order of their sentences
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


@dataclass
class _Reading:
    """The CC-CEDICT entries of a word sharing one reading."""

    pinyin: str
    entries: list[Entry]
    definitions: tuple[str, ...] = ()

    surname_only: bool = False
    _brief: str | None = None

    def brief(self) -> str:
        """A short gloss for a composed word's definition: 调 "to adjust", 优 "excellent"."""
        if self._brief is None:
            self._brief = _brief(self.definitions)
        return self._brief


# Cross-references and variant notes, not meanings: 联系's 聯係 entry is "variant of 聯繫|联系".
_REFERENCE = re.compile(r"^(?:[\w-]+ )*variant of |^see |^also written ", re.IGNORECASE)


def _is_reference(definition: str) -> bool:
    return _REFERENCE.match(definition) is not None


def _senses(entries: Sequence[Entry]) -> tuple[str, ...]:
    """The glosses of one reading's entries, meanings before references; references are
    dropped when any meaning is left."""
    glosses = list(dict.fromkeys(d for e in entries for d in e.definitions))
    meanings = [d for d in glosses if not _is_reference(d)]
    return tuple(meanings or glosses)


def _readings(entries: Sequence[Entry], is_name: bool) -> list[_Reading]:
    if len(entries) == 1:  # most words: one entry, one reading
        (entry,) = entries
        return [
            _Reading(
                entry.pinyin_numbered,
                [entry],
                _senses(entries),
                surname_only=entry.is_surname_only,
            )
        ]
    # CC-CEDICT writes a name's reading with a capital (通道 Tong1 dao4, the county; tong1 dao4,
    # a passage): it is another reading, never merged into the lower-case one.
    groups: dict[str, _Reading] = {}
    for entry in entries:
        key = entry.pinyin_numbered
        groups.setdefault(key, _Reading(entry.pinyin_numbered, [])).entries.append(entry)
    for group in groups.values():
        # Several entries of one reading differ by traditional form; the one with meanings
        # (聯繫) comes before the one that only refers to it (聯係).
        group.entries.sort(key=lambda e: all(_is_reference(d) for d in e.definitions))
        group.definitions = _senses(group.entries)
        group.surname_only = all(e.is_surname_only for e in group.entries)
    readings = list(groups.values())
    if not is_name and any(not r.surname_only for r in readings):
        readings = [r for r in readings if not r.surname_only]
    # A common word is read in lower case when CC-CEDICT has it so (新 xin1 "new" before Xin1
    # "Xinjiang"), a name with its capital; the other readings stay for the English to pick.
    first = [r for r in readings if r.pinyin[:1].isupper() == is_name]
    return first + [r for r in readings if r.pinyin[:1].isupper() != is_name]


@lru_cache(maxsize=65536)
def _phrases(definitions: tuple[str, ...]) -> list[Phrase]:
    return gloss_phrases(definitions)


class _Part(NamedTuple):
    """A part of a composed word (调 of 调优): its reading, and its gloss there ('调 to adjust')."""

    reading: _Reading
    pinyin: str  # in lower case
    gloss: str


class _Extractor:
    def __init__(
        self,
        sentences: Sequence[SentencePair],
        known: dict[str, list[Entry]],
        usual: dict[str, str],
    ) -> None:
        self.sentences = sentences
        self.known = known
        # pypinyin's readings known beforehand: of the words CC-CEDICT reads in several ways,
        # and (a long text's) of the words CC-CEDICT has no part of.
        self.usual = usual
        self._english: dict[int, EnglishSentence] = {}
        self.has_english = any(pair.en for pair in sentences)
        self._readings: dict[tuple[str, bool], list[_Reading]] = {}
        # The parts of composed words, each read once: those with one reading, and those of
        # several readings in sentences without English (always read the same way there).
        self._fixed_parts: dict[str, _Part] = {}
        self._unaided_parts: dict[str, _Part] = {}

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

    def part(self, piece: str, sentence: int) -> _Part:
        """A part of a composed word, in the reading its sentence gives it."""
        found = self._fixed_parts.get(piece)
        alone = not self.sentences[sentence].en
        if found is None and alone:
            found = self._unaided_parts.get(piece)
        if found is not None:
            return found
        readings = self.readings(piece, False)
        reading = self.choose(piece, readings, sentence)
        part = _Part(reading, reading.pinyin.lower(), f"{piece} {reading.brief()}".strip())
        if len(readings) == 1:
            self._fixed_parts[piece] = part
        elif alone:
            self._unaided_parts[piece] = part
        return part

    def choose(self, word: str, readings: list[_Reading], sentence: int) -> _Reading:
        """The reading whose glosses the English shows, else pypinyin's reading of the word."""
        if len(readings) == 1:
            return readings[0]
        english = self.english(sentence)
        if english is not None:
            shown = [r for r in readings if match_glosses(english, _phrases(r.definitions))]
            if len(shown) == 1:
                return shown[0]
        if len({r.pinyin.lower() for r in readings}) == 1:
            return readings[0]  # a name's reading and a word's, alike but for the capital
        guess = (self.usual.get(word) or word_reading(word)).lower()
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
            if j - i < len(word) and known.get(word[i:j]):
                parts.append(word[i:j])
                i = j
                break
        else:
            return None
    return parts


_CALENDAR = re.compile(
    r"^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day$|^(?:January|February|March|April|May|June"
    r"|July|August|September|October|November|December)$"
)


def _is_calendar(definitions: Sequence[str]) -> bool:
    return bool(definitions) and _CALENDAR.match(definitions[0]) is not None


def _brief(definitions: Sequence[str], limit: int = 2) -> str:
    useful = [d for d in definitions if not d.startswith(("CL:", "surname ", "see ", "variant"))]
    return ", ".join(useful[:limit])


_TAG = itemgetter(1)
_SENTENCE = attrgetter("sentence")


@dataclass
class _Found:
    """A word in one reading and every place it occurs: (sentence, (word, pos, start, end))."""

    word: str
    reading: _Reading | None
    indices: list[int] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)

    def pos(self) -> str:
        """The word's most frequent tag (the first one seen among equals)."""
        places = self.places
        if len(places) == 1:
            return places[0][1]
        tags = list(map(_TAG, places))
        if tags.count(tags[0]) == len(tags):  # most words have one tag throughout
            return tags[0]
        return Counter(tags).most_common(1)[0][0]

    def sentences(self, limit: int) -> list[int]:
        """The first `limit` sentences the word occurs in, each once."""
        indices = self.indices
        if len(indices) == 1:  # most words of a long text occur once
            return indices
        distinct: list[int] = []
        last = -1
        for index in indices:  # in the order of the text
            if index != last:
                distinct.append(index)
                if len(distinct) == limit:
                    break
                last = index
        return distinct

    def occurrences(self, limit: int) -> list[tuple[int, int, int]]:
        if len(self.places) == 1:
            (place,) = self.places
            return [(self.indices[0], place[2], place[3])]
        return [
            (index, place[2], place[3])
            for index, place in zip(self.indices[:limit], self.places[:limit], strict=True)
        ]


def extract_terms(
    sentences: Sequence[SentencePair],
    dictionary: Dictionary,
    *,
    max_examples: int = 3,
    max_occurrences: int = 50,
) -> list[Term]:
    """The terms of an article, one per word and reading, in order of first appearance."""
    return find_words(
        sentences, dictionary, max_examples=max_examples, max_occurrences=max_occurrences
    ).terms()


def find_words(
    sentences: Sequence[SentencePair],
    dictionary: Dictionary,
    *,
    max_examples: int = 3,
    max_occurrences: int = 50,
) -> ArticleWords:
    """An article's words, found and counted, each in the reading its sentences give it."""
    zh = [pair.zh for pair in sentences]
    long_text = sum(map(len, zh)) >= _FORK_CHARACTERS and fork_available()
    helper = Helper(zh) if long_text else None
    # Every place of every word, by word in order of first appearance; a long text's second
    # half is gathered by the helper.
    gathered = helper.places() if helper else places_by_word(content_tokens_of(zh))
    words = list(gathered)
    known = dictionary.lookup_many(words)
    unknown = [w for w in words if not known[w]]
    # A word CC-CEDICT lacks is read by its parts'; one without parts (a rare character) by
    # pypinyin, which takes 0.3 s to load: a long text's helper reads those while this counts.
    parts = parts_of(unknown, dictionary)
    for part, entries in parts.items():
        known.setdefault(part, entries)
    if helper:
        helper.ask(words, unknown, [w for w in unknown if _composed_parts(w, known) is None])
    # `known` holds the parts too, so their usual readings are looked up here as well.
    extractor = _Extractor(sentences, known, dictionary.usual_readings(_several_readings(known)))

    found: dict[tuple[str, str], _Found] = {}
    for word, (indices, places) in gathered.items():
        if not known[word]:
            found[(word, "")] = _Found(word, None, indices, places)
            continue
        # Most words have one reading, or are read the same way everywhere (no English to
        # tell): all their places make one term. A word read by its sentences' English, or
        # tagged a name in some places only, is read place by place.
        name_tags = {tag in NAME_POS for tag in map(_TAG, places)}
        if len(name_tags) == 1:
            choices = extractor.readings(word, name_tags.pop())
            if len(choices) == 1 or not any(sentences[index].en for index in indices):
                reading = extractor.choose(word, choices, indices[0])
                found[(word, reading.pinyin.lower())] = _Found(word, reading, indices, places)
                continue
        for index, place in zip(indices, places, strict=True):
            reading = extractor.choose(word, extractor.readings(word, place[1] in NAME_POS), index)
            key = (word, reading.pinyin.lower())
            item = found.get(key)
            if item is None:
                item = found[key] = _Found(word, reading)
            item.indices.append(index)
            item.places.append(place)
    # In order of first appearance: by the sentence and place of each term's first occurrence.
    items = sorted(found.values(), key=_first_place)

    # A long text's helper read the words' frequencies and traditional forms meanwhile.
    (frequencies, traditional), readings = (
        helper.answer() if helper else (lexicon(words, unknown), {})
    )
    extractor.usual.update(readings)
    return ArticleWords(
        words,
        items,
        extractor,
        frequencies,
        traditional,
        max_examples,
        max_occurrences,
    )


def _first_place(item: _Found) -> tuple[int, int]:
    return item.indices[0], item.places[0][2]


def _several_readings(entries: dict[str, list[Entry]]) -> Iterator[str]:
    """The words with more than one CC-CEDICT entry: those the dictionary cache may hold a
    usual reading of (it decides which read differently, not only by a name's capital)."""
    return (word for word, found in entries.items() if len(found) > 1)


T = TypeVar("T")


@dataclass
class ArticleWords:
    """An article's words and every place they occur, each word in its reading: the terms to be.

    Each term is a function of its word's places alone, so terms made in any order, or in two
    processes, are the very terms one process would make in one go.
    """

    words: list[str]  # every word once, in order of first appearance
    items: list[_Found]
    extractor: _Extractor
    frequencies: dict[str, float]
    traditional: dict[str, str]
    max_examples: int
    max_occurrences: int

    def terms(self) -> list[Term]:
        """Every term in order of first appearance; a long text's on both cores."""
        if not self._worth_a_child():
            return self._make(self.items)
        half = len(self.items) // 2
        later = Pending(lambda: self._make(self.items[half:]))
        return self._make(self.items[:half]) + later.result()

    def in_batches(self, then: Callable[[int, list[Term]], T], size: int = 2000) -> Iterator[T]:
        """`then(position, terms)` of the terms, a batch at a time in order of first appearance;
        `position` is the place of the batch's first term among all.

        A long text's terms are made, and `then` run on them, by a forked child and this
        process together, while the caller takes each batch as it comes: the caller stores one
        batch while the child makes the next, and makes the last ones itself whenever the
        child's next is not ready. `then` runs in the child on the child's copy of what it
        uses, and must give there what it would give here.
        """

        def batch(index: int) -> T:
            start = index * size
            return then(start, self._make(self.items[start : start + size]))

        count = -(-len(self.items) // size)
        if not self._worth_a_child():
            return map(batch, range(count))
        return made_here_and_in_child(batch, count)

    def _worth_a_child(self) -> bool:
        return len(self.items) >= _FORK_TERMS and fork_available()

    def _make(self, part: Sequence[_Found]) -> list[Term]:
        return [
            _term(
                item,
                self.extractor,
                self.frequencies[item.word],
                self.traditional,
                self.max_examples,
                self.max_occurrences,
            )
            for item in part
        ]


# Below this many terms, or characters to tag (a long article), a forked child costs more than
# it saves.
_FORK_TERMS = 5000
_FORK_CHARACTERS = 50_000


def _term(
    item: _Found,
    extractor: _Extractor,
    zipf: float,
    traditional_of: dict[str, str],
    max_examples: int,
    max_occurrences: int,
) -> Term:
    word = item.word
    pos = item.pos()
    # Looking further than a few hundred sentences for an English match buys nothing; without
    # any English the first sentences are the examples.
    sentences = item.sentences(300 if extractor.has_english else max_examples)
    reading = item.reading
    # jieba tags some common words as personal names (高清, 胡说); CC-CEDICT writes names with
    # a capital, so a lower-case reading overrules a person tag.
    is_name = pos in NAME_POS and not (
        reading is not None and pos in ("nr", "nrfg") and reading.pinyin[:1].islower()
    )
    first = sentences[0]
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
            numbered = extractor.usual.get(word) or word_reading(word)
        else:
            parts = [extractor.part(p, first) for p in pieces]
            # The parts' dictionary readings spare pypinyin, the slowest step of a long import.
            numbered = " ".join([part.pinyin for part in parts])
            if not is_name:
                definitions = [" + ".join([part.gloss for part in parts])]
                if len(pieces) == 2 and word[-1] in AGENT_CHARS:
                    # 训练师: the English says "trainer", the agent noun of 训练's "train".
                    glosses = parts[0].reading.definitions
                    agent = True

    pairs = extractor.sentences
    if not extractor.has_english:
        chosen_examples = [Example(pairs[index].zh, None, None, index) for index in sentences]
    else:
        examples: list[Example] = []
        plain: list[Example] = []
        tried = 0
        for index in sentences:
            if len(examples) >= max_examples or tried >= 50:
                break
            pair = pairs[index]
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
        chosen_examples = sorted((examples + plain)[:max_examples], key=_SENTENCE)
    if reading is None and is_name:
        names = [e.en_match for e in chosen_examples if e.en_match]
        definitions = [names[0]] if names else []
    if not is_name and _is_calendar(definitions):
        # CC-CEDICT capitalises 周四 Zhou1 si4 and 六月 Liu4 yue4 after their English; pinyin
        # writes days and months in lower case, and proper nouns (欧盟 Ou1 meng2) with a capital.
        numbered = numbered.lower()

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
        count=len(item.places),
        first=first,
        examples=chosen_examples,
        occurrences=item.occurrences(max_occurrences),
    )
