"""The main screen as a user meets it in real repositories and terminals: the list's columns,
its width, the key bar, dialogs that default to safety, the flows of issue 12, settings."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual import events
from textual.pilot import Pilot
from textual.widgets import Button, Input, OptionList

from agent_tui import cli
from agent_tui.core.workspace import AgentEntry, Workspace
from agent_tui.demo import make_demo_repo
from agent_tui.ui.app import AgentTuiApp
from agent_tui.ui.config import read_settings, with_setting
from agent_tui.ui.dialogs import ChoiceScreen
from agent_tui.ui.screens.agents import AgentsScreen
from agent_tui.ui.screenshot import settle
from agent_tui.ui.widgets.agent_list import AgentList, cut_middle
from agent_tui.ui.widgets.memory_pane import MemoryPane
from conftest import Files, agent
from large_workspace import INDEX_OWNER, make
from ui_helpers import drive, press, type_text, until, widget


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    return make_demo_repo(tmp_path)


@pytest.fixture
def large(tmp_path: Path) -> Path:
    return make(tmp_path / "large")


def rows(app: AgentTuiApp) -> list[str]:
    agents = widget(app, "#agents", AgentList)
    return [str(agents.row_text(i)) for i in range(agents.row_count)]


def write_settings(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


# ------------------------------------------------------------------------- start-up


@pytest.fixture
def collector_off() -> Iterator[None]:
    """Python's cycle collector off, as `agent-tui` starts the app; put back afterwards."""
    gc.disable()
    yield
    gc.enable()
    gc.unfreeze()


