"""Fitting an index to the budget: the fewest, largest moves into topic files, never a line
lost, every new topic file named in the part that loads; and `agent-tui fit`."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agent_tui.cli import main
from agent_tui.core.budget import measure
from agent_tui.core.curate import OK_CHARS, OK_LINES, fit_plan, move_out, pieces
from agent_tui.core.memory import read_memory_dir, topic_mentions
from conftest import agent


def prose_index(sections: int, lines_each: int) -> str:
    head = "# Reviewer memory\n\nRead the topic files named below when they apply.\n\n"
    return head + "".join(
        f"## Finding {n}\n\n"
        + "".join(f"- Finding {n} detail {k}: keep the handler small.\n" for k in range(lines_each))
        + "\n"
        for n in range(sections)
    )


def lines_kept(text: str, plan_index: str, topics: dict[str, str]) -> bool:
    """Every non-blank line of `text` is in the new index or a new topic file, as often."""
    before = Counter(line for line in text.split("\n") if line.strip())
    after = Counter(line for line in plan_index.split("\n") if line.strip())
    for body in topics.values():
        after.update(line for line in body.split("\n") if line.strip())
    return not before - after


def test_an_over_budget_prose_index_fits_by_moving_its_largest_sections() -> None:
    text = prose_index(10, 10) + "## Big one\n\n" + "".join(f"- big {k}\n" for k in range(150))
    plan = fit_plan(text)
    assert measure(text).truncated and plan.fits
    assert plan.after.lines <= OK_LINES and plan.after.chars <= OK_CHARS
    assert [move.topic for move in plan.moves] == ["big-one.md"]  # the largest, and only it
    assert "- [Big one](big-one.md)" in plan.index_text
    assert plan.index_text.startswith("# Reviewer memory\n")  # the title stays
    topic = plan.moves[0].text
    assert topic.startswith("---\nname: Big one\ndescription: big 0\ntype: project\n---\n")
    assert "## Big one\n\n- big 0\n" in topic
    assert lines_kept(text, plan.index_text, {m.topic: m.text for m in plan.moves})


def test_an_index_that_already_fits_is_left_alone() -> None:
    text = prose_index(3, 3)
    plan = fit_plan(text)
    assert plan.fits and not plan.moves and plan.index_text == text


def test_new_names_never_take_an_existing_topic_file() -> None:
    text = prose_index(2, 130)
    plan = fit_plan(text, existing=["finding-0.md", "Finding-1.md"])
    assert {move.topic for move in plan.moves} <= {"finding-0-2.md", "finding-1-2.md"}


def test_one_move_keeps_crlf_and_names_its_section() -> None:
    text = "# T\r\n\r\n## Alpha\r\nFirst sentence here. Second.\r\n\r\n## Beta\r\nb\r\n"
    piece = next(p for p in pieces(text) if p.title == "Alpha")
    move = move_out(text, piece)
    assert move.topic == "alpha.md" and move.text.endswith(
        "## Alpha\r\nFirst sentence here. Second.\r\n"
    )
    assert "description: First sentence here.\r\n" in move.text
    assert move.pointer == "- [Alpha](alpha.md) — First sentence here."


def test_lines_naming_existing_topics_stay_in_the_index() -> None:
    text = "# I\n\n" + "".join(f"- rule {n}: keep it.\n" for n in range(240)) + "- [T](t.md) — t\n"
    text += "".join(f"- late {n}\n" for n in range(40))
    plan = fit_plan(text, ["t.md"])
    assert plan.fits and "- [T](t.md) — t" in plan.index_text.split("\n")
    assert all("(t.md)" not in move.text for move in plan.moves)


def test_a_target_below_what_must_stay_says_why() -> None:
    plan = fit_plan(prose_index(4, 60), target_lines=1)
    assert not plan.fits and plan.reason and "cannot move" in plan.reason


line_st = st.sampled_from([
    "# Title", "## Section", "### Sub", "- a bullet about something", "  continued text",
    "| a | b |", "[link](x.md)", "prose line with words", "", "1. numbered", "- " + "x" * 300,
    "漢字のメモ 😀", "- [T](t.md) — named topic",
])  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(
    st.lists(line_st, min_size=1, max_size=900),
    st.sampled_from([(OK_LINES, OK_CHARS), (200, 25000), (60, 5000)]),
)
def test_fit_never_loses_a_line_and_ends_within_the_target_or_says_why(
    rows: list[str], target: tuple[int, int]
) -> None:
    text = "\n".join(rows)
    existing = ["t.md", "x.md"]
    plan = fit_plan(text, existing, target_lines=target[0], target_chars=target[1])
    topics = {move.topic: move.text for move in plan.moves}
    assert lines_kept(text, plan.index_text, topics)
    assert not set(topics) & set(existing)
    named_before = set(topic_mentions(text, existing))
    assert named_before <= set(topic_mentions(plan.index_text, existing))  # none made orphan
    assert len(topics) == len(plan.moves)  # no name twice
    if not plan.fits:
        assert plan.reason
        return
    after = measure(plan.index_text)
    assert not after.truncated
    assert after.lines <= target[0] and after.chars <= target[1]
    named = topic_mentions(plan.index_text, list(topics))
    assert set(named) == set(topics)  # each new file is named in the index, which loads whole


# ------------------------------------------------------------------------------- the command


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    return code, capsys.readouterr().out


@pytest.fixture
def over(repo: Callable[..., Path]) -> Path:
    return repo({
        ".claude/agents/rev.md": agent("rev", extra="memory: project\n"),
        ".claude/agent-memory/rev/MEMORY.md": prose_index(20, 12),
        ".claude/agent-memory/rev/finding-3.md": "taken\n",
    })  # fmt: skip


def test_fit_dry_run_prints_the_plan_and_changes_nothing(
    over: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = over / ".claude/agent-memory/rev"
    before = sorted(p.name for p in folder.iterdir()), (folder / "MEMORY.md").read_bytes()
    code, out = run(capsys, "-C", str(over), "fit", "rev", "--dry-run")
    assert code == 0 and "→ finding-" in out and "303 lines" in out
    assert (sorted(p.name for p in folder.iterdir()), (folder / "MEMORY.md").read_bytes()) == before


def test_fit_writes_topic_files_and_the_index_then_loads_whole(
    over: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = over / ".claude/agent-memory/rev"
    text = (folder / "MEMORY.md").read_text()
    code, out = run(capsys, "-C", str(over), "fit", "rev", "--target-lines", "120", "--json")
    assert code == 0
    plan = json.loads(out)
    assert plan["fits"] and plan["after"]["lines"] <= 120
    memory = read_memory_dir(folder, read_memory_dir(folder, "project").scope)  # type: ignore[arg-type]
    assert memory.index.budget is not None and not memory.index.budget.truncated
    new = {move["topic"] for move in plan["moves"]}
    assert "finding-3.md" not in new and (folder / "finding-3.md").read_text() == "taken\n"
    topics = {name: (folder / name).read_text() for name in new}
    assert lines_kept(text, (folder / "MEMORY.md").read_text(), topics)
    assert not memory.orphans or set(memory.orphans) == {"finding-3.md"}


def test_fit_that_cannot_fit_exits_1_and_writes_nothing(
    over: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    index = over / ".claude/agent-memory/rev/MEMORY.md"
    before = index.read_bytes()
    code, out = run(capsys, "-C", str(over), "fit", "rev", "--target-lines", "1")
    assert code == 1 and "cannot fit" in out and index.read_bytes() == before


def test_fit_names_a_missing_agent(over: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-C", str(over), "fit", "nobody"]) == 2
    assert "no agent or memory folder named 'nobody'" in capsys.readouterr().err
