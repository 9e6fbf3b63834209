"""A LibreTranslate-compatible server on 127.0.0.1 for the tests: deterministic, and told how to misbehave.

It speaks what deep-translator's ``LibreTranslator`` and tarjima's adapter use: ``GET /languages``
and ``POST /translate`` (q, source, target, format, api_key in the query string, a form or JSON).
The "translation" of ``q`` into ``ru`` is ``"[ru] " + q``: placeholders and URLs pass untouched.
Per test it can answer slowly, fail with 5xx, answer 429 with Retry-After, drop the connection,
require an API key, mangle numbers, or hold every request after K answers (to kill a client
halfway).
"""

from __future__ import annotations

import json
import re
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable
from urllib.parse import parse_qs, urlsplit

NAMES = {"en": "English", "ru": "Russian", "uz": "Uzbek", "de": "German"}
PLACEHOLDER_RE = re.compile(r"(⟦\d+⟧)")


@dataclass(frozen=True)
class Request:
    """One POST /translate as the server received it."""

    q: str
    source: str
    target: str
    format: str
    api_key: str | None


def fake_translation(q: str, target: str, mangle_numbers: bool = False) -> str:
    """``[target] q``; with ``mangle_numbers``, digits outside placeholders become '#'."""
    if mangle_numbers:
        q = "".join(part if PLACEHOLDER_RE.fullmatch(part) else re.sub(r"\d", "#", part) for part in PLACEHOLDER_RE.split(q))
    return f"[{target}] {q}"


class LibreServer:
    """The server and its controls; every control may be changed while it runs."""

    def __init__(self, languages: tuple[str, ...] = ("en", "ru", "uz")) -> None:
        self.languages = languages
        self.api_key: str | None = None  # when set, a request without it gets 403
        self.mangle_numbers = False
        self.block_after: int | None = None  # after this many answered translations, hold every request
        self.script: list[Any] = []  # what the next requests get: 500, 503, 429, "drop", ("slow", seconds)
        self.retry_after = 0
        self.requests: list[Request] = []
        self.answered: list[Request] = []
        self.language_calls = 0
        self.held = 0
        self.let_go = 0  # held requests that have ended (released, or the server gave up after 30 s)
        self._released = threading.Event()
        self._changed = threading.Condition()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.05,), name="libre-server", daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/"

    def start(self) -> LibreServer:
        self._thread.start()
        return self

    def close(self) -> None:
        self._released.set()
        self._httpd.shutdown()
        self._httpd.server_close()

    def release(self) -> None:
        """Let held requests go (they get a dropped connection) and hold no more."""
        self.block_after = None
        self._released.set()

    def wait(self, predicate: Callable[[LibreServer], bool], timeout: float = 120.0) -> None:
        """Block until ``predicate(self)`` holds; fail after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while not predicate(self):
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"server: condition not met in {timeout} s ({len(self.requests)} requests, {len(self.answered)} answered)")
                self._changed.wait(left)

    def _note(self, update: Callable[[], None]) -> None:
        with self._changed:
            update()
            self._changed.notify_all()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def reply(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
                data = json.dumps(body, ensure_ascii=False).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                if urlsplit(self.path).path != "/languages":
                    return self.reply(404, {"error": "Not Found"})
                server._note(lambda: setattr(server, "language_calls", server.language_calls + 1))
                codes = server.languages
                self.reply(200, [{"code": c, "name": NAMES.get(c, c), "targets": [t for t in codes if t != c]} for c in codes])

            def params(self) -> dict[str, str]:
                fields = {k: v[0] for k, v in parse_qs(urlsplit(self.path).query).items()}
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length).decode("utf-8") if length else ""
                if body and self.headers.get("Content-Type", "").startswith("application/json"):
                    fields.update({k: str(v) for k, v in json.loads(body).items()})
                elif body:
                    fields.update({k: v[0] for k, v in parse_qs(body).items()})
                return fields

            def do_POST(self) -> None:
                if urlsplit(self.path).path != "/translate":
                    return self.reply(404, {"error": "Not Found"})
                p = self.params()
                request = Request(p.get("q", ""), p.get("source", ""), p.get("target", ""), p.get("format", ""), p.get("api_key"))
                server._note(lambda: server.requests.append(request))
                if server.block_after is not None and len(server.answered) >= server.block_after:
                    server._note(lambda: setattr(server, "held", server.held + 1))
                    server._released.wait(30)
                    server._note(lambda: setattr(server, "let_go", server.let_go + 1))
                    self.close_connection = True
                    return
                action = server.script.pop(0) if server.script else None
                if action == "drop":
                    self.close_connection = True
                    return
                if isinstance(action, tuple) and action[0] == "slow":
                    time.sleep(action[1])
                elif action == 429:
                    return self.reply(429, {"error": "Slowdown: 1 per 1 second"}, {"Retry-After": str(server.retry_after)})
                elif isinstance(action, int):
                    return self.reply(action, {"error": "Internal Server Error"})
                if server.api_key is not None and request.api_key != server.api_key:
                    return self.reply(403, {"error": "Invalid API key"})
                if not request.q or request.source not in server.languages or request.target not in server.languages:
                    return self.reply(400, {"error": f"{request.source} -> {request.target} is not supported"})
                server._note(lambda: server.answered.append(request))
                self.reply(200, {"translatedText": fake_translation(request.q, request.target, server.mangle_numbers)})

        return Handler
