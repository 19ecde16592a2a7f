"""A rendered markdown view that stays fast on long indexes: one widget holding Rich's
markdown, instead of a widget per block (Textual's Markdown took 6.5 s for 1,200 lines).
The first screenful is shown at once; the whole text is rendered in a thread, at the
view's width, and shown when ready, so the interface answers keys meanwhile. A click on a
link posts `LinkClicked` with its target."""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from textual import events, work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

FIRST_LINES = 80  # shown before the rest is rendered: more than a tall terminal holds


def first_part(text: str, lines: int = FIRST_LINES) -> str:
    """The start of `text`, cut at a blank line near `lines` so no block is split (a table
    or a fence cut in half would render as something else)."""
    rows = text.split("\n")
    if len(rows) <= lines:
        return text
    cut = next((n for n in range(lines, len(rows)) if not rows[n].strip()), len(rows))
    fences = sum(row.lstrip().startswith(("```", "~~~")) for row in rows[:cut])
    return text if fences % 2 else "\n".join(rows[:cut])


class Rendered:
    """Lines rendered already: shown as they are."""

    def __init__(self, lines: list[list[Segment]]) -> None:
        self.lines = lines

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        newline = Segment.line()
        for line in self.lines:
            yield from line
            yield newline


class MarkdownPreview(VerticalScroll, can_focus=True):
    class LinkClicked(Message):
        def __init__(self, href: str) -> None:
            super().__init__()
            self.href = href

    def __init__(self, text: str, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.text = text
        self.complete = False  # the whole text is shown, not only its start
        self.rendered_width: int | None = None  # the width the whole text was wrapped at

    def compose(self) -> ComposeResult:
        from rich.markdown import Markdown  # markdown-it loads only when a preview is asked for

        start = first_part(self.text)
        self.complete = start == self.text
        yield Static(Markdown(start, hyperlinks=True), id="preview-body")

    def on_mount(self) -> None:
        if not self.complete:
            self.call_after_refresh(self.show_all)

    def show_all(self) -> None:
        self.render_all(max(20, self.scrollable_content_region.width))

    @work(thread=True, exclusive=True, group="preview")
    def render_all(self, width: int) -> None:
        """The whole text as lines of segments, rendered off the interface's thread."""
        from rich.markdown import Markdown

        console = Console(width=width, force_terminal=True, color_system="truecolor")
        lines = console.render_lines(
            Markdown(self.text, hyperlinks=True), console.options, pad=False
        )
        self.app.call_from_thread(self.rendered, lines, width)

    def rendered(self, lines: list[list[Segment]], width: int) -> None:
        self.query_one("#preview-body", Static).update(Rendered(lines))
        self.rendered_width = width
        self.complete = True

    def on_resize(self) -> None:
        width = max(20, self.scrollable_content_region.width)
        if self.complete and self.rendered_width not in (None, width):
            self.render_all(width)  # lines were wrapped at the old width

    def on_click(self, event: events.Click) -> None:
        link = event.style.link if event.style else None
        if link:
            event.stop()
            self.post_message(self.LinkClicked(link))
