"""Subtitle cue times kept as sentence positions: stored, read back, and shown in every list
format but JSON (whose keys DESIGN fixes), in the reader and in Anki's Article field."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_format_subtitles import FILM, srt

from vocab.cli import cli


def vocab(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def film(tmp_path: Path) -> Path:
    path = tmp_path / "film.srt"
    path.write_bytes(srt(FILM))
    return path


@pytest.fixture
def film_db(tmp_path: Path, film: Path) -> str:
    db = str(tmp_path / "vocab.db")
    vocab("--db", db, "add", str(film))
    return db


def test_cue_times_are_stored_and_read_back(film_db: str) -> None:
    from vocab.store import sentences
    from vocab.store.db import Database

    with sqlite3.connect(film_db) as conn:
        rows = conn.execute("SELECT zh, position FROM sentences ORDER BY idx").fetchall()
    assert rows == [
        ("我们明天早上出发。", "00:00:01"),
        ("你带地图了吗？", "00:00:03"),
        ("汤姆&杰瑞也来。", "00:00:06"),
        ("好的，没问题。", "00:01:05"),
    ]
    db = Database(sqlite3.connect(film_db, isolation_level=None))
    try:
        (article_id,) = db.execute("SELECT id FROM articles").fetchone()
        read = sentences.for_article(db, article_id)
        assert [s.position for s in read] == ["00:00:01", "00:00:03", "00:00:06", "00:01:05"]
        assert sentences.paragraph_positions(db, article_id)[0] == "00:00:01"
    finally:
        db.conn.close()


def test_plain_text_has_no_positions(tmp_path: Path) -> None:
    db = str(tmp_path / "vocab.db")
    vocab("--db", db, "add", str(Path(__file__).parent.parent / "decks/ai-new-jobs.txt"))
    with sqlite3.connect(db) as conn:
        assert conn.execute(
            "SELECT count(*) FROM sentences WHERE position IS NOT NULL"
        ).fetchone() == (0,)


@pytest.mark.parametrize("from_db", [False, True])
def test_csv_has_the_examples_position_and_json_keeps_its_keys(
    film: Path, film_db: str, from_db: bool
) -> None:
    source = "film" if from_db else str(film)
    rows = list(
        csv.DictReader(io.StringIO(vocab("--db", film_db, "list", source, "--format", "csv")))
    )
    by_term = {row["simplified"]: row for row in rows}
    assert by_term["出发"]["position"] == "00:00:01"
    assert by_term["地图"]["position"] == "00:00:03"
    assert by_term["问题"]["position"] == "00:01:05"
    records = json.loads(vocab("--db", film_db, "list", source, "--format", "json"))
    assert all(
        list(e) == ["zh", "en", "en_match", "article"] for r in records for e in r["examples"]
    )


def test_md_and_html_show_the_position_beside_the_example(film: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "none.db")
    md = vocab("--db", db, "list", str(film), "--format", "md")
    (line,) = [row for row in md.splitlines() if row.startswith("| 地图 ")]
    assert "00:00:03 你带地图了吗？" in line
    page = vocab("--db", db, "list", str(film), "--format", "html")
    assert '<span class="position">00:01:05</span> 好的，没<mark>问题</mark>。' in page


def test_anki_article_field_names_the_cue_time(film_db: str, tmp_path: Path) -> None:
    out = tmp_path / "deck.tsv"
    vocab("--db", film_db, "export", "tsv", "-o", str(out))
    lines = [
        line.split("\t")
        for line in out.read_text(encoding="utf-8").splitlines()
        if not line.startswith("#")
    ]
    articles = {fields[0]: fields for fields in lines}
    map_note = next(fields for guid, fields in articles.items() if "地图" in fields)
    assert any(field.endswith(" 00:00:03") for field in map_note), map_note
