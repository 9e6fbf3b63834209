"""Translation quality checks: each check on press-text pairs that trip it and pairs that pass,
the shipped catalogues (no error), the glossary reader, and fix_apostrophes."""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tarjima.po import read as po_read
from tarjima.checks import apostrophe
from tarjima.checks.apostrophe import apostrophe_fixes, fix_apostrophes
from tarjima.checks.copied import SCRIPT_LETTERS_RE, _char_script, same_text
from tarjima.checks.glossary import parse_glossary
from tarjima.checks.inline import inline
from tarjima.checks.registry import REGISTRY, Glossary, Pair
from tarjima.checks.run import CHECK_IDS, run_checks
from tarjima.languages import script_of
from tarjima.errors import InputError

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = parse_glossary((ROOT / "locales" / "glossary.csv").read_text(encoding="utf-8"), "locales/glossary.csv")


def en_ru(source: str, translation: str) -> Pair:
    return Pair(source, translation, "en", "ru", GLOSSARY)


def en_uz(source: str, translation: str) -> Pair:
    return Pair(source, translation, "en", "uz-Latn", GLOSSARY)


def uz_ru(source: str, translation: str) -> Pair:
    return Pair(source, translation, "uz-Latn", "ru", GLOSSARY)


def uz_en(source: str, translation: str) -> Pair:
    return Pair(source, translation, "uz-Latn", "en", GLOSSARY)


