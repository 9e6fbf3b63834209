"""The two Uzbek Latin alphabets (1995: oʻ gʻ sh ch; 2026: ö ğ ş ç): each letter rule in each direction,
round trips on the project's own Uzbek texts, the report of what is undecided, the search key, the
mixed-alphabet check with --fix, and the configuration."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import read_po, report, run
from tarjima.checks.alphabet import may_hold_new
from tarjima.derive.alphabet import letters_of, to_new, to_old
from tarjima.search.key import search_key as fold  # the one search key, the site search's
from tarjima.derive.translit import Transliterator
from tarjima.po.read import read_catalog

ROOT = Path(__file__).resolve().parent.parent

# (1995, 2026): every letter rule, in capitals and in a word in capitals, both directions
RULES = [
    ("oʻzbek", "özbek"), ("Oʻzbekiston", "Özbekiston"), ("gʻalaba", "ğalaba"), ("Gʻafur", "Ğafur"),
    ("shahar", "şahar"), ("Shavkat", "Şavkat"), ("choʻl", "çöl"), ("Chorvoq", "Çorvoq"),
    ("SHAHAR", "ŞAHAR"), ("OʻZBEKISTON", "ÖZBEKISTON"), ("CHOʻL", "ÇÖL"),
    ("mashhur", "maşhur"), ("ishchi", "işçi"), ("tashqi", "taşqi"),
    ("Isʼhoq", "Isʼhoq"),  # the separating sign keeps s and h apart: two letters in both alphabets
    ("maʼnaviyat", "maʼnaviyat"), ("taʼlim", "taʼlim"), ("ngʻ", "nğ"),
]


@pytest.mark.parametrize(("old", "new"), RULES)
def test_each_letter_rule_in_each_direction(old: str, new: str) -> None:
    assert to_new(old).text == new
    assert to_old(new).text == old


def test_apostrophe_look_alikes_and_composed_letters_are_read() -> None:
    assert to_new("O'zbekiston, g`alaba, O‘zbek").text == "Özbekiston, ğalaba, Özbek"
    assert to_old("Toșkent").text == "Toshkent"  # s with a comma below, a look-alike of ş
    assert to_old("O\u0308zbek").text == "Oʻzbek"  # o + combining diaeresis


@pytest.mark.parametrize("text", ["oʻzbek tili", "özbek", "o\u0308zbek", "o\u0344zbek", "ʻg\u0306alaba", "s\u0326ahar", "s\u0327ahar", "Șahar", "Hello, world", "Тошкент"])
def test_the_alphabet_checks_quick_scan_skips_only_texts_without_a_2026_letter(text: str) -> None:
    # composed forms, decomposed ones and look-alikes: the scan says no only where letters_of finds no 2026 word
    assert may_hold_new(text) or not letters_of(text)[1]


def test_names_urls_code_and_foreign_words_are_untouched() -> None:
    text = "[Sayt](https://shahar.uz/chorshanba) `sh -c` info@chamber.uz Chicago Washington {name} <b>shahar</b>"
    new = to_new(text).text
    assert new == "[Sayt](https://shahar.uz/chorshanba) `sh -c` info@chamber.uz Chicago Washington {name} <b>şahar</b>"
    assert to_old(new).text == text


def test_what_the_letters_cannot_decide_is_reported_and_kept() -> None:
    derived = to_new("SHB va CHK xodimlari")
    assert derived.text == "SHB va CHK xodimlari"  # an acronym: SH may be S and H
    assert [a.word for a in derived.ambiguities] == ["SHB", "CHK"]
    assert "acronym" in derived.ambiguities[0].reason
    back = to_old("Özbekiston shahar")  # sh in a 2026 text: ş forgotten, or s+h
    assert back.text == "Oʻzbekiston shahar" and back.ambiguities[0].word == "shahar"


def uzbek_texts() -> list[str]:
    """Every Uzbek Latin text of the shipped project: its uz-Latn catalogues' translations and the sources' msgids."""
    texts = []
    for po in sorted((ROOT / "locales/uz_Latn/LC_MESSAGES").glob("*.po")):
        texts += [t for e in read_catalog(po, po.name).active for t in (e.msgstr, *e.msgstr_plural) if t]
    for pot in sorted((ROOT / "locales/templates").glob("*.pot")):
        sources = [*(ROOT / "content").rglob(f"{pot.stem}/index.md"), *(ROOT / "content").rglob(f"{pot.stem}.md")]
        if any("\nlang: uz-Latn\n" in p.read_text(encoding="utf-8") for p in sources):
            texts += [e.msgid for e in read_catalog(pot, pot.name).active]
    return texts


def test_round_trips_on_the_projects_uzbek_texts() -> None:
    texts = uzbek_texts()
    assert len(texts) >= 70  # 75 segments, 880 words on 2026-12-07
    cyrillic = Transliterator()
    words = 0
    for text in texts:
        new = to_new(text).text
        words += len(text.split())
        assert to_old(new).text == text, text  # 1995 -> 2026 -> 1995
        assert cyrillic.to_cyrillic(new).text == cyrillic.to_cyrillic(text).text, text  # the 2026 letters derive the same Cyrillic
        assert not letters_of(new)[0] and not letters_of(text)[1]  # each in one alphabet
    assert words > 800


def test_one_search_key_for_every_alphabet() -> None:
    assert fold("Toshkent") == fold("Toşkent") == fold("Тошкент") == fold("TOSHKENT") == "toshkent"
    assert fold("Oʻzbekiston") == fold("O'zbekiston") == fold("Özbekiston") == fold("Ўзбекистон") == "ozbekiston"
    assert fold("maʼnaviyat") == fold("manaviyat") == fold("маънавият")


def mixed_project(project, write: str = "1995"):  # type: ignore[no-untyped-def]
    body = "Konferensiya Toshkent shahrida boʻlib oʻtdi.\n\nÖzbekiston vakillari ishtirok etdi.\n"
    root = project({"content/x.md": report(title="Konferensiya", lang="uz-Latn", body=body)},
                   config=f'languages = ["uz-Latn", "ru", "en"]\ndefault_language = "uz-Latn"\nhold_check_errors = false\n[alphabet]\nwrite = "{write}"\n')
    assert run(root, "update").code == 0
    return root


def test_check_finds_a_source_mixing_the_alphabets_and_fix_writes_the_projects(project) -> None:
    root = mixed_project(project)
    found = run(root, "check")
    assert found.code == 1 and "[alphabet]" in found.out and "Özbekiston" in found.out
    fixed = run(root, "check", "--fix")
    assert "fixed 1 segment in content/x.md" in fixed.out, fixed.out
    text = (root / "content/x.md").read_text(encoding="utf-8")
    assert "Oʻzbekiston vakillari" in text and "Toshkent shahrida" in text
    assert "[alphabet]" not in run(root, "check").out


def test_fix_writes_a_mixed_translation_in_the_2026_alphabet_when_configured(project) -> None:
    root = project({"content/x.md": report(title="A conference", lang="en", body="Delegates of Uzbekistan took part in Tashkent.\n")},
                   config='languages = ["uz-Latn", "ru", "en"]\ndefault_language = "uz-Latn"\nhold_check_errors = false\n[alphabet]\nwrite = "2026"\n')
    assert run(root, "update").code == 0
    po = root / "locales/uz_Latn/LC_MESSAGES/x.po"
    text = po.read_text(encoding="utf-8").replace(
        'msgid "Delegates of Uzbekistan took part in Tashkent."\nmsgstr ""',
        'msgid "Delegates of Uzbekistan took part in Tashkent."\nmsgstr "Özbekiston delegatlari Toshkentda ishtirok etdi."')
    po.write_text(text, encoding="utf-8")
    assert "[alphabet]" in run(root, "check").out
    assert run(root, "check", "--fix").code == 0
    assert read_po(po).messages()["Delegates of Uzbekistan took part in Tashkent."].msgstr == "Özbekiston delegatlari Toşkentda iştirok etdi."


@pytest.mark.parametrize(("table", "message"), [
    ('write = "2027"', 'write must be "1995" or "2026"'),
    ('publish = "new"', 'publish must be "1995" or "2026" or "both"'),
    ('from = "2027-04-22"', "from must be a date"),
    ('folder = "Uz 2026"', "folder must be a URL folder name"),
    ('alphabet = "2026"', "unknown key 'alphabet'"),
])
def test_a_bad_alphabet_setting_is_one_line(project, table: str, message: str) -> None:
    root = project({"content/x.md": report()}, config=f'languages = ["uz-Latn", "ru", "en"]\n[alphabet]\n{table}\n')
    result = run(root, "status")
    assert result.code == 2 and message in result.err and "Traceback" not in result.err
    assert result.err.startswith("error: tarjima.toml:3: ")  # the line of the key in [alphabet]


def acronym_project(project, words: str = ""):  # type: ignore[no-untyped-def]
    body = "Tadbirda SHB vakillari va Toshkent shahri hokimligi ishtirok etdi.\n"
    config = ('languages = ["uz-Latn", "ru", "en"]\ndefault_language = "uz-Latn"\nhold_check_errors = false\n'
              f'[alphabet]\npublish = "2026"\nfrom = 2027-04-22\nolder = "2026"\n{words}')
    root = project({"content/x.md": report(title="Seminar", lang="uz-Latn", body=body)}, config=config)
    assert run(root, "update").code == 0
    return root


def test_derive_report_lists_what_the_2026_pages_keep_as_written_and_a_setting_settles_it(project) -> None:
    root = acronym_project(project)
    listed = run(root, "derive", "--report")
    assert listed.code == 0, listed.err
    assert "uz-Latn shown in the 2026 Latin alphabet: 1 word(s) kept as written" in listed.out
    assert "SHB: SHB | ŞB" in listed.out and "content/x.md:" in listed.out
    assert '"SHB" = "ŞB"' in listed.out and "[tool.tarjima.alphabet.words]" in listed.out
    assert run(root, "build", "--out", str(root / "site"), "--now", "2027-05-04T12:00:00+05:00").code == 0
    page = (root / "site/uz-latn/x/index.html").read_text(encoding="utf-8")
    assert "SHB vakillari" in page and "Toşkent şahri" in page  # kept as written, the rest converted

    settled = acronym_project(project, words='[alphabet.words]\n"SHB" = "ŞB"\n')
    assert "0 word(s) kept as written" in run(settled, "derive", "--report").out
    assert run(settled, "build", "--out", str(settled / "site"), "--now", "2027-05-04T12:00:00+05:00").code == 0
    assert "ŞB vakillari" in (settled / "site/uz-latn/x/index.html").read_text(encoding="utf-8")


def test_a_bad_alphabet_word_setting_is_one_line(project) -> None:
    root = project({"content/x.md": report()}, config='languages = ["uz-Latn", "ru", "en"]\n[alphabet]\npublish = "2026"\n[alphabet.words]\n"SHB" = "Ş B"\n')
    result = run(root, "status")
    assert result.code == 2 and "[tool.tarjima.alphabet.words] must map one word" in result.err and "Traceback" not in result.err
