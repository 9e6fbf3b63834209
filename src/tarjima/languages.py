"""Language tags and scripts: Babel's view of a BCP 47 tag, the names readers give their languages, and which of them another tool's code stands for."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple, Sequence

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


MODIFIER_SCRIPTS = {"latin": "latn", "cyrillic": "cyrl", "arabic": "arab"}  # glibc locale modifiers: sr_RS@latin, uz_UZ@cyrillic
LANGUAGE_RE = re.compile(r"[a-z]{2,3}|[a-z]{5,8}")
SUBTAG_RE = re.compile(r"[a-z0-9]{2,8}")
SCRIPT_RE = re.compile(r"[a-z]{4}")
REGION_RE = re.compile(r"[a-z]{2}|[0-9]{3}")

Subtags = tuple[str, str, tuple[str, ...]]  # (language, script or "", region and variants), lower case


def subtags(code: str) -> Subtags | None:
    """A BCP 47 tag, or a gettext or POSIX locale name, as (language, script, the rest); None if it is neither.

    Case and ``_``/``-`` do not matter; extensions and private use (``-u-…``, ``-x-…``) are left
    out, as RFC 4647 lookup drops them first.

    >>> subtags("uz-Latn-UZ"), subtags("EN_us"), subtags("sr_RS@latin"), subtags("ru-RU-x-tm")
    (('uz', 'latn', ('uz',)), ('en', '', ('us',)), ('sr', 'latn', ('rs',)), ('ru', '', ('ru',)))
    >>> subtags("*all*"), subtags("x-klingon"), subtags("")
    (None, None, None)
    """
    name, _, modifier = code.strip().partition("@")
    parts = name.split(".")[0].replace("_", "-").lower().split("-")  # POSIX names may end in .UTF-8
    if not LANGUAGE_RE.fullmatch(parts[0]):
        return None
    script = MODIFIER_SCRIPTS.get(modifier.lower(), "")
    rest: list[str] = []
    for part in parts[1:]:
        if len(part) == 1:
            break
        if not SUBTAG_RE.fullmatch(part):
            return None
        if not script and not rest and SCRIPT_RE.fullmatch(part):
            script = part
        else:
            rest.append(part)
    return parts[0], script, tuple(rest)


@lru_cache(maxsize=256)
def likely_script(language: str, region: str = "") -> str:
    """CLDR's likely script of a language (in a region), lower case: uz -> latn, uz-AF -> arab; "" if unknown."""
    likely = get_global("likely_subtags")
    for key in (f"{language}_{region.upper()}" if region else "", language):
        if key in likely:
            return (parse_locale(likely[key])[2] or "").lower()
    return ""


def _read(tags: Subtags) -> Subtags:
    """A tag with its script filled in from CLDR's likely subtags when it names none."""
    language, script, rest = tags
    region = rest[0] if rest and REGION_RE.fullmatch(rest[0]) else ""
    return language, script or likely_script(language, region), rest


class TagMatch(NamedTuple):
    """The configured language a foreign language code stands for."""

    tag: str  # the configured tag
    script_assumed: bool  # the code names no script, the configured tag does: the code was read in its likely script


def match_tag(code: str, tags: Sequence[str]) -> TagMatch | None:
    """The configured tag that a language code written by another tool stands for, or None.

    As RFC 4647 lookup truncates a tag (``uz-Latn-UZ`` -> ``uz-Latn``), except that a script is never
    dropped: a code without one is read in its language's likely script (CLDR), so bare ``uz`` and
    ``uz-UZ`` are Uzbek in Latin, the official script, and never uz-Cyrl. The most specific tag wins.

    >>> [getattr(match_tag(c, ("uz-Latn", "uz-Cyrl", "ru", "en")), "tag", None) for c in ("ru-RU", "uz-latn-uz", "uz", "uz_Cyrl_UZ", "en-GB", "de")]
    ['ru', 'uz-Latn', 'uz-Latn', 'uz-Cyrl', 'en', None]
    """
    parsed = subtags(code)
    if parsed is None:
        return None
    language, script, rest = _read(parsed)
    best: tuple[int, int, str, str] | None = None  # (subtags matched, script written alike, tag, its written script)
    for tag in tags:
        own = subtags(tag)
        if own is None:
            continue
        their_language, their_script, their_rest = _read(own)
        if (their_language, their_script) != (language, script) or rest[: len(their_rest)] != their_rest:
            continue
        rank = (len(their_rest), int(own[1] == parsed[1]), tag, own[1])
        if best is None or rank[:2] > best[:2]:
            best = rank
    if best is None:
        return None
    return TagMatch(best[2], script_assumed=not parsed[1] and bool(best[3]))
