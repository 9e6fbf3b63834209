"""Fixtures of the conformance harness: the fetched input (a failed download fails the test in one
line, nothing is skipped) and each suite's results, computed once per session."""

from __future__ import annotations

from typing import Callable, TypeVar

import pytest

from . import commonmark_suite, fetch, merge_suite, po_suite

T = TypeVar("T")

# The CI subset: every spec example; the catalogues of a few locales (Latin, Cyrillic, Arabic
# scripts, and the CJK and Indic ones whose line wrapping differs); merges of fewer locales.
PO_LOCALES = ("ru", "uz", "de", "fr", "es", "ar", "tr")
WIDE_SCRIPT_LOCALES = ("ja", "zh_Hans", "zh_Hant", "kn", "km")
MERGE_LOCALES = ("ru", "uz", "de", "ja")


def fetched(get: Callable[[], T]) -> T:
    """The input, or the test fails with the fetch's one-line reason."""
    try:
        return get()
    except (fetch.FetchError, po_suite.ToolMissing) as exc:
        message = str(exc)
    pytest.fail(message, pytrace=False)  # outside the except block: one line, no chained traceback


@pytest.fixture(scope="session")
def spec_examples() -> tuple[fetch.Example, ...]:
    return fetched(fetch.spec_examples)


@pytest.fixture(scope="session")
def commonmark(spec_examples: tuple[fetch.Example, ...]) -> commonmark_suite.Summary:
    return commonmark_suite.run(spec_examples)


@pytest.fixture(scope="session")
def django_new() -> tuple[fetch.PoFile, ...]:
    return fetched(lambda: fetch.django_catalogs(fetch.DJANGO_NEW[1]))


@pytest.fixture(scope="session")
def django_old() -> tuple[fetch.PoFile, ...]:
    return fetched(lambda: fetch.django_catalogs(fetch.DJANGO_OLD[1]))


@pytest.fixture(scope="session")
def po_outcomes(django_new: tuple[fetch.PoFile, ...]) -> dict[str, tuple[po_suite.PoOutcome, ...]]:
    """The subset's outcomes, by group: "common" scripts and "wide" (CJK, Kannada, Khmer)."""
    groups = {"common": PO_LOCALES, "wide": WIDE_SCRIPT_LOCALES}
    chosen = [po for po in django_new if po.locale in PO_LOCALES + WIDE_SCRIPT_LOCALES]
    outcomes = fetched(lambda: po_suite.run(chosen))
    return {name: tuple(o for po, o in zip(chosen, outcomes) if po.locale in locales) for name, locales in groups.items()}


@pytest.fixture(scope="session")
def merges(django_old: tuple[fetch.PoFile, ...], django_new: tuple[fetch.PoFile, ...]) -> merge_suite.MergeSummary:
    matched = [pair for pair in merge_suite.pairs(django_old, django_new) if pair[1].locale in MERGE_LOCALES]
    return merge_suite.MergeSummary(fetched(lambda: merge_suite.run(matched)))
