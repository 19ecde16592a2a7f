"""A labelled set of memory lines for the stale-path check: each line with the repository
paths it names (as an agent would read them), written after the kinds of lines real agent
memory holds. Precision and recall of `path_mentions` are measured on it."""

from __future__ import annotations

SAMPLES: list[tuple[str, list[str]]] = [
    ("- The retry loop lives in src/net/retry.py (see backoff())", ["src/net/retry.py"]),
    ("- `lib/auth/session.ts:42` refreshes the token before expiry", ["lib/auth/session.ts"]),
    ("Tests for the parser: tests/unit/test_parser.py", ["tests/unit/test_parser.py"]),
    ("Migrations go in db/migrations/0042_add_index.sql", ["db/migrations/0042_add_index.sql"]),
    (
        "- Fixed flake in e2e/checkout.spec.ts:88-120 by waiting for the toast",
        ["e2e/checkout.spec.ts"],
    ),
    ("Config: config/settings/base.yaml overrides defaults.yaml", ["config/settings/base.yaml"]),
    ("The CI workflow is .github/workflows/ci.yml", [".github/workflows/ci.yml"]),
    ("see docs/adr/0007-event-sourcing.md for the decision", ["docs/adr/0007-event-sourcing.md"]),
    (
        "- Moved helpers from utils/strings.js to src/shared/text.ts",
        ["utils/strings.js", "src/shared/text.ts"],
    ),
    (
        "**Rule**: never import from app/internal/private.go outside app/",
        ["app/internal/private.go"],
    ),
    ("Entry point: cmd/server/main.go", ["cmd/server/main.go"]),
    ("| parser | src/parse/lexer.rs | hand-written |", ["src/parse/lexer.rs"]),
    (
        "The fixture packages/web/tests/fixtures/user.json is generated",
        ["packages/web/tests/fixtures/user.json"],
    ),
    ("Styles: src/styles/_variables.scss", ["src/styles/_variables.scss"]),
    ("- Dockerfile is at deploy/docker/Dockerfile.prod", ["deploy/docker/Dockerfile.prod"]),
    ("Use scripts/release.sh, not the Makefile target", ["scripts/release.sh"]),
    ("(src/api/routes.py) holds every route", ["src/api/routes.py"]),
    ("'src/models/user.py' defines User", ["src/models/user.py"]),
    ('"web/src/App.vue" mounts the router', ["web/src/App.vue"]),
    ("- [Auth notes](auth.md): flow in server/auth/oauth.py", ["server/auth/oauth.py"]),
    ("Korean note: 설정은 config/app.toml 에 있다", ["config/app.toml"]),
    ("- ios/Runner/AppDelegate.swift registers plugins", ["ios/Runner/AppDelegate.swift"]),
    ("The schema is in prisma/schema.prisma", ["prisma/schema.prisma"]),
    ("- benchmarks/run.py prints ratios", ["benchmarks/run.py"]),
    (
        "- Components: src/components/Button/Button.tsx and its story",
        ["src/components/Button/Button.tsx"],
    ),
    ("Hook at .husky/pre-commit runs lint", [".husky/pre-commit"]),
    ("- See src/index.ts.", ["src/index.ts"]),
    (
        "Changed: src/a_module/handler_v2.py, src/b/c.py",
        ["src/a_module/handler_v2.py", "src/b/c.py"],
    ),
    # Not paths, or not paths in this repository.
    ("See https://github.com/acme/app/blob/main/src/x.py for upstream", []),
    ("Mirror: gitlab.com/acme/app/src/x.py", []),
    ("/usr/local/bin/python3 is the interpreter on CI", []),
    ("~/.config/app/settings.json holds the user's keys", []),
    ("Search with src/**/*.ts when unsure", []),
    ("Ratio was 3/4.5 on the old box", []),
    ("Version 1.2/3.4 of the protocol", []),
    ("e.g. a/b.c is only an example", []),
    ("Each item goes in backlog/NNN.md", []),
    ("Dates: logs/YYYY-MM-DD.md per day", []),
    ("Template {root}/file.md is filled at runtime", []),
    ("Use the and/or pattern in prose", []),
    ("Input/output shapes are in the spec", []),
    ("The file budget.py holds it", []),
    ("npm i @scope/pkg.js later", []),
    ("Import from 'react-dom/client' in React 18", []),
    ("- `memory: project` keeps notes here", []),
    ("Time: 12/05 at 10.30", []),
    ("TCP/IP and HTTP/2.0 both matter here", []),
    ("Call api/v1/users endpoint (no extension)", []),
    ("- Look at the <dir>/index.md convention", []),
    ("Link: [docs](https://example.com/docs/guide.md)", []),
    ("Windows path C:/Users/me/app/main.py is personal", []),
    ("Relative ../outside/repo.py is not resolved", []),
]
