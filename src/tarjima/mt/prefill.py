"""Machine pre-fill over a project: plan the empty entries, translate, check, save each catalogue at once.

Drafts are fuzzy and carry a translator comment naming the engine, so they are never published
before review; translated and fuzzy entries are never touched. Every answer goes to a cache as it
arrives and every catalogue is saved as soon as its entries are done (and every few entries), so a
run that is stopped loses nothing and the next one goes on where it stopped, paying nothing twice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Sequence

from tarjima import catalog as cat
from tarjima.checks.apostrophe import fix_apostrophes
from tarjima.checks.registry import Pair, suppressed
from tarjima.checks.run import run_checks
from tarjima.config import Language
from tarjima.errors import InputError
from tarjima.memory import from_memory
from tarjima.languages import is_uzbek_latin
from tarjima.model import MACHINE_COMMENT, Catalog, Entry, Report
from tarjima.mt.answers import Answers
from tarjima.mt.engines import EngineError, SegmentError, Translator
from tarjima.mt.placeholders import Protected, protect, restore
from tarjima.po.read import read_catalog
from tarjima.po.layout import Wrap
from tarjima.po.rewrite import save as save_catalog
from tarjima.project import Project

DRAFT_CHECKS = frozenset({"numbers", "markup", "urls"})  # ids not (yet) registered are skipped by run_checks


SAVE_EVERY = 10  # entries; a long catalogue is also saved on the way


def machine_comment(engine: str) -> str:
    """The translator comment that marks a machine draft (``catalog.counts`` counts these)."""
    return f"{MACHINE_COMMENT} ({engine}), review before publishing"


def fillable(entry: Entry) -> bool:
    """An entry machine translation may fill: active, singular, empty and not fuzzy."""
    return not entry.obsolete and not entry.fuzzy and entry.msgid_plural is None and not entry.has_translation


@dataclass(frozen=True)
class Job:
    """One catalogue to fill: which report, which language, which empty entries."""

    report: Report
    lang: Language
    path: Path
    display: str
    todo: tuple[Entry, ...]

    @property
    def pair(self) -> tuple[str, str]:
        return (self.report.lang, self.lang.tag)


@dataclass(frozen=True)
class Plan:
    """Everything a run would do, read before anything is sent."""

    jobs: tuple[Job, ...]
    complete: int  # catalogues with nothing to fill
    errors: tuple[InputError, ...]
    unsupported: tuple[str, ...]  # one line per language pair the engine lacks
    remembered: int = 0  # entries of these catalogues the translation memory filled (fuzzy): not sent
    wrap: Wrap | None = None  # the project's po_wrap: catalogues are written in their own layout

    @property
    def entries(self) -> int:
        return sum(len(job.todo) for job in self.jobs)


def plan(project: Project, reports: Sequence[Report], targets: Sequence[Language], pair: Callable[[str, str], str | None]) -> Plan:
    """Read each catalogue of ``reports`` in ``targets`` once and list its empty entries.

    ``pair(source, target)`` says why the engine cannot translate a pair (None if it can);
    it is asked once per pair, and only for pairs with work to do.
    """
    jobs: list[Job] = []
    errors: list[InputError] = list(project.errors)
    verdicts: dict[tuple[str, str], str | None] = {}
    complete = remembered = 0
    for report in reports:
        for lang in targets:
            if lang.tag == report.lang:
                continue
            path = project.layout.po(lang, report.slug)
            display = project.layout.rel(path)
            if not path.exists():
                errors.append(InputError(display, "no catalogue for this report and language", "run `tarjima update` first"))
                continue
            try:
                catalog = read_catalog(path, display)
            except InputError as exc:
                errors.append(exc)
                continue
            if not cat.is_current(cat.recorded_digest(catalog), report.digest, lambda: cat.texts_key(catalog.messages()), lambda: cat.texts_key(project.document(report).msgids)):
                errors.append(InputError(display, f"out of date with {report.path}", "run `tarjima update` first"))
                continue
            remembered += sum(1 for e in catalog.entries if not e.obsolete and from_memory(e))
            todo = tuple(e for e in catalog.entries if fillable(e))
            if not todo:
                complete += 1
                continue
            key = (report.lang, lang.tag)
            if key not in verdicts:
                verdicts[key] = pair(*key)
            if verdicts[key] is None:
                jobs.append(Job(report, lang, path, display, todo))
    unsupported = tuple(reason for reason in verdicts.values() if reason is not None)
    return Plan(tuple(jobs), complete, tuple(errors), unsupported, remembered, project.config.po_wrap)


class Budget:
    """The --max-chars cap: characters sent in this run; once a text does not fit, nothing more is sent."""

    def __init__(self, limit: int | None) -> None:
        self.limit, self.spent, self.closed = limit, 0, False

    def take(self, size: int) -> bool:
        if self.closed or (self.limit is not None and self.spent + size > self.limit):
            self.closed = True
            return False
        self.spent += size
        return True


@dataclass(frozen=True)
class Outgoing:
    """One text a run would send, as the engine would see it."""

    display: str
    line: int
    text: str
    cached: bool  # already paid for: would come from the cache
    within_cap: bool  # False: --max-chars would leave it for a later run


def preview(plan: Plan, engine: str, cache: Answers, max_chars: int | None = None) -> list[Outgoing]:
    """What a run would send, in order, without sending or writing anything."""
    budget = Budget(max_chars)
    out = []
    for job in plan.jobs:
        for entry in job.todo:
            sent = protect(entry.msgid).text
            cached = cache.get(engine, *job.pair, sent) is not None
            out.append(Outgoing(job.display, entry.line, sent, cached, cached or budget.take(len(sent))))
    return out


@dataclass
class Outcome:
    """What a run did to one catalogue."""

    display: str
    drafted: int = 0  # entries filled with a machine draft, saved
    cached: int = 0  # of which from the cache
    failing: int = 0  # of which failing the number or markup checks
    refused: list[tuple[int, str]] = field(default_factory=list)  # (line, why) of texts the engine refused
    written: bool = False


@dataclass
class PrefillResult:
    """What ``run`` did; ``failure`` or ``interrupted`` say why it stopped early (work so far is saved)."""

    outcomes: list[Outcome] = field(default_factory=list)
    sent: int = 0  # texts sent to the engine
    chars: int = 0  # characters sent
    left: int = 0  # entries left empty by the --max-chars cap
    failure: EngineError | None = None
    interrupted: bool = False
    errors: list[InputError] = field(default_factory=list)

    @property
    def drafted(self) -> int:
        return sum(o.drafted for o in self.outcomes)


@dataclass(frozen=True)
class Draft:
    """A machine draft of one entry: its text, its translator comments, whether it failed a check."""

    msgstr: str
    comments: tuple[str, ...]
    failing: bool


def draft(entry: Entry, answer: str, sent: Protected, engine: str, source: str, target: str) -> Draft:
    """The machine draft of an entry: markup restored, the safe fixes of ``check --fix`` applied, numbers, markup and URLs checked."""
    answer = re.sub(r"\s*\n\s*", " ", answer).strip()  # one line, as the msgid: msgfmt -c wants matching ends
    text, lost = restore(answer, sent)
    if is_uzbek_latin(target) and "apostrophe" not in suppressed(entry):
        text = fix_apostrophes(text)  # engines write o'quv: the same safe rewrite as check --fix
    issues = run_checks(Pair(entry.msgid, text, source, target), only=DRAFT_CHECKS, skip=suppressed(entry))
    comments = [machine_comment(engine)]
    comments += [f"{MACHINE_COMMENT} lost markup: {problem}" for problem in lost]
    for issue in issues:
        verdict = "fails" if issue.severity == "error" else "has a warning from"
        comments.append(f"{MACHINE_COMMENT} {verdict} the {issue.check} check: {issue.message}")
    return Draft(text, tuple(comments), bool(lost) or any(i.severity == "error" for i in issues))


def fill(entry: Entry, machine: Draft) -> Entry:
    """The entry with a machine draft: fuzzy, the engine named; earlier machine comments replaced."""
    kept = tuple(c for c in entry.translator_comments if not c.startswith(MACHINE_COMMENT))
    return replace(entry, msgstr=machine.msgstr, translator_comments=(*kept, *machine.comments)).with_flag("fuzzy")


def save(job: Job, drafts: dict[tuple[str | None, str], Draft], outcome: Outcome, wrap: Wrap | None = None) -> None:
    """Write the drafts into the catalogue as it is on disk now (a translator may have saved meanwhile).

    Only entries that are still empty, or hold one of these drafts, take a draft; the file is
    read strictly and never written if it cannot be read.
    """
    current = read_catalog(job.path, job.display)
    entries, applied = [], 0
    for entry in current.entries:
        machine = drafts.get(entry.key)
        if machine is not None and (fillable(entry) or (entry.fuzzy and entry.msgstr == machine.msgstr)):
            entry = fill(entry, machine) if fillable(entry) else entry
            applied += 1
        entries.append(entry)
    updated: Catalog = replace(current, entries=tuple(entries), charset="UTF-8")
    outcome.written |= save_catalog(job.path, updated, job.display, wrap)
    outcome.drafted = applied


def run(
    plan: Plan,
    translator: Translator,
    cache: Answers,
    max_chars: int | None = None,
    save_every: int = SAVE_EVERY,
    progress: Callable[[int], None] | None = None,
) -> PrefillResult:
    """Fill every planned entry; save each catalogue as soon as it is done; stop cleanly on failure or Ctrl-C."""
    result = PrefillResult()
    budget = Budget(max_chars)
    engine = translator.name
    for job in plan.jobs:
        outcome = Outcome(job.display)
        result.outcomes.append(outcome)
        drafts: dict[tuple[str | None, str], Draft] = {}
        unsaved = 0
        try:
            for entry in job.todo:
                sent = protect(entry.msgid)
                answer = cache.get(engine, *job.pair, sent.text)
                if answer is not None:
                    outcome.cached += 1
                elif not budget.take(len(sent.text)):
                    result.left += 1
                else:
                    try:
                        answer = translator.translate(sent.text, *job.pair)
                    except SegmentError as exc:
                        outcome.refused.append((entry.line, str(exc)))
                    else:
                        result.sent += 1
                        result.chars += len(sent.text)
                        cache.put(engine, *job.pair, sent.text, answer)
                if answer is not None:
                    drafts[entry.key] = draft(entry, answer, sent, engine, *job.pair)
                    outcome.failing += drafts[entry.key].failing
                    unsaved += 1
                    if unsaved >= save_every:
                        save(job, drafts, outcome, plan.wrap)
                        unsaved = 0
                if progress is not None:
                    progress(1)
        except InputError as exc:  # the catalogue became unreadable: leave it as it is
            result.errors.append(exc)
            unsaved = 0
        except EngineError as exc:
            result.failure = exc
        except KeyboardInterrupt:
            result.interrupted = True
        finally:
            if unsaved:
                try:
                    save(job, drafts, outcome, plan.wrap)
                except InputError as exc:
                    result.errors.append(exc)
        if result.failure is not None or result.interrupted:
            break
    return result
