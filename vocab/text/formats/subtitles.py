"""Subtitles (.srt): one file with a Chinese and an English line in each cue, or two files,
one per language, given together.

Both come down to the same thing: Chinese lines and English lines, each shown from one time
to another. Lines shown at the same time (the same cue, or cues whose times overlap for most
of the shorter one) are grouped, and within a group the sentence aligner pairs them by their
text. When two files' times do not fit each other at all (another cut of the film, a shifted
file) their text alone pairs them. Each Chinese sentence keeps its cue's start time.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from pathlib import PurePath

from vocab.errors import InputError
from vocab.text.formats import Cue, Document, Section, decode, require_chinese

_TIMING = re.compile(rb"^\s*\d+\s*\r?\n\s*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}\s*-->", re.M)
_BOM = b"\xef\xbb\xbf"
# ASS/SSA override tags some .srt files carry: {\an8}, {\i1}.
_ASS_TAG = re.compile(r"\{\\[^}]*\}")
_LATIN = re.compile(r"[A-Za-z]")
# The share of the shorter of two lines' times they must overlap to be shown together.
_SHOWN_TOGETHER = 0.6
# Below this share of Chinese lines finding English by time, two files' times are not trusted.
_TIMES_FIT = 0.5


def looks_like_srt(head: bytes) -> bool:
    """Whether a file starts as subtitles do: a cue number, then a time line."""
    return _TIMING.match(head.removeprefix(_BOM)) is not None


@dataclass(frozen=True)
class _Line:
    """A cue's Chinese or English text, with when it shows and which cue of which file it is."""

    language: str
    text: str
    start: timedelta
    end: timedelta
    cue: tuple[int, int]


def read_srt(data: bytes, name: str) -> Document:
    """A dual-language .srt (or a Chinese-only one) as an article."""
    lines = _lines(data, name, 0)
    document = Document("srt", _film_title([name]), (_section(lines, trust_times=True),))
    return require_chinese(document, name)


def read_srt_pair(first: tuple[str, bytes], second: tuple[str, bytes]) -> Document:
    """Two .srt files of one film, in two languages, as one article."""
    lines = _lines(first[1], first[0], 0) + _lines(second[1], second[0], 1)
    zh = [line for line in lines if line.language == "zh"]
    if not zh:
        raise InputError(f"{first[0]} and {second[0]} have no Chinese text")
    together = _groups(lines)
    matched = sum(
        1 for group in together for line in group if line.language == "zh" and len(group) > 1
    )
    trust = not any(line.language == "en" for line in lines) or matched >= _TIMES_FIT * len(zh)
    title = _film_title([first[0], second[0]])
    return Document("srt", title, (_section(lines, trust_times=trust),))


def _film_title(names: list[str]) -> str | None:
    """A film's title is its file name (film.zh.srt: film), not its first line of dialogue."""
    from vocab.text.formats import film_name  # the package imports this module

    if not all(PurePath(name).suffix.lower() == ".srt" for name in names):
        return None
    return film_name(names) or None


def _lines(data: bytes, name: str, file: int) -> list[_Line]:
    import srt

    text = decode(data, name)
    # As players do, a cue whose number or times are broken is passed over and the rest read;
    # srt would log each one it skips, on the learner's terminal.
    logging.getLogger(srt.__name__).setLevel(logging.ERROR)
    try:
        subtitles = list(srt.parse(text, ignore_errors=True))
    except (srt.SRTParseError, srt.TimestampParseError, ValueError):
        subtitles = []
    if not subtitles:
        raise InputError(f"{name} has no subtitle cues vocab can read (broken .srt times?)")
    lines: list[_Line] = []
    for index, subtitle in enumerate(subtitles):
        # A cue that ends before it starts is shown for an instant: its text is still the film's.
        end = max(subtitle.start, subtitle.end)
        by_language: dict[str, list[str]] = {"zh": [], "en": []}
        for raw in _plain(subtitle.content).split("\n"):
            line = raw.strip()
            if not line:
                continue
            if _has_han(line):
                by_language["zh"].append(line)
            elif _LATIN.search(line):
                by_language["en"].append(line)
        for language, texts in by_language.items():
            if texts:
                joiner = "" if language == "zh" else " "
                lines.append(
                    _Line(language, joiner.join(texts), subtitle.start, end, (file, index))
                )
    return lines


def _plain(content: str) -> str:
    """A cue's text without its markup (<i>, <font>, entities) or override tags."""
    import lxml.html

    content = _ASS_TAG.sub("", content)
    if "<" not in content and "&" not in content:
        return content
    fragment = lxml.html.fragment_fromstring(content.replace("\n", "<br>"), create_parent="div")
    for br in fragment.iter("br"):
        br.tail = "\n" + (br.tail or "")
    return str(fragment.text_content())


def _has_han(text: str) -> bool:
    from vocab.text.sentences import has_han

    return has_han(text)


def _groups(lines: Sequence[_Line]) -> list[list[_Line]]:
    """The lines shown together, as groups in the order they show."""
    parent = list(range(len(lines)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(a: int, b: int) -> None:
        parent[root(a)] = root(b)

    order = sorted(range(len(lines)), key=lambda i: (lines[i].start, lines[i].end))
    # A sweep over start times: only lines still showing can overlap the next one.
    showing: list[int] = []
    for i in order:
        line = lines[i]
        showing = [j for j in showing if lines[j].end > line.start]
        for j in showing:
            other = lines[j]
            if other.language == line.language:
                continue
            if other.cue == line.cue or _overlap_share(other, line) >= _SHOWN_TOGETHER:
                join(i, j)
        showing.append(i)
    groups: dict[int, list[_Line]] = {}
    for i in order:
        groups.setdefault(root(i), []).append(lines[i])
    return list(groups.values())


def _overlap_share(a: _Line, b: _Line) -> float:
    overlap = min(a.end, b.end) - max(a.start, b.start)
    shorter = min(a.end - a.start, b.end - b.start)
    if shorter <= timedelta(0):
        return 1.0 if overlap >= timedelta(0) else 0.0
    return overlap / shorter


def _section(lines: Sequence[_Line], *, trust_times: bool) -> Section:
    if trust_times:
        groups = _groups(lines)
    else:
        groups = [sorted(lines, key=lambda line: (line.cue, line.start))]
    cues: list[Cue] = []
    for group in groups:
        zh = tuple(
            (position(line.start), line.text)
            for line in sorted(group, key=lambda line: line.start)
            if line.language == "zh"
        )
        if not zh:  # English shown with no Chinese has nothing to teach
            continue
        en = tuple(
            line.text
            for line in sorted(group, key=lambda line: line.start)
            if line.language == "en"
        )
        cues.append(Cue(zh, en))
    text = "\n\n".join("\n".join([*(t for _, t in cue.zh), *cue.en]) for cue in cues)
    return Section(text, tuple(cues))


def position(start: timedelta) -> str:
    """A cue's start time as a sentence's position: HH:MM:SS."""
    seconds = int(start.total_seconds())
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
