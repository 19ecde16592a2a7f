"""The few git facts the linter needs, asked of the `git` command (fast, no GitPython)."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from agent_tui.core.workspace import LOCAL_MEMORY


@dataclass(frozen=True)
class LocalMemoryFacts:
    tracked: list[str]  # files under .claude/agent-memory-local/ that git tracks
    ignored: bool  # whether git ignores the folder


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[str] | None:
    if shutil.which("git") is None:
        return None
    try:
        return subprocess.run(
            ["git", "-C", str(root), *args],
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None


def local_memory_facts(root: Path) -> LocalMemoryFacts | None:
    """None when this is not a git repository, git is missing, or there is no local memory."""
    if not (root / ".git").exists() or not (root / LOCAL_MEMORY).exists():
        return None
    listed = _git(root, "ls-files", "-z", "--", LOCAL_MEMORY.as_posix())
    if listed is None or listed.returncode != 0:
        return None
    tracked = [name for name in listed.stdout.split("\0") if name]
    probe = (LOCAL_MEMORY / "probe-file").as_posix()
    ignored = _git(root, "check-ignore", "-q", "--no-index", probe)
    return LocalMemoryFacts(tracked, ignored is not None and ignored.returncode == 0)
