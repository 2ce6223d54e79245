"""Reading an article: bytes -> text -> paragraphs -> sentence pairs.

Each step is a pure function of the one before (see reader, layout, sentences, align);
`parse_article` runs them all.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

Layout = Literal["alternating", "blocks", "zh-only"]
LAYOUTS: tuple[Layout, ...] = ("alternating", "blocks", "zh-only")


@dataclass(frozen=True)
class ParagraphPair:
    """A Chinese paragraph and the English paragraph(s) that translate it (None: no English)."""

    zh: str
    en: str | None


@dataclass(frozen=True)
class SentencePair:
    """One Chinese sentence and the English that translates it.

    `en` is None when the article has no English for it: never a wrong sentence.
    `score` is the aligner's confidence in [0, 1] (0 when `en` is None).
    `paragraph` is the index of its ParagraphPair in the article.
    `position` is where it shows in its source when the source says: a subtitle's start time.
    """

    zh: str
    en: str | None
    score: float
    paragraph: int
    position: str | None = None


@dataclass(frozen=True)
class ParsedArticle:
    title: str
    layout: Layout
    paragraphs: list[ParagraphPair]
    sentences: list[SentencePair]


# Imported after the dataclasses above, which the modules below may refer to.
from vocab.text.align import align as _align  # noqa: E402
from vocab.text.layout import (  # noqa: E402
    Paragraph,
    ParagraphGroup,
    block_groups,
    detect_layout,
    pair_paragraphs,
    split_paragraphs,
)
from vocab.text.sentences import EnglishUnit, split_chinese, split_english_units  # noqa: E402

_TITLE_MAX = 40  # characters (Chinese) a first paragraph may have and still be a title
_TITLE_ENDS = "。！？；.!?;…"


def parse_article(
    text: str,
    *,
    layout: Layout | None = None,
    glosses: Callable[[str], Iterable[str]] | None = None,
) -> ParsedArticle:
    """Split an article into Chinese sentences, each with the English that translates it.

    `layout` forces a layout instead of detecting it; `glosses(word)` gives the CC-CEDICT
    English glosses of a Chinese word and makes the alignment much surer.
    """
    paragraphs = split_paragraphs(text)
    chosen = layout or detect_layout(paragraphs)
    if chosen == "zh-only":
        groups = [ParagraphGroup(zh=[p.text], en=[]) for p in paragraphs if p.language == "zh"]
    elif chosen == "blocks":
        groups = block_groups(paragraphs)
    else:
        groups = pair_paragraphs(paragraphs)

    pairs: list[ParagraphPair] = []
    sentences: list[SentencePair] = []
    for group in groups:
        units: list[EnglishUnit] = []
        en_ends: set[int] = set()
        for en in group.en:
            units.extend(split_english_units(en))
            en_ends.add(len(units))
        owners: list[int] = []
        chinese: list[str] = []
        zh_ends: set[int] = set()
        for zh in group.zh:
            for sentence in split_chinese(zh):
                owners.append(len(pairs))
                chinese.append(sentence)
            zh_ends.add(len(chinese))
            pairs.append(ParagraphPair(zh=zh, en=None))
        aligned = _align(
            chinese,
            units,
            glosses,
            zh_paragraph_ends=frozenset(zh_ends),
            en_paragraph_ends=frozenset(en_ends),
        )
        english_of: dict[int, list[str]] = {}
        for owner, found in zip(owners, aligned, strict=True):
            sentences.append(SentencePair(found.zh, found.en, found.score, owner))
            if found.en is not None and found.en not in english_of.get(owner, []):
                english_of.setdefault(owner, []).append(found.en)
        if len(group.zh) == 1 and group.en:
            pairs[-1] = ParagraphPair(zh=group.zh[0], en="\n".join(group.en))
        else:
            for owner, english in english_of.items():
                pairs[owner] = ParagraphPair(zh=pairs[owner].zh, en=" ".join(english))
    return ParsedArticle(
        title=_title(paragraphs, sentences),
        layout=chosen,
        paragraphs=pairs,
        sentences=sentences,
    )


def _title(paragraphs: list[Paragraph], sentences: list[SentencePair]) -> str:
    """The first paragraph when it reads as a title (short, no sentence end), in its Chinese
    form when the article gives one; else the first Chinese sentence, cut short."""
    head = paragraphs[:2]
    if head and _looks_like_title(head[0].text):
        if head[0].language == "zh":
            return head[0].text
        if len(head) > 1 and head[1].language == "zh" and _looks_like_title(head[1].text):
            return head[1].text
    if sentences:
        first = sentences[0].zh
        return first if len(first) <= _TITLE_MAX else first[: _TITLE_MAX - 1] + "…"
    return ""


def _looks_like_title(paragraph: str) -> bool:
    return len(paragraph) <= _TITLE_MAX * 2 and paragraph.rstrip()[-1:] not in _TITLE_ENDS
