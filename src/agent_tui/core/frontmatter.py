"""Frontmatter: where it is, what Claude Code reads from it, and lossless edits to it.

Two views of one file:
- `split_like_claude` finds the frontmatter text exactly as Claude Code does (it ends at the
  first `---` anywhere after the opening line, even inside a value).
- `FrontmatterLayout` is a line map used for editing: the opening and closing `---` lines and
  the lines each top-level key owns. Edits replace only the lines of the key they touch.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from agent_tui.core.claude_yaml import YamlError, load_strict, parse_like_claude

_CLAUDE_FRONTMATTER = re.compile(r"---\s*\n([\s\S]*?)---\s*\n?")
_KEY_LINE = re.compile(
    r"""^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"\-][^:]*?)[ \t]*:(?=[ \t\r\n]|$)"""
)


class EditError(Exception):
    """An edit that would not be lossless or would not parse back; nothing is written."""


@dataclass(frozen=True)
class ClaudeSplit:
    """The frontmatter text and the body as Claude Code separates them."""

    has_frontmatter: bool
    frontmatter: str
    body: str


def split_like_claude(text: str) -> ClaudeSplit:
    """`text` without BOM. Mirrors Claude Code's frontmatter regular expression."""
    if text.find("---", 3) < 0:
        return ClaudeSplit(False, "", text)
    match = _CLAUDE_FRONTMATTER.match(text)
    if match is None:
        return ClaudeSplit(False, "", text)
    return ClaudeSplit(True, match.group(1), text[match.end() :])


@dataclass(frozen=True)
class Entry:
    """A top-level key and the lines it owns: [start, end) in the file's lines."""

    key: str
    start: int
    end: int


def _unquote_key(raw: str) -> str:
    if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "\"'":
        try:
            value = load_strict(raw)
        except YamlError:
            return raw[1:-1]
        return str(value)
    return raw


def _is_detachable(line: str) -> bool:
    stripped = line.strip()
    return stripped == "" or line.startswith("#")


@dataclass(frozen=True)
class FrontmatterLayout:
    lines: tuple[str, ...]  # the file's lines, each with its own line ending
    open_index: int | None
    close_index: int | None
    entries: tuple[Entry, ...]
    newline: str

    @property
    def has_frontmatter(self) -> bool:
        return self.open_index is not None

    @property
    def is_closed(self) -> bool:
        return self.close_index is not None

    def entry(self, key: str) -> Entry | None:
        found = [entry for entry in self.entries if entry.key == key]
        return found[-1] if found else None

    def line_of(self, key: str) -> int | None:
        """1-based line where `key` starts, for findings."""
        entry = self.entry(key)
        return entry.start + 1 if entry else None

    def entry_text(self, entry: Entry) -> str:
        return "".join(self.lines[entry.start : entry.end])

    def frontmatter_text(self) -> str:
        if self.open_index is None:
            return ""
        end = self.close_index if self.close_index is not None else len(self.lines)
        return "".join(self.lines[self.open_index + 1 : end])

    def head_end(self) -> int:
        """Index of the first body line."""
        if self.close_index is None:
            return 0 if self.open_index is None else len(self.lines)
        return self.close_index + 1

    def body(self) -> str:
        return "".join(self.lines[self.head_end() :])

    def entry_value(self, entry: Entry) -> tuple[Any, str | None]:
        """The value of one entry read from its own lines, and why it failed if it did."""
        parsed = parse_like_claude(self.entry_text(entry).replace("\r\n", "\n"))
        if parsed.ok and isinstance(parsed.value, dict) and entry.key in parsed.value:
            return parsed.value[entry.key], None
        first = self.lines[entry.start]
        raw = first.split(":", 1)[1].strip() if ":" in first else ""
        return raw, parsed.error or "does not parse"

    def iter_entry_values(self) -> Iterator[tuple[Entry, Any, str | None]]:
        """Each entry with its value read on its own (the line-by-line recovery)."""
        for entry in self.entries:
            yield (entry, *self.entry_value(entry))


