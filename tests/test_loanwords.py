"""Loanwords and foreign names right or reported, measured on text nobody here wrote; Uzbek prose not flooded.

The evaluation list is CLDR's names of territories, languages and currencies in both Uzbek scripts, as
Babel ships them (babel/locale-data/uz_Latn.dat and uz_Cyrl.dat): no lexicon of tarjima is built from
it (tools/refresh_uz_lexicon.py takes other packages; benchmarks/loanwords-2026-12-07.md has the figures
and how the list is made). The prose is the shipped reports, the word list's Uzbek rows and news
sentences from fitrat (tests/data/uz_prose_fitrat.txt, MIT) that no lexicon is built from either.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from babel import Locale

from tarjima.derive import Derived, Transliterator
from tarjima.derive.foreign import is_uzbek, native_stems
from tarjima.derive.rules import cyrillic_pieces
from tarjima.derive.words import normalize_apostrophes, shipped_pairs
from tarjima.po import read as po_read
from tarjima.sources import parse_document

ROOT = Path(__file__).resolve().parent.parent
WORD = re.compile(r"[A-Za-zʻʼ'‘’`]+|[А-Яа-яЁёЎўҚқҒғҲҳ]+")
LATIN_WORD = re.compile(r"[A-Za-z]+(?:[ʻʼ'‘’`][A-Za-z]+)*")
OUTCOMES = ("right", "flagged", "reported", "reported without it", "silent")


@dataclass(frozen=True)
class Pair:
    """One word of a CLDR name in both scripts, and the whole Latin name it stands in."""

    label: str
    index: int
    latin: str
    cyrillic: str


def back_to_latin(cyrillic: str) -> str:
    """The Latin that tarjima's Cyrillic rules give a lowercase word, with no dictionary (every letter decided)."""
    return "".join(piece.text for piece in cyrillic_pieces(cyrillic))


def cldr_pairs() -> tuple[list[Pair], Counter[str]]:
    """The words of CLDR's names written the same way in both scripts, and the count of those left out and why.

    A name whose scripts have a different number of words is left out; so is a word whose Cyrillic does
    not convert back to its Latin (case aside): a different wording (Janubiy / Жануби, Mariana / Марианна).
    A Cyrillic language name of one word ends in -ча where the Latin has none (abxaz / абхазча): the Latin
    gets -cha, the word as Uzbek text writes it (abxazcha).
    """
    latin_locale, cyrillic_locale = Locale("uz", script="Latn"), Locale("uz", script="Cyrl")
    pairs: list[Pair] = []
    left: Counter[str] = Counter()
    for kind in ("territories", "languages", "currencies"):
        latin_names, cyrillic_names = getattr(latin_locale, kind), getattr(cyrillic_locale, kind)
        for key, latin_name in sorted(latin_names.items()):
            if key not in cyrillic_names:
                continue
            latin_words, cyrillic_words = WORD.findall(latin_name), WORD.findall(cyrillic_names[key])
            if len(latin_words) != len(cyrillic_words):
                left["names with a different number of words"] += 1
                continue
            if kind == "languages" and len(latin_words) == 1 and cyrillic_words[0].endswith("ча") and not latin_name.endswith("cha"):
                latin_name, latin_words = latin_name + "cha", [latin_name + "cha"]  # abxaz / абхазча: abxazcha
            for index, (latin, cyrillic) in enumerate(zip(latin_words, cyrillic_words)):
                latin = normalize_apostrophes(latin)
                if back_to_latin(cyrillic.lower()) != latin.lower():
                    left["words worded otherwise"] += 1
                    continue
                pairs.append(Pair(latin_name, index, latin, cyrillic))
    return pairs, left


def outcome(engine: Transliterator, pair: Pair) -> str:
    """How the word fares in its whole name: right, flagged (right but reported), reported (with the right
    spelling among the alternatives), reported without it, or silent (wrong and not reported)."""
    derived = engine.to_cyrillic(pair.label)
    words = WORD.findall(derived.text)
    got = words[pair.index].lower() if len(words) == len(WORD.findall(pair.label)) else ""
    reported = [a for a in derived.ambiguities if a.word == pair.latin]
    if got == pair.cyrillic.lower():
        return "flagged" if reported else "right"
    if not reported:
        return "silent"
    offered = {w.lower() for a in reported for alternative in a.alternatives for w in WORD.findall(alternative)}
    return "reported" if pair.cyrillic.lower() in offered else "reported without it"


