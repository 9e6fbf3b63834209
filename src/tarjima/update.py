"""``tarjima update``: extract each report's template and merge it into its catalogues, as GNU msgmerge does; write only what changed."""

from __future__ import annotations

import datetime as dt
import functools
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from tarjima import catalog as cat
from tarjima import memory
from tarjima.config import Language
from tarjima.derive.plan import Derivations, Source, apply, recorded_derivation
from tarjima.errors import InputError
from tarjima.files import sweep
from tarjima.layout import SITE_DOMAIN, TEMPLATE_LANGUAGE
from tarjima.model import Catalog, Report
from tarjima.po.read import read_catalog
from tarjima.po.rewrite import save
from tarjima.project import Project
from tarjima.catalogues import verdicts
from tarjima import emptied
from tarjima.emptied import Emptied
from tarjima.store import Stamp, StatIndex, stamp


def timestamp(now: dt.datetime | None = None) -> str:
    """A PO date: SOURCE_DATE_EPOCH when set (reproducible builds), else now, in UTC."""
    if now is None:
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        now = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc) if epoch else dt.datetime.now(dt.timezone.utc)
    return now.strftime("%Y-%m-%d %H:%M%z")


def language_team(lang: Language) -> str:
    """The Language-Team header of a new catalogue: the language's English name."""
    return lang.locale.get_display_name("en") or lang.tag


def plural_forms(gettext: str) -> str:
    """The Plural-Forms header of a new catalogue, from Babel's CLDR data (imported here: only a new catalogue needs it)."""
    from babel.messages.plurals import get_plural

    return get_plural(gettext).plural_forms


@dataclass
class UpdateResult:
    """What ``update`` did: files written, files left as they were, reports it left alone."""

    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    created: list[str] = field(default_factory=list)
    fuzzy: dict[str, int] = field(default_factory=dict)  # catalogue -> entries newly fuzzy
    obsoleted: dict[str, int] = field(default_factory=dict)
    orphans: list[str] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)  # with check=True: catalogues that would change
    why: dict[str, str] = field(default_factory=dict)  # with check=True: what would change in each, in words
    memory: dict[str, tuple[int, int]] = field(default_factory=dict)  # catalogue -> (exact, close) entries the translation memory filled
    emptied: Emptied = field(default_factory=Emptied)  # translations an editor emptied, still empty (tarjima.emptied)
    restored: dict[str, int] = field(default_factory=dict)  # with restore=True: catalogue -> emptied translations put back as fuzzy


Plan = list[tuple[Path, str, "Catalog | None", Catalog]]


def plan_report(project: Project, report: Report, stamp: str, derivations: Derivations | None = None) -> Plan:
    """Every catalogue of one report as it should be: (path, display, old, new). Reads, never writes."""
    targets = project.targets(report)
    plan = plan_domain(project, report.slug, cat.template(project.document(report), stamp), targets)
    return derive_plan(plan, targets, derivations.for_report(report.lang) if derivations else [], derivations)


def derive_plan(plan: Plan, targets: tuple[Language, ...], sources: list[Source], derivations: Derivations | None) -> Plan:
    """The plan with its derived catalogues derived from their merged selves and their bases (see tarjima.derive)."""
    if not sources or derivations is None:
        return plan
    planned = {lang.tag: step[3] for lang, step in zip(targets, plan[1:])}
    made = apply(derivations, sources, planned)
    return [plan[0], *((path, display, old, made.get(lang.tag, new)) for lang, (path, display, old, new) in zip(targets, plan[1:]))]


def plan_domain(project: Project, domain: str, pot: Catalog, targets: tuple[Language, ...], mark: bool = True) -> Plan:
    """A template and its catalogues in ``targets``, merged (``mark``: see ``catalog.merge``); the template's date kept if its entries did not change."""
    stamp = pot.header("POT-Creation-Date")
    layout = project.layout
    pot_path = layout.pot(domain)
    pot_display = layout.rel(pot_path)
    old_pot = read_catalog(pot_path, pot_display) if pot_path.exists() else None
    if old_pot is not None and old_pot.entries == pot.entries:
        pot = pot.with_headers(POT_Creation_Date=old_pot.header("POT-Creation-Date"))
    plan: Plan = [(pot_path, pot_display, old_pot, pot)]
    for lang in targets:
        path = layout.po(lang, domain)
        display = layout.rel(path)
        if path.exists():
            old = read_catalog(path, display)
        else:
            old = None
        base = old or cat.new_catalog(pot, lang.gettext, language_team(lang), plural_forms(lang.gettext), stamp)
        new = cat.merge(base, pot, mark)
        if not new.header("Language"):
            new = new.with_headers(Language=lang.gettext)
        plan.append((path, display, old, new))
    return plan


