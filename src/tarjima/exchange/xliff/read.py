"""An XLIFF 1.2 or 2.1 document read strictly, with its lines: each unit's source and target as text and marks, segments joined.

The version is the document's own (its namespace and ``version``; 1.1, which translate-toolkit's
``po2xliff`` writes, is read as 1.2, and its ``x-gettext-domain-header`` unit, a PO header, is not
a unit). Inline codes are read as
marks whatever form the CAT tool gave them: in 1.2 ``<g>`` (open and close), ``<x/>``, ``<bx/>``
and ``<ex/>`` (paired by ``rid``, else ``id``), ``<bpt>``, ``<ept>``, ``<it>`` and ``<ph>`` (their
native code is not read: the code's Markdown is the source's); in 2.1 ``<pc>``, ``<ph/>``,
``<sc/>`` and ``<ec/>`` (by ``startRef``). ``<mrk>`` (1.2's ``mtype="seg"`` segments of a
``<seg-source>`` included) and 2.1's ``<sm/>``/``<em/>`` only annotate: their text is read. A 2.1
unit's ``<segment>``\\s and ``<ignorable>``\\s are joined in order. A unit that holds anything else
is kept with its problem, to be skipped and counted; a document that is not XLIFF is refused.
"""

from __future__ import annotations


from tarjima.errors import InputError
from tarjima.exchange import xml
from tarjima.exchange.xml import Node
from tarjima.exchange.xliff.codes import Mark, Part, Role
from tarjima.exchange.xliff.units import HINT, NS11, NS12, NS21, TJ, Document, Unit, Verdict

STATES_21 = ("initial", "translated", "reviewed", "final")


def children(node: Node, ns: str, name: str) -> list[Node]:
    return node.children(f"{{{ns}}}{name}")


def descendants(node: Node, ns: str, name: str, within: tuple[str, ...]) -> list[Node]:
    """Elements ``name`` at any depth, looking inside only the elements named in ``within`` (groups)."""
    found = []
    for child in node.content:
        if isinstance(child, Node):
            if child.tag == f"{{{ns}}}{name}":
                found.append(child)
            elif child.tag in {f"{{{ns}}}{w}" for w in within}:
                found += descendants(child, ns, name, within)
    return found


class Unreadable(Exception):
    """Why a unit's content cannot be read (its unit is skipped, the rest imported)."""


def parse(data: bytes, display: str) -> Node:
    """The document's root element, or bad input naming the line where the XML breaks."""
    return xml.parse(data, display, HINT, namespaces=True)


def _ident(node: Node, *names: str) -> str:
    for name in names:
        if node.attrs.get(name):
            return node.attrs[name]
    raise Unreadable(f"a <{node.tag.rpartition('}')[2]}> without {' or '.join(names)}")


def content(node: Node, ns: str) -> tuple[Part, ...]:
    """An element's text and marks, text merged."""
    parts: list[Part] = []
    one = ns != NS21  # XLIFF 1.x

    def mark(ident: str, role: Role) -> None:
        parts.append(Mark(ident, role))

    def walk(element: Node) -> None:
        for item in element.content:
            if isinstance(item, str):
                if parts and isinstance(parts[-1], str):
                    parts[-1] += item
                else:
                    parts.append(item)
                continue
            uri, _, local = item.tag[1:].rpartition("}")
            if uri != ns:
                raise Unreadable(f"an element <{local}> of another format inside <{node.tag.rpartition('}')[2]}>")
            if one and local == "g" or not one and local == "pc":
                ident = _ident(item, "id")
                mark(ident, "open")
                walk(item)
                mark(ident, "close")
            elif local == "mrk" or not one and local in ("sm", "em"):
                walk(item)
            elif not one and local == "cp":
                walk(Node("", {}, 0, (chr(int(item.attrs.get("hex", "FFFD"), 16)),)))
            elif local == "ph" or one and local == "x":
                mark(_ident(item, "id"), "ph")
            elif one and local in ("bx", "bpt") or not one and local == "sc":
                mark(_ident(item, "rid", "id"), "open")
            elif one and local in ("ex", "ept"):
                mark(_ident(item, "rid", "id"), "close")
            elif not one and local == "ec":
                mark(_ident(item, "startRef", "id"), "close")
            elif one and local == "it":
                mark(_ident(item, "rid", "id"), "open" if item.attrs.get("pos") == "open" else "close")
            else:
                raise Unreadable(f"an element <{local}> inside <{node.tag.rpartition('}')[2]}>")

    walk(node)
    return tuple(p for p in parts if p != "")


