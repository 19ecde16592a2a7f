"""A synthetic workspace: 1,000 agents, 1,000 memory directories, 10,000 topic files, and one
5,000-line MEMORY.md. Deterministic, so runs compare.

    python benchmarks/make_workspace.py DEST
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

AGENTS = 1_000
TOPICS_PER_AGENT = 10


def make(dest: Path, git: bool = True) -> Path:
    agents = dest / ".claude" / "agents"
    agents.mkdir(parents=True, exist_ok=True)
    for i in range(AGENTS):
        name = f"agent-{i:04d}"
        description = (
            f"Use it when: task family {i} needs review (1) a (2) b"
            if i % 7 == 0
            else f"Handles task family {i}."
        )
        (agents / f"{name}.md").write_text(
            f"---\nname: {name}\ndescription: {description}\nmodel: sonnet\ncolor: blue\n"
            f"tools: Read, Grep, Write, Edit\nmemory: project\n---\n\n" + "You do things.\n" * 40
        )
        memory = dest / ".claude" / "agent-memory" / name
        memory.mkdir(parents=True, exist_ok=True)
        links = []
        for t in range(TOPICS_PER_AGENT):
            topic = f"topic-{t}.md"
            (memory / topic).write_text(
                f"---\nname: topic-{t}\ndescription: Topic {t}\ntype: project\n---\n\nNotes.\n"
            )
            if t < TOPICS_PER_AGENT - 1:
                links.append(f"- [topic {t}]({topic}) — notes on topic {t}")
        rows = 5_000 if i == 0 else 40
        body = links + [f"- rule {n}: keep it short" for n in range(rows - len(links))]
        (memory / "MEMORY.md").write_text("# Memory\n\n" + "\n".join(body) + "\n")
    if git:
        subprocess.run(["git", "init", "-q", str(dest)], check=True)
    return dest


if __name__ == "__main__":
    make(Path(sys.argv[1]))
