"""Tag identifiers: the address of a tag's pages (``<language>/tags/<id>/``), derived once from the tag as an
editor writes it and recorded, so that a later change of the rule never moves a tag's pages.

A tag is any text (``Семинар``, ``human rights``, ``ICRC``); its identifier is a-z, 0-9 and hyphens:
the text transliterated (Russian or Uzbek Cyrillic, as the language of the first report that uses it,
in path order), accents and apostrophes dropped, lower case, every other run of characters a hyphen.
A tag already written as an identifier (``seminar``) is its own.

``published/tags.csv`` (committed beside the publication record; one row per tag ever used, sorted)::

    tag,id
    Семинар,seminar-2
    seminar,seminar

The build reads it, gives each tag not in it its identifier (those written as identifiers first,
then the others in the order of their text), and writes it back after the site is in place,
only when a row was added. A tag whose identifier another tag has already is not merged with it:
it gets the next free one (``seminar-2``) and the build names the clash in one line. An editor may
change an ``id`` by hand (two rows with one id are one tag, on purpose); that tag's pages move.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from tarjima.errors import InputError
from tarjima.files import csv_text, read_csv, sweep, write_if_changed
from tarjima.languages import language_of
from tarjima.model import Report

FILE = "published/tags.csv"
HEADER = ("tag", "id")
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LONGEST = 60  # characters of an identifier (cut at a hyphen)

RUSSIAN = {**dict(zip("абвгдеёжзийклмнопрстуфхцчшщыэюя", "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch y e yu ya".split())), "ъ": "", "ь": ""}
UZBEK = {**RUSSIAN, "х": "x", "ж": "j", "ў": "o", "қ": "q", "ғ": "g", "ҳ": "h", "ё": "yo"}  # the Latin alphabet's letters, its apostrophes dropped
RUSSIAN.update({k: UZBEK[k] for k in "ўқғҳ"})  # an Uzbek word in a Russian report's tag
APOSTROPHES = "'’‘ʻʼ`´"


def derive_id(text: str, lang: str = "ru") -> str:
    """A tag's identifier by today's rule (``lang``: the language of the report it was first found in).

    >>> derive_id("Семинар"), derive_id("Права человека"), derive_id("Инсон ҳуқуқлари", "uz-Cyrl"), derive_id("Ўзбекистон", "uz-Cyrl")
    ('seminar', 'prava-cheloveka', 'inson-huquqlari', 'ozbekiston')
    >>> derive_id("Human Rights Day"), derive_id("Oʻzbekiston"), derive_id("  Café  2024 "), derive_id("ICRC"), derive_id("Объявление")
    ('human-rights-day', 'ozbekiston', 'cafe-2024', 'icrc', 'obyavlenie')
    """
    table = UZBEK if language_of(lang) == "uz" else RUSSIAN
    text = "".join(table.get(ch.lower(), ch) for ch in text)
    text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch) and ch not in APOSTROPHES)
    made = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    if len(made) > LONGEST:
        made = made[:LONGEST].rsplit("-", 1)[0] if "-" in made[:LONGEST] else made[:LONGEST]
    return made or "tag-" + hashlib.blake2b(text.encode("utf-8"), digest_size=4).hexdigest()


class Clash(NamedTuple):
    """A new tag whose identifier another tag had: given the next free one."""

    tag: str
    source: str  # the first report that uses it
    wanted: str
    owner: str  # the tag that has ``wanted``
    given: str

    def __str__(self) -> str:
        return (f"tag {self.tag!r} ({self.source}) would have the address tags/{self.wanted}/ of tag {self.owner!r}: given tags/{self.given}/ ({FILE}); "
                f"to make them one tag, write {self.owner!r} in the report, or give {self.tag!r} the id {self.wanted} in {FILE}")


@dataclass
class Assignment:
    """Every tag's identifier, the record to keep, and what this build added to it."""

    ids: dict[str, str] = field(default_factory=dict)  # tag as written -> identifier, for every tag in use
    langs: dict[str, str] = field(default_factory=dict)  # tag as written (not as an identifier) -> the language it is written in: its first report's
    record: dict[str, str] = field(default_factory=dict)  # the record after this build: every tag ever given one
    added: list[str] = field(default_factory=list)  # tags recorded now
    clashes: list[Clash] = field(default_factory=list)


def assign(record: Mapping[str, str], used: Iterable[tuple[str, str, str]], named: Iterable[str] = ()) -> Assignment:
    """The identifiers of the tags in use, ``(tag, language of its report, source path)`` in path order; new ones recorded.
    ``named``: the tags of locales/tags.csv, whose identifiers are taken too (a new tag is not given another's names).

    >>> made = assign({"Семинар": "seminar"}, [("seminar", "en", "a.md"), ("Семинар", "ru", "b.md"), ("Конференция", "ru", "b.md")], ["konferentsiya"])
    >>> made.ids, made.added
    ({'seminar': 'seminar-2', 'Семинар': 'seminar', 'Конференция': 'konferentsiya-2'}, ['seminar', 'Конференция'])
    """
    first: dict[str, tuple[str, str]] = {}
    for tag, lang, source in used:
        first.setdefault(tag, (lang, source))
    result = Assignment(record=dict(record))
    owners = {tag: tag for tag in named if ID_RE.match(tag) and tag not in first}  # a tag named in the table, used by no report (yet)
    owners.update({tag_id: tag for tag, tag_id in sorted(record.items(), reverse=True)})
    new = sorted((t for t in first if t not in record), key=lambda t: (not ID_RE.match(t), t))  # identifiers claim themselves first
    for tag in new:
        lang, source = first[tag]
        wanted = derive_id(tag, lang)
        given, n = wanted, 1
        while given in owners:
            n += 1
            given = f"{wanted}-{n}"
        if given != wanted:
            result.clashes.append(Clash(tag, source, wanted, owners[wanted], given))
        owners[given] = tag
        result.record[tag] = given
        result.added.append(tag)
    result.ids = {tag: result.record[tag] for tag in first}
    result.langs = {tag: lang for tag, (lang, _) in first.items() if not ID_RE.match(tag)}
    return result


def used(reports: Iterable[Report]) -> list[tuple[str, str, str]]:
    """Every tag of every report, ``(tag, the report's language, its source)``, in the reports' order (their paths')."""
    return [(str(tag), report.lang, report.path) for report in reports for tag in report.tags]


def load(root: Path) -> dict[str, str]:
    """The committed record of the project at ``root`` (empty when there is none); a damaged one is bad input."""
    rows = read_csv(root / FILE, FILE, HEADER, "the tag record")
    record: dict[str, str] = {}
    for number, row in enumerate(rows or (), start=2):
        if len(row) != 2 or not row[0].strip() or not ID_RE.match(row[1]):
            raise InputError(FILE, f"row {number} is not a tag and its id (a-z, 0-9 and hyphens)", "restore the row from git, or write it as TAG,ID", number)
        if row[0] in record:
            raise InputError(FILE, f"tag {row[0]!r} has two rows", "keep one of them", number)
        record[row[0]] = row[1]
    return record


def dumps(record: Mapping[str, str]) -> str:
    """The record as CSV, sorted by identifier, then tag."""
    return csv_text(HEADER, sorted(record.items(), key=lambda item: (item[1], item[0])))


def save(root: Path, record: Mapping[str, str]) -> bool:
    """Write the record if it changed (the project's lock held); whether it did."""
    sweep((root / FILE).parent)
    return write_if_changed(root / FILE, dumps(record))
