"""The context of each report page: a language version, and the editors' aligned view."""

from __future__ import annotations

import datetime as dt
import textwrap
from typing import Callable, Mapping, NamedTuple, Sequence, TypedDict

from babel import Locale

from tarjima.config import Config, Language
from tarjima.dates import format_day, format_month, format_span
from tarjima.site.pages.letters import own_label
from tarjima.model import Catalog
from tarjima.search import PAGE as SEARCH_PAGE
from tarjima.images.photos import CARD_SIZES, Photo, Variant
from tarjima.site.pages.desk import by_msgid, desk_cells
from tarjima.site.pages.publish import Version
from tarjima.site.record import Entry as RecordEntry
from tarjima.site.settings import SiteSettings
from tarjima.site.pages.social import news_article, og_locale, script_json
from tarjima.site.pages.render import Cell, cells_for, field_html, field_text, render_body, segment_html
from tarjima.site.renderer import Renderer
from tarjima.sources import Document


TAGS = "tags"  # OUT/<language>/tags/<id>/: one language's reports with one tag (its identifier: site.tags)
DESCRIPTION = 300  # characters at most of a description made from a paragraph


def relative(depth: int) -> Callable[[str], str]:
    """A URL helper for a page ``depth`` folders below OUT: links work from any host path or file://."""
    prefix = "../" * depth

    def url(path: str) -> str:
        return prefix + path if prefix or path else "./"

    return url


def from_desk(depth: int, site_href: str) -> Callable[[str], str]:
    """The URL helper of a desk page ``depth`` folders below the desk: the templates' links (the stylesheet, the
    language pages) go to the public site, ``site_href`` from the desk's folder (site.output.folders)."""
    prefix = "../" * depth + site_href

    def url(path: str) -> str:
        return prefix + path

    return url


def desk_frame(config: Config) -> dict[str, object]:
    """What base.html needs of a desk page, all in the desk's language (``desk_language``): the language, the site's
    title, and the front page its brand leads to (that language's, or the default language's when the site has none in it)."""
    ui = config.desk
    home = ui if ui.tag in config.tags else config.language(config.default_language)
    return {"lang": ui, "lang_name": own_label(config, ui.tag), "site_title": config.titles.get(ui.tag) or config.titles.get(home.tag, ""), "home_folder": home.folder}


def page_url(folder: str, slug: str) -> str:
    """The URL path of one language version of a report: its language's folder, then its slug."""
    return f"{folder}/{slug}/"


def search_url(lang: Language) -> str:
    """A language's search page (tarjima.search)."""
    return f"{lang.folder}/{SEARCH_PAGE}/"


def report_url(version: Version) -> str:
    return page_url(version.lang.folder, version.report.slug)


def parallel_url(version: Version) -> str:
    """The reader's parallel page of a version (site.pages.parallel), beside its page."""
    return f"{report_url(version)}parallel/"


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
    tags: tuple[str, ...] = ()
    cover: tuple[str, int, int, tuple[Variant, ...]] | tuple[()] = ()  # the cover crops as a Photo's fields (prefix, width, height, variants), () for none
    published: str = ""  # when the version was first published, and when its text last changed (site.record): ISO UTC
    modified: str = ""
    title_lang: str = ""  # the source's tag when the title shows the source's text (not translated yet: marked as a fallback), else ""
    summary_lang: str = ""

    def span(self, locale: Locale, english: str) -> str:
        return format_span(dt.date.fromisoformat(self.date), dt.date.fromisoformat(self.end_date) if self.end_date else None, locale, english)


def listed_url(folders: Mapping[str, str], item: Listed) -> str:
    return page_url(folders[item.tag], item.slug)


