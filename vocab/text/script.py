"""Traditional characters: which script an article is written in, and a simplified copy of it.

Segmentation, the dictionary and the aligner all work on simplified text, so an article in
traditional characters (Taiwan and Hong Kong news, classic novels) is read through a
simplified copy made by OpenCC's phrase-aware t2s. The copy keeps every character where the
original has it (t2s maps one character to one character for nearly all text; a line where it
does not is converted character by character), so whatever is found in the copy (a sentence,
a term's place in it) is shown in the article's own characters.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Literal

from vocab.text.sentences import has_han

if TYPE_CHECKING:
    from vocab.terms import Term
    from vocab.text import ParsedArticle

Script = Literal["simplified", "traditional"]
Shown = Literal["simplified", "traditional", "both"]
SHOWN: tuple[Shown, ...] = ("simplified", "traditional", "both")

_SAMPLE = 20_000  # characters: enough to tell the script of any article, cheap for a novel


@lru_cache(maxsize=4)
def converter(config: str) -> Any:
    """OpenCC's converter of that configuration ("s2t", "t2s"), made once per process."""
    import opencc  # loaded only by the commands that read or show articles

    return opencc.OpenCC(config)


def detect_script(text: str) -> Script:
    """Traditional when more of the article's characters change in t2s than in s2t.

    Most characters are the same in both scripts; only those that differ tell, and an article
    in one script has almost none of the other's (a traditional text quoting 里 or 台 aside).
    """
    sample = text[:_SAMPLE]
    if not has_han(sample):
        return "simplified"
    to_simplified = _changed(sample, converter("t2s").convert(sample))
    to_traditional = _changed(sample, converter("s2t").convert(sample))
    return "traditional" if to_simplified > to_traditional else "simplified"


def _changed(before: str, after: str) -> int:
    """How many of the characters of `before` its conversion `after` no longer has (counted
    by character, not place: phrase conversions may change a line's length)."""
    kept = set(after)
    return sum(1 for char in before if char not in kept)


def simplified_copy(text: str) -> str:
    """The text in simplified characters, character for character where the original has them.

    Converted line by line, phrase-aware; a line whose conversion changes its length is
    converted character by character instead (losing only the phrase context of that line).
    """
    t2s = converter("t2s")
    whole = t2s.convert(text)  # one call for the whole article: a call per line costs 50 µs
    lines = text.split("\n")
    converted = whole.split("\n")
    if (
        len(whole) == len(text)
        and len(converted) == len(lines)
        and all(len(a) == len(b) for a, b in zip(lines, converted, strict=True))
    ):
        return whole
    copied: list[str] = []
    for line in lines:
        copy = t2s.convert(line) if has_han(line) else line
        if len(copy) != len(line):
            copy = "".join(_one_for_one(t2s, char) for char in line)
        copied.append(copy)
    return "\n".join(copied)


def _one_for_one(t2s: Any, char: str) -> str:
    converted = t2s.convert(char)
    return converted if len(converted) == 1 else char


def to_script(text: str, script: Script) -> str:
    """Text shown in the other script (for `--script`): phrase-aware, lengths may change."""
    return converter("t2s" if script == "simplified" else "s2t").convert(text)


def restore(original: str, copy: str, pieces: Sequence[str]) -> list[str]:
    """Pieces of `copy` (sentences, paragraphs: in order, whitespace at their edges trimmed, a
    wrapped line joined again) in the characters `original` has in their places.

    `copy` must be `simplified_copy(original)`. A piece not found in order stays as it is.
    """
    restored: list[str] = []
    cursor = 0
    for piece in pieces:
        start = copy.find(piece, cursor)
        # Found verbatim, with no Chinese skipped to get there: the common case, done in C.
        if start >= 0 and not has_han(copy[cursor:start]):
            restored.append(original[start : start + len(piece)])
            cursor = start + len(piece)
            continue
        found = _walk(original, copy, piece, cursor)
        if found is None:
            restored.append(piece)
            continue
        text, cursor = found
        restored.append(text)
    return restored


def _walk(original: str, copy: str, piece: str, cursor: int) -> tuple[str, int] | None:
    """Match a piece character by character, past the line breaks and spaces joined away."""
    chars: list[str] = []
    position = cursor
    for char in piece:
        if char.isspace():
            chars.append(char)
            continue
        while position < len(copy) and copy[position] != char:
            if has_han(copy[position]):
                return None
            position += 1
        if position == len(copy):
            return None
        chars.append(original[position])
        position += 1
    return "".join(chars), position


def restore_article(original: str, copy: str, article: ParsedArticle) -> ParsedArticle:
    """An article parsed from the simplified copy, shown in the original's characters."""
    sentences = restore(original, copy, [s.zh for s in article.sentences])
    paragraphs = restore(original, copy, [p.zh for p in article.paragraphs])
    (title,) = restore(original, copy, [article.title]) if article.title else ("",)
    return dataclasses.replace(
        article,
        title=title,
        sentences=[
            dataclasses.replace(s, zh=zh)
            for s, zh in zip(article.sentences, sentences, strict=True)
        ],
        paragraphs=[
            dataclasses.replace(p, zh=zh)
            for p, zh in zip(article.paragraphs, paragraphs, strict=True)
        ],
    )


def restore_terms(terms: Sequence[Term], sentences: Sequence[str]) -> list[Term]:
    """Terms found in the simplified copy, shown in the article's own characters.

    Each term keeps its simplified form (one term across articles in either script); its
    traditional form becomes the one the article writes, its examples the article's sentences.
    """
    restored: list[Term] = []
    for term in terms:
        own = term.traditional
        if term.occurrences:
            index, start, end = term.occurrences[0]
            written = sentences[index][start:end]
            if len(written) == len(term.simplified):
                own = written
        examples = [e._replace(zh=sentences[e.sentence]) for e in term.examples]
        restored.append(dataclasses.replace(term, traditional=own, examples=examples))
    return restored


def simplified_lines(lines: Sequence[str]) -> list[str]:
    """Each line (a sentence) in simplified characters, place for place, in one conversion."""
    if not lines:
        return []
    return simplified_copy("\n".join(lines)).split("\n")


def headword(simplified: str, traditional: str, shown: Shown) -> str:
    """A term as `--script` asks: one script, or both (银行 / 銀行) when they differ."""
    if shown == "simplified":
        return simplified
    if shown == "traditional" or simplified == traditional:
        return traditional
    return f"{simplified} / {traditional}"


def records_in_script(records: Sequence[dict[str, Any]], shown: Shown) -> list[dict[str, Any]]:
    """Term records (DESIGN's JSON contract) with their example sentences in the script asked
    for; `both` keeps each sentence as its article writes it. The records' fields stay."""
    if shown == "both":
        return list(records)
    converted: list[dict[str, Any]] = []
    for record in records:
        examples = [
            {**example, "zh": to_script(example["zh"], shown)} for example in record["examples"]
        ]
        converted.append({**record, "examples": examples})
    return converted
