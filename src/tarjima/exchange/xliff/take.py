"""A CAT tool's XLIFF (1.2 or 2.1) back into its PO catalogue: each target's codes mapped back to the source's Markdown.

A unit is found by its source: its text and the places of its codes, which must be those of an
entry's msgid split into codes (or, in a file written before tarjima wrote codes, the msgid as
plain text). Its target's codes are mapped by their ids to the Markdown of the source's codes.
A unit is skipped, with its reason, when its target holds a code the source does not have (the
tool invented it), misses a code the exported target had (or the source, when there was none: the
tool lost it), uses one twice or closes one it did not open, or when the Markdown put together
no longer reads those codes as markup (a space just inside an emphasis); the rest are imported.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from tarjima.config import Language
from tarjima.errors import InputError
from tarjima.exchange.xliff.codes import Mark, Part, Split, align_target, is_markdown, parses_back, plain, split
from tarjima.exchange.xliff.read import Unreadable, read_document
from tarjima.exchange.xliff.units import HINT, Unit, Verdict, base_of
from tarjima.files import read_bytes
from tarjima.languages import match_tag
from tarjima.markdown import References
from tarjima.model import Entry
from tarjima.po.read import read_catalog
from tarjima.po.rewrite import save
from tarjima.project import Project
from tarjima.sources import body_references

Key = tuple[str, ...]  # a source's texts, and in place of each code its role: what finds a unit's entry


@dataclass(frozen=True)
class Skipped:
    """A unit not taken back, and why."""

    unit: str
    line: int
    reason: str


@dataclass
class XliffImport:
    """What an import did to one catalogue."""

    display: str
    version: str
    units: int = 0
    changed: int = 0
    same: int = 0  # the target is what the catalogue already has
    empty: int = 0  # no target: nothing to take (an entry is never emptied)
    missing: int = 0  # units whose source text the catalogue no longer has
    conflicts: list[int] = field(default_factory=list)  # catalogue lines kept because both sides changed
    skipped: list[Skipped] = field(default_factory=list)
    written: bool = False

    def summary(self) -> str:
        """One line: what was written, and what each unit came to (so that 0 changed says why)."""
        counts = [(self.changed, "changed"), (self.same, "already so in the catalogue"), (self.empty, "without a target"),
                  (self.missing, "no longer in the catalogue"), (len(self.conflicts), "in conflict"), (len(self.skipped), "skipped")]
        said = ", ".join(f"{n} {what}" for n, what in counts if n or what == "changed")
        return f"{'wrote' if self.written else 'unchanged'} {self.display} (XLIFF {self.version}, {self.units} unit(s): {said})"


def _key(parts: tuple[Part, ...]) -> Key:
    return tuple(p if isinstance(p, str) else f"\0{p.role}" for p in parts)


class Index:
    """A catalogue's entries by the key of their msgid's split."""

    def __init__(self, entries: tuple[Entry, ...], references: References) -> None:
        self.by_key: dict[Key, list[tuple[int, Split]]] = {}
        older: dict[Key, list[tuple[int, Split]]] = {}
        self.flattened: set[str] = set()  # coded msgids with their codes left out, as a tool that drops codes gives them
        for i, entry in enumerate(entries):
            if entry.obsolete or entry.msgctxt is not None or entry.msgid_plural is not None:
                continue
            source = split(entry.msgid, references) if is_markdown(entry.extracted_comments) else plain(entry.msgid)
            self.by_key.setdefault(_key(source.parts), []).append((i, source))
            if source.codes:
                older.setdefault((entry.msgid,), []).append((i, plain(entry.msgid)))
                self.flattened.add("".join(p for p in source.parts if isinstance(p, str)))
        for key, found in older.items():
            self.by_key.setdefault(key, found)

    def find(self, source: tuple[Part, ...]) -> tuple[int, Split] | None:
        """The entry a unit's source is (its index and split), None if the catalogue has no such text."""
        found = self.by_key.get(_key(source), [])
        if len(found) > 1:
            raise Unreadable(f"its source matches {len(found)} entries that differ only in their Markdown codes; translate it in the PO file")
        if not found and len(source) == 1 and source[0] in self.flattened:
            raise Unreadable("its source is an entry's text without its inline codes (a tool dropped them, as translate-toolkit's xliff2po does); "
                             "translate it in a tool that keeps the codes")
        return found[0] if found else None


