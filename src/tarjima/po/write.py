"""PO files written in GNU gettext's layout: ``msgcat F`` reproduces every file written here byte for byte."""

from __future__ import annotations

from functools import lru_cache

from tarjima.model import Catalog, Entry
from tarjima.po.wrap import reference_lines
from tarjima.po.wrap import string_lines as wrap_string


@lru_cache(maxsize=1024)  # a report's strings: written to its template and each catalogue
def _string_lines(keyword: str, text: str, prefix: str) -> tuple[str, ...]:
    return tuple(wrap_string(keyword, text, prefix))


def string_lines(keyword: str, text: str, prefix: str = "") -> list[str]:
    """A keyword and its string as GNU writes them; a msgid is written three times (template
    and two catalogues), so each is wrapped once."""
    return list(_string_lines(keyword, text, prefix))


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
