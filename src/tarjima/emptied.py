"""Translations another tool emptied: noticed, named, and offered back.

Some editors lose a translator's work when they save: OmegaT, used as a PO editor, empties every
fuzzy msgstr and drops its flag. ``update`` keeps a record of what each catalogue held when it last
read it (``.tarjima-cache/held/``: per catalogue, its file stamp and its non-empty
translations, written by rename). When a catalogue comes back with an entry empty that held a translation, that
translation is *emptied*: ``update`` and ``status`` name the file and the count on every run until
the translator acts, and ``update --restore`` puts each back as a fuzzy draft (with a translator
comment saying where it came from): nothing is filled silently, nothing is published from it
before a translator confirms it.

An emptied translation stops being reported when its entry holds a translation again (restored or
retyped), or when the entry leaves the catalogue (its source paragraph was edited or deleted).

The record is data, not a cache: it is not keyed by tarjima's version (an upgrade must not forget
what was lost). Deleting it forgets the emptied translations it holds; the next run records afresh.
Only catalogues whose file stamp changed are read, so a run costs what changed.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from tarjima.errors import InputError
from tarjima.model import Catalog, Entry
from tarjima.po.quick import scan
from tarjima.catalogues import catalogue_files
from tarjima.po.read import read, read_catalog
from tarjima.po.rewrite import save
from tarjima.project import Project
from tarjima.store.cache import Stamp, folder, stamp
from tarjima.store.cache import read as read_cache
from tarjima.store.cache import write as write_cache

FOLDER = "held"  # in .tarjima-cache/
INDEX = "index"
RESTORED = "restored by tarjima: emptied by an editor after"  # the translator comment of a restored draft

Texts = dict[str, str]  # msgid -> msgstr, of an active singular entry without context


@dataclass
class Emptied:
    """What editors emptied, per catalogue (display path): msgid -> the translation it held."""

    files: dict[str, Texts] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return sum(len(t) for t in self.files.values())

    def lines(self) -> list[str]:
        """One line per catalogue, for update and status."""
        return [f"{display}: {len(texts)} translation{'s' if len(texts) != 1 else ''} emptied by an editor since tarjima last read it"
                f" (an editor that empties fuzzy entries, such as OmegaT); tarjima update --restore puts them back as fuzzy drafts"
                for display, texts in sorted(self.files.items())]


def texts_of(data: bytes, display: str) -> tuple[Texts, Texts]:
    """(held, empty) texts of a catalogue's active singular entries without context: those with a translation
    (fuzzy or not), and those without (msgid -> "")."""
    scanned = scan(data, display)
    if scanned is not None:
        pairs: Iterable[tuple[str, str]] = ((m, s) for m, s, _, _ in scanned.entries)
    else:
        pairs = ((e.msgid, e.msgstr) for e in read(data, display).active if e.msgid and e.msgid_plural is None and e.msgctxt is None)
    held: Texts = {}
    empty: Texts = {}
    for msgid, msgstr in pairs:
        if msgid:
            (held if msgstr else empty)[msgid] = msgstr
    return held, empty


class Record:
    """The record of what each catalogue held; ``survey`` compares and keeps it up to date. Files are
    written by rename (as every tarjima write): an index of catalogue stamps and emptied counts, and
    one file per catalogue with its translations."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.folder = folder(root) / FOLDER
        loaded = read_cache(self.folder / INDEX)
        self.index: dict[str, tuple[str, int]] = loaded if isinstance(loaded, dict) else {}
        self.changed = False

    def close(self) -> None:
        if self.changed:
            write_cache(self.folder / INDEX, self.index)

    def path(self, display: str) -> Path:
        return self.folder / hashlib.blake2b(display.encode("utf-8"), digest_size=12).hexdigest()

    def survey(self, displays: Iterable[str], stamps: Mapping[str, Stamp] | None = None, keep: bool = True) -> Emptied:
        """Read the catalogues whose stamp changed since the record and note what they no longer hold;
        return every emptied translation still empty (of all ``displays``). ``keep`` False (status):
        compare without recording, and pass over a catalogue the record does not know yet."""
        found = Emptied()
        for display in displays:
            current = (stamps or {}).get(display)
            try:
                current = current or stamp(os.stat(self.root / display))
            except OSError:
                continue
            known = self.index.get(display)
            emptied: Texts | None = None
            if known is None and not keep:
                continue
            if known is None or known[0] != repr(current):
                try:
                    held, empty = texts_of((self.root / display).read_bytes(), display)
                except (OSError, InputError):  # a refused catalogue is named by its reader elsewhere
                    continue
                if keep:
                    known = self.note(display, repr(current), held, empty)
                else:
                    emptied = self.compare(display, empty)
            if emptied is None and known is not None and known[1]:
                emptied = self.load(display)[1]
            if emptied:
                found.files[display] = emptied
        return found

    def compare(self, display: str, empty: Texts) -> Texts:
        """What a catalogue read now has emptied, against the record (nothing recorded)."""
        before, was_emptied = self.load(display)
        return {m: s for m, s in {**was_emptied, **before}.items() if m in empty}

    def load(self, display: str) -> tuple[Texts, Texts]:
        """(held, emptied) as recorded for a catalogue; empty if never recorded or unreadable."""
        loaded = read_cache(self.path(display))
        if isinstance(loaded, tuple) and len(loaded) == 3 and loaded[0] == display:
            return loaded[1], loaded[2]
        return {}, {}

    def note(self, display: str, current: str, held: Texts, empty: Texts) -> tuple[str, int]:
        """A catalogue as read now: held before and empty now is emptied; a translation or a removed entry ends that."""
        before, was_emptied = self.load(display)
        emptied = self.compare(display, empty)
        if (before, was_emptied) != (held, emptied):
            write_cache(self.path(display), (display, held, emptied))
        self.index[display] = (current, len(emptied))
        self.changed = True
        return self.index[display]


