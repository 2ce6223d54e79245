"""VocabApp: the home screen, or straight into a review session (`vocab review`, `vocab study`)."""

from collections.abc import Callable
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import Literal

from textual.app import App

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
    ) -> None:
        super().__init__()
        from vocab.store import open_db

        self.db_path = db_path
        self.db: Database = open_db(db_path)
        self.start = start
        self.article = article
        self.clock: Clock = clock or (lambda: datetime.now(UTC))
        self.tz = tz or local_timezone()

    def now(self) -> datetime:
        return self.clock()

    def on_mount(self) -> None:
        # Only the first screen is imported (and its CSS parsed) before it shows.
        if self.start == "review":
            from vocab.tui.screens.review import ReviewScreen

            self.push_screen(ReviewScreen(self.article))
        else:
            from vocab.tui.screens.home import HomeScreen

            self.push_screen(HomeScreen())

    def show_error(self, error: VocabError) -> None:
        """Errors the learner can act on are a notice, never a crash."""
        self.notify(str(error), title="vocab", severity="error", timeout=6)
