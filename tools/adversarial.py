"""An adversarial run: hostile workspaces and arguments, and what agent-tui's commands do.

    python tools/adversarial.py [--seed N] [--rounds N]

Per class of input it counts the inputs tried, hangs (no answer in 20 s), crashes (a Python
traceback), bytes changed unasked (a read-only command, or a refused `set`, that changed a
file; a `set` that changed another key's value), raw terminal escapes in the output, and
writes that landed outside the repository. Run by hand; not part of the test run.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1] / "tests"))
from agent_tui.core.agent import AgentScope, parse_agent_text
from agent_tui.core.textfile import TextFile
from conftest import write_tree

RAW_ESCAPES = ("\x1b", "\x9b", "\x07", "\u202e", "\x08")
TIMEOUT = 20


def agent(name: str, extra: str = "") -> str:
    return f"---\nname: {name}\ndescription: d\n{extra}---\nbody\n"


def snapshot(root: Path) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for path in root.rglob("*"):
        if path.is_symlink() or not path.is_file() or ".git" in path.parts:
            continue
        files[str(path.relative_to(root))] = path.read_bytes()
    return files


class Run:
    def __init__(self) -> None:
        self.tried: Counter[str] = Counter()
        self.hangs: Counter[str] = Counter()
        self.crashes: Counter[str] = Counter()
        self.changed: Counter[str] = Counter()
        self.escapes: Counter[str] = Counter()
        self.outside: Counter[str] = Counter()
        self.notes: list[str] = []

    def command(
        self, kind: str, root: Path, *args: str | bytes
    ) -> subprocess.CompletedProcess[bytes] | None:
        self.tried[kind] += 1
        try:
            done = subprocess.run(
                [sys.executable, "-m", "agent_tui", "-C", str(root), *args],
                capture_output=True, timeout=TIMEOUT, check=False,
            )  # fmt: skip
        except subprocess.TimeoutExpired:
            self.hangs[kind] += 1
            self.notes.append(f"hang: {kind} {args}")
            return None
        if b"Traceback" in done.stderr:
            self.crashes[kind] += 1
            self.notes.append(
                f"crash: {kind} {args}: {done.stderr.decode(errors='replace')[-300:]}"
            )
        text = done.stdout.decode("utf-8", "replace") + done.stderr.decode("utf-8", "replace")
        if "--json" not in args and any(escape in text for escape in RAW_ESCAPES):
            self.escapes[kind] += 1
            self.notes.append(f"escape: {kind} {args}")
        return done

    def read_only_commands(self, kind: str, root: Path) -> None:
        before = snapshot(root)
        for args in (("ls",), ("ls", "--json"), ("check",), ("check", "--json")):
            self.command(kind, root, *args)
        if snapshot(root) != before:
            self.changed[kind] += 1
            self.notes.append(f"changed by a read-only command: {kind}")


def workspace(files: dict[str, str | bytes]) -> Path:
    root = Path(tempfile.mkdtemp(prefix="adv-"))
    (root / ".git").mkdir()
    return write_tree(root, files)


def special_files(run: Run) -> None:
    base = {".claude/agents/a.md": agent("a", "memory: project\n"),
            ".claude/agent-memory/a/MEMORY.md": "- [t](t.md)\n"}  # fmt: skip
    makers = {
        "fifo agent": lambda r: os.mkfifo(r / ".claude/agents/x.md"),
        "fifo index": lambda r: (os.remove(r / ".claude/agent-memory/a/MEMORY.md"),
                                 os.mkfifo(r / ".claude/agent-memory/a/MEMORY.md")),
        "fifo topic": lambda r: os.mkfifo(r / ".claude/agent-memory/a/t.md"),
        "/dev/zero agent": lambda r: (r / ".claude/agents/z.md").symlink_to("/dev/zero"),
        "/dev/zero index": lambda r: (os.remove(r / ".claude/agent-memory/a/MEMORY.md"),
                                      (r / ".claude/agent-memory/a/MEMORY.md").symlink_to("/dev/zero")),
        "/dev/urandom topic": lambda r: (r / ".claude/agent-memory/a/t.md").symlink_to("/dev/urandom"),
        "socket agent": lambda r: socket.socket(socket.AF_UNIX).bind(str(r / ".claude/agents/s.md")),
        "folder named .md": lambda r: (r / ".claude/agents/d.md").mkdir(),
        "dangling link": lambda r: (r / ".claude/agents/gone.md").symlink_to(r / "nowhere.md"),
        "self-loop file": lambda r: (r / ".claude/agents/loop.md").symlink_to("loop.md"),
        "self-loop folder": lambda r: (r / ".claude/agent-memory/loop").symlink_to("loop"),
        "agents folder loop": lambda r: (r / ".claude/agents/again").symlink_to(r / ".claude/agents"),
        "topic folder loop": lambda r: (r / ".claude/agent-memory/a/sub").symlink_to("."),
        "huge index": lambda r: (r / ".claude/agent-memory/a/MEMORY.md").write_bytes(b"- x\n" * 3_000_000),
    }  # fmt: skip
    for kind, make in makers.items():
        root = workspace(dict(base))
        make(root)
        run.read_only_commands(f"special files: {kind}", root)
        shutil.rmtree(root, ignore_errors=True)


def hostile_text(run: Run, rng: random.Random) -> None:
    pieces = ["\\e[2J", "\\e[H", "\\a", "\\x9b31m", "\\u202e", "\\0", "\\t", "😀", "：", "漢字",
              "\\u2028", "\\x85", "a" * 300]  # fmt: skip
    for index in range(30):
        name = "n" + "".join(rng.choice(pieces) for _ in range(rng.randint(1, 3)))
        root = workspace({
            f".claude/agents/a{index}.md": f'---\nname: "{name}"\ndescription: "{rng.choice(pieces)}"\n'
                                            f'model: "{rng.choice(pieces)}"\n---\nbody\n',
        })  # fmt: skip
        run.read_only_commands("hostile names and values", root)
        shutil.rmtree(root)


ODD_FRONTMATTER = [
    "name: a\ndescription: &d Reviews code\ninitialPrompt: *d\n",
    "name: a\ndescription: d\n...\n",
    "- a\n- b\n",
    "{name: a, description: d}\n",
    "name: a\ndescription: d\nname: b\n",
    "name: a  # the name\ndescription: d # why\nmodel: opus # which\n",
    "name: a\r\ndescription: d\r\n",
    "\ufeffname: a\ndescription: d\n",
    "name: a\ndescription: |\n  two\n  lines\nmodel: opus\n",
    "name: a\ndescription: >-\n  folded\n  text\n",
    "name: a\ndescription: d\ntools: [Read, Grep]\n",
    "name: a\ndescription: d\nhooks:\n  Stop:\n    - hooks:\n        - type: command\n          command: x\n",
    "name: a\ndescription: 'it''s'\n",
    "name: a\ndescription: Use when: x\n",
    "name: a\ndescription: d\nmodel:\n",
    "name: !!str a\ndescription: d\n",
    "name: a\ndescription: d\nextra: &x {k: v}\nmore: *x\n",
]  # fmt: skip
SET_ARGS: list[list[str | bytes]] = [
    ["model=opus"], ["--unset", "description"], ["description=new: text # not a comment"],
    ["description=---"], ["description=line one\nline two"], ["model=*d"], ["tools=[Read, Write]"],
    ["maxTurns=5"], [b"description=\xff\xfe"], ["name=b"], ["initialPrompt=" + "z" * 5000],
    ["--unset", "model"], ["color=red", "--unset", "name"],
]  # fmt: skip


def fields(text: str) -> dict[str, object]:
    path = Path("a.md")
    agent_file = parse_agent_text(path, AgentScope.PROJECT, TextFile(path, text, False, "\n", 0, 0))
    return {"loads": agent_file.verdict.loads, **agent_file.fields}


def set_edits(run: Run) -> None:
    for frontmatter in ODD_FRONTMATTER:
        for args in SET_ARGS:
            text = f"---\n{frontmatter}---\nbody\n"
            root = workspace({".claude/agents/a.md": text})
            path = root / ".claude/agents/a.md"
            before = path.read_bytes()
            done = run.command("set on odd frontmatter", root, "set", str(path), *args)
            after = path.read_bytes()
            if done is not None and done.returncode != 0 and after != before:
                run.changed["set on odd frontmatter"] += 1
                run.notes.append(f"refused set changed bytes: {frontmatter!r} {args}")
            if done is not None and done.returncode == 0 and after != before:
                old, new = fields(before.decode("utf-8-sig")), fields(after.decode("utf-8-sig"))
                touched = {str(a).split("=")[0] for a in args if isinstance(a, str)} | {
                    str(args[i + 1]) for i, a in enumerate(args) if a == "--unset"
                }
                others = {k for k in set(old) | set(new) if k not in touched and k != "loads"}
                if any(old.get(k) != new.get(k) for k in others) or (
                    old["loads"] and not new["loads"]
                ):
                    run.changed["set on odd frontmatter"] += 1
                    run.notes.append(f"set changed another key: {frontmatter!r} {args}")
            shutil.rmtree(root)


def links_out(run: Run) -> None:
    outside = Path(tempfile.mkdtemp(prefix="adv-outside-"))
    (outside / "MEMORY.md").write_text("- outside\n")
    (outside / "deep").mkdir()
    (outside / "deep/private.md").write_text("private\n")
    cases = {
        "memory folder to /": ("/", ".claude/agent-memory/a"),
        "memory folder outside": (str(outside), ".claude/agent-memory/a"),
        "topic folder outside": (str(outside), ".claude/agent-memory/a/sub"),
        "local memory outside": (str(outside), ".claude/agent-memory-local/a"),
    }
    for kind, (target, link) in cases.items():
        root = workspace({".claude/agents/a.md": agent("a", "memory: project\n")})
        (root / link).parent.mkdir(parents=True, exist_ok=True)
        (root / link).symlink_to(target, target_is_directory=True)
        before = snapshot(outside)
        run.read_only_commands(f"links out: {kind}", root)
        done = run.command(f"links out: {kind}", root, "ls", "--json")
        if done is not None and (b"private.md" in done.stdout or b'"bin"' in done.stdout):
            run.outside[f"links out: {kind}"] += 1
            run.notes.append(f"listed foreign names: {kind}")
        if snapshot(outside) != before:
            run.outside[f"links out: {kind}"] += 1
        shutil.rmtree(root)
    far = outside / "far.md"
    far.write_text(agent("far"))
    root = workspace({".claude/agents/a.md": agent("a")})
    (root / ".claude/agents/far.md").symlink_to(far)
    run.command("links out: agent file", root, "set", "far", "model=opus")
    if "model" in far.read_text():
        run.outside["links out: agent file"] += 1
    shutil.rmtree(root)
    shutil.rmtree(outside)


def encodings(run: Run) -> None:
    bodies: dict[str, bytes] = {
        "latin-1 agent": agent("l").encode() + "café".encode("latin-1"),
        "utf-16 agent": agent("u").encode("utf-16"),
        "NUL in body": agent("z").encode() + b"\x00\x01\x02",
        "NUL in frontmatter": b"---\nname: z\x00\ndescription: d\n---\n",
        "lone surrogate bytes": agent("s").encode() + b"\xed\xa0\x80",
        "BOM and CRLF": b"\xef\xbb\xbf" + agent("b").replace("\n", "\r\n").encode(),
        "lone CR": agent("c").replace("\n", "\r").encode(),
        "empty": b"",
        "just ---": b"---",
        "2 MiB": agent("big").encode() + b"x" * 2_097_152,
    }
    for kind, data in bodies.items():
        root = workspace({".claude/agents/a.md": data,
                          ".claude/agent-memory/a/MEMORY.md": data})  # fmt: skip
        run.read_only_commands(f"encodings: {kind}", root)
        shutil.rmtree(root)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    run = Run()
    special_files(run)
    hostile_text(run, random.Random(args.seed))
    encodings(run)
    links_out(run)
    set_edits(run)
    classes = sorted({kind.split(":")[0] for kind in run.tried})
    print(f"{'class':28} tried hangs crashes changed escapes outside")

    def total(counter: Counter[str], name: str) -> int:
        return sum(v for k, v in counter.items() if k.split(":")[0] == name)

    for name in classes:
        counts = [total(c, name) for c in (run.tried, run.hangs, run.crashes, run.changed,
                                            run.escapes, run.outside)]  # fmt: skip
        print(f"{name:28} " + " ".join(f"{n:7}" for n in counts))
    for note in run.notes[:40]:
        print(" ", note)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
