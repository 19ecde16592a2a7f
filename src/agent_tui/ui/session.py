"""What holds for the whole session: whether anything may be written."""

from __future__ import annotations

from typing import Any

from textual.app import App

READ_ONLY_MESSAGE = "This session is read-only (--read-only): nothing was written"


def read_only(app: App[Any]) -> bool:
    """True when the app was started read-only; widgets ask before any write."""
    return bool(getattr(app, "read_only", False))


def refuse_write(app: App[Any]) -> bool:
    """Tell the user and return True when the session may not write."""
    if read_only(app):
        app.notify(READ_ONLY_MESSAGE, severity="warning")
        return True
    return False


def note_write(app: App[Any]) -> None:
    """A widget wrote files: the app should not mistake that for a change made outside."""
    wrote = getattr(app, "wrote", None)
    if callable(wrote):
        wrote()
