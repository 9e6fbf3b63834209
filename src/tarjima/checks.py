"""Quality checks on translations: a registry of small pure functions, each returning issues.

A check takes a :class:`Pair` (one msgid, its msgstr, both language tags and the
glossary) and returns a list of :class:`~tarjima.model.Issue`; it never raises and
never stops at the first problem. Each check is registered under a short, stable id;
a PO flag ``#, tarjima-no-<id>`` suppresses it for one entry. Inline Markdown is read
with the project's markdown-it parser, never with regexes, so that a code span, a link
destination or raw HTML is judged as what it is.

``fix_apostrophes`` is the one fixer: it rewrites the apostrophes of Uzbek Latin text
that can be decided safely (oʻ, gʻ and the separating sign) and leaves the rest alone.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from babel import Locale
from babel.core import UnknownLocaleError, get_global, parse_locale

from tarjima.errors import InputError
from tarjima.model import Issue
from tarjima.sources import markdown_parser


@dataclass(frozen=True)
class Glossary:
    """Terms and their required translation per language (BCP 47 tag -> text)."""

    terms: tuple[Mapping[str, str], ...] = ()


@dataclass(frozen=True)
class Pair:
    """What a check looks at: one source text and its translation."""

    source: str
    translation: str
    source_lang: str  # BCP 47 tag
    target_lang: str
    glossary: Glossary = field(default_factory=Glossary)


Check = Callable[[Pair], list[Issue]]
REGISTRY: dict[str, Check] = {}


def check(check_id: str) -> Callable[[Check], Check]:
    """Register a check under its id."""

    def register(func: Check) -> Check:
        REGISTRY[check_id] = func
        return func

    return register


# --- Reading a text: inline Markdown, prose, URLs --------------------------------------

OBJ = "\ufffc"  # stands in the prose for a code span, raw HTML, an autolink, a bare URL or a placeholder
URL_RE = re.compile(r"""(?<![A-Za-z0-9+.-])(?:(?:https?|ftp)://|www\.)[^\s<>"«»“”‘]+""", re.IGNORECASE)
EMAIL_RE = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
TAG_LIKE_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?=[\s/>]|$)")
PLACEHOLDER_RE = re.compile(r"%\([A-Za-z_]\w*\)[sdifr]")  # python-format of the site's template strings
WORD_RE = re.compile(r"[^\W_]+")  # letters and digits; ʻ (U+02BB) and ʼ (U+02BC) are letters (Lm)


def _trim_url(url: str) -> str:
    """A URL found in prose without the sentence punctuation that follows it."""
    while url and url[-1] in ".,;:!?)]}'’":
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    return url


def _find_urls(text: str) -> list[tuple[int, int, str]]:
    """Bare URLs and e-mail addresses in text: (start, end, text), in order, not overlapping."""
    found = [(m.start(), m.start() + len(_trim_url(m.group())), _trim_url(m.group())) for m in URL_RE.finditer(text)]
    for m in EMAIL_RE.finditer(text):
        if not any(s <= m.start() < e for s, e, _ in found):
            found.append((m.start(), m.end(), m.group()))
    return sorted(found)


@dataclass(frozen=True)
class Inline:
    """What the inline Markdown of one text holds, as the checks compare it."""

    links: tuple[str, ...]  # link destinations, autolinks included
    images: tuple[str, ...]  # image sources
    emphasis: int
    strong: int
    code: tuple[str, ...]  # code span contents
    html: tuple[str, ...]  # raw HTML tags as written
    text_tags: tuple[str, ...]  # tag-like text outside HTML (an unclosed "<img", "&lt;b&gt;")
    urls: tuple[str, ...]  # bare URLs and e-mail addresses in the text
    prose: str  # text, link text and image alt; code, HTML, autolinks, URLs and %(name)s replaced by OBJ


