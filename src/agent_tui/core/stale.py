"""Repository paths named in memory that no longer exist: memory about code goes stale when
the code moves. Precision first: only tokens shaped like relative file paths count (a folder,
a slash, a file name with an extension, maybe `:line`), never URLs, absolute paths, globs or
placeholders, and a path counts as named only when it is resolved from the repository root."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from pathlib import Path

_PATH = re.compile(
    r"(?<![\w./:~@$%-])"  # not the middle of a word, URL, absolute or home path
    r"((?:\.?[A-Za-z0-9_-][A-Za-z0-9_.-]*/)+[A-Za-z0-9_-][A-Za-z0-9_.-]*\.[A-Za-z][A-Za-z0-9]{0,7})"
    r"(?::\d+(?:-\d+)?)?"
    r"(?![\w/*])"
)
_PLACEHOLDER = re.compile(r"N{2,}|X{2,}|x{2,}|YYYY[-_]?MM[-_]?DD|<[^>]*>")
_DOMAIN = re.compile(r"^[a-z0-9-]+(?:\.[a-z0-9-]+)+/")  # github.com/…, docs.python.org/…


def path_mentions(line: str) -> list[str]:
    """Relative file paths a line names, as written (without `:line`)."""
    found: list[str] = []
    for match in _PATH.finditer(line):
        path = match.group(1)
        if _DOMAIN.match(path) or "{" in line[max(0, match.start() - 1) : match.start()]:
            continue
        if path.startswith(("e.g.", "i.e.")) or "..." in path:
            continue
        if all(len(part.split(".")[0]) < 2 for part in path.split("/")):
            continue  # `a/b.c`: an example, not a file
        if _PLACEHOLDER.fullmatch(path.rsplit("/", 1)[-1].split(".")[0]):
            continue  # `backlog/NNN.md`, `notes/XXXX.md`
        found.append(path)
    return found


def stale_mentions(
    lines: list[tuple[int, str]], exists: Callable[[str], bool]
) -> list[tuple[int, str]]:
    """(line number, path) for each path named in `lines` that is gone from the repository.

    Only a path whose first folder exists at the root counts: `src/old.py` when `src/` is
    there. `page.tsx` under some `economy/` deeper down is a partial path, not a stale one.
    """
    return [
        (number, path)
        for number, text in lines
        for path in path_mentions(text)
        if exists(path.split("/", 1)[0]) and not exists(path)
    ]


def in_tree(root: Path) -> Callable[[str], bool]:
    """Whether a repository-relative path exists under `root` (each path asked once)."""

    @functools.lru_cache(maxsize=4096)
    def exists(relative: str) -> bool:
        try:
            return (root / relative).exists()
        except OSError:
            return True  # cannot tell: never call it stale

    return exists


def stale_in_text(text: str, exists: Callable[[str], bool]) -> list[tuple[int, str]]:
    """(line, path) for each missing path a memory file names; lines without a slash are
    skipped before any pattern runs."""
    lines = [(n, line) for n, line in enumerate(text.split("\n"), start=1) if "/" in line]
    return stale_mentions(lines, exists)


def naming_moved(
    files: dict[str, str], moves: dict[str, str | None]
) -> list[tuple[str, int, str, str | None]]:
    """(memory file, line, path, new path or None) for each line of `files` (path -> text)
    that names a path the change deleted or renamed."""
    found: list[tuple[str, int, str, str | None]] = []
    for name, text in files.items():
        for number, line in enumerate(text.split("\n"), start=1):
            if "/" in line:
                found += [(name, number, p, moves[p]) for p in path_mentions(line) if p in moves]
    return found
