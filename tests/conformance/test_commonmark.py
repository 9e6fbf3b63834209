"""tarjima's report pages against markdown-it's CommonMark, on the CommonMark spec's own examples.

One test per spec section: the sections that fail today are the targets of issue 12, marked
``xfail(strict=True)`` so that each flips (and must be unmarked) when its behaviour is fixed.
"""

from __future__ import annotations

import pytest

from .commonmark_suite import RAW_HTML_SECTIONS, Summary, describe, reason
from .fetch import Example

SECTIONS = (
    "Tabs", "Precedence", "Thematic breaks", "ATX headings", "Setext headings", "Indented code blocks",
    "Fenced code blocks", "HTML blocks", "Link reference definitions", "Paragraphs", "Blank lines",
    "Block quotes", "List items", "Lists", "Inlines", "Backslash escapes",
    "Entity and numeric character references", "Code spans", "Emphasis and strong emphasis", "Links",
    "Images", "Autolinks", "Raw HTML", "Hard line breaks", "Soft line breaks", "Textual content",
)
REFERENCES = "issue 12: link reference definitions are not applied to segments ([text][ref], [ref], [ref][] stay brackets)"
KNOWN = {
    "HTML blocks": "issue 12: raw HTML blocks are sanitized one by one, so an element spanning blank lines is emptied and its Markdown content put after it",
    "Link reference definitions": REFERENCES,
    "Paragraphs": "issue 12: a hard line break (two trailing spaces) is lost when a segment's lines are folded",
    "Backslash escapes": "issue 12: a backslash hard line break is lost (folded to '\\ '); reference definitions not applied",
    "Entity and numeric character references": REFERENCES,
    "Code spans": "issue 12: folding a segment's line breaks before inline parsing trims a code span's inner space",
    "Links": REFERENCES + "; a linked image loses its link; a newline inside <...> folded into a valid destination",
    "Images": REFERENCES,
    "Hard line breaks": "issue 12: hard line breaks (two trailing spaces, trailing backslash) are lost when a segment's lines are folded",
}


def test_the_spec_is_complete(spec_examples: tuple[Example, ...]) -> None:
    """The parsed spec has every example of CommonMark 0.29, each in a known section."""
    assert len(spec_examples) == 649
    assert {e.section for e in spec_examples} == set(SECTIONS)
    assert [e.number for e in spec_examples] == list(range(1, 650))


@pytest.mark.parametrize(
    "section",
    [pytest.param(s, marks=pytest.mark.xfail(strict=True, reason=KNOWN[s])) if s in KNOWN else s for s in SECTIONS],
)
def test_section_renders_as_commonmark(commonmark: Summary, section: str) -> None:
    """Each example, as a report body, renders on the source page as markdown-it's CommonMark does."""
    failed = commonmark.failures(lambda o: o.example.section == section)
    assert not failed, f"{len(failed)} example(s) differ:\n" + describe(failed)


@pytest.mark.xfail(strict=True, reason=REFERENCES + "; hard line breaks lost; linked images lose their link")
def test_every_example_outside_raw_html_renders_as_commonmark(commonmark: Summary) -> None:
    """The headline target: outside the raw-HTML sections, every spec example matches the reference."""
    failed = commonmark.failures(lambda o: not o.raw_html)
    reasons = sorted({reason(o) for o in failed})
    assert not failed, f"{len(failed)} of {commonmark.rate(lambda o: not o.raw_html)[1]} differ; reasons: {reasons}\n" + describe(failed, 5)


def test_translated_pages_keep_the_source_block_structure(commonmark: Summary) -> None:
    """Every segment translated ("TR " + msgid): the translated page has the source page's blocks."""
    broken = [o for o in commonmark.outcomes if not o.structure_kept]
    assert not broken, describe(broken)


def test_raw_html_sections_are_the_ones_named(commonmark: Summary) -> None:
    """The sections left out of the headline figure exist in the spec."""
    assert RAW_HTML_SECTIONS <= {o.example.section for o in commonmark.outcomes}
