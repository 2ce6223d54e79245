"""FSRS scheduling and the queue policy, with the time pinned and fuzz off."""

import json
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from vocab.schedule import (
    LEECH_LAPSES,
    Allowance,
    Grade,
    Queue,
    ScheduleSettings,
    SettingError,
    allowance,
    day_bounds,
    format_interval,
    next_from,
    parse_setting,
    preview_intervals,
    retrievability,
    review,
    settings_from,
    sibling_buried_until,
    to_iso,
)

NOW = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)
PLAIN = ScheduleSettings(fuzz=False).scheduler()
SHANGHAI = ZoneInfo("Asia/Shanghai")


def history(grades: list[Grade]) -> list[str]:
    """Answer each grade when the card falls due; the intervals it was given."""
    state, lapses, now, intervals = None, 0, NOW, []
    for grade in grades:
        reviewed = review(PLAIN, 1, state, lapses, grade, now)
        intervals.append(format_interval(reviewed.due - now))
        state, lapses, now = reviewed.state, reviewed.lapses, reviewed.due
    return intervals


def test_good_every_time_grows_the_interval_exactly() -> None:
    good = Grade.GOOD
    assert history([good, good, good, good]) == ["10m", "2d", "11d", "1.5mo"]


def test_a_lapse_relearns_then_restarts_smaller() -> None:
    g, a = Grade.GOOD, Grade.AGAIN
    assert history([g, g, g, g, a, g, g]) == ["10m", "2d", "11d", "1.5mo", "10m", "3d", "8d"]


def test_easy_on_a_new_card_graduates_it_at_once() -> None:
    reviewed = review(PLAIN, 7, None, 0, Grade.EASY, NOW)
    assert reviewed.due - NOW == timedelta(days=8)
    assert reviewed.fsrs_state == 2
    assert json.loads(reviewed.state)["card_id"] == 7
    log = json.loads(reviewed.log)
    assert log["rating"] == 4 and log["card_id"] == 7


def test_preview_matches_what_each_answer_gives() -> None:
    preview = preview_intervals(PLAIN, 1, None, NOW)
    assert preview == {Grade.AGAIN: "1m", Grade.HARD: "6m", Grade.GOOD: "10m", Grade.EASY: "8d"}
    for grade, shown in preview.items():
        assert format_interval(review(PLAIN, 1, None, 0, grade, NOW).due - NOW) == shown


def test_preview_is_unfuzzed_even_when_fuzz_is_on() -> None:
    fuzzed = ScheduleSettings(fuzz=True).scheduler()
    state = review(PLAIN, 1, None, 0, Grade.EASY, NOW).state
    later = NOW + timedelta(days=8)
    assert {preview_intervals(fuzzed, 1, state, later)[Grade.GOOD] for _ in range(20)} == {
        preview_intervals(PLAIN, 1, state, later)[Grade.GOOD]
    }


def test_eight_lapses_make_a_leech() -> None:
    state, lapses, now = review(PLAIN, 1, None, 0, Grade.EASY, NOW).state, 0, NOW
    flags = []
    for _ in range(LEECH_LAPSES):
        now += timedelta(days=30)
        forgot = review(PLAIN, 1, state, lapses, Grade.AGAIN, now)
        flags.append(forgot.became_leech)
        relearned = review(PLAIN, 1, forgot.state, forgot.lapses, Grade.GOOD, now)
        state, lapses = relearned.state, relearned.lapses
    assert lapses == LEECH_LAPSES
    assert flags == [False] * (LEECH_LAPSES - 1) + [True]


def test_again_while_learning_is_not_a_lapse() -> None:
    assert review(PLAIN, 1, None, 0, Grade.AGAIN, NOW).lapses == 0


def test_retrievability_falls_with_time() -> None:
    state = review(PLAIN, 1, None, 0, Grade.EASY, NOW).state
    soon = retrievability(PLAIN, state, NOW + timedelta(days=2))
    late = retrievability(PLAIN, state, NOW + timedelta(days=30))
    assert 1 > soon > late > 0
    assert retrievability(PLAIN, None, NOW) == 0


def test_day_rolls_over_at_four_local_time() -> None:
    # 03:59 in Shanghai on the 30th still belongs to the 29th.
    before = datetime(2026, 11, 29, 19, 59, tzinfo=UTC)
    after = datetime(2026, 11, 29, 20, 0, tzinfo=UTC)
    start, end = day_bounds(before, SHANGHAI, 4)
    assert (start, end) == (
        datetime(2026, 11, 28, 20, 0, tzinfo=UTC),
        datetime(2026, 11, 29, 20, 0, tzinfo=UTC),
    )
    assert day_bounds(after, SHANGHAI, 4)[0] == end
    assert sibling_buried_until(before, SHANGHAI, 4) == end


def test_day_bounds_across_a_daylight_saving_change() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    # Clocks go back at 03:00 on 25 October 2026: the day from 04:00 on the 24th is 25 hours.
    start, end = day_bounds(datetime(2026, 10, 24, 12, 0, tzinfo=UTC), berlin, 4)
    assert end - start == timedelta(hours=25)


def test_format_interval_like_anki() -> None:
    assert [
        format_interval(timedelta(seconds=s))
        for s in (30, 60, 600, 3600, 86400, 3 * 86400, 45 * 86400, 400 * 86400)
    ] == ["<1m", "1m", "10m", "1h", "1d", "3d", "1.5mo", "1.1y"]


def test_queue_policy_order_and_limits() -> None:
    room = Allowance(new=1, reviews=1)
    assert next_from(1, 2, 3, 4, room) == (Queue.LEARNING, 1)
    assert next_from(None, 2, 3, 4, room) == (Queue.REVIEW, 2)
    assert next_from(None, None, 3, 4, room) == (Queue.NEW, 3)
    assert next_from(None, 2, 3, 4, Allowance(new=0, reviews=0)) == (Queue.LEARN_AHEAD, 4)
    assert next_from(None, None, None, None, room) is None


def test_allowance_counts_down_the_daily_limits() -> None:
    settings = ScheduleSettings(new_per_day=20, reviews_per_day=200)
    assert allowance(settings, 5, 199) == Allowance(new=15, reviews=1)
    assert allowance(settings, 25, 300) == Allowance(new=0, reviews=0)


def test_settings_are_parsed_and_checked() -> None:
    settings = settings_from({"desired_retention": "0.85", "new_per_day": "5", "fuzz": "off"})
    assert (settings.desired_retention, settings.new_per_day, settings.fuzz) == (0.85, 5, False)
    assert settings.scheduler().desired_retention == 0.85
    with pytest.raises(SettingError, match=r"between 0\.70 and 0\.97"):
        parse_setting("desired_retention", "0.5")
    with pytest.raises(SettingError, match="unknown setting"):
        parse_setting("colour", "red")


def test_times_sort_as_text() -> None:
    early = to_iso(NOW)
    later = to_iso(NOW + timedelta(microseconds=1))
    much_later = to_iso(NOW + timedelta(seconds=1))
    assert early < later < much_later
    assert len(early) == len(much_later)
