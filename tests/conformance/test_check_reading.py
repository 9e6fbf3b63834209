"""The checks' plain-text shortcut (``checks.inline``): a text with none of the characters that can
start a CommonMark inline rule is read as the text itself, without the parser. Compared with the
parser's own reading on material nobody here wrote: every CommonMark spec example, whole and
line by line, and every msgid and msgstr of the Django catalogues of the CI subset."""

from __future__ import annotations

import pytest

from tarjima.checks import inline as reading
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