def split_lines(text: str) -> tuple[str, ...]:
    """Lines ending at "\n" only: str.splitlines() also breaks at \x0c, \x85, \u2028 ..."""
    lines = text.split("\n")
    ends = [line + "\n" for line in lines[:-1]]
    return (*ends, lines[-1]) if lines[-1] else tuple(ends)


def layout(text: str) -> FrontmatterLayout:
    lines = split_lines(text)
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    if not lines or lines[0].rstrip() != "---":
        return FrontmatterLayout(lines, None, None, (), newline)
    close_index = next((i for i in range(1, len(lines)) if lines[i].startswith("---")), None)
    end = close_index if close_index is not None else len(lines)
    starts: list[tuple[int, str]] = []
    for index in range(1, end):
        match = _KEY_LINE.match(lines[index])
        if match:
            starts.append((index, _unquote_key(match.group(1))))
    entries: list[Entry] = []
    for position, (start, key) in enumerate(starts):
        stop = starts[position + 1][0] if position + 1 < len(starts) else end
        while stop - 1 > start and _is_detachable(lines[stop - 1]):
            stop -= 1
        entries.append(Entry(key, start, stop))
    return FrontmatterLayout(lines, 0, close_index, tuple(entries), newline)


# ---------------------------------------------------------------------------------------------
# Writing values


def same_value(a: Any, b: Any) -> bool:
    """Equality that tells `true` from `1` and `1` from `1.0`."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same_value(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same_value(x, y) for x, y in zip(a, b, strict=False))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return bool(a == b)


_PLAIN_FIRST_FORBIDDEN = set("-?:,[]{}#&*!|>'\"%@` \t")


def _plain(text: str) -> str | None:
    if (
        not text
        or text[0] in _PLAIN_FIRST_FORBIDDEN
        or text != text.strip()
        or ": " in text
        or " #" in text
        or text.endswith(":")
        or any(ch in text for ch in "\n\r\t")
        or not text.isprintable()
    ):
        return None
    return text


def _double_quoted(text: str, ascii_only: bool) -> str:
    quoted = json.dumps(text, ensure_ascii=ascii_only)
    # A run of three dashes would end the frontmatter for Claude Code, even inside quotes.
    return quoted.replace("--", "-\\x2d")


_YAML_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _yaml_double_quoted(text: str) -> str:
    """YAML's own double-quoted form: printable characters raw, the rest escaped."""
    out = []
    for char in text:
        code = ord(char)
        if char in _YAML_ESCAPES:
            out.append(_YAML_ESCAPES[char])
        elif code < 0x20 or 0x7F <= code <= 0x9F:
            out.append(f"\\x{code:02x}")
        elif code in (0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF) or 0xD800 <= code <= 0xDFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(char)
    return '"' + "".join(out).replace("--", "-\\x2d") + '"'


def _block_literal(text: str, indent: str) -> str | None:
    if "\r" in text or (
        not text.isprintable() and any(not (ch.isprintable() or ch in "\n\t") for ch in text)
    ):
        return None
    body = text.rstrip("\n")
    trailing = len(text) - len(body)
    chomp = "-" if trailing == 0 else ("" if trailing == 1 else "+")
    lines = body.split("\n")
    indicator = "2" if lines and lines[0].startswith((" ", "\t")) else ""
    rendered = [f"{indent}{line}" if line else "" for line in lines]
    rendered += [""] * (trailing - 1 if trailing > 1 else 0)
    return f"|{indicator}{chomp}\n" + "\n".join(rendered)


