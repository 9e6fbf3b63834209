"""``tarjima build``: read every source and catalogue once, decide what is published, render, swap in.

Read everything, then write: pages are rendered into memory, written to a temporary
folder beside OUT and swapped into place, so a failed build leaves the last good site.
"""

from __future__ import annotations

import collections
import datetime as dt
import marshal
import itertools
import operator
import os
import shutil
import tempfile
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Mapping, NamedTuple, Sequence, TypeVar

import jinja2
from babel import Locale

from tarjima import catalog as cat
from tarjima import __version__, export, pofile, sitestrings
from tarjima.cache import FOLDER as CACHE_FOLDER
from tarjima.cache import digest, key_of
from tarjima.cache import folder as cache_folder
from tarjima.config import Config, Language
from tarjima.errors import InputError
from tarjima.files import write_atomic
from tarjima.parallel import fork_map
from tarjima.model import Catalog, Report
from tarjima.project import Project, read_catalog
from tarjima.dates import format_month, format_span, month_name
from tarjima.render import Cell, cells_for, render_body, render_inline

DEFAULTS = Path(__file__).resolve().parent / "defaults"  # the templates and their catalogues that ship with tarjima
OWN_NAMES = {"uz-Latn": "Oʻzbekcha", "uz-Cyrl": "Ўзбекча", "ru": "Русский", "en": "English"}
NEWEST = operator.itemgetter(2, 0)  # a Row's (date, slug)
SITEMAP_KEY = operator.itemgetter(0, 1, 2)  # a Row's (slug, tag, date)
SLUG, TAG, DATE = operator.itemgetter(0), operator.itemgetter(1), operator.itemgetter(2)
NO_ENTRY = ((),)  # the manifest entry of a report never built: its key matches none
LATEST = 10  # reports on a language's front page; the rest are in its month archives
FEED_SIZE = 50
SITEMAPS = "sitemaps"  # OUT/sitemaps/YYYY-MM.xml
ARCHIVE = "archive"  # OUT/<language>/archive/YYYY-MM/: a month's reports
PARALLEL_FROM = 200  # reports: below this, forking workers costs more than it saves


@lru_cache(maxsize=64)
def own_name(lang: Language) -> str:
    """A language's name in that language, as its readers write it (CLDR writes "o‘zbek" with U+2018)."""
    name = OWN_NAMES.get(lang.tag) or lang.locale.get_display_name(lang.locale) or lang.tag
    return name[:1].upper() + name[1:]


@dataclass(frozen=True)
class Version:
    """One language version of one report, as it will be published."""

    report: Report
    lang: Language
    cells: Mapping[str, Cell]
    is_source: bool

    @property
    def fallbacks(self) -> int:
        return sum(1 for c in self.cells.values() if not c.final)

    def text(self, source: str) -> str:
        cell = self.cells.get(source)
        return cell.text if cell is not None and cell.final else source


@dataclass
class BuildResult:
    """What a build did: pages per language folder, versions skipped and why, bad input."""

    out: Path
    pages: dict[str, int] = field(default_factory=dict)
    skipped: list[tuple[str, str, str]] = field(default_factory=list)  # (slug, lang, why)
    errors: list[InputError] = field(default_factory=list)
    files: int = 0


@dataclass(frozen=True)
class Inputs:
    """Everything a build reads, each file read once."""

    project: Project
    catalogs: Mapping[str, Mapping[str, Catalog]]  # slug -> tag -> catalogue
    errors: tuple[InputError, ...]


