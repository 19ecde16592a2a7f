"""Reading what the app shows, off the UI thread: the workspace with its findings, and one
agent's files. The results travel to the app as messages."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from textual.message import Message

from agent_tui.core.lint import Finding, agent_findings, memory_findings
from agent_tui.core.memory import (
    INDEX_NAME,
    MemoryDir,
    MemoryScope,
    TopicMeta,
    read_memory_dir,
    read_topic_meta,
)
from agent_tui.core.stale import in_tree
from agent_tui.core.textfile import FileProblem
from agent_tui.core.workspace import AgentEntry, Workspace
from agent_tui.io.document import OpenFile
from agent_tui.ui.widgets.agent_list import item_key


@dataclass
class Opened:
    """The agent (or memory folder) being shown, with its files as read from disk."""

    key: str
    entry: AgentEntry | None
    memory: MemoryDir | None
    memory_folder: Path | None  # where its memory lives or would live
    agent_doc: OpenFile | None
    index_doc: OpenFile | None
    metas: dict[str, TopicMeta] = field(default_factory=dict)


class WorkspaceLoaded(Message):
    """The agents and memory folders, read; their checks follow in `FindingsRead`."""

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace


class FindingsRead(Message):
    """The checks behind the list's marks, per row, for `workspace`."""

    def __init__(self, workspace: Workspace, findings: dict[str, list[Finding]]) -> None:
        super().__init__()
        self.workspace = workspace
        self.findings = findings


class ItemOpened(Message):
    def __init__(self, opened: Opened) -> None:
        super().__init__()
        self.opened = opened


def all_findings(workspace: Workspace) -> dict[str, list[Finding]]:
    """Findings per list row: an agent's own plus its memory's."""
    found: dict[str, list[Finding]] = {}
    exists = in_tree(workspace.root)
    for entry in workspace.agents:
        memory = memory_findings(entry.memory_dir, True, exists) if entry.memory_dir else []
        found[item_key(entry, None)] = agent_findings(entry) + memory
    for memory_dir in workspace.orphan_memory_dirs:
        found[item_key(None, memory_dir)] = memory_findings(memory_dir, False, exists)
    if workspace.auto_memory is not None:
        auto = workspace.auto_memory
        found[item_key(None, auto)] = memory_findings(auto, True, exists)
    return found


def memory_scope(entry: AgentEntry | None, memory: MemoryDir | None) -> MemoryScope:
    if memory is not None:
        return memory.scope
    try:
        return MemoryScope(entry.file.memory if entry else None)
    except ValueError:
        return MemoryScope.PROJECT


def open_item(key: str, entry: AgentEntry | None, memory: MemoryDir | None) -> Opened:
    """Read an agent's files fresh from disk (runs in a thread)."""
    folder = memory.path if memory else entry.memory_dir_expected if entry else None
    if folder is not None and folder.is_dir() and not (memory and memory.leaves_root):
        memory = read_memory_dir(folder, memory_scope(entry, memory))
    agent_doc = OpenFile.read(entry.file.path) if entry else None
    index_doc: OpenFile | None = None
    if folder is not None and memory is not None and memory.leaves_root:
        index_path = folder / INDEX_NAME
        real = os.path.realpath(folder)
        reason = (
            f"this memory folder is a link out of the repository, to {real}: Claude Code does "
            "not read it, and agent-tui neither reads nor writes there"
        )
        index_doc = OpenFile(index_path, None, FileProblem(index_path, reason, "outside"))
    elif folder is not None:
        index_path = folder / INDEX_NAME
        index_doc = OpenFile.read(index_path) if index_path.exists() else OpenFile.new(index_path)
    metas: dict[str, TopicMeta] = {}
    if memory is not None and folder is not None:
        metas = {rel: read_topic_meta(folder / rel) for rel in memory.topic_files}
    return Opened(key, entry, memory, folder, agent_doc, index_doc, metas)
