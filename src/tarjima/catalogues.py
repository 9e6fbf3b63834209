"""Every catalogue of a project counted and validated once, by file stamp or by content: the counters of
``msgfmt --statistics``, words, staleness and the earlier-version date of each (report, language).

The one computation behind ``status``, the build's dashboard and ``update``'s verdicts: a
catalogue ``status`` refuses, ``update`` and ``build`` refuse too, with the same words.
"""

from __future__ import annotations

import os
from dataclasses import replace
from typing import NamedTuple, Sequence

from tarjima import catalog as cat
from tarjima.config import Language
from tarjima.derive.catalog import DERIVED_HEADER, review
from tarjima.derive.plan import Derivations
from tarjima.errors import InputError
from tarjima.files import read_bytes
from tarjima.layout import TEMPLATE_LANGUAGE
from tarjima.model import COUNTERS, Catalog, Counts, Report
from tarjima.parallel import fork_map
from tarjima.po.header import header_field
from tarjima.po.quick import tally
from tarjima.po.read import read
from tarjima.project import Project
from tarjima.catalog.review import REVIEW_BYTES, reviewed_count
from tarjima.sources import Document
from tarjima.store import Cache, Stamp, StatIndex, digest, stamp

SCOPE = ("tarjima.catalogues",)  # the code the counts depend on (store's key rule)


class LangStatus(NamedTuple):
    """One (report, language): counts, percentages and whether the catalogue matches its source."""

    counts: Counts
    stale: bool
    missing: bool = False  # no catalogue yet
    earlier: str = ""  # not complete, but published as the translation of an earlier text of the source: the date ("?" unknown)
    refused: str = ""  # the catalogue exists but was refused: why ("line 3: ..."), its counts the source's, all untranslated
    behind: str = ""  # a derived catalogue whose base changed since it was derived (or the rules): the base's tag

    @property
    def percent(self) -> float:
        """Percent translated, by source words."""
        return percent(self.counts.words_translated, self.counts.words, self.counts.total)

    @property
    def percent_entries(self) -> float:
        return percent(self.counts.translated, self.counts.total, self.counts.total)

    @property
    def complete(self) -> bool:
        """Publishable as final: everything translated, nothing fuzzy, not stale, not refused."""
        return not self.stale and not self.refused and self.counts.translated == self.counts.total

    def as_json(self) -> dict[str, object]:
        data: dict[str, object] = {name: getattr(self.counts, name) for name in COUNTERS}
        data.update(percent=self.percent, percent_entries=self.percent_entries, stale=self.stale, earlier=self.earlier or None,
                    refused=self.refused or None, behind=self.behind or None)
        return data


def percent(done: int, total: int, entries: int) -> float:
    """A percentage to one decimal; an empty catalogue is complete. Never rounds up to 100."""
    if total == 0:
        return 100.0 if entries == 0 or done == total else 0.0
    value = 100.0 * done / total
    return min(round(value, 1), 99.9) if done < total else 100.0


def source_counts(doc: Document) -> Counts:
    """Counts of a report whose catalogue does not exist yet: everything untranslated."""
    texts = doc.msgids
    return Counts(total=len(texts), untranslated=len(texts), words=sum(cat.words(t) for t in texts))


def counted(catalog: Catalog, derived: bool) -> tuple[Counts, str, tuple[str, ...]]:
    """What ``count_catalog`` gives, of a catalogue already read (strictly, or by the build's lean reader,
    which keeps translator comments: ``tests/test_quick_verdict.py``)."""
    msgids = tuple(e.msgid for e in catalog.active if e.msgctxt is None)
    if derived:
        found = review(catalog)
        return replace(cat.counts(catalog), derived=found.derived, reviewed=found.reviewed, ambiguous=found.ambiguous), cat.recorded_digest(catalog), msgids
    return replace(cat.counts(catalog), reviewed=reviewed_count(catalog)), cat.recorded_digest(catalog), msgids


def count_catalog(data: bytes, display: str, derived: bool = False, reviews: bool | None = None) -> tuple[Counts, str, tuple[str, ...]]:
    """Counts, recorded source digest and active msgids of a catalogue's bytes: quick tally, strict parse if need be
    (and for a derived catalogue, whose comments say which entries are derived, reviewed and ambiguous; and for
    one that may hold a review comment: ``reviews``, else looked for here)."""
    if derived:
        return counted(read(data, display), True)
    if (REVIEW_BYTES in data if reviews is None else reviews) or (tallied := tally(data, display)) is None:  # (review comments: the strict reader only)
        return counted(read(data, display), False)
    states = tallied.states
    words = [cat.words(msgid) for msgid in tallied.msgids]
    fuzzy = states.count("fuzzy")
    machine = states.count("machine")
    translated = states.count("translated")
    counts = Counts(
        total=len(states),
        translated=translated,
        fuzzy=fuzzy + machine,
        untranslated=len(states) - translated - fuzzy - machine,
        obsolete=tallied.obsolete,
        words=sum(words),
        words_translated=sum(n for n, state in zip(words, states) if state == "translated"),
        machine=machine,
    )
    return counts, header_field(tallied.header, cat.DIGEST_HEADER), tallied.msgids


