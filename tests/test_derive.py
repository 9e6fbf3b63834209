"""Uzbek in two scripts end to end: derived catalogues, reviewers' corrections, ambiguities, publishing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import gnu, report, run, snapshot, translate_po
from tarjima.derive.catalog import mark_of, state
from tarjima.po import read as po_read

DERIVED = 'languages = ["uz-Latn", "uz-Cyrl", "ru", "en"]\ndefault_language = "uz-Latn"\nderived = { "uz-Cyrl" = "uz-Latn" }\n'
UZ_BODY = "Toshkent shahrida konferensiya boʻlib oʻtdi.\n\nTadbirda 110 dan ortiq mutaxassis ishtirok etdi.\n"


def entries(path: Path) -> dict[str, object]:
    return {e.msgid: e for e in po_read.read(path.read_bytes(), path.name).entries if not e.obsolete}


def cyrl(root: Path, slug: str = "x") -> Path:
    return root / f"locales/uz_Cyrl/LC_MESSAGES/{slug}.po"


def test_configuration_of_a_derived_language_is_checked(project) -> None:
    for config, words in (
        ('languages = ["uz-Latn", "ru"]\nderived = { "uz-Cyrl" = "uz-Latn" }\n', "both must be in `languages`"),
        ('languages = ["uz-Latn", "ru"]\nderived = { "ru" = "uz-Latn" }\n', "only Uzbek in one script from the other"),
        ('languages = ["uz-Latn", "uz-Cyrl"]\nderived = { "uz-Cyrl" = "uz-Cyrl" }\n', "only Uzbek in one script from the other"),
        ('languages = ["uz-Latn", "uz-Cyrl"]\nderived = "uz-Cyrl"\n', "`derived` must be a table"),
        (DERIVED + "hold_ambiguous = 1\n", "hold_ambiguous must be true or false"),
    ):
        root = project({"content/x.md": report()}, config=config)
        result = run(root, "update")
        assert result.code == 2 and words in result.err and len(result.err.strip().splitlines()) == 1, result.err


def test_a_report_written_in_latin_gets_its_cyrillic_catalogue_from_its_source(project) -> None:
    root = project({"content/x.md": report(title="Konferensiya", lang="uz-Latn", body=UZ_BODY)}, config=DERIVED)
    assert run(root, "update").code == 0
    found = entries(cyrl(root))
    assert found["Konferensiya"].msgstr == "Конференция"
    assert found["Toshkent shahrida konferensiya boʻlib oʻtdi."].msgstr == "Тошкент шаҳрида конференция бўлиб ўтди."
    assert all(state(e) == "derived" and mark_of(e).base == "uz-Latn" for e in found.values())
    assert all(e.translator_comments[0].startswith("derived from uz-Latn by tarjima") for e in found.values())
    checked = gnu("msgfmt", "-c", "--statistics", "-o", "/dev/null", str(cyrl(root)))
    assert checked.returncode == 0 and "3 translated messages." in checked.stderr.decode()
    assert gnu("msgcat", str(cyrl(root))).stdout == cyrl(root).read_bytes()
    merged = gnu("msgmerge", "-q", "-o", "-", str(cyrl(root)), str(root / "locales/templates/x.pot")).stdout.decode()
    assert merged.count("# derived from uz-Latn by tarjima") == 3  # GNU tools keep the marks
    before = snapshot(root)
    second = run(root, "update")
    assert "0 file(s) written" in second.out and snapshot(root) == before  # an unchanged archive derives nothing
    assert run(root, "update", "--check").code == 0


def test_a_translated_report_derives_only_what_is_translated_and_follows_the_latin(project) -> None:
    root = project({"content/x.md": report(body="First paragraph.\n\nSecond paragraph.\n")}, config=DERIVED)
    run(root, "update")
    assert all(not e.msgstr for e in entries(cyrl(root)).values())  # nothing translated in uz-Latn yet
    latin = root / "locales/uz_Latn/LC_MESSAGES/x.po"
    text = latin.read_text(encoding="utf-8")
    text = text.replace('msgid "A seminar"\nmsgstr ""', 'msgid "A seminar"\nmsgstr "Seminar"')
    text = text.replace('msgid "First paragraph."\nmsgstr ""', '#, fuzzy\nmsgid "First paragraph."\nmsgstr "Birinchi xatboshi."')
    latin.write_text(text, encoding="utf-8")
    assert "wrote locales/uz_Cyrl/LC_MESSAGES/x.po" in run(root, "update").out  # the base changed: derived again
    found = entries(cyrl(root))
    assert found["A seminar"].msgstr == "Семинар"
    assert found["First paragraph."].msgstr == "" and found["Second paragraph."].msgstr == ""  # fuzzy and untranslated are not derived
    latin.write_text(latin.read_text(encoding="utf-8").replace('msgstr "Seminar"', 'msgstr "Yangi seminar"'), encoding="utf-8")
    run(root, "update")
    assert entries(cyrl(root))["A seminar"].msgstr == "Янги семинар"  # untouched entries follow the Latin text
    assert "0 file(s) written" in run(root, "update").out


def test_a_correction_survives_unrelated_edits_and_becomes_fuzzy_when_its_paragraph_changes(project) -> None:
    root = project({"content/x.md": report(title="Konferensiya", lang="uz-Latn", body=UZ_BODY)}, config=DERIVED)
    run(root, "update")
    po = cyrl(root)
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Тошкент шаҳрида', 'msgstr "Тошкент шаҳрида ҳалқаро'), encoding="utf-8")
    status = json.loads(run(root, "status", "--format", "json", "--lang", "uz-Cyrl").out)["reports"][0]["languages"]["uz-Cyrl"]
    assert (status["derived"], status["reviewed"], status["translated"]) == (2, 1, 3)
    source = root / "content/x.md"
    source.write_text(source.read_text(encoding="utf-8").replace("110 dan ortiq", "120 dan ortiq"), encoding="utf-8")
    assert run(root, "update").code == 0  # an unrelated edit
    found = entries(po)
    corrected = found["Toshkent shahrida konferensiya boʻlib oʻtdi."]
    assert corrected.msgstr == "Тошкент шаҳрида ҳалқаро конференция бўлиб ўтди." and not corrected.fuzzy and state(corrected) == "reviewed"
    assert found["Tadbirda 120 dan ortiq mutaxassis ishtirok etdi."].msgstr == "Тадбирда 120 дан ортиқ мутахассис иштирок этди."
    source.write_text(source.read_text(encoding="utf-8").replace("Toshkent shahrida", "Samarqand shahrida"), encoding="utf-8")
    assert run(root, "update").code == 0  # its own paragraph edited
    moved = entries(po)["Samarqand shahrida konferensiya boʻlib oʻtdi."]
    assert moved.fuzzy and moved.msgstr == "Тошкент шаҳрида ҳалқаро конференция бўлиб ўтди."  # kept, not lost
    assert moved.previous_msgid == "Toshkent shahrida konferensiya boʻlib oʻtdi."
    assert "derived anew from uz-Latn: Самарқанд шаҳрида конференция бўлиб ўтди." in moved.translator_comments
    assert gnu("msgfmt", "-c", "-o", "/dev/null", str(po)).returncode == 0 and gnu("msgcat", str(po)).stdout == po.read_bytes()
    assert run(root, "update").code == 0 and entries(po)["Samarqand shahrida konferensiya boʻlib oʻtdi."] == moved  # stays fuzzy
    # The reviewer settles it: the fuzzy flag removed, the text edited; it is kept as their correction.
    text = po.read_text(encoding="utf-8").replace("#, fuzzy\n", "").replace("Тошкент шаҳрида ҳалқаро", "Самарқанд шаҳрида халқаро")
    po.write_text(text, encoding="utf-8")
    run(root, "update")
    settled = entries(po)["Samarqand shahrida konferensiya boʻlib oʻtdi."]
    assert settled.msgstr == "Самарқанд шаҳрида халқаро конференция бўлиб ўтди." and not settled.fuzzy and state(settled) == "reviewed"


def test_a_correction_of_a_translated_report_becomes_fuzzy_when_the_latin_translation_changes(project) -> None:
    root = project({"content/x.md": report(body="First paragraph.\n")}, config=DERIVED)
    run(root, "update")
    latin = root / "locales/uz_Latn/LC_MESSAGES/x.po"
    latin.write_text(latin.read_text(encoding="utf-8").replace('msgid "First paragraph."\nmsgstr ""', 'msgid "First paragraph."\nmsgstr "Birinchi xatboshi."'), encoding="utf-8")
    run(root, "update")
    po = cyrl(root)
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Биринчи хатбоши."', 'msgstr "Биринчи хатбоши!"'), encoding="utf-8")
    latin.write_text(latin.read_text(encoding="utf-8").replace("Birinchi xatboshi.", "Birinchi band."), encoding="utf-8")
    run(root, "update")
    entry = entries(po)["First paragraph."]
    assert entry.fuzzy and entry.msgstr == "Биринчи хатбоши!" and "derived anew from uz-Latn: Биринчи банд." in entry.translator_comments


def test_a_report_written_in_cyrillic_derives_its_latin_version(project) -> None:
    body = "Тошкент шаҳрида конференция бўлиб ўтди.\n\nМаъруза қилинди.\n"
    root = project({"content/x.md": report(title="Янгиликлар", lang="uz-Cyrl", body=body)}, config=DERIVED)
    assert run(root, "update").code == 0
    latin = root / "locales/uz_Latn/LC_MESSAGES/x.po"
    found = entries(latin)
    assert found["Тошкент шаҳрида конференция бўлиб ўтди."].msgstr == "Toshkent shahrida konferensiya boʻlib oʻtdi."
    assert found["Маъруза қилинди."].msgstr == "Maʼruza qilindi." and found["Янгиликлар"].msgstr == "Yangiliklar"
    assert all(mark_of(e).base == "uz-Cyrl" and state(e) == "derived" for e in found.values())
    assert not cyrl(root).exists()  # the source's own language has no catalogue
    assert gnu("msgfmt", "-c", "-o", "/dev/null", str(latin)).returncode == 0 and gnu("msgcat", str(latin)).stdout == latin.read_bytes()
    assert "0 file(s) written" in run(root, "update").out


def test_ambiguities_are_noted_counted_reported_and_settled_by_one_word_list_line(project, tmp_path: Path) -> None:
    files = {f"content/r{i}.md": report(title=f"Distinksiyalar {i}", lang="uz-Latn", body="Yangi distinksiyalar.\n" if i else "Dispersiya.\n") for i in range(3)}
    root = project(files, config=DERIVED + "hold_ambiguous = true\n")
    run(root, "update")
    entry = entries(cyrl(root, "r1"))["Distinksiyalar 1"]
    assert entry.translator_comments[1] == "ambiguous: Distinksiyalar: Дистинксиялар | Дистинкциялар (-siya after a consonant: с (versiya) or ц (konferensiya))"
    assert entry.msgstr == "Дистинксиялар 1"  # the first alternative is the one chosen
    status = json.loads(run(root, "status", "--format", "json").out)
    assert status["reports"][1]["languages"]["uz-Cyrl"]["ambiguous"] == 2 and status["totals"]["uz-Cyrl"]["ambiguous"] == 6
    assert "(2 derived, 2 ambiguous)" in run(root, "status").out
    listed = run(root, "derive", "--report")
    assert listed.code == 0
    lines = listed.out.splitlines()
    assert lines[0] == "uz-Cyrl (derived from uz-Latn): 3 catalogue(s), 6 entries derived, 0 reviewed, 6 with open ambiguities"
    assert lines[1].split() == ["5", "distinksiyalar:", "дистинксиялар", "|", "дистинкциялар", "(-siya", "after", "a", "consonant:", "с", "(versiya)", "or", "ц", "(konferensiya))"]
    assert "settle it: add `distinksiyalar,дистинксиялар`" in lines[2] and lines[3].split()[:2] == ["1", "dispersiya:"]  # most frequent first
    built = run(root, "build", "--out", str(tmp_path / "out"))
    assert "skipped r1 [uz-Cyrl]: held: 2 derived entries with open ambiguities (tarjima derive --report)" in built.out
    (root / "locales/uz-translit.csv").write_text("latin,cyrillic\ndistinksiya,дистинкция\ndispersiya,дисперсия\n", encoding="utf-8")
    assert "wrote locales/uz_Cyrl/LC_MESSAGES/r1.po" in run(root, "update").out
    assert entries(cyrl(root, "r1"))["Yangi distinksiyalar."].msgstr == "Янги дистинкциялар."
    assert "no undecided words" in run(root, "derive", "--report").out
    assert "[uz-Cyrl]" not in run(root, "build", "--out", str(tmp_path / "out")).out


def test_a_bad_word_list_line_is_one_error(project) -> None:
    root = project({"content/a.md": report(lang="uz-Latn"), "content/b.md": report(lang="uz-Latn", slug="b"), "locales/uz-translit.csv": "latin,cyrillic\nfoo;фоо\n"}, config=DERIVED)
    result = run(root, "update")
    assert result.code == 2 and result.err.strip().splitlines() == ["error: locales/uz-translit.csv:2: expected two fields, latin,cyrillic, got 'foo;фоо' (write one word a line as latin,cyrillic, e.g. konferensiya,конференция)"]


def test_cyrillic_pages_of_a_project_without_templates_have_cyrillic_labels(project, tmp_path: Path) -> None:
    root = project({"content/x.md": report(title="Konferensiya", lang="uz-Latn", body=UZ_BODY)}, config=DERIVED)
    run(root, "update")
    assert run(root, "build", "--out", str(tmp_path / "out")).code == 0
    page = (tmp_path / "out/uz-cyrl/x/index.html").read_text(encoding="utf-8")
    assert '<html lang="uz-Cyrl">' in page and "Тадбир санаси:" in page and "2024 йил 10 декабрь" in page


def test_a_derived_language_is_not_machine_translated(project) -> None:
    root = project({"content/x.md": report()}, config=DERIVED)
    run(root, "update")
    result = run(root, "translate", "--lang", "uz-Cyrl", "--dry-run")
    assert result.code == 2 and "uz-Cyrl is derived from uz-Latn" in result.err


@pytest.mark.slow
def test_the_institutions_name_and_address_follow_into_the_derived_script(shipped, tmp_path) -> None:
    assert run(shipped, "build", "--out", str(tmp_path / "site")).code == 0
    page = (tmp_path / "site/uz-cyrl/index.html").read_text(encoding="utf-8")
    assert 'brand-name">Ўзбекистон Республикаси Ҳуқуқни муҳофаза қилиш академияси<' in page  # from [tool.tarjima.site.name] uz-Latn
    assert "Тошкент шаҳри" in page


def test_cyrillic_typed_while_its_latin_base_is_empty_is_held_then_never_labelled_reviewed(project, tmp_path: Path) -> None:
    # What Weblate did when uz_Cyrl was an ordinary editable language: Cyrillic typed, the Latin still empty.
    root = project({"content/x.md": report(title="Seminar", body="First paragraph.\n")}, config=DERIVED)
    run(root, "update")
    po = cyrl(root)
    text = po.read_text(encoding="utf-8")
    for msgid, typed in (("Seminar", "Семинар"), ("First paragraph.", "Биринчи хатбоши.")):
        text = text.replace(f'msgid "{msgid}"\nmsgstr ""', f'msgid "{msgid}"\nmsgstr "{typed}"')
    po.write_text(text, encoding="utf-8")
    assert "wrote locales/uz_Cyrl/LC_MESSAGES/x.po (2 fuzzy)" in run(root, "update").out
    held = entries(po)["First paragraph."]
    assert held.msgstr == "Биринчи хатбоши." and held.fuzzy  # kept, not lost, and not shown
    assert "held: not derived from uz-Latn, whose text is not translated" in held.translator_comments
    built = run(root, "build", "--out", str(tmp_path / "out"))
    assert "skipped x [uz-Cyrl]" in built.out and not (tmp_path / "out/uz-cyrl/x").exists()
    # The Latin is then written in other words: the Cyrillic is not a conversion of it, so it stays held, the derivation offered.
    latin = root / "locales/uz_Latn/LC_MESSAGES/x.po"
    translate_po(latin, {"Seminar": "Seminar", "First paragraph.": "Dastlabki band."})
    assert run(root, "update").code == 0
    moved = entries(po)["First paragraph."]
    assert moved.fuzzy and moved.msgstr == "Биринчи хатбоши." and state(moved) != "reviewed"
    assert "derived anew from uz-Latn: Дастлабки банд." in moved.translator_comments
    assert entries(po)["Seminar"].msgstr == "Семинар" and state(entries(po)["Seminar"]) == "derived"  # typed as its derivation: derived
    status = json.loads(run(root, "status", "--format", "json", "--lang", "uz-Cyrl").out)["reports"][0]["languages"]["uz-Cyrl"]
    assert status["reviewed"] == 0 and status["fuzzy"] == 1
    built = run(root, "build", "--out", str(tmp_path / "out"))
    assert "skipped x [uz-Cyrl]" in built.out and not (tmp_path / "out/uz-cyrl/x").exists()
    assert (tmp_path / "out/uz-latn/x/index.html").exists()
    assert gnu("msgfmt", "-c", "-o", "/dev/null", str(po)).returncode == 0 and gnu("msgcat", str(po)).stdout == po.read_bytes()


def test_a_derived_version_is_held_while_its_base_version_is(project, tmp_path: Path) -> None:
    root = project({"content/x.md": report(title="Seminar", body="First paragraph.\n")}, config=DERIVED + 'require_review = ["uz-Latn"]\n')
    run(root, "update")
    translate_po(root / "locales/uz_Latn/LC_MESSAGES/x.po", {"Seminar": "Seminar", "First paragraph.": "Birinchi xatboshi."})
    run(root, "update")
    assert all(state(e) == "derived" for e in entries(cyrl(root)).values())  # complete, every entry derived
    built = run(root, "build", "--out", str(tmp_path / "out"))
    assert "skipped x [uz-Latn]: held: 2 entries not reviewed" in built.out
    assert "skipped x [uz-Cyrl]: held: derived from uz-Latn, whose version is not published" in built.out
    assert not (tmp_path / "out/uz-cyrl/x").exists() and (tmp_path / "out/en/x/index.html").exists()
    exported = run(root, "build", "--format", "markdown", "--out", str(tmp_path / "md"))
    assert "skipped x [uz-Cyrl]: held: derived from uz-Latn" in exported.out
    run(root, "review", "x", "--lang", "uz-Latn", "--by", "D. Karimova")
    built = run(root, "build", "--out", str(tmp_path / "out"))
    assert "[uz-Cyrl]" not in built.out and (tmp_path / "out/uz-cyrl/x/index.html").exists()
