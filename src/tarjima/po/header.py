"""A PO header's fields, read as GNU reads them, and its Plural-Forms checked as ``msgfmt -c`` checks it."""

from __future__ import annotations

import re
from functools import lru_cache

from tarjima.errors import InputError

WHITESPACE = " \t\r\f\v"  # what GNU's lexer skips between tokens


def header_fields(text: str) -> tuple[tuple[str, str], ...]:
    """The header's msgstr as (name, value) pairs that ``po.write.header_text`` gives back byte for byte.

    ``Name: value`` gives (Name, value) with the value exactly as written (inner and trailing
    blanks kept); a line without a colon continues the field before it (``value\nline``); a
    line in another form (``Name:value``, `` Name: v``) is kept whole as (line, ""), and text
    before the first field as ("", text). Empty lines are dropped, as a final newline is added.
    """
    headers: list[tuple[str, str]] = []
    for line in text.split("\n"):
        if not line:
            continue
        name, sep, value = line.partition(":")
        if not sep:
            if headers:
                last_name, last_value = headers[-1]
                headers[-1] = (last_name + "\n" + line, "") if is_raw(last_name) else (last_name, last_value + "\n" + line)
            else:
                headers.append(("", line))
            continue
        if name and name == name.strip(WHITESPACE) and value.startswith(" "):
            headers.append((name, value[1:]))
        else:
            headers.append((line, ""))
    return tuple(headers)


def header_field(text: str, name: str) -> str:
    """One field's value as ``Catalog(headers=header_fields(text)).header(name)`` gives it ("" if absent), without
    making the pairs: the first ``Name: value`` line of that name (in any case), and the lines without a colon after it."""
    wanted = name.lower()
    lines = text.split("\n")
    for number, line in enumerate(lines):
        key, sep, value = line.partition(":")
        if sep and key.lower() == wanted and key == key.strip(WHITESPACE) and value.startswith(" "):
            value = value[1:]
            for more in lines[number + 1 :]:
                if ":" in more:
                    break
                if more:
                    value += "\n" + more
            return value
    return ""


def is_raw(name: str) -> bool:
    """Whether a header pair holds a line kept whole rather than a ``Name: value`` field."""
    return not name or ":" in name or name != name.strip(WHITESPACE)


def header_value(text: str, name: str) -> str | None:
    """One field's value in a header's text, None when absent (as GNU finds it: at a line start)."""
    match = re.search(rf"(?im)^{re.escape(name)}:[ \t]*([^\n]*)", text)
    return match.group(1) if match else None


def field_line(text: str, name: str, start: int) -> int:
    """The file line on which a header field's string starts (the header's msgstr begins on line ``start``); ``start`` if not found."""
    offset = 0
    for _ in range(start - 1):
        offset = text.find("\n", offset) + 1
        if not offset:
            return start
    match = re.compile(rf'(?im)^[ \t]*(?:msgstr[ \t]*)?"{re.escape(name)}:').search(text, offset)
    return text.count("\n", 0, match.start()) + 1 if match else start


PLURAL_TOKEN_RE = re.compile(r"\s*(?:(\d+)|(n)|(\|\||&&|==|!=|<=|>=|[-+*/%<>!?:()]))")


def check_plural_forms(value: str | None, path: str, source: str, start: int) -> None:
    """Refuse a Plural-Forms field as ``msgfmt -c`` does ("invalid nplurals value", "invalid
    plural expression"); msginit's placeholder ``nplurals=INTEGER; plural=EXPRESSION;`` is one.
    The refusal names the field's line in ``source``, the file's text (its header from line ``start``)."""
    problem = plural_forms_problem(value) if value is not None else None
    if problem is not None:
        fix = "write it as 'nplurals=N; plural=EXPRESSION;', e.g. 'nplurals=2; plural=(n != 1);'"
        raise InputError(path, f"{problem} in the Plural-Forms header: {str(value)[:60]!r}", fix, field_line(source, "Plural-Forms", start))


@lru_cache(maxsize=256)  # one field per language, thousands of catalogues
def plural_forms_problem(value: str) -> str | None:
    """What is wrong with a Plural-Forms value, as ``msgfmt -c`` says it, or None."""
    nplurals = re.search(r"nplurals\s*=\s*([^;\s]*)", value)
    if nplurals and (not nplurals.group(1).isdigit() or int(nplurals.group(1)) < 1):
        return "invalid nplurals value"
    plural = re.search(r"(?<![n\w])plural\s*=\s*([^;]*)", value)
    if plural and not valid_expression(plural.group(1)):
        return "invalid plural expression"
    return None


@lru_cache(maxsize=256)  # one formula per language, thousands of catalogues
def valid_expression(text: str) -> bool:
    """Whether ``text`` is a C expression in ``n`` as gettext's plural formulas allow."""
    tokens: list[str] = []
    at = 0
    text = text.rstrip()
    while at < len(text):
        match = PLURAL_TOKEN_RE.match(text, at)
        if not match or match.end() == at:
            return False
        tokens.append(match.group(1) and "0" or match.group(0).strip())
        at = match.end()
    binary = [("||",), ("&&",), ("==", "!="), ("<", ">", "<=", ">="), ("+", "-"), ("*", "/", "%")]
    position = 0

    def peek() -> str:
        return tokens[position] if position < len(tokens) else ""

    def conditional() -> bool:
        nonlocal position
        if not level(0):
            return False
        if peek() == "?":
            position += 1
            if not conditional() or peek() != ":":
                return False
            position += 1
            return conditional()
        return True

    def level(index: int) -> bool:
        nonlocal position
        if index == len(binary):
            return unary()
        if not level(index + 1):
            return False
        while peek() in binary[index]:
            position += 1
            if not level(index + 1):
                return False
        return True

    def unary() -> bool:
        nonlocal position
        token = peek()
        position += 1
        if token == "!":
            return unary()
        if token == "(":
            if not conditional() or peek() != ")":
                return False
            position += 1
            return True
        return token in ("0", "n")

    return bool(tokens) and conditional() and position == len(tokens)
