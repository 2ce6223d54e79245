"""Paragraphs, their language, the article's layout, and which paragraphs translate which.

A paragraph is a non-empty line; lines hard-wrapped inside one paragraph (a line that stops
mid-sentence, followed by a line of the same language, in a text that separates paragraphs
by blank lines) are joined again.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from vocab.text.align import EN_PER_ZH
from vocab.text.sentences import han_count, han_span, has_han

if TYPE_CHECKING:
    from vocab.text import Layout

Language = Literal["zh", "en", "other"]

_LATIN_WORD = re.compile(r"[A-Za-z]+")
_SENTENCE_END = re.compile(r"""[.!?;:。！？；…”"'’)）」』]\s*$""")


@dataclass(frozen=True)
class Paragraph:
    text: str
    language: Language


def language_of(text: str) -> Language:
    """Chinese when the paragraph has any Chinese character: every one of them must be learnt
    from a Chinese sentence, and an English paragraph of a bilingual article has none."""
    if has_han(text):
        return "zh"
    if _LATIN_WORD.search(text):
        return "en"
    return "other"


def split_paragraphs(text: str) -> list[Paragraph]:
    """The article's paragraphs in order, each with its language."""
    uses_blank_lines = re.search(r"\n[ \t\u3000]*\n", text) is not None
    paragraphs: list[Paragraph] = []
    previous_blank = True
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            previous_blank = True
            continue
        language = language_of(line)
        if (
            uses_blank_lines
            and not previous_blank
            and paragraphs
            and paragraphs[-1].language == language
            and _is_wrapped(paragraphs[-1])
        ):
            joiner = " " if language == "en" else ""
            paragraphs[-1] = Paragraph(paragraphs[-1].text + joiner + line, language)
        else:
            paragraphs.append(Paragraph(line, language))
        previous_blank = False
    return [part for paragraph in paragraphs for part in _bilingual_parts(paragraph)]


_ENGLISH_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_LOWER_WORD = re.compile(r"(?<![A-Za-z'’-])[a-z]{2,}(?![A-Za-z'’-])")
# The English part of a bilingual heading: a phrase, not a name quoted in a Chinese sentence
# ("Det Insp Bob Blemmings 表示", "Wayde Sims 枪击案"), which has fewer words or no lower-case one.
_MIN_ENGLISH_WORDS = 3
# Its length against the Chinese part's, as a translation's would be (EN_PER_ZH per character).
_WEIGHT_RANGE = (1 / 3, 3.0)
# Whitespace separates the two languages; punctuation at the seam goes with the Chinese, unless
# it opens a quote the English goes on with (他写道：“ This is a great day”): one sentence.
_ENGLISH_AFTER = re.compile(r"^([^\sA-Za-z0-9“‘「『（《(\[]*)\s+(\S.*)$", re.S)
_ENGLISH_BEFORE = re.compile(r"^(.*\S)\s+([^\sA-Za-z0-9”’」』）》)\]]*)$", re.S)


def _bilingual_parts(paragraph: Paragraph) -> list[Paragraph]:
    """A heading or caption holding both languages ("城市骑行热 Cycling craze in cities") as
    its Chinese and its English paragraph, so that the two pair with each other instead of
    the heading taking the next paragraph's English and shifting every pair after it."""
    if paragraph.language != "zh":
        return [paragraph]
    text = paragraph.text
    span = han_span(text)
    if span is None:
        return [paragraph]
    first_at, last_at = span
    before, after = text[:first_at], text[last_at:]
    if _is_english_phrase(after) and not _is_english_phrase(before):
        found = _ENGLISH_AFTER.match(after)
        if found is None:
            return [paragraph]
        zh, en = text[:last_at] + found.group(1), found.group(2)
        parts = [zh, en]
    elif _is_english_phrase(before) and not _is_english_phrase(after):
        found = _ENGLISH_BEFORE.match(before)
        if found is None:
            return [paragraph]
        en, zh = found.group(1), found.group(2) + text[first_at:]
        parts = [en, zh]
    else:
        return [paragraph]
    low, high = _WEIGHT_RANGE
    if not low <= len(en) / (EN_PER_ZH * han_count(zh)) <= high:
        return [paragraph]
    return [Paragraph(part, language_of(part)) for part in parts]


