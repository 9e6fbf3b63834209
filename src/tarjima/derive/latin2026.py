"""The letter rules between the two Uzbek Latin alphabets, one word at a time (texts: tarjima.derive.alphabet)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from tarjima.derive.rules import OKINA, TUTUQ
from tarjima.derive.words import normalize_apostrophes

OLD, NEW = "1995", "2026"
ALPHABETS = (OLD, NEW)
NEW_LETTERS = "öğşçÖĞŞÇ"
LOOK_ALIKES = {"ș": "ş", "Ș": "Ş", "ţ": "t"}  # s and t with a comma below, typed for ş on some keyboards
UZBEK_2026 = frozenset("abdefghijklmnopqrstuvxyzöğşç" + TUTUQ)
UZBEK_1995 = frozenset("abdefghijklmnopqrstuvxyz" + OKINA + TUTUQ)
OLD_MARK = re.compile(f"[oOgG]{OKINA}|[sScC][hH]")  # in a normalised word: what only the 1995 alphabet writes
ACRONYM = "acronym with SH or CH kept as written: ş/ç or two letters"


def nfc(text: str) -> str:
    """Composed letters (o + combining diaeresis is ö), look-alikes of ş read as ş."""
    text = unicodedata.normalize("NFC", text) if not text.isascii() else text
    return "".join(LOOK_ALIKES.get(ch, ch) for ch in text) if any(ch in LOOK_ALIKES for ch in text) else text


def caps(word: str) -> bool:
    return word.isupper() and sum(ch.isalpha() for ch in word) >= 2


def _upper_first(text: str, like: str, in_caps: bool) -> str:
    """A letter group in the case of the source letters: all capitals in a word in capitals, else the first."""
    if in_caps:
        return text.upper()
    return text[:1].upper() + text[1:] if like[:1].isupper() else text


@lru_cache(maxsize=65536)
def word_to_new(source: str) -> tuple[str, str]:
    """One word in the 2026 alphabet, and the reason it was kept if it was undecided ("")."""
    word = normalize_apostrophes(nfc(source))
    lower = word.lower()
    if not all(ch in UZBEK_1995 or ch in UZBEK_2026 or (ch == "c" and lower[i + 1 : i + 2] == "h") for i, ch in enumerate(lower)):
        return source, ""  # a foreign word: kept
    in_caps = caps(word)
    if in_caps and len(word) <= 3 and ("SH" in word or "CH" in word):
        return source, ACRONYM
    out: list[str] = []
    i, n = 0, len(word)
    while i < n:
        pair = lower[i : i + 2]
        if pair in ("o" + OKINA, "g" + OKINA):
            out.append(_upper_first("ö" if pair[0] == "o" else "ğ", word[i], in_caps))
            i += 2
        elif lower[i : i + 3] == "s" + TUTUQ + "h":
            out.append(word[i : i + 3])
            i += 3
        elif pair in ("sh", "ch"):
            out.append(_upper_first("ş" if pair[0] == "s" else "ç", word[i], in_caps))
            i += 2
        else:
            out.append(word[i])
            i += 1
    return "".join(out), ""


@lru_cache(maxsize=65536)
def word_to_old(source: str) -> str:
    """One word of the 2026 alphabet in the 1995 alphabet; a word without a 2026 letter is left as it is
    (it is spelled alike in both, or it is 1995 already)."""
    word = normalize_apostrophes(nfc(source))
    lower = word.lower()
    if not any(ch in NEW_LETTERS for ch in word) or not all(ch in UZBEK_2026 or ch in UZBEK_1995 for ch in lower):
        return source  # nothing to convert, or a foreign word (c outside ç, w, accents): kept
    in_caps = caps(word)
    out: list[str] = []
    for i, ch in enumerate(word):
        low = lower[i]
        if low in "öğ":
            out.append(_upper_first(("o" if low == "ö" else "g") + OKINA, ch, in_caps))
        elif low in "şç":
            out.append(_upper_first("sh" if low == "ş" else "ch", ch, in_caps))
        elif low == "h" and i and lower[i - 1] == "s":
            out.append(TUTUQ + ch)  # s+h, two letters where ş is written: the 1995 alphabet separates them
        else:
            out.append(ch)
    return "".join(out)


SH_IN_NEW = "sh in a 2026 text: ş left unwritten, or s and h (Isʼhoq: write the sign)"
