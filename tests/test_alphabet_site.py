"""The shipped site in the 2026 Uzbek Latin alphabet, as configured: from the day of the law (every
report re-rendered), not before; another alphabet is not a correction (the record does not move)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run

pytestmark = pytest.mark.slow

SEMINAR = "uz-latn/international-standards-seminar/index.html"


def built(root: Path, out: Path, *now: str) -> str:
    result = run(root, "build", "--out", str(out), *now)
    assert result.code == 0, result.err
    return (out / SEMINAR).read_text(encoding="utf-8")


def test_before_the_law_the_pages_are_in_the_1995_alphabet_and_from_it_in_the_2026_one(shipped: Path, tmp_path: Path) -> None:
    record = (shipped / "published/record.csv").read_bytes()
    before = built(shipped, tmp_path / "before", "--now", "2027-04-21T12:00")
    assert "Oʻzbekiston" in before and "Özbekiston" not in before
    after = built(shipped, tmp_path / "after", "--now", "2027-04-22T12:00")
    assert "Özbekiston" in after and "Oʻzbekiston" not in after and "şahri" in after.lower() or "Toşkent" in after
    assert (shipped / "published/record.csv").read_bytes() == record  # no new date, no correction: nothing re-posted
    ru = (tmp_path / "after/ru/international-standards-seminar/index.html").read_text(encoding="utf-8")
    assert "ş" not in ru and "ö" not in ru  # only Uzbek Latin is converted
    cyrillic = (tmp_path / "after/uz-cyrl/international-standards-seminar/index.html").read_text(encoding="utf-8")
    assert "Ўзбекистон" in cyrillic
    front = (tmp_path / "after/uz-latn/index.html").read_text(encoding="utf-8")
    assert "Oʻ" not in front and "oʻ" not in front  # the site's own strings and the cards too
    assert 'lang="uz-Latn"' in after  # the 2026 alphabet is still Uzbek in the Latin script


def test_older_1995_leaves_earlier_reports_as_they_were(shipped: Path, tmp_path: Path) -> None:
    config = shipped / "pyproject.toml"
    config.write_text(config.read_text(encoding="utf-8").replace('older = "2026"', 'older = "1995"'), encoding="utf-8")
    page = built(shipped, tmp_path / "site", "--now", "2027-05-01T12:00")
    assert "Oʻzbekiston" in page  # a 2024 report, left in the alphabet it was published in
