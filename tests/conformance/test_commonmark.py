"""tarjima's report pages against markdown-it's CommonMark, on the CommonMark spec's own examples.

One test per spec section: the sections that fail today are the targets of issue 12, marked
``xfail(strict=True)`` so that each flips (and must be unmarked) when its behaviour is fixed.
"""

from __future__ import annotations

import pytest

from .commonmark_suite import RAW_HTML_SECTIONS, Summary, describe, reason, translate
from .fetch import Example

SECTIONS = (
    "Tabs", "Precedence", "Thematic breaks", "ATX headings", "Setext headings", "Indented code blocks",
    "Fenced code blocks", "HTML blocks", "Link reference definitions", "Paragraphs", "Blank lines",
    "Block quotes", "List items", "Lists", "Inlines", "Backslash escapes",
    "Entity and numeric character references", "Code spans", "Emphasis and strong emphasis", "Links",
    "Images", "Autolinks", "Raw HTML", "Hard line breaks", "Soft line breaks", "Textual content",
)
KNOWN = {
    "HTML blocks": "issue 12: example 118, a <pre> opened by raw HTML holds a paragraph whose soft line break is folded to a space (the segment rule)",
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


def test_every_example_outside_raw_html_renders_as_commonmark(commonmark: Summary) -> None:
    """The headline target: outside the raw-HTML sections, every spec example matches the reference."""
    failed = commonmark.failures(lambda o: not o.raw_html)
    reasons = sorted({reason(o) for o in failed})
    assert not failed, f"{len(failed)} of {commonmark.rate(lambda o: not o.raw_html)[1]} differ; reasons: {reasons}\n" + describe(failed, 5)


def test_translated_pages_keep_the_source_block_structure(commonmark: Summary) -> None:
    """Every segment translated (``commonmark_suite.translate``): the translated page has the source page's
    blocks and, wherever the source page is right, equals the reference in capitals."""
    broken = [o for o in commonmark.outcomes if not o.structure_kept]
    assert not broken, describe(broken)
    changed = [o for o in commonmark.outcomes if o.passed and not o.text_kept]
    assert not changed, describe(changed)


def test_the_stand_in_translation_changes_every_letter_outside_markup() -> None:
    """The translation the structure test uses is not the source: a page that ignored it would fail."""
    assert translate("See *the* [programme][1] `code` <https://x.org> &ouml; [a](/url)") == "SEE *THE* [PROGRAMME][1] `code` <https://x.org> &ouml; [A](/url)"


def test_raw_html_sections_are_the_ones_named(commonmark: Summary) -> None:
    """The sections left out of the headline figure exist in the spec."""
    assert RAW_HTML_SECTIONS <= {o.example.section for o in commonmark.outcomes}
