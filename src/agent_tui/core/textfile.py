"""Reading a file as text without losing a byte: BOM, line endings, bad bytes, size."""

from __future__ import annotations

import difflib
import errno
import os
import stat
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
    lossy: str | None = None  # why the text is not the file's bytes (read as Claude Code does)

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


def _special_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def read_bytes_safely(path: Path, max_bytes: int) -> tuple[bytes, os.stat_result]:
    """A regular file's bytes, never more than `max_bytes`, never blocking.

    FIFOs, devices and sockets are refused without reading (a FIFO would wait forever,
    `/dev/zero` never ends); the size is enforced while reading, not trusted from `stat`.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise FileProblem(path, "file not found", "missing") from None
    except IsADirectoryError:
        raise FileProblem(path, "is a directory, expected a file", "is-directory") from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise FileProblem(path, "a link that leads to itself (a loop)", "link-loop") from None
        raise FileProblem(path, f"cannot read: {error.strerror}", "unreadable") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise FileProblem(path, "is a directory, expected a file", "is-directory")
        if not stat.S_ISREG(info.st_mode):
            kind = _special_kind(info.st_mode)
            raise FileProblem(path, f"{kind}, not a regular file: never read", "special")
        chunks: list[bytes] = []
        size = 0
        while size <= max_bytes:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as error:
        raise FileProblem(path, f"cannot read: {error.strerror}", "unreadable") from None
    finally:
        os.close(fd)
    if size > max_bytes:
        raise FileProblem(path, f"too large (over {max_bytes:,} bytes); not read", "too-large")
    return b"".join(chunks), info


def read_text_file(path: Path, max_bytes: int = MAX_TEXT_BYTES, lossy: bool = False) -> TextFile:
    """Read `path` as text, or raise FileProblem with a message a person can act on.

    `lossy`: read text that is not UTF-8 (or holds NUL bytes) the way Claude Code does, with
    invalid bytes replaced by U+FFFD, and say why in `TextFile.lossy` (it cannot be saved
    back without changing bytes).
    """
    data, info = read_bytes_safely(path, max_bytes)
    try:
        text, bom = decode_text(path, data)
    except FileProblem as problem:
        if not lossy:
            raise
        text = data.decode("utf-8", "replace")
        bom = text.startswith(BOM)
        text = text[1:] if bom else text
        return TextFile(
            path, text, bom, detect_newline(text), info.st_mtime_ns, len(data), problem.message
        )
    return TextFile(path, text, bom, detect_newline(text), info.st_mtime_ns, len(data))


def file_signature(path: Path) -> tuple[int, int] | None:
    """(mtime_ns, size) of a file, or None when it is gone; used to notice changes on disk."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


def editor_lines(text: str) -> tuple[list[str], list[str]]:
    """The lines a text editor (Textual's) shows for `text`, split at every line break
    Python knows (\\r\\n, \\n, \\r, \\v, \\f, NEL, U+2028 ...), and the break after each."""
    pieces = text.splitlines(keepends=True)
    lines = [piece.splitlines()[0] if piece.splitlines() else "" for piece in pieces]
    ends = [piece[len(line) :] for piece, line in zip(pieces, lines, strict=True)]
    if not pieces or text.endswith(("\n", "\r")):
        lines.append("")  # Textual shows an empty last line after a final newline
        ends.append("")
    return lines, ends


def keep_line_ends(original: str, edited_lines: list[str], newline: str) -> str:
    """The file text for an editor's lines: every line the editor did not change keeps its
    own line break (CRLF in an LF file, a form feed, U+2028 ...), a changed line keeps the
    break of the line it replaced, and a new one gets `newline`. Unedited, this gives back
    `original` exactly."""
    lines, ends = editor_lines(original)
    if lines == edited_lines:
        return original
    # Lines pair up from both ends first (typing changes lines in place), then the middle
    # is diffed; same-length middles pair line by line.
    head = 0
    while head < min(len(lines), len(edited_lines)) and lines[head] == edited_lines[head]:
        head += 1
    tail = 0
    while (
        tail < min(len(lines), len(edited_lines)) - head
        and lines[-1 - tail] == edited_lines[-1 - tail]
    ):
        tail += 1
    old_middle = range(head, len(lines) - tail)
    new_middle = range(head, len(edited_lines) - tail)
    pairs: list[int | None] = list(range(head))  # the old line each new line stands for
    if len(old_middle) == len(new_middle):
        pairs += list(old_middle)
    else:
        middle: list[int | None] = [None] * len(new_middle)
        matcher = difflib.SequenceMatcher(
            None, lines[head : len(lines) - tail], edited_lines[head : len(edited_lines) - tail],
            autojunk=False,
        )  # fmt: skip
        for _, i1, i2, j1, j2 in matcher.get_opcodes():
            for offset in range(min(i2 - i1, j2 - j1)):
                middle[j1 + offset] = head + i1 + offset
        pairs += middle
    pairs += list(range(len(lines) - tail, len(lines)))
    out: list[str] = []
    last = len(edited_lines) - 1
    for index, old in enumerate(pairs):
        end = ends[old] if old is not None else ""
        if index == last and old != len(lines) - 1:
            end = ""
        elif index != last and not end:
            end = newline
        out.append(edited_lines[index] + end)
    return "".join(out)
