"""Noticing changes made outside the app, by polling signatures (no extra dependency).

Polling a handful of paths once a second costs microseconds; watching every memory file of a
large workspace would not, so only the open agent's files and the folders that list agents
and memory are watched.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

Signature = tuple[tuple[str, int, int], ...]


def signature(paths: Iterable[Path]) -> Signature:
    """(path, mtime_ns, size) per path; a missing path has (-1, -1)."""
    entries: list[tuple[str, int, int]] = []
    for path in paths:
        try:
            stat = os.stat(path)
        except OSError:
            entries.append((str(path), -1, -1))
        else:
            entries.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(entries)


def folder_signature(folders: Iterable[Path]) -> Signature:
    """A folder and the files directly in it: a file added, removed or rewritten shows."""
    paths: list[Path] = []
    for folder in folders:
        paths.append(folder)
        try:
            paths += sorted(Path(entry.path) for entry in os.scandir(folder) if entry.is_file())
        except OSError:
            continue
    return signature(paths)
