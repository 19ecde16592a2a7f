"""Lint rules: findings about agent files and memory, each with a stable code.

Severity is a promise. `error`: Claude Code skips the file or loses content. `warning`: it
loads, but something the author wrote is ignored or will surprise them. `info`: advice.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from agent_tui.core.agent import AgentFile, AgentScope
from agent_tui.core.budget import MAX_CHARS, MAX_LINES, Band, cut_words
from agent_tui.core.claude_yaml import parse_like_claude
from agent_tui.core.hooks import judge_hooks
from agent_tui.core.memory import MemoryDir, MemoryScope
from agent_tui.core.stale import in_tree, stale_in_text
from agent_tui.core.textfile import MAX_TEXT_BYTES, FileProblem, read_bytes_safely
from agent_tui.core.workspace import AgentEntry, Workspace


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Finding:
    path: Path
    line: int | None
    severity: Severity
    code: str
    message: str


KNOWN_KEYS = (
    "name",
    "description",
    "tools",
    "disallowedTools",
    "model",
    "permissionMode",
    "maxTurns",
    "skills",
    "mcpServers",
    "hooks",
    "memory",
    "background",
    "effort",
    "isolation",
    "color",
    "initialPrompt",
    "autoCompactWindow",
    "omitClaudeMd",
    "observer",
    "observerMessage",
    "observeSubagents",
    "observeToolResults",
    "experimental",
)
MODELS = (
    "sonnet", "opus", "haiku", "fable", "best", "opusplan",
    "sonnet[1m]", "opus[1m]", "fable[1m]", "inherit",
)  # fmt: skip
COLORS = ("red", "blue", "green", "yellow", "purple", "orange", "pink", "cyan")
PERMISSION_MODES = (
    "default",
    "acceptEdits",
    "auto",
    "dontAsk",
    "bypassPermissions",
    "plan",
    "manual",
)
MEMORY_SCOPES = ("user", "project", "local")
EFFORTS = ("low", "medium", "high", "xhigh", "max", "med")
ISOLATIONS = ("worktree", "remote")
WRITE_TOOLS = ("Write", "Edit")

_CONFLICT = re.compile(r"^(?:<{7}(?: |$)|={7}$|>{7}(?: |$))", re.MULTILINE)
_CONFLICT_BYTES = re.compile(rb"(?m)^(?:<{7}(?: |$)|>{7}(?: |$))")
_NON_PORTABLE_MEMORY_PATH = re.compile(
    r"(?:[A-Za-z]:\\|/Users/|/home/)[^\s`'\"]*agent-memory", re.IGNORECASE
)
_NAME_STYLE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _is_integer(text: str) -> bool:
    return re.fullmatch(r"\s*[-+]?\d+\s*", text) is not None


def _reads_as_positive_number(text: str) -> bool:
    """JavaScript's Number(text) > 0 for a decimal string (`"5.0"` is 5)."""
    try:
        return float(text) > 0 and text.strip().lower() not in {"inf", "infinity", "nan"}
    except ValueError:
        return False


def _misspelt_alias(model: str) -> bool:
    """Any string is a model id to Claude Code; only a near miss of an alias is suspicious."""
    word = model.strip().lower()
    if word in MODELS or "-" in word or "/" in word or "." in word:
        return False
    return bool(difflib.get_close_matches(word, MODELS, n=1, cutoff=0.75))


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    options = list(choices)
    folded = {choice.lower().replace("_", "").replace("-", ""): choice for choice in options}
    key = word.lower().replace("_", "").replace("-", "")
    if key in folded:
        return f' (did you mean "{folded[key]}"?)'
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return f' (did you mean "{close[0]}"?)' if close else ""


class _Collector:
    def __init__(self) -> None:
        self.findings: list[Finding] = []

    def add(
        self, path: Path, line: int | None, severity: Severity, code: str, message: str
    ) -> None:
        self.findings.append(Finding(path, line, severity, code, message))


