"""Text inside raw HTML block wrappers (issue 36): segmented and translated like any paragraph, shown inside its
wrapper on every language page and on the desk, no script through it; text it cannot translate is named by the build."""

from __future__ import annotations

import re
from pathlib import Path

from lxml import html as lxml_html

from conftest import desk_of, read_po, report, run, translate_po

CONFIG = 'languages = ["en", "ru"]\ndefault_language = "en"\nhold_check_errors = false\n'

BODY = """Opening paragraph.

<div class="note" id="n1" style="color:red">

*Note:* the seminar moved to **Monday**.

</div>

<div class="note">
The hall is <em>closed</em>
on Sunday.
</div>

<aside class="box">Registration ends on 1 December.</aside>

<details>
<summary>Programme</summary>
<p>Day one: talks.</p>
</details>

<pre>
Law Enforcement Academy
Tashkent
</pre>

Closing paragraph.
"""

RU = {
    "Opening paragraph.": "Вступительный абзац.",
    "*Note:* the seminar moved to **Monday**.": "*Примечание:* семинар перенесён на **понедельник**.",
    "The hall is <em>closed</em> on Sunday.": "Зал <em>закрыт</em> в воскресенье.",
    "Registration ends on 1 December.": "Регистрация заканчивается 1 декабря.",
    "Programme": "Программа",
    "Day one: talks.": "День первый: доклады.",
    "Closing paragraph.": "Заключительный абзац.",
    "A seminar": "Семинар",
}


def built(project, tmp_path: Path, body: str, translations: dict[str, str]):  # type: ignore[no-untyped-def]
    root = project({"content/x.md": report(body=body)}, config=CONFIG)
    assert run(root, "update").code == 0
    translate_po(root / "locales/ru/LC_MESSAGES/x.po", translations)
    result = run(root, "build", "--out", str(tmp_path / "out"))
    assert result.code == 0, result.out + result.err
    return root, result


def test_text_in_raw_html_wrappers_is_translated_inside_its_wrapper(project, tmp_path: Path) -> None:
    root, result = built(project, tmp_path, BODY, RU)
    entries = {e.msgid: e for e in read_po(root / "locales/ru/LC_MESSAGES/x.po").entries}
    assert set(entries) == set(RU), sorted(entries)  # every text a reader sees, and not the <pre>
    assert entries["The hall is <em>closed</em> on Sunday."].extracted_comments == ("HTML text",)
    assert entries["Programme"].references == ("content/x.md:23",)
    page = lxml_html.fromstring((tmp_path / "out/ru/x/index.html").read_bytes())
    notes = page.xpath('//div[@class="note"]')
    assert [re.sub(r"\s+", " ", n.text_content()).strip() for n in notes] == ["Примечание: семинар перенесён на понедельник.", "Зал закрыт в воскресенье."]
    assert notes[0].xpath("./p/em")[0].text == "Примечание:" and notes[1].xpath(".//em")[0].text == "закрыт"
    assert all(n.get("id") is None and n.get("style") is None for n in notes)  # the wrapper's allowed attributes (class) only
    assert page.xpath('//aside[@class="box"]')[0].text_content().strip() == "Регистрация заканчивается 1 декабря."
    assert page.xpath("//details/summary")[0].text_content().strip() == "Программа"
    assert page.xpath("//details/p")[0].text_content().strip() == "День первый: доклады."
    shown = page.xpath("//main")[0].text_content()
    for english in ("moved", "closed", "Registration", "Programme", "Day one"):
        assert english not in shown, english
    segs = [e.get("data-seg") for e in page.xpath("//*[@data-seg]") if e.get("data-seg", "").startswith("b")]
    assert segs == [f"b{n}" for n in range(1, 8)]
    # The one text no catalogue can translate is named, with its report and line, on one line.
    named = [line for line in result.err.splitlines() if "<pre>" in line]
    assert named == [line for line in named if line.startswith("warning: content/x.md:27: ")] and len(named) == 1, result.err
    # The desk's aligned page shows each run beside its translation.
    desk = lxml_html.fromstring((desk_of(tmp_path / "out") / "aligned/x/index.html").read_bytes())
    row = desk.xpath('//tr[td[@lang="ru"][contains(., "Зал")]]')[0]
    assert "The hall is closed on Sunday." in re.sub(r"\s+", " ", row.text_content()) and row.xpath('.//td[@lang="ru"]//em')[0].text == "закрыт"


