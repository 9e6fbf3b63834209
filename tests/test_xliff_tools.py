"""XLIFF through the real tools: translate-toolkit's XLIFF store and converters, OmegaT 3.6's console mode, the CommonMark spec.

The OmegaT project is committed in tests/data/omegat/: ``omegat.project`` (sentence segmenting off, so
a unit is one segment; tags kept), ``source/seminar.ru.xlf`` (tarjima's ``export --format xliff
--copy-source`` of the fixture report: OmegaT 3.x's XLIFF filter translates a unit's ``<target>`` in
place) and ``omegat/project_save.tmx`` (the translations, each keyed by the segment exactly as OmegaT
shows it, its codes as OmegaT's own tags ``<g0>``…``</g0>``, ``<x1/>``; the texts were taken from
``omegat --mode=console-createpseudotranslatetmx`` on the project). The test checks that the export
still writes the committed source file (``TARJIMA_REGENERATE=1`` rewrites it after a deliberate change).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import gnu, read_po, run
from tarjima.exchange.xliff.codes import Mark, join, split
from xliff_fixture import HEADING, LECTURES, MSGIDS, OFFICERS, OPENED, QUESTIONS, RU, TITLE, WORKSHOP, make_archive, translate_some, valid

OMEGAT_PROJECT = Path(__file__).parent / "data" / "omegat"


def upper_text(markdown: str) -> str:
    """A stand-in translation: the words upper-cased, the codes' Markdown as it was."""
    parts = split(markdown, (("HR", "https://example.org/hr", ""),))  # the report's reference definition [hr]
    return join([p.upper() if isinstance(p, str) else p for p in parts.parts], parts.codes)


