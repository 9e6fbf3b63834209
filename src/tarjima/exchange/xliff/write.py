"""One XLIFF document per catalogue, version 1.2 or 2.1, each entry's inline Markdown as inline codes."""

from __future__ import annotations

from collections.abc import Callable

from xml.sax.saxutils import escape, quoteattr

from tarjima.exchange import Located, xml_text
from tarjima.exchange.xliff.codes import Code, Part, Split, align_target, is_markdown, plain, split
from tarjima.exchange.xliff.units import NS12, NS21, TJ, base_of, po_state
from tarjima.markdown import References
from tarjima.model import Entry

CTYPE_12 = {"em": "italic", "strong": "bold", "link": "link", "br": "lb", "image": "image", "code": "x-code", "autolink": "x-link", "html": "x-html"}
TYPE_21 = {"em": ' type="fmt" subType="xlf:i"', "strong": ' type="fmt" subType="xlf:b"', "link": ' type="link"', "br": ' type="fmt" subType="xlf:lb"',
           "image": ' type="image"', "code": ' type="other"', "autolink": ' type="link"', "html": ' type="other"'}


def file_name(located: Located) -> str:
    return f"{located.report.slug}.{located.lang.tag}.xlf"


def texts(entry: Entry, references: References) -> tuple[Split, tuple[Part, ...] | None]:
    """An entry's source split into codes, and its translation's parts named by the source's codes (None when empty)."""
    markdown = is_markdown(entry.extracted_comments)
    source = split(entry.msgid, references) if markdown else plain(entry.msgid)
    if not entry.msgstr:
        return source, None
    parts, _ = align_target(source, split(entry.msgstr, references) if markdown else plain(entry.msgstr))
    return source, parts


def units(located: Located) -> list[tuple[int, Entry]]:
    """The entries an XLIFF document holds, numbered: every active singular entry without context."""
    chosen = [e for e in located.catalog.active if e.msgid_plural is None and e.msgctxt is None]
    return list(enumerate(chosen, start=1))


def export(located: Located, references: References, version: str, copy_source: bool = False) -> str:
    """The XLIFF document (1.2 or 2.1) of one catalogue; ``copy_source``: 1.2 whose every target is a copy of its source."""
    return export_12(located, references, copy_source) if version == "1.2" else export_21(located, references)


def _content(parts: tuple[Part, ...], codes: tuple[Code, ...], where: str, tags: Callable[[Code], tuple[str, str, str]]) -> str:
    """A segment's text with its codes as XML elements; ``tags(code)``: (opening, closing, standalone) element."""
    by_id = {c.id: c for c in codes}
    out = []
    for part in parts:
        if isinstance(part, str):
            out.append(escape(xml_text(part, where)))
        else:
            opening, closing, alone = tags(by_id[part.code])
            out.append(closing if part.role == "close" else opening if part.role == "open" else alone)
    return "".join(out)


def _content_12(parts: tuple[Part, ...], codes: tuple[Code, ...], where: str) -> str:
    return _content(parts, codes, where, lambda code: (f'<g id="{code.id}" ctype="{CTYPE_12[code.kind]}">', "</g>",
                                                       f'<x id="{code.id}" ctype="{CTYPE_12[code.kind]}" equiv-text={quoteattr(xml_text(code.start, where))}/>'))


