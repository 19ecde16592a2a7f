"""The commit dialog: a message (summary line and body) and what the staged changes hold that
someone should look at first. Secrets block until each is confirmed or its file unstaged;
conflict markers block; budget and local-memory warnings are shown."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Static, TextArea

from agent_tui.core.review import CommitChecks
from agent_tui.ui.tones import Tones

# Git's own advice for the first line of a message.
SUMMARY_LIMIT = 72

Answer = tuple[str, str]  # ("commit", message) | ("unstage", path) | ("draft", message)


class CommitScreen(ModalScreen[Answer | None]):
    CLAIMS_SAVE_KEY = True  # ctrl+s commits here; the app's save gives way
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="cancel-commit"),
        Binding("ctrl+s", "commit", "Commit", priority=True, id="do-commit"),
    ]

    def __init__(self, checks: CommitChecks, files: int, where: str, draft: str = "") -> None:
        super().__init__()
        self.checks = checks
        self.files = files
        self.where = where
        summary, _, body = draft.partition("\n")
        self.summary, self.body = summary, body.lstrip("\n")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="commit-dialog"):
            title = f"Commit {self.files} staged file{'s' if self.files != 1 else ''}"
            yield Label(Text(f"{title} on {self.where}", style="bold"))
            yield Input(
                self.summary, placeholder="Summary: what changed, in one line", id="commit-summary"
            )
            yield Static(id="summary-count")
            yield TextArea(
                self.body,
                id="commit-body",
                soft_wrap=True,
                show_line_numbers=False,
                placeholder="Body (optional): why, and anything a reviewer should know",
            )
            yield Static(id="commit-blocked")
            # The buttons before the findings: tab from the message reaches Commit, never a
            # "not a secret" box that enter would tick.
            with Horizontal(classes="dialog-buttons"):
                yield Button("Commit", id="commit", variant="primary")
                yield Button("Cancel", id="cancel")
            if not self.checks.clean:
                with VerticalScroll(id="commit-findings"):
                    yield from self.findings()

    def findings(self) -> ComposeResult:
        tones = Tones.of(self.app)
        for number, (path, secret) in enumerate(self.checks.secrets):
            yield Static(
                Text.assemble(
                    ("✗ possible secret ", f"bold {tones.removed}"),
                    (f"({secret.kind}) ", tones.removed),
                    (f"{path}:{secret.line}\n  ", "bold"),
                    (secret.excerpt, "dim"),
                )
            )
            with Horizontal(classes="finding-actions"):
                yield Checkbox("Not a secret: commit it", id=f"secret-{number}")
                yield Button(
                    "Unstage file",
                    id=f"unstage-secret-{number}",
                    classes="small",
                    variant="warning",
                )
        for number, finding in enumerate(self.checks.conflicts):
            yield Static(
                Text.assemble(
                    ("✗ ", f"bold {tones.removed}"),
                    (f"{finding.path}:{finding.line} ", "bold"),
                    finding.message,
                )
            )
            yield Button(
                "Unstage file", id=f"unstage-conflict-{number}", classes="small", variant="warning"
            )
        for finding in self.checks.warnings:
            yield Static(
                Text.assemble(
                    ("! ", f"bold {tones.changed}"), (f"{finding.path} ", "bold"), finding.message
                )
            )
        if self.checks.outside:
            shown = ", ".join(self.checks.outside[:8])
            more = (
                f" and {len(self.checks.outside) - 8} more" if len(self.checks.outside) > 8 else ""
            )
            yield Static(
                Text.assemble(
                    ("! ", f"bold {tones.changed}"),
                    (f"{len(self.checks.outside)} staged file(s) outside .claude/ ", "bold"),
                    f"go into this commit too (checked for secrets as well): {shown}{more}",
                )
            )

    def on_mount(self) -> None:
        for widget in self.query(TextArea):
            widget.cursor_blink = False
        self.query_one("#commit-summary", Input).focus()
        self.update_blocked()

    def message(self) -> str:
        summary = self.query_one("#commit-summary", Input).value.strip()
        body = self.query_one("#commit-body", TextArea).text.strip("\n")
        return summary + ("\n\n" + body if body.strip() else "")

    def blocked(self) -> str | None:
        """Why the commit cannot go ahead yet; None when it can."""
        if self.checks.conflicts:
            return "Conflict markers are staged: resolve them, or unstage the file."
        unconfirmed = [
            box for box in self.query(Checkbox) if box.id and box.id.startswith("secret-")
        ]
        left = sum(not box.value for box in unconfirmed)
        if left:
            return (
                f"{left} possible secret{'s' if left != 1 else ''}: confirm each one is not a "
                "secret, or unstage its file."
            )
        if not self.query_one("#commit-summary", Input).value.strip():
            return "Write a summary line."
        return None

    def update_blocked(self) -> None:
        reason = self.blocked()
        self.query_one("#commit", Button).disabled = reason is not None
        self.query_one("#commit-blocked", Static).update(
            Text(reason, style=Tones.of(self.app).changed)
            if reason
            else Text("Ready to commit.", style="green")
        )
        length = len(self.query_one("#commit-summary", Input).value)
        self.query_one("#summary-count", Static).update(
            Text(
                f"{length}/{SUMMARY_LIMIT}",
                style=Tones.of(self.app).changed if length > SUMMARY_LIMIT else "dim",
            )
        )

    @on(Input.Changed)
    @on(Checkbox.Changed)
    def _changed(self) -> None:
        self.update_blocked()

    @on(Input.Submitted)
    def _summary_done(self) -> None:
        self.query_one("#commit-body", TextArea).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        ident = event.button.id or ""
        if ident == "commit":
            self.action_commit()
        elif ident == "cancel":
            self.action_cancel()
        elif ident.startswith("unstage-secret-"):
            self.dismiss(("unstage", self.checks.secrets[int(ident.rsplit("-", 1)[1])][0]))
        elif ident.startswith("unstage-conflict-"):
            self.dismiss(("unstage", self.checks.conflicts[int(ident.rsplit("-", 1)[1])].path))

    def action_commit(self) -> None:
        reason = self.blocked()
        if reason is not None:
            self.app.notify(reason, severity="warning")
            return
        self.dismiss(("commit", self.message()))

    def action_cancel(self) -> None:
        self.dismiss(("draft", self.message()))
