"""The git layer on real repositories: changes, diffs, hunk staging, commits, blame, log."""

from __future__ import annotations

from pathlib import Path

import git
import pytest

from agent_tui.core.diff import ADDED, REMOVED
from agent_tui.io.git import Change, GitError, Group, NotARepository, Repository
from git_helpers import AGENT, MEMORY, STARTER, GitRepo, project, two_hunks

repo = pytest.fixture(project, name="repo")


def test_state_groups_changes_and_counts_lines(repo: GitRepo) -> None:
    repo.write({MEMORY: repo.read(MEMORY) + "- New fact.\n", ".claude/agents/new.md": "x\ny\n"})
    repo.repo.git.add(MEMORY)
    repo.write({MEMORY: repo.read(MEMORY) + "- Another.\n"})
    with Repository.open(repo.root) as opened:
        state = opened.state()
    assert state.branch == "main" and state.head is not None and not state.merging
    found = {(c.group, c.path): c for c in state.changes}
    assert found[Group.STAGED, MEMORY].status == "M"
    assert (found[Group.STAGED, MEMORY].added, found[Group.STAGED, MEMORY].removed) == (1, 0)
    assert found[Group.UNSTAGED, MEMORY].added == 1
    assert found[Group.UNTRACKED, ".claude/agents/new.md"].added == 2


def test_only_changes_under_claude_are_listed(repo: GitRepo) -> None:
    repo.write({"src/app.py": "print()\n", AGENT: repo.read(AGENT) + "More.\n"})
    with Repository.open(repo.root) as opened:
        paths = [c.path for c in opened.state().changes]
    assert paths == [AGENT]


def test_stage_one_hunk_then_commit_holds_exactly_that_hunk(repo: GitRepo) -> None:
    two_hunks(repo)
    with Repository.open(repo.root) as opened:
        shown = opened.diff(Change(MEMORY, Group.UNSTAGED, "M"))
        assert shown.diff is not None and len(shown.diff.hunks) == 2
        opened.apply(shown.diff.patch(0), cached=True)
        commit = opened.commit("Reword the first fact\n\nThe second stays for later.")
    committed = repo.repo.commit(commit)
    assert committed.message == "Reword the first fact\n\nThe second stays for later.\n"
    assert committed.author.name == "Ada Reviewer"
    text = repo.head_text(MEMORY)
    assert "- fact one, reworded" in text and "- fact 30\n" in text
    assert "- fact thirty, reworded" in repo.read(MEMORY)  # the working file is untouched
    assert "+- fact thirty, reworded" in repo.unstaged(MEMORY)


def test_unstage_one_hunk_keeps_the_other_staged(repo: GitRepo) -> None:
    two_hunks(repo)
    repo.repo.git.add(MEMORY)
    working = repo.read(MEMORY)
    with Repository.open(repo.root) as opened:
        shown = opened.diff(Change(MEMORY, Group.STAGED, "M"))
        assert shown.diff is not None
        opened.apply(shown.diff.patch(1), cached=True, reverse=True)
    staged = repo.staged(MEMORY)
    assert "+- fact one, reworded" in staged and "thirty" not in staged
    assert repo.read(MEMORY) == working


def test_discard_one_hunk_changes_only_that_part_of_the_working_file(repo: GitRepo) -> None:
    two_hunks(repo)
    with Repository.open(repo.root) as opened:
        shown = opened.diff(Change(MEMORY, Group.UNSTAGED, "M"))
        assert shown.diff is not None
        opened.apply(shown.diff.patch(0), cached=False, reverse=True)
    text = repo.read(MEMORY)
    assert "- fact 1\n" in text and "- fact thirty, reworded" in text


def test_stage_unstage_and_discard_whole_files(repo: GitRepo) -> None:
    repo.write({MEMORY: "changed\n"})
    with Repository.open(repo.root) as opened:
        opened.stage(MEMORY)
        assert repo.index_text(MEMORY) == "changed\n"
        opened.unstage(MEMORY)
        assert repo.index_text(MEMORY) == STARTER[MEMORY]
        assert repo.read(MEMORY) == "changed\n"  # unstaging never touches the working file
        opened.discard(MEMORY)
    assert repo.read(MEMORY) == STARTER[MEMORY]


def test_word_level_diff_lines_are_numbered_on_both_sides(repo: GitRepo) -> None:
    repo.write({MEMORY: STARTER[MEMORY].replace("under /v2", "under /v3")})
    with Repository.open(repo.root) as opened:
        shown = opened.diff(Change(MEMORY, Group.UNSTAGED, "M"))
    assert shown.diff is not None
    lines = shown.diff.hunks[0].lines
    removed = next(line for line in lines if line.kind == REMOVED)
    added = next(line for line in lines if line.kind == ADDED)
    assert removed.old == added.new == 4
    assert shown.before == STARTER[MEMORY] and shown.after is not None and "/v3" in shown.after


def test_new_and_deleted_files_show_whole(repo: GitRepo) -> None:
    repo.write({".claude/agent-memory/reviewer/topic.md": "one\ntwo\n"})
    (repo.root / AGENT).unlink()
    with Repository.open(repo.root) as opened:
        new = opened.diff(Change(".claude/agent-memory/reviewer/topic.md", Group.UNTRACKED, "?"))
        gone = opened.diff(Change(AGENT, Group.UNSTAGED, "D"))
    assert new.diff is not None and [line.text for line in new.diff.hunks[0].lines] == [
        "one",
        "two",
    ]
    assert gone.diff is not None and gone.diff.deleted_file
    assert all(line.kind == REMOVED for line in gone.diff.hunks[0].lines)


