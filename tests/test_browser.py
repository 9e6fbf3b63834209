"""End to end: build the shipped content and read it in a real headless Chromium (Debian's), via Playwright."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Iterator

import pytest

from conftest import ROOT, desk_of, run
from tarjima import serve
from tarjima.site.output.folders import Folders, site_href
from tarjima.sources import parse_document

pytestmark = pytest.mark.slow  # Chromium and the Nu Html Checker

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SHOTS = Path(os.environ.get("TARJIMA_SCREENSHOTS", ROOT / "build" / "screenshots"))


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=30_000)  # how long an assertion waits for its state: a give-up, not a speed promise
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed: apt-get install chromium")
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield instance
        instance.close()


def served(root: Path, out: Path) -> tuple[str, object]:
    result = run(root, "build", "--out", str(out))
    assert result.code == 0, result.err
    folders = Folders(out.resolve(), desk_of(out).resolve())
    server = serve.start(out, 0, desk=(folders.desk, site_href(folders)))  # as `tarjima serve` does: the desk under /_desk/
    return f"http://127.0.0.1:{server.server_address[1]}/", server


@pytest.fixture
def site(shipped: Path, tmp_path: Path) -> Iterator[str]:
    base, server = served(shipped, tmp_path / "out")
    yield base
    server.shutdown()


def open_page(browser, url: str):  # type: ignore[no-untyped-def]
    page = browser.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    return page, errors


def test_switcher_moves_between_versions_with_right_lang_and_hreflang(browser, site: str) -> None:
    page, errors = open_page(browser, site + "ru/international-standards-seminar/")
    assert page.locator("html").get_attribute("lang") == "ru"
    hreflangs = page.eval_on_selector_all("link[rel=alternate][hreflang]", "els => els.map(e => e.hreflang)")
    assert hreflangs == ["uz-Latn", "uz-Cyrl", "ru", "en", "x-default"]
    ru_segments = page.eval_on_selector_all("[data-seg]", "els => els.map(e => e.tagName + ':' + e.dataset.seg)")
    page.get_by_role("navigation", name="Другие языки").get_by_role("link", name="English").click()
    page.wait_for_url("**/en/international-standards-seminar/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Seminar on International Standards of Law Enforcement Activities"
    en_segments = page.eval_on_selector_all("[data-seg]", "els => els.map(e => e.tagName + ':' + e.dataset.seg)")
    assert en_segments == ru_segments and len(ru_segments) == 17  # 11 of text, 3 photos with alt text and caption
    page.locator("nav.languages a[hreflang=uz-Latn]").click()
    page.wait_for_url("**/uz-latn/international-standards-seminar/")
    assert page.locator("html").get_attribute("lang") == "uz-Latn"
    assert "2024-yil 10–11-dekabr" in page.locator("article time").inner_text()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(SHOTS / "report-uz-latn.png"), full_page=True)
    page.get_by_role("navigation", name="Boshqa tillar").get_by_role("link", name="Ўзбекча").click()
    page.wait_for_url("**/uz-cyrl/international-standards-seminar/")
    assert page.locator("html").get_attribute("lang") == "uz-Cyrl"
    assert page.locator("h1").inner_text() == "“Ҳуқуқни муҳофаза қилиш фаолиятининг халқаро стандартлари” мавзусидаги семинар"
    assert page.locator(".meta time").inner_text() == "2024 йил 10–11 декабрь"
    assert page.locator(".meta .label").first.inner_text() == "Тадбир санаси:"  # "Event date"
    assert page.locator("a.brand").inner_text().split("\n")[0] == "Ўзбекистон Республикаси Ҳуқуқни муҳофаза қилиш академияси"  # the institution's name, derived
    cyrl_segments = page.eval_on_selector_all("[data-seg]", "els => els.map(e => e.tagName + ':' + e.dataset.seg)")
    assert cyrl_segments == ru_segments
    body = page.locator("article .body").inner_text()
    assert not re.search("[A-Za-z]{3,}", body.replace("ICRC", "")), body  # every word in Cyrillic
    page.screenshot(path=str(SHOTS / "report-uz-cyrl.png"), full_page=True)
    assert errors == []


def test_language_chooser_and_index_pages(browser, site: str) -> None:
    page, errors = open_page(browser, site)
    links = page.eval_on_selector_all("ul.choices a", "els => els.map(e => [e.hreflang, e.innerText.split('\\n')[0].trim()])")
    assert [l[0] for l in links] == ["uz-Latn", "uz-Cyrl", "ru", "en"]
    assert links[0][1].startswith("Oʻzbekcha") and links[1][1].startswith("Ўзбекча") and links[2][1].startswith("Русский")
    page.locator("ul.choices a[hreflang=ru]").click()
    page.wait_for_url("**/ru/")
    assert page.locator("p.count").inner_text() == "2 материала"
    titles = page.eval_on_selector_all("ol.reports h2", "els => els.map(e => e.innerText)")
    assert titles[0].startswith("Семинар")  # newest first: December before July
    assert errors == []


def test_aligned_page_has_a_row_per_segment_and_a_cell_per_language(browser, site: str, shipped: Path) -> None:
    source = "content/2024/human-trafficking-conference/index.md"
    segments = parse_document((shipped / source).read_text(encoding="utf-8"), source, ("uz-Latn", "ru", "en")).segments
    page, errors = open_page(browser, site + "_desk/aligned/human-trafficking-conference/")
    rows = page.locator("table.aligned tbody tr")
    assert rows.evaluate_all("trs => trs.map(tr => tr.dataset.seg)") == [s.id for s in segments]
    assert len(segments) == 16  # title, summary, location, 6 paragraphs, 3 list items, 2 photos' alt texts and captions
    for i in range(rows.count()):
        langs = rows.nth(i).locator("td").evaluate_all("tds => tds.map(td => td.lang)")
        assert langs == ["uz-Latn", "uz-Cyrl", "ru", "en"]  # source first
    assert page.locator("td.untranslated, td.fuzzy").count() == 0
    page.set_viewport_size({"width": 1400, "height": 900})
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "aligned.png"), full_page=True)
    assert errors == []


def test_fallback_segment_carries_the_source_lang(browser, shipped: Path, tmp_path: Path) -> None:
    config = shipped / "pyproject.toml"
    config.write_text(config.read_text(encoding="utf-8").replace('base_url = ', 'publish_threshold = 50\nbase_url = '), encoding="utf-8")
    source = shipped / "content/2024/international-standards-seminar/index.md"
    source.write_text(source.read_text(encoding="utf-8").replace("The seminar will continue", "New paragraph.\n\nThe seminar will continue"), encoding="utf-8")
    assert run(shipped, "update").code == 0
    base, server = served(shipped, tmp_path / "out")
    try:
        page, errors = open_page(browser, base + "ru/international-standards-seminar/")
        fallback = page.locator("[data-seg].fallback")
        assert fallback.count() == 1
        assert fallback.get_attribute("lang") == "en" and fallback.inner_text() == "New paragraph."
        assert page.locator("p.note").is_visible()
        aligned, _ = open_page(browser, base + "_desk/aligned/international-standards-seminar/")
        assert aligned.locator("td.untranslated").count() == 3  # the new paragraph in uz-Latn, ru and (derived from uz-Latn) uz-Cyrl
        assert errors == []
    finally:
        server.shutdown()


def vnu_jar() -> str:
    jar = os.environ.get("VNU_JAR") or str(Path.home() / ".cache/tarjima-ci/node_modules/vnu-jar/build/dist/vnu.jar")
    if not Path(jar).exists() or shutil.which("java") is None:
        pytest.fail("the Nu Html Checker is not installed: run .ci/run (npm vnu-jar and Java)")
    return jar


def test_every_page_passes_the_nu_html_checker(shipped: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run(shipped, "build", "--out", str(out)).code == 0
    cyrillic = sorted((out / "uz-cyrl").rglob("*.html"))
    latin = sorted((out / "uz-latn").rglob("*.html"))
    assert len(cyrillic) == len(latin) >= 5 and all('<html lang="uz-Cyrl">' in p.read_text(encoding="utf-8") for p in cyrillic)  # as many pages as the Latin version: reports, front page, months, tags
    checked = subprocess.run(["java", "-jar", vnu_jar(), "--skip-non-html", "--format", "gnu", str(out)], capture_output=True, text=True, check=False)
    assert checked.returncode == 0 and checked.stderr.strip() == "", checked.stderr


def test_feeds_and_sitemap_parse(shipped: Path, tmp_path: Path) -> None:
    import feedparser
    from lxml import etree

    out = tmp_path / "out"
    run(shipped, "build", "--out", str(out))
    for folder, lang in (("uz-latn", "uz-Latn"), ("uz-cyrl", "uz-Cyrl"), ("ru", "ru"), ("en", "en")):
        feed = feedparser.parse((out / folder / "feed.xml").read_bytes())
        assert not feed.bozo, feed.bozo_exception
        assert feed.feed.language == lang and len(feed.entries) == 2
        assert all(e.link.startswith("https://example.org/news/" + folder + "/") for e in feed.entries)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    # sitemap.xml is an index of sitemaps (one per month of reports, one for the language front pages).
    maps = [m.text for m in etree.parse(str(out / "sitemap.xml")).findall("s:sitemap/s:loc", ns)]
    assert maps == ["https://example.org/news/sitemap-languages.xml", "https://example.org/news/sitemaps/2024-12.xml", "https://example.org/news/sitemaps/2024-07.xml"]
    urls = [u for m in maps for u in etree.parse(str(out / m.removeprefix("https://example.org/news/"))).findall("s:url", ns)]
    assert len(urls) == 4 + 8
    report_urls = [u for u in urls if u.findtext("s:lastmod", namespaces=ns)]
    assert len(report_urls) == 8
    for url in report_urls:
        alternates = {a.get("hreflang"): a.get("href") for a in url.findall("x:link", ns)}
        assert set(alternates) == {"uz-Latn", "uz-Cyrl", "ru", "en"} and url.findtext("s:loc", namespaces=ns) in alternates.values()
