"""``tarjima build``: read every source and catalogue once, decide what is published, render, swap in.

Read everything, then write: pages are rendered into memory, written to a temporary
folder beside OUT and swapped into place, so a failed build leaves the last good site.
"""

from __future__ import annotations

import collections
import datetime as dt
import itertools
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping, Sequence, TypeVar

from tarjima.errors import InputError
from tarjima.files import write_atomic
from tarjima.images.cache import PhotoStore
from tarjima.project import Project
from tarjima.checks.catalogue import Gate
from tarjima.site.pages.dashboard import FOLDER as DASHBOARD, DashRow, dashboard_files
from tarjima.telegram import state as telegram_state
from tarjima.site.output.folders import DESK, Folders, check_apart, desk_for, site_href
from tarjima.site.output.history import record_build, summary
from tarjima.site.pages.kept import write_kept
from tarjima.site import record as publication, tags
from tarjima.site.pages.listings import TAG, Affected, Listing, Row, listing_files, shape
from tarjima.site.output.manifest import MARKER, NO_ENTRY, SHARDS, Manifest, Stub, report_keys
from tarjima.site.output.folder import assets, remove_from, replace_folder, replace_folders, write_in_places, write_new
from tarjima.site.pages.report import Listed
from tarjima.site.reading import read_site_catalogs
from tarjima.site.pages.letters import as_shown, shown_settings, site_strings
from tarjima.site.renderer import Renderer, renderer_key, template_errors
from tarjima.parallel import Progress
from tarjima.site.exports import export_build
from tarjima.site.reports import Job, Outcome, process_report, render_reports, stub_and_blob
from tarjima.site.result import BuildResult, Refused, held
from tarjima.site.settings import SiteSettings, image_settings, site_settings
from tarjima.site.output.twin import extras, marker, mirror, ready_twins, swap, write_into
from tarjima.store import key_of
from tarjima.search.build import State
from tarjima.site.searching import SearchStep

T = TypeVar("T")


def no_progress(items: Sequence[T]) -> Iterable[T]:
    return items


def constant(data: bytes) -> Callable[[], bytes]:
    """A file whose bytes are known already, as a render function (``Rendered``)."""
    return lambda: data


def mirrored(twin: Path) -> Callable[[Path], int]:
    """A ``replace_folder`` writer that fills the fresh folder with hard links to the files of ``twin``."""
    def write(staging: Path) -> int:
        mirror(twin, staging)
        return 0
    return write