PARALLEL_FROM = 400  # catalogues to count: below this, forking workers costs more than it saves


Counted = tuple  # (stamp, value (see count_value), content key) or (None, InputError, None) or (None, None, None): no file


EARLIER_MARK = f"# {cat.EARLIER_COMMENT} ".encode("ascii")  # in a catalogue's bytes: the earlier-version rule may apply


def count_file(path: str, display: str, index: StatIndex | None, store: Cache | None, derived: bool = False) -> Counted:
    """One catalogue: from the index while its file stamp is unchanged; else read, and from the
    cache by content (the same bytes after a fresh checkout) or counted."""
    try:
        current = stamp(os.stat(path))
    except FileNotFoundError:
        return (None, None, None)
    known = index.peek(display, current) if index else None
    if known is not None:
        return (current, *known)
    if not os.path.exists(path):
        return (None, None, None)
    try:
        data = read_bytes(path, display)
    except InputError as exc:  # a folder in its place, no permission: bad input, as every command says
        return (None, exc, None)
    key = digest(data + b"\0derived" if derived else data)
    cached = store.peek(key) if store else None
    if cached is not None:
        return (current, cached, key)
    try:
        return (current, count_value(data, display, derived), key)
    except InputError as exc:
        return (None, exc, None)


def marks_in(data: bytes) -> tuple[bool, bool]:
    """Whether a catalogue's bytes hold an earlier-translation mark, a review comment: one scan if no line but the first holds "# " (as both do)."""
    first = data.find(b"\n") + 1
    where = data if data.find(b"# ", first) >= 0 else data[:first]
    return EARLIER_MARK in where, REVIEW_BYTES in where


def count_value(data: bytes, display: str, derived: bool = False, catalog: Catalog | None = None) -> tuple:
    """What status keeps of one catalogue's bytes: (counter values, recorded digest, texts key, holds an earlier mark,
    the derivation it records, holds an earlier mark on an entry no longer fuzzy); ``catalog``: the same bytes
    already read (the build). A derived catalogue, and one with an earlier mark, are read strictly. Raises InputError."""
    marked, reviews = marks_in(data)
    if catalog is None and (derived or marked):  # their comments count
        catalog = read(data, display)
    counts, recorded, msgids = counted(catalog, derived) if catalog is not None else count_catalog(data, display, reviews=reviews)
    derivation = catalog.header(DERIVED_HEADER).strip() if catalog is not None else ""
    spent = marked and catalog is not None and cat.spent_marks(catalog) > 0
    return (tuple(getattr(counts, f) for f in COUNTERS), recorded, cat.texts_key(msgids), marked, derivation, spent)


def lang_status(project: Project, report: Report, lang: Language, value: tuple, display: str, store: Cache | None = None, key: bytes | None = None,
                derivations: Derivations | None = None) -> LangStatus:
    """One (report, language) from its catalogue's counted value: the one computation behind ``status`` and the build's dashboard.

    ``store`` and ``key`` (the catalogue's content key): where the earlier-version date of an
    incomplete catalogue is remembered, by the catalogue's bytes and the source's digest.
    ``derivations`` (status): whether a derived catalogue is behind its base is looked at too.
    """
    values, recorded, catalog_texts, marked, derivation = value[:5]
    stale = not cat.is_current(recorded, report.digest, lambda: catalog_texts, lambda: cat.texts_key(project.document(report).msgids))
    status = LangStatus(Counts(*values), stale=stale)
    if derivations and cat.merged_from(recorded, report.digest):
        status = status._replace(behind=behind(derivations, report, lang, derivation))
    if not status.complete and (stale or marked):  # the few the earlier-version rule may publish: read strictly
        memo = digest(key + b"\0earlier\0" + report.digest.encode()) if store is not None and key is not None else None
        earlier = store.get(memo) if store is not None and memo is not None else None
        if earlier is None:
            earlier = earlier_date(project, report, lang, display)
            if store is not None and memo is not None:
                store.put(memo, earlier)
        status = status._replace(earlier=earlier)
    return status


