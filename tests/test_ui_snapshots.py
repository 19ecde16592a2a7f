"""Snapshots of each main screen state of the demo, at 120x40, with steady cursors.

Regenerate after an intended change with `pytest tests/test_ui_snapshots.py --snapshot-update`
and look at the report before committing.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Button

from agent_tui.demo import make_demo_repo
from agent_tui.ui.app import AgentTuiApp
from agent_tui.ui.screenshot import settle, steady_cursors
from agent_tui.ui.widgets.memory_pane import MemoryPane
from agent_tui.ui.widgets.topic_files import TopicList
from ui_helpers import until

SIZE = (120, 40)
Compare = Callable[..., bool]


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    return make_demo_repo(tmp_path)


def keys(*presses: str, then: Callable[[AgentTuiApp], None] | None = None) -> Any:
    """A run_before that waits for the app, presses keys, and stops the cursors blinking."""

    async def run_before(pilot: Pilot[None]) -> None:
        app = pilot.app
        assert isinstance(app, AgentTuiApp)
        await settle(pilot)
        for key in presses:
            await pilot.press(key)
            await settle(pilot)
        if then is not None:
            then(app)
            await settle(pilot)
        steady_cursors(app)
        await pilot.pause()

    return run_before


def snap(
    snap_compare: Compare, root: Path, run_before: Callable[[Pilot[None]], Awaitable[None]]
) -> None:
    assert snap_compare(AgentTuiApp(root), terminal_size=SIZE, run_before=run_before)


class TestAgentView:
    def test_agent_form(self, snap_compare: Compare, demo: Path) -> None:
        snap(snap_compare, demo, keys())

    def test_agent_with_literal_newlines(self, snap_compare: Compare, demo: Path) -> None:
        snap(snap_compare, demo, keys("down"))

    def test_agent_that_does_not_load(self, snap_compare: Compare, demo: Path) -> None:
        snap(snap_compare, demo, keys("down", "down", "down", "down"))

    def test_agent_with_bad_model_and_typo_key(self, snap_compare: Compare, demo: Path) -> None:
        snap(snap_compare, demo, keys("down", "down", "down"))

    def test_whole_file_view(self, snap_compare: Compare, demo: Path) -> None:
        snap(snap_compare, demo, keys("3"))

    def test_unsaved_edit_is_marked(self, snap_compare: Compare, demo: Path) -> None:
        def edit(app: AgentTuiApp) -> None:
            app.agents.query_one("#field-model").value = "opus"  # type: ignore[attr-defined]

        snap(snap_compare, demo, keys(then=edit))


class TestMemoryView:
    def test_over_budget(self, snap_compare: Compare, demo: Path) -> None:
        snap(snap_compare, demo, keys("2"))

    def test_cut_in_the_editor(self, snap_compare: Compare, demo: Path) -> None:
        def to_cut(app: AgentTuiApp) -> None:
            editor = app.agents.query_one(MemoryPane).editor
            editor.focus()
            editor.move_cursor((199, 0), center=True)

        snap(snap_compare, demo, keys("2", then=to_cut))

    def test_tight_budget(self, snap_compare: Compare, demo: Path) -> None:
        snap(snap_compare, demo, keys("down", "2"))

    def test_memory_with_no_agent(self, snap_compare: Compare, demo: Path) -> None:
        snap(snap_compare, demo, keys("end"))

    def test_preview(self, snap_compare: Compare, demo: Path) -> None:
        from agent_tui.ui.widgets.markdown_preview import MarkdownPreview

        async def run_before(pilot: Pilot[None]) -> None:
            await keys("down", "down", "2", "ctrl+t")(pilot)
            app = pilot.app
            assert isinstance(app, AgentTuiApp)
            await until(pilot, lambda: app.agents.query_one(MarkdownPreview).complete)
            await settle(pilot)

        snap(snap_compare, demo, run_before)

    def test_topic_file(self, snap_compare: Compare, demo: Path) -> None:
        def focus_topics(app: AgentTuiApp) -> None:
            app.agents.query_one(TopicList).focus()

        async def run_before(pilot: Pilot[None]) -> None:
            await keys("2", then=focus_topics)(pilot)
            await keys("enter")(pilot)

        snap(snap_compare, demo, run_before)


class TestAgentEye:
    def test_over_budget_memory_as_the_agent_sees_it(
        self, snap_compare: Compare, demo: Path
    ) -> None:
        snap(snap_compare, demo, keys("v", "end"))

    def test_agent_without_memory(self, snap_compare: Compare, demo: Path) -> None:
        snap(snap_compare, demo, keys("down", "down", "down", "down", "v"))


class TestNewAgent:
    def test_form_with_a_name_that_is_taken(self, snap_compare: Compare, demo: Path) -> None:
        snap(snap_compare, demo, keys("ctrl+n", *"code-reviewer"))


class TestSearch:
    def test_results_for_two_words(self, snap_compare: Compare, demo: Path) -> None:
        async def run_before(pilot: Pilot[None]) -> None:
            await keys("ctrl+f", *"migration rule")(pilot)
            searching = [w for w in pilot.app.workers if w.group == "search"]
            await until(pilot, lambda: all(w.is_finished for w in searching))
            await pilot.pause()

        snap(snap_compare, demo, run_before)


class TestDialogs:
    def test_help(self, snap_compare: Compare, demo: Path) -> None:
        snap(snap_compare, demo, keys("question_mark"))

    def test_filter(self, snap_compare: Compare, demo: Path) -> None:
        snap(snap_compare, demo, keys("slash", "d", "o", "c"))

    def test_quit_with_unsaved_changes(self, snap_compare: Compare, demo: Path) -> None:
        def edit(app: AgentTuiApp) -> None:
            app.agents.query_one("#field-model").value = "opus"  # type: ignore[attr-defined]

        async def run_before(pilot: Pilot[None]) -> None:
            await keys(then=edit)(pilot)
            await pilot.press("ctrl+q")
            await pilot.pause(0.2)

        snap(snap_compare, demo, run_before)

    def test_conflict_with_the_difference_shown(self, snap_compare: Compare, demo: Path) -> None:
        from agent_tui.ui.dialogs import ConflictScreen

        path = demo / ".claude/agents/code-reviewer.md"

        async def run_before(pilot: Pilot[None]) -> None:
            app = pilot.app
            assert isinstance(app, AgentTuiApp)
            await keys()(pilot)
            app.agents.query_one("#field-model").value = "opus"  # type: ignore[attr-defined]
            # The edit must be the app's before the file changes behind it, or the disk watch
            # (rightly) reloads a file that has no edits yet.
            await until(pilot, lambda: bool(app.agents.dirty_names()))
            # The watch's first look is its baseline: a change before it is never seen.
            await until(pilot, lambda: app.agents.disk_seen is not None)
            path.write_text(path.read_text().replace("color: blue", "color: green"))
            os.utime(path, ns=(10**9, 10**9))
            await until(
                pilot, lambda: app.agents.warned_of_disk_change
            )  # the watch saw it: one order
            await pilot.press("ctrl+s")
            await until(
                pilot,
                lambda: (
                    isinstance(app.screen, ConflictScreen)
                    and bool(app.screen.query("#diff-toggle"))
                ),
            )
            app.screen.query_one("#diff-toggle", Button).press()  # a click could land before layout
            await until(pilot, lambda: app.screen.query_one("#conflict-diff").display)
            # The disk watch's notice may or may not have come by now: not part of this state.
            app.clear_notifications()
            await pilot.pause(0.1)
            await until(pilot, lambda: not app.screen_stack[0].query("Toast"))
            await settle(pilot)
            steady_cursors(app)

        snap(snap_compare, demo, run_before)

    def test_empty_workspace(self, snap_compare: Compare, tmp_path: Path) -> None:
        root = tmp_path / "empty-project"
        (root / ".git").mkdir(parents=True)
        snap(snap_compare, root, keys())


class TestReview:
    """The demo's review: a reworded topic (staged), an index entry and a new topic."""

    def test_unified_with_word_level_changes(self, snap_compare: Compare, demo: Path) -> None:
        snap(snap_compare, demo, keys("r"))

    def test_side_by_side(self, snap_compare: Compare, demo: Path) -> None:
        snap(snap_compare, demo, keys("r", "s"))

    def test_index_with_budget_before_and_after(self, snap_compare: Compare, demo: Path) -> None:
        snap(snap_compare, demo, keys("r", "down"))

    def test_history_of_a_line(self, snap_compare: Compare, demo: Path) -> None:
        snap(snap_compare, demo, keys("r", "tab", "down", "down", "down", "down", "h"))

    def test_commit_blocked_by_a_secret(self, snap_compare: Compare, demo: Path) -> None:
        topic = demo / ".claude/agent-memory/docs-writer/api-docs.md"
        topic.write_text(topic.read_text() + "Deploy with key AKIA" + "ZZZZ2222YYYY3333.\n")
        subprocess.run(["git", "-C", str(demo), "add", "-A"], check=True)
        snap(snap_compare, demo, keys("r", "c", "F", "i", "x"))

    def test_unavailable_outside_a_repository(self, snap_compare: Compare, tmp_path: Path) -> None:
        root = tmp_path / "plain-folder"
        (root / ".claude" / "agents").mkdir(parents=True)
        (root / ".claude" / "agents" / "helper.md").write_text(
            "---\nname: helper\ndescription: Helps.\n---\n\nHelp.\n"
        )
        snap(snap_compare, root, keys("r"))


