"""The main screen's commands that reach past the open agent: new and delete an agent, search
and jump to a hit, open a topic file, move one to another agent, hand a file to $EDITOR, and
show what the agent sees. `AgentsScreen` is built on this class and holds the state.

Just over 400 lines: eight independent commands, each a few dozen lines with its dialog;
they share only the screen's state."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import SuspendNotSupported
from textual.screen import Screen
from textual.widgets import Input

from agent_tui.core.budget import plural
from agent_tui.core.memory import AGENT_MEMORY_SCOPES, INDEX_NAME, memory_dir_name, topic_text
from agent_tui.core.workspace import Workspace
from agent_tui.io.atomic import SaveError
from agent_tui.io.document import OpenFile
from agent_tui.io.files import create_file, delete_file
from agent_tui.ui.loading import Opened
from agent_tui.ui.session import note_write, refuse_write
from agent_tui.ui.widgets.agent_list import AgentList, agent_key
from agent_tui.ui.widgets.editor import FileEditor
from agent_tui.ui.widgets.view_tabs import ViewTabs

if TYPE_CHECKING:  # screens, dialogs and the memory pane are imported when first used
    from agent_tui.core.agent import AgentFile
    from agent_tui.core.search import Hit
    from agent_tui.ui.screens.new_agent import NewAgent
    from agent_tui.ui.widgets.memory_pane import MemoryPane
    from agent_tui.ui.widgets.topic_files import TopicList


def external_editor_command(environ: Mapping[str, str]) -> list[str]:
    """$VISUAL, else $EDITOR, else vi; split like a shell would."""
    import shlex

    return shlex.split(environ.get("VISUAL") or environ.get("EDITOR") or "vi") or ["vi"]


class AgentCommands(Screen[None]):
    # Kept by AgentsScreen.
    workspace: Workspace | None
    opened: Opened | None
    read_only: bool
    pending_jump: Hit | None
    select_after_load: str | None

    def dirty_names(self, caught_up: bool = False) -> list[str]:
        raise NotImplementedError

    def memory_pane(self) -> MemoryPane | None:
        raise NotImplementedError

    def raw_editor(self) -> FileEditor | None:
        raise NotImplementedError

    async def fill_tab(self, tab: str) -> None:
        raise NotImplementedError

    def current_agent(self) -> AgentFile | None:
        raise NotImplementedError

    def action_reload(self) -> None:
        raise NotImplementedError

    def show_list(self) -> None:
        raise NotImplementedError

    # --------------------------------------------------------------------------- agents

    def action_new_agent(self) -> None:
        from agent_tui.ui.screens.new_agent import NewAgentScreen

        if self.workspace is None or refuse_write(self.app):
            return
        taken = {entry.file.name for entry in self.workspace.agents if entry.file.name}
        self.app.push_screen(NewAgentScreen(taken), self.create_agent)

    def create_agent(self, spec: NewAgent | None) -> None:
        """Write the new agent file and, with memory, its folder with a starter index."""
        from agent_tui.core.new_agent import new_agent_text, starter_index

        if spec is None or self.workspace is None:
            return
        path = self.workspace.root / ".claude" / "agents" / f"{spec.name}.md"
        text = new_agent_text(
            spec.name, spec.description, spec.model, spec.color, spec.tools, spec.memory,
            spec.template,
        )  # fmt: skip
        try:
            create_file(path, text.encode("utf-8"))
            if spec.memory is not None:
                folder = self.workspace.memory_base(spec.memory) / memory_dir_name(spec.name)
                index = folder / INDEX_NAME
                if not index.exists():
                    create_file(index, starter_index(spec.name).encode("utf-8"))
        except SaveError as error:
            self.notify(str(error), title="Agent not created", severity="error")
            return
        note_write(self.app)
        self.notify(f"Created {self.workspace.display_path(path)}")
        self.select_after_load = agent_key(path)
        self.action_reload()

    @work(exclusive=True, group="delete-agent")
    async def action_delete_agent(self) -> None:
        from agent_tui.ui.dialogs import ChoiceScreen

        opened = self.opened
        if opened is None or opened.entry is None or self.workspace is None:
            return
        if refuse_write(self.app):
            return
        entry, workspace = opened.entry, self.workspace
        shown = workspace.display_path(entry.file.path)
        memory = entry.memory_dir
        # Cancel first: a reflexive enter keeps everything.
        choices = [("cancel", "Cancel", "primary")]
        if memory is not None:
            count = len(memory.topic_files) + (1 if memory.index.exists else 0)
            detail = (
                f"{shown} is removed. Its memory, {workspace.display_path(memory.path)}/ "
                f"({plural(count, 'file')}), can stay (it is then listed as memory with no "
                "agent) or go with it."
            )
            choices += [
                ("keep", "Delete, keep memory", "warning"),
                ("all", "Delete with memory", "error"),
            ]
        else:
            detail = f"{shown} is removed. It has no memory folder."
            choices += [("keep", "Delete", "error")]
        name = entry.file.display_name
        answer = await self.app.push_screen_wait(ChoiceScreen(f"Delete {name}?", detail, choices))
        if answer not in ("keep", "all"):
            return
        try:
            delete_file(entry.file.path)
            if answer == "all" and memory is not None:
                shutil.rmtree(memory.path)
        except (SaveError, OSError) as error:
            self.notify(str(error), title="Not deleted", severity="error")
        else:
            self.notify(f"Deleted {name}" + (" and its memory" if answer == "all" else ""))
        note_write(self.app)
        self.opened = None
        self.action_reload()

    # --------------------------------------------------------------------- search, jump

    def action_search(self) -> None:
        from agent_tui.core.search import search_targets
        from agent_tui.ui.screens.search import SearchScreen

        if self.workspace is not None:
            self.app.push_screen(SearchScreen(search_targets(self.workspace)), self.jump_to)

    def jump_to(self, hit: Hit | None) -> None:
        """Show the agent a search hit belongs to, at the hit's line."""
        if hit is None:
            return
        target = hit.target
        depth = len(Path(target.relpath).parts)
        folder = target.path.parents[depth - 1] if target.relpath else None
        agents = self.query_one(AgentList)
        if self.query_one("#filter", Input).value:
            self.query_one("#filter", Input).value = ""
            self.show_list()
        for key, item in agents.items.items():
            memory = item.memory or (item.entry.memory_dir if item.entry else None)
            own_file = item.entry is not None and item.entry.file.path == target.path
            own_memory = folder is not None and memory is not None and memory.path == folder
            if (target.kind == "agent" and own_file) or (target.kind != "agent" and own_memory):
                self.pending_jump = hit
                if self.opened is not None and self.opened.key == key:
                    self.apply_jump()
                else:
                    agents.select_key(key)
                return
        self.notify(f"{target.path.name} is not shown in the agents list", severity="warning")

    @work(exclusive=True, group="jump")
    async def apply_jump(self) -> None:
        hit, self.pending_jump = self.pending_jump, None
        if hit is None:
            return
        tabs = self.query_one(ViewTabs)
        line = (hit.line - 1, 0)
        if hit.target.kind == "agent":
            tabs.active = "file"
            await self.fill_tab("file")
            raw = self.raw_editor()
            if raw is not None:
                raw.move_cursor(line, center=True)
                raw.focus()
            return
        tabs.active = "memory"
        await self.fill_tab("memory")
        pane = self.memory_pane()
        if pane is None:
            return
        if hit.target.kind == "index":
            pane.editor.move_cursor(line, center=True)
            pane.editor.focus()
        else:
            pane.topic_list.select_path(hit.target.relpath)
            self.open_topic(pane, hit.target.relpath, False, hit.line)

    # ----------------------------------------------------------------------- topic files

    def on_topic_list_open_requested(self, event: TopicList.OpenRequested) -> None:
        pane = self.memory_pane()
        if pane is not None:
            self.open_topic(pane, event.relpath, event.missing, event.line)

    @work(exclusive=True, group="topic")
    async def open_topic(
        self, pane: MemoryPane, relpath: str, missing: bool, line: int | None = None
    ) -> None:
        """A topic in its own screen; a missing one is created first, if you agree."""
        from agent_tui.ui.dialogs import ChoiceScreen
        from agent_tui.ui.screens.topic import TopicScreen

        folder = pane.folder
        if folder is None or (missing and refuse_write(self.app)):
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
                text = topic_text(Path(relpath).stem, "", "project")
                create_file(folder / relpath, text.encode("utf-8"))
            except SaveError as error:
                self.notify(str(error), title="Not created", severity="error")
                return
            note_write(self.app)
            pane.refresh_topics()
        on_disk = pane.changes.on_disk(relpath)
        if on_disk is None:  # new in this change: its editor's save creates it
            document = OpenFile.new(folder / relpath)
            screen = TopicScreen(document, relpath, line, pane.changes.created[relpath])
        else:
            screen = TopicScreen(OpenFile.read(folder / on_disk), relpath, line)
        if await self.app.push_screen_wait(screen):
            if on_disk is None:
                pane.changes.saved_new(relpath)
            pane.refresh_topics()

    def move_destinations(self, current: Path) -> list[tuple[str, str]]:
        """(folder, label) for each memory a topic can move to: this agent's other scopes,
        then every other agent's memory at the scope its `memory:` names."""
        workspace, opened = self.workspace, self.opened
        if workspace is None or opened is None:
            return []
        own = opened.entry.file.name if opened.entry is not None else None
        places: list[tuple[str, str]] = []
        if own is not None:
            for scope in AGENT_MEMORY_SCOPES:
                folder = workspace.memory_base(scope) / memory_dir_name(own)
                places.append((str(folder), f"{own} · {scope.value} memory (this agent)"))
        for entry in sorted(workspace.agents, key=lambda e: e.file.display_name.lower()):
            name = entry.file.name
            where = entry.memory_dir_expected or (
                entry.memory_dir.path if entry.memory_dir else None
            )
            if name is None or name == own or where is None or not entry.active:
                continue
            kind = entry.file.memory or (entry.memory_dir.scope.value if entry.memory_dir else "")
            places.append((str(where), f"{entry.file.display_name} · {kind} memory"))
        return [(folder, label) for folder, label in places if Path(folder) != current]

    def on_topic_list_move_requested(self, event: TopicList.MoveRequested) -> None:
        self.move_topic(event.relpath)

    @work(exclusive=True, group="move-topic")
    async def move_topic(self, relpath: str) -> None:
        from agent_tui.ui.dialogs import PickScreen

        opened = self.opened
        if opened is None or opened.memory_folder is None:
            return
        if self.dirty_names(caught_up=True):
            self.notify("Save your changes first (ctrl+s): moving writes both memories",
                        severity="warning")  # fmt: skip
            return
        source = opened.memory_folder
        places = self.move_destinations(source)
        if not places:
            self.notify("No other agent or scope to move it to", severity="warning")
            return
        target = await self.app.push_screen_wait(
            PickScreen(
                f"Move {relpath} to",
                places,
                "The file moves, the target index names it where Claude Code loads it, and "
                "the lines naming it here go; written at once, all or nothing.",
            )
        )
        if target is None:
            return
        from agent_tui.io.move import move_topic as move_files  # on first use

        try:
            line = move_files(source, relpath, Path(target))
        except SaveError as error:
            self.notify(str(error), title="Not moved", severity="error")
            return
        note_write(self.app)
        label = dict(places)[target]
        self.notify(f"Moved {relpath} to {label} (named at line {line} there)")
        self.action_reload()

    def topic_list(self) -> TopicList | None:
        """The topic list, or None with a message saying why a topic command cannot run."""
        if self.opened is None or self.opened.memory_folder is None:
            self.notify("This agent has no memory folder", severity="warning")
            return None
        pane = self.memory_pane()
        if pane is None:
            self.notify("Show the Memory tab first (2)", severity="warning")
            return None
        return pane.topic_list

    async def run_topic_command(self, action: str) -> None:
        """A topic list action, from the palette."""
        topics = self.topic_list()
        if topics is not None:
            await topics.run_action(action)

    # -------------------------------------------------------------------- memory tab keys

    async def action_memory_panels(self) -> None:
        """Dropped entries and topic files: shown or hidden, from anywhere on the screen."""
        pane = await self.memory_tab()
        if pane is not None:
            pane.action_toggle_panels()

    async def memory_tab(self) -> MemoryPane | None:
        """The memory pane, shown (None with a message when the agent keeps no memory)."""
        if self.opened is None or self.opened.index_doc is None:
            self.notify("This agent keeps no memory", severity="warning")
            return None
        self.query_one(ViewTabs).active = "memory"
        await self.fill_tab("memory")
        return self.memory_pane()

    async def action_toggle_preview(self) -> None:
        pane = await self.memory_tab()
        if pane is not None:
            pane.toggle_preview()

    async def action_curate(self, action: str) -> None:
        """Move a section out (`move_out`) or fit the budget (`fit`), on the Memory tab."""
        pane = await self.memory_tab()
        if pane is None:
            return
        if action == "fit":
            pane.action_fit()
        else:
            pane.editor.focus()
            pane.action_move_out()

    # ------------------------------------------------------------------ outside the app

    def action_external_editor(self) -> None:
        """Open the file of the tab in view in $VISUAL or $EDITOR, then read it again."""
        opened = self.opened
        if opened is None or refuse_write(self.app):
            return
        on_memory = self.query_one(ViewTabs).active == "memory"
        doc = opened.index_doc if on_memory else opened.agent_doc
        if doc is None or doc.is_new or doc.read_only:
            self.notify("There is no text file here to edit", severity="warning")
            return
        if self.dirty_names(caught_up=True):
            self.notify("Save or discard your changes first: the editor would not see them")
            return
        command = external_editor_command(os.environ)
        try:
            self.run_external(command, doc.path)
        except OSError as error:
            self.notify(f"{command[0]}: {error.strerror}; set $EDITOR", severity="error")
            return
        self.action_reload()

    def run_external(self, command: list[str], path: Path) -> None:
        """Run the editor with the terminal handed over to it."""
        try:
            with self.app.suspend():
                subprocess.run([*command, str(path)], check=False)
        except SuspendNotSupported:  # headless (tests, screenshots): nothing to hand over
            subprocess.run([*command, str(path)], check=False, capture_output=True)

    def action_agent_eye(self) -> None:
        """The agent's start-up context, with any unsaved edits as they would be saved."""
        from agent_tui.ui.screens.agent_eye import AgentEyeScreen, agent_eye_text

        opened = self.opened
        agent = self.current_agent()
        if opened is None or agent is None:
            self.notify("Select an agent first", severity="warning")
            return
        index_text: str | None = None
        index_name: str | None = None
        if opened.index_doc is not None and not opened.index_doc.read_only:
            pane = self.memory_pane()
            index_text = pane.editor.text if pane is not None else opened.index_doc.text
            index_name = (
                self.workspace.display_path(opened.index_doc.path) if self.workspace else None
            )
        skipped = None if agent.verdict.loads else agent.verdict.reason
        content = agent_eye_text(agent.display_name, agent.body, index_name, index_text, skipped)
        self.app.push_screen(AgentEyeScreen(content))


__all__ = ["AgentCommands", "external_editor_command"]
