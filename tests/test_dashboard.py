"""The editors' dashboard (issue 17), built with the site into OUT/_status/: every report x language with
status's own numbers (tested equal to ``status --format json`` on the shipped content and on a generated
archive of 2,000 reports), what the build published or held back and why, check findings; filters in Chromium."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Iterator

import pytest
from lxml import html

from conftest import ROOT, desk_of, report, run, translate_po, write_tree
from tarjima.model import COUNTERS
from test_browser import browser, open_page  # noqa: F401  (browser: the fixture)
from test_browser_pages import axe_js


def dashboard(out: Path) -> dict[str, dict[str, dict[str, object]]]:
    """slug -> language -> the numbers a year page shows of it (its data attributes, which its text is made from)."""
    found: dict[str, dict[str, dict[str, object]]] = {}
    for page in sorted((desk_of(out) / "_status").glob("*/index.html")):
        tree = html.fromstring(page.read_bytes())
        for row in tree.xpath("//table[@class='status']/tbody/tr"):
            cells = {}
            for td in row.xpath("td[@data-n]"):
                values = dict(zip(COUNTERS, map(int, td.get("data-n").split())))
                cells[td.get("data-lang")] = {**values, "percent": float(td.get("data-percent")), "stale": td.get("data-stale") == "true", "earlier": td.get("data-earlier") or None}
                text = td.text_content()
                assert f"{values['translated']}/{values['total']} translated" in text and f"{td.get('data-percent')}% of words" in text
            found[row.get("data-slug")] = cells
    return found


def from_status(root: Path) -> dict[str, dict[str, dict[str, object]]]:
    result = run(root, "status", "--format", "json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    return {r["slug"]: {tag: {k: v[k] for k in (*COUNTERS, "percent", "stale", "earlier")} for tag, v in r["languages"].items()} for r in data["reports"]}


def totals(out: Path) -> dict[str, tuple[str, str, str]]:
    tree = html.fromstring((desk_of(out) / "_status/index.html").read_bytes())
    return {tr.get("data-lang"): tuple(tr.xpath("string(td[@data-k='%s'])" % k).strip() for k in ("translated", "untranslated", "percent"))
            for tr in tree.xpath("//table[@class='status-totals']/tbody/tr")}


def status_totals(root: Path) -> dict[str, tuple[str, str, str]]:
    data = json.loads(run(root, "status", "--format", "json").out)["totals"]
    return {tag: (f"{t['translated']}/{t['total']}", str(t["untranslated"]), f"{t['percent']:.1f}") for tag, t in data.items()}


@pytest.mark.slow
def test_the_shipped_dashboard_shows_the_numbers_of_status(shipped: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    po = shipped / "locales/uz_Latn/LC_MESSAGES/international-standards-seminar.po"
    place = "Oʻzbekiston Respublikasi Huquqni muhofaza qilish akademiyasi, Toshkent"
    po.write_text(po.read_text(encoding="utf-8").replace(f'msgstr "{place}"', f'msgstr "{place}, Tatyana"'), encoding="utf-8")
    assert run(shipped, "update").code == 0  # Tatyana: Татяна or Татьяна, an open ambiguity in the derived Cyrillic
    assert run(shipped, "build", "--out", str(out)).code == 0
    shown = dashboard(out)
    assert shown == from_status(shipped) and len(shown) == 2
    assert totals(out) == status_totals(shipped)
    page = (desk_of(out) / "_status/2024/index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert "1 ambiguous" in page  # the derived Cyrillic catalogue's open ambiguities
    sitemaps = "".join(p.read_text(encoding="utf-8") for p in out.rglob("sitemap*.xml"))
    assert "_status" not in sitemaps and "aligned" not in sitemaps
    assert not (out / "_status").exists() and not (out / "aligned").exists()  # the desk is a folder apart (site.output.folders)


@pytest.mark.slow
def test_each_published_version_says_whether_it_is_on_telegram_and_a_post_alone_rebuilds_the_page(shipped: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run(shipped, "build", "--out", str(out)).code == 0
    page = desk_of(out) / "_status/2024/index.html"

    def cell(tag: str) -> str:
        tree = html.fromstring(page.read_bytes())
        return " ".join(tree.xpath(f'//tr[@data-slug="international-standards-seminar"]/td[@data-lang="{tag}"]//span[@class="readers"]')[0].itertext())

    assert "not on Telegram" in cell("ru") and "searchable" in cell("ru")  # the shipped site has search = true
    (shipped / "published/telegram.csv").write_text(
        "slug,lang,chat,message_id,kind,payload,state,at\n"
        "international-standards-seminar,ru,@academy_ru,42,photo,3f9a61c2d0e4b7a1,sent,2026-12-07T04:40:00Z\n"
        "international-standards-seminar,en,@academy_en,,photo,3f9a61c2d0e4b7a1,sending,2026-12-07T04:41:00Z\n", encoding="utf-8")
    assert run(shipped, "build", "--out", str(out)).code == 0  # no source changed: the post alone makes the year's page again
    tree = html.fromstring(page.read_bytes())
    links = tree.xpath('//tr[@data-slug="international-standards-seminar"]/td[@data-lang="ru"]//a[@class="reach"]/@href')
    assert links == ["https://t.me/academy_ru/42"] and "on Telegram" in cell("ru")
    assert "sent?" in cell("en")  # a send whose answer was never recorded
    assert "not on Telegram" in cell("uz-Latn")
    (shipped / "published/telegram.csv").write_text("slug,lang\n", encoding="utf-8")
    damaged = run(shipped, "build", "--out", str(out))
    assert damaged.code == 2 and "published/telegram.csv" in damaged.err and "Traceback" not in damaged.err


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A generated archive of 2,000 reports (benchmarks/generate.py: 70% complete, 20% partial, 10% not started), built."""
    root = tmp_path_factory.mktemp("archive") / "a"
    made = subprocess.run([sys.executable, str(ROOT / "benchmarks/generate.py"), "--reports", "2000", "--out", str(root)], capture_output=True, text=True, check=False)
    assert made.returncode == 0, made.stderr
    assert run(root, "build", "--out", str(root / "site")).code == 0
    yield root


