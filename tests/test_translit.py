"""Uzbek Latin <-> Cyrillic: the word list of standard spellings, Markdown left alone, the word list files."""

from __future__ import annotations

import csv
import dataclasses
import re
from collections import Counter
from pathlib import Path

import pytest

from tarjima.derive import Ambiguity, Derived, Transliterator, load_pairs
from tarjima.derive.words import normalize_apostrophes, shipped_pairs
from tarjima.errors import InputError

WORDLIST = Path(__file__).parent / "data" / "uz_wordlist.csv"
KINDS = {"native", "loan", "name", "acronym", "url", "caps", "title", "phrase"}
MUST_BE_RIGHT = KINDS - {"loan", "name"}  # loanwords and names may be reported instead


@dataclasses.dataclass(frozen=True)
class Row:
    """One line of the word list."""

    line: int
    kind: str
    latin: str
    cyrillic: str
    back: str  # the Latin the Cyrillic converts back to


def rows() -> list[Row]:
    """The rows of tests/data/uz_wordlist.csv."""
    text = WORDLIST.read_text(encoding="utf-8")
    found = []
    for number, fields in enumerate(csv.reader(text.split("\n")), 1):
        if not fields or fields[0].startswith("#"):
            continue
        kind, latin, cyrillic, *back = fields
        assert kind in KINDS, f"{WORDLIST.name}:{number}: unknown kind {kind!r}"
        found.append(Row(number, kind, latin, cyrillic, back[0] if back else latin))
    return found


@pytest.fixture(scope="module")
def engine() -> Transliterator:
    return Transliterator()


def _words(text: str) -> list[str]:
    return re.findall(r"[\wʻʼ]+", text)


def outcome(row: Row, derived: Derived) -> str:
    """right, flagged (right but reported), reported (wrong, the right spelling offered) or wrong."""
    if derived.text == row.cyrillic:
        return "flagged" if derived.ambiguities else "right"
    offered = {word for a in derived.ambiguities for alt in a.alternatives for word in _words(alt)}
    got, want = _words(derived.text), _words(row.cyrillic)
    missed = [w for g, w in zip(got, want) if g != w and w not in offered]
    return "reported" if len(got) == len(want) and not missed else "wrong"


def test_word_list_figures(engine: Transliterator) -> None:
    """Every regular word right, every loanword right or reported, none wrong unreported, < 5% flagged."""
    table = rows()
    results = {row: outcome(row, engine.to_cyrillic(row.latin)) for row in table}
    counts = Counter(results.values())
    correct = counts["right"] + counts["flagged"]
    flagged_share = 100 * counts["flagged"] / correct
    figures = (
        f"{len(table)} rows: {counts['right']} right, {counts['flagged']} right but reported "
        f"({flagged_share:.1f}% of {correct} correct), {counts['reported']} wrong and reported, "
        f"{counts['wrong']} wrong and unreported"
    )
    print("\n" + figures)
    for row, result in results.items():
        if result in ("flagged", "reported"):
            print(f"  {result}: {row.latin} -> {engine.to_cyrillic(row.latin)}")

    def listing(rows: list[Row]) -> str:
        return "; ".join(f"line {r.line} {r.latin!r} -> {engine.to_cyrillic(r.latin).text!r}, not {r.cyrillic!r}" for r in rows)

    wrong = [row for row, result in results.items() if result == "wrong"]
    not_right = [r for r, result in results.items() if r.kind in MUST_BE_RIGHT and result not in ("right", "flagged")]
    assert len(table) >= 150, figures
    assert Counter(row.kind for row in table).keys() == KINDS, figures
    assert not wrong, f"{figures}; {listing(wrong)}"
    assert not not_right, f"{figures}; {listing(not_right)}"
    assert flagged_share < 5, figures


def test_word_list_back_to_latin(engine: Transliterator) -> None:
    """The Cyrillic of every row converts back to its Latin, with ʻ (U+02BB) and ʼ (U+02BC)."""
    wrong = [(r.line, r.cyrillic, engine.to_latin(r.cyrillic).text, r.back) for r in rows()]
    wrong = [item for item in wrong if item[2] != item[3]]
    assert not wrong
    assert not any(engine.to_latin(r.cyrillic).ambiguities for r in rows())


