"""The examples in tarjima's docstrings run as tests: each docstring with a ``>>>`` example is one test.

The modules are found by their text, so a module moved or added is found without a list to keep,
and a module without examples is never imported here (some import optional packages).
"""

from __future__ import annotations

import doctest
import importlib
import re
from pathlib import Path

import pytest

import tarjima

PACKAGE = Path(tarjima.__file__).resolve().parent
EXAMPLE = re.compile(r"^\s*>>> ", re.MULTILINE)


def modules_with_examples() -> list[str]:
    """The dotted names of the package's modules whose text holds an example."""
    names = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if EXAMPLE.search(path.read_text(encoding="utf-8")):
            parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
            names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def docstrings() -> list:  # type: ignore[type-arg]
    """One parameter per docstring with examples; a module whose optional package is missing is skipped, named."""
    params = []
    finder = doctest.DocTestFinder()
    for name in modules_with_examples():
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as missing:
            if (missing.name or "").split(".")[0] == "tarjima":
                raise
            params.append(pytest.param(None, id=name, marks=pytest.mark.skip(reason=f"{name} needs {missing.name}, not installed")))
            continue
        params += [pytest.param(test, id=test.name.removeprefix("tarjima.")) for test in finder.find(module) if test.examples]
    return params


DOCSTRINGS = docstrings()


@pytest.mark.parametrize("test", DOCSTRINGS)
def test_the_examples_in_the_docstring_hold(test: doctest.DocTest) -> None:
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    report: list[str] = []
    runner.run(test, out=report.append)
    assert runner.failures == 0, "".join(report)


def test_the_merge_and_derive_rules_are_documented_by_example() -> None:
    """A floor: examples lost, or a module with examples no longer found, fail here."""
    counted = {p.id: len(p.values[0].examples) for p in DOCSTRINGS if p.values[0] is not None}
    assert any(name.startswith("derive.") for name in counted), counted
    assert sum(counted.values()) >= 30, counted
