"""`vocab settings`: the review settings a learner can see and change from the command line."""

from pathlib import Path

from click.testing import CliRunner

from vocab.cli import cli


def run(db: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--db", str(db), "settings", *args])
    return result.exit_code, result.output


def test_defaults_are_shown(tmp_path: Path) -> None:
    code, out = run(tmp_path / "v.db")
    assert code == 0
    assert out.splitlines() == [
        "desired_retention  0.9",
        "new_per_day        20",
        "reviews_per_day    200",
        "day_starts_at      4",
        "fuzz               on",
        "tone_colours       on",
    ]


def test_a_change_is_kept_and_used_by_the_scheduler(tmp_path: Path) -> None:
    db = tmp_path / "v.db"
    assert run(db, "new_per_day", "7")[0] == 0
    assert run(db, "tone_colours", "off")[0] == 0
    out = run(db)[1]
    assert "new_per_day        7" in out and "tone_colours       off" in out

    from vocab.service.review import load_settings
    from vocab.store import open_db

    settings = load_settings(open_db(db))
    assert settings.new_per_day == 7 and settings.tone_colours is False


def test_a_value_out_of_range_is_one_line_and_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "v.db"
    code, out = run(db, "desired_retention", "0.5")
    assert code == 1
    assert out == "vocab: error: desired_retention must be between 0.70 and 0.97, not 0.5\n"
    assert "desired_retention  0.9" in run(db)[1]


def test_an_unknown_setting_names_the_known_ones(tmp_path: Path) -> None:
    code, out = run(tmp_path / "v.db", "colour", "red")
    assert code == 1 and "known: desired_retention, new_per_day" in out
