"""The plain-text shortcut (``markdown.MARKDOWN_CHAR_RE``): a text with none of the characters that
can start a CommonMark inline rule is read by the checks as the text itself, and rendered by the
site as the text escaped, without the parser. Compared with the parser's own reading and
rendering on material nobody here wrote: every CommonMark spec example, whole and line by line,
and every msgid and msgstr of the Django catalogues of the CI subset."""

from __future__ import annotations

import pytest

from tarjima.checks import inline as reading
from tarjima.markdown import MARKDOWN_CHAR_RE, markdown_parser
from tarjima.site.pages.render import render_inline
from tarjima.po.read import read

from .fetch import Example


def both_ways(texts: set[str], monkeypatch: pytest.MonkeyPatch) -> tuple[int, list[str]]:
    """How many texts take the shortcut, and those it reads unlike the parser."""
    plain = [t for t in texts if not reading.MARKDOWN_CHAR_RE.search(t)]
    reading.inline.cache_clear()
    quick = {t: reading.inline(t) for t in plain}
    monkeypatch.setattr(reading, "MARKDOWN_CHAR_RE", type("Always", (), {"search": staticmethod(lambda text: True)}))
    reading.inline.cache_clear()
    differ = [t for t in plain if reading.inline(t) != quick[t]]
    monkeypatch.undo()
    reading.inline.cache_clear()
    return len(plain), differ


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