def _first_line_of(text: str, pattern: re.Pattern[str]) -> int | None:
    match = pattern.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _explain_yaml_failure(agent: AgentFile) -> tuple[str, str, int | None]:
    """A sharper code and message for the common ways frontmatter fails to parse."""
    verdict = agent.verdict
    text = agent.split.frontmatter
    if "\r" in text and parse_like_claude(text.replace("\r\n", "\n")).ok:
        return (
            "crlf-colon",
            "CRLF line endings with an unquoted ': ' in a value: Claude Code skips this agent "
            "(quote the value, or save the file with LF endings)",
            verdict.line,
        )
    shape = agent.shape
    for entry in shape.entries:
        for index in range(entry.start + 1, entry.end):
            line = shape.lines[index]
            if line.strip() and not line[0].isspace() and not line.startswith(("#", "-")):
                return (
                    "unindented-continuation",
                    f"line {index + 1} continues `{entry.key}` without indentation: Claude Code "
                    "skips this agent (indent the continuation or use a `|` block)",
                    index + 1,
                )
    return "yaml-invalid", f"Claude Code skips this agent: {verdict.reason}", verdict.line


_SKIP_SEVERITY = {"no-frontmatter": Severity.INFO, "no-name": Severity.WARNING}


def _check_skip(agent: AgentFile, out: _Collector) -> None:
    verdict = agent.verdict
    if verdict.loads or verdict.code is None:
        return
    code, message, line = (
        verdict.code,
        f"Claude Code skips this file: {verdict.reason}",
        verdict.line,
    )
    if code == "yaml-invalid":
        code, message, line = _explain_yaml_failure(agent)
    elif code == "hooks-invalid" and agent.fields.get("hooks") == []:
        message = "`hooks: []` makes the agent vanish; remove the line or give a mapping"
    out.add(agent.path, line, _SKIP_SEVERITY.get(code, Severity.ERROR), code, message)


