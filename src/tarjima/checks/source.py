"""Checks on the sources themselves: an Uzbek report's own text gets the sign and script checks
its translations get (``apostrophe``, ``script``), and ``--fix`` rewrites its safe apostrophes in
the source file.

A segment is checked as a text in its own language (the pair of the text with itself: a
capitalised Latin name in a Cyrillic text is kept, as in a translation). A fix is made on the
lines of the source where the segment stands, and kept only if the file, parsed again, has
exactly the segments the fix meant (every other segment, the front matter and the Markdown
unchanged); otherwise the file is left alone and the finding stays for a person.
"""

from __future__ import annotations

from typing import Callable

from tarjima.checks.alphabet import fix_alphabet
from tarjima.checks.apostrophe import fix_apostrophes
from tarjima.derive.latin2026 import OLD
from tarjima.checks.catalogue import Raw
from tarjima.checks.registry import Pair
from tarjima.checks.run import run_checks
from tarjima.languages import is_uzbek_latin
from tarjima.model import FRONT_MATTER_FIELDS, Front, Report
from tarjima.sources import Document

SOURCE_CHECKS = frozenset({"apostrophe", "alphabet", "script"})  # what a text in its own language can get wrong



def checked_language(tag: str) -> bool:
    """The sources whose own text is checked: Uzbek, in either script."""
    return tag.lower().startswith("uz-")


def source_findings(doc: Document) -> tuple[list[Raw], int]:
    """The apostrophe and script findings of every distinct segment of a source, at its first line."""
    lang = doc.report.lang
    raw: list[Raw] = []
    seen: set[str] = set()
    for segment in doc.segments:
        if segment.text in seen:
            continue
        seen.add(segment.text)
        for issue in run_checks(Pair(segment.text, segment.text, lang, lang), only=SOURCE_CHECKS):
            message = issue.message.replace(") translation: ", ") text: ")  # the script check speaks of translations
            raw.append((issue.check, issue.severity, message, segment.line, segment.text))
    return raw, len(seen)


def fixed_source(text: str, doc: Document, parse: Callable[[str], Document], alphabet: str = OLD) -> tuple[str, int]:
    """The source's text with the safe apostrophe fixes of its segments, and how many segments
    changed. Each segment's fix is tried on its own lines and kept only if the text, parsed again
    (``parse`` reads a text as the same report), differs from the original in exactly the fixed
    segments: a fix that would change anything else (YAML quoting, Markdown) is not made."""
    if not is_uzbek_latin(doc.report.lang):
        return text, 0

    def fix(line: str) -> str:  # the safe apostrophes, and a mixture of the two Latin alphabets written in the project's
        return fix_alphabet(fix_apostrophes(line), alphabet)

    wanted = {s.text: fix(s.text) for s in doc.segments}
    lines = text.split("\n")
    done: set[str] = set()
    for segment in doc.segments:
        if wanted[segment.text] == segment.text or segment.text in done:
            continue
        trial = list(lines)
        start = segment.line - 1
        end = start + 1
        if segment.id not in FRONT_MATTER_FIELDS:  # a block: its lines up to the next blank one
            while end < len(trial) and trial[end].strip():
                end += 1
        for i in range(start, min(end, len(trial))):
            trial[i] = fix(trial[i])
        meant = {old: new if old in done or old == segment.text else old for old, new in wanted.items()}
        if reads_as(parse, "\n".join(trial), doc, meant):
            lines = trial
            done.add(segment.text)
    return ("\n".join(lines), len(done)) if done else (text, 0)


def reads_as(parse: Callable[[str], Document], text: str, doc: Document, meant: dict[str, str]) -> bool:
    """Whether ``text`` parses to the document's segments with each text replaced as ``meant``, and its front matter likewise."""
    try:
        again = parse(text)
    except Exception:  # noqa: BLE001 - whatever the changed text does to the parser, it is not the text meant
        return False
    expected = [(s.id, s.role, meant[s.text]) for s in doc.segments]
    return [(s.id, s.role, s.text) for s in again.segments] == expected and dict(again.front.meta) == meta_fixed(doc.front, meant)


def meta_fixed(front: Front, wanted: dict[str, str]) -> dict[str, object]:
    """The front matter as the fix means it: translatable fields fixed, everything else as it was."""
    meta = dict(front.meta)
    for key in FRONT_MATTER_FIELDS:
        value = meta.get(key)
        if isinstance(value, str) and value in wanted:
            meta[key] = wanted[value]
    return meta