def listed(v: Version, cover: Photo | None = None, dates: RecordEntry | None = None) -> Listed:
    summary = v.text(str(v.doc.front.meta.get("summary") or ""))
    title = v.text(v.doc.front.title)
    end = v.report.end_date.isoformat() if v.report.end_date else ""
    refs = v.doc.references
    return Listed(
        v.report.slug, v.lang.tag, v.report.date.isoformat(), end, field_text(title, refs), field_text(summary, refs) if summary else "",
        str(field_html(title, refs, links=False)), str(field_html(summary, refs)) if summary else "",
        v.report.tags, (cover.prefix, cover.width, cover.height, cover.variants) if cover else (),
        dates.first_published if dates else "", dates.last_changed if dates else "",
        v.report.lang if fallback(v, v.doc.front.title) else "", v.report.lang if summary and fallback(v, str(v.doc.front.meta.get("summary") or "")) else "",
    )


def card(cover: tuple[str, int, int, tuple[Variant, ...]] | tuple[()], url: Callable[[str], str]) -> dict[str, object] | None:
    """A listing card's picture: the cover's 16:9 crops, WebP and JPEG, or None."""
    if not cover:
        return None
    photo = Photo(*cover)
    src, width, height = photo.fallback(url(""), "card")
    return {"src": src, "width": width, "height": height, "webp": photo.srcset(url(""), "card", "webp"), "jpeg": photo.srcset(url(""), "card", "jpg"), "sizes": CARD_SIZES}


class TagLink(TypedDict):
    """A report's tag as its page shows it."""

    name: str
    href: str
    unnamed: bool  # no name in the tag table: the tag as written, marked


def tag_links(site: SiteSettings, tags: Sequence[str], lang: Language, url: Callable[[str], str]) -> list[TagLink]:
    """A report's tags in a language: their names from the tag table (the tag as written, marked, where none), linked to the tag pages."""
    links: list[TagLink] = []
    for tag in tags:
        name = site.tag_name(tag, lang.tag)
        links.append({"name": name or tag, "href": url(f"{lang.folder}/{TAGS}/{site.tag_id(tag)}/"), "unnamed": name is None})
    return links


class SocialImage(TypedDict):
    """The picture a page offers for sharing (its cover's social crop), at its absolute address."""

    url: str
    width: int
    height: int


def absolute(config: Config, path: str) -> str:
    """A site path as an absolute URL (with ``base_url``), or "" when the site has none."""
    return config.base_url + path if config.base_url else ""


def frame(config: Config, lang: Language, url: Callable[[str], str]) -> dict[str, object]:
    """What base.html needs of any page: its link helper, its language, and the site's title and languages."""
    return {"url": url, "lang": lang, "lang_name": own_label(config, lang.tag), "site_title": config.titles.get(lang.tag, ""),
            "languages": [{"tag": l.tag, "name": own_label(config, l.tag), "folder": l.folder} for l in config.languages]}


