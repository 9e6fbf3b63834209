"""One reader, one verdict (issue 13): the quick readers (``po.quick.scan`` for the build,
``tally`` for status) may skip work, never judgement. On any bytes, each either declines
(None), or refuses with the strict reader's own message, or accepts what the strict reader
accepts with the same texts and counts. And GNU's ``msgfmt -c`` is the reference for what is
refused: the damaged catalogues below are refused by it and by every tarjima command."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import gnu
from tarjima import catalog as cat
from tarjima.errors import InputError
from tarjima.model import Catalog, Entry
from tarjima.po import quick, read, write
from tarjima.catalogues import count_catalog

HEADER = (("Content-Type", "text/plain; charset=UTF-8"), ("Plural-Forms", "nplurals=2; plural=(n != 1);"), ("X-Source-Digest", "ab12"))
TEXT = st.text(st.sampled_from('ab oʻzСем"\\\n\t%#~é\u2028'), max_size=20)
COMMENT = st.text(st.sampled_from('ab #|:.,оʻ"\\'), max_size=12)
ENTRY = st.builds(
    lambda msgid, msgstr, fuzzy, obsolete, machine, comment, previous: Entry(
        msgid=msgid or "x", msgstr=msgstr, flags=("fuzzy",) if fuzzy else (), obsolete=obsolete and bool(msgstr),
        translator_comments=(("machine translation (libre)",) if machine else ()) + ((comment,) if comment is not None else ()),
        references=("content/a.md:3",), previous_msgid=previous,
    ),
    TEXT, TEXT, st.booleans(), st.booleans(), st.booleans(), st.none() | COMMENT, st.none() | TEXT,
)
BYTES = [b'"', b"\\", b"\n", b"#", b"~", b" ", b"\xd0", b"\xc3\xa9", b"msgid ", b"msgstr ", b"#, fuzzy\n", b"\n\n", b"\r", b"\x0b", b"x"]


def catalogue(entries: list[Entry]) -> bytes:
    unique = {e.msgid: e for e in entries}
    return write.dumps(Catalog(entries=tuple(unique.values()), headers=HEADER)).encode("utf-8")


def mutate(data: bytes, edits: list[tuple[int, int, int]]) -> bytes:
    """Delete, insert or replace at a few positions (each edit: kind, position, which piece)."""
    for kind, at, piece in edits:
        at %= len(data) + 1
        if kind == 0:
            data = data[:at] + data[at + 1 :]
        elif kind == 1:
            data = data[:at] + BYTES[piece % len(BYTES)] + data[at:]
        else:
            data = data[:at] + BYTES[piece % len(BYTES)] + data[at + 1 :]
    return data


def verdict(reader, data: bytes):  # type: ignore[no-untyped-def]
    try:
        return reader(data, "x.po")
    except InputError as exc:
        return exc


def texts(catalog: Catalog) -> list[tuple[str, str, bool, bool]]:
    return [(e.msgid, e.msgstr, e.fuzzy and bool(e.msgstr) and not e.obsolete, e.obsolete) for e in (*catalog.active, *(e for e in catalog.entries if e.obsolete))]


def assert_one_verdict(data: bytes) -> None:
    strict = verdict(read.read, data)
    for reader in (quick.scan, quick.tally):
        fast = verdict(reader, data)
        if fast is None:
            continue  # declined: the strict reader decides
        if isinstance(fast, InputError):
            assert isinstance(strict, InputError) and str(fast) == str(strict), (reader.__name__, str(fast), str(strict))
            continue
        assert not isinstance(strict, InputError), (reader.__name__, "accepted what the strict reader refuses:", str(strict))
        if reader is quick.scan:
            lean = fast.catalog()
            assert texts(lean) == texts(strict) and lean.headers == strict.headers
            # what the aligned page shows: translator comments and the previous msgid, as the strict reader reads them
            assert [(e.translator_comments, e.previous_msgid) for e in lean.active] == [(e.translator_comments, e.previous_msgid) for e in strict.active]
    status = verdict(count_catalog, data)
    if isinstance(strict, InputError):
        assert isinstance(status, InputError) and str(status) == str(strict)
    else:
        counts, recorded, msgids = status
        assert counts == cat.counts(strict)
        assert recorded == cat.recorded_digest(strict)
        assert list(msgids) == [e.msgid for e in strict.active if e.msgctxt is None]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ENTRY, max_size=6), st.lists(st.tuples(st.integers(0, 2), st.integers(0, 10_000), st.integers(0, 100)), max_size=3))
def test_quick_and_strict_readers_agree_on_mutated_catalogues(entries: list[Entry], edits: list[tuple[int, int, int]]) -> None:
    assert_one_verdict(mutate(catalogue(entries), edits))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_quick_and_strict_readers_agree_on_random_bytes(data: bytes) -> None:
    assert_one_verdict(data)


@pytest.mark.parametrize("body", [
    b'msgid "a"\nmsgstr "b"c"\n',  # a quote inside a string, no backslash in the file's body
    b'#. a "note"\nmsgid "a"\nmsgstr "b"\n',  # a quote in a comment line
    b'# "\nmsgid "a"\nmsgstr "b"c"\n',  # a quote in a comment and one inside a string: as many quotes as two per string line
    b'msgid "a\n"\nmsgstr "b"\n',  # a string over two lines
    b'msgid "a"\nmsgstr ""\n""\n',  # an empty msgstr over two lines: untranslated
    b'msgid "a"\nmsgstr ""\n"b"\n\n#~ msgid "c"\n#~ msgstr ""\n#~ "d"\n',
    b'msgid "a"\nmsgstr "b\\"c"\n',  # an escaped quote: the exact pattern
    b'msgid "a"\nmsgstr "b\\q"\n',  # an invalid escape
    b'msgid "a"\nmsgstr "b"\n\n\nmsgid "c"\nmsgstr "d"\n',  # two blank lines
    b'msgid "a"\nmsgstr "b"\n\n',  # a blank line at the end
    b'msgid "a"\r\nmsgstr "b"\r\n',
    b'msgid "a\rb"\nmsgstr "b"\n',
    b'msgid "a"\nmsgstr "b"\n\nmsgid ""\nmsgstr "c"\n',  # a second header
    b'#, fuzzy\n# machine translation (libre)\nmsgid "a"\nmsgstr "b"\n\n#, fuzzy\nmsgid "c"\nmsgstr ""\n',
    b'msgid "a"\nmsgstr "b"\n\n#~ msgid "a"\n#~ msgstr "c"\n',
    b'msgid "a"\nmsgstr "b"\n#| msgid "x"\n',
    b'',  # the header alone: one entry, no blank line
])
def test_the_counter_s_fast_reading_agrees_or_declines(body: bytes) -> None:
    """Bodies the byte counter reads with its fast pattern (no backslash after the header), or must decline."""
    assert_one_verdict(H + body)
    assert_one_verdict(H[:-1] + body if not body else b'msgid "a"\nmsgstr "b"\n' + body)  # (no header)
    assert_one_verdict(H.replace(b"\\n", b"\\\\n", 1) + body)  # (a header without the usual escapes)


H = b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
DAMAGED = {  # as a user makes them; (bytes, the one message every reader gives)
    "unterminated string": (H + b'msgid "a"\nmsgstr "b\n', "x.po:7: expected a quoted string, found '\"b' (fix the entry in a text editor, or restore the file from version control)"),
    "duplicate msgid": (H + b'msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', "x.po:9: duplicate message definition (first at line 6) (merge the two entries into one)"),
    "obsolete copy of an active msgid": (H + b'msgid "a"\nmsgstr "b"\n\n#~ msgid "a"\n#~ msgstr "c"\n', "x.po:9: duplicate message definition (first at line 6) (merge the two entries into one)"),
    "obsolete entry with the header's empty msgid": (H + b'#~ msgid ""\n#~ msgstr "a"\n', "x.po:6: duplicate message definition (first at line 1) (merge the two entries into one)"),
    "damaged Plural-Forms": (H.replace(b"(n != 1);", b"(n != 1;") + b'msgid "a"\nmsgstr "b"\n', "x.po:4: invalid plural expression in the Plural-Forms header: 'nplurals=2; plural=(n != 1;' (write it as 'nplurals=N; plural=EXPRESSION;', e.g. 'nplurals=2; plural=(n != 1);')"),
    "UTF-8 under charset=ISO-8859-1": (H.replace(b"UTF-8", b"ISO-8859-1") + 'msgid "a"\nmsgstr "Семинар"\n'.encode("utf-8"), "x.po:7: the header declares charset=ISO-8859-1, but the text is UTF-8 (it would read as mojibake) (declare charset=UTF-8 in the Content-Type header)"),
    "bytes invalid in the declared charset": (H + b'msgid "a"\nmsgstr "\xff"\n', "x.po:7: not valid UTF-8 (save the file as UTF-8 and declare charset=UTF-8)"),
}


@pytest.mark.parametrize("name", sorted(DAMAGED))
def test_damaged_catalogue_is_refused_by_msgfmt_and_by_every_reader(tmp_path: Path, name: str) -> None:
    data, message = DAMAGED[name]
    path = tmp_path / "x.po"
    path.write_bytes(data)
    refused_by_gnu = gnu("msgfmt", "-c", "-o", "/dev/null", str(path)).returncode != 0
    # Every byte is valid ISO-8859-1, so msgfmt compiles mojibake; tarjima refuses (issue 13).
    assert refused_by_gnu == (name != "UTF-8 under charset=ISO-8859-1")
    for reader in (read.read, quick.scan, quick.tally, count_catalog):
        result = verdict(reader, data)
        assert isinstance(result, InputError) or result is None, (reader.__name__, result)
        if reader in (read.read, count_catalog):
            assert str(result) == message, reader.__name__


def test_a_byte_order_mark_is_read_and_not_written_back() -> None:
    data = H + 'msgid "a"\nmsgstr "оʻ"\n'.encode("utf-8")
    parsed = read.read(b"\xef\xbb\xbf" + data, "x.po")
    assert parsed.entries[0].msgstr == "оʻ"
    assert write.dumps(parsed).encode("utf-8") == data
    assert count_catalog(b"\xef\xbb\xbf" + data, "x.po")[0] == count_catalog(data, "x.po")[0]


def test_a_legacy_charset_is_written_as_utf8_with_the_header_to_match(tmp_path: Path) -> None:
    """msgconv -t UTF-8 is the oracle: tarjima's write of a KOI8-R catalogue is what msgconv makes of it."""
    path = tmp_path / "ru.po"
    path.write_bytes(H.replace(b"UTF-8", b"KOI8-R") + 'msgid "Seminar"\nmsgstr "Семинар"\n'.encode("koi8_r"))
    converted = gnu("msgconv", "-t", "UTF-8", str(path))
    assert converted.returncode == 0
    assert write.dumps(read.read(path.read_bytes(), "ru.po")).encode("utf-8") == converted.stdout


