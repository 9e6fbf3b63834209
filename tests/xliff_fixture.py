"""The report the XLIFF tests translate: every kind of inline Markdown a CAT tool must protect, and the OASIS schemas."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from conftest import report, run, translate_po
from schemas import xliff12_xsd, xliff_xsd

CONFIG = 'languages = ["en", "ru", "uz-Latn"]\ndefault_language = "en"\n'
TITLE = "Seminar on *international* standards"  # front matter: plain text, its asterisks are no markup
OPENED = 'The seminar opened in *Tashkent* on **10 December**, with [the programme](https://example.org/p?id=42 "Programme") online.'
HEADING = "Speakers from `ICRC` and the Academy"
LECTURES = "Lectures on *international humanitarian law*"
WORKSHOP = "A workshop on [human rights][hr]"
QUESTIONS = "Questions went to <info@example.org> &amp; the organisers\\\nby 1 December."  # an autolink, an entity, a hard break
OFFICERS = "Thirty officers took part."
MSGIDS = (TITLE, OPENED, HEADING, LECTURES, WORKSHOP, QUESTIONS, OFFICERS)
BODY = f"""{OPENED}

## {HEADING}

- {LECTURES}
- {WORKSHOP}

{QUESTIONS}

{OFFICERS}

[hr]: https://example.org/hr
"""
RU = "locales/ru/LC_MESSAGES/seminar.po"
XLIFF12 = "{urn:oasis:names:tc:xliff:document:1.2}"
XLIFF21 = "{urn:oasis:names:tc:xliff:document:2.0}"


def make_archive(project) -> Path:  # type: ignore[no-untyped-def]
    """The seminar in English, its Russian catalogue empty (the OmegaT fixture's project)."""
    root: Path = project({"content/seminar.md": report(TITLE, "en", BODY)}, config=CONFIG)
    assert run(root, "update").code == 0
    return root


def translate_some(root: Path) -> None:
    """Russian: the heading translated, the lectures fuzzy, the rest empty."""
    translate_po(root / RU, {HEADING: "Докладчики из `ICRC` и Академии"}, fuzzy={LECTURES: "Лекции по *международному праву*"})


def schema(version: str) -> etree.XMLSchema:
    """The OASIS schema of an XLIFF version (tests/schemas.py): 1.2 strict with tarjima's attribute declared, 2.0 core for 2.1."""
    return etree.XMLSchema(etree.parse(str(xliff12_xsd() if version == "1.2" else xliff_xsd())))


def valid(path: Path, version: str) -> None:
    checker = schema(version)
    assert checker.validate(etree.parse(str(path))), f"{path.name}: {checker.error_log.filter_from_errors()}"
