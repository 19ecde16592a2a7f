"""agent-tui: browse, edit and review Claude Code subagents and their memory."""

__version__ = "0.2.0"
