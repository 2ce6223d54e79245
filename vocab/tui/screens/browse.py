"""Browse: every term in a table, a page at a time; search, filter, sort, and fix terms."""

from dataclasses import replace
from datetime import datetime
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Input, Select, Static

from vocab.errors import VocabError
from vocab.lexicon.hsk import hsk_label
from vocab.schedule import format_interval, from_iso
from vocab.service import browse as bs
from vocab.tui.app import VocabApp
from vocab.tui.screens import stylesheet
from vocab.tui.screens.confirm import ConfirmScreen
from vocab.tui.screens.edit_meaning import EditMeaningScreen
from vocab.tui.screens.help import HelpScreen
from vocab.tui.widgets.footer import KeyFooter

COLUMNS = {
    "simplified": "term",
    "pinyin": "pinyin",
    "meaning": "meaning",
    "hsk": "HSK",
    "article": "article",
    "state": "state",
    "due": "due",
    "stability": "stab.",
    "lapses": "lapses",
}
MEANING_CELLS = 24
HSK_CHOICES = [(f"HSK {level}", level) for level in range(1, 7)] + [
    ("HSK 7-9", 7),
    ("not HSK", bs.HSK_UNLISTED),
]
STATE_STYLES = {
    "new": "#4d9fff",
    "learning": "#ff9f1a",
    "review": "#3ecf4a",
    "known": "dim",
    "suspended": "dim italic",
    "leech": "#ff4d4d",
}


def due_text(due: str | None, now: datetime) -> str:
    if due is None:
        return ""
    moment = from_iso(due)
    return "now" if moment <= now else format_interval(moment - now)


