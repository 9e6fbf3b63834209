"""``build --format markdown|json``: the public exports, published versions only, into a fresh folder.

The Markdown export takes its photos the site's way (``images``: every byte of metadata left
behind), the widest JPEG of each, into ``OUT/media/<slug>/`` beside the language folders, so the
files open in a Markdown viewer with their pictures.
"""

from __future__ import annotations

import datetime as dt
import gettext
from pathlib import Path
from typing import Mapping, Sequence
from urllib.parse import quote

from tarjima.checks.catalogue import CheckValue, Gate
from tarjima.errors import InputError
from tarjima.images.cache import PhotoStore
from tarjima.images.photos import photo_refs
from tarjima.model import Catalog
from tarjima.project import Project
from tarjima.site import record as publication
from tarjima.site.output.folder import replace_folder, write_files
from tarjima.site.pages.export import FALLBACK_NOTE, aligned_json, markdown_files
from tarjima.site.pages.holds import catalogue_findings, checked_now, hold_check_errors, hold_unreviewed, hold_without_base
from tarjima.site.pages.kept import control
from tarjima.site.pages.publish import Version, decide_report
from tarjima.site.pages.report import language_name
from tarjima.site.reading import full_reader, read_report_catalogs
from tarjima.site.result import BuildResult, held
from tarjima.site.settings import image_settings
from tarjima.site.strings import translations


def export_build(project: Project, out: Path, fmt: str, keep_going: bool, gate: Gate | None, now: dt.datetime, site: Mapping[str, Catalog] | None = None) -> BuildResult:
    """``--format markdown`` (each published version as Markdown) or ``json`` (each report aligned), into a fresh folder;
    ``site``: the templates' catalogues, whose words the Markdown's notes use."""
    result = BuildResult(out=out, errors=list(project.errors))
    files: dict[str, str | bytes] = {}
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
            versions = hold_check_errors(catalogue_findings(gate, report, doc.references, targets, data, checked, full), report, versions, skipped, result.earlier)
        if project.config.require_review:
            versions = hold_unreviewed(project.config, report, versions, catalogs, skipped, result.earlier)
        versions = hold_without_base(project.config, report, versions, skipped, result.earlier)
        versions = control(project.config, report, doc.front, targets, versions, skipped, result.earlier, record)
        result.skipped += skipped
        published += versions
        current = [v for v in versions if not v.kept]  # (a kept text's passages are not this text's: it has no place in the alignment)
        if fmt == "json" and current:
            files[f"{report.slug}.json"] = aligned_json(doc, current)
    if result.errors and not keep_going:
        return BuildResult(out=out, errors=result.errors, refused=True)
    if fmt == "markdown":
        links, photos, errors = export_photos(project, published)
        if errors and not keep_going:
            return BuildResult(out=out, errors=[*result.errors, *errors], refused=True)
        result.errors += errors
        strings: dict[str, gettext.NullTranslations] = {}

        def note(v: Version) -> str:
            words = strings.get(v.lang.tag) or strings.setdefault(v.lang.tag, translations((site or {}).get(v.lang.tag), v.lang.gettext))
            return words.ngettext(*FALLBACK_NOTE, v.fallbacks) % {"count": v.fallbacks, "language": language_name(v.report.lang, v.lang)}

        files = {**markdown_files(published, links, note), **photos}
    result.files = replace_folder(out, lambda folder: write_files(folder, files))
    if gate is not None:
        gate.save(checked)
    for v in published:
        result.pages[v.lang.tag] = result.pages.get(v.lang.tag, 0) + 1
    result.held = held(project, now)
    return result


def export_photos(project: Project, versions: Sequence[Version]) -> tuple[dict[str, dict[str, str]], dict[str, bytes], list[InputError]]:
    """The photos of the published reports, made as the site makes them (the cache's, metadata left behind), the
    widest JPEG of each: (slug -> src -> OUT path, with the cover by its file name; the files; what was refused)."""
    try:
        store = PhotoStore(project.config.root, image_settings(project.config))
    except InputError as exc:
        return {}, {}, [exc]
    links: dict[str, dict[str, str]] = {}
    files: dict[str, bytes] = {}
    errors: list[InputError] = []
    for doc in {id(v.doc): v.doc for v in versions}.values():
        report = doc.report
        # The cover whole, as a body photo is (a Markdown site crops it its own way); its src quoted as the body's are.
        wanted = [(quote(src), "body", line) if role == "cover" else (src, role, line) for src, role, line in photo_refs(doc)]
        prepared = store.prepare(report.slug, report.path, wanted)
        errors += prepared.errors
        mine = links.setdefault(report.slug, {})
        for (src, _), photo in prepared.photos.items():
            name = photo.fallback("", "")[0]
            files[name] = prepared.files[name]
            mine[src] = name
        cover = doc.front.meta.get("cover")
        if isinstance(cover, str) and quote(cover) in mine:
            mine[cover] = mine[quote(cover)]
    return links, files, errors
