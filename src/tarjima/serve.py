"""``tarjima serve``: a preview server on 127.0.0.1 and live reload (standard library only; the watcher is ``tarjima.watch``).

Live reload: every HTML page the server sends (never the files on disk) gets one script tag
before ``</body>``, naming the build it was served from. The script (``/_tarjima/live.js``, a
file, so a Content-Security-Policy of ``script-src 'self'`` allows it) asks ``/_tarjima/state``
for the state of the builds once the page has loaded, then every tenth of a second (POLL: a
short answer on 127.0.0.1; at half a second the wait alone was a quarter second, on average, of
a save-to-page latency of 0.9 s, benchmarks/serve-2026-12-07.md). A good build the page has not
shown reloads it; a refused one shows its error lines in a banner
(``role="alert"``) over the last good page. While the server is away the script keeps asking,
and a restarted server (a new ``server`` token) reloads the page.

A question asked while a rebuild runs (from the moment the watcher sees a change) is answered
when that rebuild ends, so the page learns of it at once, not at its next question (on average
half of POLL later). Any other question ends at once: no connection is held open while nothing
is being built, so nothing of live reload holds a page's load, or the virtual time of a
headless browser (Chromium's ``--virtual-time-budget`` stops its clock while any request is
pending: an event stream kept it stopped for good, and a page never finished loading). A
question is held at most HOLD seconds, in case a build never ends.
"""

from __future__ import annotations

import functools
import html
import json
import os
import posixpath
import secrets
import threading
import urllib.parse
from dataclasses import dataclass
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from io import BytesIO
from pathlib import Path
from typing import BinaryIO, Callable, Sequence

DESK_AT = "/_desk/"  # where the editors' desk is served (never a folder of the public output)
STATE = "/_tarjima/state"
SCRIPT = "/_tarjima/live.js"
POLL = 100  # milliseconds between two questions of an open page
HOLD = 30.0  # seconds a question asked during a rebuild waits for its end, at most

LIVE_JS = """\
// tarjima serve: reload this page after each good build, show a refused build's error over it.
(function () {
  "use strict";
  var me = document.currentScript;
  var server = me.dataset.server, build = me.dataset.build, address = me.dataset.state, every = Number(me.dataset.every);

  function banner() {
    var box = document.getElementById("tarjima-build-error");
    if (box) return box;
    box = document.createElement("div");
    box.id = "tarjima-build-error";
    box.setAttribute("role", "alert");
    box.lang = "en";
    box.dir = "ltr";
    var s = box.style;
    s.position = "fixed"; s.left = "0"; s.right = "0"; s.top = "0"; s.zIndex = "2147483647";
    s.margin = "0"; s.padding = "0.75em 1em"; s.maxHeight = "50vh"; s.overflow = "auto";
    s.background = "#8b1a1a"; s.color = "#fff"; s.font = "14px/1.4 system-ui, sans-serif";
    s.boxShadow = "0 2px 8px rgba(0,0,0,.4)";
    var title = document.createElement("strong");
    title.textContent = "tarjima serve: the last build was refused; this page is the last good build.";
    var lines = document.createElement("pre");
    lines.style.margin = "0.5em 0 0"; lines.style.whiteSpace = "pre-wrap";
    lines.style.font = "13px/1.4 ui-monospace, monospace";
    box.appendChild(title);
    box.appendChild(lines);
    document.body.appendChild(box);
    return box;
  }

  function show(state) {  // false once the page reloads
    if (state.server !== server || String(state.build) !== build) {
      location.reload();
      return false;
    }
    if (state.errors.length) {
      banner().querySelector("pre").textContent = state.errors.join("\\n");
    } else {
      var box = document.getElementById("tarjima-build-error");
      if (box) box.remove();
    }
    return true;
  }

  function ask() {  // one short request at a time, none left open
    fetch(address, {cache: "no-store"})
      .then(function (answer) { return answer.json(); })
      .then(function (state) { if (show(state)) setTimeout(ask, every); },
            function () { setTimeout(ask, every); });  // the server is away (restarting): ask again
  }

  if (document.readyState === "complete") ask();
  else window.addEventListener("load", ask);  // never during the page's own loading
})();
"""

NOT_FOUND = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Not found</title></head>
<body><h1>Not found</h1><p>Nothing at <code>{path}</code> in the last good build.</p></body></html>
"""


@dataclass(frozen=True)
class LiveState:
    """What open pages are told: which server, how many good builds, the last build's error lines."""

    server: str
    build: int
    errors: tuple[str, ...]

    def json(self) -> bytes:
        return json.dumps({"server": self.server, "build": self.build, "errors": list(self.errors)}, ensure_ascii=False).encode("utf-8")


