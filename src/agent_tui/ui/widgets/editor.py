"""The text editor every view uses: Textual's TextArea, lossless, plus jumps to the start
and end.

Textual's TextArea splits lines at every break Python knows (a form feed, U+2028, a lone
CR ...) and joins them back with one newline, so an opened file would come back changed.
`Editor.text` gives the file text instead: the lines the user did not touch keep their own
breaks, byte for byte (`keep_line_ends`).
"""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.widgets import TextArea

from agent_tui.core.textfile import keep_line_ends


class Editor(TextArea):
    BINDINGS = [
        Binding("ctrl+home", "document_start", "Start", show=False, id="document-start"),
        Binding("ctrl+end", "document_end", "End", show=False, id="document-end"),
    ]

    def __init__(self, text: str = "", **kwargs: object) -> None:
        super().__init__(text, **kwargs)  # type: ignore[arg-type]
        self._remember(text)

    def load_text(self, text: str) -> None:
        super().load_text(text)
        self._remember(text)

    def _remember(self, text: str) -> None:
        self._original = text
        self._plain = self.document.text == text  # the usual case: nothing to restore

    @property
    def text(self) -> str:
        """The file text for what is in the editor (see the module docstring)."""
        if self._plain:
            return self.document.text
        return keep_line_ends(self._original, list(self.document.lines), self.document.newline)

    @text.setter
    def text(self, text: str) -> None:
        self.load_text(text)

    def action_document_start(self) -> None:
        self.move_cursor((0, 0))

    def action_document_end(self) -> None:
        self.move_cursor(self.document.end)


class FileEditor(Editor):
    """The File tab: the whole agent file as text. Says `Edited` on each change (the echo of
    filling it too: the draft it is compared with tells them apart)."""

    class Edited(Message):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        if not self.read_only:
            self.post_message(self.Edited(self.text))
