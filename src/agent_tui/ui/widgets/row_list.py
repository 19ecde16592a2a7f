"""A list of one-line rows under headings, drawn with Textual's line API: only the rows on
screen are drawn, and a row's text is made the first time it shows, so a list of thousands
costs what a screenful does. (Textual's OptionList measures every option on each rebuild.)
The agents list and the review's file list are made of it."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

# A row: the key of what it stands for (None: a heading, which the cursor passes over) and
# its text for a width.
Row = tuple[str | None, Callable[[int], Text]]


def heading(title: str, style: str = "bold dim") -> Callable[[int], Text]:
    text = Text(title, style=style, no_wrap=True, overflow="crop")
    return lambda width: text


class RowMessage(Message):
    """About the row of `key` in the list `rows`."""

    def __init__(self, rows: RowList, key: str) -> None:
        super().__init__()
        self.rows = rows
        self.key = key

    @property
    def control(self) -> RowList:
        return self.rows


class RowList(ScrollView, can_focus=True):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor(-1)", "Up", show=False),
        Binding("down", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "end(-1)", "First", show=False),
        Binding("end", "end(1)", "Last", show=False),
        Binding("enter", "select", "Open", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "row-list--cursor",
        "row-list--heading",
        "row-list--hover",
    }
    DEFAULT_CSS = """
    RowList {
        background: $surface;
        color: $foreground;
        overflow-x: hidden;
        padding: 0 1;
        & > .row-list--heading {
            color: $text-disabled;
        }
        & > .row-list--hover {
            background: $block-hover-background;
        }
        & > .row-list--cursor {
            color: $block-cursor-blurred-foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus {
            background-tint: $foreground 5%;
            & > .row-list--cursor {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
        }
    }
    """

    highlighted: reactive[int | None] = reactive(None, always_update=True)  # rows change
    hovered: reactive[int | None] = reactive(None)  # the row under the mouse

    class Highlighted(RowMessage):
        """The cursor is on the row of `key`."""

    class Selected(RowMessage):
        """Enter or a click on the row of `key`."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.rows: list[Row] = []
        self._index: dict[str, int] = {}  # key -> row
        self._texts: dict[int, Text] = {}  # rows made for `_width` cells
        self._width = 0

    def set_rows(self, rows: list[Row], keep: str | None = None) -> None:
        """Show `rows`, the cursor on `keep` when it is among them, else on the first item."""
        self.rows = rows
        self._index = {key: n for n, (key, _) in enumerate(rows) if key is not None}
        self._texts = {}
        self.virtual_size = Size(self.scrollable_content_region.width, len(rows))
        self.refresh()
        if keep in self._index:
            self.select_key(keep)
        else:
            self.highlighted = next(iter(self._index.values()), None)

    def clear(self) -> None:
        self.set_rows([])

    def row_text(self, index: int) -> Text:
        """Row `index` as shown, made the first time it is asked for, for the cells a row has
        (the list's width less its padding and scrollbar gutter); made again on a resize."""
        width = self.scrollable_content_region.width
        if width != self._width:
            self._width, self._texts = width, {}
        text = self._texts.get(index)
        if text is None:
            text = self._texts[index] = self.rows[index][1](self._width)
        return text

    @property
    def row_count(self) -> int:
        return len(self.rows)

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if not 0 <= index < len(self.rows):
            return Strip.blank(width, base)
        if index == self.highlighted:
            base = base + self.get_component_rich_style("row-list--cursor")
        elif self.rows[index][0] is None:
            base = base + self.get_component_rich_style("row-list--heading")
        elif index == self.hovered:
            base = base + self.get_component_rich_style("row-list--hover")
        text, console = self.row_text(index), self.app.console
        # Text.render leaves out the Text's own style when it has no spans: put it under them.
        under = base + console.get_style(text.style)
        segments = Segment.apply_style(text.render(console, end=""), under)
        strip = Strip(segments).extend_cell_length(width, base)
        return strip.crop(0, width).apply_meta({"row": index})

    # ---------------------------------------------------------------------------- cursor

    @property
    def highlighted_key(self) -> str | None:
        if self.highlighted is None or self.highlighted >= len(self.rows):
            return None
        return self.rows[self.highlighted][0]

    def select_key(self, key: str) -> None:
        if key in self._index:
            self.highlighted = self._index[key]

    def validate_highlighted(self, index: int | None) -> int | None:
        if index is None or not self.rows:
            return None
        return min(max(index, 0), len(self.rows) - 1)

    def watch_highlighted(self, index: int | None) -> None:
        self.refresh()
        key = self.highlighted_key
        if index is None or key is None:
            return
        top = index - 1 if index and self.rows[index - 1][0] is None else index  # its heading
        self.scroll_to_region(Region(0, top, 1, index - top + 1), animate=False, x_axis=False)
        self.tooltip = self.tooltip_for(key)
        self.post_message(self.Highlighted(self, key))

    def tooltip_for(self, key: str) -> str | None:
        """What the tooltip says while the cursor is on the row of `key`."""
        return None

    def move(self, start: int, step: int) -> None:
        """To the first item row from `start` on in the direction of `step`."""
        index = start
        while 0 <= index < len(self.rows):
            if self.rows[index][0] is not None:
                self.highlighted = index
                return
            index += step

    def action_cursor(self, step: int) -> None:
        if self.highlighted is None:
            self.move(0, 1)
        else:
            self.move(self.highlighted + step, step)

    def action_page(self, step: int) -> None:
        page = max(self.scrollable_content_region.height - 1, 1)
        start = (self.highlighted or 0) + step * page
        self.move(min(max(start, 0), len(self.rows) - 1), step)
        if self.highlighted is not None and self.rows[self.highlighted][0] is None:
            self.move(self.highlighted, -step)

    def action_end(self, step: int) -> None:
        self.move(len(self.rows) - 1 if step > 0 else 0, -step)

    def action_select(self) -> None:
        key = self.highlighted_key
        if key is not None:
            self.post_message(self.Selected(self, key))

    # ----------------------------------------------------------------------------- mouse

    def watch_hovered(self) -> None:
        self.refresh()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        row = event.style.meta.get("row")
        self.hovered = row if isinstance(row, int) else None

    def on_leave(self) -> None:
        self.hovered = None

    def on_click(self, event: events.Click) -> None:
        index = event.style.meta.get("row")
        if isinstance(index, int) and 0 <= index < len(self.rows) and self.rows[index][0]:
            self.highlighted = index
            self.action_select()
