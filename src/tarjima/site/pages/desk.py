"""The aligned page as the reviewer's desk, pure: what one entry is, in words an editor reads.

Per segment and language: the entry's state (translated, reviewed, fuzzy, machine draft,
translation memory, derived, untranslated), the translator's own comments, tarjima's marks
written as sentences (the machine-translation mark, a review, a kept earlier translation, a
derivation's open ambiguity), ``check``'s findings with their check id, and for a fuzzy entry
whose source changed, the previous source text against the current one as a word diff.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import replace
from typing import Iterable, Mapping, NamedTuple, Sequence

from markupsafe import Markup, escape

from tarjima.catalog import EARLIER_COMMENT
from tarjima.derive.catalog import AMBIGUOUS, MARK_RE, OFFERED, state as derived_state
from tarjima.model import MACHINE_COMMENT, MEMORY_COMMENT, Entry
from tarjima.catalog.review import REVIEW_PREFIX, REVIEW_RE, is_reviewed

# What a cell's state is called on the desk (also its CSS class and data-state)
LABELS = {
    "source": "source",
    "translated": "translated",
    "reviewed": "reviewed",
    "fuzzy": "fuzzy",
    "machine": "machine draft",
    "memory": "translation memory",
    "derived": "derived",
    "checked": "derived, checked",
    "untranslated": "untranslated",
}

Finding = tuple[str, str, str]  # (severity, check id, message)


class DeskCell(NamedTuple):
    """One entry as the reviewer sees it, besides its text."""

    state: str  # a key of LABELS
    comments: tuple[str, ...] = ()  # the translator's own comments
    marks: tuple[str, ...] = ()  # tarjima's comments, as sentences
    findings: tuple[Finding, ...] = ()
    diff: Markup | None = None  # previous source -> current source, for a fuzzy entry

    @property
    def label(self) -> str:
        return LABELS[self.state]


def entry_state(entry: Entry | None) -> str:
    """The state of a target language's entry (None: no catalogue, or the segment not in it)."""
    if entry is None or not entry.has_translation:
        return "untranslated"
    comments = entry.translator_comments
    if entry.fuzzy:
        if any(c.startswith(MACHINE_COMMENT) for c in comments):
            return "machine"
        if any(c.startswith(MEMORY_COMMENT) for c in comments):
            return "memory"
        return "fuzzy"
    derived = derived_state(entry)
    if derived:
        return "derived" if derived == "derived" else "checked"
    return "reviewed" if is_reviewed(entry) else "translated"


def is_own(comment: str) -> bool:
    """Whether a translator comment is one tarjima writes (shown as a mark, not as the translator's words)."""
    return (comment.startswith((MACHINE_COMMENT, MEMORY_COMMENT, REVIEW_PREFIX, EARLIER_COMMENT, AMBIGUOUS, OFFERED))
            or MARK_RE.match(comment) is not None)


def mark_text(comment: str, entry: Entry) -> str | None:
    """A tarjima comment as a sentence for the desk; None for one that says nothing to a reader (a derivation's digest)."""
    if MARK_RE.match(comment):
        return None
    if comment.startswith(EARLIER_COMMENT):  # it applies to a fuzzy entry only: on a finished one it has done its work (update drops it)
        return "earlier translation kept by tarjima (the source changed since)" if entry.fuzzy else None
    review = REVIEW_RE.match(comment)
    if review:
        if is_reviewed(replace(entry, translator_comments=(comment,))):
            return f"reviewed by {review.group('name')} on {review.group('date')}"
        return f"review by {review.group('name')} on {review.group('date')} no longer holds: edited since"
    return comment


def desk_cell(entry: Entry | None, findings: Sequence[Finding] = ()) -> DeskCell:
    """Everything the desk shows of one target entry besides its text."""
    if entry is None or (not entry.translator_comments and entry.previous_msgid is None):  # most entries: nothing but a state
        return DeskCell(entry_state(entry), findings=tuple(findings)) if findings else PLAIN[entry_state(entry)]
    state = entry_state(entry)
    own = [c for c in entry.translator_comments if is_own(c)]
    marks = tuple(m for m in (mark_text(c, entry) for c in own) if m)
    comments = tuple(c for c in entry.translator_comments if not is_own(c) and c.strip())
    diff = word_diff(entry.previous_msgid, entry.msgid) if entry.fuzzy and entry.previous_msgid is not None and entry.previous_msgid != entry.msgid else None
    return DeskCell(state, comments, marks, tuple(findings), diff)


PLAIN = {state: DeskCell(state) for state in LABELS}


def by_msgid(raw: Iterable[Sequence[object]]) -> dict[str, list[Finding]]:
    """``check``'s raw findings of a catalogue (check, severity, message, line, msgid), grouped by msgid, errors first."""
    found: dict[str, list[Finding]] = {}
    for check, severity, message, _line, msgid in raw:
        found.setdefault(str(msgid), []).append((str(severity), str(check), str(message)))
    for items in found.values():
        items.sort(key=lambda f: f[0] != "error")
    return found


WORD_RE = re.compile(r"\w+\s*|[^\w\s]+\s*|\s+")  # words and runs of signs, each with the space after it: what a reader compares


def word_diff(old: str, new: str) -> Markup:
    """``old`` against ``new``, word by word: removed words in <del>, added in <ins>, the rest as it is (escaped)."""
    a, b = WORD_RE.findall(old), WORD_RE.findall(new)
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(str(escape("".join(a[i1:i2]))))
            continue
        if i2 > i1:
            out.append(f"<del>{escape(''.join(a[i1:i2]))}</del>")
        if j2 > j1:
            out.append(f"<ins>{escape(''.join(b[j1:j2]))}</ins>")
    return Markup("".join(out))


def desk_cells(msgids: Sequence[str], entries: Mapping[str, Entry] | None, findings: Mapping[str, Sequence[Finding]]) -> dict[str, DeskCell]:
    """msgid -> DeskCell for one target language (``entries`` None: no catalogue yet)."""
    entries = entries or {}
    return {text: desk_cell(entries.get(text), findings.get(text, ())) for text in msgids}
