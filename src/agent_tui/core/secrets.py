"""Secrets that must not reach a shared repository: what a line that holds one looks like."""

from __future__ import annotations

import re
from dataclasses import dataclass

# (kind, pattern). Each pattern matches the secret itself, so the finding can mask it.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("private key", re.compile(r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----")),
    ("AWS access key", re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b")),
    ("GitHub token", re.compile(r"\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_\w{40,})")),
    ("GitLab token", re.compile(r"\bglpat-[A-Za-z0-9_-]{20,}")),
    ("Slack token", re.compile(r"\bxox[abposr]-[A-Za-z0-9-]{10,}")),
    ("Anthropic API key", re.compile(r"\bsk-ant-[A-Za-z0-9_-]{20,}")),
    ("OpenAI API key", re.compile(r"\bsk-(?!ant-)(?:proj-)?[A-Za-z0-9_-]{20,}")),
    ("Stripe key", re.compile(r"\b[rs]k_live_[A-Za-z0-9]{16,}")),
    ("Google API key", re.compile(r"\bAIza[0-9A-Za-z_-]{35}")),
    ("JSON web token", re.compile(r"\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+")),
    ("password in URL", re.compile(r"\b[a-zA-Z][a-zA-Z0-9+.-]*://[^/\s:@]+:([^/\s@]{3,})@")),
    (
        ".env assignment",
        re.compile(
            r"^\s*(?:export\s+)?[A-Za-z0-9_]*(?:SECRET|TOKEN|PASSWORD|PASSWD|API_?KEY|"
            r"ACCESS_?KEY|PRIVATE_?KEY|CREDENTIALS?)[A-Za-z0-9_]*\s*=\s*['\"]?([^\s'\"#]{6,})",
            re.IGNORECASE,
        ),
    ),
)

# Values that stand for a secret without being one: they are what documentation writes.
_PLACEHOLDER = re.compile(
    r"^(?:<.*>|\$\{?.*|\{\{.*|x{3,}.*|\*{3,}.*|\.{3}.*|your[_-].*|changeme|example.*|"
    r"placeholder.*|redacted.*|dummy.*|none|null|true|false|secret|password|token)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Secret:
    line: int  # 1-based, in the text that was scanned
    kind: str
    excerpt: str  # the line with the secret masked, safe to show and to log


def _mask(line: str, start: int, end: int) -> str:
    shown = line[start : start + 4]
    masked = line[:start] + shown + "…" * (end - start > 4) + line[end:]
    return masked.strip()[:160]


def find_secrets(line: str) -> list[tuple[str, int, int]]:
    """(kind, start, end) of each secret in one line."""
    found: list[tuple[str, int, int]] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(line):
            group = 1 if pattern.groups else 0
            value = match.group(group)
            if group and _PLACEHOLDER.match(value):
                continue
            found.append((kind, match.start(group), match.end(group)))
            break  # one finding per kind per line is enough to stop a commit
    return found


def scan_lines(lines: list[tuple[int, str]]) -> list[Secret]:
    """Secrets in the given (line number, text) pairs, such as the lines a commit adds."""
    secrets: list[Secret] = []
    for number, text in lines:
        for kind, start, end in find_secrets(text):
            secrets.append(Secret(number, kind, _mask(text, start, end)))
    return secrets
