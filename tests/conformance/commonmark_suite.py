"""CommonMark spec examples through tarjima's page renderer, compared with markdown-it's CommonMark.

Both sides go through tarjima's sanitizer and the same normalisation (``normalise``): tarjima's
own attributes (``data-seg``, ``class``, ``lang``) and the ``<span data-seg>`` that holds a run of prose
of a raw HTML block (issue 36) are dropped, entities decoded, attributes
sorted, and whitespace collapsed outside ``<pre>`` and trimmed around block tags, so only what a
reader sees can differ.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from typing import Callable, Iterable, Sequence

from markdown_it import MarkdownIt

from . import adapter
from .fetch import Example

RAW_HTML_SECTIONS = frozenset({"HTML blocks", "Raw HTML"})
BLOCK_TAGS = frozenset(
    "address article aside blockquote details div dl dd dt fieldset figure footer form h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section table tbody td tfoot th thead tr ul".split()
)
DROPPED_ATTRS = frozenset({"data-seg", "class", "lang"})
REPAIRED_RE = re.compile(r"(?:^|\n)<(a|abbr|b|code|del|em|i|ins|s|span|strong|sub|sup|u)(?: [^>]*)?> ?</\1>(?=\n|$)")
VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "source", "wbr", "col", "area", "base", "embed", "param", "track"})


@lru_cache(maxsize=1)
def reference_parser() -> MarkdownIt:
    """The reference: markdown-it-py's CommonMark preset."""
    return MarkdownIt("commonmark")


def reference_html(markdown: str) -> str:
    """The reference rendering of a body, through tarjima's sanitizer."""
    return adapter.sanitize(reference_parser().render(markdown))


class _Events(HTMLParser):
    """HTML as a flat list of (kind, value) events."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[tuple[str, str]] = []
        self.spans: list[bool] = []  # each open span: whether it is tarjima's own (a segment's, with data-seg)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "span":
            self.spans.append(any(k == "data-seg" for k, _ in attrs))
            if self.spans[-1]:
                return
        kept = sorted((k, v or "") for k, v in attrs if k not in DROPPED_ATTRS)
        self.events.append(("start", tag + "".join(f" {k}={v!r}" for k, v in kept)))
        if tag in VOID:
            self.events.append(("end", tag))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.events.append(("end", tag))

    def handle_endtag(self, tag: str) -> None:
        if tag == "span" and self.spans and self.spans.pop():
            return
        if tag not in VOID:
            self.events.append(("end", tag))

    def handle_data(self, data: str) -> None:
        self.events.append(("text", data))

    def handle_comment(self, data: str) -> None:
        self.events.append(("comment", data))


def events(markup: str) -> list[tuple[str, str]]:
    """The parsed events of an HTML fragment."""
    parser = _Events()
    parser.feed(markup)
    parser.close()
    return parser.events


def normalise(markup: str) -> str:
    """A canonical text of an HTML fragment, for comparing what a reader sees."""
    out: list[str] = []
    in_pre = 0
    for kind, value in events(markup):
        tag = value.split(" ", 1)[0]
        if kind == "text":
            out.append(value if in_pre else re.sub(r"\s+", " ", value))
        elif kind == "comment":
            continue
        elif tag in BLOCK_TAGS:
            if tag == "pre":
                in_pre += 1 if kind == "start" else -1
            out.append(f"\n<{'/' if kind == 'end' else ''}{value}>\n")
        else:
            out.append(f"<{'/' if kind == 'end' else ''}{value}>")
    text = "".join(out)
    parts = re.split(r"(<pre[^>]*>.*?</pre>)", text, flags=re.S)  # keep preformatted text as it is
    text = "".join(p if p.startswith("<pre") else re.sub(r" *\n[ \n]*", "\n", p) for p in parts).strip()
    # The sanitizer repairs a fragment by closing an open inline tag and opening it again after
    # the block (``<p><a></p>`` -> ``<p><a></a></p><a> </a>``): such an empty element between
    # blocks depends on how much was sanitized at once, not on what a reader sees.
    return REPAIRED_RE.sub("", text).strip()


def block_structure(markup: str) -> list[str]:
    """The sequence of block-level start and end tags of an HTML fragment."""
    return [("/" if kind == "end" else "") + value.split(" ", 1)[0] for kind, value in events(markup) if kind in ("start", "end") and value.split(" ", 1)[0] in BLOCK_TAGS]


# What a translation keeps as it is: code spans, autolinks and raw HTML, link destinations and
# titles, entities (their names are case-sensitive) and backslash escapes.
KEPT_RE = re.compile(r"(`+)[\s\S]*?(?<!`)\1(?!`)|<[^<>]*>|\]\((?:[^()\\]|\\.|\([^()]*\))*\)|&#?[A-Za-z0-9]+;|\\.")


def translate(text: str) -> str:
    """A stand-in translation that changes every letter: the msgid in capitals outside code, URLs, HTML and entities."""
    out: list[str] = []
    last = 0
    for m in KEPT_RE.finditer(text):
        out += [text[last : m.start()].upper(), m.group()]
        last = m.end()
    out.append(text[last:].upper())
    return "".join(out)


@dataclass(frozen=True)
class Outcome:
    """One example: does tarjima's page match the reference, and keep its structure in translation?"""

    example: Example
    expected: str  # normalised reference
    got: str  # normalised tarjima source page
    structure_kept: bool  # the translated page's block structure equals the source page's
    text_kept: bool  # the translated page (every segment in capitals) equals the reference, case aside
    error: str = ""  # tarjima raised instead of rendering

    @property
    def passed(self) -> bool:
        return not self.error and self.expected == self.got

    @property
    def raw_html(self) -> bool:
        return self.example.section in RAW_HTML_SECTIONS


