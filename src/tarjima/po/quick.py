"""Quick readers of PO files for counting and rendering thousands of catalogues.

They may skip work, never judgement: the file is decoded by the strict reader's ``decode``
(the same charset verdicts, the same messages), and each entry must be a block, between
blank lines, of exactly the plain layout GNU gettext and tarjima write (comments, ``#|``
previous strings, then ``msgid`` and ``msgstr`` as runs of well-formed quoted lines; or the
same with ``#~`` for an obsolete entry). The header goes through the strict reader's checks.
Anything else (a plural entry, a context, a duplicate, a header that is empty or not first,
a string the strict reader might refuse) makes them return None: the caller then reads the
file strictly, and the strict reader gives the verdict. So a file is refused by the quick
path only with the strict reader's own message, and accepted only if the strict reader
accepts it with the same texts and counts (``tests/test_quick_verdict.py`` checks it on
random and mutated catalogues).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tarjima.model import MACHINE_COMMENT, Catalog, Entry
from tarjima.po.header import WHITESPACE, check_plural_forms, header_fields, header_value
from tarjima.po.read import decode, unquote

MACHINE_MARK = f"# {MACHINE_COMMENT}"  # how a machine draft's translator comment starts in the file

# A quoted string the strict reader's ``unquote`` accepts: no raw quote, only the escapes that
# always give one character (a hexadecimal one may be out of range: the strict reader decides).
# Every repeat is possessive (``*+``): what follows each one can never be matched by it (a quote
# or a backslash ends a run of plain characters, a keyword or "#" follows a string's last line),
# so giving characters back could never find another match, and not keeping the places to give
# them back from makes these patterns a third faster.
_STR = r'"[^"\\\n]*+(?:\\(?:[ntrabfv\\"\'?]|[0-7]{1,3})[^"\\\n]*+)*+"'
_RUN = _STR + r"(?:\n" + _STR + r")*+"  # a keyword's string: one or more quoted lines
_COMMENT = r"#(?:[ .:,][^\n]*+)?\n"  # "# text", "#. text", "#: refs", "#, flags", a bare "#"
_PREVIOUS = r"#\| (?:msgctxt|msgid|msgid_plural) " + _STR + r"\n(?:#\| " + _STR + r"\n)*+"
# Matched against a whole block, whose last line has no newline (blocks are split at blank lines).
_ACTIVE_RE = re.compile(rf"(?P<comments>(?:{_COMMENT}|{_PREVIOUS})*+)msgid (?P<id>{_RUN})\nmsgstr (?P<str>{_RUN})")
_OB_RUN = _STR + r"(?:\n#~ " + _STR + r")*+"
_OBSOLETE_RE = re.compile(
    rf"(?P<comments>(?:{_COMMENT})*+)(?:#~\| (?:msgctxt|msgid|msgid_plural) {_STR}\n(?:#~\| {_STR}\n)*+)*+"
    rf"#~ msgid (?P<id>{_OB_RUN})\n#~ msgstr (?P<str>{_OB_RUN})"
)


def _value(run: str, path: str) -> str:
    """The value of a keyword's quoted lines (already checked well formed)."""
    value = run[1:-1].replace('"\n"', "")  # well formed: '"\n"' is only ever a joint between lines
    return unquote(f'"{value}"', path, 0) if "\\" in value else value


def _translator_comments(comments: str) -> list[str]:
    """The translator comments among comment lines, as the strict reader reads them."""
    found = []
    for line in comments.split("\n"):
        line = line.strip(WHITESPACE)
        if line.startswith("#") and line[1:2] not in (".", ":", ",", "|"):
            body = line[1:]
            found.append(body[1:] if body.startswith(" ") else body)
    return found


def _fuzzy_flag(comments: str) -> bool:
    """Whether a "#," line among these comment lines carries the fuzzy flag."""
    return any(line.startswith("#,") and "fuzzy" in (f.strip() for f in line[2:].split(",")) for line in comments.split("\n"))


def _previous_msgid(comments: str, path: str) -> str | None:
    """The ``#| msgid`` among these comment lines (already checked well formed), as the strict reader reads it."""
    if "#| " not in comments:
        return None
    parts: list[str] | None = None
    keyword = ""
    for line in comments.split("\n"):
        if not line.startswith("#| "):
            continue
        rest = line[3:]
        if not rest.startswith('"'):
            keyword, rest = rest.split(" ", 1)
            if keyword == "msgid":
                parts = []
        if keyword == "msgid" and parts is not None:
            parts.append(rest)
    return _value("\n".join(parts), path) if parts else None


Notes = tuple[tuple[str, ...], str | None]  # an entry's translator comments and previous msgid
NO_NOTES: Notes = ((), None)
Plain = tuple[str, list[tuple[str, str, str, Notes]], list[tuple[str, str]]]  # (header text, active (msgid, msgstr, state, notes), obsolete (msgid, msgstr))


