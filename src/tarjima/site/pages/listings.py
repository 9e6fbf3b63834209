"""The listing pages: each language's front page, month archives and feed, the chooser, the sitemaps.

Archive pages are one per language and month, so their URLs are stable and a change to one
report touches the pages of its month, not every page after it. Each page comes with the key
of its inputs (each listed version's date and the key of its title and summary); a page's
context, and the summaries it shows, are fetched only if it is rendered again.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import operator
from dataclasses import dataclass, field
from typing import Callable, Mapping, NamedTuple, Sequence

from markupsafe import Markup

from tarjima.config import Config, Language
from tarjima.dates import format_month, month_name
from tarjima.site.pages.letters import own_label
from tarjima.search import PAGE as SEARCH
from tarjima.search.build import bundle
from tarjima.site.pages.report import TAGS, Listed, absolute, card, language_name, listed_url, page_url, relative, search_url, tag_links
from tarjima.site.renderer import FEED_SIZE, LATEST, Renderer
from tarjima.store import key_of

NEWEST = operator.itemgetter(2, 0)  # a Row's (date, slug)
SITEMAP_KEY = operator.itemgetter(0, 1, 2, 5)  # a Row's (slug, tag, date, last change)
SLUG, TAG, DATE = operator.itemgetter(0), operator.itemgetter(1), operator.itemgetter(2)
SITEMAPS = "sitemaps"  # OUT/sitemaps/YYYY-MM.xml
ARCHIVE = "archive"  # OUT/<language>/archive/YYYY-MM/: a month's reports
TAG_LATEST = 50  # reports on a tag's page (OUT/<language>/tags/<id>/); a tag with more has a page per year too (tags/<id>/YYYY/)

Row = tuple[str, str, str, bytes, tuple[str, ...], str]  # a published version as the listings sort it: (slug, tag, date, key of its Listed, its tags, its last change)
Listing = dict[str, tuple[bytes, Callable[[], str]]]  # path -> (key of its inputs, how to render it)
Context = dict[str, object]


def row(v: Listed) -> Row:
    return (v.slug, v.tag, v.date, key_of(tuple(v)), tuple(v.tags), v.modified)


def months_of(rows: Sequence[Row]) -> dict[str, list[Row]]:
    """Rows sorted newest first, grouped by month ("2024-12"), in that order (grouped by day first, in C)."""
    months: dict[str, list[Row]] = {}
    for day, group in itertools.groupby(rows, key=DATE):
        months.setdefault(day[:7], []).extend(group)
    return months


def tag_pages(folder: str, rows: Sequence[Row], tag_ids: Mapping[str, str], only: frozenset[str] | None = None) -> set[str]:
    """The tag pages of one language folder ("ru/tags/x/"), and the year pages ("ru/tags/x/2024/") of a tag with more than TAG_LATEST reports
    (``tag_ids``: each tag as written -> its identifier; ``only``: of these identifiers, all when None)."""
    count: dict[str, int] = {}
    years: dict[str, set[str]] = {}
    for r in rows:
        for i in {tag_ids[t] for t in r[4]}:
            if only is not None and i not in only:
                continue
            count[i] = count.get(i, 0) + 1
            years.setdefault(i, set()).add(r[2][:4])
    return {f"{folder}/{TAGS}/{i}/" for i in count} | {f"{folder}/{TAGS}/{i}/{y}/" for i, n in count.items() if n > TAG_LATEST for y in years[i]}


def shape(r: Row) -> tuple[str, str, str, tuple[str, ...]]:
    """What of a Row decides which listing pages it is on and where: its slug, language, date and tags."""
    return (r[0], r[1], r[2], r[4])


class Affected(NamedTuple):
    """The listing pages some Rows are on, when no Row came, went or changed its shape (site.build): only
    these pages' keys can change, and only they are keyed again."""

    languages: frozenset[str]  # their front pages and feeds
    months: frozenset[tuple[str, str]]  # (language, "2024-12"): their month archives, and the month's sitemap
    tags: frozenset[tuple[str, str]]  # (language, tag as written): the tag's page, and its year pages

    @classmethod
    def of(cls, rows: Sequence[Row]) -> Affected:
        return cls(frozenset(r[1] for r in rows), frozenset((r[1], r[2][:7]) for r in rows), frozenset((r[1], t) for r in rows for t in r[4]))


