"""Files the app cannot edit still open, say why, and are never written."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static, TextArea

from agent_tui.ui.app import AgentTuiApp
from agent_tui.ui.widgets.agent_form import AgentForm
from agent_tui.ui.widgets.memory_pane import MemoryPane
from conftest import Files, agent
from ui_helpers import drive, press, until, widget


def test_binary_agent_file_opens_read_only(repo: Callable[[Files], Path]) -> None:
    # Claude Code loads it (NUL bytes and all); agent-tui shows it and changes no byte.
    data = b"---\nname: x\ndescription: d\n---\nbody \x00\x01\n"
    root = repo({".claude/agents/blob.md": data})

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        form = widget(app, "#agent-form", AgentForm)
        assert not form.editable and all(field.disabled for field in form.query(Input))
        assert app.agents.opened is not None and app.agents.opened.entry.file.verdict.loads
        await press(pilot, "3")
        raw = widget(app, "#raw", TextArea)
        assert raw.read_only and "read-only" in raw.text
        await press(pilot, "ctrl+s")
        assert not app.agents.dirty_names()

    drive(root, flow)
    assert (root / ".claude/agents/blob.md").read_bytes() == data


def test_non_utf8_memory_index_is_read_only_with_the_reason(repo: Callable[[Files], Path]) -> None:
    latin = b"# Index\n- caf\xe9\n"
    root = repo(
        {
            ".claude/agents/a.md": agent("a", extra="memory: project\n"),
            ".claude/agent-memory/a/MEMORY.md": latin,
        }
    )

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        await press(pilot, "2")
        editor = widget(app, "#memory-pane", MemoryPane).editor
        assert editor.read_only and "not valid UTF-8" in editor.text
        assert not app.agents.dirty_names()

    drive(root, flow)
    assert (root / ".claude/agent-memory/a/MEMORY.md").read_bytes() == latin


def test_huge_memory_index_opens_without_freezing(repo: Callable[[Files], Path]) -> None:
    huge = "- a line of memory that repeats\n" * 300_000  # ~9.6 MB, past the 8 MB limit
    root = repo(
        {
            ".claude/agents/a.md": agent("a", extra="memory: project\n"),
            ".claude/agent-memory/a/MEMORY.md": huge,
        }
    )

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        await press(pilot, "2")
        editor = widget(app, "#memory-pane", MemoryPane).editor
        assert editor.read_only and "too large" in editor.text

    drive(root, flow)


def test_large_but_editable_index_shows_its_cut(repo: Callable[[Files], Path]) -> None:
    index = "".join(f"- [entry {n}](topic-{n}.md)\n" for n in range(5000))
    root = repo(
        {
            ".claude/agents/a.md": agent("a", extra="memory: project\n"),
            ".claude/agent-memory/a/MEMORY.md": index,
        }
    )

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        await press(pilot, "2")
        pane = widget(app, "#memory-pane", MemoryPane)
        assert pane.budget is not None and pane.budget.cut_line == 201
        assert len(pane.lost) == 4800

    drive(root, flow)


def test_unparsable_yaml_is_shown_and_kept_byte_for_byte(repo: Callable[[Files], Path]) -> None:
    text = '---\nname: a\ndescription: "open quote\n---\nBody\n'
    root = repo({".claude/agents/a.md": text})

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        verdict = str(widget(app, "#verdict", Static).render())
        assert "skips this file" in verdict and "not valid YAML" in verdict
        assert not app.agents.dirty_names()
        await press(pilot, "3")
        raw = widget(app, "#raw", TextArea)
        assert raw.text == text and not raw.read_only

    drive(root, flow)
    assert (root / ".claude/agents/a.md").read_text() == text


def test_an_empty_workspace_says_where_agents_live(repo: Callable[[Files], Path]) -> None:
    root = repo({"README.md": "nothing here\n"})

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        message = str(widget(app, "#empty", Static).render())
        assert ".claude/agents/" in message and "agent-tui demo" in message

    drive(root, flow)


def test_agent_without_memory_explains_how_to_add_it(repo: Callable[[Files], Path]) -> None:
    root = repo({".claude/agents/a.md": agent("a")})

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        await press(pilot, "2")
        pane = widget(app, "#memory-pane", MemoryPane)
        assert pane.has_class("-empty")
        assert "keeps no memory" in str(widget(app, "#memory-empty", Static).render())

    drive(root, flow)


def test_saving_a_new_memory_index_creates_it(repo: Callable[[Files], Path]) -> None:
    root = repo({".claude/agents/a.md": agent("a", extra="memory: project\n")})

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        await press(pilot, "2")
        pane = widget(app, "#memory-pane", MemoryPane)
        pane.editor.focus()
        await press(pilot, "h", "i", "ctrl+s")

    drive(root, flow)
    assert (root / ".claude/agent-memory/a/MEMORY.md").read_text() == "hi"


def test_a_workspace_that_cannot_be_read_says_so(
    repo: Callable[[Files], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    import agent_tui.ui.screens.agents as app_module

    root = repo({".claude/agents/a.md": agent("a")})

    def unreadable(start: Path, **_: object) -> None:
        raise PermissionError(13, "Permission denied", str(start / ".claude"))

    monkeypatch.setattr(app_module, "discover_in_steps", unreadable)

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        await until(
            pilot, lambda: any("Permission denied" in n.message for n in app._notifications)
        )
        assert app.is_running
        assert "could not read" in str(widget(app, "#list-status", Static).render())

    drive(root, flow)


def test_start_up_opens_a_pipe_as_the_first_agent_without_waiting_on_it(
    repo: Callable[[Files], Path],
) -> None:
    # The first agent is opened before the first frame, on the interface's own thread: a
    # FIFO there (or as its memory index) must be refused, not read.
    root = repo({
        ".claude/agents/b.md": agent("b", extra="memory: project\n"),
        ".claude/agent-memory/b/topic.md": "- a topic\n",
    })  # fmt: skip
    os.mkfifo(root / ".claude/agents/a-pipe.md")
    os.mkfifo(root / ".claude/agent-memory/b/MEMORY.md")

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        opened = app.agents.opened
        assert opened is not None and opened.entry is not None
        assert opened.entry.file.path.name == "a-pipe.md"
        assert opened.agent_doc is not None and opened.agent_doc.read_only
        await press(pilot, "down", "2")
        pane = widget(app, "#memory-pane", MemoryPane)
        await until(pilot, lambda: pane.editor.read_only)

    drive(root, flow)
