"""Each reason Claude Code skips an agent file, and the shapes it still loads."""

from __future__ import annotations

from pathlib import Path

import pytest

from agent_tui.core.agent import AgentScope, parse_agent_text
from agent_tui.core.textfile import TextFile, detect_newline


def judge(text: str) -> tuple[bool, str | None]:
    file = TextFile(Path("a.md"), text, False, detect_newline(text), 0, len(text))
    verdict = parse_agent_text(Path("a.md"), AgentScope.PROJECT, file).verdict
    return verdict.loads, verdict.code


@pytest.mark.parametrize(
    ("text", "loads", "code"),
    [
        ("---\nname: a\ndescription: d\n---\nbody", True, None),
        ("---\nname: a\ndescription: Use it when: (1) x\n---\n", True, None),
        ("no frontmatter\n", False, "no-frontmatter"),
        ("", False, "no-frontmatter"),
        ("---\ndescription: d\n---\n", False, "no-name"),
        ("---\nname: ''\ndescription: d\n---\n", False, "no-name"),
        ("---\nname: 42\ndescription: d\n---\n", False, "name-not-text"),
        ("---\nname: -a\ndescription: d\n---\n", False, "name-dash"),
        ("---\nname: a:b\ndescription: d\n---\n", False, "name-colon"),
        ("---\nname: a\uff1ab\ndescription: d\n---\n", False, "name-colon"),
        ("---\nname: " + "a" * 257 + "\ndescription: d\n---\n", False, "name-too-long"),
        ("---\nname: a\n---\n", False, "no-description"),
        ("---\nname: a\ndescription:\n---\n", False, "no-description"),
        ("---\nname: a\ndescription: {{PLACEHOLDER}}\n---\n", False, "description-not-text"),
        ("---\nname: a\ndescription: 42\n---\n", False, "description-not-text"),
        ("---\nname: a\ndescription: d\nhooks: []\n---\n", False, "hooks-invalid"),
        ("---\nname: a\ndescription: d\nhooks:\n---\n", True, None),
        ("---\nname: a\ndescription: first\nsecond\n---\n", False, "yaml-invalid"),
        ("---\r\nname: a\r\ndescription: x: y\r\n---\r\n", False, "yaml-invalid"),
        ("---\n- a\n- b\n---\n", False, "frontmatter-not-mapping"),
    ],
)
def test_verdicts(text: str, loads: bool, code: str | None) -> None:
    assert judge(text) == (loads, code)


def test_broken_file_still_shows_its_keys() -> None:
    text = "---\nname: a\ndescription: first\nsecond\nmodel: opus\n---\nbody\n"
    file = TextFile(Path("a.md"), text, False, "\n", 0, len(text))
    agent = parse_agent_text(Path("a.md"), AgentScope.PROJECT, file)
    assert not agent.verdict.loads
    assert agent.fields["name"] == "a" and agent.fields["model"] == "opus"
    assert agent.body == "body\n"