class Live:
    """The outcome of the builds, recorded by the watcher, read by each page's question."""

    def __init__(self) -> None:
        self._lock = threading.Condition()
        self._state = LiveState(server=secrets.token_hex(4), build=0, errors=())
        self._building = False
        self.held = 0  # questions waiting for the rebuild's end now

    @property
    def state(self) -> LiveState:
        with self._lock:
            return self._state

    def building(self) -> None:
        """A rebuild has begun: questions asked from now on are answered when it ends."""
        with self._lock:
            self._building = True

    def after_build(self, at_most: float = HOLD) -> LiveState:
        """The state once the rebuild that runs now has ended (at once when none runs; as it is after ``at_most`` seconds)."""
        with self._lock:
            self.held += 1
            try:
                self._lock.wait_for(lambda: not self._building, timeout=at_most)
            finally:
                self.held -= 1
            return self._state

    def finished(self, errors: Sequence[str]) -> None:
        """Record a build: good without errors (open pages reload), else refused with these lines (pages show them)."""
        with self._lock:
            old = self._state
            self._state = LiveState(old.server, old.build + (0 if errors else 1), tuple(errors))
            self._building = False
            self._lock.notify_all()


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves the output folder, and the folders mounted beside it (the editors' desk); no request log on the terminal."""

    server: PreviewServer

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def translate_path(self, path: str) -> str:
        """A path under a mount (``/_desk/``) is looked up in its folder; any other in the output folder."""
        raw = path.split("?", 1)[0].split("#", 1)[0]
        for prefix, folder, only_missing in self.server.mounts:
            if raw.startswith(prefix) or raw == prefix.rstrip("/"):
                if only_missing and os.path.exists(super().translate_path(path)):
                    continue
                here = self.directory
                self.directory = str(folder)
                try:
                    return super().translate_path("/" + raw[len(prefix):])
                finally:
                    self.directory = here
        return super().translate_path(path)

    def send_head(self) -> BinaryIO | None:
        if self.server.desk_home and urllib.parse.urlsplit(self.path).path == DESK_AT:  # the desk opens on its dashboard
            self.send_response(HTTPStatus.FOUND)
            self.send_header("Location", self.server.desk_home)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        return super().send_head()


def inject(page: bytes, tag: bytes) -> bytes:
    """The page with ``tag`` before its last ``</body>`` (at the end when it has none)."""
    at = page.lower().rfind(b"</body>")
    return page + tag if at < 0 else page[:at] + tag + page[at:]


class LiveHandler(QuietHandler):
    """Serves the output folder with the live-reload script in every HTML response, and the state of the builds."""

    @property
    def live(self) -> Live:
        """The live state this handler reports: ``start`` gives a LiveHandler only to a server that has one."""
        if self.server.live is None:
            raise RuntimeError("a live-reload handler on a server without live state")
        return self.server.live

    def route(self) -> str:
        return urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)

    def do_GET(self) -> None:
        if self.route() == STATE:
            self.reply(HTTPStatus.OK, "application/json; charset=utf-8", self.live.after_build().json())
        elif self.route() == SCRIPT:
            self.reply(HTTPStatus.OK, "text/javascript; charset=utf-8", LIVE_JS.encode("utf-8"))
        else:
            super().do_GET()

    def do_HEAD(self) -> None:
        if self.route() == SCRIPT:
            self.reply(HTTPStatus.OK, "text/javascript; charset=utf-8", LIVE_JS.encode("utf-8"))
        else:
            super().do_HEAD()

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-cache")  # a reload fetches changed styles and photos too
        super().end_headers()

    def tag(self) -> bytes:
        state = self.live.state
        return (f'<script src="{SCRIPT}" data-state="{STATE}" data-every="{POLL}" data-server="{state.server}" '
                f'data-build="{state.build}"></script>\n').encode("ascii")

    def reply(self, status: HTTPStatus, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def send_head(self) -> BinaryIO | None:
        """An HTML page read and sent with the script tag; anything else as the standard handler does."""
        route = self.route()
        path = Path(self.translate_path(self.path))
        if route.endswith("/") and path.is_dir():
            path = path / "index.html"
        if path.suffix not in (".html", ".htm") or not path.is_file() or (self.server.desk_home and route == DESK_AT):
            return super().send_head()
        try:
            page = inject(path.read_bytes(), self.tag())
        except OSError:  # swapped away by a build between the check and the read
            self.send_error(HTTPStatus.NOT_FOUND, "File not found")
            return None
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Length", str(len(page)))
        self.end_headers()
        return BytesIO(page)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """A missing page, with the script: it appears by itself once a build makes it (or the banner says why not)."""
        if code != HTTPStatus.NOT_FOUND or self.command != "GET":
            super().send_error(code, message, explain)
            return
        page = inject(NOT_FOUND.format(path=html.escape(self.route())).encode("utf-8"), self.tag())
        self.reply(HTTPStatus.NOT_FOUND, "text/html; charset=utf-8", page)


class PreviewServer(ThreadingHTTPServer):
    """The HTTP server, with the live state its event streams report (None: a plain static server), and its mounts:
    (URL prefix, folder, only for paths the output folder lacks)."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], handler: Callable[..., QuietHandler], live: Live | None,
                 mounts: Sequence[tuple[str, Path, bool]] = (), desk_home: str = "") -> None:
        super().__init__(address, handler)
        self.live = live
        self.mounts = tuple(mounts)
        self.desk_home = desk_home


def start(out: Path, port: int, live: Live | None = None, desk: tuple[Path, str] | None = None) -> PreviewServer:
    """Serve ``out`` on 127.0.0.1:port in a background thread (port 0: any free port); with ``live``, pages reload themselves.

    ``desk``: the editors' desk and the public folder as seen from it (site.output.folders), served under
    ``/_desk/`` for local review only. Its pages link to the public site by that relative path, so
    the public folder is served there too (``/_desk/../site/`` is ``/site/``) where the site has no
    such path of its own: the same files work from the disk and from the server.
    """
    handler = functools.partial(LiveHandler if live is not None else QuietHandler, directory=str(out))
    mounts: list[tuple[str, Path, bool]] = []
    if desk is not None:
        folder, site_href = desk
        mounts.append((DESK_AT, folder, False))
        alias = posixpath.normpath(DESK_AT + site_href).rstrip("/") + "/"
        if alias != "/":
            mounts.append((alias, out, True))
    server = PreviewServer(("127.0.0.1", port), handler, live, mounts, DESK_AT + "_status/" if desk is not None else "")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
