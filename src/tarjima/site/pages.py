"""The context of each report page: a language version, and the editors' aligned view."""

from __future__ import annotations

import datetime as dt
from typing import Callable, Mapping, NamedTuple, Sequence

from babel import Locale

from tarjima.config import Config, Language
from tarjima.dates import format_day, format_span
from tarjima.languages import own_name
from tarjima.model import Catalog
from tarjima.site.publish import Version
from tarjima.site.render import Cell, cells_for, field_html, field_text, render_body, render_inline
from tarjima.site.renderer import Renderer
from tarjima.sources import Document


def relative(depth: int) -> Callable[[str], str]:
    """A URL helper for a page ``depth`` folders below OUT: links work from any host path or file://."""
    prefix = "../" * depth

    def url(path: str) -> str:
        return prefix + path if prefix or path else "./"

    return url


def page_url(folder: str, slug: str) -> str:
    """The URL path of one language version of a report: its language's folder, then its slug."""
    return f"{folder}/{slug}/"


def report_url(version: Version) -> str:
    return page_url(version.lang.folder, version.report.slug)


class Listed(NamedTuple):
    """What the listings need of one published version: plain data, kept as it is in the build manifest."""

    slug: str
    tag: str
    date: str  # ISO dates: they sort as text
    end_date: str  # "" for a one-day event
    title: str  # plain text (the feed)
    summary: str
    title_html: str  # inline Markdown rendered, links shown as their text (a listing's title is a link)
    summary_html: str

    def span(self, locale: Locale) -> str:
        return format_span(dt.date.fromisoformat(self.date), dt.date.fromisoformat(self.end_date) if self.end_date else None, locale)


def listed_url(folders: Mapping[str, str], item: Listed) -> str:
    return page_url(folders[item.tag], item.slug)


def listed(v: Version) -> Listed:
    summary = v.text(str(v.report.meta.get("summary") or ""))
    title = v.text(v.report.title)
    end = v.report.end_date.isoformat() if v.report.end_date else ""
    refs = v.doc.references
    return Listed(
        v.report.slug, v.lang.tag, v.report.date.isoformat(), end, field_text(title, refs), field_text(summary, refs) if summary else "",
        str(field_html(title, refs, links=False)), str(field_html(summary, refs)) if summary else "",
    )


def version_page(config: Config, v: Version, group: Sequence[Version], renderer: Renderer) -> str:
    """One language version of one report."""
    url = relative(2)
    meta = v.report.meta
    refs = v.doc.references
    title = v.text(v.report.title)
    return renderer.render(
        v.lang,
        "report.html",
        url=url,
        lang=v.lang,
        lang_name=own_name(v.lang.tag),
        site_title=config.titles.get(v.lang.tag, ""),
        languages=[{"tag": l.tag, "name": own_name(l.tag), "folder": l.folder} for l in config.languages],
        title=field_html(title, refs),
        title_text=field_text(title, refs),
        summary=field_html(v.text(str(meta.get("summary") or "")), refs) if meta.get("summary") else "",
        location=field_html(v.text(str(meta.get("location") or "")), refs) if meta.get("location") else "",
        date_text=format_span(v.report.date, v.report.end_date, v.lang.locale),
        date_iso=v.report.date.isoformat(),
        body=render_body(v.doc, v.cells, v.report.lang),
        alternates=[{"tag": o.lang.tag, "name": own_name(o.lang.tag), "href": url(report_url(o)), "current": o is v} for o in group],
        fallbacks=v.fallbacks,
        source_lang=v.report.lang,
        source_name=own_name(v.report.lang),
        is_source=v.is_source,
        title_fallback=v.report.title in v.cells and not v.cells[v.report.title].final,
        summary_fallback=fallback(v, str(meta.get("summary") or "")),
        location_fallback=fallback(v, str(meta.get("location") or "")),
        earlier_date=format_day(dt.date.fromisoformat(v.earlier), v.lang.locale) if v.earlier else "",
        tags=meta.get("tags") or [],
        slug=v.report.slug,
        canonical=config.base_url + report_url(v) if config.base_url else "",
    )


def fallback(v: Version, field: str) -> bool:
    """Whether a front-matter field of this version shows the source text (marked, with the source's lang)."""
    text = " ".join(field.split())
    return bool(text) and text in v.cells and not v.cells[text].final


def all_cells(doc: Document, targets: Sequence[Language], catalogs: Mapping[str, Catalog]) -> dict[str, dict[str, Cell]]:
    """Every language's cells of a report, source first: tag -> msgid -> Cell."""
    cells = {doc.report.lang: cells_for(doc.msgids, None)}
    for lang in targets:
        catalog = catalogs.get(lang.tag)
        cells[lang.tag] = cells_for(doc.msgids, catalog.messages() if catalog else {})
    return cells


def aligned_page(config: Config, doc: Document, targets: Sequence[Language], catalogs: Mapping[str, Catalog], renderer: Renderer) -> str:
    """The editors' view: every segment of a report side by side in all its languages, source first."""
    report = doc.report
    ui = config.language(config.default_language)
    source = config.language(report.lang)
    columns = [source, *targets]
    cells = all_cells(doc, targets, catalogs)
    rows = []
    for segment in doc.segments:
        row_cells = []
        for lang in columns:
            cell = cells[lang.tag][segment.text]
            shown = cell.text if cell.state != "untranslated" else ""
            row_cells.append({"tag": lang.tag, "state": cell.state, "html": render_inline(shown, doc.references) if shown else ""})
        rows.append({"id": segment.id, "role": segment.role, "cells": row_cells})
    return renderer.render(
        ui,
        "aligned.html",
        url=relative(2),
        lang=ui,
        lang_name=own_name(ui.tag),
        site_title=config.titles.get(ui.tag, ""),
        languages=[{"tag": l.tag, "name": own_name(l.tag), "folder": l.folder} for l in config.languages],
        title=field_html(report.title, doc.references),
        title_text=field_text(report.title, doc.references),
        source=report.path,
        columns=[{"tag": l.tag, "name": own_name(l.tag), "source": l is source} for l in columns],
        rows=rows,
        alternates=[],
    )
