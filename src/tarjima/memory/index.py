"""The translation memory's index of one language pair: an SQLite file in the cache (see the package's docstring)."""

from __future__ import annotations

import hashlib
import heapq
import os
import re
import sqlite3
import time
import zlib
from collections import Counter
from pathlib import Path
from typing import Iterable, Mapping, NamedTuple

from tarjima.errors import InputError
from tarjima.files import read_bytes, write_atomic
from tarjima.layout import CACHE
from tarjima.po.quick import scan
from tarjima.po.read import read as read_po
from tarjima.store import RACY_NS, Stamp, folder, scope, stamp

SIMILARITY = 75  # percent, rapidfuzz fuzz.ratio: a close match
SKETCH = 12  # words sampled per text
VERIFIED = 6  # candidates compared on their real text, per looked-up text
COMMON = 10  # a word in more than 1/COMMON of the rows is not looked up
KEEP_READ = 200  # catalogues read by one refresh whose texts stay in memory for the lookups
WORD_RE = re.compile(r"[\w\u02bb\u02bc]+")


def digest64(text: str) -> int:
    """A 64-bit digest of a text, signed (an SQLite INTEGER)."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "little", signed=True)


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


class Match(NamedTuple):
    """What the memory found for one text."""

    msgstr: str
    slug: str  # the report it came from
    score: int  # 100 when exact
    source: str  # that report's text
    unanimous: bool = False  # exact, and every other report of the pair translates it this one way

    @property
    def exact(self) -> bool:
        return self.score == 100  # a close match is at most 99


SCHEMA = """
CREATE TABLE head(scope TEXT NOT NULL);
CREATE TABLE cats(id INTEGER PRIMARY KEY, display TEXT NOT NULL UNIQUE, slug TEXT NOT NULL, mtime INT, size INT, ino INT, digest BLOB NOT NULL);
CREATE TABLE rows(cat INT NOT NULL, pos INT NOT NULL, len INT NOT NULL, sk INT NOT NULL, exact INT NOT NULL, PRIMARY KEY (cat, pos)) WITHOUT ROWID;
CREATE INDEX rows_exact ON rows(exact);
CREATE TABLE post(word INT NOT NULL, cat INT NOT NULL, pos INT NOT NULL, PRIMARY KEY (word, cat, pos)) WITHOUT ROWID;
CREATE INDEX post_cat ON post(cat);
CREATE TABLE words(word INTEGER PRIMARY KEY, n INT NOT NULL);
"""


def unlink_shared(path: Path) -> None:
    """Give a database file that other names share (a hard-linked copy of the project) a copy of its own:
    SQLite writes in place, and a write must never reach another copy's file."""
    try:
        if os.stat(path).st_nlink <= 1:
            return
    except FileNotFoundError:
        return
    write_atomic(path, path.read_bytes(), durable=False)  # a new file under the same name: the link is broken


