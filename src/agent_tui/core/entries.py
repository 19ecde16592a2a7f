"""The entries of a MEMORY.md as people and agents write them: heading sections, bullets,
table rows, link lines and paragraphs. What Claude Code drops at start-up is told in these
entries, a whole section by its heading, never "nothing" while lines are dropped."""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from agent_tui.core.budget import Budget, js_length

_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:\s|$)")
_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:\s|$)")
_ROW = re.compile(r"^\s*\|")
_LINK_LINE = re.compile(r"^\s*\[[^\]]*\]\([^)]*\)")


class Entry(NamedTuple):  # a tuple: thousands are made on each pause in typing
    kind: str  # "section", "bullet", "row", "link", "paragraph"
    line: int  # 1-based first line in the file
    last_line: int  # 1-based last line
    title: str  # the heading, or the entry's first line, trimmed
    chars: int  # its size in characters (UTF-16 units), line breaks included
    level: int = 0  # a heading's level (1 for `#`); 0 for other entries


@functools.lru_cache(maxsize=1 << 16)
def _line_kind(line: str) -> tuple[str, int]:
    """(kind, heading level) of one line: "blank", "section", "bullet", "row", "link" or
    "paragraph". Cached: while someone types, all lines but one are as they were."""
    if not line.strip():
        return "blank", 0
    heading = _HEADING.match(line)
    if heading:
        return "section", len(heading.group(1))
    if _ITEM.match(line):
        return "bullet", 0
    if _ROW.match(line):
        return "row", 0
    if _LINK_LINE.match(line):
        return "link", 0
    return "paragraph", 0


def index_entries(text: str) -> list[Entry]:
    """Every entry, in file order; a heading's entry spans its whole section."""
    lines = text.split("\n")
    kinds = [_line_kind(line) for line in lines]
    blocks: list[tuple[str, int, int, int]] = []  # kind, first, last (0-based), level
    index = 0
    while index < len(lines):
        kind, level = kinds[index]
        if kind == "blank":
            index += 1
            continue
        if kind == "section":
            blocks.append(("section", index, index, level))
            index += 1
            continue
        end = index
        while end + 1 < len(lines):
            following = kinds[end + 1][0]
            if following in ("blank", "section"):
                break
            if kind in ("bullet", "row", "link") and not lines[end + 1][:1].isspace():
                break  # the next bullet, row or link line is an entry of its own
            if kind == "paragraph" and following in ("bullet", "row"):
                break
            end += 1
        blocks.append((kind, index, end, 0))
        index = end + 1
    # A section runs to the next heading of the same or a higher level: one pass, with the
    # open sections on a stack, closed by each heading that outranks them.
    section_end: dict[int, int] = {}
    open_sections: list[tuple[int, int]] = []  # (block number, level)
    for number, (kind, first, _, level) in enumerate(blocks):
        if kind != "section":
            continue
        while open_sections and open_sections[-1][1] >= level:
            section_end[open_sections.pop()[0]] = first - 1
        open_sections.append((number, level))
    offsets = [0]  # UTF-16 units before each line, its line break counted
    for line in lines:
        offsets.append(offsets[-1] + js_length(line) + 1)
    entries: list[Entry] = []
    for number, (kind, first, last, level) in enumerate(blocks):
        if kind == "section":
            last = section_end.get(number, len(lines) - 1)
            while last > first and kinds[last][0] == "blank":
                last -= 1
        chars = offsets[last + 1] - offsets[first] - 1
        entries.append(Entry(kind, first + 1, last + 1, lines[first].strip(), chars, level))
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
