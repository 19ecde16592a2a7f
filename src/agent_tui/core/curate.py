"""Bringing an index back under budget without losing a line: a section (or a run of entries)
moves into a topic file of its own, and one line naming that file takes its place.

`fit_plan` picks the fewest, largest pieces that make the whole index load with headroom:
heading sections first (at the shallowest level that has more than one), then runs of
loose entries; when many small pieces would each save too little, neighbours are grouped.
Every moved line is kept verbatim in its topic file, and every new topic file is named in
the index that remains, which loads whole. The first line naming each existing topic file
stays in the index (under the new line), so no topic the agent could find becomes
unreachable."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from agent_tui.core.budget import MAX_CHARS, NEAR_LINES, NEAR_SHARE, Budget, js_length, measure
from agent_tui.core.entries import Entry, index_entries
from agent_tui.core.memory import (
    INDEX_NAME,
    TopicMeta,
    index_entry,
    topic_file_name,
    topic_mentions,
    topic_text,
)

# The default target is the meter's "ok" band: below where it starts to warn.
OK_LINES = NEAR_LINES - 1
OK_CHARS = int(NEAR_SHARE * MAX_CHARS) - 1
DESCRIPTION_CHARS = 100
TITLE_CHARS = 60
NAME_CHARS = 40  # a new topic file's name, before `.md`


@dataclass(frozen=True)
class Piece:
    """Lines `first`..`last` (1-based, inclusive) of the index that can move out together."""

    first: int
    last: int
    title: str  # a heading, or the first entry's first line
    description: str
    chars: int  # what moves, in characters
    kept: tuple[int, ...] = ()  # lines in the range that stay: they name existing topics

    @property
    def saved_lines(self) -> int:
        return self.last - self.first - len(self.kept)  # the moved lines, less one pointer


@dataclass(frozen=True)
class Move:
    first: int  # 1-based lines of the index that move
    last: int
    topic: str  # the new topic file, relative to the memory folder
    text: str  # the topic file: frontmatter, then the moved lines as they were
    pointer: str  # the line left in the index, naming the topic file
    kept: tuple[str, ...] = ()  # lines that stay under it (they name existing topics)


@dataclass(frozen=True)
class FitPlan:
    before: Budget
    after: Budget
    moves: tuple[Move, ...]
    index_text: str  # the index with the moves applied
    target_lines: int
    target_chars: int
    reason: str | None = None  # why the index cannot be brought within the target
    before_text: str = ""

    @property
    def fits(self) -> bool:
        return self.reason is None


def _plain(title: str) -> str:
    """A heading or entry line as words: no `#`, bullet, emphasis or link syntax."""
    title = re.sub(r"^\s*(?:#{1,6}|[-*+]|\d{1,9}[.)])\s+", "", title)
    title = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", title)
    return re.sub(r"[`*_|\[\]]+", "", title).strip() or "notes"


def _cut(words: str, limit: int) -> str:
    return words if len(words) <= limit else words[: limit - 1].rsplit(" ", 1)[0] + "…"


def _first_sentence(lines: list[str]) -> str:
    for line in lines:
        words = _plain(line) if line.strip() and not line.lstrip().startswith("#") else ""
        if words and words != "notes" and not set(words) <= set("-: "):
            return _cut(re.split(r"(?<=[.!?])\s", words, maxsplit=1)[0], DESCRIPTION_CHARS)
    return ""


def _piece(
    lines: list[str], first: int, last: int, naming: set[int], heads: tuple[int, ...] = ()
) -> Piece | None:
    """Lines `first`..`last` as a piece; None when every line in it must stay. `heads`: the
    first lines of the entries a group holds: its title runs from the first to the last, and
    its description names them all, so the index says what the new file holds."""
    kept = tuple(n for n in range(first, last + 1) if n in naming)
    moving = [lines[n - 1] for n in range(first, last + 1) if n not in naming]
    if not any(line.strip() for line in moving):
        return None
    named = [_plain(lines[n - 1]) for n in heads if n not in naming]
    if len(named) > 1:
        title = _cut(f"{named[0]} … {named[-1]}", TITLE_CHARS)
        description = _cut("; ".join(named), DESCRIPTION_CHARS)
    else:
        title = _cut(_plain(next(line for line in moving if line.strip())), TITLE_CHARS)
        description = _first_sentence(moving[1:] or moving)
    return Piece(first, last, title, description, js_length("\n".join(moving)), kept)


def pieces(text: str, group_lines: int = 0, existing: Collection[str] = ()) -> list[Piece]:
    """What can move, in file order. Heading sections at the shallowest level with two or
    more; every other entry on its own (or, with `group_lines`, runs of neighbours up to that
    many lines, never across a heading that stays). The first line naming each of the
    `existing` topic files stays where it is."""
    lines = text.split("\n")
    naming = set(topic_mentions(text, tuple(existing)).values())  # first line naming each
    entries = index_entries(text)
    sections = [e for e in entries if e.kind == "section"]
    levels = sorted({e.level for e in sections})
    level = next((lv for lv in levels if sum(e.level == lv for e in sections) > 1), None)
    atoms: list[Entry] = []
    covered = 0
    for entry in entries:
        if entry.line <= covered:
            continue
        if entry.kind == "section" and entry.level == level:
            atoms.append(entry)
            covered = entry.last_line
        elif entry.kind != "section":
            atoms.append(entry)
    spans: list[tuple[int, int, tuple[int, ...]]] = []  # first, last, entries' first lines
    if not group_lines:
        spans = [(a.line, a.last_line, ()) for a in atoms]
    else:
        kept = {e.line for e in sections if level is None or e.level < level}
        group: list[Entry] = []
        for atom in atoms:
            crosses = bool(group) and any(group[0].line < k < atom.line for k in kept)
            if group and (crosses or atom.last_line - group[0].line + 1 > group_lines):
                spans.append((group[0].line, group[-1].last_line, tuple(a.line for a in group)))
                group = []
            group.append(atom)
        if group:
            spans.append((group[0].line, group[-1].last_line, tuple(a.line for a in group)))
    found = (_piece(lines, first, last, naming, heads) for first, last, heads in spans)
    return [piece for piece in found if piece is not None]


def _apply(text: str, moves: list[Move]) -> str:
    lines = text.split("\n")
    for move in sorted(moves, key=lambda m: m.first, reverse=True):
        ending = "\r" if lines[move.last - 1].endswith("\r") else ""
        lines[move.first - 1 : move.last] = [move.pointer + ending, *move.kept]
    return "\n".join(lines)


def _taken(existing: Collection[str]) -> set[str]:
    """Names a new topic file may not have, lowercased (a filesystem may ignore case)."""
    return {name.lower() for name in existing} | {INDEX_NAME.lower()}


def _unique(name: str, taken: set[str]) -> str:
    stem, number = name.removesuffix(".md"), 1
    if len(stem) > NAME_CHARS:  # cut at a word, not inside one
        head = stem[: NAME_CHARS + 1]
        stem = head.rsplit("-", 1)[0] if "-" in head.strip("-") else stem[:NAME_CHARS]
    name = stem + ".md"
    while name.lower() in taken:
        number += 1
        name = f"{stem}-{number}.md"
    taken.add(name.lower())
    return name


def move_out(text: str, piece: Piece, existing: Collection[str] = (), topic: str = "") -> Move:
    """The move of one piece into a new topic file (not yet applied): `topic`, or a name
    made from its title that no existing file has."""
    return _move(text, piece, topic or _unique(topic_file_name(piece.title), _taken(existing)))


def piece_at(text: str, first: int, last: int | None = None) -> Piece | None:
    """The piece holding line `first` (1-based); with `last`, exactly those lines (a
    selection). None on a blank line or a heading that holds the sections under it."""
    lines = text.split("\n")
    if last is not None and last > first:
        return _piece(lines, first, min(last, len(lines)), set())
    return next((p for p in pieces(text) if p.first <= first <= p.last), None)


def _move(text: str, piece: Piece, topic: str) -> Move:
    lines = text.split("\n")
    span = range(piece.first, piece.last + 1)
    moved = "\n".join(lines[n - 1] for n in span if n not in piece.kept)
    newline = "\r\n" if moved.endswith("\r") or "\r\n" in moved else "\n"
    head = topic_text(piece.title, piece.description, "project").replace("\n", newline)
    body = moved.removesuffix("\r") + newline
    pointer = index_entry(topic, TopicMeta(piece.title, piece.description or None))
    kept = tuple(lines[n - 1] for n in piece.kept)
    return Move(piece.first, piece.last, topic, head + body, pointer, kept)


def apply_moves(text: str, moves: Collection[Move]) -> str:
    return _apply(text, list(moves))


def _fits(budget: Budget, lines: int, chars: int) -> bool:
    return not budget.truncated and budget.lines <= lines and budget.chars <= chars


def fit_plan(
    text: str,
    existing: Collection[str] = (),
    target_lines: int = OK_LINES,
    target_chars: int = OK_CHARS,
) -> FitPlan:
    """The fewest, largest moves after which the whole index loads within the target."""
    before = measure(text)
    plan = FitPlan(before, before, (), text, target_lines, target_chars, None, text)
    if _fits(before, target_lines, target_chars):
        return plan
    total = len(text.split("\n"))
    group = 0
    while True:
        found = pieces(text, group, existing)
        plan = _greedy(text, found, existing, target_lines, target_chars)
        if plan.fits or group >= total:
            return plan
        group = max(2 * group, 20, total // 40)  # neighbours together: fewer pointer lines


POINTER_CHARS = 80  # about what the line naming a new topic file takes


def _gain(piece: Piece, need: tuple[int, int]) -> float:
    """How much of what is still over the target moving `piece` saves (the larger share of
    the lines or of the characters)."""
    need_lines, need_chars = need
    saved_lines = piece.saved_lines
    saved_chars = piece.chars - POINTER_CHARS
    return max(
        saved_lines / need_lines if need_lines else 0.0,
        saved_chars / need_chars if need_chars else 0.0,
    )


def _greedy(
    text: str, candidates: list[Piece], existing: Collection[str], lines: int, chars: int
) -> FitPlan:
    before = measure(text)
    taken = _taken(existing)
    chosen: list[Move] = []
    left = list(candidates)
    after = before
    current = text
    while not _fits(after, lines, chars):
        need = (max(0, after.lines - lines), max(0, after.chars - chars))
        gains = {id(piece): _gain(piece, need) for piece in left}
        useful = [piece for piece in left if gains[id(piece)] > 0]
        if not useful:
            reason = (
                f"what cannot move (headings that hold the rest, and one line per topic "
                f"file) is {after.lines:,} lines / {after.chars:,} characters, over the "
                f"target of {lines:,} lines / {chars:,} characters"
            )
            return FitPlan(before, after, tuple(chosen), current, lines, chars, reason, text)
        best = max(useful, key=lambda piece: gains[id(piece)])
        left.remove(best)
        chosen.append(_move(text, best, _unique(topic_file_name(best.title), taken)))
        current = _apply(text, chosen)
        after = measure(current)
    chosen.sort(key=lambda move: move.first)
    return FitPlan(before, after, tuple(chosen), current, lines, chars, None, text)