def version_page(config: Config, v: Version, group: Sequence[Version], renderer: Renderer, site: SiteSettings | None = None,
                 media: Mapping[str, Photo] | None = None, cover: Photo | None = None, dates: RecordEntry | None = None) -> str:
    """One language version of one report, with its photos (``media``: src -> Photo) and sharing metadata;
    ``dates``: its row of the publication record (site.record), which dates it for search engines, and its correction."""
    site = site or SiteSettings()
    url = relative(2)
    meta = v.doc.front.meta
    correction = " ".join(str(meta.get("correction") or "").split())
    refs = v.doc.references
    title = v.text(v.doc.front.title)
    about = description(v)
    location_text = field_text(v.text(str(meta.get("location") or "")), refs) if meta.get("location") else ""
    canonical = absolute(config, report_url(v))
    tags = tag_links(site, [str(t) for t in meta.get("tags") or ()], v.lang, url)
    social = cover.social() if cover else None
    image: SocialImage | None = {"url": absolute(config, social[0]), "width": social[1], "height": social[2]} if social and config.base_url else None
    default = next((o for o in group if o.lang.tag == config.default_language), None) or next(o for o in group if o.is_source)
    source = next(o for o in group if o.is_source)
    logo = (absolute(config, site.logo), *site.logo_size) if site.logo and config.base_url else None
    ld = news_article(
        headline=field_text(title, refs), description=about, url=canonical, lang=v.lang.tag,
        date=dates.first_published if dates else v.report.date.isoformat(), modified=dates.last_changed if dates else (v.report.end_date or v.report.date).isoformat(), images=[image["url"]] if image else [], publisher=site.name(config, v.lang.tag),
        logo=logo, location=location_text, keywords=[t["name"] for t in tags], source_url=absolute(config, report_url(source)),
    ) if canonical else None
    return renderer.render(
        v.lang,
        "report.html",
        **frame(config, v.lang, url),
        title=field_html(title, refs),
        title_text=field_text(title, refs),
        summary=field_html(v.text(str(meta.get("summary") or "")), refs) if meta.get("summary") else "",
        location=field_html(v.text(str(meta.get("location") or "")), refs) if meta.get("location") else "",
        date_text=format_span(v.report.date, v.report.end_date, v.lang.locale, config.english_dates),
        date_iso=v.report.date.isoformat(),
        body=render_body(v.doc, v.cells, v.report.lang, media, url("")),
        alternates=[{"tag": o.lang.tag, "name": own_label(config, o.lang.tag), "href": url(report_url(o)), "abs": absolute(config, report_url(o)), "current": o is v} for o in group],
        x_default=absolute(config, report_url(default)),
        description=about,
        og={"locale": og_locale(v.lang.tag), "alternates": sorted({og_locale(o.lang.tag) for o in group if o is not v} - {og_locale(v.lang.tag)}), "image": image},
        json_ld=script_json(ld) if ld else "",
        source_base=Locale.parse(v.report.lang, sep="-").language,
        source_display=language_name(v.report.lang, v.lang),
        photos=len(media or {}),
        month_href=url(f"{v.lang.folder}/archive/{v.report.date.isoformat()[:7]}/"),
        month_heading=format_month(v.report.date.isoformat()[:7], v.lang.locale),
        fallbacks=v.fallbacks,
        source_lang=v.report.lang,
        source_name=own_label(config, v.report.lang),
        is_source=v.is_source,
        title_fallback=fallback(v, v.doc.front.title),
        summary_fallback=fallback(v, str(meta.get("summary") or "")),
        location_fallback=fallback(v, str(meta.get("location") or "")),
        earlier_date=format_day(dt.date.fromisoformat(v.earlier), v.lang.locale, config.english_dates) if v.earlier else "",
        tags=tags,
        slug=v.report.slug,
        canonical=canonical,
        parallel_href=url(parallel_url(v)) if site.parallel and len([o for o in group if not o.kept]) > 1 and not v.kept else "",
        search_href=url(search_url(v.lang)) if site.search else "",
        correction=field_html(v.text(correction), refs) if correction and dates and dates.corrected else "",
        correction_lang=v.report.lang if correction and fallback(v, correction) else "",
        corrected_text=format_day(dt.date.fromisoformat(dates.corrected[:10]), v.lang.locale, config.english_dates) if dates and dates.corrected and correction else "",
        kept=v.kept,
    )


def fallback(v: Version, field: str) -> bool:
    """Whether a front-matter field of this version shows the source text (marked, with the source's lang)."""
    text = " ".join(field.split())
    return bool(text) and text in v.cells and not v.cells[text].final


def language_name(tag: str, lang: Language) -> str:
    """A language's name in the words of another, as a note names the original: "английский" on a Russian page."""
    return Locale.parse(tag, sep="-").get_language_name(lang.locale) or tag


def description(v: Version, limit: int = DESCRIPTION) -> str:
    """What a version offers search engines and sharing cards (meta description, OpenGraph, Twitter, JSON-LD): its
    summary as plain text when the summary is in the version's language; when the summary is the source's (not
    translated yet), the first translated paragraph, shortened, since those places carry no ``lang`` of their own."""
    summary = str(v.doc.front.meta.get("summary") or "")
    refs = v.doc.references
    if not summary or not fallback(v, summary):
        return field_text(v.text(summary), refs) if summary else ""
    for segment in v.doc.segments:
        if segment.role == "paragraph" and not fallback(v, segment.text):
            return textwrap.shorten(field_text(v.text(segment.text), refs), limit, placeholder="…")
    return ""


