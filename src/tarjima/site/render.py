"""Rendering, pure: a report and its translations -> aligned, sanitized HTML .

The n-th segment of a source is the n-th segment of every translation (``markdown.block_segments``
walks the same tokens), so every language's page carries the same ``data-seg`` ids in the
same structure. Nothing here reads or writes a file.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Mapping, Sequence

import nh3
from markdown_it.token import Token

from tarjima.markdown import block_holder, block_segments, markdown_parser
from tarjima.model import Entry
from tarjima.sources import Document

ALLOWED_TAGS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "table", "thead", "tbody",
    "tr", "th", "td", "em", "strong", "a", "code", "pre", "img", "br", "hr", "del", "sup", "sub", "span",
}


COMMON_ATTRS = {"data-seg", "lang", "class"}


ALLOWED_ATTRS = {tag: set(COMMON_ATTRS) for tag in ALLOWED_TAGS} | {
    "a": COMMON_ATTRS | {"href", "title", "hreflang"},
    "img": COMMON_ATTRS | {"src", "alt", "title", "width", "height"},
    "th": COMMON_ATTRS | {"style"},
    "td": COMMON_ATTRS | {"style"},
    "ol": COMMON_ATTRS | {"start"},
}


URL_SCHEMES = {"http", "https", "mailto"}


def sanitize(html: str) -> str:
    """Keep only the allow-listed tags, attributes and URL schemes: no script can survive."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRS,
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
def render_inline(text: str) -> str:
    """One segment's inline Markdown as sanitized HTML; each distinct text is rendered once.

    Text without raw HTML (``<``) or links and images (``](``) renders only to escaped text,
    emphasis and code, which need no sanitizer; everything else goes through the allow-list.
    """
    html = markdown_parser().renderInline(text)
    return html if "<" not in text and "](" not in text else sanitize(html)


def raw_html(html: str) -> Token:
    """A token the renderer writes as it is: HTML already rendered and sanitized."""
    token = Token("html_inline", "", 0)
    token.content = html
    return token


def render_body(doc: Document, cells: Mapping[str, Cell], source_lang: str) -> str:
    """The report body in one language: the source's block structure, each segment replaced.

    A segment that is not translated shows the source text with ``lang`` set to the
    source's language and the class ``fallback``; a fuzzy translation is never shown. Every
    segment's HTML comes from ``render_inline`` (sanitized), raw HTML blocks are sanitized,
    code is escaped by the renderer: no script can reach the page.
    """
    md = markdown_parser()
    tokens = doc.tokens
    out: list[Token] = [sanitized_block(t) if t.type == "html_block" else t for t in tokens]
    index = {id(t): i for i, t in enumerate(tokens)}
    numbered = [s for s in doc.segments if s.id.startswith("b")]
    for segment, (_, text, _, inline) in zip(numbered, block_segments(tokens)):
        cell = cells.get(text) or Cell(text, "source")
        shown = cell.text if cell.final else text
        i = index[id(inline)]
        holder_i = block_holder(tokens, i)
        holder = tokens[holder_i].copy()
        holder.attrs = dict(holder.attrs)
        holder.attrSet("data-seg", segment.id)
        if not cell.final:
            holder.attrSet("lang", source_lang)
            holder.attrSet("class", "fallback")
        out[holder_i] = holder
        new_inline = inline.copy()
        image = next((c for c in inline.children or () if c.type == "image"), None)
        if image is not None and all(c.type == "image" or not c.content.strip() for c in inline.children or ()):
            replaced = image.copy()
            replaced.attrs = dict(image.attrs)
            replaced.children = md.parseInline(shown)[0].children or []
            replaced.content = shown
            new_inline.children = [replaced]
        else:
            new_inline.children = [raw_html(render_inline(shown))]
        out[i] = new_inline
    return md.renderer.render(out, md.options, {})


def sanitized_block(token: Token) -> Token:
    """A raw HTML block of the source, passed through the allow-list."""
    safe = token.copy()
    safe.content = sanitize(token.content)
    return safe
