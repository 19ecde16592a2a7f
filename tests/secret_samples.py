"""A labelled set for the secret scan: realistic secrets of many kinds, written the ways
memory files hold them, and lines that must stay quiet. Values are made up at import from a
seeded generator, so this repository holds no secret-shaped literal for scanners to flag."""

from __future__ import annotations

import random
import string

_rng = random.Random(20261202)
UPPER, LOWER, DIGITS = string.ascii_uppercase, string.ascii_lowercase, string.digits
ALNUM = UPPER + LOWER + DIGITS
HEX = "0123456789abcdef"
URLSAFE = ALNUM + "_-"


def r(alphabet: str, n: int) -> str:
    return "".join(_rng.choice(alphabet) for _ in range(n))


def _kinds() -> dict[str, list[str]]:
    """kind -> three or more lines holding one secret of that kind."""
    aws = "AK" + "IA" + r(UPPER + DIGITS, 16)
    return {
        "private key": [
            "-----BEGIN " + "RSA PRIVATE KEY-----",
            "-----BEGIN " + "EC PRIVATE KEY-----",
            "key: |\n-----BEGIN " + "OPENSSH PRIVATE KEY-----",
        ],
        "AWS access key": [
            f"aws_access_key_id = {aws}",
            f"- prod uses {aws} for S3",
            f'"AccessKeyId": "{aws}"',
        ],
        "AWS secret key": [
            f"aws_secret_access_key: {r(ALNUM + '+/', 40)}",
            f"AWS_SECRET_ACCESS_KEY={r(ALNUM + '+/', 40)}",
            f'"SecretAccessKey": "{r(ALNUM + "+/", 40)}"',
        ],
        "GitHub token": [
            "gh" + "p_" + r(ALNUM, 36),
            "token: gh" + "o_" + r(ALNUM, 36),
            "github_" + "pat_" + r(ALNUM + "_", 82),
        ],
        "GitLab token": [
            "gl" + "pat-" + r(URLSAFE, 20),
            "CI uses gl" + "ptt-" + r(HEX, 40),
            "deploy: gl" + "dt-" + r(URLSAFE, 20),
        ],
        "Slack token": [
            "xo" + "xb-" + r(DIGITS, 11) + "-" + r(ALNUM, 24),
            "bot: xo" + "xp-" + r(DIGITS, 11) + "-" + r(ALNUM, 20),
            "xo" + "xa-2-" + r(ALNUM, 30),
        ],
        "Slack app token": [
            "xa" + "pp-1-A" + r(UPPER + DIGITS, 10) + "-" + r(DIGITS, 13) + "-" + r(HEX, 64)
            for _ in range(3)
        ],
        "Slack webhook": [
            "https://hooks.sl"
            + "ack.com/services/T"
            + r(UPPER + DIGITS, 8)
            + "/B"
            + r(UPPER + DIGITS, 8)
            + "/"
            + r(ALNUM, 24)
            for _ in range(3)
        ],
        "Anthropic API key": ["sk-" + "ant-api03-" + r(URLSAFE, 93) + "AA" for _ in range(3)],
        "OpenAI API key": [
            "OPENAI_API_KEY=sk-" + "proj-" + r(URLSAFE, 48),
            "sk-" + r(ALNUM, 48),
            "key sk-" + "svcacct-" + r(URLSAFE, 40),
        ],
        "Stripe key": [
            "sk_" + "live_" + r(ALNUM, 24),
            "stripe: rk_" + "live_" + r(ALNUM, 24),
            "sk_" + "test_" + r(ALNUM, 24),
        ],
        "Stripe webhook secret": ["whs" + "ec_" + r(ALNUM, 32) for _ in range(3)],
        "Google API key": ["AI" + "za" + r(URLSAFE, 35) for _ in range(3)],
        "Google OAuth client secret": ["client: GOC" + "SPX-" + r(URLSAFE, 28) for _ in range(3)],
        "Google OAuth access token": ["ya" + "29." + r(URLSAFE, 60) for _ in range(3)],
        "npm token": [
            "//registry.npmjs.org/:_authToken=np" + "m_" + r(ALNUM, 36),
            "NPM_TOKEN=np" + "m_" + r(ALNUM, 36),
            "np" + "m_" + r(ALNUM, 36),
        ],
        "PyPI token": ["password = py" + "pi-AgEIcHlwaS5vcmc" + r(URLSAFE, 60) for _ in range(3)],
        "Hugging Face token": [
            "HF_TOKEN=h" + "f_" + r(UPPER + LOWER, 34),
            "h" + "f_" + r(UPPER + LOWER, 34),
            "token: h" + "f_" + r(UPPER + LOWER, 34),
        ],
        "SendGrid API key": ["S" + "G." + r(URLSAFE, 22) + "." + r(URLSAFE, 43) for _ in range(3)],
        "Twilio API key": ["twilio: S" + "K" + r(HEX, 32) for _ in range(3)],
        "Mailgun API key": ["mailgun key-" + r(HEX, 32) for _ in range(3)],
        "Telegram bot token": [r(DIGITS, 10) + ":AA" + r(URLSAFE, 33) for _ in range(3)],
        "DigitalOcean token": ["do" + "p_v1_" + r(HEX, 64) for _ in range(3)],
        "Shopify token": ["sh" + "pat_" + r(HEX, 32) for _ in range(3)],
        "Databricks token": ["da" + "pi" + r(HEX, 32) for _ in range(3)],
        "Docker Hub token": ["dck" + "r_pat_" + r(URLSAFE, 27) for _ in range(3)],
        "Vault token": ["VAULT_TOKEN=hv" + "s." + r(URLSAFE, 90) for _ in range(3)],
        "JSON web token": [
            "ey" + "J" + r(URLSAFE, 30) + ".ey" + "J" + r(URLSAFE, 60) + "." + r(URLSAFE, 43)
            for _ in range(3)
        ],
        "Azure storage key": [
            "DefaultEndpointsProtocol=https;AccountName=x;Account"
            + "Key="
            + r(ALNUM + "+/", 86)
            + "=="
            for _ in range(3)
        ],
        "password in URL": [
            "postgres://app:" + r(ALNUM, 14) + "@db.internal:5432/app",
            "redis://:" + r(ALNUM, 16) + "@cache.prod:6379",
            "amqp://svc:" + r(ALNUM, 12) + "@mq.internal/vhost",
        ],
        "password in YAML or JSON": [
            "password: " + r(ALNUM, 14),
            '"api_key": "' + r(ALNUM, 32) + '"',
            "db_password: '" + r(ALNUM, 12) + "'",
            '{"client_secret": "' + r(ALNUM, 30) + '"}',
        ],
        "password in prose": [
            "Password: " + r(ALNUM, 12),
            "The admin password is: " + r(ALNUM, 12),
            "- staging secret = " + r(ALNUM, 20),
        ],
        "authorization header": ["Authorization: Bearer " + r(URLSAFE, 40) for _ in range(3)],
        "high-entropy token": [
            "the deploy token is " + r(ALNUM, 40),
            "secret for the webhook " + r(ALNUM + "+/", 44),
            "auth " + r(ALNUM, 32),
        ],
        "Linear API key": ["lin" + "_api_" + r(ALNUM, 40) for _ in range(3)],
        "Postman API key": ["PM" + "AK-" + r(HEX, 24) + "-" + r(HEX, 34) for _ in range(3)],
    }


