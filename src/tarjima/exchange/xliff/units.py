"""What an XLIFF document holds for tarjima, whatever its version: units as parts and marks, and each unit's verdict."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Literal

from tarjima.exchange.xliff.codes import Part
from tarjima.model import Entry

NS11 = "urn:oasis:names:tc:xliff:document:1.1"  # read as 1.2: its inline elements are the same
NS12 = "urn:oasis:names:tc:xliff:document:1.2"
NS21 = "urn:oasis:names:tc:xliff:document:2.0"  # XLIFF 2.1 keeps 2.0's core namespace
TJ = "urn:tarjima:xliff"  # tarjima's own attribute (tj:base), of a namespace both versions allow on a unit
VERSIONS = ("1.2", "2.1")
HINT = "export the report again with `tarjima export --format xliff`"

Verdict = Literal["draft", "final"]  # a target to keep fuzzy, or one the CAT tool approved (reviewed, signed off)


def po_state(entry: Entry) -> str:
    """An entry's state in XLIFF 2's words (the digest of ``base_of`` is made with them, in both versions)."""
    if entry.fuzzy and entry.has_translation:
        return "translated"
    return "final" if entry.translated else "initial"


def base_of(entry: Entry) -> str:
    """A short digest of what a unit was exported with: its translation and state."""
    return hashlib.blake2b(f"{po_state(entry)}\0{entry.msgstr}".encode("utf-8"), digest_size=6).hexdigest()


@dataclass(frozen=True)
class Unit:
    """One unit as read: its source and target as text and marks (ids as the file has them), its segments joined."""

    id: str
    line: int
    source: tuple[Part, ...]
    target: tuple[Part, ...] | None  # None: no target (or an empty one)
    verdict: Verdict
    base: str  # tj:base, "" when the tool dropped it
    problem: str = ""  # why the unit cannot be taken back at all (a segment without a target), "" if it can


@dataclass(frozen=True)
class Document:
    """An XLIFF document of one catalogue: its version, languages, the catalogue it came from and its units."""

    version: str
    source_lang: str
    target_lang: str
    original: str
    units: tuple[Unit, ...]