@lru_cache(maxsize=4096)
def inline(text: str) -> Inline:
    """Parse one text's inline Markdown into what the checks compare."""
    tokens = markdown_parser().parseInline(text)
    children = (tokens[0].children or []) if tokens else []
    links: list[str] = []
    images: list[str] = []
    code: list[str] = []
    html: list[str] = []
    parts: list[str] = []
    emphasis = strong = 0
    in_autolink = False
    for token in children:
        kind = token.type
        if kind in ("text", "text_special"):
            parts.append(OBJ if in_autolink else token.content)
        elif kind in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif kind == "code_inline":
            code.append(token.content)
            parts.append(OBJ)
        elif kind == "html_inline":
            html.append(token.content)
            parts.append("" if token.content.startswith("</") else OBJ)  # "done.</b>" ends with "."
        elif kind == "link_open":
            links.append(str(token.attrs.get("href", "")))
            in_autolink = token.markup == "autolink"
        elif kind == "link_close":
            in_autolink = False
        elif kind == "image":
            images.append(str(token.attrs.get("src", "")))
            parts.append(token.content)
        elif kind == "em_open":
            emphasis += 1
        elif kind == "strong_open":
            strong += 1
    joined = "".join(parts)
    urls = _find_urls(joined)
    hidden = sorted(urls + [(m.start(), m.end(), m.group()) for m in PLACEHOLDER_RE.finditer(joined)])
    prose, last = [], 0
    for start, end, _ in hidden:
        if start >= last:
            prose += [joined[last:start], OBJ]
            last = end
    prose.append(joined[last:])
    text_tags = tuple(TAG_LIKE_RE.findall(joined))
    return Inline(tuple(links), tuple(images), emphasis, strong, tuple(code), tuple(html), text_tags, tuple(u for _, _, u in urls), "".join(prose))


def _quote(text: str, limit: int = 60) -> str:
    """A text quoted for a message, shortened if long."""
    text = " ".join(text.split())
    return f"“{text if len(text) <= limit else text[: limit - 1] + '…'}”"


def _missing_and_added(source: Iterable[str], translation: Iterable[str]) -> tuple[list[str], list[str]]:
    """Items of the source the translation lacks, and items it adds (multisets, first-seen order)."""
    src, tgt = Counter(source), Counter(translation)
    return list((src - tgt).elements()), list((tgt - src).elements())


# --- Languages ------------------------------------------------------------------------


@lru_cache(maxsize=64)
def _locale(tag: str) -> Locale | None:
    """The Babel locale of a BCP 47 tag, or None if Babel does not know it."""
    try:
        return Locale.parse(tag, sep="-")
    except (ValueError, TypeError, UnknownLocaleError):
        return None


def canonical_tag(tag: str) -> str:
    """A BCP 47 tag in Babel's canonical spelling ("uz-latn" -> "uz-Latn"); unknown tags as given."""
    loc = _locale(tag)
    if loc is None:
        return tag
    return "-".join(p for p in (loc.language, loc.script, loc.territory, loc.variant) if p)


@lru_cache(maxsize=64)
def script_of(tag: str) -> str | None:
    """The ISO 15924 script of a language tag, with CLDR's likely subtags (ru -> Cyrl); None if unknown."""
    loc = _locale(tag)
    if loc is None:
        return None
    if loc.script:
        return loc.script
    likely = get_global("likely_subtags").get(loc.language)  # "ru_Cyrl_RU"; Locale.parse would drop the script
    return parse_locale(likely)[2] if likely else None


def _language(tag: str) -> str:
    loc = _locale(tag)
    return loc.language if loc else tag.split("-")[0].lower()


def is_uzbek_latin(tag: str) -> bool:
    """Whether a tag names Uzbek in the Latin script (uz-Latn, or bare uz by CLDR's likely subtags)."""
    return _language(tag) == "uz" and script_of(tag) == "Latn"


_is_uzbek_latin = is_uzbek_latin  # the name qa.py (being written) calls; use is_uzbek_latin


# --- numbers ------------------------------------------------------------------------------

# A number: digits grouped in thousands by a space (1 000), or digit groups joined by . , : /
# (10.12.2024, 5.1, 1,000, 14:00). A hyphen or dash separates numbers (10-11, 10–11-dekabr).
NUMBER_RE = re.compile(r"(?<![0-9])(?:[0-9]{1,3}(?:[ \u00a0\u202f\u2009][0-9]{3})+(?![0-9])|[0-9]+(?:[.,:/][0-9]+)*)")
DIGITS_RE = re.compile(r"[0-9]+")


@dataclass(frozen=True)
class _Number:
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


def _numbers(prose: str) -> list[_Number]:
    return [_Number(" ".join(m.group().split()), tuple(DIGITS_RE.findall(m.group()))) for m in NUMBER_RE.finditer(prose)]


@check("numbers")
def numbers(pair: Pair) -> list[Issue]:
    """Every number of the source appears unchanged in the translation; added numbers are suspect."""
    src = _numbers(inline(pair.source).prose)
    tgt = _numbers(inline(pair.translation).prose)
    issues: list[Issue] = []
    for number in dict.fromkeys(n for n in src if not any(n.within(t) for t in tgt)):
        issues.append(Issue("numbers", "error", f"number {number.text} of the source is missing or changed"))
    src_groups = {g for n in src for g in n.groups}
    for number in dict.fromkeys(t for t in tgt if not any(t.within(n) for n in src) and not set(t.groups) <= src_groups):
        issues.append(Issue("numbers", "warning", f"number {number.text} is not in the source; check it"))
    return issues


