"""Discovery: scopes, precedence, duplicates, memory for every scope, no git needed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agent_tui.core.memory import MemoryScope
from agent_tui.core.workspace import Workspace, discover, discover_in_steps, find_root
from conftest import Files, agent, write_tree


def test_discovers_project_user_and_memory(
    repo: Callable[..., Path], isolated_user_dir: Path
) -> None:
    root = repo({
        ".claude/agents/a.md": agent("a", extra="memory: project\n"),
        ".claude/agents/team/b.md": agent("b", extra="memory: local\n"),
        ".claude/agent-memory/a/MEMORY.md": "- x\n",
        ".claude/agent-memory-local/b/MEMORY.md": "- y\n",
        ".claude/agent-memory/ghost/MEMORY.md": "- z\n",
    })  # fmt: skip
    write_tree(isolated_user_dir, {
        "agents/u.md": agent("u", extra="memory: user\n"),
        "agents/a.md": agent("a"),
        "agent-memory/u/MEMORY.md": "- u\n",
    })  # fmt: skip
    ws = discover(root)
    assert ws.root == root
    by_file = {ws.display_path(e.file.path): e for e in ws.agents}
    assert set(by_file) == {
        ".claude/agents/a.md", ".claude/agents/team/b.md",
        str(isolated_user_dir / "agents/a.md"), str(isolated_user_dir / "agents/u.md"),
    }  # fmt: skip
    assert by_file[".claude/agents/team/b.md"].memory_dir.scope is MemoryScope.LOCAL
    user_a = by_file[str(isolated_user_dir / "agents/a.md")]
    assert user_a.shadowed_by is not None and user_a.shadowed_by.scope.value == "project"
    assert by_file[str(isolated_user_dir / "agents/u.md")].memory_dir.scope is MemoryScope.USER
    assert [d.name for d in ws.orphan_memory_dirs] == ["ghost"]


def test_duplicate_names_in_one_scope(repo: Callable[..., Path]) -> None:
    root = repo({".claude/agents/one.md": agent("same"), ".claude/agents/two.md": agent("same")})
    ws = discover(root)
    # Claude Code sorts one folder's files by path and the last one wins.
    assert [e.duplicate_of is not None for e in ws.agents] == [True, False]


def test_agent_without_memory_dir_and_memory_field_ignored_for_index(
    repo: Callable[..., Path],
) -> None:
    root = repo({
        ".claude/agents/a.md": agent("a", extra="memory: project\n"),
        ".claude/agents/b.md": agent("b"),
        ".claude/agent-memory/b/MEMORY.md": "- kept anyway\n",
    })  # fmt: skip
    ws = discover(root)
    a, b = ws.agents
    assert a.memory_dir is None and a.memory_dir_expected == root / ".claude/agent-memory/a"
    assert b.memory_dir is not None and b.memory_dir.index.exists


def test_name_with_slash_maps_inside_memory_root(repo: Callable[..., Path]) -> None:
    root = repo(
        {
            ".claude/agents/x.md": agent("x"),
            ".claude/agents/evil.md": agent("../../evil", extra="memory: project\n"),
        }
    )
    ws = discover(root)
    evil = next(e for e in ws.agents if e.file.name == "../../evil")
    assert evil.memory_dir_expected == root / ".claude/agent-memory/------evil"


def test_works_outside_git(tmp_path: Path) -> None:
    write_tree(tmp_path, {".claude/agents/a.md": agent("a")})
    assert find_root(tmp_path) == tmp_path
    assert [e.file.name for e in discover(tmp_path).agents] == ["a"]


def test_closest_agents_folder_wins(repo: Callable[..., Path]) -> None:
    root = repo({
        ".claude/agents/a.md": agent("a", description="outer"),
        "pkg/.claude/agents/a.md": agent("a", description="inner"),
    })  # fmt: skip
    ws = discover(root / "pkg")
    active = [e for e in ws.agents if e.active]
    assert [e.file.description for e in active] == ["inner"]


def test_memory_off_when_the_key_is_missing_or_names_another_scope(
    repo: Callable[..., Path],
) -> None:
    root = repo({
        ".claude/agents/none.md": agent("none"),
        ".claude/agents/other.md": agent("other", extra="memory: project\n"),
        ".claude/agents/on.md": agent("on", extra="memory: local\n"),
        ".claude/agent-memory/none/MEMORY.md": "- kept\n",
        ".claude/agent-memory-local/other/MEMORY.md": "- kept\n",
        ".claude/agent-memory-local/on/MEMORY.md": "- kept\n",
    })  # fmt: skip
    by_name = {e.file.name: e for e in discover(root).agents}
    assert "no `memory:` key" in (by_name["none"].memory_off or "")
    assert "not this local one" in (by_name["other"].memory_off or "")
    assert by_name["on"].memory_off is None


def summary(ws: Workspace) -> list[tuple[str, str | None, bool, bool]]:
    return [
        (
            ws.display_path(e.file.path),
            e.memory_dir and ws.display_path(e.memory_dir.path),
            e.shadowed_by is not None,
            e.duplicate_of is not None,
        )
        for e in ws.agents
    ]


def test_a_large_workspace_comes_in_two_steps_the_first_screenful_first(
    repo: Callable[..., Path],
) -> None:
    files = {".git/HEAD": "ref: refs/heads/main\n"}
    for n in reversed(range(30)):  # written in reverse, listed by name
        files[f".claude/agents/agent-{n:02d}.md"] = agent(
            f"agent-{n:02d}", extra="memory: project\n"
        )
        files[f".claude/agent-memory/agent-{n:02d}/MEMORY.md"] = f"- fact {n}\n"
    files[".claude/agents/zz/agent-29.md"] = agent("agent-29")  # a duplicate name, read last
    files[".claude/agent-memory/nobody/MEMORY.md"] = "- orphan\n"
    root = repo(files)
    steps = list(discover_in_steps(root, first=5))
    assert len(steps) == 2
    first, whole = steps
    assert not first.complete and whole.complete
    names = [e.file.display_name for e in first.agents]
    assert names == [f"agent-{n:02d}" for n in range(5)]  # the rows a sorted list shows on top
    assert [d.name for d in first.memory_dirs] == names  # their memory, nobody else's
    assert first.orphan_memory_dirs == [] and whole.orphan_memory_dirs[0].name == "nobody"
    # The whole workspace is what one read gives, the duplicate included.
    assert summary(whole) == summary(discover(root))
    assert sum(e.duplicate_of is not None for e in whole.agents) == 1
    # Nothing is read twice: the first step's files and folders are the same objects.
    kept = {e.file.path: e.file for e in whole.agents}
    assert all(kept[e.file.path] is e.file for e in first.agents)


def test_a_small_workspace_is_read_in_one_step(repo: Callable[..., Path]) -> None:
    root = repo({".claude/agents/a.md": agent("a"), ".claude/agents/b.md": agent("b")})
    (only,) = discover_in_steps(root, first=5)
    assert only.complete and summary(only) == summary(discover(root))


# A file name, the agent name inside it (often the same), and where its memory is.
agent_files = st.lists(
    st.tuples(
        st.sampled_from(["a", "b", "c", "d", "e", "f", "sub/a", "sub/g", "zz/b"]),
        st.sampled_from(["a", "b", "c", "d", "e", "f", "g", None]),  # None: the file's name
        st.sampled_from([None, "project", "local", "user"]),
    ),
    max_size=12,
    unique_by=lambda spec: spec[0],
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(files=agent_files, memory=st.sets(st.sampled_from("abcdefgh")), first=st.integers(1, 6))
def test_reading_in_two_steps_ends_where_one_read_does(
    tmp_path_factory: pytest.TempPathFactory,
    files: list[tuple[str, str | None, str | None]],
    memory: set[str],
    first: int,
) -> None:
    root = tmp_path_factory.mktemp("ws")
    tree: Files = {".git/HEAD": "ref: refs/heads/main\n"}
    for path, name, scope in files:
        extra = f"memory: {scope}\n" if scope else ""
        tree[f".claude/agents/{path}.md"] = agent(name or Path(path).name, extra=extra)
    for name in memory:
        tree[f".claude/agent-memory/{name}/MEMORY.md"] = f"- about {name}\n"
    write_tree(root, tree)
    steps = list(discover_in_steps(root, first=first))
    whole = steps[-1]
    assert whole.complete and summary(whole) == summary(discover(root))
    assert [d.name for d in whole.orphan_memory_dirs] == [
        d.name for d in discover(root).orphan_memory_dirs
    ]
    if len(files) <= first:
        assert len(steps) == 1
        return
    part = steps[0]
    assert not part.complete and len(part.agents) == first
    # The first step's agents are the ones with the first file names, each with the memory
    # folder the whole read gives it.
    stems = sorted(Path(p).name for p, _, _ in files)[:first]
    assert sorted(e.file.path.stem for e in part.agents) == stems
    memory_of = {e.file.path: e.memory_dir and e.memory_dir.path for e in whole.agents}
    for entry in part.agents:
        assert (entry.memory_dir and entry.memory_dir.path) == memory_of[entry.file.path]
