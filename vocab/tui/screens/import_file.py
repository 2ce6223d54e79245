"""Import prompt: the path of an article file to add."""

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from vocab.tui.screens import stylesheet


class ImportFileScreen(ModalScreen[str | None]):
    """Returns the path typed (user-expanded), or None when cancelled."""

    DEFAULT_CSS = stylesheet("import_file.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", id="cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(id="import-box"):
            yield Static("Add an article: the path of its text file", id="import-title")
            yield Input(id="import-input", placeholder="~/articles/news.txt")
            yield Static("Enter imports · Esc cancels", id="import-hint", markup=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        path = event.value.strip()
        self.dismiss(str(Path(path).expanduser()) if path else None)

    def action_cancel(self) -> None:
        self.dismiss(None)
