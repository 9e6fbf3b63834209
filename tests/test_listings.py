"""Listing pages after an edit: only the pages that show a changed version are keyed and rendered again,
and the site is the one a full build makes (a generated archive: many months, tags with year pages)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import polib
import pytest

from conftest import desk_of, run, snapshot
from tarjima.site import build as site_build
from tarjima.site.pages import listings

pytestmark = pytest.mark.slow  # a generated archive, built three times

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
REPORTS = 320  # enough for tags of more than TAG_LATEST reports in a language (their year pages)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("listings") / "archive"
    subprocess.run([sys.executable, str(BENCHMARKS / "generate.py"), "--reports", str(REPORTS), "--seed", "5", "--out", str(out)], check=True, capture_output=True)
    return out


def retitle(po_path: Path, title: str) -> str:
    """Give the translated title of a catalogue a new text, as a translator's tool saves it; return the old one."""
    po = polib.pofile(str(po_path))
    entry = next(e for e in po if "title" in e.comment and e.msgstr and not e.fuzzy)
    old, entry.msgstr = entry.msgstr, title
    po.save()
    return old


def test_a_changed_title_rekeys_only_the_pages_that_show_it_and_the_site_is_a_full_builds(generated: Path, tmp_path: Path,
                                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    out, fresh = tmp_path / "a/site", tmp_path / "b/site"
    assert run(generated, "build", "--out", str(out)).code == 0
    pages = {p.relative_to(out).as_posix() for p in out.rglob("*.html")}
    assert any(p.count("/") == 4 and "/tags/" in p for p in pages)  # (the archive has tag year pages: ru/tags/x/2019/index.html)

    # Two translators retitle a version each; the listings must show the new titles.
    done = [po for po in sorted((generated / "locales/ru/LC_MESSAGES").glob("*.po")) if "#, fuzzy" not in po.read_text(encoding="utf-8")]
    first, second = done[0], done[len(done) // 2]
    retitle(first, "Первый исправленный заголовок")
    retitle(second, "Второй исправленный заголовок")

    asked: list[object] = []
    real = listings.listing_files
    monkeypatch.setattr(site_build, "listing_files", lambda *a, **k: asked.append(k.get("want")) or real(*a, **k))
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    assert run(generated, "build", "--out", str(out)).code == 0
    wanted = [w for w in asked if w is not None]
    assert asked and len(wanted) == len(asked)  # only the pages of the changed versions were keyed again
    assert wanted[0].languages == {"ru"}  # type: ignore[attr-defined]
    written = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and before.get(p) != p.stat().st_mtime_ns}
    listing_pages = {p for p in written if p.startswith(("ru/archive/", "ru/tags/", "en/", "uz-latn/", "sitemaps/")) or p in ("ru/index.html", "ru/feed.xml")}
    assert not {p for p in listing_pages if p.startswith(("en/", "uz-latn/"))}  # no other language's listing
    assert any(p.startswith("ru/archive/") for p in listing_pages) and any(p.startswith("ru/tags/") for p in listing_pages)
    shown = "".join((out / p).read_text(encoding="utf-8") for p in listing_pages if p.endswith(".html"))
    assert "Первый исправленный заголовок" in shown and "Второй исправленный заголовок" in shown

    monkeypatch.undo()
    assert run(generated, "build", "--out", str(fresh), "--full").code == 0
    assert snapshot(out) == snapshot(fresh) and snapshot(desk_of(out)) == snapshot(desk_of(fresh))


def test_a_changed_tag_moves_a_version_between_pages_and_every_key_is_made_again(generated: Path, tmp_path: Path,
                                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    out, fresh = tmp_path / "a/site", tmp_path / "b/site"
    assert run(generated, "build", "--out", str(out)).code == 0
    source = next(p for p in sorted((generated / "content").rglob("*.md")) if "tags: [" in p.read_text(encoding="utf-8"))
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("tags: [", "tags: [moved-here, ", 1), encoding="utf-8")
    asked: list[object] = []
    real = listings.listing_files
    monkeypatch.setattr(site_build, "listing_files", lambda *a, **k: asked.append(k.get("want")) or real(*a, **k))
    assert run(generated, "build", "--out", str(out)).code == 0
    assert None in asked  # a Row changed its shape: every listing keyed again
    monkeypatch.undo()
    assert run(generated, "build", "--out", str(fresh), "--full").code == 0
    assert snapshot(out) == snapshot(fresh) and snapshot(desk_of(out)) == snapshot(desk_of(fresh))
    assert any("moved-here" in p.as_posix() for p in out.rglob("index.html"))
