"""The main screen: the agents list with its filter, the Agent, Memory and File tabs of the
one that is open, its unsaved edits, and the watch on files changed outside the app.

Over 400 lines because opening, editing and saving one agent share the same few pieces of
state (what is open, its draft, the watch); the commands that act on it from outside (new,
delete, search, move, $EDITOR) live in `agent_commands`.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.events import Key
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Header, Input, Static
from textual.worker import get_current_worker

from agent_tui.core.agent import AgentFile, parse_agent_text
from agent_tui.core.budget import plural
from agent_tui.core.fields import AgentDraft
from agent_tui.core.lint import Finding, agent_findings
from agent_tui.core.memory import INDEX_NAME, MemoryDir, MemoryScope
from agent_tui.core.stale import in_tree
from agent_tui.core.textfile import TextFile
from agent_tui.core.topic_changes import TopicChanges
from agent_tui.core.workspace import AgentEntry, Workspace, discover_in_steps
from agent_tui.io import boundary
from agent_tui.io.document import OpenFile
from agent_tui.io.watch import Signature, folder_signature, signature
from agent_tui.ui import keys
from agent_tui.ui.config import LIST_WIDTH, LIST_WIDTHS, Settings
from agent_tui.ui.loading import (
    FindingsRead,
    ItemOpened,
    Opened,
    WorkspaceLoaded,
    all_findings,
    memory_scope,
    open_item,
)
from agent_tui.ui.saving import Saved, save_document, save_memory
from agent_tui.ui.screens.agent_commands import AgentCommands
from agent_tui.ui.session import refuse_write
from agent_tui.ui.widgets.agent_form import AgentForm
from agent_tui.ui.widgets.agent_list import MAIN_SESSION, AgentList
from agent_tui.ui.widgets.editor import FileEditor
from agent_tui.ui.widgets.key_bar import KeyBar
from agent_tui.ui.widgets.view_tabs import ViewTabs

if TYPE_CHECKING:  # the memory pane is imported when the Memory tab is first shown
    from agent_tui.core.search import Hit
    from agent_tui.ui.widgets.memory_pane import MemoryPane

# How often files are checked for changes made outside the app (seconds).
WATCH_SECONDS = 1.0
VIEWS = (("agent", "Agent"), ("memory", "Memory"), ("file", "File"))


class AgentsScreen(AgentCommands, Screen[None]):
    BINDINGS = keys.bindings(keys.MAIN)

    class StartUpOver(Message):
        """The first frame is drawn with the first agent in it, or there is no agent to show:
        work held back for start-up may run."""

    class WorkspaceShown(Message):
        """The workspace and its checks are read: the session may start background work of
        its own (GitPython)."""

    class SettingChanged(Message):
        """A layout choice the session remembers in the config file."""

        def __init__(self, key: str, value: int | bool) -> None:
            super().__init__()
            self.key = key
            self.value = value

    list_width: reactive[int] = reactive(LIST_WIDTH, init=False)
    list_hidden: reactive[bool] = reactive(False, init=False)
    list_zoomed: reactive[bool] = reactive(False, init=False)

    def __init__(
        self,
        start: Path,
        plugin_dirs: tuple[Path, ...] = (),
        read_only: bool = False,
        settings: Settings | None = None,
    ) -> None:
        super().__init__(id="agents-screen")
        self.start = start
        self.plugin_dirs = plugin_dirs
        self.read_only = read_only
        self.settings = settings or Settings()
        self.workspace: Workspace | None = None
        self.findings: dict[str, list[Finding]] = {}
        self.opened: Opened | None = None
        self.draft: AgentDraft | None = None
        self._restoring: str | None = None  # a list move we made ourselves: do not re-open
        self._marked: str | None = None  # the list row showing the unsaved mark
        self.edited_as_text = False  # the File tab, not the form, holds the latest edit
        self.select_after_load: str | None = None  # a list row to select once it is listed
        self.disk_seen: Signature | None = None  # what the watched paths looked like
        self.warned_of_disk_change = False
        self.pending_jump: Hit | None = None  # a search hit to show once its agent is open
        self.first_shown = threading.Event()  # the first agent's views are filled
        self.set_reactive(AgentsScreen.list_width, self.settings.list_width)
        self.set_reactive(AgentsScreen.list_hidden, self.settings.list_hidden)

    # ------------------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="panes"):
            with Vertical(id="sidebar"):
                yield Input(placeholder="/ filter agents", id="filter")
                yield AgentList(id="agents")
                yield Static("Reading .claude/ …", id="list-status")
            with Vertical(id="main"):
                yield Static(id="empty")
                with Vertical(id="views"):
                    yield ViewTabs(VIEWS, id="tabs")
                    with ContentSwitcher(id="switcher", initial="agent"):
                        with Vertical(id="agent"):
                            yield AgentForm(id="agent-form")
                        # Filled when first shown: start-up pays only for the Agent tab.
                        yield Vertical(id="memory")
                        yield Vertical(id="file")
        bar = keys.bindings(keys.bar_order(keys.MAIN))
        yield KeyBar(bar, self.settings.keys, id="main-keys")

    def on_mount(self) -> None:
        self.query_one("#views").display = False
        self.query_one("#empty").display = False
        self.query_one(AgentList).focus()
        self.show_layout()
        self.start_reading()
        self.set_interval(WATCH_SECONDS, self.check_disk)

    def on_resize(self) -> None:
        self.show_layout()

    def show_layout(self) -> None:
        """The list at its chosen width, but never more than two fifths of the terminal: at
        80 columns the agent's views need the room more."""
        sidebar = self.query_one("#sidebar")
        width = min(self.list_width, max(LIST_WIDTHS[0], self.app.size.width * 2 // 5))
        sidebar.styles.width = "1fr" if self.list_zoomed else width
        sidebar.display = not self.list_hidden or self.list_zoomed
        self.query_one("#main").display = not self.list_zoomed

    watch_list_width = watch_list_hidden = watch_list_zoomed = show_layout

    def action_list_width(self, change: int) -> None:
        low, high = LIST_WIDTHS
        self.list_hidden = self.list_zoomed = False
        self.list_width = min(max(self.list_width + change, low), high)
        self.post_message(self.SettingChanged("list_width", self.list_width))

    def action_toggle_list(self) -> None:
        self.list_zoomed = False
        self.list_hidden = not self.list_hidden
        self.post_message(self.SettingChanged("list_hidden", self.list_hidden))
        if self.list_hidden and self.focused in list(self.query("#agents, #filter")):
            self.focus_next()

    def action_zoom_list(self) -> None:
        self.list_zoomed = not self.list_zoomed
        if self.list_zoomed:
            self.query_one(AgentList).focus()

    # --------------------------------------------------------------------------- disk watch

    def watched(self) -> tuple[list[Path], list[Path]]:
        """(files, folders) whose change on disk should show in the app."""
        files: list[Path] = []
        opened = self.opened
        if opened is not None:
            files += [doc.path for doc in (opened.agent_doc, opened.index_doc) if doc]
        folders: list[Path] = []
        if self.workspace is not None:
            root = self.workspace.root
            folders += [root / ".claude" / "agents", root / ".claude" / "agent-memory"]
            if opened is not None and opened.memory_folder is not None:
                folders.append(opened.memory_folder)
        return files, folders

    def wrote(self) -> None:
        """The app changed files itself: take the disk as it is now as the new baseline."""
        self.disk_seen = None
        self.warned_of_disk_change = False

    def check_disk(self) -> None:
        """Poll: a change made outside the app is read in; unsaved edits are never replaced."""
        if self.workspace is None or not self.is_current or self.busy():
            return
        files, folders = self.watched()
        now = signature(files) + folder_signature(folders)
        before, self.disk_seen = self.disk_seen, now
        if before is None or now == before:
            return
        if self.dirty_names():
            if not self.warned_of_disk_change:
                self.warned_of_disk_change = True
                self.notify(
                    "Files changed on disk. Your unsaved edits are kept; saving will ask.",
                    severity="warning",
                )
            return
        self.action_reload()

    def busy(self) -> bool:
        """Still reading the workspace or the selected agent's files, or measuring typed memory
        (not waiting on the user)."""
        groups = ("workspace", "open", "switch")
        if self.workspace is None or not self.workspace.complete:  # unless reading failed
            return any(w.group == "workspace" and not w.is_finished for w in self.workers)
        if any(w.group in groups and w.is_running for w in self.workers):
            return True
        pane = self.memory_pane()
        if pane is not None and pane.measuring:
            return True
        wanted = self.query_one(AgentList).highlighted_key
        return wanted is not None and (self.opened is None or self.opened.key != wanted)

    # ---------------------------------------------------------------------------- workspace

    def start_reading(self) -> None:
        """Start-up: the first screenful of agents is read here and the first of them opened,
        so the first frame shows them; the rest of a large workspace, and the checks behind
        the list's marks, follow in a thread."""
        first = max(self.app.size.height, 24)  # rows: a screenful of the list at least
        try:
            steps = discover_in_steps(self.start, plugin_dirs=self.plugin_dirs, first=first)
            self._workspace_loaded(WorkspaceLoaded(next(steps)))
            agents = self.query_one(AgentList)
            key = agents.highlighted_key
            item = agents.items.get(key or "")
            if key is not None and item is not None:
                self._item_opened(ItemOpened(open_item(key, item.entry, item.memory)))
        except OSError:  # the thread reads it all again, and says what failed
            self.start_up_over()
            self.load_workspace()
            return
        self.load_workspace(steps)

    @work(thread=True, exclusive=True, group="workspace")
    def load_workspace(self, steps: Iterator[Workspace] | None = None) -> None:
        """The agents first (or what is left of them after `steps`' first), so the list
        shows; then the checks behind its marks, which take as long again on a large
        workspace."""
        worker = get_current_worker()
        workspace = self.workspace  # the first step's, read at start-up
        # The rest, and the checks, wait until the first agent is drawn (a second at most):
        # run meanwhile, they would take the interpreter lock from the first frame.
        if not self.first_shown.wait(timeout=1.0):
            self.start_up_over()  # nothing drawn within the second: start-up is over anyway
        try:
            if steps is None:
                steps = discover_in_steps(self.start, plugin_dirs=self.plugin_dirs)
            for workspace in steps:
                if worker.is_cancelled:  # a newer read (ctrl+r) took over
                    return
                self.post_message(WorkspaceLoaded(workspace))
            assert workspace is not None  # steps of their own yield one at least
            findings = all_findings(workspace)
        except OSError as error:  # a folder vanished or lost its permissions mid-read
            self.app.call_from_thread(self.cannot_read, f"{error.filename or self.start}: {error}")
            return
        if not worker.is_cancelled:
            self.post_message(FindingsRead(workspace, findings))

    def cannot_read(self, message: str) -> None:
        self.notify(message, title="Could not read the workspace", severity="error")
        status = self.query_one("#list-status", Static)
        status.update(Text("could not read the workspace (ctrl+r to retry)", style="red"))

    @on(WorkspaceLoaded)
    def _workspace_loaded(self, event: WorkspaceLoaded) -> None:
        self.workspace = event.workspace
        boundary.allow_writes_for(
            event.workspace.root, [event.workspace.user_dir, *self.plugin_dirs]
        )
        self.show_list()
        agents = self.query_one(AgentList)
        if self.select_after_load is not None:
            agents.select_key(self.select_after_load)
            self.select_after_load = None
        self.update_title()
        self.show_status()
        if not agents.items:
            self.start_up_over()  # nothing to open: the checks need not wait
            self.show_empty_workspace()
        self.memory_state_changed()

    @on(FindingsRead)
    def _findings_read(self, event: FindingsRead) -> None:
        """The marks: until they come, a reload keeps the ones it had."""
        if event.workspace is not self.workspace:
            return  # a newer read is on its way
        self.findings = event.findings
        self.show_list()
        self.show_status()
        self.post_message(self.WorkspaceShown())

    def show_status(self) -> None:
        """How many agents and memory folders, and stale paths once the checks are in."""
        if self.workspace is None:
            return
        count, folders = len(self.workspace.agents), len(self.workspace.memory_dirs)
        summary = f"{plural(count, 'agent')} · {plural(folders, 'memory folder')}"
        if not self.workspace.complete:
            summary = f"{plural(count, 'agent')} so far, reading the others …"
        stale = sum(
            finding.code == "memory-stale-path" and finding.line is not None
            for found in self.findings.values()
            for finding in found
        )
        if stale:
            summary += f"\n{plural(stale, 'stale path')} in memory"
        self.query_one("#list-status", Static).update(Text(summary, style="dim"))

    def memory_state_changed(self) -> None:
        """After a reload, the open agent's memory may be on or off now (a saved `memory:`)."""
        opened, pane, workspace = self.opened, self.memory_pane(), self.workspace
        if opened is None or opened.entry is None or pane is None or workspace is None:
            return
        path = opened.entry.file.path
        entry = next((e for e in workspace.agents if e.file.path == path), None)
        if entry is not None and entry.memory_off != pane.off:
            opened.entry = entry
            pane.show_off(entry.memory_off)
            pane.update_meter()

    def show_list(self) -> None:
        if self.workspace is None:
            return
        filtered = self.query_one("#filter", Input).value
        self.query_one(AgentList).show(self.workspace, self.findings, filtered, self._marked)

    def show_empty_workspace(self) -> None:
        assert self.workspace is not None
        filtered = self.query_one("#filter", Input).value
        message = (
            f"No agent matches “{filtered}”. Press escape to clear the filter."
            if filtered
            else f"No agents in {self.workspace.root.name}/ yet.\n\n"
            "Claude Code reads subagents from .claude/agents/*.md (and ~/.claude/agents/).\n"
            "Press ctrl+n to create one, or try the bundled demo: agent-tui demo"
        )
        empty = self.query_one("#empty", Static)
        empty.update(message)
        empty.display = True
        self.query_one("#views").display = False

    @on(Input.Changed, "#filter")
    def _filter(self) -> None:
        self.show_list()
        if self.workspace is None:
            return
        if self.query_one(AgentList).items:
            self.query_one("#empty").display = False
            self.query_one("#views").display = self.opened is not None
        else:
            self.show_empty_workspace()

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.query_one(AgentList).focus()

    def on_key(self, event: Key) -> None:
        """Down in the filter goes to the list, as in a search box, onto the first match
        (which is open already), not past it."""
        if event.key == "down" and self.focused is self.query_one("#filter"):
            event.prevent_default()
            event.stop()
            self.set_focus(self.query_one(AgentList))

    def action_filter(self) -> None:
        self.list_hidden = False
        # At once (`focus()` waits for the queue): letters sent right behind `/` come back
        # to the app after this and go to the field that has the focus (`AgentTuiApp.on_key`).
        self.set_focus(self.query_one("#filter", Input))

    def action_back(self) -> None:
        """Escape: clear the filter first, else go back to the list."""
        field = self.query_one("#filter", Input)
        if field.value:
            field.value = ""
        self.list_zoomed = False
        self.query_one(AgentList).focus()

    def action_reload(self) -> None:
        """Re-read the workspace, and the open agent's files unless they have unsaved edits."""
        self.load_workspace()
        opened = self.opened
        if opened is None:
            return
        if self.dirty_names():
            self.notify("Unsaved changes kept; save or discard them to see the files on disk")
            return
        item = self.query_one(AgentList).items.get(opened.key)
        if item is not None:
            self.read_item(opened.key, item.entry, item.memory)

    # ------------------------------------------------------------------------------ opening

    @on(AgentList.Highlighted, "#agents")
    def _highlighted(self, event: AgentList.Highlighted) -> None:
        key = event.key
        if self.opened is not None and key == self.opened.key:
            return
        if key == self._restoring:
            self._restoring = None
            return
        self.switch_to(key)

    @on(AgentList.Selected, "#agents")
    def _selected(self) -> None:
        """Enter on an agent: into its view, and out of a zoomed list."""
        self.list_zoomed = False
        if self.query_one("#views").display:
            pane = self.query_one(f"#{self.query_one(ViewTabs).active}")
            fields = (w for w in pane.query("Input, TextArea, OptionList") if w.focusable)
            first = next(fields, None)
            if first is not None:
                first.focus()

    @work(exclusive=True, group="switch")
    async def switch_to(self, key: str) -> None:
        if self.dirty_names() and self.opened is not None:
            from agent_tui.ui.dialogs import unsaved_question

            answer = await self.app.push_screen_wait(unsaved_question(self.dirty_names()))
            if answer == "save" and not await self.save_all():
                answer = "cancel"
            if answer == "cancel":
                self._restoring = self.opened.key
                self.query_one(AgentList).select_key(self.opened.key)
                return
        item = self.query_one(AgentList).items.get(key)
        if item is not None:
            self.read_item(key, item.entry, item.memory)

    @work(thread=True, exclusive=True, group="open")
    def read_item(self, key: str, entry: AgentEntry | None, memory: MemoryDir | None) -> None:
        try:
            opened = open_item(key, entry, memory)
        except OSError as error:
            self.app.call_from_thread(self.cannot_read, f"{error.filename or key}: {error}")
            return
        self.post_message(ItemOpened(opened))

    @on(ItemOpened)
    def _item_opened(self, event: ItemOpened) -> None:
        opened = self.opened = event.opened
        self.wrote()  # a fresh read: the watched files start from here
        self.query_one("#empty").display = False
        self.query_one("#views").display = True
        doc = opened.agent_doc
        self.edited_as_text = False
        if doc is not None and opened.entry is not None:
            self.draft = AgentDraft(doc.text)
            self.load_form(editable=not (doc.read_only or self.read_only))
            self.load_raw()
        else:
            self.draft = None
            self.query_one(AgentForm).draft = None
        tabs = self.query_one(ViewTabs)
        for pane in ("agent", "file"):
            tabs.show_tab(pane, doc is not None)
        if doc is None:
            tabs.active = "memory"
        self.load_memory()
        self.update_title()
        if self.pending_jump is not None:
            self.apply_jump()
        self.agent_shown()

    def agent_shown(self) -> None:
        """Called once an agent's views are filled; the start-up benchmark hooks in here.
        Work that waits for the first agent starts once it is drawn."""
        if not self.first_shown.is_set():
            self.call_after_refresh(self.start_up_over)

    def start_up_over(self) -> None:
        """Once, from the interface or the workspace thread."""
        if not self.first_shown.is_set():
            self.first_shown.set()
            self.post_message(self.StartUpOver())

    def load_form(self, editable: bool | None = None) -> None:
        form = self.query_one(AgentForm)
        agent = self.current_agent()
        assert agent is not None and self.draft is not None
        form.draft = self.draft
        form.load(agent, self.current_findings(agent))
        if editable is not None:
            form.set_editable(editable)

    def memory_pane(self) -> MemoryPane | None:
        """The memory view, once the Memory tab has been shown and its widgets are there
        (a key pressed while it mounts finds none yet)."""
        found = self.query("MemoryPane")
        pane = found.first() if found else None
        if pane is None or not pane.query("#index-editor"):
            return None
        return cast("MemoryPane", pane)

    def raw_editor(self) -> FileEditor | None:
        """The whole-file editor, once the File tab has been shown."""
        return next(self.query("#raw").results(FileEditor), None)

    async def fill_tab(self, tab: str) -> None:
        """Mount a tab's view the first time it is shown, then fill it."""
        if tab not in ("memory", "file"):
            return
        pane = self.query_one(f"#{tab}")
        if pane.children:
            return  # already built (or being built: children appear as mount starts)
        if tab == "memory":
            from agent_tui.ui.widgets.memory_pane import MemoryPane  # when first shown

            await pane.mount(MemoryPane(id="memory-pane"))
            self.load_memory()
        else:
            await pane.mount(FileEditor(id="raw", show_line_numbers=True))
            self.load_raw()

    def load_raw(self) -> None:
        raw = self.raw_editor()
        doc = self.opened.agent_doc if self.opened else None
        if raw is None or doc is None:
            return
        text = self.draft.text() if self.draft else doc.text
        raw.load_text(self.unreadable(doc) if doc.read_only else text)
        raw.read_only = doc.read_only or self.read_only

    def load_memory(self) -> None:
        pane = self.memory_pane()
        if pane is None:
            return
        opened = self.opened
        if opened is None or opened.memory_folder is None or opened.index_doc is None:
            pane.show_nothing(
                "This agent keeps no memory.\n\n"
                "Set memory to project, local or user in the Agent tab to give it a "
                "persistent memory folder."
            )
            return
        index = opened.index_doc
        text = self.unreadable(index) if index.read_only else index.text
        topics = list(opened.memory.topic_files) if opened.memory else []
        scope = memory_scope(opened.entry, opened.memory)
        read_only = index.read_only or self.read_only
        off = opened.entry.memory_off if opened.entry is not None else None
        exists = in_tree(self.workspace.root) if self.workspace is not None else None
        # The editor shows a note instead of a file it cannot hold, and a linked index as
        # its target: the meter follows what Claude Code reads.
        read = opened.memory.index if opened.memory is not None else None
        read_as = read if read is not None and (index.read_only or read.not_loaded) else None
        pane.load(
            opened.memory_folder, scope, text, read_only, topics, opened.metas, off, exists, read_as
        )

    def on_memory_pane_turn_on(self, event: MemoryPane.TurnOn) -> None:
        """The memory field takes the folder's scope, as if typed in the Agent tab."""
        form = self.query_one(AgentForm)
        if self.draft is None or not form.editable:
            self.notify("This agent file cannot be edited here", severity="warning")
            return
        form.query_one("#field-memory", Input).value = event.scope.value
        form.field_typed("memory", event.scope.value)
        pane = self.memory_pane()
        if pane is not None:
            pane.show_off(pane.off, turned_on=True)

    @staticmethod
    def unreadable(doc: OpenFile) -> str:
        assert doc.problem is not None
        return f"{doc.path.name} is shown read-only: {doc.problem.message}\n"

    # -------------------------------------------------------------------------- the draft

    def current_agent(self) -> AgentFile | None:
        """The agent as the unsaved text reads, judged afresh."""
        opened = self.opened
        if opened is None or opened.entry is None or self.draft is None:
            return None
        doc = opened.agent_doc
        assert doc is not None
        text = self.draft.text()
        if doc.source is None:
            return opened.entry.file
        source = TextFile(doc.path, text, doc.source.bom, doc.source.newline, 0, len(text))
        return parse_agent_text(doc.path, opened.entry.file.scope, source)

    def current_findings(self, agent: AgentFile) -> list[Finding]:
        assert self.opened is not None and self.opened.entry is not None
        entry = self.opened.entry
        return agent_findings(
            AgentEntry(
                agent,
                shadowed_by=entry.shadowed_by,
                duplicate_of=entry.duplicate_of,
                memory_dir=entry.memory_dir,
                memory_dir_expected=entry.memory_dir_expected,
            )
        )

    @on(AgentForm.Edited)
    def agent_edited(self) -> None:
        self.edited_as_text = False
        self.show_checks()

    def show_checks(self) -> None:
        agent = self.current_agent()
        if agent is None or self.draft is None:
            return
        form = self.query_one(AgentForm)
        form.show_checks(agent, self.current_findings(agent), self.draft.errors)
        self.update_title()

    @on(FileEditor.Edited)
    def _raw_typed(self, event: FileEditor.Edited) -> None:
        self.raw_typed(event.text)

    def raw_typed(self, text: str) -> None:
        draft = self.draft
        if draft is not None and text != draft.text():
            draft.replace_text(text)
            self.edited_as_text = True
            self.show_checks()

    def catch_up(self) -> None:
        """Apply what the widgets show now, in case a change event is still queued (ctrl+s
        pressed right after a paste): the view last edited is the truth."""
        form = self.query_one(AgentForm)
        if self.draft is None or not form.editable:
            return
        raw = self.raw_editor()
        if self.edited_as_text and raw is not None:
            self.raw_typed(raw.text)
        else:
            form.catch_up()

    @on(ViewTabs.Changed)
    async def _tab_shown(self, event: ViewTabs.Changed) -> None:
        """Form and File views show one text; bring the one shown up to date."""
        self.query_one(ContentSwitcher).current = event.tab
        await self.fill_tab(event.tab)
        if self.draft is None or self.opened is None or self.opened.agent_doc is None:
            return
        if self.opened.agent_doc.read_only:
            return
        raw = self.raw_editor()
        if event.tab == "file" and raw is not None:
            if raw.text != self.draft.text():
                self.load_raw()
        elif event.tab == "agent":
            self.draft.replace_text(self.draft.text())
            self.load_form()
            self.edited_as_text = False

    def action_tab(self, pane: str) -> None:
        if self.opened is None:
            return
        tabs = self.query_one(ViewTabs)
        if tabs.is_shown(pane):
            tabs.active = pane

    # ------------------------------------------------------------------------------ saving

    def index_text(self) -> str | None:
        """The index editor's text when it differs from the file, else None."""
        opened = self.opened
        if opened is None or opened.index_doc is None or opened.index_doc.read_only:
            return None
        pane = self.memory_pane()
        if pane is None:
            return None  # never shown, so never edited
        text = pane.editor.text
        if opened.index_doc.is_new:
            return text if text.strip() else None
        return text if text != opened.index_doc.text else None

    def dirty_names(self, caught_up: bool = False) -> list[str]:
        """Files with unsaved edits; `caught_up` first applies what the widgets show."""
        if caught_up:
            self.catch_up()
        names: list[str] = []
        opened = self.opened
        if opened is None:
            return names
        doc, draft = opened.agent_doc, self.draft
        if doc is not None and draft is not None and not doc.read_only and draft.changed:
            names.append(doc.path.name)
        if self.index_text() is not None and opened.index_doc is not None:
            names.append(f"{opened.index_doc.path.parent.name}/{INDEX_NAME}")
        pane = self.memory_pane()
        if pane is not None and pane.changes:
            names.append(plural(len(pane.changes), "topic file change"))
        return names

    def workspace_label(self) -> str:
        """The repository, and the start folder below it when that is not the root: project
        memory is read there, as Claude Code started there would read it."""
        workspace = self.workspace
        if workspace is None:
            return ""
        if workspace.start == workspace.root:
            return workspace.root.name
        return f"{workspace.root.name}/{workspace.display_path(workspace.start)}"

    def update_title(self) -> None:
        """Subtitle and the list's unsaved mark; the list is rebuilt only when the mark moves."""
        opened = self.opened
        name = ""
        if opened is not None and opened.entry is not None:
            name = opened.entry.file.display_name
        elif opened is not None and opened.memory is not None:
            auto = opened.memory.scope is MemoryScope.AUTO
            name = MAIN_SESSION if auto else opened.memory.name
        dirty = bool(self.dirty_names())
        root = self.workspace_label()
        title = f"{root} · {name}{' * unsaved' if dirty else ''}" if name else root
        self.sub_title = title + (" · read-only" if self.read_only else "")
        marked = opened.key if opened and dirty else None
        if marked != self._marked:
            self._marked = marked
            self.show_list()

    def on_memory_pane_budget_changed(self) -> None:
        self.update_title()

    async def save_all(self) -> bool:
        """Save the open agent file and index; True when nothing is left unsaved."""
        self.catch_up()
        opened = self.opened
        if opened is None:
            return True
        ok = True
        doc, draft = opened.agent_doc, self.draft
        if doc is not None and draft is not None and draft.changed:

            def merge(disk: str) -> str | None:
                rebased = draft.rebased(disk)
                return rebased.text() if rebased is not None and not rebased.errors else None

            outcome = await save_document(self.app, doc, draft.text(), merge)
            if outcome in (Saved.SAVED, Saved.MERGED, Saved.RELOADED):
                self.reload_agent_views()
            ok = outcome.written
        index_text = self.index_text()
        pane = self.memory_pane()
        changes = pane.changes if pane is not None else TopicChanges()
        if (index_text is not None or changes) and opened.index_doc is not None:
            outcome = await save_memory(self.app, opened.index_doc, index_text, changes)
            if outcome is Saved.RELOADED:
                self.load_memory()
            elif outcome.written and pane is not None:
                pane.refresh_topics()
            ok = ok and outcome.written
        self.update_title()
        self.load_workspace()
        return ok

    def reload_agent_views(self) -> None:
        opened = self.opened
        if opened is None or opened.agent_doc is None:
            return
        self.draft = AgentDraft(opened.agent_doc.text)
        self.edited_as_text = False
        self.load_form()
        self.load_raw()

    @work(exclusive=True, group="save")
    async def action_save(self) -> None:
        if refuse_write(self.app):
            return
        if not self.dirty_names(caught_up=True):
            self.notify("Nothing to save")
        else:
            await self.save_all()

    async def action_review(self) -> None:
        """Changed agents and memory as git sees them: read, stage, commit. The session owns
        that screen; its action runs now, not as a message queued behind keys already typed,
        so that keys typed right after this one reach the review."""
        if self.dirty_names():
            self.notify(
                "Unsaved edits are not in the review until you save them (ctrl+s)",
                severity="warning",
            )
        await self.app.run_action("app.review")


__all__ = ["AgentsScreen"]
