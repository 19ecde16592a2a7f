"""Discovering a repository's agents and memory the way Claude Code 2.1.332 does.

Project agents: every `.claude/agents` from the start folder up to the git root (outside git,
up to `/`), never the home folder's, which is user scope. Each folder is read whole: `*.md`
at any depth (the suffix case-sensitive), hidden entries included, links to files and folders
followed with a loop check. Same name in two folders: the closest wins; in one folder, the
files are sorted by path in UTF-16 order and the last wins. Memory folders are relative to
the start folder, not the git root.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from agent_tui.core.agent import AgentFile, AgentScope, read_agent_file, read_plugin_agent
from agent_tui.core.memory import (
    AGENT_MEMORY_SCOPES,
    MemoryDir,
    MemoryScope,
    memory_dir_name,
    read_memory_dir,
)

AGENTS = Path(".claude/agents")
PROJECT_MEMORY = Path(".claude/agent-memory")
LOCAL_MEMORY = Path(".claude/agent-memory-local")


def find_git_root(start: Path) -> Path | None:
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return None


def find_root(start: Path) -> Path:
    """The repository root above `start`, or `start` itself outside a repository."""
    return find_git_root(start) or start.resolve()


def home_dir(environ: Mapping[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    return Path(env.get("HOME") or str(Path.home()))


SLUG_MAX = 200


def project_slug(path: Path) -> str:
    """Claude Code's folder name for a project under `<config dir>/projects/`: each UTF-16
    unit outside `[a-zA-Z0-9]` becomes `-`; a long one is cut and given a hash of the path."""
    text = str(path)
    slug = "".join(
        char if char.isascii() and char.isalnum() else "-" * (2 if ord(char) > 0xFFFF else 1)
        for char in text
    )
    if len(slug) <= SLUG_MAX:
        return slug
    units = text.encode("utf-16-le", "surrogatepass")
    value = 0
    for index in range(0, len(units), 2):  # Java's String.hashCode, as Claude Code computes it
        value = (value * 31 + int.from_bytes(units[index : index + 2], "little")) & 0xFFFFFFFF
    signed = value - (1 << 32) if value >= 1 << 31 else value
    return f"{slug[:SLUG_MAX]}-{_base36(abs(signed))}"


def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
        if number == 0:
            return out


def utf16_order(path: str) -> bytes:
    """JavaScript's string order (UTF-16 code units), which Claude Code sorts paths by."""
    return path.encode("utf-16-be", "surrogatepass")