def build(project: Project, out: Path, fmt: str = "html", now: dt.datetime | None = None, progress: Progress = no_progress, jobs: int | None = None, incremental: bool = True,
          keep_going: bool = False, desk: Path | None = None) -> BuildResult:
    """Build the public site into ``out`` and the editors' desk into ``desk`` (default: ``desk`` beside OUT, site.output.folders);
    if anything fails, the last good output stays in place.

    All or nothing: when any source or catalogue is refused, OUT is left byte for byte as it
    was (``refused`` is set), unless ``keep_going`` asks for the valid reports to be published
    (each refused input is then named in ``errors`` and its report or version left out).

    Each report is read, decided and rendered on its own (on every core), so memory holds one
    report at a time and what the listings need. HTML builds are incremental: with the manifest
    of the last build of ``out``, only reports whose text or catalogues changed are built again,
    and only listing pages whose entries changed; files are then replaced one by one,
    atomically. Without a manifest, or after a change to the templates or the configuration,
    everything is rendered into a fresh folder that is swapped into place.
    """
    now = now or dt.datetime.now(dt.timezone.utc)
    project = as_shown(project, now)  # the Uzbek Latin alphabet this day shows (site.pages.letters)
    out = out.resolve()
    outs = Folders(public=out, desk=(desk or desk_for(out)).resolve())
    config = project.config
    site, site_errors = read_site_catalogs(config)
    if (project.errors or site_errors) and not keep_going:
        return BuildResult(out=out, errors=[*project.errors, *site_errors], refused=True)
    try:
        gate = Gate.open(project) if config.hold_check_errors else None
    except InputError as exc:
        return BuildResult(out=out, errors=[*project.errors, exc], refused=True)
    if fmt != "html":
        return export_build(project, out, fmt, keep_going, gate, now, site)
    try:
        check_apart(outs)
        settings, images = site_settings(config), image_settings(config)
        record, tag_record = publication.load(config.root), tags.load(config.root)
    except InputError as exc:
        return BuildResult(out=out, errors=[*project.errors, exc], refused=True)
    tag_ids = tags.assign(tag_record, tags.used(project.reports), settings.tags)  # each tag's address, the new ones recorded after the build
    settings = replace(settings, tag_ids=tag_ids.ids, tag_langs=tag_ids.langs)
    site, settings = site_strings(config, site), shown_settings(config, settings)  # Uzbek Latin in the alphabet shown ([tool.tarjima.alphabet])
    renderer = Renderer(config, site, settings)
    href = site_href(outs)
    key = renderer_key(config, site, (settings.key(), images.key(), gate.rules if gate else None, href))
    manifest_folder = config.layout.build_manifest(out)
    previous = Manifest.load(manifest_folder, outs) if incremental and outs.is_dir() else None
    if previous is not None and previous.renderer != key:
        previous = None
    keys = {slug: (*k, recorded_rows(record, slug, config.tags)) for slug, k in report_keys(config, project.reports, now).items()}
    run = HtmlBuild(project, renderer, keys, previous, Manifest(renderer=key),
                    BuildResult(out=out, desk=outs.desk, errors=[*project.errors, *site_errors]), keep_going,
                    photos=PhotoStore(config.root, images), site=settings, gate=gate, outs=outs, record=record, moment=publication.stamp(now), tag_ids=tag_ids,
                    search=State.load(manifest_folder) if previous is not None else None)
    try:
        with template_errors(config):
            if previous is None:
                run.result.files = run.full(outs, jobs, progress, now, *Manifest.twin_state(manifest_folder, outs))
            else:
                run.result.files = run.update(outs, previous, now)
    except Refused as refused:
        return BuildResult(out=out, errors=[*project.errors, *site_errors, *refused.errors], refused=True)
    run.finish(outs)
    run.result.held = held(project, now)
    return run.result


def recorded_rows(record: publication.Record, slug: str, tags: tuple[str, ...], newer: Iterable[publication.Entry] = ()) -> tuple[tuple[str, ...], ...]:
    """A report's rows of the publication record (``newer``: those this build leaves, in their place; not a copy of the
    record, which a full build asks for every report), as part of its key: a record changed by hand or by git renders it again."""
    mine = {(r.slug, r.lang): r for r in newer}
    return tuple(entry.row() for tag in tags if (entry := mine.get((slug, tag)) or record.get((slug, tag))) is not None)


class Rendered(Mapping[str, "str | bytes"]):
    """Pages rendered as they are written, one at a time: a full build's listings and dashboard at 10,000
    reports are a hundred MB of text, which need never be in memory at once."""

    def __init__(self, renders: dict[str, Callable[[], str | bytes]]) -> None:
        self.renders = renders

    def __getitem__(self, path: str) -> str | bytes:
        return self.renders[path]()

    def __iter__(self) -> Iterator[str]:
        return iter(self.renders)

    def __len__(self) -> int:
        return len(self.renders)


