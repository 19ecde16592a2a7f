"""The diff view's own text layout: soft wrap and word marks (pure functions)."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.style import Style

from agent_tui.ui.widgets.diff_view import styled_segments, wrap_ranges

prose = st.text(st.sampled_from([*list("ab cdé  漢字-"), "\u200b"]), max_size=80)


@given(prose, st.integers(min_value=2, max_value=30))
def test_wrap_covers_the_text_and_fits_the_width(text: str, width: int) -> None:
    ranges = wrap_ranges(text, width)
    assert ranges[0][0] == 0 and ranges[-1][1] == len(text)
    assert all(end == start for (_, end), (start, _) in itertools.pairwise(ranges))
    for start, end in ranges:
        assert cell_len(text[start:end].rstrip()) <= width


def test_wrap_breaks_between_words() -> None:
    text = "Tests use pytest with shared fixtures"
    lines = [text[start:end] for start, end in wrap_ranges(text, 16)]
    assert lines == ["Tests use pytest ", "with shared ", "fixtures"]


@given(prose, st.lists(st.tuples(st.integers(0, 80), st.integers(0, 80)), max_size=4))
def test_marked_segments_keep_every_character(text: str, raw: list[tuple[int, int]]) -> None:
    spans, position = [], 0
    for a, b in sorted(raw):  # ordered, non-overlapping, inside the text
        start, end = max(a, position), min(max(a, b), len(text))
        if start < end:
            spans.append((start, end))
            position = end
    word = Style(bold=True)
    segments = styled_segments(text, spans, Style(), word)
    assert "".join(segment.text for segment in segments) == text
    marked = "".join(segment.text for segment in segments if segment.style == word)
    assert marked == "".join(text[start:end] for start, end in spans)
