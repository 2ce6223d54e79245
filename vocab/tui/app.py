"""VocabApp: the home screen, or straight into a review session (`vocab review`, `vocab study`)."""

from collections.abc import Callable
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import Literal

from textual.app import App
from textual.screen import Screen

from vocab.errors import VocabError
from vocab.store.db import Database

Clock = Callable[[], datetime]


def local_timezone() -> tzinfo:
    zone = datetime.now().astimezone().tzinfo
    assert zone is not None
    return zone


class VocabApp(App[None]):
    """The learner's daily loop. The clock and time zone are passed in so tests can pin them."""

    TITLE = "vocab"
    # The footer needs every column at 80x24 for the review keys.
    ENABLE_COMMAND_PALETTE = False

    def __init__(
        self,
        db_path: Path,
        *,
        start: Literal["home", "review"] = "home",
        article: str | None = None,
        clock: Clock | None = None,
        tz: tzinfo | None = None,
        db: Database | None = None,
    ) -> None:
        """`db`, when given, is `db_path` already opened (the CLI opens it first to check it)."""
        from vocab.store import open_db

        self.db_path = db_path
        self.db: Database = db if db is not None else open_db(db_path)
        self.start = start
        self.article = article
        self.clock: Clock = clock or (lambda: datetime.now(UTC))
        self.tz = tz or local_timezone()
        # Last: Textual's own init asks `get_default_screen` for the first screen.
        super().__init__()

    def now(self) -> datetime:
        return self.clock()

    def get_default_screen(self) -> Screen[None]:
        """The first screen is the bottom of the stack, instead of being pushed over Textual's
        empty default screen, which would be mounted, laid out and drawn first for nothing.
        Only this screen's module is imported (and its CSS parsed) before it shows."""
        if self.start == "review":
            from vocab.tui.screens.review import ReviewScreen

            return ReviewScreen(self.article)
        from vocab.tui.screens.home import HomeScreen

        return HomeScreen()

    def show_error(self, error: VocabError) -> None:
        """Errors the learner can act on are a notice, never a crash."""
        self.notify(str(error), title="vocab", severity="error", timeout=6)
