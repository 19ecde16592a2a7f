"""The agent-tui application: the session around the screens. It knows the start folder,
whether anything may be written, the user's settings, how to quit without losing an edit,
and the palette; the work happens on `AgentsScreen` and the review."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable
from contextlib import suppress
from pathlib import Path
from typing import Any

from textual import events, on, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from agent_tui.ui import keys
from agent_tui.ui.config import Settings, config_path, read_settings, remember
from agent_tui.ui.screens.agents import AgentsScreen
from agent_tui.ui.session import Waiting


def collect_cycles_again() -> None:
    """Start-up is over: what it made stays for the session, so Python's cycle collector,
    which `agent-tui` starts with off, sets it aside for good (`gc.freeze`) and runs again
    on what comes after. An app started with the collector on leaves it alone."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


class AgentTuiApp(App[None]):
    CSS_PATH = Path(__file__).parent / "app.tcss"  # absolute: subclasses live elsewhere
    TITLE = "agent-tui"
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True, id="quit"),
        Binding("question_mark", "help", "Help", show=False, id="help"),
    ]

    def __init__(
        self,
        start: Path,
        read_only: bool = False,
        review: bool = False,
        base: str | None = None,
        config: Path | None = None,
    ) -> None:
        """`review`: open on the review screen; `base`: reviewing against that commit;
        `config`: the settings file (default: the XDG config folder's)."""
        super().__init__()
        self.start = start
        self.plugin_dirs: tuple[Path, ...] = ()  # `--plugin-dir`: plugin agents shown too
        self.read_only = read_only  # nothing may be written: every write path refuses
        self.review_on_start = review or base is not None
        self.review_base = base
        self.config = config or config_path()
        self.settings: Settings = read_settings(self.config)
        self.git_loaded = False  # GitPython is imported in the background after start-up
        self._agents: AgentsScreen | None = None

    def get_default_screen(self) -> Screen[None]:
        self._agents = AgentsScreen(self.start, self.plugin_dirs, self.read_only, self.settings)
        return self._agents

    @property
    def agents(self) -> AgentsScreen:
        """The main screen, whatever is on top of it."""
        assert self._agents is not None, "the app has not started"
        return self._agents

    def on_mount(self) -> None:
        if self.settings.keys:
            self.set_keymap(self.settings.keys)
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        elif self.settings.theme is not None:
            self.notify(f"No theme called {self.settings.theme!r}; using the default")
        if self.settings.problem:
            self.notify(self.settings.problem, title="Settings not read", severity="warning")
        self.watch(self, "theme", self._theme_chosen, init=False)
        if self.review_on_start:
            self.open_review(self.review_base)

    def _theme_chosen(self, theme: str) -> None:
        self.keep_setting("theme", theme)

    @on(AgentsScreen.SettingChanged)
    def _setting_changed(self, event: AgentsScreen.SettingChanged) -> None:
        self.keep_setting(event.key, event.value)

    def keep_setting(self, key: str, value: str | int | bool) -> None:
        problem = remember(self.config, key, value)
        if problem:
            self.notify(problem, title="Setting not kept", severity="warning")

    def wrote(self) -> None:
        """Files were changed from inside the app: the disk watch starts again from here."""
        if self._agents is not None:
            self._agents.wrote()

    @on(AgentsScreen.StartUpOver)
    def _start_up_over(self) -> None:
        collect_cycles_again()

    @on(AgentsScreen.WorkspaceShown)
    def _workspace_shown(self) -> None:
        if not self.git_loaded:
            self.git_loaded = True
            self.preload_git()

    @work(thread=True, group="preload")
    def preload_git(self) -> None:
        """Import GitPython and the review once the workspace and its checks are read, so
        `r` does not wait for them."""
        from agent_tui.io.git import GitError, gitpython
        from agent_tui.ui.review import screen  # noqa: F401

        with suppress(GitError):  # the review screen says so when it is opened
            gitpython()

    def busy(self) -> bool:
        """Still reading files or git (not waiting on the user)."""
        return isinstance(self.screen, Waiting) and self.screen.busy()

    # ------------------------------------------------------------------------------ quit

    async def action_quit(self) -> None:
        self.quit_guarded()

    @work(exclusive=True, group="quit")
    async def quit_guarded(self) -> None:
        from agent_tui.ui.dialogs import unsaved_question
        from agent_tui.ui.screens.topic import TopicScreen

        names = self.agents.dirty_names(caught_up=True) if self._agents else []
        topic = self.screen if isinstance(self.screen, TopicScreen) else None
        if topic is not None and topic.dirty:
            names.append(topic.heading)
        if names:
            answer = await self.push_screen_wait(unsaved_question(names))
            if answer == "cancel":
                return
            if answer == "save":
                if topic is not None and not await topic.save_now():
                    return
                if not await self.agents.save_all():
                    return
        self.exit()

    def on_key(self, event: events.Key) -> None:
        """A letter that comes back to the app unused while a text field has the focus was
        sent to another widget before the focus moved to the field: `/` or `ctrl+f` and a
        word typed fast, or sent at once by a macro. Every key of such a burst goes to the
        widget focused when it arrives, and the key that moves the focus acts only after
        that. The field takes the letter, in the order typed. (A field stops the letters it
        takes, so none comes back from it.)"""
        focused = self.focused
        if focused is not None and focused.check_consume_key(event.key, event.character):
            focused.post_message(events.Key(event.key, event.character))

    # ---------------------------------------------------------------------------- review

    def action_review(self) -> None:
        self.open_review(None)

    def open_review(self, base: str | None) -> None:
        """The review screen is built once and kept: reopening it is quicker, and it comes
        back on the file and hunk where it was left, reading git again."""
        from agent_tui.ui.review.screen import ReviewScreen

        if not self.is_screen_installed("review"):
            workspace = self._agents.workspace if self._agents else None
            root = workspace.root if workspace is not None else self.start
            self.install_screen(ReviewScreen(root, base), "review")
        review = self.get_screen("review")
        assert isinstance(review, ReviewScreen)
        review.read_first()
        self.push_screen("review", self.review_closed)

    def review_closed(self, discarded: bool | None) -> None:
        """Discarding in the review changes files: show them as they now are. Staging and
        committing leave the files alone; anything else changed meanwhile, the watch sees."""
        if discarded and self._agents is not None:
            self._agents.wrote()
            self._agents.action_reload()

    # -------------------------------------------------------------------- help, palette

    def action_help(self) -> None:
        from agent_tui.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.settings.keys))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        # Textual's own Quit skips the unsaved question and its Keys panel duplicates `?`.
        for command in super().get_system_commands(screen):
            if command.title not in ("Quit", "Keys"):
                yield command
        yield SystemCommand("Quit", "Quit (asks first when something is unsaved)", self.action_quit)
        if screen is not self._agents:
            return
        for key in (*keys.MAIN, *keys.AGENT_LIST, *keys.TOPIC_LIST):
            if key.title and key.id != "quit":
                hint = f"{key.does[0].upper()}{key.does[1:]} ({key.shown(self.settings.keys)})"
                yield SystemCommand(key.title, hint, self.runner(key))

    def runner(self, key: keys.Key) -> Callable[[], Any]:
        """The palette runs a key's action where its binding would: on the main screen (whose
        `app.` actions reach the session), or on the topic list."""
        agents = self.agents

        async def run() -> None:
            if key in keys.TOPIC_LIST:
                await agents.run_topic_command(key.action)
            else:
                await agents.run_action(key.action)

        return run


__all__ = ["AgentTuiApp"]
