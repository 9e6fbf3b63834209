"""Tags as editors write them (issue 36): any text accepted by every command; its address derived once and
recorded in published/tags.csv by a successful build; a clash reported in one line, never merged."""

from __future__ import annotations

from pathlib import Path

from conftest import report, run, translate_po

CONFIG = 'languages = ["ru", "en"]\ndefault_language = "ru"\n'
RECORD = "published/tags.csv"


def ru_report(tags: str, title: str = "Семинар открылся") -> str:
    return f"---\ntitle: {title}\ndate: 2024-12-10\nlang: ru\ntags: {tags}\n---\n\nПервый абзац.\n"


def built(root: Path) -> tuple[Path, str, str]:
    out = root / "site"
    result = run(root, "build", "--out", str(out))
    assert result.code == 0, result.err
    return out, result.out, result.err


def test_a_cyrillic_tag_is_accepted_by_every_command_and_shown_as_written(project) -> None:
    root = project({"content/x.md": ru_report("[Семинар, Права человека, ICRC]")}, config=CONFIG)
    for command in ("update", "status", "check"):
        result = run(root, command)
        assert result.code == 0, (command, result.err)
    out, said, _ = built(root)
    assert (root / RECORD).read_text(encoding="utf-8") == "tag,id\nICRC,icrc\nПрава человека,prava-cheloveka\nСеминар,seminar\n"
    assert "published/tags.csv: 3 new tag(s) given their address: commit it" in said
    page = (out / "ru/x/index.html").read_text(encoding="utf-8")
    assert '<a href="../../ru/tags/seminar/">Семинар</a>' in page and '<a href="../../ru/tags/prava-cheloveka/">Права человека</a>' in page
    assert "tag 'Семинар' has no name" not in said  # its own name in the language it is written in
    tag_page = (out / "ru/tags/prava-cheloveka/index.html").read_text(encoding="utf-8")
    assert "<h1>Права человека</h1>" in tag_page and "../../../ru/x/" in tag_page
    before = (root / RECORD).stat().st_mtime_ns
    _, again, _ = built(root)
    assert "tags.csv" not in again and (root / RECORD).stat().st_mtime_ns == before  # written only when a tag was added


def test_an_uzbek_cyrillic_tag_is_transliterated_as_uzbek(project) -> None:
    source = "---\ntitle: Семинар\ndate: 2024-12-10\nlang: uz-Cyrl\ntags: [Инсон ҳуқуқлари, Халқаро ҳамкорлик]\n---\n\nБиринчи хатбоши.\n"
    root = project({"content/x.md": source}, config='languages = ["uz-Cyrl", "ru"]\ndefault_language = "uz-Cyrl"\n')
    assert run(root, "update").code == 0
    out, _, _ = built(root)
    assert sorted(p.name for p in (out / "uz-cyrl/tags").iterdir()) == ["inson-huquqlari", "xalqaro-hamkorlik"]


def test_a_recorded_address_is_kept_whatever_the_rule_gives(project) -> None:
    """The record decides: a tag recorded under another id (an earlier rule's, or an editor's) keeps its pages there."""
    root = project({"content/x.md": ru_report("[Права человека]"), RECORD: "tag,id\nПрава человека,human-rights\n"}, config=CONFIG)
    assert run(root, "update").code == 0
    out, said, _ = built(root)
    assert (out / "ru/tags/human-rights/index.html").is_file() and not (out / "ru/tags/prava-cheloveka").exists()
    assert (root / RECORD).read_text(encoding="utf-8") == "tag,id\nПрава человека,human-rights\n" and "tags.csv" not in said


def test_a_clash_is_named_in_one_line_and_not_merged(project) -> None:
    english = report(title="Seminar opens", tags="[seminar]")
    root = project({"content/a.md": english, "content/b.md": ru_report("[Семинар]")}, config='languages = ["en", "ru"]\ndefault_language = "en"\n')
    assert run(root, "update").code == 0
    translate_po(root / "locales/ru/LC_MESSAGES/a.po", {"Seminar opens": "Семинар открылся", "First paragraph.": "Первый абзац."})
    out, _, err = built(root)
    warnings = [l for l in err.splitlines() if l.startswith("warning:")]
    assert warnings == ["warning: tag 'Семинар' (content/b.md) would have the address tags/seminar/ of tag 'seminar': given tags/seminar-2/ (published/tags.csv); "
                        "to make them one tag, write 'seminar' in the report, or give 'Семинар' the id seminar in published/tags.csv"]
    assert (root / RECORD).read_text(encoding="utf-8") == "tag,id\nseminar,seminar\nСеминар,seminar-2\n"
    assert '<a href="../../ru/tags/seminar-2/">Семинар</a>' in (out / "ru/b/index.html").read_text(encoding="utf-8")
    assert "../../../ru/a/" in (out / "ru/tags/seminar/index.html").read_text(encoding="utf-8")  # the translated report under its own tag
    assert "../../../ru/b/" not in (out / "ru/tags/seminar/index.html").read_text(encoding="utf-8")
    assert "warning:" not in built(root)[2]  # said once, when given
    (root / RECORD).write_text("tag,id\nseminar,seminar\nСеминар,seminar\n", encoding="utf-8")  # an editor makes them one tag
    out, _, _ = built(root)
    merged = (out / "ru/tags/seminar/index.html").read_text(encoding="utf-8")
    assert "../../../ru/a/" in merged and "../../../ru/b/" in merged and not (out / "ru/tags/seminar-2").exists()


