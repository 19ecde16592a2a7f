"""Lossless editing: untouched bytes stay, touched keys read back exactly."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agent_tui.core.claude_yaml import parse_like_claude
from agent_tui.core.frontmatter import (
    EditError,
    layout,
    read_value,
    remove_key,
    set_body,
    set_value,
    split_like_claude,
)

SAMPLE = (
    "---\n"
    "# team agent, reviewed 2026-10\n"
    "name: reviewer\n"
    "description: 'Reviews: code'\n"
    "tools:\n"
    "  - Read\n"
    "  - Grep\n"
    "model: sonnet  # cheap enough\n"
    "---\n"
    "\n"
    "You review code.\n"
)


def frontmatter_of(text: str) -> dict[str, Any]:
    parsed = parse_like_claude(split_like_claude(text).frontmatter)
    assert parsed.ok, parsed.error
    return dict(parsed.value)


def test_change_one_key_rewrites_only_its_lines() -> None:
    out = set_value(SAMPLE, "model", "opus")
    before, after = SAMPLE.splitlines(), out.splitlines()
    assert [i for i, (a, b) in enumerate(zip(before, after, strict=False)) if a != b] == [7]
    assert after[7] == "model: opus"


def test_multi_line_key_replaced_whole() -> None:
    out = set_value(SAMPLE, "tools", "Read, Grep, Glob")
    assert "  - Read" not in out
    assert frontmatter_of(out)["tools"] == "Read, Grep, Glob"
    assert out.replace("tools: Read, Grep, Glob\n", "tools:\n  - Read\n  - Grep\n") == SAMPLE


def test_new_key_appended_at_end_of_frontmatter() -> None:
    out = set_value(SAMPLE, "color", "blue")
    assert out == SAMPLE.replace("# cheap enough\n---", "# cheap enough\ncolor: blue\n---")


def test_remove_key_removes_only_its_lines() -> None:
    out = remove_key(SAMPLE, "tools")
    assert out == SAMPLE.replace("tools:\n  - Read\n  - Grep\n", "")


def test_same_value_changes_nothing() -> None:
    assert set_value(SAMPLE, "description", "Reviews: code") is SAMPLE
    assert set_value(SAMPLE, "tools", ["Read", "Grep"]) is SAMPLE


def test_comment_and_quoting_of_other_keys_kept() -> None:
    out = set_value(SAMPLE, "name", "code-reviewer")
    assert "# team agent, reviewed 2026-10\n" in out
    assert "description: 'Reviews: code'\n" in out
    assert "model: sonnet  # cheap enough\n" in out


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("bom", ["", "\ufeff"])
def test_line_endings_and_bom_kept(newline: str, bom: str) -> None:
    text = SAMPLE.replace("\n", newline)
    out = set_value(text, "model", "opus")
    assert out.count("\r\n") == text.count("\r\n")
    assert "model: opus" + newline in out
    # the BOM lives outside the text model; the editor never adds or drops one
    assert (bom + out).startswith(bom + "---")


def test_missing_final_newline_kept() -> None:
    text = SAMPLE.rstrip("\n")
    assert set_value(text, "model", "opus").endswith("You review code.")


def test_body_edit_keeps_frontmatter_bytes() -> None:
    out = set_body(SAMPLE, "\nNew prompt.\n")
    assert out.startswith(SAMPLE[: SAMPLE.index("---\n", 4) + 4])
    assert out.endswith("New prompt.\n")


def test_frontmatter_edit_keeps_body_bytes() -> None:
    body = "\n\nBody with --- dashes\r\nand mixed endings\n"
    text = SAMPLE.split("---\n\n")[0] + "---\n" + body
    assert set_value(text, "model", "haiku").endswith(body)


def test_file_without_frontmatter_gets_one() -> None:
    out = set_value("Just a prompt.\n", "name", "x")
    assert out == "---\nname: x\n---\nJust a prompt.\n"


def test_unclosed_frontmatter_refuses() -> None:
    with pytest.raises(EditError):
        set_value("---\nname: a\ndescription: b\n", "model", "opus")


def test_edit_works_where_pyyaml_fails() -> None:
    text = "---\nname: a\ndescription: Use it when: (1) x\nmodel: sonnet\n---\nbody\n"
    out = set_value(text, "model", "opus")
    assert out == text.replace("model: sonnet", "model: opus")
    assert frontmatter_of(out)["description"] == "Use it when: (1) x"


def test_literal_backslash_n_description_survives_other_edits() -> None:
    line = 'description: "First.\\\\n\\\\n<example>\\\\nuser: hi\\\\n</example>"\n'
    text = "---\nname: a\n" + line + "model: opus\n---\nbody\n"
    out = set_value(text, "model", "sonnet")
    assert line in out
    assert "\\n" in frontmatter_of(out)["description"]


@pytest.mark.parametrize(
    "value",
    ["plain", "has: colon", "a # hash", "yes", "42", "", " padded ", "multi\nline\n",
     "no newline\nat end", "trailing\n\n\n", "  indented first\nline", "x---y", "quote\"s",
     "tab\there", "\u2028sep", "emoji 😀", "\x07bell", 42, 1.5, True, None, ["Read", "a, b"],
     {"k": "v"}, {"PreToolUse": [{"matcher": "Bash", "hooks": [{"type": "command"}]}]}],
)  # fmt: skip
def test_written_values_read_back(value: Any) -> None:
    out = set_value(SAMPLE, "description", value)
    assert frontmatter_of(out)["description"] == value
    assert read_value(out, "description") == (True, value)


# ---------------------------------------------------------------------------- properties

keys = st.sampled_from(["name", "description", "model", "tools", "color", "newKey", "maxTurns"])
scalars = st.one_of(
    st.text(max_size=40),
    st.integers(-(10**6), 10**6),
    st.booleans(),
    st.none(),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
)
values = st.one_of(scalars, st.lists(st.text(max_size=10), max_size=4))


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(edits=st.lists(st.tuples(keys, values), min_size=1, max_size=5))
def test_arbitrary_edits_parse_to_intended_mapping(edits: list[tuple[str, Any]]) -> None:
    text = SAMPLE
    expected = frontmatter_of(SAMPLE)
    for key, value in edits:
        text = set_value(text, key, value)
        expected[key] = value
    assert frontmatter_of(text) == expected
    assert text.endswith("\n\nYou review code.\n")


@settings(max_examples=200, deadline=None)
@given(value=scalars)
def test_untouched_lines_are_byte_identical(value: Any) -> None:
    out = set_value(SAMPLE, "model", value)
    shape_before, shape_after = layout(SAMPLE), layout(out)
    model_before = shape_before.entry("model")
    model_after = shape_after.entry("model")
    assert model_before is not None and model_after is not None
    assert shape_before.lines[: model_before.start] == shape_after.lines[: model_after.start]
    assert shape_before.lines[model_before.end :] == shape_after.lines[model_after.end :]


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=st.sampled_from("ab: \n-#'\"\r\t{}[]"), max_size=80))
def test_editor_never_crashes_on_arbitrary_files(text: str) -> None:
    for edit in (lambda t: set_value(t, "model", "opus"), lambda t: remove_key(t, "name")):
        try:
            out = edit(text)
        except EditError:
            continue
        assert isinstance(out, str)


@pytest.mark.parametrize("separator", ["\u2028", "\x0c", "\x1c", "\x85"])
def test_only_newline_ends_a_line(separator: str) -> None:
    # Python's splitlines() also breaks at these; YAML and Claude Code do not.
    text = f'---\nname: a\ndescription: "one{separator}model: fake"\nmodel: opus\n---\nbody\n'
    assert [entry.key for entry in layout(text).entries] == ["name", "description", "model"]
    out = set_value(text, "description", "two")
    assert out == "---\nname: a\ndescription: two\nmodel: opus\n---\nbody\n"
