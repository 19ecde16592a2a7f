"""Git's unified diff read into files, hunks and lines; one hunk as a patch; word-level changes.

Everything here works on git's own output: the app never computes a diff of its own, so what it
shows, stages and discards is exactly what git means.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import zip_longest

CONTEXT, REMOVED, ADDED, NO_NEWLINE = " ", "-", "+", "\\"

_HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@(.*)$")


@dataclass(frozen=True)
class DiffLine:
    kind: str  # CONTEXT, REMOVED, ADDED or NO_NEWLINE ("\ No newline at end of file")
    text: str  # without the one-character prefix
    old: int | None  # line number in the old file, for context and removed lines
    new: int | None  # line number in the new file, for context and added lines

    @property
    def raw(self) -> str:
        return self.kind + self.text


@dataclass(frozen=True)
class Hunk:
    header: str  # the "@@ -a,b +c,d @@ section" line
    old_start: int
    new_start: int
    lines: tuple[DiffLine, ...]

    @property
    def added(self) -> int:
        return sum(line.kind == ADDED for line in self.lines)

    @property
    def removed(self) -> int:
        return sum(line.kind == REMOVED for line in self.lines)


@dataclass(frozen=True)
class FileDiff:
    header: tuple[str, ...]  # git's lines before the first hunk, verbatim
    hunks: tuple[Hunk, ...]

    @property
    def binary(self) -> bool:
        return any(line.startswith(("Binary files ", "GIT binary patch")) for line in self.header)

    @property
    def new_file(self) -> bool:
        return any(line.startswith("new file mode") for line in self.header)

    @property
    def deleted_file(self) -> bool:
        return any(line.startswith("deleted file mode") for line in self.header)

    def patch(self, hunk: int) -> str:
        """This file's header and one hunk: what `git apply` needs to apply that hunk alone."""
        chosen = self.hunks[hunk]
        lines = [*self.header, chosen.header, *(line.raw for line in chosen.lines)]
        return "\n".join(lines) + "\n"


def parse_diff(text: str) -> list[FileDiff]:
    """Read `git diff` output (no colour, any number of files). Lines split on "\\n" only:
    a carriage return or form feed inside a line is content, not a line break."""
    files: list[FileDiff] = []
    header: list[str] = []
    hunks: list[Hunk] = []
    lines: list[DiffLine] = []
    hunk_head: tuple[str, int, int] | None = None
    old = new = 0

    def close_hunk() -> None:
        nonlocal hunk_head, lines
        if hunk_head is not None:
            hunks.append(Hunk(hunk_head[0], hunk_head[1], hunk_head[2], tuple(lines)))
        hunk_head, lines = None, []

    def close_file() -> None:
        nonlocal header, hunks
        close_hunk()
        if header or hunks:
            files.append(FileDiff(tuple(header), tuple(hunks)))
        header, hunks = [], []

    rows = text.split("\n")
    if rows and rows[-1] == "":
        rows.pop()
    for row in rows:
        if row.startswith("diff --git ") or (hunk_head is None and row.startswith("diff --cc ")):
            close_file()
            header.append(row)
            continue
        match = _HUNK.match(row)
        if match:
            close_hunk()
            old = int(match.group(1))
            new = int(match.group(3))
            hunk_head = (row, old, new)
            continue
        if hunk_head is None:
            header.append(row)
            continue
        kind = row[:1] or CONTEXT  # an empty context line may lose its space in transit
        if kind == CONTEXT:
            lines.append(DiffLine(CONTEXT, row[1:], old, new))
            old, new = old + 1, new + 1
        elif kind == REMOVED:
            lines.append(DiffLine(REMOVED, row[1:], old, None))
            old += 1
        elif kind == ADDED:
            lines.append(DiffLine(ADDED, row[1:], None, new))
            new += 1
        elif kind == NO_NEWLINE:
            lines.append(DiffLine(NO_NEWLINE, row[1:], None, None))
        else:  # the next file's header without a "diff --git" line: not from git diff
            close_file()
            header.append(row)
    close_file()
    return files


Row = tuple[DiffLine | None, DiffLine | None]


def side_by_side(hunk: Hunk) -> Iterator[Row]:
    """(old, new) rows: context on both sides; a run of removed lines faces the added lines
    that follow it, one to one, with blanks where one side is longer."""
    removed: list[DiffLine] = []
    added: list[DiffLine] = []

    def flush() -> Iterator[Row]:
        yield from zip_longest(removed, added)
        removed.clear()
        added.clear()

    for line in hunk.lines:
        if line.kind == REMOVED:
            if added:
                yield from flush()
            removed.append(line)
        elif line.kind == ADDED:
            added.append(line)
        elif line.kind == NO_NEWLINE:
            continue
        else:
            yield from flush()
            yield line, line
    yield from flush()


def line_pairs(hunk: Hunk) -> list[tuple[DiffLine, DiffLine]]:
    """Each removed line with the added line it faces side by side: the pairs whose changed
    words are worth marking."""
    return [
        (left, right)
        for left, right in side_by_side(hunk)
        if left is not None and right is not None and left is not right
    ]


_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")
# Below this similarity the two lines are different sentences: marking words would be noise.
_SIMILAR = 0.4
# Past this length a word diff costs more than it tells.
_WORD_DIFF_MAX = 2_000

Span = tuple[int, int]


def word_changes(old: str, new: str) -> tuple[list[Span], list[Span]]:
    """Character spans that changed inside a line pair, as (old spans, new spans).
    Both lists are empty when the lines are too different for a word-level view to help."""
    if old == new or len(old) > _WORD_DIFF_MAX or len(new) > _WORD_DIFF_MAX:
        return [], []
    old_tokens = _TOKEN.findall(old)
    new_tokens = _TOKEN.findall(new)
    matcher = SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    if matcher.ratio() < _SIMILAR:
        return [], []
    old_offsets = _offsets(old_tokens)
    new_offsets = _offsets(new_tokens)
    old_spans: list[Span] = []
    new_spans: list[Span] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if i2 > i1:
            old_spans.append((old_offsets[i1], old_offsets[i2]))
        if j2 > j1:
            new_spans.append((new_offsets[j1], new_offsets[j2]))
    return old_spans, new_spans


def _offsets(tokens: list[str]) -> list[int]:
    offsets = [0]
    for token in tokens:
        offsets.append(offsets[-1] + len(token))
    return offsets
