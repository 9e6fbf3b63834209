"""Django's catalogues (nobody here wrote them) in the layouts other editors save: one entry edited,
written by tarjima in the file's own layout, compared with what the editor itself writes.

For each catalogue of the CI subset and each layout (GNU msgcat at width 60, at 100, without
wrapping, translate-toolkit's writer as Weblate calls it): the file is saved in that layout, its first
translated entry gets a new translation, tarjima writes the edited catalogue over the saved file,
and the result must be byte for byte what the editor writes for the same edit (msgcat with the same
option; translate-toolkit with that unit re-set). Figures are printed with ``-s``."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from tarjima.po.read import read
from tarjima.po.rewrite import layout_of
from tarjima.po.write import dumps

from . import fetch
from .conftest import PO_LOCALES

pytestmark = pytest.mark.slow

WRAPS = {"gnu-60": ("gnu", 60), "gnu-100": ("gnu", 100), "no-wrap": ("no-wrap", 0), "translate-toolkit": ("toolkit", 77)}
LAYOUTS = {"gnu-60": ["-w", "60"], "gnu-100": ["-w", "100"], "no-wrap": ["--no-wrap"], "translate-toolkit": []}
NEW = "Une traduction nouvelle, assez longue pour être repliée par chacun des éditeurs : https://example.org/docs/a-propos/"


def msgcat(data: bytes, option: list[str]) -> bytes:
    return subprocess.run(["msgcat", *option, "-"], input=data, capture_output=True, check=True).stdout


def toolkit(data: bytes, edit: str | None = None) -> bytes:
    pypo = pytest.importorskip("translate.storage.pypo")
    store = pypo.pofile(data)
    for unit in store.units:
        if edit is not None and not unit.isheader() and unit.source == edit:
            unit.target = NEW
            break
    return bytes(store)


def edited(data: bytes, name: str) -> tuple[bytes, str]:
    """The catalogue with its first plain translated entry's msgstr replaced; and that msgid."""
    catalog = read(data, name)
    target = next(e for e in catalog.entries if e.translated and not e.obsolete and e.msgid_plural is None and e.msgctxt is None)
    entries = tuple(replace(e, msgstr=NEW) if e is target else e for e in catalog.entries)
    return dumps(replace(catalog, entries=entries)).encode("utf-8"), target.msgid  # GNU layout: the input of each editor's save


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_an_edit_of_a_django_catalogue_is_written_as_its_editor_writes_it(django_new: tuple[fetch.PoFile, ...], layout: str) -> None:
    option = LAYOUTS[layout]
    tried = same = traceless = 0
    differ = []
    for po in django_new:
        if po.locale not in PO_LOCALES:
            continue
        original = subprocess.run(["msgcat", "-", "--use-first"], input=po.path.read_bytes(), capture_output=True).stdout
        if not original:
            continue
        saved = toolkit(original) if layout == "translate-toolkit" else msgcat(original, option)
        gnu_edit, msgid = edited(saved, po.name)
        expected = toolkit(saved, msgid) if layout == "translate-toolkit" else msgcat(gnu_edit, option)
        catalog = read(expected, po.name)
        tried += 1
        others = [o for name, o in LAYOUTS.items() if name not in (layout, "translate-toolkit")] + [[]]
        if layout != "translate-toolkit" and any(saved == msgcat(original, o) for o in others):  # another layout writes the same file: po_wrap says which
            traceless += 1
            written = dumps(catalog, layout_of(saved, po.name, WRAPS[layout])).encode("utf-8")
        else:
            written = dumps(catalog, layout_of(saved, po.name)).encode("utf-8")
        if written == expected:
            same += 1
        else:
            differ.append(po.name)
    print(f"\n{layout}: {same}/{tried} Django catalogues written after an edit exactly as the editor writes them"
          f" ({traceless} that another layout writes alike, written with po_wrap set)")
    assert tried >= 50
    assert same == tried, differ[:5]