def read_texts(path: Path, display: str) -> Catalog:
    """A catalogue's texts and states for rendering: the lean reader, or the strict one if need be."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(display, f"cannot read: {exc.strerror}") from None
    scanned = pofile.scan(data, display)
    return scanned.catalog() if scanned is not None else pofile.read(data, display)


def read_inputs(project: Project) -> Inputs:
    """Read every catalogue of every report once; unreadable ones become errors."""
    catalogs: dict[str, Mapping[str, Catalog]] = {}
    errors = list(project.errors)
    for report in project.reports:
        catalogs[report.slug], bad = read_report_catalogs(project, report)
        errors += bad
    return Inputs(project, catalogs, tuple(errors))


def decide_report(project: Project, report: Report, catalogs: Mapping[str, Catalog], threshold: float) -> tuple[list[Version], list[tuple[str, str, str]]]:
    """Which versions of one report are published: complete ones, or above ``threshold`` with the source as fallback."""
    versions = [Version(report, project.config.language(report.lang), {}, True)]
    skipped: list[tuple[str, str, str]] = []
    for lang in project.targets(report):
        catalog = catalogs.get(lang.tag)
        if catalog is None:
            there = project.po_path(lang, report.slug).exists()
            skipped.append((report.slug, lang.tag, "catalogue unreadable (see the error above)" if there else "no catalogue (run tarjima update)"))
            continue
        entries = catalog.messages()
        if catalog.header("X-Source-Digest") == report.digest:  # merged from this very text: its msgids are the source's
            stale, msgids = False, tuple(entries)
        else:
            stale, msgids = cat.is_stale(catalog, report.msgids), report.msgids
        cells = cells_for(msgids, entries)
        done = sum(cat.words(t) for t, c in cells.items() if c.final)
        total = sum(cat.words(t) for t in cells) or 1
        share = 100.0 * done / total
        complete = not stale and all(c.final for c in cells.values())
        if complete or (threshold < 100 and share >= threshold):
            versions.append(Version(report, lang, cells, False))
            continue
        why, counts = [], cat.counts(catalog)  # counted only to say why
        if stale:
            why.append("stale: the source changed since the last update")
        if counts.untranslated:
            why.append(f"{counts.untranslated} untranslated")
        if counts.fuzzy:
            why.append(f"{counts.fuzzy} fuzzy")
        skipped.append((report.slug, lang.tag, ", ".join(why) + f" ({share:.1f}% < {threshold:g}%)"))
    order = {lang.tag: i for i, lang in enumerate(project.config.languages)}
    versions.sort(key=lambda v: order[v.lang.tag])
    return versions, skipped


def decide(inputs: Inputs, threshold: float) -> tuple[list[Version], list[tuple[str, str, str]]]:
    """Which versions of every report are published (for the Markdown and JSON outputs)."""
    versions: list[Version] = []
    skipped: list[tuple[str, str, str]] = []
    for report in inputs.project.reports:
        published, left = decide_report(inputs.project, report, inputs.catalogs.get(report.slug, {}), threshold)
        versions += published
        skipped += left
    return versions, skipped


def read_catalogs(project: Project, located: Iterable[tuple[str, Path]], reader: Callable[[Path, str], Catalog]) -> tuple[dict[str, Catalog], list[InputError]]:
    """Catalogues by language tag, each read once where it exists; unreadable ones become errors."""
    catalogs: dict[str, Catalog] = {}
    errors: list[InputError] = []
    for tag, path in located:
        if path.exists():
            try:
                catalogs[tag] = reader(path, project.rel(path))
            except InputError as exc:
                errors.append(exc)
    return catalogs, errors


def read_report_catalogs(project: Project, report: Report) -> tuple[dict[str, Catalog], list[InputError]]:
    """The catalogues of one report (texts and states, for rendering)."""
    return read_catalogs(project, ((lang.tag, project.po_path(lang, report.slug)) for lang in project.targets(report)), read_texts)


def relative(depth: int) -> Callable[[str], str]:
    """A URL helper for a page ``depth`` folders below OUT: links work from any host path or file://."""
    prefix = "../" * depth

    def url(path: str) -> str:
        return prefix + path if prefix or path else "./"

    return url


class Renderer:
    """Jinja2 environments, one per language with its gettext catalogue installed."""

    def __init__(self, config: Config, site_catalogs: Mapping[str, Catalog]) -> None:
        self.config = config
        loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(config.templates_dir)), jinja2.FileSystemLoader(str(DEFAULTS / "templates"))])
        options = {"extensions": ["jinja2.ext.i18n"], "trim_blocks": True, "lstrip_blocks": True, "autoescape": ("html", "xml"), "trimmed": True}
        # Compiled templates are kept between runs, keyed by template source (Jinja2 checks it) and
        # here by Jinja2's version and these options (which it does not check).
        compiled = None
        try:
            folder = cache_folder(config.root) / f"jinja-{jinja2.__version__}-{digest(repr(options).encode()).hex()[:8]}"
            folder.mkdir(exist_ok=True)
            compiled = jinja2.FileSystemBytecodeCache(str(folder))
        except OSError:
            pass  # a read-only checkout: compile every time
        self.envs: dict[str, jinja2.Environment] = {}
        for lang in config.languages:
            env = jinja2.Environment(
                loader=loader,
                autoescape=jinja2.select_autoescape(options["autoescape"]),  # type: ignore[arg-type]
                extensions=options["extensions"],  # type: ignore[arg-type]
                undefined=jinja2.StrictUndefined,
                bytecode_cache=compiled,
                trim_blocks=bool(options["trim_blocks"]),
                lstrip_blocks=bool(options["lstrip_blocks"]),
            )
            env.policies["ext.i18n.trimmed"] = options["trimmed"]
            env.install_gettext_translations(sitestrings.translations(site_catalogs.get(lang.tag), lang.gettext), newstyle=True)  # type: ignore[attr-defined]
            self.envs[lang.tag] = env

    def render(self, ui: Language, name: str, **context: object) -> str:
        """Render template ``name`` with the strings of language ``ui``."""
        return self.envs[ui.tag].get_template(name).render(**context)


def page_url(folder: str, slug: str) -> str:
    """The URL path of one language version of a report: its language's folder, then its slug."""
    return f"{folder}/{slug}/"


def report_url(version: Version) -> str:
    return page_url(version.lang.folder, version.report.slug)


