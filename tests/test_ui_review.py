"""The review screen on real repositories: read, stage, discard, commit, blame, branch review,
and each way git can be missing or unusual."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import Button, Checkbox, Input, Static

from agent_tui.ui.app import AgentTuiApp
from agent_tui.ui.dialogs import ChoiceScreen, NameScreen
from agent_tui.ui.review import screen as review_screen
from agent_tui.ui.review.screen import ReviewScreen
from agent_tui.ui.screens.commit import CommitScreen
from agent_tui.ui.screens.history import HistoryScreen
from agent_tui.ui.screenshot import settle
from agent_tui.ui.widgets.change_list import ChangeList
from agent_tui.ui.widgets.diff_view import DiffView
from git_helpers import AGENT, MEMORY, STARTER, GitRepo, project, two_hunks
from ui_helpers import drive, press, type_text

TOPIC = ".claude/agent-memory/reviewer/api.md"


repo = pytest.fixture(project, name="repo")


def review(app: AgentTuiApp) -> ReviewScreen:
    assert isinstance(app.screen, ReviewScreen), f"on {type(app.screen).__name__}"
    return app.screen


def listed(app: AgentTuiApp) -> list[tuple[str, str]]:
    """(group, path) of each file in the list, in order."""
    changes = review(app).query_one(ChangeList).changes.values()
    return [(change.group.value, change.path) for change in changes]


async def select(app: AgentTuiApp, pilot: Pilot[None], group: str, path: str) -> None:
    listing = review(app).query_one(ChangeList)
    listing.focus()
    key = f"{group}:{path}"
    listing.select_key(key)
    await press(pilot)
    assert review(app).shown_change is not None and review(app).shown_change.path == path


async def to_hunk(app: AgentTuiApp, pilot: Pilot[None], hunk: int) -> DiffView:
    view = review(app).query_one(DiffView)
    view.focus()
    view.move_to(next(n for n, row in enumerate(view.rows) if row.hunk == hunk))
    await press(pilot)
    return view


async def commit_with(app: AgentTuiApp, pilot: Pilot[None], summary: str) -> CommitScreen:
    await press(pilot, "c")
    dialog = app.screen
    assert isinstance(dialog, CommitScreen)
    dialog.query_one("#commit-summary", Input).value = summary
    await press(pilot)
    return dialog


def test_stage_one_hunk_and_commit_exactly_that(repo: GitRepo) -> None:
    two_hunks(repo)

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        assert listed(app) == [("Unstaged", MEMORY)]
        view = await to_hunk(app, pilot, 0)
        assert len(view.diff.hunks) == 2
        await press(pilot, "space")
        assert listed(app) == [("Staged", MEMORY), ("Unstaged", MEMORY)]
        await commit_with(app, pilot, "Reword the first fact")
        await press(pilot, "ctrl+s")
        assert review(app).state is not None
        assert listed(app) == [("Unstaged", MEMORY)]

    drive(repo.root, flow, review=True)
    head = repo.head_text(MEMORY)
    assert "- fact one, reworded" in head and "- fact 30\n" in head
    assert repo.repo.head.commit.message.strip() == "Reword the first fact"
    assert "- fact thirty, reworded" in repo.read(MEMORY)


def test_unstage_a_hunk_and_a_file(repo: GitRepo) -> None:
    two_hunks(repo)
    repo.repo.git.add(MEMORY)
    working = repo.read(MEMORY)

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        await to_hunk(app, pilot, 1)
        await press(pilot, "space")
        assert listed(app) == [("Staged", MEMORY), ("Unstaged", MEMORY)]
        assert "thirty" not in repo.staged(MEMORY)
        await select(app, pilot, "Staged", MEMORY)
        await press(pilot, "space")
        assert listed(app) == [("Unstaged", MEMORY)]

    drive(repo.root, flow, review=True)
    assert repo.staged() == "" and repo.read(MEMORY) == working


def test_discard_a_hunk_asks_first(repo: GitRepo) -> None:
    two_hunks(repo)
    before = repo.read(MEMORY)

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        await to_hunk(app, pilot, 1)
        await press(pilot, "d")
        assert isinstance(app.screen, ChoiceScreen)
        await press(pilot, "escape")  # keep them
        assert repo.read(MEMORY) == before
        await press(pilot, "d")
        app.screen.query_one("#discard", Button).press()
        await press(pilot)

    drive(repo.root, flow, review=True)
    text = repo.read(MEMORY)
    assert "- fact one, reworded" in text and "- fact 30\n" in text


def test_discard_is_refused_for_untracked_and_staged_files(repo: GitRepo) -> None:
    repo.write({TOPIC: "new\n", AGENT: repo.read(AGENT) + "More.\n"})
    repo.repo.git.add(AGENT)

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        for group, path in (("Untracked", TOPIC), ("Staged", AGENT)):
            await select(app, pilot, group, path)
            await press(pilot, "d")
            assert isinstance(app.screen, ReviewScreen)

    drive(repo.root, flow, review=True)
    assert repo.read(TOPIC) == "new\n" and repo.read(AGENT).endswith("More.\n")


FAKE_KEY = "AKIA" + "ZZZZ2222YYYY3333"


def test_a_secret_blocks_the_commit_until_confirmed(repo: GitRepo) -> None:
    repo.write({TOPIC: f"- deploy key {FAKE_KEY}\n"})

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        await press(pilot, "space")  # stage the untracked topic
        dialog = await commit_with(app, pilot, "Add deploy notes")
        assert dialog.query_one("#commit", Button).disabled
        await press(pilot, "ctrl+s")
        assert app.screen is dialog, "a secret must block the commit"
        assert FAKE_KEY not in str(dialog.query_one(Static).render())
        dialog.query_one(Checkbox).value = True
        await press(pilot)
        assert not dialog.query_one("#commit", Button).disabled
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ReviewScreen)

    drive(repo.root, flow, review=True)
    assert repo.repo.head.commit.message.strip() == "Add deploy notes"


def test_unstage_from_the_commit_dialog_commits_nothing(repo: GitRepo) -> None:
    repo.write({TOPIC: f"- deploy key {FAKE_KEY}\n"})
    head = repo.repo.head.commit.hexsha

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        await press(pilot, "space")
        dialog = await commit_with(app, pilot, "Add deploy notes")
        dialog.query_one("#unstage-secret-0", Button).press()
        await press(pilot)
        assert listed(app) == [("Untracked", TOPIC)]

    drive(repo.root, flow, review=True)
    assert repo.repo.head.commit.hexsha == head and repo.read(TOPIC).startswith("- deploy")


def test_conflict_markers_block_and_budget_warns(repo: GitRepo) -> None:
    repo.write(
        {
            AGENT: repo.read(AGENT) + "<<<<<<< HEAD\nmine\n=======\ntheirs\n>>>>>>> other\n",
            MEMORY: "".join(f"- fact {n}\n" for n in range(250)),
        }
    )
    repo.repo.git.add("-A")

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        dialog = await commit_with(app, pilot, "Merge")
        assert dialog.query_one("#commit", Button).disabled
        text = "\n".join(str(static.render()) for static in dialog.query(Static))
        assert "conflict marker" in text and "over budget" in text
        await press(pilot, "ctrl+s")
        assert app.screen is dialog

    head = repo.repo.head.commit.hexsha
    drive(repo.root, flow, review=True)
    assert repo.repo.head.commit.hexsha == head


def test_failed_commit_shows_git_message_and_keeps_index_and_message(repo: GitRepo) -> None:
    hook = repo.root / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho 'memory needs a second reviewer' >&2\nexit 1\n")
    hook.chmod(0o755)
    repo.write({MEMORY: repo.read(MEMORY) + "- New.\n"})
    repo.repo.git.add(MEMORY)
    staged = repo.staged()
    messages: list[str] = []

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        original = app.notify
        app.notify = lambda message, **kw: (messages.append(message), original(message, **kw))  # type: ignore[method-assign]
        await commit_with(app, pilot, "Blocked by the hook")
        await press(pilot, "ctrl+s")
        assert any("second reviewer" in message for message in messages)
        await press(pilot, "c")
        assert app.screen.query_one("#commit-summary", Input).value == "Blocked by the hook"

    drive(repo.root, flow, review=True)
    assert repo.staged() == staged


def test_budget_before_and_after_for_an_index(repo: GitRepo) -> None:
    repo.write({MEMORY: "".join(f"- fact {n}\n" for n in range(230))})

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        budget = str(review(app).query_one("#diff-budget", Static).render())
        assert "before 8 lines" in budget and "after 230 lines" in budget
        assert "drops the last 30 lines" in budget

    drive(repo.root, flow, review=True)


def test_history_shows_blame_and_log(repo: GitRepo) -> None:
    repo.write({MEMORY: repo.read(MEMORY) + "- Blamed.\n"})
    repo.commit_all("Add the blamed fact")
    repo.write({MEMORY: repo.read(MEMORY) + "- Uncommitted.\n"})

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        view = review(app).query_one(DiffView)
        view.focus()
        blamed = next(
            n for n, row in enumerate(view.rows) if row.line and row.line.text == "- Blamed."
        )
        view.move_to(blamed)
        await press(pilot, "h")
        assert isinstance(app.screen, HistoryScreen)
        text = str(app.screen.content)
        assert "Add the blamed fact" in text and "Ada Reviewer" in text and "Start" in text
        await press(pilot, "escape")
        view.move_to(len(view.rows) - 1)
        await press(pilot, "h")
        assert "not committed yet" in str(app.screen.content)

    drive(repo.root, flow, review=True)


def test_branch_review_is_read_only(repo: GitRepo) -> None:
    base = repo.repo.head.commit.hexsha
    repo.write({MEMORY: repo.read(MEMORY) + "- On the branch.\n"})
    repo.commit_all("Branch memory")
    repo.write({TOPIC: "new topic\n"})
    before = repo.read(MEMORY)

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        assert sorted(listed(app)) == [("Changed", MEMORY), ("Changed", TOPIC)]
        where = str(review(app).query_one("#review-where", Static).render())
        assert f"{base[:12]}" in where and "read-only" in where
        keys = review(app).query_one("#review-keys", Static).render().plain  # type: ignore[union-attr]
        assert "History" in keys and "Commit" not in keys and "Discard" not in keys
        for key in ("space", "d", "c"):
            await press(pilot, key)
            assert isinstance(app.screen, ReviewScreen)
        await press(pilot, "b")  # back to the working changes
        assert listed(app) == [("Untracked", TOPIC)]
        assert "Commit" in review(app).query_one("#review-keys", Static).render().plain  # type: ignore[union-attr]

    drive(repo.root, flow, base=base[:12])
    assert repo.read(MEMORY) == before and repo.staged() == ""


def test_branch_review_from_inside_the_app(repo: GitRepo) -> None:
    repo.write({MEMORY: repo.read(MEMORY) + "- On the branch.\n"})
    repo.commit_all("Branch memory")

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        await press(pilot, "r")
        assert listed(app) == []
        await press(pilot, "b")
        assert isinstance(app.screen, NameScreen)
        app.screen.query_one(Input).value = ""
        await type_text(pilot, "HEAD~1")
        await press(pilot, "enter")
        assert listed(app) == [("Changed", MEMORY)]
        await press(pilot, "b", "b")
        app.screen.query_one(Input).value = ""
        await type_text(pilot, "no-such-branch")
        await press(pilot, "enter")
        assert review(app).base is None  # an unknown base says so and goes back

    drive(repo.root, flow)


def test_not_a_repository(tmp_path: Path) -> None:
    root = tmp_path / "plain"
    (root / ".claude" / "agents").mkdir(parents=True)
    (root / AGENT).write_text(STARTER[AGENT])

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        await press(pilot, "r")
        where = str(review(app).query_one("#review-where", Static).render())
        assert "Review is unavailable" in where and "not in a git repository" in where
        await press(pilot, "space", "c", "escape")
        assert app.screen is app.agents

    drive(root, flow)


def test_empty_repository_stage_and_commit(tmp_path: Path) -> None:
    made = GitRepo(tmp_path / "p", STARTER, commit=False)

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        assert "no commits yet" in str(review(app).query_one("#review-where", Static).render())
        assert sorted(listed(app)) == [("Untracked", MEMORY), ("Untracked", AGENT)]
        await press(pilot, "space", "space")
        await commit_with(app, pilot, "First agent")
        await press(pilot, "ctrl+s")
        assert listed(app) == []

    drive(made.root, flow, review=True)
    assert made.repo.head.commit.message.strip() == "First agent"
    made.close()


def test_detached_head_and_odd_names(repo: GitRepo) -> None:
    odd = ".claude/agent-memory/reviewer/café notes.md"
    repo.write({odd: "première\n"})
    repo.commit_all("Notes")
    repo.repo.git.checkout("-q", "--detach")
    repo.write({odd: "première ligne\n"})

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        assert "detached HEAD at" in str(review(app).query_one("#review-where", Static).render())
        assert listed(app) == [("Unstaged", odd)]
        await press(pilot, "space")
        assert listed(app) == [("Staged", odd)]

    drive(repo.root, flow, review=True)


def test_merge_conflict_in_memory_is_listed_and_blocks(repo: GitRepo) -> None:
    repo.repo.git.checkout("-q", "-b", "other")
    repo.write({MEMORY: STARTER[MEMORY].replace("Tuesdays", "Fridays")})
    repo.commit_all("Fridays")
    repo.repo.git.checkout("-q", "main")
    repo.write({MEMORY: STARTER[MEMORY].replace("Tuesdays", "Mondays")})
    repo.commit_all("Mondays")
    subprocess.run(["git", "-C", str(repo.root), "merge", "other"], capture_output=True)

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        assert listed(app) == [("Conflicted", MEMORY)]
        assert "merging" in str(review(app).query_one("#review-where", Static).render())
        await press(pilot, "d")
        assert isinstance(app.screen, ReviewScreen)  # no discard mid-merge
        await press(pilot, "space")
        assert listed(app) == [("Staged", MEMORY)]
        dialog = await commit_with(app, pilot, "Merge other")
        assert dialog.query_one("#commit", Button).disabled

    drive(repo.root, flow, review=True)
    assert "<<<<<<<" in repo.read(MEMORY)


def test_large_rewrite_opens_and_lays_out_in_steps(repo: GitRepo) -> None:
    repo.write({MEMORY: "".join(f"- old fact number {n}\n" for n in range(10_000))})
    repo.commit_all("Ten thousand facts")
    repo.write({MEMORY: "".join(f"- new fact number {n}\n" for n in range(10_000))})

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        view = review(app).query_one(DiffView)
        assert len(view.rows) > 20_000
        view.show(view.diff)
        assert not view.laid_out, "the first step lays out what shows, not everything"
        for _ in range(100):
            if view.laid_out:
                break
            await pilot.pause(0.05)
        assert view.laid_out
        view.focus()
        await press(pilot, "end")
        assert view.cursor == len(view.rows) - 1
        assert view.scroll_offset.y > 0

    drive(repo.root, flow, review=True)


def test_split_view_and_wrap_keep_the_hunk(repo: GitRepo) -> None:
    two_hunks(repo)

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        view = await to_hunk(app, pilot, 1)
        await press(pilot, "s")
        assert view.split and view.hunk_index == 1
        left, right = view.cursor_row.left, view.cursor_row.right
        assert left is None and right is None  # the hunk's header row
        await press(pilot, "w")
        assert not view.wrap and view.hunk_index == 1

    drive(repo.root, flow, review=True)


def test_closing_the_review_shows_discarded_files_in_the_app(repo: GitRepo) -> None:
    repo.write({MEMORY: STARTER[MEMORY] + "- Unwanted.\n"})

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        await press(pilot, "r", "d")
        app.screen.query_one("#discard", Button).press()
        await press(pilot)
        await press(pilot, "escape")
        assert app.screen is app.agents
        await press(pilot, "2")
        assert "Unwanted" not in app.agents.query_one("#index-editor").text

    drive(repo.root, flow)
    assert repo.read(MEMORY) == STARTER[MEMORY]


NO_GIT = """
import shutil, sys
from agent_tui.io import git as g
if sys.argv[1] == "import":  # `git` looks present, but GitPython cannot run it
    shutil.which = lambda name: "/usr/bin/git"
