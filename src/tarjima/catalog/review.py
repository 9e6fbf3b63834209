"""Review state: the second person's "checked" on a translation, kept in the catalogue itself.

A reviewed entry carries the translator comment ``# reviewed: NAME DATE DIGEST``. A comment
survives GNU msgcat and msgmerge and every PO editor (a flag would not). The digest is taken
over the entry's msgid and msgstr as reviewed: once either is edited, the review no longer
counts (the entry is merely translated), and the next ``tarjima update`` of that report drops
the stale comment. ``require_review`` (configuration) holds back a version until every entry
it shows is reviewed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import replace

from tarjima.model import Catalog, Entry

REVIEW_PREFIX = "reviewed: "
REVIEW_RE = re.compile(r"^reviewed: (?P<name>.+) (?P<date>\d{4}-\d\d-\d\d) (?P<digest>[0-9a-f]{8})$")
REVIEW_BYTES = b"# reviewed: "  # in a catalogue's bytes: some entry may be reviewed (status reads it strictly then)


def review_digest(entry: Entry) -> str:
    return hashlib.blake2b(f"{entry.msgctxt or ''}\0{entry.msgid}\0{entry.msgstr}".encode("utf-8"), digest_size=4).hexdigest()


def review_comments(entry: Entry) -> list[str]:
    return [c for c in entry.translator_comments if c.startswith(REVIEW_PREFIX)]


def is_reviewed(entry: Entry) -> bool:
    """Translated, and a review comment that matches the entry as it is now."""
    comments = review_comments(entry)
    if not comments or not entry.translated or entry.msgid_plural is not None:
        return False  # (most entries have no review comment: no digest taken)
    digest = review_digest(entry)
    return any((m := REVIEW_RE.match(c)) is not None and m.group("digest") == digest for c in comments)


def drop_stale(entry: Entry) -> Entry:
    """The entry without review comments that no longer match it (the merge calls this)."""
    stale = [c for c in review_comments(entry) if not is_reviewed(replace(entry, translator_comments=(c,)))]
    if not stale:
        return entry
    return replace(entry, translator_comments=tuple(c for c in entry.translator_comments if c not in stale))


def mark_reviewed(catalog: Catalog, by: str, day: dt.date, msgids: frozenset[str] | None = None) -> tuple[Catalog, int, int]:
    """Mark every translated entry (or those of ``msgids``) as reviewed by ``by`` on ``day``.

    Returns the catalogue, how many entries were marked now, and how many could not be (fuzzy or
    untranslated: a review is of a finished translation). An entry already reviewed keeps its mark.
    """
    marked = refused = 0
    entries = []
    for entry in catalog.entries:
        if entry.obsolete or not entry.msgid or (msgids is not None and entry.msgid not in msgids):
            entries.append(entry)
            continue
        if not entry.translated or entry.msgid_plural is not None:
            refused += 1
        elif not is_reviewed(entry):
            kept = tuple(c for c in entry.translator_comments if not c.startswith(REVIEW_PREFIX))
            entry = replace(entry, translator_comments=(*kept, f"{REVIEW_PREFIX}{by} {day.isoformat()} {review_digest(entry)}"))
            marked += 1
        entries.append(entry)
    return replace(catalog, entries=tuple(entries)), marked, refused


def reviewed_count(catalog: Catalog) -> int:
    return sum(1 for e in catalog.active if is_reviewed(e))
