"""Merging a template into a catalogue as GNU msgmerge does: keep, fuzz (with the previous msgid) or obsolete; never drop. The rules case by case, as doctests."""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace

from tarjima.catalog.current import DIGEST_HEADER
from tarjima.catalog.fuzzy import FuzzyIndex
from tarjima.catalog.review import drop_stale
from tarjima.model import Catalog, Entry


def carry(old: Entry, new: Entry, forms: int = 2) -> Entry:
    """The template entry with the translator's work of an exactly matching old entry.

    When the msgid gained or lost its plural, the translation comes along as msgmerge brings
    it, fuzzy: the first form becomes the singular msgstr, or the singular fills each of the
    catalogue's ``forms`` plural forms.
    """
    if (old.msgid_plural is None) != (new.msgid_plural is None):
        msgstr_plural: tuple[str, ...]
        if new.msgid_plural is None:
            msgstr, msgstr_plural = old.msgstr_plural[0] if old.msgstr_plural else "", ()
        else:
            msgstr, msgstr_plural = "", (old.msgstr,) * max(forms, 1)
        entry = replace(
            new, msgstr=msgstr, msgstr_plural=msgstr_plural, flags=tuple(dict.fromkeys((*old.flags, *new.flags))), translator_comments=old.translator_comments,
            previous_msgctxt=old.msgctxt, previous_msgid=old.msgid, previous_msgid_plural=old.msgid_plural,
        )
        return entry.with_flag("fuzzy")
    return replace(
        new,
        msgstr=old.msgstr,
        msgstr_plural=old.msgstr_plural,
        flags=tuple(dict.fromkeys((*old.flags, *new.flags))),
        translator_comments=old.translator_comments,
        previous_msgctxt=old.previous_msgctxt if old.fuzzy else None,
        previous_msgid=old.previous_msgid if old.fuzzy else None,
        previous_msgid_plural=old.previous_msgid_plural if old.fuzzy else None,
    )


EARLIER_COMMENT = "earlier translation kept by tarjima"  # and a digest of that msgstr (see ``earlier_mark``)


def earlier_mark(msgstr: str) -> str:
    """The translator comment on a fuzzy entry whose msgstr is a whole translation of its ``#|`` previous
    msgid, as the merge kept it: the digest tells whether the msgstr was edited since."""
    return f"{EARLIER_COMMENT} {hashlib.blake2b(msgstr.encode('utf-8'), digest_size=4).hexdigest()}"


def edited_since_kept(catalog: Catalog) -> int:
    """How many fuzzy entries hold an earlier translation the translator has since begun to edit (``earlier_mark`` no longer matches)."""
    return sum(1 for e in catalog.messages().values() if e.fuzzy and any(c.startswith(EARLIER_COMMENT) for c in e.translator_comments)
               and earlier_mark(e.msgstr) not in e.translator_comments)


def spent_marks(catalog: Catalog) -> int:
    """How many entries no longer fuzzy still carry an ``earlier_mark``: it has done its work (a merge with ``mark`` drops it)."""
    return sum(1 for e in catalog.active if not e.fuzzy and any(c.startswith(EARLIER_COMMENT) for c in e.translator_comments))


def fuzz(old: Entry, new: Entry, mark: bool = False) -> Entry:
    """The template entry with a similar old entry's translation, fuzzy, naming the old msgid.

    With ``mark``, a whole translation made fuzzy (the old entry was translated) gets
    ``earlier_mark``: the earlier-version rule of the build publishes it only while it is so.
    """
    source = old.previous_msgid if old.fuzzy and old.previous_msgid is not None else old.msgid
    comments = old.translator_comments
    if mark and old.translated and new.msgid_plural is None and old.msgid_plural is None:
        comments = (*(c for c in comments if not c.startswith(EARLIER_COMMENT)), earlier_mark(old.msgstr))
    # Across singular and plural, as msgmerge offers it: a plural's forms are not a singular's text
    # (the entry is fuzzy with its msgstr empty), and a singular's text fills no plural form.
    plural = old.msgstr_plural if new.msgid_plural is not None and old.msgid_plural is not None else ()
    entry = replace(
        new,
        msgstr=old.msgstr if new.msgid_plural is None else "",
        msgstr_plural=plural,
        flags=tuple(dict.fromkeys((*old.flags, *new.flags))),
        translator_comments=comments,
        previous_msgctxt=old.msgctxt,
        previous_msgid=source,
        previous_msgid_plural=old.msgid_plural,
    )
    return entry.with_flag("fuzzy")


