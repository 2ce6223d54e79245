"""FSRS fitted to the learner, on a real review log (12,580 Anki reviews): importing it, fitting
on the first 80% in time and scoring on the last 20%, storing only better parameters."""

import gzip
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import DATA
from vocab.cli import cli
from vocab.errors import InputError
from vocab.schedule import PARAMETERS_KEY
from vocab.service import optimize as op
from vocab.service.review import load_settings
from vocab.store import open_db

LOG = DATA / "review-logs" / "pyfsrs_review_logs_josh_1711744352250_to_1728234780857.csv.gz"
NOW = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)


def test_fitted_parameters_beat_the_defaults_on_later_reviews() -> None:
    reviews = [
        op.Review(card, rating, datetime.fromisoformat(at))
        for card, rating, at, _ in op.read_review_log(LOG)
    ]
    assert len(reviews) == 12_580
    items = op.items(reviews, UTC)
    cut = sorted(review.at for review in reviews)[int(len(reviews) * 0.8)]
    train = [item for item in items if item.at < cut]
    held_out = [item for item in items if item.at >= cut]
    parameters = op.fit(train)
    assert len(parameters) == 21 and parameters != op.DEFAULT_PARAMETERS
    default = op.evaluate(op.DEFAULT_PARAMETERS, held_out)
    fitted = op.evaluate(parameters, held_out)
    assert fitted.log_loss < default.log_loss
    assert fitted.rmse < default.rmse


def test_items_count_days_between_the_learners_days() -> None:
    at = datetime(2026, 1, 1, 10, tzinfo=UTC)
    reviews = [
        op.Review("a", 3, at),
        op.Review("a", 3, at + timedelta(hours=1)),
        op.Review("a", 1, at + timedelta(days=3)),
        op.Review("b", 3, at),
    ]
    items = op.items(reviews, UTC)
    assert [item.history for item in items] == [((3, 0), (3, 0)), ((3, 0), (3, 0), (1, 3))]
    assert [item.scored for item in items] == [False, True]


def test_import_then_optimize_stores_better_parameters(tmp_path: Path) -> None:
    path = tmp_path / "vocab.db"
    runner = CliRunner()
    result = runner.invoke(cli, ["--db", str(path), "import-reviews", str(LOG)])
    assert result.exit_code == 0 and "12580 reviews imported" in result.output
    plain = tmp_path / "log.csv"  # the same reviews, not gzipped: nothing new
    plain.write_bytes(gzip.decompress(LOG.read_bytes()))
    again = runner.invoke(cli, ["--db", str(path), "import-reviews", str(plain)])
    assert again.exit_code == 0 and "0 reviews imported (12580 already there)" in again.output
    result = runner.invoke(cli, ["--db", str(path), "optimize"])
    assert result.exit_code == 0, result.output
    assert "default parameters: log loss" in result.output and "saved" in result.output
    db = open_db(path)
    stored = json.loads(
        db.execute("SELECT value FROM settings WHERE key = ?", [PARAMETERS_KEY]).fetchone()[0]
    )
    assert load_settings(db).scheduler().parameters == tuple(stored)
    second = op.optimize(db, NOW, UTC)  # fitting again is no better than what is in use
    assert second.current is not None and not second.stored
    assert op.should_offer(db, NOW + timedelta(days=1)) is None  # just fitted
    assert op.should_offer(db, datetime.now(UTC) + timedelta(days=31)) == 12_580
    assert op.should_offer(db, datetime.now(UTC) + timedelta(days=32)) is None  # once a month


def test_fewer_than_400_reviews_keeps_the_defaults(seed_db: Path) -> None:
    result = CliRunner().invoke(cli, ["--db", str(seed_db), "optimize"])
    assert result.exit_code == 0
    assert "0 reviews so far: fitting needs at least 400" in result.output
    db = open_db(seed_db)
    assert load_settings(db).parameters is None
    assert op.should_offer(db, NOW) is None


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("card_id,rating\n1,3\n", r"lacks the column\(s\) review_rating"),
        (
            "card_id,review_rating,review_time,review_duration\n1,5,2024-01-01T00:00:00,1\n",
            "line 2: rating must be 1 to 4",
        ),
        ("card_id,review_rating,review_time,review_duration\n1,3,yesterday,1\n", "line 2"),
        ("card_id,review_rating,review_time,review_duration\n", "has no reviews"),
    ],
)
def test_a_bad_review_log_is_one_line_and_changes_nothing(
    tmp_path: Path, content: str, message: str
) -> None:
    log = tmp_path / "log.csv"
    log.write_text(content)
    with pytest.raises(InputError, match=message):
        op.read_review_log(log)
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "v.db"), "import-reviews", str(log)])
    assert result.exit_code == 1 and result.output.count("\n") == 1