# (check id, pair, severity, a part of the message): each trips exactly that check's issue.
TRIPS = [
    # numbers
    ("numbers", uz_ru("Tadbirda 110 dan ortiq mutaxassis va ekspert ishtirok etdi.", "Мероприятие собрало более 100 специалистов и экспертов."),
     "error", "number 110 of the source is missing or changed"),
    ("numbers", en_ru("The law of 10.12.2024 takes effect.", "Закон от 10 декабря 2024 года вступает в силу."), "error", "number 10.12.2024"),
    ("numbers", en_uz("On December 10-11, a seminar was held.", "10-dekabr kuni seminar boʻlib oʻtdi."), "error", "number 11 of the source"),
    ("numbers", en_ru("Article 5.1 of the Code applies.", "Применяется статья 5.2 Кодекса."), "error", "number 5.1"),
    ("numbers", uz_en("Konferensiya har yili 30-iyulda nishonlanadi.", "The conference is held annually on 30 July 2024."), "warning", "number 2024 is not in the source"),
    # markup
    ("markup", en_ru("Read the [Universal Declaration](https://www.un.org/en/udhr) today.", "Прочтите [Всеобщую декларацию](https://www.un.org/ru/udhr) сегодня."),
     "error", "link to https://www.un.org/en/udhr of the source is missing or changed"),
    ("markup", en_ru("The seminar was **two days** long.", "Семинар длился два дня."), "error", "strong emphasis"),
    ("markup", en_uz("The *main goal* was knowledge.", "Asosiy maqsad bilim edi."), "error", "1 emphasis span(s)"),
    ("markup", en_ru("Run `tarjima update` first.", "Сначала выполните `tarjima обновить`."), "error", "code `tarjima update` of the source is missing or changed"),
    ("markup", en_ru("The logo: ![ICRC logo](img/icrc.png)", "Логотип: ![логотип МККК](img/mkkk.png)"), "error", "image img/icrc.png"),
    # urls
    ("urls", en_ru("Write to press@academy.uz for details.", "Подробности: press@academy.ru."), "error", "e-mail address press@academy.uz of the source is missing"),
    ("urls", en_uz("The report is at https://example.org/news/icrc-seminar.", "Hisobot https://example.org/yangiliklar/icrc-seminar manzilida."), "error", "URL https://example.org/news/icrc-seminar"),
    # whitespace
    ("whitespace", en_ru("The seminar will continue its work on December 11.", " Работа семинара продолжится 11 декабря."), "warning", "starts with 1 blank(s)"),
    ("whitespace", en_ru("The seminar will continue its work on December 11.", "Работа семинара продолжится 11 декабря. "), "warning", "ends with 1 blank(s)"),
    ("whitespace", en_ru("The seminar will continue its work on December 11.", "Работа семинара  продолжится 11 декабря."), "warning", "doubled space after “семинара”"),
    ("whitespace", en_ru("The seminar will continue.", "Работа семинара\n\nпродолжится."), "warning", "line break"),
    # punctuation
    ("punctuation", en_ru("What is the role of civil society?", "Какова роль гражданского общества."), "warning", "the source ends with “?”, the translation with “.”"),
    ("punctuation", uz_en("Konferensiya doirasida quyidagi mavzularda sessiyalar oʻtkazildi:", "The conference included sessions on the following topics."), "warning", "“:”"),
    ("punctuation", en_uz("Human trafficking: current threats and trends", "Odam savdosi: dolzarb tahdidlar va tendensiyalar."), "warning", "no punctuation"),
    # brackets
    ("brackets", en_ru("The International Committee of the Red Cross (ICRC) took part.", "Международный комитет Красного Креста (МККК принял участие."), "warning", "( is not closed"),
    ("brackets", en_ru("A seminar on “International Standards”.", "Семинар «Международные стандарты."), "warning", "« is not closed; add »"),
    ("brackets", en_uz("A seminar on “International Standards”.", "“Xalqaro standartlar” mavzusidagi seminar”."), "warning", "” has no opening mark"),
    # unchanged
    ("unchanged", en_uz("The seminar will continue its work on December 11.", "The seminar will continue its work on December 11."), "warning", "unchanged"),
    ("unchanged", uz_ru("Odam savdosi: dolzarb tahdidlar va tendensiyalar", "Odam savdosi: dolzarb tahdidlar va tendensiyalar"), "warning", "translate it into ru"),
    # script
    ("script", en_uz("The seminar will continue its work.", "Seminar oʻz ishini давом ettiradi."), "error", "Cyrillic word(s) in a Latin-script (uz-Latn) translation: “давом”"),
    ("script", en_uz("The Republic of Uzbekistan", "Oʻzbekistоn Respublikasi"), "error", "“Oʻzbekistоn” mixes Latin and Cyrillic letters (Cyrillic о)"),
    ("script", en_ru("The seminar on human rights", "Семинар по human rights"), "warning", "Latin word(s) kept as the source writes them in a Cyrillic-script (ru) translation: “human”, “rights”"),
    ("script", en_ru("The seminar on human rights", "Семинар по humane rights"), "error", "Latin word(s) in a Cyrillic-script (ru) translation: “humane”"),
    ("script", uz_ru("Akademiya vakili BMT bilan hamkorlik qildi.", "Представитель Академии сотрудничал с UN."), "error", "“UN”"),
    ("script", Pair("The seminar will continue its work.", "Семинар ўз ишини davom эттиради.", "en", "uz-Cyrl"), "error", "Latin word(s) in a Cyrillic-script (uz-Cyrl) translation: “davom”"),
    ("script", uz_en("Seminar davom etadi.", "The seminar продолжится."), "error", "Cyrillic word(s) in a Latin-script (en) translation"),
    # apostrophe
    ("apostrophe", en_uz("The Republic of Uzbekistan", "O'zbekiston Respublikasi"), "error", "“O'zbekiston”: write Oʻ with ʻ (U+02BB), not ' (U+0027)"),
    ("apostrophe", en_uz("The victory", "G‘alaba"), "error", "not ‘ (U+2018)"),
    ("apostrophe", en_uz("spiritual", "maʻnaviy"), "error", "“maʻnaviy”: the separating sign (tutuq belgisi) is ʼ (U+02BC), not ʻ (U+02BB)"),
    ("apostrophe", en_uz("education", "ta’lim"), "error", "not ’ (U+2019)"),
    ("apostrophe", en_uz("the Republic of Uzbekistan", "Oʼzbekiston Respublikasi"), "error", "not ʼ (U+02BC)"),
    ("apostrophe", en_uz("the garden", "bog`"), "error", "not ` (U+0060)"),
    # alphabet: the 1995 and the 2026 Uzbek Latin alphabets in one text
    ("alphabet", en_uz("The Republic of Uzbekistan, the city of Tashkent", "Özbekiston Respublikasi, Toshkent shahri"), "error",
     "mixes the 1995 Latin alphabet (“Toshkent”, “shahri”) and the 2026 one (“Özbekiston”)"),
    ("alphabet", en_uz("The victory", "Gʻalaba va ğalaba"), "error", "(“Gʻalaba”) and the 2026 one (“ğalaba”)"),
    # html
    ("html", en_uz("The seminar continues.", "Seminar <b>davom</b> etadi."), "error", "raw HTML “<b>” is not in the source; remove it"),
    ("html", en_ru("The seminar continues.", "Семинар продолжается.<script>alert(1)</script>"), "error", "“<script>”"),
    ("html", en_ru("The seminar continues.", "Семинар <img src=x onerror=alert(1)> продолжается."), "error", "onerror"),
    ("html", en_ru("The seminar continues.", "Семинар &lt;script&gt; продолжается."), "error", "HTML-like text “<script”"),
    ("html", en_ru("One<br>two", '<br onclick="x()">'), "error", "onclick"),
    # glossary
    ("glossary", en_ru("The Law Enforcement Academy hosted a seminar.", "Академия провела семинар."), "warning",
     "glossary: “Law Enforcement Academy” is “Правоохранительная академия” in ru; use that term"),
    ("glossary", en_uz("The ICRC took part.", "Qizil Xoch ishtirok etdi."), "warning", "“ICRC” is “XQXQ” in uz-Latn"),
    ("glossary", uz_ru("Konferensiya Oliy Majlis Senatida boʻlib oʻtdi.", "Конференция прошла в парламенте."), "warning", "“Oliy Majlis Senati” is “Сенат Олий Мажлиса”"),
]

