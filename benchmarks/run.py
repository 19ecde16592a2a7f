"""Wall-time benchmark of the CLI, as ratios to baselines measured in the same run.

    python benchmarks/run.py [--claude PATH/TO/claude] [--corpus DIR] [--repeat N]

Baselines: `python -c pass` (the floor for any Python CLI) and `git status` on the same tree.
With --claude, `agent-tui check` on the corpus is timed beside `claude plugin validate`.
The interface's first full paint (agents listed, first agent shown) is timed against a bare
Textual app that paints one Static, and against the same layout made of Textual's plain
widgets with none of our code (started as agent-tui starts): what our code costs on top.
Typing cost is in keystroke.py.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parents[1] / "tools"))
from make_workspace import make
from oracle_compare import plugin_tree

from agent_tui.demo import make_demo_repo

AGENT_TUI = [sys.executable, "-m", "agent_tui"]

# An installed program runs from cached bytecode (pip writes it; the first run of an editable
# install does). A shell that sets PYTHONDONTWRITEBYTECODE would time compiling instead.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)


def timed(command: list[str], repeat: int, env: dict[str, str] | None = None) -> float:
    """Median wall time in seconds over `repeat` runs (after one warm-up)."""
    subprocess.run(command, capture_output=True, env=env, check=False)
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, env=env, check=False)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


PROBE = [sys.executable, str(Path(__file__).with_name("tui_probe.py"))]


TIMELINES: dict[str, list[dict[str, float]]] = {}  # per probe: each run's marks, from start


def first_paint(args: list[str], repeat: int) -> float:
    """Median seconds from starting the probe process to its first full paint. Each run's
    timeline (the probe's marks, seconds from the start) is kept in TIMELINES."""
    samples = []
    runs = TIMELINES.setdefault(" ".join(args), [])
    for attempt in range(repeat + 1):
        start = time.time()
        done = subprocess.run([*PROBE, *args], capture_output=True, text=True, check=True)
        if attempt:  # the first run warms the file cache
            lines = done.stdout.split("\n")
            marks = {
                line[5:].rsplit(" ", 1)[0]: float(line.rsplit(" ", 1)[1]) - start
                for line in lines
                if line.startswith("mark ")
            }
            samples.append(float(done.stdout.split()[-1]) - start)
            runs.append({**marks, "painted": samples[-1]})
    return statistics.median(samples)


def print_timelines() -> None:
    """Median time of each step of start-up, and what it added, per probe."""
    for probe, runs in TIMELINES.items():
        if not runs or len(runs[0]) < 2:
            continue
        print(f"\ntimeline: {probe.split()[0]} {Path(probe.split()[-1]).name}")
        previous = 0.0
        for step in runs[0]:
            at = statistics.median(run[step] for run in runs if step in run)
            print(f"  {step:<22} {at * 1000:7.1f} ms  (+{(at - previous) * 1000:6.1f})")
            previous = at


def report(label: str, seconds: float, baselines: dict[str, float]) -> None:
    ratios = "  ".join(f"{seconds / value:6.2f}x {name}" for name, value in baselines.items())
    print(f"{label:<44} {seconds * 1000:8.1f} ms  {ratios}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--claude")
    parser.add_argument(
        "--corpus",
        default=str(Path(__file__).resolve().parents[2] / "shared/corpus/wshobson-agents"),
    )
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--timeline", action="store_true", help="also the median time of each start-up step"
    )
    args = parser.parse_args()
    python_floor = timed([sys.executable, "-c", "pass"], args.repeat)
    with tempfile.TemporaryDirectory() as folder:
        tree = make(Path(folder) / "synthetic")
        git_status = timed(
            ["git", "-C", str(tree), "status", "--porcelain", "--untracked-files=all"], args.repeat
        )
        base = {"python -c pass": python_floor, "git status -uall": git_status}
        print(
            f"baselines: python -c pass {python_floor * 1000:.1f} ms, git status -uall {git_status * 1000:.1f} ms"
        )
        report(
            "ls --json, synthetic (1,000 agents)",
            timed([*AGENT_TUI, "-C", str(tree), "ls", "--json"], args.repeat),
            base,
        )
        report(
            "check, synthetic (1,000 agents)",
            timed([*AGENT_TUI, "-C", str(tree), "check"], args.repeat),
            base,
        )
        bare = first_paint(["bare"], args.repeat)
        floor = first_paint(["widgets"], args.repeat)
        demo = make_demo_repo(Path(folder))
        print(f"baseline: bare Textual app, first paint {bare * 1000:.1f} ms")
        report("same layout, plain Textual widgets", floor, {"bare Textual app": bare})
        paint = {"bare Textual app": bare, "same layout, plain widgets": floor}
        report(
            "TUI first full paint, demo", first_paint(["agent-tui", str(demo)], args.repeat), paint
        )
        report(
            "TUI first full paint, synthetic (1,000 agents)",
            first_paint(["agent-tui", str(tree)], args.repeat),
            paint,
        )
        if args.timeline:
            print_timelines()
    corpus = Path(args.corpus)
    if corpus.is_dir():
        base = {"python -c pass": python_floor}
        report(
            "ls --json, public corpus",
            timed([*AGENT_TUI, "-C", str(corpus), "ls", "--json"], args.repeat),
            base,
        )
        check = timed([*AGENT_TUI, "-C", str(corpus), "check", str(corpus)], args.repeat)
        report("check, public corpus", check, base)
        if args.claude:
            files = {
                f"{i:04d}.md": p.read_bytes() for i, p in enumerate(sorted(corpus.rglob("*.md")))
            }
            work, env = plugin_tree(files)
            validate = timed(
                [args.claude, "plugin", "validate", "--json", "--strict", str(work)],
                args.repeat,
                env,
            )
            print(
                f"{'claude plugin validate, same files':<44} {validate * 1000:8.1f} ms  check/validate = {check / validate:.2f}"
            )
            shutil.rmtree(work)


if __name__ == "__main__":
    main()
