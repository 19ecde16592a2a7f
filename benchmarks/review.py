"""Review speed: open the review screen and render the first diff, on a repository with 5,000
commits and 2,000 files under .claude/, beside `git status` plus `git diff` on the same
paths in the same run (target: at most 2x).

    python benchmarks/review.py [--repeat 5] [--commits 5000] [--changed 60] [--rewrite]

Each sample sends the `r` key to an app started headless and stops at the first frame drawn
after the diff view was filled by that opening, then goes back. GitPython is imported in the
background after start-up (as the app does), so a sample is the review's own work: git status
and line counts, the first file's diff, the list and the diff view. A first opening also
builds the screen (each is timed in an app of its own); later ones reuse it. A second
baseline is Textual's own floor: a bare app pushing a screen with a header, a line of text
and a footer, timed the same way. Their sum is the floor of any review: git's answer, shown
by a screen that draws nothing of ours. The app starts as the `agent-tui` command starts it.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from textual import events
from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header, Static
from timing import median_ms

from agent_tui.ui.app import AgentTuiApp
from agent_tui.ui.review.screen import ReviewScreen
from agent_tui.ui.screenshot import settle
from agent_tui.ui.widgets.diff_view import DiffView

AGENTS = 100
TOPICS = 18  # per agent: 100 x (agent file + MEMORY.md + 18 topics) = 2,000 files


def paths() -> list[str]:
    out: list[str] = []
    for n in range(AGENTS):
        name = f"agent-{n:03d}"
        out.append(f".claude/agents/{name}.md")
        out.append(f".claude/agent-memory/{name}/MEMORY.md")
        out += [f".claude/agent-memory/{name}/topic-{t:02d}.md" for t in range(TOPICS)]
    return out


def text_of(path: str, version: int) -> bytes:
    lines = [f"# {path}", ""] + [
        f"- Fact {k} about this project, revision {version if k % 7 == 0 else 0}."
        for k in range(40)
    ]
    return ("\n".join(lines) + "\n").encode()


def fast_import_stream(files: list[str], commits: int) -> bytes:
    """The first commit adds every file; each later commit rewrites two of them."""
    chunks: list[bytes] = []
    stamp = 1_700_000_000
    for number in range(commits):
        changed = files if number == 0 else [files[number % len(files)], files[-1 - number % 97]]
        message = f"Memory update {number}".encode()
        chunks.append(b"commit refs/heads/main\n")
        chunks.append(f"committer Bench <bench@example.com> {stamp + number} +0000\n".encode())
        chunks.append(b"data %d\n%s\n" % (len(message), message))
        for path in changed:
            data = text_of(path, number)
            chunks.append(f"M 100644 inline {path}\n".encode())
            chunks.append(b"data %d\n%s\n" % (len(data), data))
        chunks.append(b"\n")
    return b"".join(chunks)


def make_repository(root: Path, commits: int, changed: int) -> list[str]:
    root.mkdir(parents=True)
    files = paths()
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    subprocess.run(
        ["git", "-C", str(root), "fast-import", "--quiet"],
        input=fast_import_stream(files, commits),
        check=True,
    )
    subprocess.run(["git", "-C", str(root), "checkout", "-q", "-f", "main"], check=True)
    # The work to review: reworded facts in `changed` files, a third of them staged, and new
    # topic files.
    for n, path in enumerate(files[:: len(files) // changed][:changed]):
        file = root / path
        file.write_text(file.read_text().replace("revision 0.", "revision 0, reworded.", 3))
        if n % 3 == 0:
            subprocess.run(["git", "-C", str(root), "add", path], check=True)
    for n in range(10):
        (root / f".claude/agent-memory/agent-{n:03d}/new-topic.md").write_text("new\n" * 20)
    # As in a repository in use, git's index is newer than the files: a file written in the
    # same instant as the index cannot be told from its times, and every later git command
    # re-reads it (then git status and git diff took 10 ms or 30 ms depending on the run).
    time.sleep(1)
    subprocess.run(
        ["git", "-C", str(root), "status", "--porcelain"], capture_output=True, check=True
    )
    return files


def git_baseline(root: Path, repeat: int) -> float:
    def run() -> None:
        for args in (["status"], ["diff"]):
            subprocess.run(
                ["git", "-C", str(root), *args, "--", ".claude"], capture_output=True, check=True
            )

    return median_ms(run, repeat)


class BareScreen(Screen[None]):
    BINDINGS = [("escape", "app.pop_screen", "Back")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("hello")
        yield Footer()


class BareApp(App[None]):
    BINDINGS = [("r", "push", "Push")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("main")
        yield Footer()

    def action_push(self) -> None:
        self.push_screen(BareScreen())


def frame_times(app: App[None]) -> list[tuple[float, object]]:
    """(time, screen) of every frame the app writes from now on. Uses Textual's private
    `_display`, the one place every frame passes: a benchmark may, the app does not."""
    frames: list[tuple[float, object]] = []
    display = app._display

    def timed(screen: Screen[object], renderable: object) -> None:
        frames.append((time.perf_counter(), screen))
        display(screen, renderable)  # type: ignore[arg-type]

    app._display = timed  # type: ignore[method-assign]
    return frames


async def until(condition: Callable[[], bool]) -> None:
    while not condition():
        await asyncio.sleep(0.001)


async def bare_samples(repeat: int) -> list[float]:
    """Key press to the first frame of a pushed screen, in a bare Textual app."""
    app = BareApp()
    samples: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.3)
        frames = frame_times(app)
        for _ in range(repeat):
            frames.clear()
            start = time.perf_counter()
            app.post_message(events.Key("r", "r"))
            await until(lambda: any(isinstance(screen, BareScreen) for _, screen in frames))
            samples.append((frames[-1][0] - start) * 1000)
            await pilot.press("escape")
            await pilot.pause(0.2)
    return samples


async def review_samples(root: Path, repeat: int) -> list[float]:
    """Key press to the first frame that shows the diff read by this opening: a new app's
    first opening, then `repeat` more."""
    gc.disable()  # as the `agent-tui` command starts the app (the app turns it back on)
    app = AgentTuiApp(root)
    samples: list[float] = []
    filled: list[float] = []
    show = DiffView.show

    def timed_show(view: DiffView, *args: Any, **kwargs: Any) -> None:
        show(view, *args, **kwargs)
        filled.append(time.perf_counter())

    DiffView.show = timed_show  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await until(
            lambda: (
                "git" in sys.modules
                and not any(w.group == "preload" and w.is_running for w in app.workers)
            )
        )
        await pilot.pause(0.3)
        frames = frame_times(app)
        for _ in range(repeat + 1):
            frames.clear()
            filled.clear()
            start = time.perf_counter()
            app.post_message(events.Key("r", "r"))
            await until(lambda: bool(filled) and any(at > filled[0] for at, _ in frames))
            drawn = next(at for at, _ in frames if at > filled[0])
            samples.append((drawn - start) * 1000)
            assert isinstance(app.screen, ReviewScreen)
            await pilot.press("escape")
            await settle(pilot)
            await pilot.pause(0.2)
    DiffView.show = show  # type: ignore[method-assign]
    return samples


async def rewrite_steps(folder: Path) -> None:
    """A 10,000-line MEMORY.md rewritten: how long each layout step holds the UI thread, and
    how long until the whole diff is laid out (the screen answers keys between steps)."""
    root = folder / "rewrite"
    root.mkdir()
    memory = root / ".claude/agent-memory/reviewer/MEMORY.md"
    memory.parent.mkdir(parents=True)

    def facts(word: str) -> str:
        line = f"- {word} fact number {{}} about the deployment pipeline and its owners\n"
        return "".join(line.format(n) for n in range(10_000))

    memory.write_text(facts("old"))
    for args in (
        ["init", "-q", "-b", "main"],
        ["add", "-A"],
        ["-c", "user.name=b", "-c", "user.email=b@x", "commit", "-qm", "facts"],
    ):
        subprocess.run(["git", "-C", str(root), *args], check=True)  # fmt: skip
    memory.write_text(facts("new"))
    steps: list[float] = []
    lay_out = DiffView.lay_out

    def timed(view: DiffView, count: int) -> None:
        start = time.perf_counter()
        lay_out(view, count)
        steps.append((time.perf_counter() - start) * 1000)

    DiffView.lay_out = timed  # type: ignore[method-assign]
    app = AgentTuiApp(root, review=True)
    async with app.run_test(size=(120, 40)) as pilot:
        start = time.perf_counter()
        await settle(pilot)
        view = app.screen.query_one(DiffView)
        await until(lambda: view.laid_out)
        total = (time.perf_counter() - start) * 1000
    DiffView.lay_out = lay_out  # type: ignore[method-assign]
    print(
        f"10,000-line rewrite: {len(view.rows):,} rows; layout steps median "
        f"{statistics.median(steps):.0f} ms, max {max(steps):.0f} ms; "
        f"all laid out {total:,.0f} ms after opening"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--commits", type=int, default=5000)
    parser.add_argument("--changed", type=int, default=60)
    parser.add_argument(
        "--rewrite", action="store_true", help="also time a 10,000-line rewrite's diff"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "repo"
        built = time.perf_counter()
        files = make_repository(root, args.commits, args.changed)
        print(
            f"{len(files):,} files under .claude/, {args.commits:,} commits, "
            f"{args.changed} changed + 10 new (built in {time.perf_counter() - built:.1f} s)"
        )
        baseline = git_baseline(root, args.repeat)
        bare = statistics.median(asyncio.run(bare_samples(args.repeat)))
        samples = asyncio.run(review_samples(root, args.repeat))
        firsts = [samples[0]] + [
            asyncio.run(review_samples(root, 0))[0] for _ in range(args.repeat - 1)
        ]
        first, again = statistics.median(firsts), statistics.median(samples[1:])
        print(f"{'git status + git diff -- .claude':<44} {baseline:8.1f} ms")
        print(f"{'bare Textual app: push a screen':<44} {bare:8.1f} ms")
        print(f"{'review, first opening, to first diff drawn':<44} {first:8.1f} ms")
        print(f"{'review, opened again, to first diff drawn':<44} {again:8.1f} ms")
        print(f"ratio to git: first {first / baseline:.2f}x, again {again / baseline:.2f}x "
              "(target <= 2x)")  # fmt: skip
        floor = baseline + bare  # git's answer, shown by a screen that draws nothing of ours
        print(f"ratio to git + a bare screen push: first {first / floor:.2f}x, "
              f"again {again / floor:.2f}x")  # fmt: skip
        if args.rewrite:
            asyncio.run(rewrite_steps(Path(folder)))


if __name__ == "__main__":
    main()