# (check id, pair): the check finds nothing.
PASSES = [
    # numbers: dashes, suffixes, thousands and decimal separators, numbers in code or URLs
    ("numbers", en_uz("On December 10-11, the Law Enforcement Academy hosted a two-day seminar.", "10–11-dekabr kunlari Huquqni muhofaza qilish akademiyasida ikki kunlik seminar boʻlib oʻtdi.")),
    ("numbers", uz_ru("Konferensiya har yili 30-iyulda nishonlanadi.", "Конференция ежегодно проводится 30 июля.")),
    ("numbers", en_ru("Over 1,000 people, 1.5 million documents, article 5.1, the law of 10.12.2024.", "Более 1 000 человек, 1,5 млн документов, статья 5.1, закон от 10.12.2024.")),
    ("numbers", en_ru("On 2024-12-10 it began.", "Он начался 10.12.2024.")),
    ("numbers", en_ru("See [the report](https://example.org/2024/12/report) and `v2`.", "См. [отчёт](https://example.org/2024/12/report) и `v2`.")),
    # markup: links and emphasis may move, their text is translated
    ("markup", en_ru("Read the [Universal Declaration of Human Rights](https://www.un.org/en/udhr) *today*.", "*Сегодня* прочтите [Всеобщую декларацию прав человека](https://www.un.org/en/udhr).")),
    ("markup", en_uz("Run `tarjima update` and **check** ![the logo](img/logo.png)", "`tarjima update` buyrugʻini bajaring va **tekshiring** ![logotip](img/logo.png)")),
    ("markup", en_ru("Write to <press@academy.uz>.", "Пишите на <press@academy.uz>.")),
    # urls
    ("urls", en_ru("Write to press@academy.uz or see https://example.org/news/.", "Пишите на press@academy.uz или см. https://example.org/news/.")),
    ("urls", en_ru("The site (https://example.org/news) has it.", "Он есть на сайте (https://example.org/news).")),
    # whitespace: NBSP inside Russian text is typography, not a doubled space
    ("whitespace", en_ru("The seminar will continue its work on December 11.", "Работа семинара продолжится 11\u00a0декабря.")),
    ("whitespace", en_ru("Run `a  b` now.", "Выполните `a  b` сейчас.")),
    # punctuation: closing quotes and brackets after the mark, list items with ";"
    ("punctuation", en_ru("A seminar on “International Standards.”", "Семинар «Международные стандарты».")),
    ("punctuation", en_uz("Seminar on International Standards of Law Enforcement Activities", "“Huquqni muhofaza qilish faoliyatining xalqaro standartlari” mavzusidagi seminar")),
    ("punctuation", en_ru("The role of international cooperation", "Роль международного сотрудничества;")),
    ("punctuation", en_ru("Is it over?!", "Всё закончилось?")),
    ("punctuation", en_ru("And so on...", "И так далее…")),
    ("punctuation", en_ru("The Regional Representation of the ICRC (in Central Asia).", "Региональное представительство МККК (в Центральной Азии).")),
    # brackets: nested Russian quotes, and an unbalanced source excuses the translation
    ("brackets", en_ru("A seminar on “Standards of the ‘Red Cross’”.", "Семинар «Стандарты „Красного Креста“».")),
    ("brackets", en_ru("The topics: 1) trafficking; 2) migration.", "Темы: 1) торговля людьми; 2) миграция.")),
    ("brackets", en_ru("See [the report](https://example.org/a_(b)).", "См. [отчёт](https://example.org/a_(b)).")),
    # unchanged: names, acronyms, numbers, URLs need no translation
    ("unchanged", en_ru("ICRC", "ICRC")),
    ("unchanged", uz_en("L.Kh. Isakov", "L.Kh. Isakov")),
    ("unchanged", en_uz("2024", "2024")),
    ("unchanged", en_uz("https://example.org/news/", "https://example.org/news/")),
    ("unchanged", en_ru("`tarjima update`", "`tarjima update`")),
    # script: source names, Roman numerals, code and URLs may stay Latin in Russian
    ("script", en_ru("The ICRC in the XXI century", "МККК (ICRC) в XXI веке")),
    ("script", en_ru("Run `tarjima update` or see https://example.org/news.", "Выполните `tarjima update` или см. https://example.org/news.")),
    ("script", uz_ru("Oliy Majlis Senati", "Сенат Олий Мажлиса")),
    ("script", en_uz("The Republic of Uzbekistan", "Oʻzbekiston Respublikasi")),
    # apostrophe: the right signs, quotes, code, URLs; not for Russian or English
    ("apostrophe", en_uz("spiritual education", "maʼnaviy taʼlim, eʼlon, sanʼat, jurʼat, Oʻzbekiston, gʻalaba, bogʻ")),
    ("apostrophe", en_uz("'Hello,' he said", "'Salom', dedi u, ‘Xayr’ dedi")),
    ("apostrophe", en_uz("Run `o'z` at https://example.uz/o'zbek", "`o'z` buyrugʻini https://example.uz/o'zbek manzilida bajaring")),
    ("apostrophe", en_uz("[Uzbekistan](https://example.uz/o'zbekiston)", "[Oʻzbekiston](https://example.uz/o'zbekiston)")),
    ("apostrophe", uz_en("Oʻzbekiston", "Uzbekistan's")),
    # alphabet: either alphabet alone, names and URLs as they are
    ("alphabet", en_uz("The Republic of Uzbekistan, the city of Tashkent", "Özbekiston Respublikasi, Toşkent şahri")),
    ("alphabet", en_uz("The Republic of Uzbekistan, the city of Tashkent", "Oʻzbekiston Respublikasi, Toshkent shahri")),
    ("alphabet", en_uz("Read https://example.uz/shahar on Chicago", "Özbekça: https://example.uz/shahar, Chicago")),
    ("alphabet", en_ru("The city of Tashkent", "Город Ташкент")),
    # html: the source's own tags, code and text that only looks like a comparison
    ("html", en_ru("One line<br>and another", "Одна строка<br>и другая")),
    ("html", en_ru("Use `<b>` for bold.", "Используйте `<b>` для жирного шрифта.")),
    ("html", en_ru("Fewer than 5 <10 cases", "Менее 5 <10 случаев")),
    # glossary: inflected terms in Russian and Uzbek, terms absent from the source
    ("glossary", en_ru("The Law Enforcement Academy hosted a seminar with the ICRC.", "Правоохранительной академией совместно с МККК был проведён семинар.")),
    ("glossary", en_uz("Held at the Law Enforcement Academy.", "Huquqni muhofaza qilish akademiyasida oʻtkazildi.")),
    ("glossary", uz_en("Konferensiya Oliy Majlis Senatida boʻlib oʻtdi.", "The conference was held in the Senate of the Oliy Majlis.")),
    ("glossary", en_ru("The Academy hosted a seminar.", "Академия провела семинар.")),
    ("glossary", uz_ru("O'zbekiston Respublikasi Odam savdosiga qarshi kurashish va munosib mehnatni ta'minlash bo'yicha milliy komissiyasi",
                       "Национальной комиссией Республики Узбекистан по противодействию торговле людьми и обеспечению достойного труда")),
]


