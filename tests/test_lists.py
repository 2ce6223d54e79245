"""Teachers' term lists: the printable page, worksheets, Excel CSV, folders, known words, ranking."""

import csv
import io
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import NEWS, SEED

from vocab.cli import cli


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def seed_records() -> list[dict]:
    return json.loads(run("list", str(SEED), "--format", "json").output)


class Page(HTMLParser):
    """The page as a reader sees it: tags opened, each table's cells by row, the text of sections."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.sections: list[list[list[str]]] = []  # section -> rows -> cell texts
        self.headers: list[str] = []
        self._cell: list[str] | None = None
        self._header: list[str] | None = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "section":
            self.sections.append([])
        elif tag == "tr" and self.sections:
            self.sections[-1].append([])
        elif tag == "td":
            self._cell = []
        elif tag == "header":
            self._header = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._cell is not None:
            self.sections[-1][-1].append("".join(self._cell))
            self._cell = None
        elif tag == "header" and self._header is not None:
            self.headers.append(" ".join(self._header))
            self._header = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        if self._header is not None:
            self._header.append(data)

    def rows(self, section: int = 0) -> list[list[str]]:
        return [row for row in self.sections[section] if row]


def test_html_is_one_self_contained_printable_page(seed_records: list[dict]) -> None:
    text = run("list", str(SEED), "--format", "html").output
    page = Page(text)
    tags = {tag for tag, _ in page.tags}
    assert not tags & {"script", "link", "img", "iframe", "object"}
    assert "http://" not in text.replace("https://cc-cedict.org/", "")
    assert "@page { size: A4" in text
    assert "AI打开就业新通道" in page.headers[0] and "ai-new-jobs.txt" in page.headers[0]
    rows = page.rows()
    words = [r for r in seed_records if not r["is_name"]]
    assert [row[1] for row in rows] == [r["simplified"] for r in words]
    ai = next(row for row in rows if row[1] == "人工智能")
    assert ai[2] == "rén gōng zhì néng"
    assert "artificial intelligence" in ai[3] and ai[4] == "7-9"
    # The example pair, with the term and its English counterpart marked.
    assert "<mark>人工智能</mark>" in text and "<mark>artificial intelligence</mark>" in text


def test_pinyin_has_tone_colours_unless_no_color() -> None:
    text = run("list", str(SEED), "--format", "html").output
    page = Page(text)
    spans = [a.get("class") for tag, a in page.tags if tag == "span"]
    assert spans and set(spans) <= {"t1", "t2", "t3", "t4", "t5"}
    # 人工智能 ren2 gong1 zhi4 neng2: orange, red, blue, orange.
    assert (
        '<span class="t2">rén</span> <span class="t1">gōng</span> '
        '<span class="t4">zhì</span> <span class="t2">néng</span>'
    ) in text
    plain = run("list", str(SEED), "--format", "html", "--no-color").output
    assert "<span" not in plain and "rén gōng zhì néng" in plain


def test_html_escapes_every_field(tmp_path: Path) -> None:
    article = tmp_path / "hostile<b>.txt"
    article.write_text(
        'The <script>alert(1)</script> bank & "friends" said <img src=x onerror=alert(2)>.\n'
        "银行说<script>alert(1)</script>今天的<b>利率</b>不变&。\n",
        encoding="utf-8",
    )
    for extra in ([], ["--worksheet"]):
        text = run("list", str(article), "--format", "html", *extra).output
        page = Page(text)
        assert {tag for tag, _ in page.tags} <= {
            "html", "head", "meta", "title", "style", "body", "section", "header", "h1",
            "p", "table", "thead", "tr", "th", "tbody", "td", "mark", "br", "span", "footer",
        }  # fmt: skip
        cells = " ".join(c for s in page.sections for row in s for c in row)
        assert "<script>alert(1)</script>" in cells  # shown as text, not run
        assert "hostile<b>.txt" in " ".join(page.headers)


def test_worksheet_blanks_pinyin_and_meaning_and_ends_with_the_answers(
    seed_records: list[dict],
) -> None:
    text = run("list", str(SEED), "--format", "html", "--worksheet", "--min-hsk", "5").output
    page = Page(text)
    quiz, answers = page.rows(0), page.rows(1)
    expected = [r for r in seed_records if not r["is_name"] and (r["hsk"] or 8) >= 5]
    assert [row[1] for row in quiz] == [r["simplified"] for r in expected]
    assert all(row[2] == "" and row[3] == "" for row in quiz)
    assert "Answer key" in page.headers[-1]
    assert [(row[0], row[1]) for row in answers] == [(row[0], row[1]) for row in quiz]
    for row, record in zip(answers, expected, strict=True):
        assert row[2] == record["pinyin"] and row[3] == "; ".join(record["definitions"])


def test_several_articles_get_a_page_each_with_per_article_counts(tmp_path: Path) -> None:
    first, second = NEWS / "bbc.381780.txt", NEWS / "reuters.218882.txt"
    text = run("list", str(first), str(second), "--format", "html").output
    page = Page(text)
    assert len(page.sections) == 2 and "section + section { break-before: page" in text
    assert "bbc.381780.txt" in page.headers[0] and "reuters.218882.txt" in page.headers[1]
    terms = [row[1] for s in range(2) for row in page.rows(s)]
    assert len(terms) == len(set(terms))  # each term once, under the first article it is in
    merged = json.loads(run("list", str(first), str(second), "--format", "json").output)
    assert terms == [r["simplified"] for r in merged]

    out = tmp_path / "two.csv"
    run("list", str(first), str(second), "--format", "csv", "-o", str(out))
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    one = {
        (r["simplified"], r["pinyin_numbered"]): r["count"]
        for r in json.loads(run("list", str(first), "--format", "json").output)
    }
    assert len(rows) == len(merged)
    for row in rows:
        per_article = int(row["count:bbc-381780"]), int(row["count:reuters-218882"])
        assert sum(per_article) == int(row["count"])
        assert per_article[0] == one.get((row["simplified"], row["pinyin_numbered"]), 0)


def test_csv_reads_back_and_excel_gets_a_bom(seed_records: list[dict], tmp_path: Path) -> None:
    plain, excel = tmp_path / "plain.csv", tmp_path / "excel.csv"
    run("list", str(SEED), "--format", "csv", "-o", str(plain))
    run("list", str(SEED), "--format", "csv", "--excel", "-o", str(excel))
    assert not plain.read_bytes().startswith(b"\xef\xbb\xbf")
    assert excel.read_bytes() == b"\xef\xbb\xbf" + plain.read_bytes()
    rows = list(csv.DictReader(excel.open(encoding="utf-8-sig", newline="")))
    words = [r for r in seed_records if not r["is_name"]]
    assert [r["simplified"] for r in rows] == [r["simplified"] for r in words]
    assert [int(r["count"]) for r in rows] == [r["count"] for r in words]
    assert [r["definitions"] for r in rows] == ["; ".join(r["definitions"]) for r in words]


def test_a_folder_of_twenty_articles_is_listed_in_one_call(tmp_path: Path) -> None:
    out = tmp_path / "all.csv"
    result = CliRunner().invoke(cli, ["list", str(NEWS), "--format", "csv", "-o", str(out)])
    assert result.exit_code == 0, result.output
    # The licence note in the folder is no article: skipped, and said so.
    assert "skipped" in result.stderr and "LICENSE-NTREX.md" in result.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    slugs = sorted(p.stem.replace(".", "-") for p in NEWS.glob("*.txt"))
    columns = [c for c in rows[0] if c.startswith("count:")]
    assert columns == [f"count:{s}" for s in slugs] and len(columns) == 20
    for row in rows:
        assert sum(int(row[c]) for c in columns) == int(row["count"])
    # Every article contributes terms, and a word used in many articles is merged into one row.
    assert all(any(int(row[c]) for row in rows) for c in columns)
    keys = [(r["simplified"], r["pinyin_numbered"]) for r in rows]
    assert len(keys) == len(set(keys))
    assert max(sum(1 for c in columns if int(row[c])) for row in rows) >= 10


def test_exclude_known_drops_the_known_words(seed_db: Path) -> None:
    args = ["--db", str(seed_db), "list", "ai-new-jobs", "--format", "json"]
    before = [r["simplified"] for r in json.loads(run(*args).output)]
    assert "数据" in before and "算法" in before
    run("--db", str(seed_db), "known", "add", "数据", "算法")
    after = [r["simplified"] for r in json.loads(run(*args, "--exclude-known").output)]
    assert after == [w for w in before if w not in ("数据", "算法")]
    assert [r["simplified"] for r in json.loads(run(*args).output)] == before


def test_top_sort_and_group(seed_records: list[dict]) -> None:
    args = ["list", str(SEED), "--format", "json"]
    top = json.loads(run(*args, "--top", "10", "--sort", "freq").output)
    assert top == json.loads(run(*args, "--limit", "10", "--sort", "freq").output)
    words = [r for r in seed_records if not r["is_name"]]
    by_freq = sorted(words, key=lambda r: -r["zipf"])[:10]
    assert [r["simplified"] for r in top] == [r["simplified"] for r in by_freq]

    grouped = json.loads(run(*args, "--top", "10", "--sort", "freq", "--group", "hsk").output)
    assert sorted(r["simplified"] for r in grouped) == sorted(r["simplified"] for r in top)
    levels = [r["hsk"] or 8 for r in grouped]
    assert levels == sorted(levels)
    assert set(grouped[0]) == set(seed_records[0])  # json keeps DESIGN's keys exactly

    md = run(*args[:2], "--format", "md", "--group", "hsk").output
    headings = [line for line in md.splitlines() if line.startswith("## ")]
    assert headings[:3] == ["## HSK 1", "## HSK 2", "## HSK 3"]
    assert headings[-1] == "## Not in HSK"
    html = Page(run(*args[:2], "--format", "html", "--group", "hsk").output)
    assert len(html.rows()) == len(words)


def test_markdown_escapes_table_breakers(tmp_path: Path) -> None:
    article = tmp_path / "pipes.txt"
    article.write_text("银行说<b>利率</b>|不变。\n", encoding="utf-8")
    md = run("list", str(article), "--format", "md").output
    assert "<b>" not in md and "&lt;b&gt;" in md
    for line in md.splitlines()[2:]:
        assert line.count(" | ") - line.count("\\|") <= 4


@pytest.mark.parametrize(
    "args", [["--worksheet", "--format", "csv"], ["--excel", "--format", "json"]]
)
def test_format_only_options_with_another_format_are_usage_errors(args: list[str]) -> None:
    result = CliRunner().invoke(cli, ["list", str(SEED), *args])
    assert result.exit_code == 2


def test_a_folder_without_articles_is_one_clear_error(tmp_path: Path) -> None:
    (tmp_path / "notes.json").write_text("{}")
    result = CliRunner().invoke(cli, ["list", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr.strip().startswith("vocab: error: ")
    assert "no article files" in result.stderr


def test_tsv_has_tabs_and_reads_back(seed_records: list[dict]) -> None:
    text = run("list", str(SEED), "--format", "tsv").output
    rows = list(csv.DictReader(io.StringIO(text), delimiter="\t"))
    assert len(rows) == sum(1 for r in seed_records if not r["is_name"])


def test_progress_is_reported_per_article(seed_db: Path) -> None:
    from vocab.service.lists import ListOptions, term_list
    from vocab.store import open_db

    seen: list[tuple[int, int]] = []
    terms = term_list(
        [str(NEWS / "bbc.381780.txt"), "ai-new-jobs", str(NEWS / "upi.176249.txt")],
        ListOptions(),
        open_db=lambda: open_db(seed_db),
        progress=lambda done, total: seen.append((done, total)),
    )
    assert seen == [(0, 2), (1, 2), (2, 2)]  # the files; the imported article needs no reading
    assert [a.slug for a in terms.articles] == ["bbc-381780", "ai-new-jobs", "upi-176249"]
    assert terms.articles[1].date == "2026-11-29"
