"""The memory view: MEMORY.md with its live budget, what is dropped, and the topic files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from agent_tui.core.budget import Budget, measure
from agent_tui.core.memory import IndexLink, LinkState, TopicMeta, find_links
from agent_tui.ui.widgets.budget_meter import BudgetMeter
from agent_tui.ui.widgets.memory_editor import MemoryEditor

# While typing, the meter and cut follow once keys pause this long (seconds); the dropped
# entries and topic lists, which read every link, once they pause longer.
MEASURE_DELAY = 0.05
LISTS_DELAY = 0.3
# The dropped-entries list shows this many; a count stands for the rest.
LOST_SHOWN = 100


@dataclass(frozen=True)
class TopicRow:
    relpath: str
    meta: TopicMeta
    state: LinkState | None  # None: an orphan, no index line links it

    def label(self) -> Text:
        if self.state is LinkState.BROKEN:
            text = Text("✗ ", style="bold red")
            text.append(self.relpath)
            text.append("  linked but missing", style="red")
            return text
        text = Text("✓ ", style="green") if self.state else Text("○ ", style="yellow")
        text.append(self.relpath)
        if self.meta.type:
            text.append(f"  {self.meta.type}", style="cyan")
        if self.state is None:
            text.append("  orphan: not in the index", style="yellow")
        if self.meta.description:
            text.append(f"\n  {self.meta.description}", style="dim")
        if self.meta.problem:
            text.append(f"\n  {self.meta.problem}", style="red")
        return text


def topic_rows(
    topics: list[str], metas: dict[str, TopicMeta], links: list[IndexLink]
) -> list[TopicRow]:
    linked = {link.relpath for link in links if link.state is LinkState.OK}
    rows = [
        TopicRow(rel, metas.get(rel, TopicMeta()), LinkState.OK if rel in linked else None)
        for rel in topics
    ]
    broken = sorted({link.relpath for link in links if link.state is LinkState.BROKEN})
    rows += [TopicRow(rel, TopicMeta(), LinkState.BROKEN) for rel in broken[:LOST_SHOWN]]
    return rows


class TopicList(OptionList):
    BINDINGS = [
        Binding("n", "app.new_topic", "New topic", id="new-topic"),
        Binding("f2", "app.rename_topic", "Rename", id="rename-topic"),
        Binding("delete", "app.delete_topic", "Delete", id="delete-topic"),
        Binding("l", "app.link_topic", "Link into index", id="link-topic"),
    ]


class MemoryPane(Horizontal):
    """Index editor with meter on the left; dropped entries and topic files on the right."""

    class BudgetChanged(Message):
        def __init__(self, budget: Budget | None) -> None:
            super().__init__()
            self.budget = budget

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.folder: Path | None = None
        self.topics: list[str] = []
        self.metas: dict[str, TopicMeta] = {}
        self.rows: list[TopicRow] = []
        self.lost: list[IndexLink] = []
        self.budget: Budget | None = None
        self._meter_timer: Timer | None = None
        self._lists_timer: Timer | None = None
        self._on_disk: dict[str, bool] = {}  # link targets looked up once per load, not per key

    def compose(self) -> ComposeResult:
        with Vertical(id="index-column"):
            yield BudgetMeter(id="meter")
            yield MemoryEditor(id="index-editor")
            yield Static(id="memory-empty")
        with Vertical(id="memory-side"):
            yield Label("Dropped at start-up", classes="side-title")
            yield OptionList(id="lost")
            yield Label("Topic files", classes="side-title")
            yield TopicList(id="topics")
            yield Static(
                Text("enter open · n new · F2 rename · del delete · l link", style="dim"),
                id="topic-keys",
            )

    @property
    def editor(self) -> MemoryEditor:
        return self.query_one("#index-editor", MemoryEditor)

    def show_nothing(self, message: str) -> None:
        """No memory to show (the agent has none): say why and how to add it."""
        self.folder = None
        self.query_one("#memory-empty", Static).update(Text(message, style="dim"))
        self.set_class(True, "-empty")

    def target_exists(self, relpath: str) -> bool:
        if relpath not in self._on_disk:
            assert self.folder is not None
            self._on_disk[relpath] = (self.folder / relpath).exists()
        return self._on_disk[relpath]

    def load(
        self,
        folder: Path,
        text: str,
        read_only: bool,
        topics: list[str],
        metas: dict[str, TopicMeta],
    ) -> None:
        self.set_class(False, "-empty")
        self.folder = folder
        self._on_disk.clear()
        self.topics = topics
        self.metas = metas
        self.editor.read_only = read_only
        self.editor.load_text(text)
        self.update_meter()
        self.call_after_refresh(self.update_lists)  # reading every link can wait for a paint

    def topic_changed(self, topics: list[str], metas: dict[str, TopicMeta]) -> None:
        self._on_disk.clear()
        self.topics = topics
        self.metas = metas
        self.remeasure()

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
        text = self.editor.text
        self.budget = measure(text) if text.strip() or self.editor.read_only else None
        self.query_one(BudgetMeter).show(self.budget)
        self.editor.show_budget(self.budget)
        self.post_message(self.BudgetChanged(self.budget))

    def update_lists(self) -> None:
        self._lists_timer = None
        if self.folder is None:
            return
        text = self.editor.text
        links = find_links(text, self.folder, set(self.topics), self.target_exists)
        cut = self.budget.cut_line if self.budget and self.budget.truncated else None
        lost = [link for link in links if cut is not None and link.line >= cut]
        if lost != self.lost or not self.query_one("#lost", OptionList).option_count:
            self.lost = lost
            self.show_lost()
        rows = topic_rows(self.topics, self.metas, links)
        if rows != self.rows or not self.query_one(TopicList).option_count:
            self.rows = rows
            self.show_topics()

    def show_lost(self) -> None:
        lost = self.query_one("#lost", OptionList)
        lost.clear_options()
        if not self.lost:
            lost.add_option(Option(Text("nothing: every entry loads", style="dim"), disabled=True))
            return
        lost.add_options(
            Option(Text.assemble((f"{link.line:>4} ", "dim"), link.text or link.target))
            for link in self.lost[:LOST_SHOWN]
        )
        if len(self.lost) > LOST_SHOWN:
            more = f"… and {len(self.lost) - LOST_SHOWN:,} more entries"
            lost.add_option(Option(Text(more, style="dim"), disabled=True))

    def show_topics(self) -> None:
        topics = self.query_one(TopicList)
        highlighted = topics.highlighted
        topics.clear_options()
        if self.rows:
            topics.add_options(Option(row.label()) for row in self.rows)
            topics.highlighted = min(highlighted or 0, len(self.rows) - 1)
        else:
            empty = Text("no topic files yet: press n", style="dim")
            topics.add_option(Option(empty, disabled=True))

    @property
    def selected_topic(self) -> TopicRow | None:
        topics = self.query_one(TopicList)
        if topics.highlighted is None or not self.rows:
            return None
        return self.rows[topics.highlighted]

    @on(OptionList.OptionSelected, "#lost")
    def _jump_to_lost(self, event: OptionList.OptionSelected) -> None:
        if event.option_index < len(self.lost):
            line = self.lost[event.option_index].line - 1
            self.editor.move_cursor((line, 0), center=True)
            self.editor.focus()

    def toggle_preview(self) -> None:
        from textual.widgets import Markdown  # markdown-it loads only when a preview is asked for

        column = self.query_one("#index-column")
        previews = column.query(Markdown)
        if previews:
            previews.remove()
            self.editor.display = True
            self.editor.focus()
            return
        self.editor.display = False
        preview = Markdown(self.editor.text, id="index-preview", open_links=False)
        column.mount(preview)
        preview.focus()
