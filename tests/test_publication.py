"""Publication control: what was online stays online, editors take versions down, the record dates and corrects them."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import html

from conftest import run, translate_po
from test_browser import browser  # noqa: F401  (the fixture: Debian's Chromium via Playwright)

SLUG = "international-standards-seminar"
SOURCE = f"content/2024/{SLUG}/index.md"
RU = f"locales/ru/LC_MESSAGES/{SLUG}.po"
PAGE = f"ru/{SLUG}/index.html"
NOTE = "An earlier version of this report gave the wrong name of the organiser."
NOTES = {"ru": "В прежней редакции материала неверно был назван организатор.", "uz_Latn": "Xabarning avvalgi tahririda tashkilotchi nomi notoʻgʻri koʻrsatilgan edi."}


def front(root: Path, line: str) -> None:
    """Add a line to the seminar's front matter."""
    path = root / SOURCE
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\nlang: en\n", f"\nlang: en\n{line}\n", 1), encoding="utf-8")


def article(page: Path) -> dict[str, object]:
    tree = html.fromstring(page.read_bytes())
    return json.loads(tree.xpath("//script[@type='application/ld+json']/text()")[0])


def record(root: Path) -> dict[tuple[str, str], list[str]]:
    rows = (root / "published/record.csv").read_text(encoding="utf-8").splitlines()
    return {(r[0], r[1]): r for r in (line.split(",") for line in rows[1:])}


