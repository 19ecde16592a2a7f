"""The interface's pure parts: the meter's words, list rows, topic rows, the preview text."""

from __future__ import annotations

from pathlib import Path

from agent_tui.core.budget import measure
from agent_tui.core.frontmatter import layout
from agent_tui.core.memory import LinkState, TopicMeta, find_links
from agent_tui.ui.screens.topic import preview_markdown
from agent_tui.ui.widgets.agent_form import key_at
from agent_tui.ui.widgets.budget_meter import meter_line, meter_text
from agent_tui.ui.widgets.topic_files import topic_rows


def test_meter_names_the_last_line_that_loads_and_what_is_dropped() -> None:
    over = "".join(f"- rule {n}\n" for n in range(1, 231))
    text = meter_text(measure(over)).plain
    assert "230/200 lines" in text
    assert "Lines 1–200 load; 30 lines (" in text and "characters) after them are dropped" in text
    fine = meter_text(measure("# index\n- one\n")).plain
    assert "Within budget: 198 lines and 24,987 characters left." in fine
    one = meter_text(measure("x\n" * 199)).plain
    assert "1 line and" in one  # not "1 lines"
    assert "save to create it" in meter_text(None).plain


def test_the_one_line_meter_says_the_same_in_fewer_cells() -> None:
    over = meter_line(measure("".join(f"- rule {n}\n" for n in range(1, 231)))).plain
    assert over.startswith("230/200 lines · ") and "✂ 30 lines dropped" in over
    assert "\n" not in over and len(over) < 70
    assert meter_line(measure("x\n" * 199)).plain.endswith("1 line left")


def test_topic_rows_mark_linked_orphan_and_missing() -> None:
    links = find_links("- [a](a.md)\n- [gone](gone.md)\n", Path("/nowhere"), {"a.md", "b.md"})
    rows = topic_rows(["a.md", "b.md"], {"b.md": TopicMeta("b", "about b", "user")}, links)
    assert [(row.relpath, row.state) for row in rows] == [
        ("a.md", LinkState.OK),
        ("b.md", None),
        ("gone.md", LinkState.BROKEN),
    ]
    assert "orphan" in rows[1].label().plain and "about b" in rows[1].label().plain
    assert "linked but missing" in rows[2].label().plain


def test_findings_land_under_the_key_whose_lines_hold_them() -> None:
    shape = layout("---\nname: a\ndescription: >\n  two\n  lines\nmodel: x\n---\nbody\n")
    assert key_at(shape, 2) == "name"
    assert key_at(shape, 5) == "description"
    assert key_at(shape, 6) == "model"
    assert key_at(shape, 8) is None and key_at(shape, None) is None


def test_preview_shows_frontmatter_as_a_table() -> None:
    text = preview_markdown("---\nname: x\ndescription: a | b\n---\n\nBody\n")
    assert text.startswith("| key | value |\n|---|---|\n| name | x |\n| description | a \\| b |\n")
    assert text.endswith("\nBody\n")
    assert preview_markdown("# no frontmatter\n") == "# no frontmatter\n"


def test_list_columns_line_up_for_wide_and_long_names() -> None:
    from rich.cells import cell_len

    from agent_tui.ui.widgets.agent_list import fit

    for name in (
        "short",
        "翻訳エージェント-レビュー担当",
        "a-very-long-agent-name-indeed",
        "two\nlines",
    ):
        cell = fit(name, 19)
        assert cell_len(cell) == 19 and "\n" not in cell
    assert fit("a-very-long-agent-name-indeed", 19).endswith("…")
