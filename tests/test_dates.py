"""Dates are tarjima's press style: CLDR gives month names, tarjima every dash, space and order.

Run on whatever Babel is installed (the lock's, or the newest in early-warning mode): a Babel
release that changes CLDR's punctuation must not change a published date.
"""

from __future__ import annotations

import datetime as dt

import babel
import pytest
from babel import Locale

from tarjima.dates import format_day, format_month, format_span, month_name

D = dt.date
NNBSP, THIN = "\u202f", "\u2009"

FORMS = [
    # (locale, start, end, expected): one day, a range within a month, across months, across years
    ("uz_Latn", D(2024, 7, 30), None, "2024-yil 30-iyul"),
    ("uz_Latn", D(2024, 12, 10), D(2024, 12, 11), "2024-yil 10–11-dekabr"),
    ("uz_Latn", D(2024, 11, 30), D(2024, 12, 2), "2024-yil 30-noyabr – 2-dekabr"),
    ("uz_Latn", D(2024, 12, 30), D(2025, 1, 2), "2024-yil 30-dekabr – 2025-yil 2-yanvar"),
    ("uz_Cyrl", D(2024, 12, 10), None, "2024 йил 10 декабрь"),
    ("uz_Cyrl", D(2024, 12, 10), D(2024, 12, 11), "2024 йил 10–11 декабрь"),
    ("uz_Cyrl", D(2024, 11, 30), D(2024, 12, 2), "2024 йил 30 ноябрь – 2 декабрь"),
    ("uz_Cyrl", D(2024, 12, 30), D(2025, 1, 2), "2024 йил 30 декабрь – 2025 йил 2 январь"),
    ("ru", D(2024, 7, 30), None, f"30 июля 2024{NNBSP}г."),
    ("ru", D(2024, 12, 10), D(2024, 12, 11), f"10–11 декабря 2024{NNBSP}г."),
    ("ru", D(2024, 11, 30), D(2024, 12, 2), f"30 ноября – 2 декабря 2024{NNBSP}г."),
    ("ru", D(2024, 12, 30), D(2025, 1, 2), f"30 декабря 2024{NNBSP}г. – 2 января 2025{NNBSP}г."),
    ("en", D(2026, 12, 7), None, "7 December 2026"),  # British, as the Academy's English texts are (english_dates, the default)
    ("en", D(2024, 12, 10), D(2024, 12, 11), "10–11 December 2024"),
    ("en", D(2024, 11, 30), D(2024, 12, 2), f"30 November{THIN}–{THIN}2 December 2024"),
    ("en", D(2024, 12, 30), D(2025, 1, 2), f"30 December 2024{THIN}–{THIN}2 January 2025"),
    # an end equal to the start is one day
    ("ru", D(2024, 7, 1), D(2024, 7, 1), f"1 июля 2024{NNBSP}г."),
]


AMERICAN = [
    (D(2024, 7, 30), None, "July 30, 2024"),
    (D(2024, 12, 10), D(2024, 12, 11), f"December 10{THIN}–{THIN}11, 2024"),
    (D(2024, 11, 30), D(2024, 12, 2), f"November 30{THIN}–{THIN}December 2, 2024"),
    (D(2024, 12, 30), D(2025, 1, 2), f"December 30, 2024{THIN}–{THIN}January 2, 2025"),
]


@pytest.mark.parametrize(("locale", "start", "end", "expected"), FORMS)
def test_every_date_form_in_every_language_is_the_press_style(locale: str, start: dt.date, end: dt.date | None, expected: str) -> None:
    assert format_span(start, end, Locale.parse(locale)) == expected, f"Babel {babel.__version__}"


@pytest.mark.parametrize(("start", "end", "expected"), AMERICAN)
def test_english_dates_american_writes_the_month_first(start: dt.date, end: dt.date | None, expected: str) -> None:
    assert format_span(start, end, Locale.parse("en"), "american") == expected
    assert format_span(start, end, Locale.parse("ru"), "american") == format_span(start, end, Locale.parse("ru"))  # English only


@pytest.mark.parametrize(
    ("locale", "heading", "name"),
    [("uz_Latn", "2024-yil noyabr", "Noyabr"), ("uz_Cyrl", "2024 йил ноябрь", "Ноябрь"),
     ("ru", f"Ноябрь 2024{NNBSP}г.", "Ноябрь"), ("en", "November 2024", "November")],
)
def test_archive_months_as_the_local_press_writes_them(locale: str, heading: str, name: str) -> None:
    assert format_month("2024-11", Locale.parse(locale)) == heading
    assert month_name(11, Locale.parse(locale)) == name


@pytest.mark.parametrize("locale", ["de", "fr", "tr", "kk"])
def test_a_language_added_later_gets_cldr_days_joined_by_tarjimas_dash(locale: str) -> None:
    loc = Locale.parse(locale)
    start, end = D(2024, 11, 30), D(2024, 12, 2)
    assert format_span(start, end, loc) == f"{format_day(start, loc)} – {format_day(end, loc)}"
    assert "—" not in format_span(start, end, loc)


def test_no_date_depends_on_cldrs_interval_patterns(monkeypatch: pytest.MonkeyPatch) -> None:
    """CLDR's interval data (where the em dash of Babel 2.19 came from) is never read."""
    format_span.cache_clear()
    for locale in ("uz_Latn", "uz_Cyrl", "ru", "en", "de"):
        loc = Locale.parse(locale)
        monkeypatch.setattr(type(loc), "interval_formats", property(lambda self: pytest.fail("interval_formats read")))
        format_span(D(2024, 11, 30), D(2024, 12, 2), loc)
        format_span(D(2024, 12, 10), D(2024, 12, 11), loc)
        monkeypatch.undo()
