"""One report of an HTML build: read its catalogues once, decide and hold its versions, render its
pages, its aligned page and its dashboard row; every report on every core when there is enough work."""

from __future__ import annotations

import datetime as dt
import marshal
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Sequence

from tarjima.derive.plan import derived_tags
from tarjima.errors import InputError
from tarjima.markdown import verbatim_html
from tarjima.images.cache import PhotoStore
from tarjima.images.photos import photo_refs
from tarjima.model import Report
from tarjima.parallel import Progress, fork_map
from tarjima.project import Project
from tarjima.publication import standing
from tarjima.checks.catalogue import CheckValue, Gate
from tarjima.site.pages.dashboard import DashRow, report_html, report_row
from tarjima.site.pages.holds import catalogue_findings, checked_now, hold_check_errors, hold_unreviewed, hold_without_base
from tarjima.site.pages.listings import row
from tarjima.site.output.folders import DESK, Folders
from tarjima.site.output.folder import write_new
from tarjima.site.output.manifest import Note, Stub
from tarjima.site.pages.report import Listed, aligned_page, listed, report_url, version_page
from tarjima.site.pages.kept import control, pack, recorded
from tarjima.site.pages.letters import shown
from tarjima.site.pages.parallel import parallel_pages
from tarjima.site.record import Entry as RecordEntry, Record, moment_text
from tarjima.site.pages.retraction import retraction_pages
from tarjima.site.pages.publish import Skipped, decide_report
from tarjima.site.reading import full_reader, read_report_catalogs
from tarjima.site.pages.render import field_text
from tarjima.site.renderer import Renderer
from tarjima.site.settings import SiteSettings
from tarjima.site.output.twin import write_into

if TYPE_CHECKING:
    from tarjima.search.pages import Record as SearchRecord

VERBATIM_NOTE = ("the text of a <pre> in a raw HTML block is shown as written, untranslated, in every language "
                 "(write it as Markdown, a paragraph with hard line breaks, to translate it; a code block if it is code)")
PARALLEL_FROM = 200  # reports: below this, forking workers costs more than it saves
PARALLEL_FROM_PHOTOS = 8  # reports, when some are page bundles (their photos may need processing)


@dataclass(frozen=True)
class Job:
    """Everything the report pages need, shared with worker processes (by fork)."""

    project: Project
    renderer: Renderer
    photos: PhotoStore
    site: SiteSettings
    gate: Gate | None = None  # hold_check_errors
    site_href: str = "../site/"  # the public folder as seen from the desk (site.output.folders)
    record: Record = field(default_factory=dict)  # the publication record as committed (site.record)
    moment: str = ""  # what this build dates a new or changed publication by (site.record.stamp)
    now: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.timezone.utc))  # when publication is judged (publish_at): --now, or the wall clock


@dataclass
class Outcome:
    """What building one report gave: its files, its published versions, what was skipped, bad input."""

    slug: str
    files: list[str] = field(default_factory=list)
    listed: list[Listed] = field(default_factory=list)
    skipped: list[tuple[str, str, str]] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    earlier: list[tuple[str, str, str]] = field(default_factory=list)
    processed: int = 0  # photos processed now
    written: list[str] = field(default_factory=list)  # of its files, those written (the others held these bytes already)
    checked: list[tuple[bytes, CheckValue]] = field(default_factory=list)  # check results made now, for check's cache
    dash: DashRow = field(kw_only=True)  # its row of the editors' dashboard (site.pages.dashboard), and that row as HTML
    dash_html: str = ""
    record: list[RecordEntry] = field(default_factory=list)  # its rows of the publication record after this build
    kept: dict[str, bytes] = field(default_factory=dict)  # the kept texts to write once the site is in place (site.pages.kept), compressed:
    # a first build of 10,000 reports holds some 14,000 of them until the end, most of its memory
    untranslatable: list[Note] = field(default_factory=list)  # text of its source no catalogue can translate (raw HTML <pre>)
    search: dict[str, SearchRecord | None] = field(default_factory=dict)  # its published pages' search records (search = true), made from the bytes written


