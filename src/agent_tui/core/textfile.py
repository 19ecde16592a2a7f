"""Reading a file as text without losing a byte: BOM, line endings, bad bytes, size."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

BOM = "\ufeff"
# Agent files and memory files are small; past this we refuse to parse rather than freeze.
MAX_TEXT_BYTES = 8 * 1024 * 1024


class FileProblem(Exception):
    """A file that cannot be read as text; the message says why, in the user's words."""

    def __init__(self, path: Path, message: str, code: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message
        self.code = code


@dataclass(frozen=True)
class TextFile:
    """The decoded text of a file plus what is needed to write it back byte for byte."""

    path: Path
    text: str  # without the BOM
    bom: bool
    newline: str  # "\r\n" or "\n": the first line ending found (LF when there is none)
    mtime_ns: int
    size: int

    def encode(self, text: str | None = None) -> bytes:
        body = self.text if text is None else text
        return ((BOM if self.bom else "") + body).encode("utf-8")


def detect_newline(text: str) -> str:
    index = text.find("\n")
    if index > 0 and text[index - 1] == "\r":
        return "\r\n"
    return "\n"


def decode_text(path: Path, data: bytes) -> tuple[str, bool]:
    """Decode UTF-8 (with or without BOM); binary or other encodings raise FileProblem."""
    if b"\x00" in data[:8192]:
        raise FileProblem(path, "binary file (it contains NUL bytes); not shown as text", "binary")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise FileProblem(
            path,
            f"not valid UTF-8 (byte 0x{data[error.start]:02x} on line {line}); "
            "Claude Code reads agent and memory files as UTF-8",
            "encoding",
        ) from None
    if text.startswith(BOM):
        return text[1:], True
    return text, False


def read_text_file(path: Path, max_bytes: int = MAX_TEXT_BYTES) -> TextFile:
    """Read `path` as text, or raise FileProblem with a message a person can act on."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise FileProblem(path, "file not found", "missing") from None
    except OSError as error:
        raise FileProblem(path, f"cannot read: {error.strerror}", "unreadable") from None
    if path.is_dir():
        raise FileProblem(path, "is a directory, expected a file", "is-directory")
    if stat.st_size > max_bytes:
        raise FileProblem(
            path,
            f"too large to parse ({stat.st_size:,} bytes; the limit is {max_bytes:,})",
            "too-large",
        )
    try:
        data = path.read_bytes()
    except OSError as error:
        raise FileProblem(path, f"cannot read: {error.strerror}", "unreadable") from None
    text, bom = decode_text(path, data)
    return TextFile(path, text, bom, detect_newline(text), stat.st_mtime_ns, len(data))


def file_signature(path: Path) -> tuple[int, int] | None:
    """(mtime_ns, size) of a file, or None when it is gone; used to notice changes on disk."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size
