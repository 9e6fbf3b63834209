"""Save-to-served latency of ``tarjima serve`` against ``hugo server`` on the same content, in Chromium.

    python benchmarks/serve_latency.py --archive /tmp/serve-2000 --pairs 7

Both servers run side by side on the archive (Hugo on the runner's Hugo site, written by
``run.write_hugo_site`` from tarjima's own exports). For each pair, in alternating order (A B,
then B A), a page open in headless Chromium, one report's source-language page, has one word
of its first paragraph changed in its source file (tarjima: the report's Markdown source; Hugo:
the same report's exported Markdown); the latency is from the moment before the write to the
load event of the reloaded page that shows the new word (``performance`` navigation timing,
both on this machine's clock). Medians, with the spread, and the ratio pair by pair.
"""

from __future__ import annotations

import argparse
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import WORK, write_hugo_site  # noqa: E402  (the runner's Hugo site)

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
GIVE_UP = 60.0
TARJIMA = [sys.executable, "-m", "tarjima"]


class Process:
    """A server subprocess whose output is read in a thread; ``ready`` waits for a line matching ``pattern``."""

    def __init__(self, cmd: list[str], pattern: str) -> None:
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8")
        self.lines: list[str] = []
        self.found = threading.Event()
        self.match: re.Match[str] | None = None
        self.pattern = re.compile(pattern)
        threading.Thread(target=self.read, daemon=True).start()

    def read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append(line)
            hit = self.pattern.search(line)
            if hit and not self.found.is_set():
                self.match = hit
                self.found.set()

    def ready(self) -> re.Match[str]:
        if not self.found.wait(600) or self.match is None:
            self.stop()
            raise SystemExit("server did not start:\n" + "".join(self.lines[-30:]))
        return self.match

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def pick(root: Path) -> tuple[Path, str, str, str]:
    """A report: its source file, language, slug and a word of its first paragraph that appears once in the file."""
    for md in sorted((root / "content").rglob("*.md")):
        text = md.read_text(encoding="utf-8")
        lang = re.search(r"^lang: (\S+)$", text, re.M)
        body = text.split("\n---\n", 1)[1]
        words = [w for w in re.findall(r"\w{9,}", body.split("\n\n")[1]) if text.count(w) == 1]
        if lang and words:
            return md, lang.group(1), md.stem, words[0]
    raise SystemExit("no report with a word to change")


class Edit:
    """One file, one word: each ``apply(n)`` writes the original text with the word followed by ``zond<n>``."""

    def __init__(self, path: Path, word: str) -> None:
        self.path, self.word = path, word
        self.original = path.read_text(encoding="utf-8")
        assert self.original.count(word) == 1, (path, word)

    def apply(self, token: str) -> float:
        text = self.original.replace(self.word, f"{self.word} {token}")
        started = time.time()
        self.path.write_text(text, encoding="utf-8")
        return started

    def restore(self) -> None:
        self.path.write_text(self.original, encoding="utf-8")


def measure(page: object, url: str, edit: Edit, token: str) -> float:
    """Seconds from the write to the load event of the page that shows ``token``."""
    page.goto(url, wait_until="load")  # type: ignore[attr-defined]
    page.wait_for_timeout(700)  # type: ignore[attr-defined]  # both reload scripts connected / asking
    started = edit.apply(token)
    deadline = time.monotonic() + GIVE_UP
    while time.monotonic() < deadline:
        try:
            page.wait_for_event("load", timeout=GIVE_UP * 1000)  # type: ignore[attr-defined]
            shown, loaded = page.evaluate(  # type: ignore[attr-defined]
                """tok => [document.body.innerText.includes(tok),
                           performance.timeOrigin + performance.getEntriesByType("navigation")[0].loadEventEnd]""", token)
        except Exception as exc:  # noqa: BLE001  (a navigation between the event and the question: look again)
            print(f"  (looked again: {type(exc).__name__})", file=sys.stderr)
            continue
        if shown:
            return float(loaded) / 1000 - started
    raise SystemExit(f"{url}: {token} not shown within {GIVE_UP} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--archive", type=Path, required=True)
    parser.add_argument("--pairs", type=int, default=7)
    args = parser.parse_args()
    root: Path = args.archive.resolve()
    site = write_hugo_site(root, TARJIMA, print)
    if site is None:
        raise SystemExit("no Hugo site")
    source, lang, slug, word = pick(root)
    hugo_source = site / "content" / lang / f"{slug}.md"
    if not hugo_source.exists():
        raise SystemExit(f"{hugo_source}: not in the Hugo site")
    tarjima_edit, hugo_edit = Edit(source, word), Edit(hugo_source, word)
    out = root / WORK / "serve-out"
    tj = Process([*TARJIMA, "--root", str(root), "serve", "--out", str(out), "--port", "0"], r"^serving .* at (http://127\.0\.0\.1:\d+/)")
    hugo_port = free_port()
    hugo = Process(["hugo", "server", "--source", str(site), "--bind", "127.0.0.1", "--port", str(hugo_port),
                    "--baseURL", f"http://127.0.0.1:{hugo_port}/news/", "--appendPort=false"], r"Web Server is available at (\S+)")
    from playwright.sync_api import sync_playwright

    try:
        tj_base, hugo_base = tj.ready().group(1), hugo.ready().group(1).rstrip("/") + "/"
        print("".join(line for line in tj.lines if line.startswith("watching")), end="")
        runs: dict[str, tuple[str, Edit]] = {"tarjima serve": (f"{tj_base}{lang}/{slug}/", tarjima_edit),
                                              "hugo server": (f"{hugo_base}{lang}/{slug}/", hugo_edit)}
        times: dict[str, list[float]] = {name: [] for name in runs}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            page = browser.new_page()
            for name, (url, edit) in runs.items():  # one warm-up each, not counted
                measure(page, url, edit, "zondwarm")
            for n in range(args.pairs):
                order = list(runs) if n % 2 == 0 else list(reversed(runs))
                for name in order:
                    url, edit = runs[name]
                    took = measure(page, url, edit, f"zond{n}")
                    times[name].append(took)
                    print(f"pair {n + 1} {name}: {took:.3f} s", flush=True)
            browser.close()
    finally:
        tarjima_edit.restore()
        hugo_edit.restore()
        tj.stop()
        hugo.stop()
    spread: Callable[[list[float]], str] = lambda xs: f"{statistics.median(xs):.3f} s median ({min(xs):.3f}-{max(xs):.3f})"
    for name, xs in times.items():
        print(f"{name}: {spread(xs)}")
    ratios = [a / b for a, b in zip(times["tarjima serve"], times["hugo server"])]
    print(f"ratio tarjima/hugo, pair by pair: {statistics.median(ratios):.2f}x median ({min(ratios):.2f}-{max(ratios):.2f})")


if __name__ == "__main__":
    main()
