"""The editors' dashboard, built with the site into the desk's ``_status/`` (site.output.folders): every report x language with its state.

The numbers are ``status``'s own (``status.lang_status``: one computation, two views), taken
while the build has each catalogue's bytes in hand; to them the build adds what only it knows:
whether the version is published, held back and why, and ``check``'s findings. Each report's
row is plain data kept in the build manifest, so an incremental build computes the rows of the
reports it builds and renders again only the pages whose rows changed: the overview
(``_status/index.html``: totals per language, one line per year) and that year's page
(``_status/<year>/index.html``: one row per report, filters by state and language). The pages
are marked ``noindex`` and are in no sitemap; the filters are a small script, no server needed.

Each published version's cell also says whether the site's search finds it and whether it is on
its Telegram channel (with the post's link). Those change without the report changing (a run of
``tarjima telegram``, the search switch), so the cached row holds a mark in their place
(``REACH_MARK``), filled when the year's page is rendered, and the year's key holds them.
"""

from __future__ import annotations

import re
from typing import Callable, Mapping, Sequence

from markupsafe import Markup, escape

from tarjima.config import Config
from tarjima.errors import InputError
from tarjima.site.pages.letters import own_label
from tarjima.model import COUNTERS, Catalog, Counts, Report
from tarjima.project import Project
from tarjima.site.output.folders import DESK
from tarjima.site.pages.report import column_state, desk_frame, from_desk
from tarjima.site.pages.publish import Skipped, Version
from tarjima.site.renderer import Renderer
from tarjima.catalogues import LangStatus, count_value, lang_status, missing_status, words
from tarjima.store import key_of
from tarjima.search import searchable as site_search
from tarjima.telegram.state import Standing

FOLDER = "_status"

# One language of one report, as the manifest keeps it: (tag, publication, why, counter values, stale,
# missing, earlier, check errors, check warnings, catalogue path, its filter states separated by spaces);
# the source's own language too (no counters, its source path, "source" and its publication as states)
DashCell = tuple[str, str, str, tuple[int, ...], bool, bool, str, int, int, str, str]
# One report: (year, slug, source path, source language, title, cells)
DashRow = tuple[str, str, str, str, str, tuple[DashCell, ...]]

# The filter's states, in the order the menu offers them: (token, what an editor reads)
STATES = (
    ("published", "published"), ("held", "held back"), ("unpublished", "not published"), ("done", "complete"),
    ("stale", "stale"), ("fuzzy", "fuzzy"), ("machine", "machine drafts"), ("untranslated", "untranslated"),
    ("ambiguous", "open ambiguities (derived script)"), ("errors", "check errors"), ("warnings", "check warnings"),
    ("reviewed", "reviewed entries"), ("earlier", "earlier version online"), ("missing", "no catalogue"), ("unreadable", "unreadable"),
    ("source", "source text"),
)


def report_row(project: Project, report: Report, title: str, data: Mapping[str, bytes], catalogs: Mapping[str, Catalog], unreadable: frozenset[str],
               derived: frozenset[str], versions: Sequence[Version], skipped: Sequence[Skipped], findings: Mapping[str, Sequence[Sequence[object]]] | None) -> DashRow:
    """A report's dashboard row, from the catalogues the build read (their bytes and what it read of them;
    ``unreadable``: the tags whose catalogue exists but was refused; ``derived``: the tags of derived catalogues)."""
    layout = project.layout
    publication, why = column_state(report.lang, versions, skipped)  # a source online is a published version too
    cells: list[DashCell] = [(report.lang, publication, why, (), False, False, "", 0, 0, report.path, f"source {publication}")]
    for lang in project.targets(report):
        display = layout.po_file(lang, report.slug)
        publication, why = column_state(lang.tag, versions, skipped)
        raw = (findings or {}).get(lang.tag, ())
        errors = sum(1 for f in raw if f[1] == "error")
        warnings = sum(1 for f in raw if f[1] != "error")
        if lang.tag in data:
            try:
                status = lang_status(project, report, lang, count_value(data[lang.tag], display, lang.tag in derived, catalogs.get(lang.tag)), display)
            except InputError:
                cells.append(unreadable_cell(lang.tag, why, display))
                continue
        elif lang.tag in unreadable:
            cells.append(unreadable_cell(lang.tag, why, display))
            continue
        else:
            status = missing_status(project, report)
        cell = (lang.tag, publication, why, tuple(getattr(status.counts, n) for n in COUNTERS), status.stale, status.missing, status.earlier, errors, warnings, display)
        cells.append((*cell, " ".join(tokens(publication, errors, warnings, status))))
    return (report.date.isoformat()[:4], report.slug, report.path, report.lang, title, tuple(cells))


