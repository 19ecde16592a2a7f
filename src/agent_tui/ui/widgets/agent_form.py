"""The agent view: frontmatter as a form, inline checks, and the system prompt editor. The
form owns the draft of the agent file: what is typed goes into it, and `Edited` says so."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, Static, TextArea

from agent_tui.core.agent import AgentFile
from agent_tui.core.fields import (
    FORM_KEYS,
    OTHER_KEYS,
    AgentDraft,
    shown_description,
    text_from_value,
)
from agent_tui.core.frontmatter import FrontmatterLayout
from agent_tui.core.lint import (
    COLORS,
    EFFORTS,
    ISOLATIONS,
    MEMORY_SCOPES,
    MODELS,
    PERMISSION_MODES,
    Finding,
    Severity,
)
from agent_tui.ui.widgets.editor import Editor

HINTS = {
    "name": "how Claude Code calls the agent: lowercase-with-dashes",
    "description": "when Claude should use it",
    "model": "sonnet · opus · haiku · fable · best · inherit … or any model id",
    "color": " · ".join(COLORS),
    "memory": " · ".join(MEMORY_SCOPES) + "; empty: no memory",
    "tools": "comma-separated; empty: every tool",
    "disallowedTools": "comma-separated",
    "permissionMode": " · ".join(PERMISSION_MODES),
    "effort": " · ".join(EFFORTS[:5]) + " or a number",
    "isolation": " · ".join(ISOLATIONS),
    "maxTurns": "a number",
    "background": "true or false",
    "initialPrompt": "sent as the first user turn",
}
CHOICES = {
    "model": MODELS,
    "color": COLORS,
    "memory": MEMORY_SCOPES,
    "permissionMode": PERMISSION_MODES,
    "effort": EFFORTS,
    "isolation": ISOLATIONS,
    "background": ("true", "false"),
}
SEVERITY_MARK = {
    Severity.ERROR: ("✗", "bold red"),
    Severity.WARNING: ("!", "bold orange3"),
    Severity.INFO: ("i", "cyan"),
}


def key_at(shape: FrontmatterLayout, line: int | None) -> str | None:
    """The frontmatter key whose lines hold 1-based `line`."""
    if line is None:
        return None
    for entry in shape.entries:
        if entry.start < line <= entry.end:
            return entry.key
    return None


def finding_line(finding: Finding) -> Text:
    mark, style = SEVERITY_MARK[finding.severity]
    text = Text(f"{mark} ", style=style)
    if finding.line is not None:
        text.append(f"line {finding.line}: ", style="dim")
    text.append(finding.message)
    text.append(f"  [{finding.code}]", style="dim")
    return text


class AgentForm(VerticalScroll):
    """Fields for the documented keys, other keys as YAML, then the body."""

    class Edited(Message):
        """The user changed a field, the other keys or the prompt; the draft holds it."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.draft: AgentDraft | None = None
        self.description_literal = False  # the file writes line breaks as literal \n
        self.loaded: dict[str, str] = {}  # each field's text as filled in from the file
        self.other_keys: list[str] = []  # the keys shown in the YAML box
        self.editable = True

    def compose(self) -> ComposeResult:
        yield Static(id="verdict")
        yield Static(id="checks")
        for key in FORM_KEYS:
            yield Label(Text.assemble((key, "bold"), "  ", (HINTS[key], "dim")))
            if key == "description":
                yield Editor(id="field-description", soft_wrap=True)
            else:
                choices = CHOICES.get(key)
                suggester = SuggestFromList(choices, case_sensitive=False) if choices else None
                yield Input(id=f"field-{key}", suggester=suggester, classes="field", validate_on=())
            yield Static(id=f"error-{key}", classes="field-error")
        yield Label(
            Text.assemble(("other keys", "bold"), "  ", ("as YAML, one key per line", "dim"))
        )
        yield Editor(id="other-keys")
        yield Static(id="error-other", classes="field-error")
        yield Label(Text.assemble(("system prompt", "bold"), "  ", ("the markdown body", "dim")))
        yield Editor(id="body", soft_wrap=True)

    def load(self, agent: AgentFile, findings: list[Finding]) -> None:
        """Fill every field from `agent` (the Changed events that follow are no-ops)."""
        present = {entry.key for entry in agent.shape.entries}
        for key in FORM_KEYS:
            raw = agent.fields.get(key) if key in present else None
            text = text_from_value(raw)
            if key == "description":
                text, self.description_literal = shown_description(text)
                self.query_one("#field-description", TextArea).load_text(text)
            else:
                self.query_one(f"#field-{key}", Input).value = text
            self.loaded[key] = text
        others = [entry for entry in agent.shape.entries if entry.key not in FORM_KEYS]
        self.other_keys = [entry.key for entry in others]
        text = "".join(agent.shape.entry_text(entry) for entry in others)
        text = text.replace("\r\n", "\n")
        self.query_one("#other-keys", TextArea).load_text(text)
        self.loaded["other"] = self.query_one("#other-keys", TextArea).text
        self.query_one("#body", TextArea).load_text(agent.body)
        self.loaded["body"] = agent.body
        self.show_checks(agent, findings)

    def set_editable(self, editable: bool) -> None:
        """Read-only files and sessions: fields greyed, editors still selectable."""
        self.editable = editable
        for field in self.query(Input):
            field.disabled = not editable
        for editor in self.query(TextArea):
            editor.read_only = not editable

    def show_checks(
        self, agent: AgentFile, findings: list[Finding], edit_errors: dict[str, str] | None = None
    ) -> None:
        verdict = self.query_one("#verdict", Static)
        if agent.verdict.loads:
            verdict.update(Text("✓ Claude Code loads this agent", style="green"))
        else:
            where = f" (line {agent.verdict.line})" if agent.verdict.line else ""
            verdict.update(
                Text(
                    f"✗ Claude Code skips this file{where}: {agent.verdict.reason}",
                    style="bold red",
                )
            )
        per_key: dict[str, list[Text]] = {}
        general: list[Text] = []
        other: list[Text] = []  # about keys in the YAML box
        for finding in findings:
            key = key_at(agent.shape, finding.line)
            if key in FORM_KEYS:
                per_key.setdefault(key, []).append(finding_line(finding))
            elif key is not None:
                other.append(finding_line(finding))
            else:
                general.append(finding_line(finding))
        for key, message in (edit_errors or {}).items():
            line = Text(f"✗ not applied: {message}", style="bold red")
            if key in FORM_KEYS:
                per_key.setdefault(key, []).append(line)
            elif key == OTHER_KEYS:
                other.append(line)
            else:
                general.append(line)
        self.query_one("#checks", Static).update(Text("\n").join(general))
        self.query_one("#checks").display = bool(general)
        error_other = self.query_one("#error-other", Static)
        error_other.update(Text("\n").join(other))
        error_other.display = bool(other)
        for key in FORM_KEYS:
            error = self.query_one(f"#error-{key}", Static)
            error.update(Text("\n").join(per_key.get(key, [])))
            error.display = key in per_key

    # ------------------------------------------------------------------ typing into the draft

    def field_typed(self, key: str, text: str) -> None:
        """A field as shown when the file was read is not an edit: the file keeps its bytes,
        even where it could not be parsed."""
        draft = self.draft
        if draft is None or not self.editable:
            return
        if text == self.loaded.get(key):
            if key not in draft.edits and key not in draft.errors:
                return  # the echo of filling the form: nothing changed, nothing to re-check
            draft.clear_field(key)
        else:
            if key == "description" and self.description_literal:
                text = text.replace("\n", "\\n")
            draft.set_field(key, text)
        self.post_message(self.Edited())

    def other_keys_typed(self, text: str) -> None:
        draft = self.draft
        if draft is None or not self.editable:
            return
        if text == self.loaded.get("other"):
            if not draft.typed_keys and not any(k in draft.edits for k in self.other_keys):
                return  # the echo of filling the form
            draft.clear_other_keys(self.other_keys)
        else:
            draft.set_other_keys(text, self.other_keys)
        self.post_message(self.Edited())

    def body_typed(self, text: str) -> None:
        draft = self.draft
        if draft is None or not self.editable:
            return
        loaded = text == self.loaded.get("body")
        if loaded and draft.body is None:
            return
        draft.body = None if loaded else text
        self.post_message(self.Edited())

    @on(Input.Changed, ".field")
    def _field_typed(self, event: Input.Changed) -> None:
        event.stop()
        if event.input.id:
            self.field_typed(event.input.id.removeprefix("field-"), event.value)

    @on(TextArea.Changed, "#field-description")
    def _description_typed(self, event: TextArea.Changed) -> None:
        event.stop()
        self.field_typed("description", event.text_area.text)

    @on(TextArea.Changed, "#other-keys")
    def _other_keys_typed(self, event: TextArea.Changed) -> None:
        event.stop()
        self.other_keys_typed(event.text_area.text)

    @on(TextArea.Changed, "#body")
    def _body_typed(self, event: TextArea.Changed) -> None:
        event.stop()
        self.body_typed(event.text_area.text)

    def catch_up(self) -> None:
        """Take what the fields show now into the draft, in case a change event is still
        queued (ctrl+s pressed right after a paste)."""
        for key in FORM_KEYS:
            if key == "description":
                self.field_typed(key, self.query_one("#field-description", TextArea).text)
            else:
                self.field_typed(key, self.query_one(f"#field-{key}", Input).value)
        self.other_keys_typed(self.query_one("#other-keys", TextArea).text)
        self.body_typed(self.query_one("#body", TextArea).text)
