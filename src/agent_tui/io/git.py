"""Git for the review screen: changes, diffs, staging, commits, blame and log.

Every call here blocks on the `git` program, so the UI runs them in thread workers. GitPython
objects are not thread-safe: each job opens its own `Repository` and closes it.
Output is git's own (`--porcelain`, `-z`, plain unified diffs), read by `core.diff`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from enum import Enum
from pathlib import Path
from types import ModuleType
from typing import IO

from agent_tui.core.diff import FileDiff, parse_diff
from agent_tui.core.report import ChangedFile
from agent_tui.core.review import StagedFile, is_index

# Beyond this size a file is not read for line counts or budgets.
READ_LIMIT = 8 * 1024 * 1024
LOG_LENGTH = 15
# Options that make `git diff` print what `core.diff` reads and `git apply` takes back,
# whatever the user's configuration says.
DIFF_OPTIONS = (
    "--no-color",
    "--no-ext-diff",
    "--no-textconv",
    "--no-renames",
    "--src-prefix=a/",
    "--dst-prefix=b/",
)


# While a git job runs, threads hand over the interpreter lock every 0.5 ms, not every 5 ms:
# the job takes the lock back many times (starting and waiting for each process, reading its
# output), and each time would otherwise wait out a busy UI thread's turn: a 5 ms git call
# took 40 ms while the UI was drawing.
HANDOFF_SECONDS = 0.0005
_handoff_lock = threading.Lock()
_handoff_users = 0
_handoff_before = sys.getswitchinterval()


@contextmanager
def prompt_handoff() -> Iterator[None]:
    global _handoff_users, _handoff_before
    with _handoff_lock:
        if _handoff_users == 0:
            _handoff_before = sys.getswitchinterval()
            sys.setswitchinterval(min(HANDOFF_SECONDS, _handoff_before))
        _handoff_users += 1
    try:
        yield
    finally:
        with _handoff_lock:
            _handoff_users -= 1
            if _handoff_users == 0:
                sys.setswitchinterval(_handoff_before)


class GitError(Exception):
    """Git refused or failed; the message is git's own, for the user to read."""


class GitUnavailable(GitError):
    """No `git` program, so no review at all."""


class NotARepository(GitError):
    pass


_gitpython: ModuleType | None = None


def gitpython() -> ModuleType:
    """GitPython, imported on first use: its import fails when `git` is missing, and costs
    ~0.1 s, which start-up should not pay."""
    global _gitpython
    if _gitpython is None:
        named = os.environ.get("GIT_PYTHON_GIT_EXECUTABLE")  # GitPython's own setting
        if shutil.which(named or "git") is None:
            raise GitUnavailable("git is not installed (or not on PATH): review needs it")
        try:
            import git
        except ImportError as error:  # GitPython could not run `git`
            raise GitUnavailable(f"git could not be started: {error}") from None
        _gitpython = git
    return _gitpython


class Group(str, Enum):
    CONFLICTED = "Conflicted"
    STAGED = "Staged"
    UNSTAGED = "Unstaged"
    UNTRACKED = "Untracked"
    BASE = "Changed"  # branch review: the working tree against a base commit


@dataclass(frozen=True)
class Change:
    path: str  # relative to the repository's top folder, with "/"
    group: Group
    status: str  # git's letter: M, A, D, T, U, or ? for untracked
    added: int | None = None  # line counts; None when binary or unknown
    removed: int | None = None


@dataclass(frozen=True)
class RepoState:
    root: Path  # the repository's top folder
    branch: str | None  # None when HEAD is detached
    head: str | None  # short commit id; None before the first commit
    merging: bool
    base: str | None  # the base commit of a branch review, as the user named it
    changes: tuple[Change, ...]

    def where(self) -> str:
        """ "main at 1a2b3c4", "detached HEAD at 1a2b3c4", "main, no commits yet"."""
        if self.head is None:
            return f"{self.branch or 'HEAD'}, no commits yet"
        place = self.branch if self.branch else "detached HEAD"
        return f"{place} at {self.head}" + (" · merging" if self.merging else "")


