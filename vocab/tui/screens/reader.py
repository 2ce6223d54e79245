"""Reader: an article's paragraphs with each term coloured by its state, the English beside or
below, and the selected term's details in a side panel."""

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from vocab.errors import VocabError
from vocab.lexicon.hsk import hsk_label
from vocab.service import browse as bs
from vocab.service import reader as rd
from vocab.tui.app import VocabApp
from vocab.tui.screens import stylesheet
from vocab.tui.screens.help import HelpScreen
from vocab.tui.widgets.footer import KeyFooter
from vocab.tui.widgets.rendering import coloured_pinyin

SHADE_STYLES = {
    "new": "bold #4d9fff",
    "learning": "bold #ff9f1a",
    "known": "#3ecf4a",
    "ignored": "",
}
SELECTED = "reverse"


class ReaderScreen(Screen[None]):
    DEFAULT_CSS = stylesheet("reader.tcss")
    # Arrows move between terms, not the scroll view, hence priority.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right", "move(1)", "Next term", id="next_term", priority=True),
        Binding("left", "move(-1)", "Prev. term", show=False, id="prev_term", priority=True),
        Binding(
            "down", "paragraph(1)", "Next paragraph", show=False, id="next_paragraph", priority=True
        ),
        Binding(
            "up", "paragraph(-1)", "Prev. paragraph", show=False, id="prev_paragraph", priority=True
        ),
        Binding("k", "known", "Known", id="known"),
        Binding("i", "ignore", "Ignore", id="ignore"),
        Binding("a", "queue", "Add to queue", id="queue"),
        Binding("e", "english", "English beside/below", id="english"),
        Binding("question_mark", "help", "Help", id="help"),
        Binding("escape,q", "back", "Back", id="back"),
    ]

    def __init__(self, slug: str) -> None:
        super().__init__()
        self.slug = slug
        self.english_beside = False
        # Every marked term in reading order: (paragraph, span).
        self.places: list[tuple[int, int]] = []
        self.position = 0

    @property
    def vocab(self) -> VocabApp:
        assert isinstance(self.app, VocabApp)
        return self.app

    def compose(self) -> ComposeResult:
        self.reading = rd.read_article(self.vocab.db, self.slug)
        self.positions = rd.paragraph_positions(self.vocab.db, self.slug)
        self.places = [
            (index, span)
            for index, paragraph in enumerate(self.reading.paragraphs)
            for span in range(len(paragraph.spans))
        ]
        yield Static(Text(f"Reading · {self.reading.title}"), id="reader-title")
        with Horizontal(id="reader-body"):
            with VerticalScroll(id="paragraphs"):
                for index, paragraph in enumerate(self.reading.paragraphs):
                    with Horizontal(classes="paragraph", id=f"p{index}"):
                        yield Static(self.chinese(index), classes="zh")
                        yield Static(Text(paragraph.en or ""), classes="en")
            yield Static(id="term-panel")
        yield Static(self.legend(), id="reader-legend")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.set_layout()
        self.show_term()

    # --- drawing --------------------------------------------------------------------------

    @staticmethod
    def legend() -> Text:
        text = Text()
        for shade in ("new", "learning", "known"):
            text.append(f" {shade} ", style=SHADE_STYLES[shade])
        return text

    def selected_place(self) -> tuple[int, int] | None:
        return self.places[self.position] if self.places else None

    def chinese(self, index: int) -> Text:
        paragraph = self.reading.paragraphs[index]
        text = Text()
        position = self.positions.get(index)
        if position:  # a subtitle's cue time, so the learner can find the line in the film
            text.append(f"{position} ", style="dim")
        offset = len(text)
        text.append(paragraph.zh)
        place = self.selected_place()
        for number, span in enumerate(paragraph.spans):
            style = SHADE_STYLES[self.reading.shade(span.term_id)]
            if place == (index, number):
                style = f"{style} {SELECTED}".strip()
            if style:
                text.stylize(style, offset + span.start, offset + span.end)
        return text

    def redraw(self, index: int) -> None:
        self.query_one(f"#p{index}").query_one(".zh", Static).update(self.chinese(index))

    def set_layout(self) -> None:
        for paragraph in self.query(".paragraph"):
            paragraph.set_class(self.english_beside, "beside")
        self.query_one("#paragraphs").set_class(self.english_beside, "beside")

    def selected_term(self) -> rd.TermRow | None:
        place = self.selected_place()
        if place is None:
            return None
        index, number = place
        return self.reading.terms[self.reading.paragraphs[index].spans[number].term_id]

    def show_term(self) -> None:
        panel = self.query_one("#term-panel", Static)
        term = self.selected_term()
        if term is None:
            panel.update(Text("No terms marked in this article", style="dim"))
            return
        detail = bs.detail(self.vocab.db, term.id)
        text = Text(term.simplified, style="bold")
        if detail.traditional and detail.traditional != term.simplified:
            text.append(f" {detail.traditional}", style="dim")
        text.append("\n")
        text.append_text(
            coloured_pinyin(term.pinyin, term.pinyin_numbered, self.vocab_settings_tone_colours())
        )
        text.append("\n\n")
        for meaning in detail.meanings[:4]:
            text.append(f"· {meaning}\n")
        text.append("\n")
        hsk = hsk_label(term.hsk) or "not listed"
        text.append(f"HSK {hsk}\n")
        text.append(f"state: {term.state}\n", style=SHADE_STYLES[self.reading.shade(term.id)])
        if term.lapses:
            text.append(f"lapses: {term.lapses}\n")
        panel.update(text)

    def vocab_settings_tone_colours(self) -> bool:
        from vocab.service.review import load_settings

        return load_settings(self.vocab.db).tone_colours

    # --- moving ---------------------------------------------------------------------------

    def go_to(self, position: int) -> None:
        if not self.places:
            return
        before = self.places[self.position][0]
        self.position = max(0, min(position, len(self.places) - 1))
        after = self.places[self.position][0]
        self.redraw(before)
        if after != before:
            self.redraw(after)
        self.query_one(f"#p{after}").scroll_visible()
        self.show_term()

    def action_move(self, step: int) -> None:
        self.go_to(self.position + step)

    def action_paragraph(self, step: int) -> None:
        if not self.places:
            return
        current = self.places[self.position][0]
        if step > 0:
            target = next((i for i, (p, _) in enumerate(self.places) if p > current), self.position)
        else:
            earlier = [p for p, _ in self.places[: self.position] if p < current]
            target = self.places.index((earlier[-1], 0)) if earlier else 0
        self.go_to(target)

    # --- changing a term ------------------------------------------------------------------

    def change(self, verb: str) -> None:
        term = self.selected_term()
        if term is None:
            return
        db, now = self.vocab.db, self.vocab.now()
        try:
            if verb == "known":
                bs.set_known(db, term.id, term.state != "known", now)
            elif verb == "ignore":
                bs.ignore_term(db, term.id)
            else:
                bs.queue_term(db, term.id, now)
            self.reading = rd.refreshed(db, self.reading, term.id)
        except VocabError as error:
            self.vocab.show_error(error)
            return
        updated = self.reading.terms[term.id]
        self.notify(f"{term.simplified}: {updated.state}")
        for index, paragraph in enumerate(self.reading.paragraphs):
            if any(span.term_id == term.id for span in paragraph.spans):
                self.redraw(index)
        self.show_term()

    def action_known(self) -> None:
        self.change("known")

    def action_ignore(self) -> None:
        self.change("ignore")

    def action_queue(self) -> None:
        self.change("queue")

    def action_english(self) -> None:
        self.english_beside = not self.english_beside
        self.set_layout()

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen("Reader keys", list(self.BINDINGS)))

    def action_back(self) -> None:
        self.app.pop_screen()
