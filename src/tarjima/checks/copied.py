"""What a translation keeps of its source as written: a segment copied whole (``unchanged``), and words
in another script than the target language's (``script``).

A *name* is a word the report's source writes with a capital letter inside a sentence: after
another word, with no sentence end (. ! ? …) between them ("the talk by Ivan Petrov", "search on
Google"). The names of a report are gathered from all its segments (``report_names``, handed to
each check as ``Pair.names``), so a one-word segment (a list item, a caption, a table cell)
"Google" is a name when the report writes "on Google" somewhere, and "Value" is not when it never
writes it so. A capital at the start of a sentence says nothing: "Value" alone may be a name or
a word to translate. A word in capitals (ICRC), with a digit (G20) or a Roman numeral (XXI)
needs no translation either.

``unchanged``: a translation identical to its source is a forgotten entry (a warning, never a
hold). Where the source is written in a script the target language does not use (Latin "Value"
kept in a Russian translation), only names, acronyms, numbers and the glossary's terms that the
glossary keeps as they are in the target language (or gives no translation for) may stay; in
the same script, a short run of capitalised words ("Oliy Majlis", "L.Kh. Isakov") is taken for a
name, as before.

``script``: a word of a text in another script than the target language's is an error, unless
the translation keeps it exactly as the source writes it (a substring copied from the source is
never a script error): a name or a word of a quoted title (« », “ ”, „ “, " ") copied from the
source is silent; any other word copied from the source is a warning (half a sentence left
untranslated). A word that mixes Latin and Cyrillic letters is an error, a warning when the source
has it so.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from tarjima.checks.glossary import term_in
from tarjima.checks.inline import WORD_RE, inline, quote
from tarjima.checks.registry import Pair, check
from tarjima.languages import canonical_tag, script_of
from tarjima.model import Issue

SCRIPT_NAMES = {"Latn": "Latin", "Cyrl": "Cyrillic"}


ROMAN_RE = re.compile(r"[IVXLCDM]+")


SENTENCE_END_RE = re.compile(r"[.!?…。！？]")


QUOTED_RE = re.compile(r"«[^«»]*»|“[^“”]*”|„[^„“”]*[“”]|\"[^\"]*\"")


# Every character whose Unicode name starts with LATIN, and every one whose name starts with CYRILLIC
# (``_char_script``), in Python 3.11's Unicode data (14.0); tests/test_checks.py holds each class equal to
# unicodedata's reading, code point by code point, and says how to write it again for another version.
SCRIPT_LETTERS_RE = {
    "Latn": re.compile("[\u0041-\u005a\u0061-\u007a\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02af\u1d00-\u1d25\u1d62-\u1d65\u1d6b-\u1d77\u1d79-\u1d9a"
                       "\u1e00-\u1eff\u2090-\u209c\u2184\u271d\u2c60-\u2c7c\u2c7e-\u2c7f\ua722-\ua76f\ua771-\ua787\ua78b-\ua7ca\ua7d0-\ua7d1\ua7d3"
                       "\ua7d5-\ua7d9\ua7f5-\ua7f7\ua7fa-\ua7ff\uab30-\uab5a\uab60-\uab64\uab66-\uab68\ufb00-\ufb06\U0001df00-\U0001df1e]"),
    "Cyrl": re.compile("[\u0400-\u0482\u048a-\u052f\u1c80-\u1c88\u1d2b\ua640-\ua66e\ua67e-\ua69b]"),
}


@lru_cache(maxsize=4096)
def _char_script(ch: str) -> str | None:
    name = unicodedata.name(ch, "")
    if name.startswith("LATIN"):
        return "Latn"
    if name.startswith("CYRILLIC"):
        return "Cyrl"
    return None


def _scripts(word: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for ch in word:
        script = _char_script(ch)
        if script:
            found.setdefault(script, []).append(ch)
    return found


def _listing(words: list[str], limit: int = 5) -> str:
    shown = ", ".join(quote(w) for w in words[:limit])
    return shown + (f" and {len(words) - limit} more" if len(words) > limit else "")


def needs_no_translation(word: str) -> bool:
    """A number, an acronym (ICRC), an initial (L), a word with a digit (G20)."""
    return word.isupper() or any(ch.isdigit() for ch in word)


def names_in(prose: str) -> frozenset[str]:
    """The words a text writes with a capital inside a sentence (after another word, no sentence end between).

    >>> sorted(names_in("The talk by Ivan Petrov opened. Value grows on Google."))
    ['Google', 'Ivan', 'Petrov']
    """
    found: set[str] = set()
    last = -1
    for match in WORD_RE.finditer(prose):
        word = match.group()
        if last >= 0 and word[0].isupper() and not SENTENCE_END_RE.search(prose, last, match.start()):
            found.add(word)
        last = match.end()
    return frozenset(found)


def report_names(texts: Iterable[str]) -> frozenset[str]:
    """The names of a report: those of every one of its source texts (``names_in``)."""
    found: set[str] = set()
    for text in texts:
        found |= names_in(inline(text).prose)
    return frozenset(found)


def same_text(source: str, translation: str) -> bool:
    """Whether a translation is its source unchanged, blanks aside (what ``unchanged`` looks at)."""
    if source == translation:
        return True
    if source.lstrip()[:1] != translation.lstrip()[:1] or source.rstrip()[-1:] != translation.rstrip()[-1:]:
        return False  # (strip and split read the same blanks) another first or last character: not the same words
    return source.split() == translation.split()


def only_names(prose: str) -> bool:
    """True if a text holds nothing to translate: acronyms, initials, numbers, a short name, URLs."""
    capitalised = 0
    for word in WORD_RE.findall(prose):
        if needs_no_translation(word):
            continue
        if not word[0].isupper():
            return False
        capitalised += 1
    return capitalised <= 3  # "L.Kh. Isakov", "Oliy Majlis": a name, not a sentence


def _other_script(prose: str, target: str | None) -> str | None:
    """The script a text is written in, other than the target language's, or None."""
    if target not in SCRIPT_NAMES:
        return None
    return next((s for ch in prose if (s := _char_script(ch)) and s != target), None)