def _is_english_phrase(text: str) -> bool:
    return (
        len(_ENGLISH_WORD.findall(text)) >= _MIN_ENGLISH_WORDS
        and _LOWER_WORD.search(text) is not None
    )


def _is_wrapped(paragraph: Paragraph) -> bool:
    # A title is short and has no sentence end either: only long lines are wrapped lines.
    long_enough = 15 if paragraph.language == "zh" else 30
    return len(paragraph.text) >= long_enough and not _SENTENCE_END.search(paragraph.text)


def detect_layout(paragraphs: list[Paragraph]) -> Layout:
    """zh-only without English; blocks when the languages form at most three runs, each side
    holding two or more paragraphs (a lone title before them allowed); else alternating."""
    languages = [p.language for p in paragraphs if p.language != "other"]
    if "en" not in languages:
        return "zh-only"
    runs: list[tuple[str, int]] = []
    for language in languages:
        if runs and runs[-1][0] == language:
            runs[-1] = (language, runs[-1][1] + 1)
        else:
            runs.append((language, 1))
    if len(runs) == 3 and runs[0][1] == 1:  # a title before the two blocks
        runs = runs[1:]
    if len(runs) == 2 and min(count for _, count in runs) >= 2:
        return "blocks"
    return "alternating"


@dataclass(frozen=True)
class ParagraphGroup:
    """Chinese paragraph(s) and the English paragraph(s) that translate them."""

    zh: list[str]
    en: list[str]


# Leaving a paragraph unpaired costs as much as pairing two whose lengths are 2.3x apart.
_UNPAIRED_COST = 6.0
_LOG_RATIO_SIGMA = 0.35  # paragraphs vary more than sentences around EN_PER_ZH


def _length_cost(zh: str, en: str) -> float:
    zh_len = max(1, len(re.sub(r"\s", "", zh)))
    en_len = max(1, len(en))
    ratio = math.log(en_len / (EN_PER_ZH * zh_len))
    return ratio * ratio / (2 * _LOG_RATIO_SIGMA**2)


def pair_paragraphs(paragraphs: list[Paragraph]) -> list[ParagraphGroup]:
    """Pair each Chinese paragraph with the English paragraph next to it, in either order.

    A paragraph may stay alone (a title, a passage left untranslated): a dynamic programme over
    the paragraph sequence chooses the pairing whose lengths fit best, so one unpaired
    paragraph never shifts the pairs after it.
    """
    items = [p for p in paragraphs if p.language != "other"]
    n = len(items)
    best = [math.inf] * (n + 1)
    step = [0] * (n + 1)
    best[0] = 0.0
    for i in range(n):
        if best[i] == math.inf:
            continue
        if best[i] + _UNPAIRED_COST < best[i + 1]:
            best[i + 1] = best[i] + _UNPAIRED_COST
            step[i + 1] = 1
        if i + 1 < n and items[i].language != items[i + 1].language:
            first, second = items[i], items[i + 1]
            zh, en = (first, second) if first.language == "zh" else (second, first)
            cost = best[i] + _length_cost(zh.text, en.text)
            if cost < best[i + 2]:
                best[i + 2] = cost
                step[i + 2] = 2
    groups: list[ParagraphGroup] = []
    i = n
    while i > 0:
        size = step[i]
        chunk = items[i - size : i]
        groups.append(
            ParagraphGroup(
                zh=[p.text for p in chunk if p.language == "zh"],
                en=[p.text for p in chunk if p.language == "en"],
            )
        )
        i -= size
    groups.reverse()
    return groups


def block_groups(paragraphs: list[Paragraph]) -> list[ParagraphGroup]:
    """The blocks layout as one group: all Chinese paragraphs against all English ones."""
    return [
        ParagraphGroup(
            zh=[p.text for p in paragraphs if p.language == "zh"],
            en=[p.text for p in paragraphs if p.language == "en"],
        )
    ]
