"""Keys on the synthetic workspace (1,000 agents), from each key to the next frame drawn:

- typed into the agents filter, beside the same key typed into a bare Textual app's Input
  (each key rebuilds the list; only the rows on screen are drawn);
- `down` in the list during the first second after the first frame, while the rest of the
  workspace, its checks and GitPython are read in threads, beside the same key later on.

    python benchmarks/filter.py [--keys 14]
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
from textual import events
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


async def while_reading(tree: Path) -> tuple[list[float], list[float]]:
    """Key-to-frame times of `down` sent every 20 ms from the first frame on: those in the
    first 0.7 s (background reading under way) and those after 0.9 s."""
    app = AgentTuiApp(tree)
    samples: list[tuple[float, float]] = []
    async with app.run_test(size=(120, 40)):
        await until(app.agents.first_shown.is_set)
        frames = frame_times(app)
        begin = time.perf_counter()
        while time.perf_counter() - begin < 1.5:
            frames.clear()
            start = time.perf_counter()
            app.post_message(events.Key("down", None))
            await until(lambda: bool(frames))
            samples.append((start - begin, (frames[-1][0] - start) * 1000))
            await asyncio.sleep(0.02)
    return [ms for at, ms in samples if at < 0.7], [ms for at, ms in samples if at >= 0.9]


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
        busy, idle = asyncio.run(while_reading(tree))
    bare = statistics.median(asyncio.run(bare_samples(args.keys)))
    print(f"filter key press, 1,000 agents, to next frame   {ours:7.1f} ms")
    print(f"bare Textual Input, key press to next frame      {bare:7.1f} ms")
    print(f"ratio {ours / bare:.1f}x")
    print(
        f"down in the list while the rest is read: median {statistics.median(busy):.1f} ms, "
        f"max {max(busy):.1f} ms; later: median {statistics.median(idle):.1f} ms, "
        f"max {max(idle):.1f} ms"
    )


if __name__ == "__main__":
    main()
