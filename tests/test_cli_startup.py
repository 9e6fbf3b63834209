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


def test_a_lazy_command_is_listed_with_its_own_summary() -> None:
    from tarjima.cli.translate import translate

    for name, summary in Group.lazy_help.items():
        assert name == "translate" and translate.get_short_help_str(200) == summary