def test_the_command_starts_the_app_with_the_cycle_collector_off(
    demo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Start-up makes objects that all stay: the collector would only walk them."""
    seen: list[bool] = []
    monkeypatch.setattr(AgentTuiApp, "run", lambda app: seen.append(gc.isenabled()))
    monkeypatch.setattr(cli, "_require_terminal", lambda: None)
    monkeypatch.chdir(demo)
    assert cli.main([]) == 0
    assert seen == [False]
    assert gc.isenabled()  # and on again when the command ends


def unreadable(*args: object, **kwargs: object) -> Iterator[Workspace]:
    raise PermissionError(13, "Permission denied", ".claude/agents")


@pytest.mark.parametrize("start", ["agents", "no agents", "review", "unreadable", "not drawn"])
def test_the_cycle_collector_runs_again_once_the_first_frame_is_drawn(
    start: str,
    demo: Path,
    repo: Callable[[Files], Path],
    monkeypatch: pytest.MonkeyPatch,
    collector_off: None,
) -> None:
    """Whatever the first frame shows, the collector is back on after it, and what start-up
    made is set aside for good (`gc.freeze`): it is never walked again."""
    root = repo({}) if start == "no agents" else demo
    if start == "unreadable":
        monkeypatch.setattr("agent_tui.ui.screens.agents.discover_in_steps", unreadable)
    if start == "not drawn":  # the first agent never reported drawn: a second is the limit
        monkeypatch.setattr(AgentsScreen, "agent_shown", lambda screen: None)

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        await until(pilot, gc.isenabled)
        assert gc.get_freeze_count() > 0

    drive(root, flow, review=start == "review")


# ------------------------------------------------------------------------- the list


def test_cut_middle_keeps_the_tail_and_the_width() -> None:
    names = ["planning-reviewer-api", "planning-reviewer-security", "データ分析-reviewer"]
    cut = [cut_middle(name, 14) for name in names]
    assert all(cell_len(text) == 14 for text in cut)
    assert cut[0] != cut[1] and cut[1].rstrip().endswith("security")
    assert cut_middle("short", 8) == "short   "


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (60, 20)])
def test_every_row_fits_on_one_line_with_its_mark_visible(
    large: Path, size: tuple[int, int]
) -> None:
    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        agents = widget(app, "#agents", AgentList)
        width = agents.scrollable_content_region.width
        for index in range(agents.row_count):
            text = str(agents.row_text(index))
            assert cell_len(text) <= width, text
        # Warned agents keep their mark in the last column, left of the scrollbar.
        marked = [row for row in rows(app) if row.rstrip().endswith(("!", "✗"))]
        assert len(marked) >= 5
        # Names sharing a prefix stay apart.
        shown = [row[2:].split(" ")[0] for row in rows(app) if row.startswith(("●", "○"))]
        assert len(set(shown)) == len(shown)
        # After a resize the rows are made again for the new width: still one line each.
        await pilot.resize_terminal(size[0] + 17, size[1])
        await press(pilot)
        width = agents.scrollable_content_region.width
        assert all(cell_len(row) <= width for row in rows(app))

    drive(large, flow, size=size)


def test_the_list_can_be_narrowed_widened_hidden_and_zoomed_and_is_remembered(
    demo: Path, isolated_settings: Path
) -> None:
    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        sidebar = app.agents.query_one("#sidebar")
        start = sidebar.size.width
        await press(pilot, "right_square_bracket")
        assert sidebar.size.width == start + 4
        await press(pilot, "left_square_bracket", "left_square_bracket")
        assert sidebar.size.width == start - 4
        await press(pilot, "backslash")
        assert not sidebar.display
        await press(pilot, "backslash", "z")
        assert sidebar.display and not app.agents.query_one("#main").display
        await press(pilot, "z")
        assert app.agents.query_one("#main").display

    drive(demo, flow)
    settings = read_settings(isolated_settings)
    assert settings.list_width == 38 and settings.list_hidden is False


def test_escape_clears_the_filter_and_the_no_match_message(demo: Path) -> None:
    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        await press(pilot, "slash")
        await type_text(pilot, "zzz")
        assert not widget(app, "#agents", AgentList).items
        assert app.agents.query_one("#empty").display
        await press(pilot, "escape")
        assert widget(app, "#filter", Input).value == ""
        assert widget(app, "#agents", AgentList).items
        assert not app.agents.query_one("#empty").display
        assert app.agents.query_one("#views").display

    drive(demo, flow)


def test_letters_sent_right_behind_the_slash_are_typed_into_the_filter(demo: Path) -> None:
    """A burst (typed fast, a macro, tmux send-keys) reaches the app before `/` has moved the
    focus: its letters went to the list, which dropped them. `r` among them is a letter of
    the filter, not the review key; a letter typed afterwards comes after them."""

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        for key in ["slash", "r", "e"]:
            app.post_message(events.Key(key, "/" if key == "slash" else key))
        await settle(pilot)
        await type_text(pilot, "l")
        assert widget(app, "#filter", Input).value == "rel"
        assert [row.split()[1] for row in rows(app) if row.startswith(("●", "○"))] == [
            "release-manager"
        ]
        assert app.screen is app.agents

    drive(demo, flow)


def test_down_in_the_filter_goes_to_the_list_and_enter_into_the_agent(demo: Path) -> None:
    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        await press(pilot, "slash", "d")
        first = widget(app, "#agents", AgentList).highlighted_key
        await press(pilot, "down")
        assert isinstance(app.focused, AgentList)
        assert app.focused.highlighted_key == first  # onto the first match, not past it
        await press(pilot, "enter")
        assert app.agents.opened is not None and app.agents.opened.key == first
        assert app.focused is not None and app.focused.id == "field-name"

    drive(demo, flow)


def test_the_title_keeps_the_agent_after_saving(demo: Path) -> None:
    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        widget(app, "#field-model", Input).value = "opus"
        await until(pilot, lambda: "unsaved" in app.agents.sub_title)
        await press(pilot, "ctrl+s")
        await until(pilot, lambda: "unsaved" not in app.agents.sub_title)
        await until(pilot, lambda: not app.agents.busy())
        assert app.agents.sub_title.endswith("code-reviewer")

    drive(demo, flow)


# ---------------------------------------------------------------------- the key bar


@pytest.mark.parametrize("width", [80, 120])
def test_the_key_bar_shows_the_important_keys_first(demo: Path, width: int) -> None:
    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        bar = str(app.agents.query_one("#main-keys").render())
        for label in ("Review", "Search", "New", "Save", "Help"):
            assert label in bar
        assert len(bar) <= width
        assert bar.index("Review") < bar.index("Help")

    drive(demo, flow, size=(width, 24))


def test_a_rebound_key_works_and_shows(demo: Path, isolated_settings: Path) -> None:
    write_settings(isolated_settings, 'theme = "nord"\n\n[keys]\nreview = "g"\n')

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        assert app.theme == "nord"
        assert " g Review" in str(app.agents.query_one("#main-keys").render())
        await press(pilot, "g")
        await until(pilot, lambda: app.screen.id != app.agents.id)
        assert type(app.screen).__name__ == "ReviewScreen"

    drive(demo, flow)


def test_the_chosen_theme_is_remembered_and_comments_stay(
    demo: Path, isolated_settings: Path
) -> None:
    write_settings(isolated_settings, "# my settings\nlist_width = 50\n\n[keys]\n# none yet\n")

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        app.theme = "gruvbox"
        await pilot.pause()

    drive(demo, flow)
    text = isolated_settings.read_text()
    assert text.startswith('# my settings\nlist_width = 50\ntheme = "gruvbox"\n')
    assert text.endswith("[keys]\n# none yet\n")


def test_a_broken_settings_file_is_a_message_and_is_never_overwritten(
    demo: Path, isolated_settings: Path
) -> None:
    write_settings(isolated_settings, "theme = \n")

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        assert any("Settings not read" in (n.title or "") for n in app._notifications)
        await press(pilot, "right_square_bracket")

    drive(demo, flow)
    assert isolated_settings.read_text() == "theme = \n"


def test_with_setting_changes_one_line_only() -> None:
    text = 'a = 1\ntheme = "x"  # mine\n[keys]\ntheme = "no"\n'
    assert with_setting(text, "theme", "y") == 'a = 1\ntheme = "y"\n[keys]\ntheme = "no"\n'
    assert with_setting("", "list_width", 30) == "list_width = 30\n"
    assert with_setting("[keys]\n", "list_hidden", True) == "list_hidden = true\n[keys]\n"


# -------------------------------------------------------------------------- dialogs


def test_deleting_an_agent_focuses_cancel_and_n_keeps_it(demo: Path) -> None:
    agent_file = demo / ".claude/agents/code-reviewer.md"

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        await press(pilot, "delete")
        assert isinstance(app.screen, ChoiceScreen)
        assert isinstance(app.focused, Button) and app.focused.id == "cancel"
        await press(pilot, "right")
        assert isinstance(app.focused, Button) and app.focused.id == "keep"
        await press(pilot, "n")
        assert not isinstance(app.screen, ChoiceScreen)
        await press(pilot, "delete", "enter")  # a reflexive enter deletes nothing
        assert not isinstance(app.screen, ChoiceScreen)

    drive(demo, flow)
    assert agent_file.exists()


# ------------------------------------------------------------------- memory at 80×24


async def large_index(app: AgentTuiApp, pilot: Pilot[None]) -> MemoryPane:
    """The Memory tab of the agent whose 1,200-line index drops entries, measured."""
    await press(pilot, "slash")
    await type_text(pilot, INDEX_OWNER)
    await press(pilot, "enter", "2")
    pane = widget(app, "#memory-pane", MemoryPane)
    await until(pilot, lambda: bool(pane.lost))
    return pane


def test_at_80_columns_the_memory_side_panels_wait_behind_a_key(large: Path) -> None:
    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        pane = await large_index(app, pilot)
        assert not app.agents.query_one("#memory-side").display
        hint = str(app.agents.query_one("#panels-hint").render())
        assert "60 topic files" in hint and "dropped" in hint
        assert app.agents.query_one("#meter").size.height <= 2
        assert pane.editor.size.width >= 40
        app.agents.query_one(AgentList).focus()  # the hint's key works from anywhere
        await press(pilot, "ctrl+g")
        assert app.agents.query_one("#memory-side").display

    drive(large, flow, size=(80, 24))


def test_at_120_columns_they_are_beside_the_editor(large: Path) -> None:
    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        pane = await large_index(app, pilot)
        side = app.agents.query_one("#memory-side")
        assert side.display and side.region.x > pane.editor.region.x

    drive(large, flow, size=(120, 40))


# ---------------------------------------------------------------------- the review


def test_enter_in_the_review_list_moves_to_the_diff(demo: Path) -> None:
    from agent_tui.ui.widgets.change_list import ChangeList
    from agent_tui.ui.widgets.diff_view import DiffView

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        await until(pilot, lambda: not app.busy())
        assert isinstance(app.focused, ChangeList)
        await press(pilot, "enter")
        assert isinstance(app.focused, DiffView)

    drive(demo, flow, review=True)


def test_the_review_reads_git_again_when_files_change_outside(demo: Path) -> None:
    from agent_tui.ui.review import screen as review_module
    from agent_tui.ui.widgets.change_list import ChangeList

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        await until(pilot, lambda: not app.busy())
        changes = app.screen.query_one(ChangeList)
        before = changes.row_count
        screen = app.screen
        await until(pilot, lambda: getattr(screen, "disk_seen", None) is not None, 4)
        (demo / ".claude/agent-memory/db-migrator/outside.md").write_text("new\n")
        await until(pilot, lambda: changes.row_count > before, 6)

    assert review_module.WATCH_SECONDS <= 1.0
    drive(demo, flow, review=True)


def test_tab_skips_an_empty_dropped_list_and_the_diff_cursor_is_a_whole_row(demo: Path) -> None:
    from agent_tui.ui.widgets.diff_view import DiffView

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        await press(pilot, "down", "down", "2")  # docs-writer: nothing dropped
        pane = widget(app, "#memory-pane", MemoryPane)
        await until(pilot, lambda: pane.budget is not None and not pane.lost)
        lost = app.agents.query_one("#lost", OptionList)
        pane.editor.focus()
        for _ in range(6):
            await press(pilot, "tab")
            assert app.focused is not lost
        app.agents.query_one(AgentList).focus()  # out of the text fields, so `r` is a key
        await press(pilot, "r")
        await until(pilot, lambda: not app.busy())
        await press(pilot, "enter")
        view = app.screen.query_one(DiffView)
        assert view.has_focus
        line = view.render_line(view._row_start[view.cursor] - int(view.scroll_offset.y))
        backgrounds = {seg.style.bgcolor for seg in line if seg.style and seg.text.strip()}
        assert view.look.cursor_row.bgcolor in backgrounds

    drive(demo, flow)


def test_without_memory_the_names_take_the_badge_column(repo: Callable[[Files], Path]) -> None:
    root = repo({".claude/agents/a.md": agent("accessibility-expert")})

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        assert "accessibility-expert" in rows(app)[1]
        (root / ".claude/agent-memory/accessibility-expert").mkdir(parents=True)
        (root / ".claude/agent-memory/accessibility-expert/MEMORY.md").write_text("- one\n")
        await press(pilot, "ctrl+r")
        await until(pilot, lambda: "accessibility-expert" not in rows(app)[1])
        assert "…" in rows(app)[1]

    drive(root, flow, size=(80, 24))


# ------------------------------------------------------------------ large workspaces, fast


def test_the_list_makes_only_the_rows_on_screen(
    large: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import agent_tui.ui.widgets.agent_list as agent_list

    made: list[str] = []
    real = agent_list.agent_row

    def counted(entry: AgentEntry, *args: object, **kwargs: object) -> object:
        made.append(entry.file.display_name)
        return real(entry, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(agent_list, "agent_row", counted)

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        agents = widget(app, "#agents", AgentList)
        assert agents.row_count == 41  # a heading and 40 agents
        shown = agents.scrollable_content_region.height
        made.clear()
        app.agents.show_list()  # the rows again, as after a reload
        await settle_frames(pilot)
        assert 0 < len(set(made)) <= shown  # 40 agents, a screenful drawn
        await press(pilot, "end")  # the rows further down are made when they show
        assert agents.highlighted_key is not None
        assert agents.items[agents.highlighted_key].entry is not None
        assert made[-1] == agents.items[agents.highlighted_key].entry.file.display_name

    drive(large, flow, size=(80, 24))


async def settle_frames(pilot: Pilot[None]) -> None:
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


def test_keys_and_clicks_move_between_agents_never_onto_a_heading(large: Path) -> None:
    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        agents = widget(app, "#agents", AgentList)
        first = agents.highlighted
        assert first == 1 and agents.rows[0][0] is None  # below the "Project agents" heading
        await press(pilot, "up")
        assert agents.highlighted == first  # the heading is not a stop
        await press(pilot, "pagedown")
        page = agents.highlighted
        assert page is not None and page > first + 10
        await press(pilot, "end", "home")
        assert agents.highlighted == first
        await press(pilot, "down", "down")
        assert app.agents.opened is not None and app.agents.opened.key == agents.rows[3][0]
        await pilot.click(AgentList, offset=(6, 5))  # the sixth row: the fifth agent
        await until(pilot, lambda: app.agents.opened.key == agents.rows[5][0])
        assert agents.highlighted == 5

    drive(large, flow, size=(80, 24))


def test_a_large_workspace_shows_its_first_screenful_while_the_rest_is_read(
    large: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    import agent_tui.ui.screens.agents as screen_module
    from agent_tui.core.workspace import discover_in_steps

    rest = threading.Event()

    def held(*args: object, **kwargs: object) -> Iterator[Workspace]:
        steps = discover_in_steps(*args, **kwargs)  # type: ignore[arg-type]
        yield next(steps)
        rest.wait(5)  # the test looks at the first step meanwhile
        yield from steps

    monkeypatch.setattr(screen_module, "discover_in_steps", held)

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        agents = widget(app, "#agents", AgentList)
        status = lambda: str(app.agents.query_one("#list-status").render())  # noqa: E731
        # 24 rows at 80x24: the first 24 agents by name are listed, the first one is open.
        assert len(agents.items) == 24 and "so far, reading the others" in status()
        assert app.agents.opened is not None and app.busy()
        rest.set()
        await until(pilot, lambda: len(agents.items) == 40 and not app.busy())
        assert status().startswith("40 agents")
        assert app.agents.opened.key == agents.highlighted_key == agents.rows[1][0]

    async def main() -> None:  # not `drive`: it would wait for the whole workspace
        app = AgentTuiApp(large)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await flow(app, pilot)

    asyncio.run(main())


def test_the_tabs_switch_by_click_and_by_key_and_hide_what_an_agent_lacks(demo: Path) -> None:
    from textual.widgets import ContentSwitcher

    from agent_tui.ui.widgets.view_tabs import ViewTabs

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        tabs = widget(app, "#tabs", ViewTabs)
        switcher = app.agents.query_one(ContentSwitcher)
        (_, start, _), (_, memory_at, _), (_, file_at, _) = tabs.spans()
        assert start == 0
        await pilot.click(ViewTabs, offset=(memory_at + 2, 0))  # on "Memory"
        await until(pilot, lambda: switcher.current == "memory")
        assert widget(app, "#memory-pane", MemoryPane).display
        await pilot.click(ViewTabs, offset=(file_at + 1, 1))  # the underline below "File"
        await until(pilot, lambda: switcher.current == "file")
        await press(pilot, "1")
        assert tabs.active == switcher.current == "agent"
        await press(pilot, "escape")
        app.agents.query_one(AgentList).focus()
        await press(pilot, "end")  # legacy-bot: memory with no agent
        await until(pilot, lambda: tabs.active == "memory")
        assert [tab for tab, _, _ in tabs.spans()] == ["memory"]
        await press(pilot, "1")  # no Agent tab to go to
        assert tabs.active == switcher.current == "memory"

    drive(demo, flow)


def test_the_row_and_the_tab_under_the_mouse_light_up(demo: Path) -> None:
    from agent_tui.ui.widgets.view_tabs import ViewTabs

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        agents = widget(app, "#agents", AgentList)
        plain = {seg.style.bgcolor for seg in agents.render_line(3) if seg.style}
        await pilot.hover(AgentList, offset=(6, 3))
        assert agents.hovered == 3 and agents.highlighted == 1  # hovering does not select
        lit = {seg.style.bgcolor for seg in agents.render_line(3) if seg.style}
        assert lit != plain
        tabs = widget(app, "#tabs", ViewTabs)
        (_, _, _), (_, memory_at, _), _ = tabs.spans()
        await pilot.hover(ViewTabs, offset=(memory_at + 2, 0))
        assert tabs.hovered == "memory" and tabs.active == "agent"
        await pilot.hover(AgentList, offset=(6, 2))
        assert tabs.hovered is None and agents.hovered == 2

    drive(demo, flow)


def test_keys_sent_in_a_burst_after_slash_do_not_run_as_commands(demo: Path) -> None:
    # `/dro` arriving at once (tmux send-keys, a macro): the letters were queued for the list
    # before the focus moved, so `r` opened the review. Now the filter takes the focus at
    # once and the queued letters run no command.
    from textual import events

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        assert app._driver is not None
        for key, char in (("slash", "/"), ("d", "d"), ("r", "r"), ("o", "o")):
            event = events.Key(key, char)
            event.set_sender(app)
            app._driver.send_message(event)  # as the terminal sends them, none waited for
        await pilot.pause(0.3)
        await until(pilot, lambda: not app.busy())
        assert app.screen is app.agents and app.focused is widget(app, "#filter", Input)

    drive(demo, flow)


def test_the_key_bar_follows_the_theme(demo: Path) -> None:
    """The keys take the theme's key colour, and a new theme recolours them."""
    from agent_tui.ui.widgets.key_bar import KeyBar

    def key_colour(app: AgentTuiApp) -> str:
        first = next(iter(app.screen.query_one(KeyBar).render_line(0)))
        assert first.text.strip() == "r" and first.style and first.style.color
        assert first.style.color.triplet is not None
        return first.style.color.triplet.hex

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        for theme in ("textual-dark", "textual-light"):
            app.theme = theme
            await pilot.pause()
            expected = app.get_css_variables()["footer-key-foreground"]
            assert key_colour(app) == expected.lower()

    drive(demo, flow)