def all_cells(doc: Document, targets: Sequence[Language], catalogs: Mapping[str, Catalog]) -> dict[str, dict[str, Cell]]:
    """Every language's cells of a report, source first: tag -> msgid -> Cell."""
    cells = {doc.report.lang: cells_for(doc.msgids, None)}
    for lang in targets:
        catalog = catalogs.get(lang.tag)
        cells[lang.tag] = cells_for(doc.msgids, catalog.messages() if catalog else {})
    return cells


def column_state(tag: str, versions: Sequence[Version], skipped: Sequence[tuple[str, str, str]]) -> tuple[str, str]:
    """Whether a language version of the report is published, and if not, why (as the build's summary says it)."""
    version = next((v for v in versions if v.lang.tag == tag), None)
    if version is not None and version.kept:
        return "published", f"the text published on {version.earlier} stays online until this one is ready"
    if version is not None:
        return ("published", f"published as the translation of an earlier source text ({version.earlier})") if version.earlier else ("published", "online")
    why = next((w for _, t, w in skipped if t == tag), "not published")
    return ("held" if why.startswith("held") else "unpublished", why)


def aligned_page(config: Config, doc: Document, targets: Sequence[Language], catalogs: Mapping[str, Catalog], renderer: Renderer,
                 findings: Mapping[str, Sequence[Sequence[object]]] | None = None, versions: Sequence[Version] = (),
                 skipped: Sequence[tuple[str, str, str]] = (), site_href: str = "../site/", publication: Sequence[str] = ()) -> str:
    """The editors' view and the reviewer's desk: every segment of a report side by side in all its
    languages, source first, each target entry with its state, comments, marks, check findings
    (``findings``: language tag -> check's raw findings; None when the build runs no checks) and word diff;
    ``publication``: what holds the whole report back or clears it (a draft, its schedule, its clearance: publication.Standing.notes)."""
    report = doc.report
    chrome = desk_frame(config)
    source = config.language(report.lang)
    columns = [source, *targets]
    cells = all_cells(doc, targets, catalogs)
    desks = {lang.tag: desk_cells(doc.msgids, catalogs[lang.tag].messages() if lang.tag in catalogs else None, by_msgid((findings or {}).get(lang.tag, ())))
             for lang in targets}
    rows = []
    for segment in doc.segments:
        row_cells = []
        for lang in columns:
            cell = cells[lang.tag][segment.text]
            shown = cell.text if cell.state != "untranslated" else ""
            desk = desks[lang.tag][segment.text] if lang.tag in desks else None
            row_cells.append({"tag": lang.tag, "state": cell.state, "html": segment_html(shown, segment.role, doc.references) if shown else "", "desk": desk})
        rows.append({"id": segment.id, "role": segment.role, "cells": row_cells})
    states = {lang.tag: column_state(lang.tag, versions, skipped) for lang in targets}
    return renderer.render(
        config.desk,
        "aligned.html",
        url=from_desk(2, site_href),
        **chrome,
        languages=[{"tag": l.tag, "name": own_label(config, l.tag), "folder": l.folder} for l in config.languages],
        title=field_html(doc.front.title, doc.references),
        title_text=field_text(doc.front.title, doc.references),
        source=report.path,
        columns=[{"tag": l.tag, "name": own_label(config, l.tag), "source": l is source, "published": states.get(l.tag, ("", ""))[0], "why": states.get(l.tag, ("", ""))[1],
                  "catalogue": config.layout.po_file(l, report.slug) if l is not source else ""} for l in columns],
        rows=rows,
        checked=findings is not None,
        publication=publication,
        alternates=[],
    )
