"""PO files written in GNU gettext's layout: ``msgcat F`` reproduces every file written here byte for byte."""

from __future__ import annotations

import re
from functools import lru_cache

from tarjima.model import Catalog, Entry
from tarjima.po.header import is_raw
from tarjima.po.wrap import format_of, reference_lines
from tarjima.po.wrap import string_lines as wrap_string


@lru_cache(maxsize=1024)  # a report's strings: written to its template and each catalogue
def _string_lines(keyword: str, text: str, prefix: str, style: Style) -> tuple[str, ...]:
    return tuple(wrap_string(keyword, text, prefix, wrap=style[0], directives=style[1]))


Style = tuple[bool, str | None]  # (wrapped, the format whose directives are never split)


def string_lines(keyword: str, text: str, prefix: str = "", style: Style = (True, None)) -> list[str]:
    """A keyword and its string as GNU writes them; a msgid is written three times (template
    and two catalogues), so each is wrapped once."""
    return list(_string_lines(keyword, text, prefix, style))


def entry_style(entry: Entry) -> Style:
    """How GNU lays out an entry's strings: ``#, no-wrap`` keeps each line whole, a format flag
    (``c-format``, ``python-format``...) forbids breaks inside that format's directives."""
    return ("no-wrap" not in entry.flags, format_of(entry.flags))


def entry_lines(entry: Entry) -> list[str]:
    """The lines of one entry, as GNU gettext writes them."""
    lines = [f"# {c}" if c else "#" for c in entry.translator_comments]
    lines += [f"#. {c}" if c else "#." for c in entry.extracted_comments]
    if entry.references:
        lines += reference_lines(list(dict.fromkeys(entry.references)))  # GNU keeps each reference once
    if entry.flags:
        lines.append("#, " + ", ".join(entry.flags))
    style = entry_style(entry)
    prev = "#~| " if entry.obsolete else "#| "
    if entry.previous_msgctxt is not None:
        lines += string_lines("msgctxt", entry.previous_msgctxt, prev, style)
    if entry.previous_msgid is not None:
        lines += string_lines("msgid", entry.previous_msgid, prev, style)
    if entry.previous_msgid_plural is not None:
        lines += string_lines("msgid_plural", entry.previous_msgid_plural, prev, style)
    prefix = "#~ " if entry.obsolete else ""
    if entry.msgctxt is not None:
        lines += string_lines("msgctxt", entry.msgctxt, prefix, style)
    lines += string_lines("msgid", entry.msgid, prefix, style)
    if entry.msgid_plural is not None:
        lines += string_lines("msgid_plural", entry.msgid_plural, prefix, style)
        for index, form in enumerate(entry.msgstr_plural):
            lines += string_lines(f"msgstr[{index}]", form, prefix, style)
    else:
        lines += string_lines("msgstr", entry.msgstr, prefix, style)
    return lines


CONTENT_TYPE_RE = re.compile(r"(?im)^(Content-Type:[^\n]*?charset=)([ \t]*)([-A-Za-z0-9_.:]*)")


def header_text(headers: tuple[tuple[str, str], ...]) -> str:
    """The header entry's msgstr from its fields, as ``po.read.header_fields`` read them."""
    return "".join(f"{k}{v}\n" if not k else f"{k}\n" if is_raw(k) else f"{k}: {v}\n" for k, v in headers)


def utf8_charset(text: str) -> str:
    """The header text declaring UTF-8, the charset tarjima writes every file in (a legacy one is converted)."""
    return CONTENT_TYPE_RE.sub(lambda m: m.group(0) if m.group(3).upper() in ("UTF-8", "UTF8", "CHARSET") else m.group(1) + "UTF-8", text)


def dumps(catalog: Catalog) -> str:
    """The catalogue as PO text in UTF-8 form (the header says so), GNU layout."""
    blocks: list[list[str]] = []
    if catalog.headers or catalog.header_comments or catalog.header_fuzzy:
        head = list(catalog.header_comments)
        if catalog.header_fuzzy:
            head.append("#, fuzzy")
        head += string_lines("msgid", "")
        head += string_lines("msgstr", utf8_charset(header_text(catalog.headers)))
        blocks.append(head)
    blocks += [entry_lines(e) for e in catalog.entries]
    return "\n\n".join("\n".join(b) for b in blocks) + "\n"
