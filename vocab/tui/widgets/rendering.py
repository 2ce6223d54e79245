"""Rich text for cards: the term highlighted in its sentence, pinyin in tone colours.

Rich measures Chinese characters as two cells and wraps between them, so these texts never cut
a character in half; they are built as Text objects, so article text is never read as markup.
"""

import re

from rich.text import Text

# The Chinese Support add-on's convention, which most learners know from Anki.
TONE_COLOURS = {1: "#ff4d4d", 2: "#ff9f1a", 3: "#3ecf4a", 4: "#4d9fff", 5: "#9a9a9a"}
HIGHLIGHT = "bold reverse"
_TONE_DIGIT = re.compile(r"([1-5])$")


def tone_numbers(pinyin_numbered: str) -> list[int]:
    """One tone per syllable of a CC-CEDICT reading; a syllable without a digit is neutral."""
    tones = []
    for syllable in pinyin_numbered.split():
        match = _TONE_DIGIT.search(syllable)
        tones.append(int(match.group(1)) if match else 5)
    return tones


def coloured_pinyin(pinyin: str, pinyin_numbered: str, colours: bool = True) -> Text:
    """The tone-marked reading, each syllable in its tone's colour (plain when they don't pair)."""
    syllables = pinyin.split()
    tones = tone_numbers(pinyin_numbered)
    if not colours or len(syllables) != len(tones):
        return Text(pinyin, style="bold")
    text = Text()
    for index, (syllable, tone) in enumerate(zip(syllables, tones, strict=True)):
        if index:
            text.append(" ")
        text.append(syllable, style=f"bold {TONE_COLOURS[tone]}")
    return text


def highlighted(sentence: str, start: int | None, end: int | None, style: str = HIGHLIGHT) -> Text:
    """The sentence with [start:end] highlighted (nothing when the span is unknown)."""
    text = Text(sentence)
    if start is not None and end is not None and 0 <= start < end <= len(sentence):
        text.stylize(style, start, end)
    return text


def highlighted_match(sentence: str, match: str | None, style: str = HIGHLIGHT) -> Text:
    """The English sentence with the words that translate the term highlighted."""
    if not match:
        return Text(sentence)
    start = sentence.find(match)
    if start < 0:
        start = sentence.lower().find(match.lower())
    if start < 0:
        return Text(sentence)
    return highlighted(sentence, start, start + len(match), style)


def blanked(sentence: str, start: int | None, end: int | None) -> Text:
    """The sentence with the term hidden, for recall cards: one full-width blank per character,
    so the sentence keeps its shape."""
    if start is None or end is None or not 0 <= start < end <= len(sentence):
        return Text(sentence)
    text = Text(sentence[:start])
    text.append("＿" * (end - start), style="bold")
    text.append(sentence[end:])
    return text


def spaced(term: str) -> str:
    """The term drawn large: a space between characters makes it read as a heading."""
    return " ".join(term)
