"""How the checks read a text: its inline Markdown (with the project's one parser, or the compiled engine where it reads alike), prose, URLs."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

from tarjima import compiled
from tarjima.markdown import MARKDOWN_CHAR_RE, References, parse_inline

OBJ = "\ufffc"  # stands in the prose for a code span, raw HTML, an autolink, a bare URL or a placeholder


URL_RE = re.compile(r"""(?<![A-Za-z0-9+.-])(?:(?:https?|ftp)://|www\.)[^\s<>"«»“”‘]+""", re.IGNORECASE)


EMAIL_RE = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


TAG_LIKE_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?=[\s/>]|$)")


PLACEHOLDER_RE = re.compile(r"%\([A-Za-z_]\w*\)[sdifr]")  # python-format of the site's template strings


WORD_RE = re.compile(r"[^\W_]+")  # letters and digits; ʻ (U+02BB) and ʼ (U+02BC) are letters (Lm)


def trim_url(url: str) -> str:
    """A URL found in prose without the sentence punctuation that follows it."""
    while url and url[-1] in ".,;:!?)]}'’":
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    return url


WWW_RE = re.compile(r"[wW]{3}\.")


def may_hold_url(text: str) -> bool:
    """Whether URL_RE or EMAIL_RE can find anything: they need "://", "www." (in any case) or "@". Substring
    scans in C first; the pattern, which stops at every w, only where a "w." or "W." is."""
    return "@" in text or "://" in text or (("w." in text or "W." in text) and WWW_RE.search(text) is not None)


def find_urls(text: str) -> list[tuple[int, int, str]]:
    """Bare URLs and e-mail addresses in text: (start, end, text), in order, not overlapping."""
    if not may_hold_url(text):
        return []
    found = [(m.start(), m.start() + len(trim_url(m.group())), trim_url(m.group())) for m in URL_RE.finditer(text)]
    for m in EMAIL_RE.finditer(text):
        if not any(s <= m.start() < e for s, e, _ in found):
            found.append((m.start(), m.end(), m.group()))
    return sorted(found)


class Inline(NamedTuple):
    """What the inline Markdown of one text holds, as the checks compare it."""

    links: tuple[str, ...]  # link destinations, autolinks included
    images: tuple[str, ...]  # image sources
    emphasis: int
    strong: int
    code: tuple[str, ...]  # code span contents
    breaks: int  # hard line breaks (a backslash, or two spaces, at the end of a line)
    html: tuple[str, ...]  # raw HTML tags as written
    text_tags: tuple[str, ...]  # tag-like text outside HTML (an unclosed "<img", "&lt;b&gt;")
    urls: tuple[str, ...]  # bare URLs and e-mail addresses in the text
    prose: str  # text, link text and image alt; code, HTML, autolinks, URLs and %(name)s replaced by OBJ
    footnotes: tuple[str, ...] = ()  # the labels of footnote references ([^1]), in order


@lru_cache(maxsize=4096)
def inline(text: str, references: References = ()) -> Inline:
    """Parse one text's inline Markdown, in its report's context (reference definitions), into what the checks compare.

    Plain text (none of the characters an inline rule starts with) is its own prose; a text the compiled
    engine reads as markdown-it-py does (``compiled.takes``; none that may use the document's references)
    is read from pyromark's events; every other text from markdown-it-py's tokens.
    """
    if not MARKDOWN_CHAR_RE.search(text):
        return _finish(text, (), (), 0, 0, (), 0, (), ())
    read = compiled.spans(text) if not (references and "[" in text) and compiled.takes(text) else None
    if read is not None:
        links, images, emphasis, strong, code, pieces = read
        return _finish("".join(OBJ if p is None else p for p in pieces), links, images, emphasis, strong, code, 0, (), ())
    return _from_tokens(text, references)


def _from_tokens(text: str, references: References) -> Inline:
    """The Inline of a text from markdown-it-py's inline tokens."""
    links: list[str] = []
    images: list[str] = []
    code: list[str] = []
    html: list[str] = []
    notes: list[str] = []
    parts: list[str] = []
    emphasis = strong = breaks = 0
    in_autolink = False
    children = parse_inline(text, references)
    for token in children:
        kind = token.type
        if kind in ("text", "text_special"):
            parts.append(OBJ if in_autolink else token.content)
        elif kind in ("softbreak", "hardbreak"):
            parts.append(" ")
            breaks += kind == "hardbreak"
        elif kind == "code_inline":
            code.append(token.content)
            parts.append(OBJ)
        elif kind == "html_inline":
            html.append(token.content)
            parts.append("" if token.content.startswith("</") else OBJ)  # "done.</b>" ends with "."
        elif kind == "link_open":
            links.append(str(token.attrs.get("href", "")))
            in_autolink = token.markup == "autolink"
        elif kind == "link_close":
            in_autolink = False
        elif kind == "image":
            images.append(str(token.attrs.get("src", "")))
            parts.append(token.content)
        elif kind == "em_open":
            emphasis += 1
        elif kind == "strong_open":
            strong += 1
        elif kind == "footnote_ref":
            notes.append(str(token.meta["label"]))
    return _finish("".join(parts) if children else text, tuple(links), tuple(images), emphasis, strong, tuple(code), breaks, tuple(html), tuple(notes))


def _finish(joined: str, links: tuple[str, ...], images: tuple[str, ...], emphasis: int, strong: int, code: tuple[str, ...], breaks: int,
            html: tuple[str, ...], notes: tuple[str, ...]) -> Inline:
    """The Inline of a text whose Markdown has been read: ``joined`` is its text (code, HTML and autolinks as OBJ)."""
    urls = find_urls(joined)
    hidden = sorted(urls + [(m.start(), m.end(), m.group()) for m in PLACEHOLDER_RE.finditer(joined)]) if "%(" in joined else urls
    if not hidden:
        return Inline(links, images, emphasis, strong, code, breaks, html, tuple(TAG_LIKE_RE.findall(joined)) if "<" in joined else (), (), joined, notes)
    prose, last = [], 0
    for start, end, _ in hidden:
        if start >= last:
            prose += [joined[last:start], OBJ]
            last = end
    prose.append(joined[last:])
    shown = "".join(prose)
    text_tags = tuple(TAG_LIKE_RE.findall(joined)) if "<" in joined else ()
    return Inline(links, images, emphasis, strong, code, breaks, html, text_tags, tuple(u for _, _, u in urls), shown, notes)


def quote(text: str, limit: int = 60) -> str:
    """A text quoted for a message, shortened if long."""
    text = " ".join(text.split())
    return f"“{text if len(text) <= limit else text[: limit - 1] + '…'}”"


def missing_and_added(source: Iterable[str], translation: Iterable[str]) -> tuple[list[str], list[str]]:
    """Items of the source the translation lacks, and items it adds (multisets, first-seen order)."""
    source, translation = list(source), list(translation)
    if source == translation:
        return [], []
    src, tgt = Counter(source), Counter(translation)
    return list((src - tgt).elements()), list((tgt - src).elements())
