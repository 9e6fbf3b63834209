"""`build --format markdown` gives files a Markdown viewer opens with their pictures: the site's copies of the photos
(metadata left behind) beside the language folders, and every segment shown in the source's language marked."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from markdown_it import MarkdownIt
from PIL import Image

from conftest import read_po, report, run, snapshot, translate_po, write_tree
from photos_fixture import SECRETS, camera_jpeg
from test_browser import browser  # noqa: F401  (the fixture: Debian's Chromium via Playwright)

CONFIG = 'languages = ["uz-Latn", "ru", "en"]\ndefault_language = "uz-Latn"\nhold_check_errors = false\npublish_threshold = 50\n'
BODY = """The seminar opened on Monday with a lecture on the use of force.

![A hall with a banner](hall.jpg "The opening")

## The second day

Experts of the Red Cross led the second day.

![A round table](<Зал 2.jpg>)
![A panel](panel.jpg "The panel")

| Day | Theme |
|---|---|
| Monday | Standards |
"""
LEFT = ("A lecture for cadets.", "Experts of the Red Cross led the second day.", "Standards")  # not translated into Russian yet
LINK_RE = re.compile(r"!\[[^\]]*\]\(([^ )]+)")


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    root = write_tree(tmp_path / "proj", {
        "tarjima.toml": CONFIG,
        "content/2024/seminar/index.md": report(title="A seminar", body=BODY, summary=LEFT[0], cover="cover.jpg"),
        "content/2024/plain.md": report(title="Plain report", body="Text only, with [a link](https://example.org/).\n"),
    })
    folder = root / "content/2024/seminar"
    for name, size in (("hall.jpg", (1600, 1000)), ("Зал 2.jpg", (900, 600)), ("panel.jpg", (1300, 800)), ("cover.jpg", (1400, 900))):
        (folder / name).write_bytes(camera_jpeg(*size))
    assert run(root, "update").code == 0
    for slug in ("seminar", "plain"):
        po = root / f"locales/ru/LC_MESSAGES/{slug}.po"
        translate_po(po, {e.msgid: "RU " + e.msgid for e in read_po(po).entries if e.msgid and e.msgid not in LEFT})
    return root


def exported(root: Path, out: Path) -> dict[str, str]:
    result = run(root, "build", "--format", "markdown", "--out", str(out))
    assert result.code == 0, result.err
    return {p.relative_to(out).as_posix(): p.read_text(encoding="utf-8") for p in out.rglob("*.md")}


def test_every_picture_of_the_export_is_a_file_beside_it_without_metadata(bundle: Path, tmp_path: Path) -> None:
    out = tmp_path / "md"
    files = exported(bundle, out)
    assert set(files) == {"en/seminar.md", "en/plain.md", "ru/seminar.md", "ru/plain.md"}
    for rel in ("en/seminar.md", "ru/seminar.md"):
        text = files[rel]
        links = LINK_RE.findall(text)
        cover = yaml.safe_load(text.split("---\n")[1])["cover"]
        assert len(links) == 3 and cover not in links, links
        for link in (*links, cover):
            assert re.fullmatch(r"\.\./media/seminar/[a-z0-9-]+-[0-9a-f]{8}-\d+\.jpg", link), link  # the site's name of its widest JPEG
            assert (out / rel).parent.joinpath(link).resolve().is_file(), (rel, link)
    photos = sorted((out / "media/seminar").iterdir())
    assert [p.suffix for p in photos] == [".jpg"] * 4  # one copy a photo, shared by the languages: the body's three and the cover
    for path in photos:
        data = path.read_bytes()
        with Image.open(path) as image:
            assert not image.getexif() and not {"exif", "xmp", "icc_profile", "comment"} & set(image.info), path
        assert not any(secret in data for secret in SECRETS) and b"Exif" not in data, path
    assert {p.name.split("-")[0] for p in photos} == {"hall", "zal", "panel", "cover"}
    assert "](https://example.org/)" in files["ru/plain.md"] and not (out / "media/plain").exists()  # a plain report keeps its links


def test_a_segment_shown_in_the_source_language_is_marked_in_the_export(bundle: Path, tmp_path: Path) -> None:
    files = exported(bundle, tmp_path / "md")
    text = files["ru/seminar.md"]
    front = yaml.safe_load(text.split("---\n")[1])
    assert front["summary"] == LEFT[0]
    assert front["fallback"] == {"lang": "en", "segments": ["summary", "b5", "b12"]}  # the summary, a paragraph, a table cell
    body = text.split("---\n", 2)[2]
    assert body.startswith("\n> 3 фрагмента этой версии ещё не переведены и показаны на языке оригинала (английский).\n\n")
    assert '\n<span lang="en" class="fallback">Experts of the Red Cross led the second day.</span>\n' in body
    assert '| RU Monday | <span lang="en" class="fallback">Standards</span> |' in body
    assert "\n## RU The second day\n" in body and "RU The seminar opened" in body
    html = MarkdownIt("commonmark").enable("table").render(body)  # as a Markdown viewer shows it
    assert '<p><span lang="en" class="fallback">Experts of the Red Cross led the second day.</span></p>' in html
    for rel in ("en/seminar.md", "ru/plain.md"):  # the source, and a version translated in full: nothing to mark
        assert "fallback" not in files[rel] and "\n> " not in files[rel], rel


def test_a_missing_photo_refuses_the_export_in_one_line(bundle: Path, tmp_path: Path) -> None:
    out = tmp_path / "md"
    exported(bundle, out)
    before = snapshot(out)
    (bundle / "content/2024/seminar/panel.jpg").unlink()
    result = run(bundle, "build", "--format", "markdown", "--out", str(out))
    assert result.code == 2 and "Traceback" not in result.err
    lines = [l for l in result.err.splitlines() if l.strip()]
    assert len(lines) == 1 and "panel.jpg" in lines[0] and "not found" in lines[0], result.err
    assert snapshot(out) == before


@pytest.mark.slow
def test_the_export_opens_in_a_markdown_viewer_with_its_pictures(browser, bundle: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Each file rendered as a Markdown viewer does (CommonMark, beside the file, so its links resolve from there), in Chromium."""
    out = tmp_path / "md"
    files = exported(bundle, out)
    for rel, text in files.items():
        body = text.split("---\n", 2)[2]
        page = (out / rel).with_suffix(".html")
        page.write_text(f'<!DOCTYPE html><html lang="{rel.split("/")[0]}"><meta charset="utf-8"><title>{rel}</title>'
                        + MarkdownIt("commonmark").enable("table").render(body), encoding="utf-8")
        view = browser.new_page()
        view.goto(page.as_uri(), wait_until="load")
        images = view.eval_on_selector_all("img", "els => els.map(e => [e.getAttribute('src'), e.complete && e.naturalWidth])")
        assert all(width for _, width in images), (rel, images)
        if rel == "ru/seminar.md":
            assert len(images) == 3 and view.locator("span.fallback[lang=en]").count() == 2
        view.close()
