"""Memory curation in the interface: topic changes go with the index (saved together or
discarded together), memory that is off, moving a section out and fitting the budget."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, Input, OptionList

from agent_tui.core.budget import measure
from agent_tui.demo import make_demo_repo
from agent_tui.ui.app import AgentTuiApp
from agent_tui.ui.dialogs import ChoiceScreen
from agent_tui.ui.widgets.agent_list import AgentList
from agent_tui.ui.widgets.memory_pane import MemoryPane
from agent_tui.ui.widgets.topic_files import TopicList
from conftest import agent, write_tree
from ui_helpers import drive, press, select_agent, until, widget

MEMORY = Path(".claude/agent-memory")


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    return make_demo_repo(tmp_path)


def asking(app: AgentTuiApp, button: str) -> bool:
    """A question is up, with its buttons mounted."""
    return isinstance(app.screen, ChoiceScreen) and bool(app.screen.query(f"#{button}"))


async def pick_topic(app: AgentTuiApp, pilot: Pilot[None], name: str) -> MemoryPane:
    await press(pilot, "2")
    pane = widget(app, "#memory-pane", MemoryPane)
    topics = app.agents.query_one(TopicList)
    topics.focus()
    topics.highlighted = [row.relpath for row in pane.rows].index(name)
    return pane


def test_rename_then_discard_leaves_file_and_index_as_they_were(demo: Path) -> None:
    folder = demo / MEMORY / "code-reviewer"
    index = (folder / "MEMORY.md").read_bytes()

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        pane = await pick_topic(app, pilot, "testing.md")
        await press(pilot, "f2")
        app.screen.query_one(Input).value = "tests.md"
        await press(pilot, "enter")
        assert (folder / "testing.md").exists(), "nothing on disk before ctrl+s"
        row = next(row for row in pane.rows if row.relpath == "tests.md")
        assert row.pending == "renamed from testing.md"
        assert "1 topic file change" in app.agents.dirty_names()
        await select_agent_asking(app, pilot, "docs-writer", "discard")
        await select_agent(app, pilot, "code-reviewer")
        await press(pilot, "2")
        pane = widget(app, "#memory-pane", MemoryPane)
        await until(pilot, lambda: "testing.md" in [row.relpath for row in pane.rows])
        assert not pane.changes and "(testing.md)" in pane.editor.text

    drive(demo, flow)
    assert (folder / "testing.md").exists() and not (folder / "tests.md").exists()
    assert (folder / "MEMORY.md").read_bytes() == index


def test_a_new_topic_waits_for_the_index_and_switching_away_can_discard_both(demo: Path) -> None:
    folder = demo / MEMORY / "docs-writer"
    index = (folder / "MEMORY.md").read_bytes()

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        await select_agent(app, pilot, "docs-writer")
        await press(pilot, "2")
        app.agents.query_one(TopicList).focus()
        await press(pilot, "n")
        app.screen.query_one(Input).value = "Release steps"
        await press(pilot, "enter")
        await press(pilot, "escape")  # its editor: closed without saving the topic itself
        await until(pilot, lambda: asking(app, "discard"))
        app.screen.query_one("#discard", Button).press()
        await until(pilot, lambda: app.screen is app.agents)
        assert not (folder / "release-steps.md").exists()
        assert "(release-steps.md)" in widget(app, "#memory-pane", MemoryPane).editor.text
        await select_agent_asking(app, pilot, "code-reviewer", "discard")

    drive(demo, flow)
    assert not (folder / "release-steps.md").exists()
    assert (folder / "MEMORY.md").read_bytes() == index


async def select_agent_asking(app: AgentTuiApp, pilot: Pilot[None], name: str, answer: str) -> None:
    agents = widget(app, "#agents", AgentList)
    key = next(k for k, i in agents.items.items() if i.entry and i.entry.file.name == name)
    agents.focus()
    agents.select_key(key)
    await until(pilot, lambda: asking(app, answer))
    app.screen.query_one(f"#{answer}", Button).press()
    await until(pilot, lambda: app.agents.opened is not None and app.agents.opened.key == key)


def test_delete_offers_to_remove_the_lines_that_name_it(demo: Path) -> None:
    folder = demo / MEMORY / "code-reviewer"

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        pane = await pick_topic(app, pilot, "naming.md")
        await press(pilot, "delete")
        assert isinstance(app.screen, ChoiceScreen)
        assert app.screen.focused is not None and app.screen.focused.id == "cancel"
        app.screen.query_one("#delete-lines", Button).press()
        await until(pilot, lambda: "naming.md" not in pane.editor.text)
        assert "naming.md" not in pane.editor.text
        await press(pilot, "ctrl+s")

    drive(demo, flow)
    assert not (folder / "naming.md").exists()
    assert "naming.md" not in (folder / "MEMORY.md").read_text()


def index_as(root: Path, case: str) -> Path:
    """The keeper's MEMORY.md as something the editor cannot show as it is."""
    index = root / ".claude/agent-memory/keeper/MEMORY.md"
    if case == "not UTF-8":  # a Windows editor's Latin-1: Claude Code reads it all the same
        index.write_bytes("- café fact\n".encode("latin-1") * 250)
    elif case == "too large to edit":  # over the editor's 8 MiB, under the index's 64 MiB
        index.write_bytes(b"- x\n" * 2_200_000)
    elif case == "a link":
        (root / "facts.md").write_text("- a fact\n")
        index.unlink()
        index.symlink_to(root / "facts.md")
    elif case == "a named pipe":
        index.unlink()
        os.mkfifo(index)
    return index


