"""The pull-request memory report (`agent-tui review --base REF --format markdown|json`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from agent_tui.cli import main
from conftest import agent
from git_helpers import GitRepo

INDEX = ".claude/agent-memory/rev/MEMORY.md"


def feature_branch(tmp_path: Path) -> GitRepo:
    repo = GitRepo(tmp_path / "r", {
        ".claude/agents/rev.md": agent("rev", extra="memory: project\n"),
        INDEX: "".join(f"- rule {i}\n" for i in range(195)),
        ".claude/agent-memory/rev/old.md": "# old\n",
        ".claude/agent-memory-local/rev/MEMORY.md": "- mine\n",
    })  # fmt: skip
    repo.repo.git.checkout("-q", "-b", "feature")
    key = "AK" + "IA" + "ZZZZ7XKPLM2WNB44"  # split so scanners of this repository stay quiet
    repo.write({
        INDEX: "".join(f"- rule {i}\n" for i in range(195))
        + "".join(f"- new rule {i} about deploys\n" for i in range(12)),
        ".claude/agent-memory/rev/new-topic.md": f"# t\n- key {key}\n- see src/gone.py and src/here.py\n",
        "src/here.py": "x = 1\n",
        ".claude/agent-memory-local/rev/MEMORY.md": "- mine\n- more\n",
    })  # fmt: skip
    repo.repo.git.rm("-q", ".claude/agent-memory/rev/old.md")
    repo.commit_all("feature")
    return repo


def report(repo: GitRepo, form: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["-C", str(repo.root), "review", "--base", "main", "--format", form]) == 0
    return capsys.readouterr().out


def test_markdown_report(tmp_path: Path, capsys: pytest.CaptureFixture[str], snapshot: Any) -> None:
    text = report(feature_branch(tmp_path), "markdown", capsys)
    assert text == snapshot


def test_json_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(report(feature_branch(tmp_path), "json", capsys))
    agents = {agent["agent"]: agent for agent in data["agents"]}
    rev, local = agents["rev"], agents["rev (local)"]
    budget = rev["budgets"][0]
    assert (budget["before"]["band"], budget["after"]["band"]) == ("tight", "over")
    assert rev["newly_dropped"][0]["lines"][0] == "- new rule 5 about deploys"
    assert [s["kind"] for s in rev["secrets"]] == ["AWS access key"]
    assert "AKIA" in rev["secrets"][0]["excerpt"] and "WNB44" not in rev["secrets"][0]["excerpt"]
    assert local["local_memory"] == [".claude/agent-memory-local/rev/MEMORY.md"]
    assert rev["topics_removed"] == [".claude/agent-memory/rev/old.md"]
    assert [s["names"] for s in rev["stale_paths"]] == ["src/gone.py"]


def test_report_needs_a_base(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = feature_branch(tmp_path)
    assert main(["-C", str(repo.root), "review", "--format", "markdown"]) == 2
    assert main(["-C", str(repo.root), "review", "--base", "nope", "--format", "json"]) == 2
    assert "no such branch" in capsys.readouterr().err


def test_memory_naming_code_the_change_deletes_or_renames(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = GitRepo(tmp_path / "r", {
        ".claude/agents/rev.md": agent("rev", extra="memory: project\n"),
        INDEX: "- retries live in src/net/retry.py\n- parser: src/parse.py\n",
        ".claude/agent-memory/rev/t.md": "see lib/old_name.ts:12 for the loop\n",
        "src/net/retry.py": "a = 1\n",
        "src/parse.py": "b = 2\n",
        "lib/old_name.ts": "export const x = 1;\n",
    })  # fmt: skip
    repo.repo.git.checkout("-q", "-b", "feature")
    repo.repo.git.rm("-q", "src/net/retry.py")
    repo.repo.git.mv("lib/old_name.ts", "lib/new_name.ts")
    repo.commit_all("move code")
    data = json.loads(report(repo, "json", capsys))
    assert data["memory_naming_moved"] == [
        {"memory_file": INDEX, "line": 1, "path": "src/net/retry.py", "renamed_to": None},
        {"memory_file": ".claude/agent-memory/rev/t.md", "line": 1,
         "path": "lib/old_name.ts", "renamed_to": "lib/new_name.ts"},
    ]  # fmt: skip
    text = report(repo, "markdown", capsys)
    assert f"- `src/net/retry.py` is deleted; `{INDEX}:1` still names it" in text
    assert "renamed to `lib/new_name.ts`" in text
