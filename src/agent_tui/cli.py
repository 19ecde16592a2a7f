"""Command line: `ls`, `check`, `set`. Parsing is cheap; heavy modules load on demand."""

from __future__ import annotations

import argparse
import gc
import json
import os
import re
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from agent_tui import __version__
from agent_tui.errors import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, CliError
from agent_tui.errors import printed as _output

JSON_SCHEMA = 1  # the version of the `--json` layouts (schemas/ in the repository)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="agent-tui",
        description="Browse, edit and review Claude Code subagents and their memory.",
    )
    parser.add_argument("--version", action="version", version=f"agent-tui {__version__}")
    parser.add_argument(
        "-C",
        dest="directory",
        metavar="PATH",
        default=None,
        help="run as if started in PATH (default: the current folder)",
    )
    parser.add_argument(
        "--read-only",
        action="store_true",
        help="write nothing: the interface refuses every edit and `set` fails "
        "(also AGENT_TUI_READ_ONLY=1)",
    )
    parser.add_argument(
        "--plugin-dir",
        dest="plugin_dirs",
        action="append",
        default=[],
        type=Path,
        metavar="PATH",
        help="also show the agents of the plugin at PATH, as `claude --plugin-dir` loads them "
        "(repeatable)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="work on a fresh copy of the bundled demo workspace",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    ls = commands.add_parser("ls", help="list agents with their memory budget")
    ls.add_argument("--json", action="store_true", help="machine-readable output")

    check = commands.add_parser("check", help="lint agent files and memory (for CI)")
    check.add_argument("--json", action="store_true", help="machine-readable output")
    check.add_argument("--strict", action="store_true", help="warnings fail too")
    check.add_argument(
        "--format",
        choices=("text", "json", "github"),
        default=None,
        help="text (default), json (as --json) or github (workflow annotations)",
    )
    check.add_argument(
        "--staged",
        action="store_true",
        help="judge what the next commit would hold (git's index), and only when it changes "
        "something under .claude/ (for pre-commit)",
    )
    check.add_argument(
        "--user",
        action="store_true",
        help="also lint the user scope (~/.claude/agents, user memory); by default only the "
        "project is judged, so a check gives the same answer on every machine",
    )
    check.add_argument("paths", nargs="*", metavar="PATH", help="only these files or folders")

    commands.add_parser("demo", help="open the interface on a fresh copy of the demo workspace")
    completion = commands.add_parser(
        "completion", help="print a shell completion script (bash, zsh or fish)"
    )
    completion.add_argument("shell", choices=("bash", "zsh", "fish"))

    review = commands.add_parser(
        "review", help="open the review screen: stage and commit changes to agents and memory"
    )
    review.add_argument(
        "--base",
        metavar="REF",
        default=None,
        help="review the changes since REF (e.g. origin/main), read-only",
    )
    review.add_argument(
        "--format",
        choices=("markdown", "json"),
        default=None,
        help="print a memory report of the changes since --base (for a pull request comment) "
        "instead of opening the interface",
    )

    shot = commands.add_parser("screenshot", help="render the interface headless to an SVG file")
    shot.add_argument("-o", dest="output", required=True, metavar="FILE.svg")
    shot.add_argument("--size", default="120x40", metavar="COLSxROWS", help="default 120x40")
    shot.add_argument(
        "--press", nargs="+", default=[], metavar="KEY", help="keys to press first (Textual names)"
    )

    fit = commands.add_parser(
        "fit",
        help="bring an agent's MEMORY.md within budget: its largest sections move into topic "
        "files, one line in the index names each; nothing is lost",
    )
    fit.add_argument("agent", metavar="AGENT", help="agent name (or memory folder name)")
    fit.add_argument("--dry-run", action="store_true", help="print the plan, change nothing")
    fit.add_argument(
        "--target-lines",
        type=int,
        default=None,
        metavar="N",
        help="lines the index may keep (default: 149, the meter's ok band)",
    )
    fit.add_argument(
        "--target-chars",
        type=int,
        default=None,
        metavar="N",
        help="characters the index may keep (default: 18,749)",
    )
    fit.add_argument("--json", action="store_true", help="the plan as JSON")

    setter = commands.add_parser("set", help="change frontmatter keys of one agent, losslessly")
    setter.add_argument("agent", metavar="AGENT", help="agent name, or path to its file")
    setter.add_argument("assignments", nargs="*", metavar="KEY=VALUE")
    setter.add_argument("--unset", action="append", default=[], metavar="KEY")
    for sub in commands.choices.values():  # `agent-tui check --version` answers too
        sub.add_argument("--version", action="version", version=f"agent-tui {__version__}")
    return parser


def _start_dir(args: argparse.Namespace) -> Path:
    if args.demo:
        from agent_tui.demo import make_demo_repo

        return make_demo_repo()
    start = Path(args.directory) if args.directory else Path.cwd()
    if not start.is_dir():
        raise CliError(f"{start}: not a folder")
    missing = [str(path) for path in args.plugin_dirs if not (path / "agents").is_dir()]
    if missing:
        raise CliError(f"--plugin-dir: no agents/ folder in {', '.join(missing)}")
    return start


def main(argv: Sequence[str] | None = None) -> int:
    # Python's cycle collector off: what a command reads, and what the app builds at start-up
    # (some 110,000 objects, Textual's included), stays until the end, so collecting would
    # only walk it again and again (~30 ms of the app's 0.28 s start). A one-shot command runs
    # without it; the app sets its start-up aside and turns it back on once its first frame is
    # drawn (`ui.app.collect_cycles_again`).
    gc.disable()
    try:
        return _command(argv)
    finally:
        gc.enable()


def _command(argv: Sequence[str] | None) -> int:
    parser = _parser()
    args, extra = parser.parse_known_args(argv)
    # `set a --unset x k=v`: argparse stops collecting KEY=VALUE at the option; take the rest.
    if args.command == "set" and all("=" in item and not item.startswith("-") for item in extra):
        args.assignments += extra
    elif extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    if args.command == "check":
        args.format = args.format or ("json" if args.json else "text")
        args.json = args.format == "json"
    try:
        args.read_only = args.read_only or read_only_from_environment()
        if args.command == "demo":
            args.demo = True
        if args.command == "review" and args.format is not None:
            if args.base is None:
                raise CliError("--format needs --base REF (e.g. origin/main)")
            return command_report(_start_dir(args), args.base, args.format)
        if args.command in (None, "demo", "review"):
            _require_terminal()
        start = _start_dir(args)
        if args.command in (None, "demo", "review"):
            base = args.base if args.command == "review" else None
            return command_tui(
                start, args.read_only, announce_demo=args.demo,
                review=args.command == "review", base=base, plugin_dirs=args.plugin_dirs,
            )  # fmt: skip
        try:
            return _run_command(args, start)
        finally:
            if args.demo:  # a one-shot command on the demo: its temporary copy goes too
                shutil.rmtree(start.parent, ignore_errors=True)
    except CliError as error:
        print(f"agent-tui: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130


READ_ONLY_WORDS = ("1", "true", "yes", "on")


def read_only_from_environment() -> bool:
    """AGENT_TUI_READ_ONLY: 1, true, yes or on (any case); unset or empty means writable.
    Any other value is a mistake we will not guess about: a session meant to be read-only
    must never quietly write."""
    value = os.environ.get("AGENT_TUI_READ_ONLY", "").strip()
    if not value:
        return False
    if value.lower() in READ_ONLY_WORDS:
        return True
    raise CliError(
        f"AGENT_TUI_READ_ONLY={value!r} is not understood: use one of "
        f"{', '.join(READ_ONLY_WORDS)}, or unset it"
    )


def _run_command(args: argparse.Namespace, start: Path) -> int:
    if args.command == "completion":
        from agent_tui.completion import script

        return _output(lambda: print(script(_parser(), args.shell), end=""), EXIT_OK)
    if args.command == "screenshot":
        return command_screenshot(start, Path(args.output), args.size, args.press, args.read_only)
    if args.command == "ls":
        return command_ls(start, args.json, args.plugin_dirs)
    if args.command == "check":
        if args.staged:
            return command_check_staged(start, args.format, args.strict)
        return command_check(
            start, args.paths, args.format, args.strict, args.plugin_dirs, args.user
        )
    if args.command == "fit":
        from agent_tui.fit_command import command_fit

        if args.read_only and not args.dry_run:
            raise CliError("this session is read-only; use --dry-run to see the plan")
        return command_fit(start, args.agent, args.dry_run, args.target_lines,
                           args.target_chars, args.json)  # fmt: skip
    if args.command == "set":
        if args.read_only:
            raise CliError("this session is read-only (--read-only or AGENT_TUI_READ_ONLY=1); "
                           "nothing was written")  # fmt: skip
        return command_set(start, args.agent, args.assignments, args.unset)
    raise CliError(f"unknown command {args.command}")  # pragma: no cover - argparse catches it


# -------------------------------------------------------------------------------- interface


def _require_terminal() -> None:
    if os.environ.get("TEXTUAL_DRIVER"):  # textual-serve and the like bring their own screen
        return
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise CliError(
            "the interface needs a terminal; in scripts use `agent-tui ls` or `agent-tui check`"
        )


def command_tui(
    start: Path,
    read_only: bool,
    announce_demo: bool = False,
    review: bool = False,
    base: str | None = None,
    plugin_dirs: Sequence[Path] = (),
) -> int:
    from agent_tui.ui.app import AgentTuiApp

    app = AgentTuiApp(start, read_only=read_only, review=review, base=base)
    app.plugin_dirs = tuple(plugin_dirs)
    app.run()
    if announce_demo:
        print(f"The demo workspace is at {start}; delete it when you are done.")
    return EXIT_OK


def command_report(start: Path, base: str, form: str) -> int:
    """The pull-request memory report of everything changed under .claude/ since `base`."""
    from agent_tui.core.report import as_json, as_markdown, build_report
    from agent_tui.core.stale import naming_moved
    from agent_tui.core.workspace import discover
    from agent_tui.io.git import GitError, Repository

    try:
        with Repository.open(start) as repository:
            files = repository.changed_since(base)
            moves = repository.code_moves_since(base)
    except GitError as error:
        raise CliError(str(error)) from None
    workspace = discover(start)
    moved = naming_moved(_memory_texts(workspace), moves) if moves else []
    orphans = {
        entry.file.display_name: [
            workspace.display_path(entry.memory_dir.path / topic)
            for topic in entry.memory_dir.orphans
        ]
        for entry in workspace.agents
        if entry.memory_dir is not None and entry.memory_dir.index.exists
    }
    reports = build_report(files, orphans, lambda path: (workspace.root / path).exists())
    if form == "json":
        return _output(lambda: _write_json(as_json(reports, base, moved)), EXIT_OK)
    return _output(lambda: print(as_markdown(reports, base, moved), end=""), EXIT_OK)


def _memory_texts(workspace: Any) -> dict[str, str]:
    """Every project and local memory file's text, by its repository-relative path."""
    from agent_tui.core.memory import INDEX_NAME, MemoryScope
    from agent_tui.core.textfile import FileProblem, read_text_file

    texts: dict[str, str] = {}
    for memory in workspace.memory_dirs:
        if memory.scope is MemoryScope.USER or memory.leaves_root:
            continue
        for name in (INDEX_NAME, *memory.topic_files):
            try:
                texts[workspace.display_path(memory.path / name)] = read_text_file(
                    memory.path / name
                ).text
            except FileProblem:
                continue
    return texts


def command_screenshot(
    start: Path, output: Path, size: str, keys: list[str], read_only: bool = False
) -> int:
    columns, _, rows = size.partition("x")
    if not (columns.isdigit() and rows.isdigit()):
        raise CliError(f"--size: expected COLSxROWS such as 120x40, got {size!r}")
    if not output.parent.is_dir():
        raise CliError(f"{output.parent}: no such folder")
    from agent_tui.ui.screenshot import screenshot

    screenshot(start, output, (int(columns), int(rows)), keys, read_only)
    print(f"wrote {output}")
    return EXIT_OK


# --------------------------------------------------------------------------------------- ls


def _index_json(memory: Any) -> dict[str, Any] | None:
    if memory is None:
        return None
    index = memory.index
    budget = index.budget
    return {
        "exists": index.exists,
        "lines": budget.lines if budget else None,
        "chars": budget.chars if budget else None,
        "loaded_lines": budget.loaded_lines if budget else None,
        "loaded_chars": budget.loaded_chars if budget else None,
        "truncated": budget.truncated if budget else False,
        "cut_line": budget.cut_line if budget else None,
        "limit": budget.limit if budget else None,
        "band": budget.band.value if budget else None,
        "warning": budget.warning if budget else None,
        "entries_past_cut": [
            {
                "kind": entry.kind,
                "title": entry.title,
                "line": entry.line,
                "last_line": entry.last_line,
                "chars": entry.chars,
            }
            for entry in index.entries_past_cut()
        ],
        "topic_files": list(memory.topic_files),
        "orphans": memory.orphans if index.exists else [],
        "broken_links": [
            {"target": link.target, "line": link.line} for link in memory.broken_links
        ],
        "problem": index.problem.message if index.problem else None,
    }


def _agent_json(entry: Any, workspace: Any) -> dict[str, Any]:
    agent = entry.file
    winner = entry.shadowed_by or entry.duplicate_of
    return {
        "name": agent.name,
        "file": workspace.display_path(agent.path),
        "scope": agent.scope.value,
        "loads": agent.verdict.loads,
        "skip_reason": agent.verdict.reason,
        "skip_code": agent.verdict.code,
        "shadowed_by": workspace.display_path(winner.path) if winner else None,
        "model": agent.model,
        "color": agent.color,
        "tools": agent.tools,
        "memory": agent.memory,
        "memory_dir": workspace.display_path(entry.memory_dir.path) if entry.memory_dir else None,
        "memory_index": _index_json(entry.memory_dir),
        "memory_off": entry.memory_off,
    }


_HIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """Text from a file, safe for a terminal: control characters (an escape sequence could
    clear the screen or hide a finding) and direction overrides are shown as `\\x1b`."""
    return _HIDDEN.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                       else f"\\u{ord(m.group()):04x}", text)  # fmt: skip


def _table(rows: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)).rstrip()
        for row in rows
    )


