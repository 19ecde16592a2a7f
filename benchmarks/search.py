"""Search speed on the synthetic workspace: time to the first hit and to the end of the scan,
beside `git grep --no-index` over the same files in the same run.

    python benchmarks/search.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from make_workspace import make
from timing import median_ms

from agent_tui.core.search import search, search_targets
from agent_tui.core.workspace import discover


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        tree = make(Path(folder) / "synthetic")
        targets = search_targets(discover(tree))
        print(f"{len(targets):,} files searched")
        grep = median_ms(
            lambda: subprocess.run(
                ["git", "-C", str(tree), "grep", "--no-index", "-n", "-i", "-e", "zebra",
                 "--", ".claude"],
                capture_output=True, check=False,
            ),
            args.repeat,
        )  # fmt: skip
        print(f"{'git grep --no-index, whole tree':<44} {grep:8.1f} ms")
        for label, query in (
            ("first hit, common words ('keep it short')", "keep it short"),
            ("first hit, last agent ('task family 999')", "task family 999"),
        ):
            first = median_ms(lambda q=query: next(search(targets, q)), args.repeat)
            print(f"{label:<44} {first:8.1f} ms  {first / grep:5.2f}x git grep")
        whole = median_ms(lambda: list(search(targets, "zebra")), args.repeat)
        print(f"{'whole scan, no hit (zebra)':<44} {whole:8.1f} ms  {whole / grep:5.2f}x git grep")


if __name__ == "__main__":
    main()
