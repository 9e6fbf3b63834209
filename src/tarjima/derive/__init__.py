"""Uzbek Cyrillic derived from Uzbek Latin and back, with a report of the words a person should decide."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tarjima.derive.translit import Ambiguity, Derived, Transliterator
    from tarjima.derive.words import load_pairs

__all__ = ["Ambiguity", "Derived", "Transliterator", "load_pairs"]
# The face is loaded when first asked for: a command that reads only the package's small modules
# (``derive.plan``'s ``derived_tags``, ``derive.latin2026``'s names) does not compile the converter's patterns.
_FACE = {"Ambiguity": "translit", "Derived": "translit", "Transliterator": "translit", "load_pairs": "words"}


def __getattr__(name: str) -> object:
    if name not in _FACE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{_FACE[name]}"), name)
