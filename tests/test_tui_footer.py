"""The key footer: the screen's keys, dimmed while they don't apply, pressed by a click."""

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from textual import events

from vocab.tui.app import VocabApp
from vocab.tui.screens.review import ReviewScreen
from vocab.tui.widgets.footer import KeyFooter

NOW = datetime(2026, 11, 30, 1, 0, tzinfo=UTC)
TZ = ZoneInfo("Asia/Shanghai")
SIZE = (80, 24)
REVIEW_KEYS = ["Show / next", "Undo", "Suspend", "Known", "Edit", "Context", "Help", "End"]


def make_app(path: Path, start: str = "review") -> VocabApp:
    return VocabApp(path, start=start, clock=lambda: NOW, tz=TZ)  # type: ignore[arg-type]


def footer(app: VocabApp) -> KeyFooter:
    return app.screen.query_one(KeyFooter)


def keys(app: VocabApp) -> dict[str, bool]:
    """Each key's description, and whether it applies now (else it is dimmed)."""
    return {key.description: key.enabled for key in footer(app).keys}


def footer_line(app: VocabApp) -> str:
    return footer(app).render_line(0).text


def review(app: VocabApp) -> ReviewScreen:
    assert isinstance(app.screen, ReviewScreen)
    return app.screen


async def test_the_review_keys_show_and_undo_applies_once_a_card_is_answered(
    seed_db: Path,
) -> None:
    app = make_app(seed_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert list(keys(app)) == REVIEW_KEYS
        assert footer_line(app).startswith(" space Show / next  u Undo  s Suspend ")
        assert not keys(app)["Undo"] and keys(app)["Suspend"]
        await pilot.press("space", "3")
        await pilot.pause()
        assert keys(app)["Undo"]


async def test_the_home_screen_shows_its_keys(seed_db: Path) -> None:
    app = make_app(seed_db, start="home")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # Enter belongs to the article table, which has the focus, so it isn't listed.
        assert footer_line(app).rstrip() == (
            " r Review all  a Add article  b Browse  v Read  t Stats  ? Help  q Quit"
        )
        assert all(keys(app).values())


async def test_clicking_a_key_presses_it(seed_db: Path) -> None:
    app = make_app(seed_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not review(app).revealed
        await pilot.click(KeyFooter, offset=(2, 0))  # on " space Show / next "
        await pilot.pause()
        assert review(app).revealed


async def test_clicking_a_dimmed_key_only_rings_the_bell(
    seed_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(seed_db)
    rings: list[None] = []
    monkeypatch.setattr(app, "bell", lambda: rings.append(None))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        card = review(app).card
        await pilot.click(KeyFooter, offset=(21, 0))  # on " u Undo ": nothing to undo yet
        await pilot.pause()
        assert rings == [None]
        assert review(app).card == card and not review(app).session.done  # type: ignore[union-attr]


async def test_the_mouse_wheel_brings_a_key_cut_at_the_edge_into_view(seed_db: Path) -> None:
    app = make_app(seed_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # The review keys take 81 columns: at 80 the last one shows as "q End", cut.
        assert footer_line(app).endswith(" q End")
        wheel = events.MouseScrollDown(footer(app), 70, 0, 0, 1, 0, False, False, False)
        footer(app).post_message(wheel)
        await pilot.pause()
        assert footer_line(app).startswith("space Show / next ")
        assert footer_line(app).endswith(" q End ")
        wheel = events.MouseScrollUp(footer(app), 70, 0, 0, -1, 0, False, False, False)
        footer(app).post_message(wheel)
        await pilot.pause()
        assert footer_line(app).startswith(" space Show / next ")
