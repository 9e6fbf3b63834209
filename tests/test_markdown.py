"""The Markdown of a report read as one document (issue 12): reference definitions, hard line breaks,
images, raw HTML that wraps Markdown, and Markdown in front-matter fields, from extraction to pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import desk_of, gnu, report, run
from tarjima.checks.registry import Pair
from tarjima.checks.run import run_checks
from tarjima.model import Entry
from tarjima.site.pages.export import markdown_body
from tarjima.site.pages.render import cells_for, field_html, field_text, render_body
from tarjima.sources import body_references, parse_document

LANGS = ("en", "ru")


def doc_of(body: str, title: str = "Example"):
    return parse_document(report(title=title, body=body), "content/x.md", LANGS)


def body_msgids(body: str) -> list[str]:
    return [s.text for s in doc_of(body).segments if s.id.startswith("b")]


def translated_body(body: str, translations: dict[str, str] | None = None) -> str:
    """The page body: the source's (``translations`` None), or a translation's, its other segments untranslated."""
    doc = doc_of(body)
    entries = None if translations is None else {k: Entry(k, v) for k, v in translations.items()}
    return render_body(doc, cells_for(doc.msgids, entries), "en")


# Segments ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("body", ["Tashkent,  \n10 December\n", "Tashkent,\\\n10 December\n", "Tashkent,     \n   10 December\n"])
def test_a_hard_break_is_a_backslash_and_a_line_break_in_the_msgid(body: str) -> None:
    assert body_msgids(body) == ["Tashkent,\\\n10 December"]


def test_soft_breaks_fold_as_before_and_around_hard_breaks() -> None:
    assert body_msgids("The seminar\n   opened *on\nMonday*.\n") == ["The seminar opened *on Monday*."]
    assert body_msgids("Law Enforcement\nAcademy  \nTashkent\nUzbekistan\n") == ["Law Enforcement Academy\\\nTashkent Uzbekistan"]


@pytest.mark.parametrize(
    ("body", "msgid"),
    [("``\nfoo \n``\n", "``\nfoo \n``"), ("[link](<foo\nbar>)\n", "[link](<foo\nbar>)")],
    ids=["code-span-spaces", "destination-with-line-break"],
)
def test_a_text_whose_meaning_folding_would_change_keeps_its_lines(body: str, msgid: str) -> None:
    assert body_msgids(body) == [msgid]


def test_reference_definitions_are_context_not_segments() -> None:
    doc = doc_of("See [the programme][1] and [Tashkent].\n\n[1]: https://example.org/p \"Programme\"\n[tashkent]: https://example.org/t\n")
    assert [s.text for s in doc.segments] == ["Example", "See [the programme][1] and [Tashkent]."]
    assert doc.references == (("1", "https://example.org/p", "Programme"), ("TASHKENT", "https://example.org/t", ""))
    assert body_references(doc.body) == doc.references
    assert body_references("No definitions here.\n") == ()


# Pages ------------------------------------------------------------------------------------------

def test_a_translation_uses_the_same_reference_labels() -> None:
    body = "See [the programme][1].\n\n[1]: https://example.org/p\n"
    html = translated_body(body, {"See [the programme][1].": "См. [программу][1]."})
    assert '<a href="https://example.org/p" rel="noopener">программу</a>' in html


def test_a_hard_break_renders_br_in_source_and_translation() -> None:
    body = "Tashkent,  \n10 December\n"
    assert translated_body(body) == '<p data-seg="b1">Tashkent,<br />\n10 December</p>\n'
    assert translated_body(body, {"Tashkent,\\\n10 December": "Ташкент,\\\n10 декабря"}) == '<p data-seg="b1">Ташкент,<br />\n10 декабря</p>\n'


def test_images_linked_by_reference_and_side_by_side() -> None:
    assert '<a href="https://example.org/" rel="noopener"><img src="academy.jpg" alt="The Academy"></a>' in translated_body("[![The Academy](academy.jpg)](https://example.org/)\n")
    two = translated_body("![Day one][photo] ![Day two][photo]\n\n[photo]: day.jpg\n")
    assert two.count("<img") == 2 and 'alt="Day one"' in two and 'alt="Day two"' in two
    alone = doc_of("![The *Academy*][logo]\n\n[logo]: academy.jpg\n")
    assert [(s.role, s.text) for s in alone.segments[1:]] == [("image alt text", "The *Academy*")]
    assert '<img src="academy.jpg" alt="THE ACADEMY" />' in translated_body("![The *Academy*][logo]\n\n[logo]: academy.jpg\n", {"The *Academy*": "THE *ACADEMY*"})


def test_raw_html_wrapping_markdown_keeps_it_inside_in_every_language() -> None:
    body = "<blockquote>\n\n*The Academy* hosted the seminar.\n\n</blockquote>\n\nAfter.\n"
    html = translated_body(body, {"*The Academy* hosted the seminar.": "*Академия* провела семинар.", "After.": "После."})
    assert re.sub(r"\s+", "", html) == '<blockquote><pdata-seg="b1"><em>Академия</em>провеласеминар.</p></blockquote><pdata-seg="b2">После.</p>'


def test_a_balanced_html_block_is_sanitized_alone_and_the_rest_is_untouched() -> None:
    assert translated_body("<del>\ngone\n</del>\n\n---\n\nText &amp; \"more\".\n") == '<del>\n<span data-seg="b1">gone</span>\n</del>\n<hr />\n<p data-seg="b2">Text &amp; &quot;more&quot;.</p>\n'


# Checks -----------------------------------------------------------------------------------------

def test_checks_read_reference_links_in_the_report_context() -> None:
    refs = doc_of("x\n\n[1]: https://example.org/p\n").references
    same = Pair("See [the programme][1].", "См. [программу][1].", "en", "ru", references=refs)
    assert run_checks(same, only=frozenset({"markup"})) == []
    other = Pair("See [the programme][1].", "См. программу.", "en", "ru", references=refs)
    assert [i.message for i in run_checks(other, only=frozenset({"markup"}))] == ["link to https://example.org/p of the source is missing or changed"]


def test_a_lost_hard_break_is_reported() -> None:
    pair = Pair("Tashkent,\\\n10 December", "Ташкент,\n10 декабря", "en", "ru")
    assert [i.check for i in run_checks(pair, only=frozenset({"markup"}))] == ["markup"]
    assert run_checks(Pair("Tashkent,\\\n10 December", "Ташкент,\\\n10 декабря", "en", "ru"), only=frozenset({"markup"})) == []


def test_check_on_a_project_sees_reference_links(project) -> None:
    body = "See [the programme][1].\n\n[1]: https://example.org/p\n"
    root = project({"content/x.md": report(body=body)}, config='languages = ["en", "ru"]\ndefault_language = "en"\n')
    run(root, "update")
    po = root / "locales/ru/LC_MESSAGES/x.po"
    text = po.read_text(encoding="utf-8").replace('msgid "A seminar"\nmsgstr ""', 'msgid "A seminar"\nmsgstr "Семинар"')
    po.write_text(text.replace('msgid "See [the programme][1]."\nmsgstr ""', 'msgid "See [the programme][1]."\nmsgstr "См. [программу][1]."'), encoding="utf-8")
    result = run(root, "check")
    assert result.code == 0 and "0 error(s), 0 warning(s)" in result.out, result.out
    po.write_text(po.read_text(encoding="utf-8").replace("[программу][1]", "программу"), encoding="utf-8")
    result = run(root, "check")
    assert result.code == 1 and "link to https://example.org/p of the source is missing" in result.out, result.out


# Extraction -> PO -> pages, and the Markdown export ---------------------------------------------------

def test_hard_breaks_round_trip_through_the_catalogue(project, tmp_path: Path) -> None:
    body = "Law Enforcement Academy  \n1 Example Street\\\nTashkent\n"
    root = project({"content/x.md": report(body=body)}, config='languages = ["en", "ru"]\ndefault_language = "en"\n')
    run(root, "update")
    po = root / "locales/ru/LC_MESSAGES/x.po"
    text = po.read_text(encoding="utf-8")
    assert 'msgid ""\n"Law Enforcement Academy\\\\\\n"\n"1 Example Street\\\\\\n"\n"Tashkent"\nmsgstr ""\n' in text
    text = text.replace('msgid "A seminar"\nmsgstr ""', 'msgid "A seminar"\nmsgstr "Семинар"')
    text = text.replace('"Tashkent"\nmsgstr ""', '"Tashkent"\nmsgstr ""\n"Академия\\\\\\n"\n"ул. Примерная, 1\\\\\\n"\n"Ташкент"')
    po.write_text(text, encoding="utf-8")
    assert gnu("msgfmt", "-c", "-o", "/dev/null", str(po)).returncode == 0
    assert run(root, "check").code == 0
    out = tmp_path / "out"
    assert run(root, "build", "--out", str(out)).code == 0
    page = (out / "ru/x/index.html").read_text(encoding="utf-8")
    assert "Академия<br />\nул. Примерная, 1<br />\nТашкент</p>" in page
    assert "Law Enforcement Academy<br />\n1 Example Street<br />\nTashkent</p>" in (out / "en/x/index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "body",
    [
        "- Academy  \n  Tashkent\n- Other\n",
        "> Academy\\\n> Tashkent\n",
        "> 1. Academy  \n>    Tashkent\n",
        "See [the programme][1].\n\n[1]: https://example.org/p\n",
    ],
    ids=["list-item", "blockquote", "list-in-quote", "definitions"],
)
def test_the_markdown_export_keeps_hard_breaks_and_definitions(body: str) -> None:
    doc = doc_of(body)
    shout = {text: text.upper() for text in doc.msgids}
    exported = markdown_body(doc, cells_for(doc.msgids, {k: Entry(k, v) for k, v in shout.items()}))
    again = doc_of(exported)
    assert [s.text for s in again.segments[1:]] == [shout[s.text] for s in doc.segments[1:]]
    assert again.references == doc.references
    if "[1]:" in body:
        assert "[1]: https://example.org/p" in exported


# Front-matter fields ----------------------------------------------------------------------------

def test_field_html_and_text() -> None:
    assert field_html("O'zbekiston & \"Tashkent\"") == "O&#39;zbekiston &amp; &#34;Tashkent&#34;"  # as Jinja escaped it
    assert field_html("A *great* seminar") == "A <em>great</em> seminar"
    assert field_html("The [Academy](https://example.org/) seminar", links=False) == "The Academy seminar"
    assert field_text("A *great* `code` seminar <b>now</b>") == "A great code seminar now"
    assert field_text("O'zbekiston & co") == "O'zbekiston & co"


def test_a_title_is_inline_markdown_everywhere(project, tmp_path: Path) -> None:
    root = project(
        {"content/x.md": report(title='"Seminar on *International* [Standards](https://example.org/s)"', body="Text.\n", summary='"Two *days*."')},
        config='languages = ["en", "ru"]\ndefault_language = "en"\nbase_url = "https://example.org/news/"\n',
    )
    run(root, "update")
    out = tmp_path / "out"
    assert run(root, "build", "--out", str(out)).code == 0
    page = (out / "en/x/index.html").read_text(encoding="utf-8")
    assert '<h1 data-seg="title">Seminar on <em>International</em> <a href="https://example.org/s" rel="noopener">Standards</a></h1>' in page
    assert "<title>Seminar on International Standards — " in page
    assert '<p class="lead" data-seg="summary">Two <em>days</em>.</p>' in page
    listing = (out / "en/index.html").read_text(encoding="utf-8")
    assert re.search(r'<h2><a href="[^"]*x/">Seminar on <em>International</em> Standards</a></h2>', listing), listing
    assert "<p class=\"summary\">Two <em>days</em>.</p>" in listing
    feed = (out / "en/feed.xml").read_text(encoding="utf-8")
    assert "<title>Seminar on International Standards</title>" in feed and "<summary>Two days.</summary>" in feed
    aligned = (desk_of(out) / "aligned/x/index.html").read_text(encoding="utf-8")
    assert "<h1>Seminar on <em>International</em> <a" in aligned and "<title>Seminar on International Standards — " in aligned
    assert "*" not in re.sub(r"<code>.*?</code>", "", page + listing + feed + aligned)
