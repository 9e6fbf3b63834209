"""XLIFF 1.2 and 2.1 out and back in: the OASIS schemas, inline Markdown as codes, what CAT tools do to a file.

The real tools (translate-toolkit, OmegaT) are in test_xliff_tools.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from conftest import gnu, read_po, run, snapshot
from tarjima.exchange.xliff.codes import Mark, join, split
from xliff_fixture import (HEADING, LECTURES, MSGIDS, OFFICERS, OPENED, QUESTIONS, RU, TITLE, WORKSHOP, XLIFF12, XLIFF21, make_archive, schema,
                           translate_some, valid)


@pytest.fixture
def archive(project) -> Path:  # type: ignore[no-untyped-def]
    root = make_archive(project)
    translate_some(root)
    return root


def export(root: Path, folder: Path, *args: str) -> str:
    result = run(root, "export", "--format", "xliff", "--out", str(folder), "seminar", "--lang", "ru", *args)
    assert result.code == 0, result.err
    return (folder / "seminar.ru.xlf").read_text(encoding="utf-8")


def imported(root: Path, text: str, tmp_path: Path, name: str = "back.xlf") -> tuple[int, str, str, dict[str, tuple[str, bool]]]:
    """Import an XLIFF text; its exit status, output, errors and the Russian catalogue's (msgstr, fuzzy) by msgid."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = run(root, "import", str(path))
    messages = read_po(root / RU).messages()
    return result.code, result.out, result.err, {m: (messages[m].msgstr, messages[m].fuzzy) for m in MSGIDS}


def test_split_keeps_the_markdown_and_codes_only_markup() -> None:
    cases = {
        "2 * 3 is *six*": ["2 * 3 is ", ("open", "em", "*"), "six", ("close", "em", "*")],
        "\\*not\\* &amp; __strong__": ["\\*not\\* &amp; ", ("open", "strong", "__"), "strong", ("close", "strong", "__")],
        "See ![a map](m.png) and <b>bold</b>.": ["See ", ("ph", "image", "![a map](m.png)"), " and ", ("ph", "html", "<b>"), "bold", ("ph", "html", "</b>"), "."],
        "[*a* link](<u v> 'T') ``co`de``": [("open", "link", "["), ("open", "em", "*"), "a", ("close", "em", "*"), " link",
                                           ("close", "link", "](<u v> 'T')"), " ", ("ph", "code", "``co`de``")],
        "one  \ntwo": ["one", ("ph", "br", "  \n"), "two"],
        "Plain text.": ["Plain text."],
        "[undefined][ref] stays text": ["[undefined][ref] stays text"],
    }
    for text, expected in cases.items():
        found = split(text)
        assert join(found.parts, found.codes) == text
        shown = [p if isinstance(p, str) else (p.role, found.code(p.code).kind, join([p], found.codes)) for p in found.parts]
        assert shown == expected, text
    defined = split("[a][ref] and [ref]", (("REF", "https://r.org", ""),))
    assert [c.kind for c in defined.codes] == ["link", "link"] and defined.parts[0] == Mark("1", "open")


