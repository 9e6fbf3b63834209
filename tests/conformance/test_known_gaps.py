"""Tiny reproductions of the behaviours reported in issue 12, each written as its target.

The right answer comes from the oracles, computed here and now: markdown-it's CommonMark
(through tarjima's own sanitizer) for Markdown, GNU gettext (``msgfmt -c``, ``msgfmt
--statistics``, ``msgcat``, ``msgconv``) for PO files. Every test below failed before its fix and is
marked ``xfail(strict=True)`` until its fix lands; then its test passes, and the mark goes.
``test_gnu_accepts_every_reproduction`` proves each PO reproduction is a file GNU accepts.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from . import adapter
from .commonmark_suite import normalise, reference_html
from .po_suite import gnu, statistics

gap = lambda behaviour: pytest.mark.xfail(strict=True, reason=f"issue 12: {behaviour}")  # noqa: E731


# Markdown ---------------------------------------------------------------------------------------

def assert_renders_as_commonmark(body: str) -> None:
    expected = normalise(reference_html(body))
    got = normalise(adapter.render_source_body(body))
    assert got == expected, f"\nreference: {expected!r}\ntarjima:   {got!r}"


def test_reference_link() -> None:
    assert_renders_as_commonmark("See [the programme][1] of the seminar.\n\n[1]: https://example.org/programme\n")


@pytest.mark.parametrize("body", ["The [Academy] hosted it.\n\n[academy]: https://example.org/\n", "The [Academy][] hosted it.\n\n[academy]: https://example.org/\n"], ids=["shortcut", "collapsed"])
def test_shortcut_and_collapsed_links(body: str) -> None:
    assert_renders_as_commonmark(body)


@pytest.mark.parametrize("body", ["Tashkent,  \n10 December\n", "Tashkent,\\\n10 December\n"], ids=["two-spaces", "backslash"])
def test_hard_line_break(body: str) -> None:
    assert_renders_as_commonmark(body)


def test_linked_image() -> None:
    assert_renders_as_commonmark("[![The Academy](academy.jpg)](https://example.org/)\n")


@pytest.mark.parametrize(
    "body",
    ["[![The Academy][logo]](https://example.org/)\n\n[logo]: academy.jpg\n", "![Day one][photo] ![Day two][photo]\n\n[photo]: day.jpg\n"],
    ids=["linked", "two-images"],
)
def test_reference_image_alt(body: str) -> None:
    assert_renders_as_commonmark(body)


def test_div_wrapping_markdown_keeps_its_content() -> None:
    """As reported (<div>, blank line, *text*, blank line, </div>) it matches the reference: <div> is
    not on tarjima's allow-list, so both sides drop the wrapper and keep the paragraph."""
    assert_renders_as_commonmark("<div>\n\n*text*\n\n</div>\n")


def test_html_block_wrapping_markdown() -> None:
    assert_renders_as_commonmark("<blockquote>\n\n*The Academy* hosted the seminar.\n\n</blockquote>\n")


def build_page(tmp_path: Path, front: str, body: str) -> str:
    """Build a one-report project (English only) with the tarjima CLI; the report page's HTML."""
    root = tmp_path / "project"
    (root / "content").mkdir(parents=True)
    (root / "tarjima.toml").write_text('languages = ["en"]\ndefault_language = "en"\n', encoding="utf-8")
    (root / "content" / "seminar.md").write_text(f"---\n{front}date: 2024-12-10\nlang: en\n---\n\n{body}", encoding="utf-8")
    code, output = adapter.run_cli(root, "build", "--out", str(tmp_path / "site"))
    assert code == 0, output
    return (tmp_path / "site" / "en" / "seminar" / "index.html").read_text(encoding="utf-8")


