"""Letter rules between Uzbek Latin (1995 orthography) and Uzbek Cyrillic, one lowercase word at a time.

A word is converted into pieces: each piece covers a span of the source word (so that its case can be
copied) and may carry the other spellings the rules could not rule out. The callers in translit.py
deal with case, dictionaries, acronyms and Markdown.
"""

from __future__ import annotations

from typing import NamedTuple

OKINA = "\u02bb"  # ʻ: the letters oʻ and gʻ
TUTUQ = "\u02bc"  # ʼ: the separating sign (tutuq belgisi), Cyrillic ъ

START, VOWEL, CONSONANT, SIGN = range(4)  # what precedes a letter: its context

LATIN_VOWELS = frozenset("aeiou")
CYRILLIC_VOWELS = frozenset("аеёиоуэюяўы")
UZBEK_LATIN = frozenset("abdefghijklmnopqrstuvxyz" + OKINA + TUTUQ)  # c only in ch, see is_uzbek_latin

LATIN_LETTERS = {
    "a": "а", "b": "б", "d": "д", "f": "ф", "g": "г", "h": "ҳ", "i": "и", "j": "ж", "k": "к", "l": "л",
    "m": "м", "n": "н", "o": "о", "p": "п", "q": "қ", "r": "р", "s": "с", "t": "т", "u": "у", "v": "в",
    "x": "х", "y": "й", "z": "з", TUTUQ: "ъ",
}  # fmt: skip
IOTATED = {"o": "ё", "u": "ю", "a": "я", "e": "е"}  # y + vowel written as one Cyrillic letter
CYRILLIC_LETTERS = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ж": "j", "з": "z", "и": "i", "й": "y", "к": "k",
    "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f",
    "х": "x", "ч": "ch", "ш": "sh", "щ": "sh", "ы": "i", "э": "e", "ю": "yu", "я": "ya", "ё": "yo",
    "ў": "o" + OKINA, "қ": "q", "ғ": "g" + OKINA, "ҳ": "h",
}  # fmt: skip
NATIVE_TS = ("a", "in", "iz", "un")  # t + the suffixes -sa, -sin, -siz, -sun: ketsa, aytsin, otsiz


class Piece(NamedTuple):
    """Output for the source letters [start, end); other spellings when the rules cannot decide."""

    start: int
    end: int
    text: str
    others: tuple[str, ...] = ()
    reason: str = ""


def is_uzbek_latin(word: str) -> bool:
    """The lowercase word uses only letters of the Uzbek Latin alphabet (c only in ch)."""
    return all(ch in UZBEK_LATIN or (ch == "c" and word[i + 1 : i + 2] == "h") for i, ch in enumerate(word))


def _latin_context(word: str, index: int) -> tuple[int, str]:
    """The context of the letter at index: what kind of letter precedes it, and that letter."""
    if index == 0:
        return START, ""
    before = word[index - 1]
    if before == OKINA:
        return (VOWEL, "o") if word[index - 2 : index - 1] == "o" else (CONSONANT, "g")
    if before == TUTUQ:
        return SIGN, before
    return (VOWEL if before in LATIN_VOWELS else CONSONANT), before