class PairIndex:
    """The memory of one language pair: an SQLite file in the cache, brought up to date with the catalogues.

    SQLite (the standard library's) because a run reads and writes only what changed: a new
    report's lookups touch the postings of its own words, and an edited catalogue replaces its
    own rows, whatever the size of the archive; nothing is loaded whole. A file that is not
    what this code writes (another version, damage) is thrown away and made again.
    """

    def __init__(self, root: Path, source: str, target: str, in_memory: bool = False) -> None:
        self.root = root
        self.path = root / CACHE / "memory" / f"{source}--{target}.sqlite"
        self.head = scope(("tarjima.memory",), (source, target))
        self.texts: dict[int, list[tuple[str, str]]] = {}  # catalogue id -> its pairs, read in this run
        self.slugs: dict[int, str] = {}
        self.db: sqlite3.Connection | None = self._fresh(sqlite3.connect(":memory:", isolation_level=None)) if in_memory else self._open()

    def _open(self) -> sqlite3.Connection:
        """The pair's database: the cache's when it is this code's, else made afresh there; in memory, for this
        run alone, where the cache cannot be written (a read-only checkout, a folder in the file's place)."""
        try:
            folder(self.root)
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if not os.access(self.path.parent, os.W_OK) or (self.path.exists() and not os.access(self.path, os.W_OK)):
                raise OSError(f"{self.path}: not writable")
            unlink_shared(self.path)
            try:
                db = sqlite3.connect(self.path, isolation_level=None)
                found = db.execute("SELECT scope FROM head").fetchall() if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'head'").fetchone() else []
                if found == [(self.head,)]:
                    db.execute("BEGIN")
                    return db
                db.close()
            except sqlite3.Error:
                pass  # damaged, or not a database: made again
            for suffix in ("", "-journal", "-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            self.path.with_suffix(".marshal").unlink(missing_ok=True)  # the index of tarjima before its SQLite one
            return self._fresh(sqlite3.connect(self.path, isolation_level=None))
        except (OSError, sqlite3.Error):
            return self._fresh(sqlite3.connect(":memory:", isolation_level=None))

    def _fresh(self, db: sqlite3.Connection) -> sqlite3.Connection:
        db.executescript(SCHEMA)
        db.execute("INSERT INTO head VALUES (?)", (self.head,))
        db.execute("BEGIN")
        return db

    def refresh(self, catalogues: Iterable[tuple[str, str]], stamps: Mapping[str, Stamp] | None = None) -> int:
        """Bring the index up to date with these catalogues (display, slug); return how many were indexed anew.
        ``stamps``: the file stamps of catalogues already stamped in this run (and not written since)."""
        stamps = stamps or {}
        db = self.db
        assert db is not None
        wanted = dict(catalogues)
        known = {display: (number, slug, (mtime, size, ino), digest)
                 for number, display, slug, mtime, size, ino, digest in db.execute("SELECT id, display, slug, mtime, size, ino, digest FROM cats")}
        for display, (number, _, _, _) in known.items():
            if display not in wanted:
                self._drop(number)
        limit = time.time_ns() - RACY_NS
        read = 0
        for display, slug in wanted.items():
            current: Stamp | None = stamps.get(display)
            if current is None:
                try:
                    current = stamp(os.stat(self.root / display))
                except FileNotFoundError:
                    current = None
            old = known.get(display)
            if old is not None and current is not None and old[2][0] is not None and old[2] == current and old[1] == slug:
                self.slugs[old[0]] = slug
                continue
            if current is None:
                if old is not None:
                    self._drop(old[0])
                continue
            try:
                data = read_bytes(self.root / display, display)
            except InputError:
                data = None
            kept = current if current[0] < limit else (None, None, None)  # racily clean: read again next time
            content = hashlib.blake2b(data or b"", digest_size=16).digest()
            if old is not None and data is not None and old[3] == content and old[1] == slug:  # touched, not changed (a checkout, a restore): its rows hold
                db.execute("UPDATE cats SET mtime = ?, size = ?, ino = ? WHERE id = ?", (*kept, old[0]))
                self.slugs[old[0]] = slug
                continue
            if old is not None:
                self._drop(old[0])
            try:
                pairs = memory_pairs(data, display) if data is not None else None
            except InputError:
                pairs = None
            if pairs is None:
                continue  # a broken catalogue gives nothing; update names it
            read += 1
            number = db.execute("INSERT INTO cats (display, slug, mtime, size, ino, digest) VALUES (?, ?, ?, ?, ?, ?)", (display, slug, *kept, content)).lastrowid
            assert number is not None
            if read <= KEEP_READ:  # a few: kept for the lookups; a whole index made: read again if a lookup needs one
                self.texts[number] = pairs
            self.slugs[number] = slug
            rows = []
            post = []
            for pos, (msgid, _msgstr) in enumerate(pairs):
                words = sketch(msgid)
                rows.append((number, pos, len(msgid), len(words), digest64(msgid)))
                post += [(word, number, pos) for word in words]
            db.executemany("INSERT INTO rows VALUES (?, ?, ?, ?, ?)", rows)
            db.executemany("INSERT INTO post VALUES (?, ?, ?)", post)  # a sketch's words are distinct
            counted = Counter(word for word, _, _ in post)
            db.executemany("INSERT INTO words VALUES (?, ?) ON CONFLICT (word) DO UPDATE SET n = n + excluded.n", counted.items())
        return read

    def _drop(self, number: int) -> None:
        assert self.db is not None
        counted = self.db.execute("SELECT word, COUNT(*) FROM post WHERE cat = ? GROUP BY word", (number,)).fetchall()
        self.db.executemany("UPDATE words SET n = n - ? WHERE word = ?", [(n, word) for word, n in counted])
        for table, column in (("post", "cat"), ("rows", "cat"), ("cats", "id")):
            self.db.execute(f"DELETE FROM {table} WHERE {column} = ?", (number,))
        self.texts.pop(number, None)
        self.slugs.pop(number, None)

    def save(self) -> None:
        """Commit this run's changes (one transaction: a crash leaves the index as it was)."""
        if self.db is None:
            return
        try:
            self.db.execute("COMMIT")
        except sqlite3.Error:
            pass  # a cache: not saved when it cannot be
        self.db.close()
        self.db = None

    def _pairs(self, number: int) -> list[tuple[str, str]]:
        known = self.texts.get(number)
        if known is None:
            assert self.db is not None
            found = self.db.execute("SELECT display FROM cats WHERE id = ?", (number,)).fetchone()
            try:
                known = memory_pairs(read_bytes(self.root / found[0], found[0]), found[0]) if found else []
            except InputError:
                known = []
            self.texts[number] = known
        return known

    def _row(self, number: int, pos: int, exclude: str) -> tuple[str, str, str] | None:
        """(msgid, msgstr, slug) of a row of another report, as its catalogue says now."""
        slug = self.slugs.get(number)
        if slug is None or slug == exclude:
            return None
        pairs = self._pairs(number)
        if pos >= len(pairs):
            return None
        return (*pairs[pos], slug)

    def find(self, msgid: str, exclude: str, threshold: int = SIMILARITY) -> Match | None:
        """The best match for ``msgid`` in other reports than ``exclude``: exact first, else the closest at ``threshold`` or more."""
        assert self.db is not None
        rows = self.db.execute("SELECT cat, pos FROM rows WHERE exact = ?", (digest64(msgid),)).fetchall()
        found = [hit for hit in (self._row(number, pos, exclude) for number, pos in rows) if hit is not None and hit[0] == msgid]
        if found:
            found.sort(key=lambda hit: hit[2])
            first = found[0]
            return Match(first[1], first[2], 100, first[0], unanimous=len({hit[1] for hit in found}) == 1)
        return self._close(msgid, exclude, threshold)

    def _close(self, msgid: str, exclude: str, threshold: int) -> Match | None:
        from rapidfuzz import fuzz  # only when the memory is asked for a close match

        db = self.db
        assert db is not None
        total = db.execute("SELECT COUNT(*) FROM rows").fetchone()[0]
        if not total:
            return None
        common = max(50, total // COMMON)
        words = list(word_hashes(msgid))
        rare = [word for (word,) in db.execute(f"SELECT word FROM words WHERE word IN ({','.join('?' * len(words))}) AND n BETWEEN 1 AND ?", (*words, common))]
        if not rare:
            return None
        size = len(msgid)
        low, high = size * threshold / (200 - threshold), size * (200 - threshold) / threshold
        marks = ",".join("?" * len(rare))
        candidates = [
            (shared / sk, number, pos)
            for number, pos, shared, sk in db.execute(
                f"SELECT p.cat, p.pos, COUNT(*) AS shared, r.sk FROM post p JOIN rows r ON r.cat = p.cat AND r.pos = p.pos"
                f" WHERE p.word IN ({marks}) AND r.len BETWEEN ? AND ? GROUP BY p.cat, p.pos HAVING 2 * shared >= r.sk", (*rare, low, high))
        ]
        best: Match | None = None
        for _, number, pos in heapq.nlargest(VERIFIED, candidates):
            hit = self._row(number, pos, exclude)
            if hit is None or hit[0] == msgid:
                continue
            score = fuzz.ratio(msgid, hit[0], score_cutoff=threshold)
            if score and (best is None or score > best.score or (score == best.score and hit[2] < best.slug)):
                best = Match(hit[1], hit[2], min(99, int(score)), hit[0])
        return best
