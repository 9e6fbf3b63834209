"""A catalogue file's own layout, so that rewriting it changes only the entries that changed.

Translators save catalogues with many tools: GNU gettext and Poedit wrap strings at 79 columns,
Lokalize and some Poedit settings do not wrap or wrap at 80, Weblate writes through
translate-toolkit (77 columns, its own break rules), Poedit on Windows ends lines with CRLF. When
tarjima must write such a file (a source edit changed its entries), it keeps:

* every entry that did not change, byte for byte as the file holds it;
* the file's line ends (LF or CRLF);
* its wrapping, for the entries it writes: detected from the entries the file holds (the rule
  that reproduces most of them), or set per project with ``po_wrap`` in ``[tool.tarjima]``.

A file tarjima creates is written in the project's ``po_wrap`` (GNU's layout unless set).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType

from tarjima.errors import InputError
from tarjima.model import Catalog, Entry

Wrap = tuple[str, int]  # ("gnu", page width) | ("no-wrap", 0) | ("toolkit", 77)
GNU: Wrap = ("gnu", 79)
NO_WRAP: Wrap = ("no-wrap", 0)
TOOLKIT: Wrap = ("toolkit", 77)

SETTING = "po_wrap"
NAMES = {"gnu": GNU, "no-wrap": NO_WRAP, "weblate": TOOLKIT, "translate-toolkit": TOOLKIT}
EXAMPLE = 'e.g. po_wrap = "auto" (each file\'s own), "gnu", "no-wrap", "weblate" or a width such as 80'


def parse_wrap(value: object, where: str, line: int | None = None) -> Wrap | None:
    """The ``po_wrap`` setting: None for "auto" (each file's own layout), else the wrap to write."""
    if value == "auto":
        return None
    if isinstance(value, str) and value.lower() in NAMES:
        return NAMES[value.lower()]
    if isinstance(value, int) and not isinstance(value, bool) and 20 <= value <= 10_000:
        return ("gnu", value)
    raise InputError(where, f"{SETTING} must be auto, gnu, no-wrap, weblate or a page width from 20, not {value!r}", EXAMPLE, line)


def describe(wrap: Wrap) -> str:
    """The wrap in words, for messages and docs."""
    kind, width = wrap
    if kind == "no-wrap":
        return "no wrapping"
    if kind == "toolkit":
        return "translate-toolkit's wrapping at 77 (Weblate)"
    return f"GNU wrapping at {width}"


HeaderKey = tuple[tuple[str, ...], tuple[tuple[str, str], ...], bool]


def header_key(catalog: Catalog) -> HeaderKey:
    return (catalog.header_comments, catalog.headers, catalog.header_fuzzy)


Key = tuple[bool, str | None, str]  # (obsolete, msgctxt, msgid): an entry's place in a file


def key_of(entry: Entry) -> Key:
    return (entry.obsolete, entry.msgctxt, entry.msgid)


@dataclass(frozen=True)
class Layout:
    """How one file is laid out: its line ends, its wrapping, and the text of each entry it holds."""

    newline: str = "\n"
    wrap: Wrap = GNU
    header: tuple[HeaderKey, str] | None = None  # the header as read, and its text
    texts: Mapping[Entry, str] = field(default_factory=lambda: MappingProxyType({}))  # each entry, as the file holds it
    earlier: Mapping[Key, tuple[Entry, Mapping[str, tuple[str, ...]]]] = field(default_factory=lambda: MappingProxyType({}))  # by key: the entry and its parts' lines

    def describe(self) -> str:
        ends = "CRLF" if self.newline == "\r\n" else "LF"
        return f"{describe(self.wrap)}, {ends} line ends"


BLANK_RE = re.compile(r"\n(?:[ \t]*\n)+")


def blocks(text: str) -> list[str]:
    """A PO text's blocks (the header and its entries), as separated by blank lines."""
    return [b for b in BLANK_RE.split(text.strip("\n")) if b.strip()]


def toolkit_made(generator: str) -> bool:
    return "translate toolkit" in generator.lower() or "weblate" in generator.lower()


# translate-toolkit's escapes (translate.storage.pypo's po_escape_map)
TOOLKIT_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
TOOLKIT_ESCAPE_RE = re.compile(r'[\\"\n\r\t]')


@lru_cache(maxsize=1024)
def toolkit_lines(keyword: str, text: str, prefix: str = "", width: int = 77) -> tuple[str, ...]:
    """A keyword and its string as translate-toolkit's PO writer (so Weblate) writes them: its
    ``quoteforpo`` with the ``gettext_wrap`` of unicode-segmentation-rs, the library it calls."""
    from unicode_segmentation_rs import gettext_wrap  # only when a file in this layout is written

    escaped = TOOLKIT_ESCAPE_RE.sub(lambda m: TOOLKIT_ESCAPES[m.group(0)], text)
    pieces = gettext_wrap(escaped, width) if escaped else []
    quoted = [f'"{piece}"' for piece in pieces]
    if len(pieces) >= 2 or (pieces and len(pieces[0]) > width - 6):
        quoted.insert(0, '""')
    if not quoted:
        quoted = ['""']
    return (f"{prefix}{keyword} {quoted[0]}", *(prefix + q for q in quoted[1:]))


PART_RE = re.compile(r"^(#~\| |#\| |#~ |)(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) ")


def parts(block: str) -> dict[str, tuple[str, ...]]:
    """An entry's lines by part: "#", "#.", "#:", "#," comments, and each string with its prefix
    ("msgid", "#| msgid", "#~ msgstr[0]"), continuation lines included."""
    found: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in block.split("\n"):
        match = PART_RE.match(line)
        if match:
            current = found.setdefault(match.group(1) + match.group(2), [])
        elif line.startswith(("#.", "#:", "#,")):
            current = None
            found.setdefault(line[:2], []).append(line)
            continue
        elif line.startswith("#") and not line.startswith(("#~", "#|")):
            current = None
            found.setdefault("#", []).append(line)
            continue
        if current is not None:
            current.append(line)
    return {k: tuple(v) for k, v in found.items()}
