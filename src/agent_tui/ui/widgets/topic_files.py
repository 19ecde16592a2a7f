"""The topic files beside MEMORY.md: their rows, and creating, renaming, deleting and linking
them. A topic change and the index edits it implies are one change: both wait for ctrl+s
(see `TopicChanges`), and a discard drops both."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from rich.text import Text
from textual import on, work
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from agent_tui.core.budget import Budget, plural
from agent_tui.core.entries import index_entries
from agent_tui.core.memory import (
    IndexLink,
    LinkState,
    TopicMeta,
    index_entry,
    insert_entry,
    lines_naming,
    relink,
    remove_lines,
    topic_file_name,
    topic_text,
)
from agent_tui.core.topic_changes import TopicChanges
from agent_tui.ui import keys
from agent_tui.ui.dialogs import ChoiceScreen, NameScreen, PickScreen
from agent_tui.ui.session import refuse_write
from agent_tui.ui.widgets.editor import Editor


class TopicHost(Protocol):
    """What the topic commands need from the memory view around the list."""

    folder: Path | None
    changes: TopicChanges
    budget: Budget | None

    @property
    def editor(self) -> Editor: ...

    @property
    def strips(self) -> bool: ...

    def taken(self, name: str) -> bool: ...

    def replace_index(self, text: str) -> None: ...

    def refresh_topics(self) -> None: ...


# Linked-but-missing rows shown at most; `agent-tui check` lists them all.
BROKEN_SHOWN = 100
NO_ROOM = (
    "No room in the part of the index Claude Code loads: move a section into a topic file "
    "(ctrl+o) or fit the budget (ctrl+b) first"
)


@dataclass(frozen=True)
class TopicRow:
    relpath: str
    meta: TopicMeta
    state: LinkState | None  # None: an orphan, the index names it nowhere
    pending: str | None = None  # "new" or "renamed from X": waits for ctrl+s

    def label(self) -> Text:
        if self.state is LinkState.BROKEN:
            text = Text("✗ ", style="bold red")
            text.append(self.relpath)
            text.append("  linked but missing", style="red")
            return text
        past = self.state is LinkState.PAST_CUT
        if self.state is LinkState.OK:
            text = Text("✓ ", style="green")
        else:
            text = Text("✂ " if past else "○ ", style="orange3")
        text.append(self.relpath)
        if self.pending:
            text.append(f"  {self.pending}, unsaved", style="bold orange3")
        if self.meta.type:
            text.append(f"  {self.meta.type}", style="cyan")
        if self.state is None:
            text.append("  orphan: named nowhere in the index", style="orange3")
        if past:
            text.append("  named only in the dropped part: the agent will not find it",
                        style="orange3")  # fmt: skip
        if self.meta.description:
            text.append(f"\n  {self.meta.description}", style="dim")
        if self.meta.problem:
            text.append(f"\n  {self.meta.problem}", style="red")
        return text


def topic_rows(
    topics: list[str],
    metas: dict[str, TopicMeta],
    links: list[IndexLink],
    mentions: dict[str, int] | None = None,
    cut: int | None = None,
    pending: dict[str, str] | None = None,
) -> list[TopicRow]:
    """A row per topic file: named in the loaded part (✓), only past the cut (✂), nowhere
    (○); then the links whose file is missing (✗). `mentions`: first line naming each."""
    named = dict(mentions or {})
    for link in links:
        if link.state is LinkState.OK:
            named[link.relpath] = min(link.line, named.get(link.relpath, link.line))

    def state(rel: str) -> LinkState | None:
        if rel not in named:
            return None
        return LinkState.PAST_CUT if cut is not None and named[rel] >= cut else LinkState.OK

    waiting = pending or {}
    rows = [
        TopicRow(rel, metas.get(rel, TopicMeta()), state(rel), waiting.get(rel)) for rel in topics
    ]
    broken = sorted({link.relpath for link in links if link.state is LinkState.BROKEN})
    rows += [TopicRow(rel, TopicMeta(), LinkState.BROKEN) for rel in broken[:BROKEN_SHOWN]]
    return rows


def markdown_name(typed: str) -> str:
    name = typed.strip()
    return name if name.endswith(".md") else name + ".md"


class TopicList(OptionList):
    """The topic rows of the memory pane, with the commands that change topic files."""

    BINDINGS = keys.bindings(keys.TOPIC_LIST)

    class OpenRequested(Message):
        """Open this topic file in its editor; `missing`: the index links it, it is not there."""

        def __init__(self, relpath: str, missing: bool, line: int | None) -> None:
            super().__init__()
            self.relpath = relpath
            self.missing = missing
            self.line = line

    class MoveRequested(Message):
        """Move this topic file to another agent's memory or scope (the app knows them)."""

        def __init__(self, relpath: str) -> None:
            super().__init__()
            self.relpath = relpath

    def __init__(self, pane: TopicHost, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.pane = pane
        self.rows: list[TopicRow] = []

    @property
    def folder(self) -> Path:
        assert self.pane.folder is not None, "the pane hides this list when there is no memory"
        return self.pane.folder

    def show(self, rows: list[TopicRow]) -> None:
        if rows == self.rows and self.option_count:
            return
        self.rows = rows
        highlighted = self.highlighted
        self.clear_options()
        if rows:
            self.add_options(Option(row.label()) for row in rows)
            self.highlighted = min(highlighted or 0, len(rows) - 1)
        else:
            self.add_option(Option(Text("no topic files yet: press n", style="dim"), disabled=True))

    @property
    def selected(self) -> TopicRow | None:
        if self.highlighted is None or not self.rows:
            return None
        return self.rows[self.highlighted]

    @property
    def selected_file(self) -> TopicRow | None:
        """The selected row when its file exists (a broken link has no file to change)."""
        row = self.selected
        return None if row is None or row.state is LinkState.BROKEN else row

    def select_path(self, relpath: str) -> None:
        paths = [row.relpath for row in self.rows]
        if relpath in paths:
            self.highlighted = paths.index(relpath)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        row = self.selected
        if row is not None:
            self.open(row.relpath, row.state is LinkState.BROKEN)

    def open(self, relpath: str, missing: bool, line: int | None = None) -> None:
        """Ask for a topic in its own screen (a missing one is offered to be created)."""
        self.post_message(self.OpenRequested(relpath, missing, line))

    @work(exclusive=True, group="topic")
    async def action_new(self) -> None:
        if refuse_write(self.app):
            return
        pane = self.pane

        def check(name: str) -> str | None:
            if not name.strip():
                return "type a name"
            if self.pane.taken(topic_file_name(name)):
                return f"{topic_file_name(name)} already exists"
            return None

        name = await self.app.push_screen_wait(
            NameScreen("New topic file", "", check, "saved as <name>.md and named in the index")
        )
        if not name:
            return
        relpath = topic_file_name(name)
        meta = TopicMeta(name.strip(), "", "project")
        placed = insert_entry(pane.editor.text, index_entry(relpath, meta), pane.strips)
        if placed is None:
            self.notify(NO_ROOM, title="Not created", severity="warning")
            return
        pane.changes.create(relpath, topic_text(name.strip(), "", "project"))
        pane.replace_index(placed[0])
        pane.refresh_topics()
        self.select_path(relpath)
        self.notify(f"{relpath} is new, named at line {placed[1]}: both are saved with ctrl+s")
        self.open(relpath, False)

    @work(exclusive=True, group="topic")
    async def action_rename(self) -> None:
        if refuse_write(self.app):
            return
        pane, row = self.pane, self.selected_file
        if row is None:
            return

        def check(typed: str) -> str | None:
            name = markdown_name(typed)
            if not typed.strip() or name == row.relpath:
                return "type a new name"
            if "/" in name or "\\" in name or name.startswith("."):
                return "a plain file name, no folders"
            if self.pane.taken(name) and name.lower() != row.relpath.lower():
                return f"{name} already exists"
            return None

        typed = await self.app.push_screen_wait(
            NameScreen(f"Rename {row.relpath}", row.relpath, check, "index links follow the file")
        )
        if not typed:
            return
        new = markdown_name(typed)
        pane.changes.rename(row.relpath, new)
        updated = relink(pane.editor.text, row.relpath, new)
        before = pane.editor.text.split("\n")
        links = sum(a != b for a, b in zip(updated.split("\n"), before, strict=True))
        if updated != pane.editor.text:
            pane.replace_index(updated)
        pane.refresh_topics()
        self.select_path(new)
        followed = f"{plural(links, 'index line')} follow" if links else "no index link names it"
        self.notify(f"{row.relpath} → {new}; {followed}. Saved together with ctrl+s")

    @work(exclusive=True, group="topic")
    async def action_delete(self) -> None:
        if refuse_write(self.app):
            return
        pane, row = self.pane, self.selected_file
        if row is None:
            return
        naming = lines_naming(pane.editor.text, row.relpath)
        choices = [("cancel", "Cancel", "primary")]
        if naming:
            shown = ", ".join(map(str, naming[:8])) + (" …" if len(naming) > 8 else "")
            detail = (
                f"The index names it on {plural(len(naming), 'line')} ({shown}). Remove those "
                "lines too, or keep them (they will point at nothing)."
            )
            choices += [
                ("delete-lines", f"Delete, remove {plural(len(naming), 'line')}", "error"),
                ("delete", "Delete the file only", "default"),
            ]
        else:
            detail = "No line of the index names it."
            choices += [("delete", "Delete", "error")]
        answer = await self.app.push_screen_wait(
            ChoiceScreen(f"Delete {row.relpath}?", detail + " Saved with ctrl+s.", choices)
        )
        if answer not in ("delete", "delete-lines"):
            return
        pane.changes.delete(row.relpath)
        if answer == "delete-lines":
            pane.replace_index(remove_lines(pane.editor.text, naming))
        pane.refresh_topics()
        self.notify(f"{row.relpath} is deleted when you save (ctrl+s)")

    def action_move(self) -> None:
        if refuse_write(self.app):
            return
        row = self.selected_file
        if row is None:
            return
        if row.pending or self.pane.changes:
            self.notify("Save or discard the topic changes first (ctrl+s)", severity="warning")
            return
        self.post_message(self.MoveRequested(row.relpath))

    @work(exclusive=True, group="topic")
    async def action_link(self) -> None:
        """Name a topic in the index: where it loads, or at the end of a section you pick."""
        if refuse_write(self.app):
            return
        pane, row = self.pane, self.selected
        if row is None:
            return
        if row.state is LinkState.OK:
            self.notify(f"{row.relpath} is already named in the index")
            return
        text = pane.editor.text
        cut = pane.budget.cut_line if pane.budget and pane.budget.truncated else None
        sections = [
            entry
            for entry in index_entries(text)
            if entry.kind == "section" and (cut is None or entry.last_line < cut)
        ]
        after: int | None = None
        if sections:
            choice = await self.app.push_screen_wait(
                PickScreen(
                    f"Name {row.relpath} in the index",
                    [("auto", "where Claude Code loads it (the end, or before the cut)")]
                    + [(str(e.last_line), f"end of {e.title[:60]}") for e in sections[:50]],
                )
            )
            if choice is None:
                return
            after = None if choice == "auto" else int(choice)
        entry = index_entry(row.relpath, row.meta)
        placed = insert_entry(pane.editor.text, entry, pane.strips, after)
        if placed is None:
            self.notify(NO_ROOM, title="Not linked", severity="warning")
            return
        text, line = placed
        pane.replace_index(text)
        pane.editor.move_cursor((line - 1, 0), center=True)
        self.notify(f"Named {row.relpath} at line {line}, where Claude Code loads it (unsaved)")
