"""The agent-tui application: the agents list, the agent, memory and file views, and saving."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from collections.abc import Callable, Iterable, Mapping
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult, SuspendNotSupported, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import (
    Footer,
    Header,
    Input,
    OptionList,
    Static,
    TabbedContent,
    TabPane,
    TextArea,
)

from agent_tui.core.agent import AgentFile, parse_agent_text
from agent_tui.core.budget import plural
from agent_tui.core.fields import FORM_KEYS, AgentDraft
from agent_tui.core.lint import Finding, agent_findings
from agent_tui.core.memory import (
    AGENT_MEMORY_SCOPES,
    INDEX_NAME,
    MemoryDir,
    MemoryScope,
    memory_dir_name,
)
from agent_tui.core.search import Hit
from agent_tui.core.stale import in_tree
from agent_tui.core.textfile import TextFile
from agent_tui.core.topic_changes import TopicChanges
from agent_tui.core.workspace import AgentEntry, Workspace, discover
from agent_tui.io import boundary
from agent_tui.io.atomic import HardLinked, SaveError
from agent_tui.io.document import ChangedOnDisk, OpenFile
from agent_tui.io.files import (
    apply_topic_changes,
    create_file,
    delete_file,
    finish_topic_changes,
)
from agent_tui.io.watch import Signature, folder_signature, signature
from agent_tui.ui.loading import (
    ItemOpened,
    Opened,
    WorkspaceLoaded,
    all_findings,
    memory_scope,
    open_item,
)
from agent_tui.ui.screens.dialogs import (
    ChoiceScreen,
    ConflictScreen,
    PickScreen,
    unsaved_question,
)
from agent_tui.ui.screens.topic import TopicScreen
from agent_tui.ui.session import refuse_write
from agent_tui.ui.widgets.agent_form import AgentForm
from agent_tui.ui.widgets.agent_list import MAIN_SESSION, AgentList, agent_key
from agent_tui.ui.widgets.editor import Editor
from agent_tui.ui.widgets.memory_pane import MemoryPane
from agent_tui.ui.widgets.topic_files import TopicList

if TYPE_CHECKING:
    from agent_tui.ui.screens.new_agent import NewAgent


# How often files are checked for changes made outside the app (seconds).
WATCH_SECONDS = 1.0


def external_editor_command(environ: Mapping[str, str]) -> list[str]:
    """$VISUAL, else $EDITOR, else vi; split like a shell would."""
    return shlex.split(environ.get("VISUAL") or environ.get("EDITOR") or "vi") or ["vi"]


class AgentTuiApp(App[None]):
    # Messages bubble up to the app from every screen: each handler's selector names the
    # main screen's widget by its container, so a dialog's `#body` is never taken for the
    # agent's prompt.
    CSS_PATH = Path(__file__).parent / "app.tcss"  # absolute: subclasses live elsewhere
    TITLE = "agent-tui"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True, id="save"),
        Binding("ctrl+q", "quit", "Quit", priority=True, id="quit"),
        Binding("slash", "filter", "Filter", id="filter"),
        Binding("question_mark", "help", "Help", id="help"),
        Binding("1", "tab('agent')", "Agent", id="tab-agent"),
        Binding("2", "tab('memory')", "Memory", id="tab-memory"),
        Binding("3", "tab('file')", "File", id="tab-file"),
        Binding("ctrl+t", "toggle_preview", "Preview", id="preview"),
        Binding("ctrl+o", "curate('move_out')", "Move to topic", show=False, id="move-out"),
        Binding("ctrl+b", "curate('fit')", "Fit budget", show=False, id="fit-budget"),
        Binding("v", "agent_eye", "As the agent", id="agent-eye"),
        Binding("e", "external_editor", "$EDITOR", id="external-editor"),
        Binding("ctrl+f", "search", "Search", id="search"),
        Binding("ctrl+n", "new_agent", "New agent", id="new-agent"),
        Binding("r", "review", "Review", id="review"),
        Binding("ctrl+r", "reload", "Reload", show=False, id="reload"),
        Binding("escape", "focus_list", "Agents", show=False, id="focus-list"),
    ]

    def __init__(
        self, start: Path, read_only: bool = False, review: bool = False, base: str | None = None
    ) -> None:
        """`review`: open on the review screen; `base`: reviewing against that commit."""
        super().__init__()
        self.start = start
        self.plugin_dirs: tuple[Path, ...] = ()  # `--plugin-dir`: plugin agents shown too
        self.read_only = read_only  # nothing may be written: every write path refuses
        self.review_on_start = review or base is not None
        self.review_base = base
        self.workspace: Workspace | None = None
        self.findings: dict[str, list[Finding]] = {}
        self.opened: Opened | None = None
        self.draft: AgentDraft | None = None
        self._restoring: str | None = None  # a list move we made ourselves: do not re-open
        self._main_screen: Screen[object] | None = None
        self._marked: str | None = None  # the list row showing the unsaved mark
        self.edited_as_text = False  # the File tab, not the form, holds the latest edit
        self.pending_jump: Hit | None = None  # a search hit to show once its agent is open
        self.select_after_load: str | None = None  # a list row to select once it is listed
        self.disk_seen: Signature | None = None  # what the watched paths looked like
        self.warned_of_disk_change = False
        self.git_loaded = False  # GitPython is imported in the background after start-up

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
                with TabbedContent(id="views"):
                    with TabPane("Agent", id="agent"):
                        yield AgentForm(id="agent-form")
                    # Filled when first shown: start-up pays only for the Agent tab.
                    yield TabPane("Memory", id="memory")
                    yield TabPane("File", id="file")
        yield Footer()

    def on_mount(self) -> None:
        self._main_screen = self.screen
        self.main.query_one("#views").display = False
        self.main.query_one("#empty").display = False
        self.main.query_one(AgentList).focus()
        self.load_workspace()
        self.set_interval(WATCH_SECONDS, self.check_disk)
        if self.review_on_start:
            self.open_review(self.review_base)

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
        if not self.showing() or self.workspace is None or self.screen is not self.main:
            return
        if self.busy():
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

    @property
    def main(self) -> Screen[object]:
        """The screen with the agents list and the views, whatever is on top of it."""
        return self._main_screen or self.screen

    # Topic screens bind their own preview key; the others act on the main screen only.
    MAIN_ONLY = frozenset(
        {
            "filter",
            "tab",
            "reload",
            "focus_list",
            "agent_eye",
            "toggle_preview",
            "external_editor",
            "search",
            "new_agent",
            "delete_agent",
            "review",
        }
    )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "save" and getattr(self.screen, "CLAIMS_SAVE_KEY", False):
            return False  # the screen's own ctrl+s (commit) runs instead
        return not (action in self.MAIN_ONLY and self.screen is not self.main)

    def showing(self) -> bool:
        """False while the app is shutting down: late messages then have nothing to update."""
        return bool(self.main.query("#panes")) and bool(self.main.query(AgentList))

    def busy(self) -> bool:
        """Still reading the workspace or the selected agent's files (not waiting on the user)."""
        if self.workspace is None:  # still reading it, unless reading it failed
            return any(w.group == "workspace" and not w.is_finished for w in self.workers)
        if self.screen is not self.main:
            screen_busy = getattr(self.screen, "busy", None)  # the review waits on git
            return bool(screen_busy()) if callable(screen_busy) else False
        if any(w.group in ("workspace", "open", "switch") and w.is_running for w in self.workers):
            return True
        lists = self.main.query(AgentList)
        if not lists:  # shutting down
            return False
        wanted = lists.first().highlighted_key
        return wanted is not None and (self.opened is None or self.opened.key != wanted)

    # ------------------------------------------------------------------------ workspace

    @work(thread=True, exclusive=True, group="workspace")
    def load_workspace(self) -> None:
        try:
            workspace = discover(self.start, plugin_dirs=self.plugin_dirs)
            findings = all_findings(workspace)
        except OSError as error:  # a folder vanished or lost its permissions mid-read
            self.call_from_thread(self.cannot_read, f"{error.filename or self.start}: {error}")
            return
        self.post_message(WorkspaceLoaded(workspace, findings))

    def cannot_read(self, message: str) -> None:
        self.notify(message, title="Could not read the workspace", severity="error")
        status = self.main.query_one("#list-status", Static)
        status.update(Text("could not read the workspace (ctrl+r to retry)", style="red"))

    @on(WorkspaceLoaded)
    def _workspace_loaded(self, event: WorkspaceLoaded) -> None:
        if not self.showing():
            return
        self.workspace = event.workspace
        self.findings = event.findings
        boundary.allow_writes_for(
            event.workspace.root, [event.workspace.user_dir, *self.plugin_dirs]
        )
        self.sub_title = self.workspace_label() + (" · read-only" if self.read_only else "")
        self.show_list()
        if self.select_after_load is not None:
            self.main.query_one(AgentList).select_key(self.select_after_load)
            self.select_after_load = None
        agents = len(event.workspace.agents)
        folders = len(event.workspace.memory_dirs)
        status = self.main.query_one("#list-status", Static)
        summary = f"{plural(agents, 'agent')} · {plural(folders, 'memory folder')}"
        stale = sum(
            finding.code == "memory-stale-path" and finding.line is not None
            for found in event.findings.values()
            for finding in found
        )
        if stale:
            summary += f"\n{plural(stale, 'stale path')} in memory"
        status.update(Text(summary, style="dim"))
        if not self.main.query_one(AgentList).items:
            self.show_empty_workspace()
        self.memory_state_changed()
        if not self.git_loaded:
            self.git_loaded = True
            self.preload_git()

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

    @work(thread=True, group="preload")
    def preload_git(self) -> None:
        """Import GitPython once the workspace shows, so `r` does not wait for it."""
        from agent_tui.io.git import GitError, gitpython

        with suppress(GitError):  # the review screen says so when it is opened
            gitpython()

    def show_list(self) -> None:
        if self.workspace is None:
            return
        self.main.query_one(AgentList).show(
            self.workspace, self.findings, self.main.query_one("#filter", Input).value, self._marked
        )

    def show_empty_workspace(self) -> None:
        assert self.workspace is not None
        filtered = self.main.query_one("#filter", Input).value
        message = (
            f"No agent matches “{filtered}”. Press escape and clear the filter."
            if filtered
            else f"No agents in {self.workspace.root.name}/ yet.\n\n"
            "Claude Code reads subagents from .claude/agents/*.md (and ~/.claude/agents/).\n"
            "Create one there, or try the bundled demo: agent-tui demo"
        )
        empty = self.main.query_one("#empty", Static)
        empty.update(message)
        empty.display = True
        self.main.query_one("#views").display = False

    @on(Input.Changed, "#sidebar #filter")
    def _filter(self) -> None:
        self.show_list()
        if self.workspace is not None and not self.main.query_one(AgentList).items:
            self.show_empty_workspace()

    @on(Input.Submitted, "#sidebar #filter")
    def _filter_done(self) -> None:
        self.main.query_one(AgentList).focus()

    def action_filter(self) -> None:
        self.main.query_one("#filter", Input).focus()

    def action_focus_list(self) -> None:
        self.main.query_one(AgentList).focus()

    def action_reload(self) -> None:
        """Re-read the workspace, and the open agent's files unless they have unsaved edits."""
        self.load_workspace()
        opened = self.opened
        if opened is None:
            return
        if self.dirty_names():
            self.notify("Unsaved changes kept; save or discard them to see the files on disk")
            return
        item = self.main.query_one(AgentList).items.get(opened.key)
        if item is not None:
            self.read_item(opened.key, item.entry, item.memory)

    # ------------------------------------------------------------------------- opening

    @on(OptionList.OptionHighlighted, "#sidebar #agents")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        key = event.option.id
        if key is None or (self.opened is not None and key == self.opened.key):
            return
        if key == self._restoring:
            self._restoring = None
            return
        self.switch_to(key)

    @work(exclusive=True, group="switch")
    async def switch_to(self, key: str) -> None:
        if self.dirty_names() and self.opened is not None:
            answer = await self.push_screen_wait(unsaved_question(self.dirty_names()))
            if answer == "save" and not await self.save_all():
                answer = "cancel"
            if answer == "cancel":
                self._restoring = self.opened.key
                self.main.query_one(AgentList).select_key(self.opened.key)
                return
        item = self.main.query_one(AgentList).items.get(key)
        if item is not None:
            self.read_item(key, item.entry, item.memory)

    @work(thread=True, exclusive=True, group="open")
    def read_item(self, key: str, entry: AgentEntry | None, memory: MemoryDir | None) -> None:
        try:
            opened = open_item(key, entry, memory)
        except OSError as error:
            self.call_from_thread(self.cannot_read, f"{error.filename or key}: {error}")
            return
        self.post_message(ItemOpened(opened))

    @on(ItemOpened)
    def _item_opened(self, event: ItemOpened) -> None:
        if not self.showing():
            return
        opened = self.opened = event.opened
        self.wrote()  # a fresh read: the watched files start from here
        self.main.query_one("#empty").display = False
        self.main.query_one("#views").display = True
        form = self.main.query_one(AgentForm)
        doc = opened.agent_doc
        self.edited_as_text = False
        if doc is not None and opened.entry is not None:
            self.draft = AgentDraft(doc.text)
            agent = self.current_agent()
            assert agent is not None
            form.load(agent, self.current_findings(agent))
            form.set_editable(not (doc.read_only or self.read_only))
            self.load_raw()
        else:
            self.draft = None
        tabs = self.main.query_one(TabbedContent)
        for pane in ("agent", "file"):
            tabs.get_tab(pane).display = doc is not None
        if doc is None:
            tabs.active = "memory"
        self.load_memory()
        self.update_title()
        if self.pending_jump is not None:
            self.apply_jump()
        self.agent_shown()

    def agent_shown(self) -> None:
        """Called once an agent's views are filled; the start-up benchmark hooks in here."""

    def memory_pane(self) -> MemoryPane | None:
        """The memory view, once the Memory tab has been shown and its widgets are there
        (a key pressed while it mounts finds none yet)."""
        found = self.main.query(MemoryPane)
        pane = found.first() if found else None
        return pane if pane is not None and pane.query("#index-editor") else None

    def raw_editor(self) -> Editor | None:
        """The whole-file editor, once the File tab has been shown."""
        found = self.main.query("#raw").results(Editor)
        return next(found, None)

    async def fill_tab(self, tab: str) -> None:
        """Mount a tab's view the first time it is shown, then fill it."""
        if tab not in ("memory", "file"):
            return
        pane = self.main.query_one(f"#{tab}", TabPane)
        if pane.children:
            return  # already built (or being built: children appear as mount starts)
        if tab == "memory":
            await pane.mount(MemoryPane(id="memory-pane"))
            self.load_memory()
        else:
            await pane.mount(Editor(id="raw", show_line_numbers=True))
            self.load_raw()

    def load_raw(self) -> None:
        raw = self.raw_editor()
        doc = self.opened.agent_doc if self.opened else None
        if raw is None or doc is None:
            return
        if doc.read_only:
            raw.load_text(self.unreadable(doc))
        else:
            raw.load_text(self.draft.text() if self.draft else doc.text)
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
        pane.load(opened.memory_folder, scope, text, read_only, topics, opened.metas, off, exists)

    @on(MemoryPane.TurnOn)
    def _turn_memory_on(self, event: MemoryPane.TurnOn) -> None:
        """The memory field takes the folder's scope, as if typed in the Agent tab."""
        form = self.main.query_one(AgentForm)
        if self.draft is None or not form.editable:
            self.notify("This agent file cannot be edited here", severity="warning")
            return
        form.query_one("#field-memory", Input).value = event.scope.value
        self.field_typed("memory", event.scope.value)
        pane = self.memory_pane()
        if pane is not None:
            pane.show_off(pane.off, turned_on=True)

    @staticmethod
    def unreadable(doc: OpenFile) -> str:
        assert doc.problem is not None
        return f"{doc.path.name} is shown read-only: {doc.problem.message}\n"

    # -------------------------------------------------------------------- agent editing

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

    def agent_edited(self) -> None:
        agent = self.current_agent()
        if agent is None or self.draft is None:
            return
        form = self.main.query_one(AgentForm)
        form.show_checks(agent, self.current_findings(agent), self.draft.errors)
        self.update_title()

    def field_typed(self, key: str, text: str) -> None:
        """A field as shown when the file was read is not an edit: the file keeps its bytes,
        even where it could not be parsed."""
        form = self.main.query_one(AgentForm)
        if self.draft is None or not form.editable:
            return
        if text == form.loaded.get(key):
            if key not in self.draft.edits and key not in self.draft.errors:
                return  # the echo of filling the form: nothing changed, nothing to re-check
            self.draft.clear_field(key)
        else:
            if key == "description" and form.description_literal:
                text = text.replace("\n", "\\n")
            self.draft.set_field(key, text)
        self.agent_edited()

    @on(Input.Changed, "#agent-form .field")
    def _field_typed(self, event: Input.Changed) -> None:
        if event.input.id:
            self.field_typed(event.input.id.removeprefix("field-"), event.value)

    @on(TextArea.Changed, "#agent-form #field-description")
    def _description_typed(self, event: TextArea.Changed) -> None:
        self.field_typed("description", event.text_area.text)

    @on(TextArea.Changed, "#agent-form #other-keys")
    def _other_keys_typed(self, event: TextArea.Changed) -> None:
        self.other_keys_typed(event.text_area.text)

    def other_keys_typed(self, text: str) -> None:
        form = self.main.query_one(AgentForm)
        if self.draft is None or not form.editable:
            return
        if text == form.loaded.get("other"):
            if not self.draft.typed_keys and not any(
                k in self.draft.edits for k in form.other_keys
            ):
                return  # the echo of filling the form
            self.draft.clear_other_keys(form.other_keys)
        else:
            self.draft.set_other_keys(text, form.other_keys)
        self.agent_edited()

    @on(TextArea.Changed, "#agent-form #body")
    def _body_typed(self, event: TextArea.Changed) -> None:
        self.body_typed(event.text_area.text)

    def body_typed(self, text: str) -> None:
        editable = self.main.query_one(AgentForm).editable
        if self.draft is not None and editable:
            loaded = text == self.main.query_one(AgentForm).loaded.get("body")
            if loaded and self.draft.body is None:
                return
            self.draft.body = None if loaded else text
            self.agent_edited()

    @on(TextArea.Changed, "#views #raw")
    def _raw_typed(self, event: TextArea.Changed) -> None:
        if not event.text_area.read_only:
            self.raw_typed(event.text_area.text)

    def raw_typed(self, text: str) -> None:
        draft = self.draft
        if draft is not None and text != draft.text():
            draft.replace_text(text)
            self.edited_as_text = True
            self.agent_edited()

    def catch_up(self) -> None:
        """Apply what the widgets show now, in case a change event is still queued (ctrl+s
        pressed right after a paste): the view last edited is the truth."""
        form = self.main.query_one(AgentForm)
        if self.draft is None or not form.editable:
            return
        raw = self.raw_editor()
        if self.edited_as_text and raw is not None:
            self.raw_typed(raw.text)
            return
        for key in FORM_KEYS:
            if key == "description":
                self.field_typed(key, form.query_one("#field-description", TextArea).text)
            else:
                self.field_typed(key, form.query_one(f"#field-{key}", Input).value)
        self.other_keys_typed(form.query_one("#other-keys", TextArea).text)
        self.body_typed(form.query_one("#body", TextArea).text)

    @on(TabbedContent.TabActivated, "#main #views")
    async def _tab_shown(self, event: TabbedContent.TabActivated) -> None:
        """Form and File views show one text; bring the one shown up to date."""
        await self.fill_tab(event.pane.id or "")
        if self.draft is None or self.opened is None or self.opened.agent_doc is None:
            return
        if self.opened.agent_doc.read_only:
            return
        text = self.draft.text()
        raw = self.raw_editor()
        if event.pane.id == "file" and raw is not None:
            if raw.text != text:
                raw.load_text(text)
        elif event.pane.id == "agent":
            agent = self.current_agent()
            assert agent is not None
            self.draft.replace_text(text)
            self.main.query_one(AgentForm).load(agent, self.current_findings(agent))
            self.edited_as_text = False

    def action_tab(self, pane: str) -> None:
        if self.opened is None:
            return
        tabs = self.main.query_one(TabbedContent)
        if tabs.get_tab(pane).display:
            tabs.active = pane

    # -------------------------------------------------------------------------- saving

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
        doc = opened.agent_doc
        draft = self.draft
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

    @on(MemoryPane.BudgetChanged)
    def _index_typed(self) -> None:
        if not self.showing():
            return
        self.update_title()

    async def save_document(
        self, doc: OpenFile, text: str, merge: Callable[[str], str | None] | None = None
    ) -> str:
        """Save one file; ask when it changed on disk. `merge` turns the disk text into the
        disk text plus your edits (None when they clash). Returns "saved", "merged",
        "reloaded", "cancelled" or "failed"."""
        if refuse_write(self):
            return "failed"
        try:
            try:
                doc.save(text)
            except HardLinked as linked:
                answer = await self.push_screen_wait(
                    ChoiceScreen(
                        f"{doc.path.name} has other names (hard links)",
                        f"{linked}. Save in place and every name shows your change, or save "
                        "this name as a file of its own and the others keep the old text.",
                        [
                            ("cancel", "Cancel", "primary"),
                            ("in-place", "Save for every name", "default"),
                            ("separate", "Save this name only", "default"),
                        ],
                    )
                )
                if answer == "cancel":
                    return "cancelled"
                doc.save(text, keep_links=answer == "in-place")
        except ChangedOnDisk:
            disk = doc.disk_text()
            merged = merge(disk) if merge is not None and disk is not None else None
            answer = await self.push_screen_wait(
                ConflictScreen(doc.path.name, disk, text, can_merge=merged is not None)
            )
            if answer in ("reload", "merge"):
                reread = OpenFile.read(doc.path)
                doc.source, doc.problem = reread.source, reread.problem
            if answer == "reload":
                return "reloaded"
            if answer == "merge" and merged is not None:
                text = merged
            elif answer != "overwrite":
                return "cancelled"
            try:
                doc.save(text, overwrite=answer == "overwrite")
            except (SaveError, ChangedOnDisk) as error:
                self.notify(str(error), title="Not saved", severity="error")
                return "failed"
            self.wrote()
            if answer == "merge":
                self.notify(f"Saved {doc.path.name} with your edits on top of the change on disk")
                return "merged"
        except SaveError as error:
            self.notify(str(error), title="Not saved", severity="error")
            return "failed"
        self.wrote()
        self.notify(f"Saved {doc.path.name}")
        return "saved"

    async def save_all(self) -> bool:
        """Save the open agent file and index; True when nothing is left unsaved."""
        self.catch_up()
        opened = self.opened
        if opened is None:
            return True
        ok = True
        doc = opened.agent_doc
        draft = self.draft
        if doc is not None and draft is not None and draft.changed:

            def merge(disk: str) -> str | None:
                rebased = draft.rebased(disk)
                return rebased.text() if rebased is not None and not rebased.errors else None

            outcome = await self.save_document(doc, draft.text(), merge)
            if outcome in ("saved", "merged", "reloaded"):
                self.reload_agent_views()
            ok = ok and outcome in ("saved", "merged")
        index_text = self.index_text()
        pane = self.memory_pane()
        changes = pane.changes if pane is not None else TopicChanges()
        if (index_text is not None or changes) and opened.index_doc is not None:
            ok = await self.save_memory(opened.index_doc, index_text, changes) and ok
        self.update_title()
        self.load_workspace()
        return ok

    async def save_memory(self, doc: OpenFile, text: str | None, changes: TopicChanges) -> bool:
        """The index and the topic files its edits go with, as one change: renamed and new
        topic files first, then the index, then deletions; when the index is not saved, the
        topic files are put back as they were."""
        folder = doc.path.parent
        try:
            undo = apply_topic_changes(folder, changes)
        except SaveError as error:
            self.notify(f"{error}; nothing was saved", title="Not saved", severity="error")
            return False
        outcome = await self.save_document(doc, text) if text is not None else "saved"
        if outcome not in ("saved", "merged"):
            undo()
            if outcome == "reloaded":
                self.load_memory()
            return False
        for problem in finish_topic_changes(folder, changes):
            self.notify(problem, title="Not deleted", severity="warning")
        self.wrote()
        pane = self.memory_pane()
        if pane is not None:
            pane.refresh_topics()
        return True

    def reload_agent_views(self) -> None:
        opened = self.opened
        if opened is None or opened.agent_doc is None:
            return
        self.draft = AgentDraft(opened.agent_doc.text)
        self.edited_as_text = False
        agent = self.current_agent()
        assert agent is not None
        self.main.query_one(AgentForm).load(agent, self.current_findings(agent))
        self.load_raw()

    @work(exclusive=True, group="save")
    async def action_save(self) -> None:
        if refuse_write(self):
            return
        if isinstance(self.screen, TopicScreen):
            await self.screen.save_now()
        elif not self.dirty_names(caught_up=True):
            self.notify("Nothing to save")
        else:
            await self.save_all()

    async def action_quit(self) -> None:
        self.quit_guarded()

    @work(exclusive=True, group="quit")
    async def quit_guarded(self) -> None:
        names = self.dirty_names(caught_up=True)
        if isinstance(self.screen, TopicScreen) and self.screen.dirty:
            names.append(self.screen.heading)
        if names:
            answer = await self.push_screen_wait(unsaved_question(names))
            if answer == "cancel":
                return
            if answer == "save":
                if isinstance(self.screen, TopicScreen) and not await self.screen.save_now():
                    return
                if not await self.save_all():
                    return
        self.exit()

    # ----------------------------------------------------------------------- topic files

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

    def topic_command(self, action: str) -> Callable[[], None]:
        """A palette command that runs a topic list action."""

        def run() -> None:
            topics = self.topic_list()
            if topics is not None:
                getattr(topics, f"action_{action}")()

        return run

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

    @on(TopicList.MoveRequested)
    @work(exclusive=True, group="move-topic")
    async def _move_topic(self, event: TopicList.MoveRequested) -> None:
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
        target = await self.push_screen_wait(
            PickScreen(
                f"Move {event.relpath} to",
                places,
                "The file moves, the target index names it where Claude Code loads it, and "
                "the lines naming it here go; written at once, all or nothing.",
            )
        )
        if target is None:
            return
        from agent_tui.io.move import move_topic  # on first use

        try:
            line = move_topic(source, event.relpath, Path(target))
        except SaveError as error:
            self.notify(str(error), title="Not moved", severity="error")
            return
        self.wrote()
        label = dict(places)[target]
        self.notify(f"Moved {event.relpath} to {label} (named at line {line} there)")
        self.action_reload()

    async def action_toggle_preview(self) -> None:
        tabs = self.main.query_one(TabbedContent)
        if self.opened is not None and self.opened.index_doc is not None:
            tabs.active = "memory"
            await self.fill_tab("memory")
            pane = self.memory_pane()
            assert pane is not None
            pane.toggle_preview()

    async def action_curate(self, action: str) -> None:
        """Move a section out (`move_out`) or fit the budget (`fit`), on the Memory tab."""
        if self.opened is None or self.opened.index_doc is None:
            self.notify("This agent keeps no memory", severity="warning")
            return
        self.main.query_one(TabbedContent).active = "memory"
        await self.fill_tab("memory")
        pane = self.memory_pane()
        assert pane is not None
        if action == "fit":
            pane.action_fit()
        else:
            pane.editor.focus()
            pane.action_move_out()

    def action_new_agent(self) -> None:
        from agent_tui.ui.screens.new_agent import NewAgentScreen

        if self.workspace is None or refuse_write(self):
            return
        taken = {entry.file.name for entry in self.workspace.agents if entry.file.name}
        self.push_screen(NewAgentScreen(taken), self.create_agent)

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
        self.wrote()
        self.notify(f"Created {self.workspace.display_path(path)}")
        self.select_after_load = agent_key(path)
        self.load_workspace()

    @work(exclusive=True, group="delete-agent")
    async def action_delete_agent(self) -> None:
        opened = self.opened
        if opened is None or opened.entry is None or self.workspace is None:
            return
        if refuse_write(self):
            return
        entry, workspace = opened.entry, self.workspace
        shown = workspace.display_path(entry.file.path)
        memory = entry.memory_dir
        if memory is not None:
            count = len(memory.topic_files) + (1 if memory.index.exists else 0)
            detail = (
                f"{shown} is removed. Its memory, {workspace.display_path(memory.path)}/ "
                f"({plural(count, 'file')}), can stay (it is then listed as memory with no "
                "agent) or go with it."
            )
            choices = [
                ("keep", "Delete, keep memory", "warning"),
                ("all", "Delete with memory", "error"),
                ("cancel", "Cancel", "default"),
            ]
        else:
            detail = f"{shown} is removed. It has no memory folder."
            choices = [("keep", "Delete", "error"), ("cancel", "Cancel", "default")]
        name = entry.file.display_name
        answer = await self.push_screen_wait(ChoiceScreen(f"Delete {name}?", detail, choices))
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
        self.wrote()
        self.opened = None
        self.load_workspace()

    def action_search(self) -> None:
        from agent_tui.core.search import search_targets
        from agent_tui.ui.screens.search import SearchScreen

        if self.workspace is not None:
            self.push_screen(SearchScreen(search_targets(self.workspace)), self.jump_to)

    def jump_to(self, hit: Hit | None) -> None:
        """Show the agent a search hit belongs to, at the hit's line."""
        if hit is None:
            return
        target = hit.target
        depth = len(Path(target.relpath).parts)
        folder = target.path.parents[depth - 1] if target.relpath else None
        agents = self.main.query_one(AgentList)
        if self.main.query_one("#filter", Input).value:
            self.main.query_one("#filter", Input).value = ""
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
        tabs = self.main.query_one(TabbedContent)
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
            pane.topic_list.open(hit.target.relpath, False, hit.line)

    def action_external_editor(self) -> None:
        """Open the file of the tab in view in $VISUAL or $EDITOR, then read it again."""
        opened = self.opened
        if opened is None or refuse_write(self):
            return
        on_memory = self.main.query_one(TabbedContent).active == "memory"
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
            with self.suspend():
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
        self.push_screen(AgentEyeScreen(content))

    # -------------------------------------------------------------------------- review

    def action_review(self) -> None:
        """Changed agents and memory as git sees them: read, stage, commit."""
        if self.dirty_names():
            self.notify(
                "Unsaved edits are not in the review until you save them (ctrl+s)",
                severity="warning",
            )
        self.open_review(None)

    def open_review(self, base: str | None) -> None:
        """The review screen is built once and kept: reopening it is quicker, and it comes
        back on the file and hunk where it was left, reading git again."""
        from agent_tui.ui.screens.review import ReviewScreen

        if not self.is_screen_installed("review"):
            root = self.workspace.root if self.workspace is not None else self.start
            self.install_screen(ReviewScreen(root, base), "review")
        else:
            review = self.get_screen("review")
            assert isinstance(review, ReviewScreen)
            review.read_again()  # git runs while the screen is being drawn
        self.push_screen("review", self.review_closed)

    def review_closed(self, discarded: bool | None) -> None:
        """Discarding in the review changes files: show them as they now are. (Staging and
        committing leave the files alone, so closing after them re-reads nothing.)"""
        if discarded and self.workspace is not None:
            self.wrote()
            self.action_reload()

    # -------------------------------------------------------------------- help, palette

    def action_help(self) -> None:
        from agent_tui.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        commands: list[tuple[str, str, Callable[[], object]]] = [
            ("Save", "Save every changed file (ctrl+s)", self.action_save),
            ("Filter agents", "Type to narrow the list (/)", self.action_filter),
            ("Agent tab", "The agent's fields and prompt (1)", lambda: self.action_tab("agent")),
            ("Memory tab", "MEMORY.md, budget, topics (2)", lambda: self.action_tab("memory")),
            ("File tab", "The whole file as text (3)", lambda: self.action_tab("file")),
            ("Toggle preview", "Rendered markdown (ctrl+t)", self.action_toggle_preview),
            ("New topic file", "Create and link a topic (n)", self.topic_command("new")),
            ("Rename topic file", "Index links follow (F2)", self.topic_command("rename")),
            ("Delete topic file", "Asks first (delete)", self.topic_command("delete")),
            ("Link topic into index", "For an orphan (l)", self.topic_command("link")),
            (
                "Move topic file to another agent",
                "Or to another scope, with both indexes updated (m)",
                self.topic_command("move"),
            ),
            (
                "Move section to a topic file",
                "The section at the cursor, or the selected lines (ctrl+o)",
                lambda: self.action_curate("move_out"),
            ),
            (
                "Fit the budget",
                "Move the largest sections out until the index loads whole (ctrl+b)",
                lambda: self.action_curate("fit"),
            ),
            ("Reload from disk", "Re-read agents and memory (ctrl+r)", self.action_reload),
            (
                "What the agent sees",
                "Its prompt and the memory that loads (v)",
                self.action_agent_eye,
            ),
            ("Search", "Every agent and memory file (ctrl+f)", self.action_search),
            ("Review changes", "Diff, stage and commit agents and memory (r)", self.action_review),
            ("New agent", "From a template, with memory (ctrl+n)", self.action_new_agent),
            ("Delete agent", "Asks what happens to its memory (delete)", self.action_delete_agent),
            (
                "Open in $EDITOR",
                "The file of this tab, read again after (e)",
                self.action_external_editor,
            ),
            ("Keys", "Every key and mark (?)", self.action_help),
        ]
        for title, help_text, callback in commands:
            yield SystemCommand(title, help_text, callback)


__all__ = ["AgentTuiApp", "TopicList"]
