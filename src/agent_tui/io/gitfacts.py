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


def _git(
    root: Path, *args: str, stdin: str | None = None
) -> subprocess.CompletedProcess[str] | None:
    if shutil.which("git") is None:
        return None
    try:
        return subprocess.run(
            ["git", "-C", str(root), *args],
            input=stdin,
            capture_output=True,
            text=True,
            timeout=60,
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


CLAUDE_PATHS = (":(glob).claude/**", ":(glob)**/.claude/**")


def staged_claude_changes(root: Path) -> list[str] | None:
    """Paths under a `.claude` folder that the index changes (deletions too), or None when
    git cannot say."""
    listed = _git(
        root, "diff", "--cached", "--name-only", "-z", "--no-renames", "--", *CLAUDE_PATHS
    )
    if listed is None or listed.returncode != 0:
        return None
    return [name for name in listed.stdout.split("\0") if name]


def write_staged_tree(root: Path, into: Path) -> bool:
    """Copy the index's version of every file in a `.claude` folder to the same path under
    `into`: what a commit would hold, not the working tree. False when git cannot."""
    listed = _git(root, "ls-files", "-z", "--cached", "--", *CLAUDE_PATHS)
    if listed is None or listed.returncode != 0:
        return False
    done = _git(root, "checkout-index", "-z", "--stdin", f"--prefix={into}/", stdin=listed.stdout)
    return done is not None and done.returncode == 0
