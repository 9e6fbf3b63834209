"""Format PO strings and reference comments exactly as GNU gettext 0.21 writes them.

This mirrors ``wrap()`` and ``message_print_comment_filepos()`` in gettext-tools'
write-po.c together with libunistring 1.0's ``u8_possible_linebreaks`` (UAX #14,
table-driven) and ``u8_width_linebreaks`` (greedy fill), as used by ``msgcat``,
``msgmerge`` and ``xgettext`` with the default page width 79 and a UTF-8 charset.

How GNU wraps a value:

* The value is cut after every newline into portions; each portion is C-escaped
  and line-broken on its own.
* Line-break opportunities are computed on the *escaped* text (so the backslash
  of an escape sequence takes part as class PR), with breaks inside an escape
  sequence and just before the final ``\\n`` of a portion forbidden.
* A break is taken at the last opportunity before a piece would make the line
  exceed the width; a piece that is too long by itself overflows the line.
* ``keyword ""`` followed by continuation lines is used when the value has a
  newline before its end, or when the one-line form needs a break.

Known gaps (simplifications that do not affect Uzbek, Russian or English prose;
tests/test_powrap.py compares the output with msgcat and marks them xfail):

* Line-break classes come from a small explicit table plus the Unicode general
  category; they agree with libunistring 1.0 for ASCII, Latin-1, Latin Extended,
  IPA, Greek, Cyrillic, General Punctuation, currency and letterlike symbols,
  and for CJK punctuation, kana and fullwidth forms (CL, OP, CP, EX, NS, CJ as NS).
  Other scripts are approximated: HL (Hebrew), RI, EB/EM, the Hangul classes
  and complex-context scripts (Khmer, SA) are treated as AL or ID, and the
  Supplemental Punctuation block (U+2E00-2E7F) falls back to ID or AL.
* Display width follows ``unicodedata`` (Unicode 14, as libunistring 1.0):
  wide/fullwidth = 2, combining/format/control = 0, everything else 1.
* With a format flag (``#, c-format``, ``python-format``, ``python-brace-format``,
  ``javascript-format``, or their ``possible-`` forms) GNU refuses to break inside a
  directive of that format (``%.*s``, ``%(name)s``, ``{0}``): the directives are found with
  one regular expression per format, a close approximation of gettext's format parsers
  (their positional-argument and consistency rules are not modelled, as they do not move a
  directive's boundaries). Other formats are treated as having no directives.
* ``#, no-wrap`` is honoured as GNU does: the page width is unlimited, so each ``\n``
  portion is one line.
* Only the UTF-8 charset and GNU's default output style (no ``--indent``, no
  ``--escape``) are modelled. ``width`` is used as given, while msgcat raises a
  ``-w`` below 20 to 20.
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
import unicodedata
from collections.abc import Callable
from typing import TypeVar

from tarjima.po.linebreak import BY_CATEGORY, COLUMNS, EXPLICIT, PAIRS, ROWS

__all__ = ["columns", "escape", "string_lines", "reference_lines", "format_of"]

# A format directive, per format flag (gettext's format-c.c, format-python.c,
# format-python-brace.c, format-javascript.c, approximated).
_DIRECTIVES = {
    "c": re.compile(r"%(?:\d+\$)?[-+ #0'I]*(?:\d+|\*(?:\d+\$)?)?(?:\.(?:\d+|\*(?:\d+\$)?)?)?(?:hh|h|ll|l|L|q|j|z|Z|t)?(?:<PRI[a-zA-Z0-9]+>|[diouxXeEfFgGaAcCsSpnm%])"),
    "python": re.compile(r"%(?:\([^)]*\))?[-+ #0]*(?:\d+|\*)?(?:\.(?:\d+|\*)?)?[hlL]?[diouxXeEfFgGcrsa%]"),
    "python-brace": re.compile(r"\{\{|\}\}|\{[^{}]*\}"),
    "javascript": re.compile(r"%(?:\d+\$)?[-+ #0]*\d*(?:\.\d+)?[bcdoxXeEfFgGjsi%]"),
}


def format_of(flags: tuple[str, ...]) -> str | None:
    """The format whose directives GNU keeps whole when wrapping, by an entry's flags."""
    for flag in flags:
        name = flag[len("possible-") :] if flag.startswith("possible-") else flag
        if name.endswith("-format") and name[: -len("-format")] in _DIRECTIVES:
            return name[: -len("-format")]
    return None