@pytest.mark.parametrize("case", ["not UTF-8", "too large to edit"])
def test_the_meter_measures_an_index_the_editor_cannot_show_as_claude_code_reads_it(
    tmp_path: Path, case: str
) -> None:
    """The editor shows a note in place of such a file; the meter and the dropped entries
    are the file's, as Claude Code reads it, not the note's (which was "within budget")."""
    root = write_tree(tmp_path / "repo", {
        ".git/HEAD": "ref: refs/heads/main\n",
        ".claude/agents/keeper.md": agent("keeper", extra="memory: project\n"),
        ".claude/agent-memory/keeper/MEMORY.md": "",
    })  # fmt: skip
    lines = 250 if case == "not UTF-8" else 2_200_000
    index_as(root, case)

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        await press(pilot, "2")
        pane = widget(app, "#memory-pane", MemoryPane)
        assert pane.editor.read_only
        assert pane.budget is not None and pane.budget.lines == lines and pane.budget.truncated
        meter = str(pane.query_one("#meter").render())
        assert f"{lines:,}/200 lines" in meter and "ctrl+b" not in meter  # it cannot change
        lost = str(pane.query_one("#lost", OptionList).get_option_at_index(0).prompt)
        assert "nothing" not in lost
        if case == "not UTF-8":
            assert len(pane.lost) == 50 and "caf" in lost

    drive(root, flow)


@pytest.mark.parametrize("case", ["a link", "a named pipe"])
def test_an_index_claude_code_does_not_load_shows_none_of_it_loaded_and_why(
    tmp_path: Path, case: str
) -> None:
    root = write_tree(tmp_path / "repo", {
        ".git/HEAD": "ref: refs/heads/main\n",
        ".claude/agents/keeper.md": agent("keeper", extra="memory: project\n"),
        ".claude/agent-memory/keeper/MEMORY.md": "",
    })  # fmt: skip
    index_as(root, case)

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        await press(pilot, "2")
        pane = widget(app, "#memory-pane", MemoryPane)
        assert "none of it loaded" in str(pane.query_one("#meter").render())
        reason = str(pane.query_one("#off-reason").render())
        assert pane.has_class("-off") and "Claude Code does not load" in reason
        assert not pane.query_one("#turn-on").display  # memory is on: nothing to turn on
        lost = str(pane.query_one("#lost", OptionList).get_option_at_index(0).prompt)
        assert lost == "none of it loads"
        pane.editor.focus()
        await press(pilot, "ctrl+b")  # fit: it said "the whole index loads"
        await until(pilot, lambda: bool(app._notifications))
        assert [n.message for n in app._notifications] == [
            "This index cannot be changed here"
            if pane.editor.read_only
            else "Claude Code loads none of this index: there is no budget to fit"
        ]

    drive(root, flow)


