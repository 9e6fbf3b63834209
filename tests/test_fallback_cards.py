"""Below publish_threshold = 100, a title or summary not translated yet is shown in the source's language: marked
as a fallback (its lang, the class, a note) on every card that shows it, in the Atom feed (xml:lang), and never
served as this language's description (meta, OpenGraph, Twitter, JSON-LD take a translated paragraph instead)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import etree, html as lxml_html

from conftest import read_po, report, run, translate_po, write_tree
from test_browser import browser  # noqa: F401  (the fixture: Debian's Chromium via Playwright)

CONFIG = ('languages = ["uz-Latn", "ru", "en"]\ndefault_language = "uz-Latn"\nhold_check_errors = false\npublish_threshold = 50\n'
          'base_url = "https://example.org/news/"\n[title]\nuz-Latn = "Akademiya — Yangiliklar"\nru = "Академия — Новости"\nen = "Academy — News"\n')
SUMMARY = "Two days on international standards, with the Red Cross."
TITLE = "A seminar on standards"
BODY = "The seminar opened on Monday with a lecture on the use of force.\n\nExperts of the Red Cross led the second day.\n"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture
def half(tmp_path: Path) -> Path:
    """Two reports whose Russian versions are published at 50 %: one with its summary untranslated, one with its title."""
    root = write_tree(tmp_path / "proj", {
        "tarjima.toml": CONFIG,
        "content/2024/seminar.md": report(title=TITLE, body=BODY, summary=SUMMARY, tags="[seminar]"),
        "content/2024/lecture.md": report(title="An open lecture", body=BODY.replace("seminar", "lecture"), summary="A lecture for cadets.", tags="[seminar]"),
    })
    assert run(root, "update").code == 0
    for slug, left in (("seminar", SUMMARY), ("lecture", "An open lecture")):
        po = root / f"locales/ru/LC_MESSAGES/{slug}.po"
        translate_po(po, {e.msgid: "Перевод: " + e.msgid for e in read_po(po).entries if e.msgid and e.msgid != left})
    return root


def cards(page: Path) -> dict[str, lxml_html.HtmlElement]:
    tree = lxml_html.fromstring(page.read_bytes())
    return {a.get("href").rstrip("/").rsplit("/", 1)[-1]: a.xpath("ancestor::article[1]")[0] for a in tree.xpath("//article[contains(@class, 'card')]//h2/a")}


def test_a_summary_or_title_in_the_source_language_is_marked_on_every_card(half: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run(half, "build", "--out", str(out))
    assert result.code == 0, result.err
    for path in ("ru/index.html", "ru/archive/2024-12/index.html", "ru/tags/seminar/index.html"):
        found = cards(out / path)
        seminar, lecture = found["seminar"], found["lecture"]
        summary = seminar.xpath(".//p[contains(@class, 'summary')]")[0]
        assert summary.text_content() == SUMMARY and summary.get("lang") == "en" and "fallback" in summary.get("class").split(), path
        assert seminar.xpath(".//h2")[0].get("lang") is None  # the title is translated
        note = seminar.xpath(".//p[@class='note']")
        assert len(note) == 1 and note[0].text_content() == "Ещё не переведено: показано на языке оригинала (английский).", path
        title = lecture.xpath(".//h2")[0]
        assert title.text_content() == "An open lecture" and title.get("lang") == "en" and title.get("class") == "fallback", path
        assert lecture.xpath(".//p[contains(@class, 'summary')]")[0].get("lang") is None and len(lecture.xpath(".//p[@class='note']")) == 1
    for path in ("en/index.html", "uz-latn/index.html"):  # the source, and a language with nothing to fall back on (unpublished)
        assert not lxml_html.fromstring((out / path).read_bytes()).xpath("//article//*[@lang or contains(@class, 'fallback') or @class='note']"), path


def test_the_feed_gives_a_source_language_summary_its_xml_lang(half: Path, tmp_path: Path) -> None:
    import feedparser

    out = tmp_path / "out"
    assert run(half, "build", "--out", str(out)).code == 0
    entries = {e.findtext("{http://www.w3.org/2005/Atom}id").rstrip("/").rsplit("/", 1)[-1]: e
               for e in etree.parse(str(out / "ru/feed.xml")).getroot().iter("{http://www.w3.org/2005/Atom}entry")}
    seminar, lecture = entries["seminar"], entries["lecture"]
    assert seminar.find("{http://www.w3.org/2005/Atom}summary").get(XML_LANG) == "en"
    assert seminar.find("{http://www.w3.org/2005/Atom}title").get(XML_LANG) is None
    assert lecture.find("{http://www.w3.org/2005/Atom}title").get(XML_LANG) == "en"
    assert lecture.find("{http://www.w3.org/2005/Atom}summary").get(XML_LANG) is None
    parsed = feedparser.parse((out / "ru/feed.xml").read_bytes())  # as a feed reader takes it
    assert not parsed.bozo
    by_link = {e.link.rstrip("/").rsplit("/", 1)[-1]: e for e in parsed.entries}
    assert by_link["seminar"].summary_detail.language == "en" and by_link["seminar"].title_detail.language == "ru"


def test_a_source_language_summary_is_never_the_description_of_a_translation(half: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run(half, "build", "--out", str(out)).code == 0
    page = lxml_html.fromstring((out / "ru/seminar/index.html").read_bytes())
    lead = page.xpath("//p[@data-seg='summary']")[0]
    assert lead.get("lang") == "en" and "fallback" in lead.get("class")  # the page itself shows it, marked
    first = "Перевод: The seminar opened on Monday with a lecture on the use of force."
    described = {m.get("name") or m.get("property"): m.get("content") for m in page.xpath("//meta[@content]")}
    assert described["description"] == described["og:description"] == described["twitter:description"] == first
    (ld,) = page.xpath("//script[@type='application/ld+json']/text()")
    assert json.loads(ld)["description"] == first
    assert SUMMARY not in etree.tostring(page.xpath("//head")[0], encoding="unicode")
    source = lxml_html.fromstring((out / "en/seminar/index.html").read_bytes())
    assert source.xpath("//meta[@property='og:description']/@content") == [SUMMARY]  # the source describes itself by its summary
    translated = lxml_html.fromstring((out / "ru/lecture/index.html").read_bytes())
    assert translated.xpath("//meta[@property='og:description']/@content") == ["Перевод: A lecture for cadets."]  # a translated summary is used


@pytest.mark.slow
def test_a_reader_sees_the_marked_card_and_the_pages_pass_the_checkers(browser, half: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import subprocess

    from test_browser import open_page, served, vnu_jar
    from test_browser_pages import axe_js

    base, server = served(half, tmp_path / "out")
    try:
        page, errors = open_page(browser, base + "ru/")
        card = page.locator("article.card", has=page.locator("a[href$='seminar/']"))
        summary = card.locator("p.summary")
        assert summary.evaluate("e => e.lang") == "en" and summary.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
        assert card.locator("p.note").is_visible() and "английский" in card.locator("p.note").inner_text()
        page.add_script_tag(path=axe_js())
        violations = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations.map(v => v.id)")
        assert violations == [] and errors == []
    finally:
        server.shutdown()  # type: ignore[attr-defined]
    checked = subprocess.run(["java", "-jar", vnu_jar(), "--skip-non-html", "--format", "gnu", str(tmp_path / "out")], capture_output=True, text=True, check=False)
    assert checked.returncode == 0 and checked.stderr.strip() == "", checked.stderr