try:
    g.gitpython()
except g.GitUnavailable as error:
    print("unavailable:", error)
"""


@pytest.mark.parametrize("how", ["path", "import"])
def test_missing_git_is_reported_not_raised(how: str) -> None:
    env = {**os.environ, "PATH": str(Path(sys.executable).parent)}
    env.pop("GIT_PYTHON_GIT_EXECUTABLE", None)
    done = subprocess.run(
        [sys.executable, "-c", NO_GIT, how], capture_output=True, text=True, env=env
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("unavailable: git")


def test_app_starts_without_git_and_says_review_is_unavailable(tmp_path: Path) -> None:
    root = tmp_path / "p"
    (root / ".claude" / "agents").mkdir(parents=True)
    (root / AGENT).write_text(STARTER[AGENT])
    shot = tmp_path / "shot.svg"
    env = {**os.environ, "PATH": str(Path(sys.executable).parent)}
    done = subprocess.run(
        [sys.executable, "-m", "agent_tui", "-C", str(root), "screenshot", "-o", str(shot),
         "--press", "r"],
        capture_output=True, text=True, env=env,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    svg = shot.read_text()
    assert "Review&#160;is&#160;unavailable" in svg or "Review is unavailable" in svg
    assert "git&#160;is&#160;not&#160;installed" in svg or "git is not installed" in svg


def test_keys_in_the_bar_can_be_clicked(repo: GitRepo) -> None:
    two_hunks(repo)

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        from agent_tui.ui.widgets.key_bar import KeyBar

        bar = review(app).query_one(KeyBar)
        text = bar.render().plain  # type: ignore[union-attr]
        await pilot.click(KeyBar, offset=(text.index("Split/unified") + 2, 0))
        await press(pilot)
        assert review(app).query_one(DiffView).split
        await pilot.click(KeyBar, offset=(text.index("Back") + 1, 0))
        await press(pilot)
        assert app.screen is app.agents

    drive(repo.root, flow, review=True)


def test_after_staging_a_hunk_the_list_stays_on_that_file(repo: GitRepo) -> None:
    """Pressing space again in the diff must act on the same file, never on a neighbour."""
    repo.repo.git.rm("-q", AGENT)  # a staged deletion next to the file being worked on
    repo.write({MEMORY: STARTER[MEMORY].replace("/v2", "/v3")})

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        await select(app, pilot, "Unstaged", MEMORY)
        await to_hunk(app, pilot, 0)
        await press(pilot, "space")  # its only hunk: the file moves to Staged
        assert review(app).shown_change.group.value == "Staged"
        assert review(app).shown_change.path == MEMORY
        await to_hunk(app, pilot, 0)
        await press(pilot, "space")  # and back
        assert review(app).shown_change.path == MEMORY
        assert ("Staged", AGENT) in listed(app)

    drive(repo.root, flow, review=True)
    assert repo.staged(MEMORY) == "" and AGENT in repo.staged()


def test_typing_a_commit_message_never_edits_an_agent(repo: GitRepo) -> None:
    """The dialog's text boxes must not be taken for the agent form's (same ids once)."""
    repo.write({MEMORY: repo.read(MEMORY) + "- New.\n"})
    repo.repo.git.add(MEMORY)

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        await press(pilot, "r", "c")
        assert isinstance(app.screen, CommitScreen)
        await press(pilot, "tab")
        await type_text(pilot, "Why this memory matters")
        assert app.agents.dirty_names() == [] and "unsaved" not in app.title

    drive(repo.root, flow)
    assert repo.read(AGENT) == STARTER[AGENT]


def test_unknown_base_from_the_command_line_falls_back_to_own_changes(repo: GitRepo) -> None:
    repo.write({MEMORY: repo.read(MEMORY) + "- New.\n"})

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        assert listed(app) == [("Unstaged", MEMORY)]
        assert review(app).base is None

    app = drive(repo.root, flow, base="origin/nowhere")
    messages = [notification.message for notification in app._notifications]
    assert any("origin/nowhere: no such branch" in message for message in messages)


def test_tab_from_the_message_reaches_commit_before_the_secret_box(repo: GitRepo) -> None:
    """A reflexive tab, enter never ticks "not a secret"; a ticked box looks ticked."""
    repo.write({TOPIC: f"- deploy key {FAKE_KEY}\n"})

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        await press(pilot, "space")
        dialog = await commit_with(app, pilot, "Add deploy notes")
        dialog.query_one("#commit-body").focus()
        await press(pilot, "tab")
        # Commit is disabled until the secret is settled: tab lands on Cancel, a safe answer.
        assert isinstance(app.focused, Button) and app.focused.id == "cancel"
        box = dialog.query_one(Checkbox)
        assert not box.value
        unticked = box.styles.background
        box.value = True
        await press(pilot)
        assert box.styles.background != unticked

    drive(repo.root, flow, review=True)


def test_a_theme_change_recolours_the_diff(repo: GitRepo) -> None:
    from agent_tui.ui.widgets.diff_view import DiffView

    repo.write({MEMORY: repo.read(MEMORY) + "- one more\n"})

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        view = app.screen.query_one(DiffView)
        before = view.look.line
        app.theme = "gruvbox"
        await press(pilot)
        assert view.look.line != before
        assert view.look.hunk.color is not None
        assert view.look.hunk.color.triplet is not None
        gruvbox = app.get_css_variables()["text-primary"].lower()
        assert view.look.hunk.color.triplet.hex == gruvbox

    drive(repo.root, flow, review=True)


def test_discard_defaults_to_keeping_and_y_n_answer(repo: GitRepo) -> None:
    repo.write({MEMORY: repo.read(MEMORY) + "- one more fact\n"})

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        await select(app, pilot, "Unstaged", MEMORY)
        await press(pilot, "d")
        dialog = app.screen
        assert isinstance(dialog, ChoiceScreen)
        assert "1 changed line goes back" in str(dialog.query_one(".dialog-detail").render())
        assert isinstance(app.focused, Button) and app.focused.id == "cancel"
        await press(pilot, "n")
        assert isinstance(app.screen, ReviewScreen)
        assert repo.read(MEMORY).endswith("- one more fact\n")
        await press(pilot, "d", "y")
        await press(pilot)

    drive(repo.root, flow, review=True)
    assert not repo.read(MEMORY).endswith("- one more fact\n")


def test_next_hunk_puts_its_header_at_the_top(repo: GitRepo) -> None:
    lines = [f"- fact {n}" for n in range(1, 301)]
    repo.write({MEMORY: "# Memory\n" + "\n".join(lines) + "\n"})
    repo.commit_all("Three hundred facts")
    lines[0], lines[150], lines[-1] = "- first, reworded", "- middle, reworded", "- last, again"
    repo.write({MEMORY: "# Memory\n" + "\n".join(lines) + "\n"})

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        await select(app, pilot, "Unstaged", MEMORY)
        await press(pilot, "enter")
        view = review(app).query_one(DiffView)
        await press(pilot, "n")  # the middle hunk: its header at the top, its lines below
        top = view._row_start[view.cursor] - int(view.scroll_offset.y)
        assert view.cursor_row is not None and view.cursor_row.line is None  # a header
        assert top <= 2, f"the hunk header is {top} rows down"
        await press(pilot, "n")  # the last hunk ends the diff: as high as scrolling allows
        top = view._row_start[view.cursor] - int(view.scroll_offset.y)
        assert view.scroll_offset.y == view.max_scroll_y or top <= 2

    drive(repo.root, flow, review=True, size=(120, 24))


def test_the_review_is_shown_with_its_files_and_first_diff(
    repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Git is read before the screen is shown, so the frame Textual draws as it is shown
    already holds the files and the first diff, on the first opening and on coming back
    (with what changed meanwhile), instead of an empty or old list refilled frames later."""
    repo.write({MEMORY: STARTER[MEMORY] + "- A new fact.\n"})
    when_shown: list[tuple[list[str], str | None]] = []

    def shown(screen: ReviewScreen) -> None:  # Textual draws the screen right after this
        changes = screen.query_one(ChangeList).changes.values()
        diff = screen.shown_change.path if screen.shown_change else None
        when_shown.append(([change.path for change in changes], diff))

    monkeypatch.setattr(ReviewScreen, "on_screen_resume", shown, raising=False)
    # However slow this machine is (GitPython's first import included), git answers in time.
    monkeypatch.setattr(review_screen, "SHOW_WITHIN_SECONDS", 10)

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        await press(pilot, "r")
        await press(pilot, "escape")
        repo.write({TOPIC: "# API\n\n- Pagination is cursor-based.\n"})
        await press(pilot, "r")
        assert listed(app)[-1] == ("Untracked", TOPIC)

    drive(repo.root, flow)
    assert when_shown == [([MEMORY], MEMORY), ([MEMORY, TOPIC], MEMORY)]


