"""Reading git's unified diffs, pairing lines side by side, and word-level changes."""

from __future__ import annotations

import difflib

from hypothesis import given
from hypothesis import strategies as st

from agent_tui.core.diff import (
    ADDED,
    CONTEXT,
    NO_NEWLINE,
    REMOVED,
    parse_diff,
    side_by_side,
    word_changes,
)

GIT_DIFF = """\
diff --git a/.claude/agent-memory/r/MEMORY.md b/.claude/agent-memory/r/MEMORY.md
index 1111111..2222222 100644
--- a/.claude/agent-memory/r/MEMORY.md
+++ b/.claude/agent-memory/r/MEMORY.md
@@ -1,3 +1,3 @@ heading
 # Memory
-- The API is under /v2.
+- The API is under /v3.
 - Tuesdays.
@@ -10 +10,2 @@
-last
\\ No newline at end of file
+last
+line
diff --git a/x.bin b/x.bin
index 3333333..4444444 100644
Binary files a/x.bin and b/x.bin differ
"""


def test_parse_files_hunks_and_line_numbers() -> None:
    memory, binary = parse_diff(GIT_DIFF)
    assert binary.binary and not binary.hunks
    first, second = memory.hunks
    assert [(line.kind, line.old, line.new) for line in first.lines] == [
        (CONTEXT, 1, 1),
        (REMOVED, 2, None),
        (ADDED, None, 2),
        (CONTEXT, 3, 3),
    ]
    assert (second.old_start, second.new_start) == (10, 10)
    assert [line.kind for line in second.lines] == [REMOVED, NO_NEWLINE, ADDED, ADDED]
    assert (first.added, first.removed) == (1, 1)


def test_patch_of_one_hunk_is_header_plus_that_hunk_verbatim() -> None:
    memory = parse_diff(GIT_DIFF)[0]
    patch = memory.patch(1)
    assert patch.startswith("diff --git a/.claude/agent-memory/r/MEMORY.md")
    assert "/v3" not in patch
    assert patch.endswith("@@ -10 +10,2 @@\n-last\n\\ No newline at end of file\n+last\n+line\n")


def test_form_feed_and_carriage_return_stay_inside_their_line() -> None:
    text = "diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\x0cb\r\n+a\x0cc\r\n"
    [diff] = parse_diff(text)
    assert [line.text for line in diff.hunks[0].lines] == ["a\x0cb\r", "a\x0cc\r"]


line_text = st.text(st.characters(blacklist_characters="\n"), max_size=12)


def unified(old: list[str], new: list[str]) -> str:
    body = difflib.unified_diff(old, new, "a/f", "b/f", n=10**6, lineterm="")
    return "diff --git a/f b/f\n" + "\n".join(body) + "\n"


@given(st.lists(line_text, max_size=12), st.lists(line_text, max_size=12))
def test_both_sides_read_back_from_any_diff(old: list[str], new: list[str]) -> None:
    parsed = parse_diff(unified(old, new))
    if old == new:
        assert not parsed or not parsed[0].hunks
        return
    [hunk] = parsed[0].hunks
    assert [line.text for line in hunk.lines if line.kind != ADDED] == old
    assert [line.text for line in hunk.lines if line.kind != REMOVED] == new
    assert [line.old for line in hunk.lines if line.kind != ADDED] == list(
        range(1, len(old) + 1)
    ) or not old
    rows = list(side_by_side(hunk))
    assert [left.text for left, _ in rows if left is not None] == old
    assert [right.text for _, right in rows if right is not None] == new


def cut(text: str, spans: list[tuple[int, int]]) -> str:
    for start, end in reversed(spans):
        text = text[:start] + text[end:]
    return text


@given(line_text, line_text)
def test_word_changes_leave_the_same_text_when_removed(old: str, new: str) -> None:
    old_spans, new_spans = word_changes(old, new)
    if old_spans or new_spans:
        assert cut(old, old_spans) == cut(new, new_spans)


def test_one_changed_word_is_marked_and_nothing_else() -> None:
    old_spans, new_spans = word_changes(
        "The API is under /v2 today.", "The API is under /v3 today."
    )
    assert old_spans == new_spans == [(18, 20)]  # the word "v2" -> "v3"


def test_unrelated_lines_get_no_word_marks() -> None:
    assert word_changes("Releases go out on Tuesdays.", "x = 1") == ([], [])
