"""`check` rules: codes, severities and lines a user can act on."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from agent_tui.core.lint import Severity, lint_local_memory, lint_workspace
from agent_tui.core.workspace import discover
from conftest import agent


def codes(root: Path) -> dict[str, tuple[Severity, int | None]]:
    return {f.code: (f.severity, f.line) for f in lint_workspace(discover(root))}


def test_clean_agent_has_no_findings(repo: Callable[..., Path]) -> None:
    root = repo({".claude/agents/a.md": agent("a", extra="model: sonnet\ncolor: blue\n")})
    assert lint_workspace(discover(root)) == []


def test_invalid_values_and_unknown_keys(repo: Callable[..., Path]) -> None:
    extra = ("model: sonet\ncolor: magenta\npermissionMode: yolo\nmemory: team\neffort: huge\n"
             "isolation: docker\nmaxTurns: -1\nbackground: maybe\nmodle: opus\n")  # fmt: skip
    root = repo({".claude/agents/a.md": agent("a", extra=extra)})
    found = codes(root)
    for code, line in [("model-invalid", 4), ("color-invalid", 5), ("permission-mode-invalid", 6),
                       ("memory-invalid", 7), ("effort-invalid", 8), ("isolation-invalid", 9),
                       ("max-turns-invalid", 10), ("background-invalid", 11), ("unknown-key", 12)]:  # fmt: skip
        assert found[code] == (Severity.WARNING, line), code
    messages = {f.code: f.message for f in lint_workspace(discover(root))}
    assert 'did you mean "model"' in messages["unknown-key"]
    assert 'did you mean "sonnet"' in messages["model-invalid"]


def test_full_model_id_and_inherit_are_fine(repo: Callable[..., Path]) -> None:
    root = repo({".claude/agents/a.md": agent("a", extra="model: claude-opus-4-1\n"),
                 ".claude/agents/b.md": agent("b", extra="model: inherit\n")})  # fmt: skip
    assert "model-invalid" not in codes(root)


def test_skip_reasons_are_errors(repo: Callable[..., Path]) -> None:
    root = repo({
        ".claude/agents/cont.md": "---\nname: c\ndescription: first\nsecond line\n---\n",
        ".claude/agents/crlf.md": "---\r\nname: r\r\ndescription: Use: x\r\n---\r\n",
        ".claude/agents/hooks.md": agent("h", extra="hooks: []\n"),
        ".claude/agents/nodesc.md": "---\nname: n\n---\n",
        ".claude/agents/README.md": "# Our agents\n",
    })  # fmt: skip
    by_file = {f.path.name: f for f in lint_workspace(discover(root))}
    assert (by_file["cont.md"].code, by_file["cont.md"].line) == ("unindented-continuation", 4)
    assert by_file["crlf.md"].code == "crlf-colon"
    assert by_file["hooks.md"].code == "hooks-invalid" and "[]" in by_file["hooks.md"].message
    assert by_file["nodesc.md"].code == "no-description"
    assert all(by_file[n].severity is Severity.ERROR for n in ("cont.md", "crlf.md", "hooks.md"))
    assert by_file["README.md"].severity is Severity.INFO


def test_lenient_yaml_is_never_an_error(repo: Callable[..., Path]) -> None:
    root = repo({".claude/agents/a.md": agent("a", description="Use it when: (1) a (2) b")})
    findings = lint_workspace(discover(root))
    assert [(f.code, f.severity) for f in findings] == [("yaml-lenient", Severity.INFO)]


def test_memory_rules(repo: Callable[..., Path]) -> None:
    over = "".join(f"- rule {i}\n" for i in range(210)) + "- [Late](late.md)\n"
    root = repo({
        ".claude/agents/a.md": agent("a", extra="memory: project\ntools: Read, Grep\n"),
        ".claude/agents/t.md": agent("t", extra="memory: project\n"),
        ".claude/agent-memory/a/MEMORY.md": "- [Gone](gone.md)\n" + over,
        ".claude/agent-memory/a/late.md": "x\n",
        ".claude/agent-memory/a/orphan.md": "x\n",
        ".claude/agent-memory/t/MEMORY.md": "".join(f"- r{i}\n" for i in range(185)),
        ".claude/agent-memory/nobody/MEMORY.md": "- x\n",
    })  # fmt: skip
    findings = {f.code: f for f in lint_workspace(discover(root))}
    assert findings["memory-over-budget"].severity is Severity.ERROR
    assert (
        findings["memory-over-budget"].line == 201
        and "`- rule 199` (line 201)" in findings["memory-over-budget"].message
        and "and 7 more" in findings["memory-over-budget"].message
    )
    assert findings["memory-tight"].severity is Severity.WARNING
    assert findings["broken-link"].line == 1
    assert findings["orphan-topic"].path.name == "orphan.md"
    assert findings["memory-orphan-dir"].path.name == "nobody"
    assert findings["memory-without-write"].line == 5


def test_conflict_markers_and_absolute_memory_path(repo: Callable[..., Path]) -> None:
    body = "Memory lives at `C:\\Repo\\.claude\\agent-memory\\a\\`.\n"
    root = repo({
        ".claude/agents/a.md": agent("a", body=body),
        ".claude/agent-memory/a/MEMORY.md": "- ok\n<<<<<<< HEAD\n- mine\n=======\n- theirs\n>>>>>>> main\n",
        ".claude/agent-memory/a/topic.md": "<<<<<<< HEAD\nx\n=======\ny\n>>>>>>> b\n",
    })  # fmt: skip
    findings = lint_workspace(discover(root))
    absolute = [f for f in findings if f.code == "memory-path-absolute"]
    assert absolute and absolute[0].line == 6
    conflicts = {(f.path.name, f.line) for f in findings if f.code == "conflict-markers"}
    assert conflicts == {("MEMORY.md", 2), ("topic.md", 1)}


def test_duplicate_names_warn(repo: Callable[..., Path]) -> None:
    root = repo({".claude/agents/a.md": agent("x"), ".claude/agents/b.md": agent("x")})
    assert codes(root)["duplicate-name"][0] is Severity.WARNING


def test_local_memory_in_git() -> None:
    root = Path("/r")
    assert [
        f.code for f in lint_local_memory(root, [".claude/agent-memory-local/a/MEMORY.md"], True)
    ] == ["local-memory-tracked"]
    assert [f.code for f in lint_local_memory(root, [], False)] == ["local-memory-not-ignored"]
    assert lint_local_memory(root, [], True) == []


def test_memory_off_is_a_warning_on_the_agent(repo: Callable[..., Path]) -> None:
    root = repo({
        ".claude/agents/a.md": agent("a"),
        ".claude/agent-memory/a/MEMORY.md": "- fact\n",
    })  # fmt: skip
    found = [f for f in lint_workspace(discover(root)) if f.code == "memory-off"]
    assert len(found) == 1 and found[0].severity is Severity.WARNING
    assert "set `memory: project`" in found[0].message


def test_duplicate_lines_and_topics_linked_twice(repo: Callable[..., Path]) -> None:
    index = (
        "# Index\n\n---\n- [T](t.md) — testing rules\n- Always run the linter first.\n"
        "- Always run the linter first.\n---\n- see [the tests](t.md#more)\n- ok\n- ok\n"
    )
    root = repo({
        ".claude/agents/a.md": agent("a", extra="memory: project\n"),
        ".claude/agent-memory/a/MEMORY.md": index,
        ".claude/agent-memory/a/t.md": "x\n",
    })  # fmt: skip
    found = {(f.code, f.line) for f in lint_workspace(discover(root)) if "duplicate" in f.code}
    # Rules, short lines and headings repeat by nature; only the real repeats are named.
    assert found == {("memory-duplicate-line", 6), ("memory-duplicate-topic", 8)}


def test_stale_paths_in_index_and_topics_but_not_user_memory(
    repo: Callable[..., Path], isolated_user_dir: Path
) -> None:
    root = repo({
        "src/app.py": "",
        ".claude/agents/a.md": agent("a", extra="memory: project\n"),
        ".claude/agent-memory/a/MEMORY.md": "- entry in src/app.py\n- moved: src/old.py\n",
        ".claude/agent-memory/a/t.md": "details in src/gone/deep.py:12\n",
    })  # fmt: skip
    user = isolated_user_dir / "agent-memory/u/MEMORY.md"
    user.parent.mkdir(parents=True)
    user.write_text("- src/old.py in some other repo\n")
    found = [
        (f.path.name, f.line, f.message.split("`")[1])
        for f in lint_workspace(discover(root))
        if f.code == "memory-stale-path"
    ]
    assert sorted(found) == [("MEMORY.md", 2, "src/old.py"), ("t.md", 1, "src/gone/deep.py")]