def process_report(job: Job, report: Report) -> tuple[dict[str, str | bytes], Outcome]:
    """Read one report's catalogues, decide its versions, render its pages and aligned view."""
    project, config = job.project, job.project.config
    full = full_reader(project, report, checked_now(job.gate, report))  # what the gate checks is read strictly, once, for the pages too
    catalogs, errors, unreadable = read_report_catalogs(project, report, full)
    data = full.data
    doc = project.document(report)
    targets = project.targets(report)
    earlier: list[Skipped] = []
    versions, skipped = decide_report(config, doc, targets, catalogs, unreadable, full, earlier, now=job.now)
    checked: list[tuple[bytes, CheckValue]] = []
    findings = catalogue_findings(job.gate, report, doc.references, targets, data, checked, full) if job.gate is not None else None
    if findings is not None:
        versions = hold_check_errors(findings, report, versions, skipped, earlier)
    if config.require_review:
        versions = hold_unreviewed(config, report, versions, catalogs, skipped, earlier)
    versions = hold_without_base(config, report, versions, skipped, earlier)
    versions = control(config, report, doc.front, targets, versions, skipped, earlier, job.record)
    rows, kept = recorded(config, report, doc.front, versions, job.record, job.moment, moment_text(report.publish_at) if report.publish_at else "")  # (a schedule dates the first publication)
    dates = {r.lang: r for r in rows}
    versions = shown(config, versions)  # after the record took their digests: another alphabet is not a correction
    prepared = job.photos.prepare(report.slug, report.path, photo_refs(doc))
    errors += prepared.errors
    media = {src: photo for (src, role), photo in prepared.photos.items() if role == "body"}
    cover = prepared.photos.get((str(doc.front.meta.get("cover") or ""), "cover"))
    files: dict[str, str | bytes] = {report_url(v) + "index.html": version_page(config, v, versions, job.renderer, job.site, media, cover, dates.get(v.lang.tag))
                                     for v in versions}
    if doc.front.meta.get("retracted"):
        files.update(retraction_pages(config, doc, catalogs, rows, job.renderer))
    if job.site.parallel:
        files.update(parallel_pages(config, [v for v in versions if not v.kept], job.renderer))
    files[f"{DESK}aligned/{report.slug}/index.html"] = aligned_page(config, doc, targets, catalogs, job.renderer, findings, versions, skipped, job.site_href,
                                                                    standing(report, config, job.now).notes())
    if versions:  # a report with no published version (a draft, one held in every language) puts no photo online
        files.update(prepared.files)
    dash = report_row(project, report, field_text(doc.front.title, doc.references), data, catalogs, unreadable, derived_tags(config, report.lang), versions, skipped, findings)
    untranslatable = [(report.path, report.body_line + line, VERBATIM_NOTE) for line in verbatim_html(doc.tokens)]
    pages = {report_url(v) + "index.html": v.lang.tag for v in versions} if job.site.search else {}
    if pages:
        from tarjima.search.pages import record as search_record  # (here: a site without search never loads it)
    search = {path: search_record(path, str(files[path]), tag, job.site.search_words) for path, tag in pages.items()}  # (a report page is text)
    return files, Outcome(report.slug, sorted(files), [listed(v, cover, dates.get(v.lang.tag)) for v in versions], skipped, errors, earlier, prepared.processed,
                          checked=checked, dash=dash, dash_html=report_html(dash, [l.tag for l in config.languages]), record=rows, kept=pack(kept),
                          untranslatable=untranslatable, search=search)


def stub_and_blob(o: Outcome) -> tuple[Stub, bytes]:
    """An outcome as the manifest keeps it (see Manifest.reports)."""
    return (tuple(row(v) for v in o.listed), tuple(o.skipped), tuple(o.earlier), tuple(o.untranslatable)), marshal.dumps((o.files, [tuple(v) for v in o.listed], o.dash, o.dash_html))


def render_reports(job: Job, reports: Sequence[Report], staging: Folders, jobs: int, progress: Progress, fresh: bool = True) -> list[Outcome]:
    """Build every report into ``staging`` (``fresh`` empty folders, or ones whose files are replaced where
    they differ); on several cores when there is enough work."""

    def build_one(report: Report) -> Outcome:
        files, outcome = process_report(job, report)
        if fresh:
            write_new(staging, files)
            outcome.written = outcome.files
        else:
            outcome.written = write_into(staging, files)
        return outcome

    # A report with photos may have seconds of image work: worth forking workers for a few.
    least = PARALLEL_FROM_PHOTOS if any(r.path.endswith("/index.md") for r in reports) else PARALLEL_FROM
    return fork_map(build_one, reports, least, jobs, progress)
