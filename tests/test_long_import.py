"""A long text on two cores gives exactly what one process gives; what an import stores of it."""

import gzip
import os
import sqlite3
from pathlib import Path

import pytest
from conftest import NOW, ROOT, SEED

import vocab.terms as terms_module
import vocab.terms_helper as terms_helper
from vocab.fork import fork_available
from vocab.lexicon.cedict import Dictionary
from vocab.service.importing import add_article
from vocab.store import open_db
from vocab.store.articles import STORED_OCCURRENCES, _bulk_summary
from vocab.terms import extract_terms
from vocab.text import SentencePair, parse_article
from vocab.text.reader import read_source

NOVEL = ROOT / "benches" / "data" / "hongloumeng.txt.gz"


@pytest.fixture(scope="module")
def novel_opening(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The first chapters of 红楼梦: long enough (60k characters) to be split over two cores,
    and a later line with a character CC-CEDICT lacks (騄, read by pypinyin in the helper)."""
    text = gzip.decompress(NOVEL.read_bytes()).decode("utf-8")
    cut = text.index("\n", 60_000)
    rare = next(line for line in text.splitlines() if "騄" in line)
    path = tmp_path_factory.mktemp("novel") / "hongloumeng-opening.txt"
    path.write_text(text[:cut] + "\n" + rare + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def dictionary() -> Dictionary:
    return Dictionary.open()


@pytest.fixture(scope="module")
def novel_sentences(novel_opening: Path, dictionary: Dictionary) -> list[SentencePair]:
    text, _ = read_source(str(novel_opening))
    return parse_article(text, glosses=dictionary.glosses).sentences


def _one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(terms_module, "_FORK_CHARACTERS", 10**12)
    monkeypatch.setattr(terms_module, "_FORK_TERMS", 10**12)


needs_fork = pytest.mark.skipif(not fork_available(), reason="needs os.fork and two cores")


@needs_fork
def test_a_novel_split_over_two_processes_has_the_terms_of_one(
    novel_sentences: list[SentencePair], dictionary: Dictionary, monkeypatch: pytest.MonkeyPatch
) -> None:
    sentences = novel_sentences
    assert sum(len(s.zh) for s in sentences) >= terms_module._FORK_CHARACTERS
    split = extract_terms(sentences, dictionary)
    assert len(split) >= terms_module._FORK_TERMS  # both halves of the work were forked
    rare = next(t for t in split if t.simplified == "騄")
    assert rare.pinyin_numbered == "lu4" and not rare.in_dictionary
    _one_process(monkeypatch)
    assert extract_terms(sentences, dictionary) == split


@needs_fork
def test_a_helper_that_dies_leaves_its_half_to_this_process(
    novel_sentences: list[SentencePair], dictionary: Dictionary, monkeypatch: pytest.MonkeyPatch
) -> None:
    sentences = novel_sentences
    monkeypatch.setattr(terms_helper, "_help", lambda *args: os._exit(1))
    helped_by_nobody = extract_terms(sentences, dictionary)
    monkeypatch.undo()
    _one_process(monkeypatch)
    assert extract_terms(sentences, dictionary) == helped_by_nobody


@needs_fork
def test_an_article_with_english_split_over_two_processes_has_the_terms_of_one(
    dictionary: Dictionary, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The seed's readings and examples follow its English sentence by sentence.
    text, _ = read_source(str(SEED))
    sentences = parse_article(text, glosses=dictionary.glosses).sentences
    monkeypatch.setattr(terms_module, "_FORK_CHARACTERS", 0)
    monkeypatch.setattr(terms_module, "_FORK_TERMS", 0)
    split = extract_terms(sentences, dictionary)
    _one_process(monkeypatch)
    alone = extract_terms(sentences, dictionary)
    assert split == alone
    ai = next(t for t in alone if t.simplified == "人工智能")
    assert ai.examples[0].en_match == "artificial intelligence"


@pytest.fixture(scope="module")
def novel_db(novel_opening: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("db") / "vocab.db"
    db = open_db(path)
    add_article(db, str(novel_opening), now=NOW)
    db.close()
    return path


def _stored(path: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(path)
    tables = {
        "terms": "SELECT * FROM terms ORDER BY id",
        "article_terms": "SELECT * FROM article_terms ORDER BY term_id",
        "occurrences": "SELECT * FROM occurrences ORDER BY term_id, sentence_id, start",
        "cards": "SELECT id, term_id, kind, known FROM cards ORDER BY id",
        "term_cards": "SELECT * FROM term_cards ORDER BY term_id",
    }
    stored = {table: conn.execute(query).fetchall() for table, query in tables.items()}
    conn.close()
    return stored


@needs_fork
def test_a_novel_stored_while_children_make_its_terms_is_stored_as_one_process_would(
    novel_opening: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _one_process(monkeypatch)
    alone = tmp_path / "alone.db"
    db = open_db(alone)
    # A term already stored keeps its id; the others are numbered the same way either way.
    add_article(db, str(SEED), now=NOW)
    add_article(db, str(novel_opening), now=NOW)
    db.close()
    split = tmp_path / "split.db"
    db = open_db(split)
    add_article(db, str(SEED), now=NOW)
    monkeypatch.setattr(terms_module, "_FORK_CHARACTERS", 50_000)
    monkeypatch.setattr(terms_module, "_FORK_TERMS", 5000)
    add_article(db, str(novel_opening), now=NOW)
    db.close()
    assert _stored(split) == _stored(alone)
    assert len(_stored(split)["terms"]) > terms_module._FORK_TERMS


def test_a_frequent_word_keeps_its_exact_count_and_a_few_places(novel_db: Path) -> None:
    conn = sqlite3.connect(novel_db)
    (count, examples, others) = conn.execute(
        """SELECT at.count, sum(o.example), sum(1 - o.example)
        FROM terms t JOIN article_terms at ON at.term_id = t.id
        JOIN occurrences o ON o.term_id = t.id
        WHERE t.simplified = '宝玉' GROUP BY t.id"""
    ).fetchone()
    assert count > 100
    # A text without English stores a term's examples only: no other place could show English.
    assert examples == 3 and others == 0
    assert conn.execute("SELECT count(*) FROM occurrences WHERE example = 0").fetchone() == (0,)


def test_a_term_of_an_article_with_english_keeps_a_few_more_places(seed_db: Path) -> None:
    conn = sqlite3.connect(seed_db)
    (most,) = conn.execute(
        "SELECT max(n) FROM (SELECT count(*) AS n FROM occurrences WHERE example = 0"
        " GROUP BY term_id)"
    ).fetchone()
    assert 0 < most <= STORED_OCCURRENCES


def test_new_cards_are_summed_up_per_term_and_the_trigger_is_back(novel_db: Path) -> None:
    conn = sqlite3.connect(novel_db, isolation_level=None)
    terms_with_cards = conn.execute("SELECT count(DISTINCT term_id) FROM cards").fetchone()[0]
    summaries = conn.execute("SELECT rank, due, stability, lapses FROM term_cards").fetchall()
    assert len(summaries) == terms_with_cards > 1000
    assert set(summaries) == {(0, None, None, 0)}  # every card is new
    # A card written after the import is summed up by the trigger, as before.
    (name,) = conn.execute(
        "SELECT id FROM terms WHERE is_name AND id NOT IN (SELECT term_id FROM cards) LIMIT 1"
    ).fetchone()
    conn.execute(
        "INSERT INTO cards (term_id, kind, created_at, due) VALUES (?, 'recall', 'x', '2027')",
        [name],
    )
    assert conn.execute(
        "SELECT rank, due FROM term_cards WHERE term_id = ?", [name]
    ).fetchone() == (
        2,
        "2027",
    )


def test_a_summary_trigger_that_reads_otherwise_is_left_to_run() -> None:
    assert _bulk_summary("CREATE TRIGGER t AFTER INSERT ON cards BEGIN SELECT 1; END") is None
    assert (
        _bulk_summary(
            "CREATE TRIGGER t AFTER UPDATE ON cards BEGIN"
            " INSERT INTO s SELECT term_id FROM cards WHERE term_id = NEW.term_id; END"
        )
        is None
    )
    bulk = _bulk_summary(
        "CREATE TRIGGER t AFTER INSERT ON cards BEGIN"
        " INSERT INTO s SELECT term_id FROM cards WHERE term_id = NEW.term_id GROUP BY term_id;"
        " END"
    )
    assert bulk == (
        "INSERT INTO s SELECT term_id FROM cards"
        " WHERE term_id IN (SELECT term_id FROM cards WHERE id > ?) GROUP BY term_id"
    )
