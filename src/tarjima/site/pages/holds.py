"""What holds back a version the publishing rule would publish: error-level check findings
(``hold_check_errors``), entries not yet reviewed where a language requires it (``require_review``),
and a derived version whose base version is not published (whatever a tool wrote into its catalogue)."""

from __future__ import annotations

import functools
from typing import Callable, Mapping, Sequence

from tarjima.config import Config, Language
from tarjima.markdown import References
from tarjima.model import Catalog, Report

from tarjima.checks.catalogue import CheckValue, Gate, Raw
from tarjima.catalog.review import is_reviewed
from tarjima.derive.plan import derived_bases
from tarjima.site.pages.publish import Skipped, Version

def shown(version: Version) -> set[str]:
    """The msgids a version shows as translations of the current text."""
    return {msgid for msgid, cell in version.cells.items() if cell.state == "translated"}

def hold(report: Report, version: Version, why: str, skipped: list[Skipped], earlier: list[Skipped]) -> None:
    skipped.append((report.slug, version.lang.tag, why))
    earlier[:] = [e for e in earlier if (e[0], e[1]) != (report.slug, version.lang.tag)]

Findings = dict[str, list[Raw]]  # language tag -> check's raw findings of that catalogue

def catalogue_findings(gate: Gate, report: Report, references: References, targets: Sequence[Language], data: Mapping[str, bytes],
                       checked: list[tuple[bytes, CheckValue]], full: Callable[[str], Catalog] | None = None) -> Findings:
    """``check``'s findings of each of a report's catalogues (from check's cache, or checked now: then
    the new results go to ``checked``), for the gate and for the aligned page. ``references``: those of the
    report's parsed document (sources.Document), the context its texts are checked in. ``full``: the report's
    strict reader (site.reading.full_reader), which parses each catalogue once for the publishing rule and the checks."""
    layout = gate.project.layout
    found: Findings = {}
    for lang in targets:
        if lang.tag not in data:
            continue
        (raw, _), new = gate.findings(report, lang, data[lang.tag], layout.rel(layout.po(lang, report.slug)), references,
                                   functools.partial(full, lang.tag) if full is not None else None)
        if new is not None:
            checked.append(new)
        found[lang.tag] = raw
    return found

def checked_now(gate: Gate | None, report: Report) -> Callable[[str, bytes], bool] | None:
    """Which of a report's catalogues the gate will read strictly, to check them (those whose bytes it has no
    results for): the build reads them so for its pages too, once (site.reading.read_report_catalogs)."""
    if gate is None:
        return None
    return lambda _tag, data: not gate.has(report, data)

def hold_check_errors(findings: Findings, report: Report, versions: list[Version], skipped: list[Skipped], earlier: list[Skipped]) -> list[Version]:
    """The versions minus those whose shown translations have error-level findings of ``check``
    (each named in ``skipped``).

    Only entries shown as translations of the current text count: a fuzzy entry is not shown,
    and an earlier version's kept translations belong to the text before the edit.
    """
    kept = []
    for version in versions:
        tag = version.lang.tag
        if version.is_source or tag not in findings:
            kept.append(version)
            continue
        on_page = shown(version)
        errors = sum(1 for check, severity, _, _, msgid in findings[tag] if severity == "error" and msgid in on_page)
        if not errors:
            kept.append(version)
            continue
        hold(report, version, f"held: {errors} error-level check finding(s) (tarjima check {report.slug} --lang {tag}; hold_check_errors)", skipped, earlier)
    return kept

def hold_unreviewed(config: Config, report: Report, versions: list[Version], catalogs: Mapping[str, Catalog], skipped: list[Skipped], earlier: list[Skipped]) -> list[Version]:
    """The versions minus those of a ``require_review`` language with an entry not reviewed
    (every entry it shows; an earlier version's kept translations are fuzzy, so never reviewed).
    ``catalogs``: as the build read them (the lean reader keeps translator comments, where reviews are)."""
    kept = []
    for version in versions:
        tag = version.lang.tag
        if version.is_source or tag not in config.require_review or tag not in catalogs:
            kept.append(version)
            continue
        entries = catalogs[tag].messages()
        waiting = sum(1 for msgid, cell in version.cells.items() if cell.final and cell.state != "source" and not (msgid in entries and is_reviewed(entries[msgid])))
        if waiting:
            hold(report, version, f"held: {waiting} entr{'y' if waiting == 1 else 'ies'} not reviewed (tarjima review {report.slug} --lang {tag}; require_review)", skipped, earlier)
        else:
            kept.append(version)
    return kept

def hold_without_base(config: Config, report: Report, versions: list[Version], skipped: list[Skipped], earlier: list[Skipped]) -> list[Version]:
    """The versions minus each derived one whose base version is not among them (uz-Cyrl without uz-Latn):
    the last hold, after every other, so that a base held for any reason holds its derived version too."""
    bases = derived_bases(config, report.lang)
    if not bases:
        return versions
    shown = {v.lang.tag for v in versions}
    kept = []
    for version in versions:
        base = bases.get(version.lang.tag)
        if version.is_source or base is None or base in shown:
            kept.append(version)
            continue
        hold(report, version, f"held: derived from {base}, whose version is not published (see {report.slug} [{base}])", skipped, earlier)
    return kept
