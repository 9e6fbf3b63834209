"""A catalogue's counters, as ``msgfmt --statistics`` counts them, and tarjima's own (words, machine drafts)."""

from __future__ import annotations

from tarjima.catalog.template import words
from tarjima.model import MACHINE_COMMENT, Catalog, Counts, Entry


def gnu_state(entry: Entry) -> str:
    """An active entry's state as ``msgfmt --statistics`` counts it: "untranslated" when its
    first msgstr (``msgstr`` or ``msgstr[0]``) is empty, else "fuzzy" or "translated".

    GNU looks only at the first form: a plural entry with ``msgstr[1]`` empty is translated,
    a fuzzy one with ``msgstr[0]`` empty is untranslated. An empty header entry (read as an
    entry with msgid "") is one untranslated message; a real header is never counted.

    >>> gnu_state(Entry("one", msgid_plural="many", msgstr_plural=("bir", "")))
    'translated'
    >>> gnu_state(Entry("one", msgid_plural="many", msgstr_plural=("", "ko'p"), flags=("fuzzy",)))
    'untranslated'
    """
    first = entry.msgstr_plural[0] if entry.msgid_plural is not None and entry.msgstr_plural else entry.msgstr
    if not first:
        return "untranslated"
    return "fuzzy" if entry.fuzzy else "translated"


def counts(catalog: Catalog, machine_marker: str = MACHINE_COMMENT) -> Counts:
    """Entry counts as ``msgfmt --statistics`` gives them, and source words."""
    total = translated = fuzzy = obsolete = machine = 0
    word_total = word_done = 0
    for entry in catalog.entries:
        if entry.obsolete:
            obsolete += 1
            continue
        total += 1
        n = words(entry.msgid)
        word_total += n
        state = gnu_state(entry)
        if state == "translated":
            translated += 1
            word_done += n
        elif state == "fuzzy":
            fuzzy += 1
            if any(c.startswith(machine_marker) for c in entry.translator_comments):
                machine += 1
    return Counts(
        total=total,
        translated=translated,
        fuzzy=fuzzy,
        untranslated=total - translated - fuzzy,
        obsolete=obsolete,
        words=word_total,
        words_translated=word_done,
        machine=machine,
    )
