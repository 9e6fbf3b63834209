"""The pipelines over a content project: load every source once, then update catalogues.

Library functions return result objects; only ``cli`` prints.
"""

from __future__ import annotations

import datetime as dt
import operator
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

from babel.messages.plurals import get_plural

from tarjima import catalog as cat
from tarjima import pofile
from tarjima import sources
from tarjima.cache import Stamp, StatIndex, code_digest, stamp
from tarjima.config import Config, Language
from tarjima.errors import InputError
from tarjima.files import read_text, write_if_changed
from tarjima.model import Catalog, Report
from tarjima.parallel import fork_map
from tarjima.sources import parse_report


@dataclass(frozen=True)
class Project:
    """A content project: its configuration and every report source, each parsed once."""

    config: Config
    reports: tuple[Report, ...]
    errors: tuple[InputError, ...]

    def pot_path(self, slug: str) -> Path:
        return self.config.locales_dir / "templates" / f"{slug}.pot"

    def po_path(self, lang: Language, slug: str) -> Path:
        return self.config.root / self.po_file(lang, slug)

    def po_file(self, lang: Language, slug: str) -> str:
        """A catalogue's path relative to the root, as text: for loops over thousands of
        catalogues, where building pathlib paths costs more than the work itself."""
        return f"locales/{lang.gettext}/LC_MESSAGES/{slug}.po"

    def targets(self, report: Report) -> tuple[Language, ...]:
        """The languages a report is translated into: every configured one but its source."""
        return tuple(lang for lang in self.config.languages if lang.tag != report.lang)

    def rel(self, path: Path) -> str:
        """A path as users see it: relative to the project root."""
        try:
            return path.relative_to(self.config.root).as_posix()
        except ValueError:
            return str(path)

    def select(self, names: tuple[str, ...]) -> tuple[Report, ...]:
        """Reports named by slug or source path; all when no name is given."""
        if not names:
            return self.reports
        chosen = []
        for name in names:
            wanted = name.removeprefix("./")
            found = [r for r in self.reports if wanted in (r.slug, r.path) or Path(name).resolve() == self.config.root / r.path]
            if not found:
                raise InputError(name, "no such report", "give a slug or a path under content/")
            chosen += [r for r in found if r not in chosen]
        return tuple(chosen)


def load_project(config: Config) -> Project:
    """Read every ``content/**/*.md`` once; bad sources become errors, the others go on.

    A source whose file stamp is unchanged since the last run comes from the source index
    (``.tarjima-cache/sources.marshal``) without being read; its body is read only if a
    command needs it.
    """
    parsed: list[Report] = []
    errors: list[InputError] = []
    tags = config.tags
    index = StatIndex(config.root, "sources", (tags, sources.EXTRACTION_VERSION, code_digest("sources.py", "model.py")))
    found = find_sources(config)
    # Each source: a record from the index, else parsed now (a Report, or a record when parsed
    # by a worker process), or bad input.
    items: list[Report | sources.Record | InputError | None] = [index.get(rel, current) for rel, _, current in found]
    missing = [i for i, item in enumerate(items) if item is None]
    for i, made in zip(missing, parse_sources([found[i][:2] for i in missing], tags)):
        items[i] = made
        if not isinstance(made, InputError):
            try:
                index.put(found[i][0], found[i][2], sources.to_record(made) if isinstance(made, Report) else made)
            except ValueError:
                pass  # front matter that is not plain data (a YAML tag of its own): read again next time
    for (rel, path, _), item in zip(found, items):
        if isinstance(item, InputError):
            errors.append(item)
        elif isinstance(item, Report):
            parsed.append(item)
        else:
            parsed.append(sources.from_record(item, rel, body_reader(path, rel, item)))
    try:
        index.save()
    except OSError:
        pass  # a read-only checkout: the index is only a speed-up
    owners: dict[str, list[str]] = {}
    for report in parsed:
        owners.setdefault(report.slug, []).append(report.path)
    if len(owners) == len(parsed):  # every slug used once
        return Project(config, tuple(parsed), tuple(errors))
    reports = []
    for report in parsed:
        others = [p for p in owners[report.slug] if p != report.path]
        if others:
            hint = "give each report a unique `slug:` in its front matter"
            errors.append(InputError(report.path, f"duplicate slug {report.slug!r}, also used by {', '.join(others)}", hint, 1))
        else:
            reports.append(report)
    return Project(config, tuple(reports), tuple(errors))


