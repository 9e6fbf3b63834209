"""Two commands timed against each other, whole processes, A and B alternating (A B, then B A, ...).

    python benchmarks/ab.py -n 5 --a 'sh -c "rm -rf /tmp/a2000/.tarjima-cache; exec tarjima --root /tmp/a2000 status >/dev/null"' \
                                  --b 'pocount --short /tmp/a2000/locales'

Each command runs in a shell (``sh -c``), its output thrown away; its CPU is the user and system
time the operating system accounts to it and its children (``resource.RUSAGE_CHILDREN``), its wall
time a monotonic clock around it. One warm-up pair is not counted. Printed: each pair, then the
medians of A, of B, and of the ratio A/B taken pair by pair (a ratio of the same moment: a machine
whose speed drifts moves both).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import time


def timed(command: str) -> tuple[float, float]:
    """(wall, cpu) seconds of one run of a shell command; a failing command stops the measurement."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(["sh", "-c", command], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"exit {done.returncode}: {command}\n{done.stderr.decode(errors='replace')[-400:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=5, help="pairs counted (default 5)")
    parser.add_argument("--a", required=True, help="command A (a shell string)")
    parser.add_argument("--b", required=True, help="command B, the baseline or the yardstick")
    args = parser.parse_args()
    timed(args.a), timed(args.b)  # warm-up
    pairs = []
    for i in range(args.n):
        first, second = (args.a, args.b) if i % 2 == 0 else (args.b, args.a)
        one, two = timed(first), timed(second)
        a, b = (one, two) if i % 2 == 0 else (two, one)
        pairs.append((a, b))
        print(f"pair {i + 1}: A wall {a[0]:.3f} s cpu {a[1]:.3f} s, B wall {b[0]:.3f} s cpu {b[1]:.3f} s", flush=True)
    for index, what in ((1, "cpu"), (0, "wall")):
        median_a = statistics.median(a[index] for a, _ in pairs)
        median_b = statistics.median(b[index] for _, b in pairs)
        ratio = statistics.median(a[index] / b[index] for a, b in pairs)
        print(f"{what}: A {median_a:.3f} s, B {median_b:.3f} s, A/B {ratio:.3f} (median of the pairs' ratios)")


if __name__ == "__main__":
    main()
