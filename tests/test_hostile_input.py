"""Every file of the hostile corpus (tests/data/bad/) gives a clean import or one clear error line,
never a traceback, and an error changes nothing in the database."""

import gzip
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import DATA, ROOT

from vocab.cli import cli
from vocab.service.maintenance import check_database
from vocab.store import open_db

BAD = DATA / "bad"
SPACED = BAD / "文章 with spaces"
CORPUS = sorted([*BAD.iterdir(), *SPACED.iterdir()])
# The names of the cases vocab must refuse; every other file must import cleanly.
REFUSED = {
    "a folder named like a file.txt": "is a directory",
    "binary.bin": "binary",
    "code-only.md": "no Chinese",
    "control-characters.txt": "binary",
    "empty.txt": "empty",
    "english-only.txt": "no Chinese",
    "format-empty.md": "empty",
    "format-not-a-zip.epub": "",
    "lone-surrogate.txt": "encoding",
    "mixed-encodings.txt": "encoding",
    "utf16-without-bom.txt": "binary",  # NUL bytes and no BOM: refused, not guessed at
    "文章 with spaces": "is a directory",
    "image-named-txt.txt": "",
    "image.png": "",
    "nul-bytes.txt": "binary",
    "punctuation-only.txt": "no Chinese",
    "undecodable.txt": "encoding",
    "whitespace-only.txt": "no Chinese",
}
# Broken files of the richer formats: refusing them in one line and reading what can be read are
# both right; a traceback is not.
EITHER = {"format-broken.html", "format-broken.srt"}


@pytest.fixture(scope="module")
def shared_db(seed_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One database the whole corpus is thrown at, in order, as a learner's would be."""
    path = tmp_path_factory.mktemp("hostile") / "vocab.db"
    shutil.copyfile(seed_db_template, path)
    yield path
    db = open_db(path)
    result = check_database(db, path)
    db.close()
    assert result.ok, result.problems


def counts(db: Path) -> tuple[int, ...]:
    conn = sqlite3.connect(db)
    try:
        return tuple(
            conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("articles", "sentences", "terms", "article_terms", "cards")
        )
    finally:
        conn.close()


def test_the_corpus_covers_every_case() -> None:
    assert len(CORPUS) >= 25
    names = {path.name for path in CORPUS}
    assert set(REFUSED) <= names


@pytest.mark.parametrize("path", CORPUS, ids=[path.name for path in CORPUS])
def test_each_bad_file_imports_cleanly_or_fails_in_one_line(path: Path, shared_db: Path) -> None:
    before = counts(shared_db)
    # catch_exceptions=False: any exception but SystemExit fails the test with its traceback.
    result = CliRunner().invoke(
        cli, ["--db", str(shared_db), "add", str(path)], catch_exceptions=False
    )
    if path.name in REFUSED or (path.name in EITHER and result.exit_code == 1):
        assert result.exit_code == 1, result.output
        assert result.stdout == ""
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("vocab: error: "), result.stderr
        assert REFUSED.get(path.name, "") in lines[0]
        assert counts(shared_db) == before
    else:
        assert result.exit_code == 0, result.stderr
        assert result.stderr == ""
        assert len(result.stdout.splitlines()) == 1
        # A text already imported under another file (gb18030.txt after utf16-with-bom.txt)
        # is the same article.
        assert result.stdout.startswith("added ") or "is already imported" in result.stdout


def test_article_text_stays_data_in_lists_and_the_database(shared_db: Path) -> None:
    """HTML, script, cloze and SQL in an article are shown as text, never run or interpreted."""
    for name in ("html-script.txt", "anki-cloze.txt", "sql-injection.txt"):
        CliRunner().invoke(cli, ["--db", str(shared_db), "add", str(BAD / name)])
    conn = sqlite3.connect(shared_db)
    tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master")}
    assert {"articles", "terms", "cards"} <= tables
    assert conn.execute(
        "SELECT count(*) FROM sentences WHERE zh LIKE '%DROP TABLE articles%'"
    ).fetchone() == (1,)
    conn.close()
    result = CliRunner().invoke(
        cli, ["list", str(BAD / "html-script.txt"), "--format", "html"], catch_exceptions=False
    )
    assert result.exit_code == 0
    assert "<script" not in result.stdout and "<img" not in result.stdout
    assert "&lt;script&gt;alert(" in result.stdout  # shown, as text


def test_a_path_with_spaces_and_chinese_through_a_real_process(tmp_path: Path) -> None:
    (path,) = SPACED.iterdir()
    proc = subprocess.run(
        [sys.executable, "-m", "vocab", "--db", str(tmp_path / "v.db"), "add", str(path)],
        capture_output=True,
        text=True,
        env={**os.environ},
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith('added "') and proc.stderr == ""


def _limit_cpu() -> None:
    # A size check answers in a moment; without one, 50 MB takes minutes and gigabytes.
    resource.setrlimit(resource.RLIMIT_CPU, (5, 5))


def test_50_mb_of_text_is_refused_in_one_line(tmp_path: Path) -> None:
    novel = gzip.decompress((ROOT / "benches/data/hongloumeng.txt.gz").read_bytes())
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as file:
        for _ in range(50_000_000 // len(novel) + 1):
            file.write(novel)
    db = tmp_path / "v.db"
    proc = subprocess.run(
        [sys.executable, "-m", "vocab", "--db", str(db), "add", str(huge)],
        capture_output=True,
        text=True,
        env={**os.environ},
        preexec_fn=_limit_cpu,
    )
    assert proc.returncode == 1, f"no size limit: status {proc.returncode}"
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("vocab: error: ") and "MB" in lines[0]
    assert "20 MB" in lines[0], lines[0]
    assert not db.exists() or counts(db)[0] == 0
