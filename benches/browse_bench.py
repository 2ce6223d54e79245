"""Browse on 50k terms (100k cards, a third studied): time for one page of the list, per view,
against a bare baseline measured in the same run (reading one page of `terms` with no join).

    python benches/browse_bench.py [TERMS]
"""

import json
import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from vocab.service.browse import BrowseView, load_page
from vocab.store import open_db

NOW = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)
SYLLABLES = ["ren2", "gong1", "zhi4", "neng2", "xue2", "sheng1", "lu:4", "hao3", "ma5", "shi4"]


def build(path: Path, terms: int) -> None:
    db = open_db(path)
    rng = random.Random(6)
    with db.atomic():
        db.execute(
            "INSERT INTO articles VALUES (1, 'bench', 'Bench', 'h', 'bench', 'zh-only', ?, 0, 0)",
            [NOW.isoformat()],
        )
        term_rows = []
        for i in range(terms):
            numbered = " ".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4)))
            word = "".join(chr(0x4E00 + rng.randrange(20000)) for _ in numbered.split()) + str(i)
            term_rows.append(
                (
                    i + 1,
                    word,
                    numbered,
                    word,
                    numbered,
                    json.dumps([f"meaning {i}"]),
                    rng.choice([None, 1, 2, 3, 4, 5, 6, 7]),
                    3.0,
                    "n",
                    0,
                    1,
                )
            )
        db.conn.executemany(
            "INSERT INTO terms (id, simplified, pinyin_numbered, traditional, pinyin, definitions,"
            " hsk, zipf, pos, is_name, in_dictionary) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            term_rows,
        )
        db.conn.executemany(
            "INSERT INTO article_terms VALUES (1, ?, 1, ?)", [(i + 1, i) for i in range(terms)]
        )
        card_rows = []
        for i in range(terms):
            for kind in ("recognition", "recall"):
                studied = rng.random() < 0.33
                due = (NOW + timedelta(days=rng.uniform(-5, 60))).isoformat() if studied else None
                card_rows.append(
                    (
                        i + 1,
                        kind,
                        due,
                        rng.choice([1, 2, 3]) if studied else None,
                        rng.uniform(0.5, 90) if studied else None,
                        rng.choice([0, 0, 0, 1, 2]),
                        NOW.isoformat(),
                    )
                )
        db.conn.executemany(
            "INSERT INTO cards (term_id, kind, due, fsrs_state, stability, lapses, created_at)"
            " VALUES (?,?,?,?,?,?,?)",
            card_rows,
        )
    db.execute("ANALYZE")
    db.close()


def best_ms(run: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def main() -> None:
    terms = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.db"
        build(path, terms)
        db = open_db(path)
        baseline = best_ms(lambda: db.execute("SELECT * FROM terms LIMIT 100").fetchall())
        print(f"{terms} terms; bare page of terms: {baseline:.2f} ms")
        views = {
            "all, by hanzi": BrowseView(),
            "all, by due": BrowseView(sort="due"),
            "all, by state desc": BrowseView(sort="state", descending=True),
            "search 'ren'": BrowseView(search="ren"),
            "search 'meaning 4999'": BrowseView(search="meaning 4999"),
            "state learning, HSK 3": BrowseView(state="learning", hsk=3),
            "page 400 by stability": BrowseView(sort="stability"),
        }
        for name, view in views.items():
            offset = 40_000 if name.startswith("page") else 0
            ms = best_ms(lambda view=view, offset=offset: load_page(db, view, offset))
            print(f"{name:28} {ms:8.1f} ms  ({ms / baseline:,.0f}x bare)")


if __name__ == "__main__":
    main()