def unreadable_cell(tag: str, why: str, display: str) -> DashCell:
    """A catalogue that exists but was refused (its error is in the build's summary)."""
    return (tag, "unreadable", why, (), True, False, "", 0, 0, display, "unreadable")


ROOT_MARK = "<root>"  # where a row's file links start: replaced by the project folder as seen from the page (escaped text holds no "<")


REACH_MARK = re.compile(r"<!--reach:([^:>]+):([^>]+)-->")  # where a published version's search and Telegram standing go (filled per page)
Reach = Mapping[tuple[str, str], Standing]  # (slug, tag) -> the version's Telegram standing (telegram.state.posted)


def reach_html(slug: str, tag: str, searchable: bool, posts: Reach) -> str:
    """What a published version's cell says of its readers: searchable on the site or not, posted on Telegram or not."""
    standing = posts.get((slug, tag))
    search = '<span class="reach">searchable</span>' if site_search(searchable, True) else '<span class="reach off">not in site search</span>'
    if standing is None or not (standing.posted or standing.uncertain):
        post = '<span class="reach off">not on Telegram</span>'
    elif standing.uncertain:
        post = '<span class="reach uncertain">Telegram: sent? (tarjima telegram names it)</span>'
    elif standing.link:
        post = f'<a class="reach" href="{escape(standing.link)}">on Telegram</a>'
    else:
        post = '<span class="reach">on Telegram</span>'
    return f'<span class="readers">{search} · {post}</span>'


def fill_reach(html: str, searchable: bool, posts: Reach) -> str:
    """Rows' HTML with each published version's reach filled in (see ``REACH_MARK``)."""
    return REACH_MARK.sub(lambda m: reach_html(m.group(1), m.group(2), searchable, posts), html)


def report_html(row: DashRow, languages: Sequence[str]) -> str:
    """A report's row as HTML, made once when the report is built (kept in the manifest, beside its files)."""
    return row_html(row, languages, ROOT_MARK)


def cell_status(cell: DashCell) -> LangStatus | None:
    tag, publication, why, values, stale, missing, earlier = cell[:7]
    return LangStatus(Counts(*values), stale, missing, earlier) if values else None


def tokens(publication: str, errors: int, warnings: int, status: LangStatus | None) -> list[str]:
    """The filter states of one cell."""
    if status is None:
        return ["unreadable"]
    c = status.counts
    found = [publication]
    found += [name for name, on in (
        ("done", status.complete), ("stale", status.stale and not status.missing), ("fuzzy", c.fuzzy > c.machine), ("machine", c.machine > 0),
        ("untranslated", c.untranslated > 0), ("ambiguous", c.ambiguous > 0), ("errors", errors > 0), ("warnings", warnings > 0),
        ("reviewed", c.reviewed > 0), ("earlier", bool(status.earlier)), ("missing", status.missing),
    ) if on]
    return found


