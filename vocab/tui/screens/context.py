"""The card's sentence in its article: the whole paragraph, Chinese and English."""

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from vocab.store.cards import ContextSentence
from vocab.tui.screens import stylesheet
from vocab.tui.widgets.rendering import highlighted


class ContextScreen(ModalScreen[None]):
    DEFAULT_CSS = stylesheet("context.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="close"),
        Binding("o", "close", "Close", show=False, id="close_o"),
        Binding("q", "close", "Close", show=False, id="close_q"),
    ]

    def __init__(self, title: str, term: str, sentences: list[ContextSentence]) -> None:
        super().__init__()
        self.title_text = title
        self.term = term
        self.sentences = sentences

    def compose(self) -> ComposeResult:
        zh = Text()
        en = Text()
        for sentence in self.sentences:
            style = "bold" if sentence.is_current else "dim"
            start = sentence.zh.find(self.term) if sentence.is_current else -1
            piece = (
                highlighted(sentence.zh, start, start + len(self.term))
                if start >= 0
                else (Text(sentence.zh))
            )
            piece.stylize(style)
            zh.append_text(piece)
            if sentence.en:
                en.append(sentence.en + " ", style=style)
        with Vertical(id="context-box"):
            yield Static(Text(self.title_text), id="context-title")
            with VerticalScroll(id="context-body"):
                yield Static(zh if self.sentences else Text("No sentence stored."), id="context-zh")
                yield Static(en, id="context-en")
            yield Static("Esc closes", id="context-hint", markup=False)

    def action_close(self) -> None:
        self.dismiss(None)