def _inside(text: str, directives: str | None) -> list[bool] | None:
    """Per character of ``text``, whether it is inside a format directive (after its first character)."""
    if directives is None:
        return None
    marks = [False] * len(text)
    found = False
    for match in _DIRECTIVES[directives].finditer(text):
        for i in range(match.start() + 1, match.end()):
            marks[i] = found = True
    return marks if found else None

_ESCAPES = {
    "\a": "\\a",
    "\b": "\\b",
    "\f": "\\f",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\v": "\\v",
    "\\": "\\\\",
    '"': '\\"',
}


_PROHIBITED, _POSSIBLE, _MANDATORY = 0, 1, 2


def escape(text: str) -> str:
    """C-escape a msgid/msgstr value as GNU does (backslash, double quote, \\n, \\t, \\r, and other control characters as GNU writes them)."""
    return "".join(_ESCAPES.get(ch, ch) for ch in text)


_V = TypeVar("_V")


class _PerCharacter(dict[str, _V]):
    """A memo of a function of one character: each character is classified once per process."""

    def __init__(self, func: Callable[[str], _V]) -> None:
        super().__init__()
        self.func = func

    def __missing__(self, ch: str) -> _V:
        value = self[ch] = self.func(ch)
        return value


def _lb_class(ch: str) -> str:
    """The (resolved) UAX #14 line-break class of one character."""
    cls = EXPLICIT.get(ch)
    if cls is not None:
        return cls
    cls = BY_CATEGORY.get(unicodedata.category(ch))
    if cls is not None:
        return cls
    return "ID" if unicodedata.east_asian_width(ch) in ("W", "F") else "AL"


def _width(ch: str) -> int:
    """Display columns of one character, as libunistring's uc_width (negative counted as 0)."""
    category = unicodedata.category(ch)
    if category in ("Mn", "Me", "Cf", "Cc"):
        return 0
    if category == "Cn":
        return 1
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


_CLASS = _PerCharacter(_lb_class)
_WIDTH = _PerCharacter(_width)


def columns(text: str) -> int:
    """The display columns of a line, as GNU counts them when it wraps."""
    return sum(map(_WIDTH.__getitem__, text))


def _possible_breaks(text: str) -> list[int]:
    """Break opportunity before each character, as libunistring's u8_possible_linebreaks."""
    _lb_class = _CLASS.__getitem__  # noqa: N806 (the memo, under the name the rules read best with)
    result = [_PROHIBITED] * len(text)
    last = "BK"  # class of the last non-space character
    space = False  # whether spaces follow it
    joiner = False  # whether the last non-space character was a zero-width joiner
    for i, ch in enumerate(text):
        cls = _lb_class(ch)
        if cls == "BK":
            result[i] = _MANDATORY
            last, space = "BK", False
            continue
        if cls == "SP":
            space = True
            continue
        if cls == "ZW":
            last, space = "ZW", False
            continue
        glued, joiner = joiner and not space, cls == "ZWJ"
        if cls in ("CM", "ZWJ"):
            if last not in ("BK", "ZW") and not space:
                continue  # a combining mark or joiner sticks to the character before it
            # At the start, or after a space or zero-width space, it acts as AL.
            if last != "BK":
                result[i] = _POSSIBLE
            last, space = "AL", False
            continue
        if last == "ZW":
            result[i] = _POSSIBLE
        elif last != "BK" and not glued:
            rule = PAIRS[last, cls]
            if rule == "D" or (rule == "I" and space):
                result[i] = _POSSIBLE
        last, space = cls, False
    return result


def _fill_exact(text: str, forced: list[bool], width: int, start: int) -> list[int]:
    """Indices where the greedy filler of u8_width_linebreaks breaks the escaped text."""
    possible = _possible_breaks(text)
    _width = _WIDTH.__getitem__  # noqa: N806
    breaks: list[int] = []
    last_at: int | None = None
    column, piece = start, 0
    for i, ch in enumerate(text):
        kind = _PROHIBITED if forced[i] else possible[i]
        if kind != _PROHIBITED and last_at is not None and column + piece > width:
            breaks.append(last_at)
            column = 0
        if kind == _MANDATORY:
            last_at, column, piece = None, 0, 0
            continue
        if kind == _POSSIBLE:
            last_at, column, piece = i, column + piece, 0
        piece += _width(ch)
    if last_at is not None and column + piece > width:
        breaks.append(last_at)
    return breaks


