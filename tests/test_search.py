"""Site search (search = true), in the real Chromium through tarjima's server: every published version is found in its
own language, nothing held or drafted is, an Uzbek query finds a report in either script and either Latin alphabet,
the page passes axe and fits a phone; a build that changes no page does not run Pagefind again."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Iterator

import pytest

from conftest import ROOT, desk_of, run
from test_browser import browser, served  # noqa: F401  (browser: the fixture)
from test_browser_pages import axe_js

pytestmark = pytest.mark.slow  # Pagefind, Chromium and axe

LESSON = """---
title: Toshkentda yangi oʻquv kursi ochildi
date: 2024-11-05
lang: uz-Latn
summary: Akademiyada tergovchilar uchun oʻquv kursi boshlandi.
---

Toshkent shahrida joylashgan Akademiyada tergovchilar uchun yangi oʻquv kursi ochildi. Kurs ikki hafta davom etadi.

Tinglovchilar `<img src=x onerror=window.pwned=1>` kabi xavfli matnlarni ham oʻrganadilar.
"""
DRAFT = """---
title: Quyonchaqir haqida qoralama
date: 2024-11-06
lang: uz-Latn
draft: true
summary: Bu hisobot hali qoralama.
---

Quyonchaqir soʻzi faqat qoralamada bor.
"""
HELD_RU = "Снегирёвка"  # the only translated entry of the Russian version of LESSON: below the threshold, held


def project(root: Path) -> Path:
    """The shipped project, with search on, an Uzbek report (its Russian version held: one entry of it translated) and a draft."""
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    for name in ("content", "locales", "templates", "published"):
        shutil.copytree(ROOT / name, root / name)
    config = root / "pyproject.toml"
    text = config.read_text(encoding="utf-8")
    if not re.search(r"(?m)^search = true", text):
        text = text.replace("[tool.tarjima.site]\n", "[tool.tarjima.site]\nsearch = true\n", 1)
    config.write_text(text, encoding="utf-8")
    for slug, source in (("oquv-kursi", LESSON), ("qoralama", DRAFT)):
        (root / "content" / "2024" / slug).mkdir(parents=True)
        (root / "content" / "2024" / slug / "index.md").write_text(source, encoding="utf-8")
    assert run(root, "update").code == 0
    ru = root / "locales" / "ru" / "LC_MESSAGES" / "oquv-kursi.po"
    po = ru.read_text(encoding="utf-8")
    title = 'msgid "Toshkentda yangi oʻquv kursi ochildi"\nmsgstr ""'
    assert title in po
    ru.write_text(po.replace(title, f'msgid "Toshkentda yangi oʻquv kursi ochildi"\nmsgstr "{HELD_RU}: новый учебный курс"'), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    root = project(tmp_path_factory.mktemp("search"))
    base, server = served(root, root / "out")
    yield base, root
    server.shutdown()  # type: ignore[attr-defined]


def search(browser, base: str, folder: str, query: str, width: int = 1280):  # type: ignore[no-untyped-def]
    """The search page of a language, the query typed and sent with Enter; the page once its status says it is done."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{base}{folder}/search/")
    page.get_by_role("searchbox").first.fill(query)
    page.get_by_role("searchbox").first.press("Enter")
    page.wait_for_function("() => { const s = document.getElementById('search-status').textContent; return s && !s.endsWith('…') }")
    assert errors == []
    return page


def found(page) -> list[str]:  # type: ignore[no-untyped-def]
    """The addresses of the results shown, from the site's root."""
    return [re.sub(r"^(\.\./)+", "", h) for h in page.locator("#search-results h2 a").evaluate_all("as => as.map(a => a.getAttribute('href'))")]


