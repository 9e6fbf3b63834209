"""PO files, strictly: decoding by the declared charset, and a parser that names the line of every error.

The reader is our own rather than polib's: polib drops ``#~|`` previous msgids of obsolete
entries, cannot say on which line a broken entry starts in every case, and is slow on large
archives. The quick readers of ``po.quick`` share ``decode`` and ``unquote`` with it.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from pathlib import Path

from tarjima.errors import InputError
from tarjima.files import read_bytes
from tarjima.po.header import WHITESPACE, check_plural_forms, header_fields, header_value  # WHITESPACE: inside a string each is text
from tarjima.model import Catalog, Entry

# The charset of the header's Content-Type line; GNU reads "charset= koi8-r" as an empty name,
# tarjima skips the blank (the intent is plain, and decoding by it is checked like any other).
CHARSET_RE = re.compile(rb"Content-Type:[^\n]*?charset=[ \t]*([-A-Za-z0-9_.:]*)", re.I)
BOM = b"\xef\xbb\xbf"
UTF8_NAMES = {"utf-8", "utf8"}  # codecs.lookup(...).name of UTF-8 spellings


KEYWORD_RE = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)[ \t\r\f\v]*(".*)$')


ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v", "\\": "\\", '"': '"', "'": "'", "?": "?"}


ESCAPE_RE = re.compile(r'\\(?:([ntrabfv\\"\'?])|([0-7]{1,3})|x([0-9A-Fa-f]+)|(.|$))')


QUOTE_RE = re.compile(r'(?<!\\)(?:\\\\)*"')


HINT = "fix the entry in a text editor, or restore the file from version control"


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Decode a PO file by its declared charset; return (text, charset).

    * A UTF-8 byte-order mark is accepted (and never written back).
    * No charset (no Content-Type, ``charset=`` empty, or the template placeholder ``CHARSET``):
      GNU passes the bytes through as if ASCII; tarjima reads them as UTF-8 when they are valid
      UTF-8 and otherwise refuses, naming the missing charset (any guess would be mojibake).
    * A legacy charset (anything but UTF-8) whose bytes are valid UTF-8 with at least one 8-bit
      sequence is refused: every byte is valid Latin-1, KOI8-R or CP1251, so such a file would
      otherwise be read as mojibake without a word. Real legacy text is practically never valid
      UTF-8 (a Latin-1 letter is followed by ASCII, Cyrillic CP1251 and KOI8-R letters pair into
      invalid sequences); the false positive is a file whose every 8-bit character happens to
      pair into a UTF-8 sequence (Latin-1 "Ã©"), and its fix is the same: declare the charset.
    """
    if data.startswith(BOM):
        data = data[len(BOM) :]
    match = CHARSET_RE.search(data)
    declared = match.group(1).decode("ascii") if match else ""
    if not declared or declared.upper() == "CHARSET":
        try:
            return data.decode("utf-8"), "UTF-8"
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            what = "the charset placeholder CHARSET" if declared else "no charset"
            raise InputError(path, f"the header declares {what} and the file is not UTF-8", "declare the file's charset in the Content-Type header (charset=...), or save it as UTF-8", line) from None
    try:
        name = codecs.lookup(declared).name
    except LookupError:
        raise InputError(path, f"unknown charset {declared!r} in the Content-Type header", "declare charset=UTF-8 and save the file as UTF-8", 1) from None
    if name not in UTF8_NAMES and not data.isascii():
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            first = re.search(rb"[\x80-\xff]", data)
            line = data[: first.start() if first else 0].count(b"\n") + 1
            raise InputError(path, f"the header declares charset={declared}, but the text is UTF-8 (it would read as mojibake)", "declare charset=UTF-8 in the Content-Type header", line)
    try:
        return data.decode(declared), declared
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(path, f"not valid {declared}", "save the file as UTF-8 and declare charset=UTF-8", line) from None


def unquote(literal: str, path: str, line: int) -> str:
    """The value of one C string literal as gettext writes them."""
    literal = literal.strip(WHITESPACE)
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
            if int(hexa, 16) > 0x10FFFF or 0xD800 <= int(hexa, 16) <= 0xDFFF:
                raise InputError(path, f"escape sequence \\x{hexa} is not a Unicode character", "write the character itself", line)
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
        key = entry.key  # GNU: an obsolete entry may not repeat an active one's msgid either
        if key in seen:
            raise InputError(path, f"duplicate message definition (first at line {seen[key]})", "merge the two entries into one", d.line)
        seen[key] = d.line
        if entry.msgid == "" and entry.msgctxt is None and not entry.obsolete and entry.msgstr:
            header = d  # the header, wherever it stands (GNU accepts it anywhere)
            return
        entries.append(entry)  # an empty header entry stays an entry: GNU counts it, and writes it back

    for number, raw in enumerate(text.split("\n"), start=1):  # not splitlines(): GNU ends lines only at \n
        line = raw.rstrip("\r")
        stripped = line.strip(WHITESPACE)
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
                current = previous_line(draft, rest.strip(WHITESPACE), path, number)
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
            current = previous_line(draft, stripped[1:].strip(WHITESPACE), path, number)
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
    return assemble(header, entries, path, text)


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


def assemble(header: _Draft | None, entries: list[Entry], path: str, source: str = "") -> Catalog:
    """The catalogue from its header draft and entries (``source``: the file's text, where the header's fields are found)."""
    text = "".join(header.fields["msgstr"]) if header is not None else ""
    plural = next((e for e in entries if not e.obsolete and e.msgid_plural is not None and any(e.msgstr_plural)), None)
    if plural is not None and header_value(text, "Plural-Forms") is None:  # msgfmt -c: "has plural form translations, but ..."
        raise InputError(path, "plural translations, but the header has no Plural-Forms", 'add e.g. "Plural-Forms: nplurals=2; plural=(n != 1);\\n" to the header', plural.line)
    if header is None:
        return Catalog(entries=tuple(entries))
    check_plural_forms(header_value(text, "Plural-Forms"), path, source, header.line)
    comments = tuple(c for c in header.raw_comments if not c.startswith("#,"))
    return Catalog(
        entries=tuple(entries),
        headers=header_fields(text),
        header_comments=comments,
        header_fuzzy="fuzzy" in header.flags,
    )


def read(data: bytes, path: str) -> Catalog:
    """Decode and parse a PO file's bytes."""
    if not data.strip():  # msgfmt -c: "PO file header missing or invalid"
        raise InputError(path, "an empty file, not a catalogue", "restore it from version control, or delete it and run tarjima update for a new one", 1)
    text, charset = decode(data, path)
    catalog = parse(text, path)
    return Catalog(catalog.entries, catalog.headers, catalog.header_comments, catalog.header_fuzzy, charset)


def read_catalog(path: Path, display: str) -> Catalog:
    """Read one catalogue from disk, strictly."""
    return read(read_bytes(path, display), display)