@pytest.mark.slow
def test_a_generated_archive_of_2000_reports_shows_the_numbers_of_status(archive: Path) -> None:
    shown = dashboard(archive / "site")
    expected = from_status(archive)
    assert len(shown) == 2000
    assert shown == expected
    assert totals(archive / "site") == status_totals(archive)
    states = {td.get("data-state").split()[0] for p in (archive / "desk/_status").glob("*/index.html") for td in html.fromstring(p.read_bytes()).xpath("//td[@data-n]")}
    assert states == {"published", "unpublished"}  # the generator's partial catalogues are not online


CONFIG = 'languages = ["en", "ru", "uz-Latn"]\ndefault_language = "en"\n'


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    """Three reports over two years: one complete, one held back by a check error, one not started."""
    root = write_tree(tmp_path / "proj", {
        "tarjima.toml": CONFIG,
        "content/2023/old.md": report("Old news", body="It rained.\n").replace("2024-12-10", "2023-05-02"),
        "content/2024/ok.md": report("Good news", body="The seminar lasted two days.\n"),
        "content/2024/held.md": report("Held news", body="The seminar lasted 2 days.\n"),
    })
    assert run(root, "update").code == 0
    translate_po(root / "locales/ru/LC_MESSAGES/ok.po", {"Good news": "Хорошие новости", "The seminar lasted two days.": "Семинар длился два дня."})
    translate_po(root / "locales/ru/LC_MESSAGES/held.po", {"Held news": "Новости", "The seminar lasted 2 days.": "Семинар длился 3 дня."})
    return root


