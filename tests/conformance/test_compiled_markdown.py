"""The compiled engine (``compiled``, pyromark) against markdown-it-py, on material nobody here wrote.

Every text the scan (``engine.takes``) gives the compiled engine must come out byte for byte as
markdown-it-py's ``renderInline`` writes it; whole bodies must render to the same bytes with the
engine and without it. The inputs: every CommonMark spec example, whole and line by line, as
inline texts and as report bodies (source and translated pages); the msgids and msgstrs of the
Django catalogues of the CI subset; and random texts made of the characters CommonMark reads.
"""

from __future__ import annotations

import random

import pytest

from tarjima.markdown import MARKDOWN_CHAR_RE, markdown_parser
from tarjima.po.read import read
from tarjima import compiled as engine
from tarjima.site.pages.render import render_inline

from . import adapter
from .commonmark_suite import translate
from .fetch import Example

# The pieces of the random texts: every character that starts or ends an inline rule or a block, URLs and
# entities, blanks CommonMark reads and those it does not (no-break space, em space, form feed, U+2028).
PIECES = list("ab c*_`[]()!\\;#<>'~-:/.1|^=+{}%?@$&\"") + [
    "foo", "http://x.y", "www.x.y", "https://a.b/c?d=e", "a@b.c", "![", "](", "**", "__", "  ", "é", "\u00a0", "\u2003", "«", "»",
    "ʻ", "Ё", "\\*", "*a*", "`x`", "_a_", " *", "* ", "1.", "1)", "[x]", "[^1]", "[1]", "<http://a.b>", "<a@b.c>", "\\`", "\\\\", "~~",
    "\ufeff", "\u200b", "\U0001f600", "\f", "\v", "\x85", "\u2028", "\u2029", "\u1680", "\u202f", "\u3000", "\t", "&amp;", "&#35;", "&copy", "[a](http://x.y/z)", "![b](p.jpg)", "](/a b)",
    "](x 'y')", "](<x>)", "---", "***", "# ", "> ", "- ", "+ ", "    ", "```", "~~~", "[a]: /u",
]


# Longer texts of prose, emphasis and links, the pieces most texts of a report are made of.
PROSE = ["*", "**", "_", "__", "***", "a", " ", "b", "c d", "é", ".", ":", "(", ")", "!", "`", "~", "[x]", "](u)", "[a](u)", "[b c](/x/y.html)",
         "![p](i.jpg)", "[]()", "![](u)", "http://a.b"]


def random_texts(seed: int, count: int, pieces: list[str] = PIECES, most: int = 16) -> set[str]:
    """Texts of 1 to ``most`` pieces, drawn with a fixed seed."""
    draw = random.Random(seed)
    return {"".join(draw.choice(pieces) for _ in range(draw.randint(1, most))) for _ in range(count)}


def compared(texts: set[str]) -> tuple[int, list[str]]:
    """How many texts the compiled engine takes, and those it renders unlike markdown-it-py."""
    md = markdown_parser()
    taken = [t for t in texts if MARKDOWN_CHAR_RE.search(t) and engine.takes(t)]
    return len(taken), [t for t in taken if engine.inline_html(t) != md.renderInline(t)]


def rendered_both_ways(texts: set[str], monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts the site's ``render_inline`` renders otherwise with the compiled engine than without it."""
    render_inline.cache_clear()
    fast = {t: render_inline(t) for t in texts}
    monkeypatch.setattr(engine, "takes", lambda text: False)
    render_inline.cache_clear()
    differ = [t for t in texts if render_inline(t) != fast[t]]
    monkeypatch.undo()
    render_inline.cache_clear()
    return differ


def spec_texts(spec_examples: tuple[Example, ...]) -> set[str]:
    return {e.markdown for e in spec_examples} | {line for e in spec_examples for line in e.markdown.split("\n")}


def test_the_engine_renders_the_spec_examples_it_takes_as_markdown_it_does(spec_examples: tuple[Example, ...], monkeypatch: pytest.MonkeyPatch) -> None:
    texts = spec_texts(spec_examples)
    taken, differ = compared(texts)
    assert taken > 50 and differ == [], differ[:3]
    assert rendered_both_ways(texts, monkeypatch) == []


def test_spec_bodies_render_to_the_same_bytes_with_and_without_the_engine(spec_examples: tuple[Example, ...], monkeypatch: pytest.MonkeyPatch) -> None:
    def pages() -> list[tuple[str, str]]:
        render_inline.cache_clear()
        return [(adapter.render_source_body(e.markdown), adapter.render_translated_body(e.markdown, translate)) for e in spec_examples]

    fast = pages()
    monkeypatch.setattr(engine, "takes", lambda text: False)
    slow = pages()
    differ = [e.number for e, a, b in zip(spec_examples, fast, slow) if a != b]
    assert differ == []


def test_the_engine_renders_catalogue_texts_it_takes_as_markdown_it_does(django_new, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    texts = {t for po in django_new if po.locale in ("ru", "uz", "de", "ar", "ja") for e in read(po.path.read_bytes(), po.name).active for t in (e.msgid, e.msgstr)}
    taken, differ = compared(texts)
    assert taken > 200 and differ == [], differ[:3]
    assert rendered_both_ways(texts, monkeypatch) == []


@pytest.mark.parametrize("seed", [1, pytest.param(2, marks=pytest.mark.slow), pytest.param(3, marks=pytest.mark.slow)])  # the quick loop: one seed
def test_the_engine_renders_random_texts_it_takes_as_markdown_it_does(seed: int) -> None:
    taken, differ = compared(random_texts(seed, 20_000))
    assert taken > 1_500 and differ == [], differ[:3]


@pytest.mark.parametrize("seed", [1, pytest.param(2, marks=pytest.mark.slow)])  # the quick loop: one seed
def test_the_engine_renders_long_random_prose_with_links_as_markdown_it_does(seed: int) -> None:
    taken, differ = compared(random_texts(seed, 20_000, PROSE, 60))
    assert taken > 2_000 and differ == [], differ[:3]
