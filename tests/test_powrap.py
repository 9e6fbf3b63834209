"""PO files written with tarjima.po.wrap are reproduced byte for byte by GNU msgcat."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tarjima.po.wrap import escape, reference_lines, string_lines

pytestmark = pytest.mark.skipif(shutil.which("msgcat") is None, reason="GNU msgcat is not installed")

HEADER = "\n".join(
    string_lines("msgid", "") + string_lines("msgstr", "Content-Type: text/plain; charset=UTF-8\n")
)
PLURAL_HEADER = "\n".join(
    string_lines("msgid", "")
    + string_lines("msgstr", "Content-Type: text/plain; charset=UTF-8\nPlural-Forms: nplurals=2; plural=(n != 1);\n")
)

UZ = (
    "Akademiya tinglovchilari 10-11-noyabr kunlari o‘tkazilgan xalqaro ilmiy-amaliy konferensiyada "
    "ishtirok etib, “Huquqni muhofaza qilish organlari faoliyatida raqamli texnologiyalar” mavzusida "
    "ma’ruzalar qildilar. Tadbirda O‘zbekiston Respublikasi Ichki ishlar vazirligi, Bosh prokuratura "
    "va Oliy sud vakillari ishtirok etdi — jami 250 dan ortiq mutaxassis (shu jumladan 35% xorijlik)."
)
UZ_OKINA = (
    "Oʻzbekiston Respublikasi Prezidentining qaroriga muvofiq, taʼlim sifatini oshirish maqsadida "
    "oʻquv jarayoniga zamonaviy axborot-kommunikatsiya texnologiyalari joriy etilmoqda; bu haqda "
    "batafsil maʼlumot uchun [rasmiy sayt](https://example.org/uz/yangiliklar/2024-11-10) ga qarang."
)
RU = (
    "Слушатели академии приняли участие в международной научно-практической конференции, "
    "состоявшейся 10–11 ноября, и выступили с докладами на тему «Цифровые технологии в деятельности "
    "правоохранительных органов» — всего более 250 специалистов (в том числе 35% — иностранные гости)."
)
EN = (
    "Cadets of the Academy took part in the international research-to-practice conference held on "
    "10-11 November and presented papers on \"Digital technologies in law enforcement\"; more than "
    "250 specialists attended, including 35% from abroad — see the e-mail from info@example.org."
)
MARKUP = (
    "Read the **full report** and the *summary* at [our site](https://example.org/a-b/c?x=1&y=2), "
    "then run `tarjima update --lang uz-Latn` and check `locales/uz-Latn/LC_MESSAGES/news.po` / "
    "`ru.po` (see [the guide](https://example.org/docs/guide#po-files))."
)
LONG_URL = "https://example.org/" + "very-long-path-segment/" * 6 + "index.html?query=value&other=1"
LONG_WORD = "Huquqnimuhofazaqilishakademiyasiningxalqaroilmiyamaliykonferensiyasimateriallaritoʻplami"
HYPHENS = "-".join(["qism"] * 30)
SLASHES = "/".join(["bo‘lim"] * 20)
EM_DASHES = "—".join(["so‘z"] * 25) + " – " + "–".join(["word"] * 10)
QUOTES = " ".join(["«Iqtibos»", "“quote”", '"quoted"', "'single'", "„низ“"] * 6)
NBSP = "Jami\u00a0250\u00a0nafar tinglovchi va 35\u00a0% — " + "o‘qituvchi\u00a0" * 12
EMBEDDED_NL = "Birinchi satr.\nIkkinchi satr juda uzun bo‘lib, " + UZ + "\n\nUchinchi\n"
ESCAPES = 'Tab\there, back\\slash, quote "x", bell\a, carriage\r, ' + 'long "quoted" text ' * 8
CONTROLS = "raw control \x01 and \x1f and \x7f characters " * 5
PERCENT = "Natija: 35% → 40%; narx $5 yoki 5$, 10/11, 10-11, 10–11, 3.14, 1,000 va 50%-li " * 3


def entry(
    msgid: str,
    msgstr: str = "",
    *,
    refs: list[str] | None = None,
    msgctxt: str | None = None,
    previous: str | None = None,
    obsolete: bool = False,
    plural: tuple[str, list[str]] | None = None,
) -> str:
    """One PO entry (without trailing newline) built from the powrap primitives."""
    prefix = "#~ " if obsolete else ""
    lines = reference_lines(refs or [])
    if previous is not None:
        lines += string_lines("msgid", previous, "#~| " if obsolete else "#| ")
    if msgctxt is not None:
        lines += string_lines("msgctxt", msgctxt, prefix)
    lines += string_lines("msgid", msgid, prefix)
    if plural is None:
        lines += string_lines("msgstr", msgstr, prefix)
    else:
        lines += string_lines("msgid_plural", plural[0], prefix)
        for index, form in enumerate(plural[1]):
            lines += string_lines(f"msgstr[{index}]", form, prefix)
    return "\n".join(lines)


def msgcat(path: Path) -> str:
    """What GNU msgcat writes for the PO file at path."""
    done = subprocess.run(["msgcat", str(path), "-o", "-"], capture_output=True, check=True)
    return done.stdout.decode("utf-8")


def assert_reproduced(tmp_path: Path, entries: list[str], header: str = HEADER) -> None:
    """Write the entries after a header and check that msgcat writes exactly the same file."""
    text = "\n\n".join([header, *entries]) + "\n"
    path = tmp_path / "test.po"
    path.write_text(text, encoding="utf-8")
    assert msgcat(path) == text


def test_escape() -> None:
    assert escape('a\\b"c\nd\te\rf\ag\bh\fi\vj\x01k') == 'a\\\\b\\"c\\nd\\te\\rf\\ag\\bh\\fi\\vj\x01k'


def test_short_string_stays_on_one_line() -> None:
    assert string_lines("msgid", "Salom, dunyo!") == ['msgid "Salom, dunyo!"']
    assert string_lines("msgid", "") == ['msgid ""']
    assert string_lines("msgstr", "Bir\n") == ['msgstr "Bir\\n"']
    assert string_lines("msgid", "a\nb") == ['msgid ""', '"a\\n"', '"b"']


def test_exact_width_boundary(tmp_path: Path) -> None:
    fits = "x " * 32 + "abcdefg"  # msgid "..." is exactly 79 columns
    assert len(string_lines("msgid", fits)[0]) == 79
    assert string_lines("msgid", fits + "h")[0] == 'msgid ""'
    assert string_lines("msgid", "x" * 100) == [f'msgid "{"x" * 100}"']  # nowhere to break
    assert_reproduced(tmp_path, [entry(fits, fits + "h"), entry(fits + "h", "x" * 100)])


PARAGRAPHS = {
    "uz": UZ,
    "uz-okina": UZ_OKINA,
    "ru": RU,
    "en": EN,
    "markup": MARKUP,
    "long-url": LONG_URL,
    "url-in-text": f"Manba: {LONG_URL} (2024-yil 10-noyabr holatiga ko‘ra)",
    "long-word": LONG_WORD,
    "long-word-after-text": "Qisqa matn " + LONG_WORD + " va davomi.",
    "hyphens": HYPHENS,
    "slashes": SLASHES,
    "dashes": EM_DASHES,
    "quotes": QUOTES,
    "nbsp": NBSP,
    "embedded-newlines": EMBEDDED_NL,
    "escapes": ESCAPES,
    "controls": CONTROLS,
    "percent-digits": PERCENT,
    "spaces": "Ikki  bo‘shliq   va uch    ta " * 5 + "     oxirida     ",
    "only-newlines": "\n\n\n",
    "trailing-newline-long": UZ + "\n",
    "email": "Savollar bo‘yicha: info@example.org, press-center@example.org; " * 3,
}


@pytest.mark.parametrize("name", sorted(PARAGRAPHS))
def test_paragraph_round_trip(tmp_path: Path, name: str) -> None:
    text = PARAGRAPHS[name]
    assert_reproduced(tmp_path, [entry(text, text, refs=[f"content/{name}.md:12"])])


@pytest.mark.parametrize("name", ["uz", "ru", "en", "markup", "embedded-newlines", "long-url", "escapes"])
def test_previous_obsolete_and_context(tmp_path: Path, name: str) -> None:
    text = PARAGRAPHS[name]
    entries = [
        entry(text, text, msgctxt="news/" + text[:60], previous=text[::-1] + text),
        entry(text + " (eski)", text, obsolete=True, previous=text + " (oldingi)"),
        entry(text + " (eski, kontekst)", text, obsolete=True, msgctxt=text[:90]),
    ]
    assert_reproduced(tmp_path, entries)


def test_plural_forms(tmp_path: Path) -> None:
    entries = [entry(UZ, plural=(RU, [EN, MARKUP])), entry("bitta fayl", plural=("%d ta fayl", ["", ""]))]
    assert_reproduced(tmp_path, entries, PLURAL_HEADER)


def test_long_reference_lists(tmp_path: Path) -> None:
    refs = [f"content/news/2024/{i:02d}/maqola-{i}.md:{i * 37}" for i in range(1, 40)]
    refs += ["content/" + "juda-uzun-katalog-nomi/" * 4 + "fayl.md:1", "a.md:2", "b.md"]
    lines = reference_lines(refs)
    assert all(len(line) <= 79 for line in lines if line.count(" ") > 1)
    assert_reproduced(tmp_path, [entry("Havolalar", "Ссылки", refs=refs)])


def test_reference_lines_wrap() -> None:
    assert reference_lines([]) == []
    assert reference_lines(["a.md:1", "b.md:20"]) == ["#: a.md:1 b.md:20"]
    long = "x" * 90 + ".md:1"
    assert reference_lines(["a.md:1", long, "b.md:2"]) == ["#: a.md:1", f"#: {long}", "#: b.md:2"]


PAIR_CHARS = "aЯ1ʻʼ.,;:!?-–—/()[]*`\"“”«»'%\u00a0\\$+|{}…№°„"


def test_every_pair_at_line_end(tmp_path: Path) -> None:
    """For each pair c1 c2 (adjacent or spaced) the continuation line is full right before c2."""
    entries = []
    for i, c1 in enumerate(PAIR_CHARS):
        for j, c2 in enumerate(PAIR_CHARS):
            for gap in ("", " ", "  "):
                key = f"{i}.{j}.{len(gap)} "
                filler = "k" * (77 - len(key) - len(f" y{escape(c1)}{gap}"))  # a line holds 77 columns
                entries.append(entry(f"\n{key}{filler} y{c1}{gap}{c2}zz"))
    assert_reproduced(tmp_path, entries)


ALPHABET = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯўқғҳЎҚҒҲ"
    "ʻʼ0123456789 .,;:!?-–—/()[]*`\"“”«»'%\n\u00a0"
)
WORDS = st.text(st.sampled_from(ALPHABET), min_size=1, max_size=14)
GLUE = st.sampled_from([" ", " ", " ", "  ", "\n", " — ", "-", "/", "**", "`", "](https://example.org/a-b/c?x=1) "])
TEXTS = st.one_of(
    st.text(st.sampled_from(ALPHABET), min_size=40, max_size=300),
    st.lists(WORDS, min_size=5, max_size=50).map(" ".join),
    st.lists(st.one_of(WORDS, GLUE), min_size=10, max_size=80).map("".join),
)


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=TEXTS, shift=st.integers(0, 40))
def test_property_msgcat_reproduces(tmp_path: Path, text: str, shift: int) -> None:
    msgid = "k" * shift + " " + text  # never empty (no second header); shifts the break positions
    entries = [
        entry(msgid, text, refs=["content/maqola.md:7"], msgctxt=text[::-1], previous=text),
        entry(text + "!", msgid, obsolete=True, previous=msgid),
    ]
    assert_reproduced(tmp_path, entries)


def test_fullwidth_punctuation(tmp_path: Path) -> None:
    text = "中" * 38 + "！" + "中" * 5  # the 39th wide character would start a new line
    assert_reproduced(tmp_path, [entry(text, text)])


def test_format_directive(tmp_path: Path) -> None:
    """With a format flag GNU never breaks inside a directive such as %(foo-bar-baz)s."""
    text = "x" * 61 + " %(foo-bar-baz)s tail"
    lines = ["#, python-format", *string_lines("msgid", text, directives="python"), *string_lines("msgstr", text, directives="python")]
    assert string_lines("msgid", text, directives="python") != string_lines("msgid", text)
    assert_reproduced(tmp_path, ["\n".join(lines)])