def test_title_with_emphasis(tmp_path: Path) -> None:
    page = build_page(tmp_path, 'title: "A *great* seminar"\n', "Text.\n")
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S)
    title = re.search(r"<title>(.*?)</title>", page, re.S)
    assert h1 and title
    assert normalise(h1.group(1)) == normalise(adapter.sanitize(reference_html("A *great* seminar")))[len("<p>\n") : -len("\n</p>")]
    assert "*" not in title.group(1) and title.group(1).startswith("A great seminar")


# PO files ---------------------------------------------------------------------------------------

HEADER = b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
LONG = b"This message is long enough to go past the seventy-nine columns GNU gettext wraps at"
SEPARATORS = {"U+2028": "\u2028", "U+2029": "\u2029", "U+0085": "\u0085", "VT": "\v", "FF": "\f", "lone-CR": "\r"}
KOI8 = "привет".encode("koi8_r")

REPRODUCTIONS: dict[str, bytes] = {
    **{f"separator-{name}": HEADER + f'msgid "a{ch}b"\nmsgstr "x{ch}y"\n'.encode("utf-8") for name, ch in SEPARATORS.items()},
    "no-wrap": HEADER + b"#, no-wrap\nmsgid \"" + LONG + b"\"\nmsgstr \"" + LONG + b"\"\n",
    "header-spacing": b'msgid ""\nmsgstr ""\n"Project-Id-Version:  Academy  news \\n"\n"X-Team:press office\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "a"\nmsgstr "b"\n',
    "empty-header": b'msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr "b"\n',
    "plural-second-form-empty": HEADER + b'msgid "one report"\nmsgid_plural "%d reports"\nmsgstr[0] "bitta hisobot"\nmsgstr[1] ""\n',
    "fuzzy-plural-first-form-empty": HEADER + b'#, fuzzy\nmsgid "one report"\nmsgid_plural "%d reports"\nmsgstr[0] ""\nmsgstr[1] "%d hisobot"\n',
    "header-not-first": b'msgid "a"\nmsgstr "b"\n\nmsgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n',
    "charset-after-space": b'msgid ""\nmsgstr "Content-Type: text/plain; charset= koi8-r\\n"\n\nmsgid "hello"\nmsgstr "' + KOI8 + b'"\n',
    "no-charset-8-bit": b'msgid ""\nmsgstr "Language: ru\\n"\n\nmsgid "hello"\nmsgstr "' + KOI8 + b'"\n',
}


@pytest.fixture
def po_path(tmp_path: Path):
    def write(name: str) -> Path:
        path = tmp_path / f"{name}.po"
        path.write_bytes(REPRODUCTIONS[name])
        return path

    return write


def gnu_counts(path: Path) -> tuple[int, int, int]:
    return statistics(gnu("msgfmt", "--statistics", "-o", "/dev/null", str(path)).stderr)


def msgcat(path: Path) -> bytes:
    done = gnu("msgcat", str(path))
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout


CHECK_HEADER_REFUSES = {"empty-header"}  # msgfmt -c: "PO file header missing or invalid"; plain msgfmt and msgcat accept it


@pytest.mark.parametrize("name", sorted(REPRODUCTIONS))
def test_gnu_accepts_every_reproduction(po_path, name: str) -> None:
    """Each reproduction is a catalogue ``msgfmt -c`` compiles (warnings aside), or plain msgfmt where said."""
    path = po_path(name)
    checked = gnu("msgfmt", "-c", "-o", "/dev/null", str(path))
    plain = gnu("msgfmt", "-o", "/dev/null", str(path))
    assert plain.returncode == 0, plain.stderr.decode()
    assert (checked.returncode != 0) == (name in CHECK_HEADER_REFUSES), checked.stderr.decode()


@pytest.mark.parametrize("name", sorted(SEPARATORS))
def test_line_separator_inside_a_string(po_path, name: str) -> None:
    path = po_path(f"separator-{name}")
    assert gnu_counts(path) == (1, 0, 0)
    assert adapter.strict_counts(path.read_bytes(), path.name) == (1, 0, 0)
    assert adapter.status_counts(path.read_bytes(), path.name) == (1, 0, 0)


