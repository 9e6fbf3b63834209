"""The checks on numbers, markup, URLs, whitespace, punctuation, brackets and added HTML (forgotten entries and script: checks.copied)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from tarjima.checks.inline import EMAIL_RE, OBJ, TAG_LIKE_RE, inline, missing_and_added, quote
from tarjima.checks.registry import Pair, check
from tarjima.model import Issue

# A number: digits grouped in thousands by a space (1 000), or digit groups joined by . , : /
# (10.12.2024, 5.1, 1,000, 14:00). A hyphen or dash separates numbers (10-11, 10–11-dekabr).
# Each of these patterns starts with the character class its match starts with, and looks behind
# only after it: re then skips to the next candidate character in C (a pattern that starts with
# a look-behind is tried at every position, three times slower on the checks' texts).
NUMBER_RE = re.compile(r"[0-9](?<![0-9]{2})(?:[0-9]{0,2}(?:[ \u00a0\u202f\u2009][0-9]{3})+(?![0-9])|[0-9]*(?:[.,:/][0-9]+)*)")


DIGITS_RE = re.compile(r"[0-9]+")


class _Number(NamedTuple):
    text: str
    groups: tuple[str, ...]

    @property
    def keys(self) -> frozenset[str]:
        """Spellings that count as the same number: its digit groups, and 1000 for 1 000 or 1,000."""
        keys = {"|".join(self.groups)}
        head, *rest = self.groups
        if rest and len(head) <= 3 and all(len(g) == 3 for g in rest):
            keys.add("".join(self.groups))
        return frozenset(keys)

    def within(self, other: _Number) -> bool:
        """Same number, or a run of the other's digit groups (10 in 10,11; 2024 in 10.12.2024)."""
        if self.keys & other.keys:
            return True
        n = len(self.groups)
        return any(other.groups[i : i + n] == self.groups for i in range(len(other.groups) - n + 1))


ANY_DIGIT_RE = re.compile(r"[0-9]")


# Where a text's prose can hold a digit: a digit, or a character reference (&#49; is "1").
MAY_HOLD_DIGIT_RE = re.compile(r"[0-9&]")


@lru_cache(maxsize=4096)
def _number_texts(prose: str) -> tuple[str, ...]:
    """The numbers of a text as written, in order."""
    return tuple(NUMBER_RE.findall(prose)) if ANY_DIGIT_RE.search(prose) else ()


def _numbers(texts: tuple[str, ...]) -> list[_Number]:
    return [_Number(" ".join(text.split()), tuple(DIGITS_RE.findall(text))) for text in texts]


@check("numbers")
def numbers(pair: Pair) -> list[Issue]:
    """Every number of the source appears unchanged in the translation; added numbers are suspect."""
    if not MAY_HOLD_DIGIT_RE.search(pair.source) and not MAY_HOLD_DIGIT_RE.search(pair.translation):
        return []
    src_texts = _number_texts(inline(pair.source, pair.references).prose)
    tgt_texts = _number_texts(inline(pair.translation, pair.references).prose)
    if set(src_texts) == set(tgt_texts):  # each number is within its equal: nothing to report
        return []
    src, tgt = _numbers(src_texts), _numbers(tgt_texts)
    issues: list[Issue] = []
    for number in dict.fromkeys(n for n in src if not any(n.within(t) for t in tgt)):
        issues.append(Issue("numbers", "error", f"number {number.text} of the source is missing or changed"))
    src_groups = {g for n in src for g in n.groups}
    for number in dict.fromkeys(t for t in tgt if not any(t.within(n) for n in src) and not set(t.groups) <= src_groups):
        issues.append(Issue("numbers", "warning", f"number {number.text} is not in the source; check it"))
    return issues


MARKS = 6  # Inline's first fields: links, images, emphasis, strong, code, breaks