# --- markup -------------------------------------------------------------------------------


@check("markup")
def markup(pair: Pair) -> list[Issue]:
    """The same links, images, emphasis, strong emphasis and code spans as the source."""
    src, tgt = inline(pair.source), inline(pair.translation)
    issues: list[Issue] = []
    for what, src_items, tgt_items in (("link to", src.links, tgt.links), ("image", src.images, tgt.images)):
        missing, added = _missing_and_added(src_items, tgt_items)
        issues += [Issue("markup", "error", f"{what} {url} of the source is missing or changed") for url in dict.fromkeys(missing)]
        issues += [Issue("markup", "error", f"{what} {url} is not in the source; remove it") for url in dict.fromkeys(added)]
    for what, sign, n_src, n_tgt in (("emphasis", "*…*", src.emphasis, tgt.emphasis), ("strong emphasis", "**…**", src.strong, tgt.strong)):
        if n_src != n_tgt:
            issues.append(Issue("markup", "error", f"the source has {n_src} {what} span(s) ({sign}), the translation {n_tgt}; mark the same words"))
    missing, added = _missing_and_added(src.code, tgt.code)
    issues += [Issue("markup", "error", f"code `{c}` of the source is missing or changed; copy it unchanged") for c in dict.fromkeys(missing)]
    issues += [Issue("markup", "error", f"code `{c}` is not in the source; remove the backticks") for c in dict.fromkeys(added)]
    return issues


# --- urls ---------------------------------------------------------------------------------


def _url_kind(url: str) -> str:
    return "e-mail address" if EMAIL_RE.fullmatch(url) else "URL"


@check("urls")
def urls(pair: Pair) -> list[Issue]:
    """URLs and e-mail addresses written in the text are copied unchanged."""
    missing, added = _missing_and_added(inline(pair.source).urls, inline(pair.translation).urls)
    issues = [Issue("urls", "error", f"{_url_kind(u)} {u} of the source is missing or changed; copy it unchanged") for u in dict.fromkeys(missing)]
    issues += [Issue("urls", "error", f"{_url_kind(u)} {u} is not in the source") for u in dict.fromkeys(added)]
    return issues


# --- whitespace ---------------------------------------------------------------------------

BLANKS = " \t\u00a0\u202f\u2009"
DOUBLE_SPACE_RE = re.compile(rf"(?<=\S)[{BLANKS}]{{2,}}(?=\S)")


def _blanks(text: str) -> tuple[str, str]:
    return text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]


def _describe_blanks(blanks: str) -> str:
    return f"{len(blanks)} blank(s)" if blanks else "no blank"


@check("whitespace")
def whitespace(pair: Pair) -> list[Issue]:
    """Leading and trailing blanks as in the source; no doubled spaces or line breaks added."""
    issues: list[Issue] = []
    (src_lead, src_trail), (tgt_lead, tgt_trail) = _blanks(pair.source), _blanks(pair.translation)
    if pair.translation.strip():
        if src_lead != tgt_lead:
            issues.append(Issue("whitespace", "warning", f"the translation starts with {_describe_blanks(tgt_lead)}, the source with {_describe_blanks(src_lead)}; match the source"))
        if src_trail != tgt_trail:
            issues.append(Issue("whitespace", "warning", f"the translation ends with {_describe_blanks(tgt_trail)}, the source with {_describe_blanks(src_trail)}; match the source"))
    if "\n" in pair.translation.strip() and "\n" not in pair.source.strip():
        issues.append(Issue("whitespace", "warning", "the translation has a line break, the source is one line; join the lines (a blank line splits the paragraph)"))
    prose = inline(pair.translation).prose
    if not DOUBLE_SPACE_RE.search(inline(pair.source).prose):
        for m in DOUBLE_SPACE_RE.finditer(prose):
            before = prose[: m.start()].split()[-1].replace(OBJ, "…")
            issues.append(Issue("whitespace", "warning", f"doubled space after {_quote(before)}; use one space"))
    return issues


# --- punctuation --------------------------------------------------------------------------

