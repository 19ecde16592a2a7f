"""A footer drawn once: the screen's keys in one line, each clickable.

Textual's Footer builds a widget per key and rebuilds them whenever focus or bindings change;
on a screen that is opened often (the review) that was ~80 ms of each opening here.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.markup import escape
from textual.widgets import Static


class KeyBar(Static):
    def __init__(self, bindings: list[Binding], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.all_bindings = [binding for binding in bindings if binding.show]
        self.bindings = self.all_bindings

    def on_mount(self) -> None:
        self.update(self.keys())
        self.watch(self.app, "theme", lambda: self.update(self.keys()), init=False)

    def limit(self, actions: set[str] | None) -> None:
        """Offer only these actions (the others cannot do anything now); None: all again."""
        self.bindings = [
            binding for binding in self.all_bindings if actions is None or binding.action in actions
        ]
        self.update(self.keys())

    def keys(self) -> Content:
        colour = self.app.get_css_variables().get("footer-key-foreground", "")
        parts: list[Content] = []
        for binding in [*self.bindings, Binding("ctrl+q", "app.quit", "Quit")]:
            first = binding.key.split(",")[0].strip()  # as Footer does: one key per action
            key = self.app.get_key_display(Binding(first, binding.action))
            action = binding.action if "." in binding.action else f"screen.{binding.action}"
            parts.append(
                Content.from_markup(
                    f"[b {colour}] {escape(key)} [/]"
                    f"[@click={action}]{escape(binding.description)}[/]"
                )
            )
        return Content(" ").join(parts)
