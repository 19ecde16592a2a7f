"""The memory view: MEMORY.md with its live budget, what is dropped, and the topic files."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import Button, Label, OptionList, Static
from textual.widgets.option_list import Option

from agent_tui.core.budget import Budget, measure, plural
from agent_tui.core.entries import Entry, dropped_entries
from agent_tui.core.memory import (
    MemoryIndex,
    MemoryScope,
    TopicMeta,
    find_links,
    read_memory_dir,
    read_topic_meta,
    topic_mentions,
    topic_meta,
)
from agent_tui.core.stale import stale_in_text
from agent_tui.core.textfile import MAX_TEXT_BYTES
from agent_tui.core.topic_changes import TopicChanges
from agent_tui.ui.widgets.budget_meter import BudgetMeter
from agent_tui.ui.widgets.markdown_preview import MarkdownPreview
from agent_tui.ui.widgets.memory_curation import MemoryCuration
from agent_tui.ui.widgets.memory_editor import MemoryEditor
from agent_tui.ui.widgets.topic_files import TopicList, TopicRow, topic_rows

if TYPE_CHECKING:
    pass

# While typing, the meter and cut follow once keys pause this long (seconds); the dropped
# entries and topic lists, which read every link, once they pause longer.
MEASURE_DELAY = 0.05
LISTS_DELAY = 0.3
NARROW = 100  # columns: below this the side panels go under the editor, hidden at first
# The dropped-entries list shows this many; a count stands for the rest.
LOST_SHOWN = 100


LOST_TITLE = 20  # cells of an entry's title: the row fits the side panel at 120 columns


def lost_row(entry: Entry) -> Text:
    """`201 - Review rule 197…`, or for a section `216 ## Newest +3`: where a dropped entry
    starts and what it is (a section with how many more lines it takes along)."""
    title = Text(entry.title)
    title.truncate(LOST_TITLE, overflow="ellipsis")
    row = Text.assemble((f"{entry.line:>4} ", "dim"), title)
    if entry.last_line > entry.line:
        row.append(f" +{entry.last_line - entry.line}", style="dim")
    return row


class MemoryPane(MemoryCuration):
    """Index editor with meter on the left; dropped entries and topic files on the right."""

    class BudgetChanged(Message):
        """The index text was measured again (the app updates its unsaved marks)."""

    class TurnOn(Message):
        """Asked to turn memory on: the agent's `memory:` becomes this folder's scope."""

        def __init__(self, scope: MemoryScope) -> None:
            super().__init__()
            self.scope = scope

    # The side panels: None follows the terminal (beside the editor from NARROW columns on,
    # hidden below), True or False once toggled.
    panels: reactive[bool | None] = reactive(None, init=False)

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.folder: Path | None = None
        self.scope = MemoryScope.PROJECT
        self.disk_topics: list[str] = []  # as on disk
        self.changes = TopicChanges()  # topic files created, renamed, deleted: unsaved
        self.metas: dict[str, TopicMeta] = {}
        self.lost: list[Entry] = []
        self.budget: Budget | None = None
        self._meter_timer: Timer | None = None
        self._lists_timer: Timer | None = None
        self._on_disk: dict[str, bool] = {}  # link targets looked up once per load, not per key
        self.off: str | None = None  # why Claude Code does not load this folder
        # Claude Code's own reading of the index, when the editor's text is not what it loads
        # (see `load`): the meter and the lists follow it.
        self.read_as: MemoryIndex | None = None
        self.unlisted = False  # the index is too large to list its entries
        self.lost_loads: bool | None = None  # `loads` when #lost was drawn (None: not yet)
        self.exists: Callable[[str], bool] | None = None  # a repository path is in the tree
        self.stale: list[tuple[int, str]] = []  # (line, path) named but gone

    def compose(self) -> ComposeResult:
        with Vertical(id="index-column"):
            with Horizontal(id="memory-off"):
                yield Static(id="off-reason")
                yield Button("Turn memory on", id="turn-on", compact=True)
            yield BudgetMeter(id="meter")
            yield Static(id="stale-note")
            yield MemoryEditor(id="index-editor")
            yield Static(id="panels-hint")
            yield Static(id="memory-empty")
        with Vertical(id="memory-side"):
            yield Label("Dropped at start-up", classes="side-title", id="lost-title")
            yield OptionList(id="lost")
            yield Label("Topic files", classes="side-title")
            yield TopicList(self, id="topics")
            yield Static(
                Text(
                    "enter open · n new · F2 rename · del delete · l link · m move",
                    style="dim",
                ),
                id="topic-keys",
            )

    @property
    def editor(self) -> MemoryEditor:
        return self.query_one("#index-editor", MemoryEditor)

    @property
    def measuring(self) -> bool:
        """Typed text waits to be measured (the meter follows once keys pause)."""
        return self._meter_timer is not None

    def on_resize(self) -> None:
        self.show_panels()
        meter = self.query_one(BudgetMeter)
        meter.show(*meter.shown)

    def watch_panels(self) -> None:
        self.show_panels()

    def action_toggle_panels(self) -> None:
        self.panels = not self.panels_shown

    @property
    def panels_shown(self) -> bool:
        return self.panels if self.panels is not None else self.app.size.width >= NARROW

    def show_panels(self) -> None:
        """Beside the editor on a wide terminal, under it on a narrow one, or hidden with a
        one-line hint in their place."""
        self.set_class(self.app.size.width < NARROW, "-stacked")
        self.set_class(not self.panels_shown, "-no-panels")
        self.show_panels_hint()

    def show_panels_hint(self) -> None:
        if self.panels_shown:
            return
        hint = Text("ctrl+g ", style="bold")
        hint.append(f"{plural(len(self.topics), 'topic file')}", style="dim")
        if self.lost:
            count = len(self.lost)
            hint.append(f" · {count:,} dropped {'entry' if count == 1 else 'entries'}",
                        style="bold red")  # fmt: skip
        self.query_one("#panels-hint", Static).update(hint)

    def show_nothing(self, message: str) -> None:
        """No memory to show (the agent has none): say why and how to add it."""
        self.folder = None
        self.query_one("#memory-empty", Static).update(Text(message, style="dim"))
        self.set_class(True, "-empty")

    def show_off(self, off: str | None, turned_on: bool = False) -> None:
        """Why Claude Code loads none of this memory: it is off (and can be turned on), or
        its index is one Claude Code does not read."""
        self.off = off
        not_read = self.read_as.not_loaded if self.read_as is not None else None
        self.set_class(off is not None or not_read is not None, "-off")
        reason = self.query_one("#off-reason", Static)
        if off is not None:
            text = Text(off, style="bold orange3")
            if turned_on:
                text.append(f"\nmemory: {self.scope.value} is set: save (ctrl+s) to load it",
                            "dim")  # fmt: skip
            else:
                text.append(f"\nTurning it on sets memory: {self.scope.value}.", style="dim")
            reason.update(text)
        elif not_read is not None:
            reason.update(Text(not_read, "bold orange3"))
        can_turn_on = off is not None and not turned_on and not self.editor.read_only
        self.query_one("#turn-on", Button).display = can_turn_on
        if self.lost_loads is not None and self.lost_loads != self.loads:
            self.show_lost()  # "none of it loads" or back

    @on(Button.Pressed, "#turn-on")
    def _turn_on(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.TurnOn(self.scope))

    def target_exists(self, relpath: str) -> bool:
        if relpath in self.changes.deleted or relpath in self.changes.renamed.values():
            return False  # gone when this change is saved
        if relpath not in self._on_disk:
            assert self.folder is not None
            self._on_disk[relpath] = (self.folder / relpath).exists()
        return self._on_disk[relpath]

    @property
    def topics(self) -> list[str]:
        """The topic files as they will be once saved."""
        return self.changes.topics(self.disk_topics)

    @property
    def strips(self) -> bool:
        """The main session's rule: its index is measured after stripping comments."""
        return self.scope is MemoryScope.AUTO

    def meta(self, topic: str) -> TopicMeta:
        if topic in self.changes.created:
            return topic_meta(self.changes.created[topic])
        return self.metas.get(self.changes.on_disk(topic) or topic, TopicMeta())

    @property
    def topic_list(self) -> TopicList:
        return self.query_one(TopicList)

    @property
    def rows(self) -> list[TopicRow]:
        return self.topic_list.rows

    @property
    def selected_topic(self) -> TopicRow | None:
        return self.topic_list.selected

    def load(
        self,
        folder: Path,
        scope: MemoryScope,
        text: str,
        read_only: bool,
        topics: list[str],
        metas: dict[str, TopicMeta],
        off: str | None = None,
        exists: Callable[[str], bool] | None = None,
        read_as: MemoryIndex | None = None,
    ) -> None:
        """`off`: why Claude Code does not load this folder (shown instead of a budget);
        `exists`: whether a repository path is in the working tree (stale paths are marked);
        `read_as`: the index as Claude Code reads it, when that is not the editor's text: a
        file the editor shows a note for instead (not UTF-8, too large to edit), or one
        Claude Code does not load at all (a link, not a regular file)."""
        self.set_class(False, "-empty")
        self.exists = exists if scope is not MemoryScope.USER else None
        self.read_as = read_as
        self.show_off(off)
        self.folder = folder
        self.scope = scope
        self._on_disk.clear()
        self.disk_topics = topics
        self.changes = TopicChanges()
        self.metas = metas
        self.editor.read_only = read_only
        self.query_one(BudgetMeter).fits = not read_only
        self.editor.load_text(text)
        self.update_meter()
        self.call_after_refresh(self.update_lists)  # reading every link can wait for a paint

    def refresh_topics(self) -> None:
        """Re-read the topic files after one was created, renamed or deleted."""
        if self.folder is None:
            return
        memory = read_memory_dir(self.folder, self.scope) if self.folder.is_dir() else None
        self.disk_topics = list(memory.topic_files) if memory else []
        self.metas = {rel: read_topic_meta(self.folder / rel) for rel in self.disk_topics}
        self._on_disk.clear()
        self.remeasure()

    def replace_index(self, text: str) -> None:
        """Change the whole index in the editor (saved with ctrl+s, like typing)."""
        self.editor.replace(text, self.editor.document.start, self.editor.document.end)
        self.remeasure()  # show it at once, not after the typing pause

    @on(MemoryEditor.Changed, "#index-editor")
    def _typed(self) -> None:
        for timer in (self._meter_timer, self._lists_timer):
            if timer is not None:
                timer.stop()
        self._meter_timer = self.set_timer(MEASURE_DELAY, self.update_meter)
        self._lists_timer = self.set_timer(LISTS_DELAY, self.update_lists)

    def remeasure(self) -> None:
        """Measure the editor's text and redraw the meter, the cut and the lists."""
        self.update_meter()
        self.update_lists()

    def update_meter(self) -> None:
        self._meter_timer = None
        if self.folder is None:
            return
        read_as = self.read_as
        if read_as is not None:  # measured as read, once: the editor cannot change it
            self.budget = read_as.budget
        else:
            text = self.editor.text
            strip = self.scope is MemoryScope.AUTO  # the main session's rule: header first
            has_text = text.strip() or self.editor.read_only
            self.budget = measure(text, strip=strip) if has_text else None
        self.query_one(BudgetMeter).show(self.budget, loaded=self.loads)
        self.editor.show_budget(self.budget if read_as is None else None)
        self.post_message(self.BudgetChanged())

    @property
    def loads(self) -> bool:
        """Claude Code loads this index (up to its cut): memory is on and the file is read."""
        return self.off is None and (self.read_as is None or self.read_as.not_loaded is None)

    @property
    def measured_text(self) -> str:
        """The index text the meter measures: the editor's, or Claude Code's reading."""
        if self.read_as is None:
            return self.editor.text
        return self.read_as.text or ""

    def update_lists(self) -> None:
        self._lists_timer = None
        if self.folder is None:
            return
        text = self.measured_text
        # An index too large to edit is too large to list quickly (seconds per million lines):
        # its meter still tells the cut.
        unlisted = len(text) > MAX_TEXT_BYTES
        if unlisted:
            text = ""
        topics = self.topics
        links = find_links(text, self.folder, set(topics), self.target_exists)
        cut = self.budget.cut_line if self.budget and self.budget.truncated else None
        lost = dropped_entries(text, self.budget) if cut is not None else []
        if (lost, unlisted, self.loads) != (self.lost, self.unlisted, self.lost_loads):
            self.lost, self.unlisted = lost, unlisted
            self.show_lost()
        self.show_stale(stale_in_text(text, self.exists) if self.exists else [])
        mentions = topic_mentions(text, topics)
        metas = {topic: self.meta(topic) for topic in topics}
        pending = {t: state for t in topics if (state := self.changes.state(t)) is not None}
        self.topic_list.show(topic_rows(topics, metas, links, mentions, cut, pending))
        self.show_panels_hint()

    def show_stale(self, stale: list[tuple[int, str]]) -> None:
        self.stale = stale
        self.editor.show_stale(stale)
        note = self.query_one("#stale-note", Static)
        note.display = bool(stale)
        if stale:
            lines = len({line for line, _ in stale})
            first = stale[0]
            note.update(Text.assemble(
                (f"⚠ {plural(lines, 'line')} name paths no longer in the repository", "orange3"),
                (f" (underlined; first: line {first[0]}, {first[1]})", "dim"),
            ))  # fmt: skip

    def show_lost(self) -> None:
        self.lost_loads = self.loads
        budget = self.budget
        too_many = self.unlisted and budget is not None and budget.truncated
        self.set_class(not self.lost and not too_many, "-nothing-lost")
        lost = self.query_one("#lost", OptionList)
        lost.can_focus = bool(self.lost)  # tab does not stop on a list with nothing in it
        lost.clear_options()
        if too_many:
            assert budget is not None
            past = f"lines {budget.cut_line:,}–{budget.lines:,}: too many to list here"
            lost.add_option(Option(Text(past, style="bold red"), disabled=True))
            return
        if not self.lost:
            words = "nothing: every entry loads" if self.loads else "none of it loads"
            lost.add_option(Option(Text(words, style="dim"), disabled=True))
            return
        lost.add_options(Option(lost_row(entry)) for entry in self.lost[:LOST_SHOWN])
        if len(self.lost) > LOST_SHOWN:
            more = f"… and {len(self.lost) - LOST_SHOWN:,} more entries"
            lost.add_option(Option(Text(more, style="dim"), disabled=True))

    @on(OptionList.OptionSelected, "#lost")
    def _jump_to_lost(self, event: OptionList.OptionSelected) -> None:
        if event.option_index < len(self.lost):
            line = self.lost[event.option_index].line - 1  # the entry's first line
            self.editor.move_cursor((line, 0), center=True)
            self.editor.focus()

    def toggle_preview(self) -> None:
        column = self.query_one("#index-column")
        previews = column.query(MarkdownPreview)
        if previews:
            previews.remove()
            self.editor.display = True
            self.editor.focus()
            return
        self.editor.display = False
        preview = MarkdownPreview(self.editor.text, id="index-preview")
        column.mount(preview)
        preview.focus()

    @on(MarkdownPreview.LinkClicked)
    def _link_clicked(self, event: MarkdownPreview.LinkClicked) -> None:
        """A link in the preview opens the topic it names, never a browser."""
        event.stop()
        target = unquote(event.href.split("#", 1)[0])
        relpath = os.path.normpath(target).replace(os.sep, "/")
        if self.folder is None or not target or relpath.startswith("..") or os.path.isabs(target):
            self.notify(f"{event.href} is not a topic file of this memory", severity="warning")
            return
        missing = not (self.folder / relpath).exists()
        self.post_message(TopicList.OpenRequested(relpath, missing, None))

    def taken(self, name: str) -> bool:
        """A name already used, on disk or in the unsaved change (case-insensitively: the
        repository may be checked out on a filesystem that ignores case)."""
        lowered = name.lower()
        assert self.folder is not None
        return (self.folder / name).exists() or any(t.lower() == lowered for t in self.topics)
