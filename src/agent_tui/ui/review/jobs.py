"""The review's git jobs: each opens its own `Repository` (GitPython objects are not shared
between threads), runs in a thread worker of the review screen, and answers with one of the
messages below. The message carries the worker that sent it, so the screen keeps only the
answers of the requests it still wants."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from textual.message import Message
from textual.worker import Worker

from agent_tui.core.review import CommitChecks, commit_checks
from agent_tui.io.git import Change, GitError, Repository, RepoState, ShownDiff
from agent_tui.ui.widgets.change_list import change_key, pick, row_keys

# A job that changes the index or files; returns what to tell the user ("" for nothing).
Job = Callable[[Repository], str]

# The state, the change the list will select, its diff and its row key (see `read_state`).
StateRead = tuple[RepoState, Change | None, ShownDiff | None, str | None]


@dataclass
class StateLoaded(Message):
    worker: Worker[None] | None
    state: RepoState
    diff_coming: str | None  # the file whose diff the same job reads next (its key)
    keep: list[str]  # the files to select, first listed first (see change_list.pick)
    position: int  # else the row to select


@dataclass
class DiffLoaded(Message):
    worker: Worker[None] | None
    change: Change
    shown: ShownDiff


@dataclass
class GitFailed(Message):
    message: str
    reading: bool = False  # reading the state failed, rather than a change to it


@dataclass
class GitDone(Message):
    message: str  # what was done, for a notification; "" for nothing to say


@dataclass
class ChecksReady(Message):
    checks: CommitChecks
    files: int


def read_diff(repo: Repository, change: Change, base: str | None) -> ShownDiff:
    """The diff of one file; a file git cannot show says why instead."""
    try:
        return repo.diff(change, base)
    except GitError as error:
        return ShownDiff(None, None, None, f"git could not show this file: {error}")


def read_state(start: Path, base: str | None, keep: list[str], position: int) -> StateRead:
    """The changed files, then (same job, no round trip through the interface) the diff of
    the file the list will select: (state, that change, its diff, its row key)."""
    with Repository.open(start) as repo:
        state = repo.state(base, counted=False)
        counting = repo.start_counts(state)  # runs while the diff is read
        keys = row_keys(state.changes)
        chosen = pick(keys, keep, position)
        key = keys[chosen] if chosen is not None else None
        change = next((c for c in state.changes if change_key(c) == key), None)
        shown = read_diff(repo, change, base) if change is not None else None
        return repo.counted(state, counting), change, shown, key


def read_one_diff(start: Path, change: Change, base: str | None) -> ShownDiff:
    try:
        with Repository.open(start) as repo:
            return read_diff(repo, change, base)
    except GitError as error:
        return ShownDiff(None, None, None, f"git could not show this file: {error}")


def run_job(start: Path, job: Job) -> str:
    with Repository.open(start) as repo:
        return job(repo)


def staged_checks(start: Path) -> ChecksReady:
    """What a commit would hold, checked for secrets and conflict markers."""
    with Repository.open(start) as repo:
        staged = repo.staged_files()
    return ChecksReady(commit_checks(staged), len(staged))


__all__ = [
    "ChecksReady",
    "DiffLoaded",
    "GitDone",
    "GitFailed",
    "Job",
    "StateLoaded",
    "StateRead",
    "read_one_diff",
    "read_state",
    "run_job",
    "staged_checks",
]
