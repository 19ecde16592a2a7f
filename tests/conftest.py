from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

Files = dict[str, "str | bytes"]


@pytest.fixture(autouse=True)
def no_write_boundary() -> Iterator[None]:
    """Each test starts without the write boundary an earlier app or command set."""
    from agent_tui.io import boundary

    boundary.clear()
    yield
    boundary.clear()


@pytest.fixture(autouse=True)
def isolated_user_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """No test ever reads the real ~/.claude."""
    user = tmp_path_factory.mktemp("user-claude")
    old = os.environ.get("CLAUDE_CONFIG_DIR")
    os.environ["CLAUDE_CONFIG_DIR"] = str(user)
    yield user
    if old is None:
        os.environ.pop("CLAUDE_CONFIG_DIR", None)
    else:
        os.environ["CLAUDE_CONFIG_DIR"] = old


@pytest.fixture(autouse=True)
def isolated_settings(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """No test reads or writes the real ~/.config/agent-tui: each starts with no settings."""
    config = tmp_path_factory.mktemp("config")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    return config / "agent-tui" / "config.toml"


@pytest.fixture(autouse=True)
def no_animation(monkeypatch: pytest.MonkeyPatch) -> None:
    """Sliding tab underlines and scrolls end when they end: a snapshot taken meanwhile would
    catch them half way. (Each app takes its animation level from here when it is made.)"""
    from textual import constants

    monkeypatch.setattr(constants, "TEXTUAL_ANIMATIONS", "none")


def write_tree(root: Path, files: Files) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(content.encode("utf-8"))
    return root


@pytest.fixture
def repo(tmp_path: Path) -> Callable[[Files], Path]:
    """A project folder (with a .git marker) holding the given files."""

    def make(files: Files) -> Path:
        root = tmp_path / "repo"
        (root / ".git").mkdir(parents=True, exist_ok=True)
        return write_tree(root, files)

    return make


def agent(
    name: str, description: str = "Does things.", extra: str = "", body: str = "Body.\n"
) -> str:
    return f"---\nname: {name}\ndescription: {description}\n{extra}---\n\n{body}"


SHARED = Path(__file__).resolve().parents[2] / "shared"
