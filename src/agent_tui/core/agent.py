"""An agent definition file and Claude Code's verdict on it: does it load, and if not, why."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field, replace
from enum import Enum
from pathlib import Path
from typing import Any

from agent_tui.core.budget import js_length
from agent_tui.core.claude_yaml import ParsedYaml, parse_like_claude
from agent_tui.core.frontmatter import ClaudeSplit, FrontmatterLayout, layout, split_like_claude
from agent_tui.core.hooks import hooks_outside, judge_hooks
from agent_tui.core.textfile import FileProblem, TextFile, read_text_file

MAX_NAME_LENGTH = 256  # UTF-16 code units, as JavaScript counts
MAX_AGENT_BYTES = 1_048_576  # Claude Code skips a larger agent file


class AgentScope(str, Enum):
    PROJECT = "project"
    USER = "user"
    PLUGIN = "plugin"  # from a plugin folder (`--plugin-dir`): ids are `plugin:name`


@dataclass(frozen=True)
class Verdict:
    loads: bool
    code: str | None = None  # a stable code for the skip reason
    reason: str | None = None  # why Claude Code skips the file, in a person's words
    line: int | None = None  # 1-based file line the reason points at

    @classmethod
    def skip(cls, code: str, reason: str, line: int | None = None) -> Verdict:
        return cls(False, code, reason, line)


LOADS = Verdict(True)


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _js_truthy(value: Any) -> bool:
    """JavaScript truthiness: an empty list or mapping is true there."""
    if isinstance(value, (list, dict)):
        return True
    return bool(value) and value == value  # NaN is false


def judge(split: ClaudeSplit, parsed: ParsedYaml | None, shape: FrontmatterLayout) -> Verdict:
    """Claude Code's load decision for a project or user agent file."""
    if not split.has_frontmatter and shape.has_frontmatter:
        return Verdict.skip(
            "frontmatter-unclosed",
            "the frontmatter opens with '---' but never closes: Claude Code treats the file "
            "as a reference document, not an agent",
            1,
        )
    if not split.has_frontmatter:
        return Verdict.skip(
            "no-frontmatter",
            "no frontmatter: Claude Code treats this file as a reference document, not an agent",
            1,
        )
    assert parsed is not None
    if not parsed.ok:
        line = parsed.error_line + 1 if parsed.error_line is not None else None
        return Verdict.skip(
            "yaml-invalid", f"the frontmatter is not valid YAML ({parsed.error})", line
        )
    data = parsed.value if isinstance(parsed.value, dict) else {}

    if parsed.value is not None and not isinstance(parsed.value, dict):
        return Verdict.skip(
            "frontmatter-not-mapping",
            f"the frontmatter is {_type_name(parsed.value)}, not `key: value` lines",
            2,
        )
    name = data.get("name")
    if not name or not isinstance(name, str):
        if name is not None and name != "" and not isinstance(name, str):
            return Verdict.skip(
                "name-not-text",
                f"`name` is {_type_name(name)}; it must be text (quote it)",
                shape.line_of("name"),
            )
        return Verdict.skip(
            "no-name",
            "no `name`: Claude Code treats this file as a reference document, not an agent",
            2,
        )
    if name.startswith("-"):
        return Verdict.skip("name-dash", "`name` must not start with '-'", shape.line_of("name"))
    if js_length(name) > MAX_NAME_LENGTH:
        return Verdict.skip(
            "name-too-long",
            f"`name` is {js_length(name)} characters (UTF-16 units: an emoji counts 2); "
            f"the limit is {MAX_NAME_LENGTH}",
            shape.line_of("name"),
        )
    if ":" in unicodedata.normalize("NFKC", name):
        return Verdict.skip(
            "name-colon",
            "`name` must not contain ':' (reserved for plugin agents)",
            shape.line_of("name"),
        )
    description = data.get("description")
    if not description or not isinstance(description, str):
        if description is None or description == "":
            return Verdict.skip(
                "no-description", "no `description`: Claude Code skips the agent", 2
            )
        return Verdict.skip(
            "description-not-text",
            f"`description` is {_type_name(description)}; it must be text (quote it)",
            shape.line_of("description"),
        )
    outside = hooks_outside(data)
    if outside is not None:
        return Verdict.skip(
            "hooks-outside",
            f"`{outside}` holds permission-guard hooks outside `hooks:`; Claude Code refuses "
            "an agent whose guards it cannot apply",
            shape.line_of(outside),
        )
    hooks = data.get("hooks")
    if _js_truthy(hooks) and not isinstance(hooks, dict):
        return Verdict.skip(
            "hooks-invalid",
            f"`hooks` is {_type_name(hooks)}, not a mapping of events: the agent vanishes",
            shape.line_of("hooks"),
        )
    if isinstance(hooks, dict):
        unloadable = judge_hooks(hooks).unloadable
        if unloadable:
            return Verdict.skip(
                "hooks-guard-invalid",
                f"a permission-guard hook cannot be read ({unloadable[0]}); Claude Code "
                "skips the agent rather than run it unguarded",
                shape.line_of("hooks"),
            )
    return LOADS


