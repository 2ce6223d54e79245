"""The command line as a user meets it: commands, help, errors, exit status, the database."""

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from conftest import SEED

from vocab.cli import cli


def run(*args: str, input: bytes | str | None = None) -> "click.testing.Result":
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def table_counts(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(db)
    tables = ["articles", "sentences", "terms", "article_terms", "occurrences", "cards"]
    counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
    conn.close()
    return counts


def test_add_prints_a_summary_and_a_second_add_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "vocab.db"
    first = run("--db", str(db), "add", str(SEED))
    assert first.exit_code == 0, first.output
    assert first.output.startswith('added "AI打开就业新通道:双语阅读" as ai-new-jobs: ')
    assert "paragraph pairs" in first.output and "HSK 3.0: 1:" in first.output
    before = table_counts(db)
    assert before["articles"] == 1 and before["terms"] > 200
    second = run("--db", str(db), "add", str(SEED))
    assert second.exit_code == 0
    assert second.output == "ai-new-jobs is already imported (nothing changed)\n"
    assert table_counts(db) == before
    # Asking for another layout does not read the same text again; the learner is told so.
    third = run("--db", str(db), "add", "--layout", "blocks", str(SEED))
    assert third.exit_code == 0
    assert third.output == (
        "ai-new-jobs is already imported, read as alternating"
        " (nothing changed: --layout applies to new articles)\n"
    )
    assert table_counts(db) == before


def test_the_same_text_under_another_name_is_the_same_article(tmp_path: Path) -> None:
    db = tmp_path / "vocab.db"
    copy = tmp_path / "copy of the article.txt"
    copy.write_bytes(SEED.read_bytes().replace(b"\n", b"\r\n"))
    run("--db", str(db), "add", str(SEED))
    result = run("--db", str(db), "add", str(copy))
    assert "already imported" in result.output
    assert table_counts(db)["articles"] == 1


def test_db_comes_from_the_environment_when_not_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "from-env.db"
    monkeypatch.setenv("VOCAB_DB", str(db))
    assert run("add", str(SEED)).exit_code == 0
    assert table_counts(db)["articles"] == 1


def test_articles_lists_slug_title_and_counts(seed_db: Path) -> None:
    result = run("--db", str(seed_db), "articles")
    assert result.exit_code == 0
    header, row = result.output.splitlines()
    assert header.split() == ["slug", "title", "sentences", "terms", "imported", "at"]
    assert row.startswith("ai-new-jobs  AI打开就业新通道:双语阅读")
    assert "2026-11-29 09:00" in row


def test_list_from_a_file_prints_the_json_contract_and_touches_no_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "untouched.db"
    monkeypatch.setenv("VOCAB_DB", str(db))
    result = run("list", str(SEED), "--format", "json")
    assert result.exit_code == 0
    records = json.loads(result.output)
    assert not db.exists()
    keys = [
        "simplified",
        "traditional",
        "pinyin",
        "pinyin_numbered",
        "definitions",
        "hsk",
        "hsk2",
        "zipf",
        "pos",
        "is_name",
        "in_dictionary",
        "count",
        "examples",
    ]
    assert all(list(r) == keys for r in records)
    ai = next(r for r in records if r["simplified"] == "人工智能")
    assert ai["pinyin"] == "rén gōng zhì néng"
    assert ai["pinyin_numbered"] == "ren2 gong1 zhi4 neng2"
    assert ai["hsk"] == 7 and ai["in_dictionary"] is True and ai["is_name"] is False
    assert ai["count"] >= 5
    example = ai["examples"][0]
    assert list(example) == ["zh", "en", "en_match", "article"]
    assert example["article"] == "ai-new-jobs"
    assert "人工智能" in example["zh"]
    assert example["en_match"] is not None and example["en_match"] in example["en"]
    assert not any(r["is_name"] for r in records)  # names only with --names


def test_list_by_slug_gives_the_same_terms_as_the_file(seed_db: Path) -> None:
    from_file = json.loads(run("list", str(SEED), "--format", "json").output)
    from_db = json.loads(
        run("--db", str(seed_db), "list", "ai-new-jobs", "--format", "json").output
    )
    assert [r["simplified"] for r in from_db] == [r["simplified"] for r in from_file]
    assert from_db == from_file


def test_list_filters_sorts_and_limits(seed_db: Path) -> None:
    args = ["--db", str(seed_db), "list", "ai-new-jobs", "--format", "json"]
    hard = json.loads(run(*args, "--min-hsk", "4").output)
    assert hard and all(r["hsk"] is None or r["hsk"] >= 4 for r in hard)
    easy = json.loads(run(*args, "--max-hsk", "2").output)
    assert easy and all(r["hsk"] is not None and r["hsk"] <= 2 for r in easy)
    by_count = json.loads(run(*args, "--sort", "count", "--limit", "5").output)
    assert len(by_count) == 5
    assert [r["count"] for r in by_count] == sorted((r["count"] for r in by_count), reverse=True)
    names = json.loads(run(*args, "--names").output)
    assert any(r["is_name"] and r["simplified"] == "胡胜祥" for r in names)


def test_list_csv_reads_back_with_the_csv_module(seed_db: Path, tmp_path: Path) -> None:
    import csv

    out = tmp_path / "list.csv"
    result = run(
        "--db",
        str(seed_db),
        "list",
        "ai-new-jobs",
        "--format",
        "csv",
        "--min-hsk",
        "4",
        "-o",
        str(out),
    )
    assert result.exit_code == 0 and result.output == ""
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows and {
        "simplified",
        "pinyin",
        "definitions",
        "hsk",
        "example_zh",
        "example_en",
    } <= set(rows[0])


def test_list_html_escapes_article_text(tmp_path: Path) -> None:
    article = tmp_path / "hostile.txt"
    article.write_text(
        'The <script>alert(1)</script> bank said <img src=x onerror=alert(2)> "{{c1::no}}".\n'
        "银行说<script>alert(1)</script>今天的<b>利率</b>不变。\n",
        encoding="utf-8",
    )
    page = run("list", str(article), "--format", "html").output
    assert "<script>" not in page and "<img" not in page and "<b>" not in page
    assert "&lt;script&gt;" in page


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p / "missing.txt", "no such file"),
        (lambda p: p, "is a directory"),
        (lambda p: _write(p / "empty.txt", b""), "empty"),
        (lambda p: _write(p / "binary.bin", bytes(range(256)) * 20), ""),
        (lambda p: _write(p / "english.txt", b"Only English here.\nNothing else.\n"), "Chinese"),
        (lambda p: _write(p / "bad.txt", b"\x80\x81 \xc3\x28 \xa0\xa1\xfd" * 50), "encoding"),
    ],
    ids=["missing", "directory", "empty", "binary", "no-chinese", "undecodable"],
)
def test_bad_input_is_one_line_exit_1_and_changes_nothing(
    seed_db: Path, tmp_path: Path, make: object, message: str
) -> None:
    path = make(tmp_path)  # type: ignore[operator]
    before = table_counts(seed_db)
    proc = subprocess.run(
        [sys.executable, "-m", "vocab", "--db", str(seed_db), "add", str(path)],
        capture_output=True,
        text=True,
        env={**os.environ},
    )
    assert proc.returncode == 1
    assert proc.stdout == ""
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("vocab: error: ")
    assert message in lines[0]
    assert table_counts(seed_db) == before


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(tmp_path: Path) -> None:
    path = _write(tmp_path / "secret.txt", "中文".encode())
    path.chmod(0)
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "v.db"), "add", str(path)])
    assert result.exit_code == 1


