"""Properties of reading and parsing on arbitrary text: no crash but InputError, nothing lost."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vocab.errors import InputError
from vocab.text import LAYOUTS, Layout, parse_article
from vocab.text.reader import read_text
from vocab.text.sentences import is_han

# Text that looks like articles: Chinese, English, digits, the punctuation the splitters use.
_pieces = st.sampled_from(
    [
        *"中文句子人工智能上海数据的了是“”「」『』（）。！？；…，、:,.!?;\"' \n\n\t",
        "AI",
        "U.S.",
        "3.5",
        "1.63万",
        "Hello world.",
        'He said: "No."',
        "a.m.",
        "\r\n",
        "\u3000",
    ]
)
_articles = st.lists(_pieces, max_size=80).map("".join)
_any_text = st.one_of(_articles, st.text(max_size=200))
_layouts = st.sampled_from([None, *LAYOUTS])

_settings = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_settings
@given(st.binary(max_size=300))
def test_read_text_raises_only_input_error(data: bytes) -> None:
    try:
        text = read_text(data)
    except InputError as error:
        assert "\n" not in str(error)
    else:
        assert any(is_han(ch) for ch in text)
        assert "\r" not in text


@_settings
@given(_any_text, _layouts)
def test_every_han_character_lands_in_exactly_one_sentence(
    text: str, layout: Layout | None
) -> None:
    article = parse_article(text, layout=layout)
    han_in = [ch for ch in text if is_han(ch)]
    han_out = [ch for s in article.sentences for ch in s.zh if is_han(ch)]
    assert han_out == han_in
    for sentence in article.sentences:
        assert sentence.zh == sentence.zh.strip() and sentence.zh
        assert 0.0 <= sentence.score <= 1.0
        if sentence.en is None:
            assert sentence.score == 0.0
        assert 0 <= sentence.paragraph < len(article.paragraphs)


@_settings
@given(_articles)
def test_paragraph_sentences_give_the_paragraph_back(text: str) -> None:
    article = parse_article(text)
    for index, paragraph in enumerate(article.paragraphs):
        joined = "".join(s.zh for s in article.sentences if s.paragraph == index)
        assert "".join(joined.split()) == "".join(paragraph.zh.split())