def find_sources(config: Config) -> list[tuple[str, str, Stamp]]:
    """Every ``*.md`` under content/ with its stamp, in path order (one scandir per folder, depth first by name)."""
    found: list[tuple[str, str, Stamp]] = []
    prefix = len(str(config.root)) + 1

    def walk(folder: str) -> None:
        try:
            entries = sorted(os.scandir(folder), key=operator.attrgetter("name"))
        except (FileNotFoundError, NotADirectoryError):
            return
        for entry in entries:
            if entry.is_dir():
                walk(entry.path)
            elif entry.name.endswith(".md") and entry.is_file():
                found.append((entry.path[prefix:].replace(os.sep, "/"), entry.path, stamp(entry.stat())))

    walk(str(config.content_dir))
    return found


PARALLEL_FROM = 300  # sources to parse: below this, forking workers costs more than it saves
def parse_one(rel: str, path: str, tags: tuple[str, ...]) -> Report | InputError:
    try:
        return parse_report(read_text(Path(path), rel), rel, tags)
    except InputError as exc:
        return exc


def parse_sources(pairs: Sequence[tuple[str, str]], tags: tuple[str, ...]) -> list[Report | sources.Record | InputError]:
    """Parse sources (rel, path) in order: here, or on every core when there are many (a first
    run on a large archive), where records travel back and bodies are read again if needed."""
    if len(pairs) < PARALLEL_FROM:
        return [parse_one(rel, path, tags) for rel, path in pairs]

    def in_worker(pair: tuple[str, str]) -> sources.Record | InputError:
        made = parse_one(pair[0], pair[1], tags)
        return sources.to_record(made) if isinstance(made, Report) else made

    return fork_map(in_worker, pairs, PARALLEL_FROM)  # type: ignore[return-value]


def body_reader(path: str, rel: str, record: tuple) -> Callable[[], str]:
    """How to read the body of a source known from the index, checking it is still that source."""

    def read() -> str:
        text = read_text(Path(path), rel)
        if sources.source_digest(text) != sources.record_digest(record):
            raise InputError(rel, "changed while tarjima was running", "run the command again")
        return sources.split_front_matter(text, rel)[1]

    return read


def read_catalog(path: Path, display: str) -> Catalog:
    """Read one catalogue from disk, strictly."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(display, f"cannot read: {exc.strerror}") from None
    return pofile.read(data, display)


def timestamp(now: dt.datetime | None = None) -> str:
    """A PO date: SOURCE_DATE_EPOCH when set (reproducible builds), else now, in UTC."""
    if now is None:
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        now = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc) if epoch else dt.datetime.now(dt.timezone.utc)
    return now.strftime("%Y-%m-%d %H:%M%z")


def language_team(lang: Language) -> str:
    """The Language-Team header of a new catalogue: the language's English name."""
    return lang.locale.get_display_name("en") or lang.tag


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


Plan = list[tuple[Path, str, "Catalog | None", Catalog]]


def plan_report(project: Project, report: Report, stamp: str) -> Plan:
    """Every catalogue of one report as it should be: (path, display, old, new). Reads, never writes."""
    return plan_domain(project, report.slug, cat.template(report, stamp), project.targets(report))