@dataclass(frozen=True)
class AgentFile:
    path: Path
    scope: AgentScope
    source: TextFile | None
    problem: FileProblem | None
    split: ClaudeSplit
    parsed: ParsedYaml | None
    shape: FrontmatterLayout
    verdict: Verdict
    # Claude Code's view when the YAML parses; otherwise each key read on its own lines.
    fields: dict[str, Any] = field(default_factory=dict)
    field_errors: dict[str, str] = field(default_factory=dict)
    plugin_id: str | None = None  # `plugin:sub:name` for a plugin's agent

    @property
    def name(self) -> str | None:
        if self.plugin_id is not None:
            return self.plugin_id
        value = self.fields.get("name")
        return value if isinstance(value, str) and value else None

    @property
    def display_name(self) -> str:
        return self.name or self.path.stem

    def text_field(self, key: str) -> str | None:
        value = self.fields.get(key)
        if value is None or isinstance(value, (dict, list)):
            return None
        return str(value)

    @property
    def description(self) -> str | None:
        return self.text_field("description")

    @property
    def model(self) -> str | None:
        return self.text_field("model")

    @property
    def color(self) -> str | None:
        return self.text_field("color")

    @property
    def memory(self) -> str | None:
        return self.text_field("memory")

    @property
    def tools(self) -> list[str] | None:
        """The tool list as Claude Code reads it; None means all tools."""
        return tool_list(self.fields.get("tools"))

    @property
    def body(self) -> str:
        return self.shape.body() if self.shape.is_closed else self.split.body


def tool_list(value: Any) -> list[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        items = [part.strip() for part in value.split(",")]
    elif isinstance(value, list):
        items = [item.strip() for item in value if isinstance(item, str)]
    else:
        return []
    items = [item for item in items if item]
    if "*" in items:
        return None
    return items


def parse_agent_text(path: Path, scope: AgentScope, source: TextFile) -> AgentFile:
    split = split_like_claude(source.text)
    shape = layout(source.text)
    parsed = parse_like_claude(split.frontmatter) if split.has_frontmatter else None
    fields: dict[str, Any] = {}
    errors: dict[str, str] = {}
    if parsed is not None and parsed.ok and isinstance(parsed.value, dict):
        fields = {str(key): value for key, value in parsed.value.items()}
    elif shape.has_frontmatter:
        for entry, value, error in shape.iter_entry_values():
            fields[entry.key] = value
            if error is not None:
                errors[entry.key] = error
    return AgentFile(
        path, scope, source, None, split, parsed, shape, judge(split, parsed, shape), fields, errors
    )


def edit_problem(path: Path, before: str, after: str, touched: dict[str, Any]) -> str | None:
    """Why an edit of frontmatter keys must not be written, or None.

    `touched`: each key set, with the value it should read back as (None: removed). The
    whole frontmatter is read again after the edit, as Claude Code reads it: every other key
    must keep its value, the touched ones must read back as asked, and an agent that loaded
    must still load.
    """

    def judged(text: str) -> AgentFile:
        return parse_agent_text(path, AgentScope.PROJECT, TextFile(path, text, False, "\n", 0, 0))

    old, new = judged(before), judged(after)
    if old.verdict.loads and not new.verdict.loads:
        return f"after the edit Claude Code would skip this agent ({new.verdict.reason})"
    for key in sorted(set(old.fields) | set(new.fields)):
        if key in touched:
            if new.fields.get(key) != touched[key]:
                return f"`{key}` would not read back as the value given"
        elif old.fields.get(key) != new.fields.get(key):
            return f"the edit would change `{key}` too (an anchor, alias or odd layout)"
    return None


def read_plugin_agent(path: Path, plugin: str, agents_folder: Path) -> AgentFile:
    """A plugin's agent: it loads unless the file cannot be read; `name` and `description`
    are optional (the file name stands in), and its id is `plugin:subfolders:name`."""
    agent = read_agent_file(path, AgentScope.PLUGIN)
    value = agent.fields.get("name") if agent.parsed is not None and agent.parsed.ok else None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)) or value == "":
        value = path.stem
    folders = path.parent.relative_to(agents_folder).parts
    plugin_id = ":".join((plugin, *folders, str(value)))
    verdict = agent.verdict if agent.source is None else LOADS
    return replace(agent, plugin_id=plugin_id, verdict=verdict)


def read_agent_file(path: Path, scope: AgentScope) -> AgentFile:
    """Read and judge one agent file; unreadable files come back with `problem` set."""
    try:
        source = read_text_file(path, MAX_AGENT_BYTES, lossy=True)
    except FileProblem as problem:
        if problem.code == "too-large":
            problem = FileProblem(
                path,
                f"over 1 MiB ({MAX_AGENT_BYTES:,} bytes): Claude Code skips agent files this large",
                "too-large",
            )
        empty = split_like_claude("")
        return AgentFile(
            path,
            scope,
            None,
            problem,
            empty,
            None,
            layout(""),
            Verdict.skip(f"file-{problem.code}", problem.message),
        )
    return parse_agent_text(path, scope, source)