@check("markup")
def markup(pair: Pair) -> list[Issue]:
    """The same links, images, footnote references, emphasis, strong emphasis, code spans and hard line breaks as the source."""
    src, tgt = inline(pair.source, pair.references), inline(pair.translation, pair.references)
    if src[:MARKS] == tgt[:MARKS] and src.footnotes == tgt.footnotes:
        return []  # the same links, images, emphasis, code and breaks: nothing below can differ
    issues: list[Issue] = []
    for what, src_items, tgt_items in (("link to", src.links, tgt.links), ("image", src.images, tgt.images)):
        missing, added = missing_and_added(src_items, tgt_items)
        issues += [Issue("markup", "error", f"{what} {url} of the source is missing or changed") for url in dict.fromkeys(missing)]
        issues += [Issue("markup", "error", f"{what} {url} is not in the source; remove it") for url in dict.fromkeys(added)]
    missing, added = missing_and_added(src.footnotes, tgt.footnotes)
    issues += [Issue("markup", "error", f"footnote reference [^{n}] of the source is missing or changed; keep it where its note belongs") for n in dict.fromkeys(missing)]
    issues += [Issue("markup", "error", f"footnote reference [^{n}] is not in the source; remove it") for n in dict.fromkeys(added)]
    for what, sign, n_src, n_tgt in (("emphasis", "*…*", src.emphasis, tgt.emphasis), ("strong emphasis", "**…**", src.strong, tgt.strong)):
        if n_src != n_tgt:
            issues.append(Issue("markup", "error", f"the source has {n_src} {what} span(s) ({sign}), the translation {n_tgt}; mark the same words"))
    if src.breaks != tgt.breaks:
        issues.append(Issue("markup", "warning", f"the source has {src.breaks} hard line break(s) (a backslash at the end of a line), the translation {tgt.breaks}; break the same lines"))
    missing, added = missing_and_added(src.code, tgt.code)
    issues += [Issue("markup", "error", f"code `{c}` of the source is missing or changed; copy it unchanged") for c in dict.fromkeys(missing)]
    issues += [Issue("markup", "error", f"code `{c}` is not in the source; remove the backticks") for c in dict.fromkeys(added)]
    return issues


def _url_kind(url: str) -> str:
    return "e-mail address" if EMAIL_RE.fullmatch(url) else "URL"


@check("urls")
def urls(pair: Pair) -> list[Issue]:
    """URLs and e-mail addresses written in the text are copied unchanged."""
    src, tgt = inline(pair.source, pair.references).urls, inline(pair.translation, pair.references).urls
    if src == tgt:
        return []
    missing, added = missing_and_added(src, tgt)
    issues = [Issue("urls", "error", f"{_url_kind(u)} {u} of the source is missing or changed; copy it unchanged") for u in dict.fromkeys(missing)]
    issues += [Issue("urls", "error", f"{_url_kind(u)} {u} is not in the source") for u in dict.fromkeys(added)]
    return issues


BLANKS = " \t\u00a0\u202f\u2009"


DOUBLE_SPACE_RE = re.compile(rf"[{BLANKS}](?<=\S[{BLANKS}])[{BLANKS}]+(?=\S)")  # two blanks or more between two non-blanks


OTHER_BLANKS = BLANKS.replace(" ", "")


def _may_double_blank(text: str) -> bool:
    """Whether a text may hold two blanks in a row: two spaces, or a blank that is not a space (a few scans
    in C, where DOUBLE_SPACE_RE stops at every space)."""
    return "  " in text or any(blank in text for blank in OTHER_BLANKS)


def _blanks(text: str) -> tuple[str, str]:
    return text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]


def _describe_blanks(blanks: str) -> str:
    return f"{len(blanks)} blank(s)" if blanks else "no blank"


@check("whitespace")
def whitespace(pair: Pair) -> list[Issue]:
    """Leading and trailing blanks as in the source; no doubled spaces or line breaks added."""
    issues: list[Issue] = []
    source, translation = pair.source, pair.translation
    blanks = source[:1].isspace() or source[-1:].isspace() or translation[:1].isspace() or translation[-1:].isspace()
    (src_lead, src_trail), (tgt_lead, tgt_trail) = (_blanks(source), _blanks(translation)) if blanks else (("", ""), ("", ""))
    if translation.strip():
        if src_lead != tgt_lead:
            issues.append(Issue("whitespace", "warning", f"the translation starts with {_describe_blanks(tgt_lead)}, the source with {_describe_blanks(src_lead)}; match the source"))
        if src_trail != tgt_trail:
            issues.append(Issue("whitespace", "warning", f"the translation ends with {_describe_blanks(tgt_trail)}, the source with {_describe_blanks(src_trail)}; match the source"))
    if "\n" in pair.translation.strip() and "\n" not in pair.source.strip():
        issues.append(Issue("whitespace", "warning", "the translation has a line break, the source is one line; join the lines (a blank line splits the paragraph)"))
    prose = inline(pair.translation, pair.references).prose
    if _may_double_blank(prose) and DOUBLE_SPACE_RE.search(prose) and not DOUBLE_SPACE_RE.search(inline(pair.source, pair.references).prose):
        for m in DOUBLE_SPACE_RE.finditer(prose):
            before = prose[: m.start()].split()[-1].replace(OBJ, "…")
            issues.append(Issue("whitespace", "warning", f"doubled space after {quote(before)}; use one space"))
    return issues


