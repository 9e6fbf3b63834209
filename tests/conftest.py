"""Shared fixtures: fixture projects built from a dict of files, the CLI run in-process, GNU gettext."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from importlib import metadata
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, settings

from tarjima.cli import main

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements.txt"
# The fixtures translate by prefixing the source ("RU The seminar opened."): Latin words in a
# Cyrillic text, which the build's check gate holds back. Its own tests switch it on.
CONFIG = 'languages = ["uz-Latn", "ru", "en"]\ndefault_language = "uz-Latn"\nhold_check_errors = false\n'

# Hypothesis judges no speed: a busy machine is slow, not wrong (a test's own settings may add to this).
settings.register_profile("no-timing", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("no-timing")


def lock_drift() -> list[str]:
    """Installed packages whose version differs from requirements.txt (the tested set), as "name lock -> now"."""
    if not LOCK.exists():
        return []
    drift = []
    for name, locked in re.findall(r"(?m)^([A-Za-z0-9_.-]+)==(\S+)", LOCK.read_text(encoding="utf-8")):
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            installed = "not installed"
        if installed != locked:
            drift.append(f"{name} {locked} -> {installed}")
    return drift


def pytest_report_header(config: pytest.Config) -> str:
    runtime = ", ".join(f"{n} {metadata.version(n)}" for n in ("babel", "click", "Jinja2", "markdown-it-py", "nh3", "PyYAML", "polib", "deep-translator"))
    drift = lock_drift()
    return f"tarjima runs on: {runtime}\n" + (f"differs from requirements.txt: {'; '.join(drift)}" if drift else "every package as in requirements.txt")


def pytest_terminal_summary(terminalreporter, exitstatus: int) -> None:  # type: ignore[no-untyped-def]
    drift = lock_drift()
    if exitstatus == 1 and drift:
        terminalreporter.write_line(
            "tests failed with releases other than the tested set (requirements.txt): " + "; ".join(drift)
            + ". If `.ci/run` (the lock) passes, one of these releases changed the behaviour named above.", red=True)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The files with the most slow tests first, each file's tests in their own order. pytest-xdist
    (pyproject.toml: ``--dist loadfile --no-loadscope-reorder``) hands whole files to its processes in
    this order: the long ones start early, and the run does not end with one process alone on a long
    file (its own order, the files with the most tests first, left a file of four slow tests for last)."""
    weight: dict[Path, int] = {}
    for item in items:
        weight[item.path] = weight.get(item.path, 0) + (item.get_closest_marker("slow") is not None)
    items.sort(key=lambda item: -weight[item.path])


def slow_except(values, *quick):  # type: ignore[no-untyped-def]
    """Parameters for a test each of whose cases costs a build: the ``quick`` ones run in the quick loop
    (``pytest -m "not slow"``), the others only in the full suite."""
    return [pytest.param(v, marks=() if v in quick else pytest.mark.slow) for v in values]


def write_tree(root: Path, files: dict[str, str]) -> Path:
    """Create files under ``root`` from a mapping of relative path to text."""
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def report(title: str = "A seminar", lang: str = "en", body: str = "First paragraph.\n", **extra: str) -> str:
    """The text of a report source."""
    fields = "".join(f"{k}: {v}\n" for k, v in extra.items())
    return f"---\ntitle: {title}\ndate: 2024-12-10\nlang: {lang}\n{fields}---\n\n{body}"


def desk_of(out: Path) -> Path:
    """The editors' desk a build into ``out`` makes when no --desk is given (beside it)."""
    from tarjima.site.output.folders import desk_for

    return desk_for(out)


def snapshot(root: Path, *, folders: bool = False) -> dict[str, str]:
    """Every file under root with a hash of its bytes, to prove nothing changed (tarjima's own cache aside).

    An unreadable file is recorded by its size and time. With ``folders``, an empty folder is recorded
    too (``"path/": "empty folder"``), so that a folder left in a file's place shows.
    """
    shot: dict[str, str] = {}
    for p in sorted(root.rglob("*")):
        rel = p.relative_to(root)
        if ".tarjima-cache" in rel.parts:
            continue
        if p.is_file():
            try:
                shot[rel.as_posix()] = hashlib.sha256(p.read_bytes()).hexdigest()
            except PermissionError:
                shot[rel.as_posix()] = f"unreadable {p.stat().st_size} {p.stat().st_mtime_ns}"
        elif folders and p.is_dir() and not any(p.iterdir()):
            shot[rel.as_posix() + "/"] = "empty folder"
    return shot


@pytest.fixture
def project(tmp_path: Path):
    """A factory: a fresh content project with the given files and the standard configuration."""

    def make(files: dict[str, str] | None = None, config: str = CONFIG) -> Path:
        return write_tree(tmp_path / "proj", {"tarjima.toml": config, **(files or {})})

    return make


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    """A copy of the shipped content project (configuration, content, locales, templates, the publication record)."""
    dest = tmp_path / "shipped"
    dest.mkdir()
    shutil.copy(ROOT / "pyproject.toml", dest / "pyproject.toml")
    for name in ("content", "locales", "templates", "published"):
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, dest / name)
    return dest


class Result:
    """What a CLI run printed and returned."""

    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err


def run(root: Path, *args: str) -> Result:
    """Run the tarjima CLI in-process on the project at root."""
    runner = CliRunner()
    result = runner.invoke(main, ["--root", str(root), *args], catch_exceptions=False)
    return Result(result.exit_code, result.stdout, result.stderr)


def gnu(*args: str, input: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run a GNU gettext tool; the test suite needs them (`.ci/run` installs Debian's gettext)."""
    if shutil.which(args[0]) is None:
        pytest.fail(f"{args[0]} is not installed: apt-get install gettext")
    return subprocess.run(args, input=input, capture_output=True, check=False)


def read_po(path: Path):  # type: ignore[no-untyped-def]
    """A catalogue on disk, read strictly."""
    from tarjima.po.read import read

    return read(path.read_bytes(), path.name)


def translate_po(path: Path, texts: dict[str, str], fuzzy: dict[str, str] | None = None) -> None:
    """Fill a catalogue's entries as a translator would (fuzzy ones with a fuzzy flag), through GNU's layout."""
    from dataclasses import replace

    from tarjima.po.write import dumps

    catalog = read_po(path)
    entries = []
    for entry in catalog.entries:
        if entry.msgid in texts:
            entry = replace(entry, msgstr=texts[entry.msgid])
        elif fuzzy and entry.msgid in fuzzy:
            entry = replace(entry, msgstr=fuzzy[entry.msgid]).with_flag("fuzzy")
        entries.append(entry)
    path.write_text(dumps(replace(catalog, entries=tuple(entries))), encoding="utf-8")
