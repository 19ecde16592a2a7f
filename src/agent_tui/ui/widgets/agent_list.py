"""The agents pane: every agent grouped by scope, with colour, model, memory and marks."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

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


NAME_WIDTH = 19


def fit(text: str, width: int) -> str:
    """`text` cut with an ellipsis or padded to exactly `width` terminal cells (wide
    characters such as CJK take two)."""
    cell = Text(text.replace("\n", " "))
    cell.truncate(width, overflow="ellipsis", pad=True)
    return cell.plain


def agent_row(entry: AgentEntry, findings: list[Finding], unsaved: bool) -> Text:
    """`● name  model  memory-badge mark`, in fixed columns so rows line up."""
    agent = entry.file
    colour = SWATCH.get(agent.color or "")
    row = Text()
    row.append("● " if colour else "○ ", style=colour or "dim")
    name = fit(agent.display_name + (" *" if unsaved else ""), NAME_WIDTH)
    row.append(name, style="dim strike" if not entry.active else "bold")
    row.append(f" {fit(agent.model or '', 7)} ", style="dim")
    badge = budget_badge(entry.memory_dir) if entry.memory_off is None else Text("off", "dim")
    if not badge and agent.memory:
        badge = Text(fit(agent.memory, 7), style="dim")
    row.append_text(badge)
    row.append(" " * max(0, 8 - badge.cell_len))
    if not agent.verdict.loads or agent.problem is not None:
        row.append("✗", style="bold red")
    elif entry.shadowed_by is not None or entry.duplicate_of is not None:
        row.append("⤓", style="dim")
    elif worst(findings) is Severity.ERROR:
        row.append("✗", style="bold red")
    elif worst(findings) is Severity.WARNING:
        row.append("!", style="bold orange3")
    return row


def memory_row(memory: MemoryDir, findings: list[Finding]) -> Text:
    row = Text("◌ ", style="dim")
    name = MAIN_SESSION if memory.scope is MemoryScope.AUTO else memory.name
    row.append(fit(name, NAME_WIDTH), style="italic")
    row.append(f" {fit(memory.scope.value, 7)} ", style="dim")
    badge = budget_badge(memory)
    row.append_text(badge)
    row.append(" " * max(0, 8 - badge.cell_len))
    if worst(findings) is not None:
        row.append("!", style="bold orange3")
    return row


def matches(words: str, *texts: str | None) -> bool:
    haystack = " ".join(text for text in texts if text).lower()
    return all(word in haystack for word in words.lower().split())


class AgentList(OptionList):
    """Agents by scope, then memory folders that no agent uses."""

    BINDINGS = [Binding("delete", "screen.delete_agent", "Delete agent", id="delete-agent")]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.items: dict[str, ListItem] = {}

    def show(
        self,
        workspace: Workspace,
        findings: dict[str, list[Finding]],
        filter_text: str = "",
        unsaved: str | None = None,
    ) -> None:
        """Rebuild the rows, keeping the highlighted item when it is still there."""
        current = self.highlighted_key
        options: list[Option] = []
        self.items = {}
        for scope, title in GROUPS:
            rows = sorted(
                (
                    entry
                    for entry in workspace.agents
                    if entry.file.scope is scope
                    and matches(filter_text, entry.file.display_name, entry.file.description)
                ),
                key=lambda entry: (entry.file.display_name.lower(), str(entry.file.path)),
            )
            if not rows:
                continue
            options.append(Option(Text(title.upper(), style="bold dim"), disabled=True))
            for entry in rows:
                key = item_key(entry, None)
                self.items[key] = ListItem(key, entry, entry.memory_dir)
                found = findings.get(key, [])
                options.append(Option(agent_row(entry, found, key == unsaved), id=key))
        orphans = [m for m in workspace.orphan_memory_dirs if matches(filter_text, m.name)]
        if orphans:
            options.append(Option(Text("MEMORY WITH NO AGENT", style="bold dim"), disabled=True))
            for memory in orphans:
                key = item_key(None, memory)
                self.items[key] = ListItem(key, None, memory)
                found = findings.get(key, [])
                options.append(Option(memory_row(memory, found), id=key))
        auto = workspace.auto_memory
        if auto is not None and matches(filter_text, MAIN_SESSION, "auto memory"):
            options.append(
                Option(Text("MAIN SESSION (AUTO MEMORY)", style="bold dim"), disabled=True)
            )
            key = item_key(None, auto)
            self.items[key] = ListItem(key, None, auto)
            options.append(Option(memory_row(auto, findings.get(key, [])), id=key))
        self.clear_options()
        self.add_options(options)
        if current in self.items:
            self.highlighted = self.get_option_index(current)
        elif self.items:
            self.highlighted = self.get_option_index(next(iter(self.items)))

    @property
    def highlighted_key(self) -> str | None:
        if self.highlighted is None:
            return None
        option = self.get_option_at_index(self.highlighted)
        return option.id

    def select_key(self, key: str) -> None:
        if key in self.items:
            self.highlighted = self.get_option_index(key)
