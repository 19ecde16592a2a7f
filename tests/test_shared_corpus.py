"""Optional: the public corpus and the sample from ../shared (skipped when absent)."""

from __future__ import annotations

import json

import pytest

from agent_tui.cli import main
from agent_tui.core import frontmatter
from conftest import SHARED

CORPUS = SHARED / "corpus" / "wshobson-agents"
SAMPLE = SHARED / "samples" / "python-backend-architect.md"
pytestmark = pytest.mark.skipif(not CORPUS.is_dir() or not SAMPLE.is_file(), reason="no ../shared")


def test_corpus_has_no_errors(capsys: pytest.CaptureFixture[str]) -> None:
    # `claude plugin validate` reports no error on any of these files.
    code = main(["-C", str(CORPUS), "check", "--json", str(CORPUS)])
    payload = json.loads(capsys.readouterr().out)
    assert code == 0 and payload["errors"] == 0


def test_sample_absolute_memory_path(capsys: pytest.CaptureFixture[str]) -> None:
    main(["-C", str(SAMPLE.parent), "check", "--json", str(SAMPLE)])
    codes = [f["code"] for f in json.loads(capsys.readouterr().out)["findings"]]
    assert codes == ["memory-path-absolute"]


def test_every_corpus_file_survives_a_no_op_and_a_real_edit() -> None:
    files = [*sorted(CORPUS.rglob("*.md")), SAMPLE]
    for path in files:
        text = path.read_bytes().decode("utf-8")
        present, description = frontmatter.read_value(text, "description")
        if not present:
            continue
        assert frontmatter.set_value(text, "description", description) is text, path
        edited = frontmatter.set_value(text, "model", "haiku")
        assert frontmatter.remove_key(edited, "model") == frontmatter.remove_key(text, "model")


def test_sample_literal_newlines_are_kept() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    present, description = frontmatter.read_value(text, "description")
    assert present and "\\n\\n<example>" in description
    edited = frontmatter.set_value(text, "color", "blue")
    assert edited.splitlines()[2] == text.splitlines()[2]  # the description line, byte for byte