def retire(old: Entry) -> Entry:
    """An entry whose text left the source, kept as obsolete (#~) with all the translator wrote."""
    return replace(old, obsolete=True, references=(), line=0)


def worth_keeping(entry: Entry) -> bool:
    """Whether an entry holds anything a translator wrote."""
    return entry.has_translation or bool(entry.translator_comments)


def merge(old: Catalog, pot: Catalog, mark: bool = False) -> Catalog:
    """Merge a template into a catalogue as GNU msgmerge does: keep, fuzz or obsolete; never drop.

    An unchanged msgid keeps its translation (an obsolete one is revived); a new msgid
    takes the old translation msgmerge would offer (``FuzzyIndex``: the most similar old
    msgid with a translation, obsolete ones and other contexts included), fuzzy, with
    ``#| msgid``; old entries that no template entry took become obsolete, unless they hold
    nothing a translator wrote. ``mark``: a whole translation made fuzzy gets ``earlier_mark``,
    and review comments that no longer match their entry go (a report's catalogues; GNU's
    msgmerge adds and drops no comment).

    >>> def merged(old, new):
    ...     result = merge(Catalog(entries=tuple(old)), Catalog(entries=tuple(Entry(t) for t in new)))
    ...     return [(e.msgid, e.msgstr, e.flags, e.previous_msgid, e.obsolete) for e in result.entries]

    Unchanged: the translation is kept as it is.

    >>> merged([Entry("The seminar opened.", "Семинар открылся.")], ["The seminar opened."])
    [('The seminar opened.', 'Семинар открылся.', (), None, False)]

    Edited: the closest old translation, fuzzy, with the old text as ``#| msgid``.

    >>> merged([Entry("The seminar was held in Tashkent.", "Семинар прошёл в Ташкенте.")], ["The seminar was held in Samarkand."])
    [('The seminar was held in Samarkand.', 'Семинар прошёл в Ташкенте.', ('fuzzy',), 'The seminar was held in Tashkent.', False)]

    Removed: kept as obsolete (``#~``); an empty entry with nothing a translator wrote goes.

    >>> merged([Entry("Kept.", "Оставлено."), Entry("Removed.", "Удалено."), Entry("Empty.")], ["Kept."])
    [('Kept.', 'Оставлено.', (), None, False), ('Removed.', 'Удалено.', (), None, True)]

    Returned: an obsolete entry whose text comes back is revived with its translation.

    >>> merged([Entry("Back again.", "Снова здесь.", obsolete=True)], ["Back again."])
    [('Back again.', 'Снова здесь.', (), None, False)]
    """
    active = {e.key: e for e in old.entries if not e.obsolete}
    retired = {e.key: e for e in old.entries if e.obsolete}
    forms = plural_count(old.header("Plural-Forms"))
    index: FuzzyIndex | None = None  # built only when some msgid has no exact match
    used: set[tuple[str | None, str]] = set()
    entries: list[Entry] = []
    for new in pot.entries:
        previous = active.get(new.key) or retired.get(new.key)
        if previous is not None:
            kept = carry(previous, new, forms or 2)
            if mark and not kept.fuzzy and any(c.startswith(EARLIER_COMMENT) for c in kept.translator_comments):  # reviewed since: the mark has done its work
                kept = replace(kept, translator_comments=tuple(c for c in kept.translator_comments if not c.startswith(EARLIER_COMMENT)))
            entries.append(drop_stale(kept) if mark else kept)
            used.add(previous.key)
            continue
        index = index or FuzzyIndex(old.entries)
        match = index.closest(new.msgid, new.msgctxt)
        if match is not None:
            entries.append(drop_stale(fuzz(match, new, mark)) if mark else fuzz(match, new, mark))
            used.add(match.key)
        else:
            entries.append(new)
    for entry in old.entries:
        if entry.key not in used and worth_keeping(entry):
            entries.append(retire(entry))
    entries = [
        replace(e, msgstr_plural=("",) * forms) if e.msgid_plural is not None and not any(e.msgstr_plural) and forms else e
        for e in entries
    ]
    headers = dict(old.headers)
    headers["POT-Creation-Date"] = pot.header("POT-Creation-Date")
    if pot.header(DIGEST_HEADER):
        headers[DIGEST_HEADER] = pot.header(DIGEST_HEADER)
    headers["Content-Type"] = "text/plain; charset=UTF-8"
    return replace(old, entries=tuple(entries), headers=tuple(headers.items()), charset="UTF-8")


def plural_count(plural_forms: str) -> int:
    """nplurals of a Plural-Forms header, 0 when absent."""
    match = re.search(r"nplurals\s*=\s*(\d+)", plural_forms)
    return int(match.group(1)) if match else 0
