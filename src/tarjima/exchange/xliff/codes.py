"""Inline Markdown as XLIFF inline codes and back, to the same bytes.

A text is split into the Markdown a translator writes (the words, with any backslash escape or
entity as written) and codes: the markup of emphasis, strong emphasis and links (paired codes,
their opening and closing Markdown), and code spans, hard line breaks, images, autolinks and raw
HTML (placeholders, their whole Markdown). Joining the parts gives the text back byte for byte.
The split follows markdown-it's own parse of the text in its document's context (the link
reference definitions), so only what Markdown reads as markup becomes a code: a lone ``*`` stays
text. A text the walk cannot align with its tokens stays one plain part, as it always could.

    >>> split("Opened in *Tashkent* on [10 May](https://x.org).").parts
    ('Opened in ', Mark(code='1', role='open'), 'Tashkent', Mark(code='1', role='close'), ' on ', Mark(code='2', role='open'), '10 May', Mark(code='2', role='close'), '.')
    >>> [(c.kind, c.start, c.end) for c in split("Opened in *Tashkent* on [10 May](https://x.org).").codes]
    [('em', '*', '*'), ('link', '[', '](https://x.org)')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from tarjima.markdown import MARKDOWN_CHAR_RE, References, env_of, markdown_parser, parse_inline

if TYPE_CHECKING:
    from markdown_it.rules_inline import StateInline
    from markdown_it.token import Token

Role = Literal["open", "close", "ph"]
PAIRED = {"em_open": "em", "strong_open": "strong", "em_close": "em", "strong_close": "strong"}
SOFT_BREAK_RE = re.compile(r" *\n[ \t]*")
HARD_BREAK_RE = re.compile(r"(?: {2,}|\\)\n[ \t]*")
# The roles of the texts a catalogue holds as Markdown; front-matter fields, alt texts and captions are plain text.
MARKDOWN_ROLES_RE = re.compile(r"paragraph|heading \d|list item|blockquote paragraph|table cell|table header cell")


@dataclass(frozen=True)
class Code:
    """One inline code: its id in the unit, what it is, and the Markdown it stands for."""

    id: str
    kind: str  # em, strong, link (paired); code, br, image, autolink, html (placeholders)
    start: str  # a paired code's opening Markdown, or a placeholder's whole Markdown
    end: str | None  # a paired code's closing Markdown; None for a placeholder

    @property
    def paired(self) -> bool:
        return self.end is not None

    @property
    def signature(self) -> tuple[str, str, str | None]:
        return self.kind, self.start, self.end


@dataclass(frozen=True)
class Mark:
    """Where a code stands in a text: a paired code's opening or closing, or a placeholder."""

    code: str
    role: Role


Part = str | Mark


@dataclass(frozen=True)
class Split:
    """A text as its parts (text and marks in order) and its codes (by id, in order of first appearance)."""

    parts: tuple[Part, ...]
    codes: tuple[Code, ...]

    def code(self, ident: str) -> Code:
        return next(c for c in self.codes if c.id == ident)


def plain(text: str) -> Split:
    return Split((text,) if text else (), ())


def is_markdown(extracted_comments: tuple[str, ...]) -> bool:
    """Whether a catalogue entry is a Markdown block's text (its roles, the ``#.`` comment, say so)."""
    roles = ", ".join(extracted_comments).split(", ")
    return bool(extracted_comments) and all(MARKDOWN_ROLES_RE.fullmatch(role) for role in roles)


def split(text: str, references: References = ()) -> Split:
    """The text's parts and codes; one plain part if it holds no markup or cannot be aligned."""
    if not MARKDOWN_CHAR_RE.search(text):
        return plain(text)
    pieces = _align(text, parse_inline(text, references), references)
    if pieces is None or "".join(p[2] for p in pieces) != text:
        return plain(text)
    parts: list[Part] = []
    codes: list[Code] = []
    open_ids: list[str] = []
    for kind, role, markup, closing in pieces:
        if role == "text":
            if parts and isinstance(parts[-1], str):
                parts[-1] += markup
            elif markup:
                parts.append(markup)
            continue
        if role == "close":
            parts.append(Mark(open_ids.pop(), "close"))
            continue
        ident = str(len(codes) + 1)
        codes.append(Code(ident, kind, markup, closing))
        parts.append(Mark(ident, "open" if role == "open" else "ph"))
        if role == "open":
            open_ids.append(ident)
    return Split(tuple(parts), tuple(codes))


Piece = tuple[str, str, str, "str | None"]  # (kind, role: text/open/close/ph, the Markdown, a paired code's closing Markdown)


def _scratch(text: str, references: References, pos: int) -> StateInline:
    from markdown_it.rules_inline import StateInline

    state = StateInline(text, markdown_parser(), env_of(references), [])
    state.pos = pos
    return state


