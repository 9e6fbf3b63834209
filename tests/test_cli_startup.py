"""Start-up: --help and --version import none of the heavy libraries (each command imports what it uses)."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tarjima.cli.base import Group

HEAVY = ("jinja2", "markdown_it", "babel", "deep_translator", "requests", "yaml", "nh3")


@pytest.mark.parametrize("args", [("--version",), ("--help",)])
def test_help_and_version_import_no_heavy_library(args: tuple[str, ...]) -> None:
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "tarjima", *args], capture_output=True, text=True, check=True)
    imported = {m.group(1).split(".")[0] for m in re.finditer(r"\|\s+(\S+)\s*$", done.stderr, re.M)}
    assert not imported & set(HEAVY), sorted(imported & set(HEAVY))
    assert done.stdout.strip()


def test_every_lazy_command_is_listed_with_its_own_summary() -> None:
    import importlib

    assert set(Group.lazy_help) == set(Group.lazy)
    for name, target in Group.lazy.items():
        module, attr = target.split(":")
        assert getattr(importlib.import_module(module), attr).get_short_help_str(200) == Group.lazy_help[name]


def test_status_and_update_with_nothing_to_parse_import_no_parser_or_renderer(shipped, tmp_path) -> None:
    """Once the caches know every file, status and a no-op update parse no Markdown, no front matter and render
    nothing: they import neither markdown-it, PyYAML, Jinja2, nh3, multiprocessing nor Babel's catalogue
    machinery (a new catalogue's Plural-Forms), about 50 ms of a 0.25 s run."""
    unneeded = ("markdown_it", "yaml", "jinja2", "nh3", "multiprocessing", "babel.messages")
    import os

    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    for args in (("status",), ("update",)):
        subprocess.run([sys.executable, "-m", "tarjima", *args], cwd=shipped, capture_output=True, check=True, env=env)  # the caches learn the files
    for args in (("status",), ("update",)):
        done = subprocess.run([sys.executable, "-X", "importtime", "-m", "tarjima", *args], cwd=shipped, capture_output=True, text=True, env=env)
        assert done.returncode == 0, done.stderr[-500:]
        imported = {m.group(1) for m in re.finditer(r"\|\s+(\S+)\s*$", done.stderr, re.M)}
        found = sorted(m for m in imported if m in unneeded or m.startswith(tuple(u + "." for u in unneeded)))
        assert not found, (args, found)