CLOSING = "\"'»”“’)]}*_ \t\u00a0"  # may follow the final mark: quotes, brackets, markup, blanks
FULLWIDTH = str.maketrans("。．！？：；", "..!?:;")
LIST_ENDS = frozenset({";", ","})  # list items: "…;" in Russian and Uzbek where English has nothing


def end_mark(prose: str) -> str:
    """The final punctuation mark of a text ("." "!" "?" ":" ";" "," "…"), or "" for none."""
    text = prose.translate(FULLWIDTH).rstrip().rstrip(CLOSING)
    if text.endswith(("...", "…")):
        return "…"
    run = text[len(text.rstrip("!?")) :]
    if run:
        return "?" if "?" in run else "!"
    return text[-1] if text and text[-1] in ".:;," else ""


def _name_mark(mark: str) -> str:
    return f"“{mark}”" if mark else "no punctuation"


@check("punctuation")
def punctuation(pair: Pair) -> list[Issue]:
    """The translation ends with the source's final mark (a closing quote or bracket may follow)."""
    src, tgt = end_mark(inline(pair.source).prose), end_mark(inline(pair.translation).prose)
    if src == tgt or ({src, tgt} & LIST_ENDS and {src, tgt} <= LIST_ENDS | {"", "."}):
        return []
    return [Issue("punctuation", "warning", f"the source ends with {_name_mark(src)}, the translation with {_name_mark(tgt)}; end it as the source does")]


# --- brackets -----------------------------------------------------------------------------

PAIRS = {"(": ")", "[": "]", "{": "}", "«": "»", "„": "“", "“": "”", '"': '"'}
CLOSERS = {")", "]", "}", "»", "”"}


def bracket_problems(prose: str) -> list[str]:
    """Unbalanced brackets and double quotes in a text, as messages; [] if balanced."""
    stack: list[str] = []
    problems: list[str] = []
    for ch in prose:
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
    if bracket_problems(inline(pair.source).prose):
        return []
    return [Issue("brackets", "warning", f"{p} in the translation") for p in bracket_problems(inline(pair.translation).prose)]


# --- unchanged ----------------------------------------------------------------------------


def only_names(prose: str) -> bool:
    """True if a text holds nothing to translate: acronyms, initials, numbers, a short name, URLs."""
    capitalised = 0
    for word in WORD_RE.findall(prose):
        if any(ch.isdigit() for ch in word) or word.isupper():
            continue  # a number, an acronym (ICRC), an initial (L)
        if not word[0].isupper():
            return False
        capitalised += 1
    return capitalised <= 3  # "L.Kh. Isakov", "Oliy Majlis": a name, not a sentence


@check("unchanged")
def unchanged(pair: Pair) -> list[Issue]:
    """A translation identical to its source is a forgotten entry, unless there is nothing to translate."""
    if " ".join(pair.source.split()) != " ".join(pair.translation.split()) or only_names(inline(pair.source).prose):
        return []
    return [Issue("unchanged", "warning", f"the translation is the source text unchanged; translate it into {pair.target_lang}")]


# --- script -------------------------------------------------------------------------------

SCRIPT_NAMES = {"Latn": "Latin", "Cyrl": "Cyrillic"}
ROMAN_RE = re.compile(r"[IVXLCDM]+")


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
    shown = ", ".join(_quote(w) for w in words[:limit])
    return shown + (f" and {len(words) - limit} more" if len(words) > limit else "")


@check("script")
def script(pair: Pair) -> list[Issue]:
    """Words in the target language's script only (names and acronyms of the source may stay in Latin)."""
    target = script_of(pair.target_lang)
    issues: list[Issue] = []
    source_words = set(WORD_RE.findall(inline(pair.source).prose))
    foreign: list[str] = []
    for word in dict.fromkeys(WORD_RE.findall(inline(pair.translation).prose)):
        scripts = _scripts(word)
        if len(scripts) > 1:
            odd = min(scripts, key=lambda s: len(scripts[s]))
            letters = "".join(dict.fromkeys(scripts[odd]))
            issues.append(Issue("script", "error", f"{_quote(word)} mixes Latin and Cyrillic letters ({SCRIPT_NAMES[odd]} {letters}); retype it in one script"))
        elif target in SCRIPT_NAMES and scripts and next(iter(scripts)) != target:
            kept_name = word in source_words and any(ch.isupper() or ch.isdigit() for ch in word)
            if target == "Cyrl" and (ROMAN_RE.fullmatch(word) or kept_name):
                continue  # ICRC, Google, XXI: Latin names and numerals stay Latin in Cyrillic text
            foreign.append(word)
    if foreign and target:
        other = "Cyrillic" if target == "Latn" else "Latin"
        issues.append(Issue("script", "error", f"{other} word(s) in a {SCRIPT_NAMES[target]}-script ({pair.target_lang}) translation: {_listing(foreign)}; translate or transliterate them"))
    return issues