def cell_html(cell: DashCell, aligned: str, root: str, slug: str = "") -> str:
    """One (report, language) cell: its state in words, whether it is online and why not, its numbers, its findings."""
    status = cell_status(cell)
    tag, publication, why = cell[0], cell[1], cell[2]
    reach = f"<!--reach:{slug}:{tag}-->" if publication == "published" and slug else ""
    if cell[10].startswith("source"):
        return (f'<td data-lang="{tag}" data-state="{cell[10]}" class="source {publication}"><span class="word">source</span>'
                f'<span class="why">{escape(why)}</span>{reach}</td>')
    if status is None:
        return (f'<td data-lang="{tag}" data-state="unreadable" class="unreadable"><span class="word">unreadable</span>'
                f'<span class="why">{escape(why or "refused: run tarjima check")}</span> <code>{escape(cell[9])}</code></td>')
    c = status.counts
    word = words(status)
    numbers = " ".join(str(getattr(c, n)) for n in COUNTERS)
    parts = [f'<b class="n">{c.translated}/{c.total}</b> translated']
    if c.fuzzy:
        parts.append(f"{c.fuzzy} fuzzy" + (f" ({c.machine} MT)" if c.machine else ""))
    if c.untranslated:
        parts.append(f"{c.untranslated} untranslated")
    if c.reviewed:
        parts.append(f"{c.reviewed} reviewed")
    if c.ambiguous:
        parts.append(f"{c.ambiguous} ambiguous")
    parts.append(f"{status.percent:.1f}% of words")
    found = []
    if cell[7]:
        found.append(f"{cell[7]} error{'s' if cell[7] != 1 else ''}")
    if cell[8]:
        found.append(f"{cell[8]} warning{'s' if cell[8] != 1 else ''}")
    findings = f'<a class="findings" href="{aligned}">{", ".join(found)}</a>' if found else ""
    return (f'<td data-lang="{tag}" data-state="{cell[10]}" data-n="{numbers}" data-percent="{status.percent}" data-stale="{str(status.stale).lower()}"'
            f' data-earlier="{escape(status.earlier)}" class="{publication}"><span class="word">{escape(word)}</span>'
            f'<span class="why">{escape(why)}</span>{reach}<span class="nums">{" · ".join(parts)}</span>{findings}'
            f'<a class="po" href="{root}{escape(cell[9])}">{escape(cell[9].rsplit("/", 1)[-1])}</a></td>')


def row_html(row: DashRow, languages: Sequence[str], root: str) -> str:
    """One report's row; ``root``: the project folder as seen from the page (the source and catalogue links open the files from disk)."""
    year, slug, path, source_lang, title, cells = row[:6]
    by_tag = {c[0]: c for c in cells}
    aligned = f"../../aligned/{slug}/"
    out = [f'<tr data-slug="{escape(slug)}"><th scope="row"><a href="{aligned}">{escape(title)}</a>'
           f'<small><code>{escape(slug)}</code> · {escape(source_lang)} · <a href="{root}{escape(path)}">source</a></small></th>']
    for tag in languages:
        cell = by_tag.get(tag)
        out.append(cell_html(cell, aligned, root, slug) if cell else f'<td data-lang="{tag}" data-state="source" class="source"><span class="word">source</span></td>')
    out.append("</tr>")
    return "".join(out)


Sums = dict[str, tuple[list[int], bool, dict[str, int]]]  # language tag -> (counter sums, any stale, {state token: versions})


def year_sums(rows: Sequence[DashRow], order: Sequence[str]) -> Sums:
    """One year's part of the overview: per language, the counters summed as ``status`` totals them
    (StatusResult.totals), whether any catalogue is stale, and how many versions are in each filter state."""
    values = {tag: [0] * len(COUNTERS) for tag in order}
    stale = dict.fromkeys(order, False)
    states = {tag: dict.fromkeys((t for t, _ in STATES), 0) for tag in order}
    for row in rows:
        for cell in row[5]:
            tag = cell[0]
            if cell[3]:
                values[tag] = [a + b for a, b in zip(values[tag], cell[3])]
                stale[tag] = stale[tag] or cell[4]
            for token in cell[10].split():
                states[tag][token] += 1
    return {tag: (values[tag], stale[tag], states[tag]) for tag in order}


def translations(states: Mapping[str, int]) -> int:
    """How many versions of a language a year's states count that are translations (each has one publication state), not sources."""
    return sum(states[t] for t in ("published", "held", "unpublished", "unreadable")) - states["source"]


