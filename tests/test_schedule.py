"""Scheduled publication: `publish_at` keeps every version out of the public site until its moment, judged by the
wall clock or --now (never SOURCE_DATE_EPOCH), in the project's time zone; the next build after it publishes."""

from __future__ import annotations

import datetime as dt
import json
import marshal
from pathlib import Path

import pytest

from conftest import CONFIG, desk_of, report, run, snapshot
from tarjima.errors import InputError
from tarjima.project import from_record, to_record
from tarjima.sources import parse_report, parse_source

LANGS = ("uz-Latn", "ru", "en")
SITE = CONFIG + 'base_url = "https://example.org/news/"\n'


def embargoed(when: str, title: str = "Embargoed briefing") -> str:
    return report(title=title, body="Embargoed zebracorn text.\n", publish_at=when)


def rendering(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The slugs each build renders (a full build renders in site.reports, an incremental one from site.build)."""
    import tarjima.site.build as build_module
    import tarjima.site.reports as reports_module

    rendered: list[str] = []
    real = reports_module.process_report
    for module in (build_module, reports_module):
        monkeypatch.setattr(module, "process_report", lambda job, report: rendered.append(report.slug) or real(job, report))
    return rendered


def test_an_embargoed_report_appears_at_the_first_build_after_its_moment_with_no_file_changed(project, tmp_path: Path, monkeypatch) -> None:
    root = project({"content/2024/embargo.md": embargoed("2026-12-10T09:00"), "content/2024/open.md": report(title="Open day")}, config=SITE)
    assert run(root, "update").code == 0
    out = tmp_path / "site"
    # CI sets SOURCE_DATE_EPOCH to the last commit's time: it dates output, it never publishes (2027-01-01 here).
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2027, 1, 1, tzinfo=dt.timezone.utc).timestamp())))

    before = run(root, "build", "--out", str(out), "--now", "2026-12-10T08:59")
    assert before.code == 0, before.err
    for tag in LANGS:
        assert f"skipped embargo [{tag}]: scheduled for 2026-12-10 09:00 Asia/Tashkent" in before.out
    assert "scheduled: 1 report held until 2026-12-10 09:00 Asia/Tashkent (embargo): build again then to publish it\n" in before.out
    assert not any("embargo" in p.relative_to(out).as_posix() for p in out.rglob("*"))
    assert b"zebracorn" not in b"".join(p.read_bytes() for p in out.rglob("*") if p.is_file())
    desk = (desk_of(out) / "aligned/embargo/index.html").read_text(encoding="utf-8")
    assert '<p class="meta publication" lang="en">scheduled for 2026-12-10 09:00 Asia/Tashkent: no version is published before then</p>' in desk
    assert "Embargoed zebracorn text." in desk  # the editors see it

    rendered = rendering(monkeypatch)
    held = run(root, "build", "--out", str(out), "--now", "2026-12-10T08:59:59")
    assert held.code == 0 and rendered == []  # still before: nothing to render again

    at = run(root, "build", "--out", str(out), "--now", "2026-12-10T09:00")
    assert at.code == 0, at.err
    assert rendered == ["embargo"]  # the incremental build renders the report whose moment came, and only it
    assert "scheduled" not in at.out and "skipped embargo [en]" not in at.out
    assert "Embargoed zebracorn text." in (out / "en/embargo/index.html").read_text(encoding="utf-8")
    assert "Embargoed briefing" in (out / "en/index.html").read_text(encoding="utf-8")  # listed
    assert "https://example.org/news/en/embargo/" in (out / "sitemaps/2024-12.xml").read_text(encoding="utf-8")
    assert "scheduled for" not in (desk_of(out) / "aligned/embargo/index.html").read_text(encoding="utf-8")

    rendered.clear()
    later = run(root, "build", "--out", str(out), "--now", "2026-12-31T12:00")
    assert later.code == 0 and rendered == []  # the key holds whether the moment has come, not the moment of the build

    full = tmp_path / "full/site"
    assert run(root, "build", "--out", str(full), "--full", "--now", "2026-12-31T12:00").code == 0
    assert {k: v for k, v in snapshot(out).items() if k != ".tarjima-build"} == {k: v for k, v in snapshot(full).items() if k != ".tarjima-build"}


def test_the_wall_clock_decides_without_now(project, tmp_path: Path) -> None:
    root = project({"content/past.md": embargoed("2001-01-01T09:00", "Past"), "content/future.md": embargoed("2999-01-01", "Future")})
    assert run(root, "update").code == 0
    built = run(root, "build", "--out", str(tmp_path / "site"))
    assert built.code == 0
    assert (tmp_path / "site/en/past/index.html").is_file() and not (tmp_path / "site/en/future").exists()
    assert "scheduled: 1 report held until 2999-01-01 00:00 Asia/Tashkent (future): build again then to publish it" in built.out


def test_times_are_read_in_the_project_time_zone_unless_they_carry_an_offset(project, tmp_path: Path) -> None:
    root = project({
        "content/local.md": embargoed("2026-12-10T09:00", "Local"),  # Asia/Tashkent is UTC+5 all year: 04:00 UTC
        "content/summer.md": embargoed("2026-07-01 09:00", "Summer"),  # no summer time either
        "content/offset.md": embargoed("2026-12-10T09:00+03:00", "Offset"),  # 06:00 UTC, 11:00 in Tashkent
        "content/utc.md": embargoed("2026-12-10T04:30Z", "Utc"),
        "content/day.md": embargoed("2026-12-11", "Day"),  # a date alone: its first minute, 00:00 in Tashkent
    })
    data = {r["slug"]: r for r in json.loads(run(root, "status", "--format", "json", "--now", "2026-12-10T03:59Z").out)["reports"]}
    assert {slug: r["publish_at"] for slug, r in data.items()} == {
        "day": "2026-12-11T00:00:00+05:00", "local": "2026-12-10T09:00:00+05:00", "offset": "2026-12-10T09:00:00+03:00",
        "summer": "2026-07-01T09:00:00+05:00", "utc": "2026-12-10T04:30:00+00:00"}
    assert {slug for slug, r in data.items() if r["scheduled"]} == {"day", "local", "offset", "utc"}
    assert run(root, "update").code == 0
    out = tmp_path / "site"

    def published(now: str) -> set[str]:
        built = run(root, "build", "--out", str(out), "--now", now)
        assert built.code == 0, built.err
        return {p.parent.name for p in out.glob("en/*/index.html")}

    assert published("2026-12-10T03:59:59+00:00") == {"summer"}
    assert published("2026-12-10T09:00+05:00") == {"summer", "local"}
    assert published("2026-12-10T04:30Z") == {"summer", "local", "utc"}
    held = run(root, "build", "--out", str(out), "--now", "2026-12-10T10:59")
    assert "scheduled: 2 reports held until 2026-12-11 00:00 Asia/Tashkent, the next at 2026-12-10 11:00 Asia/Tashkent (offset): " \
           "build again at each moment to publish them\n" in held.out
    assert published("2026-12-10T11:00") == {"summer", "local", "utc", "offset"}
    assert published("2026-12-11") == {"summer", "local", "utc", "offset", "day"}


@pytest.mark.parametrize(("value", "message"), [
    ("tomorrow", "`publish_at` is not a date and time: 'tomorrow'"),
    ("09:00", "`publish_at` is not a date and time: '09:00'"),
    ("2026-12-10T9:00", "`publish_at` is not a date and time: '2026-12-10T9:00'"),
    ("2026-13-10T09:00", "`publish_at` is not a valid date and time: '2026-13-10T09:00': month must be in 1..12"),
    ("2026-12-10T24:30", "`publish_at` is not a valid date and time: '2026-12-10T24:30': hour must be in 0..23"),
    ("2026-12-10T09:00+5", "`publish_at` is not a date and time: '2026-12-10T09:00+5'"),
])
def test_a_publish_at_that_is_not_a_moment_is_refused_with_one_line_and_nothing_changes(project, tmp_path: Path, value: str, message: str) -> None:
    root = project({"content/x.md": report(publish_at=value), "content/y.md": report(title="Other")})
    out = tmp_path / "site"
    built = run(root, "build", "--out", str(out))
    assert built.code == 2 and not out.exists()
    assert built.err.splitlines() == [f"error: content/x.md:5: {message} (write it as 2026-12-10T09:00, Asia/Tashkent time, or with an offset: 2026-12-10T09:00+05:00)"]
    assert run(root, "status").code == 2


def test_a_local_time_the_clocks_skip_or_pass_twice_is_refused_unless_it_carries_its_offset(project) -> None:
    berlin = CONFIG + 'timezone = "Europe/Berlin"\n'
    skipped = project({"content/x.md": report(publish_at="2026-03-29T02:30")}, config=berlin)
    done = run(skipped, "status")
    assert done.code == 2 and done.err == ("error: content/x.md:5: `publish_at` 2026-03-29T02:30 does not exist in Europe/Berlin: the clocks skip that time "
                                           "(choose another time, or give it with an offset such as 2026-03-29T02:30+01:00)\n")
    twice = project({"content/x.md": report(publish_at="2026-10-25T02:30")}, config=berlin)
    done = run(twice, "status")
    assert done.code == 2 and done.err == ("error: content/x.md:5: `publish_at` 2026-10-25T02:30 happens twice in Europe/Berlin: the clocks go back over it "
                                           "(give the offset: 2026-10-25T02:30+02:00 (the first time) or 2026-10-25T02:30+01:00 (the second))\n")
    (twice / "content/x.md").write_text(report(publish_at="2026-10-25T02:30+01:00"), encoding="utf-8")
    data = json.loads(run(twice, "status", "--format", "json", "--now", "2026-10-25T02:59+01:00").out)["reports"][0]
    assert (data["publish_at"], data["scheduled"]) == ("2026-10-25T02:30:00+01:00", False)


def test_a_time_zone_or_now_that_is_not_one_is_refused_with_one_line(project, tmp_path: Path) -> None:
    root = project({"content/x.md": report()}, config=CONFIG + 'timezone = "Mars/Olympus_Mons"\n')
    done = run(root, "status")
    assert done.code == 2 and done.err == "error: tarjima.toml:4: unknown time zone 'Mars/Olympus_Mons' in `timezone` (use an IANA name, e.g. timezone = \"Asia/Tashkent\")\n"
    root = project({"content/x.md": report()})
    for command in (("build", "--out", str(tmp_path / "site")), ("status",)):
        done = run(root, *command, "--now", "next week")
        assert done.code == 2 and done.err == ("error: --now: the value is not a date and time: 'next week' "
                                               "(write it as 2026-12-10T09:00, Asia/Tashkent time, or with an offset: 2026-12-10T09:00+05:00)\n")
    assert not (tmp_path / "site").exists()


def test_status_says_what_is_scheduled_and_what_waits_for_clearance(project) -> None:
    root = project({"content/2024/both.md": embargoed("2026-12-10T09:00"), "content/2024/open.md": report(title="Open day"),
                    "content/2024/draft.md": report(title="Draft", draft="true", publish_at="2026-12-10T09:00")},
                   config=CONFIG + "require_clearance = true\n")
    assert run(root, "clear", "open", "--by", "D. Karimova").code == 0
    table = run(root, "status", "--now", "2026-12-10T08:00")
    assert table.code == 0
    notes = [line for line in table.out.splitlines() if line.startswith("note:")]
    assert notes == [
        "note: draft (content/2024/draft.md) is a draft: the build publishes none of its versions until `draft: true` is removed",
        "note: both (content/2024/both.md) is scheduled for 2026-12-10 09:00 Asia/Tashkent: the build publishes none of its versions before then",
        "note: both (content/2024/both.md) waits for clearance: the build publishes none of its versions until it is cleared (tarjima clear both --by NAME)",
    ]  # a draft is named as one: nothing else holds it until `draft: true` is removed
    data = {r["slug"]: r for r in json.loads(run(root, "status", "--format", "json", "--now", "2026-12-10T08:00").out)["reports"]}
    assert {s: (r["scheduled"], r["waits_for_clearance"], r["draft"]) for s, r in data.items()} == {
        "both": (True, True, False), "open": (False, False, False), "draft": (True, True, True)}
    after = json.loads(run(root, "status", "--format", "json", "--now", "2026-12-10T09:00").out)["reports"]
    assert [r["slug"] for r in after if r["scheduled"]] == []


def test_the_source_index_record_carries_the_schedule_and_the_clearance() -> None:
    text = "---\ntitle: T\ndate: 2024-12-10\nlang: en\npublish_at: 2026-12-10T09:00\ncleared: D. Karimova 2026-12-07 00000000\n---\n\nText.\n"
    parsed, front, _ = parse_source(text, "content/x.md", LANGS)
    again = from_record(marshal.loads(marshal.dumps(to_record(parsed, front))), "content/x.md")
    assert (again.publish_at, again.cleared) == (parsed.publish_at, parsed.cleared)
    assert again.publish_at == dt.datetime(2026, 12, 10, 4, 0, tzinfo=dt.timezone.utc)
    assert again.cleared is not None and again.cleared.holds is False  # a made-up digest does not hold
    with pytest.raises(InputError) as caught:
        parse_report(text.replace("2026-12-10T09:00", "soon"), "content/x.md", LANGS)
    assert caught.value.line == 5
