"""TMX read strictly, with its lines: each unit's segments by language code, inline codes taken back to Markdown or refused.

A ``<seg>`` may hold inline elements. ``<hi>`` only highlights text: its text is read. ``<bpt>``,
``<ept>``, ``<it>``, ``<ph>`` (and TMX 1.1's ``<ut>``) hold the native code of the format the text
came from: when that code is Markdown inline markup (``MARKDOWN_CODE_RE``: emphasis delimiters,
backticks or a code span, a link's or image's brackets and destination, an autolink, a hard break,
a backslash escape), it is the text's own markup and is read as it stands; any other code (an empty
``<ph/>``, ``{1}``, ``<b>``, a ``<sub>`` inside it) belongs to another format, and that segment is
refused with its reason and line, counted, never guessed at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tarjima.errors import InputError
from tarjima.exchange import xml
from tarjima.exchange.xml import Node

CODES = ("bpt", "ept", "it", "ph", "ut")
MARKDOWN_TOKEN = r"""
    \*{1,3} | _{1,3} | ~~                        # emphasis, strong, strikethrough delimiters
  | (?P<ticks>`+)[^`\n](?:[^\n]*?[^`\n])??(?P=ticks)  # a whole code span
  | `+                                         # a code span's backticks
  | !?\[[^\]\n]*\](?:\([^\n]*?\)|\[[^\]\n]*\])  # a whole link or image
  | !?\[                                       # a link's or image's opening bracket
  | \](?:\([^\n]*?\)|\[[^\]\n]*\])?            # its closing bracket, destination or reference
  | <(?:https?|ftp|mailto):[^\s<>]*>           # an autolink
  | (?:\\|[ ]{2,})\n                           # a hard line break
  | \\[!-/:-@\[-`{-~]                          # a backslash escape
"""
MARKDOWN_CODE_RE = re.compile(rf"(?:{MARKDOWN_TOKEN})+", re.VERBOSE)
XML_LANG = "xml:lang"


@dataclass(frozen=True)
class Variant:
    """One ``<tuv>``: its language code as written, its text (None when refused) and why it was refused."""

    code: str
    text: str | None
    line: int
    refused: str = ""


@dataclass(frozen=True)
class Memory:
    """A TMX file's units, each a tuple of its variants."""

    units: tuple[tuple[Variant, ...], ...]


def parse(data: bytes, display: str) -> Node:
    """The document's root element, or bad input naming the line where the XML breaks."""
    return xml.parse(data, display, "export the TMX again from its tool")


def _code_text(code: Node) -> tuple[str, str]:
    """An inline code's native text and, when it cannot be read as Markdown, why."""
    if any(isinstance(n, Node) for n in code.content):
        return "", f"<{code.tag}> holds a <sub> or other element, not Markdown"
    native = "".join(n for n in code.content if isinstance(n, str))
    if not native:
        return "", f"<{code.tag}> is empty (the tool did not write the native code)"
    if not MARKDOWN_CODE_RE.fullmatch(native):
        shown = native if len(native) <= 30 else native[:29] + "…"
        return "", f"<{code.tag}> holds {shown!r}, not Markdown"
    return native, ""


def seg_text(seg: Node) -> tuple[str, str]:
    """A ``<seg>``'s text with its Markdown inline codes, or ("", why) when it holds another format's codes."""
    parts: list[str] = []
    for node in seg.content:
        if isinstance(node, str):
            parts.append(node)
            continue
        if node.tag == "hi":
            text, why = seg_text(node)
        elif node.tag in CODES:
            text, why = _code_text(node)
        else:
            text, why = "", f"<{node.tag}> is not a TMX inline element"
        if why:
            return "", why
        parts.append(text)
    return "".join(parts), ""


def read_memory(data: bytes, display: str) -> Memory:
    """Every ``<tu>`` of a TMX document, or bad input naming what is wrong and where."""
    root = parse(data, display)
    bodies = root.children("body")
    if root.tag != "tmx" or not bodies:
        raise InputError(display, "not a TMX document (no <tmx> with a <body>)", "give a .tmx file", line=root.line)
    units: list[tuple[Variant, ...]] = []
    for tu in bodies[0].children("tu"):
        variants: list[Variant] = []
        for tuv in tu.children("tuv"):
            code = (tuv.attrs.get(XML_LANG) or tuv.attrs.get("lang") or "").strip()
            if not code:
                raise InputError(display, "a <tuv> names no language (no xml:lang)", "export the TMX again, or add xml:lang to it", line=tuv.line)
            segs = tuv.children("seg")
            if len(segs) != 1:
                raise InputError(display, f"a <tuv> holds {len(segs)} <seg> elements, not one", "export the TMX again from its tool", line=tuv.line)
            text, why = seg_text(segs[0])
            variants.append(Variant(code, None if why else text, segs[0].line, why))
        units.append(tuple(variants))
    return Memory(tuple(units))
