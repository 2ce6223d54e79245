"""Markdown: headings and lists read as text, code left out."""

from __future__ import annotations

import pytest
from format_accuracy import plain_accuracy, rendered_accuracy

from vocab.errors import InputError
from vocab.text.document import parse_document
from vocab.text.formats import Document, load

NOTES = """---
title: 学习笔记
tags: [中文, 阅读]
---

# 人工智能与**新职业**

> 2020年，中国将人工智能训练师这一岗位
> 纳入职业分类目录。

## 要点

- 上海有[一万六千多人](https://example.com/a "来源")参加了考核；
- 近 1.1 万人获得证书：
  1. 数据标注
  2. *模型* 调优

这是一段被硬换行分开的中文段落，因为编辑器每行只放
二十多个字，而它其实是一个段落。
This English line, which an editor
wrapped, is one paragraph too.

```python
# 代码块里的中文不是文章
print("你好，世界")
```

    缩进的代码也不是。

行内代码 `rjieba.cut` 保留文字，<span>内嵌 HTML</span>，图片 ![封面图](cover.png) 去掉。

| 词语 | 拼音 |
|------|------|
| 银行 | yín háng |
"""


def test_headings_lists_and_quotes_become_lines_and_code_goes() -> None:
    document = load("notes.md", NOTES.encode())
    assert document.format == "markdown"
    assert document.title == "人工智能与新职业"
    assert document.text.split("\n\n") == [
        "人工智能与新职业",
        "2020年，中国将人工智能训练师这一岗位\n纳入职业分类目录。",
        "要点",
        "上海有一万六千多人参加了考核；",
        "近 1.1 万人获得证书：",
        "数据标注",
        "模型 调优",
        "这是一段被硬换行分开的中文段落，因为编辑器每行只放\n二十多个字，而它其实是一个段落。"
        "\nThis English line, which an editor\nwrapped, is one paragraph too.",
        "行内代码 rjieba.cut 保留文字，内嵌 HTML，图片 去掉。",
        "词语",
        "拼音",
        "银行",
        "yín háng",
    ]


def test_hard_wrapped_lines_are_joined_into_their_paragraphs() -> None:
    article = parse_document(load("notes.md", NOTES.encode()))
    assert "这是一段被硬换行分开的中文段落，因为编辑器每行只放二十多个字，而它其实是一个段落。" in [
        p.zh for p in article.paragraphs
    ]
    assert "2020年，中国将人工智能训练师这一岗位纳入职业分类目录。" in [
        s.zh for s in article.sentences
    ]


def test_crlf_and_a_bom_read_the_same() -> None:
    crlf = b"\xef\xbb\xbf" + NOTES.replace("\n", "\r\n").encode()
    assert load("notes.md", crlf).text == load("notes.md", NOTES.encode()).text


def test_the_first_heading_is_the_title_of_the_article() -> None:
    article = parse_document(load("notes.md", NOTES.encode()))
    assert article.title == "人工智能与新职业"
    assert not any("代码块" in s.zh or "你好，世界" in s.zh for s in article.sentences)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            "```\n只有代码里有中文\n```\nPlain English.\n".encode(),
            "no Chinese text outside its Markdown code",
        ),
        (b"  \n", "is empty"),
        (b"\x00\x01\x02\x03" * 50, "binary"),
    ],
)
def test_bad_markdown_gives_one_clear_line(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message) as error:
        load("bad.md", data)
    assert "\n" not in str(error.value)


def test_news_as_markdown_keeps_the_context_accuracy() -> None:
    def render(stem: str, pairs: list[tuple[str, str]]) -> Document:
        (title_zh, title_en), *rest = pairs
        lines = [f"# {title_zh}", "", f"*{title_en}*", ""]
        for zh, en in rest:
            lines += [zh, "", en, ""]
        return load(f"{stem}.md", "\n".join(lines).encode())

    accuracy, lost = rendered_accuracy(render)
    print(f"context accuracy, news as Markdown: {accuracy:.4f} (plain text {plain_accuracy():.4f})")
    assert lost == []
    assert accuracy >= plain_accuracy()
