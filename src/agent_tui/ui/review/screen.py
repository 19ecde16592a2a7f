"""Review: changed files under .claude/, their diffs, staging by file or hunk, and commits.

The screen shows and asks; git runs in thread workers (`jobs`), and what a key acts on is
decided in `selection`. Nothing here changes a working file except discard, which asks first.

Over 400 lines: it is the one place that turns git's answers into what the screen shows and
the user's keys into questions (discard, commit, a base to review against); each is short
and tied to the screen's state, and splitting them would scatter that state.
"""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as Pending
from contextlib import suppress
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Header, Static
from textual.worker import Worker, get_current_worker

from agent_tui.core.budget import plural
from agent_tui.core.review import is_index, owner
from agent_tui.io.git import Change, GitError, Group, RepoState, ShownDiff
from agent_tui.io.watch import Signature, folder_signature, signature
from agent_tui.ui.dialogs import ChoiceScreen, NameScreen
from agent_tui.ui.review import jobs, selection
from agent_tui.ui.review.jobs import (
    ChecksReady,
    DiffLoaded,
    GitDone,
    GitFailed,
    Job,
    StateLoaded,
)
from agent_tui.ui.review.selection import same
from agent_tui.ui.screens.commit import CommitScreen
from agent_tui.ui.screens.history import HistoryScreen
from agent_tui.ui.session import READ_ONLY_MESSAGE, read_only
from agent_tui.ui.tones import Tones
from agent_tui.ui.widgets.budget_meter import before_and_after
from agent_tui.ui.widgets.change_list import STATUS_WORD, ChangeList, change_key, counts
from agent_tui.ui.widgets.diff_view import DiffView
from agent_tui.ui.widgets.key_bar import KeyBar

# What a branch review or a read-only session offers.
READING_KEYS = {"close", "toggle_split", "history", "branch_review"}

# A diff that has not arrived after this long gets a loading indicator.
SLOW_DIFF_SECONDS = 0.2

# Opening the review waits this long for git before showing the screen (see `read_first`).
SHOW_WITHIN_SECONDS = 0.15

Read = jobs.StateRead | GitError  # what `read_first` hands over: git's answer or its refusal


def in_thread(call: Callable[[], Read]) -> Future[Read]:
    """Run `call` in a daemon thread (a git that hangs never holds up quitting)."""
    future: Future[Read] = Future()

    def run() -> None:
        try:
            future.set_result(call())
        except GitError as error:
            future.set_result(error)
        except BaseException as error:  # raised where the answer is taken
            future.set_exception(error)

    threading.Thread(target=run, daemon=True, name="review-open").start()
    return future


# ------------------------------------------------------------------------------ the screen


WATCH_SECONDS = 1.0  # how often outside changes are looked for