def command_ls(start: Path, as_json: bool, plugin_dirs: Sequence[Path] = ()) -> int:
    from agent_tui.core.budget import MAX_LINES
    from agent_tui.core.workspace import discover

    workspace = discover(start, plugin_dirs=plugin_dirs)
    if as_json:
        auto = workspace.auto_memory
        data = {
            "schema": JSON_SCHEMA,
            "start": str(workspace.start),
            "root": str(workspace.root),
            "agents": [_agent_json(entry, workspace) for entry in workspace.agents],
            "auto_memory": {
                "memory_dir": str(workspace.auto_memory_path),
                "memory_index": _index_json(auto),
            },
            "orphan_memory_dirs": [
                {
                    "memory_dir": workspace.display_path(memory.path),
                    "scope": memory.scope.value,
                    "memory_index": _index_json(memory),
                }
                for memory in workspace.orphan_memory_dirs
            ],
        }
        return _output(lambda: _write_json(data), EXIT_OK)
    if not workspace.agents and not workspace.memory_dirs and workspace.auto_memory is None:
        print(f"No agents found under {workspace.root}/.claude/agents (nor in the user folder).")
        print("Create one with a file .claude/agents/<name>.md; see `agent-tui --help`.")
        return EXIT_OK
    rows = [["NAME", "SCOPE", "LOADS", "MODEL", "COLOR", "MEMORY", "BUDGET", "FILE"]]
    for entry in workspace.agents:
        agent = entry.file
        budget = entry.memory_dir.index.budget if entry.memory_dir else None
        if not agent.verdict.loads:
            loads = f"no: {agent.verdict.code}"
        elif entry.shadowed_by or entry.duplicate_of:
            loads = "shadowed"
        else:
            loads = "yes"
        rows.append(
            [
                agent.display_name,
                agent.scope.value,
                loads,
                agent.model or "-",
                agent.color or "-",
                agent.memory or "-",
                f"{budget.lines}/{MAX_LINES} {budget.band.value}" if budget else "-",
                workspace.display_path(agent.path),
            ]
        )
    lines = [_table([[visible(cell) for cell in row] for row in rows])]
    lines += [
        f"memory without an agent: {visible(workspace.display_path(memory.path))}"
        for memory in workspace.orphan_memory_dirs
    ]
    auto = workspace.auto_memory
    auto_budget = auto.index.budget if auto else None
    if auto_budget is not None:
        lines.append(
            f"main session memory: {auto_budget.lines}/{MAX_LINES} {auto_budget.band.value}  "
            f"{workspace.auto_memory_path}"
        )
    if workspace.start != workspace.root:
        lines.append(f"started in {workspace.display_path(workspace.start)}: project memory is "
                     "read from there, as Claude Code started there would")  # fmt: skip
    return _output(lambda: print("\n".join(lines)), EXIT_OK)


