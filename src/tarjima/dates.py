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
en-GB      10 December 2024              10–11 December 2024                30 November – 2 December 2024 /
                                                                            30 December 2024 – 2 January 2025
en-US      December 10, 2024             December 10 – 11, 2024             November 30 – December 2, 2024 /
                                                                            December 30, 2024 – January 2, 2025
other      CLDR's long date              CLDR's long date – CLDR's long date
=========  ============================  =================================  ==========================================

English is written the British way unless ``english_dates = "american"`` (the Academy's English
texts are British). Ranges use an en dash (U+2013): unspaced between two days of one month in
Uzbek, Russian and British English, spaced otherwise; English spaces it with thin spaces
(U+2009). Russian ``г.`` follows the year after a narrow no-break space (U+202F), so it never
wraps onto a line of its own.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import NamedTuple

from babel import Locale
from babel.dates import format_date

ENGLISH_DATES = ("british", "american")  # ``english_dates``: the first is the default
EN_DASH = "\u2013"
THIN = "\u2009"
NNBSP = "\u202f"

#: Uzbek Cyrillic month names as official texts write them (CLDR drops the soft sign).
UZ_CYRL_MONTHS = (
    "январь", "февраль", "март", "апрель", "май", "июнь",
    "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
)


class PressStyle(NamedTuple):
    """One language's date patterns. Fields: {y} year, {d} day, {m} month as inside a date,
    {M} month as a heading; in ranges {d1} {m1} start and {d2} {m2} end; {day1} {day2} whole days."""

    day: str
    within_month: str
    within_year: str
    across_years: str
    heading: str
    lower: bool = False  # month names in lower case (CLDR capitalises some stand-alone forms)


STYLES = {
    "uz-Latn": PressStyle("{y}-yil {d}-{m}", "{y}-yil {d1}–{d2}-{m2}", "{y}-yil {d1}-{m1} – {d2}-{m2}", "{day1} – {day2}", "{y}-yil {M}", lower=True),
    "uz-Cyrl": PressStyle("{y} йил {d} {m}", "{y} йил {d1}–{d2} {m2}", "{y} йил {d1} {m1} – {d2} {m2}", "{day1} – {day2}", "{y} йил {M}"),
    "ru": PressStyle(f"{{d}} {{m}} {{y}}{NNBSP}г.", f"{{d1}}–{{d2}} {{m2}} {{y}}{NNBSP}г.", f"{{d1}} {{m1}} – {{d2}} {{m2}} {{y}}{NNBSP}г.", "{day1} – {day2}", f"{{M}} {{y}}{NNBSP}г.", lower=True),
    "en-GB": PressStyle("{d} {m} {y}", "{d1}–{d2} {m2} {y}", f"{{d1}} {{m1}}{THIN}–{THIN}{{d2}} {{m2}} {{y}}", f"{{day1}}{THIN}–{THIN}{{day2}}", "{M} {y}"),
    "en-US": PressStyle("{m} {d}, {y}", f"{{m1}} {{d1}}{THIN}–{THIN}{{d2}}, {{y}}", f"{{m1}} {{d1}}{THIN}–{THIN}{{m2}} {{d2}}, {{y}}", f"{{day1}}{THIN}–{THIN}{{day2}}", "{M} {y}"),
}
OTHER = PressStyle("", "{day1} – {day2}", "{day1} – {day2}", "{day1} – {day2}", "{M} {y}")  # days in CLDR's long form


def press_style(locale: Locale, english: str = ENGLISH_DATES[0]) -> str:
    """The name of tarjima's date rule for a locale: uz-Latn, uz-Cyrl, ru, en-GB or en-US (``english``), or other."""
    if locale.language == "uz":
        return "uz-Cyrl" if locale.script == "Cyrl" else "uz-Latn"
    if locale.language == "en":
        return "en-US" if english == "american" else "en-GB"
    if locale.language == "ru":
        return locale.language
    return "other"


def _month(locale: Locale, month: int, form: str = "format") -> str:
    """A month's name from CLDR (``format``: as inside a date, ``stand-alone``: as a heading)."""
    style = press_style(locale)
    name = UZ_CYRL_MONTHS[month - 1] if style == "uz-Cyrl" else locale.months[form]["wide"][month]
    return name.lower() if STYLES.get(style, OTHER).lower else name


def format_day(day: dt.date, locale: Locale, english: str = ENGLISH_DATES[0]) -> str:
    """A date as the local press writes it: "2024-yil 10-dekabr", "10 декабря 2024 г.", "10 December 2024"
    ("December 10, 2024" with ``english="american"``)."""
    style = STYLES.get(press_style(locale, english))
    if style is None:
        return format_date(day, "long", locale=locale)
    return style.day.format(y=day.year, d=day.day, m=_month(locale, day.month))


@lru_cache(maxsize=1 << 14)
def format_span(start: dt.date, end: dt.date | None, locale: Locale, english: str = ENGLISH_DATES[0]) -> str:
    """A date or a span of days (an event's first and last day), month names written in full; ``english``: "british" or "american"."""
    if end is None or end == start:
        return format_day(start, locale, english)
    style = STYLES.get(press_style(locale, english), OTHER)
    if start.year != end.year:
        pattern = style.across_years
    else:
        pattern = style.within_month if start.month == end.month else style.within_year
    return pattern.format(
        y=end.year, d1=start.day, d2=end.day, m1=_month(locale, start.month), m2=_month(locale, end.month),
        day1=format_day(start, locale, english), day2=format_day(end, locale, english),
    )


@lru_cache(maxsize=1024)
def format_month(month: str, locale: Locale) -> str:
    """A month ("2024-12") as an archive heading, its first letter a capital as the press writes
    headings: "2024-yil dekabr" (Uzbek starts with the year; the month stays lower case after
    it), "Декабрь 2024 г.", "December 2024"."""
    year, number = int(month[:4]), int(month[5:7])
    style = STYLES.get(press_style(locale), OTHER)
    heading = style.heading.format(y=year, M=_month(locale, number, "stand-alone"))
    return heading[:1].upper() + heading[1:]


@lru_cache(maxsize=256)
def month_name(month: int, locale: Locale) -> str:
    """A month (1-12) alone, as a reader sees it in a list under its year: "Dekabr", "Декабрь"."""
    name = _month(locale, month, "stand-alone")
    return name[:1].upper() + name[1:]
