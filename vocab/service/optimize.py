"""FSRS fitted to the learner: the 21 FSRS-6 parameters fitted to their own reviews with
fsrs-rs-python, kept only when they predict those reviews better than the ones in use; and
review logs imported from other apps (py-fsrs CSV form) to fit from an Anki history.
"""

import csv
import gzip
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from pathlib import Path

import fsrs_rs_python as fsrs_rs

from vocab.errors import InputError
from vocab.schedule import PARAMETERS_KEY, day_bounds, from_iso, to_iso
from vocab.service.review import load_settings
from vocab.store import cards, history
from vocab.store.db import Database

MIN_REVIEWS = 400
OFFER_EVERY = timedelta(days=30)
OPTIMIZED_AT_KEY = "optimized_at"
OFFERED_AT_KEY = "optimize_offered_at"
DEFAULT_PARAMETERS: tuple[float, ...] = tuple(fsrs_rs.DEFAULT_PARAMETERS)
CSV_COLUMNS = ("card_id", "review_rating", "review_time", "review_duration")


class NotEnoughReviewsError(InputError):
    """Too few reviews to fit parameters that mean anything."""


@dataclass(frozen=True)
class Review:
    card: str
    rating: int  # 1 Again .. 4 Easy
    at: datetime  # aware UTC


@dataclass(frozen=True)
class Item:
    """One review to predict, with the card's history up to and including it: (rating, days
    since the previous review) pairs, the first with 0."""

    history: tuple[tuple[int, int], ...]
    at: datetime

    def fsrs_item(self) -> fsrs_rs.FSRSItem:
        return fsrs_rs.FSRSItem([fsrs_rs.FSRSReview(r, d) for r, d in self.history])

    @property
    def long_term(self) -> bool:
        """fsrs-rs learns from histories with a review on another day than the one before."""
        return any(days > 0 for _, days in self.history)

    @property
    def scored(self) -> bool:
        """fsrs-rs scores the predictions for reviews on another day (same-day ones are steps)."""
        return self.history[-1][1] > 0


def items(reviews: Sequence[Review], tz: tzinfo, day_starts_at: int = 4) -> list[Item]:
    """fsrs-rs training items from reviews (any order): one per review after a card's first,
    with days counted between the learner's days, as Anki does."""
    by_card: dict[str, list[Review]] = {}
    for review in reviews:
        by_card.setdefault(review.card, []).append(review)
    found = []
    for card_reviews in by_card.values():
        card_reviews.sort(key=lambda review: review.at)
        steps: list[tuple[int, int]] = []
        previous: date | None = None
        for review in card_reviews:
            day = day_bounds(review.at, tz, day_starts_at)[0].date()
            steps.append((review.rating, (day - previous).days if previous else 0))
            previous = day
            if len(steps) > 1:
                found.append(Item(tuple(steps), review.at))
    found.sort(key=lambda item: item.at)
    return found


@dataclass(frozen=True)
class Evaluation:
    log_loss: float
    rmse: float


def fit(train: Sequence[Item]) -> tuple[float, ...]:
    """The 21 parameters fitted to these items (those without a long-term review are left
    out: fsrs-rs cannot learn from them)."""
    usable = [item.fsrs_item() for item in train if item.long_term]
    if not usable:
        raise NotEnoughReviewsError("no card was reviewed on two different days yet")
    model = fsrs_rs.FSRS(list(DEFAULT_PARAMETERS))
    return tuple(model.compute_parameters(usable))


def evaluate(parameters: Sequence[float], scored: Sequence[Item]) -> Evaluation:
    """How well the parameters predict these reviews: log loss and RMSE (binned, as FSRS's
    benchmark reports it); lower is better."""
    usable = [item.fsrs_item() for item in scored if item.scored]
    if not usable:
        raise NotEnoughReviewsError("no review on a later day to score the parameters on")
    result = fsrs_rs.FSRS(list(parameters)).evaluate(usable)
    return Evaluation(float(result.log_loss), float(result.rmse_bins))


