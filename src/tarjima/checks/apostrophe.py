"""Uzbek Latin apostrophes: oʻ and gʻ with U+02BB, the separating sign with U+02BC; the one safe fixer."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from tarjima.checks.inline import find_urls, inline, quote
from tarjima.checks.registry import Pair, check
from tarjima.languages import is_uzbek_latin
from tarjima.model import Issue

OKINA = "\u02bb"  # ʻ MODIFIER LETTER TURNED COMMA: the letters oʻ and gʻ


TUTUQ = "\u02bc"  # ʼ MODIFIER LETTER APOSTROPHE: the separating sign (tutuq belgisi)


APOSTROPHES = "'\u2018\u2019`\u00b4" + OKINA + TUTUQ
APOSTROPHE_RE = re.compile(f"[{re.escape(APOSTROPHES)}]")
SPECIAL_RE = re.compile(r"[\\`<\[\]]")  # what _protected acts on
# The only apostrophes apostrophe_fixes can rewrite: a mark other than ʻ and ʼ, ʻ after anything but o/g,
# ʼ after o/g. A text without one has nothing to fix, and is not read for its code, links and URLs. Each
# branch starts with its character and looks behind after it, so that re skips in C to the next mark.
MAY_FIX_RE = re.compile(f"[{re.escape(APOSTROPHES[:-2])}]|{OKINA}(?<![oOgG]{OKINA})|{TUTUQ}(?<=[oOgG]{TUTUQ})")


QUOTE_OPENER = {"'": "'", "\u2019": "\u2018"}  # closing single quote -> its opening mark


HTML_RE = re.compile(
    r"<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>"  # autolink
    r"|<[^\s<>@]+@[^\s<>]+>"  # e-mail autolink
    r"|<!--.*?-->"
    r"|</?[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^\s\"'=<>`]+|'[^']*'|\"[^\"]*\"))?)*\s*/?>",
    re.DOTALL,
)


BACKTICKS_RE = re.compile(r"`+")


LINK_TAIL_RE = re.compile(  # "](destination "title")" of an inline link or image
    r"""\]\([ \t]*(?:<[^<>\n]*>|[^\s()<>]*(?:\([^\s()]*\)[^\s()<>]*)*)(?:[ \t]+(?:"[^"]*"|'[^']*'|\([^()]*\)))?[ \t]*\)"""
)


def _is_letter(ch: str) -> bool:
    return ch.isalpha() and ch not in (OKINA, TUTUQ)


def _protected(text: str) -> tuple[list[tuple[int, int]], set[int]]:
    """Spans to leave alone (code spans, link destinations, autolinks, raw HTML, URLs), and the
    positions of backticks that are apostrophes: a one-backtick "code span" glued to letters at both
    ends, as in o`zbek va g`alaba, is a pair of mistyped oʻ/gʻ, not code."""
    spans: list[tuple[int, int]] = [(s, e) for s, e, _ in find_urls(text)]
    apostrophes: set[int] = set()
    i, n, labels = 0, len(text), 0
    while i < n:
        special = SPECIAL_RE.search(text, i)  # every other character is passed over one by one: jump to the next that is not
        if special is None:
            break
        i = special.start()
        ch = text[i]
        if ch == "\\":
            i += 2
        elif ch == "`" and i not in apostrophes:
            run = BACKTICKS_RE.match(text, i)
            assert run is not None
            width = run.end() - i
            closer = next((c for c in BACKTICKS_RE.finditer(text, run.end()) if c.end() - c.start() == width), None)
            if closer is None:
                i = run.end()
            elif width == 1 and _glued(text, i, closer.start()):
                apostrophes |= {i, closer.start()}
                i += 1
            else:
                spans.append((i, closer.end()))
                i = closer.end()
        elif ch == "<" and (tag := HTML_RE.match(text, i)):
            spans.append(tag.span())
            i = tag.end()
        elif ch == "[":
            labels += 1
            i += 1
        elif ch == "]" and labels and (tail := LINK_TAIL_RE.match(text, i)):
            labels -= 1
            spans.append(tail.span())
            i = tail.end()
        else:
            i += 1
    return spans, apostrophes


def _glued(text: str, opener: int, closer: int) -> bool:
    inside = text[opener + 1 : closer]
    return (
        0 < opener
        and closer + 1 < len(text)
        and _is_letter(text[opener - 1])
        and _is_letter(text[opener + 1])
        and _is_letter(text[closer - 1])
        and _is_letter(text[closer + 1])
        and not re.search(r"[`<\]]", inside)
    )


@dataclass(frozen=True)
class ApostropheFix:
    """One apostrophe to rewrite: where, what it is, what it must be."""

    index: int
    old: str
    new: str


def apostrophe_fixes(text: str) -> list[ApostropheFix]:
    """The apostrophes of an Uzbek Latin text that are certainly wrong, with their right form.

    After o/O/g/G: ʻ (U+02BB). Between two letters otherwise: ʼ (U+02BC). A mark at the start
    of a word opens a quotation and one at the end of a word closes it (unless it follows o or g
    and no quotation is open): those are left alone, as is everything in code, links and URLs.
    If the rewrite would change how Markdown reads the text, there is no fix at all.
    """
    if not MAY_FIX_RE.search(text):
        return []
    spans, backtick_apostrophes = _protected(text)
    fixes: list[ApostropheFix] = []
    open_quotes = {"'": False, "\u2018": False}
    for found in APOSTROPHE_RE.finditer(text):  # only these characters change the state below
        i, ch = found.start(), found.group()
        if any(s <= i < e for s, e in spans):
            continue
        if ch == "`" and i not in backtick_apostrophes and i + 1 < len(text) and text[i + 1] == "`":
            continue
        prev_letter = i > 0 and _is_letter(text[i - 1])
        next_letter = i + 1 < len(text) and _is_letter(text[i + 1])
        if not prev_letter:
            if next_letter and ch in open_quotes:
                open_quotes[ch] = True
        elif text[i - 1] in "oOgG":
            if ch == OKINA:
                continue
            opener = QUOTE_OPENER.get(ch)
            if not next_letter and opener and open_quotes[opener]:
                open_quotes[opener] = False
            else:
                fixes.append(ApostropheFix(i, ch, OKINA))
        elif next_letter:
            if ch != TUTUQ:
                fixes.append(ApostropheFix(i, ch, TUTUQ))
        elif ch in QUOTE_OPENER:
            open_quotes[QUOTE_OPENER[ch]] = False
    if fixes and not _same_markup(text, _apply(text, fixes)):
        return []  # a tangle of backticks and brackets that Markdown reads otherwise: leave it to a person
    return fixes


def _apply(text: str, fixes: list[ApostropheFix]) -> str:
    chars = list(text)
    for fix in fixes:
        chars[fix.index] = fix.new
    return "".join(chars)


def _same_markup(before: str, after: str) -> bool:
    """Markdown reads both texts with the same links, HTML and emphasis, and no code span that
    was not there before (a glued one-backtick span may go: it was a pair of apostrophes)."""
    a, b = inline(before), inline(after)
    same = (a.links, a.images, a.html, a.emphasis, a.strong) == (b.links, b.images, b.html, b.emphasis, b.strong)
    return same and not Counter(b.code) - Counter(a.code)


def fix_apostrophes(text: str) -> str:
    """Rewrite the apostrophes of an Uzbek Latin text that can be decided safely (see apostrophe_fixes)."""
    return _apply(text, apostrophe_fixes(text))


def _word_at(text: str, index: int) -> str:
    start, end = index, index + 1
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] in APOSTROPHES):
        start -= 1
    while end < len(text) and (text[end].isalpha() or text[end] in APOSTROPHES):
        end += 1
    return text[start:end]


def _char(ch: str) -> str:
    return f"{ch} (U+{ord(ch):04X})"


@check("apostrophe")
def apostrophe(pair: Pair) -> list[Issue]:
    """Uzbek Latin: oʻ and gʻ with ʻ (U+02BB), the separating sign with ʼ (U+02BC)."""
    if not is_uzbek_latin(pair.target_lang):
        return []
    issues = []
    for fix in apostrophe_fixes(pair.translation):
        word = quote(_word_at(pair.translation, fix.index))
        letter = pair.translation[fix.index - 1]
        if fix.new == OKINA:
            message = f"{word}: write {letter}ʻ with {_char(OKINA)}, not {_char(fix.old)}"
        else:
            message = f"{word}: the separating sign (tutuq belgisi) is {_char(TUTUQ)}, not {_char(fix.old)}"
        issues.append(Issue("apostrophe", "error", message))
    return issues
