"""A content project loaded: its configuration and every report source, each parsed once; selecting reports; the
reports' front matter and bodies, when a command needs them; the catalogues it will not read (linked out of it,
or of a language it does not have).

Library functions return result objects; only ``cli`` prints.
"""

from __future__ import annotations

import datetime as dt
import marshal
import operator
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping, NamedTuple, Sequence

from tarjima import sources
from tarjima.config import Config, Language
from tarjima.errors import InputError
from tarjima.files import leads_out, linked_out, read_text
from tarjima.layout import Layout
from tarjima.model import Clearance, Front, Report, Segment
from tarjima.parallel import fork_map
from tarjima.sources import Document, parse_source
from tarjima.store import Stamp, StatIndex, stamp


@dataclass(frozen=True)
class Project:
    """A content project: its configuration and every report source, each parsed once."""

    config: Config
    reports: tuple[Report, ...]
    errors: tuple[InputError, ...]
    outside: frozenset[str] = frozenset()  # catalogues (relative to the root) that resolve outside the project: refused, named in ``errors``
    # Every slug a source takes, with that source: the parsed ones' (duplicates included), and a
    # source refused as bad input takes its default slug (its bundle folder or stem) and the one
    # its `slug:` line gives, if it has one.
    slugs: Mapping[str, str] = field(default_factory=dict)
    # By source path, each report's front matter: decoded, or as the source index keeps it (marshalled) until ``front`` decodes it.
    fronts: dict[str, Front | bytes] = field(default_factory=dict, repr=False, compare=False)
    # The bodies known so far, by source path: those of the sources parsed by this run, and each one read since (``body``).
    bodies: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    @property
    def layout(self) -> Layout:
        return self.config.layout

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

    def body(self, report: Report) -> str:
        """A report's Markdown body: as parsed by this run, or read now (once) for a source known from the index,
        checked to be the text the report was made from."""
        body = self.bodies.get(report.path)
        if body is None:
            text = read_text(self.config.root / report.path, report.path)
            if sources.source_digest(text) != report.digest:
                raise InputError(report.path, "changed while tarjima was running", "run the command again")
            body = self.bodies[report.path] = sources.split_front_matter(text, report.path)[1]
        return body

    def front(self, report: Report) -> Front:
        """A report's front matter as written, and its translatable fields as segments (decoded when first asked for)."""
        front = self.fronts[report.path]
        if isinstance(front, bytes):
            front = self.fronts[report.path] = load_front(front)
        return front

    def document(self, report: Report) -> Document:
        """A report with its body parsed into tokens and segments."""
        return sources.document(report, self.front(report), self.body(report))


