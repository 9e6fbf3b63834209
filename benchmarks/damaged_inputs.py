"""Print what each tarjima command does with each kind of damaged input, as a Markdown table (issue 13).

    python benchmarks/damaged_inputs.py [--kind TEXT] [--keep]

The cases and the measuring live in tests/damaged_cases.py, shared with tests/test_damaged_inputs.py.
A cell is the command's exit status; "ok" after a 2 means exactly the wanted error lines, each naming
the damaged file (and its line, when the damage has one). "files changed?" counts files outside
.tarjima-cache/ that a command changed; "agree?" lists how a case breaks the first rule.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import damaged_cases as dc  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kind", default="", help="only the cases whose kind contains this text")
    parser.add_argument("--keep", action="store_true", help="keep the damaged projects and say where")
    args = parser.parse_args()
    work = dc.workdir()
    started = time.perf_counter()
    try:
        measured = [dc.measure(case, work, args.keep) for case in dc.CASES if args.kind.lower() in case.kind.lower()]
    finally:
        if args.keep:
            print(f"projects kept in {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    print(dc.table(measured), end="")
    broken = sum(1 for m in measured if m.problems())
    print(f"\n{len(measured)} kinds, {broken} break the first rule; {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
