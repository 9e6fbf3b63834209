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
