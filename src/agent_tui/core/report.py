"""The pull-request memory report: what a reviewer needs to know about a change to agents
and their memory, as markdown for a PR comment or as JSON for scripts."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from agent_tui.core.budget import Budget, measure, plural, split_loaded
from agent_tui.core.diff import ADDED, FileDiff
from agent_tui.core.review import is_index, is_local_memory, owner
from agent_tui.core.secrets import scan_lines
from agent_tui.core.stale import stale_mentions

SHOWN_DROPPED = 10  # dropped lines quoted per index; the rest are counted
SHOWN_MOVED = 30  # memory lines naming moved code, quoted; the rest are counted


@dataclass(frozen=True)
class ChangedFile:
    path: str
    status: str  # git's letter: A, M, D, T
    added: int | None
    removed: int | None
    diff: FileDiff | None
    before: str | None = None  # for an index: its text at the base
    after: str | None = None  # and now


@dataclass
class AgentReport:
    agent: str
    files: list[ChangedFile] = field(default_factory=list)
    budgets: list[tuple[str, Budget | None, Budget | None]] = field(default_factory=list)
    newly_dropped: list[tuple[str, list[str]]] = field(default_factory=list)
    topics_added: list[str] = field(default_factory=list)
    topics_removed: list[str] = field(default_factory=list)
    orphans: list[str] = field(default_factory=list)
    secrets: list[tuple[str, int, str, str]] = field(
        default_factory=list
    )  # path, line, kind, excerpt
    local_memory: list[str] = field(default_factory=list)
    stale: list[tuple[str, int, str]] = field(default_factory=list)  # path, line, named path


def _dropped_lines(text: str | None) -> list[str]:
    if text is None:
        return []
    _, dropped = split_loaded(text)
    return [line for line in dropped.split("\n") if line.strip()]


def build_report(
    files: list[ChangedFile],
    orphans: dict[str, list[str]],
    exists: Callable[[str], bool] = lambda path: True,
) -> list[AgentReport]:
    """One report per agent (or `.claude` for files of no agent), in path order.
    `orphans`: per agent, the topic files its index names nowhere (after the change);
    `exists`: whether a repository-relative path exists in the working tree."""
    reports: dict[str, AgentReport] = {}
    for changed in sorted(files, key=lambda item: item.path):
        name = owner(changed.path) or ".claude"
        report = reports.setdefault(name, AgentReport(name))
        report.files.append(changed)
        if is_index(changed.path):
            before = measure(changed.before) if changed.before is not None else None
            after = measure(changed.after) if changed.after is not None else None
            report.budgets.append((changed.path, before, after))
            already = set(_dropped_lines(changed.before))
            new = [line for line in _dropped_lines(changed.after) if line not in already]
            if new:
                report.newly_dropped.append((changed.path, new))
        elif "agent-memory" in changed.path and changed.path.endswith(".md"):
            if changed.status == "A":
                report.topics_added.append(changed.path)
            elif changed.status == "D":
                report.topics_removed.append(changed.path)
        if is_local_memory(changed.path) and changed.status != "D":
            report.local_memory.append(changed.path)
        if changed.diff is not None:
            added = [(line.new, line.text) for hunk in changed.diff.hunks for line in hunk.lines
                     if line.kind == ADDED and line.new is not None]  # fmt: skip
            report.secrets += [(changed.path, s.line, s.kind, s.excerpt) for s in scan_lines(added)]
            if "agent-memory" in changed.path:
                report.stale += [(changed.path, n, p) for n, p in stale_mentions(added, exists)]
        report.orphans = orphans.get(name, [])
    return list(reports.values())


def _budget_words(budget: Budget | None) -> str:
    if budget is None:
        return "none"
    cut = f", {plural(budget.lines_lost, 'line')} dropped" if budget.truncated else ""
    size = f"{plural(budget.lines, 'line')} · {plural(budget.chars, 'char')}"
    return f"{size} ({budget.band.value}{cut})"


Moved = Sequence[tuple[str, int, str, str | None]]  # memory file, line, path, renamed to


def _moved_markdown(moved: Moved) -> list[str]:
    if not moved:
        return []
    out = ["#### Memory about code this change moves or deletes", ""]
    for name, line, path, new in moved[:SHOWN_MOVED]:
        what = f"renamed to `{new}`" if new else "deleted"
        out.append(f"- `{path}` is {what}; `{name}:{line}` still names it")
    if len(moved) > SHOWN_MOVED:
        out.append(f"- … and {len(moved) - SHOWN_MOVED} more lines")
    return [*out, ""]


def as_markdown(reports: list[AgentReport], base: str, moved: Moved = ()) -> str:
    if not reports and not moved:
        return f"### agent-tui memory report\n\nNothing changed under `.claude/` since `{base}`.\n"
    out = [f"### agent-tui memory report (since `{base}`)", ""]
    warnings = sum(bool(r.secrets or r.local_memory or r.newly_dropped) for r in reports)
    if warnings:
        out += [f"**{warnings} agent(s) need a look** (secrets, local memory or newly dropped "
                "lines below).", ""]  # fmt: skip
    for report in reports:
        out += [f"#### {report.agent}", "", "| file | change | lines |", "|---|---|---|"]
        for changed in report.files:
            counts = (f"+{changed.added} −{changed.removed}" if changed.added is not None
                      else "binary")  # fmt: skip
            out.append(f"| `{changed.path}` | {changed.status} | {counts} |")
        out.append("")
        for path, before, after in report.budgets:
            out.append(
                f"- Budget of `{path}`: {_budget_words(before)} → **{_budget_words(after)}**"
            )
        for path, lines in report.newly_dropped:
            out.append(f"- ✂ Newly past Claude Code's cut in `{path}` ({len(lines)} lines):")
            out += [f"  - `{line.strip()[:120]}`" for line in lines[:SHOWN_DROPPED]]
            if len(lines) > SHOWN_DROPPED:
                out.append(f"  - … and {len(lines) - SHOWN_DROPPED} more")
        if report.topics_added:
            out.append("- Topic files added: " + ", ".join(f"`{p}`" for p in report.topics_added))
        if report.topics_removed:
            out.append(
                "- Topic files removed: " + ", ".join(f"`{p}`" for p in report.topics_removed)
            )
        if report.orphans:
            out.append("- Orphaned (named nowhere in the index): "
                       + ", ".join(f"`{p}`" for p in report.orphans))  # fmt: skip
        for path, line, kind, excerpt in report.secrets:
            out.append(f"- ⚠ Possible secret ({kind}) at `{path}:{line}`: `{excerpt}`")
        for path, line, named in report.stale:
            out.append(f"- Names `{named}` at `{path}:{line}`, which does not exist in the branch")
        for path in report.local_memory:
            out.append(
                f"- ⚠ Machine-local memory in the change: `{path}` (should not be committed)"
            )
        out.append("")
    out += _moved_markdown(list(moved))
    return "\n".join(out).rstrip() + "\n"


def _budget_json(budget: Budget | None) -> dict[str, Any] | None:
    if budget is None:
        return None
    return {"lines": budget.lines, "chars": budget.chars, "band": budget.band.value,
            "truncated": budget.truncated, "lines_lost": budget.lines_lost}  # fmt: skip


def as_json(reports: list[AgentReport], base: str, moved: Moved = ()) -> dict[str, Any]:
    return {
        "schema": 1,
        "base": base,
        "memory_naming_moved": [
            {"memory_file": name, "line": line, "path": path, "renamed_to": new}
            for name, line, path, new in moved
        ],
        "agents": [
            {
                "agent": r.agent,
                "files": [
                    {"path": f.path, "status": f.status, "added": f.added, "removed": f.removed}
                    for f in r.files
                ],
                "budgets": [
                    {"path": path, "before": _budget_json(before), "after": _budget_json(after)}
                    for path, before, after in r.budgets
                ],
                "newly_dropped": [
                    {"path": path, "lines": lines} for path, lines in r.newly_dropped
                ],
                "topics_added": r.topics_added,
                "topics_removed": r.topics_removed,
                "orphans": r.orphans,
                "secrets": [
                    {"path": p, "line": n, "kind": k, "excerpt": e} for p, n, k, e in r.secrets
                ],
                "local_memory": r.local_memory,
                "stale_paths": [{"path": p, "line": n, "names": named} for p, n, named in r.stale],
            }
            for r in reports
        ],
    }
