"""Compare agent-tui's verdicts with Claude Code's own validator, file by file.

Needs the `claude` binary (`npm install @anthropic-ai/claude-code`); not part of the test run.

    python tools/oracle_compare.py --claude PATH/TO/claude [--mutations 2000] [FILES_OR_DIRS...]

For every file it asks both sides one question each: does the frontmatter parse, is a present
`description` a string/number/boolean, is a present `name` a string. With --mutations N it also
writes N variants of the given files (lines reordered, quoted, unquoted, CRLF, tabs, `: ` and
YAML indicators injected) and compares those. It prints the counts and every disagreement.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import tempfile
from pathlib import Path

from agent_tui.core.agent import AgentScope, parse_agent_text
from agent_tui.core.textfile import FileProblem, TextFile, decode_text, detect_newline


def ours(data: bytes) -> tuple[bool, bool, bool]:
    """(parse_error, description_error, name_error) as the validator would word them."""
    try:
        text, bom = decode_text(Path("x.md"), data)
    except FileProblem:
        return True, False, False
    agent = parse_agent_text(
        Path("x.md"),
        AgentScope.PROJECT,
        TextFile(Path("x.md"), text, bom, detect_newline(text), 0, len(data)),
    )
    parsed = agent.parsed
    if parsed is None:
        return False, False, False
    if not parsed.ok:
        return True, False, False
    value = parsed.value if isinstance(parsed.value, dict) else {}
    description = value.get("description")
    name = value.get("name")
    return (
        False,
        isinstance(description, (list, dict)),
        name is not None and not isinstance(name, str),
    )


def plugin_tree(files: dict[str, bytes]) -> tuple[Path, dict[str, str]]:
    """A throwaway plugin folder holding `files` under agents/, and the environment that keeps
    the validator offline and away from the real home folder."""
    work = Path(tempfile.mkdtemp(prefix="oracle-"))
    (work / ".claude-plugin").mkdir()
    (work / ".claude-plugin" / "plugin.json").write_text(
        '{"name":"p","version":"0.1.0","description":"x","author":{"name":"a"}}'
    )
    (work / "agents").mkdir()
    for name, data in files.items():
        (work / "agents" / name).write_bytes(data)
    env = dict(
        os.environ,
        HOME=str(work / "home"),
        DISABLE_TELEMETRY="1",
        CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC="1",
        DISABLE_AUTOUPDATER="1",
    )
    return work, env


def theirs(claude: str, files: dict[str, bytes]) -> dict[str, tuple[bool, bool, bool]]:
    work, env = plugin_tree(files)
    out = subprocess.run(
        [claude, "plugin", "validate", "--json", "--strict", str(work)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    ).stdout
    report = json.loads(out)
    result = {name: (False, False, False) for name in files}
    for content in report["contents"]:
        name = Path(content["file"]).name
        paths = {error["path"] for error in content["errors"]}
        result[name] = ("frontmatter" in paths, "description" in paths, "name" in paths)
    shutil.rmtree(work)
    return result


INJECTIONS = [
    ": ",
    " #x",
    "{",
    "}",
    "[a]",
    "*",
    "&a ",
    "!",
    "|",
    ">",
    "%",
    "@",
    "`",
    "'",
    '"',
    "---",
    "\t",
    "\\n",
    "yes",
    "42",
    "null",
    "- ",
    "::",
    "{{X}}",
    "[a, b",
    "\\",
]


def mutate(data: bytes, rng: random.Random) -> bytes:
    text = data.decode("utf-8", "replace")
    lines = text.split("\n")
    try:
        close = lines.index("---", 1)
    except ValueError:
        close = min(len(lines), 8)
    for _ in range(rng.randint(1, 3)):
        if close <= 1:
            break
        index = rng.randint(1, close - 1)
        line = lines[index]
        choice = rng.random()
        if choice < 0.45 and ":" in line:
            key, _, value = line.partition(":")
            at = rng.randint(0, len(value))
            value = value[:at] + rng.choice(INJECTIONS) + value[at:]
            lines[index] = key + ":" + value
        elif choice < 0.6:
            lines.insert(
                index + 1,
                rng.choice(
                    [
                        "continued text",
                        "  indented more",
                        "x: y",
                        "# comment",
                        "",
                        "- item",
                        "\tTabbed: x",
                    ]
                ),
            )
            close += 1
        elif choice < 0.75 and ":" in line:
            key, _, value = line.partition(":")
            value = value.strip()
            lines[index] = f'{key}: "{value}"' if rng.random() < 0.5 else f"{key}: '{value}'"
        elif choice < 0.85:
            lines[index] = line + rng.choice([":", " :", ": x", " # c", "  "])
        else:
            lines[index] = rng.choice(
                ["description:", "name:", "description: " + rng.choice(INJECTIONS)]
            )
    out = "\n".join(lines)
    if rng.random() < 0.15:
        out = out.replace("\n", "\r\n")
    if rng.random() < 0.05:
        out = "\ufeff" + out
    return out.encode("utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--claude", required=True)
    parser.add_argument("--mutations", type=int, default=0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--dump", help="write each disagreeing file into this folder")
    parser.add_argument("paths", nargs="*")
    args = parser.parse_args()
    sources: list[Path] = []
    for raw in args.paths:
        path = Path(raw)
        sources += sorted(path.rglob("*.md")) if path.is_dir() else [path]
    files = {f"f{i:05d}.md": path.read_bytes() for i, path in enumerate(sources)}
    origin = {f"f{i:05d}.md": str(path) for i, path in enumerate(sources)}
    rng = random.Random(args.seed)
    for i in range(args.mutations):
        base = rng.choice(sources)
        name = f"m{i:05d}.md"
        files[name] = mutate(base.read_bytes()[:4000], rng)
        origin[name] = f"mutation of {base.name}"
    verdicts: dict[str, tuple[bool, bool, bool]] = {}
    names = list(files)
    for start in range(0, len(names), 400):
        chunk = {name: files[name] for name in names[start : start + 400]}
        verdicts.update(theirs(args.claude, chunk))
    agree = 0
    for name in names:
        mine = ours(files[name])
        if mine == verdicts[name]:
            agree += 1
        else:
            print(f"DISAGREE {origin[name]}: ours={mine} claude={verdicts[name]}")
            if args.dump:
                Path(args.dump).mkdir(parents=True, exist_ok=True)
                (Path(args.dump) / name).write_bytes(files[name])
    print(f"{agree}/{len(names)} files agree with `claude plugin validate`")


if __name__ == "__main__":
    main()
