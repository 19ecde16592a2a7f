"""The agents pane: every agent grouped by scope, with colour, model, memory and marks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from agent_tui.core.agent import AgentScope
from agent_tui.core.budget import MAX_LINES, Band
from agent_tui.core.lint import Finding, Severity
from agent_tui.core.memory import MemoryDir, MemoryScope
from agent_tui.core.workspace import AgentEntry, Workspace

# Claude Code's colour names as terminal colours.
SWATCH = {
    "red": "red",
    "blue": "dodger_blue1",
    "green": "green3",
    "yellow": "yellow",
    "purple": "medium_purple",
    "orange": "dark_orange",
    "pink": "hot_pink",
    "cyan": "cyan",
}
BAND_STYLE = {
    Band.OK: "green",
    Band.NEAR: "gold3",
    Band.TIGHT: "dark_orange",
    Band.OVER: "bold red",
}
GROUPS = (
    (AgentScope.PROJECT, "Project agents"),
    (AgentScope.USER, "User agents"),
    (AgentScope.PLUGIN, "Plugin agents"),
)
MAIN_SESSION = "main session"


@dataclass(frozen=True)
class ListItem:
    """What a row of the list stands for: an agent file or a memory folder with no agent."""

    key: str
    entry: AgentEntry | None
    memory: MemoryDir | None


def agent_key(path: Path) -> str:
    """The list row of the agent file at `path`."""
    return f"agent:{path}"


def item_key(entry: AgentEntry | None, memory: MemoryDir | None) -> str:
    if entry is not None:
        return agent_key(entry.file.path)
    assert memory is not None
    return f"memory:{memory.path}"


def budget_badge(memory: MemoryDir | None) -> Text:
    if memory is None:
        return Text("")
    budget = memory.index.budget
    if budget is None:
        return Text("no index", style="dim")
    return Text(f"{budget.lines}/{MAX_LINES}", style=BAND_STYLE[budget.band])


def worst(findings: list[Finding]) -> Severity | None:
    severities = {finding.severity for finding in findings}
    for severity in (Severity.ERROR, Severity.WARNING):
        if severity in severities:
            return severity
    return None


ROW_WIDTH = 38  # the list's rows at its default width, scrollbar gutter left out
MODEL_WIDTH = 7
BADGE_WIDTH = 8  # `1200/200`
# A row: swatch (2), name, model (1 + 7, dropped when the list is narrow), badge (1 + 7),
# mark (2). The name takes what is left.
FIXED = 2 + 1 + BADGE_WIDTH + 2


def fit(text: str, width: int) -> str:
    """`text` cut with an ellipsis or padded to exactly `width` terminal cells (wide
    characters such as CJK take two)."""
    cell = Text(text.replace("\n", " "))
    cell.truncate(width, overflow="ellipsis", pad=True)
    return cell.plain


def cut_middle(text: str, width: int) -> str:
    """`text` in exactly `width` cells; when too long, its middle gives way to `…`, so names
    sharing a prefix keep the tails that tell them apart."""
    text = text.replace("\n", " ")
    if cell_len(text) <= width:
        return text + " " * (width - cell_len(text))
    room = width - 1
    head_room = room * 2 // 5  # the tail matters more
    head, tail = "", ""
    for char in text:
        if cell_len(head + char) > head_room:
            break
        head += char
    for char in reversed(text):
        if cell_len(head) + cell_len(char + tail) > room:
            break
        tail = char + tail
    cut = head + "…" + tail
    return cut + " " * (width - cell_len(cut))


def columns(width: int, badges: bool = True) -> tuple[int, bool, bool]:
    """(name width, model column shown, badge column shown) for rows `width` cells wide:
    names come first, then the memory badge (`badges`: some row has one), then the model."""
    with_model = width - FIXED - 1 - MODEL_WIDTH >= 18
    with_badge = badges and width - FIXED >= 12
    name = width - FIXED - ((1 + MODEL_WIDTH) if with_model else 0)
    if not with_badge:
        name += 1 + BADGE_WIDTH
    return max(name, 4), with_model, with_badge


def agent_mark(entry: AgentEntry, findings: list[Finding]) -> Text:
    agent = entry.file
    if not agent.verdict.loads or agent.problem is not None:
        return Text("✗", style="bold red")
    if entry.shadowed_by is not None or entry.duplicate_of is not None:
        return Text("⤓", style="dim")
    if worst(findings) is Severity.ERROR:
        return Text("✗", style="bold red")
    if worst(findings) is Severity.WARNING:
        return Text("!", style="bold orange3")
    return Text(" ")


def agent_row(
    entry: AgentEntry,
    findings: list[Finding],
    unsaved: bool,
    width: int = ROW_WIDTH,
    badges: bool = True,
) -> Text:
    """`● name  model  badge mark`, in fixed columns that fill `width` and never wrap; no
    badge column when no row has one (`badges`)."""
    agent = entry.file
    name_width, with_model, with_badge = columns(width, badges)
    colour = SWATCH.get(agent.color or "")
    row = Text(no_wrap=True, overflow="crop")
    row.append("● " if colour else "○ ", style=colour or "dim")
    mark = " *" if unsaved else ""
    name = cut_middle(agent.display_name, name_width - len(mark)) + mark
    row.append(name, style="dim strike" if not entry.active else "bold")
    if with_model:
        row.append(f" {fit(agent.model or '', MODEL_WIDTH)}", style="dim")
    badge = budget_badge(entry.memory_dir) if entry.memory_off is None else Text("off", "dim")
    if not badge and agent.memory:
        badge = Text(fit(agent.memory, BADGE_WIDTH), style="dim")
    badge.truncate(BADGE_WIDTH, pad=True)
    if with_badge:
        row.append(" ")
        row.append_text(badge)
    row.append(" ")
    row.append_text(agent_mark(entry, findings))
    row.truncate(width)
    return row


def memory_row(memory: MemoryDir, findings: list[Finding], width: int = ROW_WIDTH) -> Text:
    name_width, with_model, with_badge = columns(width)
    row = Text("◌ ", style="dim", no_wrap=True, overflow="crop")
    name = MAIN_SESSION if memory.scope is MemoryScope.AUTO else memory.name
    row.append(cut_middle(name, name_width), style="italic")
    if with_model:
        row.append(f" {fit(memory.scope.value, MODEL_WIDTH)}", style="dim")
    badge = budget_badge(memory)
    badge.truncate(BADGE_WIDTH, pad=True)
    if with_badge:
        row.append(" ")
        row.append_text(badge)
    row.append(" ")
    row.append("!" if worst(findings) is not None else " ", style="bold orange3")
    row.truncate(width)
    return row


def matches(words: str, *texts: str | None) -> bool:
    haystack = " ".join(text for text in texts if text).lower()
    return all(word in haystack for word in words.lower().split())


# A row of the list: the item it stands for (None: a heading) and its text for a width.
Row = tuple[str | None, Callable[[int], Text]]


def heading(title: str) -> Callable[[int], Text]:
    text = Text(no_wrap=True, overflow="crop")
    text.append(title.upper(), style="bold dim")  # a span: a bare Text's style is not drawn
    return lambda width: text


class AgentList(ScrollView, can_focus=True):
    """Agents by scope, then memory folders that no agent uses. Only the rows on screen are
    drawn (Textual's line API), so a workspace of thousands of agents lists as fast as a
    screenful; a row's text is made the first time it shows."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor(-1)", "Up", show=False),
        Binding("down", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "end(-1)", "First", show=False),
        Binding("end", "end(1)", "Last", show=False),
        Binding("enter", "select", "Open", show=False),
        Binding("delete", "screen.delete_agent", "Delete agent", id="delete-agent"),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "agent-list--cursor",
        "agent-list--heading",
        "agent-list--hover",
    }
    DEFAULT_CSS = """
    AgentList {
        background: $surface;
        color: $foreground;
        overflow-x: hidden;
        padding: 0 1;
        & > .agent-list--heading {
            color: $text-disabled;
        }
        & > .agent-list--hover {
            background: $block-hover-background;
        }
        & > .agent-list--cursor {
            color: $block-cursor-blurred-foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus {
            background-tint: $foreground 5%;
            & > .agent-list--cursor {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
        }
    }
    """

    highlighted: reactive[int | None] = reactive(None, always_update=True)  # rows change
    hovered: reactive[int | None] = reactive(None)  # the row under the mouse

    class Highlighted(Message):
        """The cursor is on the row of `key`."""

        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    class Selected(Message):
        """Enter or a click on the row of `key`."""

        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.items: dict[str, ListItem] = {}
        self.rows: list[Row] = []
        self._index: dict[str, int] = {}  # item key -> row
        self._texts: dict[int, Text] = {}  # rows made at the current width
        self._shown: tuple[Workspace, dict[str, list[Finding]], str, str | None] | None = None
        self._width = 0

    @property
    def row_width(self) -> int:
        """The cells a row has: the list's width less its padding and scrollbar gutter."""
        width = self.scrollable_content_region.width
        return width if width > 0 else ROW_WIDTH

    def on_resize(self) -> None:
        if self._shown is not None and self.row_width != self._width:
            self.show(*self._shown)

    # ------------------------------------------------------------------------------ rows

    def show(
        self,
        workspace: Workspace,
        findings: dict[str, list[Finding]],
        filter_text: str = "",
        unsaved: str | None = None,
    ) -> None:
        """Rebuild the rows, keeping the highlighted item when it is still there."""
        self._shown = (workspace, findings, filter_text, unsaved)
        width = self._width = self.row_width
        # A workspace without memory needs no badge column: its names get the room.
        badges = bool(workspace.memory_dirs) or any(e.file.memory for e in workspace.agents)
        current = self.highlighted_key
        rows: list[Row] = []
        self.items = {}
        for scope, title in GROUPS:
            entries = sorted(
                (
                    entry
                    for entry in workspace.agents
                    if entry.file.scope is scope
                    and matches(filter_text, entry.file.display_name, entry.file.description)
                ),
                key=lambda entry: (entry.file.display_name.lower(), str(entry.file.path)),
            )
            if entries:
                rows.append((None, heading(title)))
            for entry in entries:
                key = item_key(entry, None)
                self.items[key] = ListItem(key, entry, entry.memory_dir)
                found = findings.get(key, [])
                mark = key == unsaved
                rows.append((key, partial(agent_row, entry, found, mark, badges=badges)))
        orphans = [m for m in workspace.orphan_memory_dirs if matches(filter_text, m.name)]
        if orphans:
            rows.append((None, heading("Memory with no agent")))
        for memory in orphans:
            key = item_key(None, memory)
            self.items[key] = ListItem(key, None, memory)
            rows.append((key, partial(memory_row, memory, findings.get(key, []))))
        auto = workspace.auto_memory
        if auto is not None and matches(filter_text, MAIN_SESSION, "auto memory"):
            key = item_key(None, auto)
            self.items[key] = ListItem(key, None, auto)
            rows.append((None, heading("Main session (auto memory)")))
            rows.append((key, partial(memory_row, auto, findings.get(key, []))))
        self.rows = rows
        self._index = {key: n for n, (key, _) in enumerate(rows) if key is not None}
        self._texts = {}
        self.virtual_size = Size(width, len(rows))
        self.refresh()
        if current in self._index:
            self.select_key(current)
        elif self._index:
            self.highlighted = next(iter(self._index.values()))
        else:
            self.highlighted = None

    def row_text(self, index: int) -> Text:
        """Row `index` as shown, made the first time it is asked for."""
        text = self._texts.get(index)
        if text is None:
            text = self._texts[index] = self.rows[index][1](self._width or self.row_width)
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
            base = base + self.get_component_rich_style("agent-list--cursor")
        elif self.rows[index][0] is None:
            base = base + self.get_component_rich_style("agent-list--heading")
        elif index == self.hovered:
            base = base + self.get_component_rich_style("agent-list--hover")
        segments = self.row_text(index).render(self.app.console, end="")
        strip = Strip(Segment.apply_style(segments, base)).extend_cell_length(width, base)
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
        item = self.items.get(key)
        if item is not None and item.entry is not None:  # the whole name, when the row cuts it
            agent = item.entry.file
            self.tooltip = f"{agent.display_name}\n{(agent.description or '')[:300]}".strip()
        else:
            self.tooltip = item.memory.name if item is not None and item.memory else None
        self.post_message(self.Highlighted(key))

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
            self.post_message(self.Selected(key))

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