def user_config_dir(environ: Mapping[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    configured = env.get("CLAUDE_CONFIG_DIR")
    if configured:
        return Path(configured).expanduser()
    return home_dir(env) / ".claude"


@dataclass
class AgentEntry:
    """An agent file in its workspace: where its memory is and whether another hides it."""

    file: AgentFile
    shadowed_by: AgentFile | None = None
    duplicate_of: AgentFile | None = None  # same name, same scope, loaded instead of this one
    memory_dir: MemoryDir | None = None
    memory_dir_expected: Path | None = None  # where its `memory:` scope says memory lives

    @property
    def active(self) -> bool:
        return self.file.verdict.loads and self.shadowed_by is None and self.duplicate_of is None

    @property
    def memory_off(self) -> str | None:
        """Why Claude Code does not load the memory folder found for this agent (a folder of
        its name exists, but its `memory:` key is missing or names another scope), or None."""
        found = self.memory_dir
        if found is None or found.path == self.memory_dir_expected:
            return None
        declared = self.file.memory
        if self.memory_dir_expected is None:
            why = "no `memory:` key" if declared is None else f"`memory: {declared}` is no scope"
        else:
            why = f"`memory: {declared}` reads the {declared} folder, "
            why += f"not this {found.scope.value} one"
        return f"memory off: Claude Code does not load this folder ({why})"


@dataclass
class Workspace:
    root: Path  # the git root (the start folder outside git)
    user_dir: Path
    start: Path = Path()  # where Claude Code would start: project memory lives below it
    agents: list[AgentEntry] = field(default_factory=list)
    memory_dirs: list[MemoryDir] = field(default_factory=list)
    orphan_memory_dirs: list[MemoryDir] = field(default_factory=list)
    auto_memory: MemoryDir | None = None  # the main session's memory, when the folder exists
    # Folders that could not be read, with why: agent folders (their agents are missing from
    # every report) and memory folders.
    unreadable_agents: list[tuple[Path, str]] = field(default_factory=list)
    unreadable_memory: list[tuple[Path, str]] = field(default_factory=list)
    complete: bool = True  # False for the first step of a large workspace, read in two

    @property
    def auto_memory_path(self) -> Path:
        """`<config dir>/projects/<slug of the git root>/memory`."""
        return self.user_dir / "projects" / project_slug(self.root) / "memory"

    def memory_base(self, scope: MemoryScope) -> Path:
        if scope is MemoryScope.PROJECT:
            return self.start / PROJECT_MEMORY
        if scope is MemoryScope.LOCAL:
            return self.start / LOCAL_MEMORY
        if scope is MemoryScope.AUTO:
            return self.auto_memory_path.parent
        return self.user_dir / "agent-memory"

    def display_path(self, path: Path) -> str:
        """Repository-relative where possible, absolute otherwise."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def find_agent(self, name_or_path: str) -> AgentEntry | None:
        candidate = Path(name_or_path)
        for base in (Path.cwd(), self.root):
            path = candidate if candidate.is_absolute() else base / candidate
            if path.suffix == ".md" and path.exists():
                resolved = path.resolve()
                for entry in self.agents:
                    if entry.file.path.resolve() == resolved:
                        return entry
        named = [entry for entry in self.agents if entry.file.name == name_or_path]
        active = [entry for entry in named if entry.active]
        chosen = active or named
        return chosen[0] if chosen else None


def _agent_files(folder: Path, unreadable: list[tuple[Path, str]] | None = None) -> list[str]:
    """Every `*.md` below `folder`, links followed once each, in UTF-16 path order. A folder
    that cannot be listed is noted in `unreadable` (Claude Code reads nothing there either).
    Paths as strings: a large workspace lists thousands before its first screenful is read."""
    if not folder.is_dir():
        return []
    found: list[str] = []
    seen: set[tuple[int, int]] = set()
    stack = [str(folder)]
    while stack:
        current = stack.pop()
        try:
            info = os.stat(current)
            entries = list(os.scandir(current))
        except OSError as error:
            if unreadable is not None:
                unreadable.append((Path(current), f"cannot list agent files: {_reason(error)}"))
            continue
        if (info.st_dev, info.st_ino) in seen:
            continue  # a link back to a folder already read
        seen.add((info.st_dev, info.st_ino))
        for entry in entries:
            try:
                if entry.is_dir():  # follows links
                    stack.append(entry.path)
                elif entry.name.endswith(".md"):
                    found.append(entry.path)
            except OSError:
                continue
    return sorted(found, key=utf16_order)


def _project_agent_dirs(start: Path, git_root: Path | None, home: Path) -> list[Path]:
    """`.claude/agents` folders from `start` up to the git root (or `/`), closest first;
    the home folder's is user scope, and inside git the walk stops there."""
    folders: list[Path] = []
    start = start.resolve()
    with contextlib.suppress(OSError):
        home = home.resolve()
    for folder in (start, *start.parents):
        if folder == home:
            if git_root is not None:
                break
            continue
        if (folder / AGENTS).is_dir():
            folders.append(folder / AGENTS)
        if folder == git_root:
            break
    return folders


def _memory_dirs(
    base: Path,
    scope: MemoryScope,
    root: Path | None,
    unreadable: list[tuple[Path, str]],
    only: set[str] | None = None,
    known: Mapping[Path, MemoryDir] | None = None,
) -> list[MemoryDir]:
    """The memory folders in `base` (only those named in `only`, when given; one in `known`
    is not read again); one that cannot be read is noted and the rest still are."""
    if not base.is_dir():
        return []
    dirs: list[MemoryDir] = []
    # A plain folder inside a base that is inside the root cannot leave it: resolve once.
    try:
        base_inside = root is None or base.resolve().is_relative_to(root.resolve())
        entries = sorted(os.scandir(base), key=lambda e: e.name)
    except (OSError, RuntimeError) as error:
        unreadable.append((base, f"cannot list the memory folders: {_reason(error)}"))
        return []
    for entry in entries:
        if only is not None and entry.name not in only:
            continue
        try:
            is_folder = entry.is_dir()  # follows links: a linked memory folder still counts
        except OSError as error:
            unreadable.append(
                (Path(entry.path), f"cannot read this memory folder: {_reason(error)}")
            )
            continue
        path = Path(entry.path)
        if known is not None and path in known:
            dirs.append(known[path])
        elif is_folder:
            check = None if base_inside and not entry.is_symlink() else root
            dirs.append(read_memory_dir(path, scope, check))
    return dirs


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError) and error.errno == errno.ELOOP:
        return "a link that leads back to itself"
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error)


