"""Finding the English words that translate a term in its aligned English sentence.

CC-CEDICT glosses are cleaned ("to adjust" -> "adjust", "artificial intelligence (AI)" ->
"artificial intelligence", "CL:..." and "see ..." dropped), stemmed with Snowball, and searched
as whole-word sequences in the stemmed sentence; names are found through their pinyin
(胡胜祥 -> "Hu Shengxiang"). Anything unsure gives None: a wrong highlight is worse than none.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

Span = tuple[int, int]

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")
_PARENS = re.compile(r"\([^)]*\)|\[[^\]]*\]|[\u3400-\u9fff|]+")
_SKIP_PREFIXES = (
    "CL:",
    "variant of",
    "old variant",
    "unofficial variant",
    "see ",
    "see also",
    "surname ",
    "abbr.",
    "also pr.",
    "Taiwan pr.",
    "used in",
    "erhua variant",
    "also written",
)
# Words that carry no meaning of their own in a gloss; a gloss of only these never matches.
_FILLER_WORDS = """a an the to of be is are was were been in on at for with by and or as it its
    sth sb one one's oneself someone something etc do does did not no so that this these those up
    out from into over very more most such than then there here what who how can will"""
_FILLER = frozenset(_FILLER_WORDS.split())
_AGENT_SUFFIXES = ("er", "ers", "or", "ors", "ist", "ists")

_stemmer = None


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Snowball English stem of a lower-cased word ("trainers" -> "trainer", "tuning" -> "tune")."""
    global _stemmer
    if _stemmer is None:
        import snowballstemmer

        _stemmer = snowballstemmer.stemmer("english")
    return str(_stemmer.stemWord(word))


@dataclass(frozen=True)
class EnglishSentence:
    """An English sentence cut into words, with their offsets and stems."""

    text: str
    spans: tuple[Span, ...]
    words: tuple[str, ...]
    stems: tuple[str, ...]

    @classmethod
    def of(cls, text: str) -> EnglishSentence:
        spans, words = [], []
        for match in _WORD.finditer(text):
            spans.append(match.span())
            words.append(match.group().lower().replace("’", "'"))
        return cls(text, tuple(spans), tuple(words), tuple(stem(w) for w in words))

    def substring(self, first: int, last: int) -> str:
        return self.text[self.spans[first][0] : self.spans[last][1]]


Phrase = tuple[tuple[str, str], ...]
"""A gloss as the (word, stem) pairs to look for in a sentence."""


def gloss_phrases(definitions: Iterable[str]) -> list[Phrase]:
    """Word sequences to look for, from CC-CEDICT glosses, in the dictionary's order."""
    phrases: list[Phrase] = []
    for gloss in definitions:
        if gloss.startswith(_SKIP_PREFIXES):
            continue
        for part in re.split(r"[;,]", _PARENS.sub(" ", gloss)):
            words = [w.lower().replace("’", "'") for w in _WORD.findall(part)]
            while words and words[0] in ("to", "a", "an", "the"):
                words = words[1:]
            words = [w for w in words if w not in ("sth", "sb", "etc")]
            if not words or len(words) > 4 or all(w in _FILLER for w in words):
                continue
            phrase = tuple((w, stem(w)) for w in words)
            if phrase not in phrases:
                phrases.append(phrase)
    return phrases


def _agent_form(word: str, gloss: tuple[str, str]) -> bool:
    # "trainer" from "train", "collector" from "collect": what 师, 员, 者, 家 add to a verb.
    root = gloss[0]
    base = root[:-1] if root.endswith("e") else root
    return len(base) >= 3 and any(word == base + s or word == root + s for s in _AGENT_SUFFIXES)


def find_phrase(
    sentence: EnglishSentence, phrase: Phrase, *, agent: bool = False
) -> tuple[int, int] | None:
    """Index of the first and last sentence word matching `phrase`, or None."""
    n = len(phrase)
    stems, words = sentence.stems, sentence.words
    for i in range(len(stems) - n + 1):
        if all(_same_word(words[i + k], stems[i + k], phrase[k]) for k in range(n - 1)):
            last = i + n - 1
            if agent:
                if _agent_form(words[last], phrase[-1]):
                    return i, last
            elif _same_word(words[last], stems[last], phrase[-1]):
                return i, last
    return None


def _same_word(word: str, word_stem: str, gloss: tuple[str, str]) -> bool:
    # Snowball cuts "importantly" to "import": a sentence word much longer than the gloss
    # word is another word, not an inflection of it ("accurately" still is of "accurate").
    return word_stem == gloss[1] and len(word) - len(gloss[0]) <= 3


def match_glosses(
    sentence: EnglishSentence, phrases: Sequence[Phrase], *, agent: bool = False
) -> str | None:
    """The exact text of the sentence that the longest matching gloss finds, or None."""
    best: tuple[int, int] | None = None
    for phrase in phrases:
        found = find_phrase(sentence, phrase, agent=agent)
        if found is not None and (best is None or found[1] - found[0] > best[1] - best[0]):
            best = found
    return None if best is None else sentence.substring(*best)


def name_key(numbered: str) -> str:
    """The toneless letters of a reading, as English spells names ("Hu2 sheng4 xiang2")."""
    letters = re.sub(r"[0-9]", "", numbered.lower()).replace("u:", "u").replace("ü", "u")
    return re.sub(r"[^a-z]", "", letters)


def match_name(sentence: EnglishSentence, numbered: str) -> str | None:
    """Capitalised English words spelling the name's pinyin ("Hu Shengxiang"), or None."""
    key = name_key(numbered)
    if len(key) < 2:
        return None
    text = sentence.text
    for i in range(len(sentence.words)):
        joined = ""
        for j in range(i, min(i + 4, len(sentence.words))):
            start = sentence.spans[j][0]
            if not text[start].isupper():
                break
            joined += re.sub(r"[^a-z]", "", sentence.words[j])
            if joined == key:
                return sentence.substring(i, j)
            if not key.startswith(joined):
                break
    return None
