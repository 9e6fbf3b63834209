"""Derived catalogues: the entries of one Uzbek script made from the other's, without losing a reviewer's work.

Each derived entry carries a translator comment (GNU msgcat and msgmerge keep comments, not
unknown flags) that says where it comes from and holds two short digests::

    # derived from uz-Latn by tarjima (from 3f2a9c1e, wrote 7b0d44aa)
    # ambiguous: Pyton: Пйтон | Питон (not Uzbek Latin spelling: kept as written)

``from`` is the digest of the text it was derived from, ``wrote`` that of the msgstr and the
``ambiguous:`` lines tarjima wrote. An entry whose msgstr and ambiguity lines still give
``wrote`` is untouched: it follows its base text (and the dictionary) on every update. One
that does not was reviewed: a correction, or an ambiguity note removed to confirm the
spelling. It is never overwritten; when its base text changes it becomes fuzzy, the
correction kept and the new derivation offered in a ``derived anew`` comment, as a merge does.

>>> from tarjima.derive.translit import Derived
>>> upper = lambda text: Derived(text.upper(), ())
>>> fresh = derive_entry(Entry("a"), ("salom",), upper, "uz-Latn")
>>> fresh.msgstr, state(fresh)
('SALOM', 'derived')

Untouched, it follows its base text:

>>> derive_entry(fresh, ("xayr",), upper, "uz-Latn").msgstr
'XAYR'

A correction is kept, and becomes fuzzy with the new derivation offered when the base changes:

>>> fixed = replace(fresh, msgstr="Salom!")
>>> state(fixed), derive_entry(fixed, ("salom",), upper, "uz-Latn") == fixed
('reviewed', True)
>>> moved = derive_entry(fixed, ("xayr",), upper, "uz-Latn")
>>> moved.msgstr, moved.fuzzy, moved.translator_comments[-1]
('Salom!', True, 'derived anew from uz-Latn: XAYR')

An entry whose base is not translated stays (or becomes) untranslated:

>>> derive_entry(fresh, None, upper, "uz-Latn").msgstr
''

Text that tarjima did not derive (typed by another tool, such as a server that offered the
derived language for translation) is never published or counted as reviewed unless it is a
conversion of its current base. Typed while the base is untranslated, it is held as fuzzy:

>>> typed = derive_entry(Entry("a", msgstr="SALOM"), None, upper, "uz-Latn")
>>> typed.msgstr, typed.fuzzy, state(typed), typed.translator_comments
('SALOM', True, '', ('held: not derived from uz-Latn, whose text is not translated',))

When its base is written, in other words, it stays fuzzy with the derivation offered, as a
correction whose base changed does; one that is the derivation becomes an ordinary derived entry:

>>> later = derive_entry(typed, ("xayr",), upper, "uz-Latn")
>>> later.msgstr, later.fuzzy, state(later), later.translator_comments[-1]
('SALOM', True, '', 'derived anew from uz-Latn: XAYR')
>>> state(derive_entry(typed, ("salom",), upper, "uz-Latn"))
'derived'
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from typing import NamedTuple, TYPE_CHECKING

from tarjima.catalog.merge import EARLIER_COMMENT
from tarjima.model import Catalog, Entry

if TYPE_CHECKING:
    from tarjima.derive.translit import Ambiguity, Derived

DERIVED_HEADER = "X-Derived-From"  # "<base tag> <key>": what the whole catalogue was last derived from
MARK_RE = re.compile(r"^derived from (\S+) by tarjima \(from ([0-9a-f]{8}), wrote ([0-9a-f]{8})\)$")
AMBIGUOUS = "ambiguous: "
AMBIGUOUS_RE = re.compile(r"^ambiguous: (\S+): (.*?)(?: \((.*)\))?$")
OFFERED = "derived anew from "  # + "<base tag>: <text>"
HELD = "held: not derived from "  # + "<base tag>, whose text is not translated": text typed in a derived catalogue while its base was empty
Convert = Callable[[str], "Derived"]
Forms = tuple[str, ...]


def short(*parts: str) -> str:
    """Eight hex digits of BLAKE2b over the parts: enough to tell one text from an edit of it."""
    return hashlib.blake2b("\0".join(parts).encode("utf-8"), digest_size=4).hexdigest()


def ours(comment: str) -> bool:
    """Whether a translator comment is one tarjima writes on derived entries (and so rewrites)."""
    return comment.startswith((AMBIGUOUS, OFFERED, HELD)) or MARK_RE.match(comment) is not None


def mark_line(base_tag: str, source: str, wrote: str) -> str:
    return f"derived from {base_tag} by tarjima (from {source}, wrote {wrote})"


def ambiguity_line(a: Ambiguity) -> str:
    """The comment naming an ambiguous word, the spelling chosen first, then the others."""
    reason = f" ({a.reason})" if a.reason else ""
    return f"{AMBIGUOUS}{a.word}: {' | '.join(a.alternatives)}{reason}"


def one_line(text: str) -> str:
    """A text as a comment can hold it (a comment ends at the line's end)."""
    return text.replace("\\", "\\\\").replace("\n", "\\n")


class Mark(NamedTuple):
    """What a derived entry's comment records: the base language, and the digests of its base text and of what tarjima wrote."""

    base: str
    source: str
    wrote: str


def mark_of(entry: Entry) -> Mark | None:
    for comment in entry.translator_comments:
        match = MARK_RE.match(comment)
        if match:
            return Mark(*match.groups())
    return None


def forms(entry: Entry) -> Forms:
    return entry.msgstr_plural if entry.msgid_plural is not None else (entry.msgstr,)


def written(texts: Forms, ambiguity_lines: Iterable[str]) -> str:
    """The digest of a derived entry's texts and ambiguity lines."""
    return short(*texts, "", *ambiguity_lines)


def untouched(entry: Entry, mark: Mark) -> bool:
    """Whether the entry holds exactly what tarjima wrote (texts and ambiguity lines)."""
    lines = [c for c in entry.translator_comments if c.startswith(AMBIGUOUS)]
    return written(forms(entry), lines) == mark.wrote


def untouched_or_empty(entry: Entry, mark: Mark | None) -> bool:
    """Whether an entry holds nothing but what tarjima wrote (or nothing at all): derivation may replace it."""
    return not entry.has_translation or (mark is not None and untouched(entry, mark))


def state(entry: Entry) -> str:
    """"derived" (untouched), "reviewed" (corrected or confirmed, and not fuzzy), or "" (not derived, or waiting for review)."""
    mark = mark_of(entry)
    if mark is None or not entry.has_translation:
        return ""
    if untouched(entry, mark):
        return "derived"
    return "" if entry.fuzzy else "reviewed"  # a correction whose base changed, or typed text: not reviewed until the flag goes


def with_texts(entry: Entry, texts: Forms, comments: tuple[str, ...], fuzzy: bool) -> Entry:
    if entry.msgid_plural is not None:
        entry = replace(entry, msgstr_plural=texts)
    else:
        entry = replace(entry, msgstr=texts[0])
    entry = replace(entry, translator_comments=comments)
    if not fuzzy:
        entry = replace(entry, previous_msgctxt=None, previous_msgid=None, previous_msgid_plural=None)
    return entry.with_flag("fuzzy", fuzzy)


def derive_entry(entry: Entry, base: Forms | None, convert: Convert, base_tag: str) -> Entry:
    """One entry of a derived catalogue (already merged with the template) from its base text: None when that is not translated.

    The merge's kept-translation mark goes from an entry that comes out of it no longer fuzzy (as the merge drops it
    from a finished one): derived anew from a finished base, the earlier translation is no longer what it holds.

    >>> from tarjima.derive.translit import Derived
    >>> upper = lambda text: Derived(text.upper(), ())
    >>> was = derive_entry(Entry("Old."), ("eski",), upper, "uz-Latn")
    >>> kept = replace(was, msgid="New.", previous_msgid="Old.", flags=("fuzzy",), translator_comments=(*was.translator_comments, f"{EARLIER_COMMENT} 5a9453ef"))
    >>> derive_entry(kept, None, upper, "uz-Latn") == kept  # the base's entry still fuzzy: the earlier translation still holds
    True
    >>> done = derive_entry(kept, ("yangi",), upper, "uz-Latn")
    >>> done.msgstr, done.fuzzy, [c for c in done.translator_comments if c.startswith(EARLIER_COMMENT)]
    ('YANGI', False, [])
    """
    derived = derived_entry(entry, base, convert, base_tag)
    if derived.fuzzy or not any(c.startswith(EARLIER_COMMENT) for c in derived.translator_comments):
        return derived
    return replace(derived, translator_comments=tuple(c for c in derived.translator_comments if not c.startswith(EARLIER_COMMENT)))


def derived_entry(entry: Entry, base: Forms | None, convert: Convert, base_tag: str) -> Entry:
    """``derive_entry`` before the kept-translation mark is settled."""
    own = tuple(c for c in entry.translator_comments if not ours(c))
    mark = mark_of(entry)
    if base is None:
        if entry.fuzzy and entry.previous_msgid is not None and mark is not None and untouched(entry, mark):
            return entry  # the derivation of the paragraph before its edit, as the merge kept it (an earlier version may show it)
        if mark is not None and (not entry.has_translation or untouched(entry, mark)):
            return with_texts(entry, ("",) * len(forms(entry)), own, False)  # tarjima's text of a base no longer translated
        if not entry.has_translation or entry.fuzzy:
            return entry
        # Typed, or a correction of a base no longer translated: a conversion of nothing, held for review.
        held = (*own, *((mark_line(mark.base, mark.source, mark.wrote),) if mark is not None else ()), f"{HELD}{base_tag}, whose text is not translated")
        return with_texts(entry, forms(entry), held, True)
    derived = [convert(text) for text in base]
    texts = tuple(d.text for d in derived)
    seen: dict[str, Ambiguity] = {}
    for d in derived:
        for a in d.ambiguities:
            seen.setdefault(a.word, a)
    lines = tuple(ambiguity_line(a) for a in seen.values())
    new_mark = mark_line(base_tag, short(*base), written(texts, lines))
    fresh = with_texts(entry, texts, (*own, new_mark, *lines), False)
    if untouched_or_empty(entry, mark) or (mark is None and forms(entry) == texts):
        return fresh
    offered = tuple(f"{OFFERED}{base_tag}: {one_line(t)}" for t in texts)
    if mark is None:  # a text of its own (typed, or from before the language was derived): not a conversion of this base
        return with_texts(entry, forms(entry), (*own, new_mark, *offered), True)  # kept, fuzzy, the derivation offered
    if mark.source == short(*base):  # a correction of this very text: kept as the reviewer left it
        if any(c.startswith(HELD) for c in entry.translator_comments):  # held only while its base was not translated
            return with_texts(entry, forms(entry), (*own, mark_line(mark.base, mark.source, mark.wrote)), False)
        keep = (*own, mark_line(mark.base, mark.source, mark.wrote), *(offered if entry.fuzzy else ()))
        return replace(entry, translator_comments=keep)  # its ambiguity notes go: the reviewer decided
    # The base text changed under a correction: fuzzy, the correction kept, the new derivation offered.
    return with_texts(entry, forms(entry), (*own, new_mark, *offered), True)


def base_texts(catalog: Catalog) -> dict[tuple[str | None, str], Forms]:
    """The translated, non-fuzzy texts of a base catalogue, by entry key."""
    return {e.key: forms(e) for e in catalog.active if e.translated}


def source_texts(entry: Entry, count: int) -> Forms:
    """An entry's own source text as its base (a report written in the base language)."""
    if entry.msgid_plural is None:
        return (entry.msgid,)
    return (entry.msgid, *([entry.msgid_plural] * max(count - 1, 1)))


def derive_catalog(merged: Catalog, bases: Mapping[tuple[str | None, str], Forms] | None, convert: Convert, base_tag: str, derived_from: str) -> Catalog:
    """A derived catalogue from its merged self and its base texts (None: from each entry's source text).

    Obsolete entries that hold only what tarjima wrote are dropped: derivation makes them again.
    """
    entries = []
    for entry in merged.entries:
        if entry.obsolete:
            mark = mark_of(entry)
            if mark is None or not untouched(entry, mark):
                entries.append(entry)
            continue
        base = source_texts(entry, len(forms(entry))) if bases is None else bases.get(entry.key)
        entries.append(derive_entry(entry, base, convert, base_tag))
    return replace(merged, entries=tuple(entries)).with_headers(X_Derived_From=derived_from)


class Review(NamedTuple):
    """How far a derived catalogue is reviewed: entries derived and untouched, reviewed, and untouched with open ambiguities."""

    derived: int = 0
    reviewed: int = 0
    ambiguous: int = 0


def review(catalog: Catalog) -> Review:
    """Of the translated entries (as msgfmt counts them): those tarjima derived, and those reviewed. The rest were
    typed by another tool (``catalogues.typed``); a fuzzy entry is neither, as it is not shown."""
    derived = reviewed = ambiguous = 0
    for entry in catalog.active:
        if not entry.translated:
            continue
        found = state(entry)
        if found == "derived":
            derived += 1
            ambiguous += any(c.startswith(AMBIGUOUS) for c in entry.translator_comments)
        elif found == "reviewed":
            reviewed += 1
    return Review(derived, reviewed, ambiguous)


def open_ambiguities(catalog: Catalog) -> list[tuple[Entry, tuple[str, tuple[str, ...], str]]]:
    """Each (entry, (word, alternatives, reason)) of the untouched derived entries: what a person should still decide."""
    found = []
    for entry in catalog.active:
        if entry.fuzzy or state(entry) != "derived":
            continue
        for comment in entry.translator_comments:
            match = AMBIGUOUS_RE.match(comment)
            if match:
                word, alternatives, reason = match.groups()
                found.append((entry, (word, tuple(alternatives.split(" | ")), reason or "")))
    return found
