"""Paragraphs, languages, layouts and the pairing of Chinese and English paragraphs."""

from __future__ import annotations

from pathlib import Path

import pytest

from vocab.text import parse_article
from vocab.text.layout import (
    Paragraph,
    detect_layout,
    language_of,
    pair_paragraphs,
    split_paragraphs,
)

NEWS = Path(__file__).parent / "data" / "news"
SEED = Path(__file__).parent.parent / "decks" / "ai-new-jobs.txt"


def _seed_lines() -> list[str]:
    return SEED.read_text(encoding="utf-8").splitlines()


def test_language_by_han_characters() -> None:
    assert language_of("Det Insp Bob Blemmings 表示，大门遭到损坏。") == "zh"
    assert language_of("AI打开就业新通道") == "zh"
    assert language_of("SHANGHAI — In a film and TV studio") == "en"
    assert language_of("* * * 2020") == "other"


def test_every_line_is_a_paragraph() -> None:
    paragraphs = split_paragraphs(SEED.read_text(encoding="utf-8"))
    assert len(paragraphs) == 27
    assert [p.language for p in paragraphs[:4]] == ["zh", "en", "zh", "en"]


def test_hard_wrapped_lines_are_joined() -> None:
    text = (
        "Lu is among the expanding group of AI content creators, representing\n"
        "many of the new roles taking shape.\n\n"
        "陆正站在不断壮大的AI内容创作者队伍里，众多新岗位\n正由此诞生。\n"
    )
    paragraphs = split_paragraphs(text)
    assert paragraphs == [
        Paragraph(
            "Lu is among the expanding group of AI content creators, representing many of the "
            "new roles taking shape.",
            "en",
        ),
        Paragraph("陆正站在不断壮大的AI内容创作者队伍里，众多新岗位正由此诞生。", "zh"),
    ]


@pytest.mark.parametrize(
    ("languages", "layout"),
    [
        (["zh", "en", "zh", "en", "zh"], "alternating"),
        (["zh", "en", "en", "zh", "en", "zh"], "alternating"),
        (["en", "en", "en", "zh", "zh", "zh"], "blocks"),
        (["zh", "zh", "en", "en"], "blocks"),
        (["zh", "en", "en", "zh", "zh"], "blocks"),
        (["zh", "zh", "other"], "zh-only"),
    ],
)
def test_detect_layout(languages: list[str], layout: str) -> None:
    paragraphs = [Paragraph("x", lang) for lang in languages]  # type: ignore[arg-type]
    assert detect_layout(paragraphs) == layout


def test_seed_title_stays_alone_and_the_rest_pair_in_order() -> None:
    lines = _seed_lines()
    groups = pair_paragraphs(split_paragraphs("\n".join(lines)))
    assert groups[0].zh == [lines[0]] and groups[0].en == []
    assert [(g.en, g.zh) for g in groups[1:]] == [
        ([lines[i]], [lines[i + 1]]) for i in range(1, len(lines), 2)
    ]


@pytest.mark.parametrize("path", sorted(NEWS.glob("*.txt")), ids=lambda p: p.stem)
def test_news_headlines_pair_in_either_order(path: Path) -> None:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    groups = pair_paragraphs(split_paragraphs("\n".join(lines)))
    assert (groups[0].zh, groups[0].en) == ([lines[0]], [lines[1]])
    assert [(g.en, g.zh) for g in groups[1:]] == [
        ([lines[i]], [lines[i + 1]]) for i in range(2, len(lines), 2)
    ]


def test_blocks_layout_aligns_across_the_whole_text() -> None:
    lines = _seed_lines()
    blocks = "\n".join([lines[0], *lines[1::2], *lines[2::2]])
    article = parse_article(blocks)
    alternating = parse_article("\n".join(lines))
    assert article.layout == "blocks"
    assert article.title == lines[0]
    assert [s.zh for s in article.sentences] == [s.zh for s in alternating.sentences]
    same = sum(a.en == b.en for a, b in zip(article.sentences, alternating.sentences, strict=True))
    assert same >= len(article.sentences) - 2


def test_english_first_block_reversed_order() -> None:
    lines = _seed_lines()
    article = parse_article("\n\n".join([*lines[2::2], *lines[1::2]]))
    assert article.layout == "blocks"
    assert article.sentences[0].en is not None
    assert article.sentences[0].en.startswith("SHANGHAI")