def _align(text: str, tokens: tuple[Token, ...], references: References) -> list[Piece] | None:
    """The text cut into pieces that follow the tokens markdown-it made of it, or None where they part."""
    from markdown_it.rules_inline import autolink, backtick, html_inline, image, link

    pieces: list[Piece] = []
    links: list[tuple[int, int, int]] = []  # (the piece of the opening, where the label ends, where the link ends)
    pos = 0
    skip_to_close = False
    for token in tokens:
        kind = token.type
        if skip_to_close:
            skip_to_close = kind != "link_close"
            continue
        if kind == "text":
            end = _text_end(text, pos, token.content, references)
            if end < 0:
                return None
            pieces.append(("text", "text", text[pos:end], None))
            pos = end
        elif kind in ("softbreak", "hardbreak"):
            match = (SOFT_BREAK_RE if kind == "softbreak" else HARD_BREAK_RE).match(text, pos)
            if match is None:
                return None
            pieces.append(("br", "ph", match.group(), None) if kind == "hardbreak" else ("text", "text", match.group(), None))
            pos = match.end()
        elif kind in PAIRED:
            if not text.startswith(token.markup, pos):
                return None
            role = "open" if kind.endswith("_open") else "close"
            pieces.append((PAIRED[kind], role, token.markup, token.markup if role == "open" else None))
            pos += len(token.markup)
        elif kind == "html_inline":
            if not text.startswith(token.content, pos):
                return None
            pieces.append(("html", "ph", token.content, None))
            pos += len(token.content)
        elif kind in ("code_inline", "image") or (kind == "link_open" and token.markup == "autolink"):
            state = _scratch(text, references, pos)
            rule = {"code_inline": backtick, "image": image, "link_open": autolink}[kind]
            if not rule(state, True):
                return None
            pieces.append(({"code_inline": "code", "image": "image"}.get(kind, "autolink"), "ph", text[pos:state.pos], None))
            pos = state.pos
            skip_to_close = kind == "link_open"
        elif kind == "link_open":
            state = _scratch(text, references, pos)
            label_end = state.md.helpers.parseLinkLabel(state, pos, True)
            state.pos = pos
            if label_end < 0 or not link(state, True):
                return None
            links.append((len(pieces), label_end, state.pos))
            pieces.append(("link", "open", text[pos:pos + 1], None))
            pos += 1
        elif kind == "link_close":
            opening, label_end, end = links.pop()
            if pos != label_end:
                return None
            pieces[opening] = ("link", "open", pieces[opening][2], text[label_end:end])
            pieces.append(("link", "close", text[label_end:end], None))
            pos = end
        else:
            return None
    return pieces if pos == len(text) and not links else None


def _text_end(text: str, pos: int, content: str, references: References) -> int:
    """Where a text token's content ends in the source, its backslash escapes and entities as written; -1 if it is not there."""
    from markdown_it.rules_inline import entity, escape

    at = 0
    while at < len(content):
        if text[pos:pos + 1] in ("\\", "&"):
            state = _scratch(text, references, pos)
            rule = escape if text[pos] == "\\" else entity
            if rule(state, False) and state.tokens and state.tokens[-1].type == "text_special" and content.startswith(state.tokens[-1].content, at):
                at += len(state.tokens[-1].content)
                pos = state.pos
                continue
        if text[pos:pos + 1] != content[at]:
            return -1
        pos += 1
        at += 1
    return pos


def join(parts: tuple[Part, ...] | list[Part], codes: tuple[Code, ...]) -> str:
    """The Markdown of parts whose marks name ``codes``."""
    by_id = {c.id: c for c in codes}
    out = []
    for part in parts:
        if isinstance(part, str):
            out.append(part)
        else:
            code = by_id[part.code]
            out.append((code.end or "") if part.role == "close" else code.start)
    return "".join(out)


def align_target(source: Split, target: Split) -> tuple[tuple[Part, ...], set[str]]:
    """A translation's parts with its codes named as the source's (same kind and Markdown, in order), and the source ids used.

    Markup of the translation that the source does not have (a link localised to another
    address) stays text, as written, so joining gives the translation back unchanged.
    """
    free = list(source.codes)
    named: dict[str, str | None] = {}
    for code in target.codes:
        twin = next((c for c in free if c.signature == code.signature), None)
        named[code.id] = twin.id if twin else None
        if twin:
            free.remove(twin)
    parts: list[Part] = []
    for part in target.parts:
        if isinstance(part, Mark) and named[part.code] is not None:
            parts.append(Mark(str(named[part.code]), part.role))
            continue
        text = part if isinstance(part, str) else join([part], target.codes)
        if parts and isinstance(parts[-1], str):
            parts[-1] += text
        else:
            parts.append(text)
    return tuple(parts), {i for i in named.values() if i is not None}


def parses_back(markdown: str, spans: list[tuple[int, int]], references: References) -> bool:
    """Whether every span where a code's Markdown was put is markup when the whole text is parsed again."""
    if not spans:
        return True
    found = set()
    at = 0
    parsed = split(markdown, references)
    for part in parsed.parts:
        size = len(join([part], parsed.codes))
        if isinstance(part, Mark):
            found.add((at, at + size))
        at += size
    return all(span in found for span in spans)
