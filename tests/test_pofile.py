"""The PO reader and writer against catalogues that GNU gettext itself made."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import gnu
from tarjima import catalog as cat
from tarjima.po import quick as po_quick
from tarjima.po import read as po_read
from tarjima.po import write as po_write
from tarjima.errors import InputError
from tarjima.model import Catalog, Entry

POT = r'''# SOME DESCRIPTIVE TITLE.
#, fuzzy
msgid ""
msgstr ""
"Project-Id-Version: demo\n"
"POT-Creation-Date: 2024-12-01 10:00+0000\n"
"PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE\n"
"Last-Translator: FULL NAME <EMAIL@ADDRESS>\n"
"Language-Team: LANGUAGE <LL@li.org>\n"
"Language: \n"
"MIME-Version: 1.0\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Content-Transfer-Encoding: 8bit\n"
"Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;\n"

#. paragraph
#: content/a.md:3
msgid "The seminar on international standards of law enforcement was held on December 10-11 at the Academy, with 110 participants."
msgstr ""

#: content/a.md:5
msgctxt "menu"
msgid "News"
msgstr ""

#: content/a.md:6
msgid "News"
msgstr ""

#: templates/list.html:3
msgid "%(num)d report"
msgid_plural "%(num)d reports"
msgstr[0] ""
msgstr[1] ""

#: content/a.md:7
msgid "Line one\nLine two with a \"quote\" and a tab\there\n"
msgstr ""

#: content/a.md:9
msgid "Removed later"
msgstr ""
'''

TRANSLATIONS = {
    "The seminar": "Семинар по международным стандартам правоохранительной деятельности прошёл 10–11 декабря в Академии, в нём приняли участие 110 человек.",
    "News": "Новости",
    "Line one": "Строка один\nСтрока два с \\\"кавычкой\\\" и табуляцией\\tздесь\n",
    "Removed later": "Удалено позже",
}


def fill(text: str) -> str:
    """Put Russian translations into a msginit-made catalogue, as a translator would."""
    text = text.replace('msgid "News"\nmsgstr ""', 'msgid "News"\nmsgstr "Новости"', 1)
    text = text.replace('msgid "Removed later"\nmsgstr ""', 'msgid "Removed later"\nmsgstr "Удалено позже"')
    text = text.replace('msgstr[0] ""\nmsgstr[1] ""\nmsgstr[2] ""', 'msgstr[0] "%(num)d отчёт"\nmsgstr[1] "%(num)d отчёта"\nmsgstr[2] "%(num)d отчётов"')
    text = re.sub(r'(msgid ""\n"The seminar[^\n]*\n(?:"[^\n]*\n)*)msgstr ""', lambda m: m.group(1) + 'msgstr "' + TRANSLATIONS["The seminar"] + '"', text)
    return text


@pytest.fixture(scope="module")
def gnu_catalogues(tmp_path_factory) -> list[Path]:
    """Catalogues made by msginit and msgmerge: translated, fuzzy with #|, obsolete, plural, msgctxt, escapes."""
    folder = tmp_path_factory.mktemp("gnu")
    pot = folder / "demo.pot"
    pot.write_text(POT, encoding="utf-8")
    ru = folder / "ru.po"
    made = gnu("msginit", "--no-translator", "-l", "ru", "-i", str(pot), "-o", str(ru))
    assert made.returncode == 0, made.stderr
    ru.write_text(fill(ru.read_text(encoding="utf-8")), encoding="utf-8")
    assert gnu("msgcat", "-o", str(ru), str(ru)).returncode == 0  # as a GNU tool saves it
    assert gnu("msgfmt", "-c", "-o", "/dev/null", str(ru)).returncode == 0
    edited = POT.replace("with 110 participants.", "with 110 participants from 12 countries.").replace(
        '#: content/a.md:9\nmsgid "Removed later"\nmsgstr ""\n', ""
    )
    pot2 = folder / "demo2.pot"
    pot2.write_text(edited, encoding="utf-8")
    merged = folder / "ru-merged.po"
    done = gnu("msgmerge", "--previous", "-q", "-o", str(merged), str(ru), str(pot2))
    assert done.returncode == 0, done.stderr
    uz = folder / "uz.po"
    assert gnu("msginit", "--no-translator", "-l", "uz_Latn", "-i", str(pot), "-o", str(uz)).returncode == 0
    # msginit knows no plural rule for Uzbek and writes its placeholder, which msgfmt -c refuses
    # (tarjima too: test_msginit_placeholder_is_refused_as_msgfmt_c_refuses); a translator fills it in.
    uz.write_text(uz.read_text(encoding="utf-8").replace("nplurals=INTEGER; plural=EXPRESSION;", "nplurals=2; plural=(n != 1);"), encoding="utf-8")
    assert gnu("msgcat", "-o", str(uz), str(uz)).returncode == 0
    text = merged.read_text(encoding="utf-8")
    assert "#, fuzzy" in text and "#| msgid" in text and "#~ msgid" in text
    return [ru, merged, uz]


