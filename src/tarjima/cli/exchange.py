"""``tarjima export``, ``import``, ``weblate`` and ``pseudo``: the doors to CAT tools, translation servers and layout tests (loaded when asked for)."""

from __future__ import annotations

import dataclasses

import datetime as dt
import os
import sys
from pathlib import Path

import click

from tarjima.cli.base import EXIT_BAD_INPUT, Context, chosen_languages, fail, language_option
from tarjima.errors import InputError
from tarjima.files import write_if_changed


def now() -> dt.datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc) if epoch else dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


@click.command()
@click.argument("reports", nargs=-1)
@language_option
@click.option("--format", "fmt", type=click.Choice(["tmx", "xliff"]), required=True, help="tmx: the whole archive's aligned segments in one TMX 1.4b file; xliff: one XLIFF file per report and target language.")
@click.option("--out", type=click.Path(path_type=Path), help="tmx: the file (default tarjima.tmx); xliff: the folder (default xliff/).")
@click.option("--include-drafts", is_flag=True, help="tmx: also fuzzy entries and machine drafts (marked x-tarjima-state).")
@click.option("--xliff-version", type=click.Choice(["1.2", "2.1"]), default="1.2", show_default=True,
              help="xliff: 1.2 is what memoQ, Trados, OmegaT and translate-toolkit exchange; 2.1 for tools that read it.")
@click.option("--copy-source", is_flag=True, help="xliff 1.2: every target a copy of its source, for OmegaT 3.x (docs/translators.md).")
@click.pass_obj
def export(obj: Context, reports: tuple[str, ...], langs: tuple[str, ...], fmt: str, out: Path | None, include_drafts: bool, xliff_version: str,
           copy_source: bool) -> None:
    """Write translation exchange files: TMX for translation memories, XLIFF (1.2 or 2.1) for CAT tools.

    REPORTS are slugs or source paths (default: all). Nothing in the project is changed.
    """
    from tarjima.exchange import catalogues, tmx, xliff
    from tarjima.sources import body_references

    if copy_source and (fmt, xliff_version) != ("xliff", "1.2"):
        fail(InputError("--copy-source", "is for XLIFF 1.2 only", "add --format xliff --xliff-version 1.2, or leave it out"))
        sys.exit(EXIT_BAD_INPUT)
    project = obj.project
    chosen = project.select(reports)
    targets = chosen_languages(project.config, langs)
    errors: list[InputError] = list(project.errors)
    if fmt == "tmx":
        text, units, more = tmx.export(project, chosen, targets, include_drafts, now())
        errors += more
        path = out or Path("tarjima.tmx")
        if not errors:
            write_if_changed(path, text, durable=False)
            click.echo(f"wrote {path}: {units} translation unit(s)")
    else:
        folder = out or Path("xliff")
        references = {r.slug: body_references(project.body(r)) for r in chosen}  # each body's link definitions: its segments' context
        documents = [(xliff.file_name(located), xliff.export(located, references[located.report.slug], xliff_version, copy_source))
                     for located in catalogues(project, chosen, targets, errors)]
        if not errors:
            for name, text in documents:
                write_if_changed(folder / name, text, durable=False)
            click.echo(f"wrote {len(documents)} XLIFF {xliff_version} file(s) into {folder}")
    for error in errors:
        fail(error)
    if errors:
        click.echo("nothing written: fix the input above, then export again", err=True)
        sys.exit(EXIT_BAD_INPUT)


@click.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@language_option
@click.pass_obj
def import_(obj: Context, files: tuple[Path, ...], langs: tuple[str, ...]) -> None:
    """Bring translations in: FILE.tmx fills empty entries as fuzzy (never overwrites); FILE.xlf brings a CAT tool's work back into its catalogue."""
    from tarjima.exchange import tmx, xliff

    failed = False
    with obj.lock():
        project = obj.project
        targets = chosen_languages(project.config, langs)
        for path in files:
            try:
                if path.suffix.lower() == ".tmx":
                    result = tmx.import_tmx(project, path.resolve(), targets)
                    for error in result.errors:
                        fail(error)
                    failed |= bool(result.errors)
                    for display, n in result.filled.items():
                        click.echo(f"wrote {display} ({n} fuzzy from {path.name})")
                    for said in result.summary(str(path)):
                        click.echo(said)
                elif path.suffix.lower() in (".xlf", ".xliff"):
                    outcome = xliff.import_xliff(project, path.resolve(), targets)
                    for line in outcome.conflicts:
                        click.echo(f"conflict: {outcome.display}:{line}: changed in the catalogue and in {path.name}; the catalogue's text is kept", err=True)
                    for skip in outcome.skipped:
                        click.echo(f"skipped: {path}:{skip.line}: unit {skip.unit!r}: {skip.reason}", err=True)
                    click.echo(outcome.summary())
                else:
                    raise InputError(str(path), "not a .tmx, .xlf or .xliff file", "give a TMX file, or an XLIFF 1.2 or 2.1 file")
            except InputError as exc:
                fail(exc)
                failed = True
    if failed:
        sys.exit(EXIT_BAD_INPUT)


@click.command()
@click.option("--repo", required=True, metavar="URL", help="The git repository Weblate clones (the first component holds it, the others share it).")
@click.option("--branch", default="main", show_default=True, help="The branch Weblate translates.")
@click.option("--project", "weblate_project", default="academy", show_default=True, help="The Weblate project's slug (for the shared-repository links).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=Path("weblate-components.json"), show_default=True)
@click.pass_obj
def weblate(obj: Context, repo: str, branch: str, weblate_project: str, out: Path) -> None:
    """Write the component list for Weblate's import_json: _site and one component per report, derived languages left out (docs/translators.md)."""
    from tarjima.exchange import weblate as wl

    project = obj.project
    items = wl.components(project, repo, branch, weblate_project)
    errors = [*project.errors, *wl.missing_templates(project, items)]
    for error in errors:
        fail(error)
    if errors:  # a report left out would silently never reach the server
        click.echo("nothing written: fix the input above, then run again", err=True)
        sys.exit(EXIT_BAD_INPUT)
    if not items:
        click.echo("nothing written: no report in content/ and no templates/ of the project's own (tarjima's own site strings are translated with tarjima)")
        return
    write_if_changed(out, wl.to_json(items), durable=False)
    derived = sorted({project.config.language(tag).gettext for tag in project.config.derived})
    left = f"; derived, written by tarjima update, not in Weblate: {', '.join(derived)}" if derived else ""
    click.echo(f"wrote {out}: {len(items)} component(s){left}")


@click.command()
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), help="The pseudo-translated copy (default .tarjima-cache/pseudo); its site goes to OUT/site.")
@click.pass_obj
def pseudo(obj: Context, out: Path | None) -> None:
    """Build a pseudo-translated copy of the site (accented, 40% longer text) to test templates and layout; the project's catalogues are never written."""
    from tarjima.exchange import pseudo as ps
    from tarjima.cli import run_build
    from tarjima.config import load
    from tarjima.project import load_project

    config = obj.config
    folder = (out or config.layout.cache / "pseudo").resolve()
    with obj.lock():
        written = ps.make(obj.project, folder)
        click.echo(f"wrote {written} pseudo-translated catalogue(s) into {folder}")
        # Pseudo text is accented Latin in every language: the script check would hold every version.
        code = run_build(load_project(dataclasses.replace(load(folder), hold_check_errors=False)), folder / "site", full=True)
    sys.exit(code)
