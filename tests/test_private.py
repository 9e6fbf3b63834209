"""Private by construction: what is not cleared for readers is on the editors' desk and nowhere in the public output.

A unique marker is planted in each private thing (a translator's comment, a reviewer's name, a
machine draft, the text of a version held back by a check, the title of a draft report, a
folder of a source's path), then the project is built as HTML and as both public exports
(Markdown, JSON). Every marker must be on the desk; none may be anywhere in the public
folders: not in a page, feed, sitemap or export, not in a file's name.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import ROOT, desk_of, read_po, run, write_tree
from photos_fixture import camera_jpeg

MARKERS = {
    "comment": "Zqcommentqz",
    "reviewer": "Zqreviewerqz",
    "machine draft": "Zqmachinedraftqz",
    "held version": "Zqheldversionqz",
    "draft report": "Zqdrafttitleqz",
    "file path": "zqpathqz",
    "draft photo": "zqdraftphotoqz",
}
SEMINAR, CONFERENCE = "international-standards-seminar", "human-trafficking-conference"


def edit_catalogue(path: Path, change) -> None:  # type: ignore[no-untyped-def]
    """Rewrite one catalogue through tarjima's own reader and writer, ``change`` mapping each entry to its new form."""
    from tarjima.po.write import dumps

    catalog = read_po(path)
    path.write_text(dumps(replace(catalog, entries=tuple(change(e) for e in catalog.entries))), encoding="utf-8")


def plant(root: Path) -> None:
    """Put each marker where an editor's project would have such a thing (the shipped two reports must be in ``root``)."""
    ru, en = (root / f"locales/{lang}/LC_MESSAGES" for lang in ("ru", "en"))
    first = read_po(ru / f"{SEMINAR}.po").entries[0].msgid
    # A translator's comment on a published Russian entry.
    edit_catalogue(ru / f"{SEMINAR}.po", lambda e: replace(e, translator_comments=(*e.translator_comments, f"{MARKERS['comment']}: please check the name")) if e.msgid == first else e)
    # A machine draft in English: fuzzy, with the machine translation comment (the English version is then not published).
    conference_first = read_po(en / f"{CONFERENCE}.po").entries[-1].msgid
    edit_catalogue(en / f"{CONFERENCE}.po", lambda e: replace(
        e, msgstr=f"{MARKERS['machine draft']} {e.msgstr}", flags=(*e.flags, "fuzzy"),
        translator_comments=("machine translation (libre), review before publishing",)) if e.msgid == conference_first else e)
    # A Russian translation that gets a number wrong: the version is held back by check's error.
    held = next(e for e in read_po(ru / f"{CONFERENCE}.po").entries if any(ch.isdigit() for ch in e.msgid) and e.msgstr)
    edit_catalogue(ru / f"{CONFERENCE}.po", lambda e: replace(e, msgstr=f"{MARKERS['held version']} 999999 {e.msgstr}") if e.msgid == held.msgid else e)
    # A draft report, and a report whose source lies in a folder of its own.
    write_tree(root, {
        "content/2024/planned-visit/index.md": f"---\ntitle: {MARKERS['draft report']} visit\ndate: 2024-12-20\nlang: en\ndraft: true\n---\n\nA visit is planned.\n\n"
                                               f"![The guests]({MARKERS['draft photo']}.jpg)\n",
        f"content/{MARKERS['file path']}/2024/open-day.md": "---\ntitle: Open day\ndate: 2024-11-02\nlang: en\n---\n\nThe Academy held an open day.\n",
    })
    (root / f"content/2024/planned-visit/{MARKERS['draft photo']}.jpg").write_bytes(camera_jpeg(640, 480, colour=(0, 90, 160), seed=7))
    assert run(root, "update").code == 0
    reviewed = run(root, "review", SEMINAR, "--lang", "ru", "--by", MARKERS["reviewer"])
    assert reviewed.code == 0, reviewed.err


def public_and_desk(root: Path, out: Path) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """Build the site (its desk beside it) and the two public exports; every public file and every desk file."""
    for args in ((), ("--format", "markdown"), ("--format", "json")):
        target = out if not args else out.parent / args[1]
        result = run(root, "build", "--out", str(target), *args)
        assert result.code == 0, result.out + result.err
    public = {f"{folder.name}/{p.relative_to(folder).as_posix()}": p.read_bytes()
              for folder in (out, out.parent / "markdown", out.parent / "json") for p in folder.rglob("*") if p.is_file()}
    desk = {p.relative_to(desk_of(out)).as_posix(): p.read_bytes() for p in desk_of(out).rglob("*") if p.is_file()}
    return public, desk


def assert_private(public: dict[str, bytes], desk: dict[str, bytes]) -> None:
    on_desk = b"\n".join(desk.values())
    for what, marker in MARKERS.items():
        assert marker.encode() in on_desk or what == "draft photo", f"the {what} is not on the desk"  # (the desk shows no photo files)
        leaks = [path for path, data in public.items() if marker.lower().encode() in data.lower() or marker.lower() in path.lower()]
        assert leaks == [], f"the {what} ({marker}) reached the public output: {leaks[:5]}"


def test_nothing_private_reaches_the_public_output_of_the_shipped_project(shipped: Path, tmp_path: Path) -> None:
    plant(shipped)
    out = tmp_path / "site"
    public, desk = public_and_desk(shipped, out)
    assert_private(public, desk)
    # The public site has the published versions and nothing of the desk: no page, no link, no sitemap entry.
    assert (out / "ru" / SEMINAR / "index.html").is_file() and (out / "en/open-day/index.html").is_file()
    for held in (out / "ru" / CONFERENCE / "index.html", out / "en" / CONFERENCE / "index.html"):  # the text last published stays online (site.pages.kept)
        assert "as published on" in held.read_text(encoding="utf-8") or "в редакции от" in held.read_text(encoding="utf-8")
    assert not (out / "en/planned-visit").exists() and (desk_of(out) / "aligned/planned-visit/index.html").is_file()
    for path, data in public.items():
        assert not re.search(rb'(?:href|src)="[^"]*(?:_status|aligned/|desk)', data), path
    for page in (desk_of(out) / "aligned" / SEMINAR / "index.html", desk_of(out) / "_status/index.html"):
        assert '<meta name="robots" content="noindex, nofollow">' in page.read_text(encoding="utf-8")
    assert not (out / "robots.txt").exists()  # a robots.txt naming the desk would advertise it


@pytest.mark.slow
def test_nothing_private_reaches_the_public_output_of_a_generated_archive(shipped: Path, tmp_path: Path) -> None:
    root = tmp_path / "archive"
    made = subprocess.run([sys.executable, str(ROOT / "benchmarks/generate.py"), "--reports", "500", "--seed", "1", "--out", str(root)],
                          capture_output=True, text=True, check=False)
    assert made.returncode == 0, made.stderr
    for rel in (f"content/2024/{SEMINAR}", f"content/2024/{CONFERENCE}"):  # the shipped reports, with their photos and catalogues
        shutil.copytree(shipped / rel, root / rel)
    for lang in ("uz_Latn", "ru", "en"):
        for slug in (SEMINAR, CONFERENCE):
            source = shipped / f"locales/{lang}/LC_MESSAGES/{slug}.po"
            if source.is_file():
                shutil.copy(source, root / f"locales/{lang}/LC_MESSAGES/{slug}.po")
    assert run(root, "update").code == 0
    plant(root)
    public, desk = public_and_desk(root, tmp_path / "site")
    assert sum(1 for p in public if p.startswith("site/") and p.endswith("/index.html")) > 500
    assert_private(public, desk)
