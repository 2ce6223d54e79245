"""E-books: chapters as sections, Chinese-only or bilingual."""

from __future__ import annotations

import html
import io
import zipfile
from pathlib import Path

import pytest
from ebooklib import epub
from format_accuracy import plain_accuracy, rendered_accuracy
from test_align import cedict_glosses

from vocab.errors import InputError
from vocab.text.document import parse_document
from vocab.text.formats import Document, detect_format, load


def book(title: str, chapters: list[tuple[str, str]], tmp: Path) -> bytes:
    """An EPUB as e-book tools write it: metadata, a table of contents, a cover page, chapters."""
    made = epub.EpubBook()
    made.set_identifier("vocab-test")
    made.set_title(title)
    made.set_language("zh")
    cover = epub.EpubHtml(title="封面", file_name="cover.xhtml", lang="zh")
    cover.content = '<html><body><div><img src="cover.jpg" alt=""/></div></body></html>'
    made.add_item(cover)
    items = []
    for number, (heading, body) in enumerate(chapters, 1):
        item = epub.EpubHtml(title=heading, file_name=f"chapter{number}.xhtml", lang="zh")
        item.content = f"<html><body><h2>{html.escape(heading)}</h2>\n{body}</body></html>"
        made.add_item(item)
        items.append(item)
    made.toc = items
    made.add_item(epub.EpubNcx())
    made.add_item(epub.EpubNav())
    made.spine = ["nav", cover, *items]
    path = tmp / "book.epub"
    epub.write_epub(str(path), made)
    return path.read_bytes()


NOVEL = [
    (
        "第一回　甄士隐梦幻识通灵",
        "<p>此开卷第一回也。作者自云：曾历过一番梦幻之后，故将真事隐去。</p>\n"
        "<p>列位看官：你道此书从何而来？<ruby>说<rt>shuō</rt></ruby>起根由虽近荒唐，"
        '细按则深有趣味。</p>\n<div class="poem"><p>满纸荒唐言，</p><p>一把辛酸泪！</p></div>',
    ),
    ("第二回　贾夫人仙逝扬州城", "<p>却说封肃因听见公差传唤，忙出来陪笑启问。</p>"),
]


def test_a_chinese_novel_gives_one_section_per_chapter(tmp_path: Path) -> None:
    data = book("红楼梦", NOVEL, tmp_path)
    assert detect_format("book.zip", data) == "epub"
    document = load("hongloumeng.epub", data)
    assert document.title == "红楼梦"
    assert [section.text.split("\n") for section in document.sections] == [
        [
            "第一回　甄士隐梦幻识通灵",
            "此开卷第一回也。作者自云：曾历过一番梦幻之后，故将真事隐去。",
            "列位看官：你道此书从何而来？说起根由虽近荒唐，细按则深有趣味。",
            "满纸荒唐言，",
            "一把辛酸泪！",
        ],
        ["第二回　贾夫人仙逝扬州城", "却说封肃因听见公差传唤，忙出来陪笑启问。"],
    ]
    article = parse_document(document)
    assert article.title == "红楼梦"
    assert article.layout == "zh-only"
    assert article.sentences[-1].zh == "却说封肃因听见公差传唤，忙出来陪笑启问。"
    assert article.sentences[-1].paragraph == len(article.paragraphs) - 1


def test_each_chapter_finds_its_own_layout(tmp_path: Path) -> None:
    blocks = (
        "<p>2020年,中国新增了72个新职业。</p><p>上海有一万六千多人参加考核。</p>"
        "<p>In 2020, China added 72 new professions.</p>"
        "<p>In Shanghai, 16,000 people took the evaluation.</p>"
    )
    alternating = (
        "<p>专家预测，每个新职业可以带动三十万人就业。</p>"
        "<p>Experts estimate that each new profession can create jobs for 300,000 people.</p>"
        "<p>人工智能是执行者，不是创造者。</p><p>AI is the executor, not the creator.</p>"
    )
    document = load(
        "b.epub",
        book("双语", [("第一章 Chapter 1", blocks), ("第二章 Chapter 2", alternating)], tmp_path),
    )
    article = parse_document(document, glosses=cedict_glosses)
    english = {s.zh: s.en for s in article.sentences}
    assert (
        english["上海有一万六千多人参加考核。"] == "In Shanghai, 16,000 people took the evaluation."
    )
    assert english["人工智能是执行者，不是创造者。"] == "AI is the executor, not the creator."


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b"PK\x03\x04\x14\x00\x00\x00\x00\x00mimetypeapplication/epub+zipgarbage",
            "not an EPUB book",
        ),
        (b"", "is empty"),
    ],
)
def test_bad_books_give_one_clear_line(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message) as error:
        load("bad.epub", data)
    assert "\n" not in str(error.value)


def test_a_zip_that_is_no_book_gives_one_clear_line() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "你好")
    with pytest.raises(InputError, match="not an EPUB book"):
        load("notes.epub", buffer.getvalue())


def test_an_english_book_has_no_chinese(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="has no Chinese text"):
        load("en.epub", book("English", [("One", "<p>Only English here.</p>")], tmp_path))


def test_news_as_a_bilingual_epub_keeps_the_context_accuracy(tmp_path: Path) -> None:
    def render(stem: str, pairs: list[tuple[str, str]]) -> Document:
        (title_zh, title_en), *rest = pairs
        body = f"<p>{html.escape(title_en)}</p>" + "".join(
            f"<p>{html.escape(zh)}</p><p>{html.escape(en)}</p>" for zh, en in rest
        )
        return load(f"{stem}.epub", book(stem, [(title_zh, body)], tmp_path))

    accuracy, lost = rendered_accuracy(render)
    print(f"context accuracy, news as EPUB: {accuracy:.4f} (plain text {plain_accuracy():.4f})")
    assert lost == []
    assert accuracy >= plain_accuracy()
