"""A key footer drawn as one line of text, the way Textual's Footer draws it."""

from typing import ClassVar, NamedTuple

from rich.style import Style
from rich.text import Text
from textual import events
from textual.app import RenderResult
from textual.renderables.blank import Blank
from textual.screen import Screen
from textual.widget import Widget


class FooterKey(NamedTuple):
    """A key as the footer shows it: the key pressed, its label and what it does."""

    key: str
    display: str
    description: str
    enabled: bool
    tooltip: str


class KeyFooter(Widget, can_focus=False):
    """The keys of the screen's bindings, as Textual's Footer shows them: one per action, its
    first binding shown; keys that don't apply now are dimmed; a click presses the key, the
    mouse wheel scrolls keys that don't fit into view.

    Textual's Footer is a scrolling container with a widget for each key, rebuilt and restyled
    whenever the bindings change: on the review screen that was 9 widgets to mount, style and
    lay out before the first card showed (40 ms, a sixth of the screen's whole start), and on the
    home screen each key was restyled again for its `compact` flag. This draws the same text in
    one widget, redrawn only when a key's label or state changes: exactly what Footer draws for
    screens without binding groups or a command palette, which vocab's screens don't use.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "footer-key--key",
        "footer-key--description",
        "footer-key--item",
        "footer-key--hover",
    }
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        text-wrap: nowrap;
        text-overflow: clip;
        .footer-key--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .footer-key--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .footer-key--item {
            background: $footer-item-background;
        }
        .footer-key--hover {
            color: $footer-key-foreground;
            background: $block-hover-background;
        }
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self.keys: tuple[FooterKey, ...] = ()  # as shown, left to right
        self._hovered: int | None = None
        self._scrolled = 0  # columns scrolled off to the left, as the mouse wheel scrolls Footer

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen[object]) -> None:
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        keys = self.footer_keys()
        if keys != self.keys:
            self.keys = keys
            self.refresh()

    def footer_keys(self) -> tuple[FooterKey, ...]:
        """One key per action, the first binding shown for it, as Footer does."""
        by_action: dict[str, FooterKey] = {}
        for _, binding, enabled, tooltip in self.screen.active_bindings.values():
            if binding.show and binding.action not in by_action:
                by_action[binding.action] = FooterKey(
                    binding.key,
                    self.app.get_key_display(binding),
                    binding.description,
                    enabled,
                    tooltip,
                )
        return tuple(by_action.values())

    def render(self) -> RenderResult:
        if not self.keys:
            # As Footer draws with no keys yet: its background only.
            return Blank(self.background_colors[1])
        line = Text(no_wrap=True, overflow="crop", end="")
        for index, key in enumerate(self.keys):
            line.append_text(self._key_text(key, hovered=index == self._hovered))
        return line[self._scrolled :] if self._scrolled else line

    def _key_text(self, key: FooterKey, *, hovered: bool) -> Text:
        """One key as FooterKey renders it: ` key ` then `description `, over the item's style."""
        key_style = self._part_style("footer-key--key", hovered)
        if key.description:
            text = Text.assemble(
                (f" {key.display} ", key_style),
                (f"{key.description} ", self._part_style("footer-key--description", hovered)),
            )
        else:
            text = Text.assemble((key.display, key_style))
        item = self.get_component_rich_style("footer-key--hover" if hovered else "footer-key--item")
        text.stylize_before(item + Style(dim=True) if not key.enabled else item)
        return text

    def _part_style(self, part: str, hovered: bool) -> Style:
        style = self.get_component_rich_style(part)
        if hovered and self.get_component_styles(part).background.a == 0:
            # A part without a background of its own shows the hovered key's through it.
            style += Style(bgcolor=self.get_component_rich_style("footer-key--hover").bgcolor)
        return style

    def _key_at(self, x: int) -> int | None:
        """Which key the column `x` of the footer falls on."""
        start = -self._scrolled
        for index, key in enumerate(self.keys):
            end = start + self._key_text(key, hovered=False).cell_len
            if start <= x < end:
                return index
            start = end
        return None

    def _hover(self, index: int | None) -> None:
        if index != self._hovered:
            self._hovered = index
            self.styles.pointer = "default" if index is None else "pointer"
            self.tooltip = self.keys[index].tooltip or None if index is not None else None
            self.refresh()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._hover(self._key_at(event.x))

    def on_leave(self, event: events.Leave) -> None:
        self._hover(None)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        index = self._key_at(event.x)
        if index is None:
            return
        key = self.keys[index]
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()

    def _scroll_by(self, columns: int) -> bool:
        width = sum(self._key_text(key, hovered=False).cell_len for key in self.keys)
        scrolled = max(0, min(self._scrolled + columns, width - self.size.width))
        if scrolled == self._scrolled:
            return False
        self._scrolled = scrolled
        self.refresh()
        return True

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        if self._scroll_by(1):
            event.stop()
            event.prevent_default()

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        if self._scroll_by(-1):
            event.stop()
            event.prevent_default()
