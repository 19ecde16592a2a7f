"""The Agent, Memory and File tabs of the open agent: a line of labels over an underline,
drawn by one widget. (Textual's Tabs make a widget of each tab and an animated underline,
which cost a fifteenth of the start-up; these tabs need neither.) A click or the screen's
keys choose the tab; `Changed` says which."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.console import Group
from rich.style import Style
from rich.text import Text
from textual import events
from textual.message import Message
from textual.reactive import reactive
from textual.renderables.bar import Bar
from textual.widget import Widget


class ViewTabs(Widget):
    DEFAULT_CSS = """
    ViewTabs {
        height: 2;
        pointer: pointer;
        & > .view-tabs--tab {
            color: $foreground 50%;
        }
        & > .view-tabs--active, & > .view-tabs--hover {
            color: $foreground;
        }
        & > .view-tabs--bar {
            color: $block-cursor-background;
            background: $foreground 10%;
        }
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "view-tabs--tab",
        "view-tabs--active",
        "view-tabs--hover",
        "view-tabs--bar",
    }

    active: reactive[str] = reactive("")
    hovered: reactive[str | None] = reactive(None)  # the tab under the mouse

    class Changed(Message):
        """The tab `tab` is now the one shown."""

        def __init__(self, tab: str) -> None:
            super().__init__()
            self.tab = tab

    def __init__(self, tabs: Sequence[tuple[str, str]], **kwargs: object) -> None:
        """`tabs`: (id, label) in order; the first is active."""
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.tabs = list(tabs)
        self.labels = dict(tabs)
        self.hidden: set[str] = set()
        self.set_reactive(ViewTabs.active, self.tabs[0][0])

    def show_tab(self, tab: str, shown: bool) -> None:
        """Show or hide one tab (an orphan memory folder has no Agent or File tab)."""
        if shown:
            self.hidden.discard(tab)
        else:
            self.hidden.add(tab)
        self.refresh()

    def is_shown(self, tab: str) -> bool:
        return tab not in self.hidden

    def spans(self) -> list[tuple[str, int, int]]:
        """(tab, first cell, end cell) of each tab shown; a label has a space each side."""
        out: list[tuple[str, int, int]] = []
        x = 0
        for tab, label in self.tabs:
            if tab not in self.hidden:
                out.append((tab, x, x + len(label) + 2))
                x += len(label) + 2
        return out

    def render(self) -> Group:
        labels = Text(no_wrap=True, overflow="crop")
        highlight = (0, 0)
        for tab, start, end in self.spans():
            style = "view-tabs--tab"
            if tab == self.active:
                style = "view-tabs--active"
            elif tab == self.hovered:
                style = "view-tabs--hover"
            labels.append(f" {self.labels[tab]} ", self.get_component_rich_style(style))
            if tab == self.active:
                highlight = (start + 1, end - 1)  # under the label, not its spaces
        bar = self.get_component_rich_style("view-tabs--bar")
        underline = Bar(
            highlight_range=highlight,
            highlight_style=Style.from_color(bar.color),
            background_style=Style.from_color(bar.bgcolor),
        )
        return Group(labels, underline)

    def watch_active(self, tab: str) -> None:
        self.refresh()
        self.post_message(self.Changed(tab))

    def tab_at(self, x: int) -> str | None:
        return next((tab for tab, start, end in self.spans() if start <= x < end), None)

    def watch_hovered(self) -> None:
        self.refresh()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self.hovered = self.tab_at(event.x)

    def on_leave(self) -> None:
        self.hovered = None

    def on_click(self, event: events.Click) -> None:
        tab = self.tab_at(event.x)
        if tab is not None:
            self.active = tab
