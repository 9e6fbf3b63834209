"""``build --format markdown|json``: the public exports, published versions only, into a fresh folder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tarjima.checks.catalogue import CheckValue, Gate
from tarjima.errors import InputError
from tarjima.project import Project
from tarjima.site import record as publication
from tarjima.site.output.folder import replace_folder, write_files
from tarjima.site.pages.export import aligned_json, markdown_files
from tarjima.site.pages.holds import catalogue_findings, checked_now, hold_check_errors, hold_unreviewed, hold_without_base
from tarjima.site.pages.kept import control
from tarjima.site.pages.publish import Version, decide_report
from tarjima.site.reading import full_reader, read_report_catalogs
from tarjima.site.result import BuildResult, held


def export_build(project: Project, out: Path, fmt: str, keep_going: bool, gate: Gate | None, now: dt.datetime) -> BuildResult:
    """``--format markdown`` (each published version as Markdown) or ``json`` (each report aligned), into a fresh folder."""
    result = BuildResult(out=out, errors=list(project.errors))
    files: dict[str, str] = {}
    published: list[Version] = []
    checked: list[tuple[bytes, CheckValue]] = []
    try:
        record = publication.load(project.config.root)
    except InputError as exc:
        return BuildResult(out=out, errors=[*project.errors, exc], refused=True)
    for report in project.reports:
        full = full_reader(project, report, checked_now(gate, report))
        catalogs, errors, unreadable = read_report_catalogs(project, report, full)
        data = full.data
        result.errors += errors
        doc, targets = project.document(report), project.targets(report)
        versions, skipped = decide_report(project.config, doc, targets, catalogs, unreadable, full, result.earlier, now=now)
        if gate is not None:
            versions = hold_check_errors(catalogue_findings(gate, report, targets, data, checked, full), report, versions, skipped, result.earlier)
        if project.config.require_review:
            versions = hold_unreviewed(project.config, report, versions, catalogs, skipped, result.earlier)
        versions = hold_without_base(project.config, report, versions, skipped, result.earlier)
        versions = control(project.config, report, targets, versions, skipped, result.earlier, record)
        result.skipped += skipped
        published += versions
        current = [v for v in versions if not v.kept]  # (a kept text's passages are not this text's: it has no place in the alignment)
        if fmt == "json" and current:
            files[f"{report.slug}.json"] = aligned_json(doc, current)
    if result.errors and not keep_going:
        return BuildResult(out=out, errors=result.errors, refused=True)
    if fmt == "markdown":
        files = markdown_files(published)
    result.files = replace_folder(out, lambda folder: write_files(folder, files))
    if gate is not None:
        gate.save(checked)
    for v in published:
        result.pages[v.lang.tag] = result.pages.get(v.lang.tag, 0) + 1
    result.held = held(project, now)
    return result
