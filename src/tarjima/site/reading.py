"""How the build reads a report's catalogues: each file once, its bytes kept for the check gate."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable

from tarjima.catalog import EARLIER_COMMENT
from tarjima.config import Config
from tarjima.derive.plan import derived_tags
from tarjima.errors import InputError
from tarjima.files import leads_out, read_bytes
from tarjima.model import Catalog, Report
from tarjima.po.quick import scan
from tarjima.po.read import read, read_catalog
from tarjima.project import Project

EARLIER_BYTES = EARLIER_COMMENT.encode("ascii")

Read = tuple[dict[str, Catalog], list[InputError], frozenset[str]]  # catalogues, errors, tags whose file could not be read


def texts_of(data: bytes, display: str) -> Catalog:
    """A catalogue's texts and states for rendering: the lean reader, or the strict one if need be."""
    scanned = scan(data, display)
    return scanned.catalog() if scanned is not None else read(data, display)


def read_catalogs(config: Config, located: Iterable[tuple[str, Path]], parse: Callable[[str, bytes, str], Catalog], keep: dict[str, bytes] | None = None,
                  outside: frozenset[str] = frozenset()) -> Read:
    """Catalogues by language tag, each read once where it exists (its bytes kept in ``keep``); unreadable ones become errors.
    ``parse``: (tag, bytes, display path) -> catalogue. ``outside``: catalogues that resolve outside the project, never read
    (unreadable, their error named where the project was loaded)."""
    catalogs: dict[str, Catalog] = {}
    errors: list[InputError] = []
    unreadable: set[str] = set()
    for tag, path in located:
        if path.exists():
            display = config.layout.rel(path)
            if display in outside:
                unreadable.add(tag)
                continue
            try:
                data = read_bytes(path, display)
                catalogs[tag] = parse(tag, data, display)
            except InputError as exc:
                errors.append(exc)
                unreadable.add(tag)
                continue
            if keep is not None:
                keep[tag] = data
    return catalogs, errors, frozenset(unreadable)


class FullReader:
    """A report's catalogues read strictly, comments and previous msgids included (where the lean read is not
    enough: the publishing rule's earlier versions, the check gate), each parsed at most once however many ask:
    from the bytes the build read (``data``, tag -> bytes, filled by read_report_catalogs), else from disk.
    ``strict_first(tag, bytes)``: whether the build will read a catalogue strictly anyway (the check gate,
    when it has no results for these bytes), so that the pages take that one parse too."""

    def __init__(self, project: Project, report: Report, strict_first: Callable[[str, bytes], bool] | None = None) -> None:
        self.project, self.report, self.strict_first = project, report, strict_first
        self.data: dict[str, bytes] = {}
        self.parsed: dict[str, Catalog] = {}

    def parse(self, tag: str, data: bytes, display: str) -> Catalog:
        """The catalogue of these bytes (of language ``tag``), read strictly and kept."""
        found = self.parsed.get(tag)
        if found is None:
            found = self.parsed[tag] = read(data, display)
        return found

    def may_keep_earlier(self, tag: str) -> bool:
        """Whether the catalogue may hold an earlier translation: False only if the bytes the build read hold no
        earlier-translation comment (the merge's mark: ``catalog.EARLIER_COMMENT``, ASCII in any charset). The bare words,
        not status's ``catalogues.EARLIER_MARK``: a comment that only starts so still counts as an edit in progress."""
        data = self.data.get(tag)
        return data is None or EARLIER_BYTES in data

    def __call__(self, tag: str) -> Catalog:
        found = self.parsed.get(tag)
        if found is None:
            path = self.project.layout.po(self.project.config.language(tag), self.report.slug)
            display = self.project.layout.rel(path)
            found = self.parsed[tag] = read(self.data[tag], display) if tag in self.data else read_catalog(path, display)
        return found


def read_report_catalogs(project: Project, report: Report, full: FullReader) -> Read:
    """The catalogues of one report, each file read once (its bytes kept in ``full.data``): texts and states, for
    rendering, by the lean reader; strictly, by ``full``, where the build reads them strictly anyway (see
    FullReader) and derived ones with their comments when hold_ambiguous needs them."""
    config = project.config
    layout = config.layout
    held = derived_tags(config, report.lang) if config.hold_ambiguous else frozenset()

    def parse(tag: str, data: bytes, display: str) -> Catalog:
        if tag in held or (full.strict_first is not None and full.strict_first(tag, data)):
            return full.parse(tag, data, display)
        return texts_of(data, display)

    return read_catalogs(config, ((lang.tag, layout.po(lang, report.slug)) for lang in project.targets(report)), parse, full.data, project.outside)


def read_site_catalogs(config: Config) -> tuple[dict[str, Catalog], list[InputError]]:
    """The templates' own catalogues: the project's, or those shipped with tarjima; a project's one that resolves
    outside the project is not read (``load_project`` names it)."""
    located = [(lang.tag, config.layout.site_po(lang)) for lang in config.languages]
    outside = frozenset(config.layout.rel(p) for _, p in located if p.is_relative_to(config.root) and p.exists() and leads_out(config.root, str(p)))
    catalogs, errors, _ = read_catalogs(config, located, lambda tag, data, display: read(data, display), outside=outside)
    return catalogs, errors


def full_reader(project: Project, report: Report, strict_first: Callable[[str, bytes], bool] | None = None) -> FullReader:
    """How to read a report's catalogues, each once (see FullReader)."""
    return FullReader(project, report, strict_first)