CLOSING = "\"'»”“’)]}*_ \t\u00a0"  # may follow the final mark: quotes, brackets, markup, blanks


FULLWIDTH = str.maketrans("。．！？：；", "..!?:;")


LIST_ENDS = frozenset({";", ","})  # list items: "…;" in Russian and Uzbek where English has nothing


def end_mark(prose: str) -> str:
    """The final punctuation mark of a text ("." "!" "?" ":" ";" "," "…"), or "" for none (fullwidth marks as theirs)."""
    text = prose.rstrip().rstrip(CLOSING)  # (no fullwidth mark is a blank or in CLOSING: only the end needs FULLWIDTH)
    end = text[-3:].translate(FULLWIDTH)
    if end.endswith(("...", "…")):
        return "…"
    run = text[len(text.rstrip("!?！？")) :]
    if run:
        return "?" if "?" in run or "？" in run else "!"
    return end[-1] if end and end[-1] in ".:;," else ""


def _name_mark(mark: str) -> str:
    return f"“{mark}”" if mark else "no punctuation"


@check("punctuation")
def punctuation(pair: Pair) -> list[Issue]:
    """The translation ends with the source's final mark (a closing quote or bracket may follow)."""
    src, tgt = end_mark(inline(pair.source, pair.references).prose), end_mark(inline(pair.translation, pair.references).prose)
    if src == tgt or ({src, tgt} & LIST_ENDS and {src, tgt} <= LIST_ENDS | {"", "."}):
        return []
    return [Issue("punctuation", "warning", f"the source ends with {_name_mark(src)}, the translation with {_name_mark(tgt)}; end it as the source does")]


PAIRS = {"(": ")", "[": "]", "{": "}", "«": "»", "„": "“", "“": "”", '"': '"'}


CLOSERS = {")", "]", "}", "»", "”"}


BRACKET_RE = re.compile("[" + re.escape("".join({*PAIRS, *PAIRS.values(), *CLOSERS})) + "]")


def bracket_problems(prose: str) -> list[str]:
    """Unbalanced brackets and double quotes in a text, as messages; [] if balanced."""
    stack: list[str] = []
    problems: list[str] = []
    for ch in BRACKET_RE.findall(prose):  # the other characters change nothing
        if stack and ch == PAIRS[stack[-1]]:  # first: “ closes „, and " closes "
            stack.pop()
        elif ch in PAIRS:
            stack.append(ch)
        elif ch in CLOSERS:
            opener = next((o for o in reversed(stack) if PAIRS.get(o) == ch), None)
            if opener is None:
                problems.append(f"{ch} has no opening mark")
                continue
            while stack[-1] != opener:
                problems.append(f"{stack.pop()} is not closed before {ch}")
            stack.pop()
    problems += [f"{o} is not closed; add {PAIRS[o]}" for o in stack]
    return problems


@check("brackets")
def brackets(pair: Pair) -> list[Issue]:
    """Brackets and double quotes balanced in the translation when they are in the source."""
    prose = inline(pair.translation, pair.references).prose
    if not BRACKET_RE.search(prose):
        return []  # no bracket or quote in the translation: nothing unbalanced
    if bracket_problems(inline(pair.source, pair.references).prose):
        return []
    return [Issue("brackets", "warning", f"{p} in the translation") for p in bracket_problems(prose)]


@check("html")
def html(pair: Pair) -> list[Issue]:
    """No raw HTML that the source does not have: a translation never adds markup."""
    src, tgt = inline(pair.source, pair.references), inline(pair.translation, pair.references)
    if not tgt.html and not tgt.text_tags:
        return []  # nothing the translation could add
    _, added = missing_and_added(src.html, tgt.html)
    issues = [Issue("html", "error", f"raw HTML {quote(tag, 80)} is not in the source; remove it") for tag in dict.fromkeys(added)]
    _, added_text = missing_and_added(src.text_tags + tuple(TAG_LIKE_RE.findall(" ".join(src.html))), tgt.text_tags)
    issues += [Issue("html", "error", f"HTML-like text {quote(tag)} is not in the source; remove it") for tag in dict.fromkeys(added_text)]
    return issues
