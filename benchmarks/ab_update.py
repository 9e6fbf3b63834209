"""``tarjima update`` after k sources were edited, two versions of tarjima's code against each other and
against GNU msgmerge of just the catalogues the edits affect, A and B alternating round by round.

    python benchmarks/ab_update.py --archive /tmp/a2000 --a /tmp/new/src --b /tmp/old/src --rounds 7

The archive (``generate.py``) is copied twice, one copy per version (each keeps its own caches, as
after a few updates: ``--warm`` untimed rounds first, so that every translation-memory index exists).
Each round edits k sources in both copies (a sentence appended to the last block, as the runner's
``update_edited``), times ``python -m tarjima update`` with ``PYTHONPATH`` set to each version, and,
after A's, ``msgmerge --update`` of the affected catalogues as they were before the update against
the templates update has just written; then every file is put back and update runs once more
(untimed). CPU is user and system time of the process and its children; medians, and the ratios
taken round by round. The catalogues A and B write are compared: any difference is printed.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def timed(argv: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"exit {done.returncode}: {' '.join(argv)}\n{done.stderr.decode(errors='replace')[-400:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


class Copy:
    """One copy of the archive and the code that updates it."""

    def __init__(self, root: Path, src: str) -> None:
        self.root, self.env = root, {**os.environ, "PYTHONPATH": src, "SOURCE_DATE_EPOCH": "1733788800"}
        self.sources = sorted((root / "content").rglob("*.md"))
        self.saved: dict[Path, bytes] = {}

    def update(self) -> tuple[float, float]:
        return timed([sys.executable, "-m", "tarjima", "--root", str(self.root), "update"], self.env)

    def edit(self, chosen: list[int]) -> list[Path]:
        """Append a sentence to each chosen source; return the catalogues (.po) its update will merge."""
        catalogues = []
        for serial, index in enumerate(chosen):
            source = self.sources[index]
            related = [source, *self.root.glob(f"locales/*/LC_MESSAGES/{source.stem}.po"), self.root / "locales/templates" / f"{source.stem}.pot"]
            for path in related:
                self.saved.setdefault(path, path.read_bytes())
            catalogues += [p for p in related if p.suffix == ".po"]
            source.write_text(source.read_text(encoding="utf-8").rstrip("\n") + f" Edited {serial + 2}.\n", encoding="utf-8")
        return catalogues

    def restore(self) -> None:
        for path, data in self.saved.items():
            path.write_bytes(data)
        self.saved.clear()


def msgmerge(copy: Copy, catalogues: list[Path], scratch: Path) -> tuple[float, float]:
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir()
    lines = []
    for i, po in enumerate(sorted(catalogues)):
        (scratch / f"{i}.po").write_bytes(copy.saved[po])
        lines.append(f'msgmerge --update --backup=off -q "{scratch / f"{i}.po"}" "{copy.root / "locales/templates" / (po.stem + ".pot")}" || exit 1')
    return timed(["bash", "-c", "\n".join(lines)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--archive", required=True, type=Path)
    parser.add_argument("--a", required=True, help="the src folder of version A")
    parser.add_argument("--b", required=True, help="the src folder of version B")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--warm", type=int, default=3)
    parser.add_argument("--edited", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        copies = {}
        for name, src in (("A", args.a), ("B", args.b)):
            root = Path(tmp) / name
            shutil.copytree(args.archive, root, ignore=shutil.ignore_patterns(".tarjima-cache"))
            copies[name] = Copy(root, src)
            copies[name].update()
        rng = random.Random(35)
        count = len(copies["A"].sources)
        for _ in range(args.warm):
            chosen = rng.sample(range(count), args.edited)
            for copy in copies.values():
                copy.edit(chosen), copy.update(), copy.restore(), copy.update()
        rows = []
        for round_ in range(args.rounds):
            chosen = rng.sample(range(count), args.edited)
            row: dict[str, tuple[float, float]] = {}
            written = {}
            for name in ("A", "B") if round_ % 2 == 0 else ("B", "A"):
                copy = copies[name]
                catalogues = copy.edit(chosen)
                row[name] = copy.update()
                written[name] = {p.relative_to(copy.root): p.read_bytes() for p in copy.saved}
                if name == "A":
                    row["msgmerge"] = msgmerge(copy, catalogues, Path(tmp) / "msgmerge")
                copy.restore()
                copy.update()
            if written["A"] != written["B"]:
                print("A and B wrote different files:", sorted(str(p) for p in written["A"] if written["A"][p] != written["B"].get(p)))
            rows.append(row)
            print(f"round {round_ + 1}: " + ", ".join(f"{k} wall {v[0]:.3f} s cpu {v[1]:.3f} s" for k, v in row.items()), flush=True)
        for index, what in ((1, "cpu"), (0, "wall")):
            med = {k: statistics.median(r[k][index] for r in rows) for k in ("A", "B", "msgmerge")}
            ratio = {f"{x}/{y}": statistics.median(r[x][index] / r[y][index] for r in rows) for x, y in (("A", "B"), ("A", "msgmerge"), ("B", "msgmerge"))}
            print(f"{what}: " + ", ".join(f"{k} {v:.3f} s" for k, v in med.items()) + "; " + ", ".join(f"{k} {v:.2f}x" for k, v in ratio.items()))


if __name__ == "__main__":
    main()
