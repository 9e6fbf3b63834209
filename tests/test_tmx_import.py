"""TMX import from what CAT tools write: languages matched as BCP 47 lookup does, Markdown inline codes, and a reason for every 0.

The files in tests/data/tmx are shaped as OmegaT, memoQ and Trados export (written by hand after
their exports: the tools are not installed here); the translate-toolkit one is made by its own TMX
writer in the test.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import gnu, read_po, report, run, snapshot
from tarjima.languages import match_tag

DATA = Path(__file__).parent / "data" / "tmx"
CONFIG = 'languages = ["uz-Latn", "ru", "en"]\ndefault_language = "uz-Latn"\n'
SEMINAR = (
    "The seminar opened in *Tashkent* on 10 December.\n\n"
    "Read the [programme](https://example.org/programme) before the **first** session.\n\n"
    "It lasted two days.\n"
)
READ = "Read the [programme](https://example.org/programme) before the **first** session."
RU = "locales/ru/LC_MESSAGES/seminar.po"

# (code in a TMX, a project's language, does the code stand for it?)
MATCHES = [
    ("ru-RU", "ru", True), ("RU-RU", "ru", True), ("ru_RU", "ru", True), ("ru", "ru", True),
    ("ru-Cyrl-RU", "ru", True), ("ru_RU.UTF-8", "ru", True), ("ru-RU-x-omegat", "ru", True),
    ("en-US", "en", True), ("en-us", "en", True), ("en-GB", "en", True), ("en_GB", "en", True),
    ("en", "en-GB", False), ("en-US", "en-GB", False), ("en-GB-oxendict", "en-GB", True),
    ("uz-Latn-UZ", "uz-Latn", True), ("uz-latn-uz", "uz-Latn", True), ("uz_Latn", "uz-Latn", True),
    ("uz", "uz-Latn", True), ("uz-UZ", "uz-Latn", True), ("UZ_uz", "uz-Latn", True),
    ("uz", "uz-Cyrl", False), ("uz-UZ", "uz-Cyrl", False),
    ("uz-Cyrl-UZ", "uz-Cyrl", True), ("uz_Cyrl", "uz-Cyrl", True), ("uz_UZ@cyrillic", "uz-Cyrl", True),
    ("uz-Cyrl", "uz-Latn", False), ("uz-Latn", "uz-Cyrl", False), ("uz_UZ@cyrillic", "uz-Latn", False),
    ("uz-AF", "uz-Latn", False),  # Uzbek in Afghanistan is written in Arabic script
    ("sr-Latn", "sr-Cyrl", False), ("sr-Cyrl", "sr-Latn", False), ("sr-Latn-RS", "sr-Latn", True),
    ("sr", "sr-Cyrl", True), ("sr", "sr-Latn", False), ("sr-ME", "sr-Latn", True),  # CLDR: Serbian in Montenegro is Latin
    ("zh-TW", "zh-Hans", False), ("zh-TW", "zh-Hant", True), ("de-CH-1901", "de", True),
    ("kk-KZ", "ru", False), ("fr-FR", "fr-CA", False), ("*all*", "ru", False), ("x-klingon", "en", False),
    ("", "ru", False), ("english", "en", False),
]


@pytest.mark.parametrize(("code", "lang", "expected"), MATCHES)
def test_a_tmx_code_matches_a_project_language_as_bcp47_lookup_does(code: str, lang: str, expected: bool) -> None:
    assert (match_tag(code, (lang,)) is not None) is expected


@pytest.mark.parametrize(("code", "tag", "assumed"), [
    ("uz", "uz-Latn", True), ("uz-UZ", "uz-Latn", True), ("uz-Cyrl-UZ", "uz-Cyrl", False), ("uz-Latn-UZ", "uz-Latn", False),
    ("en-GB", "en-GB", False), ("en-US", "en", False), ("ru-RU", "ru", False),
])
def test_among_several_languages_the_most_specific_wins_and_a_missing_script_is_said(code: str, tag: str, assumed: bool) -> None:
    match = match_tag(code, ("uz-Latn", "uz-Cyrl", "ru", "en", "en-GB"))
    assert match is not None and (match.tag, match.script_assumed) == (tag, assumed)


@pytest.fixture
def reports(project) -> Path:  # type: ignore[no-untyped-def]
    """An English report (catalogues ru, uz-Latn) and an Uzbek one (ru, en), every entry empty."""
    root = project({
        "content/seminar.md": report("Seminar", "en", SEMINAR),
        "content/konferensiya.md": report("Konferensiya", "uz-Latn", "Konferensiya Senatda boʻlib oʻtdi.\n"),
    }, config=CONFIG)
    assert run(root, "update").code == 0
    return root


def filled(root: Path, rel: str) -> dict[str, str]:
    """The fuzzy entries a TMX filled in one catalogue: msgid -> msgstr."""
    return {m.msgid: m.msgstr for m in read_po(root / rel).messages().values() if m.fuzzy and any(c.startswith("from TMX") for c in m.translator_comments)}


def fuzzy_statistics(root: Path, rel: str) -> str:
    return gnu("msgfmt", "-c", "--statistics", "-o", "/dev/null", str(root / rel)).stderr.decode().strip()


def test_omegat_level1_upper_case_codes_with_regions_fill_drafts(reports: Path) -> None:
    result = run(reports, "import", str(DATA / "omegat-level1.tmx"))
    assert result.code == 0, result.err
    assert filled(reports, RU) == {"Seminar": "Семинар", "It lasted two days.": "Он длился два дня."}
    assert result.out.splitlines() == [f"wrote {RU} (2 fuzzy from omegat-level1.tmx)", f"{DATA / 'omegat-level1.tmx'}: 3 unit(s), 2 empty entr(ies) filled"]
    assert fuzzy_statistics(reports, RU) == "0 translated messages, 2 fuzzy translations, 2 untranslated messages."


def test_omegat_level2_tags_are_another_format_and_are_skipped_with_their_line(reports: Path) -> None:
    result = run(reports, "import", str(DATA / "omegat-level2.tmx"))
    assert result.code == 0, result.err
    assert filled(reports, RU) == {"The seminar opened in *Tashkent* on 10 December.": "Семинар открылся в *Ташкенте* 10 декабря."}
    assert result.out.splitlines()[-1].endswith("2 unit(s), 1 empty entr(ies) filled; 2 segment(s) skipped (line 17: <bpt> holds '<f0>', not Markdown)")


def test_memoq_lower_case_codes_and_markdown_inline_codes(reports: Path) -> None:
    result = run(reports, "import", str(DATA / "memoq.tmx"))
    assert result.code == 0, result.err
    assert filled(reports, RU) == {
        READ: "Прочтите [программу](https://example.org/programme) перед **первым** заседанием.",
        "Seminar": "Семинар",  # <hi> only highlights: its text is read
    }
    assert result.out.splitlines()[-1].endswith("3 unit(s), 2 empty entr(ies) filled; 2 segment(s) skipped (line 28: <bpt> holds '{}', not Markdown)")
    assert gnu("msgfmt", "-c", "-o", "/dev/null", str(reports / RU)).returncode == 0


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_uzbek_codes_with_script_and_region_and_bare_uz_read_as_latin(reports: Path, tmp_path: Path, encoding: str) -> None:
    tmx = tmp_path / "uzbek.tmx"
    tmx.write_bytes((DATA / "uzbek.tmx").read_text(encoding="utf-8").replace('encoding="UTF-8"', f'encoding="{encoding.upper()}"').encode(encoding))
    result = run(reports, "import", str(tmx))
    assert result.code == 0, result.err
    assert filled(reports, "locales/ru/LC_MESSAGES/konferensiya.po") == {"Konferensiya": "Конференция", "Konferensiya Senatda boʻlib oʻtdi.": "Конференция прошла в Сенате."}
    assert filled(reports, "locales/en/LC_MESSAGES/konferensiya.po") == {"Konferensiya": "Conference"}
    # uz-UZ and bare uz are Latin; the uz-Cyrl-UZ text beside them (written first) is never taken.
    assert filled(reports, "locales/uz_Latn/LC_MESSAGES/seminar.po") == {"Seminar": "Seminar", "It lasted two days.": "Ikki kun davom etdi."}
    assert result.out.splitlines()[-2:] == [
        f"{tmx}: 'uz', 'uz-UZ' read as uz-Latn (Uzbek without a script subtag is read as Latin, its official script)",
        f"{tmx}: 4 unit(s), 5 empty entr(ies) filled",
    ]


def test_translate_toolkit_tmx_writer(reports: Path, tmp_path: Path) -> None:
    from translate.storage import tmx

    store = tmx.tmxfile(sourcelanguage="en-US", targetlanguage="ru-RU")
    store.addtranslation("Seminar", "en-US", "Семинар", "ru-RU")
    store.addtranslation(READ, "en-US", "Прочтите [программу](https://example.org/programme) перед **первым** заседанием.", "ru-RU")
    store.addtranslation("It lasted two days.", "en-US", "Ikki kun davom etdi.", "uz-Latn-UZ")
    store.addtranslation("Konferensiya", "uz-Latn-UZ", "Conference", "en-GB")
    path = tmp_path / "toolkit.tmx"
    path.write_bytes(bytes(store))
    result = run(reports, "import", str(path))
    assert result.code == 0, result.err
    assert set(filled(reports, RU)) == {"Seminar", READ}
    assert filled(reports, "locales/uz_Latn/LC_MESSAGES/seminar.po") == {"It lasted two days.": "Ikki kun davom etdi."}
    assert filled(reports, "locales/en/LC_MESSAGES/konferensiya.po") == {"Konferensiya": "Conference"}
    assert result.out.splitlines()[-1] == f"{path}: 4 unit(s), 4 empty entr(ies) filled"
    assert fuzzy_statistics(reports, RU) == "0 translated messages, 2 fuzzy translations, 2 untranslated messages."


def tmx_of(*units: tuple[tuple[str, str], ...]) -> str:
    """A TMX 1.4b document of units given as (code, text) pairs."""
    body = "".join("<tu>" + "".join(f'<tuv xml:lang="{code}"><seg>{text}</seg></tuv>' for code, text in unit) + "</tu>\n" for unit in units)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="en-US" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext" creationtool="t" creationtoolversion="1"/>\n<body>\n{body}</body></tmx>\n'


@pytest.mark.parametrize(("units", "reason"), [
    ((), "the file holds no translation unit (<tu>)"),
    (((("de-DE", "Seminar"), ("fr-FR", "Séminaire")),), "no unit in the reports' source language (en, uz-Latn); the file has de-DE, fr-FR"),
    (((("en-US", "Seminar"), ("de-DE", "Seminar")),), "no unit has a text in en, ru, uz-Latn beside one in en; the file has de-DE, en-US"),
    (((("en-US", "The seminar opened."), ("ru-RU", "Семинар открылся.")),), "no unit's source text is one of the reports' segments (each differs from every msgid)"),
])
def test_a_tmx_that_fills_nothing_says_why_in_one_line(reports: Path, tmp_path: Path, units: tuple[tuple[tuple[str, str], ...], ...], reason: str) -> None:
    path = tmp_path / "memory.tmx"
    path.write_text(tmx_of(*units), encoding="utf-8")
    before = snapshot(reports)
    result = run(reports, "import", str(path))
    assert result.code == 0, result.err
    assert result.out.splitlines() == [f"{path}: {len(units)} unit(s), 0 empty entr(ies) filled: {reason}"]
    assert snapshot(reports) == before


def test_a_second_import_says_every_entry_is_already_there_and_writes_nothing(reports: Path) -> None:
    assert run(reports, "import", str(DATA / "omegat-level1.tmx")).code == 0
    before = snapshot(reports)
    result = run(reports, "import", str(DATA / "omegat-level1.tmx"))
    assert result.code == 0 and snapshot(reports) == before
    assert result.out.splitlines() == [f"{DATA / 'omegat-level1.tmx'}: 3 unit(s), 0 empty entr(ies) filled: every one of the 2 matching entr(ies) is already translated or fuzzy"]


@pytest.mark.parametrize(("text", "message"), [
    ("<tmx><body><tu>\n<tuv><seg>x</seg></tuv></tu></body></tmx>", "memory.tmx:2: a <tuv> names no language (no xml:lang) (export the TMX again, or add xml:lang to it)"),
    ('<tmx><body>\n<tu><tuv xml:lang="ru">\n<seg>a</seg><seg>b</seg></tuv></tu></body></tmx>', "memory.tmx:2: a <tuv> holds 2 <seg> elements, not one (export the TMX again from its tool)"),
    ("<tmx><body>\n<tu>\n</body></tmx>", "memory.tmx:3: not well-formed XML: mismatched tag (export the TMX again from its tool)"),
    ('<!DOCTYPE tmx [<!ENTITY a "aaaa">]>\n<tmx/>', "memory.tmx:1: declares the XML entity 'a', which an exchange file does not need (export the TMX again from its tool)"),
    ("<xliff>\n</xliff>", "memory.tmx:1: not a TMX document (no <tmx> with a <body>) (give a .tmx file)"),
])
def test_a_broken_tmx_is_refused_in_one_line_with_its_line(reports: Path, tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "memory.tmx"
    path.write_text(text, encoding="utf-8")
    before = snapshot(reports)
    result = run(reports, "import", str(path))
    assert result.code == 2 and result.out == ""
    assert result.err.count("\n") == 1 and result.err.strip().endswith(message), result.err
    assert snapshot(reports) == before
