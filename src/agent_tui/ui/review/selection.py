"""What the review's keys act on, decided without the screen: which file stays selected,
what staging or discarding a file or hunk does, what may not be discarded, where a line's
history starts. Pure: the screen passes in what it shows."""

from __future__ import annotations

from agent_tui.core.diff import ADDED, DiffLine, FileDiff
from agent_tui.io.git import Change, Group, Repository
from agent_tui.ui.review.jobs import Job
from agent_tui.ui.widgets.change_list import GROUP_ORDER, change_key


def same(one: Change | None, other: Change | None) -> bool:
    """The same file in the same group (its line counts may have changed)."""
    if one is None or other is None:
        return one is other
    return change_key(one) == change_key(other)


def rows_to_keep(neighbours: list[str], follow_path: str | None) -> list[str]:
    """The rows to select after git is read again, first listed first: the selected row and
    its neighbours; working in a file's diff, that file in whichever group it lands."""
    keep = list(neighbours)
    if follow_path is not None:
        keep[1:1] = [f"{group.value}:{follow_path}" for group in GROUP_ORDER]
    return keep


def stage_job(change: Change, hunk: int | None, diff: FileDiff | None) -> Job:
    """Space: stage or unstage the hunk under the cursor, else the whole file."""
    path = change.path
    if hunk is not None and diff is not None and change.group in (Group.STAGED, Group.UNSTAGED):
        patch = diff.patch(hunk)
        unstaging = change.group is Group.STAGED

        def apply_hunk(repo: Repository) -> str:
            repo.apply(patch, cached=True, reverse=unstaging)
            return ""

        return apply_hunk
    if change.group is Group.STAGED:

        def unstage(repo: Repository) -> str:
            repo.unstage(path)
            return ""

        return unstage
    note = "Untracked files are staged whole" if hunk is not None else ""

    def stage(repo: Repository) -> str:
        repo.stage(path)
        return note

    return stage


def why_not_discard(change: Change) -> str | None:
    """Why this file's changes cannot be discarded here, or None when they can."""
    if change.group is Group.UNSTAGED:
        return None
    return {
        Group.STAGED: "Staged changes are not discarded: unstage first (space), then discard",
        Group.UNTRACKED: "Only changes to tracked files can be discarded: this file is new to "
        "git, so there is nothing to go back to",
        Group.CONFLICTED: "Resolve the conflict in the file, or abort the merge with git: "
        "discarding is not offered mid-merge",
    }.get(change.group, "Nothing to discard")


def lines_changed(change: Change, hunk: int | None, diff: FileDiff | None) -> int:
    if hunk is not None and diff is not None:
        return diff.hunks[hunk].added + diff.hunks[hunk].removed
    return (change.added or 0) + (change.removed or 0)


def discard_job(path: str, what: str, hunk: int | None, diff: FileDiff | None) -> Job:
    patch = diff.patch(hunk) if hunk is not None and diff is not None else None

    def discard(repo: Repository) -> str:
        if patch is not None:
            repo.apply(patch, cached=False, reverse=True)
        else:
            repo.discard(path)
        return f"Discarded changes to {what}"

    return discard


def blame_target(line: DiffLine, change: Change, base: str | None) -> tuple[str | None, int] | str:
    """Where `h` looks up a line: (commit or None for the working file, line number), or why
    there is nothing to look up."""
    if line.kind == ADDED and change.group is not Group.BASE:
        return "This line is not committed yet."
    if line.kind == ADDED:
        return (None, line.new or 1)  # the working file's line
    return (base or "HEAD", line.old or 1)


def commit_job(message: str) -> Job:
    def commit(repo: Repository) -> str:
        commit_id = repo.commit(message)
        return f"Committed {commit_id}: {message.splitlines()[0]}"

    return commit


def unstage_job(path: str) -> Job:
    def unstage(repo: Repository) -> str:
        repo.unstage(path)
        return f"Unstaged {path}"

    return unstage


__all__ = [
    "blame_target",
    "commit_job",
    "discard_job",
    "lines_changed",
    "rows_to_keep",
    "same",
    "stage_job",
    "unstage_job",
    "why_not_discard",
]
