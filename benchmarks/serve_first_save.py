"""The first save after ``tarjima serve`` starts: from the write to the served page that shows it (HTTP, no browser).

    python benchmarks/serve_first_save.py --archive /tmp/serve-10000 --wait 20
    PYTHONPATH=/tmp/old/src python benchmarks/serve_first_save.py --archive /tmp/serve-10000 --wait 20   # another version

``serve`` builds into a new folder (its first build there: no twin yet), then waits ``--wait``
seconds, as an editor reads the page before saving; one source (the twelfth, sorted) gets a new
first paragraph, and the page is asked for every 10 ms until it shows it. The source is put back.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serve_latency import TARJIMA, Process, pick  # noqa: E402  (the same server process, read the same way; the same report)

OUT = "_bench/first-save-out"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--archive", type=Path, required=True)
    parser.add_argument("--wait", type=float, default=20.0)
    args = parser.parse_args()
    root: Path = args.archive.resolve()
    out = root / OUT
    for stale in (out, out.parent / f"{out.name}-desk", *(out.parent / ".tarjima-cache").glob(f"twin-{out.name}*")):
        shutil.rmtree(stale, ignore_errors=True)
    md, lang, slug, _ = pick(root)
    text = md.read_text(encoding="utf-8")
    serve = Process([*TARJIMA, "--root", str(root), "serve", "--out", str(out), "--port", "0"], r"^serving .* at (http://127\.0\.0\.1:\d+/)")
    try:
        url = f"{serve.ready().group(1)}{lang}/{slug}/"
        time.sleep(args.wait)
        started = time.perf_counter()
        md.write_text(text.replace("\n---\n", "\n---\n\nZondfirst here.\n", 1), encoding="utf-8")
        while b"Zondfirst" not in urllib.request.urlopen(url).read():
            time.sleep(0.01)
        print(f"first save shown after {time.perf_counter() - started:.3f} s (serve started {args.wait:g} s before)")
    finally:
        md.write_text(text, encoding="utf-8")
        serve.stop()


if __name__ == "__main__":
    main()
