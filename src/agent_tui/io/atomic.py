"""Saving files so that a crash or a full disk never leaves half a file behind."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path


class SaveError(Exception):
    """The file could not be written; the original is untouched."""


class HardLinked(SaveError):
    """The file has other names (hard links): someone must choose whether they all see the
    new text (written in place) or this name becomes a file of its own (the usual save)."""


def _write_in_place(target: Path, data: bytes) -> None:
    try:
        with open(target, "r+b") as stream:
            stream.write(data)
            stream.truncate()
            stream.flush()
            os.fsync(stream.fileno())
    except OSError as error:
        raise SaveError(f"cannot save {target}: {error.strerror}") from None


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


def atomic_write(path: Path, data: bytes, keep_links: bool | None = None) -> None:
    """Write `data` to a temporary file beside `path`, then rename it over `path`.

    The file's permission bits and, where allowed, its owner are kept. A symlink is written
    through to its target, so the link itself stays a link. A file with hard links raises
    HardLinked unless `keep_links` says what to do: True writes in place (every name sees
    the new text), False replaces this name only.
    """
    target = Path(os.path.realpath(path))
    try:
        info: os.stat_result | None = target.stat()
    except FileNotFoundError:
        info = None
    if info is not None and info.st_nlink > 1:
        if keep_links is None:
            raise HardLinked(
                f"{path.name} has {info.st_nlink - 1} other name(s) (hard links): choose "
                "whether they see the change too"
            )
        if keep_links:
            _write_in_place(target, data)
            return
    # A new file gets what the umask allows (mkstemp alone would make it private).
    mode = stat.S_IMODE(info.st_mode) if info is not None else 0o666 & ~_umask()
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
        )
    except OSError as error:
        raise SaveError(f"cannot write in {target.parent}: {error.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        if info is not None and (info.st_uid, info.st_gid) != (os.getuid(), os.getgid()):
            with contextlib.suppress(OSError):  # keeps the owner where we may
                os.chown(temporary, info.st_uid, info.st_gid)
        os.replace(temporary, target)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise SaveError(f"cannot save {path}: {error.strerror}") from None
