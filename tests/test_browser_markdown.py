"""Footnotes and raw HTML wrappers as a reader gets them (issue 36), in the real Chromium: a reference takes the reader
to its note and the note's back-link brings them back; a translated note box is shown inside its wrapper; axe finds
no violation. A screenshot is kept in build/screenshots/."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from conftest import report, run, translate_po
from test_browser import SHOTS, browser, open_page, served  # noqa: F401  (browser: the fixture)
from test_browser_pages import axe_js

pytestmark = pytest.mark.slow  # Chromium

BODY = """The seminar[^1] opened with a talk[^talk].

<div class="note">
The hall is <em>closed</em> on Sunday.
</div>

As said before[^1], it ended on time.

[^1]: Held at the *Academy*.
[^talk]: By the director, in Uzbek.
"""

RU = {
    "A seminar": "Семинар",
    "The seminar[^1] opened with a talk[^talk].": "Семинар[^1] открылся докладом[^talk].",
    "The hall is <em>closed</em> on Sunday.": "Зал <em>закрыт</em> в воскресенье.",
    "As said before[^1], it ended on time.": "Как сказано[^1], он закончился вовремя.",
    "Held at the *Academy*.": "Прошёл в *Академии*.",
    "By the director, in Uzbek.": "Доклад директора, на узбекском.",
}


@pytest.fixture
def site(project, tmp_path: Path) -> Iterator[str]:
    root = project({"content/x.md": report(body=BODY)}, config='languages = ["en", "ru"]\ndefault_language = "en"\n')
    assert run(root, "update").code == 0
    translate_po(root / "locales/ru/LC_MESSAGES/x.po", RU)
    base, server = served(root, tmp_path / "out")
    yield base
    server.shutdown()  # type: ignore[attr-defined]


def test_a_footnote_reference_and_its_back_link_take_the_reader_there_and_back(browser, site: str) -> None:
    page, errors = open_page(browser, site + "ru/x/")
    page.set_viewport_size({"width": 390, "height": 500})
    assert page.locator("div.note").inner_text().strip() == "Зал закрыт в воскресенье."
    page.locator("sup.footnote-ref a").nth(2).click()  # the second use of note 1
    page.wait_for_url("**/ru/x/#fn1")
    note = page.locator("li#fn1")
    assert note.inner_text().startswith("Прошёл в Академии.") and note.is_visible()
    assert page.evaluate("() => document.getElementById('fn1').getBoundingClientRect().top") < 500  # scrolled to it
    note.locator("a.footnote-backref").nth(1).click()  # back to where the reader was
    page.wait_for_url("**/ru/x/#fnref1:1")
    assert page.evaluate("() => Math.abs(document.getElementById('fnref1:1').getBoundingClientRect().top)") < 500
    page.set_viewport_size({"width": 1280, "height": 900})
    page.add_script_tag(path=axe_js())
    violations = page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']})).violations
        .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))""")
    assert violations == []
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "footnotes-ru-1280.png"), full_page=True)
    assert errors == []
