"""`tarjima build`: publishing rule, safety, atomic output, other formats, dates, serve."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import yaml

from conftest import CONFIG, desk_of, report, run, snapshot


def translate_all(root: Path, lang: str, prefix: str) -> None:
    """Fill every entry of every report catalogue of ``lang`` with ``prefix`` + source, as a translator would."""
    for po in (root / "locales" / lang / "LC_MESSAGES").glob("[!_]*.po"):
        text = po.read_text(encoding="utf-8")
        text = re.sub(r'msgid "(.+)"\nmsgstr ""', lambda m: f'msgid "{m.group(1)}"\nmsgstr "{prefix}{m.group(1)}"', text)
        po.write_text(text, encoding="utf-8")


def stamps(out: Path) -> dict[Path, int]:
    """Every file of a build's two folders (the public one and its desk) with its modification time."""
    return {p: p.stat().st_mtime_ns for folder in (out, desk_of(out)) for p in folder.rglob("*") if p.is_file()}


def touched(out: Path, before: dict[Path, int]) -> list[str]:
    """The files of both folders written since ``before``; the desk's as desk/..."""
    def name(p: Path) -> str:
        return p.relative_to(out).as_posix() if out in p.parents else "desk/" + p.relative_to(desk_of(out)).as_posix()
    return sorted(name(p) for p, ns in stamps(out).items() if before.get(p) != ns)


def built_without_script(root: Path, out: Path) -> dict[Path, str]:
    """Translate everything, build, and check that no page holds script, a javascript: link or an event handler."""
    for lang in ("ru", "uz_Latn"):
        translate_all(root, lang, "T ")
    assert run(root, "build", "--out", str(out)).code == 0
    pages = {p: p.read_text(encoding="utf-8") for folder in (out, desk_of(out)) for p in folder.rglob("*.html")}
    assert len(pages) >= 4
    own = f'<script src="../../{os.path.relpath(out, desk_of(out))}/assets/status.js" defer></script>'  # the dashboard's filters: tarjima's own file, on its year pages only
    for path, html in pages.items():
        if path.parent.parent.name == "_status":
            html = html.replace(own, "", 1)
        assert "<script" not in html.lower(), path
        assert not re.search(r"(href|src)\s*=\s*[\"']?\s*javascript:", html, re.I), path
        assert "onerror" not in html and "onmouseover" not in html, path
    return pages


def test_nothing_in_a_source_or_translation_can_put_script_in_a_page(project, tmp_path: Path) -> None:
    body = (
        "Hello <script>alert('src')</script> world.\n\n"
        "<div onmouseover=\"alert(1)\">raw block</div>\n\n"
        "[click](javascript:alert(1)) and <img src=x onerror=alert(2)>\n\n"
        "Plain paragraph.\n"
    )
    root = project({"content/x.md": report(body=body, title="<b>Bold</b> title")})
    run(root, "update")
    po = root / "locales/ru/LC_MESSAGES/x.po"
    text = po.read_text(encoding="utf-8")
    text = text.replace('"Plain paragraph."\nmsgstr ""', '"Plain paragraph."\nmsgstr "Абзац <script>alert(3)</script><a href=\\"javascript:alert(4)\\">x</a> [y](javascript:alert(5))"')
    po.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    pages = built_without_script(root, out)
    # The title is inline Markdown like every segment: its raw HTML passes the allow-list (<b> does not).
    page = pages[out / "en/x/index.html"]
    assert re.search(r"<h1[^>]*>Bold title</h1>", page) and "<title>Bold title — " in page


@pytest.mark.parametrize(
    "body",
    [
        "<div>\n\n<script>alert(1)</script>\n\n</div>\n",
        "<div>\n\n[x](javascript:alert(1)) and <img src=x onerror=alert(2)>\n\n</div>\n",
        "<details>\n\n*Text* <script>alert(1)</script>\n\n</details>\n",
        "<div title=\"\n\nquoted\n\n\"><script>alert(1)</script>\n",
        "<table>\n\n<tr><td onmouseover=\"alert(1)\">\n\n*cell*\n\n</td></tr>\n\n</table>\n",
        "<div>\n\nopened, never closed <a href=\"javascript:alert(1)\">x</a>\n\n- <script>alert(1)</script>\n",
    ],
    ids=["script-inside", "link-and-image-inside", "details", "attribute-spanning-blocks", "table", "never-closed"],
)
def test_raw_html_wrapping_markdown_is_sanitized_as_a_whole(project, tmp_path: Path, body: str) -> None:
    """Raw HTML blocks and the Markdown they wrap are sanitized together: still no script, on any page."""
    root = project({"content/x.md": report(body=body + "\nPlain paragraph.\n")})
    run(root, "update")
    po = root / "locales/ru/LC_MESSAGES/x.po"
    po.write_text(po.read_text(encoding="utf-8").replace('"Plain paragraph."\nmsgstr ""', '"Plain paragraph."\nmsgstr "<script>alert(3)</script></div><script>alert(4)</script>"'), encoding="utf-8")
    built_without_script(root, tmp_path / "out")