def missing_status(project: Project, report: Report) -> LangStatus:
    """A (report, language) without a catalogue yet."""
    return LangStatus(source_counts(project.document(report)), stale=True, missing=True)


def refused_status(counts: Counts, error: InputError) -> LangStatus:
    """A (report, language) whose catalogue exists but was refused: nothing of it counts as translated (``counts``: the source's)."""
    return LangStatus(Counts(total=counts.total, untranslated=counts.total, words=counts.words), stale=False,
                      refused=(f"line {error.line}: " if error.line else "") + error.message)


def behind(derivations: Derivations, report: Report, lang: Language, recorded: str) -> str:
    """The base language of a derived catalogue merged from the report's current text, when ``update`` would derive it
    anew (its base catalogue changed since, or the word lists or rules: the key it records is not today's); else ""."""
    source = next((s for s in derivations.for_report(report.lang) if s.lang.tag == lang.tag), None)
    if source is None:
        return ""
    try:
        return source.base.tag if derivations.outdated(source, report.slug, report.digest, recorded) else ""
    except (InputError, OSError):  # a refused base, or a bad word list: named as such where it is read
        return ""


def count_files(files: Sequence[tuple[str, str]], index: StatIndex | None, store: Cache | None, jobs: int | None = None, derived: frozenset[str] = frozenset()) -> list[Counted]:
    """Count catalogues (path, display), on every core when many must be read; results in order. ``derived``: the displays of derived catalogues."""
    unknown = len(files) - (sum(1 for _, display in files if display in index.old) if index else 0)
    if unknown < PARALLEL_FROM:  # mostly known by their stamps: a stat each, here
        return [count_file(path, display, index, store, display in derived) for path, display in files]
    if store is not None:
        store.read_now()  # once, here, before the workers are forked (each would read it)
    return fork_map(lambda file: count_file(file[0], file[1], index, store, file[1] in derived), files, 0, jobs)


def caches(project: Project) -> tuple[StatIndex, Cache]:
    """Status's counts by file stamp, and by content."""
    inputs = tuple(sorted(project.config.derived.items()))  # which catalogues are counted as derived
    return StatIndex(project.config.root, "status", SCOPE, inputs), Cache(project.config.root, "status-content", SCOPE, lazy=True)  # (read on a stamp's miss)


def catalogue_files(project: Project, reports: Sequence[Report], languages: Sequence[Language]) -> tuple[list[tuple[Report, Language]], list[tuple[str, str]], frozenset[str]]:
    """The (report, language) pairs to count, their catalogues as (path, display), and the displays of the derived ones."""
    derivations = Derivations(project.config)
    root = str(project.config.root)
    chosen = {tag: [lang for lang in project.targets(r) if lang in languages] for tag, r in {r.lang: r for r in reports}.items()}  # by source language
    wanted = [(report, lang) for report in reports for lang in chosen[report.lang]]
    files = [(f"{root}/{rel}", rel) for rel in (project.layout.po_file(lang, report.slug) for report, lang in wanted)]
    derived = frozenset(project.layout.po_file(source.lang, report.slug) for report in reports for source in derivations.for_report(report.lang)) if derivations else frozenset()
    return wanted, files, derived


def typed(counts: Counts) -> int:
    """Of a derived catalogue: the translated entries that tarjima neither derived nor saw reviewed, typed by
    another tool (a translation server that offered the language): ``update`` derives the catalogue again, which holds them."""
    return max(0, counts.translated - counts.derived - counts.reviewed)


class Verdicts(NamedTuple):
    """What ``update`` needs of every catalogue: the errors, the file stamp of each catalogue found, and the
    catalogues to merge (and derive) again though nothing else changed: derived ones that hold text tarjima
    did not derive, and any that keeps an earlier-translation mark on an entry no longer fuzzy (it has done its work)."""

    errors: list[InputError]
    stamps: dict[str, Stamp]
    typed: frozenset[str]


def verdicts(project: Project, reports: Sequence[Report], languages: Sequence[Language], jobs: int | None = None) -> Verdicts:
    """What ``compute`` says of each catalogue's validity, without the rows (the same errors, from the same caches)."""
    index, store = caches(project)
    _, files, derived = catalogue_files(project, reports, languages)
    errors: list[InputError] = list(project.errors)
    stamps: dict[str, Stamp] = {}
    held: list[str] = []
    for (_, display), done in zip(files, count_files(files, index, store, jobs, derived)):
        value = settle(done, display, index, store, errors, every=False)  # (the content cache is saved partial: see below)
        if value is not None:
            stamps[display] = done[0]
            if (display in derived and typed(Counts(*value[0]))) or value[5]:
                held.append(display)
    site_status(project, languages, index, store, errors, {}, every=False)  # a refused _site.po is named too
    index.save(partial=len(reports) < len(project.reports))
    store.save(partial=True)  # what only status uses (earlier-version dates) is kept for it
    return Verdicts(errors, stamps, frozenset(held))


