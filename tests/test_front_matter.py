"""Front matter is a schema: unknown keys named with the closest known one, `check --strict`, and `draft: true`."""

from __future__ import annotations

import json
import marshal
from pathlib import Path

import pytest

from conftest import report, run
from tarjima.errors import InputError
from tarjima.project import from_record, load_front, record_front, to_record
from tarjima.sources import KNOWN_KEYS, parse_report, parse_source
from tarjima.store import dependencies

LANGS = ("uz-Latn", "ru", "en")

TYPOS = """---
title: A seminar
date: 2024-12-10
lang: en
tilte: Another title
end-date: 2024-12-11
embargo: 2099-01-01
---

First paragraph.
"""


def test_unknown_keys_are_kept_with_their_lines_and_survive_the_source_index_record() -> None:
    parsed, front, _ = parse_source(TYPOS.replace("lang: en\n", "lang: en\ndraft: true\n").replace("embargo: 2099-01-01\n", "embargo: 2099-01-01\ntags: [seminar]\n"), "content/x.md", LANGS)
    assert parsed.unknown == (("tilte", 6), ("end-date", 7), ("embargo", 8))
    assert parsed.draft is True
    record = marshal.loads(marshal.dumps(to_record(parsed, front)))  # as the source index keeps it
    again = from_record(record, "content/x.md")
    assert (again.draft, again.unknown, again.slug, again.digest) == (True, parsed.unknown, "x", parsed.digest)
    assert again == parsed and again.tags == ("seminar",)  # whole: every field as parsed
    assert load_front(record_front(record)) == front and front.segments[0].text == "A seminar"  # its front matter, decoded when asked for
    assert parse_report(report(), "content/y.md", LANGS).draft is False
    # The index's key covers the code that makes and reads records: a new field invalidates it.
    assert {p.name for p in dependencies("tarjima.project")} >= {"project.py", "sources.py", "model.py"}


@pytest.mark.parametrize("value", ["yes please", "1", '"true"', "", "[true]"])
def test_draft_that_is_not_true_or_false_is_bad_input_naming_its_line(value: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_report(report(draft=value), "content/x.md", LANGS)
    assert caught.value.line == 5 and "`draft` must be true or false" in caught.value.message


def test_a_missing_required_field_names_the_misspelt_key_that_looks_like_it() -> None:
    with pytest.raises(InputError) as caught:
        parse_report("---\ntilte: A seminar\ndate: 2024-12-10\nlang: en\n---\n\nText.\n", "content/x.md", LANGS)
    assert str(caught.value) == "content/x.md:2: required field `title` is missing (`tilte` on line 2 looks like it: rename it to `title`)"


def test_update_and_check_warn_once_per_unknown_key_with_the_closest_known_key(project) -> None:
    root = project({"content/x.md": TYPOS, "content/y.md": report()})
    expected = [
        "warning: content/x.md:5: unknown front-matter key `tilte`: tarjima ignores it (did you mean `title`?)",
        "warning: content/x.md:6: unknown front-matter key `end-date`: tarjima ignores it (did you mean `end_date`?)",
        f"warning: content/x.md:7: unknown front-matter key `embargo`: tarjima ignores it (the keys tarjima knows: {', '.join(KNOWN_KEYS)})",
    ]
    updated = run(root, "update")
    assert updated.code == 0 and updated.err.splitlines() == expected
    again = run(root, "update")  # the sources now come from the source index: the same warnings
    assert again.code == 0 and again.err.splitlines() == expected
    checked = run(root, "check")
    assert checked.code == 0 and checked.err.splitlines() == expected
    assert run(root, "check", "y").err == ""  # only the reports checked are named
    as_json = run(root, "check", "--format", "json")
    assert as_json.code == 0 and json.loads(as_json.out)["findings"] == [] and as_json.err.splitlines() == expected


def test_check_strict_makes_an_unknown_key_bad_input(project) -> None:
    root = project({"content/x.md": report(**{"publish-at": "2099-01-01"}), "content/y.md": report(title="Clean")})  # (publish_at is the key)
    assert run(root, "update").code == 0
    strict = run(root, "check", "--strict")
    assert strict.code == 2
    assert strict.err.splitlines() == ["error: content/x.md:5: unknown front-matter key `publish-at`: tarjima ignores it (did you mean `publish_at`?)"]
    assert run(root, "check", "--strict", "y").code == 0
    (root / "content/x.md").write_text(report(), encoding="utf-8")
    assert run(root, "check", "--strict").code == 0
    assert "--strict" in run(root, "check", "--help").out


def public_text(out: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in sorted(out.rglob("*")) if p.is_file())


def test_a_draft_publishes_nothing_yet_catalogues_status_checks_and_the_desk_see_it(project, tmp_path: Path) -> None:
    draft = report(title="Zebracorn briefing", body="Zebracorn details, 110 people.\n", draft="true")
    root = project({"content/2024/zebracorn.md": draft, "content/2024/open.md": report(title="Open day")})
    assert run(root, "update").code == 0
    po = root / "locales/ru/LC_MESSAGES/zebracorn.po"
    assert "Zebracorn details" in po.read_text(encoding="utf-8")  # catalogues are made as for any report
    po.write_text(po.read_text(encoding="utf-8").replace('msgid "Zebracorn details, 110 people."\nmsgstr ""',
                                                         'msgid "Zebracorn details, 110 people."\nmsgstr "Зебракорн, 100 человек."'), encoding="utf-8")
    checked = run(root, "check", "zebracorn")
    assert checked.code == 1 and "[numbers] zebracorn (ru)" in checked.out  # checks see it
    status = run(root, "status")
    assert "note: zebracorn (content/2024/zebracorn.md) is a draft: the build publishes none of its versions until `draft: true` is removed" in status.out
    assert [r["draft"] for r in json.loads(run(root, "status", "--format", "json").out)["reports"]] == [False, True]
    out = tmp_path / "site"
    for _ in range(2):  # the second build knows the sources from the index
        built = run(root, "build", "--out", str(out))
        assert built.code == 0, built.err
        for tag in ("en", "uz-Latn", "ru"):
            assert f"skipped zebracorn [{tag}]: draft: true in the front matter" in built.out
        assert (out / "en/open/index.html").is_file()
        assert "zebracorn" not in public_text(out).lower()
        assert not any("zebracorn" in p.as_posix() for p in out.rglob("*"))
    desk = [p for p in tmp_path.rglob("aligned/zebracorn/index.html") if out not in p.parents]
    assert desk and "Zebracorn briefing" in desk[0].read_text(encoding="utf-8")
    for fmt in ("markdown", "json"):
        exported = tmp_path / fmt
        assert run(root, "build", "--out", str(exported), "--format", fmt).code == 0
        assert "zebracorn" not in public_text(exported).lower() and not any("zebracorn" in p.name for p in exported.rglob("*"))
    (root / "content/2024/zebracorn.md").write_text(draft.replace("draft: true\n", "draft: false\n"), encoding="utf-8")
    built = run(root, "build", "--out", str(out))
    assert built.code == 0 and (out / "en/zebracorn/index.html").is_file()  # published as soon as the flag is off
