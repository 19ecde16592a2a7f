"""Editors keep every line break and special character of the lines nobody touched."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from textual.document._document import Document
from textual.pilot import Pilot

from agent_tui.core.textfile import editor_lines, keep_line_ends
from agent_tui.ui.app import AgentTuiApp
from conftest import Files
from ui_helpers import drive, press, widget

BREAKS = ["\n", "\r\n", "\r", "\x0b", "\x0c", "\x85", "\u2028", "\u2029", "\x1c"]
lines_st = st.lists(st.text(alphabet="ab é漢\t", max_size=8), min_size=1, max_size=12)
breaks_st = st.lists(st.sampled_from(BREAKS), min_size=12, max_size=12)


def joined(lines: list[str], breaks: list[str], final: bool) -> str:
    text = "".join(line + brk for line, brk in zip(lines, breaks, strict=False))
    return text if final else text[: len(text) - len(breaks[len(lines) - 1])]


@settings(max_examples=300, deadline=None)
@given(lines_st, breaks_st, st.booleans())
def test_an_untouched_text_comes_back_byte_for_byte(
    lines: list[str], breaks: list[str], final: bool
) -> None:
    text = joined(lines, breaks, final)
    document = Document(text)  # what Textual's editor holds
    assert keep_line_ends(text, list(document.lines), document.newline) == text


@settings(max_examples=300, deadline=None)
@given(lines_st, breaks_st, st.booleans(), st.integers(0, 11), st.text(alphabet="xyz", max_size=4))
def test_an_edit_changes_only_the_line_it_touches(
    lines: list[str], breaks: list[str], final: bool, where: int, typed: str
) -> None:
    text = joined(lines, breaks, final)
    document = Document(text)
    edited = list(document.lines)
    index = where % len(edited)
    edited[index] = edited[index] + typed + "!"
    result = keep_line_ends(text, edited, document.newline)
    result_lines, result_ends = editor_lines(result)
    assert result_lines == edited  # nothing lost, nothing split
    original_lines, original_ends = editor_lines(text)
    for number, line in enumerate(original_lines[:-1]):
        if number != index:  # every other line keeps its own break
            assert result_ends[number] == original_ends[number], (number, line)


def test_the_body_editor_keeps_a_crlf_line_and_special_characters(
    repo: Callable[[Files], Path],
) -> None:
    data = (
        b"---\nname: a\ndescription: d\n---\n"
        b"line one\r\nform\x0cfeed\nsep\xe2\x80\xa8arator\nlone\rcr\nend\n"
    )
    root = repo({".claude/agents/a.md": data})

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        assert not app.agents.dirty_names(), "opening a file must not make it unsaved"
        body = widget(app, "#body", Editor)
        body.focus()
        body.move_cursor((body.document.line_count - 2, 0))  # the line "end"
        await press(pilot, "X", "ctrl+s")
        assert not app.agents.dirty_names()

    drive(root, flow)
    assert (root / ".claude/agents/a.md").read_bytes() == data.replace(b"\nend\n", b"\nXend\n")


from agent_tui.ui.widgets.editor import Editor  # noqa: E402
