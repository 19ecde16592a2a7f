"""Exit codes, the one error type the commands share, and printing that ends quietly."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class CliError(Exception):
    """A problem the user can fix; printed as one line, exit code 2."""


def printed(write: Callable[[], None], code: int) -> int:
    """Print, and end quietly with `code` when the reader has gone (`| head`)."""
    try:
        write()
        sys.stdout.flush()
    except BrokenPipeError:
        # Python would complain again at exit while flushing: point stdout at nothing.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return code