def ids(rows: Sequence[Row]) -> list[tuple[str, bytes]]:
    """What a listing page's key holds of each row: the slug and the key of its title and summary."""
    return [(r[0], r[3]) for r in rows]


@dataclass
class Listings:
    """The listing pages of one build, keyed; ``lookup`` gives what a page shows of one version."""

    config: Config
    renderer: Renderer
    lookup: Callable[[str, str], Listed]
    files: Listing = field(default_factory=dict)
    months_in: dict[str, set[str]] = field(default_factory=dict)  # the months each language has a page for
    pages_in: dict[str, set[str]] = field(default_factory=dict)  # the tag pages ("ru/tags/x/") each language has
    tag_ids: dict[str, str] = field(default_factory=dict)  # each tag as written -> its identifier (asked once per tag, not per row)
    want: Affected | None = None  # only these pages (their keys and renderings), every page when None

    def __post_init__(self) -> None:
        self.folders = {lang.tag: lang.folder for lang in self.config.languages}
        self.languages = [{"tag": l.tag, "name": own_label(self.config, l.tag), "folder": l.folder} for l in self.config.languages]

    def keyed(self, path: str, template: Language, name: str, key_data: object, context: Callable[[], Context]) -> None:
        self.files[path] = (key_of((path, key_data)), lambda: self.renderer.render(template, name, **context()))

    def items(self, chunk: Sequence[Row], url: Callable[[str], str], lang: Language) -> list[dict[str, object]]:
        shown = [self.lookup(r[0], r[1]) for r in chunk]
        site = self.renderer.settings
        return [
            {"title": Markup(v.title_html), "href": url(listed_url(self.folders, v)), "date_text": v.span(lang.locale, self.config.english_dates), "date_iso": v.date, "summary": Markup(v.summary_html),
             "cover": card(v.cover, url), "tags": tag_links(site, v.tags, lang, url), "title_lang": v.title_lang, "summary_lang": v.summary_lang,
             "fallback_language": language_name(v.title_lang or v.summary_lang, lang) if v.title_lang or v.summary_lang else ""}
            for v in shown
        ]

    def having(self, page: str) -> list[str]:
        """The languages that have this tag page (``tags/<id>/`` or ``tags/<id>/<year>/``, from a language folder)."""
        return sorted(tag for tag, there in self.pages_in.items() if f"{self.folders[tag]}/{page}" in there)

    def month_href(self, lang: Language, month: str, url: Callable[[str], str]) -> str:
        return url(f"{lang.folder}/{ARCHIVE}/{month}/")

    def page(self, lang: Language, path: str, month: str = "", **extra: object) -> Context:
        """What every listing page has; a month's page links the same month in the languages that have it."""
        url = relative(path.count("/"))
        here = path.removesuffix("index.html")

        def same(l: Language) -> str:
            """This page in language ``l``: the same month, or the same path in its folder."""
            return f"{l.folder}/{ARCHIVE}/{month}/" if month else here.replace(f"{lang.folder}/", f"{l.folder}/", 1)

        alternates = []
        for l in self.config.languages:
            there = same(l) if not month or month in self.months_in[l.tag] else f"{l.folder}/"
            if not month and here.count("/") > 1 and there not in self.pages_in.get(l.tag, ()):
                up = there.rsplit("/", 2)[0] + "/"  # a tag's year that language does not have: the tag's page, if it has that
                there = up if up in self.pages_in.get(l.tag, ()) else f"{l.folder}/"  # a tag page that language does not have
            alternates.append({"tag": l.tag, "name": own_label(self.config, l.tag), "href": url(there), "abs": absolute(self.config, there), "current": l is lang})
        search = url(search_url(lang)) if self.renderer.settings.search else ""
        return {"url": url, "lang": lang, "lang_name": own_label(self.config, lang.tag), "site_title": self.config.titles.get(lang.tag, ""), "languages": self.languages, "alternates": alternates,
                "canonical": absolute(self.config, here), "x_default": absolute(self.config, ""), "search_href": search, **extra}

    def search_page(self, lang: Language, path: str) -> Context:
        """A language's search page (tarjima.search): its form, and what its script needs (its language's index, the site's root, the Uzbek key)."""
        url = relative(path.count("/"))
        context = self.page(lang, path)
        context.update(search_href="", search_page=True, root=url(""), search_index=url(f"{bundle(lang.tag)}/pagefind.js"), fold=lang.tag.split("-")[0].lower() == "uz",
                       alternates=[{"tag": l.tag, "name": own_label(self.config, l.tag), "href": url(search_url(l)), "abs": absolute(self.config, search_url(l)), "current": l is lang}
                                   for l in self.config.languages])
        return context

    def index_page(self, lang: Language, path: str, latest: Sequence[Row], months: Sequence[tuple[str, int]], count: int) -> Context:
        context, url = self.page(lang, path, count=count), relative(path.count("/"))
        years: dict[str, list[dict[str, object]]] = {}
        for month, n in months:
            years.setdefault(month[:4], []).append({"name": month_name(int(month[5:7]), lang.locale), "href": self.month_href(lang, month, url), "count": n})
        context.update(items=self.items(latest, url, lang), years=[{"year": y, "months": m} for y, m in years.items()])
        return context

    def month_page(self, lang: Language, path: str, chunk: Sequence[Row], month: str, newer: str, older: str) -> Context:
        context, url = self.page(lang, path, month, count=len(chunk), month_name=format_month(month, lang.locale)), relative(path.count("/"))
        near = {key: {"name": format_month(m, lang.locale), "href": self.month_href(lang, m, url)} if m else None for key, m in (("newer", newer), ("older", older))}
        context.update(items=self.items(chunk, url, lang), **near)
        return context

    def tag_page(self, lang: Language, path: str, chunk: Sequence[Row], tag: str, name: str | None, base: str, year: str = "",
                 years: Sequence[tuple[str, int]] = (), total: int = 0) -> Context:
        """A tag's page (its newest reports, and its years when it has more) or one year of it (``year``); ``base``: the tag's folder."""
        url = relative(path.count("/"))
        context = self.page(lang, path, count=total or len(chunk), tag_name=name or tag, tag_unnamed=name is None, year=year,
                            tag_href=url(base) if year else "", years=[{"year": y, "count": n, "href": url(f"{base}{y}/")} for y, n in years])
        context.update(items=self.items(chunk, url, lang))
        return context

    def feed(self, lang: Language, mine: Sequence[Row], updated: str) -> Context:
        """The Atom feed: each entry dated by the publication record (``<published>``, and ``<updated>`` its text's last change)."""
        config = self.config
        entries = [
            {"title": v.title, "url": config.base_url + listed_url(self.folders, v), "published": v.published or v.date + "T00:00:00Z",
             "updated": v.modified or v.date + "T00:00:00Z", "summary": v.summary, "title_lang": v.title_lang, "summary_lang": v.summary_lang}
            for v in (self.lookup(r[0], r[1]) for r in mine[:FEED_SIZE])
        ]
        return {
            "lang": lang,
            "site_title": config.titles.get(lang.tag, ""),
            "base_url": config.base_url,
            "updated": max((e["updated"] for e in entries), default=updated),
            "entries": entries,
        }

    def language_pages(self, lang: Language, mine: list[Row], by_month: dict[str, list[Row]], now: dt.datetime) -> None:
        """One language's front page, month archives and feed."""
        months = list(by_month)  # newest first
        counts = [(m, len(by_month[m])) for m in months]
        want = self.want
        path = f"{lang.folder}/index.html"
        latest = mine[:LATEST]
        if want is None or lang.tag in want.languages:
            self.keyed(path, lang, "index.html", (ids(latest), counts, len(mine)), functools.partial(self.index_page, lang, path, latest, counts, len(mine)))
        for i, month in enumerate(months):
            if want is not None and (lang.tag, month) not in want.months:
                continue
            path = f"{lang.folder}/{ARCHIVE}/{month}/index.html"
            chunk = by_month[month]
            newer, older = months[i - 1] if i else "", months[i + 1] if i + 1 < len(months) else ""
            elsewhere = [tag for tag, there in self.months_in.items() if month in there]
            self.keyed(path, lang, "month.html", (ids(chunk), newer, older, elsewhere), functools.partial(self.month_page, lang, path, chunk, month, newer, older))
        site = self.renderer.settings
        if site.search and want is None:  # (its key holds no Row)
            path = f"{lang.folder}/{SEARCH}/index.html"
            self.keyed(path, lang, "search.html", None, functools.partial(self.search_page, lang, path))
        by_tag: dict[str, list[Row]] = {}  # a tag's identifier (the address of its pages, site.tags) -> its rows
        texts: dict[str, set[str]] = {}  # -> the tag as written (two texts are one tag when an editor gave them one id)
        tag_ids = self.tag_ids
        wanted = None if want is None else {tag_ids[t] for l, t in want.tags if l == lang.tag}
        for r in mine:
            for t in r[4]:
                if wanted is not None and tag_ids[t] not in wanted:
                    continue
                texts.setdefault(tag_ids[t], set()).add(t)
                rows = by_tag.setdefault(tag_ids[t], [])
                if not rows or rows[-1] is not r:
                    rows.append(r)
        for tag_id, chunk in sorted(by_tag.items()):
            text = min(texts[tag_id])
            base = f"{lang.folder}/{TAGS}/{tag_id}/"
            name = site.tag_name(text, lang.tag)
            years: list[tuple[str, int]] = []
            if len(chunk) > TAG_LATEST:  # a page per year besides: an edit renders its year's page, not the tag's whole history
                by_year: dict[str, list[Row]] = {}
                for r in chunk:
                    by_year.setdefault(r[2][:4], []).append(r)
                years = [(year, len(rows)) for year, rows in by_year.items()]
                for year, rows in by_year.items():
                    path = f"{base}{year}/index.html"
                    elsewhere = self.having(f"{TAGS}/{tag_id}/{year}/")
                    self.keyed(path, lang, "tag.html", (ids(rows), name, text, elsewhere, year),
                               functools.partial(self.tag_page, lang, path, rows, text, name, base, year))
            path = f"{base}index.html"
            latest = chunk[:TAG_LATEST]
            elsewhere = self.having(f"{TAGS}/{tag_id}/")
            self.keyed(path, lang, "tag.html", (ids(latest), name, text, elsewhere, years, len(chunk)),
                       functools.partial(self.tag_page, lang, path, latest, text, name, base, "", years, len(chunk)))
        if not self.config.base_url:
            return  # Atom ids and links are absolute addresses: a site without base_url has no feed
        if want is not None and lang.tag not in want.languages:
            return
        updated = (mine[0][2] if mine else now.date().isoformat()) + "T00:00:00Z"
        self.keyed(f"{lang.folder}/feed.xml", lang, "feed.xml", (ids(mine[:FEED_SIZE]), updated), functools.partial(self.feed, lang, mine, updated))

    def chooser(self) -> None:
        """The language chooser (OUT/index.html), under the site's header: the emblem and the institution's name in every language."""
        config, site = self.config, self.renderer.settings
        default = config.language(config.default_language)
        names = [site.name(config, l.tag) for l in config.languages]
        # Its <title>: the default language's title or name, else any language's, else the languages' own names (never empty).
        title = config.titles.get(default.tag) or site.name(config, default.tag) or next(filter(None, (*config.titles.values(), *names)), "") \
            or " · ".join(own_label(config, l.tag) for l in config.languages)
        self.keyed(
            "index.html", default, "chooser.html", None,
            lambda: {
                "url": relative(0),
                "lang": default,
                "languages": [{"tag": l.tag, "name": own_label(config, l.tag), "href": f"{l.folder}/", "title": config.titles.get(l.tag, ""), "institution": name}
                              for l, name in zip(config.languages, names)],
                "site_title": title,
            },
        )

    def month_sitemap(self, chunk: Sequence[Row]) -> Context:
        """One month's sitemap: each report's versions, alternates of each other."""
        return {"groups": [
            [{"tag": r[1], "url": self.config.base_url + page_url(self.folders[r[1]], r[0]), "lastmod": r[5] or r[2]} for r in group]
            for _, group in itertools.groupby(chunk, key=SLUG)
        ]}

    def sitemaps(self, ordered: Sequence[Row]) -> None:
        """One sitemap per month of the reports' dates, as the archive (the protocol allows 50,000
        URLs a file; a change rewrites one month's), one for the language front pages, and the
        index of them all as sitemap.xml."""
        config = self.config
        if not config.base_url:
            return  # the sitemap protocol takes absolute addresses only: a site without base_url has none
        default = config.language(config.default_language)
        by_month_all = months_of(ordered)
        if self.want is not None:  # the months' sitemaps that list the Rows (the others, and the index, hold no changed Row)
            wanted = {month for _, month in self.want.months}
            for month, chunk in by_month_all.items():
                if month in wanted:
                    self.keyed(f"{SITEMAPS}/{month}.xml", default, "sitemap.xml", list(map(SITEMAP_KEY, chunk)), functools.partial(self.month_sitemap, chunk))
            return
        home = [[{"tag": l.tag, "url": config.base_url + f"{l.folder}/", "lastmod": ""} for l in config.languages]]
        self.keyed("sitemap-languages.xml", default, "sitemap.xml", None, lambda: {"groups": home})
        for month, chunk in by_month_all.items():
            self.keyed(
                f"{SITEMAPS}/{month}.xml", default, "sitemap.xml", list(map(SITEMAP_KEY, chunk)),
                functools.partial(self.month_sitemap, chunk),
            )
        maps = [config.base_url + "sitemap-languages.xml", *(config.base_url + f"{SITEMAPS}/{m}.xml" for m in sorted(by_month_all, reverse=True))]
        self.keyed("sitemap.xml", default, "sitemap-index.xml", maps, lambda: {"maps": maps})