def _label(case: tuple[object, ...]) -> str:
    return f"{case[0]}:{case[1].translation[:30]}"  # type: ignore[attr-defined]


@pytest.mark.parametrize("case", TRIPS, ids=_label)
def test_check_trips(case: tuple[str, Pair, str, str]) -> None:
    check_id, pair, severity, message = case
    issues = REGISTRY[check_id](pair)
    assert any(i.severity == severity and message in i.message for i in issues), issues
    assert all(i.check == check_id and i.severity in ("error", "warning") for i in issues)


@pytest.mark.parametrize("case", PASSES, ids=_label)
def test_check_passes(case: tuple[str, Pair]) -> None:
    check_id, pair = case
    assert REGISTRY[check_id](pair) == []


def test_every_check_has_a_trip_and_a_pass() -> None:
    assert {c[0] for c in TRIPS} == {c[0] for c in PASSES} == set(CHECK_IDS) == set(REGISTRY)
    assert CHECK_IDS == ("numbers", "markup", "urls", "whitespace", "punctuation", "brackets", "unchanged", "script", "apostrophe", "alphabet", "html", "glossary")


def test_each_missing_number_is_one_issue_and_added_digits_are_warnings() -> None:
    pair = en_ru("On December 10-11, 110 experts met.", "10 декабря собрались 101 эксперт.")
    issues = REGISTRY["numbers"](pair)
    assert [(i.severity, i.message) for i in issues] == [
        ("error", "number 11 of the source is missing or changed"),
        ("error", "number 110 of the source is missing or changed"),
        ("warning", "number 101 is not in the source; check it"),
    ]


