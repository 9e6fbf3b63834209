"""Time the translation memory on a generated archive: lookups for one new report, and update with and without it.

    python benchmarks/generate.py --reports 2000 --out /tmp/archive-2000
    python benchmarks/memory.py --archive /tmp/archive-2000 --repeat 5

The new report is written in the language of an existing one and takes half its paragraphs
as they are, a third of the rest with two words changed, and new paragraphs for the rest:
exact, close and no matches. Figures (medians):

- lookup, cold: the first consultation, which builds the index of the report's two language pairs;
- lookup, warm: in a new process, the index loaded from the cache, brought up to date (a stat
  per catalogue) and asked for every entry the new report creates empty;
- update, unchanged archive, memory on and off (``[memory] enabled = false``), alternating;
- update after the new report is added, memory on and off (its template and catalogues removed before each run).
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from tarjima import catalog as cat
from tarjima import config, memory, project as proj

NEW = "content/2099/memory-benchmark.md"


def new_report(root: Path, seed: int = 1) -> str:
    """The source text of a new report that shares paragraphs with an existing one."""
    loaded = proj.load_project(config.load(root))
    rng = random.Random(seed)
    base = rng.choice([r for r in loaded.reports if r.lang == "uz-Latn"])
    doc = loaded.document(base)
    paragraphs = [s.text for s in doc.segments if s.role == "paragraph"]
    out = []
    for i, text in enumerate(paragraphs):
        if i % 2 == 0:
            out.append(text)
        elif i % 3 == 1:
            words = text.split(" ")
            for _ in range(2):
                j = rng.randrange(len(words))
                words[j] = words[j][::-1]
            out.append(" ".join(words))
        else:
            out.append(f"Yangi paragraf {i}: " + " ".join(rng.sample(text.split(" "), len(text.split(" ")))))
    front = f"---\ntitle: Xotira sinovi\ndate: 2099-01-01\nlang: {base.lang}\n---\n\n"
    return front + "\n\n".join(out) + "\n"


def remove_new(root: Path) -> None:
    for path in [root / "locales/templates/memory-benchmark.pot", *root.glob("locales/*/LC_MESSAGES/memory-benchmark.po")]:
        path.unlink(missing_ok=True)


def set_memory(root: Path, enabled: bool) -> None:
    path = root / "tarjima.toml"
    text = re.sub(r"\n\[memory\]\nenabled = \w+\n", "\n", path.read_text(encoding="utf-8"))
    path.write_text(text + ("" if enabled else "\n[memory]\nenabled = false\n"), encoding="utf-8")


def timed_update(root: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "tarjima", "--root", str(root), "update"], check=True, capture_output=True)
    return time.perf_counter() - started


def lookup(root: Path) -> tuple[float, float, int, int, int]:
    """(index load and refresh, finding every match, entries looked up, exact, close) for the new report, in this process."""
    loaded = proj.load_project(config.load(root))
    report = next(r for r in loaded.reports if r.path == NEW)
    pot = cat.template(loaded.document(report), "")
    started = time.perf_counter()
    archive = memory.Memory(loaded, memory.Settings())
    for lang in loaded.targets(report):
        archive.index(report.lang, lang)
    loaded_at = time.perf_counter()
    looked = exact = close = 0
    for lang in loaded.targets(report):
        new = cat.merge(cat.new_catalog(pot, lang.gettext, "", "", ""), pot)
        _, filled = archive.fill(report, lang, None, new)
        looked += len(new.entries)
        exact += filled.exact
        close += filled.close
    done = time.perf_counter()
    archive.save()
    return loaded_at - started, done - loaded_at, looked, exact, close


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--archive", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    root = args.archive.resolve()
    shutil.rmtree(root / ".tarjima-cache" / "memory", ignore_errors=True)
    (root / NEW).parent.mkdir(parents=True, exist_ok=True)
    (root / NEW).unlink(missing_ok=True)
    remove_new(root)
    set_memory(root, True)
    timed_update(root)
    timed_update(root)  # the status index is warm
    unchanged = {True: [], False: []}
    for _ in range(args.repeat):
        for enabled in (True, False):
            set_memory(root, enabled)
            timed_update(root)  # the configuration changed: once to settle
            unchanged[enabled].append(timed_update(root))
    set_memory(root, True)
    (root / NEW).write_text(new_report(root), encoding="utf-8")
    timed_update(root)  # parses the new source; catalogues made
    remove_new(root)
    shutil.rmtree(root / ".tarjima-cache" / "memory")
    cold = lookup(root)
    warm = [lookup(root) for _ in range(args.repeat)]
    added = {True: [], False: []}
    for _ in range(args.repeat):
        for enabled in (True, False):
            set_memory(root, enabled)
            remove_new(root)
            added[enabled].append(timed_update(root))
    set_memory(root, True)
    remove_new(root)
    (root / NEW).unlink()
    timed_update(root)
    median = statistics.median
    loaded = proj.load_project(config.load(root))
    print(f"archive: {len(loaded.reports)} reports")
    print(f"new report: {cold[2]} entries looked up in 2 languages: {cold[3]} exact, {cold[4]} close")
    print(f"lookup cold (index built): {cold[0]:.2f} s + {cold[1]:.3f} s finding")
    print(f"lookup warm: {median(w[0] for w in warm):.3f} s loading and refreshing the index + {median(w[1] for w in warm):.3f} s finding = {median(w[0] + w[1] for w in warm):.3f} s")
    print(f"update, unchanged archive: memory on {median(unchanged[True]):.3f} s, off {median(unchanged[False]):.3f} s")
    print(f"update, one new report: memory on {median(added[True]):.3f} s, off {median(added[False]):.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
