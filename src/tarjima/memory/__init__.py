"""Translation memory from the archive: every report's translated entries, found again for a new text.

For one language pair (a source language, a target), the memory indexes each catalogue's
entries that are translated and not fuzzy. ``update`` asks it only for entries it has just
created empty (a new report, a new paragraph, an edit with no close match in its own
catalogue), so an unchanged archive never loads it.

Matches:

- exact: the same msgid in another report's catalogue of the same pair;
- close: rapidfuzz ``fuzz.ratio`` (the Indel similarity of the two texts as characters,
  0-100) at least ``SIMILARITY``; the best one wins, the exact one before any.

The index (``.tarjima-cache/memory/<source>--<target>.sqlite``) keeps, per catalogue, its
file stamp and one row per translated entry: a 64-bit digest of the msgid, its length, and a
sketch of its words (the ``SKETCH`` distinct words with the smallest CRC-32, the bottom-k
sample of min-hashing), with a posting per sketched word. A text is looked up by its digest
(exact), and by its words: a row whose sketch shares at least half its words with the text,
and whose length allows the threshold, is a candidate; the best ``VERIFIED`` candidates are
compared with rapidfuzz on their real text, read from their catalogue (so a match is always
checked against the file as it is, never a stale copy). Words found in more than a tenth of
the rows (function words) are not looked up: they would make everything a candidate; a text
of nothing but such words is found only when exact.

Incremental: a catalogue whose stamp is unchanged is not read; one whose bytes are unchanged
under a new stamp (a checkout, a restore, a file written back as it was) keeps its rows, known by
a digest of its bytes; a changed or new one is read and its rows replace its old ones, in one
transaction per run. The key rule of
``tarjima.store`` applies (version, this module's code, the pair): another key, or a damaged
file, and the index is made again from the catalogues.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, replace
from typing import Any, Mapping, NamedTuple

from tarjima.config import Language
from tarjima.errors import InputError
from tarjima.memory.index import SIMILARITY, Match, PairIndex
from tarjima.model import MEMORY_COMMENT, Catalog, Entry, Report
from tarjima.project import Project
from tarjima.store import Stamp

__all__ = ["COMMENT", "Filled", "Match", "Memory", "PairIndex", "SIMILARITY", "Settings", "comments", "from_memory", "settings"]

COMMENT = MEMORY_COMMENT  # how the translator comments of filled entries begin


@dataclass(frozen=True)
class Settings:
    """``[tool.tarjima.memory]``: on by default; exact matches stay fuzzy unless ``exact_translated``."""

    enabled: bool = True
    exact_translated: bool = False  # an exact match translated one way in every other report counts as translated
    similarity: int = SIMILARITY


def settings(table: Mapping[str, Any], where: str) -> Settings:
    """The memory's settings from its configuration table, or bad input naming the key."""
    known = {"enabled": bool, "exact_translated": bool, "similarity": int}
    for key, value in table.items():
        if key not in known:
            raise InputError(where, f"unknown key memory.{key}", "use " + ", ".join(f"memory.{k}" for k in known))
        if type(value) is not known[key]:
            raise InputError(where, f"memory.{key} must be {'true or false' if known[key] is bool else 'a whole number'}", f"e.g. memory.{key} = {'true' if known[key] is bool else SIMILARITY}")
    result = Settings(**table)
    if not 50 <= result.similarity <= 99:
        raise InputError(where, "memory.similarity must be a percentage from 50 to 99", f"e.g. memory.similarity = {SIMILARITY}")
    return result


_LINE_BREAKS = str.maketrans({c: f"\\u{ord(c):04x}" for c in "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"})


def comments(match: Match) -> tuple[str, ...]:
    """The translator comments of an entry the memory filled (comments, not flags: GNU tools keep them)."""
    if match.exact:
        return (f"{COMMENT}: the same text as in the report {match.slug}",)
    lines = [f"{COMMENT}: {match.score}% like a text of the report {match.slug}, which reads:"]
    lines += [f"{COMMENT} source: {line.translate(_LINE_BREAKS)}" for line in match.source.split("\n")]
    return tuple(lines)


def from_memory(entry: Entry) -> bool:
    """Whether an entry holds a translation the memory filled and no one has reviewed yet (it is fuzzy)."""
    return entry.fuzzy and any(c.startswith(COMMENT) for c in entry.translator_comments)


class Filled(NamedTuple):
    exact: int = 0
    close: int = 0


class Memory:
    """The memory of a project for one run: each language pair loaded only when first asked, saved at the end."""

    def __init__(self, project: Project, chosen: Settings, stamps: Mapping[str, Stamp] | None = None) -> None:
        self.project, self.settings = project, chosen
        self.stamps = stamps  # catalogues' file stamps the caller took in this run (and keeps up to date as it writes)
        self.pairs: dict[tuple[str, str], PairIndex] = {}
        self.read = 0  # catalogues read to bring the index up to date

    def index(self, source: str, target: Language) -> PairIndex:
        key = (source, target.tag)
        found = self.pairs.get(key)
        if found is None:
            project = self.project
            found = PairIndex(project.config.root, *key)
            catalogues = [(project.layout.po_file(target, r.slug), r.slug) for r in project.reports if r.lang == source and r.lang != target.tag]
            try:
                self.read += found.refresh(catalogues, self.stamps)
            except sqlite3.Error:  # the cache's file cannot take the rows (a full disk): this run's index lives in memory
                found = PairIndex(project.config.root, *key, in_memory=True)
                self.read += found.refresh(catalogues, self.stamps)
            self.pairs[key] = found
        return found

    def fill(self, report: Report, target: Language, old: Catalog | None, new: Catalog) -> tuple[Catalog, Filled]:
        """``new`` with the entries this merge created empty filled from other reports; nothing else is touched."""
        before = {e.key for e in old.entries if not e.obsolete} if old is not None else set()
        fresh = [i for i, e in enumerate(new.entries) if not e.obsolete and e.key not in before and not e.has_translation and not e.fuzzy and e.msgid_plural is None and e.msgctxt is None]
        if not fresh:
            return new, Filled()
        index = self.index(report.lang, target)
        entries = list(new.entries)
        exact = close = 0
        for i in fresh:
            entry = entries[i]
            match = index.find(entry.msgid, report.slug, self.settings.similarity)
            if match is None:
                continue
            filled = replace(entry, msgstr=match.msgstr, translator_comments=(*entry.translator_comments, *comments(match)))
            if not (match.exact and match.unanimous and self.settings.exact_translated):
                filled = filled.with_flag("fuzzy")
            entries[i] = filled
            exact += match.exact
            close += not match.exact
        return replace(new, entries=tuple(entries)), Filled(exact, close)

    def save(self) -> None:
        for index in self.pairs.values():
            index.save()
