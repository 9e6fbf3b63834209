"""Translation memory from the archive: every report's translated entries, found again for a new text.

For one language pair (a source language, a target), the memory indexes each catalogue's
entries that are translated and not fuzzy. ``update`` asks it only for entries it has just
created empty (a new report, a new paragraph, an edit with no close match in its own
catalogue), so an unchanged archive never loads it.

Matches:

- exact: the same msgid in another report's catalogue of the same pair;
- close: rapidfuzz ``fuzz.ratio`` (the Indel similarity of the two texts as characters,
  0-100) at least ``SIMILARITY``; the best one wins, the exact one before any.

The index (``.tarjima-cache/memory/<source>--<target>.marshal``) keeps, per catalogue, its
file stamp and one row per translated entry: a 64-bit digest of the msgid, its length, and a
sketch of its words (the ``SKETCH`` distinct words with the smallest CRC-32, the bottom-k
sample of min-hashing). Postings map a msgid digest, and each sketched word, to rows. A text
is looked up by its digest (exact), and by its words: a row whose sketch shares at least half
its words with the text, and whose length allows the threshold, is a candidate; the best
``VERIFIED`` candidates are compared with rapidfuzz on their real text, read from their
catalogue (so a match is always checked against the file as it is, never a stale copy).
Words found in more than a tenth of the rows (function words) are not looked up: they would
make everything a candidate; a text of nothing but such words is found only when exact.

Incremental: a catalogue whose stamp is unchanged is not read; a changed or new one is read
and its rows appended, its old rows marked dead; when dead rows outnumber live ones the index
is built again from the catalogues. The key rule of ``tarjima.store`` applies (version,
this module's code, the pair).
"""

from __future__ import annotations

import hashlib
import heapq
import os
import re
import time
import zlib
from array import array
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Iterable, Mapping

from tarjima.config import Language
from tarjima.errors import InputError
from tarjima.files import read_bytes
from tarjima.layout import CACHE
from tarjima.model import Catalog, Entry, Report
from tarjima.po.quick import scan
from tarjima.po.read import read as read_po
from tarjima.project import Project
from tarjima.store import RACY_NS, Stamp, load, scope, stamp, write

SIMILARITY = 75  # percent, rapidfuzz fuzz.ratio: a close match
SKETCH = 12  # words sampled per text
VERIFIED = 6  # candidates compared on their real text, per looked-up text
COMMON = 10  # a word in more than 1/COMMON of the rows is not looked up
WORD_RE = re.compile(r"[\w\u02bb\u02bc]+")
COMMENT = "translation memory"  # how the translator comments of filled entries begin


def digest64(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "little")


def word_hashes(text: str) -> set[int]:
    """The text's distinct words, lower case, as CRC-32 values (stable across runs, unlike ``hash``)."""
    return {zlib.crc32(w.encode("utf-8")) for w in WORD_RE.findall(text.lower())}


def sketch(text: str) -> list[int]:
    return heapq.nsmallest(SKETCH, word_hashes(text))


def memory_pairs(data: bytes, display: str) -> list[tuple[str, str]]:
    """(msgid, msgstr) of a catalogue's active, singular, translated, not fuzzy entries, in file order."""
    scanned = scan(data, display)
    if scanned is not None:
        return [(msgid, msgstr) for msgid, msgstr, state, _ in scanned.entries if state == "translated"]
    catalog = read_po(data, display)
    return [(e.msgid, e.msgstr) for e in catalog.active if e.translated and e.msgid_plural is None and e.msgctxt is None]


@dataclass(frozen=True)
class Match:
    """What the memory found for one text."""

    msgstr: str
    slug: str  # the report it came from
    score: int  # 100 when exact
    source: str  # that report's text
    unanimous: bool = False  # exact, and every other report of the pair translates it this one way

    @property
    def exact(self) -> bool:
        return self.score == 100  # a close match is at most 99