@dataclass
class HtmlBuild(SearchStep):
    """One HTML build: what it knows from the last build of OUT, and what it makes."""

    project: Project
    renderer: Renderer
    keys: dict[str, tuple[object, ...]]  # report_keys(): slug -> key
    previous: Manifest | None
    manifest: Manifest
    result: BuildResult
    keep_going: bool = False
    photos: PhotoStore | None = None
    site: SiteSettings = field(default_factory=SiteSettings)
    fresh: dict[str, Outcome] = field(default_factory=dict)  # the reports built in this run
    known: dict[str, list[Listed]] = field(default_factory=dict)  # Listed of unchanged reports, read when a page shows them
    stubs: list[Stub] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)  # every published version
    marked: bool = False  # the folders' markers name this build (they were written before the swap)
    gate: Gate | None = None  # hold_check_errors
    outs: Folders = field(default_factory=lambda: Folders(Path("site"), Path("desk")))
    record: publication.Record = field(default_factory=dict)  # the publication record as committed (site.record)
    moment: str = ""  # what a new or changed publication is dated by
    tag_ids: tags.Assignment = field(default_factory=tags.Assignment)  # every tag's address, and those given now (site.tags)
    search: State | None = None  # what the search index held after the last build, then after this one (tarjima.search.build)

    def job(self, now: dt.datetime) -> Job:
        assert self.photos is not None
        return Job(self.project, self.renderer, self.photos, self.site, self.gate, site_href(self.outs), self.record, self.moment, now=now)

    def lookup(self, slug: str, tag: str) -> Listed:
        """What a listing shows of one published version."""
        if slug in self.fresh:
            shown = self.fresh[slug].listed
        else:
            assert self.previous is not None  # a report this build did not make was made by the last one
            shown = self.known.get(slug) or self.known.setdefault(slug, self.previous.listed(slug))
        return next(v for v in shown if v.tag == tag)

    def dash_row(self, slug: str) -> tuple[DashRow, str]:
        """A report's row of the dashboard and its HTML, as made when it was last built."""
        if slug in self.fresh:
            return self.fresh[slug].dash, self.fresh[slug].dash_html
        assert self.previous is not None  # a report this build did not make was made by the last one
        return self.previous.dash_row(slug)

    def assemble(self) -> None:
        """Every report's entry in the new manifest (fresh ones from their outcome, the others
        from the last build's), and the Row of every published version."""
        old = self.previous.reports if self.previous is not None else {}
        for report in self.project.reports:
            o = self.fresh.get(report.slug)
            if o is not None:
                self.result.errors += o.errors
                stub, blob = stub_and_blob(o)
                if o.errors:  # bad input: published as far as it goes, built again next time
                    self.stubs.append(stub)
                    continue
            elif report.slug in old:
                _, stub, blob = old[report.slug]
            else:
                continue
            key = self.keys[report.slug]
            if o is not None:  # the record's rows as this build leaves them: the next build finds them so
                key = (*key[:-1], recorded_rows(self.record, report.slug, self.project.config.tags, o.record))
            self.manifest.reports[report.slug] = (key, stub, blob)
            self.stubs.append(stub)
        self.rows = list(itertools.chain.from_iterable(stub[0] for stub in self.stubs))

    def refuse_bad_input(self) -> None:
        """Stop before OUT is touched when a report's input was refused (unless keep_going)."""
        errors = [e for o in self.fresh.values() for e in o.errors]
        if errors and not self.keep_going:
            raise Refused(errors)

    def listings(self, now: dt.datetime) -> Listing:
        listings = self.unchanged_listings(now)
        if listings is None:
            listings = listing_files(self.project.config, self.rows, self.lookup, self.renderer, now)
        root = os.path.relpath(self.project.config.root, self.outs.desk).replace(os.sep, "/") + "/"
        shown = [(r.date.isoformat()[:4], r.slug) for r in self.project.reports if r.slug in self.fresh or r.slug in self.manifest.reports]
        keys = {**self.keys, **{slug: entry[0] for slug, entry in self.manifest.reports.items()}}  # (the record's rows as this build leaves them)
        sent = telegram_state.load(self.project.config.root)  # what `tarjima telegram` posted, for the dashboard's cells
        posts = {key: telegram_state.posted(sent, *key) for key in sent}
        pages, self.manifest.years = dashboard_files(self.project.config, self.renderer, shown, keys, root,
                                                     self.previous.years if self.previous is not None else {}, self.dash_row, site_href(self.outs),
                                                     searchable=self.site.search, posts=posts)
        listings.update(pages)
        self.manifest.listings = {path: k for path, (k, _) in listings.items()}
        return listings

    def full(self, outs: Folders, jobs: int | None, progress: Progress, now: dt.datetime, twin_id: str, behind: list[str]) -> int:
        """A full build: every report rendered, into the twins of the two outputs then swapped in (only the files that
        differ are written), or into fresh folders swapped in where there are no twins (the first build)."""
        twins = ready_twins(outs, twin_id, behind) if outs.is_dir() else None
        if twins is not None:
            old = marker(outs.public)
            written, removed = self.fill(twins, jobs, progress, now, fresh=False)
            self.manifest.build_id = self.build_id()
            self.marked = True
            left = swap(twins, outs, self.manifest.build_id)
            if not left:
                self.manifest.twin, self.manifest.behind = old, sorted({*written, *removed})
                return len(written)
            for twin, out in left:  # the twin holds the new folder: copied in
                replace_folder(out, mirrored(twin))
                write_atomic(out / MARKER, self.manifest.build_id.encode("ascii"))
            return len(written)
        return replace_folders(outs, lambda staging: len(self.fill(staging, jobs, progress, now)[0]))

    def fill(self, staging: Folders, jobs: int | None, progress: Progress, now: dt.datetime, fresh: bool = True) -> tuple[list[str], list[str]]:
        """Every report (on every core), every listing, the assets, into ``staging``: fresh folders, or ones
        whose files are replaced where they differ and removed where the build no longer makes them.
        Return the files written and those removed (logical paths, site.output.folders)."""
        self.manifest.versions = [""] * SHARDS
        made = render_reports(self.job(now), self.project.reports, staging, jobs or os.cpu_count() or 1, progress, fresh)
        self.fresh.update((o.slug, o) for o in made)
        self.refuse_bad_input()
        self.assemble()
        pending = self.search_start(staging.public) if self.site.search else None  # the report pages are written: indexed while the listings are
        listings = self.listings(now)
        rest = Rendered({**{path: render for path, (_, render) in listings.items()}, **{path: constant(data) for path, data in assets(self.project.config).items()}})
        written = [p for o in made for p in o.written]
        if fresh:
            write_new(staging, rest)
            index = self.search_made(pending)
            write_new(staging, index)
            return written + list(rest) + list(index), []
        written += write_into(staging, rest)
        index = self.search_made(pending)
        written += write_into(staging, index)
        removed = extras(staging, {MARKER, DESK + MARKER, *rest, *index, *(p for o in made for p in o.files)})
        remove_from(staging, removed)
        return written, removed

    def update(self, outs: Folders, previous: Manifest, now: dt.datetime) -> int:
        """An incremental build: the reports whose key changed, the listing pages whose key changed, files gone removed.

        The changes go into the twins of the two outputs, which are then swapped with them (site.output.twin, site.output.folders);
        where there are no twins, into the outputs themselves, file by file.
        """
        self.manifest.versions = list(previous.versions)
        job = self.job(now)
        files: dict[str, str | bytes] = {}
        for report in [r for r in self.project.reports if previous.reports.get(r.slug, NO_ENTRY)[0] != self.keys[r.slug]]:
            made, self.fresh[report.slug] = process_report(job, report)
            files.update(made)
        self.refuse_bad_input()
        self.assemble()
        listings = self.listings(now)
        files.update({path: render() for path, (k, render) in listings.items() if previous.listings.get(path) != k})
        # Files made before and not now: those of changed and removed reports, and listings gone.
        current = {r.slug for r in self.project.reports}
        made_now = {p for o in self.fresh.values() for p in o.files} | set(listings)
        made_before = {p for slug in previous.reports if slug in self.fresh or slug not in current for p in previous.files(slug)} | set(previous.listings)
        gone = sorted(made_before - made_now)
        self.manifest.build_id = self.build_id()
        if not files and not gone and self.manifest.build_id == previous.build_id and self.index_stands():  # nothing to do: the twins keep the build before (for a rollback)
            self.manifest.twin, self.manifest.behind, self.marked = previous.twin, previous.behind, True
            return 0
        twins = ready_twins(outs, previous.twin, previous.behind)
        self.marked = True
        if twins is not None:
            written = write_into(twins, files)
            remove_from(twins, gone)
            written += self.search_update(twins, written, gone, write_into)
            changed = sorted({*written, *gone})
            left = swap(twins, outs, self.manifest.build_id) if changed else []
            if not left:
                self.manifest.twin, self.manifest.behind = (self.manifest.build_id, []) if not changed else (previous.build_id, changed)
                if not changed:  # nothing to swap: all four folders hold the new site
                    for folder in (twins.desk, twins.public, outs.desk, outs.public):
                        write_atomic(folder / MARKER, self.manifest.build_id.encode("ascii"))
                return len(written)
        written = write_in_places(outs, files)  # (after a failed swap, the folders swapped in already hold these bytes)
        remove_from(outs, gone)
        written += self.search_update(outs, written, gone, write_in_places)
        for folder, _ in outs.each():
            write_atomic(folder / MARKER, self.manifest.build_id.encode("ascii"))
        return len(written)

    def unchanged_listings(self, now: dt.datetime) -> Listing | None:
        """The last build's listing keys, those of the pages that show a changed Row made again (site.pages.listings.Affected),
        when no Row came, went or changed its shape (slug, language, date, tags: where it is listed). The keys are functions
        of the Rows, the renderer's key and, for a language with none, today's date. None: every key is computed again."""
        previous = self.previous
        if previous is None or any(o.errors for o in self.fresh.values()):
            return None
        old, new = previous.reports, self.manifest.reports
        changed: list[Row] = []
        for slug in self.fresh:
            before, after = (old[slug][1][0] if slug in old else ()), (new[slug][1][0] if slug in new else ())
            if list(map(shape, before)) != list(map(shape, after)):
                return None
            changed += [r for r, was in zip(after, before) if r != was]
        if any(old[slug][1][0] for slug in old.keys() - new.keys()):  # a report gone with its pages
            return None
        if {r[1] for r in self.rows} != {lang.tag for lang in self.project.config.languages}:  # an empty language's feed is dated today
            return None

        def render(path: str) -> Callable[[], str]:  # never needed while the keys match; computed in full if it is
            return lambda: listing_files(self.project.config, self.rows, self.lookup, self.renderer, now)[path][1]()

        kept = {path: (key, render(path)) for path, key in previous.listings.items() if not path.startswith(DESK + DASHBOARD + "/")}
        if changed:
            again = listing_files(self.project.config, self.rows, self.lookup, self.renderer, now, want=Affected.of(changed))
            if not again.keys() <= kept.keys():  # (not while no Row changed its shape: then the pages are the same)
                return None
            kept.update(again)
        return kept

    def build_id(self) -> str:
        keys = {slug: entry[0] for slug, entry in self.manifest.reports.items()}  # (with the record's rows as this build leaves them)
        return key_of((self.manifest.renderer, keys, self.manifest.listings)).hex()  # both in build order

    def finish(self, outs: Folders) -> None:
        """Count what was published and skipped; mark OUT if need be and save the manifest that describes it."""
        self.result.skipped = list(itertools.chain.from_iterable(stub[1] for stub in self.stubs))
        self.result.earlier = list(itertools.chain.from_iterable(stub[2] for stub in self.stubs))
        self.result.untranslatable = list(itertools.chain.from_iterable(stub[3] for stub in self.stubs))
        self.result.pages = dict(collections.Counter(map(TAG, self.rows)))
        self.result.images_processed = sum(o.processed for o in self.fresh.values())
        used = sorted({(t, r[1]) for r in self.rows for t in r[4]})
        self.result.unnamed_tags = [(t, lang) for t, lang in used if self.site.tag_name(t, lang) is None]
        if self.gate is not None:
            self.gate.save([c for o in self.fresh.values() for c in o.checked])
        if not self.marked:  # fresh folders swapped in: mark them
            self.manifest.build_id = self.build_id()
            for folder, _ in outs.each():
                write_atomic(folder / MARKER, self.manifest.build_id.encode("ascii"))
        if self.search is not None and self.site.search:
            self.search.save(self.project.config.layout.build_manifest(outs.public))
        self.save_record()  # before the manifest: a build cut short before the manifest is saved is done again in full
        # After a full build every shard is written; after an incremental one, those of reports built or gone.
        gone = [slug for slug in self.previous.reports if slug not in self.manifest.reports] if self.previous else []
        self.manifest.save(self.project.config.layout.build_manifest(outs.public), None if self.previous is None else [*self.fresh, *gone])
        record_build(self.project.config.layout.build_manifest(outs.public), self.manifest.build_id, self.manifest.twin, summary(self.result.pages, len(self.result.skipped)))

    def save_record(self) -> None:
        """With the site in place: the kept texts of the reports built, then the publication record's rows (site.pages.kept, site.record).
        The record comes last: a kept text is written again while the record does not yet name its digest."""
        record = {**self.record, **{(r.slug, r.lang): r for o in self.fresh.values() for r in o.record}}
        root = self.project.config.root
        self.result.kept = write_kept(root, {rel: text for o in self.fresh.values() for rel, text in o.kept.items()})
        self.result.recorded = sum(1 for k, r in record.items() if self.record.get(k) != r)
        if self.result.recorded:
            publication.save(root, record)
        if self.tag_ids.added and tags.save(root, self.tag_ids.record):
            self.result.tags_recorded, self.result.tag_clashes = len(self.tag_ids.added), [str(c) for c in self.tag_ids.clashes]