def _plain(data: bytes, path: str, msgstrs: bool = True) -> Plain | None:
    """A catalogue of the plain layout, entry by entry; None for anything else (``msgstrs``: False when
    only whether each msgstr is empty matters, as for counting: "" stands for every non-empty one)."""
    text, _ = decode(data, path)
    if "\r" in text or not text.endswith("\n") or "msgid_plural" in text or "msgctxt" in text:
        return None
    header = ""
    active: list[tuple[str, str, str, Notes]] = []
    obsolete: list[tuple[str, str]] = []
    seen: set[str] = set()
    for number, block in enumerate(text[:-1].split("\n\n")):
        if not block:
            return None  # two blank lines in a row, or a blank first line: the strict reader decides
        obsolete_block = block.startswith("#~ msgid ") or "\n#~ msgid " in block
        match = (_OBSOLETE_RE if obsolete_block else _ACTIVE_RE).fullmatch(block)
        if match is None:
            return None
        raw_id, raw_str = match.group("id"), match.group("str")
        msgid = _value(raw_id.replace("\n#~ ", "\n") if obsolete_block else raw_id, path)
        if msgstrs or not msgid:
            msgstr = _value(raw_str.replace("\n#~ ", "\n") if obsolete_block else raw_str, path)
        else:
            msgstr = "" if raw_str == '""' else "…"  # counted, not shown: its strings are well formed (the pattern says so)
        if msgid in seen:
            return None  # a duplicate: the strict reader names both lines
        seen.add(msgid)
        comments = match.group("comments")
        # what the aligned page shows of an entry: read only where there is some (most entries have none)
        notes = (tuple(_translator_comments(comments)), _previous_msgid(comments, path)) if msgstrs and ("# " in comments or "#\n" in comments or "#|" in comments) else NO_NOTES
        if obsolete_block:
            obsolete.append((msgid, msgstr))
        elif msgid == "":
            if number or not msgstr:
                return None  # a header that is not first, or empty (then counted as GNU counts it)
            header = msgstr
        elif not msgstr:
            active.append((msgid, msgstr, "untranslated", notes))
        elif "fuzzy" in comments and _fuzzy_flag(comments):
            machine = any(c.startswith(MACHINE_COMMENT) for c in _translator_comments(comments))
            active.append((msgid, msgstr, "machine" if machine else "fuzzy", notes))
        else:
            active.append((msgid, msgstr, "translated", notes))
    if header:  # checked once the whole file is known good, as the strict reader checks it after parsing
        check_plural_forms(header_value(header, "Plural-Forms"), path, text, 1)  # (the header is the first entry)
    return header, active, obsolete


@dataclass(frozen=True)
class Scan:
    """A catalogue as the lean reader sees it: the header, and each entry's texts and state."""

    header: str  # the header entry's msgstr, unescaped
    entries: tuple[tuple[str, str, str, Notes], ...]  # (msgid, msgstr, "translated" | "fuzzy" | "untranslated" | "machine", notes)
    obsolete: tuple[tuple[str, str], ...]  # (msgid, msgstr) of obsolete entries

    def catalog(self) -> Catalog:
        """The entries as a Catalog (texts, fuzziness, translator comments and previous msgids; references, extracted comments and other flags are not read)."""
        active = tuple(
            Entry(msgid, msgstr, flags=("fuzzy",) if state in ("fuzzy", "machine") else (), translator_comments=notes[0], previous_msgid=notes[1])
            for msgid, msgstr, state, notes in self.entries
        )
        retired = tuple(Entry(msgid, msgstr, obsolete=True) for msgid, msgstr in self.obsolete)
        return Catalog(entries=active + retired, headers=header_fields(self.header))


def scan(data: bytes, path: str) -> Scan | None:
    """Read a catalogue's texts and states without building full entries; None when the layout is not the plain one."""
    plain = _plain(data, path)
    if plain is None:
        return None
    header, active, obsolete = plain
    return Scan(header, tuple(active), tuple(obsolete))


@dataclass(frozen=True)
class Tally:
    """A catalogue as ``status`` counts it."""

    header: str  # the header entry's msgstr, unescaped
    states: tuple[str, ...]  # per active entry: "translated", "fuzzy", "machine", "untranslated"
    msgids: tuple[str, ...]  # per active entry
    obsolete: int


def tally(data: bytes, path: str) -> Tally | None:
    """Count a catalogue in the plain layout; None when it is not (the caller reads it strictly)."""
    plain = _plain(data, path, msgstrs=False)
    if plain is None:
        return None
    header, active, obsolete = plain
    return Tally(header, tuple(s for _, _, s, _ in active), tuple(m for m, _, _, _ in active), len(obsolete))
