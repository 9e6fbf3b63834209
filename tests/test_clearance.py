"""Clearance: with require_clearance, a report is published only once `tarjima clear` has recorded who cleared it,
and only while its source is the text that was cleared; the line is written alone, every other byte kept."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import CONFIG, desk_of, report, run

CLEARING = CONFIG + "require_clearance = true\n"
CLEARED_RE = re.compile(r"^cleared: D\. Karimova (\d{4}-\d\d-\d\d) [0-9a-f]{8}$", re.M)


def public_text(out: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in sorted(out.rglob("*")) if p.is_file())


def desk_page(out: Path, slug: str) -> str:
    return (desk_of(out) / "aligned" / slug / "index.html").read_text(encoding="utf-8")


def reports_json(root: Path) -> dict[str, dict]:
    done = run(root, "status", "--format", "json")
    assert done.code == 0, done.err
    return {r["slug"]: r for r in json.loads(done.out)["reports"]}


def test_a_report_waiting_for_clearance_is_held_until_cleared_and_again_after_an_edit(project, tmp_path: Path) -> None:
    source = report(title="Zebracorn briefing", body="Zebracorn details.\n")
    root = project({"content/2024/zebracorn.md": source, "content/2024/open.md": report(title="Open day")}, config=CLEARING)
    assert run(root, "update").code == 0
    assert run(root, "clear", "open", "--by", "D. Karimova").code == 0
    out = tmp_path / "site"

    built = run(root, "build", "--out", str(out))
    assert built.code == 0, built.err
    for tag in ("en", "uz-Latn", "ru"):
        assert f"skipped zebracorn [{tag}]: waits for clearance (tarjima clear zebracorn --by NAME)" in built.out
    assert "waiting for clearance: 1 report (zebracorn): tarjima clear SLUG --by NAME publishes each\n" in built.out
    assert (out / "en/open/index.html").is_file()
    assert "zebracorn" not in public_text(out).lower() and not any("zebracorn" in p.as_posix() for p in out.rglob("*"))
    assert '<p class="meta publication" lang="en">waits for clearance (tarjima clear zebracorn --by NAME)</p>' in desk_page(out, "zebracorn")
    status = run(root, "status")
    assert ("note: zebracorn (content/2024/zebracorn.md) waits for clearance: the build publishes none of its versions until it is cleared "
            "(tarjima clear zebracorn --by NAME)") in status.out
    assert "note: open" not in status.out
    waiting = reports_json(root)
    assert (waiting["zebracorn"]["waits_for_clearance"], waiting["zebracorn"]["cleared"]) == (True, None)
    assert waiting["open"]["waits_for_clearance"] is False and waiting["open"]["cleared"]["by"] == "D. Karimova"

    cleared = run(root, "clear", "zebracorn", "--by", "  D.   Karimova ")
    assert cleared.code == 0, cleared.err
    day = CLEARED_RE.search((root / "content/2024/zebracorn.md").read_text(encoding="utf-8")).group(1)
    assert cleared.out == f"content/2024/zebracorn.md: cleared by D. Karimova on {day}\n"
    assert run(root, "update", "--check").code == 0  # the clearance line changes no catalogue
    built = run(root, "build", "--out", str(out))
    assert built.code == 0 and "for clearance" not in built.out and "skipped zebracorn [en]" not in built.out
    assert "Zebracorn details." in (out / "en/zebracorn/index.html").read_text(encoding="utf-8")
    assert f'<p class="meta publication" lang="en">cleared by D. Karimova on {day}</p>' in desk_page(out, "zebracorn")
    assert reports_json(root)["zebracorn"]["cleared"] == {"by": "D. Karimova", "date": day, "current": True}
    exported = tmp_path / "export"
    assert run(root, "build", "--out", str(exported), "--format", "markdown").code == 0
    assert "Zebracorn details." in public_text(exported)
    assert "Karimova" not in public_text(out) + public_text(exported)  # who cleared it is for the desk only

    path = root / "content/2024/zebracorn.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Zebracorn details.", "Zebracorn details, edited after clearance."), encoding="utf-8")
    built = run(root, "build", "--out", str(out))
    assert built.code == 0, built.err
    assert "cleared, but the source changed since: 1 report (zebracorn): clear again (tarjima clear SLUG --by NAME)\n" in built.out
    assert f"skipped zebracorn [en]: cleared by D. Karimova on {day}, but the source changed since: clear again (tarjima clear zebracorn --by NAME)" in built.out
    assert "edited after clearance" not in public_text(out) and not (out / "en/zebracorn/index.html").exists()
    assert f"cleared by D. Karimova on {day}, but the source changed since: clear again" in desk_page(out, "zebracorn")
    assert (f"note: zebracorn (content/2024/zebracorn.md) was cleared by D. Karimova on {day}, but the source changed since: "
            "the build publishes none of its versions until it is cleared again (tarjima clear zebracorn --by NAME)") in run(root, "status").out
    assert reports_json(root)["zebracorn"]["cleared"]["current"] is False

    again = run(root, "clear", "zebracorn", "--by", "D. Karimova")
    assert again.out == f"content/2024/zebracorn.md: cleared by D. Karimova on {day} (again: the source changed since D. Karimova's clearance of {day})\n"
    assert run(root, "build", "--out", str(out)).code == 0
    assert "edited after clearance" in (out / "en/zebracorn/index.html").read_text(encoding="utf-8")


def test_clear_writes_its_one_line_atomically_and_keeps_every_other_byte(project) -> None:
    # Windows line ends, a byte-order mark, a comment and odd spacing: all kept as they are.
    text = "---\r\ntitle: A seminar   # the working title\r\ndate: 2024-12-10\r\nlang: en\r\n---\r\n\r\nFirst paragraph.\r\n"
    root = project({"content/x.md": "", "content/y.md": report(title="Other")}, config=CLEARING)
    path = root / "content/x.md"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    path.chmod(0o664)

    assert run(root, "clear", "x", "--by", "Desk: night #1").code == 0
    data = path.read_bytes()
    lines = data.split(b"\r\n")
    added = lines[4]
    assert lines[:4] + lines[5:] == (b"\xef\xbb\xbf" + text.encode("utf-8")).split(b"\r\n")  # one line more, nothing else
    assert re.fullmatch(rb'cleared: "Desk: night #1 \d{4}-\d\d-\d\d [0-9a-f]{8}"', added)  # quoted: YAML would read the name otherwise
    assert path.stat().st_mode & 0o777 == 0o664
    assert not list(root.glob("content/.*"))  # no temporary file left beside it
    assert reports_json(root)["x"]["cleared"]["by"] == "Desk: night #1"

    unchanged = run(root, "clear", "x", "--by", "Someone Else")
    assert unchanged.code == 0 and "already cleared by Desk: night #1 on" in unchanged.out and "unchanged since" in unchanged.out
    assert path.read_bytes() == data

    path.write_bytes(data.replace(b"First paragraph.", b"First paragraph, edited."))
    assert run(root, "clear", "x", "--by", "Someone Else").code == 0
    relined = path.read_bytes().split(b"\r\n")
    assert re.fullmatch(rb"cleared: Someone Else \d{4}-\d\d-\d\d [0-9a-f]{8}", relined[4])  # replaced in its place
    expected = data.replace(b"First paragraph.", b"First paragraph, edited.").split(b"\r\n")
    assert relined[:4] + relined[5:] == expected[:4] + expected[5:]


@pytest.mark.parametrize(("line", "message"), [
    ("cleared: approved", "`cleared` is not a clearance as tarjima clear writes it (NAME YYYY-MM-DD DIGEST): 'approved'"),
    ("cleared: true", "`cleared` is not a clearance as tarjima clear writes it (NAME YYYY-MM-DD DIGEST): True"),
    ("cleared: D. Karimova 2026-02-30 0123abcd", "`cleared` has no valid date: '2026-02-30'"),
    ("cleared: D. Karimova\n  2026-12-07 0123abcd", "`cleared` must be one line of its own, `cleared: ...` at the start of the line"),
    ("cleared: >-\n  D. Karimova 2026-12-07 0123abcd", "`cleared` must be one line of its own, `cleared: ...` at the start of the line"),
])
def test_a_clearance_not_written_as_clear_writes_it_is_refused_with_one_line(project, tmp_path: Path, line: str, message: str) -> None:
    root = project({"content/x.md": f"---\ntitle: T\ndate: 2024-12-10\nlang: en\n{line}\n---\n\nText.\n"}, config=CLEARING)
    built = run(root, "build", "--out", str(tmp_path / "site"))
    assert built.code == 2
    assert built.err.splitlines() == [f"error: content/x.md:5: {message} (remove the line and record the clearance again: tarjima clear SLUG --by NAME)"]


def test_without_require_clearance_every_report_is_published_and_clear_says_why_it_changes_nothing(project, tmp_path: Path) -> None:
    root = project({"content/x.md": report()})
    assert run(root, "update").code == 0
    built = run(root, "build", "--out", str(tmp_path / "site"))
    assert built.code == 0 and (tmp_path / "site/en/x/index.html").is_file() and "for clearance" not in built.out
    assert reports_json(root)["x"]["waits_for_clearance"] is False
    cleared = run(root, "clear", "x", "--by", "D. Karimova")
    assert cleared.code == 0
    assert cleared.out.splitlines()[-1] == "note: require_clearance is not set: the build publishes reports whether they are cleared or not (docs/publication.md)"


def test_bad_clearance_settings_and_names_are_refused_with_one_line(project) -> None:
    root = project({"content/x.md": report()}, config=CONFIG + 'require_clearance = "yes"\n')
    done = run(root, "status")
    assert done.code == 2 and done.err == "error: tarjima.toml:4: require_clearance must be true or false (e.g. require_clearance = true)\n"
    root = project({"content/x.md": report()}, config=CLEARING)
    empty = run(root, "clear", "x", "--by", "  ")
    assert empty.code == 2 and empty.err == "error: --by: the name is empty (give who clears the report, e.g. --by 'D. Karimova')\n"
    unknown = run(root, "clear", "nope", "--by", "D. Karimova")
    assert unknown.code == 2 and unknown.err.startswith("error: nope: no such report")
    assert "cleared" not in (root / "content/x.md").read_text(encoding="utf-8")
