"""Exporting 10k notes vs genanki alone writing the same 10k notes, in the same run.

Budget (DESIGN): our whole export (query, fields, package) costs at most 1.2x genanki alone.
Run: python benches/export_bench.py [--terms 10000] [--repeat 7]
"""

import argparse
import json
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import genanki

from vocab.export.anki import (
    ATTRIBUTION,
    DECK_PREFIX,
    MODEL,
    build_package,
    deck_description,
    deck_id,
    deck_name,
    note_fields,
)
from vocab.service.export import export_anki
from vocab.store import open_db
from vocab.store.notes import terms_for_export

NOW = datetime(2026, 1, 1, tzinfo=UTC)
SYLLABLES = ["ren", "gong", "zhi", "neng", "shu", "ju", "xue", "xi", "dian", "nao", "hang", "yin"]
HAN = "人工智能数据学习电脑银行模型训练师算法平台视频镜头运动自然流畅灵感指令操作"


def synthesize(path: Path, n_terms: int, n_articles: int = 10) -> None:
    """A database of `n_terms` terms spread over articles, each with one example sentence."""
    rng = random.Random(4)
    db = open_db(path)
    per_article = n_terms // n_articles
    with db.atomic():
        for a in range(n_articles):
            db.execute(
                "INSERT INTO articles (id, slug, title, content_hash, source, layout, imported_at,"
                " paragraph_pairs, sentence_pairs) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    a + 1,
                    f"article-{a}",
                    f"文章 {a}",
                    f"hash{a}",
                    f"a{a}.txt",
                    "alternating",
                    f"2026-01-01T00:00:{a:02d}+00:00",
                    per_article,
                    per_article,
                ],
            )
        term_rows, sentence_rows, link_rows, occurrence_rows = [], [], [], []
        for i in range(n_terms):
            word = "".join(rng.choice(HAN) for _ in range(rng.randint(2, 4))) + f"{i}"
            reading = " ".join(f"{rng.choice(SYLLABLES)}{rng.randint(1, 5)}" for _ in range(3))
            term_rows.append(
                (
                    i + 1,
                    word,
                    reading,
                    word,
                    reading,
                    json.dumps([f"meaning {i}", "a gloss"]),
                    rng.choice([None, 1, 2, 3, 4, 5, 6, 7]),
                    rng.choice([None, 3]),
                    round(rng.uniform(1, 6), 2),
                    "n",
                    0,
                    1,
                )
            )
            article = i % n_articles + 1
            zh = f"我们在这里学习{word}，这是一个很长的例句。"
            sentence_rows.append(
                (i + 1, article, i, 0, zh, f"We learn meaning {i} here, a long example.", 1.0)
            )
            link_rows.append((article, i + 1, 1, i))
            occurrence_rows.append((i + 1, i + 1, 7, 7 + len(word), f"meaning {i}", 1))
        db.conn.executemany(
            "INSERT INTO terms (id, simplified, pinyin_numbered, traditional, pinyin, definitions,"
            " hsk, hsk2, zipf, pos, is_name, in_dictionary)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            term_rows,
        )
        db.conn.executemany(
            "INSERT INTO sentences (id, article_id, idx, paragraph, zh, en, score)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            sentence_rows,
        )
        db.conn.executemany(
            "INSERT INTO article_terms (article_id, term_id, count, first) VALUES (?, ?, ?, ?)",
            link_rows,
        )
        db.conn.executemany(
            "INSERT INTO occurrences (term_id, sentence_id, start, end, en_match, example)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            occurrence_rows,
        )
    db.close()


def timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--terms", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        synthesize(tmp / "vocab.db", args.terms)
        db = open_db(tmp / "vocab.db")

        # The baseline: genanki given our finished field strings, writing the same notes (fields,
        # tags, GUIDs, order) with the same model into the same decks, its ordinary way.
        terms = terms_for_export(db)
        fields = [note_fields(term) for term in terms]
        titles = {deck_name(t.articles[0].title): t.articles[0].title for t in terms}

        def genanki_alone() -> None:
            parent = genanki.Deck(deck_id(DECK_PREFIX), DECK_PREFIX, ATTRIBUTION)
            parent.add_model(MODEL)
            decks: dict[str, genanki.Deck] = {}
            for position, note in enumerate(fields):
                deck = decks.get(note.deck)
                if deck is None:
                    description = deck_description(titles[note.deck])
                    deck = decks[note.deck] = genanki.Deck(
                        deck_id(note.deck), note.deck, description
                    )
                deck.add_note(
                    genanki.Note(
                        MODEL, list(note.fields), tags=list(note.tags), guid=note.guid, due=position
                    )
                )
            genanki.Package([parent, *decks.values()]).write_to_file(
                str(tmp / "genanki.apkg"), timestamp=NOW.timestamp()
            )

        def ours() -> None:
            export_anki(db, tmp / "vocab.apkg", now=NOW)

        def build() -> None:
            build_package([note_fields(t) for t in terms], titles=titles)

        # Interleaved pairs, each pair's ratio taken on its own: a busy machine slows both runs of
        # a pair alike, and the median ignores the pairs a burst of load hit unevenly.
        ours(), genanki_alone()  # warm caches and lazy imports
        pairs = [(timed(ours), timed(genanki_alone)) for _ in range(args.repeat)]
        query = statistics.median(timed(lambda: terms_for_export(db)) for _ in range(args.repeat))
        built = statistics.median(timed(build) for _ in range(args.repeat))
    export = statistics.median(ours for ours, _ in pairs)
    baseline = statistics.median(alone for _, alone in pairs)
    ratios = sorted(ours / alone for ours, alone in pairs)
    print(f"notes:                 {len(fields)}")
    print(f"genanki alone:         {baseline:.3f} s  (median of {args.repeat})")
    print(
        f"vocab export anki:     {export:.3f} s  (of which query {query:.3f} s, "
        f"fields + genanki objects {built:.3f} s)"
    )
    print(
        f"ratio:                 {statistics.median(ratios):.2f}x median, "
        f"{ratios[0]:.2f}x-{ratios[-1]:.2f}x over {args.repeat} pairs  (budget 1.20x)"
    )


if __name__ == "__main__":
    main()
