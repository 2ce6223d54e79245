"""Review use cases: a session's next card, answering, undo, suspend, known, edit, summary.

The TUI and the CLI call only these. Nothing here imports jieba, pypinyin, wordfreq or genanki,
so a review starts at once; the shells pass `now` and the learner's time zone. The values they
return are NamedTuples, which cost a fraction of a frozen dataclass to define at import.
"""

from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, NamedTuple

from vocab.errors import NotFoundError
from vocab.schedule import (
    LEARN_AHEAD,
    Grade,
    Queue,
    ScheduleSettings,
    allowance,
    day_bounds,
    next_from,
    parse_setting,
    preview_intervals,
    review,
    settings_from,
    sibling_buried_until,
)
from vocab.store import cards, reviews
from vocab.store.cards import ArticleCounts, CardContent, ContextSentence
from vocab.store.db import Database

if TYPE_CHECKING:
    from fsrs import Scheduler

    from vocab.recall import RecallResult


class ReviewCard(NamedTuple):
    """A card as the review screen shows it, and which part of the queue it came from."""

    content: CardContent
    queue: Queue

    @property
    def id(self) -> int:
        return self.content.card.id

    @property
    def kind(self) -> str:
        return self.content.card.kind

    @property
    def meanings(self) -> list[str]:
        if self.content.user_definition:
            return [self.content.user_definition]
        return self.content.definitions


class Answered(NamedTuple):
    """What an answer did: the review written, the card's next due time, any notice for it."""

    review_id: int
    card_id: int
    grade: Grade
    due: datetime
    notice: str | None  # e.g. the card became a leech and was suspended


class _Done(NamedTuple):
    """An answer of this session, kept for undo and the summary."""

    review_id: int
    card_id: int
    grade: Grade
    duration_ms: int | None


@dataclass
class Session:
    """One sitting of reviews: its settings, the learner's day, today's ordered reviews, and
    the answers given so far."""

    db: Database
    tz: tzinfo
    settings: ScheduleSettings
    article_id: int | None
    started_at: datetime
    day_start: datetime
    day_end: datetime
    review_queue: deque[int] = field(default_factory=deque)
    done: list[_Done] = field(default_factory=list)
    pending: int | None = None  # a card brought back by undo, shown next
    _scheduler: "Scheduler | None" = field(default=None, init=False, repr=False, compare=False)

    @property
    def scheduler(self) -> "Scheduler":
        """fsrs' scheduler for these settings, made when first needed: the first card shows
        before the learner can answer it, so a session starts without loading fsrs."""
        if self._scheduler is None:
            self._scheduler = self.settings.scheduler()
        return self._scheduler


def load_settings(db: Database) -> ScheduleSettings:
    return settings_from(cards.settings(db))


def set_setting(db: Database, key: str, value: str) -> None:
    """Store a setting after checking it (raises SettingError with the accepted range)."""
    parse_setting(key, value)
    cards.set_setting(db, key, value)


def article_id_for(db: Database, slug: str | None) -> int | None:
    """The id of the article with this slug (None for all articles); NotFoundError if none."""
    if slug is None:
        return None
    article_id = cards.article_id(db, slug)
    if article_id is None:
        raise NotFoundError(f"no article called {slug!r}; `vocab articles` lists them")
    return article_id


def start_session(db: Database, now: datetime, tz: tzinfo, article: str | None = None) -> Session:
    """A review session over all articles, or one article's cards (by slug)."""
    settings = load_settings(db)
    article_id = article_id_for(db, article)
    day_start, day_end = day_bounds(now, tz, settings.day_starts_at)
    session = Session(db, tz, settings, article_id, now, day_start, day_end)
    _fill_review_queue(session, now)
    return session


def _fill_review_queue(session: Session, now: datetime) -> None:
    """Order today's reviews once per session (and per day): the ordering reads every due card,
    the per-card work afterwards only checks that the next one is still due."""
    done = reviews.done_since(session.db, session.day_start)
    allowed = allowance(session.settings, done.new, done.reviews)
    session.review_queue = deque(
        cards.reviews_due(session.db, now, session.day_end, session.article_id, allowed.reviews)
    )


def _roll_day(session: Session, now: datetime) -> None:
    if now >= session.day_end:
        session.day_start, session.day_end = day_bounds(
            now, session.tz, session.settings.day_starts_at
        )
        _fill_review_queue(session, now)


def next_card(session: Session, now: datetime) -> ReviewCard | None:
    """The card to show now, or None when today's queue is empty."""
    _roll_day(session, now)
    db = session.db
    if session.pending is not None:
        card_id, session.pending = session.pending, None
        return _show(session, card_id, Queue.LEARNING)
    while session.review_queue and not cards.is_due_review(
        db, session.review_queue[0], now, session.day_end
    ):
        session.review_queue.popleft()
    done = reviews.done_since(db, session.day_start)
    allowed = allowance(session.settings, done.new, done.reviews)
    learning = cards.first_learning(db, now, now, session.article_id)
    choice = next_from(
        learning,
        session.review_queue[0] if session.review_queue else None,
        cards.first_new(db, now, session.article_id) if learning is None else None,
        cards.first_learning(db, now, now + LEARN_AHEAD, session.article_id)
        if learning is None
        else None,
        allowed,
    )
    if choice is None:
        return None
    queue, card_id = choice
    return _show(session, card_id, queue)


