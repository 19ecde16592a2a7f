"""Agent files and what Claude Code 2.1.332 did with each, recorded by running it.

Each case is a frontmatter fragment (beside `name` and `description`) and whether Claude Code
listed the agent as active. `tools/oracle_agents.py` builds these workspaces and asks Claude
Code again, so the recording can be checked against a newer release; the tests hold
agent-tui to it.
"""

from __future__ import annotations

AGENT_CASES: dict[str, tuple[str, bool]] = {
    "h-top-guard": (
        "PreToolUse:\n  - matcher: Bash\n    hooks:\n      - type: command\n        command: x",
        False,
    ),
    "h-top-guard-text": ("PermissionRequest: x", False),
    "h-top-guard-empty": ("PreSkillShellCommand: []", True),
    "h-stray-matcher": (
        "stuff:\n  - matcher: Bash\n    hooks:\n      - type: command\n        command: x",
        False,
    ),
    "h-stray-empty": ("stuff:\n  - hooks: []", True),
    "h-stray-no-hooks": ("stuff:\n  - matcher: x", True),
    "h-guard-bogus": (
        "hooks:\n  PreToolUse:\n    - matcher: Bash\n      hooks:\n        - type: bogus",
        False,
    ),
    "h-other-bogus": ("hooks:\n  Stop:\n    - hooks:\n        - type: bogus", True),
    "h-guard-text": ("hooks:\n  PreToolUse: x", False),
    "h-other-text": ("hooks:\n  Stop: y", True),
    "h-guard-empty": ("hooks:\n  PreToolUse: []", True),
    "h-unknown-event": ("hooks:\n  Bogus:\n    - matcher: x", True),
    "h-empty-map": ("hooks: {}", True),
    "h-list": ("hooks: []", False),
    "h-text": ("hooks: x", False),
    "h-false": ("hooks: false", True),
    "h-no-hooks-key": ("hooks:\n  PreToolUse:\n    - matcher: Bash", False),
    "h-matcher-number": (
        "hooks:\n  PreToolUse:\n    - matcher: 5\n      hooks:\n        - type: command\n          command: x",
        False,
    ),
    "h-matcher-null": (
        "hooks:\n  PreToolUse:\n    - matcher: ~\n      hooks:\n        - type: command\n          command: x",
        False,
    ),
    "h-no-command": ("hooks:\n  PreToolUse:\n    - hooks:\n        - type: command", False),
    "h-timeout-text": (
        "hooks:\n  PreToolUse:\n    - hooks:\n        - type: command\n          command: x\n          timeout: '5'",
        False,
    ),
    "h-timeout-zero": (
        "hooks:\n  PreToolUse:\n    - hooks:\n        - type: command\n          command: x\n          timeout: 0",
        False,
    ),
    "h-shell-bash": (
        "hooks:\n  PreToolUse:\n    - hooks:\n        - type: command\n          command: x\n          shell: bash",
        True,
    ),
    "h-shell-fish": (
        "hooks:\n  PreToolUse:\n    - hooks:\n        - type: command\n          command: x\n          shell: fish",
        False,
    ),
    "h-extra-keys": (
        "hooks:\n  PreToolUse:\n    - matcher: Bash\n      extra: 1\n      hooks:\n        - type: command\n          command: x\n          bogus: 2",
        True,
    ),
    "h-http-bad-url": (
        "hooks:\n  PreToolUse:\n    - hooks:\n        - type: http\n          url: notaurl",
        False,
    ),
    "h-http-url": (
        "hooks:\n  PreToolUse:\n    - hooks:\n        - type: http\n          url: https://example.invalid/x",
        True,
    ),
    "h-prompt": (
        "hooks:\n  PreSkillShellCommand:\n    - hooks:\n        - type: prompt\n          prompt: x",
        True,
    ),
    "h-mcp-no-tool": (
        "hooks:\n  PreToolUse:\n    - hooks:\n        - type: mcp_tool\n          server: a",
        False,
    ),
    "h-single-matcher": (
        "hooks:\n  matcher: Bash\n  hooks:\n      - type: command\n        command: x",
        False,
    ),
    "v-model-id": ("model: my-custom-model-2", True),
    "v-model-1m": ("model: opus[1m]", True),
    "v-effort-med": ("effort: med", True),
    "v-effort-int": ("effort: 12", True),
    "v-turns-text": ("maxTurns: '5.0'", True),
    "v-isolation-remote": ("isolation: remote", True),
    "v-color-bad": ("color: mauve", True),
    "y-colon": ("model: opus\nskills: [a, b]\nx-note: Use when: this", True),
    "y-indented-after-colon": ("x-note: Use when: x\n  more words here", False),
    "y-tab-indent": ("tools:\n\t- Read", True),
}
NAME_CASES: dict[str, tuple[str, bool]] = {
    "n-emoji-long": ("a" * 254 + "\U0001f600", True),  # 256 UTF-16 units
    "n-emoji-over": ("a" * 255 + "\U0001f600", False),  # 257
    "n-fullwidth-colon": ("a\uff1ab", False),  # NFKC makes it a colon
    "n-dash": ("-lead", False),
}

# Whole files (line endings, encodings) and whether Claude Code 2.1.332 listed them.
_PLAIN = "---\nname: {name}\ndescription: {description}\n---\nbody\n"
FILE_CASES: dict[str, tuple[bytes, bool]] = {
    "e-crlf": (_PLAIN.format(name="e-crlf", description="d").replace("\n", "\r\n").encode(), True),
    "e-crlf-colon": (
        _PLAIN.format(name="e-crlf-colon", description="Use when: x")
        .replace("\n", "\r\n")
        .encode(),
        False,
    ),
    "e-lone-cr": (
        _PLAIN.format(name="e-lone-cr", description="d").replace("\n", "\r").encode(),
        False,
    ),
    "e-latin1": (_PLAIN.format(name="e-latin1", description="caf\xe9").encode("latin-1"), True),
    "e-nul": (_PLAIN.format(name="e-nul", description="a\x00b").encode(), False),
}
