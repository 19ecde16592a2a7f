"""The topic files beside MEMORY.md: their rows, and creating, renaming, deleting and linking
them, with the index links kept in step (the index edits are unsaved until ctrl+s)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from agent_tui.core.memory import (
    IndexLink,
    LinkState,
    TopicMeta,
    append_entry,
    index_entry,
    relink,
    topic_file_name,
    topic_text,
)
from agent_tui.io.atomic import SaveError
from agent_tui.io.document import OpenFile
from agent_tui.io.files import create_file, delete_file, rename_file
from agent_tui.ui.screens.dialogs import ChoiceScreen, NameScreen
from agent_tui.ui.screens.topic import TopicScreen
from agent_tui.ui.session import note_write, refuse_write

if TYPE_CHECKING:
    from agent_tui.ui.widgets.memory_pane import MemoryPane

# Linked-but-missing rows shown at most; `agent-tui check` lists them all.
BROKEN_SHOWN = 100


@dataclass(frozen=True)
class TopicRow:
    relpath: str
    meta: TopicMeta
    state: LinkState | None  # None: an orphan, the index names it nowhere

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

    rows = [TopicRow(rel, metas.get(rel, TopicMeta()), state(rel)) for rel in topics]
    broken = sorted({link.relpath for link in links if link.state is LinkState.BROKEN})
    rows += [TopicRow(rel, TopicMeta(), LinkState.BROKEN) for rel in broken[:BROKEN_SHOWN]]
    return rows


def markdown_name(typed: str) -> str:
    name = typed.strip()
    return name if name.endswith(".md") else name + ".md"


class TopicList(OptionList):
    """The topic rows of the memory pane, with the commands that change topic files."""

    BINDINGS = [
        Binding("n", "new", "New topic", id="new-topic"),
        Binding("f2", "rename", "Rename", id="rename-topic"),
        Binding("delete", "delete", "Delete", id="delete-topic"),
        Binding("l", "link", "Link into index", id="link-topic"),
    ]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.rows: list[TopicRow] = []

    @property
    def pane(self) -> MemoryPane:
        from agent_tui.ui.widgets.memory_pane import MemoryPane

        return self.query_ancestor(MemoryPane)

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

    @work(exclusive=True, group="topic")
    async def open(self, relpath: str, missing: bool, line: int | None = None) -> None:
        """Open a topic in its own screen; a missing one is created first, if you agree."""
        path = self.folder / relpath
        if missing and refuse_write(self.app):
            return
        if missing:
            answer = await self.app.push_screen_wait(
                ChoiceScreen(
                    f"{relpath} does not exist",
                    "The index links it, but the file is missing. Create it?",
                    [("create", "Create", "primary"), ("cancel", "Cancel", "default")],
                )
            )
            if answer != "create":
                return
            try:
                create_file(path, topic_text(Path(relpath).stem, "", "project").encode("utf-8"))
            except SaveError as error:
                self.notify(str(error), title="Not created", severity="error")
                return
            note_write(self.app)
            self.pane.refresh_topics()
        if await self.app.push_screen_wait(TopicScreen(OpenFile.read(path), relpath, line)):
            self.pane.refresh_topics()

    @work(exclusive=True, group="topic")
    async def action_new(self) -> None:
        if refuse_write(self.app):
            return
        folder = self.folder

        def check(name: str) -> str | None:
            if not name.strip():
                return "type a name"
            if (folder / topic_file_name(name)).exists():
                return f"{topic_file_name(name)} already exists"
            return None

        name = await self.app.push_screen_wait(
            NameScreen("New topic file", "", check, "saved as <name>.md and linked into the index")
        )
        if not name:
            return
        relpath = topic_file_name(name)
        try:
            create_file(folder / relpath, topic_text(name.strip(), "", "project").encode("utf-8"))
        except SaveError as error:
            self.notify(str(error), title="Not created", severity="error")
            return
        meta = TopicMeta(name.strip(), "", "project")
        self.pane.replace_index(append_entry(self.pane.editor.text, index_entry(relpath, meta)))
        note_write(self.app)
        self.pane.refresh_topics()
        self.select_path(relpath)
        self.notify(f"Created {relpath}; the index has a new line (unsaved)")
        if await self.app.push_screen_wait(TopicScreen(OpenFile.read(folder / relpath), relpath)):
            self.pane.refresh_topics()

    @work(exclusive=True, group="topic")
    async def action_rename(self) -> None:
        if refuse_write(self.app):
            return
        folder, row = self.folder, self.selected_file
        if row is None:
            return

        def check(typed: str) -> str | None:
            name = markdown_name(typed)
            if not typed.strip() or name == row.relpath:
                return "type a new name"
            if "/" in name or "\\" in name or name.startswith("."):
                return "a plain file name, no folders"
            if (folder / name).exists():
                return f"{name} already exists"
            return None

        typed = await self.app.push_screen_wait(
            NameScreen(f"Rename {row.relpath}", row.relpath, check, "index links follow the file")
        )
        if not typed:
            return
        new = markdown_name(typed)
        try:
            rename_file(folder / row.relpath, folder / new)
        except SaveError as error:
            self.notify(str(error), title="Not renamed", severity="error")
            return
        note_write(self.app)
        updated = relink(self.pane.editor.text, row.relpath, new)
        if updated != self.pane.editor.text:
            self.pane.replace_index(updated)
        self.pane.refresh_topics()
        self.select_path(new)
        self.notify(f"Renamed to {new}; index links updated (unsaved)")

    @work(exclusive=True, group="topic")
    async def action_delete(self) -> None:
        if refuse_write(self.app):
            return
        folder, row = self.folder, self.selected_file
        if row is None:
            return
        linked = " The index still links it; that link will be broken." if row.state else ""
        answer = await self.app.push_screen_wait(
            ChoiceScreen(
                f"Delete {row.relpath}?",
                f"The file is removed from disk.{linked}",
                [("cancel", "Cancel", "default"), ("delete", "Delete", "error")],
            )
        )
        if answer != "delete":
            return
        try:
            delete_file(folder / row.relpath)
        except SaveError as error:
            self.notify(str(error), title="Not deleted", severity="error")
            return
        note_write(self.app)
        self.pane.refresh_topics()
        self.notify(f"Deleted {row.relpath}")

    def action_link(self) -> None:
        if refuse_write(self.app):
            return
        row = self.selected
        if row is None:
            return
        if row.state is not None:
            self.notify(f"{row.relpath} is already in the index")
            return
        entry = index_entry(row.relpath, row.meta)
        self.pane.replace_index(append_entry(self.pane.editor.text, entry))
        self.notify(f"Linked {row.relpath} at the end of the index (unsaved)")