@dataclass(frozen=True)
class Optimized:
    reviews: int
    default: Evaluation
    current: Evaluation | None  # previously fitted parameters in use, if any
    fitted: Evaluation
    parameters: tuple[float, ...]
    stored: bool

    def summary(self) -> str:
        lines = [
            f"{self.reviews} reviews",
            f"default parameters: log loss {self.default.log_loss:.4f}, "
            f"RMSE {self.default.rmse:.4f}",
        ]
        if self.current is not None:
            lines.append(
                f"parameters in use:  log loss {self.current.log_loss:.4f}, "
                f"RMSE {self.current.rmse:.4f}"
            )
        lines.append(
            f"fitted parameters:  log loss {self.fitted.log_loss:.4f}, RMSE {self.fitted.rmse:.4f}"
        )
        lines.append(
            "saved: the scheduler uses the fitted parameters from now on"
            if self.stored
            else "not saved: they predict your reviews no better than the ones in use"
        )
        return "\n".join(lines)


def _history(db: Database) -> list[Review]:
    return [
        Review(row.card, row.rating, from_iso(row.reviewed_at)) for row in history.all_reviews(db)
    ]


def optimize(db: Database, now: datetime, tz: tzinfo) -> Optimized:
    """Fit the parameters to every review (own and imported) and keep them when their log loss
    on those reviews beats the parameters in use (the defaults, or an earlier fit)."""
    reviews = _history(db)
    if len(reviews) < MIN_REVIEWS:
        raise NotEnoughReviewsError(
            f"{len(reviews)} reviews so far: fitting needs at least {MIN_REVIEWS};"
            " the default parameters stay"
        )
    settings = load_settings(db)
    found = items(reviews, tz, settings.day_starts_at)
    parameters = fit(found)
    default = evaluate(DEFAULT_PARAMETERS, found)
    current = evaluate(settings.parameters, found) if settings.parameters else None
    fitted = evaluate(parameters, found)
    stored = fitted.log_loss < (current or default).log_loss
    if stored:
        cards.set_setting(db, PARAMETERS_KEY, json.dumps(list(parameters)))
    cards.set_setting(db, OPTIMIZED_AT_KEY, to_iso(now))
    return Optimized(len(reviews), default, current, fitted, parameters, stored)


def should_offer(db: Database, now: datetime) -> int | None:
    """The review count when the app should suggest `vocab optimize` (enough reviews, and
    neither fitted nor suggested in the last month), else None. Asking records the offer."""
    stored = cards.settings(db)
    for key in (OPTIMIZED_AT_KEY, OFFERED_AT_KEY):
        if key in stored and now - from_iso(stored[key]) < OFFER_EVERY:
            return None
    count = history.review_count(db)
    if count < MIN_REVIEWS:
        return None
    cards.set_setting(db, OFFERED_AT_KEY, to_iso(now))
    return count


# --- importing a review log -----------------------------------------------------------------


@dataclass(frozen=True)
class ImportedReviews:
    added: int
    already: int  # in the file, but imported before

    def summary(self) -> str:
        return (
            f"{self.added} reviews imported ({self.already} already there);"
            " `vocab optimize` fits the scheduler to them"
        )


def read_review_log(path: Path) -> list[tuple[str, int, str, int | None]]:
    """(card id, rating, ISO UTC time, duration ms) rows of a py-fsrs CSV review log, plain or
    gzipped. Raises InputError naming the first bad line."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"cannot read {path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path} is a directory, not a review log") from None
    except OSError as error:
        raise InputError(f"cannot read {path}: {error.strerror or error}") from None
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as error:
            raise InputError(f"{path} is not a readable gzip file: {error}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{path} is not a UTF-8 CSV file") from None
    reader = csv.DictReader(io.StringIO(text))
    missing = [column for column in CSV_COLUMNS if column not in (reader.fieldnames or [])]
    if missing:
        raise InputError(
            f"{path} lacks the column(s) {', '.join(missing)}; a review log has"
            f" {', '.join(CSV_COLUMNS)}"
        )
    rows = []
    for line, record in enumerate(reader, start=2):
        try:
            rating = int(record["review_rating"])
            at = datetime.fromisoformat(record["review_time"])
            duration = record["review_duration"]
            if not 1 <= rating <= 4:
                raise ValueError("rating must be 1 to 4")
            if at.tzinfo is None:
                at = at.replace(tzinfo=UTC)
            card = record["card_id"].strip()
            if not card:
                raise ValueError("no card_id")
            rows.append((card, rating, to_iso(at), int(float(duration)) if duration else None))
        except (ValueError, TypeError) as error:
            raise InputError(f"{path}, line {line}: {error}") from None
    if not rows:
        raise InputError(f"{path} has no reviews")
    return rows


def import_reviews(db: Database, path: Path) -> ImportedReviews:
    rows = read_review_log(path)
    added = history.add_imported(db, rows, path.name)
    return ImportedReviews(added, len(rows) - added)