@pytest.fixture(scope="module")
def engine() -> Transliterator:
    return Transliterator()


@pytest.fixture(scope="module")
def evaluated(engine: Transliterator) -> dict[Pair, str]:
    return {pair: outcome(engine, pair) for pair in cldr_pairs()[0]}


def figures(results: dict[Pair, str]) -> str:
    counts = Counter(results.values())
    good = len(results) - counts["silent"]
    return f"{len(results)} words: " + ", ".join(f"{counts[o]} {o}" for o in OUTCOMES) + f"; right or reported {100 * good / len(results):.2f}%"


def test_cldr_names_right_or_reported(evaluated: dict[Pair, str]) -> None:
    """At least 300 words of names nobody here wrote: >= 99.5% right or reported, the right spelling offered."""
    silent = [f"{p.latin} -> not {p.cyrillic} (in {p.label!r})" for p, o in evaluated.items() if o == "silent"]
    print("\nCLDR names, all words: " + figures(evaluated) + "\n  silent: " + "; ".join(silent))
    assert len(evaluated) >= 300
    assert len(silent) <= 0.005 * len(evaluated), figures(evaluated) + "; silent: " + "; ".join(silent)
    assert Counter(evaluated.values())["reported without it"] <= 0.005 * len(evaluated), figures(evaluated)


def test_cldr_names_outside_the_dictionaries(evaluated: dict[Pair, str]) -> None:
    """The words no dictionary lists and that are not Uzbek words: decided by the letter rules, the
    foreign-looking test and news text alone; still >= 99.5% right or reported."""
    listed = set(shipped_pairs()) | set(shipped_pairs("uz_lexicon.csv"))
    stems = native_stems()
    rest = {
        p: o for p, o in evaluated.items()
        if p.latin.lower() not in listed and not is_uzbek(p.latin.lower(), stems)
    }  # fmt: skip
    print("\nCLDR names, foreign words outside the dictionaries: " + figures(rest))
    assert len(rest) >= 150, figures(rest)
    assert Counter(rest.values())["silent"] <= 0.005 * len(rest), figures(rest)


def test_evaluation_list_is_kept_apart(evaluated: dict[Pair, str]) -> None:
    """The refreshed lexicons name their sources, and CLDR (Babel) is not one of them."""
    for name in ("uz_lexicon.csv", "uz_native.txt", "uz_attested.txt"):
        head = "".join(line for line in (ROOT / "src/tarjima/derive" / name).read_text(encoding="utf-8").splitlines(True) if line.startswith("#"))
        assert "sha256" in head and "licence MIT" in head, name
        assert "babel" not in head.lower() and "cldr" not in head.lower(), name


@pytest.mark.parametrize(
    ("latin", "chosen", "offered"),
    [
        ("Malta", "Малта", "Мальта"),  # l before a consonant in a foreign-looking word
        ("yoruba", "ёруба", "йоруба"),  # yo at the start
        ("Mayotta va Reyunion", "Маётта", "Майотта"),  # yo after a vowel
        ("Men oroli", "Мен", "Мэн"),  # an Uzbek word (I) whose other reading news text writes as a name
        ("San-Tome va Prinsipi", "Принципи", "Принсипи"),  # a dictionary word (принцип) and -i, or a name
        ("senzura", "цензура", "сензура"),  # a package's list has цензура, which news text does not confirm
    ],
)
def test_a_foreign_looking_word_is_reported(engine: Transliterator, latin: str, chosen: str, offered: str) -> None:
    """A foreign-looking word whose Russian-style reading differs is reported, both spellings offered."""
    derived = engine.to_cyrillic(latin)
    [ambiguity] = [a for a in derived.ambiguities if chosen in a.alternatives[0]]
    assert ambiguity.reason and any(offered in alternative for alternative in ambiguity.alternatives)


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("Belgiya va Fransiya", "Бельгия ва Франция"),  # the dictionaries
        ("Fransuz tili", "Француз тили"),  # fitrat's exception list
        ("Toshkent shahar meri", "Тошкент шаҳар мэри"),  # mer+i, settled by news text (мэри)
        ("Men keldim.", "Мен келдим."),  # the start of a sentence: I
        ("Ular tilda gaplashdi.", "Улар тилда гаплашди."),  # til+da, not тильда (a loan of the package's list)
        ("Professor Karimov va Ergasheva", "Профессор Каримов ва Эргашева"),  # surnames on Uzbek stems
        ("Kelgan mehmonlar yil boʻyi bogʻda ishladi.", "Келган меҳмонлар йил бўйи боғда ишлади."),  # native
    ],
)
def test_uzbek_words_and_listed_loans_are_not_reported(engine: Transliterator, latin: str, cyrillic: str) -> None:
    """Uzbek words (lexicon, suffixes, letters), dictionary loans and spellings news text settles: silent."""
    assert engine.to_cyrillic(latin) == Derived(cyrillic, ())


