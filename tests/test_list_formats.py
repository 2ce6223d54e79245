"""`vocab list` on the new formats: folders with web pages and subtitles, two subtitle files
of one film as one article, and `--script` choosing how md and html show each term."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from test_format_subtitles import srt

from vocab.cli import cli

ZH = [(1.0, 4.0, "我们明天早上出发去银行。"), (5.0, 7.0, "你带地图了吗？")]
EN = [(1.1, 4.0, "We leave for the bank tomorrow morning."), (5.2, 7.0, "Did you bring the map?")]
PAGE = (
    "<html><head><title>银行新闻</title></head><body><article>"
    "<p>今天银行的工作人员讨论了人工智能带来的新工作。</p>"
    "<p>很多年轻人希望成为数据标注员。</p></article></body></html>"
)


def vocab(tmp_path: Path, *args: str) -> str:
    db = str(tmp_path / "none.db")
    result = CliRunner().invoke(cli, ["--db", db, *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_two_subtitle_files_named_together_list_as_one_article(tmp_path: Path) -> None:
    (tmp_path / "film.zh.srt").write_bytes(srt(ZH))
    (tmp_path / "film.en.srt").write_bytes(srt(EN))
    files = [str(tmp_path / "film.en.srt"), str(tmp_path / "film.zh.srt")]
    records = json.loads(vocab(tmp_path, "list", *files, "--format", "json"))
    by_term = {r["simplified"]: r for r in records}
    (example,) = by_term["地图"]["examples"]
    assert example == {
        "zh": "你带地图了吗？",
        "en": "Did you bring the map?",
        "en_match": "map",
        "article": "film",
    }
    assert {e["article"] for r in records for e in r["examples"]} == {"film"}


def test_a_folder_lists_its_web_pages_and_subtitle_pairs(tmp_path: Path) -> None:
    folder = tmp_path / "lessons"
    folder.mkdir()
    (folder / "film.zh.srt").write_bytes(srt(ZH))
    (folder / "film.en.srt").write_bytes(srt(EN))
    (folder / "news.html").write_text(PAGE, encoding="utf-8")
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")
    records = json.loads(vocab(tmp_path, "list", str(folder), "--format", "json"))
    articles = {e["article"] for r in records for e in r["examples"]}
    assert articles == {"film", "news"}
    by_term = {r["simplified"]: r for r in records}
    assert by_term["地图"]["examples"][0]["en"] == "Did you bring the map?"
    assert by_term["人工智能"]["examples"][0]["article"] == "news"


def test_script_chooses_the_term_column_of_md_and_html(tmp_path: Path) -> None:
    article = tmp_path / "bank.txt"
    article.write_text("我们明天早上出发去银行。银行的工作人员很忙。\n", encoding="utf-8")

    def term_cells(*options: str) -> set[str]:
        md = vocab(tmp_path, "list", str(article), "--format", "md", *options)
        return {line.split(" | ")[0].lstrip("| ") for line in md.splitlines()[2:]}

    assert "银行" in term_cells()
    assert "銀行" in term_cells("--script", "traditional")
    assert "銀行" not in term_cells("--script", "simplified")
    assert "银行 / 銀行" in term_cells("--script", "both")
    page = vocab(tmp_path, "list", str(article), "--format", "html", "--script", "traditional")
    assert '<td class="term">銀行</td>' in page


def test_a_traditional_article_shows_its_own_characters_by_default(tmp_path: Path) -> None:
    article = tmp_path / "bank.txt"
    article.write_text("我們明天早上出發去銀行。銀行的工作人員很忙。\n", encoding="utf-8")
    md = vocab(tmp_path, "list", str(article), "--format", "md")
    assert "| 銀行 |" in md
    assert "| 银行 / 銀行 |" in vocab(
        tmp_path, "list", str(article), "--format", "md", "--script", "both"
    )
