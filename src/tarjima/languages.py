"""Language tags and scripts: Babel's view of a BCP 47 tag, and the names readers give their languages."""

from __future__ import annotations

from functools import lru_cache

from babel import Locale
from babel.core import UnknownLocaleError, get_global, parse_locale

# Each language's own name as its readers write it (CLDR writes "o‘zbek" with U+2018).
OWN_NAMES = {"uz-Latn": "Oʻzbekcha", "uz-Cyrl": "Ўзбекча", "ru": "Русский", "en": "English"}


@lru_cache(maxsize=64)
def locale_of(tag: str) -> Locale | None:
    """The Babel locale of a BCP 47 tag, or None if Babel does not know it."""
    try:
        return Locale.parse(tag, sep="-")
    except (ValueError, TypeError, UnknownLocaleError):
        return None


def canonical_tag(tag: str) -> str:
    """A BCP 47 tag in Babel's canonical spelling ("uz-latn" -> "uz-Latn"); unknown tags as given."""
    loc = locale_of(tag)
    if loc is None:
        return tag
    return "-".join(p for p in (loc.language, loc.script, loc.territory, loc.variant) if p)


@lru_cache(maxsize=64)
def script_of(tag: str) -> str | None:
    """The ISO 15924 script of a language tag, with CLDR's likely subtags (ru -> Cyrl); None if unknown."""
    loc = locale_of(tag)
    if loc is None:
        return None
    if loc.script:
        return loc.script
    likely = get_global("likely_subtags").get(loc.language)  # "ru_Cyrl_RU"; Locale.parse would drop the script
    return parse_locale(likely)[2] if likely else None


def language_of(tag: str) -> str:
    """The language subtag: "uz" for uz-Latn."""
    loc = locale_of(tag)
    return loc.language if loc else tag.split("-")[0].lower()


def is_uzbek_latin(tag: str) -> bool:
    """Whether a tag names Uzbek in the Latin script (uz-Latn, or bare uz by CLDR's likely subtags)."""
    return language_of(tag) == "uz" and script_of(tag) == "Latn"


@lru_cache(maxsize=64)
def own_name(tag: str) -> str:
    """A language's name in that language, capitalised: "Oʻzbekcha", "Русский"."""
    loc = locale_of(tag)
    name = OWN_NAMES.get(tag) or (loc.get_display_name(loc) if loc else None) or tag
    return name[:1].upper() + name[1:]