def listed_url(folders: Mapping[str, str], item: Listed) -> str:
    return page_url(folders[item.tag], item.slug)


T = TypeVar("T")
Progress = Callable[[Sequence[T]], Iterable[T]]


def no_progress(items: Sequence[T]) -> Iterable[T]:
    return items


@dataclass(frozen=True)
class Job:
    """Everything the report pages need, shared with worker processes (by fork)."""

    project: Project
    renderer: Renderer


class Listed(NamedTuple):
    """What the listings need of one published version: plain data, kept as it is in the build manifest."""

    slug: str
    tag: str
    date: str  # ISO dates: they sort as text
    end_date: str  # "" for a one-day event
    title: str
    summary: str

    def span(self, locale: Locale) -> str:
        return format_span(dt.date.fromisoformat(self.date), dt.date.fromisoformat(self.end_date) if self.end_date else None, locale)


@dataclass
class Outcome:
    """What building one report gave: its files, its published versions, what was skipped, bad input."""

    slug: str
    files: list[str] = field(default_factory=list)
    listed: list[Listed] = field(default_factory=list)
    skipped: list[tuple[str, str, str]] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)


def listed(v: Version) -> Listed:
    summary = str(v.report.meta.get("summary") or "")
    end = v.report.end_date.isoformat() if v.report.end_date else ""
    return Listed(v.report.slug, v.lang.tag, v.report.date.isoformat(), end, v.text(v.report.title), v.text(summary) if summary else "")


def process_report(job: Job, report: Report) -> tuple[dict[str, str], Outcome]:
    """Read one report's catalogues, decide its versions, render its pages and aligned view."""
    project = job.project
    catalogs, errors = read_report_catalogs(project, report)
    versions, skipped = decide_report(project, report, catalogs, project.config.publish_threshold)
    files = {report_url(v) + "index.html": version_page(project.config, v, versions, job.renderer) for v in versions}
    files[f"aligned/{report.slug}/index.html"] = aligned_page(project, catalogs, report, job.renderer)
    report.forget_parse()  # a large archive's token streams need not stay in memory
    return files, Outcome(report.slug, sorted(files), [listed(v) for v in versions], skipped, errors)


def version_page(config: Config, v: Version, group: Sequence[Version], renderer: Renderer) -> str:
    """One language version of one report."""
    url = relative(2)
    meta = v.report.meta
    return renderer.render(
        v.lang,
        "report.html",
        url=url,
        lang=v.lang,
        lang_name=own_name(v.lang),
        site_title=config.titles.get(v.lang.tag, ""),
        languages=[{"tag": l.tag, "name": own_name(l), "folder": l.folder} for l in config.languages],
        title=v.text(v.report.title),
        summary=v.text(str(meta.get("summary") or "")) if meta.get("summary") else "",
        location=v.text(str(meta.get("location") or "")) if meta.get("location") else "",
        date_text=format_span(v.report.date, v.report.end_date, v.lang.locale),
        date_iso=v.report.date.isoformat(),
        body=render_body(v.report, v.report.tokens, v.cells, v.report.lang),
        alternates=[{"tag": o.lang.tag, "name": own_name(o.lang), "href": url(report_url(o)), "current": o is v} for o in group],
        fallbacks=v.fallbacks,
        source_lang=v.report.lang,
        source_name=own_name(config.language(v.report.lang)),
        is_source=v.is_source,
        title_fallback=v.report.title in v.cells and not v.cells[v.report.title].final,
        tags=meta.get("tags") or [],
        slug=v.report.slug,
        canonical=config.base_url + report_url(v) if config.base_url else "",
    )


def all_cells(project: Project, report: Report, catalogs: Mapping[str, Catalog]) -> dict[str, dict[str, Cell]]:
    """Every language's cells of a report, source first: tag -> msgid -> Cell."""
    cells = {report.lang: cells_for(report.msgids, None)}
    for lang in project.targets(report):
        catalog = catalogs.get(lang.tag)
        cells[lang.tag] = cells_for(report.msgids, catalog.messages() if catalog else {})
    return cells


def aligned_page(project: Project, catalogs: Mapping[str, Catalog], report: Report, renderer: Renderer) -> str:
    """The editors' view: every segment of a report side by side in all its languages, source first."""
    config = project.config
    ui = config.language(config.default_language)
    source = config.language(report.lang)
    columns = [source, *project.targets(report)]
    cells = all_cells(project, report, catalogs)
    rows = []
    for segment in report.segments:
        row_cells = []
        for lang in columns:
            cell = cells[lang.tag][segment.text]
            shown = cell.text if cell.state != "untranslated" else ""
            row_cells.append({"tag": lang.tag, "state": cell.state, "html": render_inline(shown) if shown else ""})
        rows.append({"id": segment.id, "role": segment.role, "cells": row_cells})
    return renderer.render(
        ui,
        "aligned.html",
        url=relative(2),
        lang=ui,
        lang_name=own_name(ui),
        site_title=config.titles.get(ui.tag, ""),
        languages=[{"tag": l.tag, "name": own_name(l), "folder": l.folder} for l in config.languages],
        title=report.title,
        source=report.path,
        columns=[{"tag": l.tag, "name": own_name(l), "source": l is source} for l in columns],
        rows=rows,
        alternates=[],
    )


