"""The publication record: when each language version was first published, when its published text last
changed, when a correction note was added, when it was retracted; one CSV file, committed.

``published/record.csv`` (one row per version ever published, sorted by slug and language)::

    slug,lang,first_published,last_changed,digest,corrected,correction,retracted
    seminar,ru,2026-12-07T04:31:00Z,2026-12-09T10:02:00Z,1f0c…,2026-12-09T10:02:00Z,9ab1…,

A build reads it, dates what it publishes by it (JSON-LD ``datePublished``/``dateModified``,
Atom ``<published>``/``<updated>``, sitemap ``<lastmod>``), and writes it back, after the site
is in place and only when a row changed. The build's own clock does not date anything it
publishes again: a version keeps its first date as long as the record is committed. A version
the record lacks is dated by ``SOURCE_DATE_EPOCH`` when set (CI sets it to the last commit's
time: every rebuild of that commit gives the same date), else by the build's moment.

What counts as a change is the published *text* (the digest of every passage as the version's
readers get it), so a template change or a re-render changes no date. A *correction* is an
editor's note (``correction:`` in the front matter, translated like the title): a new or changed
note dates the correction and is shown on every version; a text change without one is a silent
fix (its ``dateModified`` moves, no note is shown).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from pathlib import Path
from typing import Iterable, Mapping, NamedTuple

from tarjima.errors import InputError
from tarjima.files import csv_rows, csv_text, read_text, sweep, write_if_changed

FILE = "published/record.csv"
HEADER = ("slug", "lang", "first_published", "last_changed", "digest", "corrected", "correction", "retracted")


class Entry(NamedTuple):
    """One version's row (a named tuple: every build reads the whole record, and a tuple is made several times faster than a frozen dataclass)."""

    slug: str
    lang: str
    first_published: str  # ISO 8601 UTC, "2026-12-07T04:31:00Z"
    last_changed: str
    digest: str  # of the published text
    corrected: str = ""  # when the current correction note was first published
    correction: str = ""  # the digest of that note's source text
    retracted: str = ""  # when the report was first built as retracted

    def row(self) -> tuple[str, ...]:
        return tuple(self)


Record = dict[tuple[str, str], Entry]  # (slug, lang) -> its row


