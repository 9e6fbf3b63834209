"""The views of ``status``: a terminal table, Markdown, CSV and the documented JSON, and the words an editor reads."""

from __future__ import annotations

import csv
import io
import json
import re

from tarjima.catalogues import LangStatus, words
from tarjima.model import COUNTERS, Report
from tarjima.publication import Standing
from tarjima.status.compute import StatusResult

SITE_ROW = "(site strings)"  # the templates' own catalogue, in the table


def to_json(result: StatusResult) -> str:
    """The documented JSON schema (docs/editors.md: "status --format json")."""
    data = {
        "reports": [
            {
                "slug": row.report.slug,
                "source": row.report.path,
                "source_lang": row.report.lang,
                "draft": row.report.draft,
                **publication_json(result.standing[row.report.slug], row.report),
                "languages": {tag: s.as_json() for tag, s in row.languages.items()},
            }
            for row in result.reports
        ],
        "totals": {tag: {**result.total_status(tag, c).as_json(), "refused": result.refused_in(tag)} for tag, c in result.totals().items()},
        "site": {tag: s.as_json() for tag, s in result.site.items()},
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def publication_json(s: Standing, report: Report) -> dict[str, object]:
    """A report's schedule and clearance in status's JSON (docs/publication.md)."""
    c = s.cleared
    return {
        "publish_at": report.publish_at.isoformat() if report.publish_at else None,
        "scheduled": s.until is not None,
        "cleared": {"by": c.by, "date": c.day.isoformat(), "current": c.holds} if c is not None else None,
        "waits_for_clearance": s.held_for_clearance,
    }


HEAD = ("report", "lang", "translated", "fuzzy", "untranslated", "obsolete", "words", "% words", "% entries", "state")


def rows(result: StatusResult) -> list[tuple[str, ...]]:
    """One row per (report, language), then the totals."""
    out = []
    for row in result.reports:
        for tag, s in row.languages.items():
            out.append(row_of(row.report.slug, tag, s))
    for tag, s in result.site.items():
        out.append(row_of(SITE_ROW, tag, s))
    for tag, counts in result.totals().items():
        out.append(row_of("TOTAL", tag, result.total_status(tag, counts)))
    return out


def row_of(name: str, tag: str, s: LangStatus) -> tuple[str, ...]:
    c = s.counts
    machine = f" ({c.machine} MT)" if c.machine else ""
    return (
        name, tag, f"{c.translated}/{c.total}", f"{c.fuzzy}{machine}", str(c.untranslated), str(c.obsolete),
        f"{c.words_translated}/{c.words}", f"{s.percent:.1f}", f"{s.percent_entries:.1f}", words(s),
    )


def to_table(result: StatusResult, colour: bool = False) -> str:
    """A plain-text table for a terminal."""
    table = [HEAD, *rows(result)]
    widths = [max(len(r[i]) for r in table) for i in range(len(HEAD))]
    colours = {"done": "\x1b[32m", "earlier version online": "\x1b[33m", "stale": "\x1b[31m", "needs review": "\x1b[33m", "partial": "\x1b[33m", "new": "\x1b[31m",
               "no catalogue": "\x1b[31m", "refused": "\x1b[31m"}
    lines = []
    for r in table:
        cells = [c.ljust(w) if i < 2 or i == len(r) - 1 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))]
        line = "  ".join(cells).rstrip()
        word = re.split(r" \(|,|;", r[-1], maxsplit=1)[0]  # the state's first word
        if colour and word in colours:
            line = colours[word] + line + "\x1b[0m"
        lines.append(line)
    return "\n".join(lines) + "\n"


def to_markdown(result: StatusResult) -> str:
    """A Markdown table for a pull-request comment."""
    lines = ["| " + " | ".join(HEAD) + " |", "|" + "|".join("---:" if 2 <= i < len(HEAD) - 1 else "---" for i in range(len(HEAD))) + "|"]
    lines += ["| " + " | ".join(c.replace("|", "\\|") for c in r) + " |" for r in rows(result)]
    return "\n".join(lines) + "\n"


def to_csv(result: StatusResult) -> str:
    """CSV for a spreadsheet: raw counters, one row per (report, language)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["slug", "source", "source_lang", "lang", *COUNTERS, "percent", "percent_entries", "stale", "earlier", "refused", "behind"])
    for row in result.reports:
        for tag, s in row.languages.items():
            writer.writerow([row.report.slug, row.report.path, row.report.lang, tag, *(getattr(s.counts, n) for n in COUNTERS), s.percent, s.percent_entries, str(s.stale).lower(), s.earlier, s.refused, s.behind])
    return buffer.getvalue()


FORMATS = {"json": to_json, "markdown": to_markdown, "csv": to_csv}
