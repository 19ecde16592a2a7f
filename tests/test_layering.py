"""The CLI's help and version stay light. (The layering itself is import-linter's
contracts in pyproject.toml, run by CI as `lint-imports`.)"""

from __future__ import annotations

import json
import subprocess
import sys


def _modules_after(code: str) -> set[str]:
    script = f"{code}\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def test_help_and_version_do_not_import_textual() -> None:
    for flag in ("--help", "--version"):
        code = (
            "import sys\nfrom agent_tui.cli import main\n"
            f"try:\n    main([{flag!r}])\nexcept SystemExit:\n    pass"
        )
        loaded = _modules_after(code)
        assert "textual" not in loaded and "rich" not in loaded, flag


def test_module_entry_point_runs() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "agent_tui", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.startswith("agent-tui ")


def test_start_up_leaves_later_screens_for_later() -> None:
    """The main screen's module does not import what its first frame never shows: dialogs,
    the topic, search and new-agent screens, the memory pane, the review and git (each is
    imported on first use; start-up pays for every module it imports)."""
    loaded = _modules_after("import agent_tui.ui.app, agent_tui.ui.screens.agents")
    later = {
        "agent_tui.ui.dialogs",
        "agent_tui.ui.screens.topic",
        "agent_tui.ui.screens.search",
        "agent_tui.ui.screens.new_agent",
        "agent_tui.core.search",
        "agent_tui.ui.widgets.memory_pane",
        "agent_tui.ui.review.screen",
        "git",
    }
    assert not later & loaded