NO_FILE = (None, None, None)  # what count_file gives for a catalogue that does not exist


def earlier_date(project: Project, report: Report, lang: Language, display: str) -> str:
    """When the build publishes this incomplete version as the translation of an earlier text (the same
    rule: ``catalog.earlier_translation``): its date, "?" if unknown; else ""."""
    path = project.config.root / display
    try:
        catalog = read(read_bytes(path, display), display)
    except InputError:
        return ""
    if cat.earlier_translation(project.document(report), catalog) is None:
        return ""
    return cat.revision_date(catalog) or "?"


def settle(done: Counted, display: str, index: StatIndex | None, store: Cache | None, errors: list[InputError], every: bool = True) -> tuple | None:
    """A counted catalogue's value, remembered by stamp and by content; None when it is missing or refused (then named in ``errors``).
    ``every``: put in the content cache though its stamp is known (a run whose save drops what it did not use)."""
    current, value, key = done
    if current is None:
        if value is not None:
            errors.append(value)
        return None
    if index and store and (every or index.get(display, current) is None):  # else known by its stamp, and kept as used
        index.remember(display, current, (value, key))
        store.put(key, value)
    return value


def site_status(project: Project, languages: Sequence[Language], index: StatIndex | None, store: Cache | None,
                errors: list[InputError], site: dict[str, LangStatus], every: bool = True) -> None:
    """The templates' own strings (``_site.po``), per language, into ``site`` (refusals into ``errors``): they are published on every page too.

    A site catalogue is stale when its msgids are not the template's (``_site.pot``, as the last
    ``update`` extracted it). English is the templates' language and has none.
    """
    layout = project.layout
    missing = layout.missing_templates()
    if missing is not None:  # the build refuses such a site: its strings are not counted as ready
        errors.append(missing)
        return
    pot = layout.site_pot()
    template = count_file(str(pot), layout.rel(pot), index, store)
    if template[0] is None:
        return  # no template strings (a project without templates and without tarjima's)
    if isinstance(template[1], InputError):
        errors.append(template[1])
        return
    settle(template, layout.rel(pot), index, store, errors, every)  # known by its stamp in the next run
    for lang in languages:
        if lang.locale.language == TEMPLATE_LANGUAGE:
            continue
        path = layout.site_po(lang)
        display = layout.rel(path)
        done = count_file(str(path), display, index, store)
        value = settle(done, display, index, store, errors, every)
        if value is None:
            counts = Counts(*template[1][0])
            if done == NO_FILE:
                site[lang.tag] = LangStatus(Counts(total=counts.total, untranslated=counts.total, words=counts.words), stale=True, missing=True)
            else:
                site[lang.tag] = refused_status(counts, done[1])
            continue
        site[lang.tag] = LangStatus(Counts(*value[0]), stale=value[2] != template[1][2])


def state(status: LangStatus) -> str:
    """One word for an editor: done, stale, needs review, partial, new; "stale, ..." whenever the JSON says stale."""
    word = (f"refused ({status.refused})" if status.refused else "no catalogue" if status.missing
            else f"earlier version online ({status.earlier})" if status.earlier else "")
    if status.stale:
        return f"stale, {word}" if word else "stale"
    if word:
        return word
    if status.complete:
        return "done"
    if status.counts.fuzzy:
        return "needs review"
    return "new" if status.counts.translated == 0 else "partial"


def words(status: LangStatus) -> str:
    """All a view says of one (report, language): its state, its reviewed and derived counts, and what to run when a derived catalogue is behind its base."""
    hint = f"; {status.behind} changed since it was derived: tarjima update derives it" if status.behind else ""
    return state(status) + derived_note(status.counts) + hint


def derived_note(c: Counts) -> str:
    """What a row adds to its state: how many entries are reviewed (``tarjima review``), and of a derived catalogue, derived and ambiguous."""
    if not (c.derived or c.reviewed):
        return ""
    if not c.derived:
        return f" ({c.reviewed} reviewed)"
    parts = [f"{c.derived} derived", *([f"{c.reviewed} reviewed"] if c.reviewed else []), *([f"{c.ambiguous} ambiguous"] if c.ambiguous else [])]
    return f" ({', '.join(parts)})"
