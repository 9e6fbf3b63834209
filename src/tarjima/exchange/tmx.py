"""TMX 1.4b: the archive's aligned segments out, a translation memory's segments in (as fuzzy suggestions).

Export: one ``<tu>`` per report and source text, its ``srclang`` the report's source language,
one ``<tuv>`` for the source and one per language whose catalogue translates it (translated and
not fuzzy; with ``include_drafts`` also fuzzy entries and machine drafts, marked with a
``x-tarjima-state`` prop). Dates: the unit's ``creationdate`` is its template's
POT-Creation-Date, each translation's ``changedate`` its catalogue's PO-Revision-Date.

Import: an entry that is empty (not fuzzy, no translation) whose msgid is a unit's text in the
report's source language takes the unit's text in the catalogue's language, fuzzy, with the
translator comment ``from TMX <file>``. Nothing translated or fuzzy is touched. Any two variants
of a unit pair up; their codes are matched to the project's languages by ``languages.match_tag``
(``ru-RU`` is ru, bare ``uz`` is uz-Latn), inline codes are read by ``tmx_read``, and an import
that fills nothing says which step found nothing (``why_nothing``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from tarjima import __version__
from tarjima.config import Language
from tarjima.errors import InputError
from tarjima.exchange import catalogues, po_date, xml_text
from tarjima.exchange.tmx_read import Memory, read_memory
from tarjima.files import read_bytes
from tarjima.languages import TagMatch, language_of, match_tag
from tarjima.model import MACHINE_COMMENT, Report
from tarjima.po.rewrite import save
from tarjima.project import Project

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
    """What one import did: units read, entries filled per catalogue, and what was left and why."""

    units: int = 0  # <tu> read
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (line, why) of each segment in a project language left out
    filled: dict[str, int] = field(default_factory=dict)  # catalogue -> entries filled
    read_as: dict[str, list[str]] = field(default_factory=dict)  # configured tag -> codes without a script read as it
    reason: str = ""  # why nothing was filled, when nothing was
    errors: list[InputError] = field(default_factory=list)

    def summary(self, name: str) -> list[str]:
        """The lines that tell a translator what the import of the file ``name`` did."""
        lines = [f"{name}: {', '.join(repr(c) for c in codes)} read as {tag} ({script_note(tag)})" for tag, codes in self.read_as.items()]
        total = sum(self.filled.values())
        skipped = f"; {len(self.skipped)} segment(s) skipped (line {self.skipped[0][0]}: {self.skipped[0][1]})" if self.skipped else ""
        why = f": {self.reason}" if not total and self.reason else ""
        return [*lines, f"{name}: {self.units} unit(s), {total} empty entr(ies) filled{why}{skipped}"]


def script_note(tag: str) -> str:
    """Why a code without a script subtag was read as ``tag``."""
    if language_of(tag) == "uz":
        return "Uzbek without a script subtag is read as Latin, its official script"
    return "a tag without a script subtag is read in its language's usual script, by CLDR's likely subtags"


def pairs(memory: Memory, codes: dict[str, TagMatch | None]) -> dict[tuple[str, str, str], str]:
    """(source tag, target tag, source text) -> target text, for every two variants of a unit in project languages."""
    found: dict[tuple[str, str, str], str] = {}
    for unit in memory.units:
        texts: dict[str, str] = {}
        for variant in unit:
            match = codes[variant.code]
            if match is not None and variant.text:
                texts.setdefault(match.tag, variant.text)
        for source, source_text in texts.items():
            for target, text in texts.items():
                if target != source:
                    found.setdefault((source, target, source_text), text)
    return found


def import_tmx(project: Project, path: Path, langs: tuple[Language, ...]) -> ImportResult:
    """Fill the empty entries of every catalogue in ``langs`` from a TMX file, as fuzzy; never overwrite."""
    display = project.rel(path)
    memory = read_memory(read_bytes(path, display), display)
    codes = {v.code: match_tag(v.code, project.config.tags) for unit in memory.units for v in unit}
    result = ImportResult(units=len(memory.units))
    for code, match in sorted(codes.items()):
        if match is not None and match.script_assumed:
            result.read_as.setdefault(match.tag, []).append(code)
    result.skipped = [(v.line, v.refused) for unit in memory.units for v in unit if v.refused and codes[v.code] is not None]
    found = pairs(memory, codes)
    present = {(source, target) for source, target, _ in found}
    comment = f"{TMX_COMMENT} {path.name}"
    sources: set[str] = set()
    targets: set[str] = set()
    paired = matching = 0
    for located in catalogues(project, project.reports, langs, result.errors):
        sources.add(located.report.lang)
        targets.add(located.lang.tag)
        if (located.report.lang, located.lang.tag) not in present:
            continue
        paired += 1
        entries = list(located.catalog.entries)
        filled = 0
        for i, entry in enumerate(entries):
            text = found.get((located.report.lang, located.lang.tag, entry.msgid))
            if entry.obsolete or text is None:
                continue
            matching += 1
            if entry.fuzzy or entry.has_translation or entry.msgid_plural is not None:
                continue
            entries[i] = replace(entry, msgstr=text, translator_comments=(*entry.translator_comments, comment)).with_flag("fuzzy")
            filled += 1
        if filled and save(located.path, replace(located.catalog, entries=tuple(entries), charset="UTF-8"), located.display, project.config.po_wrap):
            result.filled[located.display] = filled
    languages = {match.tag for unit in memory.units for v in unit if v.text and (match := codes[v.code]) is not None}
    result.reason = why_nothing(result.units, sorted(codes), languages, (sources, targets), (paired, matching))
    return result


def why_nothing(units: int, codes: list[str], languages: set[str], wanted: tuple[set[str], set[str]], found: tuple[int, int]) -> str:
    """Why an import filled no entry: the first of its steps that found nothing."""
    sources, targets = wanted
    paired, matching = found  # catalogues whose two languages some unit holds; entries whose msgid is a unit's source text
    has = ", ".join(codes) or "no language"
    if not units:
        return "the file holds no translation unit (<tu>)"
    if not sources:
        return "no catalogue to fill in these languages (run tarjima update first)"
    if not sources & languages:
        return f"no unit in the reports' source language ({', '.join(sorted(sources))}); the file has {has}"
    if not paired:
        return f"no unit has a text in {', '.join(sorted(targets))} beside one in {', '.join(sorted(sources & languages))}; the file has {has}"
    if not matching:
        return "no unit's source text is one of the reports' segments (each differs from every msgid)"
    return f"every one of the {matching} matching entr(ies) is already translated or fuzzy"