def load_project(config: Config) -> Project:
    """Read every ``content/**/*.md`` once; bad sources become errors, the others go on.

    A source whose file stamp is unchanged since the last run comes from the source index
    (``.tarjima-cache/sources.marshal``) without being read; its front matter is decoded and
    its body read only if a command needs them (``Project.front``, ``Project.body``).
    """
    parsed: list[Report] = []
    fronts: dict[str, Front | bytes] = {}
    bodies: dict[str, str] = {}
    tags = config.tags
    index = StatIndex(config.root, "sources", ("tarjima.project",), (tags, config.timezone, sources.EXTRACTION_VERSION))
    found, errors = find_sources(config)
    # Each source: a record from the index, else parsed now (a Report and its body, or a record
    # when parsed by a worker process), or bad input.
    items: list[Parsed | Record | InputError | None] = [index.get(rel, current) for rel, _, current in found]
    missing = [i for i, item in enumerate(items) if item is None]
    for i, made in zip(missing, parse_sources([found[i][:2] for i in missing], tags, config.timezone)):
        items[i] = made
        if not isinstance(made, InputError):
            try:
                index.put(found[i][0], found[i][2], to_record(made.report, made.front) if isinstance(made, Parsed) else made)
            except ValueError:
                pass  # front matter that is not plain data (a YAML tag of its own): read again next time
    for (rel, path, _), item in zip(found, items):
        if isinstance(item, InputError):
            errors.append(item)
        elif isinstance(item, Parsed):
            parsed.append(item.report)
            fronts[rel] = item.front
            bodies[rel] = item.body
        else:
            assert item is not None  # every source the index lacked was parsed above
            parsed.append(from_record(item, rel))
            fronts[rel] = record_front(item)
    index.save()
    outside = linked_catalogues(config)
    errors += [linked_out(rel) for rel in outside]
    owners: dict[str, list[str]] = {}
    for report in parsed:
        owners.setdefault(report.slug, []).append(report.path)
    slugs = {slug: paths[0] for slug, paths in owners.items()}
    for error in errors:
        if error.path.endswith(".md") and error.path.startswith("content/"):
            for slug in refused_slugs(config, error.path):
                slugs.setdefault(slug, error.path)
    if len(owners) == len(parsed):  # every slug used once
        return Project(config, tuple(parsed), tuple(errors), frozenset(outside), slugs, fronts, bodies)
    reports = []
    for report in parsed:
        others = [p for p in owners[report.slug] if p != report.path]
        if others:
            hint = "give each report a unique `slug:` in its front matter"
            errors.append(InputError(report.path, f"duplicate slug {report.slug!r}, also used by {', '.join(others)}", hint, 1))
        else:
            reports.append(report)
    return Project(config, tuple(reports), tuple(errors), frozenset(outside), slugs, fronts, bodies)


def refused_slugs(config: Config, rel: str) -> list[str]:
    """The slugs a source refused as bad input may stand for: its default slug, and its `slug:` line's."""
    found = [sources.default_slug(rel)]
    try:
        declared = sources.declared_slug(read_text(config.root / rel, rel))
    except InputError:  # unreadable: its default slug is all there is
        declared = None
    return found + [declared] if declared and declared not in found else found


def find_sources(config: Config) -> tuple[list[tuple[str, str, Stamp]], list[InputError]]:
    """Every ``*.md`` under content/ with its stamp, in path order (one scandir per folder, depth first by name),
    and the refusal of each source or folder that resolves outside the project through a symbolic link (never entered)."""
    found: list[tuple[str, str, Stamp]] = []
    refused: list[InputError] = []
    root = config.root
    prefix = len(str(root)) + 1

    def walk(folder: str) -> None:
        try:
            entries = sorted(os.scandir(folder), key=operator.attrgetter("name"))
        except (FileNotFoundError, NotADirectoryError):
            return
        for entry in entries:
            if entry.is_dir():
                if entry.is_symlink() and leads_out(root, entry.path):
                    refused.append(linked_out(entry.path[prefix:].replace(os.sep, "/") + "/", folder=True))
                else:
                    walk(entry.path)
            elif entry.name.endswith(".md") and entry.is_file():
                rel = entry.path[prefix:].replace(os.sep, "/")
                if entry.is_symlink() and leads_out(root, entry.path):
                    refused.append(linked_out(rel))
                else:
                    found.append((rel, entry.path, stamp(entry.stat())))

    content = config.layout.content
    if content.is_symlink() and leads_out(root, str(content)):
        return [], [linked_out("content/", folder=True)]
    walk(str(content))
    return found, refused


def linked_catalogues(config: Config) -> list[str]:
    """The catalogues (``locales/<ll>/LC_MESSAGES/*.po``, relative to the root) that resolve outside the project: each a
    symbolic link leading out, or inside a linked folder that does. Links are rare: only they are resolved."""
    root = config.root
    outside: list[str] = []

    def entries(folder: str) -> list[os.DirEntry[str]]:
        try:
            with os.scandir(folder) as found:
                return list(found)
        except (FileNotFoundError, NotADirectoryError):
            return []

    locales = config.layout.locales
    out = locales.is_symlink() and leads_out(root, str(locales))
    for lang in entries(str(locales)):
        if not lang.is_dir():
            continue
        lang_out = out or (lang.is_symlink() and leads_out(root, lang.path))
        folder = os.path.join(lang.path, "LC_MESSAGES")
        folder_out = lang_out or (os.path.islink(folder) and leads_out(root, folder))
        for entry in entries(folder):
            if entry.name.endswith(".po") and (folder_out or (entry.is_symlink() and leads_out(root, entry.path))):
                outside.append(f"locales/{lang.name}/LC_MESSAGES/{entry.name}")
    return sorted(outside)


