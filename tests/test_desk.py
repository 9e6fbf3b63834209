"""The aligned page as the reviewer's desk (issue 17): per segment and language, the entry's state,
the translator's comments, the machine-draft mark, check findings with their ids, review marks,
and for a fuzzy entry the previous source text against the current one as a word diff."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html

from conftest import desk_of, read_po, report, run, translate_po, write_tree
from tarjima.po.write import dumps
from tarjima.site.pages.desk import word_diff
from test_browser import browser  # noqa: F401  (the fixture)

CONFIG = 'languages = ["en", "ru"]\ndefault_language = "en"\n'  # hold_check_errors on (the default): the build runs the checks
BODY = "The seminar lasted 2 days.\n\nThe term needs care.\n\nThe Academy thanked its guests.\n\nA draft paragraph.\n"
SLUG = "desk"


def cell(page: html.HtmlElement, seg: str, lang: str = "ru") -> html.HtmlElement:
    found = page.xpath(f'//tr[@data-seg="{seg}"]/td[@lang="{lang}"]')
    assert len(found) == 1, (seg, lang)
    return found[0]


def aligned(root: Path, out: Path) -> html.HtmlElement:
    result = run(root, "build", "--out", str(out))
    assert result.code == 0, result.err
    return html.fromstring((desk_of(out) / "aligned" / SLUG / "index.html").read_bytes())


def add_comment(po: Path, msgid: str, comment: str) -> None:
    from dataclasses import replace

    catalog = read_po(po)
    entries = tuple(replace(e, translator_comments=(*e.translator_comments, comment)) if e.msgid == msgid else e for e in catalog.entries)
    po.write_text(dumps(replace(catalog, entries=entries)), encoding="utf-8")


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    """A report in English whose Russian catalogue has one entry of every kind a reviewer meets."""
    root = write_tree(tmp_path / "proj", {"tarjima.toml": CONFIG, f"content/2024/{SLUG}.md": report("A desk", body=BODY)})
    assert run(root, "update").code == 0
    po = root / f"locales/ru/LC_MESSAGES/{SLUG}.po"
    translate_po(po, {
        "A desk": "Стол",
        "The seminar lasted 2 days.": "Семинар длился 3 дня.",  # a number that differs: an error-level finding
        "The term needs care.": "Термин требует внимания.",
        "The Academy thanked its guests.": "Академия поблагодарила гостей.",
    }, fuzzy={"A draft paragraph.": "Черновой абзац."})
    add_comment(po, "The term needs care.", "ask the legal department about this term")
    add_comment(po, "A draft paragraph.", "machine translation (libre), review before publishing")
    assert run(root, "review", SLUG, "--lang", "ru", "--by", "Dilnoza", "--entry", "The Academy thanked its guests.").code == 0
    return root


def test_the_desk_shows_states_comments_machine_marks_findings_and_reviews(desk: Path, tmp_path: Path) -> None:
    page = aligned(desk, tmp_path / "out")
    ids = {p.get("data-seg"): p for p in page.xpath("//tr[@data-seg]")}
    first, term, thanks, draft = (ids[k] for k in list(ids)[1:5])  # after the title

    numbers = cell(page, first.get("data-seg"))
    assert numbers.get("data-entry") == "translated"
    finding = numbers.xpath('.//p[contains(@class, "finding")]')
    assert finding and "error" in finding[0].get("class") and finding[0].get("data-check")
    assert finding[0].xpath("string(.//code)") == finding[0].get("data-check")  # the check's id, as `check --ignore` takes it

    commented = cell(page, term.get("data-seg"))
    assert "ask the legal department about this term" in commented.text_content()

    reviewed = cell(page, thanks.get("data-seg"))
    assert reviewed.get("data-entry") == "reviewed"
    assert "reviewed by Dilnoza on" in reviewed.text_content()

    machine = cell(page, draft.get("data-seg"))
    assert machine.get("data-entry") == "machine"
    assert machine.xpath('string(.//span[@class="entry-state"])') == "machine draft"
    assert "machine translation (libre)" in machine.text_content()
    # the source column has no desk: its text is the source
    assert cell(page, first.get("data-seg"), "en").get("data-entry") is None
    # and the version line says why Russian is not online, with the build's own words
    versions = page.xpath('//ul[@class="versions"]/li[@data-lang="ru"]')[0]
    assert versions.get("class") == "unpublished"
    assert "1 fuzzy" in versions.text_content() and f"locales/ru/LC_MESSAGES/{SLUG}.po" in versions.text_content()


def test_an_edited_source_shows_a_word_diff_and_clears_the_review(desk: Path, tmp_path: Path) -> None:
    source = desk / f"content/2024/{SLUG}.md"
    source.write_text(source.read_text(encoding="utf-8")
                      .replace("The term needs care.", "The new term needs great care.")
                      .replace("The Academy thanked its guests.", "The Academy thanked all its guests."), encoding="utf-8")
    assert run(desk, "update").code == 0
    page = aligned(desk, tmp_path / "out")
    rows = page.xpath("//tr[@data-seg]")
    term, thanks = cell(page, rows[2].get("data-seg")), cell(page, rows[3].get("data-seg"))

    assert term.get("data-entry") == "fuzzy"
    diff = term.xpath('.//p[@class="diff"]')[0]
    assert [e.text for e in diff.xpath(".//ins")] == ["new ", "great "]
    assert diff.xpath(".//del") == []  # nothing was removed
    assert "ask the legal department about this term" in term.text_content()  # the translator's comment survives the merge

    assert thanks.get("data-entry") == "fuzzy"  # no longer reviewed: the source paragraph changed
    assert "reviewed by" not in thanks.text_content()
    assert "".join(e.text for e in thanks.xpath('.//p[@class="diff"]//ins')).strip() == "all"


def test_a_comment_or_finding_can_never_put_markup_into_the_desk(desk: Path, tmp_path: Path) -> None:
    po = desk / f"locales/ru/LC_MESSAGES/{SLUG}.po"
    add_comment(po, "The term needs care.", '<script>alert(1)</script><img src=x onerror="alert(2)">')
    page = aligned(desk, tmp_path / "out")
    assert page.xpath("//script") == [] and page.xpath("//img[@onerror]") == []
    assert "<script>alert(1)</script>" in page.text_content()  # shown as text


def test_without_checks_the_desk_says_so(desk: Path, tmp_path: Path) -> None:
    (desk / "tarjima.toml").write_text(CONFIG + "hold_check_errors = false\n", encoding="utf-8")
    page = aligned(desk, tmp_path / "out")
    assert page.xpath('//p[contains(@class, "finding")]') == []
    assert "not run by this build: hold_check_errors = false" in page.text_content()


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("The term needs care.", "The new term needs great care.", "The <ins>new </ins>term needs <ins>great </ins>care."),
    ("Held on 10 May.", "Held on 11 May.", "Held on <del>10 </del><ins>11 </ins>May."),
    ("a <b> & c", "a <b> & d", "a &lt;b&gt; &amp; <del>c</del><ins>d</ins>"),
    ("Oʻzbekiston", "Oʻzbekistonda", "<del>Oʻzbekiston</del><ins>Oʻzbekistonda</ins>"),
])
def test_word_diff(old: str, new: str, expected: str) -> None:
    assert str(word_diff(old, new)) == expected


@pytest.mark.slow
def test_the_desk_reads_in_chromium_at_1280_and_390_px(browser, desk: Path, tmp_path: Path) -> None:  # noqa: F811
    """What a reviewer sees: the notes are on screen (not hidden), the diff marks removed and added words, a phone stacks the cells."""
    from test_browser import SHOTS, open_page, served
    from test_browser_pages import axe_js

    source = desk / f"content/2024/{SLUG}.md"
    source.write_text(source.read_text(encoding="utf-8").replace("The term needs care.", "The new term needs care."), encoding="utf-8")
    assert run(desk, "update").code == 0
    base, server = served(desk, tmp_path / "out")
    try:
        page, errors = open_page(browser, base + f"_desk/aligned/{SLUG}/")
        for width in (1280, 390):
            page.set_viewport_size({"width": width, "height": 900})
            for selector in ("td[lang=ru] .finding.error", "td[lang=ru] .comment", "td[data-entry=machine] .desk-mark", "td[lang=ru] .diff ins",
                             "td[data-entry=reviewed] .desk-mark", "ul.versions li[data-lang=ru]"):
                assert page.locator(selector).first.is_visible(), (selector, width)
            assert page.locator("td[lang=ru] .diff ins").first.inner_text().strip() == "new"
            wide = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
            assert wide[0] <= wide[1], f"the desk at {width} px scrolls sideways: {wide}"
            page.add_script_tag(path=axe_js())
            violations = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations.map(v => v.id)")
            assert violations == [], violations
            SHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SHOTS / f"desk-{width}.png"), full_page=True)
        cells = page.locator("table.aligned tbody tr").nth(1).locator("td")
        assert all((cells.nth(i).bounding_box() or {"width": 0})["width"] > 300 for i in range(cells.count()))  # stacked on the phone
        assert errors == []
    finally:
        server.shutdown()  # type: ignore[attr-defined]
