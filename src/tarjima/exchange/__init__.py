"""Doors to other tools: TMX for translation memories, XLIFF (1.2 and 2.1) for CAT tools, Weblate's component list.

Every import fills or edits PO catalogues through ``catalogues``: each file read strictly, the
new text written only if it changes, atomically; a file that cannot be read is named and left alone.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from tarjima.config import Language
from tarjima.errors import InputError
from tarjima.model import Catalog, Report
from tarjima.po.read import read_catalog
from tarjima.project import Project

XML_ILLEGAL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Located:
    """One report's catalogue in one target language, read."""

    report: Report
    lang: Language
    path: Path
    display: str
    catalog: Catalog


def catalogues(project: Project, reports: tuple[Report, ...], langs: tuple[Language, ...], errors: list[InputError]) -> Iterator[Located]:
    """Each existing catalogue of ``reports`` in ``langs``, read strictly; an unreadable one goes to ``errors``."""
    for report in reports:
        for lang in project.targets(report):
            if lang not in langs:
                continue
            path = project.layout.po(lang, report.slug)
            if not path.exists():
                continue
            display = project.layout.rel(path)
            try:
                yield Located(report, lang, path, display, read_catalog(path, display))
            except InputError as exc:
                errors.append(exc)


def xml_text(text: str, where: str) -> str:
    """A text that XML 1.0 can hold, or bad input naming where it is."""
    bad = XML_ILLEGAL_RE.search(text)
    if bad:
        raise InputError(where, f"a control character U+{ord(bad.group()):04X} that XML cannot hold", "remove it from the text")
    return text


PO_DATE_RE = re.compile(r"^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d)(?::(\d\d))?([+-]\d{4})?$")


def po_date(value: str) -> dt.datetime | None:
    """A PO header date ("2024-12-10 09:30+0500") in UTC, or None for a placeholder or anything else."""
    match = PO_DATE_RE.match(value.strip())
    if not match:
        return None
    year, month, day, hour, minute, second, zone = match.groups()
    offset = dt.timedelta(hours=int(zone[1:3]), minutes=int(zone[3:])) * (-1 if zone and zone[0] == "-" else 1) if zone else dt.timedelta()
    try:
        when = dt.datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0), tzinfo=dt.timezone(offset))
    except ValueError:
        return None
    return when.astimezone(dt.timezone.utc)
