"""Topic operations as one change with the index: pending until saved, undone together;
links placed where Claude Code loads them; the lines that name a topic."""

from __future__ import annotations

from pathlib import Path

import pytest

from agent_tui.core.budget import measure
from agent_tui.core.memory import insert_entry, lines_naming, remove_lines
from agent_tui.core.topic_changes import TopicChanges
from agent_tui.io.atomic import SaveError
from agent_tui.io.files import apply_topic_changes, finish_topic_changes


def test_pending_changes_show_the_topics_as_they_will_be() -> None:
    changes = TopicChanges()
    changes.rename("a.md", "b.md")
    changes.rename("b.md", "c.md")  # twice: still one rename of the file on disk
    changes.create("n.md", "new\n")
    changes.rename("n.md", "m.md")
    changes.delete("d.md")
    assert changes.topics(["a.md", "d.md", "e.md"]) == ["c.md", "e.md", "m.md"]
    assert changes.on_disk("c.md") == "a.md" and changes.on_disk("m.md") is None
    assert changes.state("c.md") == "renamed from a.md" and changes.state("m.md") == "new"
    changes.rename("c.md", "a.md")  # back to its own name: nothing left to do for it
    changes.delete("m.md")
    assert changes.renamed == {} and changes.created == {} and changes.deleted == {"d.md"}


def test_applied_changes_can_be_put_back(tmp_path: Path) -> None:
    (tmp_path / "old.md").write_text("kept\n")
    (tmp_path / "gone.md").write_text("x\n")
    changes = TopicChanges()
    changes.rename("old.md", "new.md")
    changes.create("made.md", "m\n")
    changes.delete("gone.md")
    undo = apply_topic_changes(tmp_path, changes)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gone.md", "made.md", "new.md"]
    undo()  # the index failed to save: the folder is as it was
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gone.md", "old.md"]
    assert (tmp_path / "old.md").read_text() == "kept\n"
    apply_topic_changes(tmp_path, changes)
    assert finish_topic_changes(tmp_path, changes) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["made.md", "new.md"] and not changes


def test_a_change_that_fails_half_way_puts_back_what_it_did(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("a\n")
    (tmp_path / "taken.md").write_text("t\n")
    changes = TopicChanges()
    changes.rename("a.md", "b.md")
    changes.create("taken.md", "would replace\n")
    with pytest.raises(SaveError):
        apply_topic_changes(tmp_path, changes)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md", "taken.md"]
    assert (tmp_path / "taken.md").read_text() == "t\n"


def test_a_link_goes_at_the_end_when_all_loads_else_before_the_cut() -> None:
    small = "# I\n- [a](a.md)\n"
    text, line = insert_entry(small, "- [b](b.md)")  # type: ignore[misc]
    assert text == small + "- [b](b.md)\n" and line == 3
    full = "".join(f"- entry {n}\n" for n in range(250))
    placed = insert_entry(full, "- [b](b.md)")
    assert placed is not None
    text, line = placed
    budget = measure(text)
    assert line < budget.cut_line  # type: ignore[operator]
    assert text.split("\n")[line - 1] == "- [b](b.md)"


def test_a_link_that_fits_nowhere_is_refused() -> None:
    one_huge_line = "x" * 30_000
    assert insert_entry(one_huge_line, "- [b](b.md)") is None


def test_lines_naming_a_topic_in_any_form() -> None:
    text = "- [T](t.md)\nsee `t.md` too\nunrelated\nnot-t.md\nt.md is bare\n"
    assert lines_naming(text, "t.md") == [1, 2, 5]
    assert remove_lines(text, [1, 2, 5]) == "unrelated\nnot-t.md\n"


def memory(root: Path, name: str, files: dict[str, str]) -> Path:
    folder = root / name
    folder.mkdir(parents=True)
    for rel, text in files.items():
        (folder / rel).write_text(text)
    return folder


def test_moving_a_topic_updates_both_indexes(tmp_path: Path) -> None:
    from agent_tui.io.move import move_topic

    source = memory(tmp_path, "a", {
        "MEMORY.md": "# A\n- [Deploys](deploys.md) — how we ship\n- keep this\n",
        "deploys.md": "---\nname: Deploys\ndescription: how we ship\n---\nTag first.\n",
    })  # fmt: skip
    target = memory(tmp_path, "b", {"MEMORY.md": "# B\n- [x](x.md)\n"})
    line = move_topic(source, "deploys.md", target)
    assert (target / "deploys.md").read_text().endswith("Tag first.\n")
    assert not (source / "deploys.md").exists()
    assert (source / "MEMORY.md").read_text() == "# A\n- keep this\n"
    assert (target / "MEMORY.md").read_text().split("\n")[line - 1] == (
        "- [Deploys](deploys.md) — how we ship"
    )


def test_a_move_that_cannot_be_done_changes_nothing(tmp_path: Path) -> None:
    from agent_tui.io.move import move_topic

    files = {"MEMORY.md": "- [T](t.md)\n", "t.md": "t\n"}
    source = memory(tmp_path, "a", files)
    full = memory(tmp_path, "b", {"MEMORY.md": "x" * 30_000})  # no room where it loads
    taken = memory(tmp_path, "c", {"t.md": "theirs\n"})
    for target in (full, taken):
        with pytest.raises(SaveError):
            move_topic(source, "t.md", target)
    assert {p.name: p.read_text() for p in source.iterdir()} == files
    assert (full / "MEMORY.md").read_text() == "x" * 30_000 and not (full / "t.md").exists()
    assert (taken / "t.md").read_text() == "theirs\n"


def test_a_link_can_go_at_the_end_of_a_picked_section() -> None:
    text = "## Deploys\n- tag first\n\n## Tests\n- run all\n"
    placed = insert_entry(text, "- [D](d.md)", after=2)
    assert placed == ("## Deploys\n- tag first\n- [D](d.md)\n\n## Tests\n- run all\n", 3)
    past_cut = "".join(f"- e{n}\n" for n in range(250))
    assert insert_entry(past_cut, "- [D](d.md)", after=240) is None  # would not load
