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
random and mutated catalogues, ``tests/conformance/test_byte_counter.py`` on Django's and the
damaged cases'). ``scan`` (the build's pages, the memory) reads block by block; ``tally``
(status) reads the whole file's bytes with one pattern, entry after entry (see ``_counter_patterns``).
"""

from __future__ import annotations

import re
import sys
from functools import cache
from typing import AnyStr, NamedTuple

from tarjima.model import MACHINE_COMMENT, Catalog, Entry
from tarjima.po.header import WHITESPACE, check_plural_forms, header_fields, header_value
from tarjima.po.read import BOM, decode, unquote

MACHINE_MARK = f"# {MACHINE_COMMENT}"  # how a machine draft's translator comment starts in the file

# A quoted string the strict reader's ``unquote`` accepts: no raw quote, only the escapes that
# always give one character (a hexadecimal one may be out of range: the strict reader decides).
# Every repeat is possessive (``*+``): what follows each one can never be matched by it (a quote
# or a backslash ends a run of plain characters, a keyword or "#" follows a string's last line),
# so giving characters back could never find another match, and not keeping the places to give
# them back from makes these patterns a third faster. So the two kinds of repeat match the same texts,
# and where Python's possessive repeats are wrong, CPython 3.11.0 to 3.11.4 (gh-106052: a possessive
# repeat of a group loses matches; Debian 12's own Python is 3.11.2), the patterns are compiled greedy.
_STR = r'"[^"\\\n]*+(?:\\(?:[ntrabfv\\"\'?]|[0-7]{1,3})[^"\\\n]*+)*+"'
_RUN = _STR + r"(?:\n" + _STR + r")*+"  # a keyword's string: one or more quoted lines
_COMMENT = r"#(?:[ .:,][^\n]*+)?\n"  # "# text", "#. text", "#: refs", "#, flags", a bare "#"
_PREVIOUS = r"#\| (?:msgctxt|msgid|msgid_plural) " + _STR + r"\n(?:#\| " + _STR + r"\n)*+"
_OB_RUN = _STR + r"(?:\n#~ " + _STR + r")*+"
POSSESSIVE = sys.version_info >= (3, 11, 5)


def _compile(pattern: AnyStr) -> re.Pattern[AnyStr]:
    """The pattern as written, or with each possessive repeat (``*+``, ``++``) made greedy where it must be."""
    if not POSSESSIVE:
        star, plus = ("*+", "++") if isinstance(pattern, str) else (b"*+", b"++")
        pattern = pattern.replace(star, star[:1]).replace(plus, plus[:1])
    return re.compile(pattern)


@cache
def _block_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """One active entry, one obsolete entry: matched against a whole block, whose last line has no newline
    (blocks are split at blank lines). Compiled on first use, as the counter's patterns below: together 3 to
    5 ms at import, which a command that reads no catalogue (a no-op ``update``, ``status`` from its cache) never pays."""
    active = _compile(rf"(?P<comments>(?:{_COMMENT}|{_PREVIOUS})*+)msgid (?P<id>{_RUN})\nmsgstr (?P<str>{_RUN})")
    obsolete = _compile(
        rf"(?P<comments>(?:{_COMMENT})*+)(?:#~\| (?:msgctxt|msgid|msgid_plural) {_STR}\n(?:#~\| {_STR}\n)*+)*+"
        rf"#~ msgid (?P<id>{_OB_RUN})\n#~ msgstr (?P<str>{_OB_RUN})"
    )
    return active, obsolete


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
    active_re, obsolete_re = _block_patterns()
    for number, block in enumerate(text[:-1].split("\n\n")):
        if not block:
            return None  # two blank lines in a row, or a blank first line: the strict reader decides
        obsolete_block = block.startswith("#~ msgid ") or "\n#~ msgid " in block
        match = (obsolete_re if obsolete_block else active_re).fullmatch(block)
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


class Scan(NamedTuple):
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


class Tally(NamedTuple):
    """A catalogue as ``status`` counts it."""

    header: str  # the header entry's msgstr, unescaped
    states: tuple[str, ...]  # per active entry: "translated", "fuzzy", "machine", "untranslated"
    msgids: tuple[str, ...]  # per active entry
    obsolete: int


def _entry_pattern(string: bytes, comment: bytes) -> re.Pattern[bytes]:
    """One entry of the plain layout and the blank line after it (or the end), its strings as ``string``:
    the whole (group 1), the comments, the raw msgid and msgstr, or an obsolete entry's raw msgid."""
    run = string + rb"(?:\n" + string + rb")*+"
    previous = rb"#\| (?:msgctxt|msgid|msgid_plural) " + string + rb"\n(?:#\| " + string + rb"\n)*+"
    retired = rb"#~\| (?:msgctxt|msgid|msgid_plural) " + string + rb"\n(?:#~\| " + string + rb"\n)*+"
    obsolete_run = string + rb"(?:\n#~ " + string + rb")*+"
    return _compile(
        rb"((?:(?P<comments>(?:" + comment + rb"|" + previous + rb")*+)msgid (?P<id>" + run + rb")\nmsgstr (?P<str>" + run + rb")\n"
        rb"|(?:" + comment + rb")*+(?:" + retired + rb")*+#~ msgid (?P<obsolete>" + obsolete_run + rb")\n#~ msgstr " + obsolete_run + rb"\n)(?:\n|\Z))"
    )