class PairIndex:
    """The memory of one language pair, loaded from the cache and brought up to date with the catalogues."""

    def __init__(self, root: Path, source: str, target: str) -> None:
        self.root = root
        self.path = root / CACHE / "memory" / f"{source}--{target}.marshal"
        self.head = scope(("tarjima.memory",), (source, target))
        data = load(self.path, self.head)
        self.cats: list[list] = data.get("cats", [])  # [display, slug, stamp or None, alive, rows]
        self.row_cat = array("I", data.get("row_cat", b""))
        self.row_pos = array("I", data.get("row_pos", b""))
        self.row_len = array("I", data.get("row_len", b""))
        self.row_sk = array("B", data.get("row_sk", b""))
        self.exact: dict[int, bytes] = data.get("exact", {})
        self.post: dict[int, bytes] = data.get("post", {})
        rows = len(self.row_cat)
        if not (len(self.row_pos) == len(self.row_len) == len(self.row_sk) == rows == sum(c[4] for c in self.cats)):  # not what save writes: start empty
            self.cats, self.exact, self.post = [], {}, {}
            self.row_cat, self.row_pos, self.row_len, self.row_sk = array("I"), array("I"), array("I"), array("B")
        self.live: dict[str, int] = {c[0]: i for i, c in enumerate(self.cats) if c[3]}
        self.dirty = False
        self.texts: dict[int, list[tuple[str, str]]] = {}  # catalogue number -> its pairs, read in this run

    @property
    def dead_rows(self) -> int:
        return sum(c[4] for c in self.cats if not c[3])

    def refresh(self, catalogues: Iterable[tuple[str, str]]) -> int:
        """Bring the index up to date with these catalogues (display, slug); return how many were read."""
        wanted = dict(catalogues)
        if self.cats and self.dead_rows > len(self.row_cat) - self.dead_rows:  # mostly dead: build it again
            self.cats, self.live, self.exact, self.post, self.texts = [], {}, {}, {}, {}
            self.row_cat, self.row_pos, self.row_len, self.row_sk = array("I"), array("I"), array("I"), array("B")
            self.dirty = True
        for display, number in list(self.live.items()):
            if display not in wanted:
                self.cats[number][3] = False
                del self.live[display]
                self.dirty = True
        limit = time.time_ns() - RACY_NS
        read = 0
        new_exact: dict[int, list[int]] = {}
        new_post: dict[int, list[int]] = {}
        for display, slug in wanted.items():
            try:
                current: Stamp | None = stamp(os.stat(self.root / display))
            except FileNotFoundError:
                current = None
            number = self.live.get(display)
            if number is not None:
                known = self.cats[number][2]
                if current is not None and known is not None and tuple(known) == current:
                    continue
                self.cats[number][3] = False
                del self.live[display]
                self.dirty = True
            if current is None:
                continue
            try:
                pairs = memory_pairs(read_bytes(self.root / display, display), display)
            except InputError:
                continue  # a broken catalogue gives nothing; update names it
            read += 1
            number = len(self.cats)
            self.cats.append([display, slug, current if current[0] < limit else None, True, len(pairs)])
            self.live[display] = number
            self.texts[number] = pairs
            for pos, (msgid, _msgstr) in enumerate(pairs):
                row = len(self.row_cat)
                self.row_cat.append(number)
                self.row_pos.append(pos)
                self.row_len.append(len(msgid))
                words = sketch(msgid)
                self.row_sk.append(len(words))
                new_exact.setdefault(digest64(msgid), []).append(row)
                for word in words:
                    new_post.setdefault(word, []).append(row)
            self.dirty = True
        for store, new in ((self.exact, new_exact), (self.post, new_post)):
            for key, rows in new.items():
                store[key] = store.get(key, b"") + array("I", rows).tobytes()
        return read

    def save(self) -> None:
        if not self.dirty:
            return
        data = {
            "cats": self.cats, "row_cat": self.row_cat.tobytes(), "row_pos": self.row_pos.tobytes(),
            "row_len": self.row_len.tobytes(), "row_sk": self.row_sk.tobytes(), "exact": self.exact, "post": self.post,
        }
        write(self.path, (self.head, data))
        self.dirty = False

    def _pairs(self, number: int) -> list[tuple[str, str]]:
        known = self.texts.get(number)
        if known is None:
            display = self.cats[number][0]
            try:
                known = memory_pairs(read_bytes(self.root / display, display), display)
            except InputError:
                known = []
            self.texts[number] = known
        return known

    def _row(self, row: int, exclude: str) -> tuple[str, str, str] | None:
        """(msgid, msgstr, slug) of a live row of another report, as its catalogue says now."""
        number = self.row_cat[row]
        entry = self.cats[number]
        if not entry[3] or entry[1] == exclude:
            return None
        pairs = self._pairs(number)
        pos = self.row_pos[row]
        if pos >= len(pairs):
            return None
        return (*pairs[pos], entry[1])

    def find(self, msgid: str, exclude: str, threshold: int = SIMILARITY) -> Match | None:
        """The best match for ``msgid`` in other reports than ``exclude``: exact first, else the closest at ``threshold`` or more."""
        rows = array("I", self.exact.get(digest64(msgid), b""))
        found = [hit for hit in (self._row(r, exclude) for r in rows) if hit is not None and hit[0] == msgid]
        if found:
            found.sort(key=lambda hit: hit[2])
            first = found[0]
            return Match(first[1], first[2], 100, first[0], unanimous=len({hit[1] for hit in found}) == 1)
        return self._close(msgid, exclude, threshold)

    def _close(self, msgid: str, exclude: str, threshold: int) -> Match | None:
        from rapidfuzz import fuzz  # only when the memory is asked for a close match

        total = len(self.row_cat)
        if not total:
            return None
        common = max(50, total // COMMON)
        counts: Counter[int] = Counter()
        for word in word_hashes(msgid):
            posting = self.post.get(word)
            if posting is not None and len(posting) // 4 <= common:
                counts.update(array("I", posting))
        if not counts:
            return None
        size = len(msgid)
        low, high = size * threshold / (200 - threshold), size * (200 - threshold) / threshold
        candidates = [
            (shared / self.row_sk[row], row) for row, shared in counts.items()
            if 2 * shared >= self.row_sk[row] and low <= self.row_len[row] <= high
        ]
        best: Match | None = None
        for _, row in heapq.nlargest(VERIFIED, candidates):
            hit = self._row(row, exclude)
            if hit is None or hit[0] == msgid:
                continue
            score = fuzz.ratio(msgid, hit[0], score_cutoff=threshold)
            if score and (best is None or score > best.score or (score == best.score and hit[2] < best.slug)):
                best = Match(hit[1], hit[2], min(99, int(score)), hit[0])
        return best


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


@dataclass(frozen=True)
class Filled:
    exact: int = 0
    close: int = 0


class Memory:
    """The memory of a project for one run: each language pair loaded only when first asked, saved at the end."""

    def __init__(self, project: Project, chosen: Settings) -> None:
        self.project, self.settings = project, chosen
        self.pairs: dict[tuple[str, str], PairIndex] = {}
        self.read = 0  # catalogues read to bring the index up to date

    def index(self, source: str, target: Language) -> PairIndex:
        key = (source, target.tag)
        found = self.pairs.get(key)
        if found is None:
            project = self.project
            found = PairIndex(project.config.root, *key)
            catalogues = [(project.layout.po_file(target, r.slug), r.slug) for r in project.reports if r.lang == source and r.lang != target.tag]
            self.read += found.refresh(catalogues)
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
