"""Quick readers of PO files for counting and rendering thousands of catalogues.

They recognise the layout GNU gettext and tarjima write and share the strict reader's decoding
and unescaping (``po.read``); anything they do not recognise returns None, and the caller
reads the file strictly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tarjima.model import MACHINE_COMMENT, Catalog, Entry
from tarjima.po.read import decode, unquote

MACHINE_MARK = f"# {MACHINE_COMMENT}"  # how a machine draft's translator comment starts in the file

# A lean reader for counting: one regular expression over the whole text, for catalogues in
# the layout GNU gettext and tarjima write (entries separated by blank lines). ``status`` on
# thousands of catalogues uses it; anything it does not recognise goes to the strict parser.
_STR = r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"\n'


_MORE = r'(?:(?:#~ )?' + _STR + r')*'


_ENTRY_RE = re.compile(
    r'(?P<comments>(?:#(?!~ (?:msg|"))[^\n]*\n)*)'
    r'(?:(?:#~ )?msgctxt ' + _STR + _MORE + r')?'
    r'(?P<ob>#~ )?msgid (?P<msgid>' + _STR + _MORE + r')'
    r'(?P<plural>(?:#~ )?msgid_plural )?'
    r'(?P<msgstr>(?:(?:#~ )?msgstr(?:\[\d+\])? ' + _STR + _MORE + r')+)'
)


_PIECE_RE = re.compile(r'"([^"\\\n]*(?:\\.[^"\\\n]*)*)"')


_EMPTY_MSGSTR_RE = re.compile(r'(?:#~ )?msgstr ""\n')


@dataclass(frozen=True)
class Scan:
    """A catalogue as the lean reader sees it: the header, and each entry's texts and state."""

    header: str  # the header entry's msgstr, unescaped
    entries: tuple[tuple[str, str, str], ...]  # (msgid, msgstr, "translated" | "fuzzy" | "untranslated" | "machine")
    obsolete: tuple[tuple[str, str], ...]  # (msgid, msgstr) of obsolete entries

    def catalog(self) -> Catalog:
        """The entries as a Catalog (texts and fuzziness; comments and references are not read)."""
        active = tuple(Entry(msgid, msgstr, flags=("fuzzy",) if state in ("fuzzy", "machine") else ()) for msgid, msgstr, state in self.entries)
        retired = tuple(Entry(msgid, msgstr, obsolete=True) for msgid, msgstr in self.obsolete)
        headers = tuple((k.strip(), v.strip()) for k, _, v in (line.partition(":") for line in self.header.split("\n") if ":" in line))
        return Catalog(entries=active + retired, headers=headers)


def _joined(raw: str) -> str:
    """The text of whole quoted lines without escapes ('"..."\\n"..."'): quotes and line joints dropped, in C."""
    return raw[1:-1].replace('"\n"', "")


def _text(group: str, path: str) -> str:
    """The value of a keyword's string literals, as the lean reader found them."""
    if "\\" not in group and "#~" not in group:  # the common case
        return _joined(group[group.index('"') : -1])
    value = "".join(_PIECE_RE.findall(group))
    return unquote(f'"{value}"', path, 0) if "\\" in value else value


def scan(data: bytes, path: str, machine_marker: str = MACHINE_MARK) -> Scan | None:
    """Read a catalogue without building full entries; None when the layout is not the plain one."""
    text, _ = decode(data, path)
    if "\r" in text or not text.endswith("\n"):
        return None
    position = 0
    header = ""
    entries: list[tuple[str, str, str]] = []
    obsolete: list[tuple[str, str]] = []
    first = True
    for match in _ENTRY_RE.finditer(text):
        if text[position : match.start()].strip():
            return None
        position = match.end()
        if match.group("plural"):
            return None
        msgid = _text(match.group("msgid"), path)
        raw_msgstr = match.group("msgstr")
        if first and msgid == "" and not match.group("ob"):
            header = _text(raw_msgstr, path)
            first = False
            continue
        first = False
        msgstr = "" if _EMPTY_MSGSTR_RE.fullmatch(raw_msgstr) else _text(raw_msgstr, path)
        if match.group("ob"):
            obsolete.append((msgid, msgstr))
            continue
        comments = match.group("comments")
        if not msgstr:
            state = "untranslated"
        elif "fuzzy" in comments and _fuzzy_flag(comments):
            state = "machine" if machine_marker in comments else "fuzzy"
        else:
            state = "translated"
        entries.append((msgid, msgstr, state))
    if text[position:].strip():
        return None
    return Scan(header, tuple(entries), tuple(obsolete))


# The quickest reader, for counting only (``status`` on thousands of catalogues): entries are
# the blocks between blank lines, found with str.split and str.find (C loops) rather than a
# regular expression run over every character. Each block's shape is checked (comments, then
# msgid and msgstr as runs of quoted lines); anything else, including plural entries and
# escapes in a msgid, goes back to the readers above.


@dataclass(frozen=True)
class Tally:
    """A catalogue as ``status`` counts it."""

    header: str  # the header entry's msgstr, unescaped
    states: tuple[str, ...]  # per active entry: "translated", "fuzzy", "machine", "untranslated"
    msgids: tuple[str, ...]  # per active entry
    obsolete: int


def _fuzzy_flag(comments: str) -> bool:
    """Whether a "#," line among these comment lines carries the fuzzy flag."""
    start = ("\n" + comments).find("\n#,")
    while start >= 0:
        end = comments.find("\n", start)
        end = len(comments) if end < 0 else end
        if "fuzzy" in (flag.strip() for flag in comments[start + 2 : end].split(",")):
            return True
        start = comments.find("\n#,", end) + 1 or -1
    return False


def _quoted(raw: str) -> bool:
    """Whether ``raw`` is one or more whole quoted lines: '"..."' or '"..."\\n"..."'."""
    return len(raw) >= 2 and raw[0] == '"' and raw[-1] == '"' and raw.count("\n") == raw.count('"\n"')


def tally(data: bytes, path: str, machine_marker: str = MACHINE_MARK) -> Tally | None:
    """Count a catalogue in the plain layout; None when it is not (the caller reads it another way)."""
    text, _ = decode(data, path)
    if "\r" in text or "msgid_plural" in text or not text.endswith("\n"):
        return None
    states: list[str] = []
    msgids: list[str] = []
    obsolete = 0
    header = ""
    for number, block in enumerate(text[:-1].split("\n\n")):
        if not block:
            continue
        at = 0 if block.startswith("msgid ") else block.find("\nmsgid ") + 1
        if at == 0 and not block.startswith("msgid "):
            if "#~ msgid " in block and ("\n" + block).count("\n#") == block.count("\n") + 1:
                obsolete += 1
                continue
            return None
        cut = block.find("\nmsgstr ", at)
        comments = block[:at]
        if cut < 0 or (comments and ("\n" + comments).count("\n#") != comments.count("\n")):  # every line a comment
            return None
        raw_id, raw_str = block[at + 6 : cut], block[cut + 8 :]
        if not _quoted(raw_id) or not _quoted(raw_str) or "\\" in raw_id:
            return None
        msgid = _joined(raw_id)
        if number == 0 and msgid == "":
            header = unquote(f'"{_joined(raw_str)}"', path, 0) if "\\" in raw_str else _joined(raw_str)
            continue
        if raw_str == '""':
            states.append("untranslated")
        elif "fuzzy" in comments and _fuzzy_flag(comments):
            states.append("machine" if machine_marker in comments else "fuzzy")
        else:
            states.append("translated")
        msgids.append(msgid)
    return Tally(header, tuple(states), tuple(msgids), obsolete)