def _scalar_candidates(value: Any) -> list[str]:
    if value is None:
        return ["null"]
    if isinstance(value, bool):
        return ["true" if value else "false"]
    if isinstance(value, (int, float)):
        if isinstance(value, float) and math.isnan(value):
            return [".nan"]
        if isinstance(value, float) and math.isinf(value):
            return [".inf" if value > 0 else "-.inf"]
        return [repr(value)]
    if isinstance(value, str):
        candidates = []
        plain = _plain(value)
        if plain is not None:
            candidates.append(plain)
        if "\n" in value:
            block = _block_literal(value, "  ")
            if block is not None:
                candidates.append(block)
        candidates += [_double_quoted(value, False), _yaml_double_quoted(value)]
        return candidates
    raise EditError(f"cannot write a value of type {type(value).__name__}")


def flow_text(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(flow_text(item) for item in value) + "]"
    if isinstance(value, dict):
        parts = [f"{flow_text(str(k))}: {flow_text(v)}" for k, v in value.items()]
        return "{" + ", ".join(parts) + "}"
    if isinstance(value, str):
        plain = _plain(value)
        if plain is not None and not any(ch in plain for ch in ",[]{}"):
            try:
                if load_strict(plain) == value:
                    return plain
            except YamlError:
                pass
        return _yaml_double_quoted(value)
    return _scalar_candidates(value)[0]


def _render_key(key: str) -> str:
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.-]*", key):
        return key
    return _double_quoted(key, True)


def render_entry(key: str, value: Any, newline: str) -> str:
    """The lines for `key: value`, ending in `newline`, guaranteed to parse back to `value`."""
    rendered_key = _render_key(key)
    if isinstance(value, (list, dict)):
        candidates = [flow_text(value), json.dumps(value, ensure_ascii=True)]
    else:
        candidates = _scalar_candidates(value)
    for candidate in candidates:
        separator = "" if candidate.startswith("|") else " "
        text = f"{rendered_key}:{separator}{candidate}\n"
        if "---" in text or any(ch in text for ch in "\u2028\u2029\x85"):
            continue
        try:
            parsed = load_strict(text)
        except YamlError:
            continue
        if isinstance(parsed, dict) and same_value(parsed.get(key), value) and len(parsed) == 1:
            return text.replace("\n", newline)
    raise EditError(f"cannot write {key!r} so that it reads back unchanged")


# ---------------------------------------------------------------------------------------------
# Edits


def read_value(text: str, key: str) -> tuple[bool, Any]:
    """(present, value) of one key, read from its own lines."""
    shape = layout(text)
    entry = shape.entry(key)
    if entry is None:
        return False, None
    return True, shape.entry_value(entry)[0]


def _require_closed(shape: FrontmatterLayout) -> None:
    if shape.has_frontmatter and not shape.is_closed:
        raise EditError("the frontmatter has no closing '---' line; fix the file as text first")


def set_value(text: str, key: str, value: Any) -> str:
    """Set one key, touching only its lines. Unchanged value: the text comes back as is."""
    shape = layout(text)
    _require_closed(shape)
    entry = shape.entry(key)
    if entry is not None:
        current, error = shape.entry_value(entry)
        if error is None and same_value(current, value):
            return text
    rendered = render_entry(key, value, shape.newline)
    lines = list(shape.lines)
    if not shape.has_frontmatter:
        nl = shape.newline
        return f"---{nl}{rendered}---{nl}" + text
    if entry is not None:
        lines[entry.start : entry.end] = [rendered]
        return "".join(lines)
    assert shape.close_index is not None
    lines.insert(shape.close_index, rendered)
    return "".join(lines)


def remove_key(text: str, key: str) -> str:
    """Remove one key and only its lines; a missing key leaves the text as is."""
    shape = layout(text)
    _require_closed(shape)
    entry = shape.entry(key)
    if entry is None:
        return text
    lines = list(shape.lines)
    del lines[entry.start : entry.end]
    return "".join(lines)


def set_body(text: str, body: str) -> str:
    """Replace everything after the frontmatter; the frontmatter keeps every byte."""
    shape = layout(text)
    _require_closed(shape)
    head = "".join(shape.lines[: shape.head_end()])
    if head and not head.endswith("\n") and body:
        head += shape.newline
    return head + body
