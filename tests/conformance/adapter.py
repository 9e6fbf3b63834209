"""The conformance harness's only door into tarjima: every internal it uses is imported here.

When a module of tarjima moves, this file is the one to update. Everything else in ``tests/conformance`` and
``benchmarks/conformance.py`` speaks bytes, strings and plain tuples through these functions.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from click.testing import CliRunner

from tarjima import catalog as _catalog
from tarjima import sources as _sources
from tarjima import catalogues as _status
from tarjima.po import quick as _quick
from tarjima.po import read as _read
from tarjima.po import write as _write
from tarjima.site.pages import render as _render
from tarjima.cli import main as _cli
from tarjima.errors import InputError
from tarjima.model import MACHINE_COMMENT as _MACHINE
from tarjima.model import Catalog as _Catalog
from tarjima.model import Entry as _Entry
from tarjima.po.header import header_fields as _header_fields

__all__ = [
    "InputError", "USED", "read_po", "roundtrip_po", "strict_counts", "status_counts", "quick_counts", "counter_disagrees",
    "merge_po", "sanitize", "render_source_body", "render_translated_body", "run_cli",
]

# What the harness uses of tarjima, for the report (and for whoever moves these modules).
USED = (
    "tarjima.po.read.read", "tarjima.po.write.dumps", "tarjima.po.quick.tally", "tarjima.po.header.header_fields",
    "tarjima.catalog.counts", "tarjima.catalog.merge", "tarjima.catalogues.count_catalog",
    "tarjima.sources.parse_document", "tarjima.site.pages.render.render_body",
    "tarjima.site.pages.render.cells_for", "tarjima.site.pages.render.sanitize", "tarjima.model.Entry", "tarjima.errors.InputError", "tarjima.cli.main",
)

Counts = tuple[int, int, int]  # translated, fuzzy, untranslated: msgfmt --statistics' three numbers
LANGUAGES = ("en", "ru")  # the fixture project's languages: a report in English, translated into Russian
REPORT_PATH = "content/example.md"


def read_po(data: bytes, name: str) -> object:
    """Read a catalogue with tarjima's strict reader (raises InputError)."""
    return _read.read(data, name)


def write_po(catalog: object) -> bytes:
    """A catalogue as tarjima writes it to disk (its writers encode ``dumps`` as UTF-8)."""
    return _write.dumps(catalog).encode("utf-8")  # type: ignore[arg-type]


def roundtrip_po(data: bytes, name: str) -> bytes:
    """Read a catalogue with tarjima and write it back with tarjima's writer."""
    return write_po(read_po(data, name))


def strict_counts(data: bytes, name: str) -> Counts:
    """Counts from the strict reader and ``catalog.counts``."""
    counts = _catalog.counts(_read.read(data, name))
    return counts.translated, counts.fuzzy, counts.untranslated


def status_counts(data: bytes, name: str) -> Counts:
    """Counts as ``tarjima status`` computes them (the quick tally, the strict reader when it declines)."""
    counts, _, _ = _status.count_catalog(data, name)
    return counts.translated, counts.fuzzy, counts.untranslated


def quick_counts(data: bytes, name: str) -> Counts | None:
    """Counts of the quick ``tally`` path alone; None where it declines the file."""
    tallied = _quick.tally(data, name)
    if tallied is None:
        return None
    states = tallied.states
    translated = states.count("translated")
    fuzzy = states.count("fuzzy") + states.count("machine")
    return translated, fuzzy, len(states) - translated - fuzzy


def counter_disagrees(data: bytes, name: str) -> str:
    """Where the byte counter (``quick.tally``, status's first reader) parts from the strict reader; "" when it
    declines the file or agrees: the same entries counted in the same states, the same header, msgids and
    obsolete count, and on a file the strict reader refuses, its one-line error (or a decline)."""
    try:
        strict = _read.read(data, name)
    except InputError as exc:
        strict = exc
    try:
        tallied = _quick.tally(data, name)
    except InputError as exc:
        return "" if isinstance(strict, InputError) and str(exc) == str(strict) else f"the counter refuses: {exc}; the strict reader: {strict}"
    if tallied is None:
        return ""
    if isinstance(strict, InputError):
        return f"the counter accepts what the strict reader refuses: {strict}"
    active = list(strict.active)
    states = tuple("untranslated" if not e.msgstr else ("machine" if any(c.startswith(_MACHINE) for c in e.translator_comments) else "fuzzy") if e.fuzzy
                   else "translated" for e in active)
    found = (tallied.states, tallied.msgids, tallied.obsolete, _catalog.recorded_digest(_Catalog((), _header_fields(tallied.header))))
    wanted = (states, tuple(e.msgid for e in active), len(strict.entries) - len(active), _catalog.recorded_digest(strict))
    return "" if found == wanted and _header_fields(tallied.header) == strict.headers else f"counter {found}, strict reader {wanted}"


def merge_po(old: bytes, pot: bytes, name: str) -> bytes:
    """tarjima's merge of a template into a catalogue, written as tarjima writes it."""
    merged = _catalog.merge(_read.read(old, name), _read.read(pot, name + "t"))
    return write_po(merged)


def sanitize(html: str) -> str:
    """tarjima's HTML allow-list."""
    return _render.sanitize(html)


def report_text(body: str, title: str = "Example") -> str:
    """A one-report source: front matter, then the body as given."""
    return f"---\ntitle: {title!r}\ndate: 2024-12-10\nlang: en\n---\n{body}"


def _rendered(body: str, translate: Callable[[str], str] | None) -> str:
    doc = _sources.parse_document(report_text(body), REPORT_PATH, LANGUAGES)
    entries = None
    if translate is not None:
        entries = {text: _Entry(text, translate(text)) for text in doc.msgids}
    cells = _render.cells_for(doc.msgids, entries)
    return _render.render_body(doc, cells, doc.report.lang)


def render_source_body(body: str) -> str:
    """The HTML body of a report's source-language page, as the build renders it."""
    return _rendered(body, None)


def render_translated_body(body: str, translate: Callable[[str], str]) -> str:
    """The HTML body of a translated page, every segment translated (final) by ``translate``."""
    return _rendered(body, translate)


def run_cli(root: Path, *args: str) -> tuple[int, str]:
    """Run the tarjima command line in-process on a project; (exit status, stdout and stderr)."""
    result = CliRunner().invoke(_cli, ["--root", str(root), *args], catch_exceptions=False)
    return result.exit_code, result.stdout + result.stderr