def stamp(now: dt.datetime) -> str:
    """The moment a build dates what it publishes for the first time or changes: SOURCE_DATE_EPOCH when set, else ``now``."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return moment_text(dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc) if epoch.isdigit() else now)


def moment_text(when: dt.datetime) -> str:
    """An aware moment as the record writes it: UTC, to the second."""
    return when.astimezone(dt.timezone.utc).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def text_digest(texts: Iterable[tuple[str, str]]) -> str:
    """The digest of a version's published text: each passage's id and text, in order."""
    h = hashlib.blake2b(digest_size=10)
    for segment_id, text in texts:
        h.update(segment_id.encode("utf-8") + b"\0" + text.encode("utf-8") + b"\1")
    return h.hexdigest()


def note_digest(note: str) -> str:
    return hashlib.blake2b(" ".join(note.split()).encode("utf-8"), digest_size=6).hexdigest() if note.strip() else ""


# The record this process last read or wrote, with its text, by file: `serve`'s next rebuild reads the file and,
# finding those very characters, takes the rows without parsing them again. The text decides, never a file stamp.
KNOWN: dict[str, tuple[str, Record]] = {}


def load(root: Path) -> Record:
    """The committed record of the project at ``root`` (empty when there is none); bad rows are bad input."""
    path = root / FILE
    if not path.is_file():
        return {}
    text = read_text(path, FILE)
    known = KNOWN.get(str(path))
    if known is not None and known[0] == text:
        return dict(known[1])
    record: Record = {}
    for number, row in enumerate(csv_rows(text, FILE, HEADER, "the record"), start=2):
        if not valid_row(row):
            raise InputError(FILE, f"row {number} is not a record row", "restore the file from git (tarjima writes it; do not edit it by hand)", number)
        record[(row[0], row[1])] = Entry(*row)
    KNOWN[str(path)] = (text, dict(record))
    return record


def valid_row(row: list[str] | tuple[str, ...]) -> bool:
    return (len(row) == len(HEADER) and bool(row[0] and row[1] and row[2] and row[3])
            and valid_moment(row[2]) and valid_moment(row[3]) and valid_moment(row[5]) and valid_moment(row[7]))


MOMENT = re.compile(r"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)Z", re.ASCII)  # the form moment_text writes


VALID: set[str] = set()  # the moments found valid: a record repeats each build's moment in every row that build dated


def valid_moment(value: str) -> bool:
    """Whether strptime reads the value as a record's moment; the form tarjima writes is checked without it (a tenth of the time),
    and a moment already found valid is not checked again."""
    if not value or value in VALID:
        return True
    written = MOMENT.fullmatch(value)
    try:
        if written:
            year, month, day, hour, minute, second = map(int, written.groups())
            dt.datetime(year, month, day, hour, minute, second)  # the same ranges strptime's result must pass
        else:
            dt.datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        return False
    VALID.add(value)
    return True


def dumps(record: Mapping[tuple[str, str], Entry]) -> str:
    return csv_text(HEADER, (record[key].row() for key in sorted(record)))


PLAIN_FIELD = re.compile(r'[^,"\r\n]*')  # a field the CSV writer writes as it is, never quoted


def spliced(known: tuple[str, Record] | None, record: Mapping[tuple[str, str], Entry]) -> tuple[str, list[tuple[str, str]]] | None:
    """``dumps(record)`` and its keys in order, made from the text the known rows were last read from or written as: the lines of the
    rows that changed replaced (a rebuild changes a few rows of thousands). None unless the record has the very
    keys of those rows, in the sorted order ``dumps`` writes, each row one line of the text and each new row's
    fields plain (no comma, quote or line break: written unquoted)."""
    if known is None or len(known[1]) != len(record) or '"' in known[0] or "\r" in known[0]:
        return None
    text, rows = known
    lines = text.split("\n")  # the header, a line a row, and "" after the last line's end
    if len(lines) != len(rows) + 2 or lines[0] != ",".join(HEADER) or lines[-1] != "":
        return None
    keys = list(rows)
    if any(a >= b for a, b in zip(keys, keys[1:])):
        return None  # not in sorted order (a file written by another hand)
    for number, key in enumerate(keys, start=1):
        entry = record.get(key)
        if entry is None:
            return None
        if entry != rows[key]:
            if not all(PLAIN_FIELD.fullmatch(field) for field in entry):
                return None
            lines[number] = ",".join(entry)
    return "\n".join(lines), keys


def save(root: Path, record: Mapping[tuple[str, str], Entry]) -> bool:
    """Write the record if it changed (the project's lock held); whether it did."""
    path = root / FILE
    sweep(path.parent)  # a temporary file a build cut short left
    made = spliced(KNOWN.get(str(path)), record)
    text, order = made if made is not None else (dumps(record), sorted(record))
    wrote = write_if_changed(path, text)
    rows = {(entry.slug, entry.lang): entry for entry in (record[key] for key in order)}  # what load makes of the text, in its order
    before = KNOWN.get(str(path), ("", {}))[1]  # rows read or written before are valid: only the others are checked
    if len(rows) == len(record) and all(before.get(key) is entry or valid_row(entry) for key, entry in rows.items()):
        KNOWN[str(path)] = (text, rows)
    else:
        KNOWN.pop(str(path), None)
    return wrote


def updated(old: Entry | None, slug: str, lang: str, digest: str, note: str, moment: str, first: str = "") -> Entry:
    """A version's row after a build published ``digest`` (with correction note digest ``note``) at ``moment``.

    ``first``: the moment the version is due to go online (a schedule), dating its first publication instead.

    >>> row = updated(None, "s", "ru", "aa", "", "2026-12-07T04:31:00Z")
    >>> row.first_published == row.last_changed == "2026-12-07T04:31:00Z"
    True
    >>> updated(row, "s", "ru", "aa", "", "2026-12-09T00:00:00Z") == row  # the same text: nothing changes
    True
    >>> fixed = updated(row, "s", "ru", "bb", "", "2026-12-09T00:00:00Z")  # a silent fix
    >>> (fixed.first_published, fixed.last_changed, fixed.corrected)
    ('2026-12-07T04:31:00Z', '2026-12-09T00:00:00Z', '')
    >>> noted = updated(fixed, "s", "ru", "cc", "n1", "2026-12-10T00:00:00Z")  # a correction with its note
    >>> (noted.last_changed, noted.corrected, noted.correction)
    ('2026-12-10T00:00:00Z', '2026-12-10T00:00:00Z', 'n1')
    """
    if old is None:
        when = first or moment
        return Entry(slug, lang, when, when, digest, when if note else "", note)
    entry = old
    if old.digest != digest:
        entry = entry._replace(digest=digest, last_changed=moment)
    if note != old.correction:
        entry = entry._replace(correction=note, corrected=moment if note else "")
    return entry._replace(retracted="") if entry.retracted else entry