def overall(years: Sequence[Sums], order: Sequence[str]) -> list[dict[str, object]]:
    """The overview's totals per language and over all ("all"), from the years' sums."""
    table = []
    every = [0] * len(COUNTERS)
    stale_any = False
    for tag in order:
        values = [0] * len(COUNTERS)
        stale = False
        states = dict.fromkeys((t for t, _ in STATES), 0)
        seen = False
        for sums in years:
            if tag in sums and (any(sums[tag][0]) or translations(sums[tag][2])):
                seen = True
                values = [a + b for a, b in zip(values, sums[tag][0])]
                stale = stale or sums[tag][1]
                for token, n in sums[tag][2].items():
                    states[token] += n
        if not seen:
            continue  # a language no report is translated into (the source language of every report)
        every = [a + b for a, b in zip(every, values)]
        stale_any = stale_any or stale
        counts = Counts(*values)
        table.append({"tag": tag, "counts": counts, "status": LangStatus(counts, stale), "states": states})
    if table:
        counts = Counts(*every)
        table.append({"tag": "all", "counts": counts, "status": LangStatus(counts, stale_any), "states": {}})
    return table


Pages = dict[str, tuple[bytes, Callable[[], str]]]


def dashboard_files(config: Config, renderer: Renderer, reports: Sequence[tuple[str, str]], keys: Mapping[str, object], root: str,
                    known: Mapping[str, tuple[bytes, Sums]], row_of: Callable[[str], tuple[DashRow, str]], site_href: str = "../site/",
                    searchable: bool = False, posts: Reach | None = None) -> tuple[Pages, dict[str, tuple[bytes, Sums]]]:
    """The dashboard's pages, each with the key of its inputs, and each year's sums with its key.

    ``reports``: (year, slug) of every report with a row; a row is a function of its report's key
    and the renderer's, so a year's key is its reports' keys; ``row_of``: a report's row and its
    HTML (``report_html``), read only for the years whose key changed; ``known``: the sums of the
    last build, reused for the years whose key is unchanged (an edit costs its year, not the
    archive); ``root``: the project folder as seen from the desk ("" or ".../"); ``site_href``: the public
    folder as seen from the desk (the pages' stylesheet and language links); ``searchable``: the site's search
    indexes what it publishes; ``posts``: each version's Telegram standing. Paths are the desk's logical ones."""
    reach = posts or {}
    posted_of: dict[str, list[tuple[str, bool, str, bool]]] = {}
    for (slug, tag), standing in sorted(reach.items()):
        posted_of.setdefault(slug, []).append((tag, standing.posted, standing.link, standing.uncertain))
    order = [l.tag for l in config.languages]
    by_year: dict[str, list[str]] = {}
    for year, slug in sorted(reports, reverse=True):
        by_year.setdefault(year, []).append(slug)
    ui = config.desk
    base = {**desk_frame(config), "lang_name": "", "alternates": [], "states": STATES,
            "languages": [{"tag": l.tag, "name": own_label(config, l.tag), "folder": l.folder} for l in config.languages], "order": order}

    def year_page(year: str, slugs: list[str]) -> Callable[[], str]:
        def render() -> str:
            body = fill_reach("".join(row_of(slug)[1] for slug in slugs), searchable, reach).replace(ROOT_MARK, str(escape("../../" + root)))
            return renderer.render(ui, "status.html", url=from_desk(2, site_href), page="year", year=year, rows=Markup(body), count=len(slugs), years=[], totals=[], **base)
        return render

    sums: dict[str, tuple[bytes, Sums]] = {}

    def index_page() -> str:
        years = [{"year": y, "reports": len(slugs), "states": {tag: sums[y][1][tag][2] for tag in order}} for y, slugs in by_year.items()]
        table = overall([sums[y][1] for y in by_year], order)
        return renderer.render(ui, "status.html", url=from_desk(1, site_href), page="index", year="", rows=Markup(""), count=len(reports), years=years, totals=table, **base)

    pages: Pages = {}
    for year, slugs in by_year.items():
        key = key_of(("status-year", [(slug, keys.get(slug), posted_of.get(slug, [])) for slug in slugs], root, searchable))
        pages[f"{DESK}{FOLDER}/{year}/index.html"] = (key, year_page(year, slugs))
        old = known.get(year)
        sums[year] = (key, old[1] if old is not None and old[0] == key else year_sums([row_of(slug)[0] for slug in slugs], order))
    pages[f"{DESK}{FOLDER}/index.html"] = (key_of(("status-index", [sums[y][0] for y in by_year])), index_page)
    return pages, sums
