"""The agents pane: every agent grouped by scope, with colour, model, memory and marks."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding, BindingType

from agent_tui.core.agent import AgentScope
from agent_tui.core.budget import MAX_LINES, Band
from agent_tui.core.lint import Finding, Severity
from agent_tui.core.memory import MemoryDir, MemoryScope
from agent_tui.core.workspace import AgentEntry, Workspace
from agent_tui.ui.widgets.row_list import Row, RowList, heading

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


class AgentList(RowList):
    """Agents by scope, then memory folders that no agent uses."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("delete", "screen.delete_agent", "Delete agent", id="delete-agent"),
    ]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.items: dict[str, ListItem] = {}

    def tooltip_for(self, key: str) -> str | None:
        """The whole name, and what the agent is for, when the row cuts them."""
        item = self.items.get(key)
        if item is not None and item.entry is not None:
            agent = item.entry.file
            return f"{agent.display_name}\n{(agent.description or '')[:300]}".strip()
        return item.memory.name if item is not None and item.memory else None

    # ------------------------------------------------------------------------------ rows

    def show(
        self,
        workspace: Workspace,
        findings: dict[str, list[Finding]],
        filter_text: str = "",
        unsaved: str | None = None,
    ) -> None:
        """Rebuild the rows, keeping the highlighted item when it is still there."""
        # A workspace without memory needs no badge column: its names get the room.
        badges = bool(workspace.memory_dirs) or any(e.file.memory for e in workspace.agents)
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
                rows.append((None, heading(title.upper())))
            for entry in entries:
                key = item_key(entry, None)
                self.items[key] = ListItem(key, entry, entry.memory_dir)
                found = findings.get(key, [])
                mark = key == unsaved
                rows.append((key, partial(agent_row, entry, found, mark, badges=badges)))
        orphans = [m for m in workspace.orphan_memory_dirs if matches(filter_text, m.name)]
        if orphans:
            rows.append((None, heading("MEMORY WITH NO AGENT")))
        for memory in orphans:
            key = item_key(None, memory)
            self.items[key] = ListItem(key, None, memory)
            rows.append((key, partial(memory_row, memory, findings.get(key, []))))
        auto = workspace.auto_memory
        if auto is not None and matches(filter_text, MAIN_SESSION, "auto memory"):
            key = item_key(None, auto)
            self.items[key] = ListItem(key, None, auto)
            rows.append((None, heading("MAIN SESSION (AUTO MEMORY)")))
            rows.append((key, partial(memory_row, auto, findings.get(key, []))))
        self.set_rows(rows, keep=self.highlighted_key)