def test_a_slow_git_gets_the_review_shown_at_once_then_filled(
    repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The interface waits for git only briefly: past that the screen is shown, saying it
    is reading, and git's answer fills it when it comes."""
    repo.write({MEMORY: STARTER[MEMORY] + "- A new fact.\n"})
    from agent_tui.ui.review import jobs

    read_state, answer = jobs.read_state, threading.Event()

    def slow(*args: object) -> object:
        answer.wait(10)  # git answers when the test says so
        return read_state(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(jobs, "read_state", slow)

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        await pilot.press("r")
        screen = review(app)
        await pilot.pause()
        assert "Reading git status" in str(screen.query_one("#review-where", Static).render())
        assert app.busy()
        answer.set()
        await settle(pilot)
        assert listed(app) == [("Unstaged", MEMORY)]
        assert screen.shown_change is not None and screen.shown_change.path == MEMORY

    drive(repo.root, flow)


def test_keys_typed_right_after_r_reach_the_review(repo: GitRepo) -> None:
    """Keys typed right behind `r` (as a terminal sends a burst, or while the interface waits
    for git) act on the review, in order, on the first opening and on coming back."""
    repo.write({MEMORY: STARTER[MEMORY] + "- A new fact.\n", TOPIC: "# API\n"})

    async def burst(app: AgentTuiApp, pilot: Pilot[None], *keys: str) -> None:
        for key in keys:
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        await settle(pilot)

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        opened = app.agents.opened
        await burst(app, pilot, "r", "down")
        shown = review(app).shown_change
        assert shown is not None and shown.path == TOPIC  # the second file: down moved there
        await burst(app, pilot, "escape", "r", "up")
        shown = review(app).shown_change
        assert shown is not None and shown.path == MEMORY
        assert app.agents.opened == opened  # the agents list never had the keys

    drive(repo.root, flow)
