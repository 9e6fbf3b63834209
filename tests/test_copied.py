"""What a translation keeps of its source as written (issue 36): a one-word entry copied unchanged into a
language of another script is an `unchanged` warning (never a hold) unless it is a name or a glossary
term; a name or quoted title kept exactly as the source writes it is never a `script` error."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import report, run, translate_po

# Two languages, the build's check gate on (the default): what holds a version shows in the build.
CONFIG = 'languages = ["en", "ru"]\ndefault_language = "en"\n'


def checked(root: Path) -> list[dict[str, object]]:
    result = run(root, "check", "--format", "json")
    assert result.code in (0, 1), result.err
    return list(json.loads(result.out)["findings"])


def published(root: Path, lang: str, slug: str) -> bool:
    out = root / "site"
    result = run(root, "build", "--out", str(out))
    assert result.code == 0, result.err
    return (out / lang / slug / "index.html").is_file()


def english_project(project, body: str, ru: dict[str, str], glossary: str = "") -> Path:
    files = {"content/x.md": report(title="Annual figures", body=body)}
    if glossary:
        files["locales/glossary.csv"] = glossary
    root = project(files, config=CONFIG)
    assert run(root, "update").code == 0
    translate_po(root / "locales/ru/LC_MESSAGES/x.po", {"Annual figures": "Годовые показатели", **ru})
    return root


BODY = "The fund grew this year, and the report is on Google.\n\n- Value\n- Google\n- ICRC\n- Weight\n"
RU = {"The fund grew this year, and the report is on Google.": "Фонд вырос в этом году, отчёт есть на Google.",
      "Value": "Value", "Google": "Google", "ICRC": "ICRC", "Weight": "Вес"}


def test_a_word_copied_unchanged_into_another_script_is_an_unchanged_warning_never_a_hold(project) -> None:
    root = english_project(project, BODY, RU)
    findings = checked(root)
    flagged = {(f["check"], f["severity"], f["msgid"]) for f in findings}
    assert flagged == {("unchanged", "warning", "Value")}, findings  # Google: a name (capitalised mid-sentence in the report); ICRC: an acronym
    message = next(str(f["message"]) for f in findings)
    assert "in Latin letters where ru is written in Cyrillic; translate it into ru" in message and "locales/glossary.csv" in message
    assert run(root, "check").code == 0  # a warning: check passes
    assert published(root, "ru", "x")  # and the build's gate does not hold the version


def test_a_glossary_term_kept_as_written_is_not_flagged(project) -> None:
    root = english_project(project, BODY, RU, glossary="en,ru\nValue,Value\n")
    assert [f for f in checked(root) if f["check"] == "unchanged"] == []


def test_a_glossary_term_with_its_own_translation_copied_unchanged_is_still_flagged(project) -> None:
    root = english_project(project, BODY, RU, glossary="en,ru\nValue,Ценность\n")
    assert {(f["check"], f["msgid"]) for f in checked(root)} >= {("unchanged", "Value"), ("glossary", "Value")}


def test_a_word_copied_in_the_same_script_stays_quiet(project) -> None:
    """uz-Latn is written in Latin like the English source: a capitalised word may be a name, as before."""
    root = project({"content/x.md": report(body="- Value\n")})
    assert run(root, "update").code == 0
    translate_po(root / "locales/uz_Latn/LC_MESSAGES/x.po", {"A seminar": "Seminar", "Value": "Value"})
    assert [f for f in checked(root) if f["check"] == "unchanged" and f["lang"] == "uz-Latn"] == []


RU_SOURCE = ("---\ntitle: Доклад «Новые горизонты»\ndate: 2024-12-10\nlang: ru\n---\n\n"
             "Доклад «Новые горизонты» представил Иван Петров.\n\nСеминар прошёл в Ташкенте.\n")
CONFIG_RU = 'languages = ["ru", "en"]\ndefault_language = "ru"\n'


def russian_project(project, en: dict[str, str]) -> Path:
    root = project({"content/x.md": RU_SOURCE}, config=CONFIG_RU)
    assert run(root, "update").code == 0
    translate_po(root / "locales/en/LC_MESSAGES/x.po", en)
    return root


def test_a_cyrillic_name_or_quoted_title_kept_in_a_latin_translation_is_no_script_error(project) -> None:
    root = russian_project(project, {
        "Доклад «Новые горизонты»": "The talk «Новые горизонты»",
        "Доклад «Новые горизонты» представил Иван Петров.": "The talk «Новые горизонты» was given by Иван Петров.",
        "Семинар прошёл в Ташкенте.": "The seminar was held in Tashkent.",
    })
    assert checked(root) == []
    result = run(root, "check")
    assert result.code == 0 and result.out.endswith("0 error(s), 0 warning(s)\n"), result.out
    assert published(root, "en", "x")


def test_other_cyrillic_words_are_still_script_errors_and_hold_the_version(project) -> None:
    root = russian_project(project, {
        "Доклад «Новые горизонты»": "The talk «Новые горизонты»",
        "Доклад «Новые горизонты» представил Иван Петров.": "The talk was given by Ивановым.",  # not as the source writes it
        "Семинар прошёл в Ташкенте.": "The seminar прошёл in Tashkent.",  # a word of the source, not a name: left untranslated
    })
    findings = {(f["check"], f["severity"], f["msgid"]): str(f["message"]) for f in checked(root)}
    error = findings[("script", "error", "Доклад «Новые горизонты» представил Иван Петров.")]
    assert "Cyrillic word(s) in a Latin-script (en) translation: “Ивановым”" in error
    kept = findings[("script", "warning", "Семинар прошёл в Ташкенте.")]
    assert "Cyrillic word(s) kept as the source writes them in a Latin-script (en) translation: “прошёл”" in kept
    assert len(findings) == 2
    assert run(root, "check").code == 1
    assert not published(root, "en", "x")  # held back by the error
