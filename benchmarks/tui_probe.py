"""Start an app headless and print the wall-clock time (time.time()) of its first full paint:
the first frame composed once the content is in place (for agent-tui, once the first agent's
views are filled).

    python benchmarks/tui_probe.py bare          # a Textual app that paints one Static
    python benchmarks/tui_probe.py widgets       # agent-tui's first frame in plain Textual
                                                 # widgets, filled with text, none of its code,
                                                 # started as agent-tui starts (no collector)
    python benchmarks/tui_probe.py agent-tui DIR # agent-tui with DIR's agents listed and the
                                                 # first agent's view filled in

The caller notes the time just before starting the process, so interpreter start and imports
count for both; shutting down does not.
"""

from __future__ import annotations

import gc
import sys
import time
from pathlib import Path
from typing import Any

if __name__ == "__main__" and sys.argv[1] in ("agent-tui", "widgets"):
    gc.disable()  # before Textual is imported, as the `agent-tui` command starts the app

from textual.app import App, ComposeResult
from textual.widgets import Static

MARKS: list[tuple[str, float]] = []  # the timeline: (what, time.time()) in order


def mark(what: str) -> None:
    MARKS.append((what, time.time()))


def painted(app: App[None]) -> None:
    for what, when in MARKS:
        print(f"mark {what} {when:.6f}", flush=True)
    print(f"{time.time():.6f}", flush=True)
    app.exit()


READY: list[bool] = []  # the content is in place: the next frame composed is the one timed
_display = App._display


def timed_display(app: App[None], screen: Any, renderable: Any) -> None:
    """Textual hands each composed frame to `_display` (a headless app draws it nowhere)."""
    _display(app, screen, renderable)
    if READY and renderable is not None:
        READY.clear()
        painted(app)


App._display = timed_display  # type: ignore[method-assign]


class Bare(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("hello")

    def on_mount(self) -> None:
        READY.append(True)


class Widgets(App[None]):
    """The floor for agent-tui's first frame: the same layout made of Textual's plainest
    widgets (a header; a filter; the list and the tabs as text; the Agent form's 13 labelled
    fields and three editors in a content switcher; a key line), filled with text, with a few
    lines of layout CSS and none of agent-tui's code."""

    CSS = """
    #side { width: 40; } #views { width: 1fr; } TextArea { height: auto; max-height: 12; }
    """

    def compose(self) -> ComposeResult:
        from textual.containers import Horizontal, Vertical, VerticalScroll
        from textual.widgets import ContentSwitcher, Header, Input, Label, TextArea

        yield Header()
        with Horizontal():
            with Vertical(id="side"):
                yield Input(placeholder="/ filter agents")
                yield Static("\n".join(f"● agent-{n}   sonnet   12/200" for n in range(5)))
                yield Static("5 agents")
            with Vertical(id="views"):
                yield Static(" Agent  Memory  File\n━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━")
                with ContentSwitcher(initial="agent"):
                    with VerticalScroll(id="agent"):
                        yield Static("✓ Claude Code loads this agent")
                        yield Static()
                        for n in range(13):
                            yield Label(f"key-{n}  what it means")
                            yield Input(f"value {n}")
                            yield Static()
                        yield TextArea("other: keys\n")
                        yield TextArea("The system prompt.\n" * 30)
                        yield TextArea("A description.")
                    yield Vertical(id="memory")
                    yield Vertical(id="file")
        yield Static("r Review  ^f Search  ^n New  ^s Save  ? Help")

    def on_mount(self) -> None:
        READY.append(True)


def run_agent_tui(start: Path) -> None:
    mark("textual imported")
    from textual.screen import Screen

    from agent_tui.ui.app import AgentTuiApp
    from agent_tui.ui.screens.agents import AgentsScreen

    mark("agent-tui imported")

    class ProbeScreen(AgentsScreen):
        def on_mount(self) -> None:  # Textual calls AgentsScreen.on_mount after this
            mark("screen mounted")

        def show_list(self) -> None:
            if not any(what == "workspace read" for what, _ in MARKS):
                mark("workspace read")
            super().show_list()

        def agent_shown(self) -> None:
            mark("agent shown")
            super().agent_shown()
            READY.append(True)

    class Probe(AgentTuiApp):
        def get_default_screen(self) -> Screen[None]:
            self._agents = ProbeScreen(self.start, self.plugin_dirs, self.read_only, self.settings)
            return self._agents

    Probe(start).run(headless=True, size=(120, 40))


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        Bare().run(headless=True, size=(120, 40))
    elif sys.argv[1] == "widgets":
        Widgets().run(headless=True, size=(120, 40))
    else:
        run_agent_tui(Path(sys.argv[2]))
