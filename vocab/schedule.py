"""FSRS scheduling and the daily queue policy, as pure functions over the `fsrs` package.

Nothing here reads the clock or the database: every function takes `now` (an aware UTC datetime)
and returns values. The store keeps a card's state as `fsrs.Card.to_dict()` JSON.

`fsrs` is imported by the functions that schedule, not here: choosing and showing the first card
of a review needs only the queue policy, and the learner answers it a few seconds later. For the
same reason its records are NamedTuples, cheap to define at import; the settings stay a frozen
dataclass, which `dataclasses.replace` copies.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime, time, timedelta, tzinfo
from enum import IntEnum
from typing import TYPE_CHECKING, NamedTuple

from vocab.errors import VocabError

if TYPE_CHECKING:
    from fsrs import Card, ReviewLog, Scheduler

LEECH_LAPSES = 8
# Like Anki's "learn ahead limit": when nothing else is left, a learning card due within this
# window is shown now rather than ending the session with it pending.
LEARN_AHEAD = timedelta(minutes=20)


class SettingError(VocabError):
    """A setting was given a value outside what it accepts."""


class Grade(IntEnum):
    """The learner's four answers, with fsrs' numbering."""

    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4

    @property
    def label(self) -> str:
        return self.name.capitalize()


@dataclass(frozen=True)
class ScheduleSettings:
    """The learner's review settings (`vocab settings`), and the fitted FSRS parameters."""

    desired_retention: float = 0.90
    new_per_day: int = 20
    reviews_per_day: int = 200
    day_starts_at: int = 4  # hour, local time
    fuzz: bool = True
    tone_colours: bool = True
    # FSRS-6 parameters fitted to the learner by `vocab optimize`; None: fsrs' defaults.
    parameters: tuple[float, ...] | None = None

    def scheduler(self) -> Scheduler:
        from fsrs import Scheduler

        if self.parameters is not None:
            return Scheduler(
                parameters=self.parameters,
                desired_retention=self.desired_retention,
                enable_fuzzing=self.fuzz,
            )
        return Scheduler(desired_retention=self.desired_retention, enable_fuzzing=self.fuzz)


# How each setting is parsed from its stored text, and what it accepts.
SETTING_KEYS = (
    "desired_retention",
    "new_per_day",
    "reviews_per_day",
    "day_starts_at",
    "fuzz",
    "tone_colours",
)


def _parse_bool(key: str, text: str) -> bool:
    lowered = text.strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off"):
        return False
    raise SettingError(f"{key} must be on or off, not {text!r}")


def _parse_int(key: str, text: str, low: int, high: int) -> int:
    try:
        value = int(text)
    except ValueError:
        raise SettingError(f"{key} must be a whole number, not {text!r}") from None
    if not low <= value <= high:
        raise SettingError(f"{key} must be between {low} and {high}, not {value}")
    return value


def parse_setting(key: str, text: str) -> float | int | bool:
    """The typed value of one setting, checked; raises SettingError with a learner's message."""
    match key:
        case "desired_retention":
            try:
                value = float(text)
            except ValueError:
                raise SettingError(f"desired_retention must be a number, not {text!r}") from None
            if not 0.70 <= value <= 0.97:
                raise SettingError(f"desired_retention must be between 0.70 and 0.97, not {value}")
            return value
        case "new_per_day":
            return _parse_int(key, text, 0, 9999)
        case "reviews_per_day":
            return _parse_int(key, text, 0, 99999)
        case "day_starts_at":
            return _parse_int(key, text, 0, 23)
        case "fuzz" | "tone_colours":
            return _parse_bool(key, text)
    raise SettingError(f"unknown setting {key!r}; known: {', '.join(SETTING_KEYS)}")


# Written only by `vocab optimize` (a JSON list of 21 numbers), so not among SETTING_KEYS.
PARAMETERS_KEY = "fsrs_parameters"
FSRS_PARAMETER_COUNT = 21


def parse_parameters(text: str) -> tuple[float, ...]:
    try:
        values = tuple(float(value) for value in json.loads(text))
    except (ValueError, TypeError):
        raise SettingError(f"{PARAMETERS_KEY} must be a JSON list of numbers") from None
    if len(values) != FSRS_PARAMETER_COUNT:
        raise SettingError(f"{PARAMETERS_KEY} must hold {FSRS_PARAMETER_COUNT} numbers")
    return values


def settings_from(stored: Mapping[str, str]) -> ScheduleSettings:
    """Settings from the stored key/value texts; missing keys keep their defaults."""
    values = {key: parse_setting(key, text) for key, text in stored.items() if key in SETTING_KEYS}
    if PARAMETERS_KEY in stored:
        values["parameters"] = parse_parameters(stored[PARAMETERS_KEY])  # type: ignore[assignment]
    return replace(ScheduleSettings(), **values)  # type: ignore[arg-type]


# --- the day --------------------------------------------------------------------------------


def day_bounds(now: datetime, tz: tzinfo, starts_at: int = 4) -> tuple[datetime, datetime]:
    """The learner's day containing `now`, in UTC: it rolls over at `starts_at` o'clock in `tz`."""
    local = now.astimezone(tz)
    start_date = local.date() if local.hour >= starts_at else local.date() - timedelta(days=1)
    start = datetime.combine(start_date, time(starts_at), tzinfo=tz)
    end = datetime.combine(start_date + timedelta(days=1), time(starts_at), tzinfo=tz)
    return start.astimezone(UTC), end.astimezone(UTC)