SECRETS: dict[str, list[str]] = _kinds()

QUIET: list[str] = [
    "- The API key lives in the vault; never paste it here.",
    "API_KEY=<your key here>",
    "export GITHUB_TOKEN=${GITHUB_TOKEN}",
    "PASSWORD=changeme",
    "password: ${DB_PASSWORD}",
    '"api_key": "<API_KEY>"',
    "postgres://user:pass@localhost:5432/dev",
    "redis://localhost:6379",
    "See https://example.com/docs for the token format.",
    "git@github.com:team/repo.git",
    "TOKEN_LIMIT = 200",
    "max_tokens: 4096",
    "- token budget: keep prompts under 8000 tokens",
    "password: required",
    "secret_name: prod-db-credentials",
    "- Rotate the `STRIPE_SECRET_KEY` every quarter (see docs/rotation.md).",
    "Use `os.environ['OPENAI_API_KEY']`, never a literal key.",
    "commit 3f2c9a1b7e4d5f6a8b9c0d1e2f3a4b5c6d7e8f90 fixed the login bug",
    "- [Auth flow](auth-flow.md) — how tokens are refreshed",
    "sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
    "uuid 123e4567-e89b-12d3-a456-426614174000 is the tenant id",
    "The password field must be at least 12 characters.",
    "token: refresh",
    "auth: oauth2",
    "- secrets are stored in AWS Secrets Manager under /prod/app",
]
