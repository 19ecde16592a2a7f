"""The pre-commit hooks, run through the real pre-commit tool on a test repository.

The hooks' own definitions (.pre-commit-hooks.yaml) are copied into a local configuration
with `language: system`, so pre-commit runs the agent-tui under test instead of building an
environment of its own (which needs the network)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import agent
from git_helpers import GitRepo

HOOKS = Path(__file__).resolve().parents[1] / ".pre-commit-hooks.yaml"
pytestmark = pytest.mark.skipif(shutil.which("pre-commit") is None, reason="pre-commit absent")


def hooked(tmp_path: Path, hook_id: str = "agent-tui-check") -> GitRepo:
    repo = GitRepo(tmp_path / "r", {
        ".claude/agents/a.md": agent("a", extra="memory: project\n"),
        ".claude/agent-memory/a/MEMORY.md": "- [Notes](notes.md) — what we learned\n",
        ".claude/agent-memory/a/notes.md": "# notes\n",
        ".gitignore": ".claude/agent-memory-local/\n",
        "README.md": "hi\n",
    })  # fmt: skip
    hooks = yaml.safe_load(HOOKS.read_text())
    local = [{**hook, "language": "system"} for hook in hooks if hook["id"] == hook_id]
    config = {"repos": [{"repo": "local", "hooks": local}]}
    (repo.root / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config))
    return repo


def pre_commit(repo: GitRepo, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    return subprocess.run(
        ["pre-commit", "run"], cwd=repo.root, capture_output=True, text=True, env=env, timeout=120
    )


def test_tracked_local_memory_fails_once(tmp_path: Path) -> None:
    repo = hooked(tmp_path)
    repo.write({".claude/agent-memory-local/a/MEMORY.md": "- mine\n"})
    repo.repo.git.add("-f", ".claude/agent-memory-local/a/MEMORY.md")
    done = pre_commit(repo, tmp_path)
    assert done.returncode == 1, done.stdout
    assert "local-memory-tracked" in done.stdout
    assert done.stdout.count("error(s),") == 1  # one summary, not one per batch of files


def test_removing_a_linked_topic_is_checked(tmp_path: Path) -> None:
    # A broken link is a warning: the plain hook runs (not "Skipped") and passes, the strict
    # one fails and names it.
    for hook_id, code in (("agent-tui-check", 0), ("agent-tui-check-strict", 1)):
        repo = hooked(tmp_path / hook_id, hook_id)
        repo.repo.git.rm(".claude/agent-memory/a/notes.md")
        done = pre_commit(repo, tmp_path)
        assert done.returncode == code and "Skipped" not in done.stdout, done.stdout
    assert "broken-link" in done.stdout


def test_the_staged_content_is_judged_not_the_working_tree(tmp_path: Path) -> None:
    repo = hooked(tmp_path)
    broken = ".claude/agents/b.md"
    repo.write({broken: "---\nname: b\n---\n"})  # no description: Claude Code skips it
    repo.repo.git.add(broken)
    repo.write({broken: agent("b")})  # fixed in the working tree only, not staged
    done = pre_commit(repo, tmp_path)
    assert done.returncode == 1 and "no-description" in done.stdout


def test_a_commit_that_leaves_claude_alone_passes(tmp_path: Path) -> None:
    repo = hooked(tmp_path)
    repo.write({"README.md": "changed\n", ".claude/agents/bad.md": "---\nname: bad\n---\n"})
    repo.repo.git.add("README.md")  # the broken agent file is not part of this commit
    done = pre_commit(repo, tmp_path)
    assert done.returncode == 0, done.stdout
