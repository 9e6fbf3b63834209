"""Rewriting a catalogue file, perhaps another tool's: its layout read from its bytes, and the one
save that writes only when entries or header changed, in that layout (see tarjima.po.layout)."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable
from pathlib import Path
from types import MappingProxyType

from tarjima.errors import InputError
from tarjima.files import write_if_changed
from tarjima.model import Catalog, Entry
from tarjima.po.layout import GNU, NO_WRAP, TOOLKIT, HeaderKey, Key, Layout, Wrap, blocks, header_key, key_of, parts, toolkit_made
from tarjima.po.read import decode, parse, read
from tarjima.po.wrap import columns
from tarjima.po.write import Parts, dumps, entry_lines, header_lines


def layout_of(data: bytes, path: str, wrap: Wrap | None = None) -> Layout:
    """The layout of a catalogue file's bytes, which parsed; ``wrap`` the project's setting, None to
    detect it from the entries the file holds."""
    text, _ = decode(data, path)
    first = text.find("\n")
    newline = "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"
    text = text.replace("\r\n", "\n")
    texts: dict[Entry, str] = {}
    earlier: dict[Key, tuple[Entry, Parts]] = {}
    header: tuple[HeaderKey, str] | None = None
    samples: list[tuple[Callable[[Wrap], list[str]], str]] = []
    generator = ""
    head = ""
    for block in blocks(text):
        try:
            parsed = parse(block + "\n", path)
        except InputError:
            try:
                parsed = parse(head + block + "\n", path)  # after the header: a plural entry needs its Plural-Forms
            except InputError:  # not one entry alone: written anew
                continue
            if len(parsed.entries) != 1:
                continue
            parsed = Catalog(parsed.entries)
        if len(parsed.entries) == 1 and not parsed.headers:
            entry = parsed.entries[0]
            texts.setdefault(entry, block)
            earlier.setdefault(key_of(entry), (entry, MappingProxyType(parts(block))))
            samples.append((functools.partial(entry_lines, entry), block))
        elif not parsed.entries and header is None and (parsed.headers or parsed.header_comments):
            header = (header_key(parsed), block)
            head = block + "\n\n"
            generator = parsed.header("X-Generator")
            samples.append((functools.partial(header_lines, parsed), block))
    chosen = detect(samples, generator) if wrap is None else wrap
    return Layout(newline, chosen, header, MappingProxyType(texts), MappingProxyType(earlier))


COMMON_WIDTHS = (79, 80, 77, 76, 78, 100, 120, 72, 60, 70, 90, 110)  # editors' usual page widths, preferred in a tie


def detect(samples: list[tuple[Callable[[Wrap], list[str]], str]], generator: str = "") -> Wrap:
    """The wrap that reproduces most of a file's blocks (header and entries long enough to tell);
    ties go to translate-toolkit's when the file says it wrote it (Weblate does), else to GNU's,
    then to the usual widths. Widths tried are those no narrower than the widest line a break ended."""
    telling = [(lines, t) for lines, t in samples if '\n"' in t or max(map(len, t.split("\n"))) > 60]
    first = [TOOLKIT, GNU] if toolkit_made(generator) else [GNU, TOOLKIT]
    if not telling:
        return first[0]
    broken = [columns(line) for _, t in telling for line, after in itertools.pairwise(t.split("\n"))
              if not line.endswith('\\n"') and line.endswith('"') and after.lstrip("#~| ").startswith('"')]  # a break the wrap took
    least = max(broken, default=20)
    widths = [w for w in (*COMMON_WIDTHS, least, least + 1, least + 2) if w >= least]
    candidates = list(dict.fromkeys([*(c for c in first if c[1] >= least), NO_WRAP, *(("gnu", w) for w in widths)]))
    scores = []
    for wrap in candidates:
        scores.append(sum("\n".join(lines(wrap)) == t for lines, t in telling))
        if scores[-1] == len(telling):  # reproduces every one: no later candidate can do better (most files: the first)
            return wrap
    return candidates[scores.index(max(scores))]


def save(path: Path, catalog: Catalog, display: str, wrap: Wrap | None = None, durable: bool = True, read_as: Catalog | None = None) -> bool:
    """Write a catalogue atomically, only if its entries or header differ from the file's, in the
    file's own layout (``wrap`` the project's ``po_wrap``: None keeps each file's own; a new file is
    written in GNU's unless set). ``read_as``: the file as the caller read it (not read again). Say whether it wrote."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return write_if_changed(path, dumps(catalog, Layout(wrap=wrap or GNU)), durable)
    old = read_as if read_as is not None else read(data, display)
    if old == catalog:
        return False
    if wrap in (None, GNU) and data == dumps(old).encode("utf-8"):  # GNU's layout already (most files): nothing to detect
        return write_if_changed(path, dumps(catalog), durable)
    return write_if_changed(path, dumps(catalog, layout_of(data, display, wrap)), durable)
