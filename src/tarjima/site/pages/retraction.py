"""A retracted report's pages: each URL it was published at keeps a short page saying when and why it was removed.

``retracted: <reason>`` in the front matter takes every version of the report down (site.pages.kept):
it leaves the listings, feeds and sitemap, and each version the publication record knows
(site.record) gets, at its own address, the removal date and the reason in its language (the
reason is translated like the title; the source's text, marked with its ``lang``, until it is).
"""

from __future__ import annotations

import datetime as dt
from typing import Mapping, Sequence

from tarjima.config import Config
from tarjima.dates import format_day
from tarjima.model import Catalog
from tarjima.site.pages.report import frame, page_url, relative
from tarjima.site.record import Entry
from tarjima.site.pages.render import field_html, field_text
from tarjima.site.renderer import Renderer
from tarjima.sources import Document


def retraction_pages(config: Config, doc: Document, catalogs: Mapping[str, Catalog], rows: Sequence[Entry], renderer: Renderer) -> dict[str, str]:
    """The removal page of each version the record has of a retracted report, at the version's own address."""
    report = doc.report
    refs = doc.references
    reason = " ".join(str(doc.front.meta.get("retracted") or "").split())
    pages = {}
    url = relative(2)
    for row in rows:
        lang = config.language(row.lang)
        entries = catalogs[lang.tag].messages() if lang.tag in catalogs else {}

        def shown(text: str) -> tuple[str, bool]:
            """The text in this language if translated, else the source's (and whether it is the source's, for its lang)."""
            entry = entries.get(text)
            if lang.tag == report.lang:
                return text, False
            if entry is not None and entry.translated:
                return entry.msgstr, False
            return text, True

        title, title_source = shown(doc.front.title)
        why, why_source = shown(reason)
        day = dt.date.fromisoformat((row.retracted or row.last_changed)[:10])
        pages[page_url(lang.folder, report.slug) + "index.html"] = renderer.render(
            lang,
            "retracted.html",
            **frame(config, lang, url),
            title=field_html(title, refs),
            title_text=field_text(title, refs),
            title_lang=report.lang if title_source else "",
            reason=field_html(why, refs),
            reason_lang=report.lang if why_source else "",
            removed_text=format_day(day, lang.locale, config.english_dates),
            removed_iso=day.isoformat(),
            alternates=[],
        )
    return pages