def test_memory_without_a_memory_key_is_off_and_can_be_turned_on(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "repo", {
        ".git/HEAD": "ref: refs/heads/main\n",
        ".claude/agents/keeper.md": agent("keeper"),
        ".claude/agent-memory/keeper/MEMORY.md": "- a fact\n",
    })  # fmt: skip

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        row = widget(app, "#agents", AgentList).row_text(1)
        assert "off" in str(row) and "1/200" not in str(row)  # no budget badge
        await press(pilot, "2")
        pane = widget(app, "#memory-pane", MemoryPane)
        assert pane.has_class("-off") and "memory off" in str(
            pane.query_one("#off-reason").render()
        )
        assert "none of it loaded" in str(pane.query_one("#meter").render())
        lost = pane.query_one("#lost", OptionList)
        assert str(lost.get_option_at_index(0).prompt) == "none of it loads"
        await pilot.click("#turn-on")
        await press(pilot)
        await press(pilot, "ctrl+s")
        await until(pilot, lambda: not pane.has_class("-off"))
        await until(pilot, lambda: "every entry loads" in str(lost.get_option_at_index(0).prompt))

    drive(root, flow)
    assert "memory: project" in (root / ".claude/agents/keeper.md").read_text()


def test_fit_shows_the_plan_then_applies_it_as_one_unsaved_change(demo: Path) -> None:
    folder = demo / MEMORY / "code-reviewer"
    before = sorted(p.name for p in folder.iterdir())

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        await press(pilot, "2", "ctrl+b")
        await until(pilot, lambda: asking(app, "apply"))
        assert app.screen.focused is not None and app.screen.focused.id == "cancel"
        app.screen.query_one("#apply", Button).press()
        pane = widget(app, "#memory-pane", MemoryPane)
        await until(pilot, lambda: bool(pane.changes.created))
        assert pane.budget is not None and not pane.budget.truncated
        assert "(naming.md)" in pane.editor.text and "(testing.md)" in pane.editor.text
        assert sorted(p.name for p in folder.iterdir()) == before, "nothing written yet"
        new = [row for row in pane.rows if row.pending == "new"]
        assert len(new) == len(pane.changes.created) > 0
        await press(pilot, "ctrl+s")

    drive(demo, flow)
    index = (folder / "MEMORY.md").read_text()
    budget = measure(index)
    assert not budget.truncated and "(testing.md)" in index and "(naming.md)" in index
    made = set(p.name for p in folder.iterdir()) - set(before)
    assert made and all(f"({name})" in index for name in made)


