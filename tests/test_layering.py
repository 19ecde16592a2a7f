"""The domain stays free of UI and git; the CLI's help and version stay light."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("textual", "rich", "git")


def _modules_after(code: str) -> set[str]:
    script = f"{code}\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def test_core_imports_no_ui_or_git() -> None:
    loaded = _modules_after(
        "import agent_tui.core.agent, agent_tui.core.budget, agent_tui.core.lint, "
        "agent_tui.core.memory, agent_tui.core.workspace, agent_tui.core.frontmatter"
    )
    assert not [m for m in loaded if m.split(".")[0] in HEAVY]


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
