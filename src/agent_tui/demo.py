"""The bundled demo workspace: a small team's agents and memory, with every state worth seeing.

Written by code rather than shipped as files so it is the same on every machine and the
over-budget index does not bloat the package.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

AGENTS: dict[str, str] = {
    "code-reviewer.md": """---
name: code-reviewer
description: Reviews a change for correctness, tests and style before it is merged. Use it when: a pull request is ready, or after a large refactor.
model: sonnet
color: blue
tools: Read, Grep, Glob, Write, Edit
memory: project
---

You review code changes for this repository.

Read `.claude/agent-memory/code-reviewer/MEMORY.md` first; it holds the conventions the team
agreed on in earlier reviews. Record new conventions there, one line each, with detail in a
topic file.
""",
    "db-migrator.md": """---
name: db-migrator
description: "Plans and writes database migrations.\\n\\n<example>\\nuser: add a column\\nassistant: I'll use the db-migrator agent.\\n</example>"
model: opus
color: green
tools: Read, Write, Edit, Bash
memory: project
---

You write reversible migrations. Check memory for the naming scheme before you start.
""",
    "docs-writer.md": """---
name: docs-writer
description: Writes and updates user documentation.
model: haiku
color: purple
tools: Read, Write, Edit
memory: project
---

You keep `docs/` in step with the code.
""",
    "release-manager.md": """---
name: release-manager
description: Prepares releases: changelog, version bump, tags.
model: sonet
color: orange
memory: local
modle: opus
---

You prepare releases. Never push tags without asking.
""",
    "security-auditor.md": """---
name: security-auditor
description: Audits changes for secrets, injection and unsafe defaults.
Use it before every release.
model: opus
color: red
---

You audit the code for security problems.
""",
}

TOPICS: dict[str, dict[str, str]] = {
    "code-reviewer": {
        "testing.md": "---\nname: testing\ndescription: How tests are written here\n"
        "type: project\n---\n\nTests use pytest with fixtures in `tests/conftest.py`.\n",
        "naming.md": "---\nname: naming\ndescription: Naming conventions\ntype: project\n---\n\n"
        "Modules are nouns; functions are verbs.\n",
        "old-notes.md": "---\nname: old-notes\ndescription: Notes from the first reviews\n"
        "type: feedback\n---\n\nNobody links to this file any more.\n",
    },
    "db-migrator": {
        "naming-scheme.md": "---\nname: naming-scheme\ndescription: Migration file names\n"
        "type: project\n---\n\n`YYYYMMDD_HHMM_<verb>_<table>.sql`\n",
    },
    "docs-writer": {
        "style.md": "---\nname: style\ndescription: House style for docs\ntype: reference\n"
        "---\n\nSentence-case headings. No future tense.\n",
    },
}


def _index(lines: int, links: list[tuple[str, str]], filler: str) -> str:
    out = ["# Memory index", ""]
    out += [f"- [{title}]({target}) — {title.replace('-', ' ')}" for title, target in links]
    number = 1
    while len(out) < lines:
        out.append(f"- {filler} {number}: keep this convention in every review.")
        number += 1
    return "\n".join(out) + "\n"


def write_demo(root: Path) -> Path:
    """Write the demo workspace into `root` (created if needed) and return it."""
    agents = root / ".claude" / "agents"
    agents.mkdir(parents=True, exist_ok=True)
    for name, text in AGENTS.items():
        (agents / name).write_text(text, encoding="utf-8")
    memory = root / ".claude" / "agent-memory"
    for agent, topics in TOPICS.items():
        folder = memory / agent
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in topics.items():
            (folder / name).write_text(text, encoding="utf-8")
    # Over budget: the newest entries (at the end) fall past the 200-line cut.
    over = _index(230, [("testing", "testing.md"), ("naming", "naming.md")], "Review rule")
    over += "- [security-checklist](security-checklist.md) — added last, lost first\n"
    (memory / "code-reviewer" / "MEMORY.md").write_text(over, encoding="utf-8")
    tight = _index(
        185,
        [("naming-scheme", "naming-scheme.md"), ("rollback-plan", "rollback-plan.md")],
        "Migration rule",
    )
    (memory / "db-migrator" / "MEMORY.md").write_text(tight, encoding="utf-8")
    (memory / "docs-writer" / "MEMORY.md").write_text(
        "# Memory index\n\n- [style](style.md) — house style for docs\n", encoding="utf-8"
    )
    stale = memory / "legacy-bot"
    stale.mkdir(parents=True, exist_ok=True)
    (stale / "MEMORY.md").write_text("# legacy-bot\n\n- retired in 2025\n", encoding="utf-8")
    (root / ".gitignore").write_text(".claude/agent-memory-local/\n", encoding="utf-8")
    return root


# A fixed date makes the demo's commit id the same everywhere (screenshots show it).
DEMO_DATE = "2026-01-15T10:00:00+00:00"


def _git(root: Path, *args: str) -> None:
    dated = {"GIT_AUTHOR_DATE": DEMO_DATE, "GIT_COMMITTER_DATE": DEMO_DATE}
    subprocess.run(
        ["git", "-C", str(root), "-c", "user.name=agent-tui demo",
         "-c", "user.email=demo@agent-tui.invalid", "-c", "commit.gpgsign=false", *args],
        check=True, capture_output=True, env={**os.environ, **dated},
    )  # fmt: skip


def make_demo_repo(parent: Path | None = None) -> Path:
    """A temporary copy of the demo as a git repository: one commit, then memory changes to
    review: a reworded topic (staged), a new index entry (unstaged) and a new topic file."""
    base = Path(tempfile.mkdtemp(prefix="agent-tui-demo-", dir=parent))
    root = write_demo(base / "demo")
    if shutil.which("git") is None:
        return root
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "Team agents and their memory")
    testing = root / ".claude" / "agent-memory" / "code-reviewer" / "testing.md"
    testing.write_text(
        testing.read_text(encoding="utf-8").replace(
            "Tests use pytest with fixtures in `tests/conftest.py`.",
            "Tests use pytest with shared fixtures in `tests/fixtures.py`.\n"
            "Snapshot tests run at 120×40 with the cursor still.",
        ),
        encoding="utf-8",
    )
    _git(root, "add", "--", ".claude/agent-memory/code-reviewer/testing.md")
    index = root / ".claude" / "agent-memory" / "docs-writer" / "MEMORY.md"
    with index.open("a", encoding="utf-8") as stream:
        stream.write("- [api-docs](api-docs.md) — how API pages are generated\n")
    (index.parent / "api-docs.md").write_text(
        "---\nname: api-docs\ndescription: API page generation\ntype: project\n---\n\n"
        "Run `make api-docs`; never edit generated pages.\n",
        encoding="utf-8",
    )
    return root
