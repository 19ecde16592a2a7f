"""Frontmatter read as Claude Code reads it.

Every expectation below was observed with Claude Code 2.1.328's `claude plugin validate`
(see tools/oracle_compare.py): these are recorded answers of the oracle, not of our code.
"""

from __future__ import annotations

import pytest

from agent_tui.core.claude_yaml import parse_like_claude
from agent_tui.core.frontmatter import split_like_claude

# (frontmatter text, does Claude Code parse it)
PARSE_CASES = [
    ("name: a\ndescription: Use it when: (1) x (2) y\n", True),
    ("name: a\ndescription: Use it when: x #y\n", True),
    ('name: a\ndescription: "Use it" when: x\n', True),
    ('name: a\ndescription: Use it when: say "hi" \\n there\n', True),
    ("name: a\ndescription: first\n  second\n", True),
    ("name: a\ndescription: first\nsecond\n", False),
    ("name: a\ndescription: foo:\n", False),
    ("name: a\n description: x\n", False),
    ("name: a\ndescription: x: y\n  z\n", False),
    ("name: a\r\ndescription: Use it when: x\r\n", False),
    ("name: a\r\ndescription: x\r\n", True),
    ("name: a\ndescription: a\ndescription: b\n", True),
    ("name: a\ndescription:\tx\n", True),
    ("name: a\ndescription: *x\n", True),
    ("name: a\ndescription: `x` y\n", True),
    ("name: a\ndescription: @x y\n", True),
    ("name: a\ndescription: 'x': y\n", True),
    ("# c\nname: a\ndescription: x: y # z\n", True),
    ('description: "\ndescription: Expert\nmodel:  #xhaiku\n', False),
    ("name: a\r\nmodel: !opus\r\n", True),
    ("name: a\ndescription:\nmodel: opus\n: x\n", True),
]


@pytest.mark.parametrize(("text", "parses"), PARSE_CASES)
def test_parses_like_claude_code(text: str, parses: bool) -> None:
    assert parse_like_claude(text).ok is parses


# YAML 1.2 core schema: (plain value of `name:`, the type Claude Code sees)
SCALARS = [
    ("yes", str), ("no", str), ("on", str), ("Off", str), ("y", str), ("1_000", str),
    ("2024-01-01", str), ("1:20", str), ("tRue", str), ("=", str), ("0b101", str),
    ("0o17", int), ("017", int), ("0x1F", int), ("+12", int), ("-0", int),
    (".inf", float), (".NaN", float), ("1e3", float), ("12.", float),
    ("True", bool), ("TRUE", bool), ("FALSE", bool),
    ("~", type(None)), ("Null", type(None)), ("NULL", type(None)),
]  # fmt: skip


@pytest.mark.parametrize(("plain", "kind"), SCALARS)
def test_core_schema_scalars(plain: str, kind: type) -> None:
    parsed = parse_like_claude(f"name: {plain}\n")
    assert parsed.ok
    assert type(parsed.value["name"]) is kind


def test_placeholder_braces_read_as_a_mapping() -> None:
    parsed = parse_like_claude("name: a\ndescription: {{PLACEHOLDER}}\n")
    assert parsed.ok and isinstance(parsed.value["description"], dict)


def test_retry_is_reported() -> None:
    parsed = parse_like_claude("name: a\ndescription: Use it when: x\n")
    assert parsed.needed_retry and parsed.value["description"] == "Use it when: x"
    assert parse_like_claude("name: a\n").needed_retry is False


def test_split_ends_at_first_triple_dash_anywhere() -> None:
    split = split_like_claude("---\nname: a\ndescription: a---b\n---\nbody\n")
    assert split.has_frontmatter
    assert split.frontmatter == "name: a\ndescription: a"


@pytest.mark.parametrize("text", ["hello\n", "", "---\nname: a\n", "--\nname: a\n---\n"])
def test_no_frontmatter(text: str) -> None:
    assert not split_like_claude(text).has_frontmatter
