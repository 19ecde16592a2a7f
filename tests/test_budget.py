"""The MEMORY.md budget, as Claude Code 2.1.332 applies it to an agent's memory: the whole
file trimmed, 200 lines or 25,000 UTF-16 units, cut at the last newline within the limit.

The expected warning lines below were captured from Claude Code itself (the request it sent
to a local server, `tools/claude_code.py`), not written from our reading of it.
"""

from __future__ import annotations

from array import array

from hypothesis import given, settings
from hypothesis import strategies as st

from agent_tui.core.budget import (
    JS_SPACE,
    MAX_CHARS,
    MAX_LINES,
    Band,
    as_injected,
    cut_words,
    js_length,
    measure,
    preview,
    size_words,
    split_loaded,
)

TAIL = "Keep index entries to one line under ~200 chars; move detail into topic files."


def lines(n: int, width: int = 10) -> str:
    return "".join(f"{i:0{width}d}\n" for i in range(1, n + 1))


def test_small_index_is_ok() -> None:
    budget = measure("# Index\n\n- [a](a.md)\n")
    assert (budget.lines, budget.truncated, budget.band, budget.cut_line, budget.limit) == (
        3,
        False,
        Band.OK,
        None,
        None,
    )
    assert budget.warning is None


def test_frontmatter_and_comments_count_for_an_agent() -> None:
    # The case: an 8-line header, then 205 entries. Claude Code: 213 lines, cut at 201.
    header = "---\nname: idx\ndescription: x\n---\n<!-- a comment\nspanning -->\n\n\n"
    text = header + "".join(f"- line {i} body\n" for i in range(1, 206))
    budget = measure(text)
    assert (budget.lines, budget.cut_line, budget.last_loaded_line) == (213, 201, 200)
    assert budget.limit == "lines" and budget.lines_lost == 13
    assert budget.warning == (
        "> WARNING: MEMORY.md is 213 lines (limit: 200). Only part of it was loaded: 13 of 213 "
        f'lines were cut off, starting at line 201 ("- line 193 body"). {TAIL}'
    )


def test_auto_memory_strips_frontmatter_and_comments_first() -> None:
    header = "---\nname: idx\n---\n<!--\nnote to self\n-->\n<!-- one line -->\n"
    text = header + lines(199)
    assert measure(text).lines == 199 + 7
    assert measure(text, strip=True).lines == 199
    assert not measure(text, strip=True).truncated


def test_exactly_200_lines_is_not_truncated() -> None:
    budget = measure(lines(200))
    assert not budget.truncated and budget.band is Band.TIGHT


def test_bands() -> None:
    assert measure(lines(149)).band is Band.OK
    assert measure(lines(150)).band is Band.NEAR
    assert measure(lines(180)).band is Band.TIGHT
    assert measure("x" * int(MAX_CHARS * 0.76)).band is Band.NEAR
    assert measure("x" * int(MAX_CHARS * 0.91)).band is Band.TIGHT


def test_size_cut_at_last_newline_within_limit() -> None:
    text = "\n".join(["y" * 3000] * 10)  # 30,009 characters in 10 lines
    budget = measure(text)
    assert budget.limit == "chars" and budget.loaded_chars == 8 * 3001 - 1
    assert budget.cut_line == 9 and budget.lines_lost == 2
    assert budget.warning == (
        "> WARNING: MEMORY.md is 29.3KB (limit: 24.4KB) — index entries are too long. Only part "
        "of it was loaded: 2 of 10 lines were cut off, starting at line 9 "
        f'("{"y" * 79}…"). {TAIL}'
    )


def test_both_limits() -> None:
    text = "\n".join(f"{i:03d}" + "z" * 200 for i in range(250))
    budget = measure(text)
    assert budget.limit == "chars" and budget.cut_line == 123 and budget.lines_lost == 128
    assert budget.warning is not None
    assert budget.warning.startswith(
        "> WARNING: MEMORY.md is 250 lines and 49.8KB. Only part of it was loaded: 128 of 250 "
        'lines were cut off, starting at line 123 ("122zzz'
    )


def test_single_long_line_cut_mid_line() -> None:
    budget = measure("\n\n" + "z" * 30_000)
    assert budget.truncated and budget.loaded_chars == MAX_CHARS
    assert budget.cut_line == 3 and budget.last_loaded_line is None  # the file's line 3
    assert budget.warning == (
        "> WARNING: MEMORY.md is 29.3KB (limit: 24.4KB) — index entries are too long. Only part "
        f"of it was loaded: everything after the first 25000 characters of line 1 was cut off. {TAIL}"
    )
    assert cut_words(budget).startswith("only the first 25,000 characters of line 3 load")


def test_emoji_count_twice_and_the_preview_never_splits_one() -> None:
    text = "\n".join(["😀" * 2000] * 10)
    budget = measure(text)
    assert budget.chars == 40_009 and budget.cut_line == 7
    assert budget.warning is not None
    assert f'("{"😀" * 39}…")' in budget.warning and "39.1KB" in budget.warning


