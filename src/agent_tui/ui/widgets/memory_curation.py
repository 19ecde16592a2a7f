"""Curating the index from the memory pane: move the section at the cursor into a new topic
file (ctrl+o), or fit the whole index into the budget (ctrl+b). Both change only the unsaved
index and the pending topic files; ctrl+s saves them together, a discard drops them."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.containers import Horizontal

from agent_tui.core.budget import Budget, plural
from agent_tui.core.memory import INDEX_NAME
from agent_tui.core.topic_changes import TopicChanges
from agent_tui.ui.dialogs import ChoiceScreen, NameScreen
from agent_tui.ui.session import refuse_write
from agent_tui.ui.widgets.budget_meter import before_and_after
from agent_tui.ui.widgets.memory_editor import MemoryEditor
from agent_tui.ui.widgets.topic_files import markdown_name

if TYPE_CHECKING:
    from agent_tui.core.curate import FitPlan

FIT_SHOWN = 30  # moves listed in the fit dialog; a count stands for the rest


class MemoryCuration(Horizontal):
    """The curation commands; `MemoryPane` is built on this class and holds the state."""

    folder: Path | None
    changes: TopicChanges
    budget: Budget | None

    @property
    def editor(self) -> MemoryEditor:
        raise NotImplementedError

    @property
    def topics(self) -> list[str]:
        raise NotImplementedError

    @property
    def loads(self) -> bool:
        raise NotImplementedError

    def replace_index(self, text: str) -> None:
        raise NotImplementedError

    def taken(self, name: str) -> bool:
        raise NotImplementedError

    def curation_refused(self) -> bool:
        if self.folder is None or self.editor.read_only:
            self.notify("This index cannot be changed here", severity="warning")
            return True
        return refuse_write(self.app)

    @work(exclusive=True, group="curate")
    async def action_move_out(self) -> None:
        """The section (or the selected lines) under the cursor into a new topic file, one
        line naming it in its place; saved with the index."""
        if self.curation_refused():
            return
        from agent_tui.core.curate import apply_moves, move_out, piece_at  # on first use

        text = self.editor.text
        start, end = sorted((self.editor.selection.start, self.editor.selection.end))
        last = end[0] + 1 if end[1] > 0 or end[0] == start[0] else end[0]
        piece = piece_at(text, start[0] + 1, last if start != end else None)
        if piece is None:
            self.notify(
                "Put the cursor in a section or entry, or select the lines to move",
                severity="warning",
            )
            return
        suggested = move_out(text, piece, self.topics).topic
        name = await self.app.push_screen_wait(
            NameScreen(
                f"Move lines {piece.first}–{piece.last} to a topic file",
                suggested,
                lambda typed: self.name_problem(markdown_name(typed)),
                "a new file beside MEMORY.md; one line in the index names it",
            )
        )
        if not name:
            return
        move = move_out(text, piece, self.topics, markdown_name(name))
        before = self.budget
        self.changes.create(move.topic, move.text)
        self.replace_index(apply_moves(text, [move]))
        self.editor.move_cursor((move.first - 1, 0), center=True)
        after = self.budget
        sizes = f"{before.lines:,} → {after.lines:,} lines" if before and after else ""
        self.notify(f"Lines {move.first}–{move.last} → {move.topic} ({sizes}); ctrl+s saves")

    def name_problem(self, name: str) -> str | None:
        if name in (".md", INDEX_NAME) or "/" in name or name.startswith("."):
            return "a plain file name, not MEMORY.md"
        return f"{name} already exists" if self.taken(name) else None

    @work(exclusive=True, group="curate")
    async def action_fit(self) -> None:
        """The fewest, largest sections out into topic files until the index loads whole
        with headroom; shown first, applied on confirm, saved with ctrl+s."""
        if self.curation_refused():
            return
        if not self.loads:
            self.notify("Claude Code loads none of this index: there is no budget to fit")
            return
        from agent_tui.core.curate import fit_plan  # on first use

        text = self.editor.text
        plan = fit_plan(text, self.topics)
        if not plan.fits:
            self.notify(f"Cannot fit: {plan.reason}", severity="warning", timeout=10)
            return
        if not plan.moves:
            self.notify("Nothing to move: the whole index loads, within the ok band")
            return
        answer = await self.app.push_screen_wait(
            ChoiceScreen(
                "Fit the budget",
                fit_preview(plan),
                [
                    ("cancel", "Cancel", "primary"),
                    ("apply", f"Move {plural(len(plan.moves), 'piece')} out", "warning"),
                ],
            )
        )
        if answer != "apply":
            return
        for move in plan.moves:
            self.changes.create(move.topic, move.text)
        self.replace_index(plan.index_text)
        self.notify(
            f"{plural(len(plan.moves), 'topic file')} made; the index loads whole. "
            "ctrl+s saves it all, a discard undoes it all"
        )


def fit_preview(plan: FitPlan) -> Text:
    """The plan as a diff of the index: each moved range out, the line naming it in."""
    text = before_and_after(plan.before_text, plan.index_text)
    for move in plan.moves[:FIT_SHOWN]:
        count = plural(move.last - move.first + 1, "line")
        first_line = move.text.split("---", 2)[-1].strip().split("\n", 1)[0]
        moved = Text(f"\n- {move.first:>4}–{move.last:<4} {count}: ", style="red")
        moved.append(first_line[:60])
        text.append_text(moved)
        text.append(f"\n+ {move.pointer[:90]}", style="green")
    if len(plan.moves) > FIT_SHOWN:
        text.append(f"\n… and {len(plan.moves) - FIT_SHOWN} more", style="dim")
    return text
