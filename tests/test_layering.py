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
