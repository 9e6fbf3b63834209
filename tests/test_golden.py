"""Golden tests: folders of input and expected output, found by glob.

    tests/golden/extract/<case>/source.md             -> expected.pot   (the report's template)
    tests/golden/merge/<case>/old.po + new.pot        -> expected.po    (the merge, as update writes it)
    tests/golden/render/<case>/source.md + ru.po      -> expected.html  (the Russian page's body)

Add a case by adding a folder with its inputs; write (or rewrite, after a deliberate change of
behaviour) the expected files with ``TARJIMA_REGENERATE=1 python -m pytest tests/test_golden.py``
and read the diff before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tarjima import catalog as cat
from tarjima.po.read import read
from tarjima.po.write import dumps
from tarjima.site.pages.render import cells_for, render_body
from tarjima.sources import parse_document

GOLDEN = Path(__file__).parent / "golden"
LANGS = ("uz-Latn", "ru", "en")
STAMP = "2024-12-10 09:00+0000"


def compare(expected: Path, made: str) -> None:
    if os.environ.get("TARJIMA_REGENERATE") == "1":
        expected.write_text(made, encoding="utf-8")
    assert expected.exists(), f"{expected} is missing: write it with TARJIMA_REGENERATE=1"
    assert made == expected.read_text(encoding="utf-8")


def source_doc(folder: Path):  # type: ignore[no-untyped-def]
    rel = f"content/{folder.name}.md"
    return parse_document((folder / "source.md").read_text(encoding="utf-8"), rel, LANGS)


def cases(kind: str) -> list[Path]:
    found = sorted(p for p in (GOLDEN / kind).iterdir() if p.is_dir())
    assert found, f"no golden cases under {GOLDEN / kind}"
    return found


@pytest.mark.parametrize("folder", cases("extract"), ids=lambda p: p.name)
def test_extraction(folder: Path) -> None:
    compare(folder / "expected.pot", dumps(cat.template(source_doc(folder), STAMP)))


@pytest.mark.parametrize("folder", cases("merge"), ids=lambda p: p.name)
def test_merge(folder: Path) -> None:
    old = read((folder / "old.po").read_bytes(), "old.po")
    pot = read((folder / "new.pot").read_bytes(), "new.pot")
    compare(folder / "expected.po", dumps(cat.merge(old, pot)))


@pytest.mark.parametrize("folder", cases("render"), ids=lambda p: p.name)
def test_rendering(folder: Path) -> None:
    doc = source_doc(folder)
    catalog = read((folder / "ru.po").read_bytes(), "ru.po")
    compare(folder / "expected.html", render_body(doc, cells_for(doc.msgids, catalog.messages()), doc.report.lang))
