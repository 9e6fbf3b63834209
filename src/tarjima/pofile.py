"""PO files: a strict reader with line numbers and charsets, and a writer in GNU gettext's layout.

The reader is our own rather than polib's: polib drops ``#~|`` previous msgids of
obsolete entries, cannot say on which line a broken entry starts in every case,
and is slow on large archives. The writer wraps as GNU gettext does (``powrap``),
so ``msgcat F`` reproduces every file we write byte for byte.
"""

from __future__ import annotations

import codecs
import re
from functools import lru_cache
from dataclasses import dataclass, field

from tarjima.errors import InputError
from tarjima.model import Catalog, Entry
from tarjima.powrap import reference_lines
from tarjima.powrap import string_lines as wrap_string


@lru_cache(maxsize=1024)  # a report's strings: written to its template and each catalogue
def _string_lines(keyword: str, text: str, prefix: str) -> tuple[str, ...]:
    return tuple(wrap_string(keyword, text, prefix))


def string_lines(keyword: str, text: str, prefix: str = "") -> list[str]:
    """A keyword and its string as GNU writes them; a msgid is written three times (template
    and two catalogues), so each is wrapped once."""
    return list(_string_lines(keyword, text, prefix))

CHARSET_RE = re.compile(rb"charset=([-A-Za-z0-9_.:]+)")
KEYWORD_RE = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s*(".*)$')
ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v", "\\": "\\", '"': '"', "'": "'", "?": "?"}
ESCAPE_RE = re.compile(r'\\(?:([ntrabfv\\"\'?])|([0-7]{1,3})|x([0-9A-Fa-f]+)|(.|$))')
QUOTE_RE = re.compile(r'(?<!\\)(?:\\\\)*"')
HINT = "fix the entry in a text editor, or restore the file from version control"


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Decode a PO file by its declared charset; return (text, charset)."""
    match = CHARSET_RE.search(data[:4096])
    charset = match.group(1).decode("ascii") if match else "UTF-8"
    if charset.upper() == "CHARSET":
        charset = "UTF-8"
    try:
        codecs.lookup(charset)
    except LookupError:
        raise InputError(path, f"unknown charset {charset!r} in the Content-Type header", "declare charset=UTF-8 and save the file as UTF-8", 1) from None
    try:
        return data.decode(charset), charset
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(path, f"not valid {charset}", "save the file as UTF-8 and declare charset=UTF-8", line) from None


def unquote(literal: str, path: str, line: int) -> str:
    """The value of one C string literal as gettext writes them."""
    literal = literal.strip()
    if len(literal) < 2 or literal[0] != '"' or literal[-1] != '"':
        raise InputError(path, f"expected a quoted string, found {literal[:40]!r}", HINT, line)
    body = literal[1:-1]
    if "\\" not in body and '"' not in body:
        return body  # the common case: nothing to unescape
    if QUOTE_RE.search(body):
        raise InputError(path, "unescaped double quote inside a string", 'write \\" for a quote', line)

    def replace(match: re.Match[str]) -> str:
        simple, octal, hexa, bad = match.groups()
        if simple:
            return ESCAPES[simple]
        if octal:
            return chr(int(octal, 8))
        if hexa:
            return chr(int(hexa, 16))
        raise InputError(path, f"invalid escape sequence \\{bad}", "write \\\\ for a backslash", line)

    return ESCAPE_RE.sub(replace, body)


@dataclass
class _Draft:
    """An entry while it is being read."""

    line: int = 0
    obsolete: bool | None = None
    fields: dict[str, list[str]] = field(default_factory=dict)
    previous: dict[str, list[str]] = field(default_factory=dict)
    translator: list[str] = field(default_factory=list)
    extracted: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    raw_comments: list[str] = field(default_factory=list)

    @property
    def has_message(self) -> bool:
        return "msgid" in self.fields


def parse(text: str, path: str) -> Catalog:
    """Parse PO text strictly; every error names the line."""
    entries: list[Entry] = []
    header: _Draft | None = None
    draft = _Draft()
    current: list[str] | None = None
    seen: dict[tuple[str | None, str], int] = {}

    def finish(d: _Draft) -> None:
        nonlocal header
        if not d.has_message:
            if d.fields or d.previous:
                raise InputError(path, "entry without msgid", HINT, d.line)
            return
        entry = build(d, path)
        if entry.msgid == "" and entry.msgctxt is None and not entry.obsolete:
            if header is not None or entries:
                raise InputError(path, "a second header entry (empty msgid)", "remove the duplicate", d.line)
            header = d
            return
        key = (entry.key, entry.obsolete)
        if key in seen:
            raise InputError(path, f"duplicate message definition (first at line {seen[key]})", "merge the two entries into one", d.line)
        seen[key] = d.line
        entries.append(entry)

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r")
        stripped = line.strip()
        if not stripped:
            current = None
            continue
        obsolete = stripped.startswith("#~")
        if obsolete:
            stripped = stripped[2:].lstrip(" ")
            if not stripped:
                continue
            if not (stripped.startswith("|") or stripped.startswith("m") or stripped.startswith('"')):
                raise InputError(path, f"unexpected text in an obsolete entry: {line[:40]!r}", HINT, number)
        if stripped.startswith("#") and not obsolete:
            if "msgstr" in draft.fields or any(k.startswith("msgstr") for k in draft.fields):
                finish(draft)
                draft = _Draft()
            current = None
            draft.line = draft.line or number
            draft.raw_comments.append(line)
            kind, rest = stripped[1:2], stripped[2:]
            if kind == ".":
                draft.extracted.append(rest[1:] if rest.startswith(" ") else rest)
            elif kind == ":":
                draft.references.extend(rest.split())
            elif kind == ",":
                draft.flags.extend(f.strip() for f in rest.split(",") if f.strip())
            elif kind == "|":
                current = previous_line(draft, rest.strip(), path, number)
            else:
                body = stripped[1:]
                draft.translator.append(body[1:] if body.startswith(" ") else body)
            continue
        if obsolete and stripped.startswith("|"):
            if any(k.startswith("msgstr") for k in draft.fields):
                finish(draft)
                draft = _Draft()
            draft.line = draft.line or number
            draft.obsolete = True
            current = previous_line(draft, stripped[1:].strip(), path, number)
            continue
        if stripped.startswith('"'):
            if current is None:
                raise InputError(path, "a string continues no msgid or msgstr", HINT, number)
            current.append(unquote(stripped, path, number))
            continue
        match = KEYWORD_RE.match(stripped)
        if not match:
            raise InputError(path, f"syntax error: {stripped[:40]!r}", HINT, number)
        keyword = match.group(1)
        if keyword in ("msgctxt", "msgid") and any(k.startswith("msgstr") for k in draft.fields):
            finish(draft)
            draft = _Draft()
        if keyword in ("msgctxt", "msgid") and "msgid" in draft.fields:
            raise InputError(path, "entry without msgstr", 'add msgstr "" after its msgid', draft.line)
        if keyword in draft.fields:
            raise InputError(path, f"{keyword} given twice in one entry", HINT, number)
        if draft.obsolete is not None and draft.obsolete != obsolete and draft.fields:
            raise InputError(path, "an entry mixes obsolete (#~) and active lines", HINT, number)
        draft.obsolete = obsolete
        draft.line = draft.line or number
        current = draft.fields[keyword] = [unquote(match.group(3), path, number)]
    finish(draft)
    return assemble(header, entries, path)


def previous_line(draft: _Draft, rest: str, path: str, number: int) -> list[str]:
    """Read a ``#|`` line into the draft; return the list later strings continue."""
    if rest.startswith('"'):
        if not draft.previous:
            raise InputError(path, "a #| string continues nothing", HINT, number)
        target = list(draft.previous.values())[-1]
        target.append(unquote(rest, path, number))
        return target
    match = KEYWORD_RE.match(rest)
    if not match or match.group(1) not in ("msgctxt", "msgid", "msgid_plural"):
        raise InputError(path, f"syntax error in a previous-msgid line: {rest[:40]!r}", HINT, number)
    draft.previous[match.group(1)] = [unquote(match.group(3), path, number)]
    return draft.previous[match.group(1)]


def build(draft: _Draft, path: str) -> Entry:
    """Turn a finished draft into an Entry."""
    values = {k: "".join(v) for k, v in draft.fields.items()}
    previous = {k: "".join(v) for k, v in draft.previous.items()}
    plural = values.get("msgid_plural")
    if plural is not None:
        forms = sorted((int(k[7:-1]), v) for k, v in values.items() if k.startswith("msgstr["))
        if not forms or [i for i, _ in forms] != list(range(len(forms))):
            raise InputError(path, "a plural entry needs msgstr[0], msgstr[1], ... in order", HINT, draft.line)
        msgstr, msgstr_plural = "", tuple(v for _, v in forms)
    else:
        if any(k.startswith("msgstr[") for k in values):
            raise InputError(path, "msgstr[0] without msgid_plural", "write msgstr for a singular entry, or add msgid_plural", draft.line)
        if "msgstr" not in values:
            raise InputError(path, "entry without msgstr", 'add msgstr "" after the msgid', draft.line)
        msgstr, msgstr_plural = values["msgstr"], ()
    return Entry(
        msgid=values["msgid"],
        msgstr=msgstr,
        msgctxt=values.get("msgctxt"),
        msgid_plural=plural,
        msgstr_plural=msgstr_plural,
        flags=tuple(draft.flags),
        references=tuple(draft.references),
        extracted_comments=tuple(draft.extracted),
        translator_comments=tuple(draft.translator),
        previous_msgctxt=previous.get("msgctxt"),
        previous_msgid=previous.get("msgid"),
        previous_msgid_plural=previous.get("msgid_plural"),
        obsolete=bool(draft.obsolete),
        line=draft.line,
    )


def assemble(header: _Draft | None, entries: list[Entry], path: str) -> Catalog:
    """The catalogue from its header draft and entries."""
    if header is None:
        return Catalog(entries=tuple(entries))
    text = "".join(header.fields["msgstr"])
    headers: list[tuple[str, str]] = []
    for line in text.split("\n"):
        if not line:
            continue
        name, sep, value = line.partition(":")
        if not sep:
            if not headers:
                raise InputError(path, f"header line without a field name: {line[:40]!r}", "write 'Name: value'", header.line)
            name, value = headers[-1][0], headers[-1][1] + "\n" + line
            headers[-1] = (name, value)
            continue
        headers.append((name.strip(), value.strip()))
    comments = tuple(c for c in header.raw_comments if not c.startswith("#,"))
    return Catalog(
        entries=tuple(entries),
        headers=tuple(headers),
        header_comments=comments,
        header_fuzzy="fuzzy" in header.flags,
    )


def read(data: bytes, path: str) -> Catalog:
    """Decode and parse a PO file's bytes."""
    text, charset = decode(data, path)
    catalog = parse(text, path)
    return Catalog(catalog.entries, catalog.headers, catalog.header_comments, catalog.header_fuzzy, charset)


def entry_lines(entry: Entry) -> list[str]:
    """The lines of one entry, as GNU gettext writes them."""
    lines = [f"# {c}" if c else "#" for c in entry.translator_comments]
    lines += [f"#. {c}" if c else "#." for c in entry.extracted_comments]
    if entry.references:
        lines += reference_lines(list(entry.references))
    if entry.flags:
        lines.append("#, " + ", ".join(entry.flags))
    prev = "#~| " if entry.obsolete else "#| "
    if entry.previous_msgctxt is not None:
        lines += string_lines("msgctxt", entry.previous_msgctxt, prev)
    if entry.previous_msgid is not None:
        lines += string_lines("msgid", entry.previous_msgid, prev)
    if entry.previous_msgid_plural is not None:
        lines += string_lines("msgid_plural", entry.previous_msgid_plural, prev)
    prefix = "#~ " if entry.obsolete else ""
    if entry.msgctxt is not None:
        lines += string_lines("msgctxt", entry.msgctxt, prefix)
    lines += string_lines("msgid", entry.msgid, prefix)
    if entry.msgid_plural is not None:
        lines += string_lines("msgid_plural", entry.msgid_plural, prefix)
        for index, form in enumerate(entry.msgstr_plural):
            lines += string_lines(f"msgstr[{index}]", form, prefix)
    else:
        lines += string_lines("msgstr", entry.msgstr, prefix)
    return lines


def dumps(catalog: Catalog) -> str:
    """The catalogue as PO text in UTF-8 form, GNU layout."""
    blocks: list[list[str]] = []
    if catalog.headers or catalog.header_comments:
        head = list(catalog.header_comments)
        if catalog.header_fuzzy:
            head.append("#, fuzzy")
        head += string_lines("msgid", "")
        head += string_lines("msgstr", "".join(f"{k}: {v}\n" for k, v in catalog.headers))
        blocks.append(head)
    blocks += [entry_lines(e) for e in catalog.entries]
    return "\n\n".join("\n".join(b) for b in blocks) + "\n"




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


def scan(data: bytes, path: str, machine_marker: str = "# machine translation") -> Scan | None:
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


def tally(data: bytes, path: str, machine_marker: str = "# machine translation") -> Tally | None:
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
