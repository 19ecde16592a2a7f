"""MEMORY.md in an editor that dims what Claude Code never reads and rules the cut."""

from __future__ import annotations

from rich.text import Text

from agent_tui.core.budget import Budget
from agent_tui.ui.widgets.editor import Editor


class MemoryEditor(Editor):
    """A TextArea whose lines past the budget cut are dimmed, with a rule under the last
    line that loads."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(soft_wrap=True, show_line_numbers=True, **kwargs)  # type: ignore[arg-type]
        self._cut: int | None = None  # 0-based index of the first line not loaded
        self._stale: dict[int, list[str]] = {}  # 0-based line -> paths it names that are gone

    def show_stale(self, stale: list[tuple[int, str]]) -> None:
        """Mark the paths (by 1-based line) that no longer exist in the repository."""
        marks: dict[int, list[str]] = {}
        for line, path in stale:
            marks.setdefault(line - 1, []).append(path)
        if marks != self._stale:
            self._stale = marks
            self._line_cache.clear()
            self.refresh()

    def show_budget(self, budget: Budget | None) -> None:
        cut = budget.cut_line - 1 if budget and budget.truncated and budget.cut_line else None
        if cut != self._cut:
            self._cut = cut
            self._line_cache.clear()
            self.refresh()

    def get_line(self, line_index: int) -> Text:
        line = super().get_line(line_index)
        for path in self._stale.get(line_index, ()):
            line.highlight_words([path], style="underline orange3")
        if self._cut is None:
            return line
        if line_index >= self._cut:
            line.stylize("dim")
        elif line_index == self._cut - 1:
            # The rule spans the width, so it reads as a line drawn across the editor.
            room = self.content_size.width - self.gutter_width - 2
            line.pad_right(max(0, room - line.cell_len))
            line.stylize("underline red")
        return line
