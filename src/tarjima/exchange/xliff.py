"""XLIFF 2.1 for CAT tools: one document per report and target language, and back into its PO catalogue.

Each active singular entry is a ``<unit>`` with one ``<segment>``: the msgid as ``<source>``,
the msgstr as ``<target>`` (none while empty), notes for the role (``#.``), the places
(``#:``) and the translator's comments, and the state:

    PO untranslated -> initial,  fuzzy -> translated,  translated -> final

Back from the CAT tool: a unit with no target changes nothing (an entry is never emptied), ``translated`` is
fuzzy, ``reviewed`` and ``final`` are translated (an entry made final loses its fuzzy flag and
its ``#|`` previous text, as after a review in Poedit). Units are found by their source text, so
a catalogue updated in the meantime still takes the translations of the texts it still has.
Each unit records the translation it was exported with (``tj:base``): when the PO catalogue
changed that entry since, and the CAT tool changed it too, the import keeps the catalogue's and
names the conflict. Nothing else in the catalogue changes: a round trip with no edits writes
no byte.
"""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field, replace
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from tarjima.config import Language
from tarjima.errors import InputError
from tarjima.exchange import Located, xml_text
from tarjima.files import read_bytes, write_if_changed
from tarjima.model import Entry
from tarjima.po.read import read_catalog
from tarjima.po.write import dumps
from tarjima.project import Project

NS = "urn:oasis:names:tc:xliff:document:2.0"
TJ = "urn:tarjima:xliff"  # tarjima's own attributes (XLIFF 2 allows attributes of other namespaces on a unit)
HINT = "export the report again with `tarjima export --format xliff`"


def po_state(entry: Entry) -> str:
    if entry.fuzzy and entry.has_translation:
        return "translated"
    return "final" if entry.translated else "initial"


def base_of(entry: Entry) -> str:
    """A short digest of what a unit was exported with: its translation and state."""
    return hashlib.blake2b(f"{po_state(entry)}\0{entry.msgstr}".encode("utf-8"), digest_size=6).hexdigest()


def export(located: Located) -> str:
    """The XLIFF 2.1 document of one catalogue."""
    report, catalog = located.report, located.catalog
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<xliff xmlns="{NS}" xmlns:tj="{TJ}" version="2.1" srcLang={quoteattr(report.lang)} trgLang={quoteattr(located.lang.tag)}>',
        f'<file id="f1" original={quoteattr(located.display)}>',
    ]
    number = 0
    for entry in catalog.active:
        if entry.msgid_plural is not None or entry.msgctxt is not None:
            continue
        number += 1
        where = f"{located.display}:{entry.line}"
        out.append(f'<unit id="u{number}" tj:base="{base_of(entry)}">')
        notes = [("description", c) for c in entry.extracted_comments] + [("location", " ".join(entry.references))] * bool(entry.references)
        notes += [("translator", c) for c in entry.translator_comments]
        if notes:
            out.append("<notes>" + "".join(f"<note category={quoteattr(kind)}>{escape(xml_text(text, where))}</note>" for kind, text in notes) + "</notes>")
        target = f"<target>{escape(xml_text(entry.msgstr, where))}</target>" if entry.msgstr else ""
        out.append(f'<segment id="s{number}" state="{po_state(entry)}"><source>{escape(xml_text(entry.msgid, where))}</source>{target}</segment>')
        out.append("</unit>")
    out += ["</file>", "</xliff>", ""]
    return "\n".join(out)


def file_name(located: Located) -> str:
    return f"{located.report.slug}.{located.lang.tag}.xlf"


@dataclass
class XliffImport:
    """What an import did to one catalogue."""

    display: str
    changed: int = 0
    missing: int = 0  # units whose source text the catalogue no longer has
    conflicts: list[int] = field(default_factory=list)  # catalogue lines kept because both sides changed
    written: bool = False


def _text(element: ET.Element | None) -> str | None:
    if element is None:
        return None
    if len(element):
        raise ValueError("inline elements")
    return element.text or ""


