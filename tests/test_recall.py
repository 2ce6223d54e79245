"""Grading typed pinyin on recall cards."""

import pytest

from vocab.recall import expected_syllables, grade_pinyin
from vocab.schedule import Grade

AI = "ren2 gong1 zhi4 neng2"


@pytest.mark.parametrize(
    "typed",
    ["ren2gong1zhi4neng2", "ren2 gong1 zhi4 neng2", "REN2GONG1 zhi4neng2", "rén gōng zhì néng"],
)
def test_right_is_good(typed: str) -> None:
    assert grade_pinyin(typed, AI).grade == Grade.GOOD


def test_one_wrong_tone_is_hard_and_names_it() -> None:
    result = grade_pinyin("ren2gong1zhi2neng2", AI, "rén gōng zhì néng")
    assert result.grade == Grade.HARD
    assert "zhi4 not zhi2" in result.message
    assert [slip.expected.letters for slip in result.tone_slips] == ["zhi"]


def test_missing_tones_are_hard() -> None:
    result = grade_pinyin("rengong zhi4neng2", AI)
    assert result.grade == Grade.HARD
    assert "ren2 not ren" in result.message and "gong1 not gong" in result.message


def test_wrong_syllables_are_again_with_the_answer() -> None:
    result = grade_pinyin("ren2gong1zhi4", AI, "rén gōng zhì néng")
    assert result.grade == Grade.AGAIN
    assert "rén gōng zhì néng" in result.message
    assert grade_pinyin("ren2gong1zhi4neng2a", AI).grade == Grade.AGAIN
    assert grade_pinyin("", AI).grade == Grade.AGAIN


@pytest.mark.parametrize("typed", ["lv4", "lu:4", "lü4", "LV4"])
def test_u_umlaut_as_v_or_u_colon(typed: str) -> None:
    assert grade_pinyin(typed, "lu:4").grade == Grade.GOOD


def test_plain_u_for_u_umlaut_is_wrong() -> None:
    # lu4 (路 road) and lü4 (绿 green) are different syllables.
    assert grade_pinyin("lu4", "lu:4").grade == Grade.AGAIN


@pytest.mark.parametrize("typed", ["ma", "ma5", "ma0"])
def test_neutral_tone_as_5_or_no_digit(typed: str) -> None:
    assert grade_pinyin(typed, "ma5").grade == Grade.GOOD


def test_neutral_typed_for_a_toned_syllable_is_hard() -> None:
    assert grade_pinyin("ma", "ma1").grade == Grade.HARD


def test_syllable_boundaries_follow_the_answer() -> None:
    assert grade_pinyin("xi1an1", "Xi1 an1").grade == Grade.GOOD
    assert grade_pinyin("xi'an1", "xi1 an1").grade == Grade.HARD
    assert grade_pinyin("yi1dian3r", "yi1 dian3 r5").grade == Grade.GOOD


def test_expected_syllables_of_a_cedict_reading() -> None:
    assert [s.numbered() for s in expected_syllables("nu:3 ren2 men5")] == [
        "nv3",
        "ren2",
        "men5",
    ]