def _check_values(agent: AgentFile, out: _Collector) -> None:
    fields = agent.fields
    shape = agent.shape

    def enum_check(key: str, allowed: tuple[str, ...], code: str, effect: str) -> None:
        if key not in fields or fields[key] is None:
            return
        value = fields[key]
        if not isinstance(value, str) or value not in allowed:
            out.add(
                agent.path,
                shape.line_of(key),
                Severity.WARNING,
                code,
                f"`{key}: {value}` is not one of {', '.join(allowed)}"
                f"{did_you_mean(str(value), allowed)}; {effect}",
            )

    model = fields.get("model")
    if model is not None and not isinstance(model, str):
        out.add(
            agent.path,
            shape.line_of("model"),
            Severity.WARNING,
            "model-invalid",
            f"`model: {model}` is not text; Claude Code ignores it and uses the default model",
        )
    elif isinstance(model, str) and _misspelt_alias(model):
        out.add(
            agent.path,
            shape.line_of("model"),
            Severity.WARNING,
            "model-invalid",
            f"`model: {model}` looks like a misspelt alias{did_you_mean(model, MODELS)}; "
            "Claude Code passes it on as a model id, which fails when the agent runs",
        )
    color = fields.get("color")
    if color is not None and color not in COLORS:
        out.add(
            agent.path,
            shape.line_of("color"),
            Severity.WARNING,
            "color-invalid",
            f"`color: {color}` is not one of {', '.join(COLORS)}; Claude Code shows no colour",
        )
    enum_check(
        "permissionMode",
        PERMISSION_MODES,
        "permission-mode-invalid",
        "Claude Code ignores it and uses the default mode",
    )
    enum_check(
        "memory", MEMORY_SCOPES, "memory-invalid", "Claude Code ignores it: the agent has no memory"
    )
    enum_check("isolation", ISOLATIONS, "isolation-invalid", "Claude Code ignores it")
    effort = fields.get("effort")
    if effort is not None and not (
        (isinstance(effort, int) and not isinstance(effort, bool))
        or (isinstance(effort, str) and (effort.lower() in EFFORTS or _is_integer(effort)))
    ):
        out.add(
            agent.path,
            shape.line_of("effort"),
            Severity.WARNING,
            "effort-invalid",
            f"`effort: {effort}` is not one of {', '.join(EFFORTS)} or a whole number"
            f"{did_you_mean(str(effort), EFFORTS)}; Claude Code ignores it",
        )
    turns = fields.get("maxTurns")
    if turns is not None and not (
        (isinstance(turns, (int, float)) and not isinstance(turns, bool) and turns > 0)
        or (isinstance(turns, str) and _reads_as_positive_number(turns))
    ):
        out.add(
            agent.path,
            shape.line_of("maxTurns"),
            Severity.WARNING,
            "max-turns-invalid",
            f"`maxTurns: {turns}` is not a positive whole number; Claude Code ignores it",
        )
    background = fields.get("background")
    if background is not None and background not in (True, False, "true", "false"):
        out.add(
            agent.path,
            shape.line_of("background"),
            Severity.WARNING,
            "background-invalid",
            f"`background: {background}` must be true or false; Claude Code ignores it",
        )
    hooks = fields.get("hooks")
    if hooks is not None and agent.scope is AgentScope.PLUGIN:
        out.add(
            agent.path,
            shape.line_of("hooks"),
            Severity.WARNING,
            "plugin-hooks-ignored",
            "Claude Code ignores `hooks` in a plugin's agent; define the agent in "
            ".claude/agents/ for hooks",
        )
    elif isinstance(hooks, dict) and agent.verdict.loads:
        for note in judge_hooks(hooks).ignored:
            out.add(
                agent.path,
                shape.line_of("hooks"),
                Severity.WARNING,
                "hook-ignored",
                f"{note} by Claude Code (the agent loads without it)",
            )
    for key in fields:
        if key not in KNOWN_KEYS:
            out.add(
                agent.path,
                shape.line_of(key),
                Severity.WARNING,
                "unknown-key",
                f"unknown key `{key}`{did_you_mean(key, KNOWN_KEYS)}: Claude Code ignores it",
            )


def _check_advice(agent: AgentFile, out: _Collector) -> None:
    fields = agent.fields
    shape = agent.shape
    parsed = agent.parsed
    if parsed is not None and parsed.ok and parsed.needed_retry:
        line = parsed.error_line + 1 if parsed.error_line is not None else None
        out.add(
            agent.path,
            line,
            Severity.INFO,
            "yaml-lenient",
            "strict YAML rejects this frontmatter (an unquoted ': ' or similar); Claude Code "
            "accepts it, but quoting the value makes the file portable to other tools",
        )
    if shape.is_closed and agent.split.has_frontmatter:
        ours = shape.frontmatter_text().replace("\r\n", "\n").strip()
        theirs = agent.split.frontmatter.replace("\r\n", "\n").strip()
        if ours != theirs:
            out.add(
                agent.path,
                None,
                Severity.WARNING,
                "frontmatter-ambiguous-end",
                "a value contains '---': Claude Code ends the frontmatter there and reads "
                "the rest as the prompt",
            )
    memory = fields.get("memory")
    tools = agent.tools
    if memory in MEMORY_SCOPES and tools is not None and not set(WRITE_TOOLS) & set(tools):
        entry = shape.entry("tools")
        out.add(
            agent.path,
            entry.start + 1 if entry else None,
            Severity.INFO,
            "memory-without-write",
            "`memory` is set but `tools` has neither Write nor Edit: current Claude Code adds "
            "them for memory, older versions cannot write memory; list them to be explicit",
        )
    name = agent.name
    plugin = agent.scope is AgentScope.PLUGIN
    if name is not None and agent.verdict.loads and not plugin and not _NAME_STYLE.match(name):
        out.add(
            agent.path,
            shape.line_of("name"),
            Severity.INFO,
            "name-style",
            f"`name: {name}`: the convention is lowercase letters, digits and hyphens",
        )
    body = agent.body
    mentions_memory = "agent-memory" in body or "AGENT-MEMORY" in body.upper()
    line = _first_line_of(body, _NON_PORTABLE_MEMORY_PATH) if mentions_memory else None
    if line is not None:
        offset = len(shape.lines[: shape.head_end()]) if shape.is_closed else 0
        out.add(
            agent.path,
            line + offset,
            Severity.WARNING,
            "memory-path-absolute",
            "the prompt names an absolute memory path, which is wrong on every other machine; "
            "use the repo-relative `.claude/agent-memory/<name>/`",
        )


