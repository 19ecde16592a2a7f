"""New agent files: names, templates, and a clean check."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from agent_tui.core.lint import Severity, lint_workspace
from agent_tui.core.memory import AGENT_MEMORY_SCOPES, MemoryScope
from agent_tui.core.new_agent import TEMPLATES, name_problem, new_agent_text, starter_index
from agent_tui.core.workspace import discover
from conftest import Files


def test_name_rules() -> None:
    assert name_problem("code-reviewer", set()) is None
    for bad in ("", "Code", "-x", "a--b", "a:b", "a b", "x" * 257):
        assert name_problem(bad, set()) is not None, bad
    assert "already exists" in (name_problem("a", {"a"}) or "")


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda t: t.key)
@pytest.mark.parametrize("memory", [None, *AGENT_MEMORY_SCOPES])
def test_every_template_and_scope_gives_a_clean_agent(
    repo: Callable[[Files], Path], template: object, memory: MemoryScope | None
) -> None:
    from agent_tui.core.new_agent import Template

    assert isinstance(template, Template)
    description = template.description or "Does one thing: well."
    text = new_agent_text("helper", description, "sonnet", "blue", template.tools, memory, template)
    files: Files = {".claude/agents/helper.md": text}
    if memory is MemoryScope.PROJECT:
        files[".claude/agent-memory/helper/MEMORY.md"] = starter_index("helper")
    root = repo(files)
    findings = [f for f in lint_workspace(discover(root)) if f.severity is not Severity.INFO]
    assert findings == []
    assert "/root/" not in text and "C:\\\\" not in text
    if memory is not None:
        assert "agent-memory" in text
