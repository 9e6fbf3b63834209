"""PO files written in GNU gettext's layout (``msgcat F`` reproduces every file written here byte for
byte), or, for a file another tool wrote, in that file's own layout (tarjima.po.layout)."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from functools import lru_cache

from tarjima.model import Catalog, Entry
from tarjima.po.header import is_raw
from tarjima.po.layout import GNU, Layout, Wrap, header_key, key_of, toolkit_lines
from tarjima.po.wrap import format_of, reference_lines
from tarjima.po.wrap import string_lines as wrap_string


@lru_cache(maxsize=1024)  # a report's strings: written to its template and each catalogue
def _string_lines(keyword: str, text: str, prefix: str, style: Style, width: int) -> tuple[str, ...]:
    return tuple(wrap_string(keyword, text, prefix, width=width, wrap=style[0], directives=style[1]))


Style = tuple[bool, str | None]  # (wrapped, the format whose directives are never split)


def string_lines(keyword: str, text: str, prefix: str = "", style: Style = (True, None), wrap: Wrap = GNU) -> list[str]:
    """A keyword and its string as GNU writes them (or translate-toolkit, or GNU without wrapping);
    a msgid is written three times (template and two catalogues), so each is wrapped once."""
    kind, width = wrap
    if kind == "toolkit" and style[0]:
        return list(toolkit_lines(keyword, text, prefix, width))
    if kind == "no-wrap":
        style = (False, style[1])
    return list(_string_lines(keyword, text, prefix, style, width if kind == "gnu" else GNU[1]))


def entry_style(entry: Entry) -> Style:
    """How GNU lays out an entry's strings: ``#, no-wrap`` keeps each line whole, a format flag
    (``c-format``, ``python-format``...) forbids breaks inside that format's directives."""
    return ("no-wrap" not in entry.flags, format_of(entry.flags))


Parts = Mapping[str, tuple[str, ...]]


def entry_lines(entry: Entry, wrap: Wrap = GNU, earlier: tuple[Entry, Parts] | None = None) -> list[str]:
    """The lines of one entry, as GNU gettext writes them (with ``wrap``: GNU at another width, or
    without wrapping, or translate-toolkit's strings). ``earlier``: the same entry as the file held it
    (its parts' lines): each part whose value did not change keeps its lines, as Weblate and Poedit
    keep the lines of a msgid when they write a translation."""
    before, kept = earlier if earlier is not None else (None, {})
    style = entry_style(entry)
    old_style = entry_style(before) if before is not None else None

    def part(name: str, value: object, fresh: Callable[[], list[str]], strings: bool = True) -> list[str]:
        if before is not None and name in kept and value == part_value(before, name) and (not strings or style == old_style):
            return list(kept[name])
        return fresh()

    lines = part("#", entry.translator_comments, lambda: [f"# {c}" if c else "#" for c in entry.translator_comments], False)
    lines += part("#.", entry.extracted_comments, lambda: [f"#. {c}" if c else "#." for c in entry.extracted_comments], False)
    if entry.references:
        width = wrap[1] if wrap[0] == "gnu" else GNU[1]
        lines += part("#:", entry.references, lambda: reference_lines(list(dict.fromkeys(entry.references)), width), False)  # GNU keeps each reference once
    if entry.flags:
        lines += part("#,", entry.flags, lambda: ["#, " + ", ".join(entry.flags)], False)
    prev = "#~| " if entry.obsolete else "#| "
    prefix = "#~ " if entry.obsolete else ""
    strings = [(prev + "msgctxt", entry.previous_msgctxt), (prev + "msgid", entry.previous_msgid), (prev + "msgid_plural", entry.previous_msgid_plural),
               (prefix + "msgctxt", entry.msgctxt), (prefix + "msgid", entry.msgid), (prefix + "msgid_plural", entry.msgid_plural)]
    if entry.msgid_plural is not None:
        strings += [(f"{prefix}msgstr[{index}]", form) for index, form in enumerate(entry.msgstr_plural)]
    else:
        strings.append((prefix + "msgstr", entry.msgstr))
    for name, text in strings:
        if text is not None:
            keyword = name.rpartition(" ")[2]
            start = name[: len(name) - len(keyword)]
            lines += part(name, text, functools.partial(string_lines, keyword, text, start, style, wrap))
    return lines


