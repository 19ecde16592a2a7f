"""Paths named in memory: shaped like relative file paths, resolved from the repository root."""

from __future__ import annotations

import pytest

from agent_tui.core.stale import path_mentions, stale_mentions

NAMED = [
    ("- The parser lives in src/agent_tui/core/budget.py now.", ["src/agent_tui/core/budget.py"]),
    ("see `lib/y.ts:12` for the retry loop", ["lib/y.ts"]),
    ("docs/z.md explains the release", ["docs/z.md"]),
    ("- [Flow](flow.md) uses tests/e2e/login.spec.ts:10-40", ["tests/e2e/login.spec.ts"]),
    ("Changed packages/api/src/index.ts and packages/web/app.tsx", ["packages/api/src/index.ts", "packages/web/app.tsx"]),
]  # fmt: skip
NOT_NAMED = [
    "See https://github.com/org/repo/blob/main/src/x.py for context",
    "github.com/org/repo/src/x.py is the upstream",
    "/etc/nginx/nginx.conf is absolute",
    "~/.claude/settings.json is the user's",
    "Use glob src/**/*.py when searching",
    "The file budget.py holds it (no folder: too vague)",
    "version 1.2/3.4 of the spec",
    "e.g. a/b.c is an example",
    "placeholders like {dir}/file.md stay quiet",
    "ratio 3/4.5 is a number",
    "each item goes in backlog/NNN.md",
]


@pytest.mark.parametrize(("line", "paths"), NAMED)
def test_paths_are_found(line: str, paths: list[str]) -> None:
    assert path_mentions(line) == paths


@pytest.mark.parametrize("line", NOT_NAMED)
def test_other_slashes_are_not_paths(line: str) -> None:
    assert path_mentions(line) == []


def test_only_missing_paths_under_a_real_folder_are_stale() -> None:
    present = {"src", "src/a.py"}
    lines = [(3, "moved from src/old.py to src/a.py"), (4, "economy/page.tsx is partial")]
    assert stale_mentions(lines, present.__contains__) == [(3, "src/old.py")]


def test_precision_and_recall_on_the_labelled_set() -> None:
    from stale_samples import SAMPLES

    found = expected = right = 0
    for line, paths in SAMPLES:
        named = path_mentions(line)
        found += len(named)
        expected += len(paths)
        right += len(set(named) & set(paths))
    precision, recall = right / found, right / expected
    assert precision >= 0.97, precision  # precision first: a wrong flag costs trust
    assert recall >= 0.85, recall
