"""Run the app headless, press keys, and save what the screen shows as SVG."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from agent_tui.ui.app import AgentTuiApp


async def settle(pilot: Pilot[None], rounds: int = 1000) -> None:
    """Wait until the app is idle: the workspace read, the selected agent shown, typed memory
    measured, git answered; then let the messages that follow land and the screen repaint.
    It waits on that state, not for a fixed time."""
    app = pilot.app
    assert isinstance(app, AgentTuiApp)
    await pilot.pause()
    for _ in range(rounds):
        if not app.busy():
            break
        await pilot.pause(0.01)
    await pilot.pause()
    await pilot.pause()


def steady_cursors(app: AgentTuiApp) -> None:
    """No blinking: a screenshot then shows the same frame every time."""
    for screen in app.screen_stack:
        for widget in screen.query("Input, TextArea"):
            assert isinstance(widget, (Input, TextArea))
            widget.cursor_blink = False


async def _shoot(
    start: Path, output: Path, size: tuple[int, int], keys: Sequence[str], read_only: bool
) -> None:
    app = AgentTuiApp(start, read_only=read_only)
    app.animation_level = "none"  # a half-slid tab underline is not what the screen shows
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        steady_cursors(app)
        await pilot.pause(0.05)
        output.write_text(app.export_screenshot(), encoding="utf-8")


def screenshot(
    start: Path, output: Path, size: tuple[int, int], keys: Sequence[str], read_only: bool = False
) -> None:
    asyncio.run(_shoot(start, output, size, keys, read_only))
