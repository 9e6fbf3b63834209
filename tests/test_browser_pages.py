"""Every page type in the real Chromium: axe-core finds no accessibility violation, nothing scrolls sideways on a phone,
the browser picks a photo width from srcset; screenshots at 1280 and 390 px are kept in build/screenshots/."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

import pytest

from test_browser import SHOTS, browser, open_page, served  # noqa: F401  (browser: the fixture)

pytestmark = pytest.mark.slow  # Chromium and axe on every page type

PAGES = {
    "chooser": "",
    "front": "ru/",
    "month": "ru/archive/2024-07/",
    "tag": "uz-latn/tags/human-rights/",
    "report": "en/human-trafficking-conference/",
    "report-ru": "ru/international-standards-seminar/",
    "aligned": "_desk/aligned/international-standards-seminar/",
    "parallel": "ru/international-standards-seminar/parallel/",
}


def axe_js() -> str:
    path = os.environ.get("AXE_JS") or str(Path.home() / ".cache/tarjima-ci/node_modules/axe-core/axe.min.js")
    if not Path(path).exists():
        pytest.fail("axe-core is not installed: run .ci/run (npm axe-core)")
    return path


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import shutil

    from conftest import ROOT

    root = tmp_path_factory.mktemp("shipped")
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    for name in ("content", "locales", "templates", "published"):
        shutil.copytree(ROOT / name, root / name)
    base, server = served(root, root / "out")
    yield base
    server.shutdown()  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_type_has_no_axe_violation_and_no_sideways_scroll_on_a_phone(browser, site: str, name: str) -> None:
    page, errors = open_page(browser, site + PAGES[name])
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => r()))")
        wide = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        assert wide[0] <= wide[1], f"{name} at {width} px scrolls sideways: {wide}"
        page.add_script_tag(path=axe_js())
        violations = page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']})).violations
            .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))""")
        assert violations == [], f"{name} at {width} px: {violations}"
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
    assert errors == []


@pytest.mark.parametrize(("width", "expected"), [(390, "-480.webp"), (1280, "-800.webp")])
def test_the_browser_picks_a_photo_width_from_srcset(browser, site: str, width: int, expected: str) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900}, device_scale_factor=1)
    page.goto(site + "ru/international-standards-seminar/")
    photo = page.locator("figure.photo img").first
    photo.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.currentSrc", arg=photo.element_handle())
    assert photo.evaluate("img => img.currentSrc").endswith(expected)
    alt = photo.get_attribute("alt")
    assert alt and alt.startswith("Иллюстрация")  # the translated alt text


def test_the_aligned_view_stacks_its_cells_on_a_phone(browser, site: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 900})
    page.goto(site + PAGES["aligned"])
    cells = page.locator("table.aligned tbody tr").first.locator("td")
    boxes = [cells.nth(i).bounding_box() for i in range(cells.count())]
    assert all(b is not None and b["width"] > 300 for b in boxes)  # one above the other, each the width of the phone