@pytest.mark.parametrize("version", ["1.2", "2.1"])
def test_export_validates_and_a_round_trip_without_edits_changes_no_byte(archive: Path, tmp_path: Path, version: str) -> None:
    folder = tmp_path / "xliff"
    before = snapshot(archive)
    result = run(archive, "export", "--format", "xliff", "--xliff-version", version, "--out", str(folder))
    assert result.code == 0 and f"wrote 2 XLIFF {version} file(s)" in result.out
    assert snapshot(archive) == before
    for path in sorted(folder.iterdir()):
        valid(path, version)
    xlf = (folder / "seminar.ru.xlf").read_text(encoding="utf-8")
    root = etree.fromstring(xlf.encode())
    units = root.findall(f".//{XLIFF12}trans-unit" if version == "1.2" else f".//{XLIFF21}unit")
    assert len(units) == len(MSGIDS) and all(u.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve" for u in units)
    if version == "1.2":
        assert "<source>Seminar on *international* standards</source>" in xlf  # front matter: plain text
        assert ('<source>The seminar opened in <g id="1" ctype="italic">Tashkent</g> on <g id="2" ctype="bold">10 December</g>, '
                'with <g id="3" ctype="link">the programme</g> online.</source>') in xlf
        assert '<x id="1" ctype="x-link" equiv-text="&lt;info@example.org&gt;"/> &amp;amp; the organisers<x id="2" ctype="lb" equiv-text="\\&#10;"/>by' in xlf
        assert ('approved="yes">\n<source>Speakers from <x id="1" ctype="x-code" equiv-text="`ICRC`"/> and the Academy</source>\n'
                '<target state="translated">Докладчики из <x id="1" ctype="x-code" equiv-text="`ICRC`"/> и Академии</target>') in xlf
        assert '<target state="needs-review-translation">Лекции по <g id="1" ctype="italic">международному праву</g></target>' in xlf
        assert xlf.count("<target") == 2
    else:
        assert '<data id="d3">[</data><data id="d3e">](https://example.org/p?id=42 "Programme")</data>' in xlf
        assert '<pc id="1" dataRefStart="d1" dataRefEnd="d1e" type="fmt" subType="xlf:i">Tashkent</pc>' in xlf
        assert 'state="translated"><source>Lectures on <pc id="1"' in xlf and '<target>Лекции по <pc id="1"' in xlf
        assert xlf.count('state="initial"') == 5
    result = run(archive, "import", *map(str, sorted(folder.iterdir())))
    assert result.code == 0, result.err
    assert snapshot(archive) == before  # no edit: no byte changed
    assert f"unchanged {RU} (XLIFF {version}, 7 unit(s): 0 changed, 2 already so in the catalogue, 5 without a target)" in result.out


def test_cat_tool_edits_in_1_2_come_back_as_the_same_markdown(archive: Path, tmp_path: Path) -> None:
    xlf = export(archive, tmp_path / "x")
    # Codes reordered, a fuzzy entry approved, an empty one translated but not approved, the hard break kept.
    xlf = xlf.replace('<trans-unit id="u2" xml:space="preserve"', '<trans-unit id="u2" approved="yes" xml:space="preserve"').replace(
        "online.</source>", 'online.</source>\n<target state="translated">Семинар открылся <g id="2">10 декабря</g> в <g id="1">Ташкенте</g>, '
                            '<g id="3">программа</g> онлайн.</target>')
    xlf = xlf.replace('<target state="needs-review-translation">Лекции по <g id="1" ctype="italic">международному праву</g>',
                      '<target state="signed-off">Лекции по <g id="1" ctype="italic">международному гуманитарному праву</g>')
    xlf = xlf.replace("December.</source>", 'December.</source>\n<target>Вопросы на <x id="1"/> &amp;amp; организаторам<x id="2"/>до 1 декабря.</target>')
    code, out, err, po = imported(archive, xlf, tmp_path)
    assert code == 0 and not err, err
    assert "wrote locales/ru/LC_MESSAGES/seminar.po (XLIFF 1.2, 7 unit(s): 3 changed, 1 already so in the catalogue, 3 without a target)" in out
    assert po[OPENED] == ('Семинар открылся **10 декабря** в *Ташкенте*, [программа](https://example.org/p?id=42 "Programme") онлайн.', False)
    assert po[LECTURES] == ("Лекции по *международному гуманитарному праву*", False)
    assert po[QUESTIONS] == ("Вопросы на <info@example.org> &amp; организаторам\\\nдо 1 декабря.", True)
    assert po[HEADING] == ("Докладчики из `ICRC` и Академии", False) and po[TITLE] == ("", False)
    assert gnu("msgfmt", "-c", "-o", "/dev/null", str(archive / RU)).returncode == 0


def test_cat_tool_edits_in_2_1_come_back_as_the_same_markdown(archive: Path, tmp_path: Path) -> None:
    xlf = export(archive, tmp_path / "x", "--xliff-version", "2.1")
    xlf = re.sub(r'state="initial"><source>(Thirty officers took part\.)</source>', r'state="final"><source>\1</source><target>Участвовали тридцать офицеров.</target>', xlf)
    xlf = xlf.replace('online.</source></segment>', 'online.</source><target>Семинар открылся <pc id="2">10 декабря</pc> в <pc id="1">Ташкенте</pc>, '
                                                    '<pc id="3">программа</pc> онлайн.</target></segment>')
    code, out, err, po = imported(archive, xlf, tmp_path)
    assert code == 0 and not err, err
    assert "(XLIFF 2.1, 7 unit(s): 2 changed, 2 already so in the catalogue, 3 without a target)" in out
    assert po[OPENED] == ('Семинар открылся **10 декабря** в *Ташкенте*, [программа](https://example.org/p?id=42 "Programme") онлайн.', True)
    assert po[OFFICERS] == ("Участвовали тридцать офицеров.", False)


UNIT12 = '<trans-unit id="{id}" xml:space="preserve"><source>{source}</source><target{attrs}>{target}</target></trans-unit>'
OPENED_12 = ('The seminar opened in <g id="1">Tashkent</g> on <g id="2">10 December</g>, with <g id="3">the programme</g> online.')


def document_12(*units: str, original: str = RU, langs: str = 'source-language="en" target-language="ru"') -> str:
    return (f'<?xml version="1.0"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">\n'
            f'<file original="{original}" {langs} datatype="po"><body>\n' + "\n".join(units) + "\n</body></file></xliff>\n")


def test_the_code_forms_of_other_tools_and_split_segments_are_read(archive: Path, tmp_path: Path) -> None:
    forms_12 = document_12(
        # <bx/>/<ex/> (Okapi's form of a <g> cut by segmentation), <mrk>, <bpt>/<ept> and <ph> holding native code
        UNIT12.format(id="a", source=OPENED_12, attrs=' state="translated"', target=(
            'Семинар открылся <bx id="2"/>10 декабря<ex id="2"/> в <bpt id="1">&lt;i&gt;</bpt>Ташкенте<ept id="1">&lt;/i&gt;</ept>, '
            '<mrk mtype="term">программа</mrk> онлайн.').replace("программа", '<g id="3">программа</g>')),
        UNIT12.format(id="b", source='Speakers from <x id="1"/> and the Academy', attrs="", target='Докладчики из <ph id="1">{0}</ph> и Академии'),
        # a unit segmented by the tool: <seg-source> and <mrk mtype="seg"> in the target
        '<trans-unit id="c" xml:space="preserve"><source>Thirty officers took part.</source>'
        '<seg-source><mrk mtype="seg" mid="1">Thirty officers took part.</mrk></seg-source>'
        '<target state="final"><mrk mtype="seg" mid="1">Участвовали тридцать офицеров.</mrk></target></trans-unit>',
    )
    code, out, err, po = imported(archive, forms_12, tmp_path, "forms12.xlf")
    assert code == 0 and not err, err
    assert "(XLIFF 1.2, 3 unit(s): 2 changed, 1 already so in the catalogue)" in out
    assert po[OPENED] == ('Семинар открылся **10 декабря** в *Ташкенте*, [программа](https://example.org/p?id=42 "Programme") онлайн.', True)
    assert po[HEADING] == ("Докладчики из `ICRC` и Академии", False)  # the catalogue's own text, not approved: left as it is
    assert po[OFFICERS] == ("Участвовали тридцать офицеров.", False)
    # XLIFF 2.1: <sc/>/<ec/>, <mrk>, and a unit the tool split into two segments with whitespace between them
    forms_21 = (
        '<?xml version="1.0"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="en" trgLang="ru">'
        f'<file id="f" original="{RU}"><unit id="w">'
        '<segment state="translated"><source>A workshop on</source><target>Практикум</target></segment><ignorable><source> </source></ignorable>'
        '<segment state="translated"><source><pc id="1">human rights</pc></source><target>по <sc id="1"/><mrk id="m" type="term">правам</mrk> человека<ec startRef="1"/></target></segment>'
        '</unit></file></xliff>')
    code, out, err, po = imported(archive, forms_21, tmp_path, "forms21.xlf")
    assert code == 0 and not err and "1 changed" in out, err
    assert po[WORKSHOP] == ("Практикум по [правам человека][hr]", True)
    half = forms_21.replace("<target>Практикум</target>", "").replace('<segment state="translated"><source>A', '<segment><source>A')
    code, out, err, po = imported(archive, half.replace("правам", "праву"), tmp_path, "half21.xlf")
    assert code == 0 and "1 skipped" in out and po[WORKSHOP] == ("Практикум по [правам человека][hr]", True)
    assert err.endswith("unit 'w': segment 1 of 2 has no target; translate every segment of the unit, or none\n")


def test_a_unit_with_an_invented_or_lost_code_is_skipped_with_its_reason_and_the_rest_imported(archive: Path, tmp_path: Path) -> None:
    heading = 'Speakers from <x id="1"/> and the Academy'
    bad = document_12(
        UNIT12.format(id="invented", source=heading, attrs="", target='Докладчики <x id="9"/> из <x id="1"/>'),
        UNIT12.format(id="lost", source=OPENED_12, attrs="", target='Семинар открылся <g id="2">10 декабря</g> в Ташкенте, <g id="3">программа</g>.'),
        UNIT12.format(id="twice", source='A workshop on <g id="1">human rights</g>', attrs="", target='<g id="1">Практикум</g> по <g id="1">правам</g>'),
        UNIT12.format(id="spaced", source='Lectures on <g id="1">international humanitarian law</g>', attrs="",
                      target='Лекции по<g id="1"> международному праву</g>'),
        UNIT12.format(id="other", source="Thirty officers took part.", attrs="", target="Участвовали <b>тридцать</b> офицеров."),
        UNIT12.format(id="fine", source=TITLE, attrs=' state="final"', target="Семинар по *международным* стандартам"),
        UNIT12.format(id="flat", source="The seminar opened in Tashkent on 10 December, with the programme online.", attrs="", target="Семинар"),
    )
    code, out, err, po = imported(archive, bad, tmp_path)
    assert code == 0
    assert err.splitlines() == [
        f"skipped: {tmp_path / 'back.xlf'}:4: unit 'invented': its target has a code the source does not have (ph id '9'): the CAT tool added it; take it out",
        f"skipped: {tmp_path / 'back.xlf'}:5: unit 'lost': its target lost code(s) 1 (em '*'): the CAT tool dropped them; put them back",
        f"skipped: {tmp_path / 'back.xlf'}:6: unit 'twice': its target uses code 1 (link) twice; keep it once",
        f"skipped: {tmp_path / 'back.xlf'}:7: unit 'spaced': its target's Markdown no longer reads its codes as markup (a space just inside an emphasis or a link?); "
        "move the codes onto the words",
        f"skipped: {tmp_path / 'back.xlf'}:8: unit 'other': an element <b> inside <target>",
        f"skipped: {tmp_path / 'back.xlf'}:10: unit 'flat': its source is an entry's text without its inline codes (a tool dropped them, as "
        "translate-toolkit's xliff2po does); translate it in a tool that keeps the codes",
    ]
    assert out.strip().endswith("(XLIFF 1.2, 7 unit(s): 1 changed, 6 skipped)")
    assert po[TITLE] == ("Семинар по *международным* стандартам", False)
    assert po[OPENED] == po[WORKSHOP] == po[OFFICERS] == ("", False) and po[LECTURES] == ("Лекции по *международному праву*", True)


def test_whitespace_is_kept_both_ways(archive: Path, tmp_path: Path) -> None:
    xlf = export(archive, tmp_path / "x")
    text = " Участвовали  тридцать\nофицеров. "
    xlf = xlf.replace("took part.</source>", f'took part.</source>\n<target state="final">{text}</target>')
    code, out, err, po = imported(archive, xlf, tmp_path)
    assert code == 0 and "1 changed" in out, err
    assert po[OFFICERS] == (text, False)
    again = export(archive, tmp_path / "y")
    assert f"<target state=\"translated\">{text}</target>" in again


def test_copy_source_writes_the_file_omegat_3_translates(archive: Path, tmp_path: Path) -> None:
    xlf = export(archive, tmp_path / "x", "--copy-source")
    valid(tmp_path / "x" / "seminar.ru.xlf", "1.2")
    root = etree.fromstring(xlf.encode())
    for unit in root.iter(f"{XLIFF12}trans-unit"):
        source, target = unit.find(f"{XLIFF12}source"), unit.find(f"{XLIFF12}target")
        assert target.get("state") == "new" and etree.tostring(target).replace(b"target", b"source").split(b">", 1)[1] == \
            etree.tostring(source).split(b">", 1)[1]
    before = snapshot(archive)
    code, out, err, _ = imported(archive, xlf, tmp_path)
    assert code == 0 and "0 changed, 7 without a target" in out and snapshot(archive) == before
    refused = run(archive, "export", "--format", "xliff", "--xliff-version", "2.1", "--copy-source", "--out", str(tmp_path / "z"))
    assert refused.code == 2 and refused.err == "error: --copy-source: is for XLIFF 1.2 only (add --format xliff --xliff-version 1.2, or leave it out)\n"


@pytest.mark.parametrize("text, says", [
    ("<xliff><file>", "back.xlf:1: not well-formed XML: no element found"),
    ('<tmx version="1.4"><body/></tmx>', "back.xlf:1: not an XLIFF 1.2 or 2.x document (its root must be <xliff> of the OASIS namespace)"),
    (document_12(original="locales/ru/LC_MESSAGES/other.po"), "back.xlf: original 'locales/ru/LC_MESSAGES/other.po' is not a catalogue of this project"),
    (document_12(langs='source-language="en" target-language="uz-Latn"'), f"back.xlf: target language 'uz-Latn', but {RU} is ru"),
    ('<!DOCTYPE x [<!ENTITY a "b">]><x/>', "back.xlf:1: declares the XML entity 'a', which an exchange file does not need"),
])
def test_a_file_that_is_not_ours_is_refused_in_one_line(archive: Path, tmp_path: Path, text: str, says: str) -> None:
    before = snapshot(archive)
    path = tmp_path / "back.xlf"
    path.write_text(text, encoding="utf-8")
    result = run(archive, "import", str(path))
    assert result.code == 2 and len(result.err.splitlines()) == 1, result.err
    assert says in result.err and snapshot(archive) == before
    hint = re.search(r"`(tarjima export --format xliff)`", result.err)
    if hint:  # the hint names a command that exists
        assert run(archive, *hint.group(1).split()[1:], "--out", str(tmp_path / "again")).code == 0


def test_the_catalogue_is_kept_when_both_sides_changed(archive: Path, tmp_path: Path) -> None:
    for version in ("1.2", "2.1"):
        xlf = export(archive, tmp_path / version, "--xliff-version", version)
        changed = "Докладчики из `ICRC` и Академии МККК"
        (archive / RU).write_text((archive / RU).read_text(encoding="utf-8").replace("Докладчики из `ICRC` и Академии", changed), encoding="utf-8")
        code, out, err, po = imported(archive, xlf.replace("и Академии</target>", "и академии</target>"), tmp_path)
        assert "conflict: locales/ru/LC_MESSAGES/seminar.po:" in err and "1 in conflict" in out
        assert po[HEADING] == (changed, False)
        (archive / RU).write_text((archive / RU).read_text(encoding="utf-8").replace(changed, "Докладчики из `ICRC` и Академии"), encoding="utf-8")


def test_the_schemas_reject_what_breaks_them(archive: Path, tmp_path: Path) -> None:
    """The oracles can fail: each change below breaks XLIFF 1.2 strict or 2.x core, and the OASIS schema says so."""
    for version, broken in {
        "1.2": {"a state 1.2 does not know": ('state="translated"', 'state="done"'), "no datatype": (' datatype="po"', ""),
                "a <g> without id": ('<g id="1" ctype="italic">', '<g ctype="italic">'), "an undeclared tarjima attribute": ("tj:base=", "tj:other="),
                "a target before its source": ("<source>Speakers", "<target>x</target><source>Speakers")},
        "2.1": {"a state the core does not know": ('state="initial"', 'state="done"'), "no srcLang": (' srcLang="en"', ""),
                "a <pc> without id": ('<pc id="1" ', "<pc "), "originalData after the segment": ("<originalData>", "<segment id='x'><source/></segment><originalData>")},
    }.items():
        xlf = export(archive, tmp_path / version, "--xliff-version", version)
        checker = schema(version)
        assert checker.validate(etree.fromstring(xlf.encode()))
        for why, (old, new) in broken.items():
            assert old in xlf, why
            assert not checker.validate(etree.fromstring(xlf.replace(old, new, 1).encode())), why