def limit_reached(session: Session, now: datetime) -> str | None:
    """Why the queue is empty although cards wait, when a daily limit is the reason."""
    done = reviews.done_since(session.db, session.day_start)
    allowed = allowance(session.settings, done.new, done.reviews)
    if allowed.new == 0 and cards.first_new(session.db, now, session.article_id) is not None:
        return (
            f"You have had today's {session.settings.new_per_day} new cards; more tomorrow, "
            "or raise the limit with `vocab settings new_per_day N`."
        )
    if allowed.reviews == 0 and cards.reviews_due(
        session.db, now, session.day_end, session.article_id, 1
    ):
        return (
            f"You have done today's {session.settings.reviews_per_day} reviews; raise the limit "
            "with `vocab settings reviews_per_day N`."
        )
    return None


def _show(session: Session, card_id: int, queue: Queue) -> ReviewCard:
    content = cards.content(session.db, card_id, session.article_id)
    if content is None:
        raise NotFoundError(f"card {card_id} no longer exists")
    return ReviewCard(content, queue)


def preview(session: Session, card: ReviewCard, now: datetime) -> dict[Grade, str]:
    """The interval each grade would give this card now: {"Again": "10m", ...} by grade."""
    return preview_intervals(session.scheduler, card.id, card.content.card.state, now)


def check_recall(card: ReviewCard, typed: str) -> "RecallResult":
    """Grade the pinyin typed on a recall card (the learner may still override the grade)."""
    from vocab.recall import grade_pinyin

    return grade_pinyin(typed, card.content.pinyin_numbered, card.content.pinyin)


def answer(
    session: Session, card: ReviewCard, grade: Grade, now: datetime, duration_ms: int | None
) -> Answered:
    """Schedule the card, log the review and bury its sibling, committed before returning."""
    current = cards.get(session.db, card.id)
    if current is None:
        raise NotFoundError(f"card {card.id} no longer exists")
    reviewed = review(
        session.scheduler, current.id, current.state, current.lapses, grade, now, duration_ms
    )
    review_id = reviews.record(
        session.db,
        current.id,
        int(grade),
        reviewed,
        now,
        duration_ms,
        sibling_buried_until(now, session.tz, session.settings.day_starts_at),
    )
    if session.review_queue and session.review_queue[0] == card.id:
        session.review_queue.popleft()
    session.done.append(_Done(review_id, card.id, grade, duration_ms))
    notice = None
    if reviewed.became_leech:
        notice = (
            f"{card.content.simplified} is a leech (forgotten {reviewed.lapses} times): "
            "tagged and suspended"
        )
    return Answered(review_id, card.id, grade, reviewed.due, notice)


def undo(session: Session) -> ReviewCard | None:
    """Take back this session's last answer; its card is shown again next."""
    if not session.done:
        return None
    last = session.done.pop()
    undone = reviews.undo(session.db, last.review_id, session.day_start)
    if undone is None:
        return None
    session.pending = undone.card_id
    return _show(session, undone.card_id, Queue.LEARNING)


def suspend(session: Session, card: ReviewCard) -> None:
    cards.set_suspended(session.db, card.id, True)


def unsuspend(db: Database, card_id: int) -> None:
    cards.set_suspended(db, card_id, False)


def mark_known(session: Session, card: ReviewCard, now: datetime) -> None:
    """The learner knows this word: both its cards leave the queue."""
    cards.mark_known(session.db, card.content.simplified, now)


def edit_meaning(session: Session, card: ReviewCard, meaning: str) -> ReviewCard:
    """Set the learner's own meaning (blank restores the dictionary's); returns the card anew."""
    text = " ".join(meaning.split()) or None
    cards.set_user_definition(session.db, card.content.card.term_id, text)
    return _show(session, card.id, card.queue)


def context(session: Session, card: ReviewCard) -> list[ContextSentence]:
    """The paragraph around the card's sentence, to read it in its article."""
    if card.content.sentence_id is None:
        return []
    return cards.paragraph_of(session.db, card.content.sentence_id)


class Summary(NamedTuple):
    """How a session went: answers, those not Again, its length, and when a card falls due next."""

    reviewed: int
    correct: int
    elapsed: timedelta
    next_due: datetime | None

    @property
    def correct_percent(self) -> int:
        return round(100 * self.correct / self.reviewed) if self.reviewed else 0


def summary(session: Session, now: datetime) -> Summary:
    reviewed = len(session.done)
    correct = sum(1 for done in session.done if done.grade != Grade.AGAIN)
    return Summary(
        reviewed,
        correct,
        now - session.started_at,
        cards.next_due(session.db, now, session.article_id),
    )


# --- the home screen ------------------------------------------------------------------------


class Overview(NamedTuple):
    """The home screen's figures: each article's cards, and today's answers done and left."""

    articles: list[ArticleCounts]
    done_today: int
    remaining_today: int


def overview(db: Database, now: datetime, tz: tzinfo) -> Overview:
    """Each article's new / due / learned counts, and today's answers done and remaining."""
    settings = load_settings(db)
    day_start, day_end = day_bounds(now, tz, settings.day_starts_at)
    done = reviews.done_since(db, day_start)
    allowed = allowance(settings, done.new, done.reviews)
    articles = cards.article_counts(db, now, day_end)
    totals = cards.queue_counts(db, now, day_end)
    remaining = (
        totals.learning + min(totals.reviews, allowed.reviews) + min(totals.new, allowed.new)
    )
    return Overview(articles, done.total, remaining)
