"""Edit meaning: the learner writes their own meaning for a term (blank: the dictionary's)."""

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from vocab.tui.screens import stylesheet


class EditMeaningScreen(ModalScreen[str | None]):
    """Returns the new meaning, "" to restore the dictionary's, or None when cancelled."""

    DEFAULT_CSS = stylesheet("edit_meaning.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", id="cancel")]

    def __init__(self, term: str, meaning: str) -> None:
        super().__init__()
        self.term = term
        self.meaning = meaning

    def compose(self) -> ComposeResult:
        with Vertical(id="edit-box"):
            yield Static(f"Your meaning for {self.term}", id="edit-title", markup=False)
            yield Input(value=self.meaning, id="edit-input", placeholder="blank: dictionary's")
            yield Static("Enter saves · Esc cancels", id="edit-hint", markup=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
