"""`tarjima new` knows every slug (file stems, bundle folders, `slug:` overrides) and makes page bundles."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import report, run, snapshot
from photos_fixture import camera_jpeg


@pytest.mark.parametrize(("files", "owner"), [
    ({"content/2024/visit/index.md": report(title="Visit")}, "content/2024/visit/index.md"),  # a page bundle's folder
    ({"content/2024/other-name.md": report(title="Visit", slug="visit")}, "content/2024/other-name.md"),  # a slug: override
    ({"content/2024/visit.md": report(title="Visit")}, "content/2024/visit.md"),  # a file's stem, in another year
    ({"content/2024/visit.md": "---\ntitle: [broken\n---\n"}, "content/2024/visit.md"),  # a source refused as bad input still holds its name
])
def test_new_refuses_a_slug_any_report_has_with_one_line(project, files: dict[str, str], owner: str) -> None:
    root = project(files)
    before = snapshot(root)
    for extra in ((), ("--bundle",)):
        result = run(root, "new", "--lang", "en", "--date", "2026-03-14", "Visit", *extra)
        where = "content/2026/visit/index.md" if extra else "content/2026/visit.md"
        assert result.code == 2
        assert result.err == f"error: {where}: a report with slug 'visit' already exists: {owner} (pass --slug to choose another)\n"
        assert snapshot(root) == before


def test_new_bundle_makes_a_page_bundle_whose_photo_is_published(project, tmp_path: Path) -> None:
    root = project({"content/2024/x.md": report()})
    result = run(root, "new", "--lang", "en", "--date", "2026-03-14", "--bundle", "Visit of the delegation")
    assert result.code == 0, result.err
    assert result.out == "created content/2026/visit-of-the-delegation/index.md (put its photos in the same folder)\n"
    index = root / "content/2026/visit-of-the-delegation/index.md"
    text = index.read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: Visit of the delegation\ndate: 2026-03-14\nlang: en\n") and "beside this file" in text
    index.write_text(text + "\nThe delegation arrived.\n\n![The delegation in the hall](hall.jpg)\n", encoding="utf-8")
    (index.parent / "hall.jpg").write_bytes(camera_jpeg())
    assert run(root, "update").code == 0
    assert (root / "locales/templates/visit-of-the-delegation.pot").is_file()
    out = tmp_path / "site"
    assert run(root, "build", "--out", str(out)).code == 0
    page = (out / "en/visit-of-the-delegation/index.html").read_text(encoding="utf-8")
    assert "The delegation arrived." in page and "<figure" in page
    assert list((out / "media/visit-of-the-delegation").glob("hall-*.webp"))
    again = run(root, "new", "--lang", "en", "--date", "2027-01-01", "Visit of the delegation")
    assert again.code == 2 and "already exists: content/2026/visit-of-the-delegation/index.md" in again.err
    chosen = run(root, "new", "--lang", "en", "--date", "2027-01-01", "--slug", "second-visit", "Visit of the delegation")
    assert chosen.code == 0 and (root / "content/2027/second-visit.md").is_file()


def test_new_refuses_a_slug_that_is_not_one(project) -> None:
    root = project()
    result = run(root, "new", "--lang", "en", "--slug", "Visit/../../x", "Visit")
    assert result.code == 2
    assert result.err == "error: --slug: 'Visit/../../x' is not a valid slug (use lowercase a-z, 0-9 and hyphens, e.g. --slug icrc-seminar)\n"
    assert not (root / "content").exists()


def test_new_help_names_the_bundle_and_the_slug_rule(project) -> None:
    shown = run(project(), "new", "--help").out
    assert "--bundle" in shown and "content/YEAR/SLUG/index.md" in shown and "bundle's folder" in shown


def test_a_slug_that_is_a_site_page_is_refused_by_new_and_by_every_command(project, tmp_path: Path) -> None:
    """A report at <language>/search/ would be overwritten by the search page (or overwrite it): refused in one line, before anything is written."""
    from tarjima.search import PAGE
    from tarjima.site.pages.listings import ARCHIVE
    from tarjima.site.pages.report import TAGS
    from tarjima.sources import RESERVED_SLUGS

    assert set(RESERVED_SLUGS) == {PAGE, ARCHIVE, TAGS}  # the names of a language folder's own pages, in one list
    root = project({"content/2024/x.md": report()})
    made = run(root, "new", "--lang", "en", "--date", "2026-03-14", "Search")
    assert made.code == 2 and made.err == ("error: --slug: slug 'search' is the address of the site's own search page in every language "
                                           "(pass another, e.g. --slug search-2026)\n")
    assert not (root / "content/2026").exists()
    (root / "content/2024/tags.md").write_text(report(title="Tags of the year"), encoding="utf-8")
    for args in (("update",), ("status",), ("build", "--out", str(tmp_path / "site"))):
        refused = run(root, *args)
        assert refused.code == 2 and "Traceback" not in refused.err, (args, refused.err)
        assert "content/2024/tags.md:1: slug 'tags' is the address of the site's own tags page in every language (give the report another, e.g. 'slug: tags-2024'" in refused.err, (args, refused.err)
    assert not (tmp_path / "site").exists()