def plan_domain(project: Project, domain: str, pot: Catalog, targets: tuple[Language, ...]) -> Plan:
    """A template and its catalogues in ``targets``, merged; the template's date kept if its entries did not change."""
    stamp = pot.header("POT-Creation-Date")
    pot_path = project.pot_path(domain)
    pot_display = project.rel(pot_path)
    old_pot = read_catalog(pot_path, pot_display) if pot_path.exists() else None
    if old_pot is not None and old_pot.entries == pot.entries:
        pot = pot.with_headers(POT_Creation_Date=old_pot.header("POT-Creation-Date"))
    plan: Plan = [(pot_path, pot_display, old_pot, pot)]
    for lang in targets:
        path = project.po_path(lang, domain)
        display = project.rel(path)
        if path.exists():
            old = read_catalog(path, display)
        else:
            old = None
        base = old or cat.new_catalog(pot, lang.gettext, language_team(lang), get_plural(lang.gettext).plural_forms, stamp)
        new = cat.merge(base, pot)
        if not new.header("Language"):
            new = new.with_headers(Language=lang.gettext)
        plan.append((path, display, old, new))
    return plan


DIGEST_RE = re.compile(rb'^"X-Source-Digest: ([0-9a-f]+)\\n"$', re.M)


def recorded_digest(path: Path) -> str | None:
    """The source digest a UTF-8 catalogue was last merged from, read from its header alone."""
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        return None
    match = DIGEST_RE.search(head)
    if match is None or b"charset=UTF-8" not in head:  # a legacy charset is rewritten as UTF-8 by a merge
        return None
    return match.group(1).decode("ascii")


def up_to_date(project: Project, report: Report) -> bool:
    """Whether the template and every catalogue of a report were merged from its current text."""
    paths = [project.pot_path(report.slug), *(project.po_path(lang, report.slug) for lang in project.targets(report))]
    return all(recorded_digest(path) == report.digest for path in paths)


def plan_site(project: Project, stamp: str) -> Plan:
    """The site templates' strings: one template, a catalogue per language but the templates' own."""
    from tarjima import sitestrings  # Babel's extractor and Jinja2: only when there are templates

    pot = sitestrings.extract_templates(project.config.templates_dir, project.config.root, stamp)
    targets = tuple(lang for lang in project.config.languages if lang.locale.language != sitestrings.TEMPLATE_LANGUAGE)
    return plan_domain(project, sitestrings.DOMAIN, pot, targets)


def update(project: Project, now: dt.datetime | None = None, check: bool = False) -> UpdateResult:
    """Extract each report's template and merge it into its catalogues; write only what changed."""
    result = UpdateResult(errors=list(project.errors))
    stamp = timestamp(now)
    planners = []
    for report in project.reports:
        if up_to_date(project, report):  # nothing to merge: no catalogue is read or written
            result.unchanged += 1 + len(project.targets(report))
            continue
        planners.append(lambda r=report: plan_report(project, r, stamp))
    if project.config.templates_dir.is_dir():
        planners.append(lambda: plan_site(project, stamp))
    for planner in planners:
        try:
            plan = planner()
        except InputError as exc:
            result.errors.append(exc)
            continue
        for path, display, old, new in plan:
            text = pofile.dumps(new)
            if check:
                if not path.exists() or path.read_bytes() != text.encode("utf-8"):
                    result.stale.append(display)
                continue
            if write_if_changed(path, text):
                result.written.append(display)
                if old is None:
                    result.created.append(display)
                else:
                    before = {e.key for e in old.entries if e.fuzzy}
                    result.fuzzy[display] = sum(1 for e in new.entries if e.fuzzy and not e.obsolete and e.key not in before)
                    result.obsoleted[display] = sum(1 for e in new.entries if e.obsolete) - sum(1 for e in old.entries if e.obsolete)
            else:
                result.unchanged += 1
    known = {r.slug for r in project.reports} | {Path(e.path).stem for e in project.errors}
    templates = project.config.locales_dir / "templates"
    if templates.is_dir():
        result.orphans = sorted(p.stem for p in templates.glob("*.pot") if p.stem not in known and not p.stem.startswith("_"))
    return result
