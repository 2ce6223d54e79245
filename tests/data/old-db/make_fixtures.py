"""Make the databases of older schema versions that tests/test_migrations.py opens.

    python tests/data/old-db/make_fixtures.py [OUTPUT_FOLDER]

Made with the committed code of 9a7b474 (exported with `git archive`, this script run from
there with this folder as OUTPUT_FOLDER), and committed; never regenerate
them with newer code, or they stop being what an older vocab wrote. Each holds the seed article
and two weeks of reviews, written by the real import and review services into a current
database, then copied column by column into a file built by migrations up to m001 or m002 only
(the columns those versions had).
"""

import sqlite3
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from tempfile import TemporaryDirectory

import sqlite_utils

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent.parent
sys.path.insert(0, str(ROOT))

from vocab.schedule import Grade  # noqa: E402
from vocab.service import review  # noqa: E402
from vocab.service.importing import add_article  # noqa: E402
from vocab.store import open_db  # noqa: E402
from vocab.store.db import Database  # noqa: E402
from vocab.store.schema import migrations  # noqa: E402

START = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
GRADES = [Grade.GOOD, Grade.GOOD, Grade.AGAIN, Grade.HARD, Grade.GOOD, Grade.EASY]


def current_database(path: Path) -> None:
    db = open_db(path)
    add_article(db, str(ROOT / "decks" / "ai-new-jobs.txt"), now=START)
    answered = 0
    for day in range(14):
        now = START + timedelta(days=day)
        session = review.start_session(db, now, UTC)
        for _ in range(12):
            card = review.next_card(session, now)
            if card is None:
                break
            review.answer(session, card, GRADES[answered % len(GRADES)], now, 4000)
            answered += 1
            now += timedelta(seconds=30)
    db.close()


def old_database(source: Path, target: Path, stop_before: str) -> None:
    target.unlink(missing_ok=True)
    old = Database(sqlite3.connect(target, isolation_level=None))
    migrations.for_sqlite_utils(old).apply(sqlite_utils.Database(old.conn), stop_before=stop_before)
    old.execute("ATTACH DATABASE ? AS new", [str(source)])
    tables = [
        name
        for (name,) in old.execute(
            "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_%' ESCAPE '\\'"
        )
    ]
    with old.atomic():
        for table in tables:
            columns = [row[1] for row in old.execute(f"PRAGMA main.table_info({table})")]
            listed = ", ".join(columns)
            old.execute(f"INSERT INTO main.{table} ({listed}) SELECT {listed} FROM new.{table}")
    old.execute("DETACH DATABASE new")
    old.execute("VACUUM")
    old.close()


def main() -> None:
    output = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    with TemporaryDirectory() as folder:
        source = Path(folder) / "current.db"
        current_database(source)
        old_database(source, output / "m001.db", stop_before="m002_review_queue")
        old_database(source, output / "m002.db", stop_before="m003_browse_stats_history")
    for name in ("m001.db", "m002.db"):
        conn = sqlite3.connect(output / name)
        counts = {
            table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("articles", "sentences", "terms", "cards", "reviews")
        }
        print(name, (output / name).stat().st_size, counts)


if __name__ == "__main__":
    main()
