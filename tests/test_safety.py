"""Safe on any repository (issue 11): special files are never read, a bad folder never hides
the rest, and links never lead agent-tui's reads or writes out of the repository."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from agent_tui.core.lint import lint_workspace
from agent_tui.core.workspace import discover
from conftest import agent


def run_cli(*args: str, timeout: float = 20) -> subprocess.CompletedProcess[str]:
    """The real command in a subprocess, so a hang fails the test instead of freezing it."""
    return subprocess.run(
        [sys.executable, "-m", "agent_tui", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def deny_listing(monkeypatch: pytest.MonkeyPatch, suffix: str) -> None:
    """Listing a folder whose path ends in `suffix` fails as an unreadable folder would
    (permissions cannot stop root, who runs these tests in CI)."""
    real_scandir = os.scandir

    def guarded(path: object = ".") -> object:
        if str(path).endswith(suffix):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", guarded)


def test_fifos_anywhere_never_hang_ls_or_check(repo: Callable[..., Path]) -> None:
    root = repo({
        ".claude/agents/a.md": agent("a", extra="memory: project\n"),
        ".claude/agent-memory/a/MEMORY.md": "- [t](t.md)\n",
    })  # fmt: skip
    os.mkfifo(root / ".claude/agents/x.md")
    os.mkfifo(root / ".claude/agent-memory/a/t.md")
    os.mkfifo(root / ".claude/agent-memory/a/u.md")
    for command in ("ls", "check"):
        done = run_cli("-C", str(root), command)
        assert done.returncode in (0, 1), done.stderr
        assert "Traceback" not in done.stderr


def test_dev_zero_is_refused_without_reading_it(repo: Callable[..., Path]) -> None:
    root = repo({".claude/agents/a.md": agent("a")})
    (root / ".claude/agents/z.md").symlink_to("/dev/zero")
    done = run_cli("-C", str(root), "ls", "--json")
    assert done.returncode == 0 and "file-special" in done.stdout


def test_a_looping_or_unreadable_memory_folder_is_a_finding_not_a_traceback(
    repo: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = repo({
        ".claude/agents/a.md": agent("a", extra="memory: project\n"),
        ".claude/agents/b.md": agent("b", extra="memory: project\n"),
        ".claude/agent-memory/a/MEMORY.md": "- fine\n",
        ".claude/agent-memory/b/MEMORY.md": "- fine\n",
    })  # fmt: skip
    (root / ".claude/agent-memory/loop").symlink_to("loop")
    (root / ".claude/agent-memory/a/sub").symlink_to("sub")
    deny_listing(monkeypatch, "agent-memory/b")
    workspace = discover(root)  # no traceback
    names = {entry.file.name: entry for entry in workspace.agents}
    assert names["a"].memory_dir is not None and names["a"].memory_dir.index.budget is not None
    codes = {finding.code for finding in lint_workspace(workspace)}
    assert "memory-unreadable" in codes


def test_check_names_a_looping_memory_folder_instead_of_a_traceback(
    repo: Callable[..., Path],
) -> None:
    """`check` sets the user's own findings aside by where they lead: a link that leads back
    to itself leads nowhere, and resolving it raised (found by tools/adversarial.py)."""
    root = repo({".claude/agents/a.md": agent("a", extra="memory: project\n")})
    (root / ".claude/agent-memory").mkdir(parents=True)
    (root / ".claude/agent-memory/loop").symlink_to("loop")
    for form in ("text", "json"):
        done = run_cli("-C", str(root), "check", "--format", form)
        assert "Traceback" not in done.stderr
        assert "memory-unreadable" in done.stdout and "loop" in done.stdout, form


def test_a_memory_folder_linked_out_of_the_repository_is_not_walked(
    repo: Callable[..., Path], tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    (outside / "deep/er").mkdir(parents=True)
    (outside / "deep/er/secret.md").write_text("private\n")
    (outside / "MEMORY.md").write_text("- outside\n")
    root = repo({".claude/agents/a.md": agent("a", extra="memory: project\n")})
    (root / ".claude/agent-memory").mkdir(parents=True)
    (root / ".claude/agent-memory/a").symlink_to(outside, target_is_directory=True)
    workspace = discover(root)
    memory = workspace.agents[0].memory_dir
    assert memory is not None and memory.leaves_root
    assert memory.topic_files == () and memory.index.text is None
    done = run_cli("-C", str(root), "ls", "--json")
    assert "secret.md" not in done.stdout and "deep" not in done.stdout


def test_no_write_follows_a_link_out_of_the_repository(
    repo: Callable[..., Path], tmp_path: Path
) -> None:
    from agent_tui.io import boundary
    from agent_tui.io.atomic import SaveError
    from agent_tui.io.document import OpenFile
    from agent_tui.io.files import create_file

    outside = tmp_path / "outside"
    outside.mkdir()
    root = repo({
        ".claude/agents/a.md": agent("a", extra="memory: project\n"),
        ".claude/agent-memory/a/MEMORY.md": "- [n](sub/new.md)\n",
    })  # fmt: skip
    (root / ".claude/agent-memory/a/sub").symlink_to(outside, target_is_directory=True)
    workspace = discover(root)
    boundary.allow_writes_for(workspace.root, [workspace.user_dir])
    with pytest.raises(SaveError, match=str(outside)):
        create_file(root / ".claude/agent-memory/a/sub/new.md", b"# new\n")
    assert list(outside.iterdir()) == []
    create_file(root / ".claude/agent-memory/a/fine.md", b"# fine\n")  # inside: written
    (outside / "MEMORY.md").write_text("- theirs\n")
    (root / ".claude/agent-memory/b").symlink_to(outside, target_is_directory=True)
    doc = OpenFile.read(root / ".claude/agent-memory/b/MEMORY.md")
    with pytest.raises(SaveError, match="does not write there"):
        doc.save("- mine\n")
    assert (outside / "MEMORY.md").read_text() == "- theirs\n"


def test_set_refuses_an_agent_file_that_links_out(
    repo: Callable[..., Path], tmp_path: Path
) -> None:
    target = tmp_path / "elsewhere.md"
    target.write_text(agent("far"))
    root = repo({".claude/agents/a.md": agent("a")})
    (root / ".claude/agents/far.md").symlink_to(target)
    done = run_cli("-C", str(root), "set", "far", "model=opus")
    assert done.returncode == 2 and "does not write there" in done.stderr
    assert "model" not in target.read_text()


def test_reading_git_status_never_rewrites_the_index(tmp_path: Path) -> None:
    from agent_tui.io.git import Repository

    root = tmp_path / "r"
    root.mkdir()
    for command in (["init", "-q"], ["config", "user.email", "a@b"], ["config", "user.name", "a"]):
        subprocess.run(["git", *command], cwd=root, check=True)
    (root / ".claude").mkdir()
    (root / ".claude/x.md").write_text("x\n")
    subprocess.run(["git", "add", "."], cwd=root, check=True)
    subprocess.run(["git", "commit", "-qm", "x"], cwd=root, check=True)
    os.utime(root / ".claude/x.md", ns=(10**18, 10**18))  # stale stat data: git would refresh
    index = root / ".git/index"
    before = (index.read_bytes(), index.stat().st_mtime_ns)
    with Repository.open(root) as repository:
        repository.run("status", "--porcelain")
    assert (index.read_bytes(), index.stat().st_mtime_ns) == before


@pytest.mark.parametrize(
    ("value", "outcome"),
    [("1", "read-only"), ("TRUE", "read-only"), ("yes", "read-only"), ("On", "read-only"),
     ("", "writable"), ("0", "refused"), ("maybe", "refused")],
)  # fmt: skip
def test_the_read_only_variable_is_understood_or_refused(
    value: str, outcome: str, repo: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from agent_tui.cli import main

    root = repo({".claude/agents/a.md": agent("a")})
    monkeypatch.setenv("AGENT_TUI_READ_ONLY", value)
    code = main(["-C", str(root), "set", "a", "model=opus"])
    written = "model: opus" in (root / ".claude/agents/a.md").read_text()
    assert (code, written) == {"read-only": (2, False), "writable": (0, True),
                               "refused": (2, False)}[outcome]  # fmt: skip


def test_set_with_bytes_that_are_not_utf8_says_so(repo: Callable[..., Path]) -> None:
    root = repo({".claude/agents/a.md": agent("a")})
    before = (root / ".claude/agents/a.md").read_bytes()
    done = subprocess.run(
        [sys.executable, "-m", "agent_tui", "-C", str(root), "set", "a", b"description=\xff"],
        capture_output=True,
        timeout=20,
        check=False,
    )
    assert done.returncode == 2 and b"not valid UTF-8" in done.stderr
    assert b"Traceback" not in done.stderr
    assert (root / ".claude/agents/a.md").read_bytes() == before


def test_names_with_escape_sequences_are_printed_visibly(repo: Callable[..., Path]) -> None:
    root = repo({".claude/agents/a.md": agent('"evil\\e[2J\\e[Hname"')})  # YAML's \e is ESC
    for command in ("ls", "check"):
        done = run_cli("-C", str(root), command)
        assert "\x1b" not in done.stdout and "\\x1b[2J" in done.stdout


def test_saving_past_the_size_limit_keeps_the_session(repo: Callable[..., Path]) -> None:
    from agent_tui.core.textfile import MAX_TEXT_BYTES
    from agent_tui.io.document import OpenFile

    root = repo({".claude/agent-memory/a/MEMORY.md": "- small\n"})
    doc = OpenFile.read(root / ".claude/agent-memory/a/MEMORY.md")
    doc.save("x" * (MAX_TEXT_BYTES + 10))  # no exception: saved, now shown read-only
    assert doc.read_only and doc.problem is not None and doc.problem.code == "too-large"


def test_new_files_follow_the_umask_and_saves_keep_the_owner(repo: Callable[..., Path]) -> None:
    from agent_tui.io.document import OpenFile
    from agent_tui.io.files import create_file

    root = repo({".claude/agents/a.md": agent("a")})
    old = os.umask(0o022)
    try:
        create_file(root / ".claude/agents/new.md", b"x\n")
    finally:
        os.umask(old)
    assert (root / ".claude/agents/new.md").stat().st_mode & 0o777 == 0o644
    if os.getuid() == 0:  # only root can give a file away to test this
        path = root / ".claude/agents/a.md"
        os.chown(path, 1234, 1234)
        doc = OpenFile.read(path)
        doc.save(doc.text + "more\n")
        assert (path.stat().st_uid, path.stat().st_gid) == (1234, 1234)


def test_an_unreadable_agents_folder_fails_check(
    repo: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from agent_tui.cli import main

    root = repo({".claude/agents/a.md": agent("a")})
    deny_listing(monkeypatch, ".claude/agents")
    assert main(["-C", str(root), "check"]) == 1
    assert "agents-unreadable" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("frontmatter", "args"),
    [
        # removing the key whose anchor another key's alias uses
        ("name: a\ndescription: &d Reviews code\ninitialPrompt: *d\n", ["--unset", "description"]),
        # setting a key whose anchored value is aliased elsewhere
        ("name: a\ndescription: &d Reviews code\ninitialPrompt: *d\n", ["description=New text"]),
        # the alias itself: it must not become the text "*d"
        ("name: a\ndescription: &d Reviews code\ninitialPrompt: *d\n", ["model=opus", "--unset", "description"]),
    ],
)  # fmt: skip
def test_set_refuses_an_edit_that_changes_another_key_or_skips_the_agent(
    frontmatter: str, args: list[str], repo: Callable[..., Path]
) -> None:
    text = f"---\n{frontmatter}---\nbody\n"
    root = repo({".claude/agents/a.md": text})
    done = run_cli("-C", str(root), "set", "a", *args)
    assert done.returncode == 1, done.stdout
    assert "nothing was written" in done.stderr
    assert (root / ".claude/agents/a.md").read_text() == text


def test_set_still_writes_a_plain_edit(repo: Callable[..., Path]) -> None:
    root = repo(
        {".claude/agents/a.md": "---\nname: a\ndescription: &d Reviews\ninitialPrompt: *d\n---\n"}
    )
    done = run_cli("-C", str(root), "set", "a", "model=opus")
    assert done.returncode == 0, done.stderr
    assert "model: opus" in (root / ".claude/agents/a.md").read_text()


@pytest.mark.parametrize(
    "text",
    ["---\nname: a\ndescription: d\n...\n---\nbody\n", "---\n- a\n- b\n---\nbody\n"],
)
def test_set_on_odd_frontmatter_never_leaves_a_broken_file(
    text: str, repo: Callable[..., Path]
) -> None:
    root = repo({".claude/agents/a.md": text})
    done = run_cli("-C", str(root), "set", str(root / ".claude/agents/a.md"), "model=opus")
    after = (root / ".claude/agents/a.md").read_text()
    if done.returncode == 0:  # written only if the agent reads back with the new value
        assert discover(root).agents[0].file.model == "opus"
    else:
        assert after == text and "Traceback" not in done.stderr


def test_a_same_size_change_with_its_time_restored_is_still_a_change(
    repo: Callable[..., Path],
) -> None:
    from agent_tui.io.document import ChangedOnDisk, OpenFile

    root = repo({".claude/agents/a.md": agent("a", extra="model: opus\n")})
    path = root / ".claude/agents/a.md"
    doc = OpenFile.read(path)
    stamp = path.stat()
    path.write_text(path.read_text().replace("opus", "haik"))  # same size
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))  # as `cp -p` leaves it
    with pytest.raises(ChangedOnDisk):
        doc.save(doc.text + "mine\n")
    assert "haik" in path.read_text()


def test_merge_is_not_offered_when_both_sides_changed_the_same_key() -> None:
    from agent_tui.core.fields import AgentDraft

    base = "---\nname: a\ndescription: d\nmodel: opus\ncolor: red\n---\nbody\n"
    draft = AgentDraft(base)
    draft.set_field("model", "sonnet")
    theirs_model = base.replace("model: opus", "model: haiku")
    assert draft.rebased(theirs_model) is None  # both changed `model`: a person decides
    theirs_color = base.replace("color: red", "color: blue")
    merged = draft.rebased(theirs_color)
    assert (
        merged is not None and "model: sonnet" in merged.text() and "color: blue" in merged.text()
    )


@pytest.mark.parametrize("attributes", ["*.md binary\n", ".claude/** -diff\n"])
def test_the_commit_check_reads_staged_text_whatever_gitattributes_say(
    attributes: str, tmp_path: Path
) -> None:
    from agent_tui.core.review import commit_checks
    from agent_tui.io.git import Repository
    from git_helpers import STARTER, GitRepo

    key = "AK" + "IA" + "Q3EGRT7XKPLM2WNB"  # split so scanners of this repository stay quiet
    repo = GitRepo(tmp_path / "r", {**STARTER, ".gitattributes": attributes})
    repo.write({
        ".claude/agent-memory/reviewer/notes.md": f"- deploy key {key}\n<<<<<<< HEAD\n",
        "src/settings.py": "DEBUG = True\n",
    })  # fmt: skip
    repo.repo.git.add("-A")
    with Repository.open(repo.root) as repository:
        staged = repository.staged_files()
    checks = commit_checks(staged)
    assert [(path, secret.kind) for path, secret in checks.secrets] == [
        (".claude/agent-memory/reviewer/notes.md", "AWS access key")
    ]
    assert [finding.line for finding in checks.conflicts] == [2]
    assert checks.outside == ["src/settings.py"]


def test_a_hard_linked_file_is_saved_only_as_the_user_chose(repo: Callable[..., Path]) -> None:
    from agent_tui.io.atomic import HardLinked
    from agent_tui.io.document import OpenFile

    root = repo({".claude/agents/a.md": agent("a")})
    path, twin = root / ".claude/agents/a.md", root / "twin.md"
    os.link(path, twin)
    doc = OpenFile.read(path)
    with pytest.raises(HardLinked):
        doc.save(doc.text + "one\n")
    assert "one" not in twin.read_text()
    doc.save(doc.text + "one\n", keep_links=True)  # every name sees it, still one file
    assert twin.read_text() == path.read_text() and path.stat().st_nlink == 2
    doc.save(doc.text + "two\n", keep_links=False)  # this name only: the twin keeps its text
    assert "two" in path.read_text() and "two" not in twin.read_text()


def test_a_memory_folder_linked_out_opens_read_only_with_the_real_path(
    repo: Callable[..., Path], tmp_path: Path
) -> None:
    from agent_tui.ui.loading import open_item
    from agent_tui.ui.widgets.agent_list import item_key

    outside = tmp_path / "elsewhere"
    outside.mkdir()
    root = repo({".claude/agents/a.md": agent("a", extra="memory: project\n")})
    (root / ".claude/agent-memory").mkdir()
    (root / ".claude/agent-memory/a").symlink_to(outside, target_is_directory=True)
    (entry,) = discover(root).agents
    opened = open_item(item_key(entry, None), entry, entry.memory_dir)
    assert opened.index_doc is not None and opened.index_doc.read_only
    assert opened.index_doc.problem is not None and str(outside) in opened.index_doc.problem.message


def test_the_interface_opens_a_workspace_full_of_special_files(repo: Callable[..., Path]) -> None:
    from textual.pilot import Pilot

    from agent_tui.ui.app import AgentTuiApp
    from ui_helpers import drive, press

    root = repo({
        ".claude/agents/a.md": agent("a", extra="memory: project\n"),
        ".claude/agent-memory/a/MEMORY.md": "- [t](t.md)\n",
    })  # fmt: skip
    os.mkfifo(root / ".claude/agents/pipe.md")
    os.mkfifo(root / ".claude/agent-memory/a/t.md")
    (root / ".claude/agents/zero.md").symlink_to("/dev/zero")
    (root / ".claude/agent-memory/loop").symlink_to("loop")

    async def flow(app: AgentTuiApp, pilot: Pilot[None]) -> None:
        assert app.agents.workspace is not None
        assert {e.file.path.name for e in app.agents.workspace.agents} == {
            "a.md",
            "pipe.md",
            "zero.md",
        }
        await press(pilot, "2", "ctrl+f")  # the memory tab, then search every file
        await press(pilot, "escape")

    drive(root, flow)  # returns: nothing blocked, the app quit