def test_reader_and_writer_reproduce_gnu_catalogues_byte_for_byte(gnu_catalogues: list[Path]) -> None:
    for path in gnu_catalogues:
        data = path.read_bytes()
        assert po_write.dumps(po_read.read(data, path.name)).encode("utf-8") == data, path.name


def test_counts_equal_msgfmt_statistics(gnu_catalogues: list[Path]) -> None:
    for path in gnu_catalogues:
        stats = gnu("msgfmt", "--statistics", "-o", "/dev/null", str(path)).stderr.decode()
        expected = {kind: int(n) for n, kind in re.findall(r"(\d+) (translated|fuzzy|untranslated) (?:message|translation)", stats)}
        counts = cat.counts(po_read.read(path.read_bytes(), path.name))
        got = {"translated": counts.translated, "fuzzy": counts.fuzzy, "untranslated": counts.untranslated}
        assert {k: v for k, v in got.items() if v or k == "translated"} == expected, (path.name, stats)
    merged = cat.counts(po_read.read(gnu_catalogues[1].read_bytes(), "m"))
    assert (merged.total, merged.translated, merged.fuzzy, merged.untranslated, merged.obsolete) == (5, 2, 1, 2, 1)


def test_reader_agrees_with_polib(gnu_catalogues: list[Path]) -> None:
    """A second, independent reader sees the same entries (on the fields polib keeps)."""
    for path in gnu_catalogues:
        ours = {(e.msgctxt, e.msgid, e.obsolete): e for e in po_read.read(path.read_bytes(), path.name).entries}
        theirs = {(e.msgctxt, e.msgid, bool(e.obsolete)): e for e in polib.pofile(str(path))}
        assert ours.keys() == theirs.keys()
        for key, entry in ours.items():
            other = theirs[key]
            plural = tuple(v for _, v in sorted(other.msgstr_plural.items()))
            assert (entry.msgstr, entry.msgstr_plural, entry.fuzzy) == (other.msgstr, plural, other.fuzzy), key
            assert entry.references == tuple(f"{f}:{n}" for f, n in other.occurrences)
            if not entry.obsolete:
                assert entry.previous_msgid == other.previous_msgid
        assert dict(po_read.read(path.read_bytes(), path.name).headers) == dict(polib.pofile(str(path)).metadata)


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ('msgid "a"\nmsgstr "b"\n\nmsgid "c"\nmsgstr "d\n', 5, "expected a quoted string"),
        ('msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', 4, "duplicate message definition (first at line 1)"),
        ('msgid "a"\nmsgstr "b \\q"\n', 2, "invalid escape sequence"),
        ('msgid "a"\nmsgstr "b" "c"\n', 2, "unescaped double quote"),
        ('msgid "a"\nmsgstr[0] "b"\n', 1, "msgstr[0] without msgid_plural"),
        ('msgid "a"\nmsgstr "b"\nbogus\n', 3, "syntax error"),
        ('"dangling"\n', 1, "continues no msgid"),
    ],
)
def test_malformed_po_names_the_line(text: str, line: int, message: str) -> None:
    with pytest.raises(InputError) as caught:
        po_read.parse(text, "x.po")
    assert caught.value.line == line and message in caught.value.message


