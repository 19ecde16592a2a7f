"""An agent's memory directory: the MEMORY.md index, its links and its topic files."""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from urllib.parse import unquote

from agent_tui.core.budget import Budget, measure
from agent_tui.core.claude_yaml import parse_like_claude
from agent_tui.core.entries import Entry, dropped_entries, index_entries
from agent_tui.core.frontmatter import render_entry, split_like_claude
from agent_tui.core.textfile import FileProblem, read_text_file

INDEX_NAME = "MEMORY.md"
LINKED_INDEX = (
    "MEMORY.md is a link: Claude Code does not load a linked index (the agent is told so)"
)
NOT_REGULAR = "MEMORY.md is not a regular file: Claude Code does not load it"
# An index far past the budget is still measured, so the report can say how much is lost.
INDEX_MAX_BYTES = 64 * 1024 * 1024


class MemoryScope(str, Enum):
    PROJECT = "project"
    LOCAL = "local"
    USER = "user"
    AUTO = "auto"  # the main session's own memory for this repository, not an agent's


AGENT_MEMORY_SCOPES = (MemoryScope.PROJECT, MemoryScope.LOCAL, MemoryScope.USER)


def memory_dir_name(agent_name: str) -> str:
    """The folder Claude Code uses for an agent's memory: each UTF-16 unit outside
    `[a-zA-Z0-9_-]` becomes `-` (an emoji, two units, becomes `--`)."""
    return _UNUSUAL.sub(lambda m: "--" if ord(m.group()) > 0xFFFF else "-", agent_name) or "unknown"


_UNUSUAL = re.compile(r"[^a-zA-Z0-9_-]")


class LinkState(str, Enum):
    OK = "ok"
    BROKEN = "broken"  # the target does not exist
    OUTSIDE = "outside"  # the target leaves the memory directory
    PAST_CUT = "past-cut"  # named only in the part of the index Claude Code drops


@dataclass(frozen=True)
class IndexLink:
    """A markdown link in MEMORY.md to a file beside it."""

    text: str
    target: str
    line: int  # 1-based line in MEMORY.md
    relpath: str  # normalised path relative to the memory directory
    state: LinkState


# [text](target) with an optional "title"; images and external links are not index entries.
_LINK = re.compile(r"(?<!!)\[([^\]\n]*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|#|//)")


def find_links(
    index_text: str,
    memory_dir: Path,
    existing: set[str],
    on_disk: Callable[[str], bool] | None = None,
) -> list[IndexLink]:
    """Links to local files, judged against `existing` (relative paths of files present).

    A target not in `existing` is looked up with `on_disk` (default: a stat per call).
    """
    exists = on_disk or (lambda relpath: (memory_dir / relpath).exists())
    links: list[IndexLink] = []
    for number, line in enumerate(index_text.splitlines(), start=1):
        if "](" not in line:
            continue
        for text, target, normalised, outside in _line_links(line):
            if outside:
                state = LinkState.OUTSIDE
            elif normalised in existing or exists(normalised):
                state = LinkState.OK
            else:
                state = LinkState.BROKEN
            links.append(IndexLink(text, target, number, normalised, state))
    return links


@functools.lru_cache(maxsize=1 << 16)
def _line_links(line: str) -> tuple[tuple[str, str, str, bool], ...]:
    """(text, target, normalised path, leaves the folder) per local link in one line.

    Cached: while someone types, all lines but one are the same as a keystroke ago.
    """
    found: list[tuple[str, str, str, bool]] = []
    for match in _LINK.finditer(line):
        text, target = match.group(1), match.group(2)
        if _EXTERNAL.match(target):
            continue
        path_part = unquote(target.split("#", 1)[0])
        if not path_part:
            continue
        normalised = os.path.normpath(path_part).replace(os.sep, "/")
        outside = os.path.isabs(path_part) or normalised == ".." or normalised.startswith("../")
        found.append((text, target, normalised, outside))
    return tuple(found)


def _mention_pattern(
    topics: list[str] | tuple[str, ...],
) -> tuple[re.Pattern[str], dict[str, list[str]]] | None:
    """A pattern for every form naming a topic (its path, its file name), and which topics
    each form names."""
    names: dict[str, list[str]] = {}
    for topic in topics:
        for form in {topic, topic.rsplit("/", 1)[-1]}:
            names.setdefault(form, []).append(topic)
    if not names:
        return None
    forms = sorted(names, key=len, reverse=True)
    pattern = re.compile(
        r"(?<![\w./-])(" + "|".join(map(re.escape, forms)) + r")(?![\w/-]|\.[A-Za-z0-9])"
    )
    return pattern, names


def topic_mentions(index_text: str, topics: list[str] | tuple[str, ...]) -> dict[str, int]:
    """The first line (1-based) where the index names each topic file, in any form an agent
    would follow: a markdown link, the name in backticks, the bare file name or its path."""
    compiled = _mention_pattern(topics)
    if compiled is None:
        return {}
    pattern, names = compiled
    found: dict[str, int] = {}
    for number, line in enumerate(index_text.split("\n"), start=1):
        if ".md" not in line:
            continue
        for match in pattern.finditer(unquote(line)):  # `my%20notes.md` names `my notes.md`
            for topic in names[match.group(1)]:
                found.setdefault(topic, number)
        if len(found) == len(topics):
            break
    return found


