"""Whether a report may be published at all, before any translation is judged: its clearance and its schedule.

A clearance is the front-matter line ``cleared: NAME YYYY-MM-DD DIGEST`` that ``tarjima clear``
writes; the digest is taken over the source's text without that line, so an edit of the source
after it makes it no longer hold. A schedule is ``publish_at``: a moment in the project's time zone
(``timezone``, Asia/Tashkent by default) or with an explicit offset, before which no version is
published. Both are read from the text here (no file is opened) and judged by ``standing``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from typing import NamedTuple, TYPE_CHECKING
from zoneinfo import ZoneInfo

from tarjima.errors import InputError
from tarjima.model import Clearance, Report

if TYPE_CHECKING:
    from tarjima.config import Config

CLEARED_KEY = "cleared"
CLEARED_RE = re.compile(r"(?P<by>\S.*?) (?P<day>\d{4}-\d\d-\d\d) (?P<digest>[0-9a-f]{8})")
MOMENT_RE = re.compile(r"\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d)?(?:Z|[+-]\d\d:\d\d)?)?")
CLEAR_HINT = "tarjima clear {slug} --by NAME"
PLAIN_RE = re.compile(r"[^\W_][^\n]*")  # a name YAML reads as plain text when it holds no ": " or " #"; others are written quoted


def clearance_line(text: str) -> int | None:
    """The file line of the source's ``cleared:`` line (a top-level key of its front matter), if it has one."""
    if "cleared:" not in text:
        return None
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != "---":
        return None
    for number, line in enumerate(lines[1:], start=2):
        if line.rstrip("\r\n").rstrip() in ("---", "..."):
            return None
        if line.startswith(f"{CLEARED_KEY}:"):
            return number
    return None


def without_clearance(text: str) -> str:
    """The source's text without its ``cleared:`` line: what a clearance covers, and what the catalogues are made from."""
    line = clearance_line(text)
    if line is None:
        return text
    lines = text.splitlines(keepends=True)
    return "".join(lines[: line - 1] + lines[line:])


def clearance_digest(text: str) -> str:
    """The digest a clearance records: of the source's text, its ``cleared:`` line aside."""
    return hashlib.blake2b(without_clearance(text).encode("utf-8"), digest_size=4).hexdigest()


def parse_clearance(value: object, text: str, path: str, line: int | None) -> Clearance:
    """The ``cleared:`` value of a source's front matter, checked, and whether it still holds for ``text``."""
    hint = f"remove the line and record the clearance again: {CLEAR_HINT.format(slug='SLUG')}"
    match = CLEARED_RE.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        raise InputError(path, f"`cleared` is not a clearance as tarjima clear writes it (NAME YYYY-MM-DD DIGEST): {value!r}", hint, line)
    if line is None or clearance_line(text) != line or on_its_line(text, line) != value:
        raise InputError(path, "`cleared` must be one line of its own, `cleared: ...` at the start of the line", hint, line)
    try:
        day = dt.date.fromisoformat(match["day"])
    except ValueError:
        raise InputError(path, f"`cleared` has no valid date: {match['day']!r}", hint, line) from None
    return Clearance(match["by"], day, match["digest"], match["digest"] == clearance_digest(text))


def on_its_line(text: str, line: int) -> str | None:
    """What the ``cleared:`` line says by itself: its plain text (a comment aside) or its double-quoted string."""
    raw = text.splitlines()[line - 1][len(CLEARED_KEY) + 1 :].strip()
    if not raw.startswith('"'):
        return raw.split(" #", 1)[0].rstrip()
    try:
        found = json.loads(raw)
    except ValueError:
        return None
    return found if isinstance(found, str) else None


def with_clearance(text: str, by: str, day: dt.date, fence_line: int) -> str:
    """The source's text with ``cleared: BY DAY DIGEST`` in place of its ``cleared:`` line, or, if it has none,
    as the last line of its front matter (``fence_line``: the line that closes it); every other byte as it was.

    ``by`` is one line; a name YAML would read otherwise ("#1 desk", "Desk: night") is written in double quotes.
    """
    value = f"{by} {day.isoformat()} {clearance_digest(text)}"
    plain = PLAIN_RE.fullmatch(value) is not None and ": " not in value and " #" not in value
    lines = text.splitlines(keepends=True)
    end = lines[0][len(lines[0].rstrip("\r\n")):] or "\n"  # the file's own line ending
    new = f"{CLEARED_KEY}: {value if plain else json.dumps(value, ensure_ascii=False)}{end}"
    at = clearance_line(text)
    if at is not None:
        return "".join([*lines[: at - 1], new, *lines[at:]])
    return "".join([*lines[: fence_line - 1], new, *lines[fence_line - 1 :]])


