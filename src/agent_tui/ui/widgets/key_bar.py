"""A footer drawn once: the screen's keys in one line, most important first, as many as fit
the width; each one clickable.

Textual's Footer builds a widget per key and rebuilds them whenever focus or bindings change;
on a screen that is opened often (the review) that was ~80 ms of each opening here. It also
lists keys in binding order and cuts the line where it ends, so the keys that matter most
were the ones a narrow terminal never showed.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.events import Resize
from textual.markup import escape
from textual.widgets import Static


class KeyBar(Static):
    def __init__(
        self,
        bindings: list[BindingType],
        keymap: dict[str, str] | None = None,
        *,
        id: str | None = None,
    ) -> None:
        """`bindings` in the order they are shown; `keymap`: keys the user rebound, by id."""
        super().__init__(id=id)
        self.all_bindings = [b for b in bindings if isinstance(b, Binding) and b.show]
        if not any(binding.action.endswith("quit") for binding in self.all_bindings):
            self.all_bindings.append(Binding("ctrl+q", "app.quit", "Quit"))
        self.bindings = self.all_bindings
        self.keymap = keymap or {}

    def on_resize(self, event: Resize) -> None:
        self.update(self.keys(event.size.width))

    def limit(self, actions: set[str] | None) -> None:
        """Offer only these actions (the others cannot do anything now); None: all again."""
        self.bindings = [
            binding
            for binding in self.all_bindings
            if actions is None or binding.action in actions or binding.action == "app.quit"
        ]
        self.update(self.keys())

    def keys(self, width: int | None = None) -> Content:
        """The keys that fit `width` cells (default: the bar's own width), in order."""
        room = width if width is not None else self.size.width
        parts: list[Content] = []
        used = -1
        for binding in self.bindings:
            key = self.keymap.get(binding.id or "", binding.key)
            first = key.split(",")[0].strip()  # as Footer does: one key per action
            shown = self.app.get_key_display(Binding(first, binding.action))
            action = binding.action if "." in binding.action else f"screen.{binding.action}"
            # The colour is the theme's, looked up when drawn: a new theme recolours the keys.
            label = f"[@click={action}]{escape(binding.description)}[/]"
            part = Content.from_markup(f"[b $footer-key-foreground] {escape(shown)} [/]{label}")
            if room and used + 1 + part.cell_length > room:
                break
            used += 1 + part.cell_length
            parts.append(part)
        return Content(" ").join(parts)
