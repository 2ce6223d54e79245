"""Grading the pinyin a learner types on a recall card.

The answer is typed in plain ASCII, so it works in every terminal: `ren2gong1zhi4neng2`, spaces
and apostrophes optional, `v` or `u:` for ü, tone 5 or no digit for the neutral tone. Tone-marked
input (rén gōng) is accepted too. The stored reading is CC-CEDICT style (`ren2 gong1 zhi4 neng2`).
"""

import re
import unicodedata
from dataclasses import dataclass

from vocab.schedule import Grade

NEUTRAL = 5
_COMBINING_TONES = {"\u0304": 1, "\u0301": 2, "\u030c": 3, "\u0300": 4}
_EXPECTED_SYLLABLE = re.compile(r"([a-zü:]+)([1-5]?)")


@dataclass(frozen=True)
class Syllable:
    letters: str  # lower case, ü written as v
    tone: int  # 1-4, or 5 for the neutral tone

    def numbered(self) -> str:
        return f"{self.letters}{self.tone}"


@dataclass(frozen=True)
class ToneSlip:
    """One syllable typed with the right letters and the wrong tone."""

    expected: Syllable
    typed_tone: int

    def describe(self) -> str:
        """`zhi4 not zhi2`; a syllable typed without a tone shows bare (`ren2 not ren`)."""
        typed = self.expected.letters + ("" if self.typed_tone == NEUTRAL else str(self.typed_tone))
        return f"{self.expected.numbered()} not {typed}"


@dataclass(frozen=True)
class RecallResult:
    grade: Grade
    message: str
    tone_slips: tuple[ToneSlip, ...] = ()


def _letters(text: str) -> str:
    return text.lower().replace("u:", "v").replace("ü", "v")


def expected_syllables(pinyin_numbered: str) -> list[Syllable]:
    """The syllables of a stored reading; a syllable without a digit is neutral."""
    syllables = []
    for word in _letters(pinyin_numbered).replace("·", " ").split():
        for letters, tone in _EXPECTED_SYLLABLE.findall(word):
            if letters:
                syllables.append(Syllable(letters.replace(":", ""), int(tone or NEUTRAL)))
    return syllables


def _typed_stream(typed: str) -> tuple[str, list[int | None]]:
    """The typed letters and digits, and for each letter the tone its mark gave (if any)."""
    decomposed = unicodedata.normalize("NFD", typed.lower().replace("u:", "v"))
    chars: list[str] = []
    marks: list[int | None] = []
    for char in decomposed:
        if char in _COMBINING_TONES and chars:
            marks[-1] = _COMBINING_TONES[char]
        elif char == "\u0308":  # the diaeresis of ü
            if chars and chars[-1] == "u":
                chars[-1] = "v"
        elif char.isascii() and (char.isalpha() or char.isdigit()):
            chars.append(char)
            marks.append(None)
        # spaces, apostrophes, hyphens and other separators carry no meaning
    return "".join(chars), marks


def _match(typed: str, expected: list[Syllable]) -> list[int] | None:
    """The tone typed for each expected syllable, or None when the letters differ."""
    letters, marks = _typed_stream(typed)
    position = 0
    tones: list[int] = []
    for syllable in expected:
        end = position + len(syllable.letters)
        if letters[position:end] != syllable.letters:
            return None
        tone = next((mark for mark in marks[position:end] if mark is not None), None)
        if end < len(letters) and letters[end].isdigit():
            digit = int(letters[end])
            if digit > NEUTRAL:
                return None
            tone = NEUTRAL if digit == 0 else digit
            end += 1
        tones.append(tone if tone is not None else NEUTRAL)
        position = end
    if position != len(letters):
        return None
    return tones


def grade_pinyin(typed: str, pinyin_numbered: str, pinyin: str = "") -> RecallResult:
    """Right -> Good; the right syllables with a tone wrong -> Hard, naming it; else Again.

    `pinyin` (tone-marked) is only used to show the answer.
    """
    expected = expected_syllables(pinyin_numbered)
    answer = f"{pinyin} ({pinyin_numbered})" if pinyin else pinyin_numbered
    if not typed.strip():
        return RecallResult(Grade.AGAIN, f"The answer is {answer}")
    tones = _match(typed, expected)
    if tones is None:
        return RecallResult(Grade.AGAIN, f"Not quite: the answer is {answer}")
    slips = tuple(
        ToneSlip(syllable, tone)
        for syllable, tone in zip(expected, tones, strict=True)
        if tone != syllable.tone
    )
    if slips:
        details = ", ".join(slip.describe() for slip in slips)
        return RecallResult(Grade.HARD, f"Tone: {details}. The answer is {answer}", slips)
    return RecallResult(Grade.GOOD, f"Right: {answer}")
