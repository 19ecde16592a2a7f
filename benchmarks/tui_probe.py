"""Start an app headless and print the wall-clock time (time.time()) of its first full paint.

    python benchmarks/tui_probe.py bare          # a Textual app that paints one Static
    python benchmarks/tui_probe.py agent-tui DIR # agent-tui with DIR's agents listed and the
                                                 # first agent's view filled in

The caller notes the time just before starting the process, so interpreter start and imports
count for both; shutting down does not.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

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


class Bare(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("hello")

    def on_mount(self) -> None:
        self.call_after_refresh(painted, self)


def run_agent_tui(start: Path) -> None:
    mark("textual imported")
    from textual.screen import Screen

    from agent_tui.ui.app import AgentTuiApp
    from agent_tui.ui.screens.agents import AgentsScreen

    mark("agent-tui imported")

    class ProbeScreen(AgentsScreen):
        def on_mount(self) -> None:
            mark("screen mounted")
            super().on_mount()

        def show_list(self) -> None:
            if not any(what == "workspace read" for what, _ in MARKS):
                mark("workspace read")
            super().show_list()

        def agent_shown(self) -> None:
            mark("agent shown")
            super().agent_shown()
            self.app.call_after_refresh(painted, self.app)

    class Probe(AgentTuiApp):
        def get_default_screen(self) -> Screen[None]:
            self._agents = ProbeScreen(self.start, self.plugin_dirs, self.read_only, self.settings)
            return self._agents

    Probe(start).run(headless=True, size=(120, 40))


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        Bare().run(headless=True, size=(120, 40))
    else:
        run_agent_tui(Path(sys.argv[2]))
