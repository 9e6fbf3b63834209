"""`tarjima status`: counts as GNU msgfmt gives them, formats, staleness and the CI gate."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

from conftest import gnu, report, run

SCHEMA_KEYS = {"total", "translated", "fuzzy", "untranslated", "obsolete", "words", "words_translated", "percent", "stale"}


def msgfmt_counts(path: Path) -> dict[str, int]:
    stats = gnu("msgfmt", "--statistics", "-o", "/dev/null", str(path)).stderr.decode()
    found = {kind: int(n) for n, kind in re.findall(r"(\d+) (translated|fuzzy|untranslated) (?:message|translation)", stats)}
    return {k: found.get(k, 0) for k in ("translated", "fuzzy", "untranslated")}


def test_json_on_shipped_content_matches_schema_and_msgfmt(shipped: Path) -> None:
    result = run(shipped, "status", "--format", "json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert {r["slug"] for r in data["reports"]} == {"international-standards-seminar", "human-trafficking-conference"}
    for entry in data["reports"]:
        assert set(entry) == {"slug", "source", "source_lang", "draft", "publish_at", "scheduled", "cleared", "waits_for_clearance", "languages"}
        assert entry["source_lang"] not in entry["languages"]
        for tag, counters in entry["languages"].items():
            assert SCHEMA_KEYS <= set(counters)
            assert counters["percent"] == 100.0 and counters["stale"] is False
            gettext = {"uz-Latn": "uz_Latn", "uz-Cyrl": "uz_Cyrl"}.get(tag, tag)
            po = shipped / "locales" / gettext / "LC_MESSAGES" / f"{entry['slug']}.po"
            assert {k: counters[k] for k in ("translated", "fuzzy", "untranslated")} == msgfmt_counts(po)
    assert set(data["totals"]) == {"uz-Latn", "uz-Cyrl", "ru", "en", "all"}
    assert data["totals"]["all"]["total"] == sum(len(r["languages"]) and sum(c["total"] for c in r["languages"].values()) for r in data["reports"])


def test_every_format_runs_on_shipped_content(shipped: Path) -> None:
    table = run(shipped, "status")
    assert table.code == 0 and "international-standards-seminar" in table.out and "\x1b[" not in table.out
    markdown = run(shipped, "status", "--format", "markdown").out.splitlines()
    assert markdown[0].startswith("| report | lang |") and markdown[1].startswith("|---|")
    rows = list(csv.DictReader(io.StringIO(run(shipped, "status", "--format", "csv").out)))
    assert len(rows) == 6 and {r["lang"] for r in rows} == {"uz-Latn", "uz-Cyrl", "ru", "en"}
    assert run(shipped, "status", "--only-incomplete", "--format", "json").out.count('"slug"') == 0


def test_fail_under_passes_then_fails_naming_the_edited_report(shipped: Path) -> None:
    assert run(shipped, "status", "--fail-under", "100").code == 0
    source = shipped / "content/2024/human-trafficking-conference/index.md"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("110 dan ortiq", "120 dan ortiq"), encoding="utf-8")
    gated = run(shipped, "status", "--fail-under", "100")
    assert gated.code == 1
    assert "below threshold: human-trafficking-conference [ru]" in gated.err and "stale" in gated.err
    assert "international-standards-seminar" not in gated.err
    data = json.loads(run(shipped, "status", "--format", "json").out)
    stale = {r["slug"]: r["languages"]["ru"]["stale"] for r in data["reports"]}
    assert stale == {"human-trafficking-conference": True, "international-standards-seminar": False}
    run(shipped, "update")
    after = json.loads(run(shipped, "status", "--format", "json", "human-trafficking-conference").out)
    ru = after["reports"][0]["languages"]["ru"]
    assert (ru["fuzzy"], ru["stale"]) == (1, False) and ru["percent"] < 100
    assert run(shipped, "status", "--fail-under", "90").code == 0
    assert run(shipped, "status", "--fail-under", "100").code == 1


def test_gnu_made_catalogue_counts_equal_msgfmt(project, tmp_path: Path) -> None:
    """A catalogue that msgmerge made (fuzzy, obsolete, untranslated) is counted as msgfmt counts it."""
    root = project({"content/a.md": report(body="First paragraph about the seminar.\n\nSecond paragraph about the experts.\n\nThird one.\n")})
    run(root, "update")
    po = root / "locales/ru/LC_MESSAGES/a.po"
    text = po.read_text(encoding="utf-8")
    text = text.replace('seminar."\nmsgstr ""', 'seminar."\nmsgstr "Первый абзац о семинаре."')
    text = text.replace('experts."\nmsgstr ""', 'experts."\nmsgstr "Второй абзац об экспертах."')
    po.write_text(text, encoding="utf-8")
    (root / "content/a.md").write_text(report(body="First paragraph about the big seminar.\n\nSecond paragraph about the experts.\n\nNew.\n"), encoding="utf-8")
    pot = tmp_path / "a.pot"
    run(root, "update")
    shutil.copy(root / "locales/templates/a.pot", pot)
    gnu("msgmerge", "--previous", "-q", "-U", "--backup=off", str(po), str(pot))
    data = json.loads(run(root, "status", "--format", "json", "--lang", "ru").out)
    counters = data["reports"][0]["languages"]["ru"]
    assert {k: counters[k] for k in ("translated", "fuzzy", "untranslated")} == msgfmt_counts(po)
    assert counters["fuzzy"] == 1 and counters["translated"] == 1


def test_malformed_catalogue_is_one_line_and_others_still_counted(shipped: Path) -> None:
    bad = shipped / "locales/ru/LC_MESSAGES/international-standards-seminar.po"
    bad.write_text('msgid "broken\n', encoding="utf-8")
    result = run(shipped, "status", "--format", "json")
    assert result.code == 2
    assert result.err.strip().splitlines() == [next(l for l in result.err.splitlines() if l.startswith("error: locales/ru/LC_MESSAGES/international-standards-seminar.po:1:"))]
    data = json.loads(result.out)
    assert set(data["reports"][0]["languages"]) | set(data["reports"][1]["languages"]) == {"ru", "en", "uz-Latn", "uz-Cyrl"}


def test_words_count_uzbek_modifier_letters_inside_words(project) -> None:
    root = project({"content/a.md": report(lang="uz-Latn", body="Oʻzbekiston maʼnaviy gʻalaba.\n", title="Sarlavha")})
    run(root, "update")
    data = json.loads(run(root, "status", "--format", "json", "--lang", "en").out)
    assert data["reports"][0]["languages"]["en"]["words"] == 4  # Sarlavha + 3, not split at ʻ or ʼ


def test_only_incomplete_says_so_when_everything_is_complete(shipped: Path) -> None:
    result = run(shipped, "status", "--only-incomplete")
    assert result.code == 0 and result.out == "every selected version is complete\n"


def test_catalogues_unchanged_since_the_last_status_are_not_read_and_an_edit_is_counted(shipped: Path, monkeypatch) -> None:
    import builtins
    import os
    import time

    hour_ago = time.time() - 3600
    for path in shipped.rglob("*"):  # as after a checkout: files older than the run
        os.utime(path, (hour_ago, hour_ago))
    opened: list[str] = []
    real_open = builtins.open
    monkeypatch.setattr(builtins, "open", lambda file, *a, **k: (opened.append(str(file)) if str(file).endswith(".po") else None) or real_open(file, *a, **k))
    first = json.loads(run(shipped, "status", "--format", "json").out)
    assert len([p for p in opened if "/LC_MESSAGES/" in p]) == 6 + 3  # the reports' catalogues and the three _site.po
    opened.clear()
    assert json.loads(run(shipped, "status", "--format", "json").out) == first
    assert opened == []  # all of them known by size, time and inode
    po = shipped / "locales/ru/LC_MESSAGES/international-standards-seminar.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace("\n\n#.", '\n\n#, fuzzy\n#.', 1), encoding="utf-8")
    after = json.loads(run(shipped, "status", "--format", "json").out)
    assert [p for p in opened if "/LC_MESSAGES/" in p] == [str(po)]
    assert after["reports"][1]["languages"]["ru"]["fuzzy"] == 1 and first["reports"][1]["languages"]["ru"]["fuzzy"] == 0


def test_a_status_of_one_language_keeps_what_is_known_of_the_others(shipped: Path, monkeypatch) -> None:
    import builtins
    import os
    import time

    hour_ago = time.time() - 3600
    for path in shipped.rglob("*"):
        os.utime(path, (hour_ago, hour_ago))
    assert run(shipped, "status").code == 0
    assert run(shipped, "status", "--lang", "ru").code == 0
    opened: list[str] = []
    real_open = builtins.open
    monkeypatch.setattr(builtins, "open", lambda file, *a, **k: (opened.append(str(file)) if "/LC_MESSAGES/" in str(file) else None) or real_open(file, *a, **k))
    assert run(shipped, "status").code == 0
    assert opened == []  # the Uzbek and English counts survived the Russian-only run


def test_the_site_strings_are_counted_and_gated_like_any_catalogue(shipped) -> None:
    po = shipped / "locales/uz_Latn/LC_MESSAGES/_site.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('msgstr "Yangiliklar"', 'msgstr ""', 1), encoding="utf-8")
    assert 'msgstr ""' in po.read_text(encoding="utf-8")
    shown = run(shipped, "status", "--fail-under", "100")
    assert shown.code == 1
    assert "below threshold: site strings [uz-Latn] (_site.po)" in shown.err
    row = next(l for l in shown.out.splitlines() if l.startswith("(site strings)") and "uz-Latn" in l)
    assert "partial" in row
    data = json.loads(run(shipped, "status", "--format", "json").out)
    assert data["site"]["uz-Latn"]["untranslated"] == 1 and data["site"]["ru"]["untranslated"] == 0


def test_check_reads_the_site_strings_too(shipped) -> None:
    po = shipped / "locales/uz_Latn/LC_MESSAGES/_site.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Yangiliklar"', 'msgstr "Янгиликлар"', 1), encoding="utf-8")
    result = run(shipped, "check")
    assert result.code == 1
    assert "locales/uz_Latn/LC_MESSAGES/_site.po:" in result.out and "[script]" in result.out


def test_a_stale_catalogue_says_stale_in_every_view_where_json_says_so(shipped: Path) -> None:
    """Issue 36: an edit without `update` made the table read `100.0 … earlier version online` with no word stale."""
    source = shipped / "content/2024/human-trafficking-conference/index.md"
    source.write_text(source.read_text(encoding="utf-8").replace("110 dan ortiq", "120 dan ortiq"), encoding="utf-8")
    data = json.loads(run(shipped, "status", "--format", "json").out)
    stale = {(r["slug"], tag) for r in data["reports"] for tag, s in r["languages"].items() if s["stale"]}
    assert ("human-trafficking-conference", "ru") in stale and data["reports"][0]["languages"]["ru"]["percent"] == 100.0
    table = run(shipped, "status").out.splitlines()
    markdown = run(shipped, "status", "--format", "markdown").out.splitlines()[2:]
    shown = {(cells[0], cells[1]): cells[-1] for cells in (re.split(r"\s{2,}", line) for line in table[1:])}
    in_markdown = {(cells[0], cells[1]): cells[-1] for cells in ([c.strip() for c in line.strip("|").split(" | ")] for line in markdown)}
    for slug, tag in {(r["slug"], t) for r in data["reports"] for t in r["languages"]}:
        for view in (shown, in_markdown):
            assert view[(slug, tag)].startswith("stale") == ((slug, tag) in stale), (slug, tag, view[(slug, tag)])
    assert re.fullmatch(r"stale, earlier version online \(\d{4}-\d\d-\d\d\)", shown[("human-trafficking-conference", "ru")])
    rows = {(r["slug"], r["lang"]): r["stale"] for r in csv.DictReader(io.StringIO(run(shipped, "status", "--format", "csv").out))}
    assert {k for k, v in rows.items() if v == "true"} == stale


def test_a_refused_catalogue_keeps_its_row_marked_refused_and_no_total_counts_it_done(shipped: Path) -> None:
    """Issue 36: the refused file's row was dropped, and `TOTAL ru` read 100% done."""
    bad = shipped / "locales/ru/LC_MESSAGES/international-standards-seminar.po"
    bad.write_text('msgid "broken\n', encoding="utf-8")
    result = run(shipped, "status", "--format", "json")
    assert result.code == 2 and result.err.count("error: locales/ru/LC_MESSAGES/international-standards-seminar.po:1:") == 1
    data = json.loads(result.out)
    seminar = next(r for r in data["reports"] if r["slug"] == "international-standards-seminar")
    ru = seminar["languages"]["ru"]
    assert ru["refused"].startswith("line 1: ") and ru["translated"] == 0 and ru["percent"] == 0.0
    assert all(s["refused"] is None for r in data["reports"] for t, s in r["languages"].items() if (r["slug"], t) != ("international-standards-seminar", "ru"))
    assert data["totals"]["ru"]["percent"] < 100 and data["totals"]["ru"]["refused"] == 1
    table = run(shipped, "status")
    assert table.code == 2 and "error: locales/ru/LC_MESSAGES/international-standards-seminar.po:1:" in table.err
    row = next(line for line in table.out.splitlines() if line.startswith("international-standards-seminar") and " ru " in line)
    assert re.search(r"0\.0\s+0\.0\s+refused \(line 1: .+\)$", row), row
    total = next(line for line in table.out.splitlines() if re.match(r"TOTAL\s+ru\s", line))
    assert "100.0" not in total and total.endswith(" refused (1 catalogue)"), total
    markdown = run(shipped, "status", "--format", "markdown").out
    assert "| international-standards-seminar | ru |" in markdown and "refused (line 1:" in markdown
    rows = {(r["slug"], r["lang"]): r for r in csv.DictReader(io.StringIO(run(shipped, "status", "--format", "csv").out))}
    assert rows[("international-standards-seminar", "ru")]["refused"].startswith("line 1: ")
    gated = run(shipped, "status", "--fail-under", "0")
    assert gated.code == 2 and "below threshold: international-standards-seminar [ru]" in gated.err and "refused" in gated.err
