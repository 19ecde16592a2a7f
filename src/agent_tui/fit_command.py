"""`agent-tui fit AGENT`: bring an agent's MEMORY.md within budget by moving its largest
sections into topic files, each named by one line in the index. Nothing is lost: every line
the index had is still in the memory folder afterwards, and the index then loads whole."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

from agent_tui.core.budget import MAX_CHARS, MAX_LINES, Budget
from agent_tui.core.curate import OK_CHARS, OK_LINES, FitPlan, fit_plan
from agent_tui.core.memory import INDEX_NAME, MemoryDir, read_memory_dir
from agent_tui.core.textfile import FileProblem, read_text_file
from agent_tui.core.workspace import Workspace, discover
from agent_tui.errors import EXIT_FINDINGS, EXIT_OK, CliError, printed


def _memory_of(workspace: Workspace, name: str) -> MemoryDir:
    entry = workspace.find_agent(name)
    if entry is not None and entry.memory_dir is not None:
        return entry.memory_dir
    for memory in workspace.memory_dirs:
        if memory.name == name:
            return memory
    if entry is not None:
        raise CliError(f"{name!r} has no memory folder, so nothing to fit")
    raise CliError(f"no agent or memory folder named {name!r} (see `agent-tui ls`)")


def _size(budget: Budget) -> str:
    return f"{budget.lines:,} lines · {budget.chars:,} characters"


def plan_text(plan: FitPlan, index: str) -> str:
    target = f"target {plan.target_lines:,} lines / {plan.target_chars:,} characters"
    lines = [f"{index}: {_size(plan.before)} → {_size(plan.after)} ({target})"]
    for move in plan.moves:
        count = move.last - move.first + 1
        lines.append(f"  lines {move.first}–{move.last} ({count:,}) → {move.topic}")
    if not plan.moves and plan.fits:
        lines.append("  nothing to move: the whole index loads within the target")
    if plan.reason:
        lines.append(f"  cannot fit: {plan.reason}")
    return "\n".join(lines)


def plan_json(plan: FitPlan, index: str) -> dict[str, object]:
    def size(budget: Budget) -> dict[str, object]:
        return {"lines": budget.lines, "chars": budget.chars, "truncated": budget.truncated}

    return {
        "schema": 1,
        "index": index,
        "before": size(plan.before),
        "after": size(plan.after),
        "target": {"lines": plan.target_lines, "chars": plan.target_chars},
        "fits": plan.fits,
        "reason": plan.reason,
        "moves": [
            {"first_line": m.first, "last_line": m.last, "topic": m.topic, "pointer": m.pointer}
            for m in plan.moves
        ],
    }


def _write(memory: MemoryDir, plan: FitPlan, encode: Callable[[str], bytes]) -> None:
    """New topic files first (refusing any name that exists), then the index; a failure
    half-way removes the topic files it made, so the folder is as it was."""
    from agent_tui.io.atomic import SaveError, atomic_write
    from agent_tui.io.boundary import check_write
    from agent_tui.io.files import create_file, delete_file

    made: list[Path] = []
    try:
        for move in plan.moves:
            path = memory.path / move.topic
            create_file(path, move.text.encode("utf-8"))
            made.append(path)
        index = memory.index.path
        check_write(index)
        atomic_write(index, encode(plan.index_text))
    except SaveError as error:
        for path in made:
            delete_file(path)
        raise CliError(f"{error}; nothing was changed") from None


def command_fit(
    start: Path,
    name: str,
    dry_run: bool,
    target_lines: int | None,
    target_chars: int | None,
    as_json: bool,
) -> int:
    from agent_tui.io.boundary import allow_writes_for

    lines = OK_LINES if target_lines is None else target_lines
    chars = OK_CHARS if target_chars is None else target_chars
    if not 1 <= lines <= MAX_LINES or not 1 <= chars <= MAX_CHARS:
        raise CliError(f"targets must be within Claude Code's {MAX_LINES} lines and "
                       f"{MAX_CHARS:,} characters")  # fmt: skip
    workspace = discover(start)
    memory = _memory_of(workspace, name)
    if memory.leaves_root or memory.index.not_loaded or not memory.index.exists:
        raise CliError(f"{workspace.display_path(memory.index.path)}: no index to fit")
    try:
        source = read_text_file(memory.index.path)
    except FileProblem as problem:
        raise CliError(f"{problem}; nothing was changed") from None
    plan = fit_plan(source.text, memory.topic_files, lines, chars)
    shown = workspace.display_path(memory.path / INDEX_NAME)
    if as_json:
        printed(lambda: print(json.dumps(plan_json(plan, shown), ensure_ascii=False, indent=2)), 0)
    else:
        printed(lambda: print(plan_text(plan, shown)), 0)
    if not plan.fits:
        return EXIT_FINDINGS
    if dry_run or not plan.moves:
        return EXIT_OK
    allow_writes_for(workspace.root, [workspace.user_dir])
    _write(memory, plan, source.encode)
    after = read_memory_dir(memory.path, memory.scope, workspace.root)
    if after.index.budget is None or after.index.budget.truncated:  # pragma: no cover - a bug
        print(f"agent-tui: {shown} still does not load whole", file=sys.stderr)
        return EXIT_FINDINGS
    if not as_json:
        printed(lambda: print(f"wrote {len(plan.moves)} topic file(s) and {shown}"), 0)
    return EXIT_OK
