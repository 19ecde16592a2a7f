"""The memory view on long indexes of prose: how soon the rendered preview appears, and what
the dropped-entries and mention lists cost after typing pauses.

    python benchmarks/memory.py [--preview-lines 1200] [--list-lines 5000] [--repeat 5]

The index is made of sections with prose, bullets, a table, backticked topic names and
repository paths, with 60 topic files beside it. Goals (issue 13): the preview's first paint
within 300 ms of ctrl+t; the lists within 20 ms of a pause. Medians of `--repeat` runs.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from timing import median_ms

from agent_tui.core.budget import measure
from agent_tui.core.entries import dropped_entries
from agent_tui.core.memory import find_links, topic_mentions
from agent_tui.ui.app import AgentTuiApp
from agent_tui.ui.screenshot import settle
from agent_tui.ui.widgets.markdown_preview import MarkdownPreview
from agent_tui.ui.widgets.memory_pane import MemoryPane

TOPICS = [f"topic-{n}.md" for n in range(60)]


def prose_index(lines: int) -> str:
    out = ["# Memory", ""]
    section = 0
    while len(out) < lines:
        out += [
            f"## Finding {section}",
            "",
            f"Agents learned this in round {section}; see `topic-{section % 60}.md` and "
            f"src/mod{section}/handler.py for the code.",
            "- a bullet with **bold** and `code`",
            f"- the details: [topic {section % 60}](topic-{section % 60}.md)",
            "| case | result |",
            "|---|---|",
            "| empty | rejected |",
            "",
        ]
        section += 1
    return "\n".join(out[:lines]) + "\n"


def workspace(text: str) -> Path:
    root = Path(tempfile.mkdtemp()) / "repo"
    (root / ".git").mkdir(parents=True)
    (root / ".claude/agents").mkdir(parents=True)
    (root / ".claude/agents/a.md").write_text(
        "---\nname: a\ndescription: d\nmemory: project\n---\nBody\n"
    )
    memory = root / ".claude/agent-memory/a"
    memory.mkdir(parents=True)
    (memory / "MEMORY.md").write_text(text)
    for topic in TOPICS:
        (memory / topic).write_text("x\n")
    return root


async def preview_ms(root: Path) -> tuple[float, float]:
    """(first paint, whole text shown) in ms from the preview's toggle: the key's own trip
    through Pilot is not counted."""
    marks: dict[str, float] = {}
    toggle = MemoryPane.toggle_preview

    def timed_toggle(self: MemoryPane) -> None:
        marks["start"] = time.perf_counter()
        toggle(self)
        self.call_after_refresh(lambda: marks.setdefault("first", time.perf_counter()))

    MemoryPane.toggle_preview = timed_toggle  # type: ignore[method-assign]
    app = AgentTuiApp(root)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("2")
            await settle(pilot)
            await pilot.press("ctrl+t")
            preview = app.agents.query_one(MarkdownPreview)
            while not preview.complete or "first" not in marks:
                await pilot.pause(0.005)
            app.call_after_refresh(lambda: marks.setdefault("done", time.perf_counter()))
            while "done" not in marks:
                await pilot.pause(0.005)
    finally:
        MemoryPane.toggle_preview = toggle  # type: ignore[method-assign]
    return (marks["first"] - marks["start"]) * 1000, (marks["done"] - marks["start"]) * 1000


def lists_ms(text: str, folder: Path) -> float:
    """The dropped entries and every mention state, as the pane computes them on a pause."""

    def run() -> None:
        budget = measure(text)
        dropped_entries(text, budget)
        find_links(text, folder, set(TOPICS), lambda relpath: False)
        topic_mentions(text, TOPICS)

    return median_ms(run, 20)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--preview-lines", type=int, default=1200)
    parser.add_argument("--list-lines", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    root = workspace(prose_index(args.preview_lines))
    runs = [asyncio.run(preview_ms(root)) for _ in range(args.repeat)]
    first = statistics.median(run[0] for run in runs)
    whole = statistics.median(run[1] for run in runs)
    print(f"preview of {args.preview_lines:,} lines: first paint {first:7.1f} ms "
          f"(goal 300), whole text {whole:7.1f} ms")  # fmt: skip
    text = prose_index(args.list_lines)
    folder = workspace(text) / ".claude/agent-memory/a"
    print(f"lists of {args.list_lines:,} lines:   {lists_ms(text, folder):7.1f} ms (goal 20)")


if __name__ == "__main__":
    sys.exit(main())
