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
    """The one Markdown dialect of tarjima: CommonMark with tables, raw HTML recognised, and footnotes.

    Footnotes are written as Markdown editors write them (pandoc, Obsidian, Typora, markdown-it):
    ``text[^1]`` and, on a line of its own, ``[^1]: The note.`` (mdit-py-plugins' port of
    markdown-it-footnote; pandoc's inline ``^[note]`` is not read: a note is a segment of its own).
    """
    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.footnote.index import footnote_tail

    def notes_of_a_body(state: StateCore) -> None:
        """The plugin's list of notes, made for a body: never for one segment parsed in its document's footnotes."""
        if not state.inlineMode:
            footnote_tail(state)

    md = MarkdownIt("commonmark", {"html": True}).enable("table").use(footnote_plugin, inline=False)
    md.core.ruler.at("footnote_tail", notes_of_a_body)
    md.add_render_rule("footnote_ref", footnote_ref_html)
    md.add_render_rule("footnote_caption", lambda tokens, idx, options, env: f"[{tokens[idx].meta['id'] + 1}]")
    return md


HTML_ROLE = "HTML text"  # the role (and extracted comment) of a run of prose in a raw HTML block (``rawhtml``)


FOOTNOTE_LINKS = "tarjima_footnote_links"  # set in the environment of the one rendering of a page's body: references link to its notes


def footnote_ref_html(self: object, tokens: Sequence[Token], idx: int, options: object, env: dict[str, Any]) -> str:
    """A footnote reference: its number, a link to its note with an id unique on the page when the body is
    rendered (``FOOTNOTE_LINKS``); elsewhere (the aligned and parallel views, a title) the number alone."""
    meta = tokens[idx].meta
    number = meta["id"] + 1
    if not env.get(FOOTNOTE_LINKS):
        return f'<sup class="footnote-ref">[{number}]</sup>'
    back = f"fnref{number}" + (f":{meta['subId']}" if meta.get("subId", 0) > 0 else "")
    return f'<sup class="footnote-ref"><a href="#fn{number}" id="{back}">[{number}]</a></sup>'


# Where CommonMark's inline rules can start: without any of these, a text parses to one text token
# holding the text as it is, and renders as that text escaped (tests/conformance compares both
# with the parser on the CommonMark spec and real catalogues).
MARKDOWN_CHAR_RE = re.compile(r"[\n\r\0!&*_<\[\]\\`~]")


# A document's link reference definitions, (label, href, title), and its footnotes, ("[^label]", number
# from 0 in order of first reference, ""), sorted. A link label never holds an unescaped "[", so the two never meet.
References = tuple[tuple[str, str, str], ...]


def env_of(references: References) -> dict[str, Any]:
    """A new markdown-it environment in which a document's segments are parsed: its reference definitions and footnotes."""
    links = {label: {"href": href, "title": title} for label, href, title in references if not label.startswith("[^")}
    notes = {label[2:-1]: int(number) for label, number, _ in references if label.startswith("[^")}
    env: dict[str, Any] = {"references": links}
    if notes:  # each reference counts its note's uses in "list": a fresh count per environment
        env["footnotes"] = {"refs": {f":{label}": n for label, n in notes.items()}, "list": {n: {"label": label, "count": 0} for label, n in notes.items()}}
    return env


def references_in(env: dict[str, Any]) -> References:
    """The reference definitions and the referenced footnotes a parse of a whole body collected, as plain sorted data."""
    links = [(label, str(ref["href"]), str(ref.get("title") or "")) for label, ref in env.get("references", {}).items()]
    notes = [(f"[^{key[1:]}]", str(n), "") for key, n in env.get("footnotes", {}).get("refs", {}).items() if n >= 0]
    return tuple(sorted(links + notes))


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
            content = token.meta["label"] if token.type == "footnote_ref" else token.content  # which note, not which use of it
            out.append((token.type, token.tag, content, attrs, shape(token.children or ())))
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
    A raw HTML block gives each run of prose in it (``rawhtml``), several segments of one
    ``html_block`` token. Footnotes come last, as markdown-it moves them, each a segment.
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
        if token.type == "html_block":
            from tarjima.rawhtml import runs  # (html.parser: imported by a text that has raw HTML)

            for run in runs(token.content):
                yield HTML_ROLE, run.text, line + run.line, token
            continue
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
    if "footnote_open" in containers:
        return "footnote"
    if "list_item_open" in containers:
        return "list item"
    if "blockquote_open" in containers:
        return "blockquote paragraph"
    return "paragraph"


def verbatim_html(tokens: Sequence[Token]) -> list[int]:
    """The 0-based body lines of the ``<pre>`` texts in raw HTML blocks: shown as written, in every language (``rawhtml``)."""
    if not any(token.type == "html_block" for token in tokens):
        return []
    from tarjima.rawhtml import verbatim

    return [(token.map[0] if token.map else 0) + line for token in tokens if token.type == "html_block" for line in verbatim(token.content)]


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