def take_target(unit: Unit, target: tuple[Part, ...], source: Split, now: Entry, references: References) -> str:
    """The Markdown of a unit's target, its codes mapped back to the source's; Unreadable if a code was invented or lost."""
    names: dict[str, dict[str, str]] = {"open": {}, "close": {}, "ph": {}}
    ours = [p for p in source.parts if isinstance(p, Mark)]
    for theirs, mine in zip([p for p in unit.source if isinstance(p, Mark)], ours, strict=True):
        names[theirs.role].setdefault(theirs.code, mine.code)
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    seen: dict[str, set[str]] = {"open": set(), "close": set(), "ph": set()}
    at = 0
    for part in target:
        if isinstance(part, str):
            out.append(part)
            at += len(part)
            continue
        mine_id = names[part.role].get(part.code)
        if mine_id is None:
            raise Unreadable(f"its target has a code the source does not have ({part.role} id {part.code!r}): the CAT tool added it; take it out")
        code = source.code(mine_id)
        if mine_id in seen[part.role]:
            raise Unreadable(f"its target uses code {part.code} ({code.kind}) twice; keep it once")
        if part.role == "close" and mine_id not in seen["open"]:
            raise Unreadable(f"its target closes code {part.code} ({code.kind}) before opening it")
        seen[part.role].add(mine_id)
        markdown = (code.end or "") if part.role == "close" else code.start
        spans.append((at, at + len(markdown)))
        out.append(markdown)
        at += len(markdown)
    unclosed = seen["open"] - seen["close"]
    if unclosed:
        raise Unreadable(f"its target opens code {min(unclosed)} and does not close it")
    expected = {c.id for c in source.codes}
    if now.msgstr and source.codes:
        expected = align_target(source, split(now.msgstr, references))[1]
    lost = sorted(expected - seen["open"] - seen["ph"], key=int)
    if lost:
        named = ", ".join(f"{i} ({source.code(i).kind} {source.code(i).start!r})" for i in lost)
        raise Unreadable(f"its target lost code(s) {named}: the CAT tool dropped them; put them back")
    text = "".join(out)
    if not parses_back(text, spans, references):
        raise Unreadable("its target's Markdown no longer reads its codes as markup (a space just inside an emphasis or a link?); move the codes onto the words")
    return text


def apply(entry: Entry, text: str, verdict: Verdict) -> Entry:
    """The entry as the CAT tool left it: an approved target is translated, any other new text fuzzy.

    A target that is the catalogue's own text and not approved changes nothing: a tool that
    does not carry approvals (OmegaT 3.x) never turns a translated entry fuzzy.
    """
    if verdict == "draft" and text == entry.msgstr:
        return entry
    if verdict == "final":
        done = replace(entry, msgstr=text, previous_msgctxt=None, previous_msgid=None, previous_msgid_plural=None)
        return done.with_flag("fuzzy", False) if entry.fuzzy else done
    return replace(entry, msgstr=text).with_flag("fuzzy", True)


def import_xliff(project: Project, path: Path, langs: tuple[Language, ...]) -> XliffImport:
    """Bring one XLIFF document's translations into its catalogue."""
    display = project.rel(path)
    document = read_document(read_bytes(path, display), display)
    src, trg, original = document.source_lang, document.target_lang, document.original
    slug = Path(original).stem
    report = next((r for r in project.reports if r.slug == slug), None)
    lang = next((g for g in project.config.languages if project.layout.po_file(g, slug) == original), None)
    if report is None or lang is None:
        raise InputError(display, f"original {original!r} is not a catalogue of this project", HINT)
    for code, wanted, what in ((trg, lang.tag, "target"), (src, report.lang, "source")):
        named = match_tag(code, project.config.tags) if code else None  # as for TMX: en-US is en, uz-Latn-UZ is uz-Latn
        if code and getattr(named, "tag", None) != wanted:
            raise InputError(display, f"{what} language {code!r}, but {original} is {wanted}", HINT)
    if lang not in langs:
        raise InputError(display, f"{original} is {lang.tag}, not among --lang", "add --lang " + lang.tag)
    references = body_references(project.body(report))
    po = project.layout.po(lang, slug)
    catalog = read_catalog(po, original)
    outcome = XliffImport(original, document.version, units=len(document.units))
    index = Index(catalog.entries, references)
    entries = list(catalog.entries)
    for unit in document.units:
        try:
            if unit.problem:
                raise Unreadable(unit.problem)
            found = index.find(unit.source)
            if found is None:
                outcome.missing += 1
                continue
            if unit.target is None:
                outcome.empty += 1
                continue
            i, source = found
            now = entries[i]
            edited = apply(now, take_target(unit, unit.target, source, now, references), unit.verdict)
        except Unreadable as why:
            outcome.skipped.append(Skipped(unit.id, unit.line, str(why)))
            continue
        if edited == now:
            outcome.same += 1
            continue
        if unit.base and unit.base != base_of(now):
            outcome.conflicts.append(now.line)
            continue
        entries[i] = edited
        outcome.changed += 1
    if outcome.changed:
        outcome.written = save(po, replace(catalog, entries=tuple(entries), charset="UTF-8"), original, project.config.po_wrap)
    return outcome