GNU_LAYOUT = {  # entries whose layout depends on their flags; msgcat is the oracle
    "c-format directive at the margin": b'#, c-format\nmsgid "x"\nmsgstr "This sentence is padded out with words so that the precision directive %.*s falls across the seventy-nine column margin."\n',
    "python-format directive at the margin": b'#, python-format\nmsgid "x"\nmsgstr "Aaaaaaaa bbbbbbbbbbb ccccccccccc ddddddddddd eeeeeeeeeee fffffffffff ggg-%(field-name)s and more words after it."\n',
    "no-wrap with several lines": b'#, no-wrap\nmsgid "x"\nmsgstr "A first line that is long enough to pass the seventy-nine columns GNU wraps at\\nand a second line, also long enough to pass the margin if it were wrapped at all\\n"\n',
    "duplicate references": b'#: content/a.md:3 content/a.md:3 content/b.md:1\nmsgid "x"\nmsgstr "y"\n',
}


@pytest.mark.parametrize("name", sorted(GNU_LAYOUT))
def test_written_as_msgcat_writes_it(tmp_path: Path, name: str) -> None:
    path = tmp_path / "x.po"
    path.write_bytes(H + GNU_LAYOUT[name])
    expected = gnu("msgcat", str(path))
    assert expected.returncode == 0
    assert write.dumps(read.read(path.read_bytes(), "x.po")).encode("utf-8").decode() == expected.stdout.decode()


