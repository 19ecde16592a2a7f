"""A diff for reading prose: soft-wrapped, word-level changes, line numbers from both sides,
unified or side by side. Virtualised: rows are laid out in chunks and only visible lines drawn,
so a 10,000-line rewrite opens at once and lays out the rest while the user reads.

Over 400 lines: layout, drawing and the cursor share the row tables that make the view
virtual (first line of each row, row of each line, the strip cache); apart, each would need
the others' internals."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from rich.cells import cell_len, chop_cells
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from agent_tui.core.diff import (
    ADDED,
    CONTEXT,
    REMOVED,
    DiffLine,
    FileDiff,
    Span,
    line_pairs,
    side_by_side,
    word_changes,
)
from agent_tui.ui.tones import Tones

# Rows laid out per step; the first step covers what a screen shows, the rest follow.
CHUNK = 500
# Rows whose drawn strips are kept (a few screens' worth) before the cache starts again.
DRAWN_ROWS = 600

NUMBER_STYLE = Style(dim=True)
OUTSIDE = Segment(" ")


@dataclass(frozen=True)
class Look:
    """The diff's styles in the theme's colours."""

    line: dict[str, Style]
    words: dict[str, Style]
    hunk: Style
    cursor: Segment
    in_hunk: Segment
    cursor_row: Style  # under the row the cursor is on, while the diff has focus

    @classmethod
    def of(cls, tones: Tones) -> Look:
        return cls(
            line={
                CONTEXT: Style(),
                REMOVED: Style(color=tones.removed),
                ADDED: Style(color=tones.added),
            },
            words={
                REMOVED: Style(color="white", bgcolor=tones.removed_words, bold=True),
                ADDED: Style(color="white", bgcolor=tones.added_words, bold=True),
            },
            hunk=Style(color=tones.info, bold=True),
            cursor=Segment("▌", Style(color=tones.changed, bold=True)),
            in_hunk=Segment("│", Style(color=tones.changed, dim=True)),
            cursor_row=Style(bgcolor=tones.cursor_row),
        )


NO_LOOK = Look(
    {CONTEXT: Style(), REMOVED: Style(), ADDED: Style()}, {}, Style(), OUTSIDE, OUTSIDE, Style()
)
SIGN = {CONTEXT: " ", REMOVED: "-", ADDED: "+"}
# Control characters would move the terminal's cursor: each shows as its visible symbol, a
# tab as an arrow (one character for one, so word-level marks stay in place).
SHOWN_CONTROLS = {code: 0x2400 + code for code in range(32)} | {9: 0x2192, 127: 0x2421}


@dataclass(frozen=True)
class Row:
    hunk: int
    left: DiffLine | None = None  # unified: the line; side by side: the old side
    right: DiffLine | None = None  # side by side: the new side
    header: str = ""  # set for the row that opens a hunk

    @property
    def line(self) -> DiffLine | None:
        """The line this row stands for: the new side when there is one."""
        return self.right or self.left


def diff_rows(diff: FileDiff, split: bool) -> list[Row]:
    rows: list[Row] = []
    for number, hunk in enumerate(diff.hunks):
        rows.append(Row(number, header=hunk.header))
        if split:
            rows += [Row(number, left, right) for left, right in side_by_side(hunk)]
        else:
            rows += [Row(number, line) for line in hunk.lines if line.kind in SIGN]
    return rows


class DiffView(ScrollView, can_focus=True):
    BINDINGS = [
        Binding("up,k", "move(-1)", "Up", show=False),
        Binding("down,j", "move(1)", "Down", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home", "edge(0)", show=False),
        Binding("end", "edge(1)", show=False),
        Binding("n,right_square_bracket", "hunk(1)", "Next hunk", id="next-hunk"),
        Binding("p,left_square_bracket", "hunk(-1)", "Prev hunk", show=False, id="prev-hunk"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.diff: FileDiff | None = None
        self.split = False
        self.wrap = True
        self.rows: list[Row] = []
        self.cursor = 0
        # Layout keeps numbers only: the height of each row laid out so far. Strips are drawn
        # for the rows on screen and a few screens around, and kept in a small cache.
        self._row_start: list[int] = []  # first visual line of each row laid out
        self._strip_row: list[int] = []  # the row of each visual line
        self._drawn: dict[int, list[Strip]] = {}  # row -> its strips, for rows drawn lately
        self._width = 0
        self._words: dict[int, dict[int, list[Span]]] = {}  # per hunk: id(line) -> changed words
        self._digits = 1
        self._partners: dict[int, tuple[DiffLine, DiffLine]] = {}
        self.look = NO_LOOK  # until mounted, when the theme is known

    def on_mount(self) -> None:
        self.theme_changed()
        self.watch(self.app, "theme", self.theme_changed, init=False)

    def theme_changed(self) -> None:
        self.look = Look.of(Tones.of(self.app))
        self._drawn.clear()
        self.refresh()

    # ------------------------------------------------------------------------ content

    def show(self, diff: FileDiff | None, cursor: int = 0) -> None:
        """Show a file's diff (None: nothing), the cursor on row `cursor` (or the last row)."""
        self.diff = diff
        self._words, self._partners = {}, {}
        numbers = [
            max(hunk.old_start, hunk.new_start) + len(hunk.lines) for hunk in diff.hunks
        ] if diff else [1]  # fmt: skip
        self._digits = len(str(max(numbers, default=1)))
        self.rows = diff_rows(diff, self.split) if diff is not None else []
        self.cursor = max(0, min(cursor, len(self.rows) - 1))
        self.relayout()
        self.scroll_to(0, 0, animate=False)
        self.reveal()

    def set_mode(self, *, split: bool | None = None, wrap: bool | None = None) -> None:
        """Unified or side by side, wrapped or cut; the cursor stays on its hunk."""
        hunk = self.hunk_index
        self.split = self.split if split is None else split
        self.wrap = self.wrap if wrap is None else wrap
        self.rows = diff_rows(self.diff, self.split) if self.diff is not None else []
        self.cursor = next((n for n, row in enumerate(self.rows) if row.hunk == hunk), 0)
        self.relayout()
        self.reveal()

    @property
    def hunk_index(self) -> int | None:
        return self.rows[self.cursor].hunk if self.rows else None

    @property
    def cursor_row(self) -> Row | None:
        return self.rows[self.cursor] if self.rows else None

    @property
    def laid_out(self) -> bool:
        return len(self._row_start) == len(self.rows)

    # ------------------------------------------------------------------------- layout

    def relayout(self) -> None:
        self._row_start, self._strip_row, self._drawn = [], [], {}
        self._width = self.scrollable_content_region.width
        if self._width > 0:
            self.lay_out(CHUNK)
        else:
            self.virtual_size = Size(0, 0)
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        if self.scrollable_content_region.width != self._width:
            self.relayout()
            self.reveal()

    def lay_out(self, count: int) -> None:
        """Lay out the next `count` rows; the rest follow after the screen has refreshed."""
        width = self._width
        start = len(self._row_start)
        for number in range(start, min(len(self.rows), start + count)):
            self._row_start.append(len(self._strip_row))
            self._strip_row += [number] * self.row_height(self.rows[number], width)
        self.virtual_size = Size(width, len(self._strip_row))
        if not self.laid_out:
            self.set_timer(0.001, self._continue(width))

    def _continue(self, width: int) -> Callable[[], None]:
        def step() -> None:
            if width == self._width and not self.laid_out:
                self.lay_out(CHUNK)

        return step

    def lay_out_until(self, row: int) -> None:
        while len(self._row_start) <= row and not self.laid_out:
            self.lay_out(CHUNK)

    # ----------------------------------------------------------------------- drawing

    def row_height(self, row: Row, width: int) -> int:
        """How many screen lines the row takes: the same count `row_strips` draws."""
        width = max(width - 1, 8)
        if row.header:
            return 1
        if not self.split:
            assert row.left is not None
            return len(self.line_layout(row.left, width, both_numbers=True)[2])
        half = (width - 1) // 2
        left = len(self.line_layout(row.left, half)[2]) if row.left else 0
        right = len(self.line_layout(row.right, width - 1 - half)[2]) if row.right else 0
        return max(left, right, 1)

    def line_layout(
        self, line: DiffLine, width: int, both_numbers: bool = False
    ) -> tuple[str, str, list[tuple[int, int]]]:
        """(line numbers, the text as shown, the wrapped pieces of it) for a side `width`
        wide."""
        digits = self._digits
        if both_numbers:
            numbers = f"{_number(line.old, digits)} {_number(line.new, digits)} "
        else:
            numbers = f"{_number(line.new if line.kind == ADDED else line.old, digits)} "
        plain = line.text.translate(SHOWN_CONTROLS)
        body = max(width - len(numbers) - 2, 4)  # 2: the sign and a space
        return numbers, plain, wrap_ranges(plain, body) if self.wrap else [(0, len(plain))]

    def strips_of(self, row: int) -> list[Strip]:
        strips = self._drawn.get(row)
        if strips is None:
            if len(self._drawn) > DRAWN_ROWS:
                self._drawn.clear()
            strips = self._drawn[row] = self.row_strips(self.rows[row], self._width)
        return strips

    def row_strips(self, row: Row, width: int) -> list[Strip]:
        width = max(width - 1, 8)  # the first column is the cursor's
        if row.header:
            assert self.diff is not None
            count = len(self.diff.hunks)
            title = Text(f"hunk {row.hunk + 1} of {count}  {row.header}", style=self.look.hunk)
            return [Strip(line) for line in self.app.console.render_lines(
                title, self.app.console.options.update(width=width, no_wrap=True,
                                                       overflow="ellipsis"), pad=True)]  # fmt: skip
        if not self.split:
            assert row.left is not None
            return self.side(row.hunk, row.left, width, both_numbers=True)
        half = (width - 1) // 2
        left = self.side(row.hunk, row.left, half) if row.left else []
        right = self.side(row.hunk, row.right, width - 1 - half) if row.right else []
        height = max(len(left), len(right), 1)
        blank_left, blank_right = Strip.blank(half), Strip.blank(width - 1 - half)
        rule = Strip([Segment("│", NUMBER_STYLE)])
        return [
            Strip.join(
                [
                    left[n] if n < len(left) else blank_left,
                    rule,
                    right[n] if n < len(right) else blank_right,
                ]
            )
            for n in range(height)
        ]

    def side(
        self, hunk: int, line: DiffLine, width: int, both_numbers: bool = False
    ) -> list[Strip]:
        numbers, plain, ranges = self.line_layout(line, width, both_numbers)
        gutter = numbers + SIGN[line.kind] + " "
        spans = self.word_spans(hunk, line)
        style, word_style = self.look.line[line.kind], self.look.words.get(line.kind)
        first = [Segment(numbers, NUMBER_STYLE), Segment(gutter[len(numbers) :], style)]
        rest = [Segment(" " * len(gutter))]
        return [
            Strip(
                [
                    *(first if n == 0 else rest),
                    *styled_segments(plain, spans, style, word_style, start, end),
                ]
            ).crop_extend(0, width, None)
            for n, (start, end) in enumerate(ranges)
        ]

    def word_spans(self, hunk: int, line: DiffLine) -> list[Span]:
        """The changed words of a removed or added line that faces a partner."""
        if line.kind not in self.look.words or self.diff is None:
            return []
        words = self._words.get(hunk)
        if words is None:  # pairs are found once per hunk, words once per pair when shown
            words = self._words[hunk] = {}
            for old, new in line_pairs(self.diff.hunks[hunk]):
                self._partners[id(old)] = (old, new)
                self._partners[id(new)] = (old, new)
        if id(line) not in words:
            pair = self._partners.get(id(line))
            if pair is None:
                return []
            old_spans, new_spans = word_changes(pair[0].text, pair[1].text)
            words[id(pair[0])], words[id(pair[1])] = old_spans, new_spans
        return words[id(line)]

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        base = self.rich_style  # the theme's colours under the diff's own
        if index >= len(self._strip_row):
            return Strip.blank(width, base)
        row = self._strip_row[index]
        if row == self.cursor:
            mark = self.look.cursor
        elif self.rows[row].hunk == self.hunk_index:
            mark = self.look.in_hunk
        else:
            mark = OUTSIDE
        strip = self.strips_of(row)[index - self._row_start[row]]
        line = Strip.join([Strip([mark]), strip]).crop_extend(0, width, None)
        if row == self.cursor and self.has_focus:  # the whole row, not just its gutter mark
            line = line.apply_style(self.look.cursor_row)
        return line.apply_style(base)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # ---------------------------------------------------------------------- the cursor

    def reveal(self, near_top: bool = False) -> None:
        """Scroll so the cursor's row shows; `near_top`: a hunk header goes to the top of the
        view (one row of what comes before kept), so its lines show under it."""
        if not self.rows or self._width <= 0:
            return
        self.lay_out_until(self.cursor)
        top = self._row_start[self.cursor]
        end = (
            self._row_start[self.cursor + 1]
            if self.cursor + 1 < len(self._row_start)
            else len(self._strip_row)
        )
        if near_top:
            self.scroll_to(y=max(0, top - 1), animate=False, immediate=True)
        else:
            region = Region(0, top, 1, max(1, end - top))
            self.scroll_to_region(region, animate=False, immediate=True)
        self.refresh()

    def move_to(self, row: int, near_top: bool = False) -> None:
        if self.rows:
            self.cursor = max(0, min(row, len(self.rows) - 1))
            self.reveal(near_top)

    def action_move(self, step: int) -> None:
        self.move_to(self.cursor + step)

    def action_page(self, direction: int) -> None:
        self.move_to(self.cursor + direction * max(1, self.scrollable_content_region.height - 2))

    def action_edge(self, end: int) -> None:
        self.move_to(len(self.rows) - 1 if end else 0)

    def action_hunk(self, step: int) -> None:
        starts = [n for n, row in enumerate(self.rows) if row.header]
        if step > 0:
            later = [n for n in starts if n > self.cursor]
            target = later[0] if later else self.cursor
        else:
            current = max((n for n in starts if n <= self.cursor), default=0)
            earlier = [n for n in starts if n < current]
            target = earlier[-1] if earlier and self.cursor == current else current
        self.move_to(target, near_top=True)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = self.scroll_offset.y + offset.y
        if 0 <= index < len(self._strip_row):
            self.move_to(self._strip_row[index])


