"""CC-CEDICT: every reading kept, cached in SQLite, built once."""

from pathlib import Path

import pytest

from vocab.lexicon.cedict import CACHE_NAME, Dictionary, parse_lines


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(scope="module")
def dictionary(cache: Path) -> Dictionary:
    return Dictionary.open(cache)


def test_every_reading_of_xing_is_kept(dictionary: Dictionary) -> None:
    readings = [e.pinyin_numbered for e in dictionary.entries("行")]
    assert "hang2" in readings and "xing2" in readings


def test_entry_fields(dictionary: Dictionary) -> None:
    (entry,) = dictionary.entries("人工智能")
    assert entry.pinyin_numbered == "ren2 gong1 zhi4 neng2"
    assert entry.definitions == ["artificial intelligence (AI)"]
    assert dictionary.entries("银行")[0].traditional == "銀行"
    assert dictionary.glosses("数据") == ["data"]


def test_membership_and_absence(dictionary: Dictionary) -> None:
    assert "银行" in dictionary
    assert "调优" not in dictionary
    assert dictionary.entries("调优") == []


def test_lookup_many_matches_single_lookups(dictionary: Dictionary) -> None:
    words = ["行", "银行", "调优", "数据", "胡"]
    found = dictionary.lookup_many(words)
    assert set(found) == set(words)
    for word in words:
        assert found[word] == dictionary.entries(word)


def test_cache_is_built_once_and_reused(tmp_path: Path) -> None:
    before = Dictionary.builds
    Dictionary.open(tmp_path)
    path = tmp_path / CACHE_NAME
    stamp = path.stat().st_mtime_ns
    assert Dictionary.builds == before + 1
    again = Dictionary.open(tmp_path)
    assert Dictionary.builds == before + 1
    assert path.stat().st_mtime_ns == stamp
    assert "行" in again
    assert [p.name for p in tmp_path.iterdir()] == [CACHE_NAME]  # no temporary file left


def test_a_corrupt_cache_is_rebuilt(tmp_path: Path) -> None:
    (tmp_path / CACHE_NAME).write_bytes(b"not a database")
    assert "银行" in Dictionary.open(tmp_path)


def test_env_var_chooses_the_cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VOCAB_CACHE_DIR", str(tmp_path))
    Dictionary.open()
    assert (tmp_path / CACHE_NAME).exists()


def test_parse_lines_skips_comments_and_keeps_traditional() -> None:
    lines = ["# comment", "銀行 银行 [yin2 hang2] /bank/CL:家[jia1],個|个[ge4]/", "garbage"]
    (entry,) = parse_lines(lines)
    assert entry.traditional == "銀行"
    assert entry.definitions == ["bank", "CL:家[jia1],個|个[ge4]"]