def plugin_name(folder: Path) -> str:
    """The name in `.claude-plugin/plugin.json`, else the folder's name."""
    try:
        data = json.loads((folder / ".claude-plugin" / "plugin.json").read_text("utf-8"))
    except (OSError, ValueError):
        return folder.name
    name = data.get("name") if isinstance(data, dict) else None
    return name if isinstance(name, str) and name else folder.name


# An agent file's path with how to read it, and the folder it competes in for its name (None:
# a plugin's, which has an id of its own).
AgentReader = Callable[[Path], AgentFile]
AgentSource = tuple[str, AgentReader, int | None]


def _plugin_files(folder: Path) -> list[tuple[str, AgentReader]]:
    """The agent files of the plugin at `folder` (as `claude --plugin-dir folder` loads
    them), each with how to read it."""
    agents = folder / "agents"
    reader = partial(read_plugin_agent, plugin=plugin_name(folder), agents_folder=agents)
    return [(path, reader) for path in _agent_files(agents)]


def discover(
    start: Path, environ: Mapping[str, str] | None = None, plugin_dirs: Sequence[Path] = ()
) -> Workspace:
    """Everything agent-tui shows for the repository around `start`."""
    *_, workspace = discover_in_steps(start, environ, plugin_dirs)
    return workspace


def discover_in_steps(
    start: Path,
    environ: Mapping[str, str] | None = None,
    plugin_dirs: Sequence[Path] = (),
    first: int | None = None,
) -> Iterator[Workspace]:
    """`discover`, in two steps when `first` is given and the workspace has more agents:
    first a partial workspace (`complete` False) of the `first` agents a list sorted by name
    shows on top, taken by file name (the agent's name in nearly every repository), with their
    memory folders; then the whole one. Listing folders is quick and reading files is not, so a
    large workspace can show its first screenful while the rest is read."""
    git_root = find_git_root(start)
    root = git_root or start.resolve()
    base = Workspace(root, user_config_dir(environ), start.resolve())
    sources: list[AgentSource] = []
    project_dirs = _project_agent_dirs(start, git_root, home_dir(environ))
    folders = [(AgentScope.PROJECT, folder) for folder in project_dirs]
    user_agents = base.user_dir / "agents"
    if user_agents.resolve() not in {folder.resolve() for folder in project_dirs}:
        folders.append((AgentScope.USER, user_agents))
    for group, (scope, folder) in enumerate(folders):
        paths = _agent_files(folder, base.unreadable_agents)
        reader = partial(read_agent_file, scope=scope)
        sources += [(path, reader, group) for path in paths]
    for plugin in plugin_dirs:
        sources += [(path, reader, None) for path, reader in _plugin_files(plugin)]

    read: dict[str, AgentFile] = {}
    known: dict[Path, MemoryDir] = {}
    if first is not None and len(sources) > first:
        ranked = sorted(range(len(sources)), key=lambda n: (_stem(sources[n][0]).lower(), n))
        step = _assemble(base, [sources[n] for n in sorted(ranked[:first])], read, known)
        known = {folder.path: folder for folder in step.memory_dirs}
        yield step
    yield _assemble(base, sources, read, known, complete=True)