@lru_cache(maxsize=4096)
def entry_text(entry: Entry, wrap: Wrap = GNU) -> str:
    """An entry's lines joined, kept for the run: ``update`` writes a catalogue after comparing the file with the
    catalogue it read, so each unchanged entry is laid out once, and only the entries that changed twice."""
    return "\n".join(entry_lines(entry, wrap))


def part_value(entry: Entry, name: str) -> object:
    """The value of one part of an entry, by the name ``po.layout.parts`` gives its lines."""
    comments = {"#": entry.translator_comments, "#.": entry.extracted_comments, "#:": entry.references, "#,": entry.flags}
    if name in comments:
        return comments[name]
    keyword = name.rpartition(" ")[2]
    previous = name.startswith(("#| ", "#~| "))
    if keyword.startswith("msgstr["):
        index = int(keyword[7:-1])
        return entry.msgstr_plural[index] if index < len(entry.msgstr_plural) else None
    return {"msgctxt": entry.previous_msgctxt if previous else entry.msgctxt,
            "msgid": entry.previous_msgid if previous else entry.msgid,
            "msgid_plural": entry.previous_msgid_plural if previous else entry.msgid_plural,
            "msgstr": entry.msgstr}[keyword]


CONTENT_TYPE_RE = re.compile(r"(?im)^(Content-Type:[^\n]*?charset=)([ \t]*)([-A-Za-z0-9_.:]*)")


def header_text(headers: tuple[tuple[str, str], ...]) -> str:
    """The header entry's msgstr from its fields, as ``po.read.header_fields`` read them."""
    return "".join(f"{k}{v}\n" if not k else f"{k}\n" if is_raw(k) else f"{k}: {v}\n" for k, v in headers)


def utf8_charset(text: str) -> str:
    """The header text declaring UTF-8, the charset tarjima writes every file in (a legacy one is converted)."""
    return CONTENT_TYPE_RE.sub(lambda m: m.group(0) if m.group(3).upper() in ("UTF-8", "UTF8", "CHARSET") else m.group(1) + "UTF-8", text)


def header_lines(catalog: Catalog, wrap: Wrap = GNU) -> list[str]:
    """The header entry's lines (its comments, fuzzy mark, empty msgid and fields)."""
    head = list(catalog.header_comments)
    if catalog.header_fuzzy:
        head.append("#, fuzzy")
    head += string_lines("msgid", "", wrap=wrap)
    head += string_lines("msgstr", utf8_charset(header_text(catalog.headers)), wrap=wrap)
    return head


def dumps(catalog: Catalog, layout: Layout | None = None) -> str:
    """The catalogue as PO text in UTF-8 form (the header says so): GNU layout, or ``layout``'s (its
    unchanged entries as they were, the others in its wrapping, its line ends)."""
    layout = layout or Layout()
    parts: list[str] = []
    if catalog.headers or catalog.header_comments or catalog.header_fuzzy:
        if layout.header is not None and layout.header[0] == header_key(catalog) and catalog.charset.upper() in ("UTF-8", "UTF8"):
            parts.append(layout.header[1])
        else:
            parts.append("\n".join(header_lines(catalog, layout.wrap)))
    kept, earlier, wrap = layout.texts, layout.earlier, layout.wrap
    if kept or earlier:
        parts += [kept.get(e) or "\n".join(entry_lines(e, wrap, earlier.get(key_of(e)))) for e in catalog.entries]
    else:
        parts += [entry_text(e, wrap) for e in catalog.entries]
    text = "\n\n".join(parts) + "\n"
    return text.replace("\n", layout.newline) if layout.newline != "\n" else text
