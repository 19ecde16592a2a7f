"""Run the app headless, press keys, and save what the screen shows as SVG."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from agent_tui.ui.app import AgentTuiApp


async def settle(pilot: Pilot[None], rounds: int = 1000) -> None:
    """Wait until the workspace is read and the selected agent is shown."""
    app = pilot.app
    assert isinstance(app, AgentTuiApp)
    for _ in range(rounds):
        await pilot.pause(0.01)
        if not app.busy():
            break
    await pilot.pause(0.1)  # the debounced budget meter and the last repaint


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
