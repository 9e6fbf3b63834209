"""Shared fixtures: fixture projects built from a dict of files, the CLI run in-process, GNU gettext."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from tarjima.cli import main

ROOT = Path(__file__).resolve().parent.parent
CONFIG = 'languages = ["uz-Latn", "ru", "en"]\ndefault_language = "uz-Latn"\n'


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


def snapshot(root: Path) -> dict[str, str]:
    """Every file under root with a hash of its bytes, to prove nothing changed (tarjima's own cache aside)."""
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".tarjima-cache" not in p.relative_to(root).parts
    }


@pytest.fixture
def project(tmp_path: Path):
    """A factory: a fresh content project with the given files and the standard configuration."""

    def make(files: dict[str, str] | None = None, config: str = CONFIG) -> Path:
        return write_tree(tmp_path / "proj", {"tarjima.toml": config, **(files or {})})

    return make


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    """A copy of the shipped content project (configuration, content, locales, templates)."""
    dest = tmp_path / "shipped"
    dest.mkdir()
    shutil.copy(ROOT / "pyproject.toml", dest / "pyproject.toml")
    for name in ("content", "locales", "templates"):
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