def parse_moment(value: object, zone: ZoneInfo, what: str, path: str, line: int | None = None) -> dt.datetime:
    """A moment as ``publish_at`` or ``--now`` gives it: YYYY-MM-DDTHH:MM in ``zone``, with an offset, or a date alone
    (its first minute, 00:00 in ``zone``). A local time the clocks skip or pass twice is refused."""
    text = value.strip() if isinstance(value, str) else ""
    offset = dt.datetime(2026, 12, 10, 9, 0, tzinfo=zone).isoformat()[-6:]
    example = f"write it as 2026-12-10T09:00, {zone.key} time, or with an offset: 2026-12-10T09:00{offset}"
    if not MOMENT_RE.fullmatch(text):
        raise InputError(path, f"{what} is not a date and time: {value!r}", example, line)
    try:
        moment = dt.datetime.fromisoformat(text.replace(" ", "T"))
    except ValueError as exc:
        raise InputError(path, f"{what} is not a valid date and time: {text!r}: {exc}", example, line) from None
    if moment.tzinfo is not None:
        return moment
    first, second = moment.replace(tzinfo=zone, fold=0), moment.replace(tzinfo=zone, fold=1)
    if first.utcoffset() != second.utcoffset():
        stamp = moment.isoformat(timespec="minutes")
        if first.astimezone(dt.timezone.utc).astimezone(zone).replace(tzinfo=None) != moment:
            raise InputError(path, f"{what} {stamp} does not exist in {zone.key}: the clocks skip that time",
                             f"choose another time, or give it with an offset such as {stamp}{first.isoformat()[-6:]}", line)
        raise InputError(path, f"{what} {stamp} happens twice in {zone.key}: the clocks go back over it",
                         f"give the offset: {stamp}{first.isoformat()[-6:]} (the first time) or {stamp}{second.isoformat()[-6:]} (the second)", line)
    return first


def format_moment(moment: dt.datetime, zone: ZoneInfo) -> str:
    """A moment as people read it, in the project's time zone: ``2026-12-10 09:00 Asia/Tashkent``."""
    local = moment.astimezone(zone)
    return local.strftime("%Y-%m-%d %H:%M:%S" if local.second else "%Y-%m-%d %H:%M") + f" {zone.key}"


CLEARED, WAITING, CHANGED = "cleared", "waiting", "changed"  # a report's clearance, as Standing.clearance says it


class Standing(NamedTuple):
    """Where a report stands before its translations are judged: a draft, held by its schedule, waiting for clearance."""

    slug: str
    draft: bool
    until: dt.datetime | None  # publish_at, while it is still ahead; None once it has passed, or when there is none
    when: str  # ``until`` as people read it ("" when None)
    clearance: str  # CLEARED (and it holds), CHANGED (the source changed since), WAITING (required, none given), "" (none, not required)
    cleared: Clearance | None
    required: bool  # require_clearance

    @property
    def held_for_clearance(self) -> bool:
        return self.required and self.clearance != CLEARED

    @property
    def reasons(self) -> tuple[str, ...]:
        """Why no version of the report is published (its draft flag aside: see site.publish.DRAFT); () when nothing here holds it."""
        found = [f"scheduled for {self.when}"] if self.until is not None else []
        if self.held_for_clearance:
            found.append(self.clearance_text)
        return tuple(found)

    @property
    def clearance_text(self) -> str:
        """The clearance as the desk, status and the build say it."""
        c = self.cleared
        if self.clearance == CLEARED and c is not None:
            return f"cleared by {c.by} on {c.day.isoformat()}"
        if self.clearance == CHANGED and c is not None:
            return f"cleared by {c.by} on {c.day.isoformat()}, but the source changed since: clear again ({CLEAR_HINT.format(slug=self.slug)})"
        return f"waits for clearance ({CLEAR_HINT.format(slug=self.slug)})" if self.clearance == WAITING else ""

    def notes(self) -> list[str]:
        """What the editors' desk says of the report above its versions."""
        found = ["draft: no version is published until `draft: true` is removed"] if self.draft else []
        if self.until is not None:
            found.append(f"scheduled for {self.when}: no version is published before then")
        if self.clearance_text:
            found.append(self.clearance_text)
        return found


def standing(report: Report, config: Config, now: dt.datetime) -> Standing:
    """How ``report`` stands at ``now`` (an aware moment: --now, or the wall clock; never SOURCE_DATE_EPOCH)."""
    until = report.publish_at if report.publish_at is not None and now < report.publish_at else None
    cleared = report.cleared
    state = (CLEARED if cleared.holds else CHANGED) if cleared is not None else (WAITING if config.require_clearance else "")
    return Standing(report.slug, report.draft, until, format_moment(until, config.zone) if until else "", state, cleared, config.require_clearance)


def withheld(report: Report, config: Config, now: dt.datetime) -> str | None:
    """Why no version of ``report`` may be published at ``now`` (its schedule, its clearance), or None."""
    reasons = standing(report, config, now).reasons
    return "; ".join(reasons) if reasons else None