def test_every_published_version_is_found_by_a_word_of_its_title(browser, site: tuple[str, Path]) -> None:
    base, root = site
    pages = sorted((root / "out").glob("*/*/index.html"))
    versions = [p for p in pages if p.parent.name not in ("search", "archive", "tags") and 'data-pagefind-body' in p.read_text(encoding="utf-8")]
    assert {p.parent.parent.name for p in versions} == {"uz-latn", "uz-cyrl", "ru", "en"}
    for path in versions:
        title = re.search(r"<h1[^>]*>(.*?)</h1>", path.read_text(encoding="utf-8"), re.S)
        assert title
        word = max(re.findall(r"\w+", re.sub(r"<[^>]+>", "", title.group(1))), key=len)
        folder, slug = path.parent.parent.name, path.parent.name
        assert f"{folder}/{slug}/" in found(search(browser, base, folder, word)), (folder, slug, word)


def test_nothing_held_or_drafted_is_found(browser, site: tuple[str, Path]) -> None:
    base, root = site
    desk = desk_of(root / "out")
    assert "Quyonchaqir" in (desk / "aligned" / "qoralama" / "index.html").read_text(encoding="utf-8")  # the desk has them: the index must not
    assert HELD_RU in (desk / "aligned" / "oquv-kursi" / "index.html").read_text(encoding="utf-8")
    assert not (root / "out" / "ru" / "oquv-kursi").exists()
    for folder, word in (("uz-latn", "Quyonchaqir"), ("uz-cyrl", "Quyonchaqir"), ("en", "Quyonchaqir"), ("ru", HELD_RU)):
        page = search(browser, base, folder, word)
        # (Pagefind's Russian index answers a word it lacks with pages that hold a part of it: none of them is the held one)
        assert "qoralama" not in " ".join(found(page)) and "oquv-kursi" not in " ".join(found(page)), (folder, word)
        assert word[:6] not in page.locator("#search-results").inner_text(), (folder, word)
        if folder != "ru":
            assert found(page) == [] and page.locator("#search-status").inner_text() != ""


@pytest.mark.parametrize("query", ["Toshkent", "Тошкент", "Toşkent", "TOSHKENT", "oʻquv", "o'quv", "o`quv", "oquv", "ўқув", "öquv"])
@pytest.mark.parametrize("folder", ["uz-latn", "uz-cyrl"])
def test_an_uzbek_query_in_any_script_or_alphabet_finds_the_report(browser, site: tuple[str, Path], folder: str, query: str) -> None:
    page = search(browser, site[0], folder, query)
    assert f"{folder}/oquv-kursi/" in found(page)


def test_the_snippet_is_the_text_as_written_and_never_markup(browser, site: tuple[str, Path]) -> None:
    page = search(browser, site[0], "uz-latn", "xavfli")
    assert found(page) == ["uz-latn/oquv-kursi/"]
    snippet = page.locator("#search-results .snippet").inner_text()
    assert "oʻquv" in snippet and "<img src=x onerror=window.pwned=1>" in snippet  # written text (not the key), shown as text
    assert page.locator("#search-results mark").inner_text() == "xavfli"
    assert page.locator("#search-results img").count() == 0 and page.evaluate("window.pwned") is None
    cyrillic = search(browser, site[0], "uz-cyrl", "oquv")
    assert "ўқув" in cyrillic.locator("#search-results .snippet").inner_text()
    assert cyrillic.locator("#search-results h2").inner_text() == "Тошкентда янги ўқув курси очилди"


