"""The new-agent form: a name checked as you type, a template, and the usual fields."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from agent_tui.core.lint import COLORS
from agent_tui.core.memory import AGENT_MEMORY_SCOPES, MemoryScope
from agent_tui.core.new_agent import TEMPLATES, Template, name_problem

MODELS = ("sonnet", "opus", "haiku", "inherit")
NO_MEMORY = "none"


@dataclass(frozen=True)
class NewAgent:
    name: str
    description: str
    model: str
    color: str
    tools: str
    memory: MemoryScope | None
    template: Template


class NewAgentScreen(ModalScreen[NewAgent | None]):
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="cancel-new-agent")]

    def __init__(self, taken: set[str]) -> None:
        super().__init__()
        self.taken = taken

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog wide", id="new-agent"):
            yield Label(Text("New agent", style="bold"))
            yield Label("start from")
            templates = [(t.title, t.key) for t in TEMPLATES]
            yield Select(
                templates, value="blank", allow_blank=False, compact=True, id="new-template"
            )
            yield Label("name")
            yield Input(placeholder="code-reviewer", id="new-name", compact=True)
            yield Static(id="new-name-error", classes="field-error")
            yield Label("description: when Claude should use it")
            yield Input(id="new-description", compact=True)
            yield Label("model")
            yield Select(
                [(m, m) for m in MODELS],
                value="sonnet",
                allow_blank=False,
                compact=True,
                id="new-model",
            )
            yield Label("colour")
            yield Select(
                [(c, c) for c in COLORS],
                value="blue",
                allow_blank=False,
                compact=True,
                id="new-color",
            )
            yield Label("tools: comma-separated; empty: every tool")
            yield Input(id="new-tools", compact=True)
            yield Label("memory")
            yield Select(
                [(s.value, s.value) for s in AGENT_MEMORY_SCOPES] + [("no memory", NO_MEMORY)],
                value=MemoryScope.PROJECT.value, allow_blank=False, compact=True, id="new-memory",
            )  # fmt: skip
            with Horizontal(classes="dialog-buttons"):
                yield Button("Create", id="create", variant="primary", disabled=True)
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#new-name", Input).focus()

    @property
    def template(self) -> Template:
        key = self.query_one("#new-template", Select).value
        return next(t for t in TEMPLATES if t.key == key)

    @on(Select.Changed, "#new-template")
    def _template_chosen(self) -> None:
        """A template fills the description and tools, unless you typed your own."""
        template = self.template
        for field, value in (
            ("#new-description", template.description),
            ("#new-tools", template.tools),
        ):
            box = self.query_one(field, Input)
            if not box.value or any(
                box.value == t.description or box.value == t.tools for t in TEMPLATES
            ):
                box.value = value

    @on(Input.Changed)
    def _validate(self) -> None:
        name = self.query_one("#new-name", Input).value.strip()
        problem = name_problem(name, self.taken) if name else None
        self.query_one("#new-name-error", Static).update(Text(problem or "", style="red"))
        described = bool(self.query_one("#new-description", Input).value.strip())
        self.query_one("#create", Button).disabled = bool(problem) or not name or not described

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#create")
    def _create(self) -> None:
        memory = str(self.query_one("#new-memory", Select).value)
        self.dismiss(
            NewAgent(
                name=self.query_one("#new-name", Input).value.strip(),
                description=self.query_one("#new-description", Input).value.strip(),
                model=str(self.query_one("#new-model", Select).value),
                color=str(self.query_one("#new-color", Select).value),
                tools=self.query_one("#new-tools", Input).value,
                memory=None if memory == NO_MEMORY else MemoryScope(memory),
                template=self.template,
            )
        )