def test_run_checks_only_skip_and_empty_translation() -> None:
    pair = en_uz("The seminar will continue on December 11.", "<b>The seminar will continue.</b>")
    assert {i.check for i in run_checks(pair)} == {"numbers", "html"}
    assert {i.check for i in run_checks(pair, only=frozenset({"html"}))} == {"html"}
    assert {i.check for i in run_checks(pair, skip=frozenset({"html"}))} == {"numbers"}
    assert run_checks(en_uz("The seminar will continue on December 11.", "")) == []


def test_script_comes_from_babel_likely_subtags() -> None:
    assert [script_of(t) for t in ("uz-Latn", "ru", "en", "uz", "uz-Cyrl", "kk")] == ["Latn", "Cyrl", "Latn", "Latn", "Cyrl", "Cyrl"]
    assert script_of("not a tag") is None


def test_the_script_letter_classes_read_every_code_point_as_its_unicode_name_does() -> None:
    """The script check finds a text's scripts with two regular expressions: each must match exactly the
    characters whose Unicode name starts with LATIN (or CYRILLIC), as ``copied._char_script`` reads them."""
    import unicodedata

    everything = "".join(map(chr, range(sys.maxunicode + 1)))
    for script, prefix in (("Latn", "LATIN"), ("Cyrl", "CYRILLIC")):
        matched = {ord(ch) for ch in SCRIPT_LETTERS_RE[script].findall(everything)}
        named = {c for c in range(sys.maxunicode + 1) if unicodedata.name(chr(c), "").startswith(prefix)}
        # On another Unicode version, write the class again from ``named`` (ranges of consecutive code points).
        assert sorted(matched ^ named) == [], f"{script}: Unicode {unicodedata.unidata_version} names other letters"
        assert {_char_script(chr(c)) for c in named} == {script}


@pytest.mark.parametrize(("source", "translation", "same"), [
    ("Tashkent", "Tashkent", True), (" Tashkent, 10 December ", "Tashkent,\u00a010\u2003December", True), ("a b", "a c", False),
    ("a b", "b a", False), ("a", "", False), ("", " ", True), ("Toshkent", "Ташкент", False), ("a b.", "a b!", False),
])
def test_same_text_is_the_same_words_blanks_aside(source: str, translation: str, same: bool) -> None:
    assert same_text(source, translation) is same is (source.split() == translation.split())


def test_inline_reads_markdown_with_the_project_parser() -> None:
    read = inline("See [the *report*](https://example.org/a) and `x` at press@academy.uz, <b>now</b>.")
    assert read.links == ("https://example.org/a",) and read.code == ("x",) and read.emphasis == 1
    assert read.html == ("<b>", "</b>") and read.urls == ("press@academy.uz",)
    assert "report" in read.prose and "https" not in read.prose and "academy" not in read.prose


