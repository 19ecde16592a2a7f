"""What holds for the whole session: whether anything may be written, and telling the session
that files were written. Widgets and screens cannot import the app (it sits above them), so
they ask through the `Session` protocol the app fulfils."""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

from textual.app import App

READ_ONLY_MESSAGE = "This session is read-only (--read-only): nothing was written"


@runtime_checkable
class Session(Protocol):
    read_only: bool

    def wrote(self) -> None:
        """Files were changed from inside the app (not a change made outside)."""


@runtime_checkable
class Waiting(Protocol):
    """A screen that can be busy reading files or git (tests and screenshots wait on it)."""

    def busy(self) -> bool: ...


def read_only(app: App[Any]) -> bool:
    """True when the app was started read-only; widgets ask before any write."""
    return isinstance(app, Session) and app.read_only


def refuse_write(app: App[Any]) -> bool:
    """Tell the user and return True when the session may not write."""
    if read_only(app):
        app.notify(READ_ONLY_MESSAGE, severity="warning")
        return True
    return False


def note_write(app: App[Any]) -> None:
    """A widget wrote files: the app should not mistake that for a change made outside."""
    if isinstance(app, Session):
        app.wrote()
