"""``tarjima derive``: how far the derived catalogues are reviewed, and the words across the archive that a person should decide.

A word the rules and dictionaries cannot decide is noted on each derived entry that holds it
(``# ambiguous: word: chosen | other (why)``). The report gathers the notes of untouched
derived entries over every report, most frequent first, so that one line of
``locales/uz-translit.csv`` settles a word everywhere at the next ``tarjima update``.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field, replace
from pathlib import Path

from tarjima.derive.alphabet import to_alphabet
from tarjima.derive.catalog import open_ambiguities, review
from tarjima.derive.latin2026 import NEW
from tarjima.languages import is_uzbek_latin
from tarjima.model import Catalog
from tarjima.derive.plan import Derivations
from tarjima.errors import InputError
from tarjima.po.read import read_catalog
from tarjima.project import Project


@dataclass
class Word:
    """One undecided word (lower case) and where it stands."""

    word: str
    alternatives: tuple[str, ...]  # the spelling chosen first
    reason: str
    entries: int = 0
    places: list[str] = field(default_factory=list)  # "catalogue:line" of each entry

    @property
    def line(self) -> str:
        """The word-list line that would settle it as chosen (edit it for another spelling)."""
        chosen = self.alternatives[0].lower()
        return f"{self.word},{'=' if chosen == self.word else chosen}"


@dataclass
class Summary:
    """One derived language: entries derived as written, reviewed, with open ambiguities."""

    tag: str
    base: str
    catalogues: int = 0
    derived: int = 0
    reviewed: int = 0
    ambiguous: int = 0


@dataclass
class AmbiguityReport:
    words: list[Word] = field(default_factory=list)
    languages: dict[str, Summary] = field(default_factory=dict)
    errors: list[InputError] = field(default_factory=list)
    alphabet: str = ""  # the Latin alphabet the uz-Latn pages are shown in when it is not the one written ("2026" or "1995")
    letters: list[Word] = field(default_factory=list)  # words kept as written in that alphabet (settled in [tool.tarjima.alphabet.words])


def collect(project: Project) -> AmbiguityReport:
    """Read every derived catalogue once; gather its counts and the open ambiguities of its untouched entries."""
    result = AmbiguityReport(errors=list(project.errors))
    derivations = Derivations(project.config)
    layout = project.layout
    found: dict[str, Word] = {}
    for report in project.reports:
        for source in derivations.for_report(report.lang):
            path = layout.po(source.lang, report.slug)
            summary = result.languages.setdefault(source.lang.tag, Summary(source.lang.tag, source.base.tag))
            if not path.exists():
                continue
            display = layout.rel(path)
            catalog = _read(path, display, result.errors)
            if catalog is None:
                continue
            counts = review(catalog)
            summary.catalogues += 1
            summary.derived += counts.derived
            summary.reviewed += counts.reviewed
            summary.ambiguous += counts.ambiguous
            for entry, (word, alternatives, reason) in open_ambiguities(catalog):
                key = word.lower()
                item = found.setdefault(key, Word(key, tuple(a.lower() for a in alternatives), reason))
                item.entries += 1
                item.places.append(f"{display}:{entry.line}")
    result.words = sorted(found.values(), key=lambda w: (-w.entries, w.word))
    _latin_letters(project, result)
    return result


def _read(path: Path, display: str, errors: list[InputError]) -> Catalog | None:
    """A catalogue read strictly, or None with its error kept for the report's end."""
    try:
        return read_catalog(path, display)
    except InputError as exc:
        errors.append(exc)
        return None


