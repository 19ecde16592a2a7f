"""Real git repositories in temporary folders, made with GitPython, for the review tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import git

from conftest import Files, write_tree

MEMORY = ".claude/agent-memory/reviewer/MEMORY.md"
AGENT = ".claude/agents/reviewer.md"

STARTER: Files = {
    AGENT: "---\nname: reviewer\ndescription: Reviews code.\nmemory: project\n---\n\nReview.\n",
    MEMORY: "# Reviewer memory\n\n- Tabs, not spaces, in the Makefile.\n"
    "- The API is versioned under /v2.\n\n## Later\n\n- Releases go out on Tuesdays.\n",
}


class GitRepo:
    """A repository with an identity, and helpers that say what a test means."""

    def __init__(self, root: Path, files: Files | None = None, commit: bool = True) -> None:
        root.mkdir(parents=True, exist_ok=True)
        self.root = root
        self.repo = git.Repo.init(root, initial_branch="main")
        with self.repo.config_writer() as config:
            config.set_value("user", "name", "Ada Reviewer")
            config.set_value("user", "email", "ada@example.com")
            config.set_value("commit", "gpgsign", "false")
        if files is not None:
            self.write(files)
            if commit:
                self.commit_all("Start")

    def write(self, files: Files) -> None:
        write_tree(self.root, files)

    def read(self, path: str) -> str:
        return (self.root / path).read_text(encoding="utf-8")

    def commit_all(self, message: str) -> str:
        self.repo.git.add("-A")
        self.repo.git.commit("-q", "-m", message)
        return self.repo.head.commit.hexsha

    def staged(self, path: str | None = None) -> str:
        """The staged diff, as git prints it."""
        return str(self.repo.git.diff("--cached", *(["--", path] if path else [])))

    def unstaged(self, path: str | None = None) -> str:
        return str(self.repo.git.diff(*(["--", path] if path else [])))

    def index_text(self, path: str) -> str:
        return str(self.repo.git.show(f":{path}", strip_newline_in_stdout=False))

    def head_text(self, path: str) -> str:
        return str(self.repo.git.show(f"HEAD:{path}", strip_newline_in_stdout=False))

    def close(self) -> None:
        self.repo.close()


def project(tmp_path: Path) -> Iterator[GitRepo]:
    """A fixture body: the starter agent and memory, committed (`pytest.fixture(project)`)."""
    made = GitRepo(tmp_path / "project", STARTER)
    yield made
    made.close()


def two_hunks(repo: GitRepo) -> None:
    """One change at the top of MEMORY.md and one at the bottom, far enough apart for two hunks."""
    lines = [f"- fact {n}" for n in range(1, 31)]
    repo.write({MEMORY: "# Memory\n" + "\n".join(lines) + "\n"})
    repo.commit_all("Thirty facts")
    lines[0] = "- fact one, reworded"
    lines[-1] = "- fact thirty, reworded"
    repo.write({MEMORY: "# Memory\n" + "\n".join(lines) + "\n"})
