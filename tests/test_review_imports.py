"""A review session never loads the import libraries, so it starts at once."""

import subprocess
import sys
from pathlib import Path

HEAVY = ["jieba", "rjieba", "pypinyin", "wordfreq", "genanki"]


def test_showing_a_card_loads_no_import_library(seed_db: Path) -> None:
    code = f"""
import sys
from datetime import UTC, datetime
from zoneinfo import ZoneInfo
from vocab.store import open_db
from vocab.service import review
from vocab.schedule import Grade
import vocab.tui.app
db = open_db({str(seed_db)!r})
now = datetime(2026, 11, 30, 1, 0, tzinfo=UTC)
session = review.start_session(db, now, ZoneInfo("Asia/Shanghai"))
card = review.next_card(session, now)
assert card is not None
review.preview(session, card, now)
review.answer(session, card, Grade.GOOD, now, 1000)
review.check_recall(card, "ni3hao3")
review.summary(session, now)
review.overview(db, now, ZoneInfo("Asia/Shanghai"))
print(",".join(name for name in {HEAVY!r} if name in sys.modules))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