# --- the shipped catalogues -----------------------------------------------------------------


def shipped_pairs() -> list[tuple[str, int, Pair]]:
    """Every translated pair of every shipped catalogue (plural forms against msgid_plural)."""
    pairs = []
    for path in sorted(ROOT.glob("locales/*/LC_MESSAGES/*.po")):
        catalog = po_read.read(path.read_bytes(), str(path.relative_to(ROOT)))
        source_lang = catalog.header("X-Source-Language", "en")
        target_lang = catalog.header("Language").replace("_", "-")
        for entry in catalog.active:
            if not entry.msgid or entry.fuzzy:
                continue
            texts = [(entry.msgid, entry.msgstr)]
            if entry.msgid_plural is not None:
                texts = [(entry.msgid if n == 0 else entry.msgid_plural, s) for n, s in enumerate(entry.msgstr_plural)]
            for source, translation in texts:
                pairs.append((path.relative_to(ROOT).as_posix(), entry.line, Pair(source, translation, source_lang, target_lang, GLOSSARY)))
    return pairs


def test_shipped_catalogues_have_no_error() -> None:
    pairs = shipped_pairs()
    assert len(pairs) > 60
    errors = [(path, line, issue) for path, line, pair in pairs for issue in run_checks(pair) if issue.severity == "error"]
    assert errors == []


def test_shipped_glossary() -> None:
    assert len(GLOSSARY.terms) == 8
    assert GLOSSARY.terms[2] == {"en": "ICRC", "ru": "МККК", "uz-Latn": "XQXQ"}


# --- parse_glossary -------------------------------------------------------------------------


def test_parse_glossary_blank_cells_blank_lines_bom_and_quoted_commas() -> None:
    text = '\ufeffen,RU,uz-latn\n\nICRC,МККК,XQXQ\n"Tashkent, Uzbekistan",,"Toshkent, Oʻzbekiston"\n'
    assert parse_glossary(text, "g.csv").terms == (
        {"en": "ICRC", "ru": "МККК", "uz-Latn": "XQXQ"},
        {"en": "Tashkent, Uzbekistan", "uz-Latn": "Toshkent, Oʻzbekiston"},
    )


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("", 1, "no header row"),
        ("\n\n", 1, "no header row"),
        ("Law Enforcement Academy,Правоохранительная академия\n", 1, "unknown column 'Law Enforcement Academy'"),
        ("en,ru,\n", 1, "column 3 of the header has no language tag"),
        ("en,ru,en\n", 1, "column 'en' appears twice"),
        ("en,ru\nICRC,МККК\n\nHuman Rights Day,День прав,человека\n", 4, "3 cell(s) in a row, the header has 2"),
        ('en,ru\nICRC,"МККК\n', 2, "malformed CSV"),
        ('en,ru\n"ICRC"x,МККК\n', 2, "malformed CSV"),
    ],
)
def test_parse_glossary_errors_name_the_line(text: str, line: int, message: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_glossary(text, "locales/glossary.csv")
    assert caught.value.path == "locales/glossary.csv" and caught.value.line == line
    assert message in caught.value.message and caught.value.hint


# --- fix_apostrophes ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("o'zbek", "oʻzbek"),
        ("g‘alaba", "gʻalaba"),
        ("ma'naviy", "maʼnaviy"),
        ("Oʻzbekiston", "Oʻzbekiston"),
        ("'Salom' dedi", "'Salom' dedi"),
        ("`o'z`", "`o'z`"),
        ("Oʼzbekiston taʻlim", "Oʻzbekiston taʼlim"),
        ("ta’lim, e`lon, san´at, jur'at", "taʼlim, eʼlon, sanʼat, jurʼat"),
        ("bog' va tog‘", "bogʻ va togʻ"),
        ("‘Xalqaro hamkorlik’ mavzusi", "‘Xalqaro hamkorlik’ mavzusi"),
        ("‘Tog’ dedi", "‘Tog’ dedi"),
        ("o`zbek va g`alaba", "oʻzbek va gʻalaba"),  # backticks glued to letters: apostrophes, not code
        ("[O'zbekiston](https://example.uz/o'zbekiston) va https://kun.uz/o'z", "[Oʻzbekiston](https://example.uz/o'zbekiston) va https://kun.uz/o'z"),
        ("<a title=\"o'z\">O'z</a>", "<a title=\"o'z\">Oʻz</a>"),
    ],
)
def test_fix_apostrophes(text: str, fixed: str) -> None:
    assert fix_apostrophes(text) == fixed
    assert apostrophe_fixes(fixed) == []


