"""The commands' output conventions: JSON checked against the schemas in schemas/, a closed
pipe ends quietly, check judges the project alone unless asked."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest

from conftest import agent, write_tree

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "agent_tui", *args], capture_output=True, text=True, timeout=60
    )


@pytest.fixture
def busy_repo(repo: Callable[..., Path], isolated_user_dir: Path) -> Path:
    root = repo({
        ".claude/agents/a.md": agent("a", extra="memory: project\nmodel: sonet\n"),
        ".claude/agents/broken.md": "---\nname: b\ndescription: x\ny\n---\n",
        ".claude/agent-memory/a/MEMORY.md": "".join(f"- [t{i}](t{i}.md)\n" for i in range(230)),
        ".claude/agent-memory/ghost/MEMORY.md": "- x\n",
    })  # fmt: skip
    write_tree(isolated_user_dir, {"agents/u.md": agent("u", extra="model: opsu\n")})
    return root


@pytest.mark.parametrize("command", ["ls", "check"])
def test_json_follows_its_schema(command: str, busy_repo: Path) -> None:
    done = run("-C", str(busy_repo), command, "--json")
    data = json.loads(done.stdout)
    schema = json.loads((SCHEMAS / f"{command}.schema.json").read_text())
    jsonschema.validate(data, schema)
    assert data["schema"] == 1


@pytest.mark.parametrize(("command", "code"), [("ls", 0), ("check", 1)])
def test_a_closed_pipe_ends_quietly(command: str, code: int, busy_repo: Path) -> None:
    shell = f"{sys.executable} -m agent_tui -C {busy_repo} {command} --json | head -1; exit ${{PIPESTATUS[0]}}"
    done = subprocess.run(["bash", "-c", shell], capture_output=True, text=True, timeout=60)
    assert done.returncode == code, done.stderr
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr


def test_check_judges_the_project_unless_asked_for_the_user_scope(busy_repo: Path) -> None:
    project = json.loads(run("-C", str(busy_repo), "check", "--json").stdout)
    everything = json.loads(run("-C", str(busy_repo), "check", "--json", "--user").stdout)
    assert all("u.md" not in f["file"] for f in project["findings"])
    assert any("u.md" in f["file"] for f in everything["findings"])


def test_the_interface_accepts_a_textual_driver_without_a_terminal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from agent_tui.cli import CliError, _require_terminal

    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)
    with pytest.raises(CliError):
        _require_terminal()
    monkeypatch.setenv("TEXTUAL_DRIVER", "textual_serve.driver:WebDriver")
    _require_terminal()  # textual-serve brings its own screen


def test_check_writes_github_annotations(busy_repo: Path) -> None:
    done = run("-C", str(busy_repo), "check", "--format", "github")
    lines = done.stdout.splitlines()
    assert done.returncode == 1 and lines
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)
    over = next(line for line in lines if "memory-over-budget" in line)
    assert over.startswith("::error file=.claude/agent-memory/a/MEMORY.md,line=201,")
    assert "%2C" not in over.split("::", 2)[2]  # only properties are escaped for commas


def test_github_annotations_escape_what_would_break_them() -> None:
    from agent_tui.cli import github_annotation
    from agent_tui.core.lint import Finding, Severity

    class Place:
        def display_path(self, path: Path) -> str:
            return str(path)

    finding = Finding(Path("a,b:c.md"), 3, Severity.WARNING, "x", "100% sure\nnext line")
    line = github_annotation(finding, Place())
    assert line == "::warning file=a%2Cb%3Ac.md,line=3,title=agent-tui x::100%25 sure\\x0anext line"


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash absent")
def test_bash_completion_offers_commands_options_and_choices(tmp_path: Path) -> None:
    script = tmp_path / "agent-tui.bash"
    script.write_text(run("completion", "bash").stdout)

    def complete(*words: str) -> list[str]:
        line = " ".join(f"'{w}'" for w in words)
        probe = (f"source {script}; COMP_WORDS=(agent-tui {line}); "
                 f"COMP_CWORD={len(words)}; _agent_tui; echo \"${{COMPREPLY[@]}}\"")  # fmt: skip
        done = subprocess.run(["bash", "-c", probe], capture_output=True, text=True, timeout=30)
        return done.stdout.split()

    assert {"ls", "check", "review", "set", "completion"} <= set(complete(""))
    assert complete("check", "--st") == ["--staged", "--strict"]
    assert complete("check", "--format", "") == ["text", "json", "github"]


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_other_shells_get_a_script(shell: str) -> None:
    done = run("completion", shell)
    assert done.returncode == 0 and "agent-tui" in done.stdout and "review" in done.stdout


@pytest.mark.parametrize("command", [[], ["ls"], ["check"], ["review"], ["set"], ["completion"]])
def test_every_command_tells_its_version(command: list[str]) -> None:
    from agent_tui import __version__

    done = run(*command, "--version")
    assert done.returncode == 0 and done.stdout.strip() == f"agent-tui {__version__}"
