"""Colours of the Rich text drawn in Python (diffs, status letters, warnings), taken from the
theme's CSS variables: a theme chosen in the palette recolours them with everything else."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.app import App


@dataclass(frozen=True)
class Tones:
    added: str
    removed: str
    changed: str  # a warning, a modified file, the diff cursor
    info: str  # a hunk header, a commit, an agent's name
    added_words: str  # background of the words a changed line adds
    removed_words: str
    cursor_row: str  # the background of the line a cursor is on

    @classmethod
    def of(cls, app: App[Any]) -> Tones:
        theme = app.get_css_variables()
        return cls(
            added=theme["text-success"],
            removed=theme["text-error"],
            changed=theme["text-warning"],
            info=theme["text-primary"],
            added_words=theme["success-darken-2"],
            removed_words=theme["error-darken-2"],
            cursor_row=theme["primary-background"],
        )


__all__ = ["Tones"]