def test_a_run_is_html_as_commonmark_shows_it_on_the_page_and_the_desk(project, tmp_path: Path) -> None:
    """CommonMark reads no Markdown inside an HTML block: its asterisks are shown, on the page and on the desk alike."""
    root = project({"content/x.md": report(body='<p class="lead">Rates: 5 *and* 3 &amp; more.</p>\n')}, config=CONFIG)
    run(root, "update")
    assert [e.msgid for e in read_po(root / "locales/ru/LC_MESSAGES/x.po").entries] == ["A seminar", "Rates: 5 *and* 3 &amp; more."]
    assert run(root, "build", "--out", str(tmp_path / "out")).code == 0
    for path in (tmp_path / "out/en/x/index.html", desk_of(tmp_path / "out") / "aligned/x/index.html"):
        text = path.read_text(encoding="utf-8")
        assert "Rates: 5 *and* 3 &amp; more." in text and "<em>and</em>" not in text, path


def test_an_untranslated_run_is_marked_as_the_source(project, tmp_path: Path) -> None:
    config = CONFIG + "publish_threshold = 10\n"
    root = project({"content/x.md": report(body=BODY)}, config=config)
    run(root, "update")
    translate_po(root / "locales/ru/LC_MESSAGES/x.po", {k: v for k, v in RU.items() if k != "Registration ends on 1 December."})
    assert run(root, "build", "--out", str(tmp_path / "out")).code == 0
    page = lxml_html.fromstring((tmp_path / "out/ru/x/index.html").read_bytes())
    fallback = page.xpath('//aside[@class="box"]/span')[0]
    assert (fallback.get("lang"), fallback.get("class"), fallback.text) == ("en", "fallback", "Registration ends on 1 December.")


def test_no_script_through_a_wrapper_or_its_translation(project, tmp_path: Path) -> None:
    body = '<div class="note" onclick="alert(1)">\nClick <a href="javascript:alert(2)">here</a> <script>alert(3)</script> now.\n</div>\n\nAfter.\n'
    root = project({"content/x.md": report(body=body)}, config=CONFIG)
    run(root, "update")
    msgid = next(e.msgid for e in read_po(root / "locales/ru/LC_MESSAGES/x.po").entries if e.msgid.startswith("Click"))
    evil = 'Нажмите</div><div onclick="alert(4)"><script>alert(5)</script><img src=x onerror="alert(6)"> <a href="javascript:alert(7)">здесь</a>'
    translate_po(root / "locales/ru/LC_MESSAGES/x.po", {msgid: evil, "now.": "сейчас.", "After.": "После.", "A seminar": "Семинар"})  # (<script> ends a run)
    assert run(root, "build", "--out", str(tmp_path / "out")).code == 0
    for lang in ("en", "ru"):
        text = (tmp_path / f"out/{lang}/x/index.html").read_text(encoding="utf-8")
        main = text.split("<main", 1)[1]
        assert "<script" not in main and "onclick" not in main and "onerror" not in main and "javascript:" not in main, lang
        assert '<div class="note">' in main, lang
    assert "Нажмите" in (tmp_path / "out/ru/x/index.html").read_text(encoding="utf-8")
    aligned = (desk_of(tmp_path / "out") / "aligned/x/index.html").read_text(encoding="utf-8")
    assert "Нажмите" in aligned and "<script>alert" not in aligned and "onclick" not in aligned and "javascript:" not in aligned
