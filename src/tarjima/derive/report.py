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
from dataclasses import dataclass, field

from tarjima.derive.catalog import open_ambiguities, review
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
            try:
                catalog = read_catalog(path, display)
            except InputError as exc:
                result.errors.append(exc)
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
    return result


def to_text(result: AmbiguityReport, listing: bool) -> str:
    lines = []
    for s in result.languages.values():
        lines.append(f"{s.tag} (derived from {s.base}): {s.catalogues} catalogue(s), {s.derived} entries derived, {s.reviewed} reviewed, {s.ambiguous} with open ambiguities")
    if not listing:
        if result.words:
            lines.append(f"{len(result.words)} undecided word(s): tarjima derive --report lists them")
        return "\n".join(lines) + "\n"
    if not result.words:
        lines.append("no undecided words")
    for w in result.words:
        lines.append(f"{w.entries:4d}  {w.word}: {' | '.join(w.alternatives)}" + (f"  ({w.reason})" if w.reason else ""))
        lines.append(f"      settle it: add `{w.line}` to locales/uz-translit.csv (or the other spelling); first at {w.places[0]}")
    return "\n".join(lines) + "\n"


def to_csv(result: AmbiguityReport) -> str:
    """One row per word: ready to become word-list lines."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["word", "entries", "chosen", "alternatives", "reason", "first"])
    for w in result.words:
        writer.writerow([w.word, w.entries, w.alternatives[0], " | ".join(w.alternatives[1:]), w.reason, w.places[0]])
    return buffer.getvalue()


def to_json(result: AmbiguityReport) -> str:
    data = {
        "languages": {s.tag: {"base": s.base, "catalogues": s.catalogues, "derived": s.derived, "reviewed": s.reviewed, "ambiguous": s.ambiguous} for s in result.languages.values()},
        "words": [{"word": w.word, "entries": w.entries, "alternatives": list(w.alternatives), "reason": w.reason, "places": w.places} for w in result.words],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