def unconfigured(project: Project) -> list[InputError]:
    """Each catalogue ``locales/<ll>/LC_MESSAGES/*.po`` of a language the project does not have (made by a translation
    server's "start new translation", a copy, a misspelt folder), as one line naming what to do: tarjima never reads it."""
    locales = project.layout.locales
    known = {lang.gettext for lang in project.config.languages} | {project.layout.pot_folder.name}
    try:
        folders = sorted(e.name for e in os.scandir(locales) if e.is_dir() and e.name not in known)
    except (FileNotFoundError, NotADirectoryError):
        return []
    found = []
    for folder in folders:
        messages = locales / folder / "LC_MESSAGES"
        if not messages.is_dir():
            continue
        name = folder.lower()
        script = "Cyrl" if "cyr" in name else "Latn" if "lat" in name else None  # uz@cyrillic, sr_Latn ...
        alike = [lang for lang in project.config.languages if lang.locale.language == name.replace("@", "_").replace("-", "_").split("_")[0]
                 and script in (None, lang.locale.script)]
        for path in sorted(messages.glob("*.po")):
            if alike:
                where = [project.layout.po_file(project.config.language(project.config.derived.get(lang.tag, lang.tag)), path.stem) for lang in alike]
                hint = f"tarjima translates this language in {' or '.join(dict.fromkeys(where))}: move the translations there, then delete this file"
            else:
                hint = f'add "{folder.replace("_", "-")}" to languages in the configuration to translate into it, or delete this file'
            found.append(InputError(project.layout.rel(path), f"catalogue of {folder!r}, a language the project does not have: never updated or published", hint))
    return found


# A parsed source as plain data, for the source index: its report, and its front matter marshalled apart (most
# commands never look at an unchanged report's: ``Project.front`` decodes it when one does).
Record = tuple  # (slug, lang, date, end_date or "", body_line, digest, marshalled (meta, front segments), draft, unknown keys,
#                 clearance (by, ISO day, digest, holds) or None, publish_at as ISO with its offset or "", tags)


def to_record(report: Report, front: Front) -> Record:
    """A parsed source as the source index keeps it; ValueError if its front matter is not plain data (marshal)."""
    end = report.end_date.isoformat() if report.end_date else ""
    marshalled = marshal.dumps((dict(front.meta), tuple(tuple(s) for s in front.segments)))
    cleared = (c.by, c.day.isoformat(), c.digest, c.holds) if (c := report.cleared) is not None else None
    publish_at = report.publish_at.isoformat() if report.publish_at is not None else ""
    return (report.slug, report.lang, report.date.isoformat(), end, report.body_line, report.digest, marshalled, report.draft, report.unknown, cleared, publish_at,
            report.tags)


def from_record(record: Record, path: str) -> Report:
    """The report a source index record describes (its front matter is ``record_front``'s; its body is read by
    ``Project.body`` if a command needs it)."""
    slug, lang, date, end, body_line, digest, _, draft, unknown, cleared, publish_at, tags = record
    return Report(
        path=path,
        slug=slug,
        lang=lang,
        date=dt.date.fromisoformat(date),
        end_date=dt.date.fromisoformat(end) if end else None,
        tags=tuple(tags),
        body_line=body_line,
        digest=digest,
        draft=draft,
        unknown=tuple((str(key), int(line)) for key, line in unknown),
        cleared=Clearance(cleared[0], dt.date.fromisoformat(cleared[1]), cleared[2], cleared[3]) if cleared is not None else None,
        publish_at=dt.datetime.fromisoformat(publish_at) if publish_at else None,
    )