TEXT = st.lists(st.sampled_from(list("abc xyz oʻ Ж ё \" \\ \n\t.,!%") + ["word ", "a long sentence of prose "]), max_size=30).map("".join)
ENTRY = st.builds(
    lambda msgid, msgstr, fuzzy, obsolete, machine, n: Entry(
        msgid=f"{n} {msgid}",
        msgstr=msgstr,
        flags=("fuzzy",) if fuzzy else (),
        obsolete=obsolete,
        translator_comments=("machine translation (libre), review before publishing",) if machine else (),
        references=(f"content/a.md:{n}",),
        previous_msgid="old text" if fuzzy else None,
    ),
    TEXT, TEXT, st.booleans(), st.booleans(), st.booleans(), st.integers(0, 10_000),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(ENTRY, max_size=12, unique_by=lambda e: e.msgid))  # GNU: an obsolete entry may not repeat an active msgid
def test_lean_scan_counts_as_the_strict_reader(entries: list[Entry]) -> None:
    from tarjima.catalogues import count_catalog

    catalog = Catalog(entries=tuple(entries), headers=(("Content-Type", "text/plain; charset=UTF-8"), ("X-Source-Digest", "ab12")))
    data = po_write.dumps(catalog).encode("utf-8")
    assert po_quick.scan(data, "x.po") is not None
    counts, recorded, msgids = count_catalog(data, "x.po")
    strict = po_read.read(data, "x.po")
    assert counts == cat.counts(strict)
    assert recorded == "ab12" and list(msgids) == [e.msgid for e in strict.active]
    lean = po_quick.scan(data, "x.po").catalog()
    assert [(e.msgid, e.msgstr, e.fuzzy and bool(e.msgstr) and not e.obsolete, e.obsolete) for e in lean.entries] == [
        (e.msgid, e.msgstr, e.fuzzy and bool(e.msgstr) and not e.obsolete, e.obsolete) for e in (*strict.active, *(e for e in strict.entries if e.obsolete))
    ]  # a fuzzy flag on an empty msgstr means nothing to msgfmt, nor to the lean reader


def test_lean_scan_hands_unusual_layouts_to_the_strict_reader() -> None:
    plural = b'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "a"\nmsgid_plural "as"\nmsgstr[0] "x"\nmsgstr[1] "y"\n'
    assert po_quick.scan(plural, "p.po") is None
    crammed = b'msgid "a"\nmsgstr "b"\nmsgid "c"\nmsgstr ""\n'  # no blank line between entries: the strict reader's
    assert po_quick.scan(crammed, "c.po") is None
    assert [e.msgstr for e in po_read.read(crammed, "c.po").entries] == ["b", ""]
    broken = b'msgid "a"\nmsgstr "b\n'
    assert po_quick.scan(broken, "b.po") is None


def test_msginit_placeholder_is_refused_as_msgfmt_c_refuses(tmp_path: Path) -> None:
    """msginit's Plural-Forms placeholder: msgfmt -c says "invalid nplurals value"; so do all of tarjima's readers."""
    path = tmp_path / "uz.po"
    path.write_bytes(b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;\\n"\n\nmsgid "a"\nmsgstr "b"\n')
    checked = gnu("msgfmt", "-c", "-o", "/dev/null", str(path))
    assert checked.returncode != 0 and b"invalid nplurals value" in checked.stderr
    data = path.read_bytes()
    messages = set()
    for reader in (po_read.read, po_quick.scan, po_quick.tally):
        with pytest.raises(InputError) as caught:
            reader(data, "uz.po")
        messages.add(str(caught.value))
    assert messages == {"uz.po:4: invalid nplurals value in the Plural-Forms header: 'nplurals=INTEGER; plural=EXPRESSION;' (write it as 'nplurals=N; plural=EXPRESSION;', e.g. 'nplurals=2; plural=(n != 1);')"}