def test_failed_commit_shows_git_message_and_keeps_the_index(repo: GitRepo) -> None:
    hook = repo.root / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho 'memory must be reviewed by two people' >&2\nexit 1\n")
    hook.chmod(0o755)
    repo.write({MEMORY: "changed\n"})
    repo.repo.git.add(MEMORY)
    before = repo.staged()
    with Repository.open(repo.root) as opened, pytest.raises(GitError, match="two people"):
        opened.commit("Try")
    assert repo.staged() == before


def test_commit_without_identity_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    made = GitRepo(tmp_path / "p", STARTER)
    with made.repo.config_writer() as config:
        config.remove_section("user")
    for name in (
        "GIT_AUTHOR_NAME",
        "GIT_AUTHOR_EMAIL",
        "GIT_COMMITTER_NAME",
        "GIT_COMMITTER_EMAIL",
        "EMAIL",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    made.write({MEMORY: "changed\n"})
    made.repo.git.add(MEMORY)
    with (
        Repository.open(made.root) as opened,
        pytest.raises(GitError, match=r"(?i)identity|who you are|email"),
    ):
        opened.commit("Try")
    assert made.index_text(MEMORY) == "changed\n"


def test_branch_review_against_a_base(repo: GitRepo) -> None:
    base = repo.repo.head.commit.hexsha
    repo.write({MEMORY: repo.read(MEMORY) + "- Committed on the branch.\n"})
    repo.commit_all("Branch work")
    repo.write({".claude/agent-memory/reviewer/new.md": "new\n", "README": "not under .claude\n"})
    with Repository.open(repo.root) as opened:
        state = opened.state(base=base)
        assert {(c.path, c.status) for c in state.changes} == {
            (MEMORY, "M"),
            (".claude/agent-memory/reviewer/new.md", "A"),
        }
        assert all(c.group is Group.BASE for c in state.changes)
        shown = opened.diff(Change(MEMORY, Group.BASE, "M"), base=base)
        assert shown.diff is not None and shown.diff.hunks[0].added == 1
        assert shown.before == STARTER[MEMORY]
        with pytest.raises(GitError, match="no-such-branch: no such"):
            opened.state(base="no-such-branch")


def test_not_a_repository(tmp_path: Path) -> None:
    with pytest.raises(NotARepository):
        Repository(tmp_path)


def test_empty_repository_lists_and_commits(tmp_path: Path) -> None:
    made = GitRepo(tmp_path / "p", STARTER, commit=False)
    with Repository.open(made.root) as opened:
        state = opened.state()
        assert state.head is None and "no commits yet" in state.where()
        assert {c.group for c in state.changes} == {Group.UNTRACKED}
        opened.stage(MEMORY)
        staged = opened.diff(Change(MEMORY, Group.STAGED, "A"))
        assert staged.diff is not None and staged.diff.new_file
        opened.unstage(MEMORY)
        opened.stage(MEMORY)
        assert opened.log(MEMORY) == []
        opened.commit("First memory")
        assert [entry.subject for entry in opened.log(MEMORY)] == ["First memory"]


def test_detached_head(repo: GitRepo) -> None:
    repo.repo.git.checkout("-q", "--detach")
    with Repository.open(repo.root) as opened:
        state = opened.state()
    assert state.branch is None and state.where().startswith("detached HEAD at ")


def test_merge_conflict_in_memory(repo: GitRepo) -> None:
    repo.repo.git.checkout("-q", "-b", "other")
    repo.write({MEMORY: STARTER[MEMORY].replace("Tuesdays", "Fridays")})
    repo.commit_all("Fridays")
    repo.repo.git.checkout("-q", "main")
    repo.write({MEMORY: STARTER[MEMORY].replace("Tuesdays", "Mondays")})
    repo.commit_all("Mondays")
    with pytest.raises(git.GitCommandError):  # the merge stops at the conflict
        repo.repo.git.merge("other")
    with Repository.open(repo.root) as opened:
        state = opened.state()
        assert state.merging and [c.group for c in state.changes] == [Group.CONFLICTED]
        shown = opened.diff(state.changes[0])
    assert shown.diff is not None
    assert any(line.text.startswith("<<<<<<<") for line in shown.diff.hunks[0].lines)


def test_names_with_spaces_and_non_ascii(repo: GitRepo) -> None:
    name = ".claude/agent-memory/reviewer/café notes.md"
    repo.write({name: "première\n"})
    repo.commit_all("Notes")
    repo.write({name: "première ligne\n"})
    with Repository.open(repo.root) as opened:
        change = opened.state().changes[0]
        assert change.path == name
        shown = opened.diff(change)
        assert shown.diff is not None
        opened.apply(shown.diff.patch(0), cached=True)
        [staged] = opened.staged_files()
    assert staged.path == name and "première ligne" in repo.index_text(name)


def test_blame_and_log(repo: GitRepo) -> None:
    repo.write({MEMORY: repo.read(MEMORY) + "- Blamed fact.\n"})
    repo.commit_all("Add a fact to blame")
    with Repository.open(repo.root) as opened:
        line = repo.read(MEMORY).splitlines().index("- Blamed fact.") + 1
        blame = opened.blame(MEMORY, line)
        first = opened.blame(MEMORY, 1)
        log = opened.log(MEMORY)
    assert blame.summary == "Add a fact to blame" and blame.author == "Ada Reviewer"
    assert first.summary == "Start"
    assert [entry.subject for entry in log] == ["Add a fact to blame", "Start"]