def _check_conflicts(path: Path, text: str | None, out: _Collector) -> None:
    if text is None or ("<<<<<<<" not in text and ">>>>>>>" not in text):
        return
    line = _first_line_of(text, _CONFLICT)
    if line is not None:
        out.add(
            path,
            line,
            Severity.ERROR,
            "conflict-markers",
            "git conflict markers: resolve the merge before Claude Code reads this file",
        )


def lint_agent(entry: AgentEntry, out: _Collector) -> None:
    agent = entry.file
    if agent.problem is not None:
        out.add(
            agent.path,
            None,
            Severity.ERROR,
            f"file-{agent.problem.code}",
            f"cannot read this agent file: {agent.problem.message}",
        )
        return
    _check_skip(agent, out)
    if agent.scope is AgentScope.PLUGIN and agent.parsed is not None and not agent.parsed.ok:
        out.add(
            agent.path,
            agent.parsed.error_line,
            Severity.WARNING,
            "yaml-invalid",
            f"the frontmatter is not valid YAML ({agent.parsed.error}): Claude Code loads this "
            "plugin agent under its file name and ignores every key",
        )
    if agent.source is not None and agent.source.lossy is not None:
        out.add(
            agent.path,
            None,
            Severity.WARNING,
            "file-not-utf8",
            f"{agent.source.lossy}. Claude Code still reads it, with those bytes replaced by "
            "U+FFFD; agent-tui shows it read-only so no byte changes",
        )
    _check_conflicts(agent.path, agent.source.text if agent.source else None, out)
    if agent.verdict.code == "no-frontmatter":
        return
    _check_values(agent, out)
    _check_advice(agent, out)
    name_line = agent.shape.line_of("name")
    if entry.duplicate_of is not None:
        out.add(
            agent.path,
            name_line,
            Severity.WARNING,
            "duplicate-name",
            f"another file defines `{agent.name}` too ({entry.duplicate_of.path.name}); "
            "only one of them loads",
        )
    if entry.shadowed_by is not None:
        out.add(
            agent.path,
            name_line,
            Severity.INFO,
            "shadowed",
            f"`{agent.name}` is also defined at {entry.shadowed_by.scope.value} scope, "
            "which wins; this file is not used",
        )
    if (
        entry.memory_dir_expected is not None
        and not entry.memory_dir_expected.exists()
        and agent.verdict.loads
    ):
        out.add(
            agent.path,
            None,
            Severity.INFO,
            "memory-dir-missing",
            f"memory is `{agent.memory}` but its folder `{entry.memory_dir_expected.parent.name}/"
            f"{entry.memory_dir_expected.name}/` does not exist yet; "
            "Claude Code creates it on first use",
        )
    if entry.memory_off is not None and entry.memory_dir is not None and agent.verdict.loads:
        scope = entry.memory_dir.scope.value
        out.add(
            agent.path,
            agent.shape.line_of("memory"),
            Severity.WARNING,
            "memory-off",
            f"{entry.memory_off}: the agent starts without the memory in "
            f"`{entry.memory_dir.path.parent.name}/{entry.memory_dir.path.name}/`; set "
            f"`memory: {scope}` to load it",
        )