def read_document(data: bytes, display: str) -> tuple[str, str, str, list[tuple[str, str | None, str, str]]]:
    """(srcLang, trgLang, original, [(source, target, state, base)]) of an XLIFF 2 document."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise InputError(display, f"not well-formed XML: {exc}", HINT) from None
    if root.tag != f"{{{NS}}}xliff" or not root.get("version", "").startswith("2."):
        raise InputError(display, "not an XLIFF 2 document", HINT)
    files = root.findall(f"{{{NS}}}file")
    if len(files) != 1:
        raise InputError(display, f"{len(files)} <file> elements; tarjima writes one per document", HINT)
    units = []
    for unit in files[0].iter(f"{{{NS}}}unit"):
        segments = unit.findall(f"{{{NS}}}segment")
        if len(segments) != 1:
            raise InputError(display, f"unit {unit.get('id')!r} has {len(segments)} segments; join them into one in the CAT tool", HINT)
        segment = segments[0]
        try:
            source = _text(segment.find(f"{{{NS}}}source"))
            target = _text(segment.find(f"{{{NS}}}target"))
        except ValueError:
            raise InputError(display, f"unit {unit.get('id')!r} holds inline codes, which tarjima does not write", "keep the Markdown as plain text in the CAT tool") from None
        if source is None:
            raise InputError(display, f"unit {unit.get('id')!r} has no <source>", HINT)
        state = segment.get("state", "initial")
        if state not in ("initial", "translated", "reviewed", "final"):
            raise InputError(display, f"unit {unit.get('id')!r} has the state {state!r}", "use initial, translated, reviewed or final")
        units.append((source, target, state, unit.get(f"{{{TJ}}}base", "")))
    return root.get("srcLang", ""), root.get("trgLang", ""), files[0].get("original", ""), units


def apply(entry: Entry, target: str | None, state: str) -> Entry:
    """The entry as the CAT tool left it."""
    text = target or ""
    if not text:
        return entry  # an empty target never empties a catalogue's entry: nothing a translator wrote is lost
    if state in ("reviewed", "final") and text:
        done = replace(entry, msgstr=text, previous_msgctxt=None, previous_msgid=None, previous_msgid_plural=None)
        return done.with_flag("fuzzy", False) if entry.fuzzy else done
    return replace(entry, msgstr=text).with_flag("fuzzy", True) if text else entry


def import_xliff(project: Project, path: Path, langs: tuple[Language, ...]) -> XliffImport:
    """Bring one XLIFF document's translations into its catalogue."""
    display = project.rel(path)
    src, trg, original, units = read_document(read_bytes(path, display), display)
    config = project.config
    try:
        lang = config.language(trg)
    except KeyError:
        raise InputError(display, f"trgLang {trg!r} is not a configured language", "use one of " + ", ".join(config.tags)) from None
    if lang not in langs:
        raise InputError(display, f"trgLang {trg} is not among --lang", "add --lang " + lang.tag)
    slug = Path(original).stem
    report = next((r for r in project.reports if r.slug == slug), None)
    if report is None or project.layout.po_file(lang, slug) != original or report.lang.lower() != src.lower():
        raise InputError(display, f"original {original!r} ({src} -> {trg}) is not a catalogue of this project", HINT)
    po = project.layout.po(lang, slug)
    catalog = read_catalog(po, original)
    outcome = XliffImport(original)
    by_text = {e.msgid: i for i, e in enumerate(catalog.entries) if not e.obsolete and e.msgctxt is None and e.msgid_plural is None}
    entries = list(catalog.entries)
    for source, target, state, base in units:
        i = by_text.get(source)
        if i is None:
            outcome.missing += 1
            continue
        now = entries[i]
        edited = apply(now, target, state)
        if edited == now:
            continue
        if base and base != base_of(now):
            outcome.conflicts.append(now.line)
            continue
        entries[i] = edited
        outcome.changed += 1
    if outcome.changed:
        outcome.written = write_if_changed(po, dumps(replace(catalog, entries=tuple(entries), charset="UTF-8")))
    return outcome