def record_front(record: Record) -> bytes:
    """The front matter of the source a record was made from, marshalled (``load_front`` decodes it)."""
    return bytes(record[6])


def load_front(marshalled: bytes) -> Front:
    """A report's front matter as ``to_record`` marshalled it."""
    meta, segments = marshal.loads(marshalled)
    return Front(meta, tuple(map(Segment._make, segments)))


PARALLEL_FROM = 300  # sources to parse: below this, forking workers costs more than it saves


class Parsed(NamedTuple):
    """A source parsed by this run: its report, its front matter and its body (kept by the project: no need to read it again)."""

    report: Report
    front: Front
    body: str


def parse_one(rel: str, path: str, tags: tuple[str, ...], timezone: str) -> Parsed | InputError:
    try:
        return Parsed(*parse_source(read_text(Path(path), rel), rel, tags, timezone))
    except InputError as exc:
        return exc


def parse_sources(pairs: Sequence[tuple[str, str]], tags: tuple[str, ...], timezone: str) -> list[Parsed | Record | InputError]:
    """Parse sources (rel, path) in order: here, or on every core when there are many (a first
    run on a large archive), where records travel back and bodies are read again if needed."""
    if len(pairs) < PARALLEL_FROM:
        return [parse_one(rel, path, tags, timezone) for rel, path in pairs]

    def in_worker(pair: tuple[str, str]) -> Record | InputError:
        made = parse_one(pair[0], pair[1], tags, timezone)
        return to_record(made.report, made.front) if isinstance(made, Parsed) else made

    return fork_map(in_worker, pairs, PARALLEL_FROM)


def refreshed(project: Project, changes: frozenset[tuple[str, str]]) -> Project | None:
    """The project after one burst of file events ((kind, path): ``tarjima serve``'s watcher, which sees each save), when
    they leave every report where it was: each source named that is one of the project's, saved again, is parsed again,
    every other report is kept as it is; a catalogue, a template, a photo or an editor's temporary file leaves the project
    as it is (the build reads them itself). None when anything else changed (a source added, removed or now refused, a
    slug changed, a symbolic link, a folder, a project with refused sources): the caller reads the project anew, as a
    command does."""
    if project.errors:
        return None
    root = str(project.config.root) + os.sep
    content, locales, templates = (str(project.layout.content) + os.sep, str(project.layout.locales) + os.sep, str(project.layout.templates) + os.sep)
    known = {r.path: r for r in project.reports}
    again: dict[str, Report] = {}
    fronts, bodies = dict(project.fronts), dict(project.bodies)
    for _kind, path in sorted(changes):
        if not path.startswith(root):
            return None
        rel = path[len(root) :].replace(os.sep, "/")
        if path.startswith(templates):
            continue
        if path.startswith(locales):
            if os.path.islink(path) or os.path.isdir(path) or rel in project.outside or any(o.startswith(rel + "/") for o in project.outside):
                return None  # a link, or a folder that may hold links: which catalogues resolve outside is read anew
            continue
        if not path.startswith(content):
            return None
        if not os.path.lexists(path):
            if rel in known or any(k.startswith(rel + "/") for k in known):
                return None  # a source gone, or a folder that held one
            continue  # an editor's temporary file, come and gone within the burst
        if os.path.islink(path) or os.path.isdir(path) or (path.endswith(".md") and rel not in known):
            return None  # a link, a folder (moved in: its sources were never named), a new source
        if not path.endswith(".md"):
            continue  # a photo: the build reads the photos itself
        made = parse_one(rel, path, project.config.tags, project.config.timezone)
        if isinstance(made, InputError) or made.report.slug != known[rel].slug:
            return None
        again[rel], fronts[rel], bodies[rel] = made.report, made.front, made.body
    if not again:
        return project
    return Project(project.config, tuple(again.get(r.path, r) for r in project.reports), (), project.outside, project.slugs, fronts, bodies)
