"""A file open for editing: what was read, what is on disk now, and a save that never
overwrites a change made behind our back."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from agent_tui.core.textfile import (
    MAX_TEXT_BYTES,
    FileProblem,
    TextFile,
    read_bytes_safely,
    read_text_file,
)
from agent_tui.io.atomic import SaveError, atomic_write
from agent_tui.io.boundary import check_write
from agent_tui.io.files import create_file


class ChangedOnDisk(Exception):
    """The file changed on disk since it was read; saving would lose that change."""


@dataclass
class OpenFile:
    path: Path
    source: TextFile | None
    problem: FileProblem | None = None

    @classmethod
    def read(cls, path: Path) -> OpenFile:
        try:
            source = read_text_file(path)
        except FileProblem as problem:
            return cls(path, None, problem)
        return cls(path, source)

    @property
    def text(self) -> str:
        return self.source.text if self.source else ""

    @classmethod
    def new(cls, path: Path) -> OpenFile:
        """A file that does not exist yet; saving creates it."""
        return cls(path, None)

    @property
    def is_new(self) -> bool:
        return self.source is None and self.problem is None

    @property
    def read_only(self) -> bool:
        """Binary, non-UTF-8, too large or unreadable files are shown, never written."""
        return self.problem is not None

    def changed_on_disk(self) -> bool:
        """Compared by content: a same-size change with its time restored (`cp -p`,
        `rsync -t`) is still a change."""
        if self.source is None:
            return False
        try:
            data, _ = read_bytes_safely(self.path, MAX_TEXT_BYTES)
        except FileProblem:
            return True  # gone, or no longer a readable file: certainly not what we read
        return data != self.source.encode()  # the text as read gives back its bytes exactly

    def disk_text(self) -> str | None:
        """The text on disk now, or None when it is gone or no longer text."""
        try:
            return read_text_file(self.path).text
        except FileProblem:
            return None

    def save(self, text: str, overwrite: bool = False, keep_links: bool | None = None) -> None:
        """Save `text` atomically, keeping the BOM. Raises ChangedOnDisk unless `overwrite`."""
        if self.problem is not None:
            raise SaveError(f"{self.path.name} is read-only here: {self.problem.message}")
        check_write(self.path)
        if self.source is None:
            if overwrite:
                atomic_write(self.path, text.encode("utf-8"))
            elif self.path.exists() or self.path.is_symlink():
                raise ChangedOnDisk(f"{self.path.name} was created by someone else meanwhile")
            else:
                create_file(self.path, text.encode("utf-8"))
        else:
            if not overwrite and self.changed_on_disk():
                raise ChangedOnDisk(f"{self.path.name} changed on disk since it was opened")
            atomic_write(self.path, self.source.encode(text), keep_links)
        try:
            self.source = read_text_file(self.path)
        except FileProblem as problem:  # saved, but it can no longer be edited here (too large)
            self.source, self.problem = None, problem