def styled_segments(
    text: str,
    spans: list[Span],
    style: Style,
    word_style: Style | None,
    start: int = 0,
    end: int | None = None,
) -> list[Segment]:
    """text[start:end] as segments, the parts inside `spans` in `word_style`."""
    end = len(text) if end is None else end
    segments: list[Segment] = []
    position = start
    for span_start, span_end in spans:
        span_start, span_end = max(span_start, start), min(span_end, end)
        if span_start >= span_end:
            continue
        if span_start > position:
            segments.append(Segment(text[position:span_start], style))
        segments.append(Segment(text[span_start:span_end], word_style or style))
        position = span_end
    if position < end:
        segments.append(Segment(text[position:end], style))
    return segments


_WORD = re.compile(r"\S+\s*|\s+")


def wrap_ranges(text: str, width: int) -> list[tuple[int, int]]:
    """Where soft wrap breaks `text` into lines of at most `width` cells, as (start, end)
    ranges that together cover the text: breaks fall between words, and a word longer than
    a line is cut. Spaces at a break stay on the line above (they show as nothing)."""
    if cell_len(text) <= width:
        return [(0, len(text))]
    ranges: list[tuple[int, int]] = []
    start = used = 0
    for match in _WORD.finditer(text):
        word = match.group().rstrip()
        size = cell_len(word)
        if used and used + size > width:
            ranges.append((start, match.start()))
            start, used = match.start(), 0
        while cell_len(text[start : match.start() + len(word)]) > width:  # a very long word
            piece = chop_cells(text[start : match.start() + len(word)], width)[0]
            ranges.append((start, start + len(piece)))
            start += len(piece)
        used = cell_len(text[start : match.end()])
    ranges.append((start, len(text)))
    return ranges


def _number(value: int | None, digits: int) -> str:
    return str(value).rjust(digits) if value is not None else " " * digits
