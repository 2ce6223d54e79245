"""The home screen: articles with their new / due / learned cards, today's work, import, review."""

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, LoadingIndicator, Static

from vocab.errors import VocabError
from vocab.service import review as rv
from vocab.tui.app import VocabApp
from vocab.tui.screens import stylesheet
from vocab.tui.widgets.footer import KeyFooter

TITLE_CELLS = 34


class HomeScreen(Screen[None]):
    DEFAULT_CSS = stylesheet("home.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "review_all", "Review all", id="review_all"),
        Binding("enter", "review_article", "Review article", id="review_article"),
        Binding("a", "add", "Add article", id="add"),
        Binding("b", "browse", "Browse", id="browse"),
        Binding("v", "read", "Read", id="read"),
        Binding("t", "stats", "Stats", id="stats"),
        Binding("question_mark", "help", "Help", id="help"),
        Binding("q", "quit", "Quit", id="quit"),
    ]

    @property
    def vocab(self) -> VocabApp:
        assert isinstance(self.app, VocabApp)
        return self.app

    def compose(self) -> ComposeResult:
        yield Static("vocab · your articles", id="home-title")
        yield DataTable(id="articles", cursor_type="row", zebra_stripes=True)
        with Horizontal(id="importing"):
            yield LoadingIndicator(id="import-spinner")
            yield Static("", id="import-status")
        yield Static(id="today")
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one("#articles", DataTable)
        table.add_column("article", key="slug")
        table.add_column("title", key="title")
        table.add_column(Text("new", justify="right"), key="new")
        table.add_column(Text("due", justify="right"), key="due")
        table.add_column(Text("learned", justify="right"), key="learned")
        self.query_one("#importing").display = False
        self.offer_optimize()

    def on_screen_resume(self) -> None:
        # Textual resumes a screen right after its first mount too, so the counts (which read
        # every card) are made here once, and again whenever the learner comes back.
        self.refresh_counts()

    def refresh_counts(self) -> None:
        overview = rv.overview(self.vocab.db, self.vocab.now(), self.vocab.tz)
        table = self.query_one("#articles", DataTable)
        selected = table.cursor_row
        table.clear()
        for article in overview.articles:
            title = Text(article.title)
            title.truncate(TITLE_CELLS, overflow="ellipsis")
            table.add_row(
                article.slug,
                title,
                Text(str(article.new), justify="right"),
                Text(str(article.due), justify="right"),
                Text(str(article.learned), justify="right"),
                key=article.slug,
            )
        if overview.articles:
            table.move_cursor(row=min(selected, len(overview.articles) - 1))
        else:
            table.add_row("", Text("No articles yet: press a to add one", style="dim"), "", "", "")
        self.query_one("#today", Static).update(
            Text(f"Today: {overview.done_today} answered · {overview.remaining_today} to go")
        )

    def selected_slug(self) -> str | None:
        table = self.query_one("#articles", DataTable)
        if not table.row_count:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return row_key.value or None

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_review_article()

    def action_review_all(self) -> None:
        from vocab.tui.screens.review import ReviewScreen

        self.app.push_screen(ReviewScreen(None))

    def action_review_article(self) -> None:
        from vocab.tui.screens.review import ReviewScreen

        slug = self.selected_slug()
        if slug is None:
            self.notify("No article selected: press a to add one")
            return
        self.app.push_screen(ReviewScreen(slug))

    def action_add(self) -> None:
        from vocab.tui.screens.import_file import ImportFileScreen

        def chosen(path: str | None) -> None:
            if path:
                self.start_import(path)

        self.app.push_screen(ImportFileScreen(), chosen)

    def start_import(self, path: str) -> None:
        self.query_one("#importing").display = True
        self.query_one("#import-status", Static).update(Text(f"Importing {Path(path).name}…"))
        self.import_article(path)

    @work(thread=True, exclusive=True, group="import")
    def import_article(self, path: str) -> None:
        """Segmenting and enriching takes seconds: it runs off the UI thread, on its own
        connection, and loads the import libraries only here."""
        from vocab.service.importing import add_article
        from vocab.store import open_db

        try:
            db = open_db(self.vocab.db_path)
            try:
                result = add_article(db, path, now=self.vocab.now())
            finally:
                db.close()
        except VocabError as error:
            self.app.call_from_thread(self.import_done, None, error)
            return
        self.app.call_from_thread(self.import_done, result.summary(), None)

    def import_done(self, summary: str | None, error: VocabError | None) -> None:
        self.query_one("#importing").display = False
        if error is not None:
            self.vocab.show_error(error)
            return
        self.notify(summary or "", title="Article added", timeout=8)
        self.refresh_counts()

    def action_help(self) -> None:
        from vocab.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen("Home keys", list(self.BINDINGS)))

    # --- browse, read, stats (issue 6) ----------------------------------------------------

    def action_browse(self) -> None:
        from vocab.tui.screens.browse import BrowseScreen

        self.app.push_screen(BrowseScreen())

    def action_read(self) -> None:
        from vocab.tui.screens.reader import ReaderScreen

        slug = self.selected_slug()
        if slug is None:
            self.notify("No article selected: press a to add one")
            return
        self.app.push_screen(ReaderScreen(slug))

    def action_stats(self) -> None:
        from vocab.tui.screens.stats import StatsScreen

        self.app.push_screen(StatsScreen())

    def offer_optimize(self) -> None:
        """Once a month, when there are enough reviews, suggest fitting the scheduler."""
        from vocab.service.optimize import should_offer

        count = should_offer(self.vocab.db, self.vocab.now())
        if count is not None:
            self.notify(
                f"{count} reviews: run `vocab optimize` to fit the scheduler to your memory",
                title="Scheduler",
                timeout=10,
            )

    async def action_quit(self) -> None:
        self.app.exit()
