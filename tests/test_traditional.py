"""Traditional characters: detected per article, read through a simplified copy, shown as written."""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest
from format_accuracy import NEWS, plain_accuracy, rendered_accuracy
from hypothesis import given
from hypothesis import strategies as st

from vocab.lexicon.cedict import Dictionary
from vocab.terms import extract_terms
from vocab.text.document import parse_document
from vocab.text.formats import Document, Section, load
from vocab.text.script import (
    detect_script,
    restore,
    restore_terms,
    simplified_copy,
    simplified_lines,
    to_script,
)


@cache
def _taiwan() -> Any:
    import opencc

    return opencc.OpenCC("s2twp")


def s2twp(text: str) -> str:
    """Taiwan usage with its phrases (软件 -> 軟體): how a Taiwanese paper would write it."""
    return str(_taiwan().convert(text))


TAIWAN_NEWS = """人工智慧訓練師成為新職業
AI trainers become a new profession
2020年，中國將「人工智慧訓練師」納入職業分類目錄。
In 2020, China added "artificial intelligence trainer" to its occupational classification.
臺北一家軟體公司的研究員說，資料的品質決定了模型的表現。
A researcher at a software company in Taipei said the quality of data decides how a model performs.
"""


def test_each_article_is_detected_in_its_own_script() -> None:
    for path in sorted(NEWS.glob("*.txt"))[:5]:
        text = path.read_text(encoding="utf-8")
        assert detect_script(text) == "simplified"
        assert detect_script(s2twp(text)) == "traditional"
    assert detect_script(TAIWAN_NEWS) == "traditional"
    assert detect_script("Only English.") == "simplified"


def test_the_simplified_copy_keeps_every_character_in_its_place() -> None:
    for path in sorted(NEWS.glob("*.txt")):
        text = s2twp(path.read_text(encoding="utf-8"))
        copy = simplified_copy(text)
        assert len(copy) == len(text)
        assert [len(line) for line in copy.split("\n")] == [len(line) for line in text.split("\n")]
    assert simplified_copy("臺北的軟體資料") == "台北的软体资料"


@given(
    st.text(
        alphabet=st.sampled_from("乾隆幹麼干擾後面髮型頭髮發現台臺灣著名麵條了瞭\n 。，ab"),
        max_size=60,
    )
)
def test_the_copy_has_the_length_of_any_text(text: str) -> None:
    copy = simplified_copy(text)
    assert len(copy) == len(text)
    assert copy.count("\n") == text.count("\n")


def test_pieces_of_the_copy_come_back_in_the_original_characters() -> None:
    original = "乾燥的頭髮\n很難\n梳理。他說：\n好。"
    copy = simplified_copy(original)
    # A wrapped line joined again, and a sentence repeated: both found in their own places.
    assert restore(original, copy, ["干燥的头发很难梳理。", "他说：", "好。"]) == [
        "乾燥的頭髮很難梳理。",
        "他說：",
        "好。",
    ]
    assert restore(original, copy, ["不在这里"]) == ["不在这里"]


def test_a_traditional_article_is_shown_in_its_own_characters() -> None:
    from test_align import cedict_glosses

    document = Document("text", None, (Section(TAIWAN_NEWS),))
    article = parse_document(document, glosses=cedict_glosses)
    assert article.title == "人工智慧訓練師成為新職業"
    assert [(s.zh, s.en) for s in article.sentences] == [
        ("人工智慧訓練師成為新職業", "AI trainers become a new profession"),
        (
            "2020年，中國將「人工智慧訓練師」納入職業分類目錄。",
            'In 2020, China added "artificial intelligence trainer" to its occupational classification.',
        ),
        (
            "臺北一家軟體公司的研究員說，資料的品質決定了模型的表現。",
            "A researcher at a software company in Taipei said the quality of data decides how a model performs.",
        ),
    ]
    assert all(p.zh in TAIWAN_NEWS for p in article.paragraphs)


@pytest.fixture(scope="module")
def dictionary() -> Dictionary:
    return Dictionary.open()


def test_terms_are_looked_up_simplified_and_shown_as_the_article_writes_them(
    dictionary: Dictionary,
) -> None:
    article = parse_document(load("taiwan.txt", TAIWAN_NEWS.encode()), glosses=dictionary.glosses)
    written = [s.zh for s in article.sentences]
    simple = [
        type(s)(zh=zh, en=s.en, score=s.score, paragraph=s.paragraph)
        for s, zh in zip(article.sentences, simplified_lines(written), strict=True)
    ]
    terms = {t.simplified: t for t in restore_terms(extract_terms(simple, dictionary), written)}
    software = terms["软体"]
    assert software.traditional == "軟體"
    assert software.in_dictionary and "software" in " ".join(software.definitions)
    assert software.examples[0].zh == written[2]
    assert terms["资料"].traditional == "資料"
    # Taiwan writes 臺; the article's own form is shown, not the dictionary's.
    assert terms["台北"].traditional == "臺北"


def test_the_other_script_is_shown_on_request() -> None:
    assert to_script("臺北的軟體", "simplified") == "台北的软体"
    assert to_script("数据质量", "traditional") == "數據質量"


def test_news_in_traditional_characters_keeps_the_context_accuracy() -> None:
    def render(stem: str, pairs: list[tuple[str, str]]) -> Document:
        text = "\n".join(line for zh, en in pairs for line in (zh, en))
        return load(f"{stem}.txt", text.encode())

    accuracy, lost = rendered_accuracy(render, convert=s2twp)
    print(
        f"context accuracy, news in traditional (s2twp): {accuracy:.4f} (plain text {plain_accuracy():.4f})"
    )
    assert lost == []
    assert accuracy >= plain_accuracy()


def test_lists_show_terms_and_sentences_in_the_script_asked_for() -> None:
    from vocab.text.script import headword, records_in_script

    assert headword("银行", "銀行", "simplified") == "银行"
    assert headword("银行", "銀行", "traditional") == "銀行"
    assert headword("银行", "銀行", "both") == "银行 / 銀行"
    assert headword("人", "人", "both") == "人"
    record = {
        "simplified": "软体",
        "traditional": "軟體",
        "examples": [{"zh": "臺北的軟體公司", "en": None}],
    }
    (simple,) = records_in_script([record], "simplified")
    assert simple["examples"][0]["zh"] == "台北的软体公司"
    assert simple["traditional"] == "軟體"
    assert records_in_script([record], "both") == [record]
    assert record["examples"][0]["zh"] == "臺北的軟體公司"  # the caller's record is left alone
