"""Bringing an index back under budget without losing a line: a section (or a run of entries)
moves into a topic file of its own, and one line naming that file takes its place.

`fit_plan` picks the fewest, largest pieces that make the whole index load with headroom:
heading sections first (at the shallowest level that has more than one), then runs of
loose entries; when many small pieces would each save too little, neighbours are grouped.
Every moved line is kept verbatim in its topic file, and every new topic file is named in
the index that remains, which loads whole."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from agent_tui.core.budget import MAX_CHARS, NEAR_LINES, NEAR_SHARE, Budget, js_length, measure
from agent_tui.core.entries import Entry, index_entries
from agent_tui.core.memory import INDEX_NAME, TopicMeta, index_entry, topic_file_name, topic_text

# The default target is the meter's "ok" band: below where it starts to warn.
OK_LINES = NEAR_LINES - 1
OK_CHARS = int(NEAR_SHARE * MAX_CHARS) - 1
DESCRIPTION_CHARS = 100
NAME_CHARS = 40  # a new topic file's name, before `.md`


@dataclass(frozen=True)
class Piece:
    """Lines `first`..`last` (1-based, inclusive) of the index that can move out together."""

    first: int
    last: int
    title: str  # a heading, or the first entry's first line
    description: str
    chars: int


@dataclass(frozen=True)
class Move:
    first: int  # 1-based lines of the index that move
    last: int
    topic: str  # the new topic file, relative to the memory folder
    text: str  # the topic file: frontmatter, then the moved lines as they were
    pointer: str  # the line left in the index, naming the topic file


@dataclass(frozen=True)
class FitPlan:
    before: Budget
    after: Budget
    moves: tuple[Move, ...]
    index_text: str  # the index with the moves applied
    target_lines: int
    target_chars: int
    reason: str | None = None  # why the index cannot be brought within the target

    @property
    def fits(self) -> bool:
        return self.reason is None


def _plain(title: str) -> str:
    """A heading or entry line as words: no `#`, bullet, emphasis or link syntax."""
    title = re.sub(r"^\s*(?:#{1,6}|[-*+]|\d{1,9}[.)])\s+", "", title)
    title = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", title)
    return re.sub(r"[`*_|\[\]]+", "", title).strip() or "notes"


def _first_sentence(lines: list[str]) -> str:
    for line in lines:
        words = _plain(line) if line.strip() and not line.lstrip().startswith("#") else ""
        if words and words != "notes" and not set(words) <= set("-: "):
            sentence = re.split(r"(?<=[.!?])\s", words, maxsplit=1)[0]
            return (
                sentence
                if len(sentence) <= DESCRIPTION_CHARS
                else (sentence[: DESCRIPTION_CHARS - 1].rstrip() + "…")
            )
    return ""


def _piece(lines: list[str], first: int, last: int, title: str) -> Piece:
    body = lines[first - 1 : last]
    return Piece(first, last, _plain(title), _first_sentence(body[1:] or body),
                 js_length("\n".join(body)))  # fmt: skip


def pieces(text: str, group_lines: int = 0) -> list[Piece]:
    """What can move, in file order. Heading sections at the shallowest level with two or
    more; every other entry on its own (or, with `group_lines`, runs of neighbours up to that
    many lines, never across a heading that stays)."""
    lines = text.split("\n")
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
    if not group_lines:
        return [_piece(lines, a.line, a.last_line, a.title) for a in atoms]
    kept = {e.line for e in sections if level is None or e.level < level}
    grouped: list[Piece] = []
    start: Entry | None = None
    end = 0
    for atom in atoms:
        crosses = start is not None and any(start.line < k < atom.line for k in kept)
        if start is not None and (crosses or atom.last_line - start.line + 1 > group_lines):
            grouped.append(_piece(lines, start.line, end, start.title))
            start = None
        if start is None:
            start = atom
        end = atom.last_line
    if start is not None:
        grouped.append(_piece(lines, start.line, end, start.title))
    return grouped


def _apply(text: str, moves: list[Move]) -> str:
    lines = text.split("\n")
    for move in sorted(moves, key=lambda m: m.first, reverse=True):
        ending = "\r" if lines[move.last - 1].endswith("\r") else ""
        lines[move.first - 1 : move.last] = [move.pointer + ending]
    return "\n".join(lines)


def _unique(name: str, taken: set[str]) -> str:
    stem, number = name.removesuffix(".md")[:NAME_CHARS].rstrip("-"), 1
    name = stem + ".md"
    while name.lower() in taken:
        number += 1
        name = f"{stem}-{number}.md"
    taken.add(name.lower())
    return name


def move_out(text: str, piece: Piece, existing: Collection[str] = ()) -> Move:
    """The move of one piece into a new topic file (not yet applied)."""
    taken = {topic.lower() for topic in existing} | {INDEX_NAME.lower()}
    topic = _unique(topic_file_name(piece.title), taken)
    return _move(text, piece, topic)


def _move(text: str, piece: Piece, topic: str) -> Move:
    moved = "\n".join(text.split("\n")[piece.first - 1 : piece.last])
    newline = "\r\n" if moved.endswith("\r") or "\r\n" in moved else "\n"
    head = topic_text(piece.title, piece.description, "project").replace("\n", newline)
    body = moved.removesuffix("\r") + newline
    pointer = index_entry(topic, TopicMeta(piece.title, piece.description or None))
    return Move(piece.first, piece.last, topic, head + body, pointer)


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
    plan = FitPlan(before, before, (), text, target_lines, target_chars)
    if _fits(before, target_lines, target_chars):
        return plan
    total = len(text.split("\n"))
    group = 0
    while True:
        plan = _greedy(text, pieces(text, group), existing, target_lines, target_chars)
        if plan.fits or group >= total:
            return plan
        group = max(2 * group, 20, total // 40)  # neighbours together: fewer pointer lines


POINTER_CHARS = 80  # about what the line naming a new topic file takes


def _gain(piece: Piece, need: tuple[int, int]) -> float:
    """How much of what is still over the target moving `piece` saves (the larger share of
    the lines or of the characters)."""
    need_lines, need_chars = need
    saved_lines = piece.last - piece.first
    saved_chars = piece.chars - POINTER_CHARS
    return max(
        saved_lines / need_lines if need_lines else 0.0,
        saved_chars / need_chars if need_chars else 0.0,
    )


def _greedy(
    text: str, candidates: list[Piece], existing: Collection[str], lines: int, chars: int
) -> FitPlan:
    before = measure(text)
    taken = {topic.lower() for topic in existing} | {INDEX_NAME.lower()}
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
            return FitPlan(before, after, tuple(chosen), current, lines, chars, reason)
        best = max(useful, key=lambda piece: gains[id(piece)])
        left.remove(best)
        chosen.append(_move(text, best, _unique(topic_file_name(best.title), taken)))
        current = _apply(text, chosen)
        after = measure(current)
    chosen.sort(key=lambda move: move.first)
    return FitPlan(before, after, tuple(chosen), current, lines, chars)