def to_iso(moment: datetime) -> str:
    """The one text form of a time in the database: fixed width, so text order is time order."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def from_iso(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


# --- one review -----------------------------------------------------------------------------


class Reviewed(NamedTuple):
    """A card's new state after one answer, and what the store records about it."""

    state: str  # fsrs Card.to_dict() as JSON
    due: datetime
    fsrs_state: int
    stability: float | None
    last_review: datetime
    lapses: int
    became_leech: bool
    log: str  # fsrs ReviewLog.to_dict() as JSON


def card_from_state(card_id: int, state: str | None, now: datetime) -> Card:
    """The fsrs card for a stored state, or a fresh one (due now) for a new card."""
    from fsrs import Card

    if state is None:
        return Card(card_id=card_id, due=now)
    return Card.from_dict(json.loads(state))


def review(
    scheduler: Scheduler,
    card_id: int,
    state: str | None,
    lapses: int,
    grade: Grade,
    now: datetime,
    duration_ms: int | None = None,
) -> Reviewed:
    """Apply one answer. A lapse is forgetting a card that had graduated (Again in Review)."""
    from fsrs import Rating, State

    before = card_from_state(card_id, state, now)
    after, log = scheduler.review_card(
        before, Rating(int(grade)), review_datetime=now, review_duration=duration_ms
    )
    lapsed = before.state == State.Review and grade == Grade.AGAIN
    new_lapses = lapses + int(lapsed)
    return Reviewed(
        state=json.dumps(after.to_dict()),
        due=after.due,
        fsrs_state=int(after.state),
        stability=after.stability,
        last_review=now,
        lapses=new_lapses,
        became_leech=lapsed and new_lapses >= LEECH_LAPSES,
        log=json.dumps(_log_dict(log)),
    )


def _log_dict(log: ReviewLog) -> dict[str, object]:
    return dict(log.to_dict())


def retrievability(scheduler: Scheduler, state: str | None, now: datetime) -> float:
    """The predicted chance of recalling the card now (0 for a card never reviewed)."""
    from fsrs import Card

    if state is None:
        return 0.0
    return float(scheduler.get_card_retrievability(Card.from_dict(json.loads(state)), now))


# --- previews -------------------------------------------------------------------------------


def format_interval(interval: timedelta) -> str:
    """Anki's short form: "10m", "1h", "1d", "3d", "1.5mo", "2y"."""
    seconds = interval.total_seconds()
    if seconds < 60:
        return "<1m"
    minutes = seconds / 60
    if minutes < 60:
        return f"{round(minutes)}m"
    hours = minutes / 60
    if hours < 24:
        return f"{round(hours)}h"
    days = hours / 24
    if days < 30:
        return f"{round(days)}d"
    if days < 365:
        return _one_decimal(days / 30) + "mo"
    return _one_decimal(days / 365) + "y"


def _one_decimal(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def preview_intervals(
    scheduler: Scheduler, card_id: int, state: str | None, now: datetime
) -> dict[Grade, str]:
    """The interval each grade would give, as shown on its button. Without fuzz, so the preview
    is stable while the learner looks at it (the real answer is fuzzed)."""
    from fsrs import Rating

    plain = replace(scheduler, enable_fuzzing=False) if scheduler.enable_fuzzing else scheduler
    card = card_from_state(card_id, state, now)
    previews = {}
    for grade in Grade:
        after, _ = plain.review_card(card, Rating(int(grade)), review_datetime=now)
        previews[grade] = format_interval(after.due - now)
    return previews


# --- the queue ------------------------------------------------------------------------------


class Queue(IntEnum):
    """Which part of the day's queue a card comes from, in the order they are shown."""

    LEARNING = 1
    REVIEW = 2
    NEW = 3
    LEARN_AHEAD = 4


class Allowance(NamedTuple):
    """How many more new cards and reviews today's limits allow."""

    new: int
    reviews: int


def allowance(
    settings: ScheduleSettings, new_done_today: int, reviews_done_today: int
) -> Allowance:
    return Allowance(
        new=max(0, settings.new_per_day - new_done_today),
        reviews=max(0, settings.reviews_per_day - reviews_done_today),
    )


def next_from(
    learning_due: int | None,
    review_due: int | None,
    new_card: int | None,
    learning_ahead: int | None,
    allowed: Allowance,
) -> tuple[Queue, int] | None:
    """The queue policy: learning cards when due, then reviews (already in ascending
    retrievability), then new cards within the daily limit, then learning cards due soon."""
    if learning_due is not None:
        return Queue.LEARNING, learning_due
    if review_due is not None and allowed.reviews > 0:
        return Queue.REVIEW, review_due
    if new_card is not None and allowed.new > 0:
        return Queue.NEW, new_card
    if learning_ahead is not None:
        return Queue.LEARN_AHEAD, learning_ahead
    return None


def sibling_buried_until(now: datetime, tz: tzinfo, starts_at: int = 4) -> datetime:
    """A reviewed card's sibling waits until the learner's next day begins."""
    return day_bounds(now, tz, starts_at)[1]
