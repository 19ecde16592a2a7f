"""Typing into the agents filter on the synthetic workspace (1,000 agents): from each key
press to the next frame drawn, beside the same key typed into an Input of a bare Textual app.

    python benchmarks/filter.py [--keys 14]

Each key narrows or widens the list, which is rebuilt; only the rows on screen are drawn.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from make_workspace import make
from review import frame_times, until
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import Input

from agent_tui.ui.app import AgentTuiApp
from agent_tui.ui.screenshot import settle

TYPED = "agent-00"


class BareInput(App[None]):
    def compose(self) -> ComposeResult:
        yield Input()


async def typed(app: App[None], pilot: Pilot[None], keys: int) -> list[float]:
    """Milliseconds from each key press to the next frame."""
    frames = frame_times(app)
    samples = []
    for n in range(keys):
        frames.clear()
        start = time.perf_counter()
        await pilot.press(TYPED[n % len(TYPED)])
        await until(lambda: bool(frames))
        samples.append((frames[-1][0] - start) * 1000)
        await pilot.pause(0.05)
    return samples


async def filter_samples(tree: Path, keys: int) -> list[float]:
    app = AgentTuiApp(tree)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        return await typed(app, pilot, keys)


async def bare_samples(keys: int) -> list[float]:
    app = BareInput()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.2)
        return await typed(app, pilot, keys)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--keys", type=int, default=14)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        tree = make(Path(folder) / "synthetic")
        ours = statistics.median(asyncio.run(filter_samples(tree, args.keys)))
    bare = statistics.median(asyncio.run(bare_samples(args.keys)))
    print(f"filter key press, 1,000 agents, to next frame   {ours:7.1f} ms")
    print(f"bare Textual Input, key press to next frame      {bare:7.1f} ms")
    print(f"ratio {ours / bare:.1f}x")


if __name__ == "__main__":
    main()
