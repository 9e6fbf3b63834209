"""The compiled Markdown engine (``compiled``) renders only what it renders as markdown-it-py does.

Each text below is one the two engines render differently: the scan must send it to markdown-it-py,
so the page shows what it showed before the engine came. Remove a rule of ``engine.takes`` and its
case fails here. (The differential tests on the CommonMark spec, Django's catalogues and random
texts are in ``tests/conformance/test_compiled_markdown.py``.)
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pyromark
import pytest

from conftest import report, run
from tarjima.markdown import markdown_parser
from tarjima import compiled as engine
from tarjima.checks.inline import inline
from tarjima.site.pages import render
from tarjima.site.pages.render import render_inline

from conformance import adapter

DIFFERING = {
    "quote": 'Said *"no"* twice',  # markdown-it-py writes &quot;
    "entity": "&#X22; *quoted*",  # pyromark decodes it to a bare "
    "raw HTML": "foo <!-- foo---> *x*",  # an HTML comment of an older spec
    "alt text with an apostrophe": "![a'b](photo.jpg)",
    "destination with %": "[1](%)",
    "destination with an apostrophe": "[a](x'y)",
    "heading": "# Heading",
    "list item": "- item",
    "ordered list item": "1. item",
    "quote block": "> quote",
    "indented code": "    code *x*",
    "thematic break": "***",
    "fence": "~~~x",
    "link reference definition": "[a]: /url",
    "a second line": "a\n# b",
    "line separator": "._a_\u2028b",
    "trailing blank": "*a* ",
    "links nested past markdown-it's limit": "x " + "[a" * 21 + "](u)" * 21,
    "emphasis in a link's text": "[*b_**](u)",
    "a link around an image in a link": "[![[]()]()]()",
}


def compiled(text: str) -> str | None:
    """What pyromark makes of a text, as ``engine.inline_html`` would take it (None: not one paragraph)."""
    html = pyromark.html(text)
    return html[3:-5] if html.startswith("<p>") and html.endswith("</p>\n") else None


@pytest.mark.parametrize("text", list(DIFFERING.values()), ids=list(DIFFERING))
def test_a_text_the_engines_render_differently_goes_to_markdown_it(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert compiled(text) != markdown_parser().renderInline(text)  # the case is real
    assert not engine.takes(text)
    render_inline.cache_clear()
    shown = render_inline(text)
    monkeypatch.setattr(engine, "takes", lambda text: False)
    render_inline.cache_clear()
    assert shown == render_inline(text)
    render_inline.cache_clear()


def test_a_lone_surrogate_goes_to_markdown_it() -> None:
    with pytest.raises(UnicodeEncodeError):
        pyromark.html("a *b* \ud800")
    assert not engine.takes("a *b* \ud800")
    assert render_inline("a *b* \ud800") == "a <em>b</em> \ud800"


def test_plain_inline_markdown_takes_the_compiled_engine() -> None:
    for text in ("The *seminar* opened on `Monday`.", "See [the programme](https://example.org/2024/programme).", "**10–11 декабря** — семинар"):
        assert engine.takes(text)
        assert engine.inline_html(text) == markdown_parser().renderInline(text)


def test_the_checks_read_plain_inline_markdown_from_the_compiled_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []
    real = engine.spans
    monkeypatch.setattr(engine, "spans", lambda text: seen.append(text) or real(text))
    inline.cache_clear()
    text = "The *seminar* opened on `Monday`, see [the programme](https://example.org/p) and ![the hall](hall.jpg)."
    read = inline(text)
    assert seen == [text]
    assert (read.links, read.images, read.emphasis, read.strong, read.code) == (("https://example.org/p",), ("hall.jpg",), 1, 0, ("Monday",))
    assert read.prose == "The seminar opened on \ufffc, see the programme and the hall."
    monkeypatch.setattr(engine, "takes", lambda text: False)
    inline.cache_clear()
    assert inline(text) == read
    seen.clear()
    inline.cache_clear()
    inline("a [ref][1] *b*", (("1", "https://example.org/", ""),))  # may use the report's references: markdown-it-py's
    assert seen == []
    inline.cache_clear()


BODY = """<div class="note">

