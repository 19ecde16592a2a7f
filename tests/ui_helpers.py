"""Driving the app in tests: start it on a folder, wait for it, reach its widgets."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TypeVar

from textual.pilot import Pilot
from textual.widget import Widget

from agent_tui.ui.app import AgentTuiApp
from agent_tui.ui.screenshot import settle

W = TypeVar("W", bound=Widget)
Flow = Callable[[AgentTuiApp, Pilot[None]], Awaitable[None]]


def drive(
    root: Path,
    flow: Flow,
    size: tuple[int, int] = (120, 40),
    review: bool = False,
    base: str | None = None,
) -> AgentTuiApp:
    """Run `flow` against the app opened on `root` (on the review screen: `review`, `base`),
    after it has loaded."""

    async def main() -> AgentTuiApp:
        app = AgentTuiApp(root, review=review, base=base)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            await flow(app, pilot)
        return app

    return asyncio.run(main())


async def until(pilot: Pilot[None], condition: Callable[[], bool], seconds: float = 5.0) -> None:
    """Wait for `condition`, in small steps, instead of guessing a fixed pause."""
    for _ in range(int(seconds / 0.02)):
        if condition():
            return
        await pilot.pause(0.02)
    assert condition(), "the app did not reach the expected state in time"


def widget(app: AgentTuiApp, selector: str, kind: type[W]) -> W:
    return app.agents.query_one(selector, kind)


async def press(pilot: Pilot[None], *keys: str) -> None:
    await pilot.press(*keys)
    await settle(pilot)


async def type_text(pilot: Pilot[None], text: str) -> None:
    await pilot.press(*[{" ": "space"}.get(char, char) for char in text])
    await settle(pilot)


async def select_agent(app: AgentTuiApp, pilot: Pilot[None], name: str) -> None:
    from agent_tui.ui.widgets.agent_list import AgentList

    agents = widget(app, "#agents", AgentList)
    for key, item in agents.items.items():
        if item.entry is not None and item.entry.file.display_name == name:
            agents.focus()
            agents.select_key(key)
            await settle(pilot)
            assert app.agents.opened is not None and app.agents.opened.key == key
            return
    raise AssertionError(f"no agent {name} in the list")


__all__ = ["asyncio", "drive", "press", "select_agent", "type_text", "until", "widget"]
