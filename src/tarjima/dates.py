"""Dates as the Academy's press writes them: tarjima's own patterns, CLDR's month names.

A Babel release may change CLDR's punctuation (Babel 2.19 writes Russian ranges with an em dash
where 2.18 wrote an en dash), so every separator, dash and space of a published date is spelled
here; only the month names come from CLDR (and, for Uzbek Cyrillic, from tarjima's own table:
CLDR writes ``декабр`` where Uzbek Cyrillic official texts write ``декабрь``).

=========  ============================  =================================  ==========================================
language   one day                       range within a month               across months / across years
=========  ============================  =================================  ==========================================
uz-Latn    2024-yil 10-dekabr            2024-yil 10–11-dekabr              2024-yil 30-noyabr – 2-dekabr /
                                                                            2024-yil 30-dekabr – 2025-yil 2-yanvar
uz-Cyrl    2024 йил 10 декабрь           2024 йил 10–11 декабрь             2024 йил 30 ноябрь – 2 декабрь /
                                                                            2024 йил 30 декабрь – 2025 йил 2 январь
ru         10 декабря 2024 г.            10–11 декабря 2024 г.              30 ноября – 2 декабря 2024 г. /
                                                                            30 декабря 2024 г. – 2 января 2025 г.
en         December 10, 2024             December 10 – 11, 2024             November 30 – December 2, 2024 /
                                                                            December 30, 2024 – January 2, 2025
other      CLDR's long date              CLDR's long date – CLDR's long date
=========  ============================  =================================  ==========================================

Ranges use an en dash (U+2013): unspaced between two days of one month in Uzbek and Russian,
spaced otherwise; English spaces it with thin spaces (U+2009). Russian ``г.`` follows the year
after a narrow no-break space (U+202F), so it never wraps onto a line of its own.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel import Locale
from babel.dates import format_date

EN_DASH = "\u2013"
THIN = "\u2009"
NNBSP = "\u202f"

#: Uzbek Cyrillic month names as official texts write them (CLDR drops the soft sign).
UZ_CYRL_MONTHS = (
    "январь", "февраль", "март", "апрель", "май", "июнь",
    "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
)


def press_style(locale: Locale) -> str:
    """The name of tarjima's date rule for a locale: uz-Latn, uz-Cyrl, ru, en, or other."""
    if locale.language == "uz":
        return "uz-Cyrl" if locale.script == "Cyrl" else "uz-Latn"
    if locale.language in ("ru", "en"):
        return locale.language
    return "other"


def _month(locale: Locale, month: int, form: str = "format") -> str:
    """A month's name from CLDR (``format``: as inside a date, ``stand-alone``: as a heading)."""
    if press_style(locale) == "uz-Cyrl":
        return UZ_CYRL_MONTHS[month - 1]
    return locale.months[form]["wide"][month]


def _uz_latn(day: dt.date, locale: Locale) -> str:
    return f"{day.day}-{_month(locale, day.month).lower()}"


def _uz_cyrl(day: dt.date, locale: Locale) -> str:
    return f"{day.day} {_month(locale, day.month)}"


def format_day(day: dt.date, locale: Locale) -> str:
    """A date as the local press writes it: "2024-yil 10-dekabr", "10 декабря 2024 г.", "December 10, 2024"."""
    style = press_style(locale)
    if style == "uz-Latn":
        return f"{day.year}-yil {_uz_latn(day, locale)}"
    if style == "uz-Cyrl":
        return f"{day.year} йил {_uz_cyrl(day, locale)}"
    if style == "ru":
        return f"{day.day} {_month(locale, day.month)} {day.year}{NNBSP}г."
    if style == "en":
        return f"{_month(locale, day.month)} {day.day}, {day.year}"
    return format_date(day, "long", locale=locale)


@lru_cache(maxsize=1 << 14)
def format_span(start: dt.date, end: dt.date | None, locale: Locale) -> str:
    """A date or a span of days (an event's first and last day), month names written in full."""
    if end is None or end == start:
        return format_day(start, locale)
    style = press_style(locale)
    same_year, same_month = start.year == end.year, (start.year, start.month) == (end.year, end.month)
    spaced = f" {EN_DASH} "
    if style == "uz-Latn" and same_year:
        if same_month:
            return f"{start.year}-yil {start.day}{EN_DASH}{_uz_latn(end, locale)}"
        return f"{start.year}-yil {_uz_latn(start, locale)}{spaced}{_uz_latn(end, locale)}"
    if style == "uz-Cyrl" and same_year:
        if same_month:
            return f"{start.year} йил {start.day}{EN_DASH}{_uz_cyrl(end, locale)}"
        return f"{start.year} йил {_uz_cyrl(start, locale)}{spaced}{_uz_cyrl(end, locale)}"
    if style == "ru" and same_year:
        if same_month:
            return f"{start.day}{EN_DASH}{format_day(end, locale)}"
        return f"{start.day} {_month(locale, start.month)}{spaced}{format_day(end, locale)}"
    if style == "en":
        dash = f"{THIN}{EN_DASH}{THIN}"
        if same_month:
            return f"{_month(locale, start.month)} {start.day}{dash}{end.day}, {end.year}"
        if same_year:
            return f"{_month(locale, start.month)} {start.day}{dash}{format_day(end, locale)}"
        return f"{format_day(start, locale)}{dash}{format_day(end, locale)}"
    return f"{format_day(start, locale)}{spaced}{format_day(end, locale)}"


@lru_cache(maxsize=1024)
def format_month(month: str, locale: Locale) -> str:
    """A month ("2024-12") as an archive heading: "2024-yil dekabr", "декабрь 2024 г.", "December 2024"."""
    year, number = int(month[:4]), int(month[5:7])
    style = press_style(locale)
    if style == "uz-Latn":
        return f"{year}-yil {_month(locale, number, 'stand-alone').lower()}"
    if style == "uz-Cyrl":
        return f"{year} йил {_month(locale, number)}"
    if style == "ru":
        return f"{_month(locale, number, 'stand-alone').lower()} {year}{NNBSP}г."
    if style == "en":
        return f"{_month(locale, number, 'stand-alone')} {year}"
    return f"{_month(locale, number, 'stand-alone')} {year}"


@lru_cache(maxsize=256)
def month_name(month: int, locale: Locale) -> str:
    """A month (1-12) alone, as a reader sees it in a list under its year: "Dekabr", "Декабрь"."""
    name = _month(locale, month, "stand-alone")
    return name[:1].upper() + name[1:]