def test_translate_toolkit_reads_our_xliff_and_what_it_writes_comes_back(project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from translate.storage import xliff
    from translate.storage.placeables import StringElem, lisa

    archive = make_archive(project)
    translate_some(archive)
    folder = tmp_path / "x"
    assert run(archive, "export", "--format", "xliff", "--out", str(folder), "seminar", "--lang", "ru").code == 0
    store = xliff.xlifffile.parsestring((folder / "seminar.ru.xlf").read_bytes())
    assert len(store.units) == len(MSGIDS)
    assert [(u.isfuzzy(), u.isapproved()) for u in store.units if u.target] == [(False, True), (True, False)]  # the heading, the lectures
    kinds = [type(leaf).__name__ for leaf in lisa.xml_to_strelem(store.units[1].source_dom).flatten()]
    assert kinds.count("G") == 3  # translate-toolkit's rich reader sees the codes of "The seminar opened in *Tashkent* …"

    def upper(elem: StringElem) -> None:
        for i, sub in enumerate(elem.sub):
            if isinstance(sub, str):
                elem.sub[i] = sub.upper()
            else:
                upper(sub)

    for unit in store.units:  # every unit translated through translate-toolkit's rich (placeable) API, approved
        tree = lisa.xml_to_strelem(unit.source_dom)
        upper(tree)
        unit.target = "x"
        target = unit.target_dom
        target.text = None
        for child in list(target):
            target.remove(child)
        lisa.strelem_to_xml(target, tree)
        unit.markfuzzy(False)
    back = tmp_path / "tt.xlf"
    back.write_bytes(bytes(store))
    valid(back, "1.2")
    result = run(archive, "import", str(back))
    assert result.code == 0 and not result.err, result.err
    assert "(XLIFF 1.2, 7 unit(s): 7 changed)" in result.out
    po = read_po(archive / RU).messages()
    assert {m: (po[m].msgstr, po[m].fuzzy) for m in MSGIDS} == {m: (m.upper() if m == TITLE else upper_text(m), False) for m in MSGIDS}
    assert gnu("msgfmt", "-c", "-o", "/dev/null", str(archive / RU)).returncode == 0


def test_translate_toolkit_converters_keep_plain_units_and_we_name_the_ones_they_flatten(project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from translate.convert import po2xliff, xliff2po
    from translate.storage import po as ttpo

    archive = make_archive(project)
    translate_some(archive)
    folder = tmp_path / "x"
    assert run(archive, "export", "--format", "xliff", "--out", str(folder), "seminar", "--lang", "ru").code == 0
    converted = tmp_path / "seminar.po"
    with open(folder / "seminar.ru.xlf", "rb") as source, open(converted, "wb") as out:
        assert xliff2po.convertxliff(source, out, None) == 1
    store = ttpo.pofile.parsefile(str(converted))
    msgids = [u.source for u in store.units if not u.isheader()]
    assert len(msgids) == len(MSGIDS)
    assert [m for m in msgids if m in MSGIDS] == [TITLE, OFFICERS]  # xliff2po reads a coded unit's text without its codes
    for unit in store.units:  # translated in the PO file, as a translator would after xliff2po
        if not unit.isheader():
            unit.target = "RU " + unit.source
    store.filename = RU  # po2xliff names the <file original> after the PO it reads
    back = tmp_path / "tt.xlf"
    back.write_bytes(po2xliff.po2xliff().convertstore(store))
    result = run(archive, "import", str(back))
    assert result.code == 0
    assert result.out.strip().endswith("(XLIFF 1.1, 7 unit(s): 2 changed, 5 skipped)")
    assert result.err.count("its source is an entry's text without its inline codes") == 5
    po = read_po(archive / RU).messages()
    assert (po[TITLE].msgstr, po[OFFICERS].msgstr) == ("RU " + TITLE, "RU " + OFFICERS) and not po[TITLE].fuzzy
    assert po[HEADING].msgstr == "Докладчики из `ICRC` и Академии" and po[OPENED].msgstr == ""


@pytest.mark.slow
def test_omegat_console_translates_the_committed_project_and_it_imports_back(project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    if shutil.which("omegat") is None:
        pytest.skip("OmegaT is not installed (apt-get install --no-install-recommends omegat; .ci/run installs it)")
    archive = make_archive(project)
    folder = tmp_path / "x"
    assert run(archive, "export", "--format", "xliff", "--copy-source", "--out", str(folder), "seminar", "--lang", "ru").code == 0
    exported = (folder / "seminar.ru.xlf").read_text(encoding="utf-8")
    committed = OMEGAT_PROJECT / "source" / "seminar.ru.xlf"
    if os.environ.get("TARJIMA_REGENERATE") == "1":
        committed.write_text(exported, encoding="utf-8")
    assert committed.read_text(encoding="utf-8") == exported, "the export changed: regenerate tests/data/omegat/source with TARJIMA_REGENERATE=1"

    omegat = tmp_path / "omegat"
    shutil.copytree(OMEGAT_PROJECT, omegat)
    for empty in ("target", "tm", "glossary", "dictionary"):  # OmegaT refuses a project without them; git keeps no empty folder
        (omegat / empty).mkdir(exist_ok=True)
    done = subprocess.run(["omegat", str(omegat), "--mode=console-translate", f"--config-dir={tmp_path / 'config'}", "--no-team", "--quiet"],
                          capture_output=True, text=True, timeout=300, check=False)
    translated = omegat / "target" / "seminar.ru.xlf"
    assert done.returncode == 0 and translated.is_file(), done.stdout[-2000:] + done.stderr[-2000:]
    valid(translated, "1.2")

    result = run(archive, "import", str(translated))
    assert result.code == 0 and not result.err, result.err
    # OmegaT translated 6 of the 7 units from project_save.tmx; the 7th is still a copy of its source: untranslated.
    assert f"wrote {RU} (XLIFF 1.2, 7 unit(s): 6 changed, 1 without a target)" in result.out
    po = read_po(archive / RU).messages()
    assert {m: (po[m].msgstr, po[m].fuzzy) for m in MSGIDS} == {
        TITLE: ("Семинар по *международным* стандартам", True),
        OPENED: ('Семинар открылся **10 декабря** в *Ташкенте*, [программа](https://example.org/p?id=42 "Programme") доступна онлайн.', True),
        HEADING: ("Докладчики из `ICRC` и Академии", True),
        LECTURES: ("Лекции по *международному гуманитарному праву*", True),
        WORKSHOP: ("Практикум по [правам человека][hr]", True),
        QUESTIONS: ("Вопросы направляли на <info@example.org> &amp; организаторам\\\nдо 1 декабря.", True),
        OFFICERS: ("", False),
    }
    assert gnu("msgfmt", "-c", "-o", "/dev/null", str(archive / RU)).returncode == 0


def test_every_markup_of_the_commonmark_spec_becomes_a_code_and_joins_back() -> None:
    """Each block of the spec's 649 examples: the split joins back to the text, and every inline markup token is one code."""
    from conformance import fetch

    from tarjima.markdown import block_segments, markdown_parser, parse_inline, references_in

    markup = {"em_open", "strong_open", "link_open", "code_inline", "hardbreak", "html_inline", "image"}
    texts = coded = 0
    for example in fetch.spec_examples():
        env: dict[str, object] = {}
        tokens = markdown_parser().parse(example.markdown, env)
        references = references_in(env)
        for _, text, _, _ in block_segments(tokens, references):
            found = split(text, references)
            assert join(found.parts, found.codes) == text, example.number
            wanted = sum(t.type in markup for t in parse_inline(text, references))
            assert len(found.codes) == wanted, (example.number, text)
            texts += 1
            coded += bool(wanted)
            assert sum(isinstance(p, Mark) for p in found.parts) >= wanted
    assert (texts, coded) == (740, 296)  # (the runs of prose in raw HTML blocks are segments too: 21 texts, 14 of them with inline HTML)
