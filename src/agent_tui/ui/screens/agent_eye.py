"""What the agent sees at start-up: its prompt and the part of MEMORY.md that loads."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from agent_tui.core.budget import as_injected, js_length, measure, plural, split_loaded

# The dropped part can be thousands of lines; this many show, a count stands for the rest.
DROPPED_SHOWN = 400


def agent_eye_text(
    name: str,
    body: str,
    index_name: str | None,
    index_text: str | None,
    skipped: str | None = None,
) -> Text:
    """The start-up context as text: prompt, loaded memory, a rule, then the dropped part.
    `skipped`: why Claude Code does not load the agent at all, if it does not."""
    text = Text()
    text.append(f"What {name} sees when it starts\n\n", style="bold")
    if skipped:
        text.append(
            f"✗ Claude Code skips this file, so the agent never starts: {skipped}\n"
            "Below is what it would see once the file loads.\n\n",
            style="bold red",
        )
    text.append("System prompt\n", style="bold reverse")
    text.append(body.strip("\n") + "\n\n" if body.strip() else "(empty)\n\n")
    if index_name is None or index_text is None:
        text.append("No memory: this agent starts with its prompt only.\n", style="dim")
        return text
    loaded, dropped = split_loaded(index_text)
    text.append(f"Memory: {index_name}, as loaded\n", style="bold reverse")
    if not loaded:
        text.append(f"Your {index_name} is currently empty.\n", style="dim")
        return text
    text.append(as_injected(loaded) + "\n")
    if not dropped:
        text.append("\n✓ all of it loads\n", style="green")
        return text
    warning = measure(index_text).warning
    text.append(f"\n{warning}\n\n", style="bold")  # Claude Code's words, as the agent reads them
    lost_lines = dropped.count("\n")
    text.append(
        f"✂ Claude Code stops here: the {plural(lost_lines, 'line')} "
        f"({plural(js_length(dropped), 'character')}) below never reach the agent\n",
        style="bold red",
    )
    shown = dropped.lstrip("\n").split("\n")
    text.append("\n".join(shown[:DROPPED_SHOWN]) + "\n", style="dim strike")
    if len(shown) > DROPPED_SHOWN:
        text.append(f"… and {len(shown) - DROPPED_SHOWN:,} more lines\n", style="dim")
    return text


class AgentEyeScreen(Screen[None]):
    """Read-only; escape returns to the agent."""

    BINDINGS = [Binding("escape,v", "dismiss(None)", "Back", id="close-agent-eye")]

    def __init__(self, content: Text) -> None:
        super().__init__()
        self.content = content

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="agent-eye"):
            yield Static(self.content)
        yield Footer()