def lines_naming_any(index_text: str, topics: list[str] | tuple[str, ...]) -> set[int]:
    """Every line (1-based) that names one of `topics`, in any form `topic_mentions` counts."""
    compiled = _mention_pattern(topics)
    if compiled is None:
        return set()
    pattern = compiled[0]
    return {
        number
        for number, line in enumerate(index_text.split("\n"), start=1)
        if ".md" in line and pattern.search(unquote(line))
    }


@dataclass(frozen=True)
class TopicMeta:
    """A topic file's optional frontmatter."""

    name: str | None = None
    description: str | None = None
    type: str | None = None
    problem: str | None = None


def read_topic_meta(path: Path) -> TopicMeta:
    try:
        source = read_text_file(path)
    except FileProblem as problem:
        return TopicMeta(problem=problem.message)
    return topic_meta(source.text)


def topic_meta(text: str) -> TopicMeta:
    """A topic file's frontmatter, from its text."""
    split = split_like_claude(text)
    if not split.has_frontmatter:
        return TopicMeta()
    parsed = parse_like_claude(split.frontmatter)
    if not parsed.ok:
        return TopicMeta(problem=f"frontmatter is not valid YAML: {parsed.error}")
    data = parsed.value if isinstance(parsed.value, dict) else {}

    def text_of(key: str) -> str | None:
        value = data.get(key)
        return None if value is None else str(value)

    return TopicMeta(text_of("name"), text_of("description"), text_of("type"))


@dataclass(frozen=True)
class MemoryIndex:
    """MEMORY.md as Claude Code loads it."""

    path: Path
    exists: bool
    text: str | None = None
    problem: FileProblem | None = None
    budget: Budget | None = None
    links: tuple[IndexLink, ...] = ()
    not_loaded: str | None = None  # why Claude Code gives the agent none of it

    def entries_past_cut(self) -> list[Entry]:
        """The entries Claude Code drops: sections, bullets, rows, links and paragraphs."""
        return dropped_entries(self.text or "", self.budget)


@dataclass(frozen=True)
class MemoryDir:
    path: Path
    scope: MemoryScope
    name: str  # the folder name (the agent name as Claude Code spells it on disk)
    index: MemoryIndex
    topic_files: tuple[str, ...] = ()  # relative paths, MEMORY.md excluded
    leaves_root: bool = False  # a link that resolves outside the project: not read by Claude Code
    problems: tuple[str, ...] = field(default_factory=tuple)

    @property
    def linked(self) -> set[str]:
        return {link.relpath for link in self.index.links if link.state is LinkState.OK}

    @functools.cached_property
    def mentions(self) -> dict[str, int]:
        """Topic file -> the first index line that names it (link, backticks, bare name)."""
        return topic_mentions(self.index.text or "", self.topic_files)

    @property
    def orphans(self) -> list[str]:
        """Topic files the index names nowhere: the agent has no way to find them."""
        named = self.linked | set(self.mentions)
        return [topic for topic in self.topic_files if topic not in named]

    @property
    def named_past_cut(self) -> list[str]:
        """Topic files named only in the part of the index Claude Code drops."""
        budget = self.index.budget
        cut = budget.cut_line if budget is not None and budget.truncated else None
        if cut is None:
            return []
        return [topic for topic, line in self.mentions.items() if line >= cut]

    @property
    def broken_links(self) -> list[IndexLink]:
        return [link for link in self.index.links if link.state is LinkState.BROKEN]

    @property
    def outside_links(self) -> list[IndexLink]:
        return [link for link in self.index.links if link.state is LinkState.OUTSIDE]


