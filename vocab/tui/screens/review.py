"""The review screen: recognition and recall cards, graded 1-4, every answer committed at once.

The screens it opens (help, context, edit, summary) are imported when opened, so starting a
review loads and styles only what the first card needs.
"""

import time
from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, Static

from vocab.errors import VocabError
from vocab.schedule import Grade, Queue
from vocab.service import review as rv
from vocab.tui.app import VocabApp
from vocab.tui.screens import stylesheet
from vocab.tui.widgets.footer import KeyFooter
from vocab.tui.widgets.rendering import (
    blanked,
    coloured_pinyin,
    highlighted,
    highlighted_match,
    spaced,
)

if TYPE_CHECKING:
    from vocab.recall import RecallResult

GRADE_STYLES = {
    Grade.AGAIN: "bold #ff4d4d",
    Grade.HARD: "bold #ff9f1a",
    Grade.GOOD: "bold #3ecf4a",
    Grade.EASY: "bold #4d9fff",
}
QUEUE_NAMES = {
    Queue.NEW: "new",
    Queue.LEARNING: "learning",
    Queue.LEARN_AHEAD: "learning",
    Queue.REVIEW: "review",
}
MAX_MEANINGS = 4


class CardBody(VerticalScroll, can_focus=False):
    """The card's text; it scrolls when a long sentence needs it, without taking the keys."""


