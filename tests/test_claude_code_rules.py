"""What Claude Code 2.1.332 loads, held to what it did when we ran it (claude_code_cases.py)
and to the rules read from its code: skip rules, values, YAML, discovery, memory folders."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from agent_tui.core.budget import strip_auto_memory
from agent_tui.core.lint import lint_workspace
from agent_tui.core.memory import memory_dir_name
from agent_tui.core.workspace import discover, project_slug
from claude_code_cases import AGENT_CASES, FILE_CASES, NAME_CASES
from conftest import agent, write_tree


def agent_file(name: str, extra: str = "") -> str:
    extra = extra + "\n" if extra else ""
    return f"---\nname: {name}\ndescription: d\n{extra}---\nbody\n"


@pytest.mark.parametrize("case", sorted(AGENT_CASES))
def test_loads_exactly_when_claude_code_does(case: str, repo: Callable[..., Path]) -> None:
    extra, loads = AGENT_CASES[case]
    root = repo({f".claude/agents/{case}.md": agent_file(case, extra)})
    (entry,) = discover(root).agents
    assert entry.file.verdict.loads is loads, entry.file.verdict.reason


@pytest.mark.parametrize("case", sorted(NAME_CASES))
def test_names_judged_in_utf16_units(case: str, repo: Callable[..., Path]) -> None:
    name, loads = NAME_CASES[case]
    root = repo({".claude/agents/x.md": agent_file(name)})
    (entry,) = discover(root).agents
    assert entry.file.verdict.loads is loads


def test_values_claude_code_runs_are_not_warned_about(repo: Callable[..., Path]) -> None:
    fine = ["model: my-custom-model-2", "model: opus[1m]", "model: Sonnet", "model: best",
            "effort: med", "effort: 12", "maxTurns: '5.0'", "isolation: remote"]  # fmt: skip
    root = repo({f".claude/agents/v{i}.md": agent_file(f"v{i}", x) for i, x in enumerate(fine)})
    findings = [f for f in lint_workspace(discover(root)) if f.severity.value != "info"]
    assert findings == []


def test_a_misspelt_alias_is_warned_about(repo: Callable[..., Path]) -> None:
    root = repo({".claude/agents/a.md": agent_file("a", "model: sonet")})
    (finding,) = [f for f in lint_workspace(discover(root)) if f.code == "model-invalid"]
    assert 'did you mean "sonnet"' in finding.message


def test_a_bad_entry_of_another_event_is_dropped_with_a_warning(repo: Callable[..., Path]) -> None:
    extra = "hooks:\n  Stop:\n    - hooks:\n        - type: bogus"
    root = repo({".claude/agents/a.md": agent_file("a", extra)})
    workspace = discover(root)
    assert workspace.agents[0].file.verdict.loads
    (finding,) = [f for f in lint_workspace(workspace) if f.code == "hook-ignored"]
    assert "hooks.Stop" in finding.message and "bogus" in finding.message


def test_line_separators_inside_a_value_are_not_line_breaks(repo: Callable[..., Path]) -> None:
    root = repo({
        ".claude/agents/ls.md": agent_file("ls", "model: a\u2028b"),
        ".claude/agents/nel.md": "---\nname: nel\ndescription: a\x85b\n---\n",
    })  # fmt: skip
    ws = discover(root)
    assert [e.file.verdict.loads for e in ws.agents] == [True, True]
    assert ws.agents[1].file.description == "a\x85b"


def test_a_continuation_after_a_colon_value_is_rejected_like_claude_code(
    repo: Callable[..., Path],
) -> None:
    # The issue expected this shape to load; Claude Code 2.1.332 skips it ("YAML Parse error:
    # Unexpected token" in its debug log), so agent-tui does too.
    text = "---\nname: a\ndescription: Use when: x\n  <example>\n  hello\n  </example>\n---\n"
    root = repo({".claude/agents/a.md": text})
    assert not discover(root).agents[0].file.verdict.loads


# ---- discovery ------------------------------------------------------------------------------


def test_duplicates_in_one_folder_the_last_in_utf16_order_wins(repo: Callable[..., Path]) -> None:
    root = repo({
        ".claude/agents/B-dup.md": agent_file("dup", "model: haiku"),
        ".claude/agents/a-dup.md": agent_file("dup", "model: opus"),  # "a" sorts after "B"
    })  # fmt: skip
    winners = [e.file.model for e in discover(root).agents if e.active]
    assert winners == ["opus"]


def test_the_closest_folder_wins_and_folders_outside_the_walk_are_not_read(
    repo: Callable[..., Path],
) -> None:
    root = repo({
        ".claude/agents/both.md": agent_file("both", "model: haiku"),
        "-pkg/.claude/agents/both.md": agent_file("both", "model: sonnet"),
        "other/.claude/agents/never.md": agent_file("never"),
    })  # fmt: skip
    ws = discover(root / "-pkg")
    assert [(e.file.name, e.file.model) for e in ws.agents if e.active] == [("both", "sonnet")]
    assert "never" not in {e.file.name for e in ws.agents}


def test_linked_folders_are_followed_once_and_only_md_counts(repo: Callable[..., Path]) -> None:
    root = repo({
        "shared/linked.md": agent_file("linked"),
        ".claude/agents/.hidden/hidden.md": agent_file("hidden"),
        ".claude/agents/upper.MD": agent_file("upper"),
    })  # fmt: skip
    (root / ".claude/agents/sub").symlink_to(root / "shared", target_is_directory=True)
    (root / ".claude/agents/loop").symlink_to(root / ".claude/agents", target_is_directory=True)
    names = sorted(e.file.name or "" for e in discover(root).agents)
    assert names == ["hidden", "linked"]


def test_home_is_user_scope_and_outside_git_the_walk_skips_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    write_tree(tmp_path, {
        ".claude/agents/above.md": agent_file("above"),
        "home/.claude/agents/mine.md": agent_file("mine"),
        "home/work/.claude/agents/here.md": agent_file("here"),
    })  # fmt: skip
    monkeypatch.setenv("HOME", str(home))
    outside_git = {e.file.name for e in discover(home / "work").agents}
    assert outside_git == {"here", "above"}  # not `mine`: home's folder is not a project's
    (home / ".git").mkdir()
    inside_git = {e.file.name for e in discover(home / "work").agents}
    assert inside_git == {"here"}


def test_over_one_mib_is_skipped_and_not_utf8_still_loads(repo: Callable[..., Path]) -> None:
    root = repo({
        ".claude/agents/big.md": agent_file("big") + "x" * 1_048_576,
        ".claude/agents/latin.md": agent_file("latin").encode() + b"caf\xe9\n",
    })  # fmt: skip
    big, latin = discover(root).agents
    assert not big.file.verdict.loads and "1 MiB" in (big.file.verdict.reason or "")
    assert latin.file.verdict.loads and latin.file.source is not None
    assert latin.file.source.lossy is not None and "\ufffd" in latin.file.body


def test_special_files_are_never_read(repo: Callable[..., Path]) -> None:
    root = repo({".claude/agents/a.md": agent_file("a")})
    os.mkfifo(root / ".claude/agents/pipe.md")
    (root / ".claude/agents/zero.md").symlink_to("/dev/zero")
    ws = discover(root)  # returns: neither a FIFO nor /dev/zero is read
    reasons = {e.file.path.name: e.file.verdict.code for e in ws.agents}
    assert reasons == {"a.md": None, "pipe.md": "file-special", "zero.md": "file-special"}


# ---- memory folders ---------------------------------------------------------------------------


def test_memory_folder_names_map_each_utf16_unit() -> None:
    assert memory_dir_name("k\U0001f600") == "k--"
    assert memory_dir_name("plug:agent") == "plug-agent"
    assert memory_dir_name("") == "unknown"


def test_memory_is_relative_to_the_start_folder(repo: Callable[..., Path]) -> None:
    root = repo({
        ".claude/agents/a.md": agent("a", extra="memory: project\n"),
        ".claude/agent-memory/a/MEMORY.md": "- at the root\n",
        "packages/api/.claude/agent-memory/a/MEMORY.md": "- in the package\n",
    })  # fmt: skip
    ws = discover(root / "packages/api")
    (entry,) = ws.agents
    assert entry.memory_dir is not None
    assert entry.memory_dir.path == root / "packages/api/.claude/agent-memory/a"


def test_a_linked_memory_index_is_not_loaded(repo: Callable[..., Path]) -> None:
    root = repo({
        ".claude/agents/a.md": agent("a", extra="memory: project\n"),
        ".claude/agent-memory/a/real.md": "- real\n",
    })  # fmt: skip
    (root / ".claude/agent-memory/a/MEMORY.md").symlink_to("real.md")
    ws = discover(root)
    memory = ws.agents[0].memory_dir
    assert memory is not None and memory.index.budget is None
    assert memory.index.not_loaded is not None and "link" in memory.index.not_loaded
    assert "memory-not-loaded" in {f.code for f in lint_workspace(ws)}


# ---- auto memory: the main session's own -------------------------------------------------------


def java_hash(text: str) -> int:
    value = 0
    data = text.encode("utf-16-be", "surrogatepass")
    for index in range(0, len(data), 2):
        value = (value * 31 + data[index] * 256 + data[index + 1]) % (1 << 32)
    return value - (1 << 32) if value >= 1 << 31 else value


def test_project_slug() -> None:
    assert project_slug(Path("/tmp/o1")) == "-tmp-o1"
    assert project_slug(Path("/w/repo\U0001f600")) == "-w-repo--"
    long = Path("/" + "a-very-long-folder-name-" * 9 + "/repo")
    slug = project_slug(long)
    expected_hash = abs(java_hash(str(long)))
    assert slug.startswith("-a-very-long") and len(slug.split("-")[-1]) <= 7
    assert int(slug.rsplit("-", 1)[1], 36) == expected_hash and len(slug) == 201 + len(
        slug.rsplit("-", 1)[1]
    )


def test_auto_memory_is_found_and_measured_by_its_own_rule(
    repo: Callable[..., Path], isolated_user_dir: Path
) -> None:
    root = repo({".claude/agents/a.md": agent("a")})
    folder = isolated_user_dir / "projects" / project_slug(root) / "memory"
    header = "---\nname: idx\n---\n<!-- a comment\nspanning -->\n\n"
    write_tree(folder, {
        "MEMORY.md": header + "".join(f"- line {i}\n" for i in range(1, 206)),
        "topic.md": "# topic\n",
    })  # fmt: skip
    ws = discover(root)
    assert ws.auto_memory is not None and ws.auto_memory.path == folder
    budget = ws.auto_memory.index.budget
    assert budget is not None and budget.lines == 205  # the header does not count here
    assert budget.warning is not None and "starting at line 201" in budget.warning
    assert "memory-over-budget" in {f.code for f in lint_workspace(ws) if f.path.parent == folder}


def test_auto_memory_comments_go_only_where_they_start_a_block() -> None:
    text = "a <!-- inline -->\n<!-- c --> kept\n<!-- gone -->\n\n```\n<!-- code -->\n```\nend"
    assert strip_auto_memory(text) == "a <!-- inline -->\n kept\n```\n<!-- code -->\n```\nend"


# ---- plugin folders (`--plugin-dir`) -----------------------------------------------------------


def test_plugin_agents_are_named_as_claude_code_names_them(tmp_path: Path) -> None:
    plugin = write_tree(tmp_path / "myplug", {
        ".claude-plugin/plugin.json": '{"name": "myplug", "version": "0.1.0"}',
        "agents/a.md": agent_file("named"),
        "agents/no-name.md": "---\ndescription: only\n---\nbody\n",
        "agents/sub/c.md": agent_file("inner"),
        "agents/plain.md": "no frontmatter at all\n",
        "agents/colon.md": agent_file("bad:name"),
        "agents/hooky.md": agent_file("hooky", "hooks:\n  PreToolUse: x"),
        "agents/broken.md": "---\nname: broken\ndescription: x\n  y: z\nfoo\n---\n",
        "agents/number.md": "---\nname: 5\n---\n",
    })  # fmt: skip
    bare = write_tree(tmp_path / "bare", {"agents/x.md": "---\nname: x\n---\n"})
    (tmp_path / "ws/.git").mkdir(parents=True)
    ws = discover(tmp_path / "ws", plugin_dirs=(plugin, bare))
    # What Claude Code 2.1.332 listed for these two `--plugin-dir` folders:
    assert {e.file.name for e in ws.agents if e.active} == {
        "myplug:named", "myplug:no-name", "myplug:sub:inner", "myplug:plain",
        "myplug:bad:name", "myplug:hooky", "myplug:broken", "myplug:5", "bare:x",
    }  # fmt: skip
    codes = {(f.path.name, f.code) for f in lint_workspace(ws)}
    assert ("hooky.md", "plugin-hooks-ignored") in codes and ("broken.md", "yaml-invalid") in codes


def test_plugin_dir_on_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from agent_tui.cli import main

    plugin = write_tree(tmp_path / "p", {"agents/x.md": "---\nname: x\n---\n"})
    (tmp_path / "ws/.git").mkdir(parents=True)
    assert main(["-C", str(tmp_path / "ws"), "--plugin-dir", str(plugin), "ls"]) == 0
    assert "p:x" in capsys.readouterr().out
    assert main(["-C", str(tmp_path / "ws"), "--plugin-dir", str(tmp_path), "ls"]) == 2
    assert "no agents/ folder" in capsys.readouterr().err


@pytest.mark.parametrize("case", sorted(FILE_CASES))
def test_line_endings_and_encodings_as_claude_code(case: str, repo: Callable[..., Path]) -> None:
    data, loads = FILE_CASES[case]
    root = repo({f".claude/agents/{case}.md": data})
    (entry,) = discover(root).agents
    assert entry.file.verdict.loads is loads
