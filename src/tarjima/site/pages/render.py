"""Rendering, pure: a report and its translations -> aligned, sanitized HTML .

The n-th segment of a source is the n-th segment of every translation (``markdown.block_segments``
walks the same tokens), so every language's page carries the same ``data-seg`` ids in the
same structure. Nothing here reads or writes a file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from functools import lru_cache
from operator import attrgetter
from html.parser import HTMLParser
from typing import Iterator, Mapping, Sequence

import nh3
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markupsafe import Markup, escape

from tarjima.images.photos import Photo
from tarjima.markdown import (FOOTNOTE_LINKS, HTML_ROLE, MARKDOWN_CHAR_RE, References, block_holder, block_segments, env_of, fold, markdown_parser,
                              parse_inline, photo_images, sole_image)
from tarjima.model import Entry, Segment
from tarjima.rawhtml import replaced as runs_replaced, runs
from tarjima import compiled
from tarjima.site.pages.figures import Shown, photos_html
from tarjima.sources import Document

ALLOWED_TAGS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "table", "thead", "tbody",
    "tr", "th", "td", "em", "strong", "a", "code", "pre", "img", "br", "hr", "del", "sup", "sub", "span",
    "div", "section", "aside", "details", "summary", "figure", "figcaption",  # the block wrappers of raw HTML (<div class="note">)
}


COMMON_ATTRS = {"data-seg", "lang", "class"}
# A token's fields in the order its constructor takes them: ``copied`` makes the copy markdown-it-py's
# ``Token.copy`` makes, by the constructor, where that goes through ``dataclasses.replace`` (five times slower).
_TOKEN_FIELDS = attrgetter(*(f.name for f in fields(Token) if f.init))


def copied(token: Token) -> Token:
    """``token.copy()``: the same shallow copy (the constructor's, so an empty ``attrs`` is a new dict, as there)."""
    return Token(*_TOKEN_FIELDS(token))


ALLOWED_ATTRS = {tag: set(COMMON_ATTRS) for tag in ALLOWED_TAGS} | {
    "a": COMMON_ATTRS | {"href", "title", "hreflang", "id"},
    "li": COMMON_ATTRS | {"id"},
    "img": COMMON_ATTRS | {"src", "alt", "title", "width", "height"},
    "th": COMMON_ATTRS | {"style"},
    "td": COMMON_ATTRS | {"style"},
    "ol": COMMON_ATTRS | {"start"},
    "details": COMMON_ATTRS | {"open"},
}


URL_SCHEMES = {"http", "https", "mailto"}


FOOTNOTE_ID_RE = re.compile(r"fn(?:ref)?\d+(?::\d+)?")  # the only ids a body keeps: a footnote's (fn1) and its references' (fnref1, fnref1:1)


def footnote_ids_only(tag: str, attribute: str, value: str) -> str | None:
    """nh3's attribute filter: an id is kept only as a footnote's or a footnote reference's."""
    return value if attribute != "id" or FOOTNOTE_ID_RE.fullmatch(value) else None


def sanitize(html: str) -> str:
    """Keep only the allow-listed tags, attributes and URL schemes: no script can survive."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRS,
        attribute_filter=footnote_ids_only,
        url_schemes=URL_SCHEMES,
        filter_style_properties={"text-align"},
        link_rel="noopener",
    )


@dataclass(frozen=True)
class Cell:
    """One segment in one language: its text and whether it is the source shown as a fallback."""

    text: str
    state: str  # "source", "translated", "earlier" (the translation of the paragraph before its last edit), "fuzzy", "untranslated"

    @property
    def final(self) -> bool:
        """Shown as this language's text (an "earlier" one only on a page marked as such)."""
        return self.state in ("source", "translated", "earlier")


def cells_for(msgids: Sequence[str], entries: Mapping[str, Entry] | None) -> dict[str, Cell]:
    """msgid -> Cell for one language: translated text, or the source text marked by its state."""
    out: dict[str, Cell] = {}
    for text in msgids:
        if entries is None:
            out[text] = Cell(text, "source")
            continue
        entry = entries.get(text)
        if entry is not None and entry.translated:
            out[text] = Cell(entry.msgstr, "translated")
        elif entry is not None and entry.fuzzy and entry.msgstr:
            out[text] = Cell(entry.msgstr, "fuzzy")
        else:
            out[text] = Cell(text, "untranslated")
    return out


@lru_cache(maxsize=4096)  # a report's texts, shared by its pages and its aligned view
def render_inline(text: str, references: References = ()) -> str:
    """One segment's inline Markdown as sanitized HTML, in its document's context (its reference definitions).

    Text without raw HTML (``<``), links or images (``](``, or ``[`` when the document defines
    references) renders only to escaped text, emphasis, code and line breaks, which need no
    sanitizer; everything else goes through the allow-list. A text that the compiled engine
    renders to the same bytes (``compiled.takes``, a scan; none that may use the document's
    references) is rendered by it, the others by markdown-it-py.
    """
    if not MARKDOWN_CHAR_RE.search(text):  # one text token: the renderer would only escape it
        return escapeHtml(text)
    fast = compiled.inline_html(text) if not (references and "[" in text) and compiled.takes(text) else None
    html = fast if fast is not None else markdown_parser().renderInline(text, env_of(references) if references else None)
    plain = "<" not in text and "](" not in text and not (references and "[" in text)
    return html if plain else sanitize(html)


@lru_cache(maxsize=4096)
def render_html_text(text: str) -> str:
    """A run of prose from a raw HTML block (``rawhtml``): HTML as written, through the allow-list (no Markdown: CommonMark reads none there)."""
    return sanitize(text)


def segment_html(text: str, role: str, references: References = ()) -> str:
    """One segment as HTML, for the views that show segments one by one (aligned, parallel): by its role, Markdown or raw HTML."""
    return render_html_text(text) if role == HTML_ROLE else render_inline(text, references)


def has_notes(text: str, references: References) -> bool:
    """Whether a text may refer to one of its document's footnotes (``[^label]``)."""
    return "[^" in text and any(label.startswith("[^") for label, _, _ in references)


def is_plain(tokens: Sequence[Token], text: str) -> bool:
    """Whether a text's inline Markdown is nothing but the text itself."""
    return all(t.type == "text" for t in tokens) and "".join(t.content for t in tokens) == text


def field_html(text: str, references: References = (), links: bool = True) -> Markup:
    """A front-matter field (title, summary, location) as HTML: its inline Markdown, rendered.

    ``links=False`` shows links as their text (a listing's title is itself a link). Text
    without markup is escaped as the templates always escaped it.
    """
    tokens = parse_inline(text, references)
    if is_plain(tokens, text):
        return escape(text)
    if links:
        return Markup(render_inline(text, references))
    md = markdown_parser()
    kept = [t for t in tokens if t.type not in ("link_open", "link_close")]
    return Markup(sanitize(html_renderer(md).renderInline(kept, md.options, {})))


def field_text(text: str, references: References = ()) -> str:
    """A front-matter field as plain text, markup stripped: for ``<title>``, feeds and metadata."""
    tokens = parse_inline(text, references)
    if is_plain(tokens, text):
        return text
    return " ".join("".join(plain_parts(tokens)).split())


def plain_parts(tokens: Sequence[Token]) -> Iterator[str]:
    """The text a reader sees of inline tokens: text, code, image descriptions; breaks as spaces, raw HTML left out."""
    for token in tokens:
        if token.type in ("text", "text_special", "code_inline"):
            yield token.content
        elif token.type in ("softbreak", "hardbreak"):
            yield " "
        elif token.type == "image":
            yield from plain_parts(token.children or ())


def raw_html(html: str) -> Token:
    """A token the renderer writes as it is: HTML already rendered and sanitized."""
    token = Token("html_inline", "", 0)
    token.content = html
    return token


def render_body(doc: Document, cells: Mapping[str, Cell], source_lang: str, media: Mapping[str, Photo] | None = None, url: str = "") -> str:
    """The report body in one language: the source's block structure, each segment replaced.

    A segment that is not translated shows the source text with ``lang`` set to the
    source's language and the class ``fallback``; a fuzzy translation is never shown. Every
    segment is parsed in the document's context (its reference definitions). Its HTML comes
    from ``render_inline`` (sanitized), or, inside raw HTML that wraps Markdown, is sanitized
    with that HTML as a whole (``html_groups``); code is escaped by the renderer: no script can
    reach the page. A run of prose in a raw HTML block is replaced in the block, in a ``span`` with
    its ``data-seg``. Footnote references link to the notes at the end, each use with an id of its
    own (``fnref1``, ``fnref1:1``), so this is the one rendering that counts them. In a page bundle, a block of photos becomes figures (``site.pages.figures``),
    their files from ``media`` (src -> Photo) at ``url`` + their path.
    """
    md = markdown_parser()
    tokens = doc.tokens
    references = doc.references
    env = env_of(references)
    env[FOOTNOTE_LINKS] = True
    groups = list(html_groups(md, tokens, env)) if any(t.type == "html_block" for t in tokens) else []
    grouped = {i for start, end in groups for i in range(start, end)}
    out: list[Token] = list(tokens)
    index = {id(t): i for i, t in enumerate(tokens)}
    numbered = [s for s in doc.segments if s.id.startswith("b")]
    by_inline: dict[int, list[tuple[Segment, str, str]]] = {}
    for segment, (role, text, _, inline) in zip(numbered, block_segments(tokens, references, doc.photos)):
        by_inline.setdefault(index[id(inline)], []).append((segment, role, text))
    if doc.photos:
        for i, token in enumerate(tokens):
            found = photo_images(token) if token.type == "inline" else None
            if found is not None:
                photo_block(out, i, found, by_inline.pop(i, []), cells, source_lang, references, media, url)
    for i in [i for i in by_inline if tokens[i].type == "html_block"]:
        out[i] = html_block(tokens[i], by_inline.pop(i), cells, source_lang)
    for i, ((segment, _, text),) in by_inline.items():
        inline = tokens[i]
        cell = cells.get(text) or Cell(text, "source")
        shown = cell.text if cell.final else text
        holder_i = block_holder(tokens, i)
        holder = copied(tokens[holder_i])
        holder.attrs = dict(holder.attrs)
        holder.attrSet("data-seg", segment.id)
        if not cell.final:
            holder.attrSet("lang", source_lang)
            holder.attrSet("class", "fallback")
        out[holder_i] = holder
        new_inline = copied(inline)
        image = sole_image(inline)
        if image is not None:
            replaced = copied(image)
            replaced.attrs = dict(image.attrs)
            replaced.children = md.parseInline(shown, env)[0].children or []
            replaced.content = shown
            new_inline.children = [replaced]
        elif i in grouped:  # sanitized with the raw HTML around it
            new_inline.children = [raw_html(md.renderInline(shown, env))]
        elif has_notes(shown, references):  # counted in this page's environment
            new_inline.children = [raw_html(sanitize(md.renderInline(shown, env)))]
        else:
            new_inline.children = [raw_html(render_inline(shown, references))]
        out[i] = new_inline
    if not groups:
        return html_renderer(md).render(out, md.options, env)
    parts = [rendered(md, out, i, env) for i in range(len(out))]
    html: list[str] = []
    last = 0
    for start, end in groups:
        html += parts[last:start]
        html.append(sanitize("".join(parts[start:end])))
        last = end
    html += parts[last:]
    return "".join(html)


def html_block(token: Token, segments: Sequence[tuple[Segment, str, str]], cells: Mapping[str, Cell], source_lang: str) -> Token:
    """A raw HTML block with each run of prose in this language, in a ``span`` with its ``data-seg`` (and, shown
    from the source, its ``lang`` and the class ``fallback``); sanitized with its group (``html_groups``)."""
    texts = []
    for segment, _, text in segments:
        cell = cells.get(text) or Cell(text, "source")
        mark = "" if cell.final else f' lang="{source_lang}" class="fallback"'
        texts.append(f'<span data-seg="{segment.id}"{mark}>{cell.text if cell.final else text}</span>')
    new = copied(token)
    new.content = runs_replaced(token.content, runs(token.content), texts)
    return new


def photo_block(out: list[Token], i: int, images: Sequence[Token], segments: Sequence[tuple[Segment, str, str]], cells: Mapping[str, Cell],
                source_lang: str, references: References, media: Mapping[str, Photo] | None, url: str) -> None:
    """Replace the paragraph of photos at inline ``i`` by their figures: alt texts and captions in this language, each with its data-seg."""
    todo = list(segments)
    shown: list[Shown] = []
    for image in images:
        parts: dict[str, tuple[str, str, str]] = {}  # role -> (seg id, text shown, lang if a fallback)
        for role, present in (("image alt text", fold(image.content)), ("image caption", fold(str(image.attrs.get("title") or "")))):
            if present and todo and todo[0][1] == role:
                segment, _, text = todo.pop(0)
                cell = cells.get(text) or Cell(text, "source")
                parts[role] = (segment.id, cell.text if cell.final else text, "" if cell.final else source_lang)
        alt_id, alt, alt_lang = parts.get("image alt text", ("", "", ""))
        cap_id, caption, cap_lang = parts.get("image caption", ("", "", ""))
        alt_text = " ".join("".join(plain_parts(parse_inline(alt, references))).split()) if alt else ""
        shown.append(Shown(str(image.attrs.get("src") or ""), alt_text, alt_id, alt_lang, render_inline(caption, references) if caption else "", cap_id, cap_lang))
    html = photos_html(shown, dict(media or {}), url)
    if out[i - 1].type == "paragraph_open" and out[i + 1].type == "paragraph_close":
        for j in (i - 1, i + 1):
            hidden = copied(out[j])
            hidden.hidden = True
            out[j] = hidden
    replaced = copied(out[i])
    replaced.children = [raw_html(html)]
    out[i] = replaced


def html_renderer(md: MarkdownIt) -> RendererHTML:
    """The parser's renderer: markdown-it's HTML renderer (``markdown_parser``), whose rules the pages call one token at a time."""
    if not isinstance(md.renderer, RendererHTML):
        raise TypeError(f"a Markdown parser with another renderer: {type(md.renderer).__name__}")
    return md.renderer


def rendered(md: MarkdownIt, tokens: Sequence[Token], i: int, env: dict[str, object]) -> str:
    """The HTML of one block token, as ``md.renderer.render`` writes it in its stream."""
    token = tokens[i]
    renderer = html_renderer(md)
    if token.type == "inline":
        return renderer.renderInline(token.children, md.options, env) if token.children else ""
    if token.type in renderer.rules:
        html: str = renderer.rules[token.type](tokens, i, md.options, env)
        return html
    return renderer.renderToken(tokens, i, md.options, env)


def html_groups(md: MarkdownIt, tokens: Sequence[Token], env: dict[str, object]) -> Iterator[tuple[int, int]]:
    """(start, end) token ranges to sanitize as one: each raw HTML block, with the blocks after it up
    to the one that closes the elements it leaves open (``<div>``, blank line, ``*text*``, blank
    line, ``</div>``), as the source renders them.

    A range never leaves the block that holds its raw HTML (a list item, a quote): an element
    left open runs to that block's end, or the body's.
    """
    i = 0
    while i < len(tokens):
        if tokens[i].type != "html_block":
            i += 1
            continue
        tracker = OpenElements()
        start, level = i, tokens[i].level
        while i < len(tokens) and tokens[i].level >= level:
            tracker.feed(rendered(md, tokens, i, env))
            i += 1
            if not tracker.open:
                break
        yield start, i


class OpenElements(HTMLParser):
    """The elements raw HTML leaves open, as it is fed: an end tag closes its element and those opened inside it."""

    VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.stack: list[str] = []

    @property
    def open(self) -> bool:
        return bool(self.stack) or bool(self.rawdata)  # rawdata: a tag or comment not finished yet

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:
            del self.stack[len(self.stack) - 1 - self.stack[::-1].index(tag) :]
