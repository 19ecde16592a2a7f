"""The MEMORY.md budget: 200 lines or 25,000 bytes after stripping, cut at a newline."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from agent_tui.core.budget import MAX_BYTES, MAX_LINES, Band, js_length, measure, split_loaded


def lines(n: int, width: int = 10) -> str:
    return "".join(f"{i:0{width}d}\n" for i in range(1, n + 1))


def test_small_index_is_ok() -> None:
    budget = measure("# Index\n\n- [a](a.md)\n")
    assert (budget.lines, budget.truncated, budget.band, budget.cut_line) == (
        3,
        False,
        Band.OK,
        None,
    )


def test_line_limit_cut_falls_on_line_201() -> None:
    budget = measure(lines(230))
    assert budget.truncated and budget.band is Band.OVER
    assert budget.loaded_lines == MAX_LINES
    assert budget.cut_line == 201 and budget.last_loaded_line == 200


def test_exactly_200_lines_is_not_truncated() -> None:
    budget = measure(lines(200))
    assert not budget.truncated and budget.band is Band.TIGHT


def test_bands() -> None:
    assert measure(lines(149)).band is Band.OK
    assert measure(lines(150)).band is Band.NEAR
    assert measure(lines(180)).band is Band.TIGHT
    assert measure("x" * int(MAX_BYTES * 0.76)).band is Band.NEAR
    assert measure("x" * int(MAX_BYTES * 0.91)).band is Band.TIGHT


def test_byte_cut_at_last_newline_within_limit() -> None:
    text = "".join("y" * 199 + "\n" for _ in range(150))  # 30,000 bytes, 150 lines
    budget = measure(text)
    assert budget.truncated
    assert budget.loaded_bytes == 124 * 200 + 199  # 125 whole lines; the newline is not counted
    assert budget.cut_line == 126


def test_single_long_line_cut_mid_line() -> None:
    budget = measure("z" * 30_000)
    assert budget.truncated and budget.loaded_bytes == MAX_BYTES and budget.cut_line == 1


def test_frontmatter_and_block_comments_do_not_count() -> None:
    body = lines(199)
    text = (
        "---\nname: index\ntype: project\n---\n<!--\nnote to self\n-->\n<!-- one line -->\n" + body
    )
    budget = measure(text)
    assert budget.lines == 199 and not budget.truncated
    over = measure(text + "extra\nextra2\n")
    assert over.truncated and over.cut_line == 8 + 201  # original line numbers


def test_leading_blank_lines_are_trimmed() -> None:
    budget = measure("\n\n\n" + lines(201))
    assert budget.lines == 201 and budget.cut_line == 3 + 201


def test_crlf_counts_like_lf() -> None:
    assert measure(lines(201).replace("\n", "\r\n")) == measure(lines(201))


def test_size_is_counted_in_utf16_units_like_claude_code() -> None:
    assert measure("é" * 100).bytes == 100  # 200 UTF-8 bytes, 100 JavaScript units
    assert measure("😀" * 100).bytes == 200


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="ab é\t<!->", max_size=300), max_size=400))
def test_loaded_part_is_a_prefix_within_limits(rows: list[str]) -> None:
    budget = measure("\n".join(rows))
    assert budget.loaded_lines <= MAX_LINES and budget.loaded_bytes <= MAX_BYTES
    assert budget.truncated == (budget.lines > MAX_LINES or budget.bytes > MAX_BYTES)
    assert (budget.cut_line is None) != budget.truncated


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="ab é\t<!->😀", max_size=300), max_size=400))
def test_what_the_agent_sees_is_exactly_the_measured_part(rows: list[str]) -> None:
    text = "\n".join(rows)
    budget = measure(text)
    loaded, dropped = split_loaded(text)
    assert js_length(loaded) == budget.loaded_bytes
    counted = loaded.count("\n") + 1  # JavaScript counts an empty text as one line
    assert (counted if loaded or not dropped else 0) == budget.loaded_lines
    assert js_length(loaded + dropped) == budget.bytes
    assert bool(dropped) == budget.truncated


def test_split_loaded_on_an_over_budget_index() -> None:
    text = "---\nname: x\n---\n" + "".join(f"- rule {n}\n" for n in range(1, 206))
    loaded, dropped = split_loaded(text)
    assert loaded.splitlines()[-1] == "- rule 200"
    assert dropped == "\n- rule 201\n- rule 202\n- rule 203\n- rule 204\n- rule 205"
