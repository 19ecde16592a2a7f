"""Open files: atomic save, conflicts with changes on disk, new files, read-only files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from agent_tui.core.memory import (
    TopicMeta,
    append_entry,
    index_entry,
    relink,
    topic_file_name,
    topic_text,
)
from agent_tui.io.atomic import SaveError
from agent_tui.io.document import ChangedOnDisk, OpenFile
from agent_tui.io.files import create_file, rename_file


def test_save_keeps_bom_and_mode(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"\xef\xbb\xbfhello\r\n")
    path.chmod(0o640)
    doc = OpenFile.read(path)
    doc.save("bye\r\n")
    assert path.read_bytes() == b"\xef\xbb\xbfbye\r\n"
    assert path.stat().st_mode & 0o777 == 0o640


def test_save_refuses_to_overwrite_a_change_made_on_disk(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("one\n")
    doc = OpenFile.read(path)
    path.write_text("someone else\n")
    os.utime(path, ns=(1, 1))
    assert doc.changed_on_disk()
    with pytest.raises(ChangedOnDisk):
        doc.save("mine\n")
    assert path.read_text() == "someone else\n"
    assert doc.disk_text() == "someone else\n"
    doc.save("mine\n", overwrite=True)
    assert path.read_text() == "mine\n"
    assert not doc.changed_on_disk()


def test_a_new_file_is_created_but_never_replaces_one(tmp_path: Path) -> None:
    path = tmp_path / "mem" / "MEMORY.md"
    doc = OpenFile.new(path)
    assert doc.is_new and not doc.read_only
    doc.save("# index\n")
    assert path.read_text() == "# index\n"
    other = OpenFile.new(path)
    with pytest.raises(ChangedOnDisk):
        other.save("clobber\n")
    assert path.read_text() == "# index\n"


def test_binary_and_non_utf8_files_are_read_only(tmp_path: Path) -> None:
    binary = tmp_path / "b.md"
    binary.write_bytes(b"\x00\x01")
    latin = tmp_path / "l.md"
    latin.write_bytes(b"caf\xe9\n")
    for path in (binary, latin):
        doc = OpenFile.read(path)
        assert doc.read_only and doc.problem is not None
        with pytest.raises(SaveError, match="read-only"):
            doc.save("x")
    assert latin.read_bytes() == b"caf\xe9\n"


def test_create_and_rename_never_replace_a_file(tmp_path: Path) -> None:
    create_file(tmp_path / "a.md", b"a")
    with pytest.raises(SaveError):
        create_file(tmp_path / "a.md", b"b")
    (tmp_path / "b.md").write_bytes(b"b")
    with pytest.raises(SaveError):
        rename_file(tmp_path / "a.md", tmp_path / "b.md")
    assert (tmp_path / "a.md").read_bytes() == b"a"
    assert (tmp_path / "b.md").read_bytes() == b"b"


def test_relink_changes_only_links_to_the_renamed_file() -> None:
    index = (
        "- [Testing](testing.md) — how we test\n"
        '- [Again](./testing.md#setup "title") and [other](testing-old.md)\n'
        "- testing.md mentioned in prose, and [web](https://x.test/testing.md)\n"
    )
    assert relink(index, "testing.md", "tests and checks.md") == (
        "- [Testing](tests%20and%20checks.md) — how we test\n"
        '- [Again](tests%20and%20checks.md#setup "title") and [other](testing-old.md)\n'
        "- testing.md mentioned in prose, and [web](https://x.test/testing.md)\n"
    )


def test_new_topic_and_its_index_line() -> None:
    assert topic_file_name("  Release Steps! ") == "release-steps.md"
    text = topic_text("Release steps", "How: we ship", "project")
    assert text.startswith("---\nname: Release steps\n") and "type: project\n---\n" in text
    line = index_entry("release-steps.md", TopicMeta("Release steps", "How we ship"))
    assert line == "- [Release steps](release-steps.md) — How we ship"
    assert append_entry("# Index", line) == "# Index\n" + line + "\n"
    assert append_entry("", line) == line + "\n"
