"""Splitting paragraphs into sentences: Chinese by its punctuation, English with sentencex.

Chinese splitting is lossless: the sentences of a paragraph, joined, give the paragraph back
(whitespace at their edges aside), so every character of the article lands in one sentence.
English is split into sentences and then into finer units (quoted sentences, clauses after
`;` or `:`) because translators often split a quote where the English keeps one sentence;
the aligner decides which units to join again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_HAN_RANGES = (
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0x20000, 0x2FFFF),
    (0x30000, 0x3FFFF),
)


def is_han(char: str) -> bool:
    """Whether a character is a Chinese character (CJK ideograph, any extension)."""
    code = ord(char)
    return any(low <= code <= high for low, high in _HAN_RANGES)


# The same ranges as one character class: counting through the regex engine is 100x faster
# than a Python loop over a novel's characters.
_HAN = re.compile("[" + "".join(f"{chr(low)}-{chr(high)}" for low, high in _HAN_RANGES) + "]")


def han_count(text: str) -> int:
    return len(text) - len(_HAN.sub("", text))


def has_han(text: str) -> bool:
    return _HAN.search(text) is not None


def han_span(text: str) -> tuple[int, int] | None:
    """Where the text's Chinese characters begin and end (the end excluded), or None."""
    first = _HAN.search(text)
    if first is None:
        return None
    last = _HAN.search(text[::-1])
    assert last is not None
    return first.start(), len(text) - last.start()


_DOTTED_ABBREVIATION = re.compile(r"(?:^|[^A-Za-z])(?:[A-Za-z]\.)+[A-Za-z]$")
_ZH_ENDS = "。！？；…!?;"
# Closing quotes and brackets belong to the sentence they close.
_CLOSERS = "”」』’）)》】〉"
_END_CANDIDATE = re.compile("[" + re.escape(_ZH_ENDS + ".") + "]")


def _ends_sentence(text: str, i: int) -> bool:
    """Whether the punctuation at text[i] ends a Chinese sentence."""
    char = text[i]
    if char in _ZH_ENDS:
        return True
    if char != ".":
        return False
    before = text[i - 1] if i > 0 else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    if after == ".":  # an ASCII ellipsis "......" ends where its last dot is
        return False
    if before == ".":
        return True
    # 3.5, 1.63万, 4.40: a decimal point, not a sentence end.
    if before.isdigit() and after.isdigit():
        return False
    # "U.S." or "a.m." inside Chinese is an abbreviation, not a full stop.
    if _DOTTED_ABBREVIATION.search(text, 0, i):
        return False
    rest = text[i + 1 :].lstrip()
    return rest == "" or is_han(rest[0]) or rest[0] in "“「『\"'"


def _is_closing_ascii_quote(text: str, i: int) -> bool:
    """An ASCII quote right after a sentence end closes a quotation when one is open."""
    return text[i] in "\"'" and text.count(text[i], 0, i) % 2 == 1


def split_chinese(paragraph: str) -> list[str]:
    """Split a Chinese paragraph into sentences, losing nothing but whitespace at their edges."""
    pieces: list[str] = []
    start = 0
    n = len(paragraph)
    # Jump from one possible sentence end to the next instead of looking at every character.
    candidate = _END_CANDIDATE.search(paragraph)
    while candidate is not None:
        i = candidate.start()
        if not _ends_sentence(paragraph, i):
            candidate = _END_CANDIDATE.search(paragraph, i + 1)
            continue
        j = i + 1
        while j < n and (
            paragraph[j] in _ZH_ENDS
            or paragraph[j] in _CLOSERS
            or _is_closing_ascii_quote(paragraph, j)
        ):
            j += 1
        pieces.append(paragraph[start:j])
        start = j
        candidate = _END_CANDIDATE.search(paragraph, j)
    pieces.append(paragraph[start:])
    sentences: list[str] = []
    for piece in pieces:
        stripped = piece.strip()
        if not stripped:
            continue
        # A piece of punctuation alone (a stray "。") is no sentence: keep it with the one before.
        if sentences and not any(ch.isalnum() for ch in stripped):
            sentences[-1] = sentences[-1] + piece.rstrip()
        else:
            sentences.append(stripped)
    return _merge_leading_junk(sentences)


def _merge_leading_junk(sentences: list[str]) -> list[str]:
    if len(sentences) > 1 and not any(ch.isalnum() for ch in sentences[0]):
        return [sentences[0] + sentences[1], *sentences[2:]]
    return sentences


def split_english(paragraph: str) -> list[str]:
    """Split an English paragraph into sentences with sentencex."""
    from sentencex import segment  # only texts with English need it

    return [s.strip() for s in segment("en", paragraph) if s.strip()]


@dataclass(frozen=True)
class EnglishUnit:
    """A piece of an English sentence the aligner may pair on its own.

    `starts_sentence` is False for the second and later pieces of a sentence: pairing one of
    those with a Chinese sentence means cutting the English sentence there.
    """

    text: str
    starts_sentence: bool
    # The cut before this unit is a full stop outside quotes that sentencex did not take:
    # perhaps an abbreviation ("U.N. General"), so cutting there is less likely.
    weak_start: bool = False


# Where a sentence may be cut below sentencex's level: after a sentence end inside a quotation
# ("... loops. My aim ..."), after ";", and after a ":" that opens a quotation. A full stop
# outside quotes is left to sentencex, which knows "a.m. Eastern" and "U.N. General".
_SUB_BREAK = re.compile(r"""(?:[.!?]["'”’)]*|;|:(?=\s+["“'‘]))(\s+)(?=\S)""")
_DOUBLE_QUOTES = re.compile(r"""["“”]""")
# An apostrophe inside a word (don't, Korea's) is no quote.
_SINGLE_QUOTES = re.compile(r"""(?<![A-Za-z])['‘]|['’](?![A-Za-z])""")


def split_english_units(paragraph: str) -> list[EnglishUnit]:
    """English sentences, each cut into the finer units a Chinese translation may follow."""
    units: list[EnglishUnit] = []
    for sentence in split_english(paragraph):
        start = 0
        # sentencex ends a sentence after "a.m." or "U.S." when a capital follows: perhaps
        # a sentence end, perhaps not ("5 a.m. Eastern time"); the aligner may cut there or not.
        after_initialism = bool(units) and _ENDS_WITH_INITIALISM.search(units[-1].text)
        first = not after_initialism
        weak_next = bool(after_initialism)
        for match in _SUB_BREAK.finditer(sentence):
            piece = sentence[start : match.start(1)].strip()
            mark = sentence[match.start() : match.start(1)]
            weak = mark[0] in ".!?" and not (
                _is_inside_quote(sentence, match.start()) or mark[-1] in "\"'”’"
            )
            if _is_breakable(piece):
                units.append(EnglishUnit(piece, first, weak_next))
                first = False
                weak_next = weak
                start = match.end(1)
        rest = sentence[start:].strip()
        if rest:
            units.append(EnglishUnit(rest, first, weak_next))
    return units


_ENDS_WITH_INITIALISM = re.compile(r"(?:^|\s)(?:[A-Za-z]\.){2,}$")


def _is_inside_quote(sentence: str, end: int) -> bool:
    double = len(_DOUBLE_QUOTES.findall(sentence, 0, end))
    single = len(_SINGLE_QUOTES.findall(sentence, 0, end))
    return double % 2 == 1 or single % 2 == 1


def _is_breakable(piece: str) -> bool:
    # Very short pieces are abbreviations or initials ("Mr.", "U.S.", "a.m."), not clauses.
    return len(re.findall(r"[A-Za-z0-9]+", piece)) >= 3
