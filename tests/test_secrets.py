"""The secret scan and the checks made before a commit."""

from __future__ import annotations

import pytest

from agent_tui.core.diff import parse_diff
from agent_tui.core.review import StagedFile, commit_checks, is_index, owner
from agent_tui.core.secrets import find_secrets, scan_lines

FAKE_AWS = "AKIA" + "IOSFODNN7EXAMPLE"  # split so scanners of this repo do not flag the test


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("-----BEGIN OPENSSH PRIVATE KEY-----", "private key"),
        ("-----BEGIN RSA PRIVATE KEY-----", "private key"),
        (f"aws key {FAKE_AWS} in prod", "AWS access key"),
        ("token ghp_" + "a1B2" * 9, "GitHub token"),
        ("use sk-ant-" + "api03-" + "x" * 30, "Anthropic API key"),
        ("OPENAI=sk-" + "proj-" + "Ab3" * 10, "OpenAI API key"),
        ("xoxb-" + "1234567890-abcdef", "Slack token"),
        ("db at postgres://admin:hunter2hunter@db.internal:5432/app", "password in URL"),
        ("export DATABASE_PASSWORD=correcthorse", "secret in `DATABASE_PASSWORD`"),
        ("STRIPE_SECRET_KEY='rk_test_abcdef123456'", "secret in `STRIPE_SECRET_KEY`"),
        ("api_key = 9f8e7d6c5b4a", "secret in `api_key`"),
    ],
)
def test_secrets_are_found(line: str, kind: str) -> None:
    assert kind in [found[0] for found in find_secrets(line)]


@pytest.mark.parametrize(
    "line",
    [
        "- The API key lives in the vault; never paste it here.",
        "API_KEY=<your key here>",
        "export GITHUB_TOKEN=${GITHUB_TOKEN}",
        "PASSWORD=changeme",
        "See https://example.com/docs for the token format.",
        "git@github.com:team/repo.git",
        "TOKEN_LIMIT = 200",
    ],
)
def test_ordinary_memory_lines_are_not_secrets(line: str) -> None:
    assert find_secrets(line) == []


def test_findings_are_masked_and_numbered() -> None:
    [secret] = scan_lines([(7, f"key: {FAKE_AWS}")])
    assert secret.line == 7 and FAKE_AWS not in secret.excerpt and "AKIA…" in secret.excerpt


def staged(path: str, added: list[str], index_text: str | None = None) -> StagedFile:
    body = "".join(f"+{line}\n" for line in added)
    diff = f"diff --git a/{path} b/{path}\n--- a/{path}\n+++ b/{path}\n@@ -0,0 +1,{len(added)} @@\n{body}"
    return StagedFile(path, parse_diff(diff)[0], index_text)


def test_commit_checks_secret_conflict_budget_and_local_memory() -> None:
    checks = commit_checks(
        [
            staged(".claude/agent-memory/r/notes.md", ["fine", f"k {FAKE_AWS}"]),
            staged(".claude/agents/r.md", ["<<<<<<< HEAD", "a", "=======", "b", ">>>>>>> other"]),
            staged(".claude/agent-memory/r/MEMORY.md", ["x"], "- line\n" * 250),
            staged(".claude/agent-memory-local/r/MEMORY.md", ["x"], "- line\n"),
        ]
    )
    assert [(path, secret.line) for path, secret in checks.secrets] == [
        (".claude/agent-memory/r/notes.md", 2)
    ]
    assert [finding.line for finding in checks.conflicts] == [1, 5]
    assert [finding.path for finding in checks.warnings] == [
        ".claude/agent-memory/r/MEMORY.md",
        ".claude/agent-memory-local/r/MEMORY.md",
    ]
    assert "50 lines (" in checks.warnings[0].message and "dropped" in checks.warnings[0].message


def test_markdown_rule_is_not_a_conflict() -> None:
    checks = commit_checks([staged(".claude/agents/r.md", ["Title", "=======", "Text"])])
    assert checks.clean


def test_owner_and_index() -> None:
    assert owner(".claude/agents/reviewer.md") == "reviewer"
    assert owner(".claude/agent-memory/reviewer/topics/x.md") == "reviewer"
    assert owner("sub/.claude/agent-memory-local/reviewer/MEMORY.md") == "reviewer (local)"
    assert owner(".claude/settings.json") is None
    assert is_index(".claude/agent-memory/reviewer/MEMORY.md")
    assert not is_index(".claude/agent-memory/reviewer/topics/MEMORY.md")


def test_recall_and_quiet_on_the_labelled_set() -> None:
    from secret_samples import QUIET, SECRETS

    missed = [(kind, line) for kind, lines in SECRETS.items() for line in lines
              if not find_secrets(line)]  # fmt: skip
    loud = [line for line in QUIET if find_secrets(line)]
    total = sum(len(lines) for lines in SECRETS.values())
    assert len(SECRETS) >= 30 and total >= 100
    assert missed == [] and loud == []
