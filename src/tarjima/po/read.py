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
from tarjima.model import Catalog, Entry

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


def read_catalog(path: Path, display: str) -> Catalog:
    """Read one catalogue from disk, strictly."""
    return read(read_bytes(path, display), display)
