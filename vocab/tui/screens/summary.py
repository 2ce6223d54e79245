"""The session summary: reviewed, correct %, time, next due."""

from datetime import datetime, timedelta
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Static

from vocab.service.review import Summary
from vocab.tui.screens import stylesheet
from vocab.tui.widgets.footer import KeyFooter


def format_duration(elapsed: timedelta) -> str:
    seconds = int(elapsed.total_seconds())
    minutes, seconds = divmod(seconds, 60)
    return f"{minutes} min {seconds:02d} s" if minutes else f"{seconds} s"


def format_next_due(next_due: datetime | None, now: datetime) -> str:
    if next_due is None:
        return "nothing scheduled"
    if next_due <= now:
        return "now"
    wait = next_due - now
    if wait < timedelta(hours=1):
        return f"in {max(1, round(wait.total_seconds() / 60))} min"
    if wait < timedelta(days=1):
        return f"in {round(wait.total_seconds() / 3600)} h"
    return f"in {wait.days} d"


class SummaryScreen(Screen[None]):
    DEFAULT_CSS = stylesheet("summary.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "close", "Done", id="done"),
        Binding("q", "close", "Done", show=False, id="done_q"),
        Binding("escape", "close", "Done", show=False, id="done_escape"),
    ]

    def __init__(self, summary: Summary, now: datetime, back_home: bool) -> None:
        super().__init__()
        self.summary = summary
        self.now = now
        self.back_home = back_home

    def compose(self) -> ComposeResult:
        s = self.summary
        lines = [
            f"Reviewed   {s.reviewed}",
            f"Correct    {s.correct_percent}%" if s.reviewed else "Correct    -",
            f"Time       {format_duration(s.elapsed)}",
            f"Next due   {format_next_due(s.next_due, self.now)}",
        ]
        with Vertical(id="summary-box"):
            yield Static("Session done", id="summary-title")
            yield Static("\n".join(lines), id="summary-lines", markup=False)
        yield KeyFooter()

    def action_close(self) -> None:
        if self.back_home:
            self.app.pop_screen()
        else:
            self.app.exit()
