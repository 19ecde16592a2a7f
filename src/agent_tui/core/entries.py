"""The entries of a MEMORY.md as people and agents write them: heading sections, bullets,
table rows, link lines and paragraphs. What Claude Code drops at start-up is told in these
entries, a whole section by its heading, never "nothing" while lines are dropped."""

from __future__ import annotations

import re
from dataclasses import dataclass

from agent_tui.core.budget import Budget, js_length

_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:\s|$)")
_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:\s|$)")
_ROW = re.compile(r"^\s*\|")
_LINK_LINE = re.compile(r"^\s*\[[^\]]*\]\([^)]*\)")


@dataclass(frozen=True)
class Entry:
    kind: str  # "section", "bullet", "row", "link", "paragraph"
    line: int  # 1-based first line in the file
    last_line: int  # 1-based last line
    title: str  # the heading, or the entry's first line, trimmed
    chars: int  # its size in characters (UTF-16 units), line breaks included
    level: int = 0  # a heading's level (1 for `#`); 0 for other entries


def _block_kind(line: str) -> str:
    if _ITEM.match(line):
        return "bullet"
    if _ROW.match(line):
        return "row"
    if _LINK_LINE.match(line):
        return "link"
    return "paragraph"


def index_entries(text: str) -> list[Entry]:
    """Every entry, in file order; a heading's entry spans its whole section."""
    lines = text.split("\n")
    blocks: list[tuple[str, int, int, int]] = []  # kind, first, last (0-based), level
    index = 0
    while index < len(lines):
        line = lines[index]
        if not line.strip():
            index += 1
            continue
        heading = _HEADING.match(line)
        if heading:
            blocks.append(("section", index, index, len(heading.group(1))))
            index += 1
            continue
        kind = _block_kind(line)
        end = index
        while end + 1 < len(lines):
            following = lines[end + 1]
            if not following.strip() or _HEADING.match(following):
                break
            if kind in ("bullet", "row", "link") and not following[:1].isspace():
                break  # the next bullet, row or link line is an entry of its own
            if kind == "paragraph" and (_ITEM.match(following) or _ROW.match(following)):
                break
            end += 1
        blocks.append((kind, index, end, 0))
        index = end + 1
    entries: list[Entry] = []
    for number, (kind, first, last, level) in enumerate(blocks):
        if kind == "section":  # to the next heading of the same or a higher level
            last = len(lines) - 1
            for later_kind, later_first, _, later_level in blocks[number + 1 :]:
                if later_kind == "section" and later_level <= level:
                    last = later_first - 1
                    break
            while last > first and not lines[last].strip():
                last -= 1
        body = "\n".join(lines[first : last + 1])
        entries.append(
            Entry(kind, first + 1, last + 1, lines[first].strip(), js_length(body), level)
        )
    return entries


def dropped_entries(text: str, budget: Budget | None) -> list[Entry]:
    """The entries Claude Code loses: a section whose heading is past the cut as one entry,
    otherwise each entry that reaches past it (the one the cut splits included)."""
    if budget is None or not budget.truncated or budget.cut_line is None:
        return []
    cut = budget.cut_line
    dropped: list[Entry] = []
    covered_to = 0
    for entry in index_entries(text):
        if entry.line <= covered_to:
            continue  # inside a section already listed whole
        if entry.kind == "section" and entry.line >= cut:
            dropped.append(entry)
            covered_to = entry.last_line
        elif entry.kind != "section" and entry.last_line >= cut:
            dropped.append(entry)
    return dropped
