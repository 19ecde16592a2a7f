"""Where agent-tui may write: the repository's `.claude` folders, the user's Claude config
folder (user agents, user memory, auto memory) and plugin folders the user named. A path that
a link leads elsewhere is refused, and the refusal names the real path.

The session sets the boundary once it knows the workspace (`allow_writes_for`); every
create, save, rename and delete in `io` asks `check_write` first.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from agent_tui.io.atomic import SaveError

_roots: tuple[Path, ...] | None = None  # None: no workspace yet (a library call, a test)
_repository: Path | None = None


def allow_writes_for(repository: Path, others: Iterable[Path] = ()) -> None:
    """Writes go to `.claude` folders inside `repository` and anywhere inside `others`."""
    global _roots, _repository
    _repository = Path(os.path.realpath(repository))
    _roots = tuple(Path(os.path.realpath(path)) for path in others)


def clear() -> None:
    global _roots, _repository
    _roots, _repository = None, None


def outside(path: Path) -> Path | None:
    """The real path when `path` leads outside the places agent-tui may write, else None."""
    if _roots is None:
        return None
    real = Path(os.path.realpath(path))
    if any(real == root or real.is_relative_to(root) for root in _roots):
        return None
    inside = _repository is not None and real.is_relative_to(_repository)
    if inside and ".claude" in real.relative_to(_repository).parts:  # type: ignore[arg-type]
        return None
    return real


def check_write(path: Path) -> None:
    real = outside(path)
    if real is not None:
        raise SaveError(
            f"{path} leads outside the repository's .claude folders (to {real}); "
            "agent-tui does not write there"
        )