def _escaped_exact(portion: str) -> tuple[str, list[bool]]:
    """The escaped portion and, per escaped character, whether a break before it is forbidden."""
    chars: list[str] = []
    forced: list[bool] = []
    for ch in portion:
        esc = _ESCAPES.get(ch, ch)
        chars.append(esc)
        forced.extend([False] + [True] * (len(esc) - 1))
    if portion.endswith("\n"):
        forced[-2] = True  # never break just before the final "\n"
    return "".join(chars), forced


# The fast path. Prose is mostly letters, digits and single spaces, for which the rules above
# reduce to "a break before each word but the first", plus the few pairs of classes with a
# direct break (rule D). Each character is mapped to a one-letter code of its class with
# str.translate and the opportunities are found with regular expressions, in C; a text with
# anything else (a mandatory or zero-width break, a combining mark, a character not one column
# wide) takes the exact per-character path above. The tests compare both with GNU msgcat.
_LETTERS = {cls: chr(ord("a") + i) for i, cls in enumerate(COLUMNS)}
_RANGE = f"a-{chr(ord('a') + len(_LETTERS) - 1)}"
_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f"\\]')


class _Codes(dict[int, str]):
    """ord(ch) -> one-letter class code; " " for a space, "!" for anything the fast path leaves alone."""

    def __missing__(self, key: int) -> str:
        ch = chr(key)
        cls = _CLASS[ch]
        if cls == "SP" and _WIDTH[ch] == 1:
            code = " "
        elif cls in _LETTERS and _WIDTH[ch] == 1:
            code = _LETTERS[cls]
        else:
            code = "!"
        self[key] = code
        return code


_CODES = _Codes()
_SPACED = re.compile(f"(?<=[{_RANGE}]) +(?=[{_RANGE}])")  # a break is possible after spaces between two characters...
_SPACED_NOT = re.compile(  # ...unless the pair is prohibited even across spaces
    "|".join(
        f"{_LETTERS[row]} +(?=[{''.join(_LETTERS[col] for col, rule in zip(COLUMNS, rules) if rule == 'P')}])"
        for row, rules in ROWS.items()
        if "P" in rules
    )
)
_MAYBE_NOT = re.compile(  # a cheap superset of _SPACED_NOT for text with single spaces
    f"{_LETTERS['OP']} | [{''.join(sorted({_LETTERS[col] for rules in ROWS.values() if rules.count('P') < len(rules) for col, rule in zip(COLUMNS, rules) if rule == 'P'}))}]"
)
_D_PAIRS = {_LETTERS[row] + _LETTERS[col] for row, rules in ROWS.items() for col, rule in zip(COLUMNS, rules) if rule == "D"}
_PLAIN = _LETTERS["AL"] + _LETTERS["NU"]  # letters and digits: never a break between two of them
assert not {a + b for a in _PLAIN for b in _PLAIN} & _D_PAIRS, "the fast path relies on it"
_UNCOMMON = re.compile(f"[^{_PLAIN} ]")


def _escaped_portion(portion: str) -> tuple[str, list[bool]]:
    """The escaped portion and, per escaped character, whether a break before it is forbidden."""
    found = _NEEDS_ESCAPE.search(portion)
    if found is None:
        return portion, [False] * len(portion)
    if found.start() == len(portion) - 1 and portion[-1] == "\n":  # only a final newline: no break before it
        return portion[:-1] + "\\n", [False] * (len(portion) - 1) + [True, True]
    return _escaped_exact(portion)


