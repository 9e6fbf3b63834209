"""The commands that read and mark catalogues: ``status`` (how far each version is), ``check`` (the quality
checks, ``--fix``), ``derive`` (how far the derived scripts are reviewed) and ``review`` (the second person's mark)."""

from __future__ import annotations

import datetime as dt
import sys
from contextlib import nullcontext

import click

from tarjima.cli.base import EXIT_BAD_INPUT, Context, chosen_languages, fail, language_option, warn_unconfigured, warn_unknown_keys
from tarjima.cli.publication import judged_at, now_option, status_notes
from tarjima.errors import InputError


@click.command()
@click.argument("reports", nargs=-1)
@language_option
@click.option("--format", "fmt", type=click.Choice(["table", "json", "markdown", "csv"]), default="table", show_default=True, help="table for a terminal, markdown for a pull request, csv for a spreadsheet, json for machines.")
@click.option("--only-incomplete", is_flag=True, help="Hide (report, language) pairs that are complete.")
@click.option("--fail-under", type=click.FloatRange(0, 100), metavar="PCT", help="Exit 1 if any selected version is under PCT percent (by words) or stale.")
@now_option
@click.pass_obj
def status(obj: Context, reports: tuple[str, ...], langs: tuple[str, ...], fmt: str, only_incomplete: bool, fail_under: float | None, now_text: str | None) -> None:
    """Show how far each report is translated into each language.

    REPORTS are slugs or source paths (default: all). Counts follow msgfmt --statistics;
    percentages are by source words; `stale` means the source changed since `tarjima update`.
    """
    from tarjima.status import compute as st, views

    project = obj.project
    now = judged_at(project.config, now_text)
    result = st.compute(project, project.select(reports), chosen_languages(project.config, langs), now=now)
    if only_incomplete:
        for row in result.reports:
            row.languages = {t: s for t, s in row.languages.items() if not s.complete}
        result.reports = [r for r in result.reports if r.languages]
    for error in result.errors:
        fail(error)
    warn_unconfigured(project)
    from tarjima import emptied

    for line in emptied.survey(project, keep=False)[0].lines():  # read only: the record is update's
        click.echo(f"warning: {line}", err=True)
    if fmt == "table" and only_incomplete and not result.reports:
        click.echo("every selected version is complete")
    elif fmt == "table":
        click.echo(views.to_table(result, colour=sys.stdout.isatty()), nl=False, color=sys.stdout.isatty())
        for row in result.reports:
            if row.report.draft:
                click.echo(f"note: {row.report.slug} ({row.report.path}) is a draft: the build publishes none of its versions until `draft: true` is removed")
        status_notes((r.report.slug, r.report.path, result.standing[r.report.slug]) for r in result.reports if not r.report.draft)
    else:
        click.echo(views.FORMATS[fmt](result), nl=False)
    failing = result.below(fail_under) if fail_under is not None else []
    for name, why in failing:
        click.echo(f"below threshold: {name}: {why}", err=True)
    if result.errors:
        sys.exit(EXIT_BAD_INPUT)
    if failing:
        sys.exit(1)


@click.command()
@click.argument("reports", nargs=-1)
@language_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="text for people, json for machines.")
@click.option("--ignore", multiple=True, metavar="ID", help="Skip this check everywhere; repeatable. In a PO file, the translator comment `# tarjima-no-ID: why` skips it for one entry (GNU tools keep comments, not unknown flags).")
@click.option("--fix", is_flag=True, help="Rewrite the safe Uzbek apostrophe cases (oʻ gʻ with U+02BB, the separating sign with U+02BC) in place.")
@click.option("--strict", is_flag=True, help="Treat a front-matter key tarjima does not know, or a catalogue of a language the project does not have, as bad input (exit 2), not a warning (for CI).")
@click.pass_obj
def check(obj: Context, reports: tuple[str, ...], langs: tuple[str, ...], fmt: str, ignore: tuple[str, ...], fix: bool, strict: bool) -> None:
    """Check translated and fuzzy entries: numbers, markup, URLs, whitespace, punctuation, brackets,
    forgotten entries, script, Uzbek apostrophes, added HTML and the glossary.

    A front-matter key tarjima does not know, and a catalogue of a language the project does
    not have, are named with a warning (an error with --strict).
    Exits 1 when an error-level finding remains, 2 on bad input.
    """
    from tarjima.checks import project as checking
    from tarjima.checks.run import CHECK_IDS

    unknown = [i for i in ignore if i not in CHECK_IDS]
    if unknown:
        raise InputError("--ignore", f"unknown check {unknown[0]!r}", "use one of " + ", ".join(CHECK_IDS))
    with obj.lock() if fix else nullcontext():
        project = obj.project
        chosen = project.select(reports)
        result = checking.run(project, chosen, chosen_languages(project.config, langs), frozenset(ignore), fix)
    for error in result.errors:
        fail(error)
    warned = warn_unknown_keys(chosen, strict) + warn_unconfigured(project, strict)
    for path, n in result.fixed.items():
        what = (("entry", "entries") if path.endswith(".po") else ("segment", "segments"))[n != 1]
        click.echo(f"fixed {n} {what} in {path}", err=fmt == "json")
    click.echo(checking.to_json(result) if fmt == "json" else checking.to_text(result), nl=False)
    if result.errors or (strict and warned):
        sys.exit(EXIT_BAD_INPUT)
    if result.failed:
        sys.exit(1)