def shipped_prose() -> Iterator[str]:
    """The texts of the shipped reports written in uz-Latn and of the uz_Latn catalogues' translations."""
    for path in sorted((ROOT / "content").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        doc = parse_document(text, str(path.relative_to(ROOT)), ["uz-Latn", "uz-Cyrl", "ru", "en"])
        if doc.report.lang == "uz-Latn":
            yield from doc.msgids
    for path in sorted((ROOT / "locales/uz_Latn/LC_MESSAGES").glob("*.po")):
        for entry in po_read.read(path.read_bytes(), path.name).entries:
            if entry.msgstr and not entry.obsolete and "fuzzy" not in entry.flags:
                yield entry.msgstr


def test_corpus() -> Iterator[str]:
    """The Uzbek rows of the word list (native words, phrases, titles: not its loanwords and names)."""
    for fields in csv.reader((ROOT / "tests/data/uz_wordlist.csv").read_text(encoding="utf-8").split("\n")):
        if fields and fields[0] in ("native", "phrase", "title"):
            yield fields[1]


test_corpus.__test__ = False  # type: ignore[attr-defined]


def news_prose() -> Iterator[str]:
    for line in (ROOT / "tests/data/uz_prose_fitrat.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            yield line


def flag_rate(engine: Transliterator, texts: list[str]) -> tuple[int, int, Counter[str]]:
    """Words, words reported (once a text, as a derived entry reports them) and the reports by reason."""
    words = sum(len(LATIN_WORD.findall(t)) for t in texts)
    reasons: Counter[str] = Counter()
    for text in texts:
        for ambiguity in engine.to_cyrillic(text).ambiguities:
            reasons[ambiguity.reason.split(":")[0]] += 1
    return words, sum(reasons.values()), reasons


def test_shipped_prose_is_not_flooded(engine: Transliterator) -> None:
    """The shipped reports and the test corpus: at most 1 word reported per 1,000 (every reason counted)."""
    texts = [*shipped_prose(), *test_corpus()]
    words, flags, reasons = flag_rate(engine, texts)
    print(f"\nshipped prose and test corpus: {words} words, {flags} reported ({1000 * flags / words:.2f} per 1,000): {dict(reasons)}")
    assert words >= 1000
    assert flags <= words / 1000, reasons


def test_news_prose_flags(engine: Transliterator) -> None:
    """News prose (fitrat's sentences): the foreign-looking test adds at most 16 reports per 1,000 words to the
    letter rules' own (acronyms, ts, -siya, kept Latin); most are foreign names and brands a person should see."""
    words, flags, reasons = flag_rate(engine, list(news_prose()))
    loan = sum(n for reason, n in reasons.items() if reason.startswith(LOAN_REASONS))
    print(f"\nnews prose: {words} words, {flags} reported ({1000 * flags / words:.2f} per 1,000), {loan} by the foreign-looking test ({1000 * loan / words:.2f} per 1,000)")
    assert words >= 20000
    assert loan <= 16 * words / 1000, reasons


LOAN_REASONS = ("l before", "e after", "s before", "yo at", "a word or a name", "a word of the dictionary", "spelled as uz_lexicon")
