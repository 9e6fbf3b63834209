"""How the build reads a report's catalogues: each file once, its bytes kept for the check gate."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable

from tarjima.config import Config
from tarjima.derive.plan import derived_tags
from tarjima.errors import InputError
from tarjima.files import read_bytes
from tarjima.model import Catalog, Report
from tarjima.po.quick import scan
from tarjima.po.read import read, read_catalog
from tarjima.project import Project

Read = tuple[dict[str, Catalog], list[InputError], frozenset[str]]  # catalogues, errors, tags whose file could not be read


def texts_of(data: bytes, display: str) -> Catalog:
    """A catalogue's texts and states for rendering: the lean reader, or the strict one if need be."""
    scanned = scan(data, display)
    return scanned.catalog() if scanned is not None else read(data, display)


def read_catalogs(config: Config, located: Iterable[tuple[str, Path]], parse: Callable[[bytes, str], Catalog], keep: dict[str, bytes] | None = None) -> Read:
    """Catalogues by language tag, each read once where it exists (its bytes kept in ``keep``); unreadable ones become errors."""
    catalogs: dict[str, Catalog] = {}
    errors: list[InputError] = []
    unreadable: set[str] = set()
    for tag, path in located:
        if path.exists():
            display = config.layout.rel(path)
            try:
                data = read_bytes(path, display)
                catalogs[tag] = parse(data, display)
            except InputError as exc:
                errors.append(exc)
                unreadable.add(tag)
                continue
            if keep is not None:
                keep[tag] = data
    return catalogs, errors, frozenset(unreadable)


def read_report_catalogs(project: Project, report: Report, keep: dict[str, bytes] | None = None) -> Read:
    """The catalogues of one report (texts and states, for rendering; derived ones with their comments when hold_ambiguous needs them)."""
    config = project.config
    layout = config.layout
    strict = derived_tags(config, report.lang) if config.hold_ambiguous else frozenset()
    read_all = read_catalogs(config, ((lang.tag, layout.po(lang, report.slug)) for lang in project.targets(report) if lang.tag not in strict), texts_of, keep)
    if not strict:
        return read_all
    read_held = read_catalogs(config, ((lang.tag, layout.po(lang, report.slug)) for lang in project.targets(report) if lang.tag in strict), read, keep)
    return {**read_all[0], **read_held[0]}, read_all[1] + read_held[1], read_all[2] | read_held[2]


def read_site_catalogs(config: Config) -> tuple[dict[str, Catalog], list[InputError]]:
    """The templates' own catalogues: the project's, or those shipped with tarjima."""
    catalogs, errors, _ = read_catalogs(config, ((lang.tag, config.layout.site_po(lang)) for lang in config.languages), read)
    return catalogs, errors


def full_reader(project: Project, report: Report) -> Callable[[str], Catalog]:
    """How to read one of a report's catalogues strictly, comments and previous msgids included (when the lean read is not enough)."""
    def full(tag: str) -> Catalog:
        path = project.layout.po(project.config.language(tag), report.slug)
        return read_catalog(path, project.layout.rel(path))

    return full
