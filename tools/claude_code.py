"""Ask Claude Code itself, offline: which agents are active in a folder, and what memory an
agent receives. Used by the oracle scripts beside this file; not part of the test run.

Claude Code is pointed at a server on 127.0.0.1 that records each request body and answers
400, so nothing leaves the machine and no model is called. `HOME` is a scratch folder.

    from claude_code import ClaudeCode
    cc = ClaudeCode("/path/to/claude")
    answer = cc.ask(folder)                   # answer.agents: the active agent names
    answer = cc.ask(folder, agent="writer")   # answer.memory: the text after `## MEMORY.md`
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

BUILT_IN = {"claude", "Explore", "general-purpose", "Plan", "statusline-setup"}


class _Refuser(BaseHTTPRequestHandler):
    bodies: list[bytes]

    def do_POST(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        self.server.bodies.append(self.rfile.read(length))  # type: ignore[attr-defined]
        self._refuse()

    def do_GET(self) -> None:
        self._refuse()

    def _refuse(self) -> None:
        payload = b'{"type":"error","error":{"type":"invalid_request_error","message":"offline"}}'
        self.send_response(400)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args: Any) -> None:
        pass


@dataclass
class Answer:
    init: dict[str, Any]
    requests: list[dict[str, Any]] = field(default_factory=list)
    debug: str = ""

    @property
    def agents(self) -> set[str]:
        return set(self.init.get("agents", [])) - BUILT_IN

    @property
    def model(self) -> str | None:
        value = self.init.get("model")
        return value if isinstance(value, str) else None

    def system_parts(self) -> list[str]:
        parts: list[str] = []
        for request in self.requests:
            system = request.get("system")
            if isinstance(system, str):
                parts.append(system)
            elif isinstance(system, list):
                parts += [part.get("text", "") for part in system if isinstance(part, dict)]
        return parts

    @property
    def memory(self) -> str | None:
        """What follows `## MEMORY.md` in the agent's system prompt (it ends that part)."""
        marker = "## MEMORY.md\n\n"
        for part in self.system_parts():
            start = part.find(marker)
            if start >= 0:
                return part[start + len(marker) :]
        return None


class ClaudeCode:
    def __init__(self, binary: str, home: Path | None = None) -> None:
        self.binary = binary
        self.home = home or Path(tempfile.mkdtemp(prefix="cc-home-"))

    def environ(self, port: int, extra: dict[str, str] | None = None) -> dict[str, str]:
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("ANTHROPIC", "CLAUDE"))
        }
        env.update(
            HOME=str(self.home),
            DISABLE_TELEMETRY="1",
            CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC="1",
            DISABLE_AUTOUPDATER="1",
            ANTHROPIC_BASE_URL=f"http://127.0.0.1:{port}",
            ANTHROPIC_API_KEY="sk-ant-dummy",
        )
        env.update(extra or {})
        return env

    def ask(
        self,
        folder: Path,
        agent: str | None = None,
        plugin_dirs: tuple[Path, ...] = (),
        extra_env: dict[str, str] | None = None,
        timeout: float = 60,
        request: bool | None = None,
    ) -> Answer:
        """`request`: wait for the request to the model (default: only with an `agent`)."""
        wait = agent is not None if request is None else request
        server = ThreadingHTTPServer(("127.0.0.1", 0), _Refuser)
        server.bodies = []  # type: ignore[attr-defined]
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        debug = Path(tempfile.mkstemp(prefix="cc-debug-")[1])
        command = [self.binary, "-p", "hi", "--output-format", "stream-json", "--verbose"]
        command += ["--max-turns", "1", "--debug-file", str(debug)]
        if agent is not None:
            command += ["--agent", agent]
        for plugin in plugin_dirs:
            command += ["--plugin-dir", str(plugin)]
        try:
            process = subprocess.Popen(
                command,
                cwd=folder,
                env=self.environ(server.server_address[1], extra_env),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
            )
            init: dict[str, Any] = {}
            assert process.stdout is not None
            timer = threading.Timer(timeout, process.kill)
            timer.start()
            for line in process.stdout:
                try:
                    message = json.loads(line)
                except ValueError:
                    continue
                if message.get("type") == "system" and message.get("subtype") == "init":
                    init = message
                    if not wait:
                        break
                if message.get("type") == "result":
                    break
            timer.cancel()
            process.kill()
            process.wait()
        finally:
            server.shutdown()
            server.server_close()
        requests = []
        for body in server.bodies:  # type: ignore[attr-defined]
            try:
                requests.append(json.loads(body))
            except ValueError:
                continue
        log = debug.read_text(errors="replace") if debug.exists() else ""
        debug.unlink(missing_ok=True)
        return Answer(init, requests, log)


if __name__ == "__main__":
    import sys

    answer = ClaudeCode(sys.argv[1]).ask(
        Path(sys.argv[2]), sys.argv[3] if len(sys.argv) > 3 else None
    )
    print("agents:", sorted(answer.agents), "model:", answer.model)
    print("memory:", answer.memory)
