"""The check protocol: a check takes a :class:`Pair` and returns issues; a registry by stable id; suppressions.

A check never raises and never stops at the first problem. A translator switches a check off
for one entry with a translator comment ``# tarjima-no-<id>: why`` (or the flag
``#, tarjima-no-<id>``, which GNU msgcat and msgmerge drop).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import NamedTuple

from tarjima.markdown import References
from tarjima.model import Entry, Issue


@dataclass(frozen=True)
class Glossary:
    """Terms and their required translation per language (BCP 47 tag -> text)."""

    terms: tuple[Mapping[str, str], ...] = ()


class Pair(NamedTuple):
    """What a check looks at: one source text and its translation, read in their report's context."""

    source: str
    translation: str
    source_lang: str  # BCP 47 tag
    target_lang: str
    glossary: Glossary = Glossary()
    references: References = ()  # the report's link reference definitions: ``[text][1]`` is a link on both sides
    names: frozenset[str] = frozenset()  # the words the report's source writes capitalised inside a sentence (checks.copied.report_names; gathered where ``unchanged`` reads them)


Check = Callable[[Pair], list[Issue]]


REGISTRY: dict[str, Check] = {}


def check(check_id: str) -> Callable[[Check], Check]:
    """Register a check under its id."""

    def register(func: Check) -> Check:
        REGISTRY[check_id] = func
        return func

    return register


SUPPRESS_PREFIX = "tarjima-no-"
SUPPRESS_RE = re.compile(r"\btarjima-no-([a-z][a-z-]*[a-z])\b")


def suppressed(entry: Entry) -> frozenset[str]:
    """Check ids a translator switched off for one entry: ``tarjima-no-<id>`` in a translator comment or a flag.

    The comment form (``# tarjima-no-numbers: the article is cited differently``) is the one to
    use: GNU msgcat and msgmerge drop flags they do not know, but keep translator comments.
    """
    found = {f[len(SUPPRESS_PREFIX) :] for f in entry.flags if f.startswith(SUPPRESS_PREFIX)}
    for comment in entry.translator_comments:
        found.update(SUPPRESS_RE.findall(comment))
    return frozenset(found)
