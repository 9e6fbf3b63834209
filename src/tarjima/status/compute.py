"""Translation status: per report and language, the counters of msgfmt --statistics, words and staleness."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Sequence

from tarjima.catalogues import NO_FILE, LangStatus, caches, catalogue_files, count_files, lang_status, missing_status, refused_status, settle, site_status, source_counts
from tarjima.config import Language
from tarjima.derive.plan import Derivations
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

    def below(self, threshold: float) -> list[tuple[str, str]]:
        """The CI gate: each selected version under ``threshold`` percent (by words), stale, behind its base or refused, with why."""
        named = [(f"{r.report.slug} [{t}] ({r.report.path})", s) for r in self.reports for t, s in r.languages.items()]
        named += [(f"site strings [{t}] (_site.po)", s) for t, s in self.site.items()]
        return [(name, gate_reason(s, threshold)) for name, s in named if s.refused or s.stale or s.behind or s.percent < threshold]

    def refused_in(self, tag: str) -> int:
        """How many catalogues of this language ("all": of any language) were refused (counted as untranslated in the totals)."""
        return sum(1 for r in self.reports for t, s in r.languages.items() if s.refused and tag in (t, "all"))

    def total_status(self, tag: str, counts: Counts) -> LangStatus:
        """A language's totals as one status: stale when any of its catalogues is, refused when any was."""
        refused = self.refused_in(tag)
        return LangStatus(counts, self.stale_in(tag), refused=f"{refused} catalogue{'s' if refused != 1 else ''}" if refused else "")


def gate_reason(s: LangStatus, threshold: float) -> str:
    """Why a version fails ``--fail-under``."""
    if s.refused:
        return f"refused ({s.refused})"
    if s.stale:
        return "stale: run tarjima update"
    if s.behind:
        return f"{s.behind} changed since it was derived: run tarjima update"
    return f"{s.percent:.1f}% < {threshold:g}%"


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
    derivations = Derivations(project.config) if derived else None
    rows: dict[str, ReportStatus] = {}
    for (report, lang), (_, display), done in zip(wanted, files, counted):
        row = rows.get(report.slug) or rows.setdefault(report.slug, ReportStatus(report))
        value = settle(done, display, index, store, result.errors)
        if value is None:
            if done == NO_FILE:
                row.languages[lang.tag] = missing_status(project, report)
            else:  # refused: its row stays, and nothing of it counts as translated
                row.languages[lang.tag] = refused_status(source_counts(project.document(report)), done[1])
            continue
        row.languages[lang.tag] = lang_status(project, report, lang, value, display, store, done[2], derivations if display in derived else None)
    result.reports = [rows.get(report.slug) or ReportStatus(report) for report in reports]
    site_status(project, languages, index, store, result.errors, result.site)
    if index and store:
        partial = len(reports) < len(project.reports) or len(languages) < len(project.config.languages)
        index.save(partial)
        store.save(partial)
        if derivations is not None and "index" in derivations.__dict__:
            derivations.index.save(partial=True)  # the base catalogues' keys (update's too: valid while a base's stamp holds)
    return result


