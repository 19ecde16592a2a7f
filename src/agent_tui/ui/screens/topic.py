"""One topic file in an editor, with a markdown preview and its own save."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Static, TextArea

from agent_tui.core.frontmatter import split_like_claude
from agent_tui.io.document import OpenFile
from agent_tui.ui.dialogs import unsaved_question
from agent_tui.ui.saving import Saved, save_document
from agent_tui.ui.session import read_only, refuse_write
from agent_tui.ui.widgets.editor import Editor


def preview_markdown(text: str) -> str:
    """Frontmatter shown as a small table instead of a stray rule and heading."""
    split = split_like_claude(text)
    if not split.has_frontmatter:
        return text
    rows = [line.partition(":") for line in split.frontmatter.splitlines() if ":" in line]
    cells = [(key.strip(), value.strip().replace("|", "\\|")) for key, _, value in rows]
    table = "| key | value |\n|---|---|\n" + "".join(f"| {k} | {v} |\n" for k, v in cells)
    return table + "\n" + split.body


class TopicScreen(Screen[bool]):
    """Dismissed with True when the file was saved (the topic list re-reads it)."""

    BINDINGS = [
        Binding("escape", "close", "Back", id="close-topic"),
        Binding("ctrl+s", "save", "Save", priority=True, id="save-topic"),
        Binding("ctrl+t", "toggle_preview", "Preview", id="topic-preview"),
    ]

    def __init__(
        self, document: OpenFile, title: str, line: int | None = None, initial: str | None = None
    ) -> None:
        """`line`: 1-based line to put the cursor on (a search hit); `initial`: the text of a
        topic not on disk yet (its save creates it)."""
        super().__init__()
        self.document = document
        self.initial = initial
        self.line = line
        self.heading = title
        self.saved = False

    def compose(self) -> ComposeResult:
        yield Static(id="topic-title")
        text = self.document.text if self.initial is None else self.initial
        yield Editor(text, id="topic-editor", soft_wrap=True, show_line_numbers=True)
        yield Footer()

    def on_mount(self) -> None:
        editor = self.query_one("#topic-editor", TextArea)
        if self.document.problem is not None:
            editor.load_text(f"{self.document.problem.message}\n")
            editor.read_only = True
        elif read_only(self.app):
            editor.read_only = True
        self.show_title()
        if self.line is not None:
            editor.move_cursor((self.line - 1, 0), center=True)
        editor.focus()

    @property
    def dirty(self) -> bool:
        if self.document.read_only:
            return False
        return self.query_one("#topic-editor", TextArea).text != self.document.text

    def show_title(self) -> None:
        text = Text(self.heading, style="bold")
        if self.dirty:
            text.append("  * unsaved", style="bold orange3")
        if self.document.read_only or read_only(self.app):
            text.append("  read-only", style="red")
        self.query_one("#topic-title", Static).update(text)

    def on_text_area_changed(self) -> None:
        self.show_title()

    @work(exclusive=True, group="topic-save")
    async def action_save(self) -> None:
        if refuse_write(self.app):
            return
        if not self.dirty:
            self.notify("Nothing to save")
            return
        await self.save_now()

    async def save_now(self) -> bool:
        editor = self.query_one("#topic-editor", TextArea)
        outcome = await save_document(self.app, self.document, editor.text)
        if outcome is Saved.RELOADED:
            editor.load_text(self.document.text)
        self.saved = self.saved or outcome.written
        self.show_title()
        return outcome.written

    def action_toggle_preview(self) -> None:
        from textual.widgets import Markdown  # markdown-it loads only when a preview is asked for

        previews = self.query(Markdown)
        editor = self.query_one("#topic-editor", TextArea)
        if previews:
            previews.remove()
            editor.display = True
            editor.focus()
        else:
            editor.display = False
            preview = Markdown(preview_markdown(editor.text), id="topic-preview")
            self.mount(preview, after=editor)
            preview.focus()

    @work(exclusive=True, group="topic-close")
    async def action_close(self) -> None:
        if self.dirty:
            answer = await self.app.push_screen_wait(unsaved_question([self.heading]))
            if answer == "cancel":
                return
            if answer == "save" and not await self.save_now():
                return
        self.dismiss(self.saved)