def lint_memory(
    memory: MemoryDir,
    out: _Collector,
    has_agent: bool,
    exists: Callable[[str], bool] | None = None,
) -> None:
    """`exists`: whether a repository-relative path is in the working tree, for the stale
    path check (None: no check, as for user memory, which serves every repository)."""
    index = memory.index
    if not has_agent:
        out.add(
            memory.path,
            None,
            Severity.WARNING,
            "memory-orphan-dir",
            f"no agent named `{memory.name}` uses this {memory.scope.value} memory directory",
        )
    if memory.leaves_root:
        out.add(
            memory.path,
            None,
            Severity.WARNING,
            "memory-dir-leaves-root",
            "this memory directory links outside the project: Claude Code does not read "
            "its MEMORY.md",
        )
        return
    if index.not_loaded is not None:
        out.add(
            index.path,
            None,
            Severity.ERROR,
            "memory-not-loaded",
            f"{index.not_loaded}; the agent starts with no memory. Make it a plain file",
        )
    elif index.problem is not None:
        out.add(
            index.path,
            None,
            Severity.ERROR,
            f"index-{index.problem.code}",
            f"cannot read MEMORY.md: {index.problem.message}",
        )
    budget = index.budget
    if budget is not None:
        if budget.truncated:
            lost = index.entries_past_cut()
            names = ", ".join(f"`{entry.title[:60]}` (line {entry.line})" for entry in lost[:5])
            more = f" and {len(lost) - 5} more" if len(lost) > 5 else ""
            entries = f"; index entries lost: {names}{more}" if lost else ""
            out.add(
                index.path,
                budget.cut_line,
                Severity.ERROR,
                "memory-over-budget",
                f"MEMORY.md is {budget.lines:,} lines / {budget.chars:,} characters, over "
                f"Claude Code's {MAX_LINES} lines / {MAX_CHARS:,} characters: "
                f"{cut_words(budget)}{entries}",
            )
        elif budget.band is Band.TIGHT:
            out.add(
                index.path,
                None,
                Severity.WARNING,
                "memory-tight",
                f"MEMORY.md is {budget.lines}/{MAX_LINES} lines and "
                f"{budget.chars:,}/{MAX_CHARS:,} characters: close to the cut; move detail into "
                "topic files",
            )
    _check_conflicts(index.path, index.text, out)
    for link in memory.broken_links:
        out.add(
            index.path,
            link.line,
            Severity.WARNING,
            "broken-link",
            f"link to `{link.target}`, which does not exist in this memory directory",
        )
    for link in memory.outside_links:
        out.add(
            index.path,
            link.line,
            Severity.WARNING,
            "link-outside",
            f"link to `{link.target}` leaves the memory directory",
        )
    for problem in memory.problems:
        out.add(memory.path, None, Severity.WARNING, "memory-unreadable", problem)
    check_paths = exists is not None and memory.scope is not MemoryScope.USER
    if index.text is not None:
        _check_duplicates(memory, out)
        if check_paths:
            _check_stale(index.path, index.text, exists, out)  # type: ignore[arg-type]
    for topic in memory.topic_files:
        path = memory.path / topic
        try:
            data, _ = read_bytes_safely(path, MAX_TEXT_BYTES)
        except FileProblem:
            continue
        if _CONFLICT_BYTES.search(data):
            _check_conflicts(path, data.decode("utf-8", "replace"), out)
        if check_paths and b"/" in data:
            _check_stale(path, data.decode("utf-8", "replace"), exists, out)  # type: ignore[arg-type]
    if index.exists:
        for topic in memory.orphans:
            out.add(
                memory.path / topic,
                None,
                Severity.WARNING,
                "orphan-topic",
                f"`{topic}` is named nowhere in MEMORY.md (no link, no name), so the agent "
                "may never read it",
            )
        for topic in memory.named_past_cut:
            out.add(
                memory.path / topic,
                memory.mentions[topic],
                Severity.WARNING,
                "topic-past-cut",
                f"`{topic}` is named only in the part of MEMORY.md Claude Code drops (line "
                f"{memory.mentions[topic]}): the agent will not find it",
            )