@click.command()
@click.option("--report", "listing", is_flag=True, help="List the undecided words across the archive, most frequent first.")
@click.option("--format", "fmt", type=click.Choice(["text", "csv", "json"]), default="text", show_default=True, help="text for people, csv for a word list, json for machines.")
@click.pass_obj
def derive(obj: Context, listing: bool, fmt: str) -> None:
    """Uzbek in its scripts and alphabets: how far the derived catalogues are reviewed.

    Derivation itself runs in `tarjima update`. With --report, every word the rules could not
    decide, most frequent first: one line in locales/uz-translit.csv settles it everywhere. When
    uz-Latn is shown in the other Latin alphabet ([tool.tarjima.alphabet] publish), the words kept
    as written in it too: one line in [tool.tarjima.alphabet.words] settles each.
    """
    from tarjima.derive import report as ambiguities

    project = obj.project
    alphabet = project.config.alphabet
    if not project.config.derived and alphabet.publish == alphabet.write:
        raise InputError("configuration", "no derived language and no other Latin alphabet shown",
                         'add derived = { "uz-Cyrl" = "uz-Latn" } to [tool.tarjima], or publish = "2026" to [tool.tarjima.alphabet]')
    result = ambiguities.collect(project)
    for error in result.errors:
        fail(error)
    formats = {"csv": ambiguities.to_csv, "json": ambiguities.to_json}
    click.echo(formats[fmt](result) if fmt in formats else ambiguities.to_text(result, listing), nl=False)
    if result.errors:
        sys.exit(EXIT_BAD_INPUT)


@click.command()
@click.argument("reports", nargs=-1, required=True)
@click.option("--lang", "langs", multiple=True, required=True, metavar="LANG", help="The language reviewed (a configured tag); repeat for several.")
@click.option("--by", "by", required=True, metavar="NAME", help="Who reviewed it (written into the catalogue).")
@click.option("--entry", "texts", multiple=True, metavar="MSGID", help="Only this entry (its source text); repeat for several. Default: every translated entry.")
@click.pass_obj
def review(obj: Context, reports: tuple[str, ...], langs: tuple[str, ...], by: str, texts: tuple[str, ...]) -> None:
    """Record that a second person reviewed translations: '# reviewed: NAME DATE DIGEST' on each entry (the digest of what was reviewed: an edit of the translation or its source paragraph clears it)."""
    from tarjima.po.read import read_catalog
    from tarjima.po.rewrite import save
    from tarjima.catalog.review import mark_reviewed

    name = " ".join(by.split())
    if not name:
        raise InputError("--by", "the reviewer's name is empty", "give a name, e.g. --by 'D. Karimova'")
    day = dt.datetime.now(dt.timezone.utc).date()
    with obj.lock():
        project = obj.project
        for report in project.select(reports):
            for lang in chosen_languages(project.config, langs):
                if lang.tag == report.lang:
                    raise InputError(report.path, f"{lang.tag} is the report's source language", "review a translation: --lang another language")
                path = project.layout.po(lang, report.slug)
                display = project.layout.rel(path)
                if not path.exists():
                    raise InputError(display, "no catalogue", "run tarjima update, then translate it")
                catalog, marked, waiting = mark_reviewed(read_catalog(path, display), name, day, frozenset(texts) if texts else None)
                if marked:
                    save(path, catalog, display, project.config.po_wrap)
                note = f"; {waiting} not translated yet (not marked)" if waiting else ""
                click.echo(f"{display}: {marked} entr{'y' if marked == 1 else 'ies'} marked reviewed by {name}{note}")