def _write_json(data: object) -> None:
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
    sys.stdout.flush()


# ------------------------------------------------------------------------------------ check


def _explicit_agents(paths: list[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        candidates = sorted(path.rglob("*.md")) if path.is_dir() else [path]
        for candidate in candidates:
            if "agent-memory" not in "/".join(candidate.parts) and candidate.suffix == ".md":
                found.append(candidate)
    return found


def _within(path: Path, roots: list[Path]) -> bool:
    try:
        resolved = path.resolve()
    except (OSError, RuntimeError):  # a link that leads back to itself: where the link is
        resolved = path.parent.resolve() / path.name
    return any(resolved == root or resolved.is_relative_to(root) for root in roots)


def command_check(
    start: Path,
    raw_paths: list[str],
    form: str,
    strict: bool,
    plugin_dirs: Sequence[Path] = (),
    include_user: bool = False,
    git_root: Path | None = None,
) -> int:
    """`git_root`: where git facts come from when `start` is a copy (the staged tree)."""
    from agent_tui.core.agent import AgentScope, read_agent_file
    from agent_tui.core.lint import Severity, lint_local_memory, lint_workspace
    from agent_tui.core.workspace import AgentEntry, discover
    from agent_tui.io.gitfacts import local_memory_facts

    paths = [Path(p) if Path(p).is_absolute() else start / p for p in raw_paths]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise CliError(f"no such file or folder: {', '.join(missing)}")
    workspace = discover(start, plugin_dirs=plugin_dirs)
    findings = []
    if paths:
        roots = [p.resolve() for p in paths]
        known = {entry.file.path.resolve() for entry in workspace.agents}
        extra = [
            AgentEntry(read_agent_file(path, AgentScope.PROJECT))
            for path in _explicit_agents(paths)
            if path.resolve() not in known
        ]
        # Files named on the command line are reported even when a link leads elsewhere.
        named = {entry.file.path for entry in extra}
        findings = [
            finding
            for finding in lint_workspace(workspace, extra)
            if finding.path in named or _within(finding.path, roots)
        ]
    else:
        findings = lint_workspace(workspace)
        facts = local_memory_facts(git_root or workspace.root)
        if facts is not None:
            findings += lint_local_memory(workspace.root, facts.tracked, facts.ignored)
    if not include_user:  # the user's own scope differs per machine: only with --user
        user = [workspace.user_dir.resolve()]
        findings = [f for f in findings if not _within(f.path, user)]
    order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
    findings.sort(key=lambda f: (str(f.path), f.line or 0, order[f.severity]))
    errors = sum(f.severity is Severity.ERROR for f in findings)
    warnings = sum(f.severity is Severity.WARNING for f in findings)
    notes = len(findings) - errors - warnings
    code = EXIT_FINDINGS if errors or (strict and warnings) else EXIT_OK
    if form == "github":
        return _output(lambda: print("\n".join(github_annotation(f, workspace) for f in findings)),
                       code)  # fmt: skip
    if form == "json":
        payload = [
            {
                "file": workspace.display_path(f.path),
                "line": f.line,
                "severity": f.severity.value,
                "code": f.code,
                "message": f.message,
            }
            for f in findings
        ]
        data = {"schema": JSON_SCHEMA, "findings": payload, "errors": errors,
                "warnings": warnings, "notes": notes}  # fmt: skip
        return _output(lambda: _write_json(data), code)

    def write() -> None:
        for f in findings:
            where = workspace.display_path(f.path) + (f":{f.line}" if f.line else "")
            print(visible(f"{where}: {f.severity.value} [{f.code}] {f.message}"))

    code = _output(write, code)
    print(f"{errors} error(s), {warnings} warning(s), {notes} note(s)", file=sys.stderr)
    return code


GITHUB_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def github_annotation(finding: Any, workspace: Any) -> str:
    """A GitHub Actions workflow command that annotates the finding's line in a PR."""

    def escape(text: str, in_property: bool = False) -> str:
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return text.replace(":", "%3A").replace(",", "%2C") if in_property else text

    where = f"file={escape(workspace.display_path(finding.path), True)}"
    where += f",line={finding.line}" if finding.line else ""
    title = escape(f"agent-tui {finding.code}", True)
    level = GITHUB_LEVEL[finding.severity.value]
    return f"::{level} {where},title={title}::{escape(visible(finding.message))}"


def command_check_staged(start: Path, form: str, strict: bool) -> int:
    """`check` on the index's content, for a pre-commit hook: the working tree may hold
    edits that are not part of the commit."""
    import tempfile

    from agent_tui.core.workspace import find_git_root
    from agent_tui.io.gitfacts import staged_claude_changes, write_staged_tree

    root = find_git_root(start)
    if root is None:
        raise CliError(f"{start}: --staged needs a git repository")
    changes = staged_claude_changes(root)
    if changes is None:
        raise CliError("git could not list the staged changes")
    if not changes:
        print("nothing under .claude/ is staged: nothing to check", file=sys.stderr)
        return EXIT_OK
    with tempfile.TemporaryDirectory(prefix="agent-tui-staged-") as folder:
        tree = Path(folder)
        if not write_staged_tree(root, tree):
            raise CliError("git could not write out the staged files")
        (tree / ".git").mkdir()  # the copy is its own root, so paths read as in the repository
        inside = tree / start.resolve().relative_to(root)
        inside.mkdir(parents=True, exist_ok=True)
        return command_check(inside, [], form, strict, git_root=root)


# -------------------------------------------------------------------------------------- set


# Keys whose value is text even when it looks like a number or a boolean.
def parse_assignment(assignment: str) -> tuple[str, Any]:
    from agent_tui.core.fields import BadValue, value_from_text

    if any("\udc80" <= char <= "\udcff" for char in assignment):
        raise CliError(f"{assignment!r} is not valid UTF-8 text; nothing was written")
    key, sep, raw = assignment.partition("=")
    key = key.strip()
    if not sep or not key:
        raise CliError(f"expected KEY=VALUE, got {assignment!r}")
    try:
        return key, value_from_text(key, raw)
    except BadValue as error:
        raise CliError(f"{key}: {error}") from None


def command_set(start: Path, agent_ref: str, assignments: list[str], unset: list[str]) -> int:
    from agent_tui.core import frontmatter
    from agent_tui.core.agent import edit_problem
    from agent_tui.core.textfile import FileProblem, read_text_file
    from agent_tui.core.workspace import discover
    from agent_tui.io.atomic import SaveError, atomic_write
    from agent_tui.io.boundary import allow_writes_for, check_write

    if not assignments and not unset:
        raise CliError("nothing to do: give KEY=VALUE or --unset KEY")
    changes = [parse_assignment(item) for item in assignments]
    workspace = discover(start)
    allow_writes_for(workspace.root, [workspace.user_dir])
    entry = workspace.find_agent(agent_ref)
    path = entry.file.path if entry else None
    if path is None:
        candidate = Path(agent_ref)
        if candidate.suffix == ".md" and candidate.is_file():
            path = candidate
        else:
            raise CliError(f"no agent named {agent_ref!r} (see `agent-tui ls`)")
    try:
        source = read_text_file(path)
    except FileProblem as problem:
        raise CliError(str(problem)) from None
    text = source.text
    try:
        for key, value in changes:
            text = frontmatter.set_value(text, key, value)
        for key in unset:
            text = frontmatter.remove_key(text, key)
    except frontmatter.EditError as error:
        raise CliError(f"{path}: {error}; nothing was written") from None
    touched: dict[str, Any] = {**dict(changes), **dict.fromkeys(unset)}
    refusal = edit_problem(path, source.text, text, touched)
    if refusal is not None:
        print(f"agent-tui: {path}: {refusal}; nothing was written", file=sys.stderr)
        return EXIT_FINDINGS
    if text == source.text:
        print(f"{workspace.display_path(path)}: unchanged")
        return EXIT_OK
    try:
        check_write(path)
        atomic_write(path, source.encode(text))
    except SaveError as error:
        raise CliError(str(error)) from None
    keys = [key for key, _ in changes] + [f"-{key}" for key in unset]
    print(f"{workspace.display_path(path)}: {', '.join(keys)}")
    return EXIT_OK