*Inside* the note, with a [link][ref].

</div>

A claim[^1] with *emphasis*.

[^1]: The *source* of it.

[ref]: https://example.org/
"""


def test_raw_html_blocks_and_footnote_references_go_to_markdown_it(monkeypatch: pytest.MonkeyPatch) -> None:
    slow = adapter.render_source_body(BODY), adapter.render_translated_body(BODY, str.upper)
    seen: list[str] = []
    real = engine.inline_html
    monkeypatch.setattr(engine, "inline_html", lambda text: seen.append(text) or real(text))
    render.render_inline.cache_clear()
    fast = adapter.render_source_body(BODY), adapter.render_translated_body(BODY, str.upper)
    assert fast == slow
    assert seen and not any("Inside" in t or "INSIDE" in t or "[^1]" in t for t in seen)  # the note's text took it; the wrapped and the referring ones did not
    render.render_inline.cache_clear()


def rendered_after(root: Path, out: Path, monkeypatch: pytest.MonkeyPatch, change: Callable[[], None]) -> list[str]:
    """The reports a build renders again after ``change`` (a site built first, then built again with nothing changed: none)."""
    import tarjima.site.reports as build_module

    assert run(root, "update").code == 0
    assert run(root, "build", "--out", str(out)).code == 0
    rendered: list[str] = []
    real = build_module.process_report
    monkeypatch.setattr(build_module, "process_report", lambda job, report: rendered.append(report.slug) or real(job, report))
    assert run(root, "build", "--out", str(out)).code == 0
    assert rendered == []  # nothing changed, nothing rendered
    change()
    assert run(root, "build", "--out", str(out)).code == 0
    return sorted(rendered)


def test_another_engine_version_renders_every_page_again(project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    import tarjima.site.renderer as renderer_module

    root = project({"content/2024/a.md": report(body="The *first* report.\n"), "content/2024/b.md": report(title="Another", body="The *second* one.\n")})
    newer = (engine.ENGINE[0], engine.ENGINE[1] + ".post1")
    assert rendered_after(root, tmp_path / "site", monkeypatch, lambda: monkeypatch.setattr(renderer_module, "ENGINE", newer)) == ["a", "b"]


def test_every_library_whose_output_is_in_a_page_is_in_the_renderers_key(project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """An upgrade of markdown-it-py, its plugins, nh3, Jinja2, MarkupSafe, Babel or pyromark renders every page again."""
    import tarjima.site.renderer as renderer_module

    found = {name.split("-", 1)[0] for name in renderer_module.library_versions()}
    assert found == set(renderer_module.PAGE_LIBRARIES)  # each one found installed, with its version
    root = project({"content/2024/a.md": report(body="The *first* report.\n")})
    upgraded = tuple(v.replace("nh3-", "nh3-9.") for v in renderer_module.library_versions())
    assert rendered_after(root, tmp_path / "site", monkeypatch, lambda: monkeypatch.setattr(renderer_module, "library_versions", lambda: upgraded)) == ["a"]


def test_a_pages_token_copy_is_markdown_it_pys_copy() -> None:
    """``render.copied`` stands in for ``Token.copy`` on every page: equal fields, the same lists and dicts shared, an empty ``attrs`` new."""
    text = Path(__file__).resolve().parent.parent.joinpath("content/2024/international-standards-seminar/index.md").read_text(encoding="utf-8")
    tokens = markdown_parser().parse(text + '\n<div class="note">A *note*.</div>\n\n![alt](photo.jpg "A caption")\n')
    every = [*tokens, *(child for t in tokens for child in t.children or ())]
    assert {t.type for t in every} >= {"inline", "paragraph_open", "html_block", "image", "text"}
    for token in every:
        mine, theirs = render.copied(token), token.copy()
        assert mine == theirs and mine is not token
        for name in ("attrs", "children", "map", "meta"):
            assert (getattr(mine, name) is getattr(token, name)) == (getattr(theirs, name) is getattr(token, name)), (token.type, name)