def test_leading_blank_lines_are_trimmed_and_numbers_stay_the_files() -> None:
    budget = measure("\n\n\n" + lines(201))
    assert budget.lines == 201 and budget.cut_line == 3 + 201 and budget.first_line == 4


def test_a_carriage_return_stays_part_of_its_line() -> None:
    crlf = measure(lines(205).replace("\n", "\r\n"))
    assert crlf.lines == 205 and crlf.chars == js_length(lines(205).strip()) + 204
    lone_cr = measure("\r".join(f"l{i}" for i in range(205)))
    assert lone_cr.lines == 1 and not lone_cr.truncated  # Claude Code: no warning


def test_trim_is_javascripts() -> None:
    assert measure("\ufeff \u00a0\u3000# hi\n- a\u2029\n").chars == len("# hi\n- a")
    assert measure("\x85# hi").chars == 5  # NEL is not white space in JavaScript


def test_size_words_round_like_javascript() -> None:
    assert size_words(1023) == "1023 bytes"
    assert size_words(25_000) == "24.4KB"
    assert size_words(1280) == "1.3KB"  # 1.25: JavaScript rounds the tie up
    assert size_words(2048) == "2KB"


def test_preview_cuts_at_a_word() -> None:
    line = "- " + " ".join(["word"] * 30)
    shown = preview(line)
    assert shown.endswith("word…") and js_length(shown) <= 80


def test_injected_text_has_plain_line_breaks() -> None:
    assert as_injected("a\r\nb\rc\u2028d\x07") == "a\nb\nc\nd"


# ---- a direct statement of the rule, on UTF-16 code units as JavaScript holds them ----------

NEWLINE = 0x0A
SPACE_UNITS = {ord(c) for c in JS_SPACE}


def reference(text: str) -> tuple[int, int, int, int]:
    """(lines, chars, loaded chars, whole lines kept or 0) exactly as Claude Code's code says."""
    units = array("H", text.encode("utf-16-le", "surrogatepass"))
    start, end = 0, len(units)
    while start < end and units[start] in SPACE_UNITS:
        start += 1
    while end > start and units[end - 1] in SPACE_UNITS:
        end -= 1
    n = units[start:end]
    count = n.count(NEWLINE) + 1
    if count <= MAX_LINES and len(n) <= MAX_CHARS:
        return count, len(n), len(n), count
    k = n
    if count > MAX_LINES:
        seen = 0
        for index, unit in enumerate(n):
            if unit == NEWLINE:
                seen += 1
                if seen == MAX_LINES:
                    k = n[:index]
                    break
    if len(k) > MAX_CHARS:
        window = k[: MAX_CHARS + 1]
        last = max((i for i, u in enumerate(window) if u == NEWLINE), default=-1)
        k = k[:last] if last > 0 else k[:MAX_CHARS]
    whole = k.count(NEWLINE) + 1 if len(n) > len(k) and n[len(k)] == NEWLINE else 0
    return count, len(n), len(k), whole


line_text = st.text(
    alphabet=st.sampled_from([*"ab é漢字😀\t <!->-:", "\r", "\u3000", "\u00a0", "\x85"]),
    max_size=120,
)
header = st.sampled_from(["", "---\nname: x\n---\n", "<!-- note -->\n", "\n\n  \n"])
huge = st.sampled_from(["", "x" * 26_000, "漢" * 25_001, "😀" * 12_600])


@settings(max_examples=150, deadline=None)
@given(header, st.lists(line_text, max_size=320), huge, st.booleans(), st.booleans())
def test_budget_figures_follow_the_rule(
    head: str, rows: list[str], big: str, crlf: bool, final_newline: bool
) -> None:
    body = "\n".join([*rows, big] if big else rows)
    text = head + (body.replace("\n", "\r\n") if crlf else body) + ("\n" if final_newline else "")
    count, chars, loaded_chars, whole = reference(text)
    budget = measure(text)
    assert (budget.lines, budget.chars, budget.loaded_chars) == (count, chars, loaded_chars)
    assert budget.truncated == (count > MAX_LINES or chars > MAX_CHARS)
    if budget.truncated:
        assert budget.loaded_lines <= MAX_LINES and budget.loaded_chars <= MAX_CHARS
        assert budget.lines_lost == count - (whole or 1)
        assert budget.cut_line == budget.first_line + (whole if whole else 0)
    loaded, dropped = split_loaded(text)
    assert js_length(loaded + dropped) == chars
    assert bool(dropped) == budget.truncated


def test_split_loaded_on_an_over_budget_index() -> None:
    text = "---\nname: x\n---\n" + "".join(f"- rule {n}\n" for n in range(1, 206))
    loaded, dropped = split_loaded(text)
    assert loaded.splitlines()[-1] == "- rule 197"  # the three header lines count
    assert (
        dropped
        == "\n- rule 198\n- rule 199\n- rule 200\n- rule 201\n- rule 202\n- rule 203\n- rule 204\n- rule 205"
    )