def test_shipped_words_convert_back(engine: Transliterator) -> None:
    """Each shipped Cyrillic word converts back to the first Latin spelling listed for it."""
    first: dict[str, str] = {}
    for latin, cyrillic in shipped_pairs().items():
        if cyrillic != "=":
            first.setdefault(cyrillic, latin)
    assert {c: engine.to_latin(c).text for c in first} == first


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("Shahar", "Шаҳар"),
        ("SHAHAR va QISHLOQ", "ШАҲАР ва ҚИШЛОҚ"),
        ("ShAHAR", "ШАҲАР"),
        ("OʻzA", "ЎзА"),
        ("Yevropa", "Европа"),
        ("O'zbekiston g‘alabasi", "Ўзбекистон ғалабаси"),  # look-alikes after o/g are ʻ
        ("ma'naviyat va ta’lim", "маънавият ва таълим"),  # elsewhere they are ʼ
        ("'Yangi hayot' gazetasi", "'Янги ҳаёт' газетаси"),  # quotation marks stay
        ("Is'hoq", "Исҳоқ"),
        ("KONFERENSIYADA", "КОНФЕРЕНЦИЯДА"),
        ("Konferensiyasida", "Конференциясида"),
    ],
)
def test_letters_and_case(engine: Transliterator, latin: str, cyrillic: str) -> None:
    """Case is kept letter by letter; apostrophe look-alikes read as ʻ or ʼ; dictionary stems take suffixes."""
    assert engine.to_cyrillic(latin) == Derived(cyrillic, ())


@pytest.mark.parametrize(
    "markup",
    [
        "[havola](https://proacademy.uz/yangiliklar?id=5 'sarlavha')",
        "![rasm](rasmlar/seminar.jpg)",
        "[matn][manba]",
        "`kod ichida soʻz`",
        "``ikki ` belgi``",
        "<https://iiv.uz/qonun>",
        "<info@proacademy.uz>",
        '<a href="https://iiv.uz" title="sayt">',
        "<!-- izoh -->",
        "https://iiv.uz/uz/news/yangilik-1.",
        "press@proacademy.uz",
        "{name} {0} {{ sana }} %(count)d %s",
        "&nbsp; &#8212;",
        "*_[]()#>~|1234567890",
    ],
)
def test_markup_left_alone(engine: Transliterator, markup: str) -> None:
    """Markdown syntax, link destinations, code, autolinks, HTML, URLs, e-mails and placeholders are copied."""
    cyrillic = engine.to_cyrillic(markup).text
    expected = {
        "[havola](https://proacademy.uz/yangiliklar?id=5 'sarlavha')": "[ҳавола](https://proacademy.uz/yangiliklar?id=5 'сарлавҳа')",
        "![rasm](rasmlar/seminar.jpg)": "![расм](rasmlar/seminar.jpg)",
        "[matn][manba]": "[матн][manba]",
        "https://iiv.uz/uz/news/yangilik-1.": "https://iiv.uz/uz/news/yangilik-1.",
    }
    assert cyrillic == expected.get(markup, markup)
    assert engine.to_latin(cyrillic).text == markup


def test_a_native_paragraph_is_not_reported(engine: Transliterator) -> None:
    """A paragraph of native words and regular loanwords converts silently (no doubt on every e)."""
    text = (
        "Akademiyada “Jinoyatchilikka qarshi kurashda xalqaro hamkorlik” mavzusida ilmiy-amaliy seminar "
        "boʻlib oʻtdi. Unda professor-oʻqituvchilar, kursantlar hamda xorijlik ekspertlar ishtirok etdi. "
        "Tadbir yakunida ishtirokchilarga sertifikatlar topshirildi, yangi loyihalar eʼlon qilindi."
    )
    derived = engine.to_cyrillic(text)
    assert derived.ambiguities == ()
    assert derived.text.startswith("Академияда “Жиноятчиликка қарши курашда халқаро ҳамкорлик” мавзусида")
    assert engine.to_latin(derived.text).text == text


