"""A key footer that rebuilds its keys only when they change."""

from collections.abc import Hashable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class KeyFooter(Footer):
    """Textual's Footer, minus the needless work: it rebuilds every key widget on each
    `refresh_bindings`, which the review screen calls for every card (six rebuilds, each
    restyling every key, before the first card was shown). This one rebuilds once per refresh
    at most, and only when a key's label or its enabled state changed; its keys are made
    with the footer's `compact` already set rather than bound to it, which restyled each key
    twice more. It draws exactly what Footer draws for screens without binding groups or a
    command palette, which vocab's screens don't use."""

    def __init__(self) -> None:
        super().__init__()
        self._shown: Hashable = None
        self._rebuild_pending = False

    def compose(self) -> ComposeResult:
        self._shown = self._keys() if self._bindings_ready else None
        if not self._bindings_ready:
            return
        # One key per action, the first binding shown for it, as Footer does.
        by_action: dict[str, tuple[Binding, bool, str]] = {}
        for _, binding, enabled, tooltip in self.screen.active_bindings.values():
            if binding.show:
                by_action.setdefault(binding.action, (binding, enabled, tooltip))
        self.styles.grid_size_columns = len(by_action)
        for binding, enabled, tooltip in by_action.values():
            key = FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                disabled=not enabled,
                tooltip=tooltip,
            )
            key.set_reactive(FooterKey.compact, self.compact)
            yield key

    def bindings_changed(self, screen: Screen[object]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus or self._rebuild_pending:
            return
        if self.is_attached and screen is self.screen:
            self._rebuild_pending = True
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._rebuild_pending = False
        if self.is_attached and self._keys() != self._shown:
            await self.recompose()

    def _keys(self) -> Hashable:
        return tuple(
            (key, binding.action, binding.description, binding.show, enabled, tooltip)
            for key, (_, binding, enabled, tooltip) in self.screen.active_bindings.items()
        )
