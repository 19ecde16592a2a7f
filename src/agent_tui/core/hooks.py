"""Hooks in an agent's frontmatter, judged as Claude Code 2.1.332 judges them.

Claude Code refuses to load an agent whose hooks might weaken a permission guard: a guard
event (`PreToolUse`, `PermissionRequest`, `PreSkillShellCommand`) outside `hooks:`, or under
a key it does not know, or a guard event whose matchers it cannot read. Bad entries of other
events are dropped with a warning and the agent loads. The shapes below follow Claude Code's
own checks, read from its code and compared with it on real files (`tools/oracle_agents.py`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

GUARD_EVENTS = frozenset({"PreToolUse", "PermissionRequest", "PreSkillShellCommand"})
EVENTS = (
    "PreToolUse", "PostToolUse", "PostToolUseFailure", "PostToolBatch", "Notification",
    "UserPromptSubmit", "UserPromptExpansion", "SessionStart", "SessionEnd", "Stop",
    "StopFailure", "SubagentStart", "SubagentStop", "PreCompact", "PostCompact",
    "PreModelSwitch", "PostModelSwitch", "PermissionRequest", "PermissionDenied", "Setup",
    "TeammateIdle", "TaskCreated", "TaskCompleted", "Elicitation", "ElicitationResult",
    "ConfigChange", "WorktreeCreate", "WorktreeRemove", "InstructionsLoaded", "CwdChanged",
    "FileChanged", "DirectoryAdded", "MessageDisplay", "PreSkillShellCommand",
)  # fmt: skip
# Keys whose values are not searched for stray hooks (they hold other tools' settings).
UNSCANNED = frozenset(
    {
        "mcpServers", "managedMcpServers", "lspServers", "pluginConfigs", "enabledPlugins",
        "extraKnownMarketplaces", "env", "skillOverrides", "modelSettings",
    }
)  # fmt: skip


@dataclass
class HookReport:
    unloadable: list[str] = field(default_factory=list)  # any of these: the agent is skipped
    ignored: list[str] = field(default_factory=list)  # entries dropped; the agent loads


def _present(value: Any) -> bool:
    return value is not None and not (isinstance(value, list) and not value)


def _holds_guard_key(value: Any) -> bool:
    return isinstance(value, dict) and any(
        key in GUARD_EVENTS and _present(item) for key, item in value.items()
    )


def _is_matcher(value: Any) -> bool:
    """A mapping that reads as one hook matcher (`{matcher, hooks: [...]}`)."""
    if not isinstance(value, dict):
        return False
    if "matcher" not in value and any(key in EVENTS for key in value):
        return False
    hooks = value.get("hooks")
    if isinstance(hooks, list):
        return bool(hooks)
    return (
        isinstance(hooks, dict)
        and bool(hooks)
        and ("matcher" in value or isinstance(hooks.get("type"), str))
    )


def _holds_hooks(
    value: Any, depth: int = 3, matchers_count: bool = True, in_hooks_list: bool = False
) -> bool:
    """Does `value` (searched `depth` levels down) hold guard hooks or hook matchers?"""
    if _holds_guard_key(value) or (matchers_count and _is_matcher(value)):
        return True
    if depth == 0 or not isinstance(value, (dict, list)):
        return False
    if isinstance(value, list):
        return any(_holds_hooks(item, depth - 1, matchers_count, in_hooks_list) for item in value)
    if in_hooks_list and isinstance(value.get("type"), str):
        return False
    return any(
        key not in UNSCANNED
        and _holds_hooks(
            item,
            depth - 1,
            matchers_count and key not in EVENTS,
            key == "hooks" and isinstance(item, list),
        )
        for key, item in value.items()
    )


def hooks_outside(frontmatter: dict[str, Any]) -> str | None:
    """The top-level key that holds hooks outside `hooks:`, if one does."""
    for key, value in frontmatter.items():
        if key in GUARD_EVENTS and _present(value):
            return str(key)
        if key != "hooks" and key not in UNSCANNED and _holds_hooks(value, 3, key not in EVENTS):
            return str(key)
    return None


# ---- one hook entry: Claude Code's schema per `type` --------------------------------------


def _text(value: Any) -> bool:
    return isinstance(value, str)


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _positive(value: Any) -> bool:
    return _number(value) and value > 0


def _flag(value: Any) -> bool:
    return isinstance(value, bool)


def _texts(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _text_map(value: Any) -> bool:
    return isinstance(value, dict) and all(isinstance(item, str) for item in value.values())


def _one_of(*choices: str) -> Callable[[Any], bool]:
    return lambda value: value in choices


def _url(value: Any) -> bool:
    return isinstance(value, str) and re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:\S", value) is not None


def _anything(value: Any) -> bool:
    return True


_COMMON: dict[str, Callable[[Any], bool]] = {
    "if": _text,
    "timeout": _positive,
    "statusMessage": _text,
    "once": _flag,
}
_FAILURE = _one_of("continue", "block")
SCHEMAS: dict[str, tuple[tuple[str, ...], dict[str, Callable[[Any], bool]]]] = {
    "command": (
        ("command",),
        {
            **_COMMON,
            "command": _text,
            "args": _texts,
            "shell": _one_of("bash", "powershell"),
            "onFailure": _FAILURE,
            "async": _flag,
            "asyncRewake": _flag,
            "holdsTools": _flag,
            "rewakeMessage": lambda v: isinstance(v, str) and v != "",
            "rewakeSummary": lambda v: isinstance(v, str) and v != "",
            "cloud": _anything,
        },
    ),
    "prompt": (
        ("prompt",),
        {**_COMMON, "prompt": _text, "model": _text, "continueOnBlock": _flag},
    ),
    "agent": (("prompt",), {**_COMMON, "prompt": _text, "model": _text}),
    "http": (
        ("url",),
        {
            **_COMMON,
            "url": _url,
            "onFailure": _FAILURE,
            "headers": _text_map,
            "allowedEnvVars": _texts,
            "cloud": _anything,
        },
    ),
    "mcp_tool": (
        ("server", "tool"),
        {
            **_COMMON,
            "server": _text,
            "tool": _text,
            "input": lambda v: isinstance(v, dict),
            "onFailure": _anything,
        },
    ),
}


def hook_problem(hook: Any) -> str | None:
    """Why Claude Code cannot load one hook entry, or None."""
    if not isinstance(hook, dict):
        return "a hook entry must be a mapping"
    kind = hook.get("type")
    if not isinstance(kind, str):
        return 'a hook entry has no "type"' if kind is None else '"type" must be text'
    if kind not in SCHEMAS:
        return f'unknown hook type "{kind}"'
    required, fields = SCHEMAS[kind]
    for key in required:
        if key not in hook:
            return f"a {kind} hook needs `{key}`"
    for key, check in fields.items():
        if key in hook and not check(hook[key]):
            return f"`{key}` of a {kind} hook has the wrong kind of value ({hook[key]!r})"
    return None


def _matcher_problems(matchers: list[Any], guard: bool) -> tuple[list[str], list[str]]:
    """(problems that make the event unloadable, problems that only drop an entry)."""
    unloadable: list[str] = []
    dropped: list[str] = []
    for index, matcher in enumerate(matchers):
        bad = unloadable if guard else dropped
        if _holds_hooks(matcher, 3, False):
            unloadable.append(f"entry {index + 1} holds guard hooks where a matcher belongs")
            continue
        if not isinstance(matcher, dict):
            bad.append(f"entry {index + 1} is not a mapping")
            continue
        hooks = matcher.get("hooks")
        if not isinstance(hooks, list):
            bad.append(f"entry {index + 1} has no `hooks` list")
            continue
        problems = [p for p in map(hook_problem, hooks) if p]
        if "matcher" in matcher and not isinstance(matcher["matcher"], str):
            problems.insert(0, "`matcher` must be text")
        bad += [f"entry {index + 1}: {problem}" for problem in problems]
    return unloadable, dropped


def judge_hooks(hooks: dict[str, Any]) -> HookReport:
    """The `hooks:` mapping of an agent."""
    report = HookReport()
    if _is_matcher(hooks):
        report.unloadable.append("`hooks` is a single matcher, not a mapping of events")
        return report
    for event, value in hooks.items():
        where = f"hooks.{event}"
        if event not in EVENTS:
            if _holds_hooks(value, 3, not isinstance(value, list)):
                report.unloadable.append(f"{where}: not a hook event, but it holds hooks")
            else:
                report.ignored.append(f"{where}: unknown hook event; ignored")
            continue
        if not isinstance(value, list):
            if (event in GUARD_EVENTS and value is not None) or _holds_hooks(value, 3, False):
                report.unloadable.append(f"{where}: must be a list of matchers")
            else:
                report.ignored.append(f"{where}: must be a list of matchers; ignored")
            continue
        unloadable, dropped = _matcher_problems(value, event in GUARD_EVENTS)
        report.unloadable += [f"{where}: {problem}" for problem in unloadable]
        report.ignored += [f"{where}: {problem}; ignored" for problem in dropped]
    return report