def test_zh_only_detected_and_forced() -> None:
    lines = _seed_lines()
    chinese = "\n".join(lines[0::2])
    article = parse_article(chinese)
    assert article.layout == "zh-only"
    assert all(s.en is None and s.score == 0.0 for s in article.sentences)
    forced = parse_article(SEED.read_text(encoding="utf-8"), layout="zh-only")
    assert forced.layout == "zh-only"
    assert all(s.en is None for s in forced.sentences)
    assert [s.zh for s in forced.sentences] == [s.zh for s in article.sentences]


def test_title_falls_back_to_the_first_sentence() -> None:
    text = "这是一篇没有标题的文章,它的第一句话" + "很长" * 20 + "。第二句。"
    article = parse_article(text)
    assert article.title.startswith("这是一篇没有标题的文章")
    assert article.title.endswith("…")
    assert len(article.title) <= 40


def test_news_title_is_the_chinese_headline() -> None:
    path = NEWS / "bbc.381780.txt"
    article = parse_article(path.read_text(encoding="utf-8"))
    assert article.title == "伦敦德里:小轿车撞进房屋，几名男子被捕"
    assert article.sentences[0].en == "Londonderry: Men arrested after house rammed by car"


def test_paragraph_pairs_carry_their_english() -> None:
    article = parse_article(SEED.read_text(encoding="utf-8"))
    lines = _seed_lines()
    assert article.paragraphs[0].en is None
    assert article.paragraphs[1].zh == lines[2]
    assert article.paragraphs[1].en == lines[1]
    assert {s.paragraph for s in article.sentences} == set(range(len(article.paragraphs)))


CYCLING = [
    "城市骑行热 Cycling craze in cities",
    "More young people in Beijing now cycle to work. They say it is faster.",
    "越来越多的北京年轻人选择骑自行车上下班。他们说，骑车更快。",
    "Experts say cycling is good for both health and the environment. "
    "The city will add bike lanes.",
    "专家表示，骑行既有益健康，又有利于环境。该市计划明年修建更多自行车道。",
    "Shared bikes have made cycling easier than ever. "
    "Users unlock a bike with their phones in seconds.",
    "共享单车让骑行变得前所未有地方便。用户几秒钟就能用手机解锁一辆单车。",
]


def test_a_heading_in_both_languages_pairs_with_itself_and_shifts_nothing() -> None:
    article = parse_article("\n\n".join(CYCLING))
    pairs = [(p.zh, p.en) for p in article.paragraphs]
    assert pairs == [
        ("城市骑行热", "Cycling craze in cities"),
        (CYCLING[2], CYCLING[1]),
        (CYCLING[4], CYCLING[3]),
        (CYCLING[6], CYCLING[5]),
    ]
    english_of = {s.zh: s.en for s in article.sentences}
    assert english_of["越来越多的北京年轻人选择骑自行车上下班。"] == (
        "More young people in Beijing now cycle to work."
    )
    assert english_of["用户几秒钟就能用手机解锁一辆单车。"] == (
        "Users unlock a bike with their phones in seconds."
    )


@pytest.mark.parametrize(
    ("line", "parts"),
    [
        ("城市骑行热 Cycling craze in cities", ["城市骑行热", "Cycling craze in cities"]),
        ("Cycling craze in cities 城市骑行热", ["Cycling craze in cities", "城市骑行热"]),
        ("城市骑行热。 Cycling craze in cities.", ["城市骑行热。", "Cycling craze in cities."]),
        (
            "AI打开就业新通道 AI opens a new path to jobs",
            ["AI打开就业新通道", "AI opens a new path to jobs"],
        ),
        # Chinese paragraphs that merely hold Latin words stay whole.
        ("Det Insp Bob Blemmings 表示，大门遭到损坏。", None),
        ("位于 Ballynagard Crescent 的房屋", None),
        ("陆正站在不断壮大的AI内容创作者队伍里", None),
        ("Wayde Sims 枪击案：警方逮捕了 LSU 球员之死的嫌疑人 Dyteon Simpson", None),
        ("他称之为“共享经济”（sharing economy and more）", None),
        ("他在推特上写道：“ This is a great day for America”", None),
        ("人工智能改变了上海、北京、深圳和广州的就业市场 and more", None),
    ],
)
def test_only_a_paragraph_in_two_languages_of_like_weight_is_split(
    line: str, parts: list[str] | None
) -> None:
    expected = [line] if parts is None else parts
    assert [p.text for p in split_paragraphs(line)] == expected


def test_no_news_paragraph_is_split() -> None:
    for path in sorted(NEWS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        assert [p.text for p in split_paragraphs(text)] == lines, path.name
