"""tarjima's merge against ``msgmerge --previous`` on real pairs: a Django catalogue of an older
release merged with the template of a newer one.

The newer template is the newer release's catalogue with its translator's work removed, by GNU
tools: every msgstr emptied (``msgfilter --keep-header sed -e d``), fuzzy flags, ``#|`` previous
msgids and obsolete entries dropped (``msgattrib --clear-fuzzy --clear-previous --no-obsolete``),
then translator comments (``# ...``) cut out line by line. Its msgids, contexts, plurals,
references and extracted comments are those Django extracted for that release. Both outputs are
read with polib, not with tarjima, so the comparison does not lean on the reader under test.
"""

from __future__ import annotations

import os
import re
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

import polib

from . import adapter
from .fetch import PoFile
from .po_suite import first_difference, gnu

Key = tuple[str | None, str]
TRANSLATOR_COMMENT_RE = re.compile(rb"(?m)^#(?:[ \t][^\n]*)?\n")  # "# text" or a bare "#"; not #. #: #, #| #~


def template_of(po: Path) -> bytes:
    """The newer template, made from the newer catalogue as the module docstring says."""
    cleared = gnu("msgfilter", "--keep-header", "-i", str(po), "-o", "-", "sed", "-e", "d")
    if cleared.returncode:
        raise RuntimeError(f"msgfilter failed on {po}: {cleared.stderr.decode(errors='replace').strip()}")
    plain = gnu("msgattrib", "--clear-fuzzy", "--clear-previous", "--no-obsolete", "-", input=cleared.stdout)
    if plain.returncode:
        raise RuntimeError(f"msgattrib failed on {po}: {plain.stderr.decode(errors='replace').strip()}")
    return TRANSLATOR_COMMENT_RE.sub(b"", plain.stdout)


def translations(data: bytes) -> tuple[dict[Key, tuple[str, ...]], dict[Key, tuple[str | None, tuple[str, ...]]]]:
    """(translated entries: key -> msgstrs, fuzzy suggestions: key -> (previous msgid, msgstrs)), by polib."""
    catalogue = polib.pofile(data.decode("utf-8"))
    done: dict[Key, tuple[str, ...]] = {}
    fuzzy: dict[Key, tuple[str | None, tuple[str, ...]]] = {}
    for entry in catalogue:
        if entry.obsolete:
            continue
        texts = tuple(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)) if entry.msgid_plural else (entry.msgstr,)
        key = (entry.msgctxt, entry.msgid)
        if entry.fuzzy and any(texts):
            fuzzy[key] = (entry.previous_msgid, texts)
        elif not entry.fuzzy and all(texts):
            done[key] = texts
    return done, fuzzy


@dataclass(frozen=True)
class MergeOutcome:
    """One pair: what msgmerge and tarjima made of it."""

    name: str
    entries: int  # in the newer template
    identical_bytes: bool
    translated_gnu: int
    translated_tarjima: int
    translated_same: bool  # the same entries translated with the same text
    fuzzy_gnu: int
    fuzzy_tarjima: int
    fuzzy_both: int
    fuzzy_picked_differently: int  # fuzzy in both, a different old translation offered
    fuzzy_only_gnu: int
    fuzzy_only_tarjima: int
    example: str  # one differing suggestion, for the report
    difference: str = ""  # where tarjima's file first differs from msgmerge's
    body_difference: str = ""  # the same, the header entry left out
    error: str = ""


def merge_pair(old: PoFile, new: PoFile, scratch: Path) -> MergeOutcome:
    """Merge the older catalogue with the newer template both ways and compare."""
    pot_path = scratch / (new.name.replace("/", "_") + "t")
    pot_path.write_bytes(template_of(new.path))
    gnu_out = gnu("msgmerge", "--previous", "--quiet", "-o", "-", str(old.path), str(pot_path))
    pot = pot_path.read_bytes()
    pot_path.unlink()
    entries = pot.count(b"\nmsgid ") - 1
    if gnu_out.returncode:
        return MergeOutcome(new.name, entries, False, 0, 0, False, 0, 0, 0, 0, 0, 0, "", "", "", "msgmerge: " + gnu_out.stderr.decode(errors="replace").strip())
    try:
        mine = adapter.merge_po(old.path.read_bytes(), pot, old.name)
    except adapter.InputError as exc:
        return MergeOutcome(new.name, entries, False, 0, 0, False, 0, 0, 0, 0, 0, 0, "", "", "", f"tarjima: {exc}")
    g_done, g_fuzzy = translations(gnu_out.stdout)
    t_done, t_fuzzy = translations(mine)
    both = g_fuzzy.keys() & t_fuzzy.keys()
    differ = [k for k in both if g_fuzzy[k][1] != t_fuzzy[k][1]]
    example = ""
    if differ:
        k = sorted(differ, key=str)[0]
        example = f"msgid {k[1][:60]!r}: msgmerge offers the old {str(g_fuzzy[k][0])[:60]!r}, tarjima the old {str(t_fuzzy[k][0])[:60]!r}"
    return MergeOutcome(
        new.name, entries, gnu_out.stdout == mine, len(g_done), len(t_done), g_done == t_done,
        len(g_fuzzy), len(t_fuzzy), len(both), len(differ), len(g_fuzzy.keys() - t_fuzzy.keys()), len(t_fuzzy.keys() - g_fuzzy.keys()), example,
        "" if gnu_out.stdout == mine else first_difference(gnu_out.stdout, mine),
        entries_difference(gnu_out.stdout, mine),
    )


def entries_difference(gnu_file: bytes, mine: bytes) -> str:
    """Where two merged files first differ after their header entries."""
    body = lambda data: data.split(b"\n\n", 1)[-1]  # noqa: E731
    return "" if body(gnu_file) == body(mine) else first_difference(body(gnu_file), body(mine))


def pairs(older: Sequence[PoFile], newer: Sequence[PoFile]) -> list[tuple[PoFile, PoFile]]:
    """The catalogues present in both releases, by name."""
    old_by_name = {po.key: po for po in older}
    return [(old_by_name[po.key], po) for po in newer if po.key in old_by_name]


def run(matched: Iterable[tuple[PoFile, PoFile]], workers: int | None = None) -> tuple[MergeOutcome, ...]:
    with tempfile.TemporaryDirectory(prefix="tarjima-merge-") as tmp:
        with ThreadPoolExecutor(max_workers=workers or min(8, (os.cpu_count() or 2) * 2)) as pool:
            return tuple(pool.map(lambda pair: merge_pair(pair[0], pair[1], Path(tmp)), matched))


@dataclass(frozen=True)
class MergeSummary:
    outcomes: tuple[MergeOutcome, ...]

    def total(self, name: str) -> int:
        return sum(getattr(o, name) for o in self.outcomes)

    def count(self, name: str) -> int:
        return sum(1 for o in self.outcomes if getattr(o, name))
