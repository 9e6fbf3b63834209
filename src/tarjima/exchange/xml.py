"""The XML of the exchange formats (TMX, XLIFF), read strictly with expat: a tree of elements with the
line each starts on, and one line of bad input for XML that is broken or declares an entity."""

from __future__ import annotations

from dataclasses import dataclass
from xml.parsers import expat

from tarjima.errors import InputError


@dataclass(frozen=True)
class Node:
    """An element: its name (``{namespace}local`` when read with namespaces), its attributes likewise,
    the line it starts on, its content (text and elements) in order."""

    tag: str
    attrs: dict[str, str]
    line: int
    content: tuple[Node | str, ...]

    def children(self, tag: str) -> list[Node]:
        return [n for n in self.content if isinstance(n, Node) and n.tag == tag]


def _name(raw: str) -> str:
    uri, sep, local = raw.rpartition("}")
    return f"{{{uri}}}{local}" if sep else raw


def parse(data: bytes, display: str, hint: str, namespaces: bool = False) -> Node:
    """The document's root element, or bad input naming the line where the XML breaks (``hint``: what to
    do). An entity declaration is refused: no exchange file needs one, and one could expand without end."""
    parser = expat.ParserCreate(namespace_separator="}") if namespaces else expat.ParserCreate()
    parser.buffer_text = True
    stack: list[tuple[str, dict[str, str], int, list[Node | str]]] = [("", {}, 0, [])]

    def start(tag: str, attrs: dict[str, str]) -> None:
        if namespaces:
            tag, attrs = _name(tag), {_name(k): v for k, v in attrs.items()}
        stack.append((tag, attrs, parser.CurrentLineNumber, []))

    def end(tag: str) -> None:
        name, attrs, line, content = stack.pop()
        stack[-1][3].append(Node(name, attrs, line, tuple(content)))

    def text(data: str) -> None:
        stack[-1][3].append(data)

    def entity(name: str, *_: object) -> None:
        raise InputError(display, f"declares the XML entity {name!r}, which an exchange file does not need", hint, parser.CurrentLineNumber)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parser.EntityDeclHandler = entity
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise InputError(display, f"not well-formed XML: {expat.ErrorString(exc.code)}", hint, exc.lineno) from None
    return next(n for n in stack[0][3] if isinstance(n, Node))
