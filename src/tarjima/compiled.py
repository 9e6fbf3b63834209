"""Inline Markdown rendered and read by a compiled engine, pyromark, wherever a fixed scan of the text shows it gives markdown-it-py's bytes.

The pages render each segment's inline Markdown (``site.pages.render.render_inline``), and the
checks read it (``checks.inline.inline``: its links, emphasis, code and text). markdown-it-py, the
engine of tarjima's dialect (``markdown.markdown_parser``), stays the reference and renders every
text this module does not take; pyromark (pulldown-cmark, in Rust) renders the rest about 13 times
faster. Which engine renders a text is decided by ``takes`` alone, a scan of its characters, never
by running both engines and comparing: each rule below sends away a kind of text on which the two
were measured to differ, or may differ (docs/development.md, "A compiled engine for inline
Markdown"). ``tests/conformance/test_compiled_markdown.py`` renders the CommonMark spec, Django's
catalogues and random texts both ways and holds the taken ones equal byte for byte, and the
checks' reading of them equal too (``tests/conformance/test_check_reading.py``).
"""

from __future__ import annotations

import re

import pyromark

# In the renderer's key (``site.renderer.renderer_key``): another engine or version may render otherwise,
# so a build after an upgrade renders every page again.
ENGINE = ("pyromark", pyromark.__version__)

# Anywhere in the text:
#   \n \r          a second line can start a block (a list, a heading underline, a table); hard breaks
#   other controls, U+2028, U+2029
#                  tabs expand by column, NUL is replaced; \v, U+0085, U+2028 and U+2029 are whitespace to
#                  one engine and not the other, which moves where emphasis may open and close
#   < & "          raw HTML and autolinks; entities and numeric references (pyromark decodes &#X22; to a bare ");
#                  a double quote (markdown-it-py writes &quot;, pyromark ")
#   [^             a footnote reference (tarjima's footnote plugin)
#   U+D800-U+DFFF  a lone surrogate, which markdown-it-py keeps and pyromark cannot take (Rust strings are UTF-8)
ANYWHERE_RE = re.compile(r'[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff<&"]|\[\^')
# At the start, where a line of its own would start a block rather than a paragraph: a heading, a
# quote, a list item, a thematic break, a fence, a link reference definition.
START_RE = re.compile(r"[#>]|[-+*](?:[ \t]|$)|[-*_ ]+$|```|~~~|\d{1,9}[.)](?:[ \t]|$)|\[[^\n]*\]:")
# A link or image the engines render alike: a text of its own (no brackets, emphasis, code, escapes or
# apostrophes, which pyromark reads otherwise inside a link: ``[*b_**]()``, ``[![[]()]()]()``, ``alt="a&#39;b"``)
# and a plain destination (pyromark percent-encodes and escapes ' % ^ spaces and non-ASCII otherwise).
SIMPLE_LINK_RE = re.compile(r"!?\[[^\[\]*_`\\']*\]\([A-Za-z0-9/:._?#=+,@~-]*\)")


def takes(text: str) -> bool:
    """Whether ``inline_html`` renders this text as markdown-it-py's ``renderInline`` does: a scan, no parse."""
    if not text or text[0].isspace() or text[-1].isspace() or ANYWHERE_RE.search(text) or START_RE.match(text):
        return False
    if "](" not in text:
        return True
    rest = SIMPLE_LINK_RE.sub("", text)  # every link a simple one, and no bracket besides
    return "[" not in rest and "]" not in rest


def inline_html(text: str) -> str | None:
    """A text that ``takes`` accepts, rendered by pyromark as one paragraph, without the paragraph's tags.

    None if pyromark made anything but one paragraph of it (never seen on any text ``takes``
    accepts): the caller then renders it with markdown-it-py.
    """
    html = pyromark.html(text)
    if html.startswith("<p>") and html.endswith("</p>\n") and html.count("<p>") == 1:
        return html[3:-5]
    return None


# A text's inline Markdown as markdown-it-py's inline tokens give it to the checks (checks.inline.Inline's first
# fields), read from pyromark's events: link destinations, image sources, emphasis and strong emphasis spans, code
# span contents, and the text in order (link text, an image's text as written; None where a code span is).
Spans = tuple[tuple[str, ...], tuple[str, ...], int, int, tuple[str, ...], tuple[str | None, ...]]


def spans(text: str) -> Spans | None:
    """What the checks read of a text that ``takes`` accepts, from pyromark's events.

    None for anything but one paragraph of text, code spans, emphasis and inline links and images
    (no such text is known among those ``takes`` accepts): the caller then reads it with markdown-it-py.
    """
    events = tuple(pyromark.events(text))
    if len(events) < 2 or events[0] != _PARAGRAPH_START or events[-1] != _PARAGRAPH_END:
        return None
    links: list[str] = []
    images: list[str] = []
    code: list[str] = []
    parts: list[str | None] = []
    alt: list[str] | None = None  # the text of the image being read
    emphasis = strong = 0
    for event in events[1:-1]:
        match event:
            case {"Text": str(value)}:
                (parts if alt is None else alt).append(value)
            case {"Code": str(value)} if alt is None:
                code.append(value)
                parts.append(None)
            case {"Start": "Emphasis"} if alt is None:
                emphasis += 1
            case {"Start": "Strong"} if alt is None:
                strong += 1
            case {"Start": {"Link": {"link_type": "Inline", "dest_url": str(url)}}} if alt is None:
                links.append(url)
            case {"Start": {"Image": {"link_type": "Inline", "dest_url": str(url)}}} if alt is None:
                images.append(url)
                alt = []
            case {"End": "Emphasis" | "Strong" | "Link"} if alt is None:
                pass
            case {"End": "Image"} if alt is not None:
                parts.append("".join(alt))  # markdown-it-py: the image's label as written (``takes``: no escape, entity or markup in it)
                alt = None
            case _:
                return None
    return tuple(links), tuple(images), emphasis, strong, tuple(code), tuple(parts)


_PARAGRAPH_START = {"Start": "Paragraph"}
_PARAGRAPH_END = {"End": "Paragraph"}
