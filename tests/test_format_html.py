"""Web pages: the main text with its paragraphs, its title, no navigation or ads."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from format_accuracy import news_pairs, plain_accuracy, rendered_accuracy
from test_align import cedict_glosses
from test_layout import CYCLING

from vocab.errors import InputError
from vocab.text.document import parse_document
from vocab.text.formats import Document, detect_format, load
from vocab.text.formats.html import read_html

SEED = Path(__file__).parent.parent / "decks" / "ai-new-jobs.txt"


def page(title: str, paragraphs: list[str], *, lang: str = "zh-CN") -> str:
    """A news page as sites save it: head, navigation, an ad, the article, related links, footer."""
    body = "\n".join(paragraphs)
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head><meta charset="utf-8"><title>{html.escape(title)} - 双语新闻网</title>
<script>window.dataLayer = [];</script><style>p {{ margin: 0 }}</style></head>
<body>
<header><nav class="menu"><ul><li><a href="/">首页</a></li><li><a href="/world">国际新闻</a></li>
<li><a href="/en">English</a></li><li><a href="/login">登录注册</a></li></ul></nav></header>
<div class="ad-banner" id="ad"><a href="https://ads.example.com">限时优惠：订阅双语会员，立享五折！</a></div>
<main><article>
<h1>{html.escape(title)}</h1>
{body}
</article>
<aside class="related"><h3>相关阅读</h3><ul><li><a href="/a">更多人工智能新闻</a></li>
<li><a href="/b">经济观察：市场回暖</a></li></ul></aside></main>
<footer><p>版权所有 © 2026 双语新闻网 保留所有权利</p><p>京ICP备12345678号</p></footer>
</body></html>"""


def news_page(pairs: list[tuple[str, str]]) -> str:
    """A bilingual news page: each Chinese paragraph with its English beside it, entities escaped,
    some words in nested inline markup."""
    (title_zh, title_en), *rest = pairs
    paragraphs = [f'<p class="en"><em>{html.escape(title_en)}</em></p>']
    for zh, en in rest:
        head, tail = zh[:2], zh[2:]
        paragraphs.append(
            f'<p class="zh"><span><strong>{html.escape(head)}</strong>{html.escape(tail)}</span></p>'
        )
        paragraphs.append(f'<p class="en">{html.escape(en)}</p>')
    return page(title_zh, paragraphs)


def test_the_seed_article_as_a_page_keeps_its_paragraphs_and_pairs() -> None:
    lines = [line for line in SEED.read_text(encoding="utf-8").split("\n") if line.strip()]
    paragraphs = [f"<p>{html.escape(line)}</p>" for line in lines[1:]]
    document = load("seed.html", page(lines[0], paragraphs).encode())
    assert document.format == "html"
    assert document.title == lines[0]
    assert document.text.split("\n") == lines
    article = parse_document(document, glosses=cedict_glosses)
    assert article.title == lines[0]
    first = next(s for s in article.sentences if s.zh.startswith("2020年,中国将"))
    assert first.en is not None and first.en.startswith("In 2020, China formally added")


def test_navigation_ads_and_footer_are_dropped() -> None:
    document = load(
        "page.html", page("人工智能改变就业", ["<p>人工智能正在改变就业市场。</p>"]).encode()
    )
    text = document.text
    assert "人工智能正在改变就业市场。" in text
    for boilerplate in (
        "首页",
        "国际新闻",
        "限时优惠",
        "相关阅读",
        "版权所有",
        "京ICP备",
        "dataLayer",
    ):
        assert boilerplate not in text


def test_entities_and_nested_markup_become_plain_text() -> None:
    paragraphs = [
        "<p>他说：&ldquo;<b>数据<i>质量</i></b>决定一切&rdquo;&nbsp;&amp;&nbsp;更多。</p>",
        "<p>He said: &ldquo;Data <b>quality</b> decides everything&rdquo; &amp; more.</p>",
    ]
    document = load("q.htm", page("数据与质量", paragraphs).encode())
    assert "他说：“数据质量决定一切” & 更多。" in document.text.split("\n")
    assert "He said: “Data quality decides everything” & more." in document.text.split("\n")


