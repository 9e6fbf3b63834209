"""The reader's parallel page (optional, ``parallel = true`` in ``[tool.tarjima.site]``): a report's published
versions side by side, segment by segment, in the public site.

Built from the published versions alone (site.publish.Version), each cell exactly what that
version's readers are shown: its translation, or the source text where the version shows the
source (marked, with the source's ``lang``). Nothing else of the desk: no draft, no fuzzy or
held text, no state, comment, reviewer or file path.
"""

from __future__ import annotations

from typing import Sequence

from tarjima.config import Config
from tarjima.site.pages.letters import own_label
from tarjima.site.pages.report import frame, parallel_url, relative, report_url, search_url
from tarjima.site.pages.publish import Version
from tarjima.site.pages.render import field_html, field_text, segment_html
from tarjima.site.renderer import Renderer

def parallel_pages(config: Config, versions: Sequence[Version], renderer: Renderer) -> dict[str, str]:
    """One parallel page per published version (its own language's words around the same table); none for a
    report published in fewer than two languages."""
    if len(versions) < 2:
        return {}
    ordered = sorted(versions, key=lambda v: not v.is_source)  # the source first, then the configured order
    source = next(v for v in ordered if v.is_source) if any(v.is_source for v in ordered) else None
    refs = ordered[0].doc.references
    source_lang = ordered[0].report.lang
    rows = []
    for segment in ordered[0].doc.segments:
        cells = []
        for v in ordered:
            final = v.is_source or (segment.text in v.cells and v.cells[segment.text].final)
            shown = segment.text if v.is_source else v.text(segment.text)
            cells.append({"lang": v.lang.tag if final else source_lang, "fallback": not final, "html": segment_html(shown, segment.role, refs)})
        rows.append({"id": segment.id, "cells": cells})
    pages = {}
    url = relative(3)
    for v in ordered:
        title = v.text(v.doc.front.title)
        pages[parallel_url(v) + "index.html"] = renderer.render(
            v.lang,
            "parallel.html",
            **frame(config, v.lang, url),
            title=field_html(title, refs),
            title_text=field_text(title, refs),
            report_href=url(report_url(v)),
            search_href=url(search_url(v.lang)) if renderer.settings.search else "",
            columns=[{"tag": o.lang.tag, "name": own_label(config, o.lang.tag), "source": o is source} for o in ordered],
            rows=rows,
            alternates=[{"tag": o.lang.tag, "name": own_label(config, o.lang.tag), "href": url(parallel_url(o)), "abs": "", "current": o is v} for o in ordered],
        )
    return pages
