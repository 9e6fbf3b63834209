"""The translation of a report as it stood before its source's last edits, when it is whole."""

from __future__ import annotations

import datetime as dt

from tarjima.catalog.current import merged_from, recorded_digest
from tarjima.catalog.merge import earlier_mark, merge
from tarjima.catalog.template import template
from tarjima.model import MACHINE_COMMENT, Catalog
from tarjima.sources import Document


def earlier_translation(doc: Document, catalog: Catalog) -> dict[str, tuple[str, bool]] | None:
    """The translation as it was before the source's last edits, if it is whole: msgid -> (text, from the earlier text?); else None.

    A published translation stays published until its replacement is ready: when an editor
    changes paragraphs of a translated report, ``update`` (or here, the same merge in memory
    for a catalogue not yet updated) keeps each edited paragraph's old translation as a fuzzy
    entry with the old source text as its previous msgid. Taken together with the entries
    still translated, that is the whole translation of the earlier text. It is used only if
    every segment has one (a new paragraph with no translation at all: None), each old text
    left the source (not a copy of another paragraph's translation), no two segments claim the
    same old text, none is a machine draft, and each is still the msgstr the merge kept
    (``earlier_mark``): a translator's half-done edit of a fuzzy entry is never published.

    >>> from dataclasses import replace
    >>> from tarjima.model import Catalog, Entry
    >>> from tarjima.sources import parse_document
    >>> doc = parse_document("---\\ntitle: Visit\\ndate: 2024-12-10\\nlang: en\\n---\\n\\nThe delegation arrived on Monday.\\n", "content/v.md", ["en", "ru"])
    >>> kept = "Делегация прибыла во вторник."
    >>> po = Catalog(entries=(Entry("Visit", "Визит"), Entry("The delegation arrived on Monday.", kept, flags=("fuzzy",), previous_msgid="The delegation arrived on Tuesday.", translator_comments=(earlier_mark(kept),))))
    >>> list(earlier_translation(doc, po).values())
    [('Визит', False), ('Делегация прибыла во вторник.', True)]
    >>> half = replace(po, entries=(po.entries[0], replace(po.entries[1], msgstr="Делегация прибыла в понед")))
    >>> earlier_translation(doc, half) is None
    True
    """
    if not merged_from(recorded_digest(catalog), doc.report.digest):  # not merged from this text yet: merge as update will
        catalog = merge(catalog, template(doc, ""), mark=True)
    entries = catalog.messages()
    current = set(doc.msgids)
    cells: dict[str, tuple[str, bool]] = {}
    claimed: set[str] = set()
    for text in doc.msgids:
        entry = entries.get(text)
        if entry is None:
            return None
        if entry.translated:
            cells[text] = (entry.msgstr, False)
            continue
        old = entry.previous_msgid
        machine = any(c.startswith(MACHINE_COMMENT) for c in entry.translator_comments)
        if not entry.fuzzy or not entry.msgstr or old is None or old in current or old in entries or old in claimed or machine:
            return None
        if earlier_mark(entry.msgstr) not in entry.translator_comments:  # edited since (half done), or never a whole translation
            return None
        claimed.add(old)
        cells[text] = (entry.msgstr, True)
    return cells if claimed else None


def revision_date(catalog: Catalog) -> str:
    """The day a catalogue was last saved by its translator (PO-Revision-Date), ISO; "" if unknown."""
    value = catalog.header("PO-Revision-Date")[:10]
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        return ""