SIZES = {"80x24": (80, 24), "120x40": (120, 40), "200x50": (200, 50)}


@pytest.fixture
def large(tmp_path: Path) -> Path:
    from large_workspace import make

    return make(tmp_path / "large")


def filtered_to(name: str, *then: str) -> tuple[str, ...]:
    """Keys that filter the list to `name`, open it, then press `then`."""
    return ("slash", *[{"-": "minus"}.get(char, char) for char in name], "enter", *then)


class TestMainScreenSizes:
    """The main states at the three sizes the screen is designed for, on the demo and on a
    large workspace (40 agents sharing long prefixes, a 1,200-line index, 60 topic files)."""

    @pytest.mark.parametrize("size", SIZES)
    def test_demo_agent(self, snap_compare: Compare, demo: Path, size: str) -> None:
        assert snap_compare(AgentTuiApp(demo), terminal_size=SIZES[size], run_before=keys())

    @pytest.mark.parametrize("size", SIZES)
    def test_demo_memory(self, snap_compare: Compare, demo: Path, size: str) -> None:
        assert snap_compare(AgentTuiApp(demo), terminal_size=SIZES[size], run_before=keys("2"))

    @pytest.mark.parametrize("size", SIZES)
    def test_large_list(self, snap_compare: Compare, large: Path, size: str) -> None:
        run_before = keys("down", "down", "down", "down", "down")
        assert snap_compare(AgentTuiApp(large), terminal_size=SIZES[size], run_before=run_before)

    @pytest.mark.parametrize("size", SIZES)
    def test_large_memory(self, snap_compare: Compare, large: Path, size: str) -> None:
        from large_workspace import INDEX_OWNER

        run_before = keys(*filtered_to(INDEX_OWNER, "2"))
        assert snap_compare(AgentTuiApp(large), terminal_size=SIZES[size], run_before=run_before)

    def test_large_memory_panels_shown_at_80(self, snap_compare: Compare, large: Path) -> None:
        from large_workspace import INDEX_OWNER

        def panels(app: AgentTuiApp) -> None:
            app.agents.query_one(MemoryPane).panels = True

        run_before = keys(*filtered_to(INDEX_OWNER, "2"), then=panels)
        assert snap_compare(AgentTuiApp(large), terminal_size=(80, 24), run_before=run_before)

    def test_help_at_80(self, snap_compare: Compare, demo: Path) -> None:
        assert snap_compare(
            AgentTuiApp(demo), terminal_size=(80, 24), run_before=keys("question_mark")
        )

    def test_zoomed_list_at_80(self, snap_compare: Compare, large: Path) -> None:
        assert snap_compare(AgentTuiApp(large), terminal_size=(80, 24), run_before=keys("z"))

    def test_review_at_80(self, snap_compare: Compare, demo: Path) -> None:
        assert snap_compare(AgentTuiApp(demo), terminal_size=(80, 24), run_before=keys("r"))

    def test_memory_panels_stacked_at_80(self, snap_compare: Compare, demo: Path) -> None:
        assert snap_compare(
            AgentTuiApp(demo), terminal_size=(80, 24), run_before=keys("2", "ctrl+g")
        )
