"""The MEMORY.md budget: what Claude Code loads at start-up, and where the cut falls.

An agent's MEMORY.md (Claude Code 2.1.332, checked by running it): the whole file, trimmed
as JavaScript's `trim()` trims, nothing else removed: frontmatter and HTML comments count.
Lines are newlines + 1; size is the string length in UTF-16 code units (a CJK character
counts 1, an emoji 2), which we call characters. Over 200 lines or 25,000 characters it
keeps the first 200 lines, then, if those are still too long, cuts them at the last newline
at or before character 25,000 (or at character 25,000 when there is none), and appends a
warning line. Auto memory (the main session's) strips frontmatter and HTML comment blocks
first, then applies the same cut: `measure(text, strip=True)`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum

from agent_tui.core.frontmatter import split_like_claude

MAX_LINES = 200
MAX_CHARS = 25_000
NEAR_LINES, TIGHT_LINES = 150, 180
NEAR_SHARE, TIGHT_SHARE = 0.75, 0.90
PREVIEW_CHARS = 80

# JavaScript's `trim()` and `\s`: its white space and line terminators (U+0085 is not one).
JS_SPACE = (
    "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
    "\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
)


class Band(str, Enum):
    OK = "ok"
    NEAR = "near"
    TIGHT = "tight"
    OVER = "over"


@dataclass(frozen=True)
class Budget:
    lines: int  # lines Claude Code counts (newlines + 1, after trimming)
    chars: int  # its size in UTF-16 code units
    loaded_lines: int  # lines (the last maybe in part) that reach the agent
    loaded_chars: int
    truncated: bool
    limit: str | None  # the limit that made the cut: "lines", "chars", or None
    cut_line: int | None  # the file's own 1-based line number of the first line not loaded
    last_loaded_line: int | None  # the file's line number of the last line loaded whole
    band: Band
    warning: str | None = None  # the warning line Claude Code appends, word for word
    first_line: int = 1  # the file's line number of the first line counted (after trimming)

    @property
    def lines_left(self) -> int:
        return max(0, MAX_LINES - self.lines)

    @property
    def chars_left(self) -> int:
        return max(0, MAX_CHARS - self.chars)

    @property
    def lines_lost(self) -> int:
        return self.lines - self.loaded_lines if self.truncated else 0


def plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def cut_words(budget: Budget) -> str:
    """Where the cut falls, in a person's words: `lines 1–200 load; 13 lines (412 characters)
    after them are dropped`."""
    lost_chars = budget.chars - budget.loaded_chars
    if budget.last_loaded_line is None:
        return (
            f"only the first {budget.loaded_chars:,} characters of line {budget.cut_line} load; "
            f"{plural(lost_chars, 'character')} after them are dropped"
        )
    return (
        f"lines {budget.first_line}–{budget.last_loaded_line} load; "
        f"{plural(budget.lines_lost, 'line')} ({plural(lost_chars, 'character')}) "
        "after them are dropped"
    )


def js_length(text: str) -> int:
    """JavaScript's `String.length`: characters outside the BMP count twice."""
    if text.isascii():
        return len(text)
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def js_prefix(text: str, units: int) -> str:
    """The first `units` UTF-16 code units of `text`, never splitting a character."""
    if text.isascii():
        return text[:units]
    count = 0
    for index, char in enumerate(text):
        count += 2 if ord(char) > 0xFFFF else 1
        if count > units:
            return text[:index]
    return text


def js_trim(text: str) -> str:
    return text.strip(JS_SPACE)


def size_words(units: int) -> str:
    """Claude Code's size wording: `24.4KB`, `980 bytes` (1 KB = 1,024 units)."""
    if units < 1024:
        return f"{units} bytes"
    kilo = (Decimal(units) / 1024).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return f"{kilo}".removesuffix(".0") + "KB"


def preview(line: str, limit: int = PREVIEW_CHARS) -> str:
    """Claude Code's short form of the first lost line: cut at a word, ending in `…`."""
    if js_length(line) <= limit:
        return line
    head = js_prefix(line, limit - 1)
    last_space = max(head.rfind(char) for char in JS_SPACE)
    before = head[:last_space].rstrip(JS_SPACE) if last_space >= 0 else ""
    chosen = before if js_length(before) > limit / 2 else head.rstrip(JS_SPACE)
    return chosen + "…"


_COMMENT = re.compile(r"<!--[\s\S]*?-->")
_COMMENT_START = re.compile(r"^ {0,3}<!--")
_FENCE = re.compile(r"^ {0,3}(`{3,}(?=[^`]*$)|~{3,})")
_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])(?: +|$)")
_FENCE_END = re.compile(r"^ {0,3}(`{3,}|~{3,})[ \t]*$")


def strip_auto_memory(text: str) -> str:
    """Auto memory only: YAML frontmatter, then HTML comment blocks, removed before counting.

    As Claude Code does it with its markdown lexer: a comment that starts a block (not inside
    a code fence) runs to the line holding `-->`, with the empty lines after it; the comments
    in it are removed, and the block goes entirely when nothing else is left. When anything is
    removed, line endings become `\n`.
    """
    split = split_like_claude(text)
    if split.has_frontmatter:
        text = split.body
    if "<!--" not in text:
        return text
    lines = re.sub(r"\r\n?", "\n", text).split("\n")
    out: list[str] = []
    stripped = False
    fence: str | None = None
    list_indent: int | None = None  # content column of the list item we are in, if any
    index = 0
    while index < len(lines):
        line = lines[index]
        opener = _FENCE.match(line)
        if fence is not None:
            closer = _FENCE_END.match(line)
            if closer and closer.group(1)[0] == fence[0] and len(closer.group(1)) >= len(fence):
                fence = None
            out.append(line)
            index += 1
            continue
        previous = out[-1] if out else ""
        indent = len(line) - len(line.lstrip(" "))
        item = _LIST_ITEM.match(line)
        if item:
            list_indent = len(item.group(0))
        elif list_indent is not None and line.strip() and indent < list_indent:
            # Out of the list, unless it is a lazy continuation of the item's text.
            lazy = previous.strip() != "" and not _COMMENT_START.match(line)
            list_indent = list_indent if lazy else None
        if opener:
            fence = opener.group(1)
        starts = _COMMENT_START.match(line)
        inside_list = list_indent is not None and not item and indent >= list_indent
        if fence is not None or not starts or inside_list:
            out.append(line)
            index += 1
            continue
        list_indent = None
        end = index
        while "-->" not in "\n".join(lines[index : end + 1]) and end + 1 < len(lines):
            end += 1
        while end + 1 < len(lines) - 1 and lines[end + 1] == "":
            end += 1  # the empty lines after the block belong to it
        block = "\n".join(lines[index : end + 1])
        rest = _COMMENT.sub("", block)
        if rest.strip(JS_SPACE):
            out += rest.split("\n")
        stripped = True
        index = end + 1
    return "\n".join(out) if stripped else text


def _band(lines: int, size: int, truncated: bool) -> Band:
    if truncated:
        return Band.OVER
    if lines >= TIGHT_LINES or size >= TIGHT_SHARE * MAX_CHARS:
        return Band.TIGHT
    if lines >= NEAR_LINES or size >= NEAR_SHARE * MAX_CHARS:
        return Band.NEAR
    return Band.OK


@dataclass(frozen=True)
class _Cut:
    content: str  # the trimmed text
    kept: str  # what Claude Code keeps of it
    kept_units: int  # its length in UTF-16 units (a cut can split a surrogate pair)
    whole_lines: int  # lines kept whole; 0 when the cut falls inside line 1
    limit: str | None


def _cut(content: str, lines: int, size: int) -> _Cut:
    over_lines, over_chars = lines > MAX_LINES, size > MAX_CHARS
    if not over_lines and not over_chars:
        return _Cut(content, content, size, lines, None)
    if over_lines:
        end = -1
        for _ in range(MAX_LINES):
            end = content.index("\n", end + 1)
        kept, limit = content[:end], "lines"
    else:
        kept, limit = content, "chars"
    kept_units = js_length(kept)
    if kept_units > MAX_CHARS:
        window = js_prefix(kept, MAX_CHARS + 1)
        newline = window.rfind("\n")
        limit = "chars"
        if newline > 0:
            kept = window[:newline]
            kept_units = js_length(kept)
        else:  # JavaScript slices at unit 25,000, even inside a surrogate pair
            kept, kept_units = js_prefix(kept, MAX_CHARS), MAX_CHARS
    ends_line = content[len(kept) : len(kept) + 1] == "\n"
    whole = kept.count("\n") + 1 if ends_line else 0
    return _Cut(content, kept, kept_units, whole, limit)


def _warning(cut: _Cut, lines: int, size: int) -> str:
    over_lines, over_chars = lines > MAX_LINES, size > MAX_CHARS
    if over_chars and not over_lines:
        what = f"{size_words(size)} (limit: {size_words(MAX_CHARS)}) — index entries are too long"
    elif over_lines and not over_chars:
        what = f"{lines} lines (limit: {MAX_LINES})"
    else:
        what = f"{lines} lines and {size_words(size)}"
    if cut.whole_lines == 0:
        lost = f"everything after the first {cut.kept_units} characters of line 1 was cut off"
    else:
        rest = cut.content[len(cut.kept) + 1 :]
        first = js_trim(rest.split("\n", 1)[0])
        lost = (
            f"{lines - cut.whole_lines} of {lines} lines were cut off, starting at line "
            f"{cut.whole_lines + 1}" + (f' ("{preview(first)}")' if first else "")
        )
    return (
        f"> WARNING: MEMORY.md is {what}. Only part of it was loaded: {lost}. Keep index "
        "entries to one line under ~200 chars; move detail into topic files."
    )


def _trimmed(text: str, strip: bool) -> tuple[str, int]:
    """The text Claude Code counts, and how many file lines precede its first line."""
    if strip:
        return js_trim(strip_auto_memory(text)), 0
    content = js_trim(text)
    lead = len(text) - len(text.lstrip(JS_SPACE))
    return content, text.count("\n", 0, lead)


def measure(text: str, strip: bool = False) -> Budget:
    """The budget of a MEMORY.md text (BOM already removed). `strip`: auto memory's rule.

    Line numbers refer to the file for agent memory; for auto memory, whose stripped lines do
    not map back simply, they refer to the stripped text.
    """
    content, offset = _trimmed(text, strip)
    lines = content.count("\n") + 1
    size = js_length(content)
    cut = _cut(content, lines, size)
    band = _band(lines, size, cut.limit is not None)
    if cut.limit is None:
        last = lines + offset
        return Budget(lines, size, lines, size, False, None, None, last, band, None, offset + 1)
    loaded_lines = cut.kept.count("\n") + 1 if cut.kept else 0
    return Budget(
        lines=lines,
        chars=size,
        loaded_lines=cut.whole_lines or loaded_lines,
        loaded_chars=cut.kept_units,
        truncated=True,
        limit=cut.limit,
        cut_line=(cut.whole_lines + 1 if cut.whole_lines else 1) + offset,
        last_loaded_line=cut.whole_lines + offset if cut.whole_lines else None,
        band=band,
        warning=_warning(cut, lines, size),
        first_line=offset + 1,
    )


def split_loaded(text: str, strip: bool = False) -> tuple[str, str]:
    """(what Claude Code puts in the agent's context, what it drops) for a MEMORY.md text."""
    content, _ = _trimmed(text, strip)
    cut = _cut(content, content.count("\n") + 1, js_length(content))
    return cut.kept, content[len(cut.kept) :]


_LINE_BREAKS = re.compile("\r\n?|[\u2028\u2029]")
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def as_injected(text: str) -> str:
    """Text as Claude Code hands it to the model: line breaks made `\\n`, control characters
    removed (it also removes format and unassigned characters, which we leave)."""
    return _INVISIBLE.sub("", _LINE_BREAKS.sub("\n", text))
