"""Splitting paragraphs into sentences: Chinese losslessly, English with sentencex and below."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from vocab.text.sentences import is_han, split_chinese, split_english, split_english_units

NEWS = Path(__file__).parent / "data" / "news"
SEED = Path(__file__).parent.parent / "decks" / "ai-new-jobs.txt"


def _chinese_paragraphs(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if any(is_han(ch) for ch in line)]


@pytest.mark.parametrize("path", [SEED, *sorted(NEWS.glob("*.txt"))], ids=lambda p: p.stem)
def test_chinese_sentences_give_the_paragraph_back(path: Path) -> None:
    for paragraph in _chinese_paragraphs(path):
        sentences = split_chinese(paragraph)
        assert all(s == s.strip() and s for s in sentences)
        assert re.sub(r"\s", "", "".join(sentences)) == re.sub(r"\s", "", paragraph)


def test_chinese_splits_on_its_punctuation_and_keeps_closing_quotes() -> None:
    text = "卢说:“人工智能是一种工具。”他们笑了！真的吗？是的；好……走吧"
    assert split_chinese(text) == [
        "卢说:“人工智能是一种工具。”",
        "他们笑了！",
        "真的吗？",
        "是的；",
        "好……",
        "走吧",
    ]


def test_chinese_keeps_ascii_commas_colons_and_decimals() -> None:
    text = "公开数据表明,仅2025年,上海就有1.63万人参加考核,近1.1万人获得证书。3.5倍:很好."
    assert split_chinese(text) == [
        "公开数据表明,仅2025年,上海就有1.63万人参加考核,近1.1万人获得证书。",
        "3.5倍:很好.",
    ]


def test_chinese_splits_on_ascii_sentence_ends_but_not_abbreviations() -> None:
    assert split_chinese("他来自 U.S. 的纽约. 然后走了! 对吗?") == [
        "他来自 U.S. 的纽约.",
        "然后走了!",
        "对吗?",
    ]
    assert split_chinese('他说:"好。"然后走了。') == ['他说:"好。"', "然后走了。"]


def test_chinese_gold_segments_are_never_cut_mid_sentence() -> None:
    # Every gold segment of the news ends where one of our sentences ends.
    for gold_path in sorted(NEWS.glob("*.gold.jsonl")):
        for line in gold_path.open(encoding="utf-8"):
            zh = json.loads(line)["zh"]
            assert "".join(split_chinese(zh)).replace(" ", "") == zh.replace(" ", "")


def test_english_sentences_come_from_sentencex() -> None:
    text = "Mr. Smith arrived at 5 p.m. on Monday. He left early. Did he?"
    assert split_english(text) == [
        "Mr. Smith arrived at 5 p.m. on Monday.",
        "He left early.",
        "Did he?",
    ]


def test_english_units_cut_quotes_the_chinese_may_split() -> None:
    text = (
        '"Pure algorithm tuning has reached a ceiling," Hu said. "The real edge comes from '
        "high-quality data and better feedback loops. My aim is to standardize how humans and "
        'machines collaborate."'
    )
    units = split_english_units(text)
    assert [u.text for u in units] == [
        '"Pure algorithm tuning has reached a ceiling," Hu said.',
        '"The real edge comes from high-quality data and better feedback loops.',
        'My aim is to standardize how humans and machines collaborate."',
    ]
    assert [u.starts_sentence for u in units] == [True, True, False]


def test_english_units_cut_at_semicolons_and_keep_every_word() -> None:
    text = "The storm weakened overnight; flooding is still expected in the south. It rained."
    units = split_english_units(text)
    assert [u.text for u in units] == [
        "The storm weakened overnight;",
        "flooding is still expected in the south.",
        "It rained.",
    ]
    assert " ".join(u.text for u in units) == text


def test_a_break_after_an_initialism_is_weak() -> None:
    units = split_english_units("Rosa had winds of 85 mph as of 5 a.m. Eastern time Sunday.")
    assert all(not u.weak_start for u in units[:1])
    assert all(u.weak_start and not u.starts_sentence for u in units[1:])


def test_is_han() -> None:
    assert all(is_han(ch) for ch in "中文漢字𠀀")
    assert not any(is_han(ch) for ch in "Aa1。，“”　ー")


def test_han_count_counts_every_extension() -> None:
    from vocab.text.sentences import han_count, has_han

    assert han_count("AI打开就业新通道:𠀀双语 reading。") == 10
    assert has_han("An English line with one 字") and not has_han("No Chinese here, 123。")