def restore(catalog: Catalog, texts: Mapping[str, str], when: str) -> tuple[Catalog, int]:
    """The catalogue with each emptied translation back as a fuzzy draft, if its entry is still empty."""
    entries: list[Entry] = []
    restored = 0
    for entry in catalog.entries:
        text = texts.get(entry.msgid)
        if text and not entry.obsolete and entry.msgctxt is None and entry.msgid_plural is None and not entry.msgstr:
            entry = replace(entry, msgstr=text, translator_comments=(*entry.translator_comments, f"{RESTORED} {when}")).with_flag("fuzzy")
            restored += 1
        entries.append(entry)
    return replace(catalog, entries=tuple(entries)), restored


def survey(project: Project, stamps: dict[str, Stamp] | None = None, restore_at: str | None = None, keep: bool = True) -> tuple[Emptied, dict[str, int]]:
    """The translations editors emptied in the report catalogues translators edit (not the derived ones:
    tarjima writes those); with ``restore_at`` (a PO date), each put back as a fuzzy draft first. Returns
    what is still emptied, and what was restored per catalogue."""
    stamps = stamps if stamps is not None else {}
    _, files, derived = catalogue_files(project, project.reports, project.config.languages)
    displays = [display for _, display in files if display not in derived]
    record = Record(project.config.root)
    restored: dict[str, int] = {}
    try:
        gone = record.survey(displays, stamps, keep)
        if restore_at is None or not gone.files:
            return gone, restored
        for display, texts in gone.files.items():
            path = project.config.root / display
            catalog, count = restore(read_catalog(path, display), texts, restore_at)
            if count and save(path, catalog, display, project.config.po_wrap):
                restored[display] = count
                stamps.pop(display, None)  # its stamp of the start of the run no longer holds
        return record.survey(displays, stamps), restored
    finally:
        record.close()