def latin_pieces(word: str, start: int = 0) -> list[Piece]:
    """Cyrillic pieces for a lowercase Uzbek Latin word from index start (earlier letters give context)."""
    pieces: list[Piece] = []
    context, last = _latin_context(word, start)
    i, n = start, len(word)
    while i < n:
        ch, nxt = word[i], word[i + 1 : i + 2]
        after = word[i + 2 : i + 3]
        if ch in "og" and nxt == OKINA:
            pieces.append(Piece(i, i + 2, "ў" if ch == "o" else "ғ"))
            context, last, i = (VOWEL if ch == "o" else CONSONANT), ch, i + 2
            continue
        if ch == "s" and nxt == TUTUQ and after == "h":  # Isʼhoq: the sign only separates s from h
            pieces.append(Piece(i, i + 2, "с"))
            context, last, i = CONSONANT, "s", i + 2
            continue
        if ch in "sc" and nxt == "h":
            pieces.append(Piece(i, i + 2, "ш" if ch == "s" else "ч"))
            context, last, i = CONSONANT, "h", i + 2
            continue
        if ch == "t" and nxt == "s" and not word.startswith(NATIVE_TS, i + 2):
            piece = _ts(word, i, context)
            if piece is not None:
                pieces.append(piece)
                context, last, i = CONSONANT, "s", i + 2
                continue
        if ch == "y" and nxt in IOTATED and not (nxt == "o" and after == OKINA):
            pieces.append(_iotated(word, i, context, last))
            context, last, i = VOWEL, nxt, i + 2
            continue
        if ch == "e":
            pieces.append(Piece(i, i + 1, "е" if context == CONSONANT else "э"))
        elif ch == "s" and context == CONSONANT and last != "s" and word.startswith("iya", i + 1):
            pieces.append(Piece(i, i + 1, "с", ("ц",), "-siya after a consonant: с (versiya) or ц (konferensiya)"))
        else:
            pieces.append(Piece(i, i + 1, LATIN_LETTERS.get(ch, ch)))
        context = SIGN if ch == TUTUQ else VOWEL if ch in LATIN_VOWELS else CONSONANT
        last, i = ch, i + 1
    return pieces


def _ts(word: str, i: int, context: int) -> Piece | None:
    """ts that is not t + a suffix: ц in -tsiya/-tsion after a vowel, otherwise undecided."""
    if context == VOWEL and word.startswith(("iy", "io", "ia"), i + 2):  # delegatsiya, assotsiatsiya
        return Piece(i, i + 2, "ц")
    if context in (VOWEL, START):
        return Piece(i, i + 2, "ц", ("тс",), "ts: ц in a loanword or т+с")
    return Piece(i, i + 2, "тс", ("ц",), "ts: т+с or ц in a loanword")


def _iotated(word: str, i: int, context: int, last: str) -> Piece:
    """y + o/u/a/e: one Cyrillic letter, except after consonants where a Russian ь/ъ may stand."""
    vowel = word[i + 1]
    letter = IOTATED[vowel]
    if context != CONSONANT or last == "y":  # yangi, ayol, Mirziyoyev, tayyor
        return Piece(i, i + 2, letter)
    if vowel == "a" and word.startswith("p", i + 2):  # -yap-, the present tense: ketyapti
        return Piece(i, i + 2, letter)
    if vowel == "o":  # dunyo, daryo, Elyor, aktyor; ль+о (batalyon -> батальон) is rare: the word list has it
        return Piece(i, i + 2, letter)
    if vowel == "e":
        return Piece(i, i + 2, "ъе", ("ье", "е", "йе"), f"{last}ye: ъе (obyekt), ье (pyesa) or е")
    return Piece(i, i + 2, letter, ("ь" + letter,), f"{last}y{vowel}: {letter} or ь{letter}")


def cyrillic_pieces(word: str, start: int = 0) -> list[Piece]:
    """Latin pieces for a lowercase Uzbek Cyrillic word from index start (earlier letters give context)."""
    pieces: list[Piece] = []
    context = START
    if start:
        before = word[start - 1]
        context = SIGN if before in "ъь" else VOWEL if before in CYRILLIC_VOWELS else CONSONANT
    for i in range(start, len(word)):
        ch = word[i]
        if ch == "е":
            text = "e" if context == CONSONANT else "ye"
        elif ch == "ц":
            text = "ts" if context == VOWEL else "s"
        elif ch == "ъ":
            text = "" if word[i - 1 : i] == "ў" or word[i + 1 : i + 2] in ("е", "ё", "ю", "я") else TUTUQ
        elif ch == "ь":
            text = ""
        elif ch == "с" and word[i + 1 : i + 2] == "ҳ":
            text = "s" + TUTUQ  # Исҳоқ -> Isʼhoq: s+h that is not sh
        else:
            text = CYRILLIC_LETTERS.get(ch, ch)
        pieces.append(Piece(i, i + 1, text))
        context = SIGN if ch in "ъь" else VOWEL if ch in CYRILLIC_VOWELS else CONSONANT
    return pieces