def test_incomplete_and_fuzzy_versions_are_skipped_with_reasons(project, tmp_path: Path) -> None:
    root = project({"content/x.md": report(body="One.\n\nTwo.\n")})
    run(root, "update")
    translate_all(root, "ru", "RU ")
    po = root / "locales/ru/LC_MESSAGES/x.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgid "Two."', '#, fuzzy\nmsgid "Two."'), encoding="utf-8")
    result = run(root, "build", "--out", str(tmp_path / "out"))
    assert result.code == 0
    assert "skipped x [ru]: 1 fuzzy" in result.out
    assert "skipped x [uz-Latn]: 3 untranslated" in result.out
    assert not (tmp_path / "out/ru/x").exists() and (tmp_path / "out/en/x/index.html").exists()
    aligned = (tmp_path / "out-desk/aligned/x/index.html").read_text(encoding="utf-8")
    assert 'data-state="fuzzy"' in aligned and 'data-state="untranslated"' in aligned


def test_threshold_publishes_with_source_fallback_and_never_shows_fuzzy(project, tmp_path: Path) -> None:
    config = 'languages = ["uz-Latn", "ru", "en"]\npublish_threshold = 30\nhold_check_errors = false\n'
    root = project({"content/x.md": report(body="One two three four.\n\nFive six.\n\nSeven.\n")}, config=config)
    run(root, "update")
    translate_all(root, "ru", "RU ")
    po = root / "locales/ru/LC_MESSAGES/x.po"
    text = po.read_text(encoding="utf-8").replace('msgid "Five six."', '#, fuzzy\nmsgid "Five six."')
    text = text.replace('msgstr "RU Seven."', 'msgstr ""')
    po.write_text(text, encoding="utf-8")
    assert run(root, "build", "--out", str(tmp_path / "out")).code == 0
    html = (tmp_path / "out/ru/x/index.html").read_text(encoding="utf-8")
    assert "RU Five six." not in html  # fuzzy: never shown as final
    assert '<p data-seg="b2" lang="en" class="fallback">Five six.</p>' in html
    assert '<p data-seg="b3" lang="en" class="fallback">Seven.</p>' in html
    assert '<p data-seg="b1">RU One two three four.</p>' in html
    assert 'class="note"' in html and "(английский)" in html  # the source language named in the page's language


def test_failed_build_leaves_the_last_good_site(shipped: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run(shipped, "build", "--out", str(out)).code == 0
    before = snapshot(out)
    (shipped / "templates/report.html").write_text("{% extends 'base.html' %}{% block main %}{{ nope( }}{% endblock %}", encoding="utf-8")
    result = run(shipped, "build", "--out", str(out))
    assert result.code == 2
    assert result.err.startswith("error: templates/report.html:1: template error") and len(result.err.strip().splitlines()) == 1
    assert snapshot(out) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []


@pytest.mark.slow
def test_build_is_reproducible(shipped: Path, tmp_path: Path) -> None:
    run(shipped, "build", "--out", str(tmp_path / "a/site"))
    run(shipped, "build", "--out", str(tmp_path / "b/site"))
    assert snapshot(tmp_path / "a") == snapshot(tmp_path / "b")


def test_markdown_format_translates_front_matter_in_source_order(shipped: Path, tmp_path: Path) -> None:
    out = tmp_path / "md"
    assert run(shipped, "build", "--out", str(out), "--format", "markdown").code == 0
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.md")) == sorted(
        f"{f}/{s}.md" for f in ("uz-latn", "uz-cyrl", "ru", "en") for s in ("international-standards-seminar", "human-trafficking-conference")
    )
    text = (out / "ru/international-standards-seminar.md").read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---\n")[1])
    source = yaml.safe_load((shipped / "content/2024/international-standards-seminar/index.md").read_text(encoding="utf-8").split("---\n")[1])
    assert list(front) == list(source)
    assert front["title"].startswith("Семинар") and front["lang"] == "ru"
    assert front["tags"] == source["tags"] and str(front["date"]) == "2024-12-10"
    body = text.split("---\n", 2)[2]
    assert body.count("\n\n") == 9 and "Работа семинара продолжится 11 декабря." in body
    # The photos, alt texts and captions translated, a gallery kept as one photo a line.
    # The photos link to their published copies beside the export (the site's files, metadata left behind).
    media = r"\.\./media/international-standards-seminar/{}-[0-9a-f]{{8}}-1200\.jpg"
    assert re.search(r'\n!\[Иллюстрация: рисунок зала семинара, президиум за столом под баннером и слушатели в рядах\]\(' + media.format("seminar-hall")
                     + r' "Иллюстрация, а не фотография мероприятия: зал семинара"\)\n', body)
    assert re.search(media.format("round-table") + r' "Иллюстрация: обсуждение за круглым столом"\)\n!\[Иллюстрация: рисунок президиума', body)
    conference = (out / "en/human-trafficking-conference.md").read_text(encoding="utf-8")
    assert "\n- Human trafficking: current threats and trends\n" in conference


def test_markdown_format_is_the_same_when_the_sources_are_known_from_the_index(shipped: Path, tmp_path: Path) -> None:
    """A second run knows unchanged sources from the source index, without their bodies: the export reads them again."""
    for path in (shipped / "content").rglob("*.md"):
        os.utime(path, (1_700_000_000, 1_700_000_000))  # older than the index's racy window: remembered
    first, second = tmp_path / "first", tmp_path / "second"
    assert run(shipped, "build", "--out", str(first), "--format", "markdown").code == 0
    result = run(shipped, "build", "--out", str(second), "--format", "markdown")
    assert result.code == 0, result.err
    assert snapshot(second) == snapshot(first)


