"""Search finds words in agent files, indexes and topics, with the line they are on."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from agent_tui.core.search import search, search_targets
from agent_tui.core.workspace import discover
from conftest import Files, agent


def test_hits_name_file_owner_and_line(repo: Callable[[Files], Path]) -> None:
    root = repo(
        {
            ".claude/agents/db.md": agent("db", body="Plan each Migration.\n"),
            ".claude/agent-memory/db/MEMORY.md": "# Index\n- [m](migrations.md)\n",
            ".claude/agent-memory/db/migrations.md": "Name migrations by date.\nnothing\n",
            ".claude/agent-memory/old/MEMORY.md": "migrations were manual\n",
            ".claude/agent-memory/db/blob.md": b"\x00migrations",
        }
    )
    hits = list(search(search_targets(discover(root)), "MIGRATION"))
    found = [(h.target.owner, h.target.kind, h.target.path.name, h.line, h.text) for h in hits]
    assert found == [
        ("db", "agent", "db.md", 6, "Plan each Migration."),
        ("db", "index", "MEMORY.md", 2, "- [m](migrations.md)"),
        ("db", "topic", "migrations.md", 1, "Name migrations by date."),
        ("old", "index", "MEMORY.md", 1, "migrations were manual"),
    ]


def test_every_word_must_be_on_the_line(repo: Callable[[Files], Path]) -> None:
    root = repo({".claude/agents/a.md": agent("a", body="alpha beta\nalpha\nbeta alpha\n")})
    hits = list(search(search_targets(discover(root)), "beta ALPHA"))
    assert [h.text for h in hits] == ["alpha beta", "beta alpha"]
    assert list(search(search_targets(discover(root)), "   ")) == []


def test_an_agent_named_by_the_query_comes_before_ones_that_mention_it(
    repo: Callable[[Files], Path],
) -> None:
    root = repo(
        {
            ".claude/agents/alpha.md": agent("alpha", "Hands work to the db-migrator."),
            ".claude/agents/db-migrator.md": agent("db-migrator", "Runs migrations."),
        }
    )
    hits = list(search(search_targets(discover(root)), "migrator"))
    assert next(h.target.owner for h in hits) == "db-migrator"
    assert "alpha" in [h.target.owner for h in hits]
