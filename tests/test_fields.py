"""Typed field text to YAML values, and the draft that keeps edits apart from the disk text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from agent_tui.core.fields import AgentDraft, shown_description, text_from_value, value_from_text
from agent_tui.core.frontmatter import read_value
from conftest import agent

BASE = agent("tester", extra="model: sonnet\ntools: [Read, Grep]\nmaxTurns: 5\ncolor: blue\n")


def test_text_keys_stay_text_and_others_parse() -> None:
    assert value_from_text("name", "123") == "123"
    assert value_from_text("maxTurns", "12") == 12
    assert value_from_text("background", "true") is True
    assert value_from_text("tools", "[Read, Grep]") == ["Read", "Grep"]
    assert value_from_text("description", "[WIP] does x") == "[WIP] does x"


def test_flow_values_round_trip_through_the_field_text() -> None:
    for value in (["Read", "Grep"], {"a": 1}, 5, True, "plain text"):
        assert value_from_text("x", text_from_value(value)) == value


def test_literal_newlines_are_shown_as_line_breaks_only_when_the_file_uses_them() -> None:
    assert shown_description("one\\ntwo") == ("one\ntwo", True)
    assert shown_description("one\ntwo") == ("one\ntwo", False)
    assert shown_description("plain") == ("plain", False)


def test_a_field_typed_back_to_its_value_leaves_the_file_byte_identical() -> None:
    draft = AgentDraft(BASE)
    draft.set_field("model", "opus")
    assert draft.changed
    draft.set_field("model", "sonnet")
    assert draft.text() == BASE
    draft.set_field("color", "")
    draft.set_field("color", "blue")
    assert draft.text() == BASE, "clearing and retyping must not move the key"


def test_a_field_edit_touches_only_its_own_line() -> None:
    draft = AgentDraft(BASE)
    draft.set_field("model", "opus")
    before, after = BASE.splitlines(), draft.text().splitlines()
    changed = [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
    assert changed == [3] and after[3] == "model: opus"


def test_an_empty_field_removes_the_key() -> None:
    draft = AgentDraft(BASE)
    draft.set_field("color", "  ")
    assert read_value(draft.text(), "color") == (False, None)


def test_bad_flow_text_is_an_error_on_that_field_and_nothing_changes() -> None:
    draft = AgentDraft(BASE)
    draft.set_field("tools", "[Read, ")
    assert "tools" in draft.errors
    assert draft.text() == BASE


def test_body_and_raw_text_edits() -> None:
    draft = AgentDraft(BASE)
    draft.body = "\nNew body.\n"
    assert draft.text().endswith("---\n\nNew body.\n")
    assert read_value(draft.text(), "model") == (True, "sonnet")
    draft.replace_text("---\nname: other\ndescription: x\n---\n")
    draft.set_field("model", "haiku")
    assert draft.text() == "---\nname: other\ndescription: x\nmodel: haiku\n---\n"


def test_an_unclosed_frontmatter_reports_instead_of_guessing() -> None:
    broken = "---\nname: x\ndescription: y\n"
    draft = AgentDraft(broken)
    draft.set_field("model", "opus")
    assert draft.text() == broken
    assert "model" in draft.errors


field_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40
)


@given(field_text)
def test_any_typed_description_reads_back_as_typed(typed: str) -> None:
    draft = AgentDraft(BASE)
    draft.set_field("description", typed)
    text = draft.text()
    if "description" in draft.errors:
        assert text == BASE
    elif typed.strip():
        assert read_value(text, "description") == (True, typed)
    else:
        assert read_value(text, "description") == (False, None)
    assert read_value(text, "name") == (True, "tester")


def test_field_edits_rebase_onto_a_newer_file_and_body_edits_only_when_untouched() -> None:
    draft = AgentDraft(BASE)
    draft.set_field("model", "opus")
    theirs = BASE.replace("color: blue", "color: green")
    rebased = draft.rebased(theirs)
    assert rebased is not None
    assert rebased.text() == theirs.replace("model: sonnet", "model: opus")
    draft.body = "\nMine.\n"
    assert draft.rebased(theirs) is not None, "their change left the body alone"
    assert draft.rebased(theirs.replace("Body.", "Theirs.")) is None
    whole = AgentDraft(BASE)
    whole.replace_text(BASE + "x")
    assert whole.rebased(theirs) is None


OTHERS = agent("tester", extra="hooks: {}\nmodle: opus\nmcpServers: [a, b]\n")


def test_other_keys_box_sets_removes_and_keeps_untouched_keys() -> None:
    shown = ["hooks", "modle", "mcpServers"]
    draft = AgentDraft(OTHERS)
    draft.set_other_keys("hooks: {}\nmcpServers: [a, b]\n", shown)
    assert draft.text() == OTHERS.replace("modle: opus\n", "")
    draft.set_other_keys("hooks: {}\nmodle: opus\nmcpServers: [a, c]\nextra: 1\n", shown)
    assert draft.text() == OTHERS.replace("[a, b]", "[a, c]").replace(
        "---\n\n", "extra: 1\n---\n\n"
    )
    draft.clear_other_keys(shown)
    assert draft.text() == OTHERS


def test_other_keys_box_refuses_bad_yaml_and_keys_that_have_fields() -> None:
    draft = AgentDraft(OTHERS)
    draft.set_other_keys("hooks: [unclosed\n", ["hooks"])
    assert "not valid YAML" in draft.errors["other keys"] and draft.text() == OTHERS
    draft.set_other_keys("model: opus\n", ["hooks"])
    assert "fields above" in draft.errors["other keys"] and draft.text() == OTHERS
    draft.set_other_keys("- a list\n", ["hooks"])
    assert "key: value" in draft.errors["other keys"] and draft.text() == OTHERS