def test_the_dashboard_says_what_is_held_back_and_why(desk: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run(desk, "build", "--out", str(out)).code == 0
    tree = html.fromstring((desk_of(out) / "_status/2024/index.html").read_bytes())
    held = tree.xpath("//tr[@data-slug='held']/td[@data-lang='ru']")[0]
    assert held.get("class") == "held" and "errors" in held.get("data-state").split()
    assert "error-level check finding" in held.text_content() and "1 error" in held.text_content()
    assert held.xpath(".//a[@class='findings']/@href") == ["../../aligned/held/"]
    ok = tree.xpath("//tr[@data-slug='ok']/td[@data-lang='ru']")[0]
    assert ok.get("class") == "published" and "done" in ok.get("data-state").split()
    new = tree.xpath("//tr[@data-slug='ok']/td[@data-lang='uz-Latn']")[0]
    assert new.get("class") == "unpublished" and "untranslated" in new.get("data-state").split()
    # the catalogue link opens the file from disk (the desk is beside the project's folders here)
    link = ok.xpath(".//a[@class='po']/@href")[0]
    assert (desk_of(out) / "_status/2024" / link).resolve() == (desk / "locales/ru/LC_MESSAGES/ok.po").resolve()
    assert dashboard(out) == from_status(desk)


def test_an_incremental_build_renders_only_the_dashboard_pages_of_the_edited_report(desk: Path, tmp_path: Path) -> None:
    out = tmp_path / "a/out"
    assert run(desk, "build", "--out", str(out)).code == 0
    before = {p: (desk_of(out) / p).read_bytes() for p in ("_status/index.html", "_status/2023/index.html", "_status/2024/index.html")}
    translate_po(desk / "locales/uz_Latn/LC_MESSAGES/ok.po", {"Good news": "Yaxshi xabar", "The seminar lasted two days.": "Seminar ikki kun davom etdi."})
    result = run(desk, "build", "--out", str(out))
    assert result.code == 0
    after = {p: (desk_of(out) / p).read_bytes() for p in before}
    assert after["_status/2023/index.html"] == before["_status/2023/index.html"]
    assert after["_status/2024/index.html"] != before["_status/2024/index.html"] and after["_status/index.html"] != before["_status/index.html"]
    assert dashboard(out) == from_status(desk)
    full = tmp_path / "b/out"  # its desk at the same depth: the same links to the project's files
    assert run(desk, "build", "--out", str(full)).code == 0
    assert all((desk_of(full) / p).read_bytes() == after[p] for p in after)  # the same pages as a full build


@pytest.mark.slow
def test_the_filters_work_in_chromium_and_the_editors_pages_pass_axe(browser, desk: Path, tmp_path: Path) -> None:  # noqa: F811
    from test_browser import served

    base, server = served(desk, tmp_path / "out")
    try:
        page, errors = open_page(browser, base + "_desk/_status/2024/")
        rows = page.locator("table.status tbody tr")
        assert rows.count() == 2 and page.locator("#filter-count").inner_text() == "2 shown"
        page.select_option("#filter-state", "held")
        assert [rows.nth(i).get_attribute("data-slug") for i in range(2) if rows.nth(i).is_visible()] == ["held"]
        assert page.locator("#filter-count").inner_text() == "1 shown"
        page.select_option("#filter-lang", "uz-Latn")  # held back in Russian, not in Uzbek: nothing left
        assert page.locator("#filter-count").inner_text() == "0 shown"
        assert not page.locator("th[data-lang='ru']").is_visible() and page.locator("th[data-lang='uz-Latn']").is_visible()
        # a link from the overview opens the year page filtered
        page.goto(base + "_desk/_status/")
        page.click("a[href='2024/#state=held&lang=ru']")
        page.wait_for_url("**/_status/2024/#state=held&lang=ru")
        assert page.locator("#filter-state").input_value() == "held" and page.locator("#filter-count").inner_text() == "1 shown"
        for url in ("_desk/_status/", "_desk/_status/2024/", "_desk/aligned/held/"):
            page.goto(base + url)
            for width in (1280, 390):
                page.set_viewport_size({"width": width, "height": 900})
                wide = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
                assert wide[0] <= wide[1], f"{url} at {width} px scrolls sideways: {wide}"
                page.add_script_tag(path=axe_js())
                violations = page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']})).violations
                    .map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))""")
                assert violations == [], f"{url} at {width} px: {violations}"
        assert errors == []
    finally:
        server.shutdown()  # type: ignore[attr-defined]


@pytest.mark.slow
def test_the_editors_pages_pass_the_nu_html_checker(desk: Path, tmp_path: Path) -> None:
    from test_browser import vnu_jar

    out = tmp_path / "out"
    assert run(desk, "build", "--out", str(out)).code == 0
    pages = [str(p) for p in (*(desk_of(out) / "_status").rglob("*.html"), *(desk_of(out) / "aligned").rglob("*.html"))]
    checked = subprocess.run(["java", "-jar", vnu_jar(), "--format", "gnu", *pages], capture_output=True, text=True, check=False)
    assert checked.returncode == 0 and checked.stderr.strip() == "", checked.stderr


def test_a_source_version_online_counts_as_published(project, tmp_path: Path) -> None:
    """Issue 36: the overview said `ru: 0 published` for a year whose Russian report was online in Russian."""
    root = project({
        "content/2024/ru-news.md": report("Новости", lang="ru", body="Семинар длился два дня.\n"),
        "content/2024/ru-draft.md": report("Черновик", lang="ru", body="Ещё не готово.\n", draft="true"),
        "content/2024/en-news.md": report("News", body="The seminar lasted two days.\n"),
    })
    assert run(root, "update").code == 0
    translate_po(root / "locales/ru/LC_MESSAGES/en-news.po", {"News": "Новости", "The seminar lasted two days.": "Семинар длился два дня."})
    out = tmp_path / "out"
    assert run(root, "build", "--out", str(out)).code == 0
    overview = html.fromstring((desk_of(out) / "_status/index.html").read_bytes())
    year = overview.xpath("//table[@class='status-years']/tbody/tr")[0]
    cells = dict(zip(["uz-Latn", "ru", "en"], [td.text_content() for td in year.xpath("td")[1:]]))
    assert cells["ru"].startswith("2 published") and cells["en"].startswith("1 published"), cells  # ru-news's source, en-news's Russian
    assert cells["uz-Latn"].startswith("0 published")
    assert "not published" in cells["ru"]  # the draft's source
    totals = {tr.get("data-lang"): [td.text_content() for td in tr.xpath("td")] for tr in overview.xpath("//table[@class='status-totals']/tbody/tr")}
    assert totals["ru"][5] == "2" and totals["en"][5] == "1"  # published, in the totals too
    page = html.fromstring((desk_of(out) / "_status/2024/index.html").read_bytes())
    source = page.xpath("//tr[@data-slug='ru-news']/td[@data-lang='ru']")[0]
    assert source.get("data-state").split() == ["source", "published"] and "source" in source.text_content() and "online" in source.text_content()
    draft = page.xpath("//tr[@data-slug='ru-draft']/td[@data-lang='ru']")[0]
    assert draft.get("data-state").split() == ["source", "unpublished"] and "draft" in draft.text_content()
    assert dashboard(out) == from_status(root)  # status's numbers: a source has none
