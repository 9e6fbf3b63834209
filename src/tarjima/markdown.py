"""The one Markdown dialect of tarjima and its block walk: sources, checks, rendering and MT all read Markdown here.

``block_segments`` walks a token stream in document order; extraction and rendering both use
it, so the n-th segment of a source is the n-th segment of every translation: that is what
aligns the pages.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterator, Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token

from tarjima.model import Segment


@lru_cache(maxsize=1)
def markdown_parser() -> MarkdownIt:
    """The one Markdown dialect of tarjima: CommonMark with tables, raw HTML recognised."""
    return MarkdownIt("commonmark", {"html": True}).enable("table")


def fold(text: str) -> str:
    """One segment's text: line breaks folded to single spaces, outer blanks trimmed."""
    return " ".join(part.strip() for part in text.strip().splitlines() if part.strip())


def block_segments(tokens: Sequence[Token]) -> Iterator[tuple[str, str, int, Token]]:
    """(role, text, 0-based body line, inline token) for each translatable block, in document order.

    The renderer walks the same tokens with this function, so the n-th segment of a
    source is the n-th segment of every translation: that is what aligns the pages.
    """
    containers: list[str] = []
    line = 0
    for index, token in enumerate(tokens):
        if token.map:
            line = token.map[0]
        if token.nesting == 1:
            containers.append(token.type)
        elif token.nesting == -1:
            containers.pop()
        if token.type != "inline":
            continue
        image = sole_image(token)
        if image is not None:
            text = fold(image.content)
            if text:
                yield "image alt text", text, line, token
            continue
        text = fold(token.content)
        if text:
            yield role_of(containers, tokens[index - 1]), text, line, token


def sole_image(token: Token) -> Token | None:
    """The image token when an inline block is nothing but one image."""
    children = [c for c in token.children or () if not (c.type == "text" and not c.content.strip())]
    if len(children) == 1 and children[0].type == "image":
        return children[0]
    return None


def role_of(containers: Sequence[str], opener: Token) -> str:
    """The role of an inline block, named from the block that holds it."""
    if opener.type == "heading_open":
        return f"heading {opener.tag[1:]}"
    if opener.type in ("th_open", "td_open"):
        return "table header cell" if opener.type == "th_open" else "table cell"
    if "list_item_open" in containers:
        return "list item"
    if "blockquote_open" in containers:
        return "blockquote paragraph"
    return "paragraph"


def body_segments(tokens: Sequence[Token], body_line: int) -> tuple[Segment, ...]:
    """The body's segments, ids b1, b2, ... in document order, lines in the source file."""
    return tuple(
        Segment(f"b{n}", role, text, body_line + line)
        for n, (role, text, line, _) in enumerate(block_segments(tokens), start=1)
    )


def block_holder(tokens: Sequence[Token], inline_index: int) -> int:
    """The index of the element that shows a segment: its block, or the list item of a tight list."""
    opener = inline_index - 1
    if tokens[opener].hidden:
        depth = 0
        for j in range(opener - 1, -1, -1):
            if tokens[j].type == "list_item_open" and depth == 0:
                return j
            depth += -tokens[j].nesting
    return opener