@dataclass(frozen=True)
class Blame:
    commit: str | None  # None: the line is not committed yet
    author: str
    date: str
    summary: str


@dataclass(frozen=True)
class LogEntry:
    commit: str
    author: str
    date: str
    subject: str


@dataclass(frozen=True)
class ShownDiff:
    diff: FileDiff | None  # None: nothing to show (binary, or no difference)
    before: str | None  # the index file before and after, for the budget; None otherwise
    after: str | None
    note: str = ""  # why there is no diff, in words


@dataclass(frozen=True)
class Running:
    """A git process started by `Repository.start`."""

    process: subprocess.Popen[bytes]
    files: tuple[IO[bytes], IO[bytes], IO[bytes]]  # its input, output and errors
    name: str


def fields(output: str) -> list[str]:
    """A `-z` listing split into its fields."""
    return [part for part in output.split("\0") if part]


class Repository:
    """One job's view of the repository holding `start`."""

    def __init__(self, start: Path) -> None:
        git = gitpython()
        try:
            self.repo = git.Repo(start, search_parent_directories=True)
        except (git.InvalidGitRepositoryError, git.NoSuchPathError):
            raise NotARepository(
                f"{start.name}/ is not in a git repository (`git init` starts one)"
            ) from None
        if self.repo.working_tree_dir is None:
            self.repo.close()
            raise NotARepository(f"{start.name}/ is a bare repository: nothing to review")
        self.top = Path(self.repo.working_tree_dir)
        self.executable = str(git.Git.GIT_PYTHON_GIT_EXECUTABLE or "git")
        try:
            prefix = start.resolve().relative_to(self.top.resolve())
        except ValueError:
            prefix = Path()
        self.scope = (prefix / ".claude").as_posix()

    @classmethod
    @contextmanager
    def open(cls, start: Path) -> Iterator[Repository]:
        with prompt_handoff():
            repository = cls(start)
            try:
                yield repository
            finally:
                repository.repo.close()

    # -------------------------------------------------------------------------- running

    def run(self, *args: str, stdin: bytes | None = None, ok: tuple[int, ...] = (0,)) -> str:
        """Run git; its output as text (undecodable bytes kept as surrogates)."""
        return self.finish(self.start(*args, stdin=stdin), ok)

    def start(self, *args: str, stdin: bytes | None = None) -> Running:
        """Start git and return at once; `finish` waits for it. Output goes to temporary
        files, not pipes: the thread then waits once for git to end instead of taking the
        interpreter lock back for every chunk it reads."""
        command = [self.executable, "-c", "core.quotePath=false", *args]
        # Closed by `finish`, which every caller reaches: the process outlives this call.
        given, out, err = (tempfile.TemporaryFile() for _ in range(3))  # noqa: SIM115
        files: tuple[IO[bytes], IO[bytes], IO[bytes]] = (given, out, err)
        if stdin is not None:
            given.write(stdin)
            given.seek(0)
        # No optional locks: reading status must never rewrite .git/index (git's stat refresh),
        # which a read-only session, or a user's own git running meanwhile, would not expect.
        env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0"}
        try:
            process = subprocess.Popen(
                command, stdin=given, stdout=out, stderr=err, cwd=self.top, env=env
            )
        except OSError as error:
            for file in files:
                file.close()
            raise GitError(f"git could not be run: {error}") from None
        return Running(process, files, args[0])

    def finish(self, running: Running, ok: tuple[int, ...] = (0,)) -> str:
        _, out, err = running.files
        try:
            status = running.process.wait()
            out.seek(0)
            err.seek(0)
            output = out.read().decode("utf-8", "surrogateescape")
            errors = err.read().decode("utf-8", "replace")
        finally:
            for file in running.files:
                file.close()
        if status not in ok:
            message = (errors or output).strip() or f"git {running.name} failed ({status})"
            raise GitError(message)
        return output

    def texts(self, *args: str) -> list[str]:
        """A `-z` listing split into its fields."""
        return fields(self.run(*args))

    # ------------------------------------------------------------------------ the state

    def state(self, base: str | None = None, counted: bool = True) -> RepoState:
        """What changed under .claude/; with line counts unless `counted` is False (then
        `start_counts` and `counted` fill them in, while other git work runs)."""
        records = self.texts(
            "status", "--porcelain=v2", "--branch", "-z", "--untracked-files=all",
            "--no-renames", "--", self.scope,
        )  # fmt: skip
        branch: str | None = None
        head: str | None = None
        changes: list[Change] = []
        for record in records:
            if record.startswith("# branch.oid "):
                oid = record.split(" ", 2)[2]
                head = None if oid == "(initial)" else oid[:7]
            elif record.startswith("# branch.head "):
                name = record.split(" ", 2)[2]
                branch = None if name == "(detached)" else name
            elif record.startswith("? "):
                changes.append(Change(record[2:], Group.UNTRACKED, "?"))
            elif record.startswith("u "):
                changes.append(Change(record.split(" ", 10)[10], Group.CONFLICTED, "U"))
            elif record.startswith("1 "):
                fields = record.split(" ", 8)
                staged, unstaged = fields[1][0], fields[1][1]
                if staged != ".":
                    changes.append(Change(fields[8], Group.STAGED, staged))
                if unstaged != ".":
                    changes.append(Change(fields[8], Group.UNSTAGED, unstaged))
        merging = (Path(self.repo.git_dir) / "MERGE_HEAD").exists()
        if base is not None:
            untracked = [change for change in changes if change.group is Group.UNTRACKED]
            changes = self.base_changes(base) + [
                replace(change, group=Group.BASE, status="A") for change in untracked
            ]
        state = RepoState(self.top, branch, head, merging, base, tuple(changes))
        return self.counted(state) if counted else state

    def verify(self, base: str) -> None:
        try:
            self.run("rev-parse", "--verify", "--quiet", "--end-of-options", f"{base}^{{commit}}")
        except GitError:
            raise GitError(f"{base}: no such branch, tag or commit") from None

    def base_changes(self, base: str) -> list[Change]:
        self.verify(base)
        fields = self.texts("diff", "--name-status", "-z", "--no-renames", base, "--", self.scope)
        return [
            Change(path, Group.BASE, letter[:1])
            for letter, path in zip(fields[::2], fields[1::2], strict=True)
        ]

    def code_moves_since(self, base: str) -> dict[str, str | None]:
        """Files outside .claude/ deleted (-> None) or renamed (-> the new path) since `base`,
        as repository-relative paths: memory that names them has gone stale."""
        self.verify(base)
        listing = self.texts("diff", "--name-status", "-z", "-M", base, "--", ".",
                             f":(exclude){self.scope}")  # fmt: skip
        moves: dict[str, str | None] = {}
        index = 0
        while index < len(listing):
            letter = listing[index][:1]
            if letter in ("R", "C"):
                if letter == "R":
                    moves[listing[index + 1]] = listing[index + 2]
                index += 3
                continue
            if letter == "D":
                moves[listing[index + 1]] = None
            index += 2
        return moves

    def changed_since(self, base: str) -> list[ChangedFile]:
        """Every file under .claude/ changed since `base` (the working tree against it), with
        line counts, its diff read as text, and for an index its text on both sides."""
        changes = self.base_changes(base)
        counts: dict[str, tuple[int | None, int | None]] = {}
        numstat = self.run("diff", "--numstat", "-z", "--no-renames", base, "--", self.scope)
        for field in fields(numstat):
            plus, minus, path = field.split("\t", 2)
            counts[path] = (int(plus) if plus.isdigit() else None,
                            int(minus) if minus.isdigit() else None)  # fmt: skip
        files: list[ChangedFile] = []
        for change in changes:
            parsed = parse_diff(self.run("diff", "--text", *DIFF_OPTIONS, base, "--", change.path))
            before, after = (
                self.budget_texts(change, base) if is_index(change.path) else (None, None)
            )
            added, removed = counts.get(change.path, (None, None))
            diff = parsed[0] if parsed else None
            files.append(
                ChangedFile(change.path, change.status, added, removed, diff, before, after)
            )
        return files

    def start_counts(self, state: RepoState) -> list[tuple[Group, Running]]:
        """Start the `git diff --numstat` runs the line counts need, all at once."""
        runs = (
            [(Group.BASE, (state.base,))]
            if state.base is not None
            else [(Group.STAGED, ("--cached",)), (Group.UNSTAGED, ())]
        )
        return [
            (group, self.start("diff", "--numstat", "-z", "--no-renames", *extra, "--", self.scope))
            for group, extra in runs
            if any(change.group is group for change in state.changes)
        ]

    def counted(
        self, state: RepoState, started: list[tuple[Group, Running]] | None = None
    ) -> RepoState:
        """The state with each change's added and removed line counts filled in."""
        counts: dict[tuple[Group, str], tuple[int | None, int | None]] = {}
        runs = self.start_counts(state) if started is None else started
        outputs: list[tuple[Group, str]] = []
        failure: GitError | None = None
        for group, running in runs:  # every run is finished, even after one fails
            try:
                outputs.append((group, self.finish(running)))
            except GitError as error:
                failure = failure or error
        if failure is not None:
            raise failure
        for group, output in outputs:
            for field in fields(output):
                plus, minus, path = field.split("\t", 2)
                counts[group, path] = (
                    int(plus) if plus.isdigit() else None,
                    int(minus) if minus.isdigit() else None,
                )
        result: list[Change] = []
        for change in state.changes:
            if (change.group, change.path) in counts:
                added, removed = counts[change.group, change.path]
                change = replace(change, added=added, removed=removed)
            elif change.status in ("?", "A") and change.group in (Group.UNTRACKED, Group.BASE):
                change = replace(change, added=self.line_count(change.path), removed=0)
            result.append(change)
        return replace(state, changes=tuple(result))

    def line_count(self, path: str) -> int | None:
        try:
            file = self.top / path
            if file.stat().st_size > READ_LIMIT:
                return None
            data = file.read_bytes()
        except OSError:
            return None
        if b"\0" in data[:8000]:
            return None
        return data.count(b"\n") + (1 if data and not data.endswith(b"\n") else 0)

    # -------------------------------------------------------------------------- diffs

    def diff(self, change: Change, base: str | None = None) -> ShownDiff:
        if change.status == "?" or (change.group is Group.BASE and change.status == "A"
                                    and self.untracked(change.path)):  # fmt: skip
            text = self.run("diff", *DIFF_OPTIONS, "--no-index", "--", "/dev/null", change.path,
                            ok=(0, 1))  # fmt: skip
        elif change.group is Group.STAGED:
            text = self.run("diff", "--cached", *DIFF_OPTIONS, "--", change.path)
        elif change.group is Group.UNSTAGED:
            text = self.run("diff", *DIFF_OPTIONS, "--", change.path)
        else:  # conflicted: the working file against HEAD, markers and all; or a branch review
            against = base if change.group is Group.BASE and base else self.head_or_empty()
            text = self.run("diff", *DIFF_OPTIONS, against, "--", change.path)
        parsed = parse_diff(text)
        diff = parsed[0] if parsed else None
        before, after = self.budget_texts(change, base) if is_index(change.path) else (None, None)
        if diff is None:
            return ShownDiff(None, before, after, "No difference in content (a mode change?)")
        if diff.binary:
            return ShownDiff(None, before, after, "Binary file: not shown")
        return ShownDiff(diff, before, after)

    def untracked(self, path: str) -> bool:
        return not self.texts("ls-files", "-z", "--", path)

    def head_or_empty(self) -> str:
        """HEAD, or git's empty tree before the first commit."""
        try:
            return self.run("rev-parse", "--verify", "--quiet", "HEAD").strip()
        except GitError:
            return self.run("hash-object", "-t", "tree", "/dev/null").strip()

    def blob(self, spec: str) -> str | None:
        """`REV:path` or `:path` (the index); None when it does not exist there."""
        try:
            return self.run("cat-file", "blob", spec)
        except GitError:
            return None

    def working_text(self, path: str) -> str | None:
        try:
            data = (self.top / path).read_bytes()
        except OSError:
            return None
        return data.decode("utf-8", "surrogateescape")

    def budget_texts(self, change: Change, base: str | None) -> tuple[str | None, str | None]:
        path = change.path
        if change.group is Group.STAGED:
            return self.blob(f"HEAD:{path}"), self.blob(f":{path}")
        if change.group is Group.UNSTAGED:
            return self.blob(f":{path}"), self.working_text(path)
        if change.group is Group.UNTRACKED:
            return None, self.working_text(path)
        return self.blob(f"{base or 'HEAD'}:{path}"), self.working_text(path)

    # ------------------------------------------------------------------------ changing

    def stage(self, path: str) -> None:
        self.run("add", "-A", "--", path)

    def unstage(self, path: str) -> None:
        self.run("reset", "-q", "--", path)

    def discard(self, path: str) -> None:
        """The working file goes back to what is staged (or committed): tracked files only."""
        self.run("checkout", "-q", "--", path)

    def apply(self, patch: str, *, cached: bool, reverse: bool = False) -> None:
        """Apply one hunk's patch to the index (`cached`) or the working file."""
        args = ["apply", "--whitespace=nowarn"]
        args += ["--cached"] if cached else []
        args += ["--reverse"] if reverse else []
        self.run(*args, "-", stdin=patch.encode("utf-8", "surrogateescape"))

    def commit(self, message: str) -> str:
        """Commit what is staged, as the user's git identity; the new commit's short id."""
        self.run("commit", "-q", "--cleanup=strip", "-F", "-", stdin=message.encode())
        return self.run("rev-parse", "--short", "HEAD").strip()

    def staged_files(self) -> list[StagedFile]:
        """Everything a commit would hold (under .claude/ and elsewhere), for the checks made
        before committing. Read with `--text`: a `binary` or `-diff` attribute in
        .gitattributes must not hide a staged secret."""
        paths = self.texts("diff", "--cached", "--name-only", "-z", "--no-renames")
        diffs = parse_diff(self.run("diff", "--cached", "--text", *DIFF_OPTIONS))
        if len(diffs) != len(paths):  # git lists both in path order, one entry per file
            diffs = [
                next(iter(parse_diff(self.run("diff", "--cached", "--text", *DIFF_OPTIONS,
                                              "--", path))), FileDiff((), ()))
                for path in paths
            ]  # fmt: skip
        staged: list[StagedFile] = []
        for path, diff in zip(paths, diffs, strict=True):
            index_text = self.blob(f":{path}") if is_index(path) else None
            staged.append(StagedFile(path, diff, index_text))
        return staged

    # ------------------------------------------------------------------------- history

    def blame(self, path: str, line: int, revision: str | None = None) -> Blame:
        """Who last changed a line: of the working file, or of `revision`'s file."""
        args = ["blame", "--porcelain", "-L", f"{line},{line}"]
        args += [revision] if revision else []
        text = self.run(*args, "--", path)
        rows = text.split("\n")
        commit = rows[0].split(" ")[0]
        fields = dict(row.split(" ", 1) for row in rows[1:] if " " in row and not row[:1].isspace())
        if set(commit) == {"0"}:
            return Blame(None, "you", "", "not committed yet")
        stamp = int(fields.get("author-time", "0"))
        date = datetime.fromtimestamp(stamp, tz=timezone.utc).strftime("%Y-%m-%d")
        return Blame(commit[:7], fields.get("author", "?"), date, fields.get("summary", ""))

    def log(self, path: str, count: int = LOG_LENGTH) -> list[LogEntry]:
        if self.head_is_unborn():
            return []
        text = self.run(
            "log", f"-n{count}", "--date=short", "--format=%h%x00%an%x00%ad%x00%s", "--", path
        )
        entries: list[LogEntry] = []
        for row in text.splitlines():
            parts = row.split("\0")
            if len(parts) == 4:
                entries.append(LogEntry(*parts))
        return entries

    def head_is_unborn(self) -> bool:
        try:
            self.run("rev-parse", "--verify", "--quiet", "HEAD")
        except GitError:
            return True
        return False
