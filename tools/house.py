"""The shape of tarjima's code, measured: its import graph, and the modules one report's data passes through.

    python tools/house.py            # a table of the figures
    python tools/house.py --json     # the same as JSON

The import graph is read from the source (every ``import`` and ``from … import`` of a tarjima
module, at the top of a file or inside a function): modules, edges, circles (groups of modules
that import each other in a loop), and imports from one command's module into another's
(COMMANDS: what a command runs, which should share code only through the floors below).

The trips are measured by running the code: on a copy of the shipped project, one report's
Russian catalogue is edited, then ``update`` and ``build`` run in this process with
``sys.setprofile``; every tarjima module whose code runs while that one report is handled
(``process_report`` in the build; ``up_to_date`` and ``plan_report`` in update) is counted.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import json
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any, Callable, Iterator

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "tarjima"
# The modules a command runs as such (their names before and after the regrouping of round two).
COMMANDS = {
    "update": ("tarjima.update",),
    "status": ("tarjima.status", "tarjima.status_views", "tarjima.status.compute", "tarjima.status.views"),
    "check": ("tarjima.qa", "tarjima.checks.project"),
    "build": ("tarjima.site.build",),
    "serve": ("tarjima.serve",),
    "translate": ("tarjima.mt.prefill",),
}
# Where one report is handled: (module, function) pairs whose calls are followed.
TRIPS = {
    "build": (("tarjima.site.reports", "process_report"),),
    "update": (("tarjima.update", "up_to_date"), ("tarjima.update", "plan_report")),
}
REPORT = "international-standards-seminar"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path, name: str, known: set[str]) -> set[str]:
    """The tarjima modules a file imports (a ``from X import Y`` where X.Y is a module counts as X.Y)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("tarjima")}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            if not base.startswith("tarjima"):
                continue
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base)
    return {m for m in found if m in known and m != name}


def graph() -> dict[str, set[str]]:
    files = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}
    known = set(files)
    return {name: imports(path, name, known) for name, path in files.items()}


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []
    sys.setrecursionlimit(10_000)

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in edges:
        if v not in index:
            visit(v)
    return found


def command_imports(edges: dict[str, set[str]]) -> list[tuple[str, str]]:
    """Imports from a module of one command into a module of another."""
    owner = {m: cmd for cmd, mods in COMMANDS.items() for m in mods}
    return sorted((a, b) for a, targets in edges.items() for b in targets if a in owner and b in owner and owner[a] != owner[b])


@contextlib.contextmanager
def following(starts: tuple[tuple[str, str], ...]) -> Iterator[set[str]]:
    """The tarjima modules whose code runs inside calls of ``starts`` (module, function)."""
    seen: set[str] = set()
    depth = 0

    def profile(frame: Any, event: str, arg: Any) -> None:
        nonlocal depth
        module = frame.f_globals.get("__name__", "")
        if event == "call":
            if depth == 0 and (module, frame.f_code.co_name) in starts:
                depth = 1
            elif depth:
                depth += 1
            if depth and module.startswith("tarjima"):
                seen.add(module)
        elif event == "return" and depth:
            depth -= 1

    sys.setprofile(profile)
    try:
        yield seen
    finally:
        sys.setprofile(None)


def trips() -> dict[str, list[str]]:
    """Run update and build on a copy of the shipped project after one report's catalogue was edited."""
    sys.path.insert(0, str(ROOT / "src"))
    from click.testing import CliRunner

    from tarjima.cli import main

    runner = CliRunner()
    found: dict[str, list[str]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "shipped"
        root.mkdir()
        shutil.copy(ROOT / "pyproject.toml", root)
        for name in ("content", "locales", "templates", "published"):
            if (ROOT / name).exists():
                shutil.copytree(ROOT / name, root / name)

        def run(*args: str) -> None:
            result = runner.invoke(main, ["--root", str(root), *args], catch_exceptions=False)
            if result.exit_code != 0:
                raise SystemExit(f"tarjima {' '.join(args)} failed: {result.output}")

        out = str(Path(tmp) / "site")
        run("update")
        run("build", "--out", out)
        source = root / f"content/2024/{REPORT}/index.md"
        source.write_text(source.read_text(encoding="utf-8") + "\nA new paragraph of the report.\n", encoding="utf-8")
        with following(TRIPS["update"]) as seen:
            run("update")
        found["update"] = sorted(seen)
        po = root / f"locales/ru/LC_MESSAGES/{REPORT}.po"
        po.write_text(po.read_text(encoding="utf-8").replace("Работа семинара продолжится", "Семинар продолжит работу"), encoding="utf-8")
        with following(TRIPS["build"]) as seen:
            run("build", "--out", out)  # incremental: the edited report is built in this process
        found["build"] = sorted(seen)
    return found


def figures() -> dict[str, Any]:
    edges = graph()
    walked = trips()
    return {
        "modules": len(edges),
        "import edges": sum(len(v) for v in edges.values()),
        "circles": circles(edges),
        "command-to-command imports": command_imports(edges),
        "build: modules one report passes through": walked["build"],
        "update: modules one report passes through": walked["update"],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    found = figures()
    if args.json:
        print(json.dumps(found, indent=2))
        return 0
    print("| figure | value |\n|---|---|")
    for key, value in found.items():
        shown: Callable[[Any], str] = lambda v: str(len(v)) + (": " + ", ".join(" ".join(x) if isinstance(x, (list, tuple)) else x for x in v) if v else "") if isinstance(v, list) else str(v)
        print(f"| {key} | {shown(value)} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
