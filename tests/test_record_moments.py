"""The record as a process reads it: moments checked without strptime in the form tarjima writes (strptime's verdict, case by
case), and the rows a process wrote or read taken again without parsing only while the file holds that very text."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

from tarjima.errors import InputError
from tarjima.site import record as publication
from tarjima.site.record import Entry, valid_moment


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


def test_a_record_changed_between_two_reads_in_one_process_is_read_anew(tmp_path: Path) -> None:
    """`serve` keeps what it wrote; a hand edit, a git checkout or a damage between two rebuilds is what the next one sees."""
    rows = {("seminar", "ru"): Entry("seminar", "ru", "2026-12-07T04:31:00Z", "2026-12-07T04:31:00Z", "aa")}
    assert publication.save(tmp_path, rows)
    publication.load(tmp_path).clear()  # a build changes the rows it was given, never the kept ones
    assert publication.load(tmp_path) == rows
    publication.KNOWN.clear()
    assert publication.load(tmp_path) == rows  # what a new process reads is what the memo gave
    path = tmp_path / publication.FILE
    path.write_text(path.read_text(encoding="utf-8").replace(",aa,", ",bb,"), encoding="utf-8")  # the same size, as a checkout may leave it
    assert publication.load(tmp_path)[("seminar", "ru")].digest == "bb"
    path.write_text(path.read_text(encoding="utf-8").replace("04:31:00Z", "25:31:00Z", 1), encoding="utf-8")
    with pytest.raises(InputError, match="row 2 is not a record row"):
        publication.load(tmp_path)


def test_rows_a_process_writes_get_the_verdict_a_new_process_gives(tmp_path: Path) -> None:
    """A row that load would refuse is not kept as read: the same process is refused as the next one is."""
    good = Entry("seminar", "ru", "2026-12-07T04:31:00Z", "2026-12-07T04:31:00Z", "aa")
    publication.save(tmp_path, {("seminar", "ru"): good})
    bad = good._replace(slug="visit", last_changed="2026-12-07T24:31:00Z")
    publication.save(tmp_path, {("seminar", "ru"): good, ("visit", "ru"): bad})
    with pytest.raises(InputError, match="row 3 is not a record row"):
        publication.load(tmp_path)


def test_rows_kept_by_a_process_come_in_the_order_a_new_process_reads_them(tmp_path: Path) -> None:
    rows = {(slug, lang): Entry(slug, lang, "2026-12-07T04:31:00Z", "2026-12-07T04:31:00Z", "aa") for slug, lang in [("visit", "ru"), ("seminar", "en"), ("seminar", "ru")]}
    publication.save(tmp_path, rows)
    kept = list(publication.load(tmp_path))
    publication.KNOWN.clear()
    assert kept == list(publication.load(tmp_path)) == [("seminar", "en"), ("seminar", "ru"), ("visit", "ru")]


def test_a_record_saved_again_is_written_as_a_new_process_would_write_it(tmp_path: Path) -> None:
    """`save` replaces the lines of the rows that changed in the text it last read or wrote (``spliced``); the file must be
    ``dumps``' text whatever changed: values, rows come and gone, a field the CSV writer quotes, a file sorted by hand otherwise."""
    rng = random.Random(7)
    record = {(f"report-{n:03d}", lang): Entry(f"report-{n:03d}", lang, "2026-12-07T04:31:00Z", "2026-12-07T04:31:00Z", f"d{n}")
              for n in range(40) for lang in ("en", "ru")}
    path = tmp_path / publication.FILE
    publication.save(tmp_path, record)
    spliced = 0
    quoted: tuple[str, str] | None = None
    for step in range(300):
        record = dict(record)
        key = rng.choice(sorted(record))
        change = rng.random()
        if quoted in record:  # the quoted field goes again: the rows that follow are plain
            record[quoted] = record[quoted]._replace(correction="")
            quoted = None
        elif change < 0.6:  # a rebuild's change: a new digest and moment
            record[key] = record[key]._replace(digest=f"e{step}", last_changed=f"2026-12-{8 + step % 20:02d}T10:00:00Z")
        elif change < 0.7:  # a field the writer must quote
            record[key] = record[key]._replace(correction=rng.choice(['a,b', 'say "so"', "two\nlines"]))
            quoted = key
        elif change < 0.8:
            del record[key]
        elif change < 0.9:
            record[(f"new-{step}", "en")] = Entry(f"new-{step}", "en", "2026-12-09T00:00:00Z", "2026-12-09T00:00:00Z", "n")
        elif '"' not in path.read_text(encoding="utf-8"):  # the file rewritten by another hand, in another order: read, then saved with a change
            lines = path.read_text(encoding="utf-8").split("\n")
            path.write_text("\n".join([lines[0], *reversed(lines[1:-1]), ""]), encoding="utf-8")
            assert publication.load(tmp_path) == record
            record[key] = record[key]._replace(digest=f"f{step}")
        spliced += publication.spliced(publication.KNOWN.get(str(path)), record) is not None
        publication.save(tmp_path, record)
        assert path.read_text(encoding="utf-8") == publication.dumps(record)
        publication.KNOWN.clear() if step % 50 == 0 else None
        assert publication.load(tmp_path) == record
    assert spliced > 100  # the case the splice is for is common here: the test exercises it
