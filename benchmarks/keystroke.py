"""Cost of one keystroke in a 5,000-line MEMORY.md, against a plain TextArea in the same run.

    python benchmarks/keystroke.py [--lines 5000] [--keys 200]

Prints: the pure budget measure, the debounced meter update (measure, meter, cut, lists),
and the time per key press in the memory editor vs. a bare Textual TextArea holding the
same text.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import TextArea
from timing import median_ms

from agent_tui.core.budget import measure
from agent_tui.ui.app import AgentTuiApp
from agent_tui.ui.screenshot import settle
from agent_tui.ui.widgets.memory_pane import MemoryPane


def index_text(lines: int) -> str:
    return "".join(f"- [entry {n}](topic-{n}.md) — what entry {n} is about\n" for n in range(lines))


class BareEditor(App[None]):
    def __init__(self, text: str, soft_wrap: bool) -> None:
        super().__init__()
        self.text = text
        self.soft_wrap = soft_wrap

    def compose(self) -> ComposeResult:
        yield TextArea(self.text, soft_wrap=self.soft_wrap, show_line_numbers=True)


async def keys_ms(app: App[None], editor_query: str, count: int, setup: bool) -> float:
    async with app.run_test(size=(120, 40)) as pilot:
        if setup:
            await settle(pilot)  # type: ignore[arg-type]
            await pilot.press("2")
            await settle(pilot)  # type: ignore[arg-type]
        editor = app.screen.query_one(editor_query, TextArea)
        editor.focus()
        editor.move_cursor((2500, 0))
        await pilot.pause()
        start = time.process_time()  # CPU time: Pilot's waits between keys do not count
        for _ in range(count):
            await pilot.press("x")
        await pilot.pause(0.4)  # the last debounced updates
        return (time.process_time() - start) * 1000 / count


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=5000)
    parser.add_argument("--keys", type=int, default=200)
    args = parser.parse_args()
    text = index_text(args.lines)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "repo"
        (root / ".git").mkdir(parents=True)
        (root / ".claude/agents").mkdir(parents=True)
        (root / ".claude/agents/a.md").write_text(
            "---\nname: a\ndescription: d\nmemory: project\n---\nBody\n"
        )
        (root / ".claude/agent-memory/a").mkdir(parents=True)
        (root / ".claude/agent-memory/a/MEMORY.md").write_text(text)

        measure_ms = median_ms(lambda: measure(text), 50)
        print(f"budget measure, {args.lines:,} lines:       {measure_ms:7.2f} ms (once per pause)")

        async def remeasure_ms() -> float:
            app = AgentTuiApp(root)
            async with app.run_test(size=(120, 40)) as pilot:
                await settle(pilot)
                await pilot.press("2")
                await settle(pilot)
                pane = app.agents.query_one(MemoryPane)
                return median_ms(pane.update_meter, 30), median_ms(pane.update_lists, 30)

        meter, lists = asyncio.run(remeasure_ms())
        print(f"meter and cut update:                 {meter:7.2f} ms (after a 50 ms pause)")
        print(f"dropped-entries and topic lists:      {lists:7.2f} ms (after a 300 ms pause)")
        ours = asyncio.run(keys_ms(AgentTuiApp(root), "#index-editor", args.keys, True))
        bare = asyncio.run(keys_ms(BareEditor(text, True), "TextArea", args.keys, False))
        print(f"key press, agent-tui memory editor:   {ours:7.2f} ms")
        print(f"key press, bare Textual TextArea:     {bare:7.2f} ms CPU (same text, soft wrap)")
        print(f"added by agent-tui per key press:     {ours - bare:7.2f} ms  ({ours / bare:.2f}x)")
    sys.exit(0)


if __name__ == "__main__":
    main()
