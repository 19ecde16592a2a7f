"""Bad input: a clear finding or error, never a traceback, and nothing written."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from agent_tui.cli import main
from agent_tui.core.lint import lint_workspace
from agent_tui.core.workspace import discover
from conftest import agent


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p): p.read_bytes() for p in root.rglob("*") if p.is_file() and ".git" not in p.parts
    }


BAD_FILES: dict[str, str | bytes] = {
    ".claude/agents/malformed.md": "---\nname: m\n description: indented key\n---\n",
    ".claude/agents/unclosed.md": "---\nname: u\ndescription: never closes\nbody text\n",
    ".claude/agents/empty.md": "",
    ".claude/agents/latin1.md": "---\nname: l\ndescription: caf\xe9\n---\n".encode("latin-1"),
    ".claude/agents/binary.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR",
}


def test_each_bad_file_gets_a_finding(
    repo: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = repo(dict(BAD_FILES))
    (root / ".claude/agents/folder.md").mkdir()
    before = snapshot(root)
    code = main(["-C", str(root), "check", "--json"])
    findings = json.loads(capsys.readouterr().out)["findings"]
    by_file = {f["file"].rsplit("/", 1)[-1]: f for f in findings}
    assert code == 1
    assert by_file["malformed.md"]["severity"] == "error"
    assert by_file["unclosed.md"]["code"] == "frontmatter-unclosed"
    assert by_file["unclosed.md"]["severity"] == "error"
    assert by_file["empty.md"]["code"] == "no-frontmatter"
    codes: dict[str, set[str]] = {}
    for finding in findings:
        codes.setdefault(finding["file"].rsplit("/", 1)[-1], set()).add(finding["code"])
    # Claude Code reads both (bad bytes become U+FFFD): a warning, and the file stays as it is.
    assert codes["latin1.md"] == {"file-not-utf8"} and "UTF-8" in by_file["latin1.md"]["message"]
    assert codes["binary.md"] == {"file-not-utf8", "no-frontmatter"}
    assert snapshot(root) == before


def test_directory_named_like_an_agent_is_skipped(repo: Callable[..., Path]) -> None:
    root = repo({".claude/agents/ok.md": agent("ok")})
    (root / ".claude/agents/dir.md").mkdir()
    assert [e.file.name for e in discover(root).agents] == ["ok"]


def test_memory_index_that_is_a_directory(repo: Callable[..., Path]) -> None:
    root = repo({".claude/agents/a.md": agent("a", extra="memory: project\n")})
    (root / ".claude/agent-memory/a/MEMORY.md").mkdir(parents=True)
    codes = {f.code for f in lint_workspace(discover(root))}
    assert "index-is-directory" in codes


def test_huge_memory_index_is_measured(
    repo: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    line = "- " + "x" * 98 + "\n"
    root = repo({".claude/agents/a.md": agent("a", extra="memory: project\n")})
    index = root / ".claude/agent-memory/a/MEMORY.md"
    index.parent.mkdir(parents=True)
    index.write_text(line * 500_000)  # 50 MB
    code = main(["-C", str(root), "ls", "--json"])
    data = json.loads(capsys.readouterr().out)
    budget = data["agents"][0]["memory_index"]
    assert (
        code == 0
        and budget["truncated"]
        and budget["lines"] == 500_000
        and budget["cut_line"] == 201
    )


def test_unreadable_file(repo: Callable[..., Path], monkeypatch: pytest.MonkeyPatch) -> None:
    root = repo({".claude/agents/a.md": agent("a"), ".claude/agents/locked.md": agent("b")})
    import agent_tui.core.textfile as textfile

    real = os.open

    def guarded(path: str | Path, flags: int, *args: int) -> int:
        if Path(path).name == "locked.md":
            raise PermissionError(13, "Permission denied")
        return real(path, flags, *args)

    monkeypatch.setattr(textfile.os, "open", guarded)
    findings = [f for f in lint_workspace(discover(root)) if f.path.name == "locked.md"]
    assert [f.code for f in findings] == ["file-unreadable"]
    assert "Permission denied" in findings[0].message


def test_symlink_outside_repo_is_read_not_written(
    repo: Callable[..., Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text(agent("linked"))
    root = repo({".claude/agents/a.md": agent("a")})
    (root / ".claude/agents/linked.md").symlink_to(outside)
    names = [e.file.name for e in discover(root).agents]
    assert "linked" in names
    # Writes never follow a link out of the repository's .claude folders (issue 11).
    assert main(["-C", str(root), "set", "linked", "color=red"]) == 2
    assert "does not write there" in capsys.readouterr().err
    assert (root / ".claude/agents/linked.md").is_symlink()
    assert "color" not in outside.read_text()


def test_set_on_bad_files_writes_nothing(
    repo: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = repo(dict(BAD_FILES))
    before = snapshot(root)
    for name in ("latin1.md", "binary.md", "unclosed.md"):
        assert main(["-C", str(root), "set", f".claude/agents/{name}", "color=red"]) == 2
    assert snapshot(root) == before
