"""TMX 1.4b: the archive's aligned segments out, a translation memory's segments in (as fuzzy suggestions).

Export: one ``<tu>`` per report and source text, its ``srclang`` the report's source language,
one ``<tuv>`` for the source and one per language whose catalogue translates it (translated and
not fuzzy; with ``include_drafts`` also fuzzy entries and machine drafts, marked with a
``x-tarjima-state`` prop). Dates: the unit's ``creationdate`` is its template's
POT-Creation-Date, each translation's ``changedate`` its catalogue's PO-Revision-Date.

Import: an entry that is empty (not fuzzy, no translation) whose msgid is a unit's source text
in the report's source language takes the unit's text in the catalogue's language, fuzzy, with
the translator comment ``from TMX <file>``. Nothing translated or fuzzy is touched. A segment
with inline elements (``<bpt>``, ``<ph>``, ...) holds codes of another format: it is skipped and counted.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field, replace
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from tarjima import __version__
from tarjima.config import Language
from tarjima.errors import InputError
from tarjima.exchange import catalogues, po_date, xml_text
from tarjima.files import read_bytes, write_if_changed
from tarjima.model import MACHINE_COMMENT, Report
from tarjima.po.write import dumps
from tarjima.project import Project

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TMX_COMMENT = "from TMX"


def tmx_date(when: dt.datetime | None) -> str:
    return when.strftime("%Y%m%dT%H%M%SZ") if when is not None else ""


def _date_attr(name: str, when: dt.datetime | None) -> str:
    return f" {name}={quoteattr(tmx_date(when))}" if when is not None else ""


def export(project: Project, reports: tuple[Report, ...], langs: tuple[Language, ...], include_drafts: bool, now: dt.datetime) -> tuple[str, int, list[InputError]]:
    """The TMX document of these reports' catalogues in ``langs``: (text, units, errors)."""
    errors: list[InputError] = []
    units: dict[tuple[str, str], list[tuple[str, str, dt.datetime | None, str]]] = {}  # (slug, msgid) -> [(lang, text, changed, state)]
    order: list[tuple[Report, str, dt.datetime | None]] = []
    for located in catalogues(project, reports, langs, errors):
        changed = po_date(located.catalog.header("PO-Revision-Date"))
        created = po_date(located.catalog.header("POT-Creation-Date"))
        for entry in located.catalog.active:
            if entry.msgid_plural is not None or not entry.msgstr:
                continue
            machine = any(c.startswith(MACHINE_COMMENT) for c in entry.translator_comments)
            if entry.fuzzy and not include_drafts:
                continue
            key = (located.report.slug, entry.msgid)
            if key not in units:
                units[key] = []
                order.append((located.report, entry.msgid, created))
            state = "machine" if entry.fuzzy and machine else "fuzzy" if entry.fuzzy else ""
            units[key].append((located.lang.tag, xml_text(entry.msgstr, f"{located.display}:{entry.line}"), changed, state))
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<!DOCTYPE tmx SYSTEM "tmx14.dtd">',
        '<tmx version="1.4">',
        f'<header creationtool="tarjima" creationtoolversion={quoteattr(__version__)} segtype="paragraph" o-tmf="PO" '
        f'adminlang="en" srclang="*all*" datatype="plaintext" creationdate={quoteattr(tmx_date(now))}/>',
        "<body>",
    ]
    counters: dict[str, int] = {}
    for report, msgid, created in order:
        counters[report.slug] = counters.get(report.slug, 0) + 1
        lines.append(f"<tu tuid={quoteattr(f'{report.slug}:{counters[report.slug]}')} srclang={quoteattr(report.lang)}{_date_attr('creationdate', created)}>")
        lines.append(f'<prop type="x-tarjima-report">{escape(report.slug)}</prop>')
        lines.append(f"<tuv xml:lang={quoteattr(report.lang)}><seg>{escape(xml_text(msgid, report.path))}</seg></tuv>")
        for tag, text, changed, state in units[(report.slug, msgid)]:
            prop = f'<prop type="x-tarjima-state">{state}</prop>' if state else ""
            lines.append(f"<tuv xml:lang={quoteattr(tag)}{_date_attr('changedate', changed)}>{prop}<seg>{escape(text)}</seg></tuv>")
        lines.append("</tu>")
    lines += ["</body>", "</tmx>", ""]
    return "\n".join(lines), len(order), errors


@dataclass
class ImportResult:
    units: int = 0  # <tu> read
    skipped: int = 0  # segments with inline codes, not used
    filled: dict[str, int] = field(default_factory=dict)  # catalogue -> entries filled
    errors: list[InputError] = field(default_factory=list)


def _lang(element: ET.Element) -> str:
    return (element.get(XML_LANG) or element.get("lang") or "").strip()


def read_units(data: bytes, display: str, project: Project) -> tuple[dict[tuple[str, str, str], str], int, int]:
    """(source tag, target tag, source text) -> target text; units read; segments skipped."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise InputError(display, f"not well-formed XML: {exc}", "export the TMX again from its tool") from None
    if root.tag != "tmx" or root.find("body") is None:
        raise InputError(display, "not a TMX document (no <tmx> with a <body>)", "give a .tmx file")
    header = root.find("header")
    default_src = header.get("srclang", "") if header is not None else ""

    def configured(tag: str) -> str | None:
        try:
            return project.config.language(tag.replace("_", "-")).tag
        except KeyError:
            return None

    found: dict[tuple[str, str, str], str] = {}
    units = skipped = 0
    for tu in root.iter("tu"):
        units += 1
        segs: dict[str, str] = {}
        for tuv in tu.findall("tuv"):
            seg = tuv.find("seg")
            tag = configured(_lang(tuv))
            if seg is None or tag is None:
                continue
            if len(seg):
                skipped += 1
                continue
            segs.setdefault(tag, seg.text or "")
        src = configured(tu.get("srclang", default_src))
        sources = [src] if src is not None and src in segs else list(segs) if tu.get("srclang", default_src) == "*all*" else []
        for source in sources:
            for target, text in segs.items():
                if target != source and segs[source] and text:
                    found.setdefault((source, target, segs[source]), text)
    return found, units, skipped


def import_tmx(project: Project, path: Path, langs: tuple[Language, ...]) -> ImportResult:
    """Fill the empty entries of every catalogue in ``langs`` from a TMX file, as fuzzy; never overwrite."""
    display = project.rel(path)
    found, units, skipped = read_units(read_bytes(path, display), display, project)
    result = ImportResult(units=units, skipped=skipped)
    comment = f"{TMX_COMMENT} {path.name}"
    for located in catalogues(project, project.reports, langs, result.errors):
        entries = list(located.catalog.entries)
        filled = 0
        for i, entry in enumerate(entries):
            if entry.obsolete or entry.fuzzy or entry.has_translation or entry.msgid_plural is not None:
                continue
            text = found.get((located.report.lang, located.lang.tag, entry.msgid))
            if text is None:
                continue
            entries[i] = replace(entry, msgstr=text, translator_comments=(*entry.translator_comments, comment)).with_flag("fuzzy")
            filled += 1
        if filled and write_if_changed(located.path, dumps(replace(located.catalog, entries=tuple(entries), charset="UTF-8"))):
            result.filled[located.display] = filled
    return result
