"""Uzbek Latin in its two alphabets: the 1995 one (oʻ gʻ sh ch) and the 2026 one (ö ğ ş ç). (The key
that lets a search find a word in any of them, and in Cyrillic, is the site search's: tarjima.search.key.)

The 2026 alphabet, as package documentation of autumn 2026 reports it (Law O'RQ-1184, signed on
21 October 2026, in force from 22 April 2027; the official register could not be read here, so the
project decides by configuration): oʻ → ö, gʻ → ğ, sh → ş, ch → ç, 28 letters and the separating
sign ʼ (tutuq belgisi). Every other letter is the same.

The letters are determined in both directions:

* 1995 → 2026: oʻ gʻ (any apostrophe look-alike) → ö ğ; sh → ş and ch → ç, but sʼh (the sign that
  separates s from h, Isʼhoq) stays sʼh;
* 2026 → 1995: ö ğ ş ç → oʻ gʻ sh ch; s followed by h (two letters in 2026) → sʼh, so that it does
  not read as sh; ș (s with comma below, a look-alike in some keyboards) is read as ş.

What the letters cannot decide is reported, as for Cyrillic: a word in capitals of three letters or
fewer with sh or ch (an acronym: SH may be S and H), which is kept as written. Code spans, links,
URLs, e-mail addresses, HTML and placeholders are never touched (the same tokens as the Cyrillic
derivation), nor are words with letters the Uzbek alphabet lacks (Chicago, Wien): foreign names
keep their spelling in both alphabets.
"""

from __future__ import annotations

import re
from functools import lru_cache

from tarjima.derive.latin2026 import NEW, NEW_LETTERS, OLD_MARK, SH_IN_NEW, caps, nfc, word_to_new, word_to_old
from tarjima.derive.rules import TUTUQ
from tarjima.derive.translit import ADDRESS_HINT, LATIN_TOKENS, LATIN_TOKENS_ADDRESSES, Ambiguity, Derived, tokenize
from tarjima.derive.words import normalize_apostrophes

def _tokens(text: str) -> list[tuple[bool, str]]:
    """Words and the rest (the Cyrillic derivation's tokens: its word pattern has every Latin letter with a mark)."""
    text = nfc(text)
    return tokenize(LATIN_TOKENS_ADDRESSES if ADDRESS_HINT.search(text) else LATIN_TOKENS, text)


Words = tuple[tuple[str, str], ...]  # the project's own spellings: a word as written -> as shown in the other alphabet


@lru_cache(maxsize=16)
def _settled(words: Words) -> dict[str, str]:
    return {nfc(written): shown for written, shown in words}


@lru_cache(maxsize=4096)
def to_new(text: str, words: Words = ()) -> Derived:
    """A 1995-alphabet (or mixed) Uzbek Latin text in the 2026 alphabet, with what was kept undecided
    (``words``: the project's own spellings, ``[tool.tarjima.alphabet.words]``, which settle it)."""
    settled = _settled(words)
    found: dict[str, Ambiguity] = {}
    out = []
    for is_word, part in _tokens(text):
        if is_word and part in settled:
            part = settled[part]
        elif is_word:
            new, reason = word_to_new(part)
            if reason:
                found.setdefault(part, Ambiguity(part, (part, word_to_new(part.lower())[0].upper()), reason))
            part = new
        out.append(part)
    return Derived("".join(out), tuple(found.values()))


@lru_cache(maxsize=4096)
def to_old(text: str, words: Words = ()) -> Derived:
    """A 2026-alphabet (or mixed) Uzbek Latin text in the 1995 alphabet; a word with sh but no 2026
    letter, in a text that has them, is kept and reported (unless ``words`` settles it)."""
    settled = _settled(words)
    tokens = _tokens(text)
    new_text = any(is_word and any(ch in NEW_LETTERS for ch in part) for is_word, part in tokens)
    found: dict[str, Ambiguity] = {}
    out = []
    for is_word, part in tokens:
        if is_word and part in settled:
            part = settled[part]
        elif is_word:
            old = word_to_old(part)
            if new_text and old == part and "sh" in part.lower() and not caps(part):
                found.setdefault(part, Ambiguity(part, (part, part.replace("sh", "s" + TUTUQ + "h")), SH_IN_NEW))
            part = old
        out.append(part)
    return Derived("".join(out), tuple(found.values()))


def to_alphabet(text: str, alphabet: str, words: Words = ()) -> Derived:
    return to_new(text, words) if alphabet == NEW else to_old(text, words)


def letters_of(text: str) -> tuple[list[str], list[str]]:
    """The words of a text written with letters only the 1995 alphabet has, and with letters only the 2026 one has."""
    old: list[str] = []
    new: list[str] = []
    for is_word, part in _tokens(text):
        if not is_word:
            continue
        word = normalize_apostrophes(part)
        if any(ch in NEW_LETTERS for ch in word):
            new.append(part)
        if OLD_MARK.search(word) and not re.search(f"[sS]{TUTUQ}[hH]", word) and word_to_new(part)[0] != part:
            old.append(part)
    return old, new
