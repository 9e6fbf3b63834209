"""Which words look foreign, and the spellings Russian-style Cyrillic would give them (ль, э, ц, й+o).

Uzbek Cyrillic writes loanwords and foreign names as Russian does (Бельгия, Мэн, француз, йоруба),
while the letter rules spell as Uzbek is spelled (Белгия, Мен, франсуз, ёруба). The rules cannot
tell the two apart, so a word they would convert is looked at twice:

- Is it Uzbek? By its letters (q, oʻ, gʻ or the separating sign ʼ: no Russian loan has them), or by
  its stem: a word of the native lexicon (uz_native.txt, see tools/refresh_uz_lexicon.py) followed
  only by Uzbek suffixes (noun endings, verb forms). An Uzbek word is spelled by the rules alone.
- Otherwise, where a loan reading differs from the rules', the piece gets it as an alternative:
  l before a consonant or at the end (л or ль: Мальта), e after a consonant at the end, or as the
  first vowel of a name or of a word of one syllable (е or э: Мэн, мэр), s before e or i at the start
  or after a consonant (с or ц: цензура), yo at the start and yo/ye after a vowel (ё or йо: йоруба,
  Майотта; not the surname ending -yev). translit.py then asks news text how the word, or its stem
  before Uzbek suffixes, is spelled (uz_attested.txt): one spelling seen clearly more often than the
  others settles it; otherwise the word is reported, the rules' spelling first.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib.resources import files

from tarjima.derive.rules import LATIN_VOWELS, OKINA, TUTUQ, Piece
from tarjima.derive.words import LATIN_SUFFIXES

MIN_STEM = 3  # a shorter stem is Uzbek as a whole word of the lexicon or before a verb form (ol+gan), not se+u+ta
MIN_SEEN, RATIO = 2, 3  # a spelling settles a word when seen this often, and this many times as often as any other
UZBEK_LETTERS = re.compile(f"q|[og]{OKINA}|{TUTUQ}")  # letters no Russian loanword has in Uzbek Latin
# What may follow a verb stem: voice, negation, a verb form, then the endings a noun takes (LATIN_SUFFIXES).
VERB_TAIL = re.compile(
    "(?:il|in|ish|tir|dir|t|gaz|giz|kaz|kiz|qaz|qiz|ar|ir|iz|lan|lash|la)*(?:ma|may)?"
    "(?:moqda|moqchi|moq|ydigan|adigan|digan|yotgan|yotib|yotir|yotibdi|yapti|yap|ayotgan|ajak|uvchi|vchi|gancha|guncha|gach|gani|gan|kan|qan"
    "|ib|b|di|ti|adi|ydi|ar|r|mas|sa|sin|sh|ish|uv|v|a|y|gin|ing|ingiz|ay|aylik|ylik)?"
    "(?:man|san|miz|siz|dilar|lar|dir|di|ti|k|m|ng|)"
)
NAME_END = re.compile(f"(?:y?ev|ov)(?:a|ich|na)?{LATIN_SUFFIXES.pattern}")  # Karimov, Ergasheva, Abdullayev
SURNAME = re.compile(f"yev(?:a|ich|na)?{LATIN_SUFFIXES.pattern}")  # Vafoyev, Ziyayeva: е, never йе
READINGS = {
    "l": ("л", "ль", "l before a consonant or at the end of a foreign-looking word: л, or ль as in Мальта"),
    "e": ("е", "э", "e after a consonant, as the first vowel or at the end of a foreign-looking word: е, or э as in Мэн"),
    "s": ("с", "ц", "s before e or i, at the start or after a consonant, in a foreign-looking word: с, or ц as in цензура"),
}
IOTA = {"ё": "йо", "ю": "йу", "я": "йа", "е": "йе"}
IOTA_REASON = "yo at the start, or yo/ye after a, e, o or u, in a foreign-looking word: ё/е, or й as in йоруба"


@lru_cache(1)
def attested_forms() -> dict[str, tuple[int, int]]:
    """Cyrillic forms seen in news text (uz_attested.txt): times seen, and times capitalised inside a sentence."""
    text = files("tarjima.derive").joinpath("uz_attested.txt").read_text(encoding="utf-8")
    forms = {}
    for line in text.split("\n"):
        if line and not line.startswith("#"):
            form, seen, named = line.split(" ")
            forms[form] = (int(seen), int(named))
    return forms


def settled(spellings: tuple[str, ...], forms: dict[str, tuple[int, int]], name: bool = False) -> str | None:
    """The one spelling the news text attests: seen at least MIN_SEEN times and RATIO times as often as any other.
    A word standing as a name takes the spelling seen as a name, or the rules' one (first) when no other is seen
    at all: Sent is Сент or reported, though цент is the commoner word."""
    chosen = _most(spellings, forms, 0)
    if not name or chosen == spellings[0]:
        return chosen
    return _most(spellings, forms, 1)


def _most(spellings: tuple[str, ...], forms: dict[str, tuple[int, int]], column: int) -> str | None:
    seen = sorted(((forms.get(s.lower(), (0, 0))[column], s) for s in spellings), reverse=True)
    best, spelling = seen[0]
    runner_up = seen[1][0] if len(seen) > 1 else 0
    return spelling if best >= MIN_SEEN and best >= RATIO * runner_up else None


def named(spellings: tuple[str, ...], forms: dict[str, tuple[int, int]]) -> bool:
    """Some spelling is attested as a name (capitalised inside a sentence)."""
    return any(forms.get(s.lower(), (0, 0))[1] for s in spellings)


@lru_cache(1)
def native_stems() -> frozenset[str]:
    """The stems of the native lexicon that ships with tarjima (uz_native.txt)."""
    text = files("tarjima.derive").joinpath("uz_native.txt").read_text(encoding="utf-8")
    return frozenset(line for line in text.split("\n") if line and not line.startswith("#"))


def _tail(word: str, end: int) -> bool:
    """Only Uzbek suffixes follow the stem word[:end]: a verb tail (perhaps none), then the endings of a noun."""
    return any(VERB_TAIL.fullmatch(word, end, cut) and LATIN_SUFFIXES.fullmatch(word, cut) for cut in range(len(word), end - 1, -1))


def _name_tail(word: str, end: int) -> bool:
    """A surname's ending, then the endings of a noun, follows the stem word[:end] (Sulton+ov, Ergash+eva)."""
    return bool(NAME_END.fullmatch(word, end))


