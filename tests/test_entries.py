"""An index's entries as people write them, and the ones Claude Code drops."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from agent_tui.core.budget import measure
from agent_tui.core.entries import dropped_entries, index_entries

INDEX = (
    "# Index\n\n- [a](a.md) — a\n- b bullet\n  continued\n\n## Section one\npara line\n"
    "more para\n\n| x | y |\n|---|---|\n\n## Later\n"
    + "".join(f"- item {i}\n" for i in range(200))
    + "\n## Newest\n- n1\n- n2\n"
)


def test_entries_are_sections_bullets_rows_and_paragraphs() -> None:
    entries = index_entries(INDEX)
    kinds = [(e.kind, e.line, e.last_line) for e in entries[:7]]
    assert kinds == [
        ("section", 1, 218), ("bullet", 3, 3), ("bullet", 4, 5), ("section", 7, 12),
        ("paragraph", 8, 9), ("row", 11, 11), ("row", 12, 12),
    ]  # fmt: skip


def test_a_section_past_the_cut_is_one_entry_and_a_split_section_its_bullets() -> None:
    budget = measure(INDEX)
    dropped = dropped_entries(INDEX, budget)
    assert budget.cut_line == 201
    assert dropped[-1].title == "## Newest" and dropped[-1].kind == "section"
    assert [e.title for e in dropped[:2]] == ["- item 186", "- item 187"]
    assert sum(e.kind == "section" for e in dropped) == 1


def test_a_prose_index_past_the_cut_is_never_nothing() -> None:
    # The case: real indexes are prose, and link-only entries said "nothing".
    text = "".join(
        f"## Topic {n}\n\nSome prose about topic {n}.\nAnd more of it.\n\n" for n in range(60)
    )
    dropped = dropped_entries(text, measure(text))
    assert measure(text).truncated and dropped
    assert all(e.kind == "section" for e in dropped[1:])


line_st = st.sampled_from(["# H", "## H2", "- bullet", "  continued", "| a | b |", "[l](x.md)",
                           "prose line", "", "1. numbered", "### H3"])  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(line_st, min_size=1, max_size=400))
def test_every_dropped_line_is_in_exactly_one_dropped_entry(rows: list[str]) -> None:
    text = "\n".join(rows)
    budget = measure(text)
    dropped = dropped_entries(text, budget)
    assert bool(dropped) == budget.truncated
    if not budget.truncated:
        return
    assert budget.cut_line is not None
    lines = text.split("\n")
    covered: list[int] = []
    for entry in dropped:
        covered += list(range(entry.line, entry.last_line + 1))
    assert len(covered) == len(set(covered))  # no line twice
    for number in range(budget.cut_line, len(lines) + 1):
        if lines[number - 1].strip():
            assert number in covered, number