Listing = dict[str, tuple[bytes, Callable[[], str]]]  # path -> (key of its inputs, how to render it)


def months_of(rows: Sequence[Row]) -> dict[str, list[Row]]:
    """Rows sorted newest first, grouped by month ("2024-12"), in that order (grouped by day first, in C)."""
    months: dict[str, list[Row]] = {}
    for day, group in itertools.groupby(rows, key=DATE):
        months.setdefault(day[:7], []).extend(group)
    return months


def ids(rows: Sequence[Row]) -> list[tuple[str, bytes]]:
    """What a listing page's key holds of each row: the slug and the key of its title and summary."""
    return [(r[0], r[3]) for r in rows]


Row = tuple[str, str, str, bytes]  # a published version as the listings sort it: (slug, tag, date, key of its Listed)


def row(v: Listed) -> Row:
    return (v.slug, v.tag, v.date, key_of(tuple(v)))


def listing_files(config: Config, published: Sequence[Row], lookup: Callable[[str, str], Listed], renderer: Renderer, now: dt.datetime) -> Listing:
    """Language indexes, month archives, feeds, the language chooser and the sitemaps, each with the key of its inputs.

    Archive pages are one per language and month, so their URLs are stable and a change to
    one report touches the pages of its month, not every page after it. Keys come from the
    rows (each version's date and the key of its title and summary); a page's context, and
    the summaries it shows (``lookup``), are fetched only if it is rendered.
    """
    files: Listing = {}
    folders = {lang.tag: lang.folder for lang in config.languages}
    months_in: dict[str, set[str]] = {}  # the months each language has a page for
    languages = [{"tag": l.tag, "name": own_name(l), "folder": l.folder} for l in config.languages]

    def keyed(path: str, template: Language, name: str, key_data: object, context: Callable[[], dict[str, object]]) -> None:
        files[path] = (key_of((path, key_data)), lambda: renderer.render(template, name, **context()))

    def items(chunk: Sequence[Row], url: Callable[[str], str], locale: Locale) -> list[dict[str, str]]:
        shown = [lookup(r[0], r[1]) for r in chunk]
        return [
            {"title": v.title, "href": url(listed_url(folders, v)), "date_text": v.span(locale), "date_iso": v.date, "summary": v.summary}
            for v in shown
        ]

    def page(lang: Language, path: str, month: str = "", **extra: object) -> dict[str, object]:
        """What every listing page has; a month's page links the same month in the languages that have it."""
        url = relative(path.count("/"))
        alternates = [
            {"tag": l.tag, "name": own_name(l), "href": month_href(l, month, url) if month in months_in[l.tag] else url(f"{l.folder}/"), "current": l is lang}
            for l in config.languages
        ]
        return {"url": url, "lang": lang, "lang_name": own_name(lang), "site_title": config.titles.get(lang.tag, ""), "languages": languages, "alternates": alternates, **extra}

    def month_href(lang: Language, month: str, url: Callable[[str], str]) -> str:
        return url(f"{lang.folder}/{ARCHIVE}/{month}/")

    def index_page(lang: Language, path: str, latest: Sequence[Row], months: Sequence[tuple[str, int]], count: int) -> dict[str, object]:
        context = page(lang, path, count=count)
        url = context["url"]
        years: dict[str, list[dict[str, object]]] = {}
        for month, n in months:
            years.setdefault(month[:4], []).append({"name": month_name(int(month[5:7]), lang.locale), "href": month_href(lang, month, url), "count": n})  # type: ignore[arg-type]
        context.update(items=items(latest, url, lang.locale), years=[{"year": y, "months": m} for y, m in years.items()])  # type: ignore[arg-type]
        return context

    def month_page(lang: Language, path: str, chunk: Sequence[Row], month: str, newer: str, older: str) -> dict[str, object]:
        context = page(lang, path, month, count=len(chunk), month_name=format_month(month, lang.locale))
        url = context["url"]
        near = {key: {"name": format_month(m, lang.locale), "href": month_href(lang, m, url)} if m else None for key, m in (("newer", newer), ("older", older))}
        context.update(items=items(chunk, url, lang.locale), **near)  # type: ignore[arg-type]
        return context

    def feed(lang: Language, mine: Sequence[Row], updated: str) -> dict[str, object]:
        return {
            "lang": lang,
            "site_title": config.titles.get(lang.tag, ""),
            "base_url": config.base_url,
            "updated": updated,
            "entries": [
                {"title": v.title, "url": config.base_url + listed_url(folders, v), "updated": v.date + "T00:00:00Z", "summary": v.summary}
                for v in (lookup(r[0], r[1]) for r in mine[:FEED_SIZE])
            ],
        }

    ordered = sorted(published, key=NEWEST, reverse=True)  # newest first, a report's versions together
    by_lang: dict[str, list[Row]] = {lang.tag: [] for lang in config.languages}
    for r in ordered:
        by_lang[r[1]].append(r)
    grouped = {tag: months_of(rows) for tag, rows in by_lang.items()}
    months_in.update((tag, set(by_month)) for tag, by_month in grouped.items())
    for lang in config.languages:
        mine = by_lang[lang.tag]
        by_month = grouped[lang.tag]
        months = list(by_month)  # newest first
        counts = [(m, len(by_month[m])) for m in months]
        path = f"{lang.folder}/index.html"
        latest = mine[:LATEST]
        keyed(path, lang, "index.html", (ids(latest), counts, len(mine)), lambda a=(lang, path, latest, counts, len(mine)): index_page(*a))
        for i, month in enumerate(months):
            path = f"{lang.folder}/{ARCHIVE}/{month}/index.html"
            chunk = by_month[month]
            newer, older = months[i - 1] if i else "", months[i + 1] if i + 1 < len(months) else ""
            elsewhere = [tag for tag, there in months_in.items() if month in there]
            keyed(path, lang, "month.html", (ids(chunk), newer, older, elsewhere), lambda a=(lang, path, chunk, month, newer, older): month_page(*a))
        updated = (mine[0][2] if mine else now.date().isoformat()) + "T00:00:00Z"
        keyed(f"{lang.folder}/feed.xml", lang, "feed.xml", (ids(mine[:FEED_SIZE]), updated), lambda a=(lang, mine, updated): feed(*a))
    default = config.language(config.default_language)
    keyed(
        "index.html", default, "chooser.html", None,
        lambda: {
            "url": relative(0),
            "lang": default,
            "languages": [{"tag": l.tag, "name": own_name(l), "href": f"{l.folder}/", "title": config.titles.get(l.tag, "")} for l in config.languages],
            "site_title": config.titles.get(default.tag, ""),
        },
    )
    # Sitemaps: one per month of the reports' dates, as the archive (the protocol allows 50,000
    # URLs a file; a change rewrites one month's), one for the language front pages, and the
    # index of them all as sitemap.xml.
    by_month_all = months_of(ordered)
    home = [[{"tag": l.tag, "url": config.base_url + f"{l.folder}/", "lastmod": ""} for l in config.languages]]
    keyed("sitemap-languages.xml", default, "sitemap.xml", None, lambda: {"groups": home})
    for month, chunk in by_month_all.items():
        keyed(
            f"{SITEMAPS}/{month}.xml", default, "sitemap.xml", list(map(SITEMAP_KEY, chunk)),
            lambda c=chunk: {"groups": [
                [{"tag": r[1], "url": config.base_url + page_url(folders[r[1]], r[0]), "lastmod": r[2]} for r in group]
                for _, group in itertools.groupby(c, key=SLUG)  # a report's versions: alternates of each other
            ]},
        )
    maps = [config.base_url + "sitemap-languages.xml", *(config.base_url + f"{SITEMAPS}/{m}.xml" for m in sorted(by_month_all, reverse=True))]
    keyed("sitemap.xml", default, "sitemap-index.xml", maps, lambda: {"maps": maps})
    return files


