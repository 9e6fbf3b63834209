"""The site's furniture on the shipped project: the chooser under the site's header (emblem, the institution's name
in every language), the date and the place once on a report page, English dates the British way unless configured,
the editors' desk in one language (English unless configured). The illustrations' mark: tests/test_illustrations.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html as lxml_html

from conftest import run
from test_browser import browser, open_page, served  # noqa: F401  (browser: the fixture)
from tarjima.po.read import read

SEMINAR = "international-standards-seminar"


def configure(root: Path, line: str) -> None:
    """Add a line to [tool.tarjima] of the shipped pyproject.toml."""
    config = root / "pyproject.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace('base_url = ', line + '\nbase_url = ', 1), encoding="utf-8")


def page(path: Path) -> lxml_html.HtmlElement:
    return lxml_html.fromstring(path.read_bytes())


def own_language_texts(tree: lxml_html.HtmlElement) -> list[str]:
    """Every text of a page in the page's own language (no element around it says otherwise)."""
    top = tree.get("lang")
    texts = []
    for node in tree.iter():
        if not isinstance(node.tag, str) or node.tag in ("script", "style"):
            continue
        lang = next((e.get("lang") for e in node.iterancestors() if e.get("lang")), None) if node.get("lang") is None else node.get("lang")
        for text in (node.text,) + tuple(child.tail for child in node):
            if text and text.strip() and (lang or top) == top:
                texts.append(text.strip())
    return texts


def translated_site_strings(root: Path) -> set[str]:
    """The templates' words in the project's other languages (what a desk page in English must not show)."""
    found = set()
    for po in root.glob("locales/*/LC_MESSAGES/_site.po"):
        catalog = read(po.read_bytes(), po.name)
        found |= {e.msgstr for e in catalog.entries if e.msgid and e.msgstr and e.msgstr != e.msgid}
    return found


