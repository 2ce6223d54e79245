"""Review speed: time to the first card vs an empty Textual app, and grade-and-next per card.

    python benches/review_bench.py            # 100k and 1M cards
    python benches/review_bench.py --quick    # 100k only

Each figure is printed next to its baseline measured in the same run; nothing asserts a time.
Both processes load compiled modules, as installed (see `compile_vocab`).
"""

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from installed import compile_vocab

from vocab.schedule import Grade, to_iso
from vocab.service import review as rv
from vocab.store import open_db

NOW = datetime(2026, 11, 30, 1, 0, tzinfo=UTC)
TZ = ZoneInfo("Asia/Shanghai")
SENTENCES_PER_ARTICLE = 1000


KNOWN_EVERY = 20  # one term in 20 is a word the learner marked known after its cards were made


def build(path: Path, cards: int, seed: int = 1) -> None:
    """A database with `cards` cards (two per term): 70% in review, due from a month ago to two
    months ahead, 5% learning, 25% new, spread over articles of 1000 sentences; one word in 20
    is known, so its cards stay in the table but out of the queue."""
    rng = random.Random(seed)
    terms = cards // 2
    articles = max(1, terms // 5000)
    db = open_db(path)
    with db.atomic():
        db.conn.executemany(
            "INSERT INTO articles (id, slug, title, content_hash, source, layout, imported_at,"
            " paragraph_pairs, sentence_pairs) VALUES (?, ?, ?, ?, 'bench', 'alternating', ?, 10,"
            " 1000)",
            [
                (a + 1, f"article-{a}", f"文章 {a}", f"hash-{a}", to_iso(NOW))
                for a in range(articles)
            ],
        )
        db.conn.executemany(
            "INSERT INTO sentences (id, article_id, idx, paragraph, zh, en, score)"
            " VALUES (?, ?, ?, ?, ?, ?, 1.0)",
            (
                (
                    a * SENTENCES_PER_ARTICLE + i + 1,
                    a + 1,
                    i,
                    i // 4,
                    f"这是第{i}个句子。",
                    f"Sentence {i}.",
                )
                for a in range(articles)
                for i in range(SENTENCES_PER_ARTICLE)
            ),
        )
        db.conn.executemany(
            "INSERT INTO terms (id, simplified, pinyin_numbered, traditional, pinyin, definitions,"
            " hsk, zipf, pos, is_name, in_dictionary) VALUES (?, ?, 'ci2', ?, 'cí', ?, 3, 4.0,"
            " 'n', 0, 1)",
            ((t + 1, f"词{t}", f"詞{t}", json.dumps([f"word {t}"])) for t in range(terms)),
        )
        db.conn.executemany(
            "INSERT INTO article_terms (article_id, term_id, count, first) VALUES (?, ?, 1, ?)",
            ((t % articles + 1, t + 1, t // articles) for t in range(terms)),
        )
        db.conn.executemany(
            "INSERT INTO occurrences (term_id, sentence_id, start, end, en_match, example)"
            " VALUES (?, ?, 0, 2, NULL, 1)",
            (
                (t + 1, (t % articles) * SENTENCES_PER_ARTICLE + rng.randrange(1000) + 1)
                for t in range(terms)
            ),
        )
        db.conn.executemany(
            "INSERT INTO cards (id, term_id, kind, state, due, fsrs_state, stability, last_review,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (_card(rng, card_id) for card_id in range(1, cards + 1)),
        )
        db.conn.executemany(
            "INSERT INTO known (word, added_at) VALUES (?, ?)",
            ((f"词{t}", to_iso(NOW)) for t in range(0, terms, KNOWN_EVERY)),
        )
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.execute("ANALYZE")
    db.close()


def _card(rng: random.Random, card_id: int) -> tuple[object, ...]:
    term_id, kind = (card_id + 1) // 2, ("recognition", "recall")[(card_id + 1) % 2]
    roll = rng.random()
    created = to_iso(NOW - timedelta(days=120))
    if roll < 0.25:
        return (card_id, term_id, kind, None, None, None, None, None, created)
    fsrs_state = 1 if roll < 0.30 else 2
    stability = rng.uniform(1, 60)
    last = NOW - timedelta(days=rng.uniform(0, 60))
    due = last + timedelta(days=stability) if fsrs_state == 2 else last + timedelta(minutes=10)
    state = {
        "card_id": card_id,
        "state": fsrs_state,
        "step": 0 if fsrs_state == 1 else None,
        "stability": stability,
        "difficulty": 5.0,
        "due": due.isoformat(),
        "last_review": last.isoformat(),
    }
    return (
        card_id, term_id, kind, json.dumps(state), to_iso(due), fsrs_state, stability,
        to_iso(last), created,
    )  # fmt: skip


EMPTY_APP = """
import asyncio
from textual.app import App
from textual.widgets import Static

class Empty(App[None]):
    def compose(self):
        yield Static("hello")

async def main():
    app = Empty()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()

asyncio.run(main())
"""

FIRST_CARD = """
import asyncio, sys
from pathlib import Path
from vocab.tui.app import VocabApp
from vocab.tui.screens.review import ReviewScreen

async def main():
    app = VocabApp(Path(sys.argv[1]), start="review")
    async with app.run_test(size=(80, 24)) as pilot:
        while not (isinstance(app.screen, ReviewScreen) and app.screen.card is not None):
            await pilot.pause(0.001)
        await pilot.pause()
    assert "jieba" not in sys.modules and "sqlite_utils" not in sys.modules

asyncio.run(main())
"""


def process_seconds(programs: list[tuple[str, ...]], runs: int = 11) -> list[tuple[float, float]]:
    """Median wall-clock and CPU (user + system) seconds of each program as a whole process
    (`python -c CODE ARGS...`). Single runs on a shared machine vary by a tenth, hence eleven.
    The programs take turns, first one then the other going first, so a machine that gets
    busier or quieter during the runs weighs on each alike. CPU time is the steadier figure on
    a busy machine; wall-clock is what the learner waits."""
    walls: list[list[float]] = [[] for _ in programs]
    cpus: list[list[float]] = [[] for _ in programs]
    for turn in range(runs):
        order = list(enumerate(programs))
        for index, (code, *args) in order if turn % 2 == 0 else reversed(order):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code, *args], check=True)
            walls[index].append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus[index].append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return [
        (statistics.median(wall), statistics.median(cpu))
        for wall, cpu in zip(walls, cpus, strict=True)
    ]


def grade_and_next(path: Path, answers: int = 300) -> tuple[float, float]:
    """Median milliseconds to answer a card and fetch the next; and the session start."""
    db = open_db(path)
    start = time.perf_counter()
    session = rv.start_session(db, NOW, TZ)
    started = (time.perf_counter() - start) * 1000
    card = rv.next_card(session, NOW)
    times = []
    grades = [Grade.GOOD, Grade.GOOD, Grade.HARD, Grade.AGAIN, Grade.EASY]
    for i in range(answers):
        assert card is not None
        begin = time.perf_counter()
        rv.answer(session, card, grades[i % len(grades)], NOW, 3000)
        card = rv.next_card(session, NOW)
        times.append((time.perf_counter() - begin) * 1000)
    db.close()
    return statistics.median(times), started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="100k cards only")
    options = parser.parse_args()
    sizes = [100_000] if options.quick else [100_000, 1_000_000]
    with tempfile.TemporaryDirectory(prefix="vocab-bench-") as tmp:
        paths = {}
        for size in sizes:
            paths[size] = Path(tmp) / f"cards-{size}.db"
            begin = time.perf_counter()
            build(paths[size], size)
            print(f"built {size:,} cards in {time.perf_counter() - begin:.1f} s")

        compile_vocab()
        # The databases just built are still being written to disk: finish that first, so it
        # slows neither program's runs.
        os.sync()
        (empty, empty_cpu), (first, first_cpu) = process_seconds(
            [(EMPTY_APP,), (FIRST_CARD, str(paths[100_000]))]
        )
        print(
            f"empty Textual app, whole process:         {empty * 1000:7.0f} ms"
            f"  (cpu {empty_cpu * 1000:5.0f} ms)"
        )
        print(
            f"first card at 100k cards, whole process:  {first * 1000:7.0f} ms"
            f"  (cpu {first_cpu * 1000:5.0f} ms)"
        )
        print(
            f"ratio first card / empty app:             {first / empty:7.2f}x"
            f"  (cpu {first_cpu / empty_cpu:.2f}x; aim <= 1.2x)"
        )

        for size in sizes:
            per_card, started = grade_and_next(paths[size])
            print(
                f"{size:>9,} cards: grade-and-next median {per_card:6.2f} ms;"
                f" session start {started:7.1f} ms"
            )


if __name__ == "__main__":
    main()
