"""The one Markdown dialect of tarjima and its block walk: sources, checks, rendering and MT all read Markdown here.

``block_segments`` walks a token stream in document order; extraction and rendering both use
it, so the n-th segment of a source is the n-th segment of every translation: that is what
aligns the pages.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Callable, Iterator, Sequence

from tarjima.model import Segment

if TYPE_CHECKING:  # markdown-it is imported when a text is first parsed: a command that parses none (status) spares its 20 ms
    from markdown_it import MarkdownIt
    from markdown_it.token import Token


@lru_cache(maxsize=1)
def markdown_parser() -> MarkdownIt:
    """The one Markdown dialect of tarjima: CommonMark with tables, raw HTML recognised."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).enable("table")


# Where CommonMark's inline rules can start: without any of these, a text parses to one text token
# holding the text as it is, and renders as that text escaped (tests/conformance compares both
# with the parser on the CommonMark spec and real catalogues).
MARKDOWN_CHAR_RE = re.compile(r"[\n\r\0!&*_<\[\]\\`~]")


References = tuple[tuple[str, str, str], ...]  # a document's link reference definitions: (label, href, title), sorted


def env_of(references: References) -> dict[str, Any]:
    """The markdown-it environment in which a document's segments are parsed: its reference definitions."""
    return {"references": {label: {"href": href, "title": title} for label, href, title in references}}


def references_in(env: dict[str, Any]) -> References:
    """The reference definitions a parse of a whole body collected, as plain sorted data."""
    return tuple(sorted((label, str(ref["href"]), str(ref.get("title") or "")) for label, ref in env.get("references", {}).items()))


@lru_cache(maxsize=8192)
def parse_inline(text: str, references: References = ()) -> tuple[Token, ...]:
    """The inline tokens of one text in its document's context (its reference definitions)."""
    tokens = markdown_parser().parseInline(text, env_of(references) if references else None)
    return tuple(tokens[0].children or ()) if tokens else ()


def fold(text: str) -> str:
    """One segment's text: line breaks folded to single spaces, outer blanks trimmed."""
    return " ".join(part.strip() for part in text.strip().splitlines() if part.strip())


HARD_BREAK_END_RE = re.compile(r"(?: {2,}|(?<!\\)(?:\\\\)*\\)$")  # two spaces or an unescaped backslash at a line's end


BLANKS_RE = re.compile(r"[ \t\n]+")


def fold_markdown(text: str) -> str:
    """Line breaks folded as CommonMark reads them: only spaces and tabs at the ends of lines go."""
    return " ".join(line.strip(" \t") for line in text.strip(" \t\n").split("\n"))


def segment_text(inline: Token, references: References = ()) -> str:
    """The msgid of one inline block: its Markdown with soft line breaks folded to spaces.

    A hard line break is kept as CommonMark's visible form, a backslash at the end of a line,
    whichever way the source wrote it (two trailing spaces are invisible in an editor). A folded text is used only if it provably keeps the
    meaning (it parses to the same inline tokens as the block); otherwise the text keeps its
    lines as written (a code span or a ``<destination>`` that spans lines).
    """
    content = inline.content
    if "\n" not in content and len(content.splitlines()) <= 1:
        return fold(content)
    children = tuple(inline.children or ())
    hard = any(c.type == "hardbreak" for c in children)
    wanted = shape(children)
    for folding in (fold, fold_markdown):  # fold first: the msgids tarjima has always given
        candidate = join_hard_breaks(content, folding) if hard else folding(content)
        if shape(parse_inline(candidate, references)) == wanted:
            return candidate
    return content


def join_hard_breaks(content: str, folding: Callable[[str], str]) -> str:
    """The lines between hard breaks folded, each hard break written as a backslash and a line break."""
    chunks: list[str] = []
    lines: list[str] = []
    for line in content.split("\n"):
        end = HARD_BREAK_END_RE.search(line)
        if end is None:
            lines.append(line)
            continue
        lines.append(line[: end.start()] if end.group().endswith("\\") else line.rstrip(" "))
        chunks.append(folding("\n".join(lines)))
        lines = []
    chunks.append(folding("\n".join(lines)))
    return "\\\n".join(chunks)


def shape(tokens: Sequence[Token]) -> tuple[object, ...]:
    """What a reader gets of inline tokens, to compare two texts: a soft break is a space, blanks collapse as HTML shows them."""
    out: list[object] = []
    for token in tokens:
        if token.type in ("text", "softbreak"):
            text = " " if token.type == "softbreak" else token.content
            if out and isinstance(out[-1], str):
                out[-1] += text
            else:
                out.append(text)
        else:
            attrs = tuple(sorted((k, str(v)) for k, v in token.attrs.items()))
            out.append((token.type, token.tag, token.content, attrs, shape(token.children or ())))
    return tuple(collapse_blanks(part) if isinstance(part, str) else part for part in out)


def collapse_blanks(text: str) -> str:
    """Each run of spaces, tabs and newlines as one space; a text whose every blank is one space is itself (most are: no substitution)."""
    return BLANKS_RE.sub(" ", text) if "  " in text or "\t" in text or "\n" in text else text


def block_segments(tokens: Sequence[Token], references: References = (), photos: bool = False) -> Iterator[tuple[str, str, int, Token]]:
    """(role, text, 0-based body line, inline token) for each translatable block, in document order.

    The renderer walks the same tokens with this function, so the n-th segment of a
    source is the n-th segment of every translation: that is what aligns the pages.
    With ``photos`` (a page bundle), a block of nothing but photos beside the report (one
    photo, or a gallery of several) gives each photo's alt text and caption (its title) as
    segments of their own, in order: several segments of one inline token.
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
        shown = photo_images(token) if photos else None
        if shown is not None:
            for photo in shown:
                alt, caption = fold(photo.content), fold(str(photo.attrs.get("title") or ""))
                if alt:
                    yield "image alt text", alt, line, token
                if caption:
                    yield "image caption", caption, line, token
            continue
        image = sole_image(token)
        if image is not None:
            text = fold(image.content)
            if text:
                yield "image alt text", text, line, token
            continue
        text = segment_text(token, references)
        if text:
            yield role_of(containers, tokens[index - 1]), text, line, token


def sole_image(token: Token) -> Token | None:
    """The image token when an inline block is nothing but one image."""
    children = [c for c in token.children or () if not (c.type == "text" and not c.content.strip())]
    if len(children) == 1 and children[0].type == "image":
        return children[0]
    return None


def photo_images(token: Token) -> list[Token] | None:
    """The images of an inline block made of nothing but images of local files (``![alt](photo.jpg "Caption")``,
    one per line for a gallery), or None."""
    from_files = []
    for child in token.children or ():
        if child.type == "image" and is_local_src(str(child.attrs.get("src") or "")):
            from_files.append(child)
        elif not (child.type in ("softbreak", "hardbreak") or (child.type == "text" and not child.content.strip())):
            return None
    return from_files or None


def is_local_src(src: str) -> bool:
    """Whether an image URL names a file beside its report: a relative path, no scheme, no leading slash."""
    return bool(src) and not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:|^/|^#|^\?", src)


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


def body_segments(tokens: Sequence[Token], body_line: int, references: References = (), photos: bool = False) -> tuple[Segment, ...]:
    """The body's segments, ids b1, b2, ... in document order, lines in the source file."""
    return tuple(
        Segment(f"b{n}", role, text, body_line + line)
        for n, (role, text, line, _) in enumerate(block_segments(tokens, references, photos), start=1)
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
