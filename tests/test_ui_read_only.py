"""A read-only session (for onboarding) refuses every write path and says so."""

from __future__ import annotations

import asyncio
import subprocess
from pathlib import Path

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


def refusals(app: AgentTuiApp) -> int:
    return sum("read-only" in n.message for n in app._notifications)


def test_every_write_path_is_refused_and_nothing_changes(demo: Path) -> None:
    before = snapshot_of(demo)

    async def main() -> None:
        app = AgentTuiApp(demo, read_only=True)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await flow(app, pilot)

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        assert "read-only" in app.sub_title
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
        topics = app.main.query_one(TopicList)
        topics.focus()
        for key in ("n", "f2", "delete", "l"):
            await press(pilot, key)
            assert app.screen is app.main, f"{key} opened a dialog in a read-only session"
        assert refusals(app) == 5
        topics.highlighted = [row.relpath for row in pane.rows].index("security-checklist.md")
        await press(pilot, "enter")  # a missing topic would be created: refused
        assert app.screen is app.main and refusals(app) == 6
        topics.highlighted = 0
        await press(pilot, "enter")
        assert isinstance(app.screen, TopicScreen)
        assert app.screen.query_one("#topic-editor", TextArea).read_only
        await press(pilot, "ctrl+s")
        assert refusals(app) == 7

    asyncio.run(main())
    assert snapshot_of(demo) == before
    status = subprocess.run(
        ["git", "-C", str(demo), "status", "--porcelain"], capture_output=True, text=True
    )
    assert status.stdout.count("\n") == 2, "only the demo's own uncommitted memory edit"


def test_new_and_delete_agent_are_refused_when_read_only(demo: Path) -> None:
    before = snapshot_of(demo)

    async def main() -> None:
        app = AgentTuiApp(demo, read_only=True)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await press(pilot, "ctrl+n")
            assert app.screen is app.main
            await press(pilot, "delete")
            assert app.screen is app.main
            assert refusals(app) == 2

    asyncio.run(main())
    assert snapshot_of(demo) == before