def test_the_check_flags_each_apostrophe_fix_would_make() -> None:
    text = "O'zbekiston Respublikasi ma'naviy g‘alaba"
    issues = REGISTRY["apostrophe"](en_uz("x", text))
    assert len(issues) == len(apostrophe_fixes(text)) == 3
    assert REGISTRY["apostrophe"](en_uz("x", fix_apostrophes(text))) == []


UZ_PIECES = st.sampled_from(
    ["o", "O", "g", "G", "a", "e", "n", "z", " ", "'", "‘", "’", "`", "´", "ʻ", "ʼ", "o'z", "g'a", "ma'n", "[", "]", "(", ")",
     "](https://e.uz/o'z)", "https://x.uz/g'", "<b>", "*", "_", "``", "\\", ".", "-", "«", "»"]
)
UZ_TEXT = st.lists(UZ_PIECES, max_size=24).map("".join)


@settings(max_examples=300, deadline=None)
@given(UZ_TEXT)
def test_fix_apostrophes_is_idempotent_and_keeps_markup(text: str) -> None:
    fixed = fix_apostrophes(text)
    assert fix_apostrophes(fixed) == fixed
    assert apostrophe_fixes(fixed) == []
    before, after = inline(text), inline(fixed)
    assert (before.links, before.images, before.html, before.emphasis, before.strong) == (after.links, after.images, after.html, after.emphasis, after.strong)
    assert not Counter(after.code) - Counter(before.code)
    assert len(fixed) == len(text)


@settings(max_examples=300, deadline=None)
@given(UZ_TEXT)
def test_the_apostrophe_quick_scan_skips_only_texts_with_nothing_to_fix(text: str) -> None:
    if apostrophe.MAY_FIX_RE.search(text):
        return
    scan = apostrophe.MAY_FIX_RE
    apostrophe.MAY_FIX_RE = re.compile("")  # the full reading, without the scan
    try:
        assert apostrophe_fixes(text) == []
    finally:
        apostrophe.MAY_FIX_RE = scan


BLANKS_AND_URLS = st.text(alphabet=" \t\u00a0\u202f\u2009wW.:/@ax1-", max_size=30)


@settings(max_examples=2000, deadline=None)
@given(BLANKS_AND_URLS)
def test_the_quick_scans_for_doubled_blanks_and_urls_pass_over_only_texts_without_them(text: str) -> None:
    from tarjima.checks import inline as reading, rules

    if rules.DOUBLE_SPACE_RE.search(text):
        assert rules._may_double_blank(text)
    before = re.compile(r"[:wW@](?:(?<=:)//|(?<=[wW])[wW][wW]\.|(?<=@))")  # the scan find_urls made before
    assert reading.may_hold_url(text) == bool(before.search(text))


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="oOgGa ʻʼ'‘’`´", max_size=12))
def test_the_apostrophe_scan_finds_what_it_found_with_its_look_behinds_first(text: str) -> None:
    before = re.compile(f"[{re.escape(apostrophe.APOSTROPHES[:-2])}]|(?<![oOgG]){apostrophe.OKINA}|(?<=[oOgG]){apostrophe.TUTUQ}")
    assert bool(apostrophe.MAY_FIX_RE.search(text)) == bool(before.search(text))


@settings(max_examples=150, deadline=None)
@given(UZ_TEXT, st.text(alphabet="Семинар ICRC 10-11.«»“”()[]<>*`!?:;,0123456789 \u00a0oʻgʼ'@/", max_size=40))
def test_checks_never_raise(source: str, translation: str) -> None:
    glossary = Glossary(({"en": "ICRC", "ru": "МККК", "uz-Latn": "XQXQ"},))
    for target in ("uz-Latn", "ru", "en", "uz-Cyrl", "not-a-tag"):
        for issue in run_checks(Pair(source, translation, "en", target, glossary)):
            assert issue.check in CHECK_IDS and issue.severity in ("error", "warning") and issue.message