# Lines this short, rules, fences and table separators repeat by nature: never duplicates.
_TRIVIAL = re.compile(r"^\s*(?:[-*_=|:` ]*|.{0,11})\s*$")


def _check_duplicates(memory: MemoryDir, out: _Collector) -> None:
    """The same line twice, or one topic file linked from two lines: budget spent twice."""
    index = memory.index
    assert index.text is not None
    seen: dict[str, int] = {}
    for number, line in enumerate(index.text.split("\n"), start=1):
        key = line.strip()
        if _TRIVIAL.match(key) or key.startswith("#"):
            continue
        if key in seen:
            again = f"repeats line {seen[key]} word for word: it costs the budget twice"
            out.add(index.path, number, Severity.INFO, "memory-duplicate-line", again)
        else:
            seen[key] = number
    first_link: dict[str, int] = {}
    for link in index.links:
        earlier = first_link.setdefault(link.relpath, link.line)
        if earlier != link.line:
            out.add(index.path, link.line, Severity.INFO, "memory-duplicate-topic",
                    f"`{link.relpath}` is linked on line {earlier} too")  # fmt: skip


STALE_SHOWN = 20  # stale paths reported per file; the count says how many more


def _check_stale(path: Path, text: str, exists: Callable[[str], bool], out: _Collector) -> None:
    found = stale_in_text(text, exists)
    for line, named in found[:STALE_SHOWN]:
        out.add(path, line, Severity.INFO, "memory-stale-path",
                f"names `{named}`, which is not in the working tree (moved or deleted?): "
                "the agent may act on memory about code that is gone")  # fmt: skip
    if len(found) > STALE_SHOWN:
        out.add(path, None, Severity.INFO, "memory-stale-path",
                f"and {len(found) - STALE_SHOWN} more missing paths")  # fmt: skip


def lint_workspace(workspace: Workspace, extra_agents: Iterable[AgentEntry] = ()) -> list[Finding]:
    out = _Collector()
    for entry in [*workspace.agents, *extra_agents]:
        lint_agent(entry, out)
    orphan_ids = {id(d) for d in workspace.orphan_memory_dirs}
    exists = in_tree(workspace.root)
    for memory in workspace.memory_dirs:
        lint_memory(memory, out, id(memory) not in orphan_ids, exists)
    if workspace.auto_memory is not None:
        lint_memory(workspace.auto_memory, out, True, exists)
    for path, problem in workspace.unreadable_agents:  # its agents are missing from all we say
        out.add(path, None, Severity.ERROR, "agents-unreadable", problem)
    for path, problem in workspace.unreadable_memory:
        out.add(path, None, Severity.WARNING, "memory-unreadable", problem)
    return out.findings


def agent_findings(entry: AgentEntry) -> list[Finding]:
    out = _Collector()
    lint_agent(entry, out)
    return out.findings


def memory_findings(
    memory: MemoryDir, has_agent: bool = True, exists: Callable[[str], bool] | None = None
) -> list[Finding]:
    out = _Collector()
    lint_memory(memory, out, has_agent, exists)
    return out.findings


def lint_local_memory(root: Path, tracked: list[str], ignored: bool) -> list[Finding]:
    """`.claude/agent-memory-local/` is per machine: git must neither track nor see it."""
    out = _Collector()
    folder = root / ".claude" / "agent-memory-local"
    if tracked:
        out.add(
            folder,
            None,
            Severity.ERROR,
            "local-memory-tracked",
            f"git tracks {len(tracked)} file(s) of machine-local memory (e.g. {tracked[0]}); "
            "run `git rm -r --cached .claude/agent-memory-local` and ignore the folder",
        )
    elif not ignored:
        out.add(
            folder,
            None,
            Severity.WARNING,
            "local-memory-not-ignored",
            "`.claude/agent-memory-local/` is not in .gitignore, so it can be committed by "
            "accident; add it",
        )
    return out.findings