def test_move_the_section_at_the_cursor_to_a_topic_file(tmp_path: Path) -> None:
    index = "# Notes\n\n## Deploys\nAlways tag first.\n- then push\n\n## Tests\n- run all\n"
    root = write_tree(tmp_path / "repo", {
        ".git/HEAD": "ref: refs/heads/main\n",
        ".claude/agents/ops.md": agent("ops", extra="memory: project\n"),
        ".claude/agent-memory/ops/MEMORY.md": index,
    })  # fmt: skip
    folder = root / MEMORY / "ops"

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        await press(pilot, "2")
        pane = widget(app, "#memory-pane", MemoryPane)
        pane.editor.focus()
        pane.editor.move_cursor((3, 2))  # in "Always tag first."
        await press(pilot, "ctrl+o")
        await until(pilot, lambda: bool(app.screen.query("NameScreen #name")))
        assert app.screen.query_one("#name", Input).value == "deploys.md"
        await press(pilot, "enter")
        await until(pilot, lambda: "deploys.md" in pane.changes.created)
        assert pane.editor.text == (
            "# Notes\n\n- [Deploys](deploys.md) — Always tag first.\n\n## Tests\n- run all\n"
        )
        await press(pilot, "ctrl+s")

    drive(root, flow)
    topic = (folder / "deploys.md").read_text()
    assert topic.endswith("---\n\n## Deploys\nAlways tag first.\n- then push\n")
    assert (folder / "MEMORY.md").read_text().startswith("# Notes\n\n- [Deploys](deploys.md)")


def test_stale_paths_are_underlined_counted_and_follow_typing(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "repo", {
        ".git/HEAD": "ref: refs/heads/main\n",
        "src/app.py": "",
        ".claude/agents/ops.md": agent("ops", extra="memory: project\n"),
        ".claude/agent-memory/ops/MEMORY.md": "- entry: src/app.py\n- moved: src/old.py\n",
    })  # fmt: skip

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        status = str(app.agents.query_one("#list-status").render())
        assert "1 stale path in memory" in status
        await press(pilot, "2")
        pane = widget(app, "#memory-pane", MemoryPane)
        await until(pilot, lambda: pane.stale == [(2, "src/old.py")])
        line = pane.editor.get_line(1)
        assert any("underline" in str(span.style) for span in line.spans)
        assert "1 line name" in str(pane.query_one("#stale-note").render())
        pane.editor.focus()
        await press(pilot, "ctrl+end")
        for key in "- src/new.py":
            await pilot.press({" ": "space"}.get(key, key))
        await until(pilot, lambda: len(pane.stale) == 2)

    drive(root, flow)


def test_move_a_topic_to_another_agent(demo: Path) -> None:
    source = demo / MEMORY / "code-reviewer"
    target = demo / MEMORY / "docs-writer"

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        await pick_topic(app, pilot, "naming.md")
        await press(pilot, "m")
        await until(pilot, lambda: bool(app.screen.query("#pick")))
        picker = app.screen.query_one("#pick", OptionList)
        index = next(
            n for n in range(picker.option_count)
            if str(picker.get_option_at_index(n).prompt).startswith("docs-writer")
        )  # fmt: skip
        picker.highlighted = index
        await press(pilot, "enter")
        await until(pilot, lambda: (target / "naming.md").exists())

    drive(demo, flow)
    assert not (source / "naming.md").exists()
    assert "naming.md" not in (source / "MEMORY.md").read_text()
    assert "(naming.md)" in (target / "MEMORY.md").read_text()


def test_link_into_a_picked_section(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "repo", {
        ".git/HEAD": "ref: refs/heads/main\n",
        ".claude/agents/ops.md": agent("ops", extra="memory: project\n"),
        ".claude/agent-memory/ops/MEMORY.md": "## Deploys\n- tag first\n\n## Tests\n- run all\n",
        ".claude/agent-memory/ops/release.md": "---\nname: release\n---\nsteps\n",
    })  # fmt: skip

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        pane = await pick_topic(app, pilot, "release.md")
        await press(pilot, "l")
        await until(pilot, lambda: bool(app.screen.query("#pick")))
        picker = app.screen.query_one("#pick", OptionList)
        labels = [str(picker.get_option_at_index(n).prompt) for n in range(picker.option_count)]
        assert labels[1:] == ["end of ## Deploys", "end of ## Tests"]
        picker.highlighted = 1
        await press(pilot, "enter")
        await until(pilot, lambda: "(release.md)" in pane.editor.text)
        assert pane.editor.text.split("\n")[2] == "- [release](release.md)"

    drive(root, flow)
