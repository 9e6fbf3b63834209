"""One verdict (issue 35): the byte counter ``status`` reads a catalogue with (``po.quick.tally``) either
agrees with the strict reader or declines, and the strict reader then decides. Agreeing means the same
entries in the same states, the same header, msgids and obsolete count; on a file the strict reader
refuses, its one-line error. Checked on Django's real catalogues and on every damage of
``tests/damaged_cases.py`` that spoils a catalogue (mutated catalogues: ``tests/test_quick_verdict.py``)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import damaged_cases as dc

from . import fetch
from .adapter import counter_disagrees, quick_counts


@pytest.mark.slow
def test_the_counter_agrees_or_declines_on_django_catalogues(django_new: tuple[fetch.PoFile, ...]) -> None:
    data = {po.name: po.path.read_bytes() for po in django_new}
    found = {name: counter_disagrees(raw, name) for name, raw in data.items()}
    assert len(found) > 1000
    assert not any(found.values()), {name: why for name, why in found.items() if why}
    taken = sum(quick_counts(raw, name) is not None for name, raw in data.items())
    assert taken > len(data) / 2  # (most of the others hold plural entries or contexts: the strict reader counts those)


@pytest.fixture(scope="module")
def translated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The damaged cases' project before any damage: its sources updated, its report catalogues translated."""
    root = tmp_path_factory.mktemp("damaged") / "project"
    root.mkdir()
    (root / dc.TOML).write_text(dc.CONFIG, encoding="utf-8")
    for rel, text in dc.SOURCES.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    for rel in ("locales/templates/_site.pot", "locales/ru/LC_MESSAGES/_site.po", "locales/uz_Latn/LC_MESSAGES/_site.po"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(dc.REPO / rel, root / rel)
    code, err, _ = dc.invoke(root, ("update",))
    assert code == 0, err
    for lang in dc.TRANSLATIONS:
        for slug in ("one", "two"):
            dc._translate(root / f"locales/{lang}/LC_MESSAGES/{slug}.po", lang)
    return root


@pytest.mark.parametrize("case", [c for c in dc.CASES if c.po and not c.unprivileged], ids=lambda c: c.kind)
def test_the_counter_agrees_or_declines_on_damaged_catalogues(translated: Path, tmp_path: Path, case: dc.Case) -> None:
    root = tmp_path / "project"
    shutil.copytree(translated, root)
    before = (root / case.target).read_bytes()
    assert counter_disagrees(before, case.target) == ""
    case.damage(root)
    if not (root / case.target).is_file():  # no file left to count (a folder in its place, say): status refuses it in one line
        code, err, _ = dc.invoke(root, ("status",))
        assert code == 2 and case.target in err and "Traceback" not in err, err
        return
    data = (root / case.target).read_bytes()
    assert data != before
    assert counter_disagrees(data, case.target) == ""