def check_example(example: Example, render: Callable[[str], str] = adapter.render_source_body) -> Outcome:
    """Render one example as a report body with tarjima and compare it with the reference."""
    expected = normalise(reference_html(example.markdown))
    try:
        source = render(example.markdown)
        translated = adapter.render_translated_body(example.markdown, translate)
    except adapter.InputError as exc:  # tarjima refuses this body: counted as a failure, with its reason
        return Outcome(example, expected, "", False, False, str(exc))
    got, shown = normalise(source), normalise(translated)
    return Outcome(example, expected, got, block_structure(translated) == block_structure(source), shown.upper() == expected.upper())


@dataclass(frozen=True)
class Summary:
    """The figures of a run over spec examples."""

    outcomes: tuple[Outcome, ...]

    def rate(self, which: Callable[[Outcome], bool] = lambda o: True, test: Callable[[Outcome], bool] = lambda o: o.passed) -> tuple[int, int]:
        chosen = [o for o in self.outcomes if which(o)]
        return sum(1 for o in chosen if test(o)), len(chosen)

    def by_section(self) -> list[tuple[str, int, int]]:
        """(section, passed, examples) in the spec's order."""
        total: Counter[str] = Counter()
        passed: Counter[str] = Counter()
        for o in self.outcomes:
            total[o.example.section] += 1
            passed[o.example.section] += o.passed
        return [(s, passed[s], n) for s, n in total.items()]

    def failures(self, which: Callable[[Outcome], bool] = lambda o: True) -> list[Outcome]:
        return [o for o in self.outcomes if which(o) and not o.passed]


def run(examples: Iterable[Example]) -> Summary:
    """Check every example."""
    return Summary(tuple(check_example(e) for e in examples))


LINK_DEFINITION_RE = re.compile(r"(?m)^ {0,3}(?:> ?)*\[(?:[^\]\\]|\\.)+\]:")


def reason(outcome: Outcome) -> str:
    """A one-line guess at why an example fails, for grouping failures in the report."""
    markdown, expected, got = outcome.example.markdown, outcome.expected, outcome.got
    if outcome.error:
        return "tarjima refuses the body: " + outcome.error.split(": ", 1)[-1]
    if LINK_DEFINITION_RE.search(markdown):
        return "link reference definitions are not applied to segments ([text][ref], [ref], [ref][] stay brackets)"
    if expected.count("<br>") > got.count("<br>"):
        return "hard line break (two trailing spaces or a trailing backslash) lost"
    if "<img" in got and re.search(r"<a [^>]*><img", expected) and not re.search(r"<a [^>]*><img", got):
        return "a linked image loses its link"
    if outcome.raw_html or markdown.lstrip().startswith("<"):
        return "raw HTML around or inside a segment renders differently (e.g. a soft line break folded to a space inside a <pre> that raw HTML opened)"
    if "\n" in markdown.strip():
        return "line breaks inside a segment are folded to spaces before inline parsing, which changes its meaning"
    return "other"


def describe(outcomes: Sequence[Outcome], limit: int = 10) -> str:
    """A few failures, readable in an assertion message."""
    lines = []
    for o in outcomes[:limit]:
        lines.append(f"example {o.example.number} ({o.example.section}): {o.example.markdown!r}")
        lines.append(f"  reference: {o.expected!r}")
        lines.append(f"  tarjima:   {o.error or o.got!r}")
    if len(outcomes) > limit:
        lines.append(f"... and {len(outcomes) - limit} more")
    return "\n".join(lines)
