"""What a person does in the interface, driven with Textual's Pilot on the demo workspace."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, Input, OptionList, Static, TextArea

from agent_tui.core.memory import LinkState
from agent_tui.demo import make_demo_repo
from agent_tui.ui.app import AgentTuiApp
from agent_tui.ui.dialogs import ChoiceScreen, ConflictScreen, NameScreen
from agent_tui.ui.screens.help import HelpScreen
from agent_tui.ui.screens.topic import TopicScreen
from agent_tui.ui.widgets.agent_list import AgentList
from agent_tui.ui.widgets.memory_pane import MemoryPane
from agent_tui.ui.widgets.topic_files import TopicList
from ui_helpers import drive, press, select_agent, type_text, widget

AGENTS = Path(".claude/agents")
MEMORY = Path(".claude/agent-memory")


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    return make_demo_repo(tmp_path)


def names_in_list(app: AgentTuiApp) -> list[str]:
    items = widget(app, "#agents", AgentList).items.values()
    return [i.entry.file.display_name if i.entry else f"memory:{i.memory.name}" for i in items]  # type: ignore[union-attr]


def git_diff(root: Path) -> str:
    return subprocess.run(
        ["git", "-C", str(root), "diff", "-U0", "--", str(AGENTS)],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip


def changed_lines(diff: str) -> list[str]:
    return [
        line for line in diff.splitlines()
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]  # fmt: skip


async def retype(pilot: Pilot[None], field: str, erase: int, text: str) -> None:
    """Click a field, erase its last `erase` characters and type `text`, as a person does."""
    await pilot.click(field)
    await press(pilot, "end", *["backspace"] * erase)
    await type_text(pilot, text)


def change_on_disk(path: Path, old: str, new: str) -> None:
    """Someone else edits the file; an old mtime makes the change visible on any filesystem."""
    path.write_text(path.read_text().replace(old, new))
    os.utime(path, ns=(10**9, 10**9))


def test_start_shows_every_agent_and_the_memory_with_no_agent(demo: Path) -> None:
    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        assert names_in_list(app) == [
            "code-reviewer", "db-migrator", "docs-writer", "release-manager",
            "security-auditor", "memory:legacy-bot",
        ]  # fmt: skip
        assert app.agents.opened is not None and app.agents.opened.entry is not None
        assert widget(app, "#field-name", Input).value == "code-reviewer"

    drive(demo, flow)


def test_selecting_an_agent_shows_its_fields_with_literal_newlines_as_breaks(demo: Path) -> None:
    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        await press(pilot, "down")
        assert widget(app, "#field-name", Input).value == "db-migrator"
        description = widget(app, "#field-description", TextArea).text
        assert description.startswith("Plans and writes database migrations.\n\n<example>\n")
        assert not app.agents.dirty_names(), "showing a file must not change it"

    drive(demo, flow)


def test_filter_narrows_the_list_as_you_type(demo: Path) -> None:
    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        await press(pilot, "slash")
        await type_text(pilot, "docs")
        assert names_in_list(app) == ["docs-writer"]
        await press(pilot, "enter")
        assert app.focused is widget(app, "#agents", AgentList)
        widget(app, "#filter", Input).value = "nothing-matches"
        await pilot.pause()
        assert names_in_list(app) == []
        assert "No agent matches" in str(widget(app, "#empty", Static).render())

    drive(demo, flow)


def test_editing_a_field_and_saving_touches_only_that_line(demo: Path) -> None:
    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        await retype(pilot, "#field-model", 6, "opus")
        assert "*" in app.agents.sub_title
        await press(pilot, "ctrl+s")
        assert "*" not in app.agents.sub_title

    drive(demo, flow)
    assert changed_lines(git_diff(demo)) == ["-model: sonnet", "+model: opus"]


def test_editing_the_description_keeps_its_literal_newline_form(demo: Path) -> None:
    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        await select_agent(app, pilot, "db-migrator")
        await pilot.click("#field-description")
        await press(pilot, "ctrl+home")
        await type_text(pilot, "Carefully. ")
        await press(pilot, "ctrl+s")

    drive(demo, flow)
    diff = changed_lines(git_diff(demo))
    assert len(diff) == 2
    assert diff[1].startswith(
        '+description: "Carefully. Plans and writes database migrations.\\n\\n<example>'
    )


def test_editing_the_body_keeps_the_frontmatter(demo: Path) -> None:
    before = (demo / AGENTS / "code-reviewer.md").read_text()

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        widget(app, "#body", TextArea).focus()  # below the fold: focus scrolls it into view
        await press(pilot, "ctrl+end")
        await type_text(pilot, "Be kind.")
        await press(pilot, "ctrl+s")

    drive(demo, flow)
    after = (demo / AGENTS / "code-reviewer.md").read_text()
    assert after == before + "Be kind."


def test_raw_file_edits_show_in_the_form(demo: Path) -> None:
    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        await press(pilot, "3")
        raw = widget(app, "#raw", TextArea)
        raw.focus()
        raw.replace("opus", (3, 7), (3, 13))
        await press(pilot)
        await press(pilot, "escape", "1")
        assert widget(app, "#field-model", Input).value == "opus"
        assert app.agents.dirty_names() == ["code-reviewer.md"]

    drive(demo, flow)


def test_external_change_then_save_offers_the_difference_and_keep_mine(demo: Path) -> None:
    path = demo / AGENTS / "code-reviewer.md"

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        await retype(pilot, "#field-color", 4, "red")
        change_on_disk(path, "model: sonnet", "model: haiku")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ConflictScreen)
        await pilot.click("#diff-toggle")
        diff = str(app.screen.query_one("#diff", Static).render())
        assert "-model: haiku" in diff and "+color: red" in diff
        await pilot.click("#overwrite")
        await press(pilot)

    drive(demo, flow)
    text = path.read_text()
    assert "color: red" in text and "model: sonnet" in text


def test_external_change_then_reload_takes_the_disk_version(demo: Path) -> None:
    path = demo / AGENTS / "code-reviewer.md"

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        await pilot.click("#field-color")
        await type_text(pilot, "x")
        change_on_disk(path, "model: sonnet", "model: haiku")
        await press(pilot, "ctrl+s")
        await pilot.click("#reload")
        await press(pilot)
        assert widget(app, "#field-model", Input).value == "haiku"
        assert widget(app, "#field-color", Input).value == "blue"
        assert not app.agents.dirty_names()

    drive(demo, flow)
    assert "model: haiku" in path.read_text()


def test_quit_with_unsaved_work_asks_and_cancel_keeps_it(demo: Path) -> None:
    before = (demo / AGENTS / "code-reviewer.md").read_bytes()

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        await pilot.click("#field-color")
        await type_text(pilot, "x")
        await press(pilot, "ctrl+q")
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.click("#cancel")
        await press(pilot)
        assert app.is_running and app.agents.dirty_names() == ["code-reviewer.md"]
        await press(pilot, "ctrl+q")
        await pilot.click("#discard")
        await pilot.pause()
        assert not app.is_running

    drive(demo, flow)
    assert (demo / AGENTS / "code-reviewer.md").read_bytes() == before


def test_switching_agents_with_unsaved_work_asks_first(demo: Path) -> None:
    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        await pilot.click("#field-color")
        await press(pilot, "end")
        await type_text(pilot, "x")
        await press(pilot, "escape", "down")
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.click("#cancel")
        await press(pilot)
        assert app.agents.opened is not None and app.agents.opened.entry is not None
        assert app.agents.opened.entry.file.display_name == "code-reviewer"
        assert widget(app, "#field-color", Input).value == "bluex"
        await press(pilot, "down")
        await pilot.click("#save")
        await press(pilot)
        assert widget(app, "#field-name", Input).value == "db-migrator"

    drive(demo, flow)
    assert "color: bluex" in (demo / AGENTS / "code-reviewer.md").read_text()


def test_memory_meter_follows_typing(demo: Path) -> None:
    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        await select_agent(app, pilot, "docs-writer")
        await press(pilot, "2")
        pane = widget(app, "#memory-pane", MemoryPane)
        assert pane.budget is not None and pane.budget.lines == 4
        pane.editor.focus()
        await press(pilot, "ctrl+end")  # the file ends with a newline: an empty last line
        await type_text(pilot, "- one more")
        assert pane.budget.lines == 5
        assert app.agents.dirty_names() == ["docs-writer/MEMORY.md"]

    drive(demo, flow)


def test_over_budget_memory_lists_what_is_dropped(demo: Path) -> None:
    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        await press(pilot, "2")
        pane = widget(app, "#memory-pane", MemoryPane)
        assert pane.budget is not None and pane.budget.truncated
        titles = [entry.title for entry in pane.lost]  # every dropped entry, not only links
        assert len(titles) == pane.budget.lines_lost
        assert any("security-checklist.md" in title for title in titles)
        assert pane.editor._cut == pane.budget.cut_line - 1  # type: ignore[operator]

    drive(demo, flow)


def test_create_a_topic_file_links_it_into_the_index(demo: Path) -> None:
    folder = demo / MEMORY / "docs-writer"

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        await select_agent(app, pilot, "docs-writer")
        await press(pilot, "2")
        app.agents.query_one(TopicList).focus()
        await press(pilot, "n")
        assert isinstance(app.screen, NameScreen)
        await type_text(pilot, "Release steps")
        await press(pilot, "enter")
        assert isinstance(app.screen, TopicScreen)
        await press(pilot, "ctrl+end")
        await type_text(pilot, "Tag first.")
        await press(pilot, "ctrl+s", "escape")
        await press(pilot, "ctrl+s")

    drive(demo, flow)
    topic = (folder / "release-steps.md").read_text()
    assert topic.startswith("---\nname: Release steps\n") and topic.endswith("Tag first.")
    assert (folder / "MEMORY.md").read_text().endswith("- [Release steps](release-steps.md)\n")


def test_rename_a_topic_updates_its_index_link(demo: Path) -> None:
    folder = demo / MEMORY / "code-reviewer"

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        await press(pilot, "2")
        topics = app.agents.query_one(TopicList)
        pane = widget(app, "#memory-pane", MemoryPane)
        topics.focus()
        topics.highlighted = [row.relpath for row in pane.rows].index("testing.md")
        await press(pilot, "f2")
        name = app.screen.query_one(Input)
        name.value = "tests.md"
        await press(pilot, "enter")
        assert "(tests.md)" in pane.editor.text and "(testing.md)" not in pane.editor.text
        await press(pilot, "ctrl+s")

    drive(demo, flow)
    assert (folder / "tests.md").exists() and not (folder / "testing.md").exists()
    assert "- [testing](tests.md)" in (folder / "MEMORY.md").read_text()


def test_delete_a_topic_asks_first(demo: Path) -> None:
    orphan = demo / MEMORY / "code-reviewer" / "old-notes.md"

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        await press(pilot, "2")
        topics = app.agents.query_one(TopicList)
        pane = widget(app, "#memory-pane", MemoryPane)
        topics.focus()
        topics.highlighted = [row.relpath for row in pane.rows].index("old-notes.md")
        await press(pilot, "delete")
        assert isinstance(app.screen, ChoiceScreen)
        await press(pilot, "escape")
        assert orphan.exists()
        await press(pilot, "delete")
        await pilot.click("#delete")
        await press(pilot)
        assert "old-notes.md" not in [row.relpath for row in pane.rows]
        assert orphan.exists(), "deleted on save, with the index"
        await press(pilot, "ctrl+s")

    drive(demo, flow)
    assert not orphan.exists()


def test_link_an_orphan_into_the_index(demo: Path) -> None:
    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        await press(pilot, "2")
        topics = app.agents.query_one(TopicList)
        pane = widget(app, "#memory-pane", MemoryPane)
        topics.focus()
        topics.highlighted = [row.relpath for row in pane.rows].index("old-notes.md")
        assert pane.budget is not None and pane.budget.truncated  # the index is full
        await press(pilot, "l")
        entry = "- [old-notes](old-notes.md) — Notes from the first reviews"
        line = pane.editor.text.split("\n").index(entry) + 1
        assert line < pane.budget.cut_line  # type: ignore[operator]  # where it loads
        row = next(row for row in pane.rows if row.relpath == "old-notes.md")
        assert row.state is LinkState.OK, "now named in the loaded part"

    drive(demo, flow)


def test_a_file_claude_code_skips_says_why(demo: Path) -> None:
    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        await select_agent(app, pilot, "security-auditor")
        verdict = str(widget(app, "#verdict", Static).render())
        assert verdict.startswith("✗ Claude Code skips this file")

    drive(demo, flow)


def test_help_and_palette(demo: Path) -> None:
    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        await press(pilot, "escape")
        assert not isinstance(app.screen, HelpScreen)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert {"Save", "New topic file", "Rename topic file", "Review changes"} <= set(titles)
        # One entry each: Textual's own Keys and Quit (which would skip the unsaved question)
        # are replaced by ours.
        assert [t for t in titles if t.startswith("Keys")] == ["Keys and marks"]
        assert titles.count("Quit") == 1

    drive(demo, flow)


def test_topic_preview_renders_frontmatter_as_a_table(demo: Path) -> None:
    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        await press(pilot, "2")
        app.agents.query_one(TopicList).focus()
        await press(pilot, "enter")
        assert isinstance(app.screen, TopicScreen)
        await press(pilot, "ctrl+t")
        assert app.screen.query("#topic-preview")
        await press(pilot, "ctrl+t")
        assert not app.screen.query("#topic-preview")
        await press(pilot, "escape")
        assert app.screen is app.agents

    drive(demo, flow)


def test_buttons_exist_for_the_mouse(demo: Path) -> None:
    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        await pilot.click("#field-color")
        await type_text(pilot, "x")
        await press(pilot, "ctrl+q")
        assert {b.id for b in app.screen.query(Button)} == {"save", "discard", "cancel"}
        await pilot.click("#cancel")

    drive(demo, flow)


def test_a_broken_link_offers_to_create_the_topic(demo: Path) -> None:
    missing = demo / MEMORY / "code-reviewer" / "security-checklist.md"

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        await press(pilot, "2")
        topics = app.agents.query_one(TopicList)
        pane = widget(app, "#memory-pane", MemoryPane)
        topics.focus()
        topics.highlighted = [row.relpath for row in pane.rows].index("security-checklist.md")
        await press(pilot, "enter")
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.click("#create")
        await press(pilot)
        assert isinstance(app.screen, TopicScreen)
        await press(pilot, "escape")
        row = next(row for row in pane.rows if row.relpath == "security-checklist.md")
        # It exists now, but the demo names it past the cut: the agent still will not find it.
        assert row.state is not None and row.state.value == "past-cut"

    drive(demo, flow)
    assert missing.read_text().startswith("---\nname: security-checklist\n")


def test_a_link_in_the_index_preview_opens_the_topic(demo: Path) -> None:
    from agent_tui.ui.widgets.markdown_preview import MarkdownPreview

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        await press(pilot, "2", "ctrl+t")
        preview = app.agents.query_one("#index-preview", MarkdownPreview)
        # Line 3 of the demo index: `- [testing](testing.md) — testing`; click its text.
        await pilot.click(preview, offset=(4, 2))
        await press(pilot)
        assert isinstance(app.screen, TopicScreen) and app.screen.heading == "testing.md"

    drive(demo, flow)


def test_topic_commands_before_the_memory_tab_say_what_to_do(demo: Path) -> None:
    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        await app.agents.run_topic_command("link")
        await press(pilot)
        assert [n.message for n in app._notifications] == ["Show the Memory tab first (2)"]
        assert app.agents.memory_pane() is None, "the memory view is built only when first shown"
        await press(pilot, "2")
        assert app.agents.memory_pane() is not None

    drive(demo, flow)


def test_reload_shows_a_change_made_on_disk(demo: Path) -> None:
    path = demo / AGENTS / "code-reviewer.md"

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        path.write_text(path.read_text().replace("model: sonnet", "model: haiku"))
        await press(pilot, "ctrl+r")
        assert widget(app, "#field-model", Input).value == "haiku"
        await pilot.click("#field-color")
        await type_text(pilot, "x")
        path.write_text(path.read_text().replace("model: haiku", "model: opus"))
        await press(pilot, "ctrl+r")
        assert widget(app, "#field-model", Input).value == "haiku", "unsaved work is never replaced"
        assert app.agents.dirty_names() == ["code-reviewer.md"]

    drive(demo, flow)


def test_external_change_then_merge_keeps_both_edits(demo: Path) -> None:
    path = demo / AGENTS / "code-reviewer.md"

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        await retype(pilot, "#field-model", 6, "opus")
        change_on_disk(path, "color: blue", "color: green")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ConflictScreen)
        await pilot.click("#merge")
        await press(pilot)
        assert not app.agents.dirty_names()
        assert widget(app, "#field-color", Input).value == "green"

    drive(demo, flow)
    text = path.read_text()
    assert "model: opus" in text and "color: green" in text


def test_other_keys_are_edited_as_yaml(demo: Path) -> None:
    path = demo / AGENTS / "release-manager.md"
    before = path.read_text()

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        await select_agent(app, pilot, "release-manager")
        box = widget(app, "#other-keys", TextArea)
        assert box.text == "modle: opus\n"
        assert "unknown key `modle`" in str(widget(app, "#error-other", Static).render())
        box.replace("modle: [opus", (0, 0), (0, 11))
        await press(pilot)
        assert "not valid YAML" in str(widget(app, "#error-other", Static).render())
        assert not app.agents.dirty_names()
        box.replace("", (0, 0), box.document.end)
        await press(pilot)
        assert app.agents.dirty_names() == ["release-manager.md"]
        await press(pilot, "ctrl+s")

    drive(demo, flow)
    assert path.read_text() == before.replace("modle: opus\n", "")


def test_save_right_after_a_change_saves_that_change(demo: Path) -> None:
    """ctrl+s in the same burst as a paste: the change event may still be queued."""

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        widget(app, "#field-model", Input).value = "opus"
        await pilot.press("ctrl+s")  # no pause between the change and the save
        await press(pilot)
        assert not app.agents.dirty_names()

    drive(demo, flow)
    assert changed_lines(git_diff(demo)) == ["-model: sonnet", "+model: opus"]


def test_the_file_tab_edit_wins_over_a_stale_form(demo: Path) -> None:
    path = demo / AGENTS / "code-reviewer.md"

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        widget(app, "#field-color", Input).value = "red"
        await press(pilot, "escape", "3")
        raw = widget(app, "#raw", TextArea)
        assert "color: red" in raw.text
        raw.replace("green", (4, 7), (4, 10))
        await press(pilot, "escape", "2")
        await press(pilot, "ctrl+s")

    drive(demo, flow)
    assert "color: green" in path.read_text()


def test_what_the_agent_sees_splits_memory_at_the_budget_cut(demo: Path) -> None:
    from agent_tui.core.budget import measure, split_loaded
    from agent_tui.ui.screens.agent_eye import AgentEyeScreen

    index = (demo / MEMORY / "code-reviewer" / "MEMORY.md").read_text()
    loaded, dropped = split_loaded(index)
    warning = measure(index).warning
    assert warning is not None and warning.startswith("> WARNING: MEMORY.md is ")

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        await press(pilot, "v")
        assert isinstance(app.screen, AgentEyeScreen)
        text = app.screen.content
        plain = text.plain
        assert "You review code changes for this repository." in plain
        cut = plain.index(f"✂ Claude Code stops here: the {dropped.count(chr(10))} lines")
        assert plain[:cut].rstrip().endswith(warning)  # Claude Code's own warning line
        assert plain[: plain.index(warning)].rstrip().endswith(loaded.splitlines()[-1])
        assert plain[cut:].split("\n", 1)[1].startswith(dropped.lstrip("\n").splitlines()[0])
        dropped_style = [span.style for span in text.spans if span.start > cut]
        assert "dim strike" in dropped_style
        await press(pilot, "escape")
        assert app.screen is app.agents

    drive(demo, flow)


def test_e_opens_the_file_in_the_editor_and_reads_it_again(
    demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    editor = tmp_path / "editor.py"
    editor.write_text(
        "import sys, pathlib\n"
        "p = pathlib.Path(sys.argv[1])\n"
        "p.write_text(p.read_text().replace('model: sonnet', 'model: haiku'))\n"
    )
    monkeypatch.setenv("VISUAL", f"{sys.executable} {editor}")

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        await press(pilot, "e")
        assert widget(app, "#field-model", Input).value == "haiku"
        widget(app, "#field-color", Input).value = "red"
        await press(pilot, "escape", "e")
        assert any("Save or discard" in n.message for n in app._notifications)
        assert widget(app, "#field-color", Input).value == "red", "unsaved work kept"

    drive(demo, flow)


def test_a_missing_editor_is_a_message(demo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VISUAL", "no-such-editor-agent-tui")

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        await press(pilot, "e")
        assert any("no-such-editor-agent-tui" in n.message for n in app._notifications)
        assert app.is_running

    drive(demo, flow)


def test_search_finds_a_word_in_a_topic_and_jumps_to_its_line(demo: Path) -> None:
    from agent_tui.ui.screens.search import SearchScreen

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        await press(pilot, "ctrl+f")
        assert isinstance(app.screen, SearchScreen)
        await type_text(pilot, "generated")
        await pilot.pause(0.3)
        found = [(h.target.owner, h.target.relpath, h.line) for h in app.screen.hits]
        assert ("docs-writer", "api-docs.md", 7) in found
        await press(pilot, "down")  # from the query to the results
        index = [h.target.relpath for h in app.screen.hits].index("api-docs.md")
        app.screen.query_one("#search-results", OptionList).highlighted = index
        await press(pilot, "enter")
        assert isinstance(app.screen, TopicScreen) and app.screen.heading == "api-docs.md"
        assert app.screen.query_one("#topic-editor", TextArea).cursor_location == (6, 0)
        assert app.agents.opened is not None and app.agents.opened.entry is not None
        assert app.agents.opened.entry.file.display_name == "docs-writer"

    drive(demo, flow)


def test_search_hit_in_an_agent_file_opens_the_file_tab_at_the_line(demo: Path) -> None:
    from agent_tui.ui.screens.search import SearchScreen

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        await press(pilot, "ctrl+f")
        await type_text(pilot, "reversible migrations")
        await pilot.pause(0.3)
        assert isinstance(app.screen, SearchScreen)
        assert [(h.target.owner, h.line) for h in app.screen.hits] == [("db-migrator", 10)]
        await press(pilot, "enter")  # one enter: the first hit
        assert app.agents.opened is not None and app.agents.opened.entry is not None
        assert app.agents.opened.entry.file.display_name == "db-migrator"
        raw = widget(app, "#raw", TextArea)
        assert raw.has_focus and raw.cursor_location == (9, 0)

    drive(demo, flow)


def test_new_agent_from_a_template_is_created_with_memory_and_checks_clean(demo: Path) -> None:
    from textual.widgets import Select

    from agent_tui.core.lint import Severity, lint_workspace
    from agent_tui.core.workspace import discover
    from agent_tui.ui.screens.new_agent import NewAgentScreen

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        await press(pilot, "ctrl+n")
        assert isinstance(app.screen, NewAgentScreen)
        screen = app.screen
        await type_text(pilot, "Bad Name")
        assert "lowercase" in str(screen.query_one("#new-name-error", Static).render())
        assert screen.query_one("#create", Button).disabled
        screen.query_one("#new-name", Input).value = "code-reviewer"
        await press(pilot)
        assert "already exists" in str(screen.query_one("#new-name-error", Static).render())
        screen.query_one("#new-name", Input).value = "api-reviewer"
        screen.query_one("#new-template", Select).value = "reviewer"
        await press(pilot)
        assert screen.query_one("#new-tools", Input).value == "Read, Grep, Glob"
        assert not screen.query_one("#create", Button).disabled
        await pilot.click("#create")
        await press(pilot)
        assert app.agents.opened is not None and app.agents.opened.entry is not None
        assert app.agents.opened.entry.file.display_name == "api-reviewer"

    drive(demo, flow)
    text = (demo / AGENTS / "api-reviewer.md").read_text()
    assert "memory: project" in text and ".claude/agent-memory/api-reviewer/" in text
    assert (demo / MEMORY / "api-reviewer" / "MEMORY.md").exists()
    mine = [
        f for f in lint_workspace(discover(demo))
        if "api-reviewer" in str(f.path) and f.severity is not Severity.INFO
    ]  # fmt: skip
    assert mine == []


def test_delete_agent_asks_about_its_memory(demo: Path) -> None:
    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        await select_agent(app, pilot, "docs-writer")
        await press(pilot, "delete")
        assert isinstance(app.screen, ChoiceScreen)
        await press(pilot, "escape")
        assert (demo / AGENTS / "docs-writer.md").exists()
        await press(pilot, "delete")
        await pilot.click("#keep")
        await press(pilot)
        assert "docs-writer" not in names_in_list(app)
        assert "memory:docs-writer" in names_in_list(app), "its memory is kept, now orphaned"

    drive(demo, flow)
    assert not (demo / AGENTS / "docs-writer.md").exists()
    assert (demo / MEMORY / "docs-writer" / "MEMORY.md").exists()


def test_an_outside_edit_appears_without_a_restart(
    demo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import agent_tui.ui.screens.agents as app_module

    monkeypatch.setattr(app_module, "WATCH_SECONDS", 0.1)
    path = demo / AGENTS / "code-reviewer.md"
    index = demo / MEMORY / "code-reviewer" / "MEMORY.md"

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        await press(pilot, "2")
        path.write_text(path.read_text().replace("model: sonnet", "model: haiku"))
        index.write_text("# Memory index\n\n- one entry written by Claude Code\n")
        await pilot.pause(0.5)
        await press(pilot)
        assert widget(app, "#field-model", Input).value == "haiku"
        pane = widget(app, "#memory-pane", MemoryPane)
        assert "written by Claude Code" in pane.editor.text
        widget(app, "#field-color", Input).value = "red"
        await press(pilot)
        path.write_text(path.read_text().replace("model: haiku", "model: opus"))
        await pilot.pause(0.5)
        await press(pilot)
        assert widget(app, "#field-color", Input).value == "red", "unsaved edits never replaced"
        assert widget(app, "#field-model", Input).value == "haiku"
        assert any("changed on disk" in n.message for n in app._notifications)

    drive(demo, flow)