class BrowseScreen(Screen[None]):
    DEFAULT_CSS = stylesheet("browse.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "search", "Search", id="search"),
        Binding("e", "edit", "Edit meaning", id="edit"),
        Binding("s", "suspend", "Suspend", id="suspend"),
        Binding("k", "known", "Known", id="known"),
        Binding("r", "reset", "Reset", id="reset"),
        Binding("d", "delete", "Delete", id="delete"),
        Binding("o", "sort_next", "Sort", id="sort_next"),
        Binding("O", "sort_reverse", "Reverse", show=False, id="sort_reverse"),
        Binding("right_square_bracket", "page(1)", "Next page", show=False, id="next_page"),
        Binding("left_square_bracket", "page(-1)", "Prev. page", show=False, id="prev_page"),
        Binding("question_mark", "help", "Help", id="help"),
        Binding("escape,q", "back", "Back", id="back"),
    ]

    def __init__(self, view: bs.BrowseView | None = None) -> None:
        super().__init__()
        self.view = view or bs.BrowseView()
        self.first_row = 0
        self.page: bs.Page | None = None

    @property
    def vocab(self) -> VocabApp:
        assert isinstance(self.app, VocabApp)
        return self.app

    def compose(self) -> ComposeResult:
        yield Static(id="browse-title")
        with Horizontal(id="filters"):
            yield Input(
                value=self.view.search,
                placeholder="/ search: 人工, ren gong, rén, intelligence",
                id="search",
            )
            yield Select([(state, state) for state in bs.TERM_STATES], prompt="state", id="state")
            yield Select(HSK_CHOICES, prompt="HSK", id="hsk")
            yield Select(
                [(slug, article_id) for article_id, slug in bs.articles(self.vocab.db)],
                prompt="article",
                id="article",
            )
        yield DataTable(id="terms", cursor_type="row", zebra_stripes=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one("#terms", DataTable)
        for key, label in COLUMNS.items():
            table.add_column(label, key=key)
        self.reload()
        table.focus()

    # --- the list -------------------------------------------------------------------------

    def reload(self, keep_row: bool = True) -> None:
        table = self.query_one("#terms", DataTable)
        row = table.cursor_row if keep_row else 0
        try:
            self.page = bs.load_page(self.vocab.db, self.view, self.first_row)
        except VocabError as error:
            self.vocab.show_error(error)
            return
        self.first_row = self.page.offset
        now = self.vocab.now()
        table.clear()
        for term in self.page.rows:
            table.add_row(*self.cells(term, now), key=str(term.id))
        if self.page.rows:
            table.move_cursor(row=min(row, len(self.page.rows) - 1))
        self.update_title()

    @staticmethod
    def cells(term: bs.TermRow, now: datetime) -> list[str | Text]:
        meaning = Text(term.meaning)
        meaning.truncate(MEANING_CELLS, overflow="ellipsis")
        return [
            term.simplified,
            term.pinyin,
            meaning,
            hsk_label(term.hsk),
            term.article or "",
            Text(term.state, style=STATE_STYLES[term.state]),
            due_text(term.due, now),
            f"{term.stability:.0f}d" if term.stability is not None else "",
            str(term.lapses) if term.lapses else "",
        ]

    def refresh_term(self, detail: bs.TermDetail) -> None:
        """Redraw one changed term in place: cheaper than reading the page again."""
        if self.page is None:
            return
        term = detail.row
        rows = [term if row.id == term.id else row for row in self.page.rows]
        self.page = bs.Page(rows, self.page.offset, self.page.total)
        table = self.query_one("#terms", DataTable)
        for column, value in zip(COLUMNS, self.cells(term, self.vocab.now()), strict=True):
            table.update_cell(str(term.id), column, value)

    def update_title(self) -> None:
        page = self.page
        if page is None:
            return
        arrow = "↓" if self.view.descending else "↑"
        shown = f"{page.offset + 1}-{page.last}" if page.rows else "0"
        self.query_one("#browse-title", Static).update(
            Text(
                f"Browse · {shown} of {page.total} terms · sorted by "
                f"{COLUMNS[self.view.sort]} {arrow}"
            )
        )

    def change_view(self, view: bs.BrowseView) -> None:
        self.view = view
        self.first_row = 0
        self.reload(keep_row=False)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.change_view(replace(self.view, search=event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#terms", DataTable).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        value = None if event.value is Select.NULL else str(event.value)
        match event.select.id:
            case "state":
                self.change_view(replace(self.view, state=value))
            case "hsk":
                self.change_view(replace(self.view, hsk=None if value is None else int(value)))
            case "article":
                article = None if value is None else int(value)
                self.change_view(replace(self.view, article_id=article))

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        self.change_view(self.view.sorted_by(str(event.column_key.value)))

    def selected_id(self) -> int | None:
        table = self.query_one("#terms", DataTable)
        if not table.row_count:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return int(str(row_key.value))

    def selected(self) -> bs.TermRow | None:
        term_id = self.selected_id()
        if term_id is None or self.page is None:
            return None
        return next((term for term in self.page.rows if term.id == term_id), None)

    # --- actions --------------------------------------------------------------------------

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_back(self) -> None:
        if self.focused is not None and not isinstance(self.focused, DataTable):
            self.query_one("#terms", DataTable).focus()
            return
        self.app.pop_screen()

    def action_sort_next(self) -> None:
        columns = list(COLUMNS)
        following = columns[(columns.index(self.view.sort) + 1) % len(columns)]
        self.change_view(self.view.sorted_by(following))

    def action_sort_reverse(self) -> None:
        self.change_view(self.view.sorted_by(self.view.sort))

    def action_page(self, step: int) -> None:
        self.first_row = max(0, self.first_row + step * bs.PAGE_SIZE)
        self.reload(keep_row=False)

    def action_edit(self) -> None:
        term = self.selected()
        if term is None:
            return
        detail = bs.detail(self.vocab.db, term.id)

        def edited(meaning: str | None) -> None:
            if meaning is not None:
                self.refresh_term(bs.edit_meaning(self.vocab.db, term.id, meaning))

        self.app.push_screen(EditMeaningScreen(term.simplified, "; ".join(detail.meanings)), edited)

    def action_suspend(self) -> None:
        term = self.selected()
        if term is not None:
            suspend = term.state not in ("suspended", "leech")
            self.refresh_term(bs.set_suspended(self.vocab.db, term.id, suspend))
            self.notify(f"{term.simplified} {'suspended' if suspend else 'back in the queue'}")

    def action_known(self) -> None:
        term = self.selected()
        if term is not None:
            known = term.state != "known"
            self.refresh_term(bs.set_known(self.vocab.db, term.id, known, self.vocab.now()))
            self.notify(f"{term.simplified} {'marked known' if known else 'no longer known'}")

    def action_reset(self) -> None:
        term = self.selected()
        if term is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.refresh_term(bs.reset_term(self.vocab.db, term.id))
                self.notify(f"{term.simplified} starts over as new")

        self.app.push_screen(
            ConfirmScreen(f"Start {term.simplified} over as new? Its reviews stay in the history."),
            answered,
        )

    def action_delete(self) -> None:
        term = self.selected()
        if term is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                bs.delete_term(self.vocab.db, term.id)
                self.notify(f"{term.simplified} deleted")
                self.reload()

        self.app.push_screen(
            ConfirmScreen(f"Delete {term.simplified}, its cards and their reviews for good?"),
            answered,
        )

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen("Browse keys", list(self.BINDINGS)))
