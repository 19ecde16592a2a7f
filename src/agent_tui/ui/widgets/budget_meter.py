"""The live budget meter: lines and size against Claude Code's limits, and where the cut is."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from agent_tui.core.budget import MAX_CHARS, MAX_LINES, Band, Budget, cut_words, measure, plural
from agent_tui.ui.widgets.agent_list import BAND_STYLE

BAND_WORDS = {
    Band.OK: "within budget",
    Band.NEAR: "nearing the limit",
    Band.TIGHT: "almost full",
    Band.OVER: "over budget",
}


def bar(used: int, limit: int, width: int, style: str) -> Text:
    filled = min(width, round(width * used / limit)) if limit else width
    text = Text("█" * filled, style=style)
    text.append("░" * (width - filled), style="dim")
    return text


def meter_text(budget: Budget | None, width: int = 12, fits: bool = True) -> Text:
    """`fits`: ctrl+b can fit this index (it can be changed here)."""
    if budget is None:
        return Text("No MEMORY.md yet: type here and save to create it.", style="dim")
    style = BAND_STYLE[budget.band]
    text = Text("Lines ")
    text.append_text(bar(budget.lines, MAX_LINES, width, style))
    text.append(f" {budget.lines:,}/{MAX_LINES} lines", style=style)
    text.append("\nSize  ")
    text.append_text(bar(budget.chars, MAX_CHARS, width, style))
    text.append(f" {budget.chars:,}/{MAX_CHARS:,} characters", style=style)
    if budget.truncated:
        words = cut_words(budget)
        text.append(f"\n✂ {words[0].upper()}{words[1:]}.", style=style)
        if fits:
            text.append(" ctrl+b fits it.", style="dim")
    else:
        text.append(f"\n{BAND_WORDS[budget.band].capitalize()}: ", style=style)
        text.append(
            f"{plural(budget.lines_left, 'line')} and "
            f"{plural(budget.chars_left, 'character')} left.",
            style="dim",
        )
    return text


def meter_line(budget: Budget) -> Text:
    """The meter in one line, for short or narrow terminals."""
    style = BAND_STYLE[budget.band]
    text = Text(f"{budget.lines:,}/{MAX_LINES} lines · {budget.chars:,}/{MAX_CHARS:,} chars",
                style=style)  # fmt: skip
    if budget.truncated:
        lost = plural(budget.lines_lost, "line") if budget.lines_lost else "part of a line"
        text.append(f" · ✂ {lost} dropped", style=style)
    else:
        text.append(f" · {plural(budget.lines_left, 'line')} left", style="dim")
    return text


def before_and_after(before: str | None, after: str | None) -> Text:
    """One line for a change to an index: its budget before and after, and what is lost."""

    def part(budget: Budget | None) -> Text:
        if budget is None:
            return Text("none", style="dim")
        style = BAND_STYLE[budget.band]
        return Text(f"{budget.lines:,} lines · {budget.chars:,} characters", style=style)

    old = measure(before) if before is not None else None
    new = measure(after) if after is not None else None
    text = Text("Budget  before ", style="bold")
    text.append_text(part(old))
    text.append("  →  after ", style="bold")
    text.append_text(part(new))
    if new is not None and new.truncated:
        lost = plural(new.lines_lost, "line") if new.lines_lost else "part of a line"
        text.append(f"  ✂ Claude Code drops the last {lost}", style=BAND_STYLE[new.band])
    elif old is not None and old.truncated and new is not None:
        text.append("  ✓ back within budget", style="green")
    return text


# Below this many rows the meter takes one line instead of three.
SHORT = 30


class BudgetMeter(Static):
    """Shows a Budget; the memory pane calls `show` after each (debounced) change."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.shown: tuple[Budget | None, bool] = (None, True)
        self.fits = True  # the index can be changed here: ctrl+b is offered when over

    def show(self, budget: Budget | None, loaded: bool = True) -> None:
        """`loaded`: False when Claude Code does not load this memory at all (no budget)."""
        self.shown = (budget, loaded)
        if not loaded:
            lines = f"{budget.lines:,} lines · {budget.chars:,} characters, " if budget else ""
            self.update(Text(f"MEMORY.md: {lines}none of it loaded", style="dim"))
            self.set_class(False, "-over")
            return
        short = self.app.size.height < SHORT
        if short and budget is not None:
            self.update(meter_line(budget))
        else:
            self.update(meter_text(budget, fits=self.fits))
        self.set_class(budget is not None and budget.band is Band.OVER, "-over")
