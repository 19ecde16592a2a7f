"""Creating, renaming and deleting files without ever replacing one by accident."""

from __future__ import annotations

import os
from pathlib import Path

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