def _stem(path: str) -> str:
    """An agent file's name without its `.md`, without making a `Path`."""
    return os.path.basename(path)[: -len(".md")]


def _assemble(
    base: Workspace,
    sources: list[AgentSource],
    read: dict[str, AgentFile],
    known: Mapping[Path, MemoryDir],
    complete: bool = False,
) -> Workspace:
    """The workspace of `sources` (each file read unless in `read`, which keeps it) and their
    memory folders (one in `known` not read again): which agent wins a name and which memory
    folder is whose. Only a complete one has memory no agent claims and the main session's."""
    workspace = replace(
        base,
        agents=[],
        memory_dirs=[],
        unreadable_agents=list(base.unreadable_agents),
        unreadable_memory=[],
        complete=complete,
    )
    groups: dict[int, list[AgentEntry]] = {}
    for path, reader, group in sources:
        if path not in read:
            read[path] = reader(Path(path))
        entry = AgentEntry(read[path])
        workspace.agents.append(entry)
        if group is not None:
            groups.setdefault(group, []).append(entry)

    # Precedence: project beats user, a closer folder a farther one; in one folder the last
    # file in path order wins. Entries are listed in folder order, files in path order.
    winners: dict[str, AgentFile] = {}
    for entries in groups.values():
        for entry in reversed(entries):
            agent = entry.file
            if not agent.verdict.loads or agent.name is None:
                continue
            winner = winners.get(agent.name)
            if winner is None:
                winners[agent.name] = agent
            elif winner.scope is agent.scope:
                entry.duplicate_of = winner
            else:
                entry.shadowed_by = winner

    names = {memory_dir_name(e.file.name) for e in workspace.agents if e.file.name is not None}
    root = workspace.root
    for scope in AGENT_MEMORY_SCOPES:
        bound = None if scope is MemoryScope.USER else root
        base_dir = workspace.memory_base(scope)
        only = None if complete else names
        problems = workspace.unreadable_memory
        workspace.memory_dirs += _memory_dirs(base_dir, scope, bound, problems, only, known)
    by_location = {(d.scope, d.name): d for d in workspace.memory_dirs}
    claimed: set[tuple[MemoryScope, str]] = set()
    for entry in workspace.agents:
        name = entry.file.name
        if name is None:
            continue
        dir_name = memory_dir_name(name)
        for scope in AGENT_MEMORY_SCOPES:
            claimed.add((scope, dir_name))
        declared = entry.file.memory
        if declared in {scope.value for scope in AGENT_MEMORY_SCOPES}:
            scope = MemoryScope(declared)
            entry.memory_dir_expected = workspace.memory_base(scope) / dir_name
            entry.memory_dir = by_location.get((scope, dir_name))
        if entry.memory_dir is None:
            entry.memory_dir = next(
                (
                    by_location[(s, dir_name)]
                    for s in AGENT_MEMORY_SCOPES
                    if (s, dir_name) in by_location
                ),
                None,
            )
    if not complete:
        return workspace
    workspace.orphan_memory_dirs = [
        d for d in workspace.memory_dirs if (d.scope, d.name) not in claimed
    ]
    if workspace.auto_memory_path.is_dir():
        workspace.auto_memory = read_memory_dir(workspace.auto_memory_path, MemoryScope.AUTO)
    return workspace
