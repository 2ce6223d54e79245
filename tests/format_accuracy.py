"""Context accuracy on the news articles rendered into another format (shared by the format tests).

The measure and the gold are test_align's; here each article is first written out as a web
page, subtitles, an e-book... and read back through `vocab.text.formats`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from pathlib import Path

from test_align import NEWS, _gold_english, _is_right, cedict_glosses, news_accuracy

from vocab.text.document import parse_document
from vocab.text.formats import Document

# An article's lines as (Chinese, English) pairs in order (the NTREX files give each pair as
# two adjacent lines, in either order) -> the document read back from the rendered file.
Render = Callable[[str, list[tuple[str, str]]], Document]


def news_pairs(text: str) -> list[tuple[str, str]]:
    from vocab.text.sentences import has_han

    lines = [line for line in text.split("\n") if line.strip()]
    pairs = []
    for first, second in zip(lines[::2], lines[1::2], strict=True):
        pairs.append((first, second) if has_han(first) else (second, first))
    return pairs


@cache
def plain_accuracy() -> float:
    accuracy, _ = news_accuracy(cedict_glosses)
    return accuracy


def rendered_accuracy(
    render: Render, convert: Callable[[str], str] = lambda text: text
) -> tuple[float, list[str]]:
    """Accuracy over every news article rendered by `render` (after `convert` on its text and
    its gold's Chinese: a traditional rendering), with the articles whose text did not survive."""
    right = total = 0
    lost: list[str] = []
    for path in sorted(NEWS.glob("*.txt")):
        text = convert(path.read_text(encoding="utf-8"))
        gold = [json.loads(line) for line in path.with_suffix(".gold.jsonl").open()]
        gold = [{"zh": convert(pair["zh"]), "en": pair["en"]} for pair in gold]
        document = render(path.stem, news_pairs(text))
        article = parse_document(document, glosses=cedict_glosses)
        try:
            expected = _gold_english(article, gold)
        except AssertionError:
            lost.append(path.stem)
            continue
        for sentence, english in zip(article.sentences, expected, strict=True):
            total += 1
            right += _is_right(sentence.en, english)
    return right / max(1, total), lost


__all__ = ["NEWS", "Path", "news_pairs", "plain_accuracy", "rendered_accuracy"]
