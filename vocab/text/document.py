"""From a Document (any format) to a ParsedArticle: the article pipeline, section by section.

Each section (an e-book's chapter) is parsed on its own, so its layout is its own; subtitle
cues come paired by time and only their sentences are aligned; an article in traditional
characters is parsed through its simplified copy and shown in its own characters.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Iterable

from vocab.text import Layout, ParagraphPair, ParsedArticle, SentencePair, parse_article
from vocab.text.formats import Cue, Document
from vocab.text.script import Script, detect_script, restore_article, simplified_copy

Glosses = Callable[[str], Iterable[str]]


def parse_document(
    document: Document,
    *,
    layout: Layout | None = None,
    glosses: Glosses | None = None,
    script: Script | None = None,
) -> ParsedArticle:
    """Split a document into Chinese sentences, each with the English that translates it.

    `script` overrides the detected script of the article's characters.
    """
    script = script or detect_script(document.text)
    parts: list[ParsedArticle] = []
    for section in document.sections:
        if section.cues:
            parts.append(_parse_cues(section.cues, glosses, script))
        elif section.text.strip():
            parts.append(_parse_text(section.text, layout, glosses, script))
    article = _concatenate(parts)
    if document.title:
        article = dataclasses.replace(article, title=document.title)
    return article


def _parse_text(
    text: str, layout: Layout | None, glosses: Glosses | None, script: Script
) -> ParsedArticle:
    if script == "simplified":
        return parse_article(text, layout=layout, glosses=glosses)
    copy = simplified_copy(text)
    return restore_article(text, copy, parse_article(copy, layout=layout, glosses=glosses))


def _parse_cues(cues: Iterable[Cue], glosses: Glosses | None, script: Script) -> ParsedArticle:
    """Cues already paired by time: each is aligned on its own, its sentences at its times."""
    parts: list[ParsedArticle] = []
    for cue in cues:
        # English cues break sentences wherever the speaker pauses: one paragraph, split again
        # by its sentences. Chinese lines stay apart, each with its own time.
        english = [" ".join(cue.en)] if cue.en else []
        text = "\n".join([*(line for _, line in cue.zh), *english])
        # Forced: a cue's lines are one group whatever their lengths say.
        forced: Layout = "blocks" if cue.en else "zh-only"
        parsed = _parse_text(text, forced, glosses, script)
        sentences = [
            dataclasses.replace(s, position=cue.zh[min(s.paragraph, len(cue.zh) - 1)][0])
            for s in parsed.sentences
        ]
        parts.append(dataclasses.replace(parsed, layout="alternating", sentences=sentences))
    return _concatenate(parts)


def _concatenate(parts: list[ParsedArticle]) -> ParsedArticle:
    if len(parts) == 1:
        return parts[0]
    paragraphs: list[ParagraphPair] = []
    sentences: list[SentencePair] = []
    for part in parts:
        offset = len(paragraphs)
        paragraphs.extend(part.paragraphs)
        sentences.extend(
            dataclasses.replace(s, paragraph=s.paragraph + offset) for s in part.sentences
        )
    layouts = Counter(part.layout for part in parts)
    return ParsedArticle(
        title=parts[0].title if parts else "",
        layout=layouts.most_common(1)[0][0] if layouts else "zh-only",
        paragraphs=paragraphs,
        sentences=sentences,
    )
