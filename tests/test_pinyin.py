"""Pinyin: tone marks, tone numbers, readings in context."""

import pytest

from vocab.lexicon.pinyin import reading_in_sentence, to_tone_marks, tone_numbers


@pytest.mark.parametrize(
    ("numbered", "marked"),
    [
        ("ren2 gong1 zhi4 neng2", "rén gōng zhì néng"),
        ("yin2 hang2", "yín háng"),
        ("nu:3 er2", "nǚ ér"),
        ("lu:e4", "lüè"),
        ("liu2 xue2 sheng1 de5", "liú xué shēng de"),
        ("gou3 dui4 shui3", "gǒu duì shuǐ"),
        ("Shang4 hai3", "Shàng hǎi"),
        ("san1 C", "sān C"),
        ("na3 r5", "nǎ r"),
    ],
)
def test_tone_marks(numbered: str, marked: str) -> None:
    assert to_tone_marks(numbered) == marked


def test_tone_numbers() -> None:
    assert tone_numbers("ren2 gong1 de5 C") == [2, 1, 5, 5]


def test_xing_in_context() -> None:
    assert reading_in_sentence("银行", "我去银行取钱") == "yin2 hang2"
    assert reading_in_sentence("行", "我去银行取钱") == "hang2"
    assert reading_in_sentence("行", "他很行") == "xing2"


def test_u_umlaut_in_cedict_style() -> None:
    assert reading_in_sentence("女儿", "她有一个女儿") == "nu:3 er2"