# --- apostrophe (Uzbek Latin) -------------------------------------------------------------

OKINA = "\u02bb"  # ʻ MODIFIER LETTER TURNED COMMA: the letters oʻ and gʻ
TUTUQ = "\u02bc"  # ʼ MODIFIER LETTER APOSTROPHE: the separating sign (tutuq belgisi)
APOSTROPHES = "'\u2018\u2019`\u00b4" + OKINA + TUTUQ
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
    spans: list[tuple[int, int]] = [(s, e) for s, e, _ in _find_urls(text)]
    apostrophes: set[int] = set()
    i, n, labels = 0, len(text), 0
    while i < n:
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
    spans, backtick_apostrophes = _protected(text)
    fixes: list[ApostropheFix] = []
    open_quotes = {"'": False, "\u2018": False}
    for i, ch in enumerate(text):
        if ch not in APOSTROPHES or any(s <= i < e for s, e in spans):
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
        word = _quote(_word_at(pair.translation, fix.index))
        letter = pair.translation[fix.index - 1]
        if fix.new == OKINA:
            message = f"{word}: write {letter}ʻ with {_char(OKINA)}, not {_char(fix.old)}"
        else:
            message = f"{word}: the separating sign (tutuq belgisi) is {_char(TUTUQ)}, not {_char(fix.old)}"
        issues.append(Issue("apostrophe", "error", message))
    return issues


# --- html ---------------------------------------------------------------------------------


@check("html")
def html(pair: Pair) -> list[Issue]:
    """No raw HTML that the source does not have: a translation never adds markup."""
    src, tgt = inline(pair.source), inline(pair.translation)
    _, added = _missing_and_added(src.html, tgt.html)
    issues = [Issue("html", "error", f"raw HTML {_quote(tag, 80)} is not in the source; remove it") for tag in dict.fromkeys(added)]
    _, added_text = _missing_and_added(src.text_tags + tuple(TAG_LIKE_RE.findall(" ".join(src.html))), tgt.text_tags)
    issues += [Issue("html", "error", f"HTML-like text {_quote(tag)} is not in the source; remove it") for tag in dict.fromkeys(added_text)]
    return issues


# --- glossary -----------------------------------------------------------------------------

INFLECTING = frozenset({"ru", "uz", "uk", "be", "kk", "ky"})  # compare glossary terms by word stems
UZ_APOSTROPHE_RE = re.compile(rf"(?<=[^\W\d_])[{re.escape(APOSTROPHES)}](?=[^\W\d_])")


def _glossary_words(text: str, tag: str) -> list[str]:
    if _language(tag) == "uz":  # oʻ, o', o‘ are one letter to a reader: compare them alike
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
    stems = _language(tag) in INFLECTING

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
    issues = []
    source_prose, target_prose = inline(pair.source).prose, inline(pair.translation).prose
    for row in pair.glossary.terms:
        src_term, tgt_term = _term(row, pair.source_lang), _term(row, pair.target_lang)
        if not src_term or not tgt_term or not term_in(src_term, source_prose, pair.source_lang, phrase=True):
            continue
        if not term_in(tgt_term, target_prose, pair.target_lang, phrase=False):
            issues.append(Issue("glossary", "warning", f"glossary: {_quote(src_term)} is {_quote(tgt_term)} in {pair.target_lang}; use that term"))
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
        if _locale(tag) is None:
            raise InputError(path, f"unknown column {tag!r}: not a language tag", "name every column with a BCP 47 tag, e.g. en,ru,uz-Latn", line)
        if canonical_tag(tag) in tags:
            raise InputError(path, f"column {tag!r} appears twice", "keep one column per language", line)
        tags.append(canonical_tag(tag))
    return tags


# --- running them -------------------------------------------------------------------------

CHECK_IDS: tuple[str, ...] = tuple(REGISTRY)


def run_checks(pair: Pair, only: frozenset[str] | None = None, skip: frozenset[str] = frozenset()) -> list[Issue]:
    """Every registered check (or ``only`` those) on one pair, minus ``skip``; none on an empty translation."""
    if not pair.translation:
        return []
    issues: list[Issue] = []
    for check_id, func in REGISTRY.items():
        if (only is None or check_id in only) and check_id not in skip:
            issues += func(pair)
    return issues
