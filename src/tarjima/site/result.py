"""What a build did, and the refusal that stops one before it writes anything: shared by the site build and the exports."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from tarjima.errors import InputError
from tarjima.project import Project
from tarjima.publication import Standing, standing


@dataclass
class BuildResult:
    """What a build did: pages per language folder, versions skipped and why, bad input."""

    out: Path
    desk: Path | None = None  # the editors' desk of an HTML build (site.output.folders)
    pages: dict[str, int] = field(default_factory=dict)
    skipped: list[tuple[str, str, str]] = field(default_factory=list)  # (slug, lang, why)
    earlier: list[tuple[str, str, str]] = field(default_factory=list)  # (slug, lang, what): published from an earlier source text
    errors: list[InputError] = field(default_factory=list)
    files: int = 0
    refused: bool = False  # bad input and no --keep-going: OUT was left exactly as it was
    images_processed: int = 0  # photos whose derivatives were made in this build (not found in the cache)
    unnamed_tags: list[tuple[str, str]] = field(default_factory=list)  # (tag, language) without a name in locales/tags.csv
    held: list[Standing] = field(default_factory=list)  # reports no version of which is published: by their schedule, or waiting for clearance
    recorded: int = 0  # rows of the publication record this build added or changed (published/record.csv)
    kept: int = 0  # kept texts written (published/<lang>/<slug>.md)
    tags_recorded: int = 0  # tags given their address by this build (published/tags.csv)
    tag_clashes: list[str] = field(default_factory=list)  # a new tag whose address another tag had: given the next one (site.tags)
    untranslatable: list[tuple[str, int, str]] = field(default_factory=list)  # (source, line, what): text shown untranslated in every language
    indexed: dict[str, int] | None = None  # the search index made in this build: its pages per language tag (None: not made, tarjima.search)
    index_seconds: float = 0.0  # how long making it took


class Refused(Exception):
    """Bad input was found and the build must change nothing (raised before anything is written to OUT)."""

    def __init__(self, errors: list[InputError]) -> None:
        super().__init__(f"{len(errors)} input(s) refused")
        self.errors = errors


def held(project: Project, now: dt.datetime) -> list[Standing]:
    """The reports held back at ``now`` by their schedule or for clearance (drafts are named as such), in source order."""
    found = [standing(report, project.config, now) for report in project.reports if not report.draft]
    return [s for s in found if s.reasons]
