"""`tarjima check` end to end: findings name the file and line, suppression, --ignore, --fix, exit status."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import gnu, report, run, snapshot
from tarjima.po import read as po_read


def project_with(project, ru: dict[str, str], uz: dict[str, str] | None = None) -> Path:
    body = "The event brought together over 110 specialists.\n\nIt was held at the Academy.\n"
    root = project({"content/x.md": report(body=body, title="Conference")})
    run(root, "update")
    for lang, table in (("ru", ru), ("uz_Latn", uz or {})):
        po = root / "locales" / lang / "LC_MESSAGES/x.po"
        text = po.read_text(encoding="utf-8")
        for msgid, msgstr in table.items():
            text = text.replace(f'msgid "{msgid}"\nmsgstr ""', f'msgid "{msgid}"\nmsgstr "{msgstr}"')
        po.write_text(text, encoding="utf-8")
    return root


def test_shipped_content_passes_every_check_in_both_formats(shipped: Path) -> None:
    text = run(shipped, "check")
    assert text.code == 0 and text.out.endswith("0 error(s), 0 warning(s)\n"), text.out
    data = json.loads(run(shipped, "check", "--format", "json").out)
    assert data["findings"] == [] and data["checked"] == 99 + 135 + 16  # the reports' entries (16 and 17, in 3 target languages each, with photos' alt texts and captions), the templates' own strings (45 in uz-Latn, ru, uz-Cyrl) and the uz-Latn source's 16 segments


def test_changed_number_is_an_error_naming_report_language_line_and_entry(project) -> None:
    root = project_with(project, {"The event brought together over 110 specialists.": "Мероприятие собрало более 100 специалистов."})
    result = run(root, "check")
    assert result.code == 1
    line = next(l for l in result.out.splitlines() if "[numbers]" in l)
    po = root / "locales/ru/LC_MESSAGES/x.po"
    entry = next(e for e in po_read.read(po.read_bytes(), "po").entries if e.msgid.startswith("The event"))
    assert line.startswith(f"locales/ru/LC_MESSAGES/x.po:{entry.line}: error [numbers] x (ru): ")
    assert "110" in line and 'msgid "The event brought' in line
    data = json.loads(run(root, "check", "--format", "json").out)
    finding = next(f for f in data["findings"] if f["check"] == "numbers")
    assert (finding["slug"], finding["lang"], finding["severity"], finding["line"]) == ("x", "ru", "error", entry.line)


def test_flag_in_the_po_file_and_ignore_option_suppress_a_check(project) -> None:
    root = project_with(project, {"The event brought together over 110 specialists.": "Мероприятие собрало более 100 специалистов."})
    assert run(root, "check", "--ignore", "numbers").code == 0
    po = root / "locales/ru/LC_MESSAGES/x.po"
    original = po.read_text(encoding="utf-8")
    po.write_text(original.replace('#. paragraph\n#: content/x.md:7', '# tarjima-no-numbers: the count was corrected by the organisers\n#. paragraph\n#: content/x.md:7'), encoding="utf-8")
    assert "tarjima-no-numbers" in po.read_text(encoding="utf-8")
    assert run(root, "check").code == 0
    assert gnu("msgfmt", "-c", "-o", "/dev/null", str(po)).returncode == 0
    assert gnu("msgcat", str(po)).stdout == po.read_bytes()  # GNU tools keep the comment
    pot = root / "locales/templates/x.pot"
    merged = gnu("msgmerge", "-q", "-o", "-", str(po), str(pot)).stdout.decode()
    assert "# tarjima-no-numbers" in merged
    po.write_text(original.replace('msgid "The event', '#, tarjima-no-numbers\nmsgid "The event'), encoding="utf-8")
    assert run(root, "check").code == 0  # the flag form works too (GNU tools drop unknown flags)
    unknown = run(root, "check", "--ignore", "nonsense")
    assert unknown.code == 2 and "unknown check 'nonsense'" in unknown.err


def test_fix_rewrites_uzbek_apostrophes_atomically_and_only_those(project) -> None:
    uz = {
        "Conference": "Konferensiya",
        "The event brought together over 110 specialists.": "Tadbirda 110 dan ortiq mutaxassis ishtirok etdi, o'zaro tajriba almashildi.",
        "It was held at the Academy.": "U Akademiyada bo‘lib o`tdi, ma'naviy.",
    }
    root = project_with(project, {}, uz)
    po = root / "locales/uz_Latn/LC_MESSAGES/x.po"
    found = run(root, "check", "--lang", "uz-Latn")
    assert found.code == 1 and found.out.count("[apostrophe]") >= 2
    others = snapshot(root / "locales/ru")
    before = po.read_text(encoding="utf-8").split("\n\n")
    fixed = run(root, "check", "--lang", "uz-Latn", "--fix")
    assert "fixed 2 entries in locales/uz_Latn/LC_MESSAGES/x.po" in fixed.out
    text = po.read_text(encoding="utf-8")
    assert "oʻzaro" in text and "boʻlib oʻtdi" in text and "maʼnaviy" in text
    assert "[apostrophe]" not in fixed.out
    assert snapshot(root / "locales/ru") == others
    after = text.split("\n\n")
    changed = [b for a, b in zip(before, after, strict=True) if a != b]
    assert len(changed) == 2 and all("msgid \"The event" in b or "msgid \"It was" in b for b in changed)  # the file's other entries kept as they were
    assert gnu("msgfmt", "-c", "-o", "/dev/null", str(po)).returncode == 0
    before = snapshot(root)
    assert "fixed" not in run(root, "check", "--lang", "uz-Latn", "--fix").out
    assert snapshot(root) == before


def test_untranslated_entries_are_not_checked_and_fuzzy_ones_are(project) -> None:
    root = project_with(project, {"It was held at the Academy.": "Оно прошло в Академии"})
    po = root / "locales/ru/LC_MESSAGES/x.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgid "It was held', '#, fuzzy\nmsgid "It was held'), encoding="utf-8")
    data = json.loads(run(root, "check", "--format", "json", "--lang", "ru").out)
    assert data["checked"] == 1
    assert [f["check"] for f in data["findings"]] == ["punctuation"]


def test_malformed_catalogue_is_one_line_exit_2_and_others_checked(shipped: Path) -> None:
    (shipped / "locales/en/LC_MESSAGES/human-trafficking-conference.po").write_text('msgid "x"\nmsgstr "y" junk\n', encoding="utf-8")
    result = run(shipped, "check", "--format", "json")
    assert result.code == 2
    assert result.err.strip().startswith("error: locales/en/LC_MESSAGES/human-trafficking-conference.po:2:")
    assert json.loads(result.out)["checked"] == 99 - 16 + 135 + 16  # the others, the site strings and the uz-Latn source


def test_results_from_the_cache_equal_a_fresh_run_and_follow_edits(project) -> None:
    root = project_with(project, {"The event brought together over 110 specialists.": "Мероприятие собрало более 100 специалистов."})
    first = run(root, "check", "--format", "json").out
    assert (root / ".tarjima-cache/check.marshal").exists()
    assert run(root, "check", "--format", "json").out == first  # from the cache
    po = root / "locales/ru/LC_MESSAGES/x.po"
    po.write_text(po.read_text(encoding="utf-8").replace("более 100", "более 110"), encoding="utf-8")
    assert json.loads(run(root, "check", "--format", "json").out)["findings"] == []
    glossary = root / "locales/glossary.csv"
    glossary.write_text("en,ru,uz-Latn\nspecialists,эксперты,mutaxassislar\n", encoding="utf-8")
    assert [f["check"] for f in json.loads(run(root, "check", "--format", "json").out)["findings"]] == ["glossary"]


SOURCE = (
    "---\ntitle: Mashg'ulot o'tkazildi\ndate: 2024-12-10\nlang: uz-Latn\nsummary: 'Yil''ning mashg''uloti'\n---\n\n"
    "Akademiyada ma'naviy mashg'ulot bo'lib o`tdi.\nIkkinchi qator sa'at.\n\n"
    "Bu yerda приказ soʻzi bor, [havola](https://example.org/o'quv) va `o'quv` kodi.\n"
)


def test_check_reports_apostrophes_and_cyrillic_words_in_an_uzbek_latin_source_by_file_and_line(project) -> None:
    root = project({"content/a.md": SOURCE})
    result = run(root, "check")
    assert result.code == 1
    lines = result.out.splitlines()
    assert "content/a.md:2: error [apostrophe] a (uz-Latn): “Mashg'ulot”: write gʻ with ʻ (U+02BB), not ' (U+0027) — source text \"Mashg'ulot o'tkazildi\"" in lines
    assert any(l.startswith("content/a.md:8: error [apostrophe] a (uz-Latn): “o`tdi”: write oʻ with ʻ (U+02BB), not ` (U+0060)") for l in lines)
    assert any(l.startswith("content/a.md:11: error [script] a (uz-Latn): Cyrillic word(s) in a Latin-script (uz-Latn) text: “приказ”") for l in lines)
    assert not any("o'quv" in l.split(" — ")[0] for l in lines)  # a URL and a code span are not text
    assert run(root, "check", "--lang", "ru").out.endswith("0 error(s), 0 warning(s)\n")  # the source is uz-Latn: not checked for ru


def test_fix_repairs_the_apostrophes_of_an_uzbek_source_and_changes_nothing_else(project) -> None:
    root = project({"content/a.md": SOURCE})
    source = root / "content/a.md"
    result = run(root, "check", "--fix")
    assert "fixed 2 segments in content/a.md" in result.out
    # Title and paragraph fixed; the YAML-quoted summary (its '' is YAML's quote) is left to a person, as are the URL and the code.
    assert source.read_text(encoding="utf-8") == SOURCE.replace("title: Mashg'ulot o'tkazildi", "title: Mashgʻulot oʻtkazildi").replace(
        "ma'naviy mashg'ulot bo'lib o`tdi.\nIkkinchi qator sa'at.", "maʼnaviy mashgʻulot boʻlib oʻtdi.\nIkkinchi qator saʼat.")
    after = run(root, "check")
    assert [l.split(": ", 3)[:3] for l in after.out.splitlines()[:-1]] == [  # what is left: the summary's two, and the Cyrillic word
        ["content/a.md:5", "error [apostrophe] a (uz-Latn)", "“Yil'ning”"], ["content/a.md:5", "error [apostrophe] a (uz-Latn)", "“mashg'uloti”"],
        ["content/a.md:11", "error [script] a (uz-Latn)", "Cyrillic word(s) in a Latin-script (uz-Latn) text"]]
    assert run(root, "build", "--out", str(root / "site")).code == 0  # the source still reads as before, but for its apostrophes
