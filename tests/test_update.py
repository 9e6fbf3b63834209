"""`tarjima update` end to end: shipped content, GNU interoperability, edits, bad input."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import gnu, report, run, snapshot
from tarjima.po import read as po_read


def catalogues(root: Path) -> list[Path]:
    return sorted((root / "locales").rglob("*.po")) + sorted((root / "locales").rglob("*.pot"))


def test_update_on_shipped_content_changes_nothing(shipped: Path) -> None:
    before = snapshot(shipped)
    result = run(shipped, "update")
    assert result.code == 0, result.err
    assert "0 file(s) written" in result.out
    assert snapshot(shipped) == before
    assert run(shipped, "update", "--check").code == 0


def test_shipped_catalogues_pass_msgfmt_and_are_stable_under_msgcat(shipped: Path) -> None:
    files = catalogues(shipped)
    assert len(files) == 12  # 2 reports x (1 template + 3 languages), and the site strings (1 + uz_Latn, uz_Cyrl, ru)
    for path in files:
        checked = gnu("msgfmt", "-c", "-o", "/dev/null", str(path))
        assert checked.returncode == 0, checked.stderr.decode()
        if path.suffix == ".po":
            assert checked.stderr == b"", checked.stderr.decode()
        assert gnu("msgcat", str(path)).stdout == path.read_bytes(), path


def test_shipped_catalogues_are_complete(shipped: Path) -> None:
    for path in shipped.glob("locales/*/LC_MESSAGES/*.po"):
        stats = gnu("msgfmt", "--statistics", "-o", "/dev/null", str(path)).stderr.decode()
        assert "untranslated" not in stats and "fuzzy" not in stats, (path, stats)


def test_editing_one_paragraph_fuzzes_exactly_that_entry(shipped: Path) -> None:
    source = shipped / "content/2024/international-standards-seminar/index.md"
    text = source.read_text(encoding="utf-8")
    old = "The seminar will continue its work on December 11."
    assert old in text
    source.write_text(text.replace(old, "The seminar will continue its work on December 11 in the main hall."), encoding="utf-8")
    po = shipped / "locales/ru/LC_MESSAGES/international-standards-seminar.po"
    before = po_read.read(po.read_bytes(), "ru.po")
    result = run(shipped, "update")
    assert result.code == 0, result.err
    assert "1 fuzzy" in result.out
    after = po_read.read(po.read_bytes(), "ru.po")
    changed = [(a, b) for a, b in zip(before.entries, after.entries) if (a.msgid, a.msgstr, a.flags) != (b.msgid, b.msgstr, b.flags)]
    assert len(changed) == 1
    was, now = changed[0]
    assert now.fuzzy and now.previous_msgid == old and now.msgstr == was.msgstr
    assert [e.msgstr for e in after.entries if e is not now] == [e.msgstr for e in before.entries if e is not was]
    assert not any(e.obsolete for e in after.entries)
    assert gnu("msgfmt", "-c", "-o", "/dev/null", str(po)).returncode == 0
    assert gnu("msgcat", str(po)).stdout == po.read_bytes()
    assert run(shipped, "update", "--check").code == 0


def test_removed_paragraph_becomes_obsolete_and_comes_back(shipped: Path) -> None:
    source = shipped / "content/2024/international-standards-seminar/index.md"
    text = source.read_text(encoding="utf-8")
    last = "The seminar will continue its work on December 11.\n"
    source.write_text(text.replace(last, ""), encoding="utf-8")
    po = shipped / "locales/uz_Latn/LC_MESSAGES/international-standards-seminar.po"
    run(shipped, "update")
    obsolete = [e for e in po_read.read(po.read_bytes(), "po").entries if e.obsolete]
    assert [e.msgid for e in obsolete] == [last.strip()] and obsolete[0].msgstr
    assert "#~ msgid" in po.read_text(encoding="utf-8")
    source.write_text(text, encoding="utf-8")
    run(shipped, "update")
    entries = po_read.read(po.read_bytes(), "po").entries
    assert not any(e.obsolete for e in entries)
    assert next(e for e in entries if e.msgid == last.strip()).translated


def test_new_catalogue_has_complete_header(project) -> None:
    root = project({"content/a.md": report(lang="ru", body="Абзац один.\n")})
    assert run(root, "update").code == 0
    po = root / "locales/uz_Latn/LC_MESSAGES/a.po"
    catalog = po_read.read(po.read_bytes(), "po")
    assert catalog.header("Language") == "uz_Latn"
    assert catalog.header("Plural-Forms") == "nplurals=2; plural=(n != 1);"
    ru_less = root / "locales/en/LC_MESSAGES/a.po"
    assert po_read.read(ru_less.read_bytes(), "po").header("Language") == "en"
    assert not (root / "locales/ru").exists()  # the source language gets no catalogue
    for name in ("Content-Type", "Project-Id-Version", "POT-Creation-Date", "PO-Revision-Date", "Last-Translator", "Language-Team"):
        assert catalog.header(name), name
    checked = gnu("msgfmt", "-c", "-o", "/dev/null", str(po))
    assert checked.returncode == 0 and checked.stderr == b"", checked.stderr


def test_percent_sign_in_prose_gets_no_format_flag(project) -> None:
    root = project({"content/a.md": report(body="Over 50% of participants came.\n")})
    run(root, "update")
    text = (root / "locales/ru/LC_MESSAGES/a.po").read_text(encoding="utf-8")
    assert "format" not in text
    po = root / "locales/ru/LC_MESSAGES/a.po"
    po.write_text(text.replace('came."\nmsgstr ""', 'came."\nmsgstr "Более 50% участников пришли."'), encoding="utf-8")
    assert gnu("msgfmt", "-c", "-o", "/dev/null", str(po)).returncode == 0


def test_removed_report_leaves_catalogues_alone(project) -> None:
    root = project({"content/a.md": report(), "content/b.md": report(title="Other")})
    run(root, "update")
    (root / "content/b.md").unlink()
    before = snapshot(root / "locales")
    result = run(root, "update")
    assert result.code == 0
    assert "locales/templates/b.pot has no source in content/" in result.out
    assert snapshot(root / "locales") == before


BAD_SOURCES = {
    "invalid YAML": ("---\ntitle: [oops\ndate: 2024-01-01\nlang: en\n---\nText.\n", "content/bad.md:3: invalid YAML"),
    "missing field": ("---\ntitle: T\nlang: en\n---\nText.\n", "required field `date` is missing"),
    "unknown language": ("---\ntitle: T\ndate: 2024-01-01\nlang: fr\n---\nText.\n", "content/bad.md:4: unknown language 'fr'"),
    "escaping slug": ("---\ntitle: T\ndate: 2024-01-01\nlang: en\nslug: ../../outside\n---\nText.\n", "would reach outside the project"),
    "not UTF-8": ("---\ntitle: T\ndate: 2024-01-01\nlang: ru\n---\nПривет.\n".encode("cp1251"), "content/bad.md:6: not valid UTF-8"),
}


@pytest.mark.parametrize("case", sorted(BAD_SOURCES))
def test_bad_source_is_one_line_exit_2_and_touches_nothing(project, case: str) -> None:
    text, message = BAD_SOURCES[case]
    root = project({"content/good.md": report(body="Good text.\n")})
    bad = root / "content/bad.md"
    bad.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    result = run(root, "update")
    assert result.code == 2
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and "Traceback" not in result.err
    assert lines[0].startswith("error: content/bad.md")
    assert (root / "locales/ru/LC_MESSAGES/good.po").exists()  # the other report still updates
    assert not (root / "locales/ru/LC_MESSAGES/bad.po").exists()


def test_duplicate_slug_stops_both_reports_and_not_the_others(project) -> None:
    root = project({"content/good.md": report(), "content/a/twin.md": report(), "content/b/twin.md": report()})
    result = run(root, "update")
    assert result.code == 2
    assert result.err.splitlines() == [
        "error: content/a/twin.md:1: duplicate slug 'twin', also used by content/b/twin.md (give each report a unique `slug:` in its front matter)",
        "error: content/b/twin.md:1: duplicate slug 'twin', also used by content/a/twin.md (give each report a unique `slug:` in its front matter)",
    ]
    assert (root / "locales/ru/LC_MESSAGES/good.po").exists() and not (root / "locales/ru/LC_MESSAGES/twin.po").exists()


BAD_CATALOGUES = {
    "syntax error": (b'msgid "a"\nmsgstr "b"\n\nmsgid "c\nmsgstr ""\n', "ru.po:4: expected a quoted string"),
    "msgid without msgstr": (b'msgid "a"\n\nmsgid "b"\nmsgstr ""\n', "entry without msgstr"),
    "not UTF-8": ('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "a"\nmsgstr "Привет"\n'.encode("cp1251"), ":5: not valid UTF-8"),
    "unknown charset": (b'msgid ""\nmsgstr "Content-Type: text/plain; charset=KLINGON\\n"\n', "unknown charset 'KLINGON'"),
}


@pytest.mark.parametrize("case", sorted(BAD_CATALOGUES))
def test_malformed_catalogue_is_reported_and_left_untouched(project, case: str) -> None:
    data, message = BAD_CATALOGUES[case]
    root = project({"content/one.md": report(body="One.\n"), "content/two.md": report(title="Two", body="Two.\n")})
    assert run(root, "update").code == 0
    bad = root / "locales/ru/LC_MESSAGES/one.po"
    bad.write_bytes(data)
    (root / "content/one.md").write_text(report(body="One changed.\n"), encoding="utf-8")
    (root / "content/two.md").write_text(report(title="Two", body="Two changed.\n"), encoding="utf-8")
    one_before = snapshot(root / "locales")
    result = run(root, "update")
    assert result.code == 2
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: locales/ru/LC_MESSAGES/one.po") and message.removeprefix("ru.po") in lines[0]
    after = snapshot(root / "locales")
    for path in ("ru/LC_MESSAGES/one.po", "uz_Latn/LC_MESSAGES/one.po", "templates/one.pot"):
        assert after[path] == one_before[path], path  # nothing written for that report
    assert after["ru/LC_MESSAGES/two.po"] != one_before["ru/LC_MESSAGES/two.po"]  # the other report updated


def test_legacy_cp1251_catalogue_is_read_and_rewritten_as_utf8(project) -> None:
    root = project({"content/a.md": report(body="Hello.\n")})
    run(root, "update")
    po = root / "locales/ru/LC_MESSAGES/a.po"
    text = po.read_text(encoding="utf-8").replace("charset=UTF-8", "charset=CP1251").replace('"Hello."\nmsgstr ""', '"Hello."\nmsgstr "Привет."')
    po.write_bytes(text.encode("cp1251"))
    assert run(root, "update").code == 0
    rewritten = po.read_text(encoding="utf-8")
    assert 'msgstr "Привет."' in rewritten and "charset=UTF-8" in rewritten
    assert gnu("msgfmt", "-c", "-o", "/dev/null", str(po)).returncode == 0


def test_second_update_rewrites_nothing_and_check_sees_edits(project) -> None:
    root = project({"content/a.md": report(body="One.\n\nTwo.\n")})
    run(root, "update")
    mtimes = {p: p.stat().st_mtime_ns for p in catalogues(root)}
    assert "0 file(s) written" in run(root, "update").out
    assert {p: p.stat().st_mtime_ns for p in catalogues(root)} == mtimes
    (root / "content/a.md").write_text(report(body="One.\n\nThree.\n"), encoding="utf-8")
    before = snapshot(root)
    checked = run(root, "update", "--check")
    assert checked.code == 1 and "out of date: locales/templates/a.pot" in checked.out
    assert snapshot(root) == before


def test_new_scaffolds_a_report_that_updates(project) -> None:
    root = project()
    result = run(root, "new", "--lang", "ru", "--date", "2025-03-14", "Визит делегации МВД")
    assert result.code == 0, result.err
    path = root / "content/2025/vizit-delegatsii-mvd.md"
    assert path.exists()
    text = path.read_text(encoding="utf-8")
    assert "title: Визит делегации МВД" in text and "date: 2025-03-14" in text and "lang: ru" in text
    assert run(root, "update").code == 0
    again = run(root, "new", "--lang", "ru", "--date", "2025-03-14", "Визит делегации МВД")
    assert again.code == 2 and "already exists" in again.err


def test_cli_entry_points() -> None:
    for argv in (["tarjima", "--version"], [sys.executable, "-m", "tarjima", "--version"]):
        out = subprocess.run(argv, capture_output=True, text=True, check=True).stdout
        assert out.startswith("tarjima, version ")
    for command in ("update", "new"):
        assert subprocess.run(["tarjima", command, "--help"], capture_output=True, check=False).returncode == 0


def test_no_traceback_when_no_project(tmp_path: Path) -> None:
    done = subprocess.run(["tarjima", "--root", str(tmp_path), "update"], capture_output=True, text=True, check=False)
    assert done.returncode == 2 and "no tarjima project" in done.stderr and "Traceback" not in done.stderr


def test_unchanged_sources_are_not_read_again_and_an_edit_is_seen(project, monkeypatch) -> None:
    from tarjima import project as project_module

    root = project({f"content/r{i}.md": report(title=f"Report {i}", body=f"Paragraph {i}.\n") for i in range(3)})
    hour_ago = time.time() - 3600
    for path in (root / "content").glob("*.md"):  # as after a checkout: files older than the run
        os.utime(path, (hour_ago, hour_ago))
    reads: list[str] = []
    real = project_module.read_text
    monkeypatch.setattr(project_module, "read_text", lambda path, rel: reads.append(rel) or real(path, rel))
    assert run(root, "update").code == 0
    assert sorted(reads) == ["content/r0.md", "content/r1.md", "content/r2.md"]
    reads.clear()
    assert run(root, "update").code == 0 and run(root, "status").code == 0
    assert reads == []  # known from the source index by size, time and inode
    (root / "content/r1.md").write_text(report(title="Report 1", body="Paragraph one, rewritten.\n"), encoding="utf-8")
    assert run(root, "update").code == 0
    assert reads == ["content/r1.md"]  # the edited source only, once
    assert 'msgid "Paragraph one, rewritten."' in (root / "locales/ru/LC_MESSAGES/r1.po").read_text(encoding="utf-8")


@pytest.mark.parametrize("when", ["long ago", "just now"])
def test_a_string_added_to_a_template_reaches_the_site_catalogues_on_the_next_update(shipped: Path, when: str) -> None:
    """The templates' strings are extracted again when a template changed, however little its stamp moved:
    here only its size differs (its time is set back to what it was), or it changed within the last two seconds."""
    assert run(shipped, "update").code == 0  # the extraction is cached by the templates' stamps
    template = shipped / "templates/aligned.html"
    before = template.stat()
    template.write_text(template.read_text(encoding="utf-8").replace('{{ _("source") }}', '{{ _("source") }} {{ _("Original text") }}'), encoding="utf-8")
    if when == "long ago":
        os.utime(template, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert run(shipped, "update").code == 0
    pot = po_read.read_catalog(shipped / "locales/templates/_site.pot", "_site.pot")
    ru = po_read.read_catalog(shipped / "locales/ru/LC_MESSAGES/_site.po", "_site.po")
    assert "Original text" in pot.messages() and "Original text" in ru.messages()
    assert any(ref.startswith("templates/aligned.html:") for ref in pot.messages()["Original text"].references)


def test_an_update_that_knows_every_catalogue_by_its_stamp_reads_no_content_cache(shipped: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The verdicts come from the stamp index alone; the same catalogues with new stamps (a fresh checkout) are known by content."""
    from tarjima.store import cache

    for path in [*shipped.rglob("*.po"), *shipped.rglob("*.pot")]:
        os.utime(path, ns=(1_700_000_000 * 10**9, 1_700_000_000 * 10**9))  # written long ago: not "racily clean"
    assert run(shipped, "update").code == 0
    before = snapshot(shipped)
    read: list[str] = []
    real = cache.load
    monkeypatch.setattr(cache, "load", lambda path, head: read.append(path.name) or real(path, head))
    assert run(shipped, "update").code == 0
    assert "status.marshal" in read and "status-content.marshal" not in read
    for path in shipped.rglob("*.po"):
        os.utime(path, ns=(1_700_000_100 * 10**9, 1_700_000_100 * 10**9))  # the same bytes, other stamps
    read.clear()
    result = run(shipped, "update")
    assert result.code == 0 and "status-content.marshal" in read
    assert {k: v for k, v in snapshot(shipped).items() if not k.startswith(".tarjima-cache")} == {k: v for k, v in before.items() if not k.startswith(".tarjima-cache")}
