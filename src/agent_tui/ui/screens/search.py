"""Search every agent file and memory file; Enter jumps to the line."""

from __future__ import annotations

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from agent_tui.core.search import Hit, SearchTarget, search

# Results stop here; a narrower query finds the rest.
MAX_HITS = 500
BATCH = 25  # hits sent to the list at a time, so the first ones show at once


def hit_label(hit: Hit, words: list[str]) -> Text:
    where = hit.target.relpath if hit.target.kind != "agent" else hit.target.path.name
    text = Text.assemble((hit.target.owner, "bold"), " ", (f"{where}:{hit.line}", "dim"), "  ")
    line = Text(hit.text.strip()[:200])
    line.highlight_words(words, "reverse", case_sensitive=False)
    text.append_text(line)
    return text


class SearchScreen(ModalScreen[Hit | None]):
    BINDINGS = [Binding("escape", "dismiss(None)", "Close", id="close-search")]

    def __init__(self, targets: list[SearchTarget], query: str = "") -> None:
        super().__init__()
        self.targets = targets
        self.query_text = query
        self.hits: list[Hit] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide", id="search-box"):
            yield Label(Text("Search agents and memory", style="bold"))
            yield Input(self.query_text, placeholder="words to find, any case", id="search-query")
            yield Static(id="search-status")
            yield OptionList(id="search-results")

    def on_mount(self) -> None:
        self.query_one("#search-query", Input).focus()
        self.show_status(f"{len(self.targets):,} files")

    def show_status(self, message: str) -> None:
        self.query_one("#search-status", Static).update(Text(message, style="dim"))

    @on(Input.Changed, "#search-query")
    def _typed(self, event: Input.Changed) -> None:
        self.hits = []
        self.query_one("#search-results", OptionList).clear_options()
        if event.value.strip():
            self.show_status("searching…")
            self.run_search(event.value)
        else:
            self.show_status(f"{len(self.targets):,} files")

    @work(thread=True, exclusive=True, group="search")
    def run_search(self, query: str) -> None:
        worker = get_current_worker()
        batch: list[Hit] = []
        for count, hit in enumerate(search(self.targets, query), start=1):
            if worker.is_cancelled:
                return
            batch.append(hit)
            if len(batch) == BATCH or count == MAX_HITS:
                self.app.call_from_thread(self.add_hits, query, batch, False)
                batch = []
            if count == MAX_HITS:
                break
        if not worker.is_cancelled:
            self.app.call_from_thread(self.add_hits, query, batch, True)

    def add_hits(self, query: str, hits: list[Hit], done: bool) -> None:
        if query != self.query_one("#search-query", Input).value:
            return  # a result of an older query
        words = query.lower().split()
        self.hits += hits
        self.query_one("#search-results", OptionList).add_options(
            Option(hit_label(hit, words)) for hit in hits
        )
        count = len(self.hits)
        more = " (the first ones; narrow the search)" if count >= MAX_HITS else ""
        state = "" if done else " so far"
        self.show_status(f"{count:,} line{'s' if count != 1 else ''}{state}{more}")

    @on(Input.Submitted, "#search-query")
    def _first_result(self) -> None:
        """Enter in the query opens the first hit; down moves to the list to choose."""
        if self.hits:
            self.dismiss(self.hits[0])

    def on_key(self, event: events.Key) -> None:
        results = self.query_one("#search-results", OptionList)
        if event.key == "down" and self.focused is self.query_one("#search-query") and self.hits:
            event.stop()
            results.highlighted = 0
            results.focus()

    @on(OptionList.OptionSelected, "#search-results")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.hits[event.option_index])
