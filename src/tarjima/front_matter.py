"""Front matter: the YAML between a source's ``---`` lines, read into its fields and the line of each.

Most front matter is a few ``key: value`` lines, a list of tags and a comment. ``plain`` reads
exactly that much YAML without PyYAML: lines of a key and a one-line text, a ``[a, b]`` list or
a ``- item`` list, each text one that YAML reads as text (not a number, a boolean or null, not
an anchor, a tag or a block scalar), and comment lines. It gives the mapping YAML gives, or
None for anything else, which PyYAML then reads (and names any error at its line). So what a
source means never depends on which reader read it (``tests/test_front_matter_reader.py`` holds the
two equal on the shipped content, the benchmark archives, every pair of edge pieces and random front matter); and a
command that parses sources skips PyYAML's import (about 12 ms) and most of its time.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from tarjima.errors import InputError

# A line of the plain subset: "key:" or "key: value" (a key YAML reads as text: no boolean or null word).
_KEY_RE = re.compile(r"([A-Za-z_][A-Za-z0-9_]*):(?: +(.+))?")
_ITEM_RE = re.compile(r"( *)- (.*)")  # a "- item" line of a block list
# What YAML reads as a boolean or null (YAML 1.1, as PyYAML resolves a plain text), not as text.
_NOT_TEXT = frozenset("yes Yes YES no No NO true True TRUE false False FALSE on On ON off Off OFF null Null NULL".split())
# A plain text's first character that may make it something else: an indicator (a list, a mapping, a
# comment, an anchor, a tag, a block scalar, a quote, a directive) or the start of a number, a null (~),
# a merge key (<<) or the value key (=). A date (YYYY-MM-DD) is text: tarjima's loader reads no timestamps.
_NOT_PLAIN_START = frozenset(" -?:,[]{}#&*!|>'\"%@`<=~.+0123456789")
DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")  # a front-matter date's shape (YYYY-MM-DD), read as text
_FLOW_BREAKS = frozenset(",[]{}:#")  # what ends or nests a plain text inside [...]


def _text(value: str, flow: bool = False) -> str | None:
    """A one-line value as YAML reads it, if it is sure to be text: plain or simply quoted; else None."""
    if not value or value[-1] == " ":
        return None
    first = value[0]
    if first in "'\"":
        inner = value[1:-1]
        if len(value) < 2 or value[-1] != first or first in inner or "\\" in inner:  # (in [...], items are split at commas)
            return None
        return inner
    if first in _NOT_PLAIN_START:
        return value if DATE_RE.fullmatch(value) else None
    if value in _NOT_TEXT or ": " in value or " #" in value or value[-1] == ":" or (flow and not _FLOW_BREAKS.isdisjoint(value)):
        return None
    return value


def _flow_list(value: str) -> list[str] | None:
    """``[a, b]`` on one line, each item text (``_text`` in a flow); else None."""
    inner = value[1:-1].strip(" ")
    if not inner:
        return []
    items = []
    for item in inner.split(","):
        text = _text(item.strip(" "), flow=True)
        if text is None:
            return None
        items.append(text)
    return items


def plain(source: str) -> tuple[dict[str, Any], dict[str, int]] | None:
    """The mapping and each key's file line (as ``load_front_matter``), if ``source`` is of the plain subset; else None."""
    rows = source.split("\n")
    if not all(map(str.isprintable, rows)):
        return None  # a tab, a line break YAML knows and Python does not split at (\x85, U+2028), a byte-order mark, a
        # character PyYAML refuses, or any blank but the space: printable is what Python's Unicode tables say, a subset of YAML's
    data: dict[str, Any] = {}
    lines: dict[str, int] = {}
    if rows[-1] == "":
        rows.pop()
    i = 0
    while i < len(rows):
        row = rows[i]
        if not row or row[0] == "#":
            i += 1
            continue
        match = _KEY_RE.fullmatch(row)
        if match is None or match.group(1) in _NOT_TEXT:
            return None  # (a key twice: the later value and line, as PyYAML keeps them)
        key, value = match.groups()
        lines[key] = i + 2
        i += 1
        if value is None:  # "key:" alone: null, or a block list on the lines below
            items: list[str] = []
            indent = None
            while i < len(rows) and (item := _ITEM_RE.fullmatch(rows[i])):
                if indent is not None and item.group(1) != indent:
                    return None
                indent = item.group(1)
                text = _text(item.group(2))
                if text is None:
                    return None
                items.append(text)
                i += 1
            data[key] = items if indent is not None else None
        elif value[0] == "[" and value[-1] == "]":
            data[key] = _flow_list(value)
        else:
            data[key] = _text(value)
        if data[key] is None and value is not None:
            return None  # (an indented line below, a text on more lines or nested, is no line of the subset)
    return (data, lines) if data else None