def uzbek_stem(word: str, stems: frozenset[str]) -> int | None:
    """Where the Uzbek stem of a lowercase Latin word ends (its whole length when its letters make it Uzbek),
    or None: a native stem followed only by Uzbek suffixes."""
    if UZBEK_LETTERS.search(word) or word in stems:
        return len(word)
    for end in range(len(word) - 1, MIN_STEM - 1, -1):
        if word[:end] in stems and (_tail(word, end) or _name_tail(word, end)):
            return end
    return 2 if word[:2] in stems and VERB_TAIL.fullmatch(word, 2) and len(word) > 3 else None  # ol+gan, de+di


def is_uzbek(word: str, stems: frozenset[str]) -> bool:
    """A lowercase Latin word is Uzbek by its letters, or by a native stem followed only by Uzbek suffixes."""
    return uzbek_stem(word, stems) is not None


def loan_readings(word: str, pieces: list[Piece], name: bool) -> list[Piece]:
    """The pieces of a foreign-looking lowercase word with the Russian-style spellings as alternatives
    (none for a word without a vowel: an abbreviation such as mln); name: the word is capitalised."""
    vowels = [i for i, ch in enumerate(word) if ch in LATIN_VOWELS]
    if not vowels:
        return pieces
    stem = next((end for end in range(MIN_STEM, len(word)) if LATIN_SUFFIXES.fullmatch(word, end)), len(word))
    one_syllable = sum(ch in LATIN_VOWELS for ch in word[:stem]) == 1  # mer, mer+i
    first_vowel = vowels[0] if name or one_syllable else -1  # э after a consonant: names (Мэн) and мэр, not баннер
    return [piece if piece.others else _reading(word, piece, first_vowel) for piece in pieces]


def _reading(word: str, piece: Piece, first_vowel: int) -> Piece:
    """One piece with its loan reading, when it has one."""
    source = word[piece.start : piece.end]
    before = word[piece.start - 1 : piece.start]
    after = word[piece.end : piece.end + 1]
    consonant_before = bool(before) and before not in LATIN_VOWELS and before not in (OKINA, TUTUQ)
    if source == "l" and after != "l" and (not after or after not in LATIN_VOWELS and after not in "y" + OKINA + TUTUQ):
        return piece._replace(others=(READINGS["l"][1],), reason=READINGS["l"][2])
    if source == "e" and consonant_before and (piece.start == first_vowel or not after):
        return piece._replace(others=(READINGS["e"][1],), reason=READINGS["e"][2])
    at_suffix = bool(LATIN_SUFFIXES.fullmatch(word, piece.end))  # balans+i: the vowel is an Uzbek ending's
    if source == "s" and (not before or consonant_before and before != "s") and after in ("e", "i") and not at_suffix:
        return piece._replace(others=(READINGS["s"][1],), reason=READINGS["s"][2])
    if source[:1] == "y" and len(source) == 2 and piece.text in IOTA:
        if source == "yo" and not before or source in ("yo", "ye") and before in "aeou" and not SURNAME.fullmatch(word, piece.start):
            return piece._replace(others=(IOTA[piece.text],), reason=IOTA_REASON)
    return piece
