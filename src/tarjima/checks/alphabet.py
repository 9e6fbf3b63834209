"""Uzbek Latin in one alphabet per text: the 1995 one (oʻ gʻ sh ch) or the 2026 one (ö ğ ş ç), never both."""

from __future__ import annotations

import re
import unicodedata

from tarjima.checks.inline import quote
from tarjima.checks.registry import Pair, check
from tarjima.derive.alphabet import letters_of, to_alphabet
from tarjima.derive.latin2026 import LOOK_ALIKES, NEW_LETTERS
from tarjima.languages import is_uzbek_latin
from tarjima.model import Issue


# letters_of reads the text composed (latin2026.nfc: NFC, then ș read as ş) and finds a 2026 word only where
# that holds a 2026 letter: a text whose NFC form has none of them, nor a look-alike, mixes nothing.
NEW_OR_LOOK_ALIKE_RE = re.compile(f"[{NEW_LETTERS}{''.join(LOOK_ALIKES)}]")


def may_hold_new(text: str) -> bool:
    """Whether a text can hold a word in the 2026 alphabet (a quick scan before letters_of)."""
    return NEW_OR_LOOK_ALIKE_RE.search(text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)) is not None


def _listing(words: list[str]) -> str:
    shown = list(dict.fromkeys(words))
    return ", ".join(quote(w) for w in shown[:4]) + (f" and {len(shown) - 4} more" if len(shown) > 4 else "")


@check("alphabet")
def alphabet(pair: Pair) -> list[Issue]:
    """An Uzbek Latin translation written in one Latin alphabet, not a mixture of the 1995 and 2026 ones."""
    if not is_uzbek_latin(pair.target_lang) or not may_hold_new(pair.translation):
        return []
    old, new = letters_of(pair.translation)
    if not (old and new):
        return []
    return [Issue("alphabet", "error", f"mixes the 1995 Latin alphabet ({_listing(old)}) and the 2026 one ({_listing(new)}); "
                  "tarjima check --fix writes it in the project's alphabet ([tool.tarjima.alphabet] write)")]


def fix_alphabet(text: str, alphabet: str) -> str:
    """A text that mixes the two alphabets, written in ``alphabet`` ("1995" or "2026"); any other text as it is."""
    if not may_hold_new(text):
        return text
    old, new = letters_of(text)
    if not (old and new):
        return text
    return to_alphabet(text, alphabet).text
