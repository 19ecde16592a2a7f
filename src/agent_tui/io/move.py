"""Moving a topic file to another agent's memory, or to another scope: the file, the line
that names it in the target index (where Claude Code loads it) and the lines that named it
in the source index change together, or not at all."""

from __future__ import annotations

from pathlib import Path

from agent_tui.core.memory import (
    INDEX_NAME,
    index_entry,
    insert_entry,
    lines_naming,
    read_topic_meta,
    remove_lines,
)
from agent_tui.core.textfile import FileProblem, TextFile, read_text_file
from agent_tui.io.atomic import SaveError, atomic_write
from agent_tui.io.boundary import check_write
from agent_tui.io.files import create_file, delete_file


def _index(folder: Path) -> TextFile | None:
    """The index as read (None: there is none yet)."""
    path = folder / INDEX_NAME
    if not path.exists():
        return None
    try:
        return read_text_file(path)
    except FileProblem as problem:
        raise SaveError(f"{path.parent.name}/{INDEX_NAME}: {problem.message}") from None


def _encode(index: TextFile | None, text: str) -> bytes:
    """`text` in the index's own encoding and line ends (UTF-8 for a new index)."""
    return index.encode(text) if index is not None else text.encode("utf-8")


def _write(path: Path, data: bytes | None) -> None:
    check_write(path)
    if data is None:
        delete_file(path)
    else:
        atomic_write(path, data)


def move_topic(source: Path, topic: str, target: Path) -> int:
    """Move `source/topic` to `target/topic`, naming it in the target index and removing the
    lines that named it from the source index. Returns the target index line it was named
    on. Raises SaveError, with everything as it was, when any step cannot be done."""
    name = Path(topic).name
    if (target / name).exists():
        raise SaveError(f"{target.name} already has a {name}; rename one first")
    try:
        data = (source / topic).read_bytes()
    except OSError as error:
        raise SaveError(f"cannot read {topic}: {error.strerror}") from None
    target_index = _index(target)
    target_text = target_index.text if target_index is not None else ""
    line = index_entry(name, read_topic_meta(source / topic))
    placed = insert_entry(target_text, line)
    if placed is None:
        raise SaveError(f"no room in the loaded part of {target.name}/{INDEX_NAME}; fit it first")
    source_index = _index(source)
    naming = lines_naming(source_index.text, topic) if source_index is not None else []
    create_file(target / name, data)
    done: list[tuple[Path, bytes | None]] = []
    try:
        _write(target / INDEX_NAME, _encode(target_index, placed[0]))
        before = target_index.encode() if target_index is not None else None
        done.append((target / INDEX_NAME, before))
        if naming and source_index is not None:
            kept = remove_lines(source_index.text, naming)
            _write(source / INDEX_NAME, _encode(source_index, kept))
            done.append((source / INDEX_NAME, source_index.encode()))
        delete_file(source / topic)
    except SaveError:
        for path, before in reversed(done):
            _write(path, before)
        delete_file(target / name)
        raise
    return placed[1]
