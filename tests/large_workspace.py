"""A workspace shaped like the real ones the main screen failed on: 40 agents whose names
share long prefixes, some with warnings; one agent's 1,200-line index of prose sections (far
over budget) with 60 topic files. Deterministic, so snapshots compare.

    python tests/large_workspace.py DEST
"""

from __future__ import annotations

import sys
from pathlib import Path

PREFIXES = ("planning-reviewer", "backend-architecture-guardian", "frontend")
TAILS = (
    "api",
    "database-migrations",
    "security",
    "performance",
    "accessibility",
    "i18n",
    "observability",
    "release",
    "docs",
    "testing",
    "payments",
    "search",
    "notifications",
)
INDEX_OWNER = "planning-reviewer-api"
TOPICS = 60
SECTIONS = 100  # of 12 lines each: 1,200 lines


def agent_names() -> list[str]:
    names = [f"{prefix}-{tail}" for prefix in PREFIXES for tail in TAILS]
    return [*names, "データ分析-reviewer"][:40]


def agent_text(number: int, name: str) -> str:
    model = ("sonnet", "opus", "haiku", "inherit")[number % 4]
    colour = ("blue", "green", "purple", "orange", "")[number % 5]
    lines = [
        "---",
        f"name: {name}",
        f"description: Reviews {name.replace('-', ' ')} work before it merges.",
        f"model: {model if number % 9 else 'gpt-5'}",  # an unknown model: a warning
    ]
    if colour:
        lines.append(f"color: {colour}")
    if number % 3 == 0:
        lines.append("memory: project")
    if number % 11 == 5:
        lines.append("tols: Read")  # a typo'd key: a warning
    lines += ["---", "", f"You review {name} changes.", ""]
    return "\n".join(lines)


def index_text() -> str:
    lines = ["# Planning reviewer memory", ""]
    for section in range(SECTIONS):
        lines.append(f"## Round {section + 1}: decisions about the billing service")
        topic = f"topic-{section % TOPICS:02d}.md"
        lines.append(f"See [notes {section % TOPICS}]({topic}) for the details of this round.")
        for line in range(9):
            lines.append(
                f"- Decision {section + 1}.{line + 1}: keep the retry budget at "
                f"{line + 3} attempts; the payments team agreed in the review of week {section}."
            )
        lines.append("")
    return "\n".join(lines[:1200]) + "\n"


def make(dest: Path) -> Path:
    agents = dest / ".claude" / "agents"
    agents.mkdir(parents=True, exist_ok=True)
    (dest / ".git").mkdir(exist_ok=True)
    for number, name in enumerate(agent_names()):
        (agents / f"{name}.md").write_text(agent_text(number, name), encoding="utf-8")
    memory = dest / ".claude" / "agent-memory" / INDEX_OWNER
    memory.mkdir(parents=True, exist_ok=True)
    (memory / "MEMORY.md").write_text(index_text(), encoding="utf-8")
    for number in range(TOPICS):
        (memory / f"topic-{number:02d}.md").write_text(
            f"---\nname: notes {number}\ndescription: Round notes {number}\ntype: project\n---\n\n"
            f"Notes for round {number}.\n",
            encoding="utf-8",
        )
    return dest


if __name__ == "__main__":
    print(make(Path(sys.argv[1])))
