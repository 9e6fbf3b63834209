"""How long after a save the watcher yields it, for a few quiet steps: what ``watch.STEP`` costs ``serve`` on every save.

    python benchmarks/watch_step.py --saves 15 --steps 20,10

Each save writes one file in a fresh folder (as an editor's save does, within a millisecond) and
waits for ``watchfiles.watch`` with the settings ``tarjima.watch.stream`` uses to yield it; the
steps alternate, and the medians (min-max) of the time from the write to the yield are printed.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import watchfiles

from tarjima import watch


def latencies(folder: Path, step: int, saves: int) -> list[float]:
    found = []
    events = watchfiles.watch(folder, step=step, debounce=watch.DEBOUNCE, rust_timeout=watch.STAT_EVERY, yield_on_timeout=True)
    next(events)  # the watches are set
    try:
        for number in range(saves):
            time.sleep(0.05)
            start = time.perf_counter()
            (folder / "report.md").write_text(f"save {number}\n", encoding="utf-8")
            while not next(events):
                pass
            found.append(time.perf_counter() - start)
    finally:
        events.close()
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--saves", type=int, default=15)
    parser.add_argument("--steps", default="20,10", help="comma-separated quiet steps in ms (tarjima's: watch.STEP)")
    parser.add_argument("--rounds", type=int, default=2, help="each step this many times, in turn")
    args = parser.parse_args()
    steps = [int(s) for s in args.steps.split(",")]
    with tempfile.TemporaryDirectory() as where:
        for _ in range(args.rounds):
            for step in steps:
                ms = [1000 * s for s in latencies(Path(where), step, args.saves)]
                print(f"step {step:3d} ms: save to yield {statistics.median(ms):.1f} ms median ({min(ms):.1f}-{max(ms):.1f}), {args.saves} saves")


if __name__ == "__main__":
    main()