class ReviewScreen(Screen[None]):
    DEFAULT_CSS = stylesheet("review.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "advance", "Show / next", id="advance"),
        Binding("enter", "advance", "Show / next", show=False, id="advance_enter"),
        Binding("1", "grade(1)", "Again", show=False, id="again"),
        Binding("2", "grade(2)", "Hard", show=False, id="hard"),
        Binding("3", "grade(3)", "Good", show=False, id="good"),
        Binding("4", "grade(4)", "Easy", show=False, id="easy"),
        Binding("u", "undo", "Undo", id="undo"),
        Binding("s", "suspend", "Suspend", id="suspend"),
        Binding("k", "known", "Known", id="known"),
        Binding("e", "edit", "Edit", id="edit"),
        Binding("o", "context", "Context", id="context"),
        Binding("question_mark", "help", "Help", id="help"),
        Binding("q", "finish", "End", id="finish"),
        Binding("escape", "finish", "End", show=False, id="finish_escape"),
    ]

    def __init__(self, article: str | None = None) -> None:
        super().__init__()
        self.article = article
        self.session: rv.Session | None = None
        self.card: rv.ReviewCard | None = None
        self.revealed = False
        self.recall_result: RecallResult | None = None
        self.previews: dict[Grade, str] = {}
        self.shown_at = 0.0
        self.ended = False

    @property
    def vocab(self) -> VocabApp:
        assert isinstance(self.app, VocabApp)
        return self.app

    def compose(self) -> ComposeResult:
        yield Static(id="status")
        with CardBody(id="card"):
            yield Static(id="term")
            yield Static(id="front")
            yield Static(id="result")
            yield Static(id="back")
        yield Static(id="grades")
        yield KeyFooter()

    def on_mount(self) -> None:
        try:
            self.session = rv.start_session(
                self.vocab.db, self.vocab.now(), self.vocab.tz, self.article
            )
        except VocabError as error:
            self.vocab.show_error(error)
            self.session = None
            self.call_after_refresh(self.action_finish)
            return
        self.show_next()

    # --- showing a card -------------------------------------------------------------------

    def show_next(self) -> None:
        assert self.session is not None
        card = rv.next_card(self.session, self.vocab.now())
        if card is None:
            reason = rv.limit_reached(self.session, self.vocab.now())
            if reason is not None:
                self.notify(reason, timeout=10)
            self.action_finish()
            return
        self.show(card)

    def show(self, card: rv.ReviewCard) -> None:
        assert self.session is not None
        self.card = card
        self.revealed = False
        self.recall_result = None
        self.previews = {}  # made when the answer shows, the only time the grade bar has them
        self.shown_at = time.monotonic()
        self.render_card()
        recall_input = self.recall_input(create=card.kind == "recall")
        if recall_input is not None:
            recall_input.value = ""
            recall_input.display = card.kind == "recall"
            recall_input.disabled = card.kind != "recall"
            if card.kind == "recall":
                recall_input.focus()
        self.refresh_bindings()

    def recall_input(self, *, create: bool) -> Input | None:
        """The box for typing pinyin. It is mounted with the first recall card: an Input costs
        more to build and style than the rest of the card, and a session may begin with
        recognition cards only."""
        found = self.query("#recall-input").results(Input)
        field = next(found, None)
        if field is None and create:
            field = Input(id="recall-input", placeholder="type the pinyin: ren2gong1zhi4neng2")
            self.query_one("#card", CardBody).mount(field, after="#front")
        return field

    def render_card(self) -> None:
        card, session = self.card, self.session
        assert card is not None and session is not None
        c = card.content
        colours = session.settings.tone_colours
        where = c.article_slug or "no article"
        kind = "recognition" if card.kind == "recognition" else "recall: type the pinyin"
        self.query_one("#status", Static).update(
            Text(f"{where} · {QUEUE_NAMES[card.queue]} · {kind}   done {len(session.done)}")
        )
        meanings = Text("; ".join(card.meanings[:MAX_MEANINGS]))
        english = highlighted_match(c.en, c.en_match) if c.en else Text("(no English sentence)")
        term = self.query_one("#term", Static)
        front = self.query_one("#front", Static)
        back = self.query_one("#back", Static)
        result = self.query_one("#result", Static)
        if card.kind == "recognition":
            term.update(Text(spaced(c.simplified)))
            front.update(highlighted(c.zh, c.start, c.end) if c.zh else Text(""))
        else:
            term.update(Text(spaced(c.simplified)) if self.revealed else Text("？"))
            front_text = Text.assemble(english, "\n", meanings)
            if c.zh:
                shown = (
                    highlighted(c.zh, c.start, c.end)
                    if self.revealed
                    else blanked(c.zh, c.start, c.end)
                )
                front_text = Text.assemble(english, "\n", shown, "\n", meanings)
            front.update(front_text)
        if self.recall_result is not None:
            result.update(
                Text(self.recall_result.message, style=GRADE_STYLES[self.recall_result.grade])
            )
        else:
            result.update("")
        result.display = self.recall_result is not None
        if self.revealed:
            details = [f"HSK {c.hsk if c.hsk != 7 else '7-9'}" if c.hsk else "not in HSK"]
            if c.article_title:
                details.append(c.article_title)
            if c.user_definition:
                details.append("your meaning")
            parts: list[Text | str] = [coloured_pinyin(c.pinyin, c.pinyin_numbered, colours)]
            if card.kind == "recognition":
                parts += ["\n", meanings, "\n", english]
            parts += ["\n", Text(" · ".join(details), style="dim")]
            back.update(Text.assemble(*parts))
        else:
            back.update("")
        back.display = self.revealed
        self.query_one("#grades", Static).update(self.grade_bar())

    def grade_bar(self) -> Text:
        if not self.revealed:
            hint = (
                "Space shows the answer"
                if self.card and self.card.kind == "recognition"
                else ("Type the pinyin with tone numbers, then Enter (Space in the box is a space)")
            )
            return Text(hint, style="dim")
        chosen = self.recall_result.grade if self.recall_result else Grade.GOOD
        bar = Text()
        for grade in Grade:
            style = GRADE_STYLES[grade] + (" reverse" if grade == chosen else "")
            bar.append(f" {int(grade)} {grade.label} {self.previews.get(grade, '')} ", style=style)
            bar.append("  ")
        return bar

    def reveal(self) -> None:
        assert self.session is not None and self.card is not None
        self.revealed = True
        self.previews = rv.preview(self.session, self.card, self.vocab.now())
        recall_input = self.recall_input(create=False)
        if recall_input is not None:
            recall_input.disabled = True
        self.render_card()
        self.refresh_bindings()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.card is None or self.revealed:
            return
        self.recall_result = rv.check_recall(self.card, event.value)
        self.reveal()

    # --- actions --------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.ended:
            return action == "help"
        # None keeps a key in the footer, dimmed, so the layout doesn't jump between cards.
        if action == "grade":
            return True if self.card is not None and self.revealed else None
        if action in ("suspend", "known", "edit", "context"):
            return True if self.card is not None else None
        if action == "undo":
            return True if self.session is not None and self.session.done else None
        return True

    def action_advance(self) -> None:
        if self.card is None:
            return
        if not self.revealed:
            if self.card.kind == "recall":
                # Giving up on a recall card shows the answer and suggests Again.
                self.recall_result = rv.check_recall(self.card, "")
            self.reveal()
            return
        self.answer(self.recall_result.grade if self.recall_result else Grade.GOOD)

    def action_grade(self, grade: int) -> None:
        if self.card is not None and self.revealed:
            self.answer(Grade(grade))

    def answer(self, grade: Grade) -> None:
        assert self.session is not None and self.card is not None
        duration_ms = round((time.monotonic() - self.shown_at) * 1000)
        try:
            answered = rv.answer(self.session, self.card, grade, self.vocab.now(), duration_ms)
        except VocabError as error:
            self.vocab.show_error(error)
            return
        if answered.notice:
            self.notify(answered.notice, title="Leech", severity="warning", timeout=6)
        self.show_next()

    def action_undo(self) -> None:
        assert self.session is not None
        card = rv.undo(self.session)
        if card is None:
            self.notify("Nothing to undo")
            return
        self.notify(f"Undone: {card.content.simplified}")
        self.show_next()  # the undone card comes back first

    def action_suspend(self) -> None:
        assert self.session is not None and self.card is not None
        rv.suspend(self.session, self.card)
        self.notify(f"Suspended: {self.card.content.simplified} ({self.card.kind})")
        self.show_next()

    def action_known(self) -> None:
        assert self.session is not None and self.card is not None
        rv.mark_known(self.session, self.card, self.vocab.now())
        self.notify(f"Known: {self.card.content.simplified}, its cards leave the queue")
        self.show_next()

    def action_edit(self) -> None:
        from vocab.tui.screens.edit_meaning import EditMeaningScreen

        card = self.card
        assert card is not None
        current = card.content.user_definition or "; ".join(card.content.definitions)

        def edited(meaning: str | None) -> None:
            if meaning is None or self.session is None or self.card is None:
                return
            self.card = rv.edit_meaning(self.session, self.card, meaning)
            self.render_card()

        self.app.push_screen(EditMeaningScreen(card.content.simplified, current), edited)

    def action_context(self) -> None:
        from vocab.tui.screens.context import ContextScreen

        assert self.session is not None and self.card is not None
        content = self.card.content
        title = content.article_title or "Article"
        sentences = rv.context(self.session, self.card)
        self.app.push_screen(ContextScreen(title, content.simplified, sentences))

    def action_help(self) -> None:
        from vocab.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen("Review keys", list(self.BINDINGS)))

    def action_finish(self) -> None:
        from vocab.tui.screens.summary import SummaryScreen

        if self.ended:
            return
        self.ended = True
        now: datetime = self.vocab.now()
        if self.session is None:
            summary = rv.Summary(0, 0, now - now, None)
        else:
            summary = rv.summary(self.session, now)
        shown = SummaryScreen(summary, now, back_home=self.vocab.start == "home")
        if self.vocab.start == "home":
            self.app.switch_screen(shown)
        else:
            # `vocab review` starts on this screen, the bottom of the stack, which Textual cannot
            # switch away from; the summary goes on top of it, and closing it ends the app.
            self.app.push_screen(shown)