def test_each_word_lead_byte_leads_only_word_characters() -> None:
    """The byte count of words trusts these lead bytes: every character they start is a letter, digit or ʻ ʼ."""
    from tarjima.catalog.template import WORD_LEADS, WORD_RE

    for lead in WORD_LEADS:
        characters = [bytes([lead, follow]).decode("utf-8") for follow in range(0x80, 0xC0)]
        assert all(WORD_RE.fullmatch(c) for c in characters), hex(lead)


@settings(max_examples=2000, deadline=None)
@given(st.text(st.sampled_from("ab1_ -'’ʻʼ.,«»—éСёқ҂ا²\u0301\u00a0\t\n!?")) | st.text())
def test_words_are_the_word_pattern_s_matches(text: str) -> None:
    from tarjima.catalog.template import WORD_RE

    assert cat.words.__wrapped__(text) == len(WORD_RE.findall(text))


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(["X-Source-Digest: ab", "x-source-digest: cd", "X-Source-Digest:ef", " X-Source-Digest: gh", "X-Source-Digest : ij",
                                 "more", "", "a: b", "X-Source-Digest: ", "\tX-Source-Digest: l", "Language: ru"]), max_size=6).map("\n".join))
def test_a_header_field_is_read_as_the_header_s_pairs_give_it(text: str) -> None:
    from tarjima.po.header import header_field, header_fields

    assert header_field(text, "X-Source-Digest") == Catalog(entries=(), headers=header_fields(text)).header("X-Source-Digest")
