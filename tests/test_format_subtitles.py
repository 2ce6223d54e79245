"""Subtitles: a dual-language .srt, or two .srt files given together, paired by cue time."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from format_accuracy import plain_accuracy, rendered_accuracy
from test_align import cedict_glosses

from vocab.errors import InputError
from vocab.text.document import parse_document
from vocab.text.formats import Document, detect_format, load, load_many
from vocab.text.formats.subtitles import position


def stamp(seconds: float) -> str:
    millis = round(seconds * 1000)
    return f"{millis // 3_600_000:02d}:{millis // 60_000 % 60:02d}:{millis // 1000 % 60:02d},{millis % 1000:03d}"


def srt(cues: list[tuple[float, float, str]], newline: str = "\n") -> bytes:
    blocks = [
        f"{i}{newline}{stamp(start)} --> {stamp(end)}{newline}{text.replace(chr(10), newline)}"
        for i, (start, end, text) in enumerate(cues, 1)
    ]
    return ((newline * 2).join(blocks) + newline).encode()


FILM = [
    (1.0, 3.5, "<i>我们明天早上出发。</i>\nWe leave tomorrow morning."),
    # Two people speak at once: the second cue starts before the first ends.
    (3.0, 6.0, "{\\an8}你带地图了吗？\nDid you bring the map?"),
    (6.2, 8.0, "Tom &amp; Jerry are coming too.\n汤姆&amp;杰瑞也来。"),
    (
        65.0,
        68.0,
        '<font color="#ffff00">好的，</font>\n<font color="#ffff00">没问题。</font>\nOK, no problem.',
    ),
]


def test_a_dual_srt_pairs_each_cue_and_keeps_its_time() -> None:
    data = b"\xef\xbb\xbf" + srt(FILM, newline="\r\n")
    assert detect_format("film.txt", data) == "srt"
    document = load("film.srt", data)
    (section,) = document.sections
    assert [cue.zh for cue in section.cues] == [
        (("00:00:01", "我们明天早上出发。"),),
        (("00:00:03", "你带地图了吗？"),),
        (("00:00:06", "汤姆&杰瑞也来。"),),
        (("00:01:05", "好的，没问题。"),),
    ]
    assert [cue.en for cue in section.cues] == [
        ("We leave tomorrow morning.",),
        ("Did you bring the map?",),
        ("Tom & Jerry are coming too.",),
        ("OK, no problem.",),
    ]


def test_sentences_carry_their_cue_time() -> None:
    article = parse_document(load("film.srt", srt(FILM)), glosses=cedict_glosses)
    assert [(s.zh, s.en, s.position) for s in article.sentences] == [
        ("我们明天早上出发。", "We leave tomorrow morning.", "00:00:01"),
        ("你带地图了吗？", "Did you bring the map?", "00:00:03"),
        ("汤姆&杰瑞也来。", "Tom & Jerry are coming too.", "00:00:06"),
        ("好的，没问题。", "OK, no problem.", "00:01:05"),
    ]


def test_two_files_pair_by_time_whatever_their_order_and_splits() -> None:
    zh = srt([(1.0, 4.0, "我们明天早上出发，你带地图了吗？"), (5.0, 7.0, "汤姆也来。")])
    # The English file splits the first cue in two and runs a little late.
    en = srt(
        [
            (1.2, 2.6, "We leave tomorrow morning."),
            (2.6, 4.2, "Did you bring the map?"),
            (5.3, 7.1, "Tom is coming too."),
        ]
    )
    for files in (
        [("film.en.srt", en), ("film.zh.srt", zh)],
        [("film.zh.srt", zh), ("film.en.srt", en)],
    ):
        (section,) = load_many(files).sections
        assert [(cue.zh, cue.en) for cue in section.cues] == [
            (
                (("00:00:01", "我们明天早上出发，你带地图了吗？"),),
                ("We leave tomorrow morning.", "Did you bring the map?"),
            ),
            ((("00:00:05", "汤姆也来。"),), ("Tom is coming too.",)),
        ]


def test_two_files_whose_times_do_not_fit_are_paired_by_their_text() -> None:
    zh = srt(
        [(1.0, 4.0, "2020年,中国新增了72个新职业。"), (5.0, 7.0, "上海有一万六千多人参加考核。")]
    )
    # Another cut of the film: every English cue an hour later.
    en = srt(
        [
            (3601.0, 3604.0, "In 2020, China added 72 new professions."),
            (3605.0, 3607.0, "In Shanghai, 16,000 people took the evaluation."),
        ]
    )
    article = parse_document(
        load_many([("a.zh.srt", zh), ("a.en.srt", en)]), glosses=cedict_glosses
    )
    assert [(s.en, s.position) for s in article.sentences] == [
        ("In 2020, China added 72 new professions.", "00:00:01"),
        ("In Shanghai, 16,000 people took the evaluation.", "00:00:05"),
    ]


def test_a_chinese_only_srt_is_an_article_without_english() -> None:
    article = parse_document(load("zh.srt", srt([(0.5, 2.0, "你好。"), (2.5, 4.0, "再见。")])))
    assert [(s.zh, s.en, s.position) for s in article.sentences] == [
        ("你好。", None, "00:00:00"),
        ("再见。", None, "00:00:02"),
    ]


def test_position_is_the_start_time() -> None:
    assert position(timedelta(hours=1, minutes=2, seconds=3, milliseconds=999)) == "01:02:03"


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (
            [("a.srt", b"1\n00:00:01,000 --> 00:00:02,000\nHello there.\n")],
            "a.srt has no Chinese text",
        ),
        (
            [
                (
                    "a.srt",
                    b"1\n00:00:01,000 --> 00:00:02,000\n\xe4\xbd\xa0\xe5\xa5\xbd\n\nthis is not a cue\n",
                )
            ],
            None,
        ),
        (
            [
                ("a.srt", b"1\n00:00:01,000 --> 00:00:02,000\n\xe4\xbd\xa0\xe5\xa5\xbd\n"),
                ("b.txt", "好".encode()),
            ],
            "only two subtitle files",
        ),
        (
            [
                ("a.srt", b"1\n00:00:01,000 --> 00:00:02,000\nHi.\n"),
                ("b.srt", b"1\n00:00:01,000 --> 00:00:02,000\nHo.\n"),
            ],
            "have no Chinese text",
        ),
        ([("a.srt", b"1\n00:00:01,000 --> 00:00:02,000\n")], "has no Chinese text"),
        ([("a.srt", b"")], "a.srt is empty"),
    ],
)
def test_bad_subtitles_give_one_clear_line(
    files: list[tuple[str, bytes]], message: str | None
) -> None:
    if message is None:  # stray text after a cue is part of that cue, as players show it
        assert load_many(files).text == "你好\nthis is not a cue"
        return
    with pytest.raises(InputError, match=message) as error:
        load_many(files)
    assert "\n" not in str(error.value)


def test_a_broken_cue_is_passed_over_and_the_rest_read() -> None:
    data = "1\n00:00:01,000 --> 00:00:02,000\n你好\n\n2\n00:00:0X,000 --> 00:00:03,000\n再见\n".encode()
    assert load("broken.srt", data).text == "你好"


def test_subtitles_with_no_readable_cue_give_one_clear_line() -> None:
    data = "1\n00:00:01,000 --> garbage\n人工智能\n\n2\n00:00:0X,000 --> 00:00:01,000\n正在改变\n".encode()
    with pytest.raises(InputError, match=r"broken\.srt has no subtitle cues vocab can read"):
        load("broken.srt", data)


_SENTENCE_END = re.compile(r"(?<=[.!?\"”])\s+(?=[A-Z\"“])")


def _dual(stem: str, pairs: list[tuple[str, str]]) -> Document:
    """One cue per paragraph pair, Chinese over English; each cue overlaps the next a little."""
    cues = [(i * 10.0, i * 10.0 + 10.5, f"{zh}\n{en}") for i, (zh, en) in enumerate(pairs)]
    return load(f"{stem}.srt", srt(cues))


def _two_files(stem: str, pairs: list[tuple[str, str]]) -> Document:
    """A Chinese file and an English one that splits each cue at a sentence end, a bit late."""
    zh_cues = [(i * 10.0, i * 10.0 + 9.0, zh) for i, (zh, _) in enumerate(pairs)]
    en_cues = []
    for i, (_, en) in enumerate(pairs):
        sentences = _SENTENCE_END.split(en)
        half = max(1, len(sentences) // 2)
        parts = [" ".join(sentences[:half]), " ".join(sentences[half:])]
        parts = [part for part in parts if part]
        step = 9.0 / len(parts)
        en_cues += [
            (i * 10.0 + 0.4 + k * step, i * 10.0 + 0.4 + (k + 1) * step, part)
            for k, part in enumerate(parts)
        ]
    return load_many([(f"{stem}.en.srt", srt(en_cues, "\r\n")), (f"{stem}.zh.srt", srt(zh_cues))])


def test_news_as_dual_srt_keeps_the_context_accuracy() -> None:
    accuracy, lost = rendered_accuracy(_dual)
    print(
        f"context accuracy, news as dual .srt: {accuracy:.4f} (plain text {plain_accuracy():.4f})"
    )
    assert lost == []
    assert accuracy >= plain_accuracy()


def test_news_as_two_srt_files_keeps_the_context_accuracy() -> None:
    accuracy, lost = rendered_accuracy(_two_files)
    print(
        f"context accuracy, news as two .srt files: {accuracy:.4f} (plain text {plain_accuracy():.4f})"
    )
    assert lost == []
    assert accuracy >= plain_accuracy()


def test_two_subtitle_files_of_one_film_are_one_article() -> None:
    from vocab.text.formats import article_files, film_name

    named = ["film.en.srt", "notes.txt", "film.zh-CN.srt", "ep1.srt", "ep2.srt", "solo.en.srt"]
    assert article_files(named) == [
        ("film.en.srt", "film.zh-CN.srt"),
        ("notes.txt",),
        ("ep1.srt",),
        ("ep2.srt",),
        ("solo.en.srt",),
    ]
    assert film_name(["film.en.srt", "film.zh-CN.srt"]) == "film"


def test_vocab_add_makes_one_article_of_two_subtitle_files(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from vocab.cli import cli

    (tmp_path / "film.zh.srt").write_bytes(
        srt([(1.0, 4.0, "我们明天早上出发。"), (5.0, 7.0, "你带地图了吗？")])
    )
    (tmp_path / "film.en.srt").write_bytes(
        srt([(1.1, 4.0, "We leave tomorrow morning."), (5.2, 7.0, "Did you bring the map?")])
    )
    db = str(tmp_path / "vocab.db")
    files = [str(tmp_path / "film.en.srt"), str(tmp_path / "film.zh.srt")]
    result = CliRunner().invoke(cli, ["--db", db, "add", *files], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    (line,) = result.output.splitlines()
    assert line.startswith('added "film" as film: 2 paragraph pairs, 2 sentence pairs')
