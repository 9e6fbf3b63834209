"""The checks' two shortcuts past markdown-it-py, compared with its own reading on material nobody here wrote.

The plain-text shortcut (``markdown.MARKDOWN_CHAR_RE``): a text with none of the characters that
can start a CommonMark inline rule is read by the checks as the text itself, and rendered by the
site as the text escaped, without the parser. The compiled engine (``compiled.takes`` and
``compiled.spans``): a text the scan gives pyromark is read from its events, and must give the
checks the very ``Inline`` markdown-it-py's tokens give. The material: every CommonMark spec
example, whole and line by line, every msgid and msgstr of the Django catalogues of the CI subset,
and random texts of the characters CommonMark reads."""

from __future__ import annotations

from typing import Callable

import pytest

from tarjima import compiled
from tarjima.checks import inline as reading
from tarjima.markdown import MARKDOWN_CHAR_RE, markdown_parser
from tarjima.site.pages.render import render_inline
from tarjima.po.read import read

from .fetch import Example
from .test_compiled_markdown import PROSE, random_texts


def read_again(texts: list[str], monkeypatch: pytest.MonkeyPatch, shortcut_off: Callable[[], None]) -> list[str]:
    """The texts the checks read otherwise once ``shortcut_off`` has sent them all the parser's way."""
    reading.inline.cache_clear()
    quick = {t: reading.inline(t) for t in texts}
    shortcut_off()
    reading.inline.cache_clear()
    differ = [t for t in texts if reading.inline(t) != quick[t]]
    monkeypatch.undo()
    reading.inline.cache_clear()
    return differ


def both_ways(texts: set[str], monkeypatch: pytest.MonkeyPatch) -> tuple[int, list[str]]:
    """How many texts take the shortcut, and those it reads unlike the parser."""
    plain = [t for t in texts if not reading.MARKDOWN_CHAR_RE.search(t)]
    always = type("Always", (), {"search": staticmethod(lambda text: True)})
    return len(plain), read_again(plain, monkeypatch, lambda: monkeypatch.setattr(reading, "MARKDOWN_CHAR_RE", always))


def test_the_shortcut_reads_the_spec_examples_as_the_parser_does(spec_examples: tuple[Example, ...], monkeypatch: pytest.MonkeyPatch) -> None:
    texts = {e.markdown for e in spec_examples} | {line for e in spec_examples for line in e.markdown.split("\n")}
    taken, differ = both_ways(texts, monkeypatch)
    assert taken > 200 and differ == []


def test_the_shortcut_reads_real_catalogues_as_the_parser_does(django_new, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    texts: set[str] = set()
    for po in django_new:
        if po.locale in ("ru", "uz", "de", "ar"):
            for entry in read(po.path.read_bytes(), po.name).active:
                texts.update((entry.msgid, entry.msgstr))
    taken, differ = both_ways(texts, monkeypatch)
    assert taken > 3000 and differ == [], differ[:3]


def rendered_unlike_the_parser(texts: set[str]) -> tuple[int, list[str]]:
    """How many texts the site renders without the parser, and those it renders unlike markdown-it."""
    plain = [t for t in texts if not MARKDOWN_CHAR_RE.search(t)]
    md = markdown_parser()
    render_inline.cache_clear()
    return len(plain), [t for t in plain if render_inline(t) != md.renderInline(t)]


def test_the_site_renders_plain_spec_examples_as_the_parser_does(spec_examples: tuple[Example, ...]) -> None:
    texts = {e.markdown for e in spec_examples} | {line for e in spec_examples for line in e.markdown.split("\n")}
    taken, differ = rendered_unlike_the_parser(texts)
    assert taken > 200 and differ == [], differ[:3]


def test_the_site_renders_plain_catalogue_texts_as_the_parser_does(django_new) -> None:  # type: ignore[no-untyped-def]
    texts = {t for po in django_new if po.locale in ("ru", "uz", "de", "ar") for e in read(po.path.read_bytes(), po.name).active for t in (e.msgid, e.msgstr)}
    taken, differ = rendered_unlike_the_parser(texts)
    assert taken > 3000 and differ == [], differ[:3]


def read_both_ways(texts: set[str], monkeypatch: pytest.MonkeyPatch) -> tuple[int, list[str]]:
    """How many texts the checks read from the compiled engine's events, and those read unlike markdown-it-py's tokens."""
    taken = [t for t in texts if MARKDOWN_CHAR_RE.search(t) and compiled.takes(t) and compiled.spans(t) is not None]
    return len(taken), read_again(taken, monkeypatch, lambda: monkeypatch.setattr(compiled, "takes", lambda text: False))


def test_the_compiled_engine_reads_the_spec_examples_it_takes_as_the_parser_does(spec_examples: tuple[Example, ...], monkeypatch: pytest.MonkeyPatch) -> None:
    texts = {e.markdown for e in spec_examples} | {line for e in spec_examples for line in e.markdown.split("\n")}
    taken, differ = read_both_ways(texts, monkeypatch)
    assert taken > 200 and differ == [], differ[:3]


def test_the_compiled_engine_reads_real_catalogues_as_the_parser_does(django_new, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    texts = {t for po in django_new if po.locale in ("ru", "uz", "de", "ar", "ja") for e in read(po.path.read_bytes(), po.name).active for t in (e.msgid, e.msgstr)}
    taken, differ = read_both_ways(texts, monkeypatch)
    assert taken > 200 and differ == [], differ[:3]


@pytest.mark.parametrize("seed", [1, pytest.param(2, marks=pytest.mark.slow)])  # the quick loop: one seed
def test_the_compiled_engine_reads_random_texts_as_the_parser_does(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    taken, differ = read_both_ways(random_texts(seed, 20_000) | random_texts(seed, 20_000, PROSE, 60), monkeypatch)
    assert taken > 3_500 and differ == [], differ[:3]