def head(path: Path) -> str:
    """The first lines of a UTF-8 catalogue ("" for a missing one, or one in a legacy charset, which a merge rewrites as UTF-8)."""
    try:
        with path.open("rb") as handle:
            data = handle.read(4096)
    except OSError:
        return ""
    return data.decode("utf-8", "replace") if b"charset=UTF-8" in data else ""


class Heads:
    """What update needs of a template's or catalogue's first lines (the source digest it was merged
    from, the key it was derived with), remembered by file stamp: an unchanged file is not opened."""

    def __init__(self, root: Path, stamps: dict[str, Stamp] | None = None) -> None:
        self.root = root
        self.index = StatIndex(root, "update-heads", ("tarjima.update",))
        self.stamps = stamps or {}  # files stamped already in this run (the catalogues status's verdict read)

    def recorded(self, name: str) -> tuple[str, str]:
        """(source digest, derivation key) as the header of the file ``name`` (relative to the root) records them; ("", "") for a missing file."""
        full = f"{self.root}/{name}"
        current = self.stamps.get(name)
        if current is None:
            try:
                current = stamp(os.stat(full))
            except OSError:
                return ("", "")
        known = self.index.get(name, current)
        if known is not None:
            return tuple(known)
        text = head(Path(full))
        value = (cat.recorded_digest(text), recorded_derivation(text))
        self.index.put(name, current, value)
        return value

    def save(self) -> None:
        self.index.save()


def up_to_date(project: Project, report: Report, heads: Heads, derivations: Derivations | None = None) -> bool:
    """Whether merging would leave every file of a report as it is: its template and every catalogue merged from its current
    text (``catalog.merged_from``, the strict question), and each derived one derived from its base as it is now (``Derivations.outdated``)."""
    layout = project.layout
    if not cat.merged_from(heads.recorded(layout.pot_file(report.slug))[0], report.digest):
        return False
    derived = {s.lang.tag: s for s in derivations.for_report(report.lang)} if derivations else {}
    for lang in project.targets(report):
        recorded, derivation = heads.recorded(layout.po_file(lang, report.slug))
        if not cat.merged_from(recorded, report.digest):
            return False
        source = derived.get(lang.tag)
        if source is not None and derivations is not None and derivations.outdated(source, report.slug, report.digest, derivation):
            return False
    return True


def derive_again(project: Project, now: dt.datetime | None = None) -> UpdateResult:
    """The derived catalogues whose base changed since they were derived (or the word lists), derived anew as ``update``
    derives them: what ``serve`` runs before each build. Only of a report merged from its current text (an edited
    source waits for ``update``), and nothing but the derived catalogues is written: a translator's files stay as they are.
    A refused catalogue is left to the build to name; any other bad input (the word list) is in the result's errors."""
    result = UpdateResult()
    if not project.config.derived:
        return result
    derivations = Derivations(project.config)
    heads = Heads(project.config.root)
    layout = project.layout
    stamp = timestamp(now)
    for report in project.reports:
        if not cat.merged_from(heads.recorded(layout.pot_file(report.slug))[0], report.digest):
            continue
        targets = project.targets(report)
        behind = set()
        try:
            for source in derivations.for_report(report.lang):
                display = layout.po_file(source.lang, report.slug)
                recorded, derivation = heads.recorded(display)
                if source.lang in targets and cat.merged_from(recorded, report.digest) and derivations.outdated(source, report.slug, report.digest, derivation):
                    behind.add(display)
            plan = plan_report(project, report, stamp, derivations) if behind else []
        except InputError as exc:
            if not exc.path.endswith((".po", ".pot")) and exc not in result.errors:
                result.errors.append(exc)
            continue
        for path, display, old, new in plan:
            if display in behind and save(path, new, display, project.config.po_wrap, read_as=old):
                result.written.append(display)
    derivations.index.save(partial=True)
    derivations.checked.save(partial=True)
    return result


def plan_site(project: Project, stamp: str, derivations: Derivations | None = None) -> Plan:
    """The site templates' strings: one template, a catalogue per language but the templates' own."""
    from tarjima.site.strings import extract_templates  # Babel's extractor and Jinja2: only when there are templates

    pot = extract_templates(project.layout.templates, project.config.root, stamp)
    targets = tuple(lang for lang in project.config.languages if lang.locale.language != TEMPLATE_LANGUAGE)
    plan = plan_domain(project, SITE_DOMAIN, pot, targets, mark=False)
    return derive_plan(plan, targets, derivations.for_site(TEMPLATE_LANGUAGE) if derivations else [], derivations)


