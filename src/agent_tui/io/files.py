"""Creating, renaming and deleting files without ever replacing one by accident."""

from __future__ import annotations

import contextlib
import functools
import os
from collections.abc import Callable
from pathlib import Path

from agent_tui.core.topic_changes import TopicChanges
from agent_tui.io.atomic import SaveError, atomic_write
from agent_tui.io.boundary import check_write


def create_file(path: Path, data: bytes) -> None:
    """Write a new file; refuse when something already has that name."""
    check_write(path)
    if path.exists() or path.is_symlink():
        raise SaveError(f"{path.name} already exists; choose another name")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise SaveError(f"cannot create {path.parent}: {error.strerror}") from None
    atomic_write(path, data)


def rename_file(old: Path, new: Path) -> None:
    """Rename `old` to `new`; refuse to replace an existing file."""
    check_write(old)
    check_write(new)
    if new.exists() or new.is_symlink():
        raise SaveError(f"{new.name} already exists; choose another name")
    try:
        new.parent.mkdir(parents=True, exist_ok=True)
        os.rename(old, new)
    except OSError as error:
        raise SaveError(f"cannot rename {old.name}: {error.strerror}") from None


def delete_file(path: Path) -> None:
    check_write(path)
    try:
        path.unlink()
    except OSError as error:
        raise SaveError(f"cannot delete {path.name}: {error.strerror}") from None


def apply_topic_changes(folder: Path, changes: TopicChanges) -> Callable[[], None]:
    """Rename and create what `changes` holds (deletions wait: see `finish_topic_changes`).
    Returns what puts the folder back as it was, for when the index then fails to save.
    A failure part-way puts it back at once and raises SaveError."""
    done: list[Callable[[], None]] = []

    def undo() -> None:
        for step in reversed(done):
            with contextlib.suppress(SaveError):  # best effort: the save is reported failed
                step()

    try:
        for new, old in changes.renamed.items():
            rename_file(folder / old, folder / new)
            done.append(functools.partial(rename_file, folder / new, folder / old))
        for new, text in changes.created.items():
            create_file(folder / new, text.encode("utf-8"))
            done.append(functools.partial(delete_file, folder / new))
    except SaveError:
        undo()
        raise
    return undo


def finish_topic_changes(folder: Path, changes: TopicChanges) -> list[str]:
    """Delete what `changes` deletes, once the index no longer needs it; the messages of
    deletions that failed (the file stays: nothing is lost)."""
    failed: list[str] = []
    for topic in sorted(changes.deleted):
        try:
            delete_file(folder / topic)
        except SaveError as error:
            failed.append(str(error))
    changes.clear()
    return failed
