"""Pseudo-translation: a copy of the project whose every catalogue holds accented, expanded text.

``tarjima pseudo`` copies the sources, templates, configuration and templates' catalogues into
a separate folder (by default ``.tarjima-cache/pseudo/``), writes there a pseudo-translation of
every catalogue of every target language, and builds that copy's site. The project's own
catalogues are never written. The text keeps its markup, numbers and URLs (``mt.placeholders``
hides them while the letters are changed), so a page shows at once where a label is cut, where
a template holds untranslated English, and where a longer language breaks the layout.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from pathlib import Path

from tarjima.errors import InputError
from tarjima.files import write_if_changed
from tarjima.layout import DEFAULTS
from tarjima.model import Catalog, Entry
from tarjima.mt.placeholders import PLACEHOLDER_RE, protect, restore
from tarjima.po.read import read_catalog
from tarjima.po.write import dumps
from tarjima.project import Project

ACCENTED = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "åƀçđéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÅƁÇĐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ",
)
EXPANSION = 0.4  # longer by this much, as German or Russian run longer than English
OPEN, CLOSE, PAD = "⁅", "⁆", "·"  # none of them is Markdown syntax
ENTITY_RE = re.compile(r"&[#A-Za-z0-9]+;|%\(\w+\)[sd]|%[sd]|\{\w*\}")  # entities and template placeholders stay as they are


def pseudo(text: str) -> str:
    """Accented and expanded, markup, numbers, URLs and placeholders kept: "Open [map](https://x.org)" -> "⁅Öþéñ [ɱåþ](https://x.org) ····⁆"."""
    if not text:
        return text
    hidden = protect(text)
    pieces = []
    last = 0
    for match in sorted([*PLACEHOLDER_RE.finditer(hidden.text), *ENTITY_RE.finditer(hidden.text)], key=lambda m: m.start()):
        if match.start() < last:
            continue
        pieces.append(hidden.text[last : match.start()].translate(ACCENTED))
        pieces.append(match.group(0))
        last = match.end()
    pieces.append(hidden.text[last:].translate(ACCENTED))
    letters = sum(1 for c in text if c.isalpha())
    padding = f" {PAD * max(1, round(letters * EXPANSION))}" if letters else ""
    body, _ = restore("".join(pieces), hidden)
    return f"{OPEN}{body}{padding}{CLOSE}"


def pseudo_entry(entry: Entry) -> Entry:
    if entry.msgid_plural is not None:
        forms = len(entry.msgstr_plural) or 2
        return replace(entry, msgstr_plural=(pseudo(entry.msgid),) + (pseudo(entry.msgid_plural),) * (forms - 1), flags=tuple(f for f in entry.flags if f != "fuzzy"))
    return replace(entry, msgstr=pseudo(entry.msgid), flags=tuple(f for f in entry.flags if f != "fuzzy"), previous_msgid=None, previous_msgctxt=None)


def pseudo_catalog(catalog: Catalog) -> Catalog:
    entries = tuple(e if e.obsolete else pseudo_entry(e) for e in catalog.entries)
    return replace(catalog, entries=entries, header_fuzzy=False, charset="UTF-8")


def make(project: Project, out: Path) -> int:
    """Write the pseudo-translated copy of the project at ``out``; return the catalogues written."""
    root = project.config.root.resolve()
    out = out.resolve()
    if out == root or out in root.parents or out.is_relative_to(root / "locales") or out.is_relative_to(root / "content"):
        raise InputError(str(out), "the pseudo-translated copy would overwrite the project's own files", "choose a separate folder (the default is .tarjima-cache/pseudo)")
    layout = project.layout
    for name, source in (("content", layout.content), ("templates", layout.templates if layout.own_templates else DEFAULTS / "templates")):
        target = out / name
        if target.exists():
            shutil.rmtree(target)
        if source.is_dir():
            shutil.copytree(source, target)
    for name in ("tarjima.toml", "pyproject.toml"):
        if (root / name).is_file():
            shutil.copy2(root / name, out / name)
    written = 0
    found = [(p, p.relative_to(root).as_posix()) for p in sorted(layout.locales.glob("**/*.po*"))] if layout.locales.is_dir() else []
    if not layout.own_templates:  # tarjima's own templates: their catalogues too
        found += [(p, "locales/" + p.relative_to(DEFAULTS / "locales").as_posix()) for p in sorted((DEFAULTS / "locales").glob("*/LC_MESSAGES/_site.po"))]
    for source, name in found:
        rel = Path(name)
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.suffix == ".pot" or rel.parts[1:2] == ("templates",):
            shutil.copy2(source, target)
            continue
        write_if_changed(target, dumps(pseudo_catalog(read_catalog(source, name))), durable=False)
        written += 1
    if layout.glossary.is_file():
        shutil.copy2(layout.glossary, out / layout.glossary.relative_to(root))
    return written
