"""The user's settings: `$XDG_CONFIG_HOME/agent-tui/config.toml` (else `~/.config/...`).

    theme = "gruvbox"        # any Textual theme; the palette's theme choice is kept here
    list_width = 42          # the agents list, in columns ([ and ] change it, kept here)
    list_hidden = false      # \\ hides it

    [keys]                   # rebind a key by its id (see `?`), Textual's keymap
    review = "ctrl+g"

The app changes only the `theme`, `list_width` and `list_hidden` lines when it remembers
them; every other byte of the file, comments included, stays as the user wrote it.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

from agent_tui.io.atomic import SaveError, atomic_write

LIST_WIDTH = 42
LIST_WIDTHS = (24, 80)  # narrowest and widest list, in columns


@dataclass
class Settings:
    theme: str | None = None
    list_width: int = LIST_WIDTH
    list_hidden: bool = False
    keys: dict[str, str] = field(default_factory=dict)
    problem: str | None = None  # why the file could not be read; the defaults are used


def config_path(environ: dict[str, str] | os._Environ[str] = os.environ) -> Path:
    base = environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "agent-tui" / "config.toml"


def read_settings(path: Path) -> Settings:
    """The settings in `path`; a missing file gives the defaults, a broken one the defaults
    with the reason in `problem`."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        return Settings(problem=f"{path}: {error}")
    settings = Settings()
    theme, width, hidden = data.get("theme"), data.get("list_width"), data.get("list_hidden")
    if isinstance(theme, str):
        settings.theme = theme
    if isinstance(width, int) and not isinstance(width, bool):
        settings.list_width = min(max(width, LIST_WIDTHS[0]), LIST_WIDTHS[1])
    if isinstance(hidden, bool):
        settings.list_hidden = hidden
    keys = data.get("keys")
    if isinstance(keys, dict):
        settings.keys = {str(k): v for k, v in keys.items() if isinstance(v, str)}
    return settings


def _toml_value(value: str | int | bool) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def with_setting(text: str, key: str, value: str | int | bool) -> str:
    """`text` with the top-level `key` set to `value`: its line replaced in place, or a line
    added before the first table; nothing else changes."""
    line = f"{key} = {_toml_value(value)}"
    lines = text.splitlines(keepends=True)
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
    for number, old in enumerate(lines):
        if old.lstrip().startswith("["):
            break
        if pattern.match(old):
            ending = old[len(old.rstrip("\r\n")) :] or "\n"
            lines[number] = line + ending
            return "".join(lines)
    at = next((n for n, old in enumerate(lines) if old.lstrip().startswith("[")), len(lines))
    while at > 0 and not lines[at - 1].strip():
        at -= 1  # after the last top-level line, not after the blank before a table
    if at > 0 and not lines[at - 1].endswith("\n"):
        lines[at - 1] += "\n"
    lines.insert(at, line + "\n")
    return "".join(lines)


def remember(path: Path, key: str, value: str | int | bool) -> str | None:
    """Keep one setting in the file; returns why it could not be written, or None."""
    try:
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        updated = with_setting(text, key, value)
        tomllib.loads(updated)  # never write a file the next start could not read
        if updated != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(path, updated.encode("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, SaveError) as error:
        return f"{path}: {error}"
    return None


__all__ = ["LIST_WIDTH", "LIST_WIDTHS", "Settings", "config_path", "read_settings", "remember"]
