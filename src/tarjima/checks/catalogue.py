"""One catalogue's checks: every check on every translated entry, the safe ``--fix``, and the cache of the results,
shared by ``tarjima check`` (checks.project) and the build's gate (``hold_check_errors``)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Callable, Iterable

from tarjima.derive.latin2026 import OLD
from tarjima.config import Language
from tarjima.files import read_text
from tarjima.languages import is_uzbek_latin
from tarjima.markdown import References
from tarjima.model import Catalog, Entry, Report
from tarjima.po.read import read
from tarjima.project import Project
from tarjima.store import Cache, digest

if TYPE_CHECKING:
    from tarjima.checks.registry import Glossary, Pair

# The checks themselves are imported where they run: a build whose catalogues are all known to the
# cache (most rebuilds) never loads them.

SCOPE = ("tarjima.checks.catalogue",)  # the code the check cache's results depend on (store's key rule)


def load_glossary(project: Project) -> tuple[Glossary, str]:
    """``locales/glossary.csv`` if there is one, and its text (part of the results' cache key)."""
    from tarjima.checks.glossary import parse_glossary
    from tarjima.checks.registry import Glossary

    path = project.layout.glossary
    if not path.exists():
        return Glossary(), ""
    text = read_text(path, project.layout.rel(path))
    return parse_glossary(text, project.layout.rel(path)), text


def fix_catalog(catalog: Catalog, lang: Language, alphabet: str = OLD) -> tuple[Catalog, int]:
    """Rewrite the safe apostrophe cases of an Uzbek Latin catalogue, and its entries that mix the two Latin
    alphabets in ``alphabet`` (the project's); return it and how many entries changed."""
    if not is_uzbek_latin(lang.tag):
        return catalog, 0
    from tarjima.checks.alphabet import fix_alphabet
    from tarjima.checks.apostrophe import fix_apostrophes
    from tarjima.checks.registry import suppressed

    changed = 0
    entries = []
    for entry in catalog.entries:
        if not entry.obsolete and entry.msgstr:
            off = suppressed(entry)
            fixed = entry.msgstr if "apostrophe" in off else fix_apostrophes(entry.msgstr)
            fixed = fixed if "alphabet" in off else fix_alphabet(fixed, alphabet)
            if fixed != entry.msgstr:
                entry = replace(entry, msgstr=fixed)
                changed += 1
        entries.append(entry)
    return replace(catalog, entries=tuple(entries)), changed


Raw = tuple[str, str, str, int, str]  # (check, severity, message, line, msgid): one issue before --ignore


def checked_pairs(source_lang: str, target_lang: str, catalog: Catalog, glossary: Glossary, references: References = ()) -> list[tuple[Entry, Pair]]:
    """What ``check`` checks of one catalogue: each translated or fuzzy entry (not a plural one) and its pair,
    read in the report's context (``references``: its link reference definitions)."""
    from tarjima.checks.copied import report_names, same_text
    from tarjima.checks.registry import Pair

    checked = [entry for entry in catalog.active if entry.has_translation and entry.msgid_plural is None]
    # A one-word entry is read with its report's names; only ``unchanged`` reads them, of a translation
    # equal to its source: a catalogue without one needs no names (gathering them reads every source text).
    names = report_names(entry.msgid for entry in catalog.active) if any(same_text(e.msgid, e.msgstr) for e in checked) else frozenset()
    return [(entry, Pair(entry.msgid, entry.msgstr, source_lang, target_lang, glossary, references, names)) for entry in checked]


def check_catalog(source_lang: str, lang: Language, catalog: Catalog, glossary: Glossary, references: References = ()) -> tuple[list[Raw], int]:
    """Every check on every translated or fuzzy entry of one catalogue, per-entry suppressions applied.

    ``references``: the report's link reference definitions, in whose context both texts are read.
    """
    from tarjima.checks.registry import suppressed
    from tarjima.checks.run import run_checks

    raw: list[Raw] = []
    pairs = checked_pairs(source_lang, lang.tag, catalog, glossary, references)
    for entry, pair in pairs:
        for issue in run_checks(pair, skip=suppressed(entry)):
            raw.append((issue.check, issue.severity, issue.message, entry.line, entry.msgid))
    return raw, len(pairs)


def check_key(rules: bytes, source_lang: str, source_digest: str, data: bytes) -> bytes:
    """What one catalogue's findings depend on: the checks' code (the cache's scope), the glossary
    (``rules``), the source (its reference definitions are the context both texts are read in), the bytes."""
    return digest(rules + source_lang.encode() + b"\0" + source_digest.encode() + b"\0" + data)


CheckValue = tuple[list[Raw], int]  # (raw findings, entries seen): what the check cache holds per catalogue


@dataclass
class Gate:
    """The build's side of ``check``: error-level findings of the versions it would publish
    (``hold_check_errors``), from check's own cache, or checked now (and then cached for ``check``)."""

    project: Project
    glossary: Glossary
    rules: bytes
    store: Cache

    @classmethod
    def open(cls, project: Project) -> Gate:
        """Raises InputError for a bad glossary (refused like any bad input)."""
        glossary, text = load_glossary(project)
        return cls(project, glossary, digest(text.encode("utf-8")), Cache(project.config.root, "check", SCOPE))

    def has(self, report: Report, data: bytes) -> bool:
        """Whether check's cache holds the results of these bytes of one of the report's catalogues."""
        return self.store.peek(check_key(self.rules, report.lang, report.digest, data)) is not None

    def findings(self, report: Report, lang: Language, data: bytes, display: str, references: References,
                 strict: Callable[[], Catalog] | None = None) -> tuple[CheckValue, tuple[bytes, CheckValue] | None]:
        """One catalogue's check results, and the new cache entry when they were not cached (a worker returns it).
        ``references``: the report's link reference definitions (its Document's, as sources.body_references reads them);
        ``strict``: the catalogue of these bytes read strictly, if the caller has it or will need it too."""
        key = check_key(self.rules, report.lang, report.digest, data)
        cached = self.store.peek(key)
        if cached is not None:
            return cached, None
        catalog = strict() if strict is not None else read(data, display)
        raw, seen = check_catalog(report.lang, lang, catalog, self.glossary, references)
        value: CheckValue = (raw, seen)
        return value, (key, value)

    def save(self, made: Iterable[tuple[bytes, CheckValue]]) -> None:
        """Keep the results checked now in check's cache (the build sees part of the catalogues: nothing is dropped)."""
        for key, value in made:
            self.store.put(key, value)
        self.store.save(partial=True)
