"""Full-text search over every agent file and memory file of a workspace."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from agent_tui.core.memory import INDEX_NAME
from agent_tui.core.textfile import FileProblem, read_text_file
from agent_tui.core.workspace import Workspace


@dataclass(frozen=True)
class SearchTarget:
    """A file to search and the list row it belongs to."""

    path: Path
    owner: str  # the agent (or memory folder) name shown with each hit
    kind: str  # "agent", "index" or "topic"
    relpath: str = ""  # for topics: the path inside the memory folder


@dataclass(frozen=True)
class Hit:
    target: SearchTarget
    line: int  # 1-based
    text: str  # the line, without its line ending


def search_targets(workspace: Workspace) -> list[SearchTarget]:
    """Agent files first, then each memory folder's index and topics."""
    targets = [
        SearchTarget(entry.file.path, entry.file.display_name, "agent")
        for entry in workspace.agents
    ]
    owners = {
        id(entry.memory_dir): entry.file.display_name
        for entry in workspace.agents
        if entry.memory_dir is not None
    }
    for memory in workspace.memory_dirs:
        owner = owners.get(id(memory), memory.name)
        if memory.index.exists:
            targets.append(SearchTarget(memory.path / INDEX_NAME, owner, "index", INDEX_NAME))
        targets += [
            SearchTarget(memory.path / rel, owner, "topic", rel) for rel in memory.topic_files
        ]
    return targets


def search(targets: list[SearchTarget], query: str) -> Iterator[Hit]:
    """Lines holding every word of `query` (any case), file by file, as they are found; the
    files of agents whose name matches first, so looking for an agent by name finds it
    before the agents that merely mention it.

    Files that cannot be read as text are skipped; they are reported elsewhere.
    """
    words = query.lower().split()
    if not words:
        return
    named = [t for t in targets if all(word in t.owner.lower() for word in words)]
    for target in named + [t for t in targets if t not in named]:
        try:
            text = read_text_file(target.path).text
        except FileProblem:
            continue
        lowered = text.lower()
        if not all(word in lowered for word in words):
            continue  # most files hold no hit: skip them without splitting lines
        for number, line in enumerate(text.split("\n"), start=1):
            low = line.lower()
            if all(word in low for word in words):
                yield Hit(target, number, line.rstrip("\r"))