def test_json_format_aligns_every_language_by_segment_id(shipped: Path, tmp_path: Path) -> None:
    out = tmp_path / "js"
    assert run(shipped, "build", "--out", str(out), "--format", "json").code == 0
    doc = json.loads((out / "human-trafficking-conference.json").read_text(encoding="utf-8"))
    assert doc["languages"] == ["uz-Latn", "uz-Cyrl", "ru", "en"]  # the published versions, source first
    assert [s["id"] for s in doc["segments"]][:4] == ["title", "summary", "location", "b1"]
    assert all(set(s["text"]) == {"uz-Latn", "uz-Cyrl", "ru", "en"} and all(s["text"].values()) for s in doc["segments"])
    assert set(doc) == {"slug", "source_lang", "date", "end_date", "languages", "segments"}  # a public export: no file path, no states


@pytest.mark.slow
def test_serve_rebuilds_when_a_source_changes(shipped: Path, tmp_path: Path) -> None:
    out = tmp_path / "served"
    proc = subprocess.Popen(
        [sys.executable, "-m", "tarjima", "--root", str(shipped), "serve", "--out", str(out), "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        line = ""
        while "serving" not in line:
            line = proc.stdout.readline()
            assert line or proc.poll() is None, proc.stderr.read()
        base = re.search(r"http://127\.0\.0\.1:\d+/", line).group(0)
        page = base + "en/international-standards-seminar/"
        assert "Seminar on International Standards" in urllib.request.urlopen(page).read().decode()
        def shown(url: str, text: str) -> None:
            deadline = time.monotonic() + 120  # a give-up, not a speed promise: a busy machine may be slow
            while time.monotonic() < deadline:
                try:
                    if text in urllib.request.urlopen(url).read().decode():
                        return
                except urllib.error.HTTPError:  # not built yet
                    pass
                time.sleep(0.2)
            pytest.fail(f"{url} was not rebuilt with {text!r}")

        # While it waits, serve makes the twins of its first build (the first save then costs what it changes).
        twin = out.parent / ".tarjima-cache" / f"twin-{out.name}"  # (site.output.twin.twin_of)
        built = (out / ".tarjima-build").read_text(encoding="ascii")
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not ((twin / ".tarjima-build").is_file() and (twin / ".tarjima-build").read_text(encoding="ascii") == built):
            time.sleep(0.2)
        assert (twin / "en/international-standards-seminar/index.html").stat().st_ino == (out / "en/international-standards-seminar/index.html").stat().st_ino
        # A saved source is read again alone (project.refreshed); a new source has the project read anew.
        source = shipped / "content/2024/international-standards-seminar/index.md"
        source.write_text(source.read_text(encoding="utf-8").replace("title: Seminar on", "title: Workshop on"), encoding="utf-8")
        shown(page, "Workshop on International Standards")
        added = shipped / "content/2024/a-new-report.md"
        added.write_text("---\ntitle: Round table on International Standards\ndate: 2024-12-20\nlang: en\n---\n\nA round table was held.\n", encoding="utf-8")
        shown(base + "en/a-new-report/", "Round table on International Standards")
        added.write_text(added.read_text(encoding="utf-8").replace("title: Round table on", "title: Forum on"), encoding="utf-8")
        shown(base + "en/a-new-report/", "Forum on International Standards")
        source.write_text(source.read_text(encoding="utf-8").replace("title: Workshop on", "title: Seminar on"), encoding="utf-8")
        shown(page, "Seminar on International Standards")
    finally:
        proc.terminate()
        proc.wait(timeout=5)


@pytest.mark.slow
def test_build_parses_each_source_once_and_reads_each_catalogue_once(shipped: Path, tmp_path: Path, monkeypatch) -> None:
    from markdown_it import MarkdownIt

    from tarjima.checks import catalogue as gate_module
    from tarjima.po import read as po_read
    from tarjima.site import reading as build_module  # where the build reads catalogues

    parsed: list[str] = []
    read: list[str] = []
    real_parse, real_read = MarkdownIt.parse, po_read.read
    monkeypatch.setattr(MarkdownIt, "parse", lambda self, src, env=None: parsed.append(src[:40]) or real_parse(self, src, env))
    real_scan = build_module.scan
    monkeypatch.setattr(po_read, "read", lambda data, path: read.append(path) or real_read(data, path))  # strict reads, wherever they are made
    monkeypatch.setattr(build_module, "read", lambda data, path: read.append(path) or real_read(data, path))
    monkeypatch.setattr(build_module, "scan", lambda data, path: read.append(path) or real_scan(data, path))
    monkeypatch.setattr(gate_module, "read", lambda data, path: read.append(path) or real_read(data, path))  # the check gate's reads
    assert run(shipped, "build", "--out", str(tmp_path / "out")).code == 0
    assert len(parsed) == 2 and len(set(parsed)) == 2  # two reports, each body parsed once
    # 6 report catalogues + 3 template catalogues, each read once: strictly, for the check gate and the pages alike
    assert len(read) == len(set(read)) == 9
    # With check's results cached, the pages read the report catalogues by the lean reader alone.
    parsed.clear(), read.clear()
    assert run(shipped, "build", "--full", "--out", str(tmp_path / "again")).code == 0
    assert len(read) == len(set(read)) == 9


@pytest.mark.slow
def test_incremental_build_renders_only_the_change_and_equals_a_full_build(shipped: Path, tmp_path: Path) -> None:
    out, fresh = tmp_path / "a/site", tmp_path / "b/site"  # each with its desk beside it: the same links from both
    assert run(shipped, "build", "--out", str(out)).code == 0
    po = shipped / "locales/ru/LC_MESSAGES/international-standards-seminar.po"
    po.write_text(po.read_text(encoding="utf-8").replace("Работа семинара продолжится", "Работа семинара будет продолжена"), encoding="utf-8")
    mtimes = stamps(out)
    assert run(shipped, "build", "--out", str(out)).code == 0
    written = touched(out, mtimes)
    index = [p for p in written if p.startswith("pagefind/")]  # (search = true, every word) the edited text, indexed again
    assert any(p.startswith("pagefind/ru/fragment/") for p in index)  # the edited language's index made again,
    assert {p.split("/")[1] for p in index} == {"ru"}  # the others' left as they were
    assert [p for p in written if p not in index] == sorted([".tarjima-build", "desk/.tarjima-build", "desk/aligned/international-standards-seminar/index.html",
                                           *(f"{f}/international-standards-seminar/parallel/index.html" for f in ("en", "ru", "uz-cyrl", "uz-latn")),  # (parallel = true)
                                           "ru/international-standards-seminar/index.html",
                                           "ru/feed.xml", "sitemaps/2024-12.xml"])  # the version's text changed: its feed entry's <updated>, its <lastmod>
    assert "будет продолжена" in (out / "ru/international-standards-seminar/index.html").read_text(encoding="utf-8")
    assert run(shipped, "build", "--out", str(fresh), "--full").code == 0
    assert snapshot(out) == snapshot(fresh) and snapshot(desk_of(out)) == snapshot(desk_of(fresh))
    # A report removed from the sources: its pages go, the listings follow.
    (shipped / "content/2024/human-trafficking-conference/index.md").unlink()
    assert run(shipped, "build", "--out", str(out)).code == 0
    assert not (out / "en/human-trafficking-conference").exists() and not (desk_of(out) / "aligned/human-trafficking-conference").exists()
    assert run(shipped, "build", "--out", str(fresh), "--full").code == 0
    assert snapshot(out) == snapshot(fresh)
    # A template change renders everything again.
    base = shipped / "templates/base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("<footer", "<!-- new -->\n<footer"), encoding="utf-8")
    assert run(shipped, "build", "--out", str(out)).code == 0
    assert "<!-- new -->" in (out / "en/international-standards-seminar/index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_an_incremental_build_after_a_title_edit_renders_every_listing_that_shows_it(shipped: Path, tmp_path: Path) -> None:
    """A body edit leaves every listing as it was (their keys are not even computed again); a title is on the
    front page, the month's archive, the tag pages and the feed: an edit of it reaches them all."""
    out, fresh = tmp_path / "a/site", tmp_path / "b/site"  # each with its desk beside it: the same links from both
    assert run(shipped, "build", "--out", str(out)).code == 0
    po = shipped / "locales/ru/LC_MESSAGES/international-standards-seminar.po"
    text = po.read_text(encoding="utf-8")
    title = text.split('msgid "Seminar on International Standards of Law Enforcement Activities"\nmsgstr "', 1)[1].split('"', 1)[0]
    po.write_text(text.replace(f'msgstr "{title}"', 'msgstr "Семинар о международных стандартах (исправлено)"', 1), encoding="utf-8")
    mtimes = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    assert run(shipped, "build", "--out", str(out)).code == 0
    touched = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and mtimes.get(p) != p.stat().st_mtime_ns}
    assert {"ru/index.html", "ru/archive/2024-12/index.html", "ru/feed.xml"} <= touched
    assert any(t.startswith("ru/tags/") for t in touched)
    assert not {t for t in touched if t.startswith(("en/", "uz-latn/", "uz-cyrl/")) and "international-standards-seminar" not in t}  # other languages' listings
    for page in ("ru/index.html", "ru/archive/2024-12/index.html", "ru/feed.xml"):
        assert "(исправлено)" in (out / page).read_text(encoding="utf-8"), page
    assert run(shipped, "build", "--out", str(fresh), "--full").code == 0
    assert snapshot(out) == snapshot(fresh)


@pytest.mark.slow
def test_an_incremental_build_swaps_in_the_whole_new_site_and_keeps_up_over_many_builds(shipped: Path, tmp_path: Path) -> None:
    out, fresh = tmp_path / "a/site", tmp_path / "b/site"  # each with its desk beside it: the same links from both
    assert run(shipped, "build", "--out", str(out)).code == 0
    po = shipped / "locales/ru/LC_MESSAGES/international-standards-seminar.po"
    page = "ru/international-standards-seminar/index.html"
    for n, (old, new) in enumerate([("Работа семинара продолжится", "Работа семинара будет продолжена"),
                                    ("будет продолжена", "продолжится завтра"), ("продолжится завтра", "Работа семинара продолжится")]):
        reader = os.open(out, os.O_RDONLY)  # a web server in the middle of a request, holding the old folder
        before = (out / page).read_text(encoding="utf-8")
        po.write_text(po.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
        assert run(shipped, "build", "--out", str(out)).code == 0
        with open(f"/proc/self/fd/{reader}/{page}", encoding="utf-8") as held:  # still the whole old site, not a mix
            assert held.read() == before
        os.close(reader)
        assert new in (out / page).read_text(encoding="utf-8")
        assert run(shipped, "build", "--out", str(fresh), "--full").code == 0
        assert snapshot(out) == snapshot(fresh), f"build {n + 2}"


@pytest.mark.slow
def test_without_a_twin_an_incremental_build_writes_in_place_and_is_still_right(shipped: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tarjima.site.output.twin as twin

    out, fresh = tmp_path / "a/site", tmp_path / "b/site"  # each with its desk beside it: the same links from both
    monkeypatch.setattr(twin, "exchange", lambda a, b: False)  # a file system that cannot swap folders
    assert run(shipped, "build", "--out", str(out)).code == 0
    po = shipped / "locales/ru/LC_MESSAGES/international-standards-seminar.po"
    po.write_text(po.read_text(encoding="utf-8").replace("Работа семинара продолжится", "Работа семинара будет продолжена"), encoding="utf-8")
    folder = out.stat().st_ino
    assert run(shipped, "build", "--out", str(out)).code == 0
    assert out.stat().st_ino == folder  # changed in place, file by file
    assert run(shipped, "build", "--out", str(fresh), "--full").code == 0
    assert snapshot(out) == snapshot(fresh)
    monkeypatch.undo()  # the twin is made when it can be, and the next builds are right
    (shipped / "content/2024/human-trafficking-conference/index.md").unlink()
    for target in (out, fresh):
        assert run(shipped, "build", "--out", str(target), *(["--full"] if target == fresh else [])).code == 0
    assert snapshot(out) == snapshot(fresh)


def test_build_names_the_first_skipped_versions_and_counts_the_rest(project, tmp_path: Path) -> None:
    root = project({f"content/r{i:02d}.md": report(title=f"Report {i}", body=f"Paragraph {i}.\n") for i in range(15)})
    run(root, "update")
    result = run(root, "build", "--out", str(tmp_path / "out"))
    assert result.code == 0
    named = [line for line in result.out.splitlines() if line.startswith("skipped ")]
    assert len(named) == 20  # 15 reports x 2 untranslated languages = 30 skipped
    assert "… and 10 more skipped (tarjima status --only-incomplete lists them all)" in result.out
    assert "30 skipped" in result.out.splitlines()[-1]


@pytest.mark.slow
def test_a_refused_catalogue_changes_nothing_in_the_site_full_or_incremental(shipped: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run(shipped, "build", "--out", str(out)).code == 0
    before = snapshot(out)
    po = shipped / "locales/ru/LC_MESSAGES/international-standards-seminar.po"
    po.write_text('msgid "x"\nmsgstr "y\n', encoding="utf-8")
    for args in ((), ("--full",)):
        result = run(shipped, "build", "--out", str(out), *args)
        assert result.code == 2
        errors = [l for l in result.err.splitlines() if l.startswith("error: ")]
        assert len(errors) == 1 and errors[0].startswith("error: locales/ru/LC_MESSAGES/international-standards-seminar.po:2:")
        assert "build refused: bad input in locales/ru/LC_MESSAGES/international-standards-seminar.po; nothing in" in result.out
        assert snapshot(out) == before  # byte for byte the last good site
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.")]  # no staging folder left behind


@pytest.mark.slow
def test_keep_going_publishes_the_valid_versions_and_names_what_it_left_out(shipped: Path, tmp_path: Path) -> None:
    (shipped / "locales/ru/LC_MESSAGES/international-standards-seminar.po").write_text('msgid "x"\nmsgstr "y\n', encoding="utf-8")
    result = run(shipped, "build", "--out", str(tmp_path / "out"), "--keep-going")
    assert result.code == 2
    assert [l for l in result.err.splitlines() if l.startswith("error: ")] == [next(l for l in result.err.splitlines() if l.startswith("error: locales/ru/LC_MESSAGES/international-standards-seminar.po:2:"))]
    kept = "earlier international-standards-seminar [ru]: the text published on "  # (the last published text stays online: site.pages.kept)
    assert kept in result.out and "stays online until this one is ready: catalogue unreadable (see the error above)" in result.out
    assert "--keep-going: left out what the 1 error(s) above name" in result.out
    assert (tmp_path / "out/uz-latn/international-standards-seminar/index.html").exists()


SITE = "https://example.org/news/"
WITH_BASE_URL = CONFIG + f'base_url = "{SITE}"\n'


def dated(title: str, date: str) -> str:
    return f"---\ntitle: {title}\ndate: {date}\nlang: en\n---\n\nAbout {title}.\n"


def test_language_front_page_shows_the_latest_and_month_archives_hold_the_rest(project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    days = [f"2024-10-{d:02d}" for d in range(1, 9)] + [f"2024-11-{d:02d}" for d in range(1, 8)] + [f"2025-01-{d:02d}" for d in range(1, 6)]
    root = project({f"content/r{i:02d}.md": dated(f"Report {i:02d}", day) for i, day in enumerate(days)}, config=WITH_BASE_URL)
    out = tmp_path / "a/out"
    assert run(root, "build", "--out", str(out)).code == 0
    front = (out / "en/index.html").read_text(encoding="utf-8")
    # The 10 newest on the front page, newest first; every month linked with its count, under its year.
    titles = re.findall(r'<h2><a href="[^"]+">(Report \d+)</a>', front)
    assert titles == [f"Report {i:02d}" for i in range(19, 9, -1)]
    assert re.findall(r'<a href="../en/archive/(\d{4}-\d{2})/">(\w+)</a> <span class="n">\((\d+)\)', front) == [
        ("2025-01", "January", "5"), ("2024-11", "November", "7"), ("2024-10", "October", "8")]
    november = (out / "en/archive/2024-11/index.html").read_text(encoding="utf-8")
    assert "<h1>November 2024</h1>" in november
    assert re.findall(r'<h2><a href="../../../en/(r\d+)/">', november) == [f"r{i:02d}" for i in range(14, 7, -1)]
    assert 'rel="prev" href="../../../en/archive/2025-01/">← January 2025' in november
    assert 'rel="next" href="../../../en/archive/2024-10/">October 2024 →' in november
    # Its language switcher leads to the same month in another language, or to that language's front page.
    assert re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', november) == [
        ("uz-Latn", f"{SITE}uz-latn/"), ("ru", f"{SITE}ru/"), ("en", f"{SITE}en/archive/2024-11/"), ("x-default", SITE)]
    assert 'hreflang="ru" lang="ru" rel="alternate">' in november and 'href="../../../ru/"' in november  # the switcher itself stays relative
    # Editing one report rewrites its own pages, its month's page, the feed (which has the 50 latest, so all 20 here), its month's
    # sitemap (its text changed: a later <lastmod>, dated here by SOURCE_DATE_EPOCH, not by the second the build runs in) and the
    # dashboard's page of its year and overview (its source has more words now); no other archive page moves.
    (root / "content/r03.md").write_text(dated("Report 03 (revised)", "2024-10-04"), encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1893456000")
    mtimes = stamps(out)
    assert run(root, "build", "--out", str(out)).code == 0
    assert touched(out, mtimes) == [".tarjima-build", "desk/.tarjima-build", "desk/_status/2024/index.html", "desk/_status/index.html", "desk/aligned/r03/index.html",
                                    "en/archive/2024-10/index.html", "en/feed.xml", "en/r03/index.html", "sitemaps/2024-10.xml"]
    assert "Report 03 (revised)" in (out / "en/archive/2024-10/index.html").read_text(encoding="utf-8")
    # A month whose reports are all gone loses its page, and its neighbours link past it.
    for i in range(8, 15):
        (root / f"content/r{i:02d}.md").unlink()
    assert run(root, "build", "--out", str(out)).code == 0
    assert not (out / "en/archive/2024-11").exists()
    assert 'rel="next" href="../../../en/archive/2024-10/">October 2024' in (out / "en/archive/2025-01/index.html").read_text(encoding="utf-8")
    fresh = tmp_path / "b/out"
    assert run(root, "build", "--out", str(fresh), "--full").code == 0
    assert snapshot(out) == snapshot(fresh)


def test_sitemaps_are_split_by_month_and_indexed(project, tmp_path: Path) -> None:
    root = project({"content/a.md": dated("Old", "2023-05-02"), "content/b.md": dated("New", "2024-02-03")}, config=WITH_BASE_URL)
    out = tmp_path / "out"
    assert run(root, "build", "--out", str(out)).code == 0
    index = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert re.findall(r"<loc>([^<]+)</loc>", index) == [f"{SITE}sitemap-languages.xml", f"{SITE}sitemaps/2024-02.xml", f"{SITE}sitemaps/2023-05.xml"]
    assert f"<loc>{SITE}en/a/</loc>" in (out / "sitemaps/2023-05.xml").read_text(encoding="utf-8")
    assert f"<loc>{SITE}en/b/</loc>" in (out / "sitemaps/2024-02.xml").read_text(encoding="utf-8")


def test_a_site_without_base_url_has_no_feed_or_sitemap_rather_than_relative_addresses(project, tmp_path: Path) -> None:
    """Atom ids and sitemap locations are absolute addresses by their standards: without base_url there are none to write."""
    root = project({"content/a.md": dated("Old", "2023-05-02")})
    out = tmp_path / "out"
    assert run(root, "build", "--out", str(out)).code == 0
    assert (out / "en/a/index.html").is_file() and (out / "en/index.html").is_file()
    assert not list(out.rglob("feed.xml")) and not list(out.rglob("sitemap*.xml"))
    assert "feed.xml" not in (out / "en/index.html").read_text(encoding="utf-8") + (out / "en/a/index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("written, used", [("https://example.org/news", "https://example.org/news/"), ("http://localhost:8000/", "http://localhost:8000/")])
def test_base_url_is_the_site_folder_with_or_without_its_final_slash(project, tmp_path: Path, written: str, used: str) -> None:
    root = project({"content/a.md": dated("Old", "2023-05-02")}, config=CONFIG + f'base_url = "{written}"\n')
    out = tmp_path / "out"
    assert run(root, "build", "--out", str(out)).code == 0
    assert f'<link rel="canonical" href="{used}en/a/">' in (out / "en/a/index.html").read_text(encoding="utf-8")
    assert f"<loc>{used}en/a/</loc>" in (out / "sitemaps/2023-05.xml").read_text(encoding="utf-8")


@pytest.mark.parametrize("written", ["example.org/news/", "ftp://example.org/", "https://example.org/news/?page=1", "https://"])
def test_a_base_url_that_is_not_a_web_address_is_refused_in_one_line(project, tmp_path: Path, written: str) -> None:
    root = project({"content/a.md": dated("Old", "2023-05-02")}, config=CONFIG + f'base_url = "{written}"\n')
    result = run(root, "build", "--out", str(tmp_path / "out"))
    lines = [l for l in result.err.splitlines() if l.strip()]
    assert result.code == 2 and len(lines) == 1 and lines[0].startswith("error: tarjima.toml:4: base_url") and "https://" in lines[0], result.err
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_a_build_cut_short_while_saving_its_manifest_makes_the_next_build_full_and_right(shipped: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import marshal

    import tarjima.site.reports as build_module  # where a full build renders each report

    out, fresh = tmp_path / "a/site", tmp_path / "b/site"  # each with its desk beside it: the same links from both
    assert run(shipped, "build", "--out", str(out)).code == 0
    # As if a build had written one shard of its manifest and died before the head.
    shard = next((shipped / ".tarjima-cache").glob("build-*/shard-*.marshal"))
    _, reports = marshal.loads(shard.read_bytes())
    shard.write_bytes(marshal.dumps(("an unfinished build", reports)))
    (shipped / "content/2024/international-standards-seminar/index.md").write_text(
        (shipped / "content/2024/international-standards-seminar/index.md").read_text(encoding="utf-8").replace("title: Seminar on", "title: Workshop on"), encoding="utf-8")
    rendered: list[str] = []
    real = build_module.process_report
    monkeypatch.setattr(build_module, "process_report", lambda job, report: rendered.append(report.slug) or real(job, report))
    assert run(shipped, "build", "--out", str(out)).code == 0
    assert sorted(rendered) == ["human-trafficking-conference", "international-standards-seminar"]  # a full build: every report rendered again
    assert run(shipped, "build", "--out", str(fresh), "--full").code == 0
    assert snapshot(out) == snapshot(fresh)


@pytest.mark.slow
def test_a_typo_fix_keeps_the_translations_published_as_of_the_earlier_text(shipped: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert run(shipped, "build", "--out", str(out)).code == 0
    page = out / "ru/international-standards-seminar/index.html"
    old_page = page.read_text(encoding="utf-8")
    source = shipped / "content/2024/international-standards-seminar/index.md"
    source.write_text(source.read_text(encoding="utf-8").replace("a two-day seminar on the topic", "a two-day seminar on the subject", 1), encoding="utf-8")
    for step in ("before update", "after update"):
        result = run(shipped, "build", "--out", str(out))
        assert result.code == 0 and "skipped international-standards-seminar" not in result.out, step
        assert "earlier international-standards-seminar [ru]: published as translated from an earlier text of the source" in result.out
        shown = page.read_text(encoding="utf-8")
        assert 'class="note earlier"' in shown and "в редакции от" in shown  # marked, in the page's language, with the date
        assert "on the subject" not in shown  # the edited paragraph shows its (earlier) translation, never the new English
        paragraphs = set(re.findall(r'<p data-seg="(b\d+)">', old_page))
        assert paragraphs == set(re.findall(r'<p data-seg="(b\d+)">', shown))  # every segment still translated
        status = run(shipped, "status", "international-standards-seminar", "--lang", "ru")
        assert re.search(r"international-standards-seminar\s+ru .*earlier version online \(2\d{3}-\d\d-\d\d\)$", status.out, re.M), status.out
        listed = json.loads(run(shipped, "status", "--format", "json").out)
        seminar = next(r for r in listed["reports"] if r["slug"] == "international-standards-seminar")
        assert re.fullmatch(r"2\d{3}-\d\d-\d\d", seminar["languages"]["ru"]["earlier"])
        assert all(r["languages"]["ru"]["earlier"] is None for r in listed["reports"] if r is not seminar)
        if step == "before update":
            assert run(shipped, "update").code == 0
    # The translator reviews the changed paragraph: the version is current again, and the mark goes.
    po = shipped / "locales/ru/LC_MESSAGES/international-standards-seminar.po"
    po.write_text(re.sub(r"#, fuzzy\n#\| msgid [^\n]*\n(?:#\| \"[^\n]*\n)*", "", po.read_text(encoding="utf-8")), encoding="utf-8")
    result = run(shipped, "build", "--out", str(out))
    assert result.code == 0 and "earlier international-standards-seminar [ru]" not in result.out
    assert 'class="note earlier"' not in page.read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_half_done_edit_of_a_kept_translation_is_never_published_as_the_earlier_one(shipped: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    source = shipped / "content/2024/international-standards-seminar/index.md"
    source.write_text(source.read_text(encoding="utf-8").replace("a two-day seminar on the topic", "a two-day seminar on the subject", 1), encoding="utf-8")
    assert run(shipped, "update").code == 0
    po = shipped / "locales/ru/LC_MESSAGES/international-standards-seminar.po"
    text = po.read_text(encoding="utf-8")
    assert text.count("# earlier translation kept by tarjima ") == 1  # the one paragraph edited
    # The translator starts on the changed paragraph in a text editor, saves halfway, the entry still fuzzy.
    fuzzy = re.search(r'#, fuzzy\n(?:#\|[^\n]*\n)+msgid (?:"[^\n]*"\n)+msgstr ""\n("[^\n]*"\n)', text)
    assert fuzzy is not None
    half = '"Академия провела двухдневный семинар по ПОЛОВИНА ПРАВКИ"\n'
    po.write_text(text[:fuzzy.start(1)] + half + text[fuzzy.end(1):], encoding="utf-8")
    result = run(shipped, "build", "--out", str(out))
    assert result.code == 0
    assert ("stays online until this one is ready: 1 earlier translation(s) of changed passages edited and still fuzzy (finish them to publish)"
            in result.out)  # the text as last published stays online (site.pages.kept)
    assert "Это перевод в редакции от" in (out / "ru/international-standards-seminar/index.html").read_text(encoding="utf-8")
    readers = list(out.rglob("*.html"))  # (the aligned view, which shows fuzzy entries as fuzzy, is on the desk)
    assert readers and not [p for p in readers if "ПОЛОВИНА ПРАВКИ" in p.read_text(encoding="utf-8")]  # the half-done text is on no reader's page
    assert "earlier international-standards-seminar [uz-Latn]" in result.out  # the other languages keep their earlier version
    states = run(shipped, "status", "international-standards-seminar").out
    assert re.search(r"^international-standards-seminar\s+ru .*needs review$", states, re.M) and re.search(r"^international-standards-seminar\s+uz-Latn .*earlier version online", states, re.M)
    # Finished: the translation written out, the flag gone: published as current.
    done = fuzzy.group(1)  # (the first line as it was: the change of the English changes no Russian word)
    po.write_text(po.read_text(encoding="utf-8").replace("#, fuzzy\n", "", 1).replace(half, done), encoding="utf-8")
    result = run(shipped, "build", "--out", str(out))
    assert "skipped international-standards-seminar [ru]" not in result.out, result.out
    assert "earlier international-standards-seminar [ru]" not in result.out


@pytest.mark.slow
def test_a_version_with_an_error_level_check_finding_is_held_back_and_named(shipped: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert run(shipped, "build", "--out", str(out)).code == 0
    page = out / "ru/international-standards-seminar/index.html"
    assert page.exists()
    po = shipped / "locales/ru/LC_MESSAGES/international-standards-seminar.po"
    po.write_text(po.read_text(encoding="utf-8").replace("продолжится 11 декабря", "продолжится 12 декабря"), encoding="utf-8")
    for args in ((), ("--full",)):
        result = run(shipped, "build", "--out", str(out), *args)
        assert result.code == 0
        assert ("stays online until this one is ready: held: 1 error-level check finding(s) "
                "(tarjima check international-standards-seminar --lang ru; hold_check_errors)") in result.out
        shown = page.read_text(encoding="utf-8")  # the text as last published stays online (site.pages.kept): the wrong date is on no page
        assert "продолжится 11 декабря" in shown and "12 декабря" not in shown and "Это перевод в редакции от" in shown
        assert (out / "en/international-standards-seminar/index.html").exists()
    assert "number 11 of the source is missing or changed" in run(shipped, "check", "international-standards-seminar", "--lang", "ru").out
    # A suppression the translator wrote, as check knows it, publishes it again.
    text = po.read_text(encoding="utf-8")
    at = text.index('msgid "The seminar will continue its work on December 11."')
    po.write_text(text[:at] + "# tarjima-no-numbers: the date moved, confirmed by the organisers\n" + text[at:], encoding="utf-8")
    assert run(shipped, "build", "--out", str(out)).code == 0 and "12 декабря" in page.read_text(encoding="utf-8")
    # The rule can be switched off.
    po.write_text(text, encoding="utf-8")
    config = shipped / "pyproject.toml"
    config.write_text(config.read_text(encoding="utf-8").replace("[tool.tarjima]\n", "[tool.tarjima]\nhold_check_errors = false\n", 1), encoding="utf-8")
    result = run(shipped, "build", "--out", str(out))
    assert result.code == 0 and "held:" not in result.out and "12 декабря" in page.read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_new_untranslated_paragraph_keeps_the_last_published_version_online(shipped: Path, tmp_path: Path) -> None:
    source = shipped / "content/2024/international-standards-seminar/index.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nA paragraph nobody has translated yet, about the closing ceremony.\n", encoding="utf-8")
    result = run(shipped, "build", "--out", str(tmp_path / "site"))
    assert re.search(r"^earlier international-standards-seminar \[ru\]: the text published on \d{4}-\d\d-\d\d stays online until this one is ready: stale", result.out, re.M)
    page = (tmp_path / "site/ru/international-standards-seminar/index.html").read_text(encoding="utf-8")
    assert "Это перевод в редакции от" in page and "closing ceremony" not in page and "Работа семинара продолжится 11 декабря." in page


def test_every_fallback_field_carries_the_source_lang_and_the_mark(project, tmp_path: Path) -> None:
    root = project({
        "content/x.md": report(title="A visit", body="The delegation arrived. " * 20 + "\n", summary="A short summary.", location="Tashkent"),
    }, config='languages = ["en", "ru"]\ndefault_language = "en"\npublish_threshold = 80\n')
    assert run(root, "update").code == 0
    po = root / "locales/ru/LC_MESSAGES/x.po"
    text = po.read_text(encoding="utf-8")
    text = text.replace('msgid "A visit"\nmsgstr ""', 'msgid "A visit"\nmsgstr "Визит"')
    text = re.sub(r'(msgid ""\n"The delegation arrived.*?\n)msgstr ""', lambda m: m.group(1) + 'msgstr "Делегация прибыла."', text, flags=re.S)
    po.write_text(text, encoding="utf-8")
    assert run(root, "build", "--out", str(tmp_path / "site")).code == 0
    page = (tmp_path / "site/ru/x/index.html").read_text(encoding="utf-8")
    assert re.search(r'<p class="lead fallback" data-seg="summary" lang="en">A short summary.</p>', page)
    assert re.search(r'<span data-seg="location" lang="en" class="fallback">Tashkent</span>', page)