@pytest.mark.parametrize(
    ("latin", "chosen", "others"),
    [
        ("Tatyana", "Татяна", {"Татьяна"}),
        ("inyeksiya", "инъексия", {"иньексия", "инексия", "инйексия", "инъекция"}),
        ("kvarts", "квартс", {"кварц"}),
        ("litsenzent", "лиценз", set()),
        ("Washington", "Washington", set()),
        ("XDP", "XDP", {"ХДП"}),
    ],
)
def test_undecided_words_are_reported(engine: Transliterator, latin: str, chosen: str, others: set[str]) -> None:
    """A word the rules cannot decide is reported once, with the chosen spelling first and the others after."""
    derived = engine.to_cyrillic(f"{latin} va {latin}")
    assert len(derived.ambiguities) == 1
    ambiguity = derived.ambiguities[0]
    assert ambiguity.word == latin and ambiguity.reason
    assert ambiguity.alternatives[0].startswith(chosen)
    assert others <= set(ambiguity.alternatives)


def test_kept_words(engine: Transliterator) -> None:
    """Words the word list keeps (=) stay in Latin, alone, before a suffix and in capitals."""
    assert engine.to_cyrillic("PhD darajasi, GPSga ulangan IT-park, IELTS") == Derived(
        "PhD даражаси, GPSга уланган IT-парк, IELTS", ()
    )


def test_short_caps_in_a_headline() -> None:
    """A short word in capitals next to others is converted and reported; alone it is an acronym."""
    engine = Transliterator()
    assert engine.to_cyrillic("VA").text == "VA"
    derived = engine.to_cyrillic("SUD VA TERGOV")
    assert derived.text == "СУД ВА ТЕРГОВ"
    assert [a.word for a in derived.ambiguities] == ["VA"]


def test_project_pairs_come_first(tmp_path: Path) -> None:
    """A project's word list takes precedence over the shipped one, in both directions."""
    path = tmp_path / "words.csv"
    path.write_text("# latin,cyrillic\nlatin,cyrillic\ndekabr,декабрь\nXDP,ХДП\nsentyabr,сентябрь\nkvarts,кварц\n", encoding="utf-8")
    engine = Transliterator(load_pairs(path))
    assert engine.to_cyrillic("XDP va kvartsni").text == "ХДП ва кварцни"
    assert engine.to_latin("сентябрда").text == "sentyabrda"
    assert Transliterator().to_latin("сентябрда").text == "sentabrda"


@pytest.mark.parametrize(
    ("content", "line", "message"),
    [
        ("dekabr;декабрь\n", 1, "expected two fields"),
        ("# ok\n\ndekabr,декабрь,x\n", 3, "expected two fields"),
        ("dekabr,\n", 1, "expected two fields"),
        ("dekabr,dekabr\n", 1, "not one word in Uzbek Cyrillic"),
        ("xalq aro,халқаро\n", 1, "not one word in Uzbek Latin"),
        ("Washington,Вашингтон\n", 1, "not one word in Uzbek Latin"),
        ("rol,роль\nrol,рол\n", 2, "given twice"),
    ],
)
def test_load_pairs_refuses_a_bad_line(tmp_path: Path, content: str, line: int, message: str) -> None:
    """A bad line is an InputError naming the file and the line."""
    path = tmp_path / "words.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_pairs(path)
    assert caught.value.line == line and message in caught.value.message
    assert str(caught.value).startswith(f"{path}:{line}: ")


def test_load_pairs_missing_and_undecodable(tmp_path: Path) -> None:
    """A missing or non-UTF-8 word list is an InputError naming the file."""
    with pytest.raises(InputError, match="not found"):
        load_pairs(tmp_path / "none.csv")
    (tmp_path / "latin1.csv").write_bytes("dekabr,\xe4\n".encode("latin-1"))
    with pytest.raises(InputError, match="UTF-8"):
        load_pairs(tmp_path / "latin1.csv")


def test_results_are_cached_values(engine: Transliterator) -> None:
    """The same text gives the same frozen result, from the cache."""
    first = engine.to_cyrillic("Toshkent shahri")
    assert engine.to_cyrillic("Toshkent shahri") is first
    with pytest.raises(dataclasses.FrozenInstanceError):
        first.text = "x"  # type: ignore[misc]
    assert isinstance(Ambiguity("a", ("b",), "c"), Ambiguity)


def test_normalize_apostrophes() -> None:
    """Look-alikes after o/g become ʻ (U+02BB), elsewhere ʼ (U+02BC)."""
    assert normalize_apostrophes("O'g`il ma’no") == "Oʻgʻil maʼno"