@pytest.mark.slow
def test_the_chooser_has_the_site_header_with_the_emblem_and_every_languages_name(shipped: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run(shipped, "build", "--out", str(out)).code == 0
    tree = page(out / "index.html")
    (header,) = tree.xpath("//body/header[@class='masthead']")
    emblem = header.xpath(".//img[@class='emblem']")
    assert emblem and (out / emblem[0].get("src")).is_file() and emblem[0].get("alt") == ""
    names = {s.get("lang"): s.text_content() for s in header.xpath(".//h1//span[@lang]")}
    assert names == {"uz-Latn": "Oʻzbekiston Respublikasi Huquqni muhofaza qilish akademiyasi",
                     "uz-Cyrl": "Ўзбекистон Республикаси Ҳуқуқни муҳофаза қилиш академияси",  # derived from uz-Latn
                     "ru": "Правоохранительная академия Республики Узбекистан", "en": "Law Enforcement Academy of the Republic of Uzbekistan"}
    assert tree.findtext(".//title") and tree.xpath("//link[@rel='icon']/@href") == ["assets/emblem.png"]


def test_a_chooser_has_a_title_when_the_default_language_has_none(project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = project({"content/2024/a.md": "---\ntitle: A\ndate: 2024-12-10\nlang: en\n---\n\nText.\n"},
                   config='languages = ["uz-Latn", "en"]\ndefault_language = "uz-Latn"\nhold_check_errors = false\n[title]\nen = "Academy — News"\n')
    out = tmp_path / "out"
    assert run(root, "build", "--out", str(out)).code == 0
    assert page(out / "index.html").findtext(".//title") == "Academy — News"


@pytest.mark.slow
def test_a_report_page_shows_its_date_and_place_once(shipped: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run(shipped, "build", "--out", str(out)).code == 0
    for folder, date in (("en", "10–11 December 2024"), ("ru", "10–11 декабря 2024\u202fг."), ("uz-latn", "2024-yil 10–11-dekabr")):
        tree = page(out / folder / SEMINAR / "index.html")
        main = tree.xpath("//main")[0]
        location = tree.xpath("//*[@data-seg='location']")[0].text_content()
        assert [t.text_content() for t in main.xpath(".//time")] == [date], folder
        assert main.text_content().count(location) == 1, folder
        assert not tree.xpath("//aside//time")


@pytest.mark.slow
def test_english_dates_are_british_unless_configured(shipped: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run(shipped, "build", "--out", str(out)).code == 0
    assert page(out / "en" / SEMINAR / "index.html").xpath("//article//time")[0].text_content() == "10–11 December 2024"
    assert page(out / "en/index.html").xpath("//article//time/text()") == ["10–11 December 2024", "30 July 2024"]
    configure(shipped, 'english_dates = "american"')
    assert run(shipped, "build", "--out", str(out)).code == 0
    assert page(out / "en" / SEMINAR / "index.html").xpath("//article//time")[0].text_content() == "December 10\u2009–\u200911, 2024"
    assert page(out / "en/index.html").xpath("//article//time/text()")[1] == "July 30, 2024"
    assert page(out / "ru" / SEMINAR / "index.html").xpath("//article//time")[0].text_content() == "10–11 декабря 2024\u202fг."  # English only


@pytest.mark.parametrize(("line", "message"), [('english_dates = "us"', 'english_dates must be "british" or "american", not \'us\''),
                                               ('desk_language = "de"', "desk_language 'de' is neither in `languages` nor 'en'")])
def test_a_wrong_setting_is_one_line_and_exit_2(shipped: Path, tmp_path: Path, line: str, message: str) -> None:
    configure(shipped, line)
    result = run(shipped, "build", "--out", str(tmp_path / "out"))
    assert result.code == 2 and "Traceback" not in result.err
    lines = [l for l in result.err.splitlines() if l.strip()]
    assert len(lines) == 1 and message in lines[0] and "pyproject.toml" in lines[0], result.err


@pytest.mark.slow
def test_the_desk_is_in_one_language_english_by_default(shipped: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run(shipped, "build", "--out", str(out)).code == 0
    foreign = translated_site_strings(shipped)
    assert "Asosiy mazmunga oʻtish" in foreign  # "Skip to content" in Uzbek: what the desk's header said
    for rel in (f"desk/aligned/{SEMINAR}/index.html", "desk/_status/index.html", "desk/_status/2024/index.html"):
        tree = page(out.parent / "out-desk" / rel.removeprefix("desk/"))
        assert tree.get("lang") == "en", rel
        texts = own_language_texts(tree)
        assert "Skip to content" in texts and "Law Enforcement Academy of the Republic of Uzbekistan" in texts, rel
        assert not [t for t in texts if t in foreign or t.rstrip(":") in foreign], rel  # none of the templates' words in another language


@pytest.mark.slow
def test_the_desk_language_is_configurable(shipped: Path, tmp_path: Path) -> None:
    configure(shipped, 'desk_language = "ru"')
    out = tmp_path / "out"
    assert run(shipped, "build", "--out", str(out)).code == 0
    tree = page(out.parent / "out-desk" / "aligned" / SEMINAR / "index.html")
    assert tree.get("lang") == "ru" and tree.xpath("//a[@class='skip']/text()") == ["Перейти к содержанию"]
    assert tree.xpath("//a[@class='brand']/@href")[0].endswith("/ru/")
    assert tree.xpath("//p[contains(@class, 'desk-key')]/@lang") == ["en"]  # tarjima's own words stay English, and say so


@pytest.mark.slow
def test_a_reader_sees_the_header_on_the_chooser_and_one_date_on_a_report(browser, shipped: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    base, server = served(shipped, tmp_path / "out")
    try:
        home, errors = open_page(browser, base)
        emblem = home.locator("header.masthead img.emblem")
        assert emblem.is_visible() and emblem.evaluate("img => img.complete && img.naturalWidth") > 0
        names = home.locator("header.masthead h1 [lang]")
        assert names.count() == 4 and all(names.nth(i).is_visible() for i in range(4))
        report, more = open_page(browser, base + f"en/{SEMINAR}/")
        assert report.locator("main").inner_text().count("10–11 December 2024") == 1
        desk, rest = open_page(browser, base + f"_desk/aligned/{SEMINAR}/")
        assert desk.evaluate("document.documentElement.lang") == "en" and desk.locator("a.skip").inner_text() == "Skip to content"
        assert errors == more == rest == []
    finally:
        server.shutdown()  # type: ignore[attr-defined]