# The counter reads a file's bytes with one of two patterns (the file is UTF-8, checked by ``decode``). The
# exact one reads each string as the strict reader's ``unquote`` accepts it (_STR). The fast one, for the
# part of a file without a backslash, takes a string as a quote, anything but a newline, and the line's last
# quote (a run of any byte is many times faster than a run of a byte class); a comment line may hold no
# quote. Such a part is well formed when, besides, it holds exactly two quotes per string line: every quote
# in it is in a string line, each of which ends with '"\n' and holds at least two.
@cache
def _counter_patterns() -> tuple[re.Pattern[bytes], re.Pattern[bytes]]:
    """(exact, fast), compiled on first use."""
    return _entry_pattern(_STR.encode("ascii"), _COMMENT.encode("ascii")), _entry_pattern(rb'"[^\n]*"', rb'#(?:[ .:,][^\n"]*+)?\n')


UTF8 = frozenset({"utf-8", "utf8"})
_MACHINE = MACHINE_MARK.encode("utf-8")


def _strings(runs: list[bytes], joint: bytes, path: str) -> list[str]:
    """The values of keywords' quoted lines (already checked well formed), each run's lines joined at ``joint``: decoded at once."""
    if not runs:
        return []
    joined = b"\0".join(runs).replace(joint, b"").decode("utf-8")
    values = joined[1:-1].split('"\0"')  # (in a string every quote follows a backslash: quote, NUL, quote is a seam)
    if "\\" not in joined:
        return values
    if joined.count("\\") == joined.count("\\n"):  # every backslash starts a \n (a header's lines): no other escape
        return [value.replace("\\n", "\n") for value in values]
    return [unquote(f'"{value}"', path, 0) for value in values]


def tally(data: bytes, path: str) -> Tally | None:
    """Count a catalogue in the plain layout; None when it is not (the caller reads it strictly).

    The whole file is read by one pattern (above), entry after entry; it is of the plain layout
    when the entries found cover every byte, the header first and no msgid twice.
    """
    text, charset = decode(data, path)  # the strict reader's verdict on the charset and the bytes
    if charset.lower() not in UTF8:
        return None
    if data.startswith(BOM):
        data = data[len(BOM) :]
    cut = data.find(b"\n\n")
    cut = cut + 2 if cut >= 0 else len(data)  # the first entry (the header) is always read exactly
    exact, fast = _counter_patterns()
    if data.find(b"\\", cut) >= 0:
        found = exact.findall(data)
    else:
        found = exact.findall(data, 0, cut) + fast.findall(data, cut)
        if data.count(b'"', cut) != 2 * data.count(b'"\n', cut):
            return None  # a quote inside a string, or in a comment line
    if not found or sum(map(len, next(zip(*found)))) != len(data):
        return None  # something between entries that is not of the plain layout (or nothing): the strict reader decides
    header = ""
    if found[0][2] == b'""':  # the header: not empty, or GNU counts it as an entry
        header = _strings([found[0][3]], b'"\n"', path)[0]
        if not header:
            return None
        found = found[1:]
    states: list[str] = []
    ids: list[bytes] = []
    retired: list[bytes] = []
    for _, comments, raw_id, raw_str, raw_obsolete in found:
        if raw_obsolete:
            retired.append(raw_obsolete)
            continue
        ids.append(raw_id)
        if raw_str == b'""' or (raw_str.startswith(b'""\n""') and not raw_str.strip(b'"\n')):  # (an escape is one character)
            states.append("untranslated")
        elif b"fuzzy" in comments and _fuzzy_flag(notes := comments.decode("utf-8")):
            machine = _MACHINE in comments and any(c.startswith(MACHINE_COMMENT) for c in _translator_comments(notes))
            states.append("machine" if machine else "fuzzy")
        else:
            states.append("translated")
    msgids = _strings(ids, b'"\n"', path)
    retired_ids = _strings(retired, b'"\n#~ "', path)
    if "" in msgids or "" in retired_ids or len(set(msgids).union(retired_ids)) != len(msgids) + len(retired):
        return None  # a header that is not first, an obsolete entry with the header's empty msgid, or a duplicate: the strict reader names both lines
    if header:  # checked once the whole file is known good, as the strict reader checks it after parsing
        check_plural_forms(header_value(header, "Plural-Forms"), path, text, 1)
    return Tally(header, tuple(states), tuple(msgids), len(retired))
