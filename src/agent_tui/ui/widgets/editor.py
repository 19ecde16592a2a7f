"""The text editor every view uses: Textual's TextArea plus jumps to the start and end."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import TextArea


class Editor(TextArea):
    BINDINGS = [
        Binding("ctrl+home", "document_start", "Start", show=False, id="document-start"),
        Binding("ctrl+end", "document_end", "End", show=False, id="document-end"),
    ]

    def action_document_start(self) -> None:
        self.move_cursor((0, 0))

    def action_document_end(self) -> None:
        self.move_cursor(self.document.end)
