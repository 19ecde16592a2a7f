"""Reviewing changes under .claude/: whose file is it, and what stops or warns before a commit."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from agent_tui.core.budget import Budget, cut_words, measure, plural
from agent_tui.core.diff import ADDED, FileDiff
from agent_tui.core.memory import INDEX_NAME
from agent_tui.core.secrets import Secret, scan_lines

AGENTS_DIR = "agents"
MEMORY_DIRS = {"agent-memory": "", "agent-memory-local": "local"}


def owner(path: str) -> str | None:
    """The agent a file under .claude/ belongs to, in words: `reviewer`, `reviewer (local)`.
    None for anything else under .claude/ (settings, commands, …)."""
    parts = PurePosixPath(path).parts
    if ".claude" not in parts:
        return None
    rest = parts[parts.index(".claude") + 1 :]
    if len(rest) >= 2 and rest[0] == AGENTS_DIR and rest[-1].endswith(".md"):
        return PurePosixPath(rest[-1]).stem
    if len(rest) >= 3 and rest[0] in MEMORY_DIRS:
        scope = MEMORY_DIRS[rest[0]]
        return f"{rest[1]} ({scope})" if scope else rest[1]
    return None


def is_index(path: str) -> bool:
    """A MEMORY.md directly in an agent's memory folder: the file Claude Code loads."""
    parts = PurePosixPath(path).parts
    return (
        len(parts) >= 4
        and parts[-1] == INDEX_NAME
        and parts[-3] in MEMORY_DIRS
        and parts[-4] == ".claude"
    )


def is_local_memory(path: str) -> bool:
    parts = PurePosixPath(path).parts
    return ".claude" in parts and "agent-memory-local" in parts


_CONFLICT = re.compile(r"^(?:<{7}|>{7}|\|{7})(?: |$)")


@dataclass(frozen=True)
class StagedFile:
    path: str
    diff: FileDiff
    index_text: str | None = None  # the staged MEMORY.md, for the budget; None for other files


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    message: str


@dataclass
class CommitChecks:
    secrets: list[tuple[str, Secret]] = field(default_factory=list)  # confirm or unstage each
    conflicts: list[Finding] = field(default_factory=list)  # block until resolved
    warnings: list[Finding] = field(default_factory=list)  # shown, do not block
    outside: list[str] = field(default_factory=list)  # staged files not under .claude/

    @property
    def clean(self) -> bool:
        return not (self.secrets or self.conflicts or self.warnings or self.outside)


def added_lines(diff: FileDiff) -> list[tuple[int, str]]:
    return [
        (line.new, line.text)
        for hunk in diff.hunks
        for line in hunk.lines
        if line.kind == ADDED and line.new is not None
    ]


def budget_warning(path: str, budget: Budget) -> Finding | None:
    if not budget.truncated:
        return None
    return Finding(
        path,
        budget.cut_line or 1,
        f"over budget ({plural(budget.lines, 'line')}, {plural(budget.chars, 'character')}): "
        f"{cut_words(budget)}",
    )


def commit_checks(staged: list[StagedFile]) -> CommitChecks:
    """What the staged changes would bring into the repository that someone should look at."""
    checks = CommitChecks()
    checks.outside = [
        item.path for item in staged if ".claude" not in PurePosixPath(item.path).parts
    ]
    for item in staged:
        added = added_lines(item.diff)
        checks.secrets += [(item.path, secret) for secret in scan_lines(added)]
        checks.conflicts += [
            Finding(item.path, number, "conflict marker: resolve the merge before committing")
            for number, text in added
            if _CONFLICT.match(text)
        ]
        if item.index_text is not None:
            warning = budget_warning(item.path, measure(item.index_text))
            if warning is not None:
                checks.warnings.append(warning)
        if is_local_memory(item.path) and not item.diff.deleted_file:
            checks.warnings.append(
                Finding(
                    item.path,
                    1,
                    "local memory is for this machine only: it should not be committed "
                    "(add .claude/agent-memory-local/ to .gitignore)",
                )
            )
    return checks
