"""Compare agent-tui with Claude Code itself on whole workspaces: which agents are active,
which of two same-named agents wins, and the exact memory text an agent receives.

Needs the `claude` binary (`npm install @anthropic-ai/claude-code@2.1.332`); run by hand, not
part of the test run. Nothing leaves the machine (see claude_code.py).

    python tools/oracle_agents.py --claude PATH/TO/claude [--corpus DIR ...] [--memory N]
        [--seed S]

Workspaces checked:
- edge cases: names, hooks, values and YAML shapes (the table in EDGE_CASES);
- every file of each --corpus folder, one workspace per folder;
- discovery: nested `.claude/agents` folders, a start folder below the root, duplicates in one
  folder (the winner read from `--agent NAME`'s model), symlinked folders;
- memory: N random MEMORY.md texts (CJK, emoji, CRLF, frontmatter, comments, blank lines,
  one huge line), compared character for character with what Claude Code sends.
It prints each disagreement and the counts.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parents[1] / "tests"))
from claude_code import ClaudeCode

from agent_tui.core.budget import as_injected, measure, split_loaded
from claude_code_cases import AGENT_CASES, FILE_CASES, NAME_CASES
from conftest import write_tree


def agent_text(name: str, extra: str = "", description: str = "d") -> str:
    extra = extra + "\n" if extra else ""
    return f"---\nname: {name}\ndescription: {description}\n{extra}---\nbody\n"


def ours(
    folder: Path, home: Path, plugins: tuple[Path, ...] = ()
) -> tuple[set[str], dict[str, dict[str, object]]]:
    env = dict(os.environ, HOME=str(home))
    env.pop("CLAUDE_CONFIG_DIR", None)
    flags = [item for plugin in plugins for item in ("--plugin-dir", str(plugin))]
    out = subprocess.run(
        [sys.executable, "-m", "agent_tui", "-C", str(folder), *flags, "ls", "--json"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    data = json.loads(out.stdout)
    active = {a["name"] for a in data["agents"] if a["loads"] and not a["shadowed_by"]}
    return active, {a["file"]: a for a in data["agents"]}


class Tally:
    def __init__(self) -> None:
        self.compared = 0
        self.agreed = 0
        self.disagreements: list[str] = []

    def check(self, what: str, theirs: object, mine: object) -> None:
        self.compared += 1
        if theirs == mine:
            self.agreed += 1
        else:
            self.disagreements.append(f"{what}: Claude Code {theirs!r}, agent-tui {mine!r}")


def workspace(files: dict[str, str | bytes]) -> Path:
    root = Path(tempfile.mkdtemp(prefix="oracle-ws-"))
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    return write_tree(root, files)


def compare_active(
    cc: ClaudeCode,
    tally: Tally,
    label: str,
    root: Path,
    start: Path | None = None,
    plugins: tuple[Path, ...] = (),
) -> None:
    folder = start or root
    theirs = cc.ask(folder, plugin_dirs=plugins).agents
    mine, listed = ours(folder, cc.home, plugins)
    names = {str(agent["name"]) for agent in listed.values() if agent["name"]}
    for name in sorted(theirs | mine | names):
        tally.check(f"{label}: {name[:40]} active", name in theirs, name in mine)


def edge_cases(cc: ClaudeCode, tally: Tally) -> None:
    files: dict[str, str | bytes] = {
        f".claude/agents/{key}.md": agent_text(key, extra)
        for key, (extra, _) in AGENT_CASES.items()
    }
    files.update(
        {f".claude/agents/{key}.md": agent_text(name) for key, (name, _) in NAME_CASES.items()}
    )
    files.update({f".claude/agents/{key}.md": data for key, (data, _) in FILE_CASES.items()})
    files[".claude/agents/e-big.md"] = agent_text("e-big") + "x" * 1_048_576
    files[".claude/agents/e-upper.MD"] = agent_text("e-upper")
    files[".claude/agents/.hidden/e-hidden.md"] = agent_text("e-hidden")
    files[".claude/agents/e-ls.md"] = agent_text("e-ls", description="a\u2028b")
    files[".claude/agents/e-nel.md"] = agent_text("e-nel", description="a\x85b")
    root = workspace(files)
    compare_active(cc, tally, "edge", root)
    active = cc.ask(root).agents
    for key, (_, recorded) in AGENT_CASES.items():
        tally.check(f"recorded case {key}", key in active, recorded)
    for key, (name, recorded) in NAME_CASES.items():
        tally.check(f"recorded case {key}", name in active, recorded)
    for key, (_, recorded) in FILE_CASES.items():
        tally.check(f"recorded case {key}", key in active, recorded)
    shutil.rmtree(root)


def corpus(cc: ClaudeCode, tally: Tally, folder: Path) -> None:
    files: dict[str, str | bytes] = {
        f".claude/agents/{path.name}": path.read_bytes() for path in sorted(folder.rglob("*.md"))
    }
    root = workspace(files)
    compare_active(cc, tally, f"corpus {folder.name}", root)
    shutil.rmtree(root)


def discovery(cc: ClaudeCode, tally: Tally) -> None:
    root = workspace(
        {
            ".claude/agents/top.md": agent_text("top", "model: haiku"),
            ".claude/agents/both.md": agent_text("both", "model: haiku"),
            "pkg/api/.claude/agents/both.md": agent_text("both", "model: opus"),
            "pkg/api/.claude/agents/inner.md": agent_text("inner"),
            "pkg/.claude/agents/middle.md": agent_text("middle"),
            "other/.claude/agents/never.md": agent_text("never"),
            ".claude/agents/a-dup.md": agent_text("dup", "model: haiku"),
            ".claude/agents/z-dup.md": agent_text("dup", "model: opus"),
            ".claude/agents/B-dup.md": agent_text("dup2", "model: haiku"),
            ".claude/agents/a-dup2.md": agent_text("dup2", "model: opus"),
            "shared/linked.md": agent_text("linked"),
            "-pkg/.claude/agents/both.md": agent_text("both", "model: sonnet"),
        }
    )
    (root / ".claude/agents/sub").symlink_to(root / "shared", target_is_directory=True)
    (root / ".claude/agents/loop").symlink_to(root / ".claude/agents", target_is_directory=True)
    start = root / "pkg/api"
    compare_active(cc, tally, "discovery (start pkg/api)", root, start)
    compare_active(cc, tally, "discovery (start at root)", root)
    dash = root / "-pkg"
    _, mine = ours(dash, cc.home)
    winner_model = [
        a["model"] for a in mine.values() if a["name"] == "both" and not a["shadowed_by"]
    ]
    theirs_model = cc.ask(dash, agent="both").model or ""
    tally.check(
        "discovery: closest of two folders wins (start -pkg)",
        "sonnet" in theirs_model,
        winner_model == ["sonnet"],
    )
    _, mine = ours(start, cc.home)
    for name in ("both", "dup", "dup2"):
        theirs_model = cc.ask(start, agent=name).model or ""
        winner = [
            a for a in mine.values() if a["name"] == name and a["loads"] and not a["shadowed_by"]
        ]
        ours_model = str(winner[0]["model"]) if len(winner) == 1 else f"{len(winner)} winners"
        tally.check(
            f"discovery: winner of {name}",
            theirs_model.split("-")[1] if "-" in theirs_model else theirs_model,
            ours_model,
        )
    shutil.rmtree(root)


def plugins(cc: ClaudeCode, tally: Tally) -> None:
    """Plugin agents: `plugin:sub:name` ids, optional name and description, lenient YAML."""
    root = workspace(
        {
            "myplug/.claude-plugin/plugin.json": '{"name": "myplug", "version": "0.1.0"}',
            "myplug/agents/a.md": agent_text("named"),
            "myplug/agents/no-name.md": "---\ndescription: only\n---\nbody\n",
            "myplug/agents/sub/c.md": agent_text("inner"),
            "myplug/agents/plain.md": "no frontmatter at all\n",
            "myplug/agents/colon.md": agent_text("bad:name"),
            "myplug/agents/hooky.md": agent_text("hooky", "hooks:\n  PreToolUse: x"),
            "myplug/agents/broken.md": "---\nname: broken\ndescription: x\n  y: z\nfoo\n---\n",
            "myplug/agents/number.md": "---\nname: 5\n---\n",
            "bare/agents/x.md": "---\nname: x\n---\n",
            "ws/.claude/agents/local.md": agent_text("local"),
        }
    )
    compare_active(cc, tally, "plugins", root / "ws", plugins=(root / "myplug", root / "bare"))
    shutil.rmtree(root)


PIECES = ["- [Topic](topic.md) — a hook line", "## Section", "漢字かな交じりの行", "😀 emoji line",
          "<!-- a comment -->", "", "   ", "- plain bullet with: colon", "\t- tabbed", "```",
          "<!--\nmulti\n-->", "   <!-- indented -->", "> <!-- quoted -->", "a <!-- inline -->",
          "<!-- open", "-->"]  # fmt: skip


def random_memory(rng: random.Random) -> str:
    head = rng.choice(["", "---\nname: idx\n---\n", "\n\n  \n", "<!--\nnote\n-->\n", "\ufeff"])
    count = rng.choice([5, 150, 199, 200, 201, 230, 400])
    rows = [rng.choice(PIECES) + f" {i}" * rng.randint(0, 1) for i in range(count)]
    if rng.random() < 0.3:
        rows.insert(
            rng.randrange(len(rows) + 1), rng.choice(["x", "漢", "😀"]) * rng.randint(3000, 26000)
        )
    text = head + "\n".join(rows) + rng.choice(["", "\n", "\n\n"])
    return text.replace("\n", "\r\n") if rng.random() < 0.2 else text


def memory(cc: ClaudeCode, tally: Tally, count: int, rng: random.Random) -> None:
    root = workspace({".claude/agents/keeper.md": agent_text("keeper", "memory: project")})
    index = root / ".claude/agent-memory/keeper/MEMORY.md"
    index.parent.mkdir(parents=True)
    for number in range(count):
        text = random_memory(rng)
        index.write_bytes(text.encode("utf-8"))
        theirs = cc.ask(root, agent="keeper").memory
        source = text.removeprefix("\ufeff")
        loaded, _ = split_loaded(source)
        budget = measure(source)
        mine = as_injected(loaded + (f"\n\n{budget.warning}" if budget.warning else ""))
        if not loaded:
            mine = "Your MEMORY.md is currently empty. When you save new memories, they will appear here."
        tally.check(f"memory #{number} ({budget.lines} lines, {budget.chars} chars)", theirs, mine)
    shutil.rmtree(root)


def auto_memory_text(answer: object) -> str | None:
    """The main session's memory as Claude Code sent it (in a reminder, not the prompt)."""
    marker = "(user's auto-memory, persists across conversations):\n\n"
    for request in answer.requests:  # type: ignore[attr-defined]
        for message in request.get("messages", []):
            content = message.get("content")
            parts = content if isinstance(content, list) else [{"text": content}]
            for part in parts:
                text = part.get("text") if isinstance(part, dict) else None
                if isinstance(text, str) and marker in text:
                    body = text.split(marker, 1)[1]
                    return body.rsplit("\n</system-reminder>", 1)[0]
    return None


