"""``tarjima check``: run the quality checks over a project's catalogues; ``--fix`` the safe cases."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple, Sequence

from tarjima.checks.catalogue import SCOPE, CheckValue, check_catalog, check_key, fix_catalog, load_glossary
from tarjima.checks.registry import Glossary
from tarjima.checks.source import checked_language, fixed_source, source_findings
from tarjima.config import Language
from tarjima.errors import InputError
from tarjima.files import read_bytes, read_text, write_if_changed
from tarjima.layout import SITE_DOMAIN, TEMPLATE_LANGUAGE
from tarjima.model import Finding, Report
from tarjima.parallel import fork_map
from tarjima.po.read import read
from tarjima.po.rewrite import save
from tarjima.project import Project
from tarjima.sources import Document, body_references, parse_document
from tarjima.store import Cache, digest


@dataclass
class CheckResult:
    """Findings in catalogue order, files fixed, and bad input."""

    findings: list[Finding] = field(default_factory=list)
    fixed: dict[str, int] = field(default_factory=dict)  # catalogue -> entries rewritten by --fix
    errors: list[InputError] = field(default_factory=list)
    checked: int = 0  # entries looked at

    @property
    def failed(self) -> bool:
        return any(f.severity == "error" for f in self.findings)


class Unit(NamedTuple):
    """One catalogue to check: a report's in one language, or the templates' own strings (report None)."""

    slug: str
    source_lang: str
    source_digest: str
    lang: Language
    path: Path
    report: Report | None


PARALLEL_FROM = 200  # catalogues to check: below this, forking workers costs more than it saves


def run(project: Project, reports: Sequence[Report], languages: Sequence[Language], ignore: frozenset[str] = frozenset(), fix: bool = False) -> CheckResult:
    """Check each selected catalogue once; with ``fix``, rewrite safe apostrophes first, atomically.

    Results are cached by the catalogue's content (and the checks and glossary), so a CI run
    over a large archive checks again only what changed.
    """
    result = CheckResult(errors=list(project.errors))
    try:
        glossary, glossary_text = load_glossary(project)
    except InputError as exc:
        result.errors.append(exc)
        glossary, glossary_text = Glossary(), ""
    store = Cache(project.config.root, "check", SCOPE)
    rules = digest(glossary_text.encode("utf-8"))  # with the checks' code (the cache's scope), what every result depends on
    units = [Unit(r.slug, r.lang, r.digest, lang, project.layout.po(lang, r.slug), r) for r in reports for lang in project.targets(r) if lang in languages]
    missing = project.layout.missing_templates()
    if missing is not None:  # the build refuses such a site: the gate fails with it
        result.errors.append(missing)
    elif len(reports) == len(project.reports) and project.layout.own_templates:  # the templates' strings are on every page: checked too
        units += [Unit(SITE_DOMAIN, TEMPLATE_LANGUAGE, "", lang, project.layout.site_po(lang), None) for lang in languages if lang.locale.language != TEMPLATE_LANGUAGE]

    def check_one(unit: Unit) -> tuple[str, bytes, CheckValue] | InputError | None:
        """(display, cache key, (raw findings, entries seen)), or why the catalogue was refused; None without a catalogue."""
        slug, source_lang, source_digest, lang, path, report = unit
        display = project.layout.rel(path)
        if not path.exists():
            return None
        try:
            data = read_bytes(path, display)
        except InputError as exc:
            return exc
        key = check_key(rules, source_lang, source_digest, data)
        cached = None if fix else store.peek(key)
        if cached is not None:
            return (display, key, cached)
        try:
            catalog = read(data, display)
            if fix:
                catalog, changed = fix_catalog(catalog, lang, project.config.alphabet.write)
                if changed:
                    save(path, catalog, display, project.config.po_wrap)
                    result.fixed[display] = changed
                    data = path.read_bytes()
                    key = check_key(rules, source_lang, source_digest, data)
                    catalog = read(data, display)  # line numbers as now on disk
            references = body_references(project.body(report)) if report is not None else ()
            raw, seen = check_catalog(source_lang, lang, catalog, glossary, references)
        except InputError as exc:
            return exc
        return (display, key, (raw, seen))

    # Checking is the slow part (Markdown parsed on both sides of every entry): on every core
    # for a large selection, except with --fix, which writes files.
    checked = [check_one(u) for u in units] if fix else fork_map(check_one, units, PARALLEL_FROM)
    for (slug, _, _, lang, _, _), done in zip(units, checked):
        if done is None:
            continue
        if isinstance(done, InputError):
            result.errors.append(done)
            continue
        display, key, value = done
        store.put(key, value)
        raw_list, seen = value
        result.findings += [
            Finding(check, severity, message, slug, lang.tag, display, line, msgid)
            for check, severity, message, line, msgid in raw_list
            if check not in ignore
        ]
        result.checked += seen
    check_sources(project, reports, languages, store, result, ignore, fix)
    store.save(partial=len(reports) < len(project.reports) or len(languages) < len(project.config.languages))
    return result


def check_sources(project: Project, reports: Sequence[Report], languages: Sequence[Language], store: Cache, result: CheckResult,
                  ignore: frozenset[str], fix: bool) -> None:
    """The Uzbek sources' own text (``checks.source``): findings named by the source's file and line; ``fix`` first rewrites safe apostrophes in it."""
    tags = {lang.tag for lang in languages}
    every = [lang.tag for lang in project.config.languages]
    for report in reports:
        if report.lang not in tags or not checked_language(report.lang):
            continue
        path = project.config.root / report.path
        try:
            doc = project.document(report)
            if fix:
                def parse(text: str, report: Report = report) -> Document:
                    return parse_document(text, report.path, every, project.config.timezone)

                text = read_text(path, report.path)
                fixed, changed = fixed_source(text, doc, parse, project.config.alphabet.write)
                if changed and write_if_changed(path, fixed):
                    result.fixed[report.path] = changed
                    doc = parse(fixed)
        except InputError as exc:
            result.errors.append(exc)
            continue
        key = digest(b"source\0" + doc.report.lang.encode() + b"\0" + doc.report.digest.encode())
        value = store.peek(key)
        if value is None:
            found, seen = source_findings(doc)
            value = (found, seen)
        store.put(key, value)
        raw, seen = value
        result.findings += [Finding(c, severity, message, report.slug, report.lang, report.path, line, text) for c, severity, message, line, text in raw if c not in ignore]
        result.checked += seen


def short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def to_text(result: CheckResult) -> str:
    """One line per finding: where, severity, check, what; the entry quoted."""
    lines = [
        f"{f.path}:{f.line}: {f.severity} [{f.check}] {f.slug} ({f.lang}): {f.message} — {'msgid' if f.path.endswith('.po') else 'source text'} \"{short(f.msgid)}\""
        for f in result.findings
    ]
    errors = sum(1 for f in result.findings if f.severity == "error")
    refused = len(result.errors)  # each is an error too, though no entry of it could be checked
    summary = f"{result.checked} entries checked: {errors + refused} error(s), {len(result.findings) - errors} warning(s)"
    if refused:
        summary += f"; {refused} of the errors: bad input named above, not checked"
    lines.append(summary)
    return "\n".join(lines) + "\n"


def to_json(result: CheckResult) -> str:
    """The findings, the entries checked, the files fixed, and the input refused (``refused``: path, line, message, hint of each)."""
    refused = [{"path": e.path, "line": e.line, "message": e.message, "hint": e.hint} for e in result.errors]
    data = {"findings": [f._asdict() for f in result.findings], "checked": result.checked, "fixed": result.fixed, "refused": refused}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
