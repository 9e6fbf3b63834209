"""The pure data of tarjima: reports, segments, catalogue entries, counts and findings.

Values only: nothing here reads a file, parses Markdown or imports the rest of tarjima.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields, replace
from typing import Any, Iterator, Mapping, NamedTuple

# The roles a segment can play; each becomes the extracted comment of its entry.
FRONT_MATTER_FIELDS = ("title", "summary", "location", "correction", "retracted")  # translated like the body (a correction note, a retraction's reason)
# The translator comment that marks a machine draft: "machine translation (libre), review before publishing".
MACHINE_COMMENT = "machine translation"
# The translator comment of an entry the translation memory filled (``memory``): "translation memory: 92% like a text of …".
MEMORY_COMMENT = "translation memory"


class Segment(NamedTuple):
    """One translatable unit of a report: a front-matter field or one Markdown block (a named tuple: cheap to make by the thousand)."""

    id: str  # the same in every language: "title", "b3", ...
    role: str  # "title", "heading", "paragraph", "list item", "table cell", ...
    text: str  # the msgid: raw inline Markdown, line breaks folded
    line: int  # 1-based line in the source file



class Clearance(NamedTuple):
    """Who cleared a source for publication and when (``cleared:`` in its front matter, written by ``tarjima clear``)."""

    by: str
    day: dt.date
    digest: str  # of the source's text as cleared, its ``cleared:`` line aside
    holds: bool  # the source is still the text that was cleared


class Front(NamedTuple):
    """A report's front matter: as written (keys in source order), and its translatable fields as segments."""

    meta: Mapping[str, Any]
    segments: tuple[Segment, ...]  # the title, summary, location, correction and retracted given, in that order

    @property
    def title(self) -> str:
        return str(self.meta["title"])


@dataclass(frozen=True)
class Report:
    """A report as every command sees it: where its source is, what it is made from (``digest``) and what its
    front matter decides (language, dates, tags, draft, clearance, schedule).

    Always whole: every field is known once the source is parsed, from its text or from the
    source index alike. The texts are not part of it (most commands never need an unchanged
    report's): ``Project.front`` gives its front matter as written (``Front``), ``Project.body``
    its Markdown body (checked against ``digest``), ``Project.document`` both, parsed.
    """

    path: str  # relative to the project root, POSIX form: "content/2024/x.md"
    slug: str
    lang: str  # the source language, a configured BCP 47 tag
    date: dt.date
    body_line: int  # the file line on which the body starts
    digest: str = ""  # of the source file's text (and of the extraction rules): what the catalogues were made from
    end_date: dt.date | None = None
    tags: tuple[str, ...] = ()  # ``tags:``, as written (site.tags gives each its address)
    draft: bool = False  # ``draft: true``: no version is published (catalogues, status, checks and the desk still see it)
    unknown: tuple[tuple[str, int], ...] = field(default=(), compare=False)  # front-matter keys tarjima does not know, with their lines: ignored
    cleared: Clearance | None = None  # ``cleared:``: who cleared the source for publication (publication.standing)
    publish_at: dt.datetime | None = None  # ``publish_at:``, an aware moment: no version is published before it


@dataclass(frozen=True)
class Entry:
    """One PO entry (gettext semantics; the header is kept apart, in Catalog.headers)."""

    msgid: str
    msgstr: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr_plural: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    extracted_comments: tuple[str, ...] = ()
    translator_comments: tuple[str, ...] = ()
    previous_msgctxt: str | None = None
    previous_msgid: str | None = None
    previous_msgid_plural: str | None = None
    obsolete: bool = False
    line: int = field(default=0, compare=False)  # where it starts in the file it was read from; 0 if made here

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def translated(self) -> bool:
        """Translated as msgfmt counts it: not fuzzy, every msgstr non-empty."""
        if self.fuzzy:
            return False
        if self.msgid_plural is not None:
            return bool(self.msgstr_plural) and all(self.msgstr_plural)
        return bool(self.msgstr)

    @property
    def has_translation(self) -> bool:
        """Some translator text is present, fuzzy or not."""
        return bool(self.msgstr) or any(self.msgstr_plural)

    def with_flag(self, flag: str, on: bool = True) -> Entry:
        """This entry with ``flag`` set or cleared, other flags in their order."""
        flags = tuple(f for f in self.flags if f != flag)
        if on:
            flags = (flag, *flags) if flag == "fuzzy" else (*flags, flag)
        return replace(self, flags=flags)


@dataclass(frozen=True)
class Catalog:
    """A PO or POT file: header comment, header fields in order, entries in order."""

    entries: tuple[Entry, ...]
    headers: tuple[tuple[str, str], ...] = ()
    header_comments: tuple[str, ...] = ()  # full comment lines before the header, "# ..." or "#, fuzzy"
    header_fuzzy: bool = False
    charset: str = "UTF-8"

    def header(self, name: str, default: str = "") -> str:
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return default

    def with_headers(self, **updates: str) -> Catalog:
        """This catalogue with header fields replaced or appended (names with '-' given as '_')."""
        fields = dict(self.headers)
        for name, value in updates.items():
            fields[name.replace("_", "-")] = value
        return replace(self, headers=tuple(fields.items()))

    @property
    def active(self) -> Iterator[Entry]:
        return (e for e in self.entries if not e.obsolete)

    def messages(self) -> dict[str, Entry]:
        """Active entries without context, by msgid: what a report's segments are looked up in."""
        return {e.msgid: e for e in self.active if e.msgctxt is None}


@dataclass(frozen=True)
class Counts:
    """Entry and word counts of one catalogue, with msgfmt's definitions."""

    total: int = 0
    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    obsolete: int = 0
    words: int = 0
    words_translated: int = 0
    machine: int = 0  # fuzzy entries that are machine drafts
    derived: int = 0  # derived entries as tarjima wrote them (counted only in derived catalogues)
    reviewed: int = 0  # derived entries a reviewer corrected or confirmed
    ambiguous: int = 0  # derived entries, untouched, with a word a person should decide


COUNTERS = tuple(f.name for f in fields(Counts))  # status's counters, in their JSON and CSV order


class Issue(NamedTuple):
    """One problem a check found in one translation, before it is placed in a file."""

    check: str  # the check's id, e.g. "numbers"; a PO flag "tarjima-no-<id>" suppresses it
    severity: str  # "error" or "warning"
    message: str


class Finding(NamedTuple):
    """An Issue placed: which report, language, catalogue, line and entry."""

    check: str
    severity: str
    message: str
    slug: str
    lang: str
    path: str  # the catalogue, relative to the project root
    line: int  # the entry's first line in the catalogue
    msgid: str