def auto_memory(cc: ClaudeCode, tally: Tally, count: int, rng: random.Random) -> None:
    """The main session's memory: found where agent-tui says (a long path needs the hashed
    slug), cut by its own rule (frontmatter and comments stripped first)."""
    base = Path(tempfile.mkdtemp(prefix="oracle-auto-"))
    root = base / ("a-very-long-folder-name-" * 9) / "repo😀"
    root.mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    env = dict(os.environ, HOME=str(cc.home))
    env.pop("CLAUDE_CONFIG_DIR", None)
    listing = subprocess.run(
        [sys.executable, "-m", "agent_tui", "-C", str(root), "ls", "--json"],
        capture_output=True, text=True, env=env, check=True,
    )  # fmt: skip
    folder = Path(json.loads(listing.stdout)["auto_memory"]["memory_dir"])
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        text = random_memory(rng)
        (folder / "MEMORY.md").write_bytes(text.encode("utf-8"))
        theirs = auto_memory_text(cc.ask(root, request=True))
        source = text.removeprefix("\ufeff")
        loaded, _ = split_loaded(source, strip=True)
        budget = measure(source, strip=True)
        mine = as_injected(loaded + (f"\n\n{budget.warning}" if budget.warning else ""))
        tally.check(
            f"auto memory #{number} ({budget.lines} lines)", theirs, mine if loaded else None
        )
    shutil.rmtree(base)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claude", required=True)
    parser.add_argument("--corpus", action="append", default=[], type=Path)
    parser.add_argument("--memory", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    cc = ClaudeCode(args.claude)
    tally = Tally()
    edge_cases(cc, tally)
    discovery(cc, tally)
    plugins(cc, tally)
    for folder in args.corpus:
        corpus(cc, tally, folder)
    memory(cc, tally, args.memory, random.Random(args.seed))
    auto_memory(cc, tally, max(1, args.memory // 3), random.Random(args.seed + 1))
    for line in tally.disagreements:
        print("DISAGREE", line if len(line) < 600 else line[:600] + " …")
    print(f"{tally.agreed} of {tally.compared} agree")
    return 0 if not tally.disagreements else 1


if __name__ == "__main__":
    raise SystemExit(main())
