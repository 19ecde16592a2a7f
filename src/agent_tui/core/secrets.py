"""Secrets that must not reach a shared repository: what a line that holds one looks like.

Three kinds of evidence, strongest first:
- a token whose shape names its issuer (`AKIA…`, `ghp_…`, `xoxb-…`, `sk_live_…`, a private
  key block …), after the rule sets of the well-kept scanners (gitleaks' published rules);
- a secret-sounding key with a value, in any notation a memory file holds: `.env`
  (`API_KEY=…`), YAML (`password: …`), JSON (`"api_key": "…"`), prose (`Password: …`),
  a connection string (`redis://:pw@host`, `AccountKey=…`);
- a long random-looking token (Shannon entropy) beside a secret-sounding word.
Placeholders (`<token>`, `${VAR}`, `changeme`, `xxxx`, `user:pass@localhost`) stay quiet.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

_B = r"(?<![A-Za-z0-9_])"  # a token starts here: not in the middle of a word
_E = r"(?![A-Za-z0-9_])"
_UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"

# (kind, pattern): each pattern matches the secret itself (group 1 when it has groups).
_ISSUED: tuple[tuple[str, str], ...] = (
    ("private key", r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----"),
    ("age secret key", r"AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}"),
    ("AWS access key", _B + r"(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}" + _E),
    ("GitHub token", _B + r"(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_\w{60,})"),
    ("GitLab token", _B + r"gl(?:pat|ptt|dt|rt|cbt|ft|imt|agent|oas)-[A-Za-z0-9_-]{20,}"),
    ("Slack token", _B + r"xox[abposre]-[A-Za-z0-9-]{10,}"),
    ("Slack app token", _B + r"xapp-\d-[A-Z0-9]+-\d+-[a-z0-9]{20,}"),
    ("Slack webhook", r"hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/_-]{20,}"),
    ("Discord webhook", r"discord(?:app)?\.com/api/webhooks/\d+/[A-Za-z0-9_-]{30,}"),
    ("Anthropic API key", _B + r"sk-ant-(?:api|admin)\d{2}-[A-Za-z0-9_-]{20,}"),
    ("OpenAI API key", _B + r"sk-(?!ant-)(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}"),
    ("Stripe key", _B + r"(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}"),
    ("Stripe webhook secret", _B + r"whsec_[A-Za-z0-9]{24,}"),
    ("Google API key", _B + r"AIza[0-9A-Za-z_-]{35}"),
    ("Google OAuth client secret", _B + r"GOCSPX-[A-Za-z0-9_-]{28}"),
    ("Google OAuth access token", _B + r"ya29\.[A-Za-z0-9_-]{20,}"),
    ("npm token", _B + r"npm_[A-Za-z0-9]{36}" + _E),
    ("PyPI token", _B + r"pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}"),
    ("Hugging Face token", _B + r"hf_[A-Za-z]{34,}" + _E),
    ("SendGrid API key", _B + r"SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}"),
    ("Twilio API key", _B + r"SK[0-9a-f]{32}" + _E),
    ("Mailgun API key", _B + r"key-[0-9a-f]{32}" + _E),
    ("Telegram bot token", _B + r"\d{8,10}:AA[A-Za-z0-9_-]{33}" + _E),
    ("DigitalOcean token", _B + r"do[opr]_v1_[a-f0-9]{64}"),
    ("Shopify token", _B + r"shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}"),
    ("Square token", _B + r"(?:sq0atp|sq0csp|EAAA)[A-Za-z0-9_-]{22,}"),
    ("Databricks token", _B + r"dapi[a-f0-9]{32}(?:-\d)?"),
    ("Linear API key", _B + r"lin_api_[A-Za-z0-9]{40}"),
    ("Doppler token", _B + r"dp\.(?:pt|st|sa|ct|scim|audit)\.[A-Za-z0-9]{40,}"),
    ("Postman API key", _B + r"PMAK-[a-f0-9]{24}-[a-f0-9]{34}"),
    ("1Password service token", _B + r"ops_eyJ[A-Za-z0-9+/=_-]{100,}"),
    ("Atlassian API token", _B + r"ATATT3[A-Za-z0-9_=-]{180,}"),
    ("Docker Hub token", _B + r"dckr_pat_[A-Za-z0-9_-]{27,}"),
    ("Vault token", _B + r"hv[sb]\.[A-Za-z0-9_-]{24,}"),
    ("Pulumi token", _B + r"pul-[a-f0-9]{40}"),
    ("New Relic key", _B + r"NRAK-[A-Z0-9]{27}"),
    ("Grafana token", _B + r"(?:glc_[A-Za-z0-9+/]{32,}={0,2}|glsa_[A-Za-z0-9]{32}_[a-f0-9]{8})"),
    ("Sentry token", _B + r"sntr[ysu]_[A-Za-z0-9+/=_-]{40,}"),
    (
        "Heroku API key",
        r"(?i:heroku)[^\n]{0,40}?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})",
    ),
    ("JSON web token", _B + r"eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}"),
    ("Azure storage key", r"(?i:AccountKey|SharedAccessKey)\s*=\s*([A-Za-z0-9+/]{40,}={0,2})"),
    ("password in URL", r"\b[a-zA-Z][a-zA-Z0-9+.-]*://[^/\s:@]*:([^/\s@]{3,})@([^/\s:@]+)"),
)

# A key that names a secret, and its value: `.env`, YAML, JSON, TOML and prose alike.
_KEYWORDS = (
    r"(?:[A-Za-z0-9_.-]*[_.-]pass(?![A-Za-z])|(?:[A-Za-z0-9_.-]*[_.-])?(?:"
    r"password|passwd|passphrase|pwd|secret(?:_?key)?|client_?secret|api_?key|apikey|"
    r"access_?key(?:_?id)?|secret_?access_?key|private_?key|auth_?token|access_?token|"
    r"refresh_?token|bearer|token|credentials?|signing_?key|encryption_?key|session_?key"
    r"))"
)
_ASSIGNED = re.compile(
    r"""(?ix)
    (?:^|[\s{,"'(\[])                       # start of line, or after a separator
    (?:export\s+)?
    ["']?("""
    + _KEYWORDS
    + r""")["']?         # the key, maybe quoted (JSON)
    (?:\s+is)?\s*(?::|=|:=|=>)\s*           # YAML/prose colon, .env equals, Go/Ruby
    (?!\s*[|>]\s*$)                          # not a YAML block scalar opener
    ["'`]?([^\s"'`,;)\]}]{6,})["'`]?         # the value
    """
)
_BEARER = re.compile(r"(?i)\bauthorization:\s*(?:bearer|basic|token)\s+([A-Za-z0-9._~+/=-]{16,})")
# Words near a long random token that make it a secret rather than an id or a hash.
_SECRET_WORD = re.compile(r"(?i)secret|token|passw|api[_ -]?key|credential|private|auth")
_LONG_TOKEN = re.compile(r"(?<![A-Za-z0-9+/_=-])([A-Za-z0-9+/_=-]{24,})(?![A-Za-z0-9+/_=-])")

# Values that stand for a secret without being one: they are what documentation writes.
_PLACEHOLDER = re.compile(
    r"""(?ix)^(?:
    <.*>|\$\{?.*|%.*%|\{\{.*|\[.*\]|x{3,}.*|\*{3,}.*|\.{3}.*|-+|_+|
    (?:your|my|the|some|a|an)[_-].*|.*[_-]?(?:here|example|placeholder|redacted|dummy|sample)|
    changeme|change_me|example.*|placeholder.*|redacted.*|dummy.*|fake.*|test(?:ing)?|
    none|null|nil|true|false|yes|no|required|optional|string|str|env|os\.environ.*|
    process\.env.*|getenv.*|secret|secrets|password|passwd|token|tokens|apikey|api_key|
    \w+\(.*|.*\.(?:md|py|ts|js|json|ya?ml|txt|env|pem|key)|[a-z]+(?:_[a-z]+)+
    )$""",
)
_LOCAL_HOSTS = re.compile(
    r"^(?:localhost|127\.0\.0\.1|0\.0\.0\.0|\[?::1\]?|example\.(?:com|org))(?::\d+)?$"
)


@dataclass(frozen=True)
class Secret:
    line: int  # 1-based, in the text that was scanned
    kind: str
    excerpt: str  # the line with the secret masked, safe to show and to log


def entropy(text: str) -> float:
    """Shannon entropy in bits per character."""
    counts = Counter(text)
    return -sum(n / len(text) * math.log2(n / len(text)) for n in counts.values())


_PARTS = re.compile(r"[-_/.]+")


def _looks_random(value: str) -> bool:
    """A value with the variety of a generated secret, not a word, a slug or a path."""
    has_digit = any(c.isdigit() for c in value)
    has_alpha = any(c.isalpha() for c in value)
    parts = [part for part in _PARTS.split(value) if part]
    words = len(parts) >= 2 and all(len(part) <= 12 for part in parts)  # `feat/i18n-r3-fix`
    path = value.count("/") >= 2 and "+" not in value and not value.endswith("=")
    plain = words or path
    return len(value) >= 16 and has_digit and has_alpha and not plain and entropy(value) >= 3.5


_ISSUED_RE = tuple((kind, re.compile(pattern)) for kind, pattern in _ISSUED)


def _placeholder(value: str) -> bool:
    return _PLACEHOLDER.match(value.strip("\"'`")) is not None


def find_secrets(line: str) -> list[tuple[str, int, int]]:
    """(kind, start, end) of each secret in one line."""
    found: list[tuple[str, int, int]] = []
    taken: list[tuple[int, int]] = []

    def add(kind: str, start: int, end: int) -> None:
        if not any(start < e and s < end for s, e in taken):
            found.append((kind, start, end))
            taken.append((start, end))

    for kind, pattern in _ISSUED_RE:
        for match in pattern.finditer(line):
            group = 1 if pattern.groups else 0
            if kind == "password in URL" and (
                _placeholder(match.group(1)) or _LOCAL_HOSTS.match(match.group(2))
            ):
                continue
            add(kind, match.start(group), match.end(group))
    for match in _BEARER.finditer(line):
        add("authorization header", match.start(1), match.end(1))
    for match in _ASSIGNED.finditer(line):
        value = match.group(2)
        if _placeholder(value) or (len(value) < 8 and not any(c.isdigit() for c in value)):
            continue
        key = match.group(1).lower()
        if "token" in key and not _looks_random(value) and len(value) < 20:
            continue  # `max_tokens: 4096`, `token: refresh` are settings, not secrets
        add(f"secret in `{match.group(1)}`", match.start(2), match.end(2))
    if _SECRET_WORD.search(line):
        for match in _LONG_TOKEN.finditer(line):
            value = match.group(1)
            if _looks_random(value) and entropy(value) >= 4.0 and not _placeholder(value):
                add("high-entropy token", match.start(1), match.end(1))
    return found


def _mask(line: str, start: int, end: int) -> str:
    shown = line[start : start + 4]
    masked = line[:start] + shown + "…" * (end - start > 4) + line[end:]
    return masked.strip()[:160]


def scan_lines(lines: list[tuple[int, str]]) -> list[Secret]:
    """Secrets in the given (line number, text) pairs, such as the lines a commit adds."""
    secrets: list[Secret] = []
    for number, text in lines:
        for kind, start, end in find_secrets(text):
            secrets.append(Secret(number, kind, _mask(text, start, end)))
    return secrets
