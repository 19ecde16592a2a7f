"""The MEMORY.md budget: what Claude Code loads at start-up, and where the cut falls.

Claude Code strips YAML frontmatter and block HTML comments, trims the text, then keeps the
first 200 lines or the first 25,000 characters, whichever is reached first; the size cut falls
at the last newline within the limit. Its size is JavaScript's string length (UTF-16 code
units), which equals the byte count for ASCII text: we count it the same way so the cut we
show is the cut it makes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from agent_tui.core.frontmatter import split_like_claude

MAX_LINES = 200
MAX_BYTES = 25_000
NEAR_LINES, TIGHT_LINES = 150, 180
NEAR_SHARE, TIGHT_SHARE = 0.75, 0.90


class Band(str, Enum):
    OK = "ok"
    NEAR = "near"
    TIGHT = "tight"
    OVER = "over"


@dataclass(frozen=True)
class Budget:
    lines: int  # lines Claude Code counts (after stripping and trimming)
    bytes: int  # size Claude Code counts, in UTF-16 code units (bytes for ASCII)
    loaded_lines: int
    loaded_bytes: int
    truncated: bool
    cut_line: int | None  # 1-based line of the original file where the first lost text is
    last_loaded_line: int | None  # 1-based original line of the last line that loads (whole)
    band: Band

    @property
    def lines_left(self) -> int:
        return max(0, MAX_LINES - self.lines)

    @property
    def bytes_left(self) -> int:
        return max(0, MAX_BYTES - self.bytes)


def js_length(text: str) -> int:
    """JavaScript's `String.length`: astral characters count twice."""
    if text.isascii():
        return len(text)
    return len(text.encode("utf-16-le")) // 2


def _js_prefix(text: str, units: int) -> str:
    """The first `units` UTF-16 code units of `text` (never splitting a character)."""
    if text.isascii():
        return text[:units]
    count = 0
    for index, char in enumerate(text):
        count += 2 if ord(char) > 0xFFFF else 1
        if count > units:
            return text[:index]
    return text


_COMMENT_OPEN = re.compile(r"^\s*<!--")
_COMMENT_CLOSE = re.compile(r"-->\s*$")


def _strip_for_loading(text: str) -> tuple[list[str], Sequence[int]]:
    """Lines Claude Code counts, each with its 1-based line number in the original file."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    offset_lines = 0
    split = split_like_claude(text)
    if split.has_frontmatter:
        offset_lines = text[: len(text) - len(split.body)].count("\n")
        text = split.body
    if "<!--" not in text:  # the common case, and cheap enough to run on every keystroke
        plain = text.split("\n")
        return plain, range(1 + offset_lines, len(plain) + 1 + offset_lines)
    kept: list[str] = []
    numbers: list[int] = []
    in_comment = False
    for index, line in enumerate(text.split("\n")):
        if in_comment:
            in_comment = "-->" not in line
            continue
        if _COMMENT_OPEN.match(line):
            if "-->" not in line:
                in_comment = True
                continue
            if _COMMENT_CLOSE.search(line):
                continue
        kept.append(line)
        numbers.append(index + 1 + offset_lines)
    return kept, numbers


def _band(lines: int, size: int, truncated: bool) -> Band:
    if truncated:
        return Band.OVER
    if lines >= TIGHT_LINES or size >= TIGHT_SHARE * MAX_BYTES:
        return Band.TIGHT
    if lines >= NEAR_LINES or size >= NEAR_SHARE * MAX_BYTES:
        return Band.NEAR
    return Band.OK


def _counted(text: str) -> tuple[list[str], Sequence[int]]:
    """The lines Claude Code counts, trimmed as JavaScript's trim() does, with their numbers."""
    lines, numbers = _strip_for_loading(text)
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    end = len(lines)
    while end > start and not lines[end - 1].strip():
        end -= 1
    lines, numbers = lines[start:end], numbers[start:end]
    if lines:
        lines[0] = lines[0].lstrip()
        lines[-1] = lines[-1].rstrip()
    return lines, numbers


def _cut(lines: list[str], content: str) -> str:
    """The part of `content` (the counted lines, joined) that Claude Code keeps."""
    if len(lines) <= MAX_LINES and js_length(content) <= MAX_BYTES:
        return content
    loaded = "\n".join(lines[:MAX_LINES]) if len(lines) > MAX_LINES else content
    if js_length(loaded) > MAX_BYTES:
        window = _js_prefix(loaded, MAX_BYTES + 1)
        newline = window.rfind("\n")
        loaded = window[:newline] if newline > 0 else _js_prefix(loaded, MAX_BYTES)
    return loaded


def split_loaded(text: str) -> tuple[str, str]:
    """(what Claude Code puts in the agent's context, what it drops) for a MEMORY.md text."""
    lines, _ = _counted(text)
    content = "\n".join(lines)
    loaded = _cut(lines, content)
    return loaded, content[len(loaded) :]


def measure(text: str) -> Budget:
    """The budget of a MEMORY.md text (BOM already removed)."""
    lines, numbers = _counted(text)
    content = "\n".join(lines)
    size = js_length(content)
    count = len(lines) or 1  # JavaScript counts an empty text as one line
    if count <= MAX_LINES and size <= MAX_BYTES:
        last = numbers[-1] if numbers else None
        return Budget(count, size, count, size, False, None, last, _band(count, size, False))
    loaded = _cut(lines, content)
    whole_lines = loaded.count("\n") + 1
    # The first lost text is on the line after the last newline kept, unless a line was split.
    last_loaded: int | None
    ends_on_boundary = len(loaded) < len(content) and content[len(loaded)] == "\n"
    if ends_on_boundary:
        cut_index = whole_lines  # 0-based index of the first line not loaded
        last_loaded = numbers[whole_lines - 1]
    else:
        cut_index = whole_lines - 1  # that line is cut part-way
        last_loaded = numbers[whole_lines - 2] if whole_lines >= 2 else None
    return Budget(
        lines=count,
        bytes=size,
        loaded_lines=loaded.count("\n") + 1 if loaded else 0,
        loaded_bytes=js_length(loaded),
        truncated=True,
        cut_line=numbers[cut_index],
        last_loaded_line=last_loaded,
        band=Band.OVER,
    )
