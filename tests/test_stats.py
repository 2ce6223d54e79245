"""Statistics checked against figures computed here, independently, from a review log built
for the test: reviews and time per day, true retention, the due forecast, counts, the streak."""

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from click.testing import CliRunner

from vocab.cli import cli
from vocab.service import stats as st
from vocab.store import open_db
from vocab.store.db import Database

NOW = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)  # a learner's day starts at 4:00 UTC here
TODAY = date(2026, 11, 29)

# (days ago, hour UTC, rating, seconds, stability before or None for a new card, days waited)
LOG = [
    (0, 6, 3, 10, None, 0),
    (0, 7, 1, 20, 30.0, 25),  # mature by stability, forgotten
    (0, 3, 3, 5, 2.0, 2),  # 3:00 is before 4:00: still yesterday's day
    (1, 12, 3, 30, 25.0, 21),  # mature, passed
    (2, 12, 4, 15, 5.0, 22),  # mature by the interval waited
    (4, 12, 2, 12, 50.0, 40),  # mature, passed; the gap on day 3 ends the streak
    (40, 12, 3, 60, 100.0, 90),  # mature, passed: inside 90 and 365 days only
    (100, 12, 1, 8, 21.0, 30),  # mature, forgotten: inside 365 only
    (400, 12, 3, 9, 60.0, 60),  # too old for every period
]


def build_log(db: Database) -> list[tuple[date, int, float, bool]]:
    """Write LOG as review rows; returns (learner's day, rating, seconds, mature) per review."""
    card_ids = [row[0] for row in db.execute("SELECT id FROM cards ORDER BY id LIMIT 9")]
    expected = []
    for card_id, (ago, hour, rating, seconds, stability, waited) in zip(card_ids, LOG, strict=True):
        at = datetime.combine(TODAY - timedelta(days=ago), datetime.min.time(), UTC).replace(
            hour=hour
        )
        state = due = None
        if stability is not None:
            last = at - timedelta(days=waited)
            state = json.dumps(
                {
                    "card_id": card_id,
                    "state": 2,
                    "step": None,
                    "stability": stability,
                    "difficulty": 5.0,
                    "due": at.isoformat(),
                    "last_review": last.isoformat(),
                }
            )
            due = at.isoformat()
        db.execute(
            "INSERT INTO reviews (card_id, rating, reviewed_at, duration_ms, state_before,"
            " due_before, log) VALUES (?, ?, ?, ?, ?, ?, '{}')",
            [card_id, rating, at.isoformat(timespec="microseconds"), seconds * 1000, state, due],
        )
        day = (at - timedelta(hours=4)).date()
        mature = stability is not None and (stability >= 21 or waited >= 21)
        expected.append((day, rating, float(seconds), mature))
    return expected


def test_stats_match_the_log(seed_db: Path) -> None:
    db = open_db(seed_db)
    log = build_log(db)
    stats = st.compute(db, NOW, UTC)
    assert stats.today == TODAY
    for days in st.PERIODS:
        window = [r for r in log if 0 <= (TODAY - r[0]).days < days]
        mature = [r for r in window if r[3]]
        period = stats.periods[days]
        assert period.reviews == len(window)
        assert period.seconds == sum(r[2] for r in window)
        assert period.days_studied == len({r[0] for r in window})
        assert period.mature_reviews == len(mature)
        assert period.mature_passed == sum(1 for r in mature if r[1] > 1)
    assert stats.periods[30].true_retention == 3 / 4
    assert stats.periods[365].true_retention == 4 / 6
    per_day = {day.date: day for day in stats.daily}
    assert len(stats.daily) == 365 and stats.daily[-1].date == TODAY
    assert per_day[TODAY].reviews == 2 and per_day[TODAY].seconds == 30
    assert per_day[TODAY - timedelta(days=1)].reviews == 2  # the 3:00 review counts here
    assert stats.streak == 3
    assert stats.desired_retention == 0.9


def test_streak_survives_a_day_not_yet_studied(seed_db: Path) -> None:
    db = open_db(seed_db)
    build_log(db)
    db.execute("DELETE FROM reviews WHERE reviewed_at >= ?", ["2026-11-29T04:00"])
    assert st.compute(db, NOW, UTC).streak == 2  # yesterday and the day before


def test_forecast_and_counts(seed_db: Path) -> None:
    db = open_db(seed_db)
    ids = [row[0] for row in db.execute("SELECT id FROM cards ORDER BY id LIMIT 5")]
    dues = [NOW - timedelta(days=3), NOW, NOW + timedelta(days=5), NOW + timedelta(days=45)]
    for card_id, due in zip(ids, dues, strict=False):
        db.execute(
            "UPDATE cards SET due = ?, fsrs_state = 2, stability = 10 WHERE id = ?",
            [due.isoformat(timespec="microseconds"), card_id],
        )
    db.execute("UPDATE cards SET suspended = 1, due = ? WHERE id = ?", [NOW.isoformat(), ids[4]])
    stats = st.compute(db, NOW, UTC)
    forecast = dict(stats.forecast)
    assert len(stats.forecast) == 30
    assert forecast[TODAY] == 2  # the overdue card and today's; not the suspended one
    assert forecast[TODAY + timedelta(days=5)] == 1
    assert sum(forecast.values()) == 3  # the one due in 45 days is beyond the forecast
    (terms,) = db.execute("SELECT count(*) FROM terms WHERE NOT is_name").fetchone()
    assert sum(stats.by_state.values()) == terms
    assert sum(sum(level.values()) for level in stats.by_hsk.values()) == terms
    (hsk1,) = db.execute("SELECT count(*) FROM terms WHERE hsk = 1 AND NOT is_name").fetchone()
    assert sum(stats.by_hsk["1"].values()) == hsk1
    assert stats.by_state["review"] >= 1 and stats.by_state["suspended"] == 0


def test_vocab_stats_json_has_every_figure(seed_db: Path) -> None:
    db = open_db(seed_db)
    build_log(db)
    db.close()
    result = CliRunner().invoke(cli, ["--db", str(seed_db), "stats", "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert set(figures) == {
        "today",
        "desired_retention",
        "streak",
        "periods",
        "terms_by_state",
        "terms_by_hsk",
        "reviews_per_day",
        "due_forecast",
    }
    assert set(figures["periods"]) == {"30", "90", "365"}
    assert len(figures["reviews_per_day"]) == 365 and len(figures["due_forecast"]) == 30
    plain = CliRunner().invoke(cli, ["--db", str(seed_db), "stats"])
    assert plain.exit_code == 0 and "true retention" in plain.output