def assets(config: Config) -> dict[str, bytes]:
    """Static files shipped with the templates (templates/assets/ -> OUT/assets/)."""
    folder = config.templates_dir / "assets"
    if not folder.is_dir():
        folder = DEFAULTS / "templates" / "assets"
    return {f"assets/{p.relative_to(folder).as_posix()}": p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def inside(out: Path, rel: str) -> Path:
    """The path of a site file, refusing anything that would land outside OUT."""
    target = (out / rel).resolve()
    if out.resolve() not in target.parents:
        raise InputError(rel, "would be written outside the output folder", "use a slug of a-z, 0-9 and hyphens")
    return target


def write_files(folder: Path, files: Mapping[str, str | bytes]) -> int:
    """Write files under ``folder``; return how many."""
    for rel, content in files.items():
        path = inside(folder, rel)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return len(files)


def swap_in(staging: Path, out: Path) -> None:
    """Put the finished folder in OUT's place; the old one goes only once the new one is there."""
    os.chmod(staging, 0o755)
    if out.exists():
        retired = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
        os.replace(out, retired / out.name)
        os.replace(staging, out)
        shutil.rmtree(retired, ignore_errors=True)
    else:
        os.replace(staging, out)


FORMATS = ("html", "markdown", "json")


def markdown_files(versions: Sequence[Version]) -> dict[str, str]:
    """Each publishable version as Markdown with translated front matter: OUT/<folder>/<slug>.md."""
    return {
        f"{v.lang.folder}/{v.report.slug}.md": export.markdown_document(v.report, v.report.tokens, v.lang.tag, v.cells)
        for v in versions
    }


def json_files(project: Project, inputs: Inputs, versions: Sequence[Version]) -> dict[str, str]:
    """One document per report with every language's segments aligned by id: OUT/<slug>.json."""
    published: dict[str, list[str]] = {}
    for v in versions:
        published.setdefault(v.report.slug, []).append(v.lang.tag)
    files = {}
    for report in project.reports:
        cells = all_cells(project, report, inputs.catalogs.get(report.slug, {}))
        files[f"{report.slug}.json"] = export.aligned_json(report, list(cells), cells, published.get(report.slug, []))
    return files


def render_reports(job: Job, reports: Sequence[Report], staging: Path, jobs: int, progress: Progress) -> list[Outcome]:
    """Build every report into ``staging``; on several cores when there is enough work."""

    def build_one(report: Report) -> Outcome:
        files, outcome = process_report(job, report)
        write_files(staging, files)
        return outcome

    return fork_map(build_one, reports, PARALLEL_FROM, jobs, progress)  # type: ignore[arg-type]


SHARDS = 16
MANIFEST_FORMAT = 4  # bump when what the manifest holds changes
MARKER = ".tarjima-build"  # in OUT: which manifest describes this folder


@dataclass
class Manifest:
    """What the last build wrote into OUT, and from which inputs: what an incremental build compares.

    Kept in ``.tarjima-cache/build-<OUT>/``: a head (build id, renderer key, listing keys, and
    the version of each shard) and the reports in SHARDS shards by slug, so a build that
    changed a few reports rewrites a few small files. A shard whose version is not the one
    the head names (a build cut short) makes the manifest unusable: the next build is full.
    """

    build_id: str = ""
    renderer: bytes = b""
    # slug -> (report key, stub, blob). The stub is what every build needs: (the Row of each
    # published version, (slug, tag, why) of each skipped one). The blob, marshalled apart, is
    # read only for reports whose files go or whose listing pages are rendered again: (files,
    # Listed tuples).
    reports: dict[str, tuple[tuple[object, ...], tuple[object, ...], bytes]] = field(default_factory=dict)
    listings: dict[str, bytes] = field(default_factory=dict)  # path -> key
    versions: list[str] = field(default_factory=lambda: [""] * SHARDS)  # the build id each shard was written by

    @staticmethod
    def folder(project: Project, out: Path) -> Path:
        return project.config.root / CACHE_FOLDER / f"build-{digest(str(out).encode()).hex()[:12]}"

    @staticmethod
    def shard(slug: str) -> int:
        return zlib.crc32(slug.encode("utf-8")) % SHARDS

    @classmethod
    def load(cls, project: Project, out: Path) -> Manifest | None:
        """The manifest of the build in ``out``, if it is the one OUT says it is."""
        folder = cls.folder(project, out)
        try:
            form, build_id, renderer, listings, versions = marshal.loads((folder / "head.marshal").read_bytes())
            if form != MANIFEST_FORMAT or (out / MARKER).read_text(encoding="utf-8").strip() != build_id:
                return None
            manifest = cls(build_id, renderer, {}, listings, list(versions))
            for i, version in enumerate(versions):
                written_by, reports = marshal.loads((folder / f"shard-{i:02d}.marshal").read_bytes())
                if written_by != version:
                    return None
                manifest.reports.update(reports)
            return manifest
        except (OSError, ValueError, EOFError, TypeError):
            return None

    def save(self, project: Project, out: Path, changed: Iterable[str] | None = None) -> None:
        """Write the shards holding the ``changed`` slugs (all when None), then the head."""
        folder = self.folder(project, out)
        folder.mkdir(parents=True, exist_ok=True)
        dirty = set(range(SHARDS)) if changed is None else {self.shard(slug) for slug in changed}
        shards: dict[int, dict[str, object]] = {i: {} for i in dirty}
        for slug, entry in self.reports.items():
            part = shards.get(self.shard(slug))
            if part is not None:
                part[slug] = entry
        for i, part in shards.items():
            self.versions[i] = self.build_id
            write_atomic(folder / f"shard-{i:02d}.marshal", marshal.dumps((self.build_id, part)), durable=False)
        head = (MANIFEST_FORMAT, self.build_id, self.renderer, self.listings, self.versions)
        write_atomic(folder / "head.marshal", marshal.dumps(head), durable=False)

    def files(self, slug: str) -> list[str]:
        return list(marshal.loads(self.reports[slug][2])[0])

    def listed(self, slug: str) -> list[Listed]:
        return [Listed._make(t) for t in marshal.loads(self.reports[slug][2])[1]]


def stub_and_blob(o: Outcome) -> tuple[tuple[object, ...], bytes]:
    """An outcome as the manifest keeps it (see Manifest.reports)."""
    return (tuple(row(v) for v in o.listed), tuple(o.skipped)), marshal.dumps((o.files, [tuple(v) for v in o.listed]))


def read_site_catalogs(project: Project) -> tuple[dict[str, Catalog], list[InputError]]:
    """The templates' own catalogues: the project's, or those shipped with tarjima."""
    own = project.config.templates_dir.is_dir()
    located = (
        (lang.tag, project.po_path(lang, sitestrings.DOMAIN) if own else DEFAULTS / "locales" / lang.gettext / "LC_MESSAGES" / f"{sitestrings.DOMAIN}.po")
        for lang in project.config.languages
    )
    return read_catalogs(project, located, read_catalog)


def renderer_key(project: Project, site: Mapping[str, Catalog]) -> bytes:
    """Everything every page depends on: tarjima, the configuration, the templates and their catalogues."""
    config = project.config
    parts: list[object] = [__version__, [(l.tag, l.folder) for l in config.languages], config.default_language,
                           sorted(config.titles.items()), config.base_url, config.publish_threshold, LATEST, FEED_SIZE]
    for folder in (config.templates_dir, DEFAULTS / "templates"):
        if folder.is_dir():
            parts += [(p.relative_to(folder).as_posix(), digest(p.read_bytes())) for p in sorted(folder.rglob("*")) if p.is_file()]
    parts += [(tag, pofile.dumps(c)) for tag, c in sorted(site.items())]
    return digest(repr(parts).encode("utf-8"))


def report_keys(project: Project) -> dict[str, tuple[object, ...]]:
    """What each report's pages depend on besides the renderer: its text, and its catalogues as they stand on disk."""
    root = f"{project.config.root}/"
    languages = project.config.languages
    keys: dict[str, tuple[object, ...]] = {}
    for report in project.reports:
        parts: list[object] = [report.digest, report.path]
        for lang in languages:
            if lang.tag == report.lang:  # (project.targets, without a tuple per report: 10,000 of them)
                continue
            try:
                st = os.stat(root + project.po_file(lang, report.slug))
                parts.append((lang.tag, st.st_mtime_ns, st.st_size, st.st_ino))
            except FileNotFoundError:
                parts.append((lang.tag, None))
        keys[report.slug] = tuple(parts)
    return keys


def write_in_place(out: Path, files: Mapping[str, str | bytes]) -> int:
    """Write changed files into OUT, each atomically; unchanged ones are left alone."""
    written = 0
    for rel, content in files.items():
        path = inside(out, rel)
        data = content.encode("utf-8") if isinstance(content, str) else content
        try:
            if path.read_bytes() == data:
                continue
        except FileNotFoundError:
            pass
        write_atomic(path, data, durable=False)  # generated pages: a crash loses nothing a build cannot remake
        written += 1
    return written


def remove_files(out: Path, paths: Iterable[str]) -> None:
    """Delete files a build no longer makes, and folders left empty."""
    for rel in paths:
        path = inside(out, rel)
        path.unlink(missing_ok=True)
        for parent in path.parents:
            if parent == out or any(parent.iterdir()):
                break
            parent.rmdir()


class template_errors:
    """Turn a Jinja2 error into bad input naming the template and line."""

    def __init__(self, project: Project) -> None:
        self.project = project

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type | None, exc: BaseException | None, tb: object) -> bool:
        if isinstance(exc, jinja2.TemplateError):
            line = getattr(exc, "lineno", None)
            name = getattr(exc, "filename", None) or getattr(exc, "name", None) or "templates/"
            name = self.project.rel(Path(name)) if Path(name).is_absolute() else name
            raise InputError(str(name), f"template error: {getattr(exc, 'message', None) or exc}", "fix the template; the last good site is left in place", line) from None
        return False


