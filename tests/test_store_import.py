"""Storing an article: whole or not at all, once per text, history kept."""

import dataclasses
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from conftest import NEWS, NOW, SEED

from vocab.lexicon.cedict import Dictionary
from vocab.service.importing import add_article, analyse
from vocab.store import articles, open_db


def counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    tables = [
        "articles",
        "paragraphs",
        "sentences",
        "terms",
        "article_terms",
        "occurrences",
        "cards",
    ]
    result = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
    conn.close()
    return result


def test_an_import_stores_sentences_terms_and_two_cards_per_word(seed_db: Path) -> None:
    db = open_db(seed_db)
    stored = counts(seed_db)
    analysed = analyse(str(SEED))
    assert stored["sentences"] == len(analysed.article.sentences)
    assert stored["terms"] == len(analysed.terms)
    words = [t for t in analysed.terms if not t.is_name]
    assert stored["cards"] == 2 * len(words)
    row = articles.by_slug(db, "ai-new-jobs")
    assert row is not None and row.terms == len(words)
    # Every stored Chinese sentence comes back in order, with its English.
    zh = [z for (z,) in db.execute("SELECT zh FROM sentences ORDER BY idx").fetchall()]
    assert zh == [s.zh for s in analysed.article.sentences]


def test_a_failure_midway_leaves_nothing_behind(tmp_path: Path) -> None:
    path = tmp_path / "vocab.db"
    db = open_db(path)
    analysed = analyse(str(SEED))
    broken = [*analysed.terms[:-1], dataclasses.replace(analysed.terms[-1], pos=None)]
    with pytest.raises(sqlite3.IntegrityError):
        articles.save(
            db,
            slug="x",
            source="x",
            content_hash="h",
            article=analysed.article,
            terms=broken,
            now=NOW,
        )
    assert set(counts(path).values()) == {0}


def test_a_term_shared_by_two_articles_is_one_term_with_counts_per_article(tmp_path: Path) -> None:
    path = tmp_path / "vocab.db"
    db = open_db(path)
    add_article(db, str(SEED), now=NOW)
    news = sorted(NEWS.glob("*.txt"))[0]
    add_article(db, str(news), now=NOW)
    (shared,) = db.execute(
        "SELECT count(*) FROM (SELECT term_id FROM article_terms GROUP BY term_id HAVING count(*) = 2)"
    ).fetchone()
    assert shared > 0
    (duplicates,) = db.execute(
        "SELECT count(*) FROM (SELECT 1 FROM terms GROUP BY simplified, pinyin_numbered HAVING count(*) > 1)"
    ).fetchone()
    assert duplicates == 0


def test_reimporting_keeps_review_history(seed_db: Path) -> None:
    db = open_db(seed_db)
    (card_id,) = db.execute("SELECT id FROM cards ORDER BY id LIMIT 1").fetchone()
    db.execute(
        "INSERT INTO reviews (card_id, rating, reviewed_at, log) VALUES (?, 3, ?, '{}')",
        [card_id, NOW.isoformat()],
    )
    result = add_article(db, str(SEED), now=NOW)
    assert not result.added
    assert db.execute("SELECT count(*) FROM reviews").fetchone()[0] == 1


def test_same_file_name_gets_a_new_slug_for_different_text(tmp_path: Path) -> None:
    db = open_db(tmp_path / "vocab.db")
    add_article(db, str(SEED), now=NOW)
    other = tmp_path / "ai-new-jobs.txt"
    other.write_text("人工智能改变了世界。\n", encoding="utf-8")
    assert add_article(db, str(other), now=NOW).slug == "ai-new-jobs-2"


def test_known_words_get_no_cards(tmp_path: Path) -> None:
    db = open_db(tmp_path / "vocab.db")
    db.execute("INSERT INTO known (word, added_at) VALUES ('人工智能', ?)", [NOW.isoformat()])
    add_article(db, str(SEED), now=NOW)
    (cards,) = db.execute(
        "SELECT count(*) FROM cards c JOIN terms t ON t.id = c.term_id WHERE t.simplified = '人工智能'"
    ).fetchone()
    assert cards == 0


def test_the_dictionary_index_is_built_once(tmp_path: Path) -> None:
    first = Dictionary.open(tmp_path)
    files = {p: p.stat().st_mtime_ns for p in tmp_path.iterdir()}
    first.close()
    second = Dictionary.open(tmp_path)
    assert {p: p.stat().st_mtime_ns for p in tmp_path.iterdir()} == files
    assert second.glosses("数据")


def test_ctrl_c_during_an_import_leaves_no_partial_article(tmp_path: Path) -> None:
    """Interrupt a long import at several moments: the article is there whole, or not at all."""
    import gzip

    from conftest import ROOT

    novel = tmp_path / "novel.txt"
    text = gzip.decompress((ROOT / "benches/data/hongloumeng.txt.gz").read_bytes()).decode()
    novel.write_text(text[:200_000], encoding="utf-8")
    for delay in (1.0, 2.0, 3.5):
        db = tmp_path / f"interrupted-{delay}.db"
        proc = subprocess.Popen(
            [sys.executable, "-m", "vocab", "--db", str(db), "add", str(novel)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ},
        )
        time.sleep(delay)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=120)
        if not db.exists():
            continue
        conn = sqlite3.connect(db)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        if stored == 0:
            assert conn.execute("SELECT count(*) FROM sentences").fetchone()[0] == 0
            assert conn.execute("SELECT count(*) FROM terms").fetchone()[0] == 0
            assert proc.returncode != 0 and b"Traceback" not in err
        else:
            # Finished before the signal came; a signal landing while Python exits may still end
            # the process, after it said what it added.
            assert b"added" in out
            assert proc.returncode in (0, 130, -signal.SIGINT)
        conn.close()


def test_an_import_leaves_the_connection_as_it_found_it(tmp_path: Path) -> None:
    """The import widens SQLite's page cache and skips re-checking its own references while it
    writes; afterwards the connection enforces foreign keys again, with its usual cache."""
    db = open_db(tmp_path / "pragmas.db")
    before = db.execute("PRAGMA cache_size").fetchone()
    add_article(db, str(SEED), now=NOW)
    assert db.execute("PRAGMA foreign_keys").fetchone() == (1,)
    assert db.execute("PRAGMA cache_size").fetchone() == before
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO occurrences VALUES (999999, 999999, 0, 1, NULL, 0)")


def test_ctrl_c_once_the_article_is_saved_still_says_what_was_added(tmp_path: Path) -> None:
    """A Ctrl-C between the last row written and the summary printed: the article lands whole,
    the learner is told so, then vocab stops as interrupted."""
    script = textwrap.dedent(
        """
        import os, signal, sys
        import vocab.service.importing as importing
        from vocab.cli import cli

        real = importing.add_article

        def add_article(*args, saving, **kwargs):
            def saving_then_ctrl_c():
                saving()
                os.kill(os.getpid(), signal.SIGINT)
            return real(*args, saving=saving_then_ctrl_c, **kwargs)

        importing.add_article = add_article
        cli(sys.argv[1:], prog_name="vocab")
        """
    )
    db = tmp_path / "held.db"
    done = subprocess.run(
        [sys.executable, "-c", script, "--db", str(db), "add", str(SEED)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 130, done.stderr
    assert done.stdout.startswith("added "), done.stdout
    assert "interrupted" in done.stderr and "Traceback" not in done.stderr
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM articles").fetchone() == (1,)
    assert conn.execute("SELECT count(*) FROM terms").fetchone()[0] > 200
    conn.close()