def _opportunities(codes: str) -> list[int]:
    """Sorted indices before which a line may break, for a class-code string with no "!"."""
    if codes.startswith(" ") or codes.endswith(" ") or "  " in codes or _MAYBE_NOT.search(codes):
        blocked = {m.end() for m in _SPACED_NOT.finditer(codes)}
        spaced = [m.end() for m in _SPACED.finditer(codes) if m.end() not in blocked]
    else:  # single spaces between words: a break before every word but the first
        spaced = list(map(operator.add, itertools.accumulate(map(len, codes.split(" ")[:-1])), itertools.count(1)))
    adjacent = []  # between two characters with no space, only where the rule is D
    last = len(codes) - 1
    for match in _UNCOMMON.finditer(codes):
        j = match.start()
        here = codes[j]
        if j and codes[j - 1] in _PLAIN and codes[j - 1] + here in _D_PAIRS:
            adjacent.append(j)
        if j < last and codes[j + 1] != " " and here + codes[j + 1] in _D_PAIRS:
            adjacent.append(j + 1)
    return sorted(spaced + adjacent) if adjacent else spaced


def _fill(text: str, forced: list[bool], width: int, start: int) -> list[int]:
    """Indices where the greedy filler of u8_width_linebreaks breaks the escaped text."""
    codes = text.translate(_CODES)
    if "!" in codes:
        return _fill_exact(text, forced, width, start)
    possible = _opportunities(codes)
    if True in forced:
        possible = [i for i in possible if not forced[i]]
    # Greedy, one line at a time: a line starting at `begin` (column `offset`) ends at the last
    # opportunity that fits, but never before the first opportunity after its start.
    breaks: list[int] = []
    begin, offset, first = 0, start, 1
    count = len(possible)
    while True:
        at = max(bisect.bisect_right(possible, begin + width - offset), first)
        if at >= count:
            break
        begin, offset = possible[at - 1], 0
        breaks.append(begin)
        first = at + 1
    if count and offset + len(text) - begin > width:
        breaks.append(possible[-1])
    return breaks



def _with_directives(portion: str, escaped: str, forced: list[bool], inside: list[bool]) -> list[bool]:
    """``forced`` with no break before a character inside a format directive (its escape's first char)."""
    if len(escaped) == len(portion):
        return [f or i for f, i in zip(forced, inside)]
    result = list(forced)
    at = 0
    for ch, mark in zip(portion, inside):
        if mark:
            result[at] = True
        at += len(_ESCAPES.get(ch, ch))
    return result


NO_WRAP = 1 << 30  # GNU's INT_MAX page width of a no-wrap entry


def string_lines(keyword: str, text: str, prefix: str = "", width: int = 79, wrap: bool = True, directives: str | None = None) -> list[str]:
    """The lines (without newline) of `keyword "text"` as GNU writes them (``wrap`` False for
    ``#, no-wrap``; ``directives`` the format whose directives are never split)."""
    if not wrap:
        width = NO_WRAP
    parts = text.split("\n")  # not splitlines(): only "\n" ends a portion
    portions = [part + "\n" for part in parts[:-1]]
    if parts[-1] or not portions:
        portions.append(parts[-1])
    inside = _inside(text, directives)
    avail = width - 1 - (len(prefix) + 1)  # room for the escaped text on a continuation line
    lines: list[str] = []
    first = True
    offset = 0
    for index, portion in enumerate(portions):
        escaped, forced = _escaped_portion(portion)
        if inside is not None:
            forced = _with_directives(portion, escaped, forced, inside[offset : offset + len(portion)])
        offset += len(portion)
        start = len(keyword) + 1 if first else 0
        if start + sum(map(_WIDTH.__getitem__, escaped)) <= avail and "\n" not in portion[:-1]:
            breaks = []  # it fits: no break is taken, whatever the opportunities
        else:
            breaks = _fill(escaped, forced, avail, start)
        if first and escaped and (index + 1 < len(portions) or start > avail or breaks):
            lines.append(f'{prefix}{keyword} ""')
            first = False
            breaks = _fill(escaped, forced, avail, 0)
        head = f"{prefix}{keyword} " if first else prefix
        first = False
        for begin, end in zip([0, *breaks], [*breaks, len(escaped)]):
            lines.append(f'{head}"{escaped[begin:end]}"')
            head = prefix
    return lines


def reference_lines(references: list[str], width: int = 79) -> list[str]:
    """The '#: a.md:1 b.md:20' comment lines as GNU wraps them."""
    lines: list[str] = []
    line, column = "#:", 2
    for ref in references:
        size = len(ref.encode("utf-8")) + 1
        if column > 2 and column + size > width:
            lines.append(line)
            line, column = "#:", 2
        line += " " + ref
        column += size
    if references:
        lines.append(line)
    return lines
