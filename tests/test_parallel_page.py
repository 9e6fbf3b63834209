"""The reader's parallel page (parallel = true): the published versions side by side, and nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html

from conftest import run

SLUG = "international-standards-seminar"


def columns(page: Path) -> list[str]:
    return html.fromstring(page.read_bytes()).xpath("//table[contains(@class, 'parallel')]/thead/tr/th/@lang")


@pytest.mark.slow
def test_each_published_version_has_a_parallel_page_with_every_published_version(shipped: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert run(shipped, "build", "--out", str(out)).code == 0
    pages = sorted(p.relative_to(out).as_posix() for p in out.glob(f"*/{SLUG}/parallel/index.html"))
    assert pages == [f"{folder}/{SLUG}/parallel/index.html" for folder in ("en", "ru", "uz-cyrl", "uz-latn")]
    ru = out / f"ru/{SLUG}/parallel/index.html"
    assert columns(ru) == ["en", "uz-Latn", "uz-Cyrl", "ru"]  # the source first
    tree = html.fromstring(ru.read_bytes())
    assert tree.get("lang") == "ru" and "Параллельный текст" in tree.findtext(".//title")
    first = tree.xpath("//tbody/tr[1]/td")
    assert [td.get("lang") for td in first] == ["en", "uz-Latn", "uz-Cyrl", "ru"] and all(td.text_content().strip() for td in first)
    report = (out / f"ru/{SLUG}/index.html").read_text(encoding="utf-8")
    assert '<a href="../../ru/international-standards-seminar/parallel/">Читать параллельно на всех языках</a>' in report
    sitemaps = "".join(p.read_text(encoding="utf-8") for p in out.rglob("sitemap*.xml"))
    assert "/parallel/" not in sitemaps


@pytest.mark.slow
def test_a_held_version_is_not_a_column_and_a_version_shown_in_part_marks_its_fallbacks(shipped: Path, tmp_path: Path) -> None:
    ru = shipped / f"locales/ru/LC_MESSAGES/{SLUG}.po"
    text = ru.read_text(encoding="utf-8")
    held = "Работа семинара продолжится 11 декабря."
    assert held in text
    ru.write_text(text.replace(held, "Работа семинара продолжится 12 декабря."), encoding="utf-8")  # a changed number: held by check
    uz = shipped / f"locales/uz_Latn/LC_MESSAGES/{SLUG}.po"
    lines = uz.read_text(encoding="utf-8").split("\n")
    last = max(i for i, line in enumerate(lines) if line.startswith("msgstr ") and line != 'msgstr ""')
    lines[last] = 'msgstr ""'  # one passage untranslated: published at 90% with the source shown there
    uz.write_text("\n".join(lines), encoding="utf-8")
    config = shipped / "pyproject.toml"
    config.write_text(config.read_text(encoding="utf-8").replace('default_language = "uz-Latn"', 'default_language = "uz-Latn"\npublish_threshold = 90'), encoding="utf-8")
    out = tmp_path / "site"
    result = run(shipped, "build", "--out", str(out))
    assert result.code == 0 and "stays online until this one is ready: held" in result.out, result.out
    page = out / f"en/{SLUG}/parallel/index.html"
    assert "ru" not in columns(page) and not (out / f"ru/{SLUG}/parallel").exists()  # (its last published text stays online, but is not aligned)
    assert "12 декабря" not in page.read_text(encoding="utf-8")
    fallbacks = html.fromstring(page.read_bytes()).xpath("//td[@class='fallback']")
    assert fallbacks and all(td.get("lang") == "en" for td in fallbacks)  # the source shown where uz-Latn has no text, in the source's language


@pytest.mark.slow
def test_without_the_setting_there_is_no_parallel_page_and_no_link(shipped: Path, tmp_path: Path) -> None:
    config = shipped / "pyproject.toml"
    config.write_text(config.read_text(encoding="utf-8").replace("parallel = true", "parallel = false"), encoding="utf-8")
    out = tmp_path / "site"
    assert run(shipped, "build", "--out", str(out)).code == 0
    assert not list(out.rglob("parallel")) and "parallel/" not in (out / f"ru/{SLUG}/index.html").read_text(encoding="utf-8")
