"""The glossary: terms of ``locales/glossary.csv`` and their required translations, matched by stem where words inflect."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping

from tarjima.checks.apostrophe import APOSTROPHES, TUTUQ
from tarjima.checks.inline import WORD_RE, inline, quote
from tarjima.checks.registry import Glossary, Pair, check
from tarjima.errors import InputError
from tarjima.languages import canonical_tag, language_of, locale_of
from tarjima.model import Issue

INFLECTING = frozenset({"ru", "uz", "uk", "be", "kk", "ky"})  # compare glossary terms by word stems


UZ_APOSTROPHE_RE = re.compile(rf"(?<=[^\W\d_])[{re.escape(APOSTROPHES)}](?=[^\W\d_])")


def _glossary_words(text: str, tag: str) -> list[str]:
    if language_of(tag) == "uz":  # oʻ, o', o‘ are one letter to a reader: compare them alike
        text = UZ_APOSTROPHE_RE.sub(TUTUQ, text)
    return [w.casefold() for w in WORD_RE.findall(text)]


def _stem(word: str) -> str:
    return word[: max(4, len(word) - 2)]


def term_in(term: str, text: str, tag: str, *, phrase: bool) -> bool:
    """Whether a glossary term occurs in a text: as a phrase (consecutive words) or as a set of
    words (any order); each word whole, or by its stem in an inflecting language."""
    words, wanted = _glossary_words(text, tag), _glossary_words(term, tag)
    if not wanted:
        return True
    stems = language_of(tag) in INFLECTING

    def same(word: str, term_word: str) -> bool:
        return word.startswith(_stem(term_word)) if stems else word == term_word

    if phrase or not stems:
        n = len(wanted)
        return any(all(same(words[i + k], wanted[k]) for k in range(n)) for i in range(len(words) - n + 1))
    return all(any(same(w, t) for w in words) for t in wanted)


def _term(row: Mapping[str, str], tag: str) -> str:
    if row.get(tag):
        return row[tag]
    wanted = canonical_tag(tag)
    return next((text for key, text in row.items() if canonical_tag(key) == wanted and text), "")


@check("glossary")
def glossary(pair: Pair) -> list[Issue]:
    """A glossary term found in the source has the glossary's translation in the translation."""
    if not pair.glossary.terms:
        return []
    issues = []
    source_prose, target_prose = inline(pair.source, pair.references).prose, inline(pair.translation, pair.references).prose
    for row in pair.glossary.terms:
        src_term, tgt_term = _term(row, pair.source_lang), _term(row, pair.target_lang)
        if not src_term or not tgt_term or not term_in(src_term, source_prose, pair.source_lang, phrase=True):
            continue
        if not term_in(tgt_term, target_prose, pair.target_lang, phrase=False):
            issues.append(Issue("glossary", "warning", f"glossary: {quote(src_term)} is {quote(tgt_term)} in {pair.target_lang}; use that term"))
    return issues


def parse_glossary(text: str, path: str) -> Glossary:
    """Read a glossary CSV: a header row of BCP 47 tags, then one term a row (blank cells allowed)."""
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), strict=True)
    header: list[str] | None = None
    terms: list[dict[str, str]] = []
    last = 0
    try:
        for row in reader:
            start, last = last + 1, reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if header is None:
                header = _glossary_header(row, path, start)
            elif len(row) != len(header):
                raise InputError(path, f"{len(row)} cell(s) in a row, the header has {len(header)}", "write one cell per column (an empty cell as ,,) and quote a cell that holds a comma", start)
            else:
                terms.append({tag: cell.strip() for tag, cell in zip(header, row) if cell.strip()})
    except csv.Error as exc:
        raise InputError(path, f"malformed CSV: {exc}", 'quote a cell with "…" and write a quote inside it as ""', last + 1) from None
    if header is None:
        raise InputError(path, "no header row", "start the file with a row of language tags, e.g. en,ru,uz-Latn", 1)
    return Glossary(tuple(terms))


def _glossary_header(row: list[str], path: str, line: int) -> list[str]:
    tags: list[str] = []
    for number, cell in enumerate(row, start=1):
        tag = cell.strip()
        if not tag:
            raise InputError(path, f"column {number} of the header has no language tag", "name every column with a BCP 47 tag, e.g. en,ru,uz-Latn", line)
        if locale_of(tag) is None:
            raise InputError(path, f"unknown column {tag!r}: not a language tag", "name every column with a BCP 47 tag, e.g. en,ru,uz-Latn", line)
        if canonical_tag(tag) in tags:
            raise InputError(path, f"column {tag!r} appears twice", "keep one column per language", line)
        tags.append(canonical_tag(tag))
    return tags