def _latin_letters(project: Project, result: AmbiguityReport) -> None:
    """The words the pages shown in the other Latin alphabet keep as written (an acronym with SH or CH,
    s and h in a 2026 text), over every report that alphabet shows once ``from`` has come."""
    alphabet = project.config.alphabet
    shown = NEW if alphabet.publish == NEW else "1995"
    if shown == alphabet.write:
        return
    result.alphabet = shown
    will_show = replace(alphabet, showing=True)
    layout = project.layout
    found: dict[str, Word] = {}
    for report in project.reports:
        if not will_show.new_letters(report.date) and shown == NEW:
            continue
        texts: list[tuple[str, str]] = []
        if is_uzbek_latin(report.lang):
            texts = [(s.text, f"{report.path}:{s.line}") for s in project.document(report).segments]
        else:
            for lang in project.targets(report):
                path = layout.po(lang, report.slug)
                if not is_uzbek_latin(lang.tag) or not path.exists():
                    continue
                display = layout.rel(path)
                catalog = _read(path, display, result.errors)
                if catalog is None:
                    continue
                texts += [(e.msgstr, f"{display}:{e.line}") for e in catalog.entries if e.translated and not e.obsolete and e.msgstr]
        for text, place in texts:
            for ambiguity in to_alphabet(text, shown, alphabet.words).ambiguities:
                item = found.setdefault(ambiguity.word, Word(ambiguity.word, ambiguity.alternatives, ambiguity.reason))
                item.entries += 1
                item.places.append(place)
    result.letters = sorted(found.values(), key=lambda w: (-w.entries, w.word))


def to_text(result: AmbiguityReport, listing: bool) -> str:
    lines = []
    for s in result.languages.values():
        lines.append(f"{s.tag} (derived from {s.base}): {s.catalogues} catalogue(s), {s.derived} entries derived, {s.reviewed} reviewed, {s.ambiguous} with open ambiguities")
    if result.alphabet:
        lines.append(f"uz-Latn shown in the {result.alphabet} Latin alphabet: {len(result.letters)} word(s) kept as written")
    if not listing:
        if result.words or result.letters:
            lines.append(f"{len(result.words) + len(result.letters)} undecided word(s): tarjima derive --report lists them")
        return "\n".join(lines) + "\n"
    if not result.words and not result.letters:
        lines.append("no undecided words")
    for w in result.words:
        lines.append(f"{w.entries:4d}  {w.word}: {' | '.join(w.alternatives)}" + (f"  ({w.reason})" if w.reason else ""))
        lines.append(f"      settle it: add `{w.line}` to locales/uz-translit.csv (or the other spelling); first at {w.places[0]}")
    for w in result.letters:
        lines.append(f"{w.entries:4d}  {w.word}: {' | '.join(w.alternatives)}  ({result.alphabet} alphabet: {w.reason})")
        lines.append(f"      settle it: add `\"{w.word}\" = \"{w.alternatives[-1]}\"` (or another spelling) to [tool.tarjima.alphabet.words]; first at {w.places[0]}")
    return "\n".join(lines) + "\n"


def to_csv(result: AmbiguityReport) -> str:
    """One row per word: ready to become word-list lines."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["word", "entries", "chosen", "alternatives", "reason", "first"])
    for w in result.words:
        writer.writerow([w.word, w.entries, w.alternatives[0], " | ".join(w.alternatives[1:]), w.reason, w.places[0]])
    for w in result.letters:
        writer.writerow([w.word, w.entries, w.alternatives[0], " | ".join(w.alternatives[1:]), f"{result.alphabet} alphabet: {w.reason}", w.places[0]])
    return buffer.getvalue()


def to_json(result: AmbiguityReport) -> str:
    data = {
        "languages": {s.tag: {"base": s.base, "catalogues": s.catalogues, "derived": s.derived, "reviewed": s.reviewed, "ambiguous": s.ambiguous} for s in result.languages.values()},
        "words": [{"word": w.word, "entries": w.entries, "alternatives": list(w.alternatives), "reason": w.reason, "places": w.places} for w in result.words],
        "alphabet": {"shown": result.alphabet, "words": [{"word": w.word, "entries": w.entries, "alternatives": list(w.alternatives), "reason": w.reason, "places": w.places}
                                                          for w in result.letters]} if result.alphabet else None,
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
