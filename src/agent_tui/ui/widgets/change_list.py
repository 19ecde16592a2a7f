"""The review screen's list of changed files, grouped as git groups them."""

from __future__ import annotations

from functools import partial
from pathlib import PurePosixPath

from rich.cells import cell_len
from rich.text import Text

from agent_tui.core.review import owner
from agent_tui.io.git import Change, Group
from agent_tui.ui.tones import Tones
from agent_tui.ui.widgets.row_list import Row, RowList, heading

GROUP_ORDER = (Group.CONFLICTED, Group.STAGED, Group.UNSTAGED, Group.UNTRACKED, Group.BASE)


def status_style(status: str, tones: Tones) -> str:
    return {
        "M": tones.changed,
        "T": tones.changed,
        "A": tones.added,
        "?": tones.added,
        "D": tones.removed,
        "U": f"bold {tones.removed}",
    }.get(status, "")


STATUS_WORD = {
    "M": "modified",
    "T": "type changed",
    "A": "added",
    "?": "new, untracked",
    "D": "deleted",
    "U": "conflicted",
}
AGENT_WIDTH = 16


def change_key(change: Change) -> str:
    return f"{change.group.value}:{change.path}"


def short_path(path: str) -> str:
    """The path inside the agent's folder, or after `.claude/` for anything else."""
    parts = PurePosixPath(path).parts
    if ".claude" not in parts:
        return path
    rest = parts[parts.index(".claude") + 1 :]
    if len(rest) >= 3 and rest[0].startswith("agent-memory"):
        return "/".join(rest[2:])
    if rest and rest[0] == "agents":
        return "definition" if len(rest) == 2 else "/".join(rest[1:])
    return "/".join(rest)


def counts(change: Change, tones: Tones) -> Text:
    if change.added is None and change.removed is None:
        return Text("binary" if change.status != "D" else "", style="dim")
    text = Text()
    text.append(f"+{change.added or 0}", style=tones.added)
    text.append(f" −{change.removed or 0}", style=tones.removed)
    return text


def change_row(change: Change, tones: Tones, width: int = 44) -> Text:
    """`M agent  file +1 −2` on one line of `width` cells: the agent's column narrows on a
    narrow list, and the file's name gives way before the counts."""
    agent_width = min(AGENT_WIDTH, max(6, width // 3))
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(f"{change.status} ", style=status_style(change.status, tones))
    who = owner(change.path) or "—"
    if cell_len(who) > agent_width:
        who = who[: agent_width - 1] + "…"
    text.append(who + " " * (agent_width - cell_len(who)) + " ", style="bold")
    tail = counts(change, tones)
    room = width - text.cell_len - tail.cell_len - 1
    name = Text(short_path(change.path))
    name.truncate(max(room, 4), overflow="ellipsis")
    text.append_text(name)
    text.append(" ")
    text.append_text(tail)
    text.truncate(width, overflow="ellipsis")
    return text


def grouped(changes: tuple[Change, ...]) -> list[tuple[Group, list[Change]]]:
    """The changes in list order: each group that has any, in GROUP_ORDER."""
    groups = [(group, [c for c in changes if c.group is group]) for group in GROUP_ORDER]
    return [(group, members) for group, members in groups if members]


def row_keys(changes: tuple[Change, ...]) -> list[str | None]:
    """The list's rows: None for a group's heading, else the file's key."""
    keys: list[str | None] = []
    for _, members in grouped(changes):
        keys += [None, *(change_key(change) for change in members)]
    return keys


def pick(keys: list[str | None], keep: list[str], position: int) -> int | None:
    """The row to select: the first of `keep` still listed, else the file at or after
    `position`, else the last file."""
    kept = [key for key in keep if key in keys]
    if kept:
        return keys.index(kept[0])
    files = [n for n, key in enumerate(keys) if key is not None]
    later = [n for n in files if n >= position]
    return later[0] if later else (files[-1] if files else None)


class ChangeList(RowList):
    """Files under the heading of their group; the cursor only lands on files."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.changes: dict[str, Change] = {}

    def show(self, changes: tuple[Change, ...], keep: list[str], keep_position: int) -> None:
        """List `changes` and select the row `pick` chooses."""
        self.changes = {change_key(change): change for change in changes}
        tones = Tones.of(self.app)
        rows: list[Row] = []
        for group, members in grouped(changes):
            rows.append((None, heading(f"{group.value} · {len(members)}", "bold reverse")))
            rows += [(change_key(change), partial(change_row, change, tones)) for change in members]
        chosen = pick([key for key, _ in rows], keep, keep_position)
        self.set_rows(rows, keep=rows[chosen][0] if chosen is not None else None)

    def neighbours(self) -> list[str]:
        """The selected file, then the files after and before it in its group: where the
        cursor goes when the selected file moves to another group (staged, unstaged)."""
        change = self.selected_change
        if change is None:
            return []
        group = [key for key, other in self.changes.items() if other.group is change.group]
        here = group.index(change_key(change))
        return [group[here], *group[here + 1 :], *reversed(group[:here])]

    @property
    def selected_change(self) -> Change | None:
        key = self.highlighted_key
        return self.changes.get(key) if key is not None else None