def _kept_terms(pair: Pair, prose: str) -> set[str]:
    """The words of the glossary's terms found in a source text whose target-language term is the same text, or none."""
    words: set[str] = set()
    for row in pair.glossary.terms:
        source_term = row.get(canonical_tag(pair.source_lang), "")
        target_term = row.get(canonical_tag(pair.target_lang), "")
        if source_term and target_term in ("", source_term) and term_in(source_term, prose, pair.source_lang, phrase=True):
            words.update(w.casefold() for w in WORD_RE.findall(source_term))
    return words


@check("unchanged")
def unchanged(pair: Pair) -> list[Issue]:
    """A translation identical to its source is a forgotten entry, unless there is nothing to translate."""
    if not same_text(pair.source, pair.translation):
        return []
    prose = inline(pair.source, pair.references).prose
    other = _other_script(prose, script_of(pair.target_lang))
    if other is None:
        if only_names(prose):
            return []
        return [Issue("unchanged", "warning", f"the translation is the source text unchanged; translate it into {pair.target_lang}")]
    names, terms = pair.names | names_in(prose), _kept_terms(pair, prose)
    if all(needs_no_translation(w) or w in names or w.casefold() in terms for w in WORD_RE.findall(prose)):
        return []
    target = SCRIPT_NAMES[script_of(pair.target_lang) or ""]
    return [Issue("unchanged", "warning", f"the translation is the source text unchanged, in {SCRIPT_NAMES[other]} letters where {pair.target_lang} is written in {target}; "
                  f"translate it into {pair.target_lang} (a term that stays as written: list it in locales/glossary.csv with the same text for {pair.target_lang})")]


@check("script")
def script(pair: Pair) -> list[Issue]:
    """Words in the target language's script only; what the translation keeps exactly as the source writes it is never an error."""
    target = script_of(pair.target_lang)
    prose = inline(pair.translation, pair.references).prose
    letters = {script for script, letter in SCRIPT_LETTERS_RE.items() if letter.search(prose)}
    if not letters or (len(letters) == 1 and (target not in SCRIPT_NAMES or target in letters)):
        return []  # one script, the target's: no word can mix scripts or be foreign
    issues: list[Issue] = []
    source_prose = inline(pair.source, pair.references).prose
    translated = canonical_tag(pair.source_lang) != canonical_tag(pair.target_lang)  # (the source checks pair a text with itself)
    copied = set(WORD_RE.findall(source_prose)) if translated else set()
    whole = translated and same_text(pair.source, pair.translation)  # unchanged's to report
    quoted = {w for q in QUOTED_RE.findall(source_prose) for w in WORD_RE.findall(q)}
    foreign: list[str] = []
    kept: list[str] = []
    for word in dict.fromkeys(WORD_RE.findall(prose)):
        scripts = _scripts(word)
        if len(scripts) > 1:
            odd = min(scripts, key=lambda s: len(scripts[s]))
            odd_letters = "".join(dict.fromkeys(scripts[odd]))
            mixed = f"{quote(word)} mixes Latin and Cyrillic letters ({SCRIPT_NAMES[odd]} {odd_letters})"
            if word in copied:
                issues.append(Issue("script", "warning", f"{mixed}, as the source does; retype it in one script, in the source too"))
            else:
                issues.append(Issue("script", "error", f"{mixed}; retype it in one script"))
        elif target in SCRIPT_NAMES and scripts and next(iter(scripts)) != target:
            if word in copied:
                if not (whole or needs_no_translation(word) or word[0].isupper() or word in quoted):
                    kept.append(word)
            elif not (target == "Cyrl" and ROMAN_RE.fullmatch(word)):  # XXI: Latin numerals stay Latin in Cyrillic text
                foreign.append(word)
    if target in SCRIPT_NAMES:
        own, other = SCRIPT_NAMES[target], "Cyrillic" if target == "Latn" else "Latin"
        if foreign:
            issues.append(Issue("script", "error", f"{other} word(s) in a {own}-script ({pair.target_lang}) translation: {_listing(foreign)}; translate or transliterate them"))
        if kept:
            issues.append(Issue("script", "warning", f"{other} word(s) kept as the source writes them in a {own}-script ({pair.target_lang}) translation: {_listing(kept)}; "
                                "translate them, unless they are a name or a title that stays as written"))
    return issues
