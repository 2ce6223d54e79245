"""Stats: reviews and time per day (30/90/365 days), the due forecast, true retention against
the desired one, terms by state and HSK level, and the streak; plots with textual-plotext."""

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static
from textual_plotext import PlotextPlot

from vocab.service import stats as st
from vocab.service.browse import TERM_STATES
from vocab.tui.app import VocabApp
from vocab.tui.screens import stylesheet
from vocab.tui.screens.help import HelpScreen
from vocab.tui.widgets.footer import KeyFooter


def percent(value: float | None) -> str:
    return f"{value:.1%}" if value is not None else "n/a"


class StatsScreen(Screen[None]):
    DEFAULT_CSS = stylesheet("stats.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("p", "period", "30/90/365 days", id="period"),
        Binding("question_mark", "help", "Help", id="help"),
        Binding("escape,q", "back", "Back", id="back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.period = st.PERIODS[0]

    @property
    def vocab(self) -> VocabApp:
        assert isinstance(self.app, VocabApp)
        return self.app

    def compose(self) -> ComposeResult:
        self.stats = st.compute(self.vocab.db, self.vocab.now(), self.vocab.tz)
        yield Static(id="stats-title")
        with VerticalScroll(id="stats-body"):
            yield Static(id="figures")
            yield PlotextPlot(id="reviews-plot", classes="plot")
            yield PlotextPlot(id="minutes-plot", classes="plot")
            yield PlotextPlot(id="forecast-plot", classes="plot")
            yield Static(self.terms_table(), id="terms-table")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.draw()

    def draw(self) -> None:
        stats, days = self.stats, self.period
        period = stats.periods[days]
        self.query_one("#stats-title", Static).update(
            Text(f"Stats · last {days} days · streak {stats.streak} days")
        )
        self.query_one("#figures", Static).update(
            Text(
                f"{period.reviews} reviews · {period.seconds / 60:.0f} min · "
                f"{period.days_studied} days studied\n"
                f"true retention {percent(period.true_retention)} "
                f"({period.mature_passed}/{period.mature_reviews} mature answers) · "
                f"desired {stats.desired_retention:.0%}\n"
                f"due today {stats.forecast[0][1]} · next 7 days "
                f"{sum(due for _, due in stats.forecast[:7])}"
            )
        )
        recent = stats.daily[-days:]
        offsets = list(range(-days + 1, 1))
        self.bars(
            "#reviews-plot",
            f"Reviews per day, last {days} days",
            offsets,
            [day.reviews for day in recent],
        )
        self.bars(
            "#minutes-plot",
            f"Minutes per day, last {days} days",
            offsets,
            [round(day.seconds / 60, 1) for day in recent],
        )
        self.bars(
            "#forecast-plot",
            f"Due in the next {st.FORECAST_DAYS} days",
            list(range(len(stats.forecast))),
            [due for _, due in stats.forecast],
        )

    def bars(self, selector: str, title: str, xs: list[int], ys: list[float]) -> None:
        plot = self.query_one(selector, PlotextPlot)
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        # plotext draws a zero as a sliver of a bar: days with nothing are left out instead.
        shown = [(x, y) for x, y in zip(xs, ys, strict=True) if y]
        if shown:
            plt.bar([x for x, _ in shown], [y for _, y in shown], marker="hd", width=0.8)
        plt.xlim(min(xs) - 1, max(xs) + 1)
        # Ticks chosen here, not by plotext, whose choice shifts with what it drew before.
        step = 10 if len(xs) <= 30 else 30 if len(xs) <= 90 else 90
        plt.xticks([x for x in xs if x % step == 0])
        plt.ylim(0, max(ys, default=0) or 1)
        plt.title(title)
        plt.xlabel("days from today")
        plot.refresh()

    def terms_table(self) -> Table:
        table = Table(title="Terms by HSK level and state", expand=False, box=None)
        table.add_column("HSK")
        for state in TERM_STATES:
            table.add_column(state, justify="right")
        rows = [("all", self.stats.by_state)] + [
            ("7-9" if level == "7" else level, counts)
            for level, counts in self.stats.by_hsk.items()
        ]
        for label, counts in rows:
            table.add_row(label, *(str(counts[state]) for state in TERM_STATES))
        return table

    def action_period(self) -> None:
        periods = st.PERIODS
        self.period = periods[(periods.index(self.period) + 1) % len(periods)]
        self.draw()

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen("Stats keys", list(self.BINDINGS)))

    def action_back(self) -> None:
        self.app.pop_screen()
