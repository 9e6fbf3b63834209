"""Every check on one pair, in a fixed order (the order findings are listed in)."""

from __future__ import annotations

from tarjima.checks import alphabet, apostrophe, copied, glossary, rules
from tarjima.checks.registry import REGISTRY, Pair
from tarjima.model import Issue

# The modules above register their checks; this is the order they run and are listed in.
CHECK_IDS = ("numbers", "markup", "urls", "whitespace", "punctuation", "brackets", "unchanged", "script", "apostrophe", "alphabet", "html", "glossary")
assert set(CHECK_IDS) == set(REGISTRY), "a check is registered but not ordered, or the reverse"
_MODULES = (rules, copied, apostrophe, alphabet, glossary)


_ALL = tuple(REGISTRY[check_id] for check_id in CHECK_IDS)


def run_checks(pair: Pair, only: frozenset[str] | None = None, skip: frozenset[str] = frozenset()) -> list[Issue]:
    """Every registered check (or ``only`` those) on one pair, minus ``skip``; none on an empty translation."""
    if not pair.translation:
        return []
    issues: list[Issue] = []
    if only is None and not skip:
        for func in _ALL:
            issues += func(pair)
        return issues
    for check_id in CHECK_IDS:
        func = REGISTRY[check_id]
        if (only is None or check_id in only) and check_id not in skip:
            issues += func(pair)
    return issues