def _list_topics(directory: Path) -> tuple[list[str], list[str]]:
    topics: list[str] = []
    problems: list[str] = []
    stack = [(directory, "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError as error:
            problems.append(f"cannot list {prefix or '.'}: {error.strerror}")
            continue
        for entry in entries:
            rel = prefix + entry.name
            try:
                if entry.is_dir(follow_symlinks=False):
                    stack.append((Path(entry.path), rel + "/"))
                elif rel != INDEX_NAME and entry.name.endswith(".md"):
                    topics.append(rel)
            except OSError:
                problems.append(f"cannot read {rel}")
    topics.sort()
    return topics, problems


def read_memory_dir(path: Path, scope: MemoryScope, root: Path | None = None) -> MemoryDir:
    """Read a memory directory. `root`: the project root a project/local dir must stay in."""
    leaves_root = False
    if root is not None and scope is not MemoryScope.USER:
        try:
            leaves_root = not path.resolve().is_relative_to(root.resolve())
        except OSError:
            leaves_root = True
    index_path = path / INDEX_NAME
    if leaves_root:  # Claude Code does not read it, and neither do we: not even its listing
        return MemoryDir(path, scope, path.name, MemoryIndex(index_path, False), (), True)
    topics, problems = _list_topics(path)
    if not index_path.exists() and not index_path.is_symlink():
        index = MemoryIndex(index_path, False)
    elif index_path.is_symlink():
        index = MemoryIndex(index_path, True, not_loaded=LINKED_INDEX)
    else:
        try:
            source = read_text_file(index_path, INDEX_MAX_BYTES, lossy=True)
        except FileProblem as problem:
            reason = NOT_REGULAR if problem.code == "special" else None
            index = MemoryIndex(index_path, True, problem=problem, not_loaded=reason)
        else:
            links = find_links(source.text, path, set(topics))
            index = MemoryIndex(
                index_path,
                True,
                source.text,
                None,
                measure(source.text, strip=scope is MemoryScope.AUTO),
                tuple(links),
            )
    return MemoryDir(path, scope, path.name, index, tuple(topics), False, tuple(problems))


# ---------------------------------------------------------------------------------------------
# Edits to the index that follow a change to the topic files


def relink(index_text: str, old: str, new: str) -> str:
    """`index_text` with every link to topic `old` pointing at `new` instead.

    Anchors and titles are kept; links to other files, and text that only mentions the name,
    are left alone.
    """

    def replace(match: re.Match[str]) -> str:
        target = match.group(2)
        path_part, hash_mark, anchor = target.partition("#")
        if _EXTERNAL.match(target) or os.path.normpath(unquote(path_part)) != old:
            return match.group(0)
        start, end = match.span(2)
        whole = match.group(0)
        offset = match.start(0)
        replacement = new.replace(" ", "%20") + hash_mark + anchor
        return whole[: start - offset] + replacement + whole[end - offset :]

    return _LINK.sub(replace, index_text)


def index_entry(relpath: str, meta: TopicMeta) -> str:
    """The index line for a topic file: `- [title](file) — description`."""
    title = meta.name or relpath.rsplit("/", 1)[-1].removesuffix(".md")
    target = relpath.replace(" ", "%20")
    return f"- [{title}]({target})" + (f" — {meta.description}" if meta.description else "")


def append_entry(index_text: str, line: str) -> str:
    """`index_text` with `line` added at the end, on a line of its own."""
    if index_text and not index_text.endswith("\n"):
        index_text += "\n"
    return index_text + line + "\n"


def insert_entry(
    index_text: str, line: str, strip: bool = False, after: int | None = None
) -> tuple[str, int] | None:
    """`index_text` with `line` added where Claude Code still loads it, and its 1-based line
    number: after line `after` when given (the end of a section the user picked), else at
    the end when the whole index loads then, else after the last entry before the cut.
    None when that place, or any place, would not load (the loaded part is full)."""
    rows = index_text.split("\n")
    if after is not None:
        ending = "\r" if rows[after - 1].endswith("\r") else ""
        return _inserted_if_loaded(rows, after, line + ending, strip)
    appended = append_entry(index_text, line)
    if not measure(appended, strip=strip).truncated:
        return appended, len(appended.rstrip("\n").split("\n"))
    cut = measure(index_text, strip=strip).cut_line or len(rows) + 1
    ending = "\r" if "\r\n" in index_text else ""
    ends = sorted({e.last_line for e in index_entries(index_text) if e.last_line < cut})
    for end in reversed(ends[-50:]):  # the first tries nearly always fit
        placed = _inserted_if_loaded(rows, end, line + ending, strip)
        if placed is not None:
            return placed
    return None


def _inserted_if_loaded(
    rows: list[str], after: int, line: str, strip: bool
) -> tuple[str, int] | None:
    """The text with `line` after row `after` (1-based), and its line number, when Claude
    Code would load that line; else None."""
    candidate = "\n".join([*rows[:after], line, *rows[after:]])
    cut = measure(candidate, strip=strip).cut_line
    return (candidate, after + 1) if cut is None or cut > after + 1 else None


def lines_naming(index_text: str, topic: str) -> list[int]:
    """Every line (1-based) of the index that names `topic`, in any form `topic_mentions`
    counts (link, backticks, bare name or path)."""
    return sorted(lines_naming_any(index_text, [topic]))


def remove_lines(index_text: str, numbers: list[int]) -> str:
    drop = set(numbers)
    kept = [line for n, line in enumerate(index_text.split("\n"), start=1) if n not in drop]
    return "\n".join(kept)


TOPIC_TYPES = ("user", "feedback", "project", "reference")


def topic_text(name: str, description: str, type_: str) -> str:
    """A new topic file with the frontmatter Claude Code's memory tool writes."""
    fields = [("name", name), ("description", description), ("type", type_)]
    return "---\n" + "".join(render_entry(k, v, "\n") for k, v in fields if v) + "---\n\n"


def topic_file_name(name: str) -> str:
    """A safe file name for a topic called `name`."""
    stem = re.sub(r"[^a-zA-Z0-9_-]+", "-", name.strip().lower()).strip("-") or "topic"
    return stem + ".md"