def test_the_record_is_written_only_by_a_build_that_succeeds(project) -> None:
    root = project({"content/x.md": ru_report("[Семинар]"), "content/bad.md": ru_report("[Другое]").replace("2024-12-10", "2024-13-10")}, config=CONFIG)
    result = run(root, "build", "--out", str(root / "site"))
    assert result.code == 2 and not (root / RECORD).exists()
    (root / "content/bad.md").unlink()
    (root / RECORD).parent.mkdir(exist_ok=True)
    (root / RECORD).write_text("tag,id\nСеминар,Seminar!\n", encoding="utf-8")
    result = run(root, "build", "--out", str(root / "site"))
    assert result.code == 2 and result.err.splitlines() == ["error: published/tags.csv:2: row 2 is not a tag and its id (a-z, 0-9 and hyphens) (restore the row from git, or write it as TAG,ID)"]


def test_a_tag_that_is_not_text_is_one_line(project) -> None:
    root = project({"content/x.md": ru_report('[Семинар, ""]')}, config=CONFIG)
    result = run(root, "status")
    assert result.code == 2 and result.err.splitlines() == [
        "error: content/x.md:5: `tags` must be a list of tags, each a text (write every tag as text, e.g. 'tags: [seminar, Права человека]' (an empty item, a list or true is not a tag))"]


def test_a_tag_with_more_reports_than_a_page_gets_a_page_per_year_and_an_edit_renders_its_year_only(project, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A tag page of a 10,000-report archive listed 1,279 reports (574 KB, rendered again at every edit of any of them):
    past TAG_LATEST reports, the tag's page shows the newest and links its years, each a page of its own."""
    from tarjima.site.pages import listings

    monkeypatch.setattr(listings, "TAG_LATEST", 2)
    days = {"a": "2023-05-02", "b": "2024-03-01", "c": "2024-06-01", "d": "2024-09-01"}
    root = project({f"content/{slug}.md": ru_report("[Семинар]", f"Отчёт {slug}").replace("2024-12-10", day) for slug, day in days.items()}, config=CONFIG)
    out, _, _ = built(root)
    front = (out / "ru/tags/seminar/index.html").read_text(encoding="utf-8")
    assert '<p class="count">4 ' in front  # the tag's reports, all of them
    assert "../../../ru/d/" in front and "../../../ru/c/" in front and "../../../ru/b/" not in front  # the newest two
    assert 'href="../../../ru/tags/seminar/2024/">2024</a> <span class="n">(3)</span>' in front and 'href="../../../ru/tags/seminar/2023/">2023</a>' in front
    year = (out / "ru/tags/seminar/2024/index.html").read_text(encoding="utf-8")
    assert all(f"../../../../ru/{s}/" in year for s in "bcd") and "../../../../ru/a/" not in year
    assert "<h1>Семинар — 2024</h1>" in year and 'href="../../../../ru/tags/seminar/"' in year  # and back to the tag
    assert "../../../../ru/a/" in (out / "ru/tags/seminar/2023/index.html").read_text(encoding="utf-8")
    pages = {p: p.stat().st_mtime_ns for p in (out / "ru/tags").rglob("index.html")}
    source = root / "content/a.md"  # an old report's title: its year's page, and no other tag page
    source.write_text(source.read_text(encoding="utf-8").replace("Отчёт a", "Отчёт a, исправленный"), encoding="utf-8")
    built(root)
    changed = sorted(p.relative_to(out).as_posix() for p, ns in pages.items() if p.stat().st_mtime_ns != ns)
    assert changed == ["ru/tags/seminar/2023/index.html"]
    assert "Отчёт a, исправленный" in (out / "ru/tags/seminar/2023/index.html").read_text(encoding="utf-8")