def replace_folder(out: Path, write: Callable[[Path], int]) -> int:
    """Let ``write`` fill a fresh folder beside OUT, then swap it into place; on failure OUT is untouched."""
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    try:
        count = write(staging)
        swap_in(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return count


def build(project: Project, out: Path, fmt: str = "html", now: dt.datetime | None = None, progress: Progress = no_progress, jobs: int | None = None, incremental: bool = True) -> BuildResult:
    """Build the whole output into ``out``; if anything fails, the last good output stays in place.

    Each report is read, decided and rendered on its own (on every core), so memory holds one
    report at a time and what the listings need. HTML builds are incremental: with the manifest
    of the last build of ``out``, only reports whose text or catalogues changed are built again,
    and only listing pages whose entries changed; files are then replaced one by one,
    atomically. Without a manifest, or after a change to the templates or the configuration,
    everything is rendered into a fresh folder that is swapped into place.
    """
    now = now or dt.datetime.now(dt.timezone.utc)
    out = out.resolve()
    if fmt != "html":
        inputs = read_inputs(project)
        versions, skipped = decide(inputs, project.config.publish_threshold)
        files = markdown_files(versions) if fmt == "markdown" else json_files(project, inputs, versions)
        result = BuildResult(out=out, skipped=skipped, errors=list(inputs.errors))
        result.files = replace_folder(out, lambda folder: write_files(folder, files))
        for v in versions:
            result.pages[v.lang.tag] = result.pages.get(v.lang.tag, 0) + 1
        return result
    site, site_errors = read_site_catalogs(project)
    renderer = Renderer(project.config, site)
    key = renderer_key(project, site)
    previous = Manifest.load(project, out) if incremental and out.is_dir() else None
    if previous is not None and previous.renderer != key:
        previous = None
    run = HtmlBuild(project, renderer, report_keys(project), previous, Manifest(renderer=key), BuildResult(out=out, errors=[*project.errors, *site_errors]))
    with template_errors(project):
        if previous is None:
            run.result.files = replace_folder(out, lambda staging: run.fill(staging, jobs, progress, now))
        else:
            run.result.files = run.update(out, previous, now)
    run.finish(out)
    return run.result


@dataclass
class HtmlBuild:
    """One HTML build: what it knows from the last build of OUT, and what it makes."""

    project: Project
    renderer: Renderer
    keys: dict[str, tuple[object, ...]]  # report_keys(): slug -> key
    previous: Manifest | None
    manifest: Manifest
    result: BuildResult
    fresh: dict[str, Outcome] = field(default_factory=dict)  # the reports built in this run
    known: dict[str, list[Listed]] = field(default_factory=dict)  # Listed of unchanged reports, read when a page shows them
    stubs: list[tuple[object, ...]] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)  # every published version

    def lookup(self, slug: str, tag: str) -> Listed:
        """What a listing shows of one published version."""
        if slug in self.fresh:
            shown = self.fresh[slug].listed
        else:
            shown = self.known.get(slug) or self.known.setdefault(slug, self.previous.listed(slug))  # type: ignore[union-attr]
        return next(v for v in shown if v.tag == tag)

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
            self.manifest.reports[report.slug] = (self.keys[report.slug], stub, blob)
            self.stubs.append(stub)
        self.rows = list(itertools.chain.from_iterable(stub[0] for stub in self.stubs))  # type: ignore[arg-type]

    def listings(self, now: dt.datetime) -> Listing:
        listings = listing_files(self.project.config, self.rows, self.lookup, self.renderer, now)
        self.manifest.listings = {path: k for path, (k, _) in listings.items()}
        return listings

    def fill(self, staging: Path, jobs: int | None, progress: Progress, now: dt.datetime) -> int:
        """A full build into a fresh folder: every report (on every core), every listing, the assets."""
        self.manifest.versions = [""] * SHARDS
        made = render_reports(Job(self.project, self.renderer), self.project.reports, staging, jobs or os.cpu_count() or 1, progress)
        self.fresh.update((o.slug, o) for o in made)
        self.assemble()
        listings = self.listings(now)
        count = sum(len(o.files) for o in self.fresh.values())
        count += write_files(staging, {path: render() for path, (_, render) in listings.items()})
        return count + write_files(staging, assets(self.project.config))

    def update(self, out: Path, previous: Manifest, now: dt.datetime) -> int:
        """An incremental build in place: the reports whose key changed, the listing pages whose key changed, files gone removed."""
        self.manifest.versions = list(previous.versions)
        job = Job(self.project, self.renderer)
        files: dict[str, str | bytes] = {}
        for report in [r for r in self.project.reports if previous.reports.get(r.slug, NO_ENTRY)[0] != self.keys[r.slug]]:
            made, self.fresh[report.slug] = process_report(job, report)
            files.update(made)
        self.assemble()
        listings = self.listings(now)
        files.update({path: render() for path, (k, render) in listings.items() if previous.listings.get(path) != k})
        written = write_in_place(out, files)
        # Files made before and not now: those of changed and removed reports, and listings gone.
        current = {r.slug for r in self.project.reports}
        made_now = {p for o in self.fresh.values() for p in o.files} | set(listings)
        made_before = {p for slug in previous.reports if slug in self.fresh or slug not in current for p in previous.files(slug)} | set(previous.listings)
        remove_files(out, sorted(made_before - made_now))
        return written

    def finish(self, out: Path) -> None:
        """Count what was published and skipped; mark OUT and save the manifest that describes it."""
        self.result.skipped = list(itertools.chain.from_iterable(stub[1] for stub in self.stubs))  # type: ignore[arg-type]
        self.result.pages = dict(collections.Counter(map(TAG, self.rows)))
        self.manifest.build_id = key_of((self.manifest.renderer, self.keys, self.manifest.listings)).hex()  # both in build order
        write_atomic(out / MARKER, self.manifest.build_id.encode("ascii"))
        try:
            # After a full build every shard is written; after an incremental one, those of reports built or gone.
            gone = [slug for slug in self.previous.reports if slug not in self.manifest.reports] if self.previous else []
            self.manifest.save(self.project, out, None if self.previous is None else [*self.fresh, *gone])
        except OSError:
            pass  # no cache: the next build is a full one
