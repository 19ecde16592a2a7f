"""Memory directories: links, orphans, broken links, links that leave, entries past the cut."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from agent_tui.core.memory import (
    LinkState,
    MemoryScope,
    memory_dir_name,
    read_memory_dir,
    read_topic_meta,
)


def test_links_orphans_and_broken(repo: Callable[..., Path]) -> None:
    root = repo({
        ".claude/agent-memory/rev/MEMORY.md": "# Index\n- [Build](build.md) — how\n"
        "- [Gone](gone.md)\n- [Up](../other/x.md)\n- [Web](https://example.com/a.md)\n"
        "- [Deep](sub/deep.md#part)\n![img](pic.md)\n",
        ".claude/agent-memory/rev/build.md": "---\nname: build\ndescription: How to build\ntype: project\n---\nx\n",
        ".claude/agent-memory/rev/lonely.md": "nobody links here\n",
        ".claude/agent-memory/rev/sub/deep.md": "deep\n",
    })  # fmt: skip
    memory = read_memory_dir(root / ".claude/agent-memory/rev", MemoryScope.PROJECT, root)
    states = {link.target: link.state for link in memory.index.links}
    assert states == {
        "build.md": LinkState.OK, "gone.md": LinkState.BROKEN,
        "../other/x.md": LinkState.OUTSIDE, "sub/deep.md#part": LinkState.OK,
    }  # fmt: skip
    assert memory.orphans == ["lonely.md"]
    assert [link.line for link in memory.broken_links] == [3]
    assert memory.topic_files == ("build.md", "lonely.md", "sub/deep.md")


def test_entries_past_cut(repo: Callable[..., Path]) -> None:
    rows = "".join(f"- rule {i}\n" for i in range(205)) + "- [New](new.md)\n"
    root = repo({".claude/agent-memory/a/MEMORY.md": "- [Old](old.md)\n" + rows})
    memory = read_memory_dir(root / ".claude/agent-memory/a", MemoryScope.PROJECT, root)
    dropped = [entry.title for entry in memory.index.entries_past_cut()]
    assert dropped[0] == "- rule 199" and dropped[-1] == "- [New](new.md)" and len(dropped) == 7


def test_missing_index_is_represented(repo: Callable[..., Path]) -> None:
    root = repo({".claude/agent-memory/a/topic.md": "x\n"})
    memory = read_memory_dir(root / ".claude/agent-memory/a", MemoryScope.PROJECT, root)
    assert not memory.index.exists and memory.index.budget is None
    assert memory.topic_files == ("topic.md",)


def test_topic_meta(repo: Callable[..., Path]) -> None:
    root = repo({"t.md": "---\nname: t\ndescription: About: things\ntype: feedback\n---\nx\n",
                 "bad.md": b"\xff\xfe"})  # fmt: skip
    meta = read_topic_meta(root / "t.md")
    assert (meta.name, meta.description, meta.type) == ("t", "About: things", "feedback")
    assert "UTF-8" in (read_topic_meta(root / "bad.md").problem or "")


def test_memory_dir_name_cannot_escape() -> None:
    assert memory_dir_name("../../etc") == "------etc"
    assert memory_dir_name("a/b") == "a-b"
    assert memory_dir_name("plugin:agent") == "plugin-agent"
    assert memory_dir_name("") == "unknown"


def test_linked_memory_dir_leaving_root_is_not_read(
    repo: Callable[..., Path], tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "MEMORY.md").write_text("secret\n")
    root = repo({".claude/agent-memory/.keep": ""})
    (root / ".claude/agent-memory/a").symlink_to(outside)
    memory = read_memory_dir(root / ".claude/agent-memory/a", MemoryScope.PROJECT, root)
    assert memory.leaves_root and memory.index.text is None
