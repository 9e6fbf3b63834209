"""Translation status: per report and language, the counters of msgfmt --statistics, words and staleness."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Sequence

from tarjima.catalogues import NO_FILE, LangStatus, caches, catalogue_files, count_files, lang_status, missing_status, settle, site_status
from tarjima.config import Language
from tarjima.errors import InputError
from tarjima.model import COUNTERS, Counts, Report
from tarjima.project import Project
from tarjima.publication import Standing, standing


@dataclass
class ReportStatus:
    report: Report
    languages: dict[str, LangStatus] = field(default_factory=dict)


@dataclass
class StatusResult:
    reports: list[ReportStatus] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    order: tuple[str, ...] = ()  # the configured languages, for the totals
    site: dict[str, LangStatus] = field(default_factory=dict)  # the templates' own strings, per language
    standing: dict[str, Standing] = field(default_factory=dict)  # slug -> its schedule and clearance (publication.standing)

    def totals(self) -> dict[str, Counts]:
        """Counters summed per language, and over all languages under "all"."""
        sums: dict[str, dict[str, int]] = {}
        for row in self.reports:
            for tag, status in row.languages.items():
                for key in (tag, "all"):
                    bucket = sums.setdefault(key, dict.fromkeys(COUNTERS, 0))
                    for name in COUNTERS:
                        bucket[name] += getattr(status.counts, name)
        rank = {tag: i for i, tag in enumerate((*self.order, "all"))}
        ordered = sorted(sums, key=lambda k: rank.get(k, len(rank)))
        return {k: Counts(**sums[k]) for k in ordered}

    def stale_in(self, tag: str) -> bool:
        """Whether any catalogue of this language ("all": of any language) is stale."""
        return any(s.stale for r in self.reports for t, s in r.languages.items() if tag in (t, "all"))


def compute(project: Project, reports: Sequence[Report], languages: Sequence[Language], use_cache: bool = True, jobs: int | None = None,
            now: dt.datetime | None = None) -> StatusResult:
    """Read each selected catalogue once and count it; a bad catalogue is an error, the rest go on.

    A catalogue merged from the source as it is now (its recorded digest matches) is current
    without parsing the source's Markdown; counts are remembered per file while its stamp is
    unchanged (not even read), and by content (read, not counted: a fresh checkout with the
    cache kept); on a large project the catalogues are counted on every core. Each report's schedule and
    clearance are judged at ``now`` (default: the wall clock).
    """
    now = now or dt.datetime.now(dt.timezone.utc)
    result = StatusResult(errors=list(project.errors), order=tuple(lang.tag for lang in languages),
                          standing={r.slug: standing(r, project.config, now) for r in reports})
    index, store = caches(project) if use_cache else (None, None)
    wanted, files, derived = catalogue_files(project, reports, languages)
    counted = count_files(files, index, store, jobs, derived)
    rows: dict[str, ReportStatus] = {}
    for (report, lang), (_, display), done in zip(wanted, files, counted):
        row = rows.get(report.slug) or rows.setdefault(report.slug, ReportStatus(report))
        value = settle(done, display, index, store, result.errors)
        if value is None:
            if done == NO_FILE:
                row.languages[lang.tag] = missing_status(project, report)
            continue
        row.languages[lang.tag] = lang_status(project, report, lang, value, display, store, done[2])
    result.reports = [rows.get(report.slug) or ReportStatus(report) for report in reports]
    site_status(project, languages, index, store, result.errors, result.site)
    if index and store:
        partial = len(reports) < len(project.reports) or len(languages) < len(project.config.languages)
        index.save(partial)
        store.save(partial)
    return result


