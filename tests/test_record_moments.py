"""The record's moments are checked without strptime when in the form tarjima writes: the verdict is strptime's, case by case."""

from __future__ import annotations

import datetime as dt
import random

from tarjima.site.record import valid_moment


def by_strptime(value: str) -> bool:
    if not value:
        return True
    try:
        dt.datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        return False
    return True


EDGES = ["", "2026-02-29T00:00:00Z", "2024-02-29T23:59:59Z", "2026-13-01T00:00:00Z", "2026-00-10T00:00:00Z", "2026-01-00T00:00:00Z",
         "2026-01-01T24:00:00Z", "2026-01-01T23:60:00Z", "2026-01-01T23:59:60Z", "2026-01-01T23:59:61Z", "0000-01-01T00:00:00Z",
         "2026-1-01T00:00:00Z", "2026-01-01T00:00:00", "２０２６-01-01T00:00:00Z", "2026-01-01T00:00:00Z\n", " 2026-01-01T00:00:00Z",
         "2026-01-01T0:0:0Z", "2026-12-07T08:35:20Z"]


def test_valid_moment_gives_strptimes_verdict() -> None:
    rng = random.Random(1)
    drawn = [f"{rng.randint(0, 9999):04d}-{rng.randint(0, 19):02d}-{rng.randint(0, 39):02d}T{rng.randint(0, 29):02d}:{rng.randint(0, 69):02d}:{rng.randint(0, 69):02d}Z"
             for _ in range(5000)]
    assert [(v, valid_moment(v)) for v in EDGES + drawn] == [(v, by_strptime(v)) for v in EDGES + drawn]