def load_front_matter(source: str, path: str) -> tuple[dict[str, Any], dict[str, int]]:
    """Parse YAML front matter safely; return the mapping and each top-level key's file line."""
    found = plain(source)
    if found is not None:
        return found
    return _load_yaml(source, path)


@cache
def front_matter_loader() -> type:
    """YAML's safe loader (libyaml's when PyYAML has it: ten times faster), with dates left as text: tarjima
    checks them and names the line. Made on first use: a command whose sources all come from the index
    (a no-op ``update``, ``status``) never imports PyYAML, about 12 ms."""
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    resolvers = {first: [(tag, regexp) for tag, regexp in found if tag != "tag:yaml.org,2002:timestamp"] for first, found in base.yaml_implicit_resolvers.items()}
    return type("FrontMatterLoader", (base,), {"yaml_implicit_resolvers": resolvers})


def _load_yaml(source: str, path: str) -> tuple[dict[str, Any], dict[str, int]]:
    """Front matter as PyYAML's safe loader reads it (``front_matter_loader``); errors named at their line."""
    import yaml

    loader = front_matter_loader()(source)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        opened = unclosed_quote(source, mark.line if mark else source.count("\n"))
        if opened is not None:  # YAML reads on past it and stops lines later, where the quoted value swallowed what followed
            number, quote = opened
            inner = '\\"' if quote == '"' else "''"
            hint = f"end the value with {quote} on its line and write a {quote} inside it as {inner}, or write the value without quotes"
            raise InputError(path, f"invalid YAML front matter: the value quoted with {quote} on this line does not end with its closing {quote}", hint, number + 2) from None
        if exc.context_mark is not None and (mark is None or mark.line >= len(source.rstrip("\n").split("\n"))):
            mark = exc.context_mark  # found at the end: named where what was never closed ([, {) started
        line = mark.line + 2 if mark else None
        raise InputError(path, f"invalid YAML front matter: {exc.problem}", "fix the front matter syntax", line) from None
    except yaml.YAMLError as exc:
        raise InputError(path, f"invalid YAML front matter: {exc}", "fix the front matter syntax", 2) from None
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        raise InputError(path, "front matter is not a mapping of fields", "write 'field: value' lines", 2)
    lines = {str(k.value): k.start_mark.line + 2 for k, _ in node.value} if node is not None else {}
    return data, lines


QUOTED_VALUE_RE = re.compile(r"""^[ \t]*(?:-[ \t]+)?(?:[^\s#'"-][^:#]*:[ \t]+)?(["'])""")


def _closing(text: str, start: int, quote: str) -> int:
    """Where the quoted scalar opened just before ``start`` ends (the index after its closing quote), or -1."""
    i = start
    while i < len(text):
        ch = text[i]
        if quote == '"' and ch == "\\":
            i += 2
            continue
        if ch == quote:
            if quote == "'" and text.startswith("''", i):
                i += 2  # '' is a quote inside a single-quoted value
                continue
            return i + 1
        i += 1
    return -1


def unclosed_quote(source: str, until: int) -> tuple[int, str] | None:
    """The first value (0-based line, up to line ``until``) whose quoted text does not end cleanly: never closed,
    or followed by text (a quote inside it, or the next value's opening quote that closed it): (line, quote), or None.
    A value quoted over several lines whose closing quote ends its line is fine.

    >>> unclosed_quote('title: "A seminar\\ndate: 2024-12-10\\nsummary: "Talks"\\n', 2)
    (0, '"')
    >>> unclosed_quote("title: 'It''s fine'\\nsummary: 'long\\n  value'\\nlang: [en\\n", 2) is None
    True
    """
    lines = source.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    number = 0
    while number <= min(until, len(lines) - 1):
        match = QUOTED_VALUE_RE.match(lines[number])
        if not match:
            number += 1
            continue
        quote = match.group(1)
        end = _closing(source, starts[number] + match.end(), quote)
        if end < 0:
            return number, quote
        closed_on = source.count("\n", 0, end)
        rest = source[end : starts[closed_on + 1] - 1].strip()
        if rest and not rest.startswith(("#", ",", "]", "}")):
            return number, quote  # text after the closing quote: a quote inside the value, or the next value's opening one
        number = closed_on + 1
    return None