@pytest.mark.parametrize(
    "name",
    [
        "no-wrap",
        "header-spacing",
        "empty-header",
    ],
)
def test_write_back_is_msgcat_s(po_path, name: str) -> None:
    """Read and written back by tarjima, a catalogue is what msgcat writes."""
    path = po_path(name)
    expected = msgcat(path)
    assert adapter.roundtrip_po(expected, path.name).decode() == expected.decode()


@pytest.mark.parametrize(
    "name",
    [
        "plural-second-form-empty",
        "fuzzy-plural-first-form-empty",
        "header-not-first",
        "charset-after-space",
    ],
)
def test_counts_are_msgfmt_s(po_path, name: str) -> None:
    """tarjima reads the file msgfmt -c accepts, and counts it as msgfmt --statistics does (strict and status)."""
    path = po_path(name)
    expected = gnu_counts(path)
    assert adapter.strict_counts(path.read_bytes(), path.name) == expected
    assert adapter.status_counts(path.read_bytes(), path.name) == expected


def test_no_charset_and_8_bit_bytes_is_refused_naming_the_missing_charset(po_path) -> None:
    """msgfmt accepts it with a warning ('Charset missing in header') and passes the bytes
    through undecoded; tarjima must decode, and any guess (Latin-1, CP1251) could be mojibake.
    So bytes that are not UTF-8 under no charset are refused, in one line that names the
    missing charset and the line of the first 8-bit byte; valid UTF-8 is read as UTF-8."""
    path = po_path("no-charset-8-bit")
    expected = "no-charset-8-bit.po:5: the header declares no charset and the file is not UTF-8 (declare the file's charset in the Content-Type header (charset=...), or save it as UTF-8)"
    for counter in (adapter.strict_counts, adapter.status_counts):
        with pytest.raises(adapter.InputError) as caught:
            counter(path.read_bytes(), path.name)
        assert str(caught.value) == expected
    utf8 = REPRODUCTIONS["no-charset-8-bit"].replace(KOI8, "привет".encode("utf-8"))
    assert adapter.strict_counts(utf8, path.name) == adapter.status_counts(utf8, path.name) == (1, 0, 0)


def test_empty_header_counted_as_msgfmt_does(po_path) -> None:
    path = po_path("empty-header")
    assert adapter.status_counts(path.read_bytes(), path.name) == gnu_counts(path)


def test_fix_keeps_the_declared_charset_true(tmp_path: Path) -> None:
    root = tmp_path / "project"
    catalogue = root / "locales" / "uz_Latn" / "LC_MESSAGES" / "seminar.po"
    catalogue.parent.mkdir(parents=True)
    (root / "content").mkdir()
    (root / "tarjima.toml").write_text('languages = ["en", "uz-Latn"]\ndefault_language = "en"\n', encoding="utf-8")
    (root / "content" / "seminar.md").write_text("---\ntitle: Seminar\ndate: 2024-12-10\nlang: en\n---\n\nThe Uzbek Academy.\n", encoding="utf-8")
    catalogue.write_bytes(
        b'msgid ""\nmsgstr ""\n"Language: uz_Latn\\n"\n"MIME-Version: 1.0\\n"\n"Content-Type: text/plain; charset=ISO-8859-1\\n"\n'
        b'"Content-Transfer-Encoding: 8bit\\n"\n\nmsgid "Seminar"\nmsgstr "Seminar"\n\n'
        b'msgid "The Uzbek Academy."\nmsgstr "' + "«O'zbekiston» akademiyasi.".encode("latin-1") + b'"\n'
    )
    code, output = adapter.run_cli(root, "check", "--fix")
    assert "fixed 1 entr" in output, output
    converted = gnu("msgconv", "-t", "UTF-8", str(catalogue))
    assert converted.returncode == 0, converted.stderr.decode()
    assert 'msgstr "«Oʻzbekiston» akademiyasi."' in converted.stdout.decode("utf-8")
