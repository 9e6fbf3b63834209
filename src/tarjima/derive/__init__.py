"""Uzbek Cyrillic derived from Uzbek Latin and back, with a report of the words a person should decide."""

from tarjima.derive.translit import Ambiguity, Derived, Transliterator
from tarjima.derive.words import load_pairs

__all__ = ["Ambiguity", "Derived", "Transliterator", "load_pairs"]