def export_12(located: Located, references: References, copy_source: bool = False) -> str:
    """XLIFF 1.2: a ``<trans-unit>`` per entry, ``<g>`` and ``<x/>`` for the inline Markdown.

    With ``copy_source`` every target is a copy of its source, ``state="new"``: OmegaT 3.x's
    XLIFF filter translates a unit's ``<target>`` in place and leaves a unit without one alone.
    """
    report = located.report
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<xliff xmlns="{NS12}" xmlns:tj="{TJ}" version="1.2">',
        f'<file original={quoteattr(located.display)} source-language={quoteattr(report.lang)} target-language={quoteattr(located.lang.tag)} datatype="po">',
        "<body>",
    ]
    for number, entry in units(located):
        where = f"{located.display}:{entry.line}"
        source, target = texts(entry, references)
        state = po_state(entry)
        approved = ' approved="yes"' if state == "final" and not copy_source else ""
        out.append(f'<trans-unit id="u{number}" xml:space="preserve" tj:base="{base_of(entry)}"{approved}>')
        out.append(f"<source>{_content_12(source.parts, source.codes, where)}</source>")
        if copy_source:
            out.append(f'<target state="new">{_content_12(source.parts, source.codes, where)}</target>')
        elif target is not None:
            xml_state = "translated" if state == "final" else "needs-review-translation"
            out.append(f'<target state="{xml_state}">{_content_12(target, source.codes, where)}</target>')
        out += [f'<note from="developer">{escape(xml_text(c, where))}</note>' for c in entry.extracted_comments]
        for place in entry.references:
            path, _, line = place.rpartition(":")
            contexts = [("sourcefile", path), ("linenumber", line)] if path and line.isdigit() else [("sourcefile", place)]
            out.append('<context-group purpose="location">'
                       + "".join(f'<context context-type="{kind}">{escape(xml_text(value, where))}</context>' for kind, value in contexts)
                       + "</context-group>")
        out += [f'<note from="translator">{escape(xml_text(c, where))}</note>' for c in entry.translator_comments]
        out.append("</trans-unit>")
    out += ["</body>", "</file>", "</xliff>", ""]
    return "\n".join(out)


def _content_21(parts: tuple[Part, ...], codes: tuple[Code, ...], where: str) -> str:
    return _content(parts, codes, where, lambda code: (f'<pc id="{code.id}" dataRefStart="d{code.id}" dataRefEnd="d{code.id}e"{TYPE_21[code.kind]}>', "</pc>",
                                                       f'<ph id="{code.id}" dataRef="d{code.id}"{TYPE_21[code.kind]}/>'))


def _original_data(codes: tuple[Code, ...], where: str) -> str:
    data = []
    for code in codes:
        data.append(f'<data id="d{code.id}">{escape(xml_text(code.start, where))}</data>')
        if code.end is not None:
            data.append(f'<data id="d{code.id}e">{escape(xml_text(code.end, where))}</data>')
    return "<originalData>" + "".join(data) + "</originalData>" if data else ""


def export_21(located: Located, references: References) -> str:
    """XLIFF 2.1: a ``<unit>`` per entry with one ``<segment>``, ``<pc>`` and ``<ph/>`` for the inline Markdown, kept in ``<originalData>``."""
    report = located.report
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<xliff xmlns="{NS21}" xmlns:tj="{TJ}" version="2.1" srcLang={quoteattr(report.lang)} trgLang={quoteattr(located.lang.tag)}>',
        f'<file id="f1" original={quoteattr(located.display)}>',
    ]
    for number, entry in units(located):
        where = f"{located.display}:{entry.line}"
        source, target = texts(entry, references)
        out.append(f'<unit id="u{number}" xml:space="preserve" tj:base="{base_of(entry)}">')
        notes = [("description", c) for c in entry.extracted_comments] + [("location", " ".join(entry.references))] * bool(entry.references)
        notes += [("translator", c) for c in entry.translator_comments]
        if notes:
            out.append("<notes>" + "".join(f"<note category={quoteattr(kind)}>{escape(xml_text(text, where))}</note>" for kind, text in notes) + "</notes>")
        if source.codes:
            out.append(_original_data(source.codes, where))
        xml_target = f"<target>{_content_21(target, source.codes, where)}</target>" if target is not None else ""
        out.append(f'<segment id="s{number}" state="{po_state(entry)}"><source>{_content_21(source.parts, source.codes, where)}</source>{xml_target}</segment>')
        out.append("</unit>")
    out += ["</file>", "</xliff>", ""]
    return "\n".join(out)


