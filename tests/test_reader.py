"""Reading an article: encodings, line endings, NFC, Markdown, and every kind of bad input."""

from __future__ import annotations

import io
import os
import sys
import unicodedata
from pathlib import Path

import opencc
import pytest

from vocab.errors import InputError
from vocab.text.reader import read_source, read_text, strip_markdown

SEED = Path(__file__).parent.parent / "decks" / "ai-new-jobs.txt"


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "gb18030", "gbk"])
def test_decodes_the_seed_in_every_encoding(seed_text: str, encoding: str) -> None:
    if encoding == "gbk":
        # GBK has no "—" (U+2014 is there, but not every character of the seed); keep to Han.
        text = "".join(line + "\n" for line in seed_text.splitlines()[2::2])
    else:
        text = seed_text
    assert read_text(text.encode(encoding)) == text


def test_decodes_big5_traditional_chinese(seed_text: str) -> None:
    chinese = "\n".join(seed_text.splitlines()[2:12:2])
    traditional = opencc.OpenCC("s2t").convert(chinese)
    data = traditional.encode("big5", errors="ignore")
    assert read_text(data) == data.decode("big5")


def test_line_endings_and_nfc_are_normalised() -> None:
    decomposed = "中文\r\ncafe\u0301\rend 字"
    text = read_text(decomposed.encode("utf-8"))
    assert text == unicodedata.normalize("NFC", "中文\ncafe\u0301\nend 字")
    assert "\r" not in text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "is empty"),
        (b"  \n\t \r\n", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        (b"Only English here, nothing else.", "no Chinese"),
        (bytes(range(0x80, 0x100)) * 4, "encoding"),
    ],
)
def test_bad_input_is_refused_with_one_clear_line(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message) as raised:
        read_text(data, name="article.txt")
    assert "\n" not in str(raised.value)
    assert "article.txt" in str(raised.value)


def test_read_source_file_and_name(tmp_path: Path, seed_text: str) -> None:
    path = tmp_path / "news.txt"
    path.write_bytes(seed_text.encode("gb18030"))
    assert read_source(str(path)) == (seed_text, "news.txt")


def test_read_source_stdin(monkeypatch: pytest.MonkeyPatch, seed_text: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(seed_text.encode("utf-16"))))
    assert read_source("-") == (seed_text, "stdin")


def test_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    with pytest.raises(InputError, match=f"cannot read {missing}: no such file"):
        read_source(str(missing))


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a directory"):
        read_source(str(tmp_path))


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("中文", encoding="utf-8")
    path.chmod(0)
    with pytest.raises(InputError, match="permission denied"):
        read_source(str(path))


def test_markdown_keeps_only_the_text(tmp_path: Path) -> None:
    markdown = (
        "# AI打开就业新通道 #\n\n"
        "**上海**——在*临港*新片区,[陆国宗](https://example.com/lu)独自面对电脑。\n\n"
        "![照片](photo.jpg)\n"
        "```python\nprint('代码不是文章')\n```\n"
        "> 引用的话。\n"
        "- 列表中的 `AI` 一项\n"
        "file_name_here 不变\n"
        "[1]: https://example.com\n"
    )
    path = tmp_path / "article.md"
    path.write_text(markdown, encoding="utf-8")
    text, name = read_source(str(path))
    assert name == "article.md"
    lines = [line for line in text.splitlines() if line.strip()]
    assert lines == [
        "AI打开就业新通道",
        "上海——在临港新片区,陆国宗独自面对电脑。",
        "引用的话。",
        "列表中的 AI 一项",
        "file_name_here 不变",
    ]


def test_markdown_with_chinese_only_in_code_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "code.md"
    path.write_text("Some code:\n\n```\n中文\n```\n", encoding="utf-8")
    with pytest.raises(InputError, match="no Chinese"):
        read_source(str(path))


def test_plain_text_is_not_treated_as_markdown(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text("# 不是标题\n*星号*留着\n", encoding="utf-8")
    assert read_source(str(path))[0] == "# 不是标题\n*星号*留着\n"
    assert strip_markdown("# 是标题\n*星号*去掉\n") == "是标题\n星号去掉\n"