def test_the_search_page_has_no_axe_violation_fits_a_phone_and_works_from_the_keyboard(browser, site: tuple[str, Path]) -> None:
    base = site[0]
    for width in (1280, 390):
        page = search(browser, base, "ru", "семинар", width)
        assert found(page)
        wide = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        assert wide[0] <= wide[1], f"the search page at {width} px scrolls sideways: {wide}"
        page.add_script_tag(path=axe_js())
        violations = page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']})).violations
            .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))""")
        assert violations == [], f"search page at {width} px: {violations}"
    page = browser.new_page()
    page.goto(base + "en/")
    page.get_by_role("searchbox").focus()  # the header's box, on every page
    page.keyboard.type("seminar")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/en/search/\?q=seminar"))
    page.wait_for_function("() => document.querySelectorAll('#search-results a').length > 0")
    page.get_by_role("searchbox").focus()
    page.keyboard.press("Tab")  # the button
    page.keyboard.press("Tab")  # the first report found
    assert page.evaluate("document.activeElement.closest('#search-results') !== null")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/en/international-standards-seminar/$"))


def test_a_build_that_changes_no_page_does_not_index_again(tmp_path: Path) -> None:
    root = project(tmp_path)
    first = run(root, "build", "--out", str(root / "out"))
    assert first.code == 0 and "search: index made of 10 page(s)" in first.out, first.out
    again = run(root, "build", "--out", str(root / "out"))
    assert again.code == 0 and "search:" not in again.out
    entries = sorted(p.parent.name for p in (root / "out" / "pagefind").glob("*/pagefind-entry.json"))
    assert entries == ["en", "ru", "uz-cyrl", "uz-latn"]  # an index per language
    index = {p: p.read_bytes() for p in (root / "out" / "pagefind").rglob("*") if p.is_file()}
    full = run(root, "build", "--full", "--out", str(root / "out"))  # made again from the same pages: the same bytes
    assert "search: index made of 10 page(s)" in full.out
    assert {p: p.read_bytes() for p in (root / "out" / "pagefind").rglob("*") if p.is_file()} == index
    po = root / "locales" / "ru" / "LC_MESSAGES" / "oquv-kursi.po"  # a held version's catalogue: no published page changes
    po.write_text(po.read_text(encoding="utf-8").replace("новый учебный курс", "новый курс"), encoding="utf-8")
    assert "search:" not in run(root, "build", "--out", str(root / "out")).out
    source = root / "content" / "2024" / "oquv-kursi" / "index.md"  # a published page changes: made again, the old index's files gone
    source.write_text(source.read_text(encoding="utf-8").replace("ikki hafta", "uch hafta"), encoding="utf-8")
    before = {p.relative_to(root / "out").as_posix(): p.read_bytes() for p in (root / "out" / "pagefind").rglob("*") if p.is_file()}
    third = run(root, "build", "--out", str(root / "out"))
    assert "search: index made of" in third.out, third.out
    after = {p.relative_to(root / "out").as_posix(): p.read_bytes() for p in (root / "out" / "pagefind").rglob("*") if p.is_file()}
    changed = {p.split("/")[1] for p in {*before, *after} if before.get(p) != after.get(p)}
    made = re.search(r"search: index made of \d+ page\(s\) \(([^)]*)\)", third.out)
    assert made and changed == {part.split()[0] for part in made.group(1).split(", ")}, (changed, third.out)  # the languages made again, and only those
    assert "uz-latn" in changed and len(changed) < 4
    assert len([p for p in after if p.endswith(".pf_meta")]) == 4  # the old files of an index made again: gone


def test_a_site_indexed_as_one_bundle_gets_an_index_per_language_and_loses_the_old_files(tmp_path: Path) -> None:
    """A site built before the index per language: its one bundle (pagefind/pagefind.js, …) is replaced, not left beside the new ones."""
    root = project(tmp_path)
    out = root / "out"
    assert run(root, "build", "--out", str(out)).code == 0
    state = next(root.rglob("search.json"))  # beside the build's manifest
    old = ["pagefind/pagefind-entry.json", "pagefind/pagefind.js", "pagefind/fragment/en_0a1b2c.pf_fragment"]
    for path in old:
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_bytes(b"an index of before")
    state.write_text(json.dumps({"pages": {}, "files": old, "words": 100}), encoding="utf-8")  # search.json as the last release wrote it
    again = run(root, "build", "--out", str(out))
    assert again.code == 0 and "search: index made of 10 page(s)" in again.out, again.out
    assert not any((out / path).exists() for path in old)
    assert sorted(p.parent.name for p in (out / "pagefind").glob("*/pagefind-entry.json")) == ["en", "ru", "uz-cyrl", "uz-latn"]
    assert "search:" not in run(root, "build", "--out", str(out)).out  # and then it stands


def test_a_failed_index_refuses_the_build_and_leaves_the_site_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = project(tmp_path)
    out = root / "out"
    assert run(root, "build", "--out", str(out)).code == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    source = root / "content" / "2024" / "oquv-kursi" / "index.md"
    source.write_text(source.read_text(encoding="utf-8").replace("ikki hafta", "uch hafta"), encoding="utf-8")
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/bin/false")  # a Pagefind that stops at once
    for args in ((), ("--full",)):
        failed = run(root, "build", "--out", str(out), *args)
        assert failed.code == 2 and "Traceback" not in failed.out + failed.err
        assert "[tool.tarjima.site] search: Pagefind stopped before the index was made" in failed.err, failed.err
        assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; img-src 'self' data:"  # docs/site.md#search


def test_search_works_under_the_content_security_policy_the_docs_give(browser, site: tuple[str, Path]) -> None:
    page = browser.new_page()
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)

    def with_policy(route) -> None:  # type: ignore[no-untyped-def]
        response = route.fetch()
        route.fulfill(response=response, headers={**response.headers, "content-security-policy": CSP})

    page.route("**/*", with_policy)
    page.goto(site[0] + "uz-cyrl/search/?q=Toshkent")
    page.wait_for_function("() => document.querySelectorAll('#search-results a').length > 0")
    assert re.sub(r"^(\.\./)+", "", page.locator("#search-results a").first.get_attribute("href") or "") == "uz-cyrl/oquv-kursi/"
    assert refused == []


def test_search_words_sets_how_deep_the_index_reads_and_a_change_of_it_makes_the_index_again(tmp_path: Path) -> None:
    from tarjima.search.pages import record

    body = " ".join(f"w{i}" for i in range(300))
    page = f'<html><body><article data-pagefind-body><h1>Title</h1><p>{body}</p></article></body></html>'
    assert record("en/x/index.html", page, "en", 100).content.split()[-1] == "w98"  # type: ignore[union-attr]  # the title's word, then 99
    assert record("en/x/index.html", page, "en", 0).content.split()[-1] == "w299"  # type: ignore[union-attr]  # every word
    root = project(tmp_path)
    assert "search: index made of" in run(root, "build", "--out", str(root / "out")).out
    config = root / "pyproject.toml"
    text = re.sub(r"(?m)^search_words = .*\n", "", config.read_text(encoding="utf-8"))
    config.write_text(re.sub(r"(?m)^search = true.*$", "search = true\nsearch_words = 7", text, count=1), encoding="utf-8")
    again = run(root, "build", "--out", str(root / "out"))
    assert again.code == 0 and "search: index made of" in again.out, again.out  # no page changed, the index's depth did
    config.write_text(config.read_text(encoding="utf-8").replace("search_words = 7", "search_words = -1"), encoding="utf-8")
    bad = run(root, "build", "--out", str(root / "out"))
    assert bad.code == 2 and "`search_words` must be a whole number" in bad.err and "Traceback" not in bad.err


def test_a_language_with_no_published_report_has_no_index_and_its_search_finds_nothing(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Russian not translated yet (a new project): no index is made for it, and its search page says "nothing found", not "not available"."""
    root = tmp_path / "project"
    root.mkdir()
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    for name in ("content", "locales", "templates"):  # (no published/: nothing was ever online, so no earlier text stays)
        shutil.copytree(ROOT / name, root / name)
    for po in (root / "locales" / "ru" / "LC_MESSAGES").glob("*.po"):
        if po.name != "_site.po":
            po.unlink()
    assert run(root, "update").code == 0  # empty Russian catalogues: below the threshold, held
    base, server = served(root, root / "out")
    try:
        assert not (root / "out" / "pagefind" / "ru").exists() and (root / "out" / "pagefind" / "en" / "pagefind-entry.json").is_file()
        page = search(browser, base, "ru", "семинар")
        assert page.text_content("#search-status") == "Ничего не найдено." and found(page) == []
        assert found(search(browser, base, "en", "seminar")) != []
    finally:
        server.shutdown()  # type: ignore[attr-defined]