def fill_from_memory(archive: memory.Memory, report: Report, targets: tuple[Language, ...], plan: Plan, result: UpdateResult, derived: frozenset[str] = frozenset()) -> Plan:
    """The plan with the entries its merge created empty filled from the rest of the archive, where it knows them
    (not in a ``derived`` language: its entries follow their base)."""
    filled: Plan = [plan[0]]
    for (path, display, old, new), lang in zip(plan[1:], targets, strict=True):
        if lang.tag in derived:
            filled.append((path, display, old, new))
            continue
        new, counts = archive.fill(report, lang, old, new)
        if counts.exact or counts.close:
            result.memory[display] = (counts.exact, counts.close)
        filled.append((path, display, old, new))
    return filled


def update(project: Project, now: dt.datetime | None = None, check: bool = False, restore: bool = False) -> UpdateResult:
    """Extract each report's template and merge it into its catalogues; write only what changed.

    The caller holds the project's lock (``store.ProjectLock``; the CLI does): temporary files
    that a killed run left beside the catalogues are swept first.
    """
    locales = project.layout.locales
    for folder in (project.layout.pot_folder, *locales.glob("*/LC_MESSAGES")):
        sweep(folder)
    # Every catalogue read (or known by its file stamp) as status reads it: one verdict, and a
    # broken catalogue is named even when its report is unchanged.
    errors, stamps, typed = verdicts(project, project.reports, project.config.languages)
    result = UpdateResult(errors=errors)
    refused = {e.path for e in errors}
    stamp = timestamp(now)
    if restore and not check:
        result.restored = emptied.survey(project, stamps, stamp)[1]
    derivations = Derivations(project.config) if project.config.derived else None
    heads = Heads(project.config.root, stamps)
    planners: list[tuple[Report | None, Callable[[], Plan]]] = []
    for report in project.reports:
        targets = project.targets(report)
        if refused and any(project.layout.po_file(lang, report.slug) in refused for lang in targets):
            continue  # named above; its catalogues are left as they are
        try:
            current = up_to_date(project, report, heads, derivations) and not (typed and any(project.layout.po_file(lang, report.slug) in typed for lang in targets))
        except InputError as exc:
            result.errors.append(exc)
            continue
        if current:  # merged (and derived) from this very text: nothing to merge, nothing written
            result.unchanged += 1 + len(targets)
            continue
        planners.append((report, functools.partial(plan_report, project, report, stamp, derivations)))
    site_files = {project.layout.po_file(lang, SITE_DOMAIN) for lang in project.config.languages}
    missing = project.layout.missing_templates()
    if missing is not None:  # extracted from what is left, its strings would go obsolete: the site's catalogues are left as they are
        if missing not in result.errors:  # verdicts names it, as status does
            result.errors.append(missing)
    elif project.layout.own_templates and not site_files & refused:  # a refused _site.po is named above, and left as it is
        planners.append((None, functools.partial(plan_site, project, stamp, derivations)))
    recall = memory.settings(project.config.memory, "[tool.tarjima.memory]")
    archive = memory.Memory(project, recall, stamps) if recall.enabled and planners else None  # loads nothing until an entry is created empty
    for whose, planner in planners:
        try:
            plan = planner()
        except InputError as exc:
            if exc not in result.errors:  # a bad word list: one error, though every report needs it
                result.errors.append(exc)
            continue
        if whose is not None and archive is not None:
            plan = fill_from_memory(archive, whose, project.targets(whose), plan, result, frozenset(project.config.derived))
        for path, display, old, new in plan:
            if check:
                if old is None or new != old:
                    result.stale.append(display)
                    result.why[display] = cat.difference(old, new)
                continue
            if save(path, new, display, project.config.po_wrap, read_as=old):
                stamps.pop(display, None)  # its stamp of the start of the run no longer holds
                result.written.append(display)
                if old is None:
                    result.created.append(display)
                else:
                    before = {e.key for e in old.entries if e.fuzzy}
                    result.fuzzy[display] = sum(1 for e in new.entries if e.fuzzy and not e.obsolete and e.key not in before)
                    result.obsoleted[display] = sum(1 for e in new.entries if e.obsolete) - sum(1 for e in old.entries if e.obsolete)
            else:
                result.unchanged += 1
    result.emptied = emptied.survey(project, stamps)[0]  # as the catalogues are now
    if derivations is not None:
        derivations.save()
    if not check:
        heads.save()
    if archive is not None and not check:
        archive.save()
    known = {r.slug for r in project.reports} | set(project.slugs)  # a refused source's slugs too: its template is not an orphan
    templates = project.layout.pot_folder
    if templates.is_dir():
        result.orphans = sorted(p.stem for p in templates.glob("*.pot") if p.stem not in known and not p.stem.startswith("_"))
    return result
