"""Help: the keys of the screen underneath, with what each does."""

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from vocab.tui.screens import stylesheet


def _key_name(key: str) -> str:
    return {"space": "Space", "enter": "Enter", "escape": "Esc", "question_mark": "?"}.get(key, key)


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = stylesheet("help.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="close"),
        Binding("question_mark", "close", "Close", show=False, id="close_help"),
        Binding("q", "close", "Close", show=False, id="close_q"),
    ]

    def __init__(self, title: str, bindings: list[BindingType]) -> None:
        super().__init__()
        self.title_text = title
        self.keys = bindings

    def compose(self) -> ComposeResult:
        lines = []
        seen = set()
        for binding in self.keys:
            if not isinstance(binding, Binding) or not binding.description:
                continue
            key = ", ".join(_key_name(k.strip()) for k in binding.key.split(","))
            if (key, binding.description) in seen:
                continue
            seen.add((key, binding.description))
            lines.append(f"{key:>8}  {binding.description}")
        with Vertical(id="help-box"):
            yield Static(self.title_text, id="help-title", markup=False)
            yield Static("\n".join(lines), id="help-keys", markup=False)
            yield Static("Esc closes this help", id="help-hint", markup=False)

    def action_close(self) -> None:
        self.dismiss(None)
