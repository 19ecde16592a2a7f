"""A read-only session (for onboarding) refuses every write path and says so."""

from __future__ import annotations

import asyncio
import subprocess
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from agent_tui.demo import make_demo_repo
from agent_tui.ui.app import AgentTuiApp
from agent_tui.ui.screens.topic import TopicScreen
from agent_tui.ui.screenshot import settle
from agent_tui.ui.widgets.agent_form import AgentForm
from agent_tui.ui.widgets.memory_pane import MemoryPane
from agent_tui.ui.widgets.topic_files import TopicList
from ui_helpers import press, widget


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    return make_demo_repo(tmp_path)


def snapshot_of(root: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and ".git" not in path.parts
    }


class ReadOnlyApp(AgentTuiApp):
    """Counts every read-only refusal (notifications on screen expire after a few seconds)."""

    def __init__(self, root: Path) -> None:
        super().__init__(root, read_only=True)
        self.refused = 0

    def notify(self, message: str, *args: Any, **kwargs: Any) -> None:
        self.refused += "read-only" in message
        super().notify(message, *args, **kwargs)


def refusals(app: AgentTuiApp) -> int:
    assert isinstance(app, ReadOnlyApp)
    return app.refused


def git_status(root: Path) -> str:
    return subprocess.run(
        ["git", "-C", str(root), "status", "--porcelain"], capture_output=True, text=True
    ).stdout


def test_every_write_path_is_refused_and_nothing_changes(demo: Path) -> None:
    before = snapshot_of(demo)
    index_before = git_status(demo)

    async def main() -> None:
        app = ReadOnlyApp(demo)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await flow(app, pilot)

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        assert "read-only" in app.agents.sub_title
        form = widget(app, "#agent-form", AgentForm)
        assert all(field.disabled for field in form.query(Input))
        assert all(editor.read_only for editor in form.query(TextArea))
        await press(pilot, "ctrl+s")
        assert refusals(app) == 1
        await press(pilot, "3")
        assert widget(app, "#raw", TextArea).read_only
        await press(pilot, "escape", "2")
        pane = widget(app, "#memory-pane", MemoryPane)
        assert pane.editor.read_only
        topics = app.agents.query_one(TopicList)
        topics.focus()
        for key in ("n", "f2", "delete", "l"):
            await press(pilot, key)
            assert app.screen is app.agents, f"{key} opened a dialog in a read-only session"
        assert refusals(app) == 5
        topics.highlighted = [row.relpath for row in pane.rows].index("security-checklist.md")
        await press(pilot, "enter")  # a missing topic would be created: refused
        assert app.screen is app.agents and refusals(app) == 6
        topics.highlighted = 0
        await press(pilot, "enter")
        assert isinstance(app.screen, TopicScreen)
        assert app.screen.query_one("#topic-editor", TextArea).read_only
        await press(pilot, "ctrl+s")
        assert refusals(app) == 7
        await press(pilot, "escape", "escape", "r")  # the review: no staging, discard, commit
        for key in ("space", "d", "c", "tab", "space", "d"):
            await press(pilot, key)
        assert refusals(app) == 12

    asyncio.run(main())
    assert snapshot_of(demo) == before
    assert git_status(demo) == index_before


def test_new_and_delete_agent_are_refused_when_read_only(demo: Path) -> None:
    before = snapshot_of(demo)

    async def main() -> None:
        app = ReadOnlyApp(demo)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await press(pilot, "ctrl+n")
            assert app.screen is app.agents
            await press(pilot, "delete")
            assert app.screen is app.agents
            assert refusals(app) == 2

    asyncio.run(main())
    assert snapshot_of(demo) == before
