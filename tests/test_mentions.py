"""A topic file is reachable when the index names it in any form an agent would follow."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from agent_tui.core.lint import lint_workspace
from agent_tui.core.memory import MemoryScope, read_memory_dir, topic_mentions
from agent_tui.core.workspace import discover
from conftest import agent


def test_links_backticks_bare_names_and_paths_all_count() -> None:
    index = (
        "# Index\n- [Testing](testing.md) — how\n- See `e2e-pom-patterns.md` for page objects\n"
        "Release notes live in release.md, kept short.\n- deep/dive.md has the rest\n"
        "- old-notes.md is different from notes.md\n- [Spaced](my%20notes.md)\n"
    )
    topics = ["testing.md", "e2e-pom-patterns.md", "release.md", "deep/dive.md", "notes.md",
              "old-notes.md", "my notes.md", "never.md"]  # fmt: skip
    assert topic_mentions(index, topics) == {
        "testing.md": 2, "e2e-pom-patterns.md": 3, "release.md": 4, "deep/dive.md": 5,
        "old-notes.md": 6, "notes.md": 6, "my notes.md": 7,
    }  # fmt: skip


def test_a_longer_name_is_not_a_mention_of_a_shorter_one() -> None:
    assert topic_mentions("- see old-notes.md and notes.mdx\n", ["notes.md"]) == {}


def test_orphans_and_names_only_past_the_cut(repo: Callable[..., Path]) -> None:
    rows = "".join(f"- rule {i}\n" for i in range(205))
    root = repo({
        ".claude/agents/a.md": agent("a", extra="memory: project\n"),
        ".claude/agent-memory/a/MEMORY.md": "- keep `early.md` in mind\n" + rows + "- late.md\n",
        ".claude/agent-memory/a/early.md": "x\n",
        ".claude/agent-memory/a/late.md": "x\n",
        ".claude/agent-memory/a/lost.md": "x\n",
    })  # fmt: skip
    memory = read_memory_dir(root / ".claude/agent-memory/a", MemoryScope.PROJECT, root)
    assert memory.orphans == ["lost.md"]
    assert memory.named_past_cut == ["late.md"]
    codes = {(f.path.name, f.code) for f in lint_workspace(discover(root))}
    assert ("lost.md", "orphan-topic") in codes and ("late.md", "topic-past-cut") in codes
    assert ("early.md", "orphan-topic") not in codes


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.from_regex(r"[a-z][a-z0-9-]{0,8}\.md", fullmatch=True), min_size=1, max_size=6,
             unique=True),
    st.lists(st.sampled_from(["link", "tick", "bare", "none"]), min_size=6, max_size=6),
)  # fmt: skip
def test_every_form_of_naming_is_found(names: list[str], forms: list[str]) -> None:
    lines = []
    for name, form in zip(names, forms, strict=False):
        lines.append({"link": f"- [x]({name})", "tick": f"- see `{name}`", "bare": f"{name} is it",
                      "none": "- nothing here"}[form])  # fmt: skip
    found = topic_mentions("\n".join(lines), names)
    for number, (name, form) in enumerate(zip(names, forms, strict=False), start=1):
        if form != "none":
            assert found.get(name) is not None and found[name] <= number
