"""Where the checks' time goes: every check on every translated entry of an archive's catalogues, in one process.

    python benchmarks/checks.py benchmarks/.archives/n2000-s1          # a generated archive (generate.py)
    python benchmarks/checks.py /path/to/django/locale --source en     # any tree of .po files

It reads every ``*.po`` under the folder with the strict reader, makes the pairs ``check`` makes
(``checks.catalogue.checked_pairs``, as ``check`` makes them: translated entries, not plural, the
report's names where the ``unchanged`` check reads them; no glossary, no link references) and prints the CPU seconds of:
every check on every pair as ``run_checks`` runs them (the texts' reading cache cleared first);
reading every distinct text (``checks.inline.inline``); and each check alone, with the texts
already read. Compare two versions of tarjima by running it with each on ``PYTHONPATH``.
"""

from __future__ import annotations

import argparse
import functools
import sys
import time
from pathlib import Path
from typing import Callable

from tarjima.checks import inline as reading
from tarjima.checks.catalogue import checked_pairs
from tarjima.checks.registry import REGISTRY, Glossary, Pair
from tarjima.checks.run import CHECK_IDS, run_checks
from tarjima.po.read import read


def pairs_of(folder: Path, source: str) -> list[Pair]:
    return [pair for path in sorted(folder.rglob("*.po"))  # <lang>/LC_MESSAGES/<name>.po
            for _, pair in checked_pairs(source, path.parent.parent.name.replace("_", "-"), read(path.read_bytes(), str(path)), Glossary())]


def cpu(work: Callable[[], object]) -> float:
    start = time.process_time()
    work()
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--source", default="uz-Latn", help="the source language of every pair (default: the generated archives')")
    args = parser.parse_args()
    pairs = pairs_of(args.folder, args.source)
    texts = list(dict.fromkeys(t for p in pairs for t in (p.source, p.translation)))
    reading.inline.cache_clear()
    every = cpu(lambda: [run_checks(p) for p in pairs])
    reading.inline.cache_clear()
    read_all = cpu(lambda: [reading.inline(t) for t in texts])
    print(f"{len(pairs):,} pairs, {len(texts):,} distinct texts")
    print(f"every check on every pair: {every:.3f} s ({every / len(pairs) * 1e6:.1f} µs a pair)")
    print(f"reading every distinct text: {read_all:.3f} s")
    # each check alone, every text read already (a cache as large as the texts, not the 4,096 of a report's)
    whole = functools.lru_cache(maxsize=None)(reading.inline.__wrapped__)
    for text in texts:
        whole(text, ())
    modules = {REGISTRY[c].__module__ for c in CHECK_IDS}
    kept = {name: sys.modules[name].inline for name in modules if hasattr(sys.modules[name], "inline")}
    try:
        for name in kept:
            sys.modules[name].inline = whole
        for check_id in CHECK_IDS:
            check = REGISTRY[check_id]
            print(f"  {check_id:12} {cpu(lambda: [check(p) for p in pairs]):.3f} s")
    finally:
        for name, function in kept.items():
            sys.modules[name].inline = function


if __name__ == "__main__":
    main()
