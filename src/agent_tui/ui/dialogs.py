"""Small modal questions: choose one of a few answers, type a name, resolve a save conflict."""

from __future__ import annotations

import difflib
from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

# Buttons of a dialog: arrow keys move between them, as tab does.
BUTTON_KEYS = [
    Binding("left,up", "app.focus_previous", "Previous", show=False, id="dialog-previous"),
    Binding("right,down", "app.focus_next", "Next", show=False, id="dialog-next"),
]
DESTRUCTIVE = ("error", "warning")


class ChoiceScreen(ModalScreen[str]):
    """A question with buttons; dismissed with the chosen button's id, or "cancel".

    The first button that destroys nothing has the focus, so a reflexive enter is safe; `y`
    chooses the first answer that is not "cancel" (on purpose: it has to be typed), `n` and
    escape cancel."""

    BINDINGS = [
        Binding("escape,n", "dismiss('cancel')", "Cancel", id="cancel"),
        Binding("y", "yes", "Yes", show=False, id="yes"),
        *BUTTON_KEYS,
    ]

    def __init__(
        self, question: str, detail: str | Text, choices: list[tuple[str, str, str]]
    ) -> None:
        """`choices`: (id, label, variant) per button."""
        super().__init__()
        self.question = question
        self.detail = detail
        self.choices = choices

    def action_yes(self) -> None:
        self.dismiss(next((ident for ident, _, _ in self.choices if ident != "cancel"), "cancel"))

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(self.question, style="bold"))
            if self.detail:
                yield Static(self.detail, classes="dialog-detail")
            with Horizontal(classes="dialog-buttons"):
                for ident, label, variant in self.choices:
                    yield Button(label, id=ident, variant=variant)  # type: ignore[arg-type]

    def on_mount(self) -> None:
        safe = [b for b in self.query(Button) if b.variant not in DESTRUCTIVE]
        (safe[0] if safe else self.query(Button).first()).focus()

    @on(Button.Pressed)
    def _chosen(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "cancel")


class PickScreen(ModalScreen[str | None]):
    """Choose one of many: dismissed with the chosen option's id, or None."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="cancel-pick")]

    def __init__(self, question: str, options: list[tuple[str, str]], hint: str = "") -> None:
        """`options`: (id, label) per row."""
        super().__init__()
        self.question = question
        self.options = options
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(self.question, style="bold"))
            if self.hint:
                yield Static(Text(self.hint, style="dim"), classes="dialog-detail")
            yield OptionList(*[Option(label, id=ident) for ident, label in self.options],
                             id="pick")  # fmt: skip
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#pick", OptionList).focus()

    @on(OptionList.OptionSelected, "#pick")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)


def unsaved_question(names: list[str]) -> ChoiceScreen:
    return ChoiceScreen(
        "Save your changes first?",
        "Unsaved: " + ", ".join(names),
        [
            ("save", "Save", "primary"),
            ("discard", "Discard", "error"),
            ("cancel", "Cancel", "default"),
        ],
    )


class NameScreen(ModalScreen[str | None]):
    """Ask for a name; `check` returns an error message or None when the name is fine."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="cancel")]

    def __init__(
        self, question: str, value: str, check: Callable[[str], str | None], hint: str = ""
    ) -> None:
        super().__init__()
        self.question = question
        self.value = value
        self.check = check
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(self.question, style="bold"))
            yield Input(self.value, id="name")
            yield Static(Text(self.hint, style="dim"), id="name-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("OK", id="ok", variant="primary")
                yield Button("Cancel", id="cancel")

    @on(Input.Changed)
    def _validate(self, event: Input.Changed) -> None:
        error = self.check(event.value)
        self.query_one("#name-error", Static).update(
            Text(error, style="red") if error else Text(self.hint, style="dim")
        )
        self.query_one("#ok", Button).disabled = error is not None

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        value = self.query_one(Input).value
        if self.check(value) is None:
            self.dismiss(value)

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)


def diff_text(name: str, disk: str, mine: str) -> Text:
    lines = difflib.unified_diff(
        disk.splitlines(), mine.splitlines(), f"{name} on disk", f"{name} (yours)", lineterm=""
    )
    text = Text()
    for line in lines:
        style = (
            "bold"
            if line.startswith(("---", "+++"))
            else "green"
            if line.startswith("+")
            else "red"
            if line.startswith("-")
            else "cyan"
            if line.startswith("@@")
            else ""
        )
        text.append(line + "\n", style=style)
    return text or Text("no difference in the text", style="dim")


class ConflictScreen(ModalScreen[str]):
    """The file changed on disk while you edited it: reload, keep yours, or look first."""

    BINDINGS = [Binding("escape", "dismiss('cancel')", "Cancel", id="cancel"), *BUTTON_KEYS]

    def __init__(self, name: str, disk: str | None, mine: str, can_merge: bool = False) -> None:
        """`can_merge`: your edits can be applied on top of the disk version (offered first)."""
        super().__init__()
        self.file_name = name
        self.disk = disk
        self.mine = mine
        self.can_merge = can_merge

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label(Text(f"{self.file_name} changed on disk since you opened it", style="bold"))
            yield Static(
                "Saving now would overwrite that change."
                if self.disk is not None
                else "It was deleted or is no longer text; saving writes your version back.",
                classes="dialog-detail",
            )
            with VerticalScroll(id="conflict-diff"):
                yield Static(id="diff")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Show difference", id="diff-toggle")
                if self.can_merge:
                    yield Button("Apply my edits to theirs", id="merge", variant="success")
                yield Button("Reload from disk", id="reload", variant="warning")
                yield Button("Keep mine", id="overwrite", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#conflict-diff").display = False
        self.query_one("#diff-toggle", Button).focus()

    @on(Button.Pressed, "#diff-toggle")
    def _toggle_diff(self) -> None:
        box = self.query_one("#conflict-diff")
        box.display = not box.display
        if box.display:
            self.query_one("#diff", Static).update(
                diff_text(self.file_name, self.disk or "", self.mine)
            )

    @on(Button.Pressed, "#merge, #reload, #overwrite, #cancel")
    def _chosen(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "cancel")
