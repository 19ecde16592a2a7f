"""The CLI contract that CI and pre-commit rely on."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from agent_tui.cli import main
from conftest import agent


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


AGENT_KEYS = {"name", "file", "scope", "loads", "skip_reason", "shadowed_by", "model", "color",
              "tools", "memory", "memory_dir", "memory_index"}  # fmt: skip
INDEX_KEYS = {"exists", "lines", "chars", "loaded_lines", "loaded_chars", "truncated", "cut_line",
              "limit", "band", "warning", "entries_past_cut", "topic_files", "orphans",
              "broken_links"}  # fmt: skip


def test_ls_json_contract(repo: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    root = repo({
        ".claude/agents/a.md": agent("a", extra="model: opus\ncolor: red\ntools: Read, Write\nmemory: project\n"),
        ".claude/agents/broken.md": "---\nname: b\ndescription: x\ny\n---\n",
        ".claude/agent-memory/a/MEMORY.md": "- [T](t.md)\n- [Gone](gone.md)\n",
        ".claude/agent-memory/a/t.md": "x\n",
        ".claude/agent-memory/a/o.md": "x\n",
        ".claude/agent-memory/lost/MEMORY.md": "- x\n",
    })  # fmt: skip
    code, out, _ = run(capsys, "-C", str(root), "ls", "--json")
    assert code == 0
    data = json.loads(out)
    a, broken = data["agents"]
    assert set(a) >= AGENT_KEYS and set(a["memory_index"]) >= INDEX_KEYS
    assert (a["file"], a["scope"], a["loads"], a["tools"]) == (
        ".claude/agents/a.md",
        "project",
        True,
        ["Read", "Write"],
    )
    assert a["memory_dir"] == ".claude/agent-memory/a"
    index = a["memory_index"]
    assert (index["lines"], index["band"], index["truncated"]) == (2, "ok", False)
    assert (index["chars"], index["limit"], index["cut_line"]) == (
        len("- [T](t.md)\n- [Gone](gone.md)"),
        None,
        None,
    )
    assert index["orphans"] == ["o.md"] and index["broken_links"][0]["target"] == "gone.md"
    assert broken["loads"] is False and "YAML" in broken["skip_reason"]
    assert data["orphan_memory_dirs"][0]["memory_dir"] == ".claude/agent-memory/lost"
    assert set(data["orphan_memory_dirs"][0]) >= {"memory_dir", "scope", "memory_index"}


def test_ls_table_and_empty_state(
    repo: Callable[..., Path], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    root = repo({".claude/agents/a.md": agent("a")})
    code, out, _ = run(capsys, "-C", str(root), "ls")
    assert code == 0 and "NAME" in out and "a" in out
    empty = tmp_path / "empty"
    empty.mkdir()
    code, out, _ = run(capsys, "-C", str(empty), "ls")
    assert code == 0 and "No agents found" in out


def test_check_exit_codes(repo: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    clean = repo({".claude/agents/a.md": agent("a")})
    assert run(capsys, "-C", str(clean), "check")[0] == 0
    (clean / ".claude/agents/w.md").write_text(agent("w", extra="color: magenta\n"))
    assert run(capsys, "-C", str(clean), "check")[0] == 0
    assert run(capsys, "-C", str(clean), "check", "--strict")[0] == 1
    (clean / ".claude/agents/e.md").write_text("---\nname: e\n---\n")
    code, out, _ = run(capsys, "-C", str(clean), "check", "--json")
    payload = json.loads(out)
    assert code == 1 and payload["errors"] == 1
    assert {"file", "line", "severity", "code", "message"} <= set(payload["findings"][0])
    assert run(capsys, "-C", str(clean), "check", "no/such/path")[0] == 2


def test_check_paths_limit_the_report(
    repo: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = repo({".claude/agents/good.md": agent("g"), ".claude/agents/bad.md": "---\nname: b\n---\n",
                 "elsewhere/x.md": "---\nname: x\ndescription: a\nb\n---\n"})  # fmt: skip
    assert run(capsys, "-C", str(root), "check", ".claude/agents/good.md")[0] == 0
    code, out, _ = run(capsys, "-C", str(root), "check", "elsewhere")
    assert code == 1 and "elsewhere/x.md:4" in out


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_check_flags_tracked_local_memory(
    repo: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = repo(
        {".claude/agents/a.md": agent("a"), ".claude/agent-memory-local/a/MEMORY.md": "- x\n"}
    )
    shutil.rmtree(root / ".git")
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    code, out, _ = run(capsys, "-C", str(root), "check")
    assert "local-memory-not-ignored" in out and code == 0
    subprocess.run(["git", "-C", str(root), "add", "-A"], check=True)
    code, out, _ = run(capsys, "-C", str(root), "check")
    assert "local-memory-tracked" in out and code == 1


def test_set_edits_one_key(repo: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    text = (
        "---\r\nname: a\r\ndescription: Use it when: x\r\nmodel: sonnet # fast\r\n---\r\nBody\r\n"
    )
    root = repo({".claude/agents/a.md": b"\xef\xbb\xbf" + text.encode()})
    path = root / ".claude/agents/a.md"
    code, _out, _ = run(capsys, "-C", str(root), "set", "a", "model=opus", "maxTurns=5",
                       "tools=[Read, Write]", "--unset", "nothing")  # fmt: skip
    assert code == 0
    written = path.read_bytes()
    assert written.startswith(b"\xef\xbb\xbf---\r\n")
    assert (
        written
        == b"\xef\xbb\xbf"
        + text.replace(
            "model: sonnet # fast\r\n", "model: opus\r\nmaxTurns: 5\r\ntools: [Read, Write]\r\n"
        ).encode()
    )


def test_set_accepts_assignments_after_unset(
    repo: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    original = agent("a", extra="color: red\n")
    root = repo({".claude/agents/a.md": original})
    assert run(capsys, "-C", str(root), "set", "a", "color=blue", "tools=Read, Grep")[0] == 0
    assert run(capsys, "-C", str(root), "set", "a", "--unset", "tools", "color=red")[0] == 0
    assert (root / ".claude/agents/a.md").read_text() == original  # undone byte for byte


def test_set_same_value_writes_nothing(
    repo: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = repo({".claude/agents/a.md": agent("a", extra="model: opus\n")})
    path = root / ".claude/agents/a.md"
    before = path.stat().st_mtime_ns
    code, out, _ = run(capsys, "-C", str(root), "set", str(path), "model=opus")
    assert code == 0 and "unchanged" in out and path.stat().st_mtime_ns == before


def test_set_by_relative_path_and_errors(
    repo: Callable[..., Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = repo({".claude/agents/a.md": agent("a"),
                 ".claude/agents/open.md": "---\nname: o\ndescription: d\n"})  # fmt: skip
    monkeypatch.chdir(root)
    assert run(capsys, "set", ".claude/agents/a.md", "color=blue")[0] == 0
    assert "color: blue" in (root / ".claude/agents/a.md").read_text()
    code, _, err = run(capsys, "set", "nobody", "color=blue")
    assert code == 2 and "no agent named" in err
    code, _, err = run(capsys, "set", "a", "no-equals-sign")
    assert code == 2 and "KEY=VALUE" in err
    before = (root / ".claude/agents/open.md").read_bytes()
    code, _, err = run(capsys, "set", ".claude/agents/open.md", "color=red")
    assert code == 2 and "nothing was written" in err
    assert (root / ".claude/agents/open.md").read_bytes() == before


def test_set_refused_when_read_only(
    repo: Callable[..., Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = repo({".claude/agents/a.md": agent("a")})
    monkeypatch.setenv("AGENT_TUI_READ_ONLY", "1")
    before = (root / ".claude/agents/a.md").read_bytes()
    assert run(capsys, "-C", str(root), "set", "a", "color=red")[0] == 2
    assert (root / ".claude/agents/a.md").read_bytes() == before
    monkeypatch.delenv("AGENT_TUI_READ_ONLY")
    code, _, err = run(capsys, "--read-only", "-C", str(root), "set", "a", "color=red")
    assert code == 2 and "read-only" in err
    assert (root / ".claude/agents/a.md").read_bytes() == before


def test_set_keeps_file_mode(repo: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    root = repo({".claude/agents/a.md": agent("a")})
    path = root / ".claude/agents/a.md"
    path.chmod(0o640)
    assert run(capsys, "-C", str(root), "set", "a", "color=red")[0] == 0
    assert path.stat().st_mode & 0o777 == 0o640


def test_demo_workspace_shows_every_state(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--demo", "ls", "--json")
    data = json.loads(out)
    bands = {a["name"]: (a["memory_index"] or {}).get("band") for a in data["agents"]}
    assert bands["code-reviewer"] == "over" and bands["db-migrator"] == "tight"
    assert any(not a["loads"] for a in data["agents"])
    assert data["orphan_memory_dirs"]
    code, out, _ = run(capsys, "--demo", "check")
    assert code == 1 and "orphan-topic" in out and "broken-link" in out


def test_the_interface_needs_a_terminal(
    repo: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = repo({".claude/agents/a.md": agent("a")})
    assert main(["-C", str(root)]) == 2  # pytest's stdin/stdout are not terminals
    assert "needs a terminal" in capsys.readouterr().err
    assert main(["-C", str(root), "review", "--base", "origin/main"]) == 2
    assert "needs a terminal" in capsys.readouterr().err


def test_review_opens_the_app_on_the_review_screen(
    repo: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`review --base REF` reaches the app with review on and the base, read-only or not."""
    import agent_tui.cli as cli
    from agent_tui.ui import app as app_module

    root = repo({".claude/agents/a.md": agent("a")})
    opened: list[dict[str, object]] = []

    class Recorder:
        def __init__(self, start: Path, **options: object) -> None:
            opened.append({"start": start, **options})

        def run(self) -> None:
            pass

    monkeypatch.setattr(cli, "_require_terminal", lambda: None)
    monkeypatch.setattr(app_module, "AgentTuiApp", Recorder)
    assert main(["-C", str(root), "review", "--base", "origin/main"]) == 0
    assert main(["-C", str(root), "--read-only", "review"]) == 0
    assert opened[0]["review"] is True and opened[0]["base"] == "origin/main"
    assert opened[1]["read_only"] is True and opened[1]["base"] is None


def test_screenshot_writes_an_svg_of_the_demo(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "shot.svg"
    code = main(["--demo", "screenshot", "-o", str(output), "--size", "100x30", "--press", "2"])
    assert code == 0
    svg = output.read_text()
    assert svg.startswith("<svg") and "Dropped" in svg and "Review&#160;rule" in svg
    assert main(["screenshot", "-o", str(output), "--size", "big"]) == 2
    assert "--size" in capsys.readouterr().err
