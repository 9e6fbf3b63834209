"""Review state: `tarjima review` marks entries, GNU tools keep the mark, an edit clears it, require_review holds."""

from __future__ import annotations

import json
import shutil
import re
from pathlib import Path

import pytest

from conftest import gnu, run

PO = "locales/ru/LC_MESSAGES/international-standards-seminar.po"


def ru_row(root: Path) -> dict[str, object]:
    data = json.loads(run(root, "status", "--format", "json").out)
    return next(r for r in data["reports"] if r["slug"] == "international-standards-seminar")["languages"]["ru"]


def test_review_marks_every_translated_entry_and_gnu_tools_keep_the_mark(shipped: Path) -> None:
    result = run(shipped, "review", "international-standards-seminar", "--lang", "ru", "--by", "D. Karimova")
    assert result.code == 0 and f"{PO}: 17 entries marked reviewed by D. Karimova" in result.out
    po = shipped / PO
    assert len(re.findall(r"^# reviewed: D\. Karimova \d{4}-\d\d-\d\d [0-9a-f]{8}$", po.read_text(encoding="utf-8"), re.M)) == 17
    assert ru_row(shipped)["reviewed"] == 17
    assert "done (17 reviewed)" in run(shipped, "status", "international-standards-seminar", "--lang", "ru").out
    assert gnu("msgfmt", "-c", "-o", "/dev/null", str(po)).returncode == 0
    # msgcat and msgmerge (a translator's own tools) keep translator comments: the review survives them.
    for tool in (("msgcat", str(po)), ("msgmerge", "-q", str(po), str(shipped / "locales/templates/international-standards-seminar.pot"))):
        po.write_bytes(gnu(*tool, "-o", "-").stdout)
        assert ru_row(shipped)["reviewed"] == 17, tool[0]
    again = run(shipped, "review", "international-standards-seminar", "--lang", "ru", "--by", "D. Karimova")
    assert "0 entries marked" in again.out  # already reviewed: kept as it is


def test_an_edit_of_the_translation_or_the_source_clears_the_review(shipped: Path) -> None:
    run(shipped, "review", "international-standards-seminar", "--lang", "ru", "--by", "A. Reviewer")
    po = shipped / PO
    po.write_text(po.read_text(encoding="utf-8").replace("продолжится 11 декабря", "будет продолжена 11 декабря"), encoding="utf-8")
    assert ru_row(shipped)["reviewed"] == 16  # the translator's edit: merely translated now
    source = shipped / "content/2024/international-standards-seminar/index.md"
    source.write_text(source.read_text(encoding="utf-8").replace("a two-day seminar on the topic", "a two-day seminar on the subject", 1), encoding="utf-8")
    assert run(shipped, "update").code == 0
    text = po.read_text(encoding="utf-8")
    assert text.count("# reviewed: A. Reviewer") == 15  # the edited paragraph's entry (now fuzzy) and the edited translation lost theirs
    assert ru_row(shipped)["reviewed"] == 15


@pytest.mark.slow
def test_require_review_holds_a_version_until_every_entry_it_shows_is_reviewed(shipped: Path, tmp_path: Path) -> None:
    config = shipped / "pyproject.toml"
    config.write_text(config.read_text(encoding="utf-8").replace("[tool.tarjima]\n", '[tool.tarjima]\nrequire_review = ["ru"]\n', 1), encoding="utf-8")
    shutil.rmtree(shipped / "published")  # a project before its first publication: nothing is online to stay online (site.pages.kept)
    out = tmp_path / "site"
    result = run(shipped, "build", "--out", str(out))
    assert "skipped international-standards-seminar [ru]: held: 17 entries not reviewed (tarjima review international-standards-seminar --lang ru; require_review)" in result.out
    assert not (out / "ru/international-standards-seminar/index.html").exists()
    assert (out / "en/international-standards-seminar/index.html").exists()  # a language without the rule is published
    run(shipped, "review", "international-standards-seminar", "--lang", "ru", "--by", "D. Karimova",
        "--entry", "The seminar will continue its work on December 11.")
    assert "held: 16 entries not reviewed" in run(shipped, "build", "--out", str(out)).out
    run(shipped, "review", "international-standards-seminar", "--lang", "ru", "--by", "D. Karimova")
    result = run(shipped, "build", "--out", str(out))
    assert "international-standards-seminar [ru]" not in result.out and (out / "ru/international-standards-seminar/index.html").exists()


def test_review_refuses_with_one_line(shipped: Path) -> None:
    result = run(shipped, "review", "international-standards-seminar", "--lang", "en", "--by", "X")
    assert result.code == 2 and "en is the report's source language" in result.err
    assert run(shipped, "review", "international-standards-seminar", "--lang", "ru", "--by", "  ").code == 2
