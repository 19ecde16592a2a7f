"""A new agent file, from a form or a template, and the checks on its name.

Templates name the memory folder by its repo-relative path (or ~ for user memory), never an
absolute one, so the file works on every teammate's machine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from agent_tui.core.frontmatter import render_entry
from agent_tui.core.memory import INDEX_NAME, MemoryScope, memory_dir_name

NAME_STYLE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MEMORY_PATHS = {
    MemoryScope.PROJECT: ".claude/agent-memory/{folder}/",
    MemoryScope.LOCAL: ".claude/agent-memory-local/{folder}/",
    MemoryScope.USER: "~/.claude/agent-memory/{folder}/",
}
MEMORY_NOTE = """
## Memory

Your memory lives in `{path}`. Read `{path}{index}` first. Keep `{index}` an index: one
line per topic, linking a topic file beside it that holds the detail. Claude Code loads only
the first 200 lines of `{index}`, so keep it short and put the newest entries where they
will still load.
"""


@dataclass(frozen=True)
class Template:
    key: str
    title: str
    description: str  # a starting description, edited in the form
    tools: str
    body: str


TEMPLATES = (
    Template("blank", "Blank", "", "", "You are {name}.\n"),
    Template(
        "reviewer",
        "Reviewer",
        "Reviews a change for correctness, tests and style. Use it when a change is ready "
        "for review.",
        "Read, Grep, Glob",
        "You review changes to this repository.\n\n"
        "- Read the diff and the code around it before you judge.\n"
        "- Report problems in order of harm: correctness, security, tests, then style.\n"
        "- Say what to change and why; do not rewrite the change yourself.\n",
    ),
    Template(
        "researcher",
        "Researcher",
        "Finds how something works in this codebase and reports with file references. Use it "
        "for questions that need reading many files.",
        "Read, Grep, Glob, WebFetch",
        "You answer questions about this repository by reading it.\n\n"
        "- Search before you read; read before you answer.\n"
        "- Cite files and lines for every claim.\n"
        "- Say plainly what you could not find.\n",
    ),
    Template(
        "implementer",
        "Implementer",
        "Makes a planned change with tests. Use it when the change is agreed and needs doing.",
        "Read, Grep, Glob, Edit, Write, Bash",
        "You implement agreed changes in this repository.\n\n"
        "- Follow the conventions of the code around the change.\n"
        "- Add or update tests with every change, and run them.\n"
        "- Keep each change small enough to review.\n",
    ),
)


def name_problem(name: str, taken: set[str]) -> str | None:
    """Why `name` cannot be used, or None. The rules are Claude Code's, plus the house style
    (lowercase words joined by dashes) so the file name and memory folder stay simple."""
    if not name:
        return "type a name"
    if not NAME_STYLE.match(name):
        return "lowercase letters, digits and single dashes, such as code-reviewer"
    if len(name) > 256:
        return "at most 256 characters"
    if name in taken:
        return f"an agent named {name} already exists"
    return None


def new_agent_text(
    name: str,
    description: str,
    model: str,
    color: str,
    tools: str,
    memory: MemoryScope | None,
    template: Template,
) -> str:
    """The agent file; each value is written so that it reads back exactly."""
    fields: list[tuple[str, str]] = [("name", name), ("description", description)]
    fields += [(key, value) for key, value in (("model", model), ("color", color)) if value]
    if tools.strip():
        fields.append(("tools", tools.strip()))
    if memory is not None:
        fields.append(("memory", memory.value))
    head = "---\n" + "".join(render_entry(key, value, "\n") for key, value in fields) + "---\n\n"
    body = template.body.format(name=name)
    if memory is not None:
        path = MEMORY_PATHS[memory].format(folder=memory_dir_name(name))
        body += MEMORY_NOTE.format(path=path, index=INDEX_NAME)
    return head + body


def starter_index(name: str) -> str:
    return (
        f"# {name} memory\n\n<!-- One line per topic: a link to its file, then what it holds. -->\n"
    )
