"""Quality checks on translations: a registry of small pure functions, each returning issues.

(Interface skeleton: numbers and markup only; the full set of checks is being written.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Mapping

from tarjima.model import Issue

NUMBER_RE = re.compile(r"\d+")
LINK_RE = re.compile(r"\]\(([^)\s]+)")


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


@check("numbers")
def numbers(pair: Pair) -> list[Issue]:
    missing = sorted(set(NUMBER_RE.findall(pair.source)) - set(NUMBER_RE.findall(pair.translation)), key=int)
    return [Issue("numbers", "error", f"number {n} of the source is missing or changed") for n in missing]


@check("markup")
def markup(pair: Pair) -> list[Issue]:
    if sorted(LINK_RE.findall(pair.source)) != sorted(LINK_RE.findall(pair.translation)):
        return [Issue("markup", "error", "links differ from the source")]
    return []


def run_checks(pair: Pair, only: frozenset[str] | None = None, skip: frozenset[str] = frozenset()) -> list[Issue]:
    """Every registered check (or ``only`` those) on one pair, minus ``skip``."""
    issues: list[Issue] = []
    for check_id, func in REGISTRY.items():
        if (only is None or check_id in only) and check_id not in skip:
            issues += func(pair)
    return issues
