"""Prove that a change of tarjima's code changes none of its outputs.

    python benchmarks/identical.py --archive /tmp/archive-500 --save before.json   # on the old code
    python benchmarks/identical.py --archive /tmp/archive-500 --compare before.json  # on the new code

On a copy of the shipped content and of a generated archive (``generate.py --reports 500``),
it runs the commands as a user would (``python -m tarjima``, SOURCE_DATE_EPOCH fixed) and
records a digest of everything they print and write: ``status --format json``, ``check
--format json``, every catalogue after ``update`` of edited sources, every file of a full
``build``, and of an incremental build after an edit. ``--compare`` names every difference
and exits 1 if there is one.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1733788800", "PYTHONHASHSEED": "0"}


def tarjima(root: Path, *args: str) -> tuple[int, str]:
    done = subprocess.run([sys.executable, "-m", "tarjima", "--root", str(root), *args], capture_output=True, text=True, env=ENV, cwd=root)
    text = (done.stdout + done.stderr).replace(str(root), "ROOT")
    return done.returncode, re.sub(r"(?m)^(search: index made of .*) in [0-9.]+ s$", r"\1 in N s", text)  # how long the index took: not an output


def tree(folder: Path, prefix: str) -> dict[str, str]:
    return {
        f"{prefix}/{p.relative_to(folder).as_posix()}": hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".tarjima-cache" not in p.parts and p.name != ".tarjima-build"
    }


def edit_sources(root: Path, every: int) -> None:
    """Change one word in every ``every``-th source (as an editor would), deterministically."""
    for i, path in enumerate(sorted((root / "content").rglob("*.md"))):
        if i % every == 0:
            text = path.read_text(encoding="utf-8")
            path.write_text(re.sub(r"(\n\n[^\n#|*-][^\n]*?) (\S+)", r"\1 \2 \2", text, count=1), encoding="utf-8")


def record(name: str, source: Path, every: int) -> dict[str, str]:
    out: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / name
        shutil.copytree(source, root, ignore=shutil.ignore_patterns(".tarjima-cache", "site", "desk", ".venv", ".git", "*.egg-info", "__pycache__", "benchmarks", "tests", "tools", "docs", "build", "_bench"))  # the project, not the repository around it
        for step, args in (("status", ("status", "--format", "json")), ("check", ("check", "--format", "json"))):
            code, text = tarjima(root, *args)
            out[f"{name}/{step}"] = f"{code} {hashlib.sha256(text.encode()).hexdigest()}"
        code, text = tarjima(root, "build", "--full", "--out", str(root / "site"))
        out[f"{name}/build-full"] = f"{code} {hashlib.sha256(text.encode()).hexdigest()}"
        out.update(tree(root / "site", f"{name}/site-full"))
        edit_sources(root, every)
        code, text = tarjima(root, "update")
        out[f"{name}/update"] = f"{code} {hashlib.sha256(text.encode()).hexdigest()}"
        out.update(tree(root / "locales", f"{name}/locales"))
        code, text = tarjima(root, "build", "--out", str(root / "site"))
        out[f"{name}/build-incremental"] = f"{code} {hashlib.sha256(text.encode()).hexdigest()}"
        out.update(tree(root / "site", f"{name}/site-incremental"))
        code, text = tarjima(root, "status", "--format", "json")
        out[f"{name}/status-after"] = f"{code} {hashlib.sha256(text.encode()).hexdigest()}"
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--archive", type=Path, help="a generated archive (generate.py), copied, never changed")
    parser.add_argument("--save", type=Path)
    parser.add_argument("--compare", type=Path)
    args = parser.parse_args()
    digests = record("shipped", ROOT, 1)
    if args.archive:
        digests.update(record("archive", args.archive, 50))
    if args.save:
        args.save.write_text(json.dumps(digests, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"{len(digests)} outputs recorded in {args.save}")
    if args.compare:
        before = json.loads(args.compare.read_text(encoding="utf-8"))
        differ = sorted(k for k in before.keys() | digests.keys() if before.get(k) != digests.get(k))
        for key in differ:
            print(f"differs: {key}: {before.get(key, 'missing')} -> {digests.get(key, 'missing')}")
        print(f"{len(digests)} outputs compared: {len(differ)} differ")
        return 1 if differ else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
