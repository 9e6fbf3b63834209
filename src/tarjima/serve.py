"""``tarjima serve``: a preview server on 127.0.0.1 and a polling watcher (standard library only)."""

from __future__ import annotations

import functools
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

from tarjima.config import Config


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves the output folder; no request log on the terminal."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def start(out: Path, port: int) -> ThreadingHTTPServer:
    """Serve ``out`` on 127.0.0.1:port in a background thread (port 0: any free port)."""
    handler = functools.partial(QuietHandler, directory=str(out))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def watched(config: Config) -> list[Path]:
    layout = config.layout
    return [layout.content, layout.locales, layout.templates, config.root / "pyproject.toml", config.root / "tarjima.toml"]


def fingerprint(paths: list[Path]) -> tuple[tuple[str, int, int], ...]:
    """Every watched file with its modification time and size."""
    seen = []
    for base in paths:
        files = [base] if base.is_file() else (sorted(base.rglob("*")) if base.is_dir() else [])
        for path in files:
            if path.is_file() and not path.name.startswith("."):
                stat = path.stat()
                seen.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(seen)


def watch(paths: list[Path], interval: float = 0.5) -> Iterator[None]:
    """Yield each time a watched file is added, removed or changed."""
    last = fingerprint(paths)
    while True:
        time.sleep(interval)
        now = fingerprint(paths)
        if now != last:
            last = now
            yield None
