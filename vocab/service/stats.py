"""The learner's progress in figures: reviews and time per day, the due forecast, true retention
against the desired one, terms by state and HSK level, and the current streak.

Days are the learner's days (they roll over at `day_starts_at`, 4 a.m. by default, in their time
zone), as everywhere in vocab. `vocab stats --json` prints `as_json(compute(...))`.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from vocab.schedule import day_bounds, from_iso
from vocab.service.review import load_settings
from vocab.store import stats as store
from vocab.store.browse import TERM_STATES
from vocab.store.db import Database

PERIODS = (30, 90, 365)
FORECAST_DAYS = 30


@dataclass(frozen=True)
class Day:
    date: date
    reviews: int
    seconds: float  # time spent answering


@dataclass(frozen=True)
class Period:
    """The last `days` days, today included."""

    days: int
    reviews: int
    seconds: float
    days_studied: int
    mature_reviews: int  # answers to cards that were mature
    mature_passed: int  # ... other than Again

    @property
    def true_retention(self) -> float | None:
        return self.mature_passed / self.mature_reviews if self.mature_reviews else None


@dataclass(frozen=True)
class Stats:
    today: date
    desired_retention: float
    daily: list[Day]  # the last 365 days, oldest first
    periods: dict[int, Period]
    forecast: list[tuple[date, int]]  # cards due per day from today (overdue count for today)
    by_state: dict[str, int]
    by_hsk: dict[str, dict[str, int]]  # "1".."7", "unlisted" -> state -> terms
    streak: int  # consecutive days with reviews, ending today (or yesterday, before today's)


def learner_day(moment: datetime, tz: tzinfo, starts_at: int) -> date:
    """The learner's date of a moment: before `starts_at` o'clock it is still yesterday."""
    start, _ = day_bounds(moment, tz, starts_at)
    return start.astimezone(tz).date()


def compute(db: Database, now: datetime, tz: tzinfo) -> Stats:
    settings = load_settings(db)
    starts = settings.day_starts_at
    today = learner_day(now, tz, starts)
    day_start, day_end = day_bounds(now, tz, starts)
    since = day_start - timedelta(days=max(PERIODS) + 1)
    logged = store.reviews_since(db, since)
    first_day = today - timedelta(days=max(PERIODS) - 1)
    counts: Counter[date] = Counter()
    seconds: dict[date, float] = defaultdict(float)
    days_of = []
    for review in logged:
        day = learner_day(from_iso(review.reviewed_at), tz, starts)
        days_of.append(day)
        counts[day] += 1
        seconds[day] += (review.duration_ms or 0) / 1000
    calendar = [first_day + timedelta(days=i) for i in range(max(PERIODS))]
    daily = [Day(day, counts[day], seconds[day]) for day in calendar]
    periods = {}
    for length in PERIODS:
        start = today - timedelta(days=length - 1)
        window = [
            review for review, day in zip(logged, days_of, strict=True) if start <= day <= today
        ]
        mature = [review for review in window if review.mature]
        periods[length] = Period(
            length,
            len(window),
            sum((review.duration_ms or 0) / 1000 for review in window),
            len({day for day in days_of if start <= day <= today}),
            len(mature),
            sum(1 for review in mature if review.rating > 1),
        )
    return Stats(
        today,
        settings.desired_retention,
        daily,
        periods,
        _forecast(db, now, tz, starts, today, day_end),
        *_terms(db),
        _streak(set(counts), today),
    )


def _forecast(
    db: Database, now: datetime, tz: tzinfo, starts: int, today: date, day_end: datetime
) -> list[tuple[date, int]]:
    dues: Counter[date] = Counter()
    for due in store.dues_before(db, day_end + timedelta(days=FORECAST_DAYS - 1)):
        dues[max(learner_day(from_iso(due), tz, starts), today)] += 1
    return [
        (today + timedelta(days=i), dues[today + timedelta(days=i)]) for i in range(FORECAST_DAYS)
    ]


def _terms(db: Database) -> tuple[dict[str, int], dict[str, dict[str, int]]]:
    by_state = dict.fromkeys(TERM_STATES, 0)
    by_hsk: dict[str, dict[str, int]] = {}
    for (hsk, state), count in store.terms_by_state_and_hsk(db).items():
        by_state[state] += count
        level = str(hsk) if hsk is not None else "unlisted"
        by_hsk.setdefault(level, dict.fromkeys(TERM_STATES, 0))[state] += count
    order = [str(level) for level in range(1, 8)] + ["unlisted"]
    return by_state, {level: by_hsk[level] for level in order if level in by_hsk}


def _streak(days: set[date], today: date) -> int:
    """Days in a row with at least one review; today not yet studied does not break it."""
    day = today if today in days else today - timedelta(days=1)
    streak = 0
    while day in days:
        streak += 1
        day -= timedelta(days=1)
    return streak


def as_json(stats: Stats) -> dict[str, Any]:
    """Every figure, for `vocab stats --json`."""
    return {
        "today": stats.today.isoformat(),
        "desired_retention": stats.desired_retention,
        "streak": stats.streak,
        "periods": {
            str(days): {
                "reviews": period.reviews,
                "minutes": round(period.seconds / 60, 1),
                "days_studied": period.days_studied,
                "mature_reviews": period.mature_reviews,
                "mature_passed": period.mature_passed,
                "true_retention": period.true_retention,
            }
            for days, period in stats.periods.items()
        },
        "terms_by_state": stats.by_state,
        "terms_by_hsk": stats.by_hsk,
        "reviews_per_day": [
            {
                "date": day.date.isoformat(),
                "reviews": day.reviews,
                "minutes": round(day.seconds / 60, 1),
            }
            for day in stats.daily
        ],
        "due_forecast": [{"date": day.isoformat(), "due": due} for day, due in stats.forecast],
    }