@pytest.mark.slow
def test_a_raised_threshold_keeps_the_last_published_text_online_with_its_notice(shipped: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    config = shipped / "pyproject.toml"
    config.write_text(config.read_text(encoding="utf-8").replace("[tool.tarjima]\n", "[tool.tarjima]\npublish_threshold = 90\n", 1), encoding="utf-8")
    po = shipped / RU
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Работа семинара продолжится 11 декабря."', 'msgstr ""'), encoding="utf-8")
    result = run(shipped, "build", "--out", str(out))
    assert result.code == 0 and (out / PAGE).is_file()  # above 90%: published, the untranslated passage in English
    assert "The seminar will continue its work on December 11." in (out / PAGE).read_text(encoding="utf-8")
    config.write_text(config.read_text(encoding="utf-8").replace("publish_threshold = 90\n", "publish_threshold = 100\n"), encoding="utf-8")
    result = run(shipped, "build", "--out", str(out))
    assert result.code == 0
    assert re.search(rf"^earlier {SLUG} \[ru\]: the text published on \d{{4}}-\d\d-\d\d stays online until this one is ready: 1 untranslated", result.out, re.M), result.out
    page = (out / PAGE).read_text(encoding="utf-8")
    assert "Это перевод в редакции от" in page and "The seminar will continue its work on December 11." in page  # as it was online
    dash = (tmp_path / "desk/_status/2024/index.html").read_text(encoding="utf-8")
    assert "stays online" in dash


@pytest.mark.slow
def test_unpublish_takes_one_version_down_and_the_build_says_so(shipped: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert run(shipped, "build", "--out", str(out)).code == 0 and (out / PAGE).is_file()
    front(shipped, "unpublish: [ru]")
    result = run(shipped, "build", "--out", str(out))
    assert result.code == 0
    assert f"skipped {SLUG} [ru]: taken down: unpublish: [ru] in the front matter" in result.out
    assert not (out / PAGE).exists() and (out / f"en/{SLUG}/index.html").is_file()
    assert SLUG not in (out / "ru/index.html").read_text(encoding="utf-8")
    assert f"ru/{SLUG}/" not in "".join(p.read_text(encoding="utf-8") for p in out.rglob("sitemap*.xml")) + (out / "ru/feed.xml").read_text(encoding="utf-8")
    path = shipped / SOURCE
    path.write_text(path.read_text(encoding="utf-8").replace("unpublish: [ru]", "unpublish: [en]"), encoding="utf-8")  # the report's own language: refused in one line
    bad = run(shipped, "build", "--out", str(out))
    assert bad.code == 2 and "`unpublish` names the report's own language" in bad.err


@pytest.mark.slow
def test_a_retracted_report_keeps_its_urls_with_a_removal_page_and_leaves_every_listing(shipped: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert run(shipped, "build", "--out", str(out)).code == 0
    published = sorted(p.relative_to(out).as_posix() for p in out.glob(f"*/{SLUG}/index.html"))
    front(shipped, "retracted: The report named the wrong organiser.")
    assert run(shipped, "update").code == 0
    translate_po(shipped / RU, {"The report named the wrong organiser.": "В материале неверно назван организатор."})
    result = run(shipped, "build", "--out", str(out))
    assert result.code == 0
    for tag in ("uz-Latn", "uz-Cyrl", "ru", "en"):
        assert f"skipped {SLUG} [{tag}]: taken down: retracted in the front matter (The report named the wrong organiser.)" in result.out
    assert sorted(p.relative_to(out).as_posix() for p in out.glob(f"*/{SLUG}/index.html")) == published  # every URL it had
    ru = html.fromstring((out / PAGE).read_bytes())
    assert "Материал удалён" in ru.text_content() and "В материале неверно назван организатор." in ru.text_content()
    uz = html.fromstring((out / f"uz-latn/{SLUG}/index.html").read_bytes())
    reason = uz.xpath("//span[@class='fallback']")[0]  # not translated into Uzbek: the English reason, marked
    assert reason.get("lang") == "en" and reason.text_content() == "The report named the wrong organiser."
    listed = "".join(p.read_text(encoding="utf-8") for p in out.rglob("*.xml")) + "".join(
        p.read_text(encoding="utf-8") for p in out.rglob("index.html") if SLUG not in p.parts)
    assert f"/{SLUG}/" not in listed  # in no listing, feed or sitemap
    rows = record(shipped)
    assert all(rows[(SLUG, tag)][7] for tag in ("uz-Latn", "uz-Cyrl", "ru", "en"))  # the record keeps it, with the retraction's date


@pytest.mark.slow
def test_dates_come_from_the_committed_record_in_a_fresh_clone(shipped: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a = tmp_path / "a"
    shutil.copytree(shipped, a)
    shutil.rmtree(a / "published")  # a project before its first publication
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q", str(a)], check=True)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1765000000")  # the first build's moment: 2025-12-06T05:46:40Z
    result = run(a, "build", "--out", str(tmp_path / "a-site"))
    assert result.code == 0 and "published/: 8 row(s) of the publication record and 6 kept text(s) written: commit them" in result.out
    subprocess.run([*git, "-C", str(a), "add", "-A"], check=True)
    subprocess.run([*git, "-C", str(a), "commit", "-qm", "first publication"], check=True)
    b = tmp_path / "b"
    subprocess.run(["git", "clone", "-q", str(a), str(b)], check=True)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767000000")  # a later CI run of the same commit
    result = run(b, "build", "--out", str(tmp_path / "b-site"))
    assert result.code == 0 and "published/:" not in result.out  # nothing new to record
    first, again = article(tmp_path / "a-site" / PAGE), article(tmp_path / "b-site" / PAGE)
    assert first["datePublished"] == again["datePublished"] == "2025-12-06T05:46:40Z" and first["dateModified"] == again["dateModified"]
    feed = (tmp_path / "b-site/ru/feed.xml").read_text(encoding="utf-8")
    assert "<published>2025-12-06T05:46:40Z</published>" in feed
    sitemap = (tmp_path / "b-site/sitemaps/2024-12.xml").read_text(encoding="utf-8")
    assert "<lastmod>2025-12-06T05:46:40Z</lastmod>" in sitemap


@pytest.mark.slow
def test_a_correction_note_shows_in_every_language_and_a_typo_fix_stays_silent(shipped: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "site"
    assert run(shipped, "build", "--out", str(out)).code == 0
    before = article(out / PAGE)
    # A silent fix: the Russian text changes, no note: dateModified moves, nothing is shown.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1893456000")  # 2030-01-01: later than any build of today
    po = shipped / RU
    po.write_text(po.read_text(encoding="utf-8").replace("Работа семинара продолжится", "Семинар продолжит работу"), encoding="utf-8")
    assert run(shipped, "build", "--out", str(out)).code == 0
    fixed = article(out / PAGE)
    assert fixed["datePublished"] == before["datePublished"] and fixed["dateModified"] == "2030-01-01T00:00:00Z"
    assert "correction" not in (out / PAGE).read_text(encoding="utf-8")
    # A substantive correction: the editor's note, translated, on every version, with its date.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1893542400")  # 2030-01-02
    front(shipped, f"correction: {NOTE}")
    assert run(shipped, "update").code == 0
    for lang, note in NOTES.items():
        translate_po(shipped / f"locales/{lang}/LC_MESSAGES/{SLUG}.po", {NOTE: note})
    assert run(shipped, "update").code == 0  # the Cyrillic catalogue derived from the Latin
    result = run(shipped, "build", "--out", str(out))
    assert result.code == 0, result.out
    for folder, updated in (("en", "Updated 2 January 2030"), ("ru", "Обновлено 2 января 2030 г."), ("uz-latn", "2030-yil 2-yanvar yangilandi"), ("uz-cyrl", "янгиланди")):
        page = html.fromstring((out / f"{folder}/{SLUG}/index.html").read_bytes())
        note = page.xpath("//p[contains(@class, 'correction')]")
        assert note and updated in note[0].text_content().replace("\u202f", " "), (folder, note[0].text_content() if note else None)
        assert note[0].xpath(".//span[@data-seg='correction']")[0].get("lang") is None  # translated: no fallback mark
    assert NOTES["ru"] in (out / PAGE).read_text(encoding="utf-8")
    assert article(out / PAGE)["dateModified"] == "2030-01-02T00:00:00Z"
    assert record(shipped)[(SLUG, "ru")][5] == "2030-01-02T00:00:00Z"


CONFERENCE = "human-trafficking-conference"


@pytest.mark.slow
def test_in_chromium_a_corrected_page_shows_its_note_and_a_retracted_url_its_removal_page(browser, shipped: Path, tmp_path: Path) -> None:  # noqa: F811
    from playwright.sync_api import expect

    from test_browser import open_page, served
    from test_browser_pages import axe_js

    front(shipped, f"correction: {NOTE}")
    conference = shipped / f"content/2024/{CONFERENCE}/index.md"
    conference.write_text(conference.read_text(encoding="utf-8").replace("\nlang: uz-Latn\n", "\nlang: uz-Latn\nretracted: Xabar xato sanani koʻrsatgan.\n", 1), encoding="utf-8")
    assert run(shipped, "update").code == 0
    for lang, note in NOTES.items():
        translate_po(shipped / f"locales/{lang}/LC_MESSAGES/{SLUG}.po", {NOTE: note})
    translate_po(shipped / f"locales/ru/LC_MESSAGES/{CONFERENCE}.po", {"Xabar xato sanani koʻrsatgan.": "В материале указана неверная дата."})
    base, server = served(shipped, tmp_path / "site")
    try:
        page, errors = open_page(browser, base + PAGE)
        note = page.locator("p.correction")
        expect(note).to_be_visible()
        expect(note).to_contain_text("Обновлено")
        expect(note).to_contain_text(NOTES["ru"])
        removed, more = open_page(browser, base + f"ru/{CONFERENCE}/")
        expect(removed.locator("p.removed")).to_contain_text("Материал удалён")
        expect(removed.locator("main")).to_contain_text("В материале указана неверная дата.")
        assert removed.locator('meta[name="robots"]').get_attribute("content") == "noindex"
        for shown in (page, removed):
            shown.add_script_tag(path=axe_js())
            violations = shown.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations.map(v => v.id)")
            assert violations == [], violations
        assert errors == [] and more == []
    finally:
        server.shutdown()  # type: ignore[attr-defined]


@pytest.mark.slow  # three builds of the shipped project
def test_an_unfinished_catalogue_is_read_again_only_where_an_earlier_translation_may_be(shipped: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A current catalogue with an entry left empty has no earlier version to publish unless it holds the merge's
    earlier-translation comment: the build says why it is not published without reading it a second time, strictly;
    with the comment (here bare, as a translator might leave it), it is read and its words are what the build says."""
    import tarjima.site.reading as reading

    out = tmp_path / "site"
    po = shipped / RU
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Работа семинара продолжится 11 декабря."', 'msgstr ""'), encoding="utf-8")
    assert run(shipped, "build", "--out", str(out)).code == 0  # (the check gate reads it strictly once, and keeps its findings)
    strict: list[str] = []
    real = reading.read
    monkeypatch.setattr(reading, "read", lambda data, display: (SLUG in display and strict.append(display)) or real(data, display))
    result = run(shipped, "build", "--out", str(out), "--full")
    assert re.search(rf"earlier {SLUG} \[ru\]: the text published on [0-9-]+ stays online until this one is ready: 1 untranslated \(", result.out), result.out
    assert strict == []
    entry = '#. paragraph\n#: content/2024/international-standards-seminar/index.md:37\nmsgid "The seminar will continue its work on December 11."\nmsgstr ""\n'
    text = po.read_text(encoding="utf-8")
    assert entry in text
    po.write_text(text.replace(entry, "# earlier translation kept by tarjima\n" + entry.replace("msgid", "#, fuzzy\nmsgid").replace('msgstr ""', 'msgstr "Работа семинара"')), encoding="utf-8")
    result = run(shipped, "build", "--out", str(out), "--full")
    assert "stays online until this one is ready: 1 earlier translation(s) of changed passages edited and still fuzzy (finish them to publish), 1 fuzzy (" in result.out, result.out
    assert RU in strict
