"""The history of one line of a file: who added it, in which commit, and the file's log."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Static

from agent_tui.io.git import Blame, GitError, LogEntry, Repository
from agent_tui.ui.tones import Tones

# Where the line's blame comes from: (revision or None for the working file, line number),
# or the reason there is none (a line not committed yet).
BlameSpec = tuple[str | None, int] | str


@dataclass
class HistoryRead(Message):
    blame: Blame | str  # a Blame, or why there is none
    log: list[LogEntry]


def history_text(
    path: str, line: str, blame: Blame | str, log: list[LogEntry], tones: Tones
) -> Text:
    text = Text(f"{path}\n", style="bold")
    text.append(f"  {line.strip() or '(blank line)'}\n\n", style="italic")
    if isinstance(blame, str):
        text.append(blame + "\n", style="dim")
    elif blame.commit is None:
        text.append("This line is not committed yet.\n", style=tones.changed)
    else:
        text.append("Added by ", style="dim")
        text.append(blame.author, style="bold")
        text.append(f" on {blame.date} in ", style="dim")
        text.append(blame.commit, style=tones.info)
        text.append(f" “{blame.summary}”\n")
    text.append("\nRecent commits to this file\n", style="bold")
    if not log:
        text.append("  none yet\n", style="dim")
    for entry in log:
        text.append(f"  {entry.commit} ", style=tones.info)
        text.append(f"{entry.date} ", style="dim")
        text.append(f"{entry.author:<18} ", style="bold")
        text.append(entry.subject + "\n")
    return text


class HistoryScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,h,q", "dismiss(None)", "Close", id="close-history")]

    def __init__(self, start: Path, path: str, line: str, spec: BlameSpec) -> None:
        super().__init__()
        self.start = start
        self.path = path
        self.line = line
        self.spec = spec
        self.content = Text()  # what is shown once git has answered

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog wide"):
            yield Static(Text(f"{self.path}\nReading its history…", style="dim"), id="history")

    def on_mount(self) -> None:
        self.read_history()

    @work(thread=True, exclusive=True, group="git-history")
    def read_history(self) -> None:
        spec = self.spec
        try:
            with Repository.open(self.start) as repo:
                log = repo.log(self.path)
                blame: Blame | str = spec if isinstance(spec, str) else "No commits yet."
                if not isinstance(spec, str) and not repo.head_is_unborn():
                    blame = repo.blame(self.path, spec[1], spec[0])
        except GitError as error:
            blame, log = f"git blame could not say: {error}", []
        self.post_message(HistoryRead(blame, log))

    @on(HistoryRead)
    def _read(self, event: HistoryRead) -> None:
        self.content = history_text(
            self.path, self.line, event.blame, event.log, Tones.of(self.app)
        )
        self.query_one("#history", Static).update(self.content)

    def busy(self) -> bool:
        return any(worker.node is self and not worker.is_finished for worker in self.app.workers)
