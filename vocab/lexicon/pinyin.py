"""Pinyin: CC-CEDICT numbered syllables, tone marks, tone numbers, and readings in context.

CC-CEDICT's own reading wins wherever the sense is known; pypinyin (about 20k words/s) is used
only where the dictionary cannot decide, and is fed jieba words, never single characters.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

_MARKS = {
    "a": "āáǎà",
    "e": "ēéěè",
    "i": "īíǐì",
    "o": "ōóǒò",
    "u": "ūúǔù",
    "ü": "ǖǘǚǜ",
}
_SYLLABLE = re.compile(r"^([A-Za-zü:]+?)([0-5])?$")


@lru_cache(maxsize=8192)
def _mark_syllable(syllable: str) -> str:
    match = _SYLLABLE.match(syllable)
    if match is None:
        return syllable
    letters, digit = match.group(1), match.group(2)
    letters = letters.replace("u:", "ü").replace("U:", "Ü").replace("v", "ü").replace("V", "Ü")
    tone = int(digit) if digit else 5
    if tone in (0, 5) or not any(c in _MARKS for c in letters.lower()):
        return letters
    lower = letters.lower()
    # Standard placement: a or e take the mark; in "ou" the o does; else the last vowel.
    if "a" in lower:
        index = lower.index("a")
    elif "e" in lower:
        index = lower.index("e")
    elif "ou" in lower:
        index = lower.index("o")
    else:
        index = max(i for i, c in enumerate(lower) if c in _MARKS)
    marked = _MARKS[lower[index]][tone - 1]
    if letters[index].isupper():
        marked = marked.upper()
    return letters[:index] + marked + letters[index + 1 :]


def to_tone_marks(numbered: str) -> str:
    """Tone marks for a numbered reading: "ren2 gong1" -> "rén gōng"; tone 5 stays unmarked."""
    return " ".join(map(_mark_syllable, numbered.split()))


def tone_numbers(numbered: str) -> list[int]:
    """The tone of each syllable, 1-4, or 5 for neutral (and for non-syllables like "C")."""
    tones = []
    for syllable in numbered.split():
        match = _SYLLABLE.match(syllable)
        digit = match.group(2) if match else None
        tones.append(int(digit) if digit and digit != "0" else 5)
    return tones


def _to_cedict_style(syllable: str) -> str:
    # pypinyin writes ü as "v"; CC-CEDICT writes "u:".
    return syllable.replace("v", "u:")


@lru_cache(maxsize=65536)
def word_reading(word: str) -> str:
    """pypinyin's numbered reading of one jieba word, CC-CEDICT style ("yin2 hang2")."""
    from pypinyin import Style, lazy_pinyin

    syllables = lazy_pinyin([word], style=Style.TONE3, neutral_tone_with_five=True)
    return " ".join(_to_cedict_style(s) for s in syllables)


def reading_in_sentence(word: str, sentence: str, words: Sequence[str] | None = None) -> str:
    """The numbered reading pypinyin gives `word` where it stands in `sentence`.

    The sentence is cut into jieba words (or `words`, if already cut) and pypinyin reads whole
    words (银行 yin2 hang2, 很行 hen3 xing2) rather than characters; a word inside a longer jieba
    word takes the syllables of its place there; a word absent from the sentence is read alone.
    """
    if words is None:
        import rjieba

        words = rjieba.cut(sentence)
    at = sentence.find(word)
    if at < 0 or not _is_han(word):
        return word_reading(word)
    start = 0
    for token in words:
        end = start + len(token)
        if start <= at and at + len(word) <= end and _is_han(token):
            syllables = word_reading(token).split()
            if len(syllables) == len(token):
                offset = at - start
                return " ".join(syllables[offset : offset + len(word)])
            break
        start = end
    return word_reading(word)


def _is_han(text: str) -> bool:
    return all("\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" for c in text)