def test_a_page_with_a_bom_crlf_or_gb18030_is_read() -> None:
    source = page("上海培训师", ["<p>上海有一万多人参加了考核。</p>"]).replace("\n", "\r\n")
    for data in (
        b"\xef\xbb\xbf" + source.encode(),
        source.replace("utf-8", "gb18030").encode("gb18030"),
    ):
        assert "上海有一万多人参加了考核。" in read_html(data, "page.html").text


def test_content_names_the_format_not_the_extension() -> None:
    data = page("标题", ["<p>正文内容在这里。</p>"]).encode()
    assert detect_format("saved-page.txt", data) == "html"
    assert detect_format("notes.txt", "这不是网页。".encode()) == "text"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            page(
                "Only English", ["<p>Nothing here is Chinese at all, only English.</p>"], lang="en"
            ).encode(),
            "no Chinese text in its main text",
        ),
        (
            b"<!DOCTYPE html><html><head><title>x</title></head><body></body></html>",
            "no article text",
        ),
    ],
)
def test_bad_pages_give_one_clear_line(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message) as error:
        load("bad.html", data)
    assert "\n" not in str(error.value)


def render(stem: str, pairs: list[tuple[str, str]]) -> Document:
    return load(f"{stem}.html", news_page(pairs).encode())


def test_news_as_web_pages_keeps_the_context_accuracy() -> None:
    accuracy, lost = rendered_accuracy(render)
    print(
        f"context accuracy, news as HTML pages: {accuracy:.4f} (plain text {plain_accuracy():.4f})"
    )
    assert lost == []
    assert accuracy >= plain_accuracy()


def test_news_pairs_of_a_rendered_page_come_back_in_order() -> None:
    text = (Path(__file__).parent / "data" / "news" / "bbc.381780.txt").read_text(encoding="utf-8")
    pairs = news_pairs(text)
    document = render("bbc", pairs)
    lines = document.text.split("\n")
    assert lines[0] == pairs[0][0]
    assert lines[1:] == [pairs[0][1]] + [line for zh, en in pairs[1:] for line in (zh, en)]


def test_a_table_setting_each_chinese_paragraph_beside_its_english_keeps_the_pairs() -> None:
    rows = [
        ("2020年,中国新增了72个新职业。", "In 2020, China added 72 new professions."),
        ("上海有一万六千多人参加考核。", "In Shanghai, 16,000 people took the evaluation."),
    ]
    table = (
        "<table>" + "".join(f"<tr><td>{zh}</td><td>{en}</td></tr>" for zh, en in rows) + "</table>"
    )
    code = "<pre><code>print('代码不是文章')</code></pre>"
    article = parse_document(
        load("t.html", page("双语对照", [table, code]).encode()), glosses=cedict_glosses
    )
    assert [(s.zh, s.en) for s in article.sentences][1:] == rows
    assert not any("代码" in s.zh for s in article.sentences)


def test_a_heading_in_both_languages_keeps_every_pair_of_the_page() -> None:
    # The page of test_layout's text: a heading in both languages, then English/Chinese pairs.
    heading, *paragraph_texts = CYCLING
    paragraphs = [f"<p>{html.escape(text)}</p>" for text in paragraph_texts]
    article = parse_document(load("cycling.html", page(heading, paragraphs).encode()))
    english_of = {s.zh: s.en for s in article.sentences}
    assert english_of["城市骑行热"] == "Cycling craze in cities"
    assert english_of["越来越多的北京年轻人选择骑自行车上下班。"] == (
        "More young people in Beijing now cycle to work."
    )
    assert english_of["专家表示，骑行既有益健康，又有利于环境。"] == (
        "Experts say cycling is good for both health and the environment."
    )
    assert english_of["用户几秒钟就能用手机解锁一辆单车。"] == (
        "Users unlock a bike with their phones in seconds."
    )
