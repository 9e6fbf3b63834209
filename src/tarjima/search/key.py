"""The search key of Uzbek text: one spelling for Cyrillic, both Latin alphabets and every apostrophe, so that
"Тошкент", "Toshkent" and "Toşkent", or "oʻquv", "o'quv", "o`quv" and "oquv", find the same reports.

The same function is written once more in JavaScript (``key.js`` beside this module), which the
search page applies to what a reader types; ``tests/data/search_key.tsv`` holds the golden pairs
both are tested against (tests/test_search_key.py runs the JavaScript in Node). So the key is a
plain letter map, simple enough to be written twice the same way, not the derivation of
``tarjima.derive`` (its dictionary of loanwords would have to be shipped to every reader):

* lower case; every apostrophe look-alike (ʻ ʼ ' ` ´ ‘ ’ ʹ ʽ ′ ＇) and Cyrillic ъ dropped;
* Cyrillic letters as Uzbek Latin writes them (ш sh, ч ch, ў o, ғ g, қ q, ҳ h, х x, ж j, ц ts,
  ю yu, я ya, ё yo; е is ye at the start of a word and after a vowel, else e; ь dropped);
* the 2026 letters as the 1995 ones without their sign: ş sh, ç ch, ö o, ğ g (ș, s with a comma
  below, is read as ş), so oʻ, o' and ö all become o;
* any other letter without its accents (é e).

Two words that only the sign tells apart (Sanʼat, sanat) are one key: a search finds both.
"""

from __future__ import annotations

import functools
import unicodedata

APOSTROPHES = frozenset("'`\u00b4\u02b9\u02bb\u02bc\u02bd\u2018\u2019\u2032\uff07ъ")
VOWELS = frozenset("аеёиоуэюяўaeiou")  # after one of these (or ь, ъ) Cyrillic е is ye, as at a word's start
LETTERS = {
    "а": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "ё": "yo", "ж": "j", "з": "z", "и": "i", "й": "y",
    "к": "k", "қ": "q", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ў": "o", "ф": "f", "х": "x", "ҳ": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sh", "ы": "i", "ь": "", "э": "e",
    "ю": "yu", "я": "ya", "ş": "sh", "ș": "sh", "ç": "ch", "ö": "o", "ğ": "g",
}


@functools.lru_cache(maxsize=1 << 16)  # a word's key, asked once per word of the archive's vocabulary, not per word of its text
def search_key(text: str) -> str:
    """The search key of a text: lower case, one Latin spelling, no apostrophes, no accents (see the module)."""
    out = []
    before = ""  # the character before, as written (lower case)
    for ch in unicodedata.normalize("NFC", text).lower():
        if ch in APOSTROPHES:
            pass
        elif ch == "е":
            out.append("ye" if not before.isalpha() or before in VOWELS or before in "ьъ" else "e")
        else:
            out.append(LETTERS.get(ch, ch))
        before = ch
    decomposed = unicodedata.normalize("NFD", "".join(out))
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.category(ch).startswith("M")))


def key_words(words: list[str]) -> list[str]:
    """Each word's key, one for one (a word that is all apostrophes keeps its spelling): the search index
    holds the keys, the result's snippet the words at the same places."""
    return [search_key(w) or w for w in words]
