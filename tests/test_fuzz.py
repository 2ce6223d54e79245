"""Fuzzing the reader, the layout and the aligner with hypothesis: whatever the bytes or text,
they end in a result or one InputError line, never another exception, and lose no Chinese.

1,000 examples each in CI (the "fuzz" profile); HYPOTHESIS_FUZZ_EXAMPLES=100000 digs deeper.
Examples stay small, so each costs well under a millisecond or two.
"""

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vocab.errors import InputError
from vocab.text import LAYOUTS, Layout, parse_article
from vocab.text.align import align
from vocab.text.layout import block_groups, detect_layout, pair_paragraphs, split_paragraphs
from vocab.text.reader import read_text, strip_markdown
from vocab.text.sentences import is_han, split_chinese, split_english_units

settings.register_profile(
    "fuzz",
    max_examples=int(os.environ.get("HYPOTHESIS_FUZZ_EXAMPLES", "1000")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=True,  # the same examples every CI run: a failure here is never a fluke
)
FUZZ = settings.get_profile("fuzz")

# Pieces of hostile articles: scripts, marks and controls that trip up text handling.
_hostile = st.sampled_from(
    [
        *"中文人工智能数据的了“”「」（）。！？；…，、:,.!?;\"' \n\n\t\r",
        "\u200b",
        "\u200d",
        "\ufeff",
        "\u00ad",
        "\u202e",
        "\u2028",
        "\u2029",
        "\u0085",
        "\x00",
        "\x0b",
        "\x0c",
        "\u3000",
        "\u00a0",
        "😀",
        "👩‍💻",
        "🇨🇳",
        "مرحبا",
        "שלום",
        "a\u0304",
        "ＡＩ",
        "𠀀",
        "\ue000",
        "<script>",
        "{{c1::",
        "}}",
        "');--",
        "U.S.",
        "3.5",
        "1.63万",
        "2020年",
        "Hello world.",
        'He said: "No."',
        "\r\n",
        "# ",
        "```",
        "> ",
        "* ",
        "[a](b)",
    ]
)
_hostile_text = st.lists(_hostile, max_size=60).map("".join)
_text = st.one_of(_hostile_text, st.text(max_size=120))
_encodings = st.sampled_from(["utf-8", "utf-16", "utf-32", "gb18030", "big5", "utf-8-sig"])


@FUZZ
@given(st.binary(max_size=400))
def test_reader_on_any_bytes(data: bytes) -> None:
    try:
        text = read_text(data)
    except InputError as error:
        assert "\n" not in str(error) and str(error)
        return
    assert any(is_han(ch) for ch in text)
    assert "\r" not in text


@FUZZ
@given(_hostile_text, _encodings)
def test_reader_on_encoded_text_keeps_its_chinese(text: str, encoding: str) -> None:
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        return  # not representable in this encoding: nothing to read back
    try:
        read = read_text(data)
    except InputError as error:
        assert "\n" not in str(error)
        return
    if encoding.startswith(("utf-16", "utf-32", "utf-8-sig")) or encoding == "utf-8":
        # Unicode encodings come back exactly: the same Chinese characters, in order.
        assert [c for c in read if is_han(c)] == [c for c in text if is_han(c)] or ("\x00" in text)
    strip_markdown(read)


@FUZZ
@given(_text, st.sampled_from([None, *LAYOUTS]))
def test_layout_on_any_text(text: str, layout: Layout | None) -> None:
    paragraphs = split_paragraphs(text)
    assert all(p.text.strip() for p in paragraphs)
    chosen = layout or detect_layout(paragraphs)
    assert chosen in LAYOUTS
    groups = pair_paragraphs(paragraphs) if chosen == "alternating" else block_groups(paragraphs)
    zh_in = [p.text for p in paragraphs if p.language == "zh"]
    assert [zh for group in groups for zh in group.zh] == zh_in
    article = parse_article(text, layout=layout)
    han_in = [ch for ch in text if is_han(ch)]
    assert [ch for s in article.sentences for ch in s.zh if is_han(ch)] == han_in


_sentences = st.lists(st.lists(_hostile, max_size=25).map("".join).filter(str.strip), max_size=4)


@FUZZ
@given(_sentences, _sentences)
def test_aligner_on_any_sentences(chinese: list[str], english: list[str]) -> None:
    zh = [s for paragraph in chinese for s in split_chinese(paragraph)]
    units = [u for paragraph in english for u in split_english_units(paragraph)]
    aligned = align(
        zh, units, lambda word: ["artificial intelligence"] if word == "人工智能" else []
    )
    assert [a.zh for a in aligned] == zh
    for found in aligned:
        assert 0.0 <= found.score <= 1.0
        if found.en is None:
            assert found.score == 0.0