def test_stdin_is_read_with_a_dash(tmp_path: Path) -> None:
    db = tmp_path / "vocab.db"
    result = run("--db", str(db), "add", "-", input=SEED.read_bytes())
    assert result.exit_code == 0, result.output
    assert " as ai-da-kai-jiu-ye" in result.output  # no file name: the slug is the title's pinyin


def test_unknown_slug_is_an_error(seed_db: Path) -> None:
    result = CliRunner().invoke(cli, ["--db", str(seed_db), "list", "no-such-article"])
    assert result.exit_code == 1
    assert "no such file or imported article: no-such-article" in result.output


def test_every_command_has_help() -> None:
    def walk(group: click.Group, path: list[str]) -> list[list[str]]:
        found = [path]
        for name, command in group.commands.items():
            if isinstance(command, click.Group):
                found += walk(command, [*path, name])
            else:
                found.append([*path, name])
        return found

    for path in walk(cli, []):
        result = run(*path, "--help")
        assert result.exit_code == 0
        command = cli
        for name in path:
            command = command.commands[name]  # type: ignore[attr-defined]
        assert command.help, f"vocab {' '.join(path)} has no help text"


def test_version() -> None:
    from vocab import __version__

    assert run("--version").output == f"vocab, version {__version__}\n"


def test_usage_errors_exit_2(seed_db: Path) -> None:
    result = CliRunner().invoke(
        cli, ["--db", str(seed_db), "list", "ai-new-jobs", "--sort", "nope"]
    )
    assert result.exit_code == 2


def test_end_to_end_through_a_real_process(tmp_path: Path) -> None:
    """The installed entry point, as a user runs it: add, then list from the database."""
    env = {**os.environ, "VOCAB_DB": str(tmp_path / "e2e.db")}
    vocab = [sys.executable, "-m", "vocab"]
    added = subprocess.run([*vocab, "add", str(SEED)], capture_output=True, text=True, env=env)
    assert added.returncode == 0, added.stderr
    listed = subprocess.run(
        [*vocab, "list", "ai-new-jobs", "--format", "json", "--limit", "3"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert listed.returncode == 0
    assert len(json.loads(listed.stdout)) == 3


def test_the_app_refuses_to_start_without_a_terminal(seed_db: Path) -> None:
    """Piped or redirected, the review app would draw escape codes into a pipe and never end."""
    proc = subprocess.run(
        [sys.executable, "-m", "vocab", "--db", str(seed_db), "review"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 1
    assert proc.stderr == (
        "vocab: error: the review app needs a terminal: run it without redirecting input or output\n"
    )