def listing_files(config: Config, published: Sequence[Row], lookup: Callable[[str, str], Listed], renderer: Renderer, now: dt.datetime,
                  want: Affected | None = None) -> Listing:
    """Language indexes, month archives, feeds, the language chooser and the sitemaps, each with the key of its inputs;
    ``want``: only the pages some Rows are on (every page's key and rendering is as in the whole set: ``tests/test_listings.py``)."""
    listings = Listings(config, renderer, lookup, want=want)
    ordered = sorted(published, key=NEWEST, reverse=True)  # newest first, a report's versions together
    by_lang: dict[str, list[Row]] = {lang.tag: [] for lang in config.languages}
    for r in ordered:
        by_lang[r[1]].append(r)
    grouped = {tag: months_of(rows) for tag, rows in by_lang.items()}
    listings.months_in.update((tag, set(by_month)) for tag, by_month in grouped.items())
    tag_id = renderer.settings.tag_id
    listings.tag_ids.update((t, tag_id(t)) for t in set().union(*(r[4] for r in ordered)))
    only = None if want is None else frozenset(listings.tag_ids[t] for _, t in want.tags)  # (a tag page's links and key ask only of its own tag's pages)
    listings.pages_in.update((l.tag, tag_pages(l.folder, by_lang[l.tag], listings.tag_ids, only)) for l in config.languages)
    for lang in config.languages:
        if want is None or lang.tag in want.languages:  # (a language none of whose Rows changed has no page to key again)
            listings.language_pages(lang, by_lang[lang.tag], grouped[lang.tag], now)
    if want is None:
        listings.chooser()
    listings.sitemaps(ordered)
    return listings.files