class ReviewScreen(Screen[bool]):
    """`base`: review the working tree against that commit, read-only (a pull request).
    Dismissed with whether working files were discarded (the agents view reads them again)."""

    BINDINGS = [
        Binding("escape,r", "close", "Back", id="close-review"),
        Binding("space", "stage", "Stage/unstage", id="stage"),
        Binding("d", "discard", "Discard", id="discard"),
        Binding("c", "commit", "Commit", id="commit"),
        Binding("s", "toggle_split", "Split/unified", id="split"),
        Binding("w", "toggle_wrap", "Wrap", show=False, id="wrap"),
        Binding("h", "history", "History", id="history"),
        Binding("b", "branch_review", "Branch review", id="branch-review"),
        Binding("ctrl+r", "refresh", "Refresh", show=False, id="refresh-review"),
        Binding("enter", "focus_diff", show=False),
    ]

    def __init__(self, start: Path, base: str | None = None) -> None:
        super().__init__()
        self.start = start
        self.base = base
        self.state: RepoState | None = None
        self.shown: ShownDiff | None = None
        self.shown_change: Change | None = None
        self.message_draft = ""  # a commit message typed and cancelled is offered again
        self.working = False  # a change to the index or files is running
        self.unavailable = False  # no git, or not a repository: nothing to review
        self.diff_coming: str | None = None  # a diff the state job is reading (its key)
        self.discarded = False  # working files changed since the screen was shown
        self.disk_seen: Signature | None = None  # the watched paths when last looked at
        self.follow_path: str | None = None  # the file a change from its diff was made to
        # A newer request cancels the older worker of its group, but a thread cannot be
        # stopped: its answer may still arrive. Only the wanted workers' answers are shown.
        self.state_worker: Worker[None] | None = None
        self.diff_worker: Worker[None] | None = None
        self.awaiting: Future[Read] | None = None  # git read for a showing, not yet shown
        self.read_for_mount: tuple[list[str], int, Read] | None = None  # shown on mount

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Reading git status…", id="review-where")
        with Horizontal(id="review-panes"):
            with Vertical(id="review-side"):
                yield ChangeList(id="changes")
            with Vertical(id="review-main"):
                yield Static(id="diff-title")
                yield Static(id="diff-budget")
                yield DiffView(id="diff")
                yield Static(id="diff-note")
        yield KeyBar([b for b in self.BINDINGS if isinstance(b, Binding)], id="review-keys")

    def on_mount(self) -> None:
        self.query_one("#diff-budget").display = False
        self.query_one("#diff-note").display = False
        self.query_one(ChangeList).focus()
        self.show_mode()
        self.set_interval(WATCH_SECONDS, self.check_disk)
        if self.read_for_mount is not None:
            self.show_read(*self.read_for_mount)
            self.read_for_mount = None

    def disk_now(self) -> Signature:
        """The memory and agent folders and git's index: what an outside change touches."""
        claude = self.start / ".claude"
        memory = claude / "agent-memory"
        folders = [claude / "agents", memory]
        with suppress(OSError):
            folders += sorted(Path(e.path) for e in os.scandir(memory) if e.is_dir())
        return folder_signature(folders) + signature([self.start / ".git" / "index"])

    def check_disk(self) -> None:
        """Files or the index changed outside the app (an editor, `git add` in a shell): read
        git again, as on coming back to the screen."""
        if not self.is_current or self.unavailable or self.busy():
            return
        now = self.disk_now()
        before, self.disk_seen = self.disk_seen, now
        if before is not None and now != before:
            self.refresh_state()

    def show_mode(self) -> None:
        """A branch review (or a read-only session) offers no keys that change anything."""
        reading_only = self.base is not None or read_only(self.app)
        self.query_one(KeyBar).limit(READING_KEYS if reading_only else None)

    def read_first(self) -> None:
        """Read git before the screen is shown, so that its first frame holds the files and
        the first diff: one frame, drawn as the screen is shown, instead of an empty or old
        list refilled a frame or two later (each waits for Textual's next refresh).

        The interface waits for git, up to SHOW_WITHIN_SECONDS: keys typed meanwhile reach
        the review afterwards, in order. A slower git gets the screen shown at once, saying it
        is reading, and its answer when it comes. (Building the screen while git runs was
        slower: both want the interpreter, and the answer then waits for a second frame.)"""
        if self.unavailable or self.awaiting is not None:
            return
        keep, position = self.landing() if self.is_mounted else ([], 0)
        start, base = self.start, self.base
        future = in_thread(lambda: jobs.read_state(start, base, keep, position))
        self.awaiting = future
        with suppress(Pending):
            self.take_read(keep, position, future.result(SHOW_WITHIN_SECONDS))
            return
        self.app.run_worker(self.read_later(keep, position, future), group="review-open")

    async def read_later(self, keep: list[str], position: int, future: Future[Read]) -> None:
        self.take_read(keep, position, await asyncio.wrap_future(future))

    def take_read(self, keep: list[str], position: int, read: Read) -> None:
        """Show git's answer, or keep it for the screen's mount when it is not built yet."""
        self.awaiting = None
        if self.is_mounted:
            self.show_read(keep, position, read)
        else:
            self.read_for_mount = (keep, position, read)

    def show_read(self, keep: list[str], position: int, read: Read) -> None:
        """Show what `read_first` read, as the workers' answers are shown."""
        if isinstance(read, GitError):
            self._git_failed(GitFailed(str(read), reading=True))
            return
        state, change, shown, key = read
        self.workers.cancel_group(self, "git-state")
        self.workers.cancel_group(self, "git-diff")
        self.state_worker = self.diff_worker = None
        self._state_loaded(StateLoaded(None, state, key, keep, position))
        if change is not None and shown is not None:
            self._diff_loaded(DiffLoaded(None, change, shown))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """With nothing to review, only leaving is offered."""
        return not self.unavailable or action in ("close", "refresh")

    def busy(self) -> bool:
        """Waiting on git (tests and screenshots wait for this to end)."""
        if self.awaiting is not None or self.read_for_mount is not None:
            return True
        if self.working or self.unavailable:
            return self.working
        if self.state is None or any(
            worker.node is self and not worker.is_finished and worker.group.startswith("git")
            for worker in self.app.workers
        ):
            return True
        lists = self.query(ChangeList)
        return bool(lists) and not same(lists.first().selected_change, self.shown_change)

    @property
    def reviewing_branch(self) -> bool:
        return self.base is not None

    # ------------------------------------------------------------------------ git jobs

    def landing(self) -> tuple[list[str], int]:
        """Where the list should land once git is read again: the rows to keep selected,
        first listed first, else the row at this position."""
        listing = self.query_one(ChangeList)
        keep = selection.rows_to_keep(listing.neighbours(), self.follow_path)
        return keep, listing.highlighted or 0

    def refresh_state(self) -> None:
        self.workers.cancel_group(self, "git-diff")  # the state job reads the diff it needs
        self.state_worker = self.diff_worker = self.read_state(*self.landing())

    @work(thread=True, exclusive=True, group="git-state")
    def read_state(self, keep: list[str], position: int) -> None:
        worker = get_current_worker()
        try:
            state, change, shown, key = jobs.read_state(self.start, self.base, keep, position)
        except GitError as error:
            self.post_message(GitFailed(str(error), reading=True))
            return
        if worker.is_cancelled:
            return
        self.post_message(StateLoaded(worker, state, key, keep, position))
        if change is not None and shown is not None:
            self.post_message(DiffLoaded(worker, change, shown))

    def load_diff(self, change: Change) -> None:
        self.diff_worker = self.read_one_diff(change)

    @work(thread=True, exclusive=True, group="git-diff")
    def read_one_diff(self, change: Change) -> None:
        worker = get_current_worker()
        shown = jobs.read_one_diff(self.start, change, self.base)
        if not worker.is_cancelled:
            self.post_message(DiffLoaded(worker, change, shown))

    @work(thread=True, group="git-change")
    def change_index(self, job: Job) -> None:
        try:
            message = jobs.run_job(self.start, job)
        except GitError as error:
            self.post_message(GitFailed(str(error)))
        else:
            self.post_message(GitDone(message))

    @on(StateLoaded)
    def _state_loaded(self, event: StateLoaded) -> None:
        if event.worker is not self.state_worker:
            return  # an older answer: a newer one is on its way
        self.state = event.state
        self.diff_coming = event.diff_coming
        listing = self.query_one(ChangeList)
        listing.show(event.state.changes, event.keep, event.position)
        self.show_where()
        selected = listing.selected_change
        followed, self.follow_path = self.follow_path, None
        if followed is not None and (selected is None or selected.path != followed):
            listing.focus()  # the file has no changes left: keys act on the list again
        if not event.state.changes:
            self.show_nothing_changed()
        elif selected is not None and change_key(selected) != event.diff_coming:
            self.load_diff(selected)

    def show_where(self) -> None:
        state = self.state
        if state is None:
            return
        text = Text(state.where(), style="bold")
        if self.base is not None:
            text = Text(f"Branch review: {self.base} → working tree", style="bold")
            text.append(f" · {len(state.changes)} changed · read-only", style="dim")
        else:
            for group in (Group.CONFLICTED, Group.STAGED, Group.UNSTAGED, Group.UNTRACKED):
                count = sum(change.group is group for change in state.changes)
                if count:
                    text.append(f" · {count} {group.value.lower()}", style="dim")
        if state.merging:
            text.append("  Resolve the conflicts, stage the files, then commit.",
                        style=Tones.of(self.app).changed)  # fmt: skip
        self.query_one("#review-where", Static).update(text, layout=False)

    def show_nothing_changed(self) -> None:
        self.shown, self.shown_change = None, None
        view = self.query_one(DiffView)
        view.loading = False
        view.show(None)
        against = f"since {self.base}" if self.base else "to review"
        self.query_one("#diff-title", Static).update(
            Text(f"Nothing under .claude/ has changed {against}.", style="bold")
        )
        note = self.query_one("#diff-note", Static)
        note.update(
            Text(
                "Agents and memory match the last commit. Changes that agents or you make "
                "show here; ctrl+r reads git again.",
                style="dim",
            )
        )
        note.display = True
        self.query_one("#diff-budget").display = False

    @on(GitFailed)
    def _git_failed(self, event: GitFailed) -> None:
        self.working = False
        if event.reading and self.base is not None:  # an unknown base: show the own changes
            self.app.notify(event.message, title="git", severity="error", timeout=10)
            self.base = None
            self.show_mode()
            self.refresh_state()
            return
        if event.reading and self.state is None:  # no review possible: no git, no repository
            self.unavailable = True
            self.query_one(KeyBar).limit({"close"})
            self.query_one("#review-panes").display = False
            self.query_one("#review-where", Static).update(
                Text.assemble(
                    ("Review is unavailable. ", "bold red"),
                    (event.message, "bold"),
                    "\n\nThe rest of agent-tui works without git. Press escape to go back.",
                )
            )
            return
        self.app.notify(event.message, title="git", severity="error", timeout=10)
        if not event.reading:  # show the index as it now is
            self.refresh_state()
        else:
            self.query_one(DiffView).loading = False

    @on(GitDone)
    def _git_done(self, event: GitDone) -> None:
        self.working = False
        if event.message.startswith("Committed "):
            self.message_draft = ""
        if event.message:
            self.app.notify(event.message)
        self.refresh_state()

    # -------------------------------------------------------------------------- the diff

    @on(ChangeList.Highlighted, "#changes")
    def _highlighted(self, event: ChangeList.Highlighted) -> None:
        change = self.query_one(ChangeList).selected_change
        if change is None or same(change, self.shown_change):
            return
        if change_key(change) != self.diff_coming:
            self.load_diff(change)
            self.set_timer(SLOW_DIFF_SECONDS, self.show_waiting)

    def show_waiting(self) -> None:
        """A diff that takes a while shows a loading indicator; a quick one does not flash it."""
        if not same(self.query_one(ChangeList).selected_change, self.shown_change):
            self.query_one(DiffView).loading = True

    @on(DiffLoaded)
    def _diff_loaded(self, event: DiffLoaded) -> None:
        if event.worker is not self.diff_worker:
            return
        if change_key(event.change) == self.diff_coming:
            self.diff_coming = None
        listed = self.query_one(ChangeList).selected_change
        if listed is None or not same(event.change, listed):
            return  # the user moved on while git was answering
        same_file = self.shown_change is not None and self.shown_change.path == listed.path
        view = self.query_one(DiffView)
        hunk = view.hunk_index if same_file else None
        self.shown, self.shown_change = event.shown, listed
        view.loading = False
        view.show(event.shown.diff)
        if hunk and view.rows:  # after staging a hunk, the cursor stays on its place
            hunk = min(hunk, view.rows[-1].hunk)
            view.move_to(next(n for n, row in enumerate(view.rows) if row.hunk == hunk))
        self.show_title(listed, event.shown)

    def show_title(self, change: Change, shown: ShownDiff) -> None:
        tones = Tones.of(self.app)
        text = Text(change.path + "\n", style="bold", no_wrap=True, overflow="ellipsis")
        who = owner(change.path)
        if who:
            text.append(f"{who} · ", style=tones.info)
        text.append(f"{STATUS_WORD.get(change.status, change.status)} · ", style="dim")
        text.append_text(counts(change, tones))
        diff = shown.diff
        if (diff is not None and diff.new_file) or change.status == "?":
            text.append(" · new file: shown whole", style=tones.added)
        elif diff is not None and diff.deleted_file:
            text.append(" · deleted: every line below is lost", style=tones.removed)
        # Two lines always (the CSS says so): no layout pass for each file shown.
        self.query_one("#diff-title", Static).update(text, layout=False)
        budget = self.query_one("#diff-budget", Static)
        if budget.display != is_index(change.path):
            budget.display = is_index(change.path)
        if budget.display:
            budget.update(before_and_after(shown.before, shown.after))
        note = self.query_one("#diff-note", Static)
        if note.display != bool(shown.note):
            note.display = bool(shown.note)
        if shown.note:
            note.update(Text(shown.note, style="dim"))

    def action_focus_diff(self) -> None:
        self.query_one(DiffView).focus()

    @on(ChangeList.Selected, "#changes")
    def _change_chosen(self) -> None:
        """Enter on a file: into its diff (the list consumes enter before the binding)."""
        self.action_focus_diff()

    def action_toggle_split(self) -> None:
        view = self.query_one(DiffView)
        view.set_mode(split=not view.split)

    def action_toggle_wrap(self) -> None:
        view = self.query_one(DiffView)
        view.set_mode(wrap=not view.wrap)

    # ----------------------------------------------------------------- staging, discard

    def may_change(self) -> bool:
        """Refuse, saying why, when this review may not touch the index or files."""
        if self.reviewing_branch:
            self.app.notify(
                f"Branch review against {self.base} is read-only (b returns to your changes)",
                severity="warning",
            )
            return False
        if read_only(self.app):
            self.app.notify(READ_ONLY_MESSAGE, severity="warning")
            return False
        if self.working:
            self.app.notify("Still working on the last change…")
            return False
        return True

    def hunk_chosen(self) -> int | None:
        """The hunk under the cursor when the diff has focus (else the whole file is meant)."""
        view = self.query_one(DiffView)
        if not view.has_focus or self.shown is None or self.shown.diff is None:
            return None
        return view.hunk_index

    def run_change(self, job: Job) -> None:
        """Run a change to the index or files; from the diff, the list then stays on the file
        (in whichever group it lands), so the next key acts on the same file."""
        self.working = True
        change = self.shown_change
        if self.query_one(DiffView).has_focus and change is not None:
            self.follow_path = change.path
        self.change_index(job)

    def action_stage(self) -> None:
        change = self.shown_change
        if not self.may_change() or change is None:
            return
        diff = self.shown.diff if self.shown is not None else None
        self.run_change(selection.stage_job(change, self.hunk_chosen(), diff))

    def action_discard(self) -> None:
        self.ask_discard()

    @work(exclusive=True, group="ask")
    async def ask_discard(self) -> None:
        change = self.shown_change
        if not self.may_change() or change is None:
            return
        refusal = selection.why_not_discard(change)
        if refusal is not None:
            self.app.notify(refusal, severity="warning")
            return
        hunk = self.hunk_chosen()
        diff = self.shown.diff if self.shown is not None else None
        what = f"hunk {hunk + 1} of {change.path}" if hunk is not None else change.path
        lines = selection.lines_changed(change, hunk, diff)
        answer = await self.app.push_screen_wait(
            ChoiceScreen(
                f"Discard your changes to {what}?",
                f"{plural(lines, 'changed line')} {'goes' if lines == 1 else 'go'} back to what "
                "git has. This cannot be undone from agent-tui.",
                [("cancel", "Keep them", "primary"), ("discard", "Discard", "error")],
            )
        )
        if answer != "discard":
            return
        self.discarded = True
        self.run_change(selection.discard_job(change.path, what, hunk, diff))

    # ------------------------------------------------------------------------ commit

    def action_commit(self) -> None:
        if not self.may_change() or self.state is None:
            return
        if not any(change.group is Group.STAGED for change in self.state.changes):
            self.app.notify(
                "Nothing is staged: stage a file (space in the list) or a hunk (space in "
                "the diff) first",
                severity="warning",
            )
            return
        self.working = True
        self.check_staged()

    @work(thread=True, exclusive=True, group="git-change")
    def check_staged(self) -> None:
        try:
            self.post_message(jobs.staged_checks(self.start))
        except GitError as error:
            self.post_message(GitFailed(str(error)))

    @on(ChecksReady)
    def _checks_ready(self, event: ChecksReady) -> None:
        self.working = False
        where = self.state.where() if self.state else ""
        self.app.push_screen(
            CommitScreen(event.checks, event.files, where, self.message_draft),
            self.commit_answered,
        )

    def commit_answered(self, answer: tuple[str, str] | None) -> None:
        if answer is None:
            return
        what, value = answer
        if what == "draft":  # cancelled: keep what was typed
            self.message_draft = value
            return
        if what == "unstage":
            self.run_change(selection.unstage_job(value))
            return
        self.message_draft = value  # until git says it worked
        self.run_change(selection.commit_job(value))

    # ------------------------------------------------------------------------ history

    def action_history(self) -> None:
        change = self.shown_change
        row = self.query_one(DiffView).cursor_row
        if change is None or row is None or row.line is None:
            self.app.notify("Move the cursor onto a line of the diff first", severity="warning")
            return
        blame = selection.blame_target(row.line, change, self.base)
        self.app.push_screen(HistoryScreen(self.start, change.path, row.line.text, blame))

    # ------------------------------------------------------------------- branch review

    def action_branch_review(self) -> None:
        self.ask_base()

    @work(exclusive=True, group="ask")
    async def ask_base(self) -> None:
        if self.base is not None:
            self.base = None
        else:
            answer = await self.app.push_screen_wait(
                NameScreen(
                    "Review against which branch or commit?",
                    "origin/main",
                    lambda value: None if value.strip() else "Type a branch, tag or commit",
                    "Shows every change to agents and memory since then. Read-only.",
                )
            )
            if not answer:
                return
            self.base = answer.strip()
        self.show_mode()
        self.query_one(ChangeList).clear()  # a new list: start at its top
        self.shown_change = None
        self.query_one(DiffView).loading = True
        self.refresh_state()

    # ------------------------------------------------------------------------- leaving

    def action_refresh(self) -> None:
        self.refresh_state()

    def action_close(self) -> None:
        discarded, self.discarded = self.discarded, False
        self.dismiss(discarded)
