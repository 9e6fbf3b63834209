"""Which language versions of a report are published: a pure decision over its catalogues.

A version is published when its catalogue is current and complete (nothing untranslated,
nothing fuzzy), or, below ``publish_threshold``, when enough of the source's words are
translated: missing segments then show the source. A fuzzy translation is never shown.
A report marked ``draft: true`` publishes no version, not even its source; nor does one held by its
schedule or waiting for clearance (``tarjima.publication``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Mapping, Protocol, Sequence

from tarjima import catalog as cat
from tarjima.config import Config, Language
from tarjima.derive.catalog import review
from tarjima.derive.plan import derived_tags
from tarjima.model import Catalog, Report
from tarjima.publication import withheld
from tarjima.site.pages.render import Cell, cells_for
from tarjima.sources import Document

Skipped = tuple[str, str, str]  # (slug, language tag, why)
DRAFT = "draft: true in the front matter"  # why a draft report publishes no version


@dataclass(frozen=True)
class Version:
    """One language version of one report, as it will be published."""

    doc: Document
    lang: Language
    cells: Mapping[str, Cell]
    is_source: bool
    earlier: str = ""  # ISO date of the translation when this is the version made from an earlier source text
    kept: bool = False  # the text as last published, kept online while the current one is not publishable (site.pages.kept)

    @property
    def report(self) -> Report:
        return self.doc.report

    @property
    def fallbacks(self) -> int:
        return sum(1 for c in self.cells.values() if not c.final)

    def text(self, source: str) -> str:
        cell = self.cells.get(source)
        return cell.text if cell is not None and cell.final else source


class Strict(Protocol):
    """A report's catalogues read strictly, with their comments and previous msgids (site.reading.FullReader)."""

    def __call__(self, tag: str, /) -> Catalog: ...

    def may_keep_earlier(self, tag: str, /) -> bool:
        """False only if the catalogue's bytes hold no earlier-translation comment (``cat.EARLIER_COMMENT``)."""
        ...


def decide_report(config: Config, doc: Document, targets: Sequence[Language], catalogs: Mapping[str, Catalog], unreadable: frozenset[str],
                  full: Strict | None = None, earlier: list[Skipped] | None = None, *, now: dt.datetime) -> tuple[list[Version], list[Skipped]]:
    """Which versions of one report are published at ``now``; ``unreadable``: the tags whose catalogue exists but could not be read.

    A version that is not complete because its source was edited stays published as the
    translation of the earlier text (see ``earlier_version``); ``full(tag)`` reads that
    catalogue with its comments and previous msgids, only then, and ``earlier`` is told. A current
    catalogue whose bytes hold no earlier-translation comment has no earlier version and no
    earlier translation being edited (both need that comment on an entry): it is not read again.
    """
    earlier = [] if earlier is None else earlier
    report = doc.report
    if report.draft:  # no version at all, the source's included; everything else still sees the report
        return [], [(report.slug, lang.tag, DRAFT) for lang in (config.language(report.lang), *targets)]
    if (why := withheld(report, config, now)) is not None:  # its schedule or its clearance: no version either
        return [], [(report.slug, lang.tag, why) for lang in (config.language(report.lang), *targets)]
    threshold = config.publish_threshold
    versions = [Version(doc, config.language(report.lang), {}, True)]
    skipped: list[Skipped] = []
    held = derived_tags(config, report.lang) if config.hold_ambiguous else frozenset()
    for lang in targets:
        catalog = catalogs.get(lang.tag)
        if catalog is None:
            why = "catalogue unreadable (see the error above)" if lang.tag in unreadable else "no catalogue (run tarjima update)"
            skipped.append((report.slug, lang.tag, why))
            continue
        entries = catalog.messages()
        recorded = cat.recorded_digest(catalog)
        stale = not cat.is_current(recorded, report.digest, lambda: cat.texts_key(entries), lambda: cat.texts_key(doc.msgids))
        msgids = tuple(entries) if cat.merged_from(recorded, report.digest) else doc.msgids  # merged from this very text: its msgids are the source's
        cells = cells_for(msgids, entries)
        done = sum(cat.words(t) for t, c in cells.items() if c.final)
        total = sum(cat.words(t) for t in cells) or 1
        share = 100.0 * done / total
        complete = not stale and all(c.final for c in cells.values())
        if lang.tag in held and (ambiguous := review(catalog).ambiguous):  # hold_ambiguous
            skipped.append((report.slug, lang.tag, f"held: {ambiguous} derived entr{'y' if ambiguous == 1 else 'ies'} with open ambiguities (tarjima derive --report)"))
            continue
        if complete or (threshold < 100 and share >= threshold):
            versions.append(Version(doc, lang, cells, False))
            continue
        strict = full(lang.tag) if full is not None and (stale or full.may_keep_earlier(lang.tag)) else None
        kept = earlier_version(doc, strict) if strict is not None else None
        if strict is not None and kept is not None:
            changed = sum(1 for c in kept.values() if c.state == "earlier")
            versions.append(Version(doc, lang, kept, False, cat.revision_date(strict)))
            earlier.append((report.slug, lang.tag, f"published as translated from an earlier text of the source ({cat.revision_date(strict) or 'date unknown'}): "
                                                  f"{changed} changed passage(s) wait for their translation"))
            continue
        reasons: list[str] = []
        counts = cat.counts(catalog)  # counted only to say why
        if stale:
            reasons.append("stale: the source changed since the last update")
        if strict is not None and (editing := cat.edited_since_kept(strict)):
            reasons.append(f"{editing} earlier translation(s) of changed passages edited and still fuzzy (finish them to publish)")
        if counts.untranslated:
            reasons.append(f"{counts.untranslated} untranslated")
        if counts.fuzzy:
            reasons.append(f"{counts.fuzzy} fuzzy")
        skipped.append((report.slug, lang.tag, ", ".join(reasons) + f" ({share:.1f}% < {threshold:g}%)"))
    order = {lang.tag: i for i, lang in enumerate(config.languages)}
    versions.sort(key=lambda v: order[v.lang.tag])
    return versions, skipped


def earlier_version(doc: Document, catalog: Catalog) -> dict[str, Cell] | None:
    """The cells of the translation as it was before the source's last edits (``catalog.earlier_translation``), if whole."""
    texts = cat.earlier_translation(doc, catalog)
    if texts is None:
        return None
    return {msgid: Cell(text, "earlier" if earlier else "translated") for msgid, (text, earlier) in texts.items()}