def read_document(data: bytes, display: str) -> Document:
    """The document's version, languages, original and units; bad input if it is not an XLIFF 1.2 or 2.x document of one file."""
    root = parse(data, display)
    version = root.attrs.get("version", "")
    if root.tag in (f"{{{NS12}}}xliff", f"{{{NS11}}}xliff") and version in ("1.1", "1.2"):
        ns = root.tag[1:].rpartition("}")[0]
    elif root.tag == f"{{{NS21}}}xliff" and version.startswith("2."):
        ns = NS21
    else:
        raise InputError(display, "not an XLIFF 1.2 or 2.x document (its root must be <xliff> of the OASIS namespace)", HINT, root.line)
    one = ns != NS21
    files = children(root, ns, "file")
    if len(files) != 1:
        raise InputError(display, f"{len(files)} <file> elements; tarjima writes one per document", HINT, root.line)
    file = files[0]
    if one:
        src, trg = file.attrs.get("source-language", ""), file.attrs.get("target-language", "")
        units = tuple(_unit_1(u, ns) for b in children(file, ns, "body") for u in descendants(b, ns, "trans-unit", ("group",))
                      if u.attrs.get("translate", "yes") != "no" and u.attrs.get("restype") != "x-gettext-domain-header")
    else:
        src, trg = root.attrs.get("srcLang", ""), root.attrs.get("trgLang", "")
        units = tuple(_unit_21(u) for u in descendants(file, ns, "unit", ("group",)))
    return Document(version, src, trg, file.attrs.get("original", ""), units)


def _unit_1(unit: Node, ns: str) -> Unit:
    """A 1.x ``<trans-unit>``; a target that is still a copy of its source (``state="new"``, as OmegaT 3.x leaves an untranslated one) is none."""
    ident, base = unit.attrs.get("id", "?"), unit.attrs.get(f"{{{TJ}}}base", "")
    sources, targets = children(unit, ns, "source"), children(unit, ns, "target")
    try:
        if len(sources) != 1 or len(targets) > 1:
            raise Unreadable(f"{len(sources)} <source> and {len(targets)} <target> elements")
        source = content(sources[0], ns)
        target = content(targets[0], ns) if targets else None
    except Unreadable as why:
        return Unit(ident, unit.line, (), None, "draft", base, str(why))
    state = targets[0].attrs.get("state", "") if targets else ""
    if state == "new" and target == source:
        target = None
    approved = unit.attrs.get("approved") == "yes" or state in ("final", "signed-off")
    verdict: Verdict = "final" if approved and not state.startswith("needs-") else "draft"
    return Unit(ident, unit.line, source, target or None, verdict, base)


def _unit_21(unit: Node) -> Unit:
    ident, base = unit.attrs.get("id", "?"), unit.attrs.get(f"{{{TJ}}}base", "")
    pieces = [n for n in unit.content if isinstance(n, Node) and n.tag in (f"{{{NS21}}}segment", f"{{{NS21}}}ignorable")]
    segments = [n for n in pieces if n.tag == f"{{{NS21}}}segment"]
    source: list[Part] = []
    target: list[Part] = []
    missing: list[int] = []
    states = []
    try:
        if not segments:
            raise Unreadable("no <segment>")
        for piece in pieces:
            srcs, trg = children(piece, NS21, "source"), children(piece, NS21, "target")
            if len(srcs) != 1 or len(trg) > 1:
                raise Unreadable(f"a <{piece.tag.rpartition('}')[2]}> with {len(srcs)} <source> and {len(trg)} <target>")
            source += content(srcs[0], NS21)
            if piece.tag == f"{{{NS21}}}segment":
                states.append(piece.attrs.get("state", "initial"))
                if not trg or not content(trg[0], NS21):
                    missing.append(len(states))
            target += content(trg[0] if trg else srcs[0], NS21)
        bad = [s for s in states if s not in STATES_21]
        if bad:
            raise Unreadable(f"the state {bad[0]!r}, which XLIFF 2 does not have (initial, translated, reviewed or final)")
        if missing and len(missing) < len(segments):
            raise Unreadable(f"segment {missing[0]} of {len(segments)} has no target; translate every segment of the unit, or none")
    except Unreadable as why:
        return Unit(ident, unit.line, tuple(source), None, "draft", base, str(why))
    verdict: Verdict = "final" if all(s in ("reviewed", "final") for s in states) else "draft"
    return Unit(ident, unit.line, _merged(source), None if missing else _merged(target), verdict, base)


def _merged(parts: list[Part]) -> tuple[Part, ...]:
    out: list[Part] = []
    for part in parts:
        if isinstance(part, str) and out and isinstance(out[-1], str):
            out[-1] += part
        else:
            out.append(part)
    return tuple(out)
