"""``tarjima translate``: machine drafts for the empty entries of catalogues (loaded by ``cli`` when asked for)."""

from __future__ import annotations

import sys
from contextlib import nullcontext
from typing import Any

import click

from tarjima.cli.base import EXIT_BAD_INPUT, EXIT_INTERRUPTED, Context, fail
from tarjima.errors import InputError
from tarjima.mt.answers import open_answers
from tarjima.mt.engines import EngineError, make_translator
from tarjima.mt.prefill import PrefillResult, plan as make_plan, preview, run
from tarjima.mt.settings import ENGINES, EngineSettings, engine_settings

EXIT_ENGINE = 3  # the engine failed after retries, or refused us; the work done so far is saved


def choose_engine(engine: str | None, endpoint: str | None, configured: list[str]) -> str:
    """--engine, else the one engine configured, else libre when --endpoint is given."""
    if engine:
        return engine
    if len(configured) == 1:
        return configured[0]
    if endpoint is not None:
        return "libre"
    hint = "pass --engine " + "|".join(ENGINES) + (" (configured: " + ", ".join(configured) + ")" if configured else "")
    raise InputError("--engine", "no engine chosen", hint)


@click.command()
@click.option("--lang", "langs", multiple=True, required=True, metavar="LANG", help="A target language (a configured BCP 47 tag); repeat for several.")
@click.option("--engine", type=click.Choice(ENGINES), help="The engine (default: the only one configured in [tool.tarjima.engines]).")
@click.option("--endpoint", metavar="URL", help="The LibreTranslate server (overrides endpoint in [tool.tarjima.engines.libre]).")
@click.option("--dry-run", is_flag=True, help="Show what would be sent and how many characters; send and write nothing.")
@click.option("--max-chars", type=click.IntRange(min=1), metavar="N", help="Send at most N characters in this run (engines charge by character).")
@click.argument("reports", nargs=-1)
@click.pass_obj
def translate(obj: Context, langs: tuple[str, ...], engine: str | None, endpoint: str | None, dry_run: bool, max_chars: int | None, reports: tuple[str, ...]) -> None:
    """Fill the empty entries of catalogues with machine translation, as fuzzy drafts to review.

    Only untranslated entries are filled; translated and fuzzy ones are never touched. Each
    draft is fuzzy, names the engine in a translator comment, and is checked for numbers and
    markup. API keys come from environment variables only (api_key_env in the configuration).
    Each catalogue is saved as soon as it is done: after a failure or Ctrl-C, run again to go on;
    answers already paid for come from .tarjima-cache/.
    """
    config = obj.config
    project = obj.project
    targets = [config.require(tag) for tag in langs]
    for lang in targets:
        if lang.tag in config.derived:
            raise InputError("--lang", f"{lang.tag} is derived from {config.derived[lang.tag]}", f"translate into {config.derived[lang.tag]}; tarjima update derives {lang.tag}")
    chosen = project.select(reports)
    where = "tarjima.toml" if (config.root / "tarjima.toml").is_file() else "pyproject.toml"
    name = choose_engine(engine, endpoint, list(config.engines))
    settings = engine_settings(config.engines, name, where, endpoint)

    if dry_run:
        cache = open_answers(config.root, readonly=True)
        plan = make_plan(project, chosen, targets, lambda s, t: static_pair(settings, s, t))
        report_plan_errors(plan.errors, plan.unsupported)
        shown = ""
        total = cached = capped = 0
        for item in preview(plan, name, cache, max_chars):
            if item.display != shown:
                click.echo(item.display)
                shown = item.display
            mark = "cached " if item.cached else "       " if item.within_cap else "capped "
            click.echo(f"  {mark}{item.line:>5}  {item.text}")
            if item.cached:
                cached += 1
            elif item.within_cap:
                total += len(item.text)
            else:
                capped += 1
        count = plan.entries - cached - capped
        saved_by_memory(plan.remembered)
        click.echo(f"dry run ({name}): {count} text(s), {total} character(s) to send; {cached} from the cache; nothing sent, nothing written")
        if capped:
            click.echo(f"--max-chars {max_chars} would leave {capped} entr{'y' if capped == 1 else 'ies'} for a later run")
        cache.close()
        if plan.errors or plan.unsupported:
            sys.exit(EXIT_BAD_INPUT)
        return

    def on_retry(message: str, wait: float) -> None:
        click.echo(f"retrying in {wait:.1f} s: {message}", err=True)

    try:
        translator = make_translator(settings, on_retry=on_retry)
        plan = make_plan(project, chosen, targets, translator.pair)
    except EngineError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_BAD_INPUT if exc.kind == "refused" else EXIT_ENGINE)
    report_plan_errors(plan.errors, plan.unsupported)
    saved_by_memory(plan.remembered)
    if not plan.jobs:
        click.echo(f"nothing to translate: {plan.complete} catalogue(s) have no empty entry")
        sys.exit(EXIT_BAD_INPUT if plan.errors or plan.unsupported else 0)

    cache = open_answers(config.root)
    bar: Any = click.progressbar(length=plan.entries, label=f"translating ({name})", file=sys.stderr) if sys.stderr.isatty() else nullcontext()
    try:
        with obj.lock(), bar as progress:
            result = run(plan, translator, cache, max_chars, progress=progress.update if progress is not None else None)
    finally:
        cache.close()
    summarize(result, plan.complete, max_chars)
    for error in result.errors:
        fail(error)
    if result.interrupted:
        click.echo("interrupted: the drafts so far are saved; run the same command again to go on", err=True)
        sys.exit(EXIT_INTERRUPTED)
    if result.failure is not None:
        click.echo(f"error: {result.failure}; the drafts so far are saved, run again to go on", err=True)
        sys.exit(EXIT_BAD_INPUT if result.failure.kind == "refused" else EXIT_ENGINE)
    if plan.errors or plan.unsupported or result.errors:
        sys.exit(EXIT_BAD_INPUT)


def saved_by_memory(count: int) -> None:
    if count:
        click.echo(f"{count} entr{'y' if count == 1 else 'ies'} filled by the translation memory (fuzzy, to review): not sent")


def static_pair(settings: EngineSettings, source: str, target: str) -> str | None:
    """The offline part of a pair check (for --dry-run): both languages have an engine code."""
    for tag in (source, target):
        if settings.code(tag) is None:
            return f"{settings.name} has no code for {tag}; set one in [tool.tarjima.engines.{settings.name}.languages]"
    return None


def report_plan_errors(errors: tuple[InputError, ...], unsupported: tuple[str, ...]) -> None:
    for error in errors:
        fail(error)
    for reason in unsupported:
        click.echo(f"error: {reason}; its catalogues are left as they are", err=True)


def summarize(result: PrefillResult, complete: int, max_chars: int | None) -> None:
    for outcome in result.outcomes:
        for line, why in outcome.refused:
            click.echo(f"note: {outcome.display}: entry at line {line} left empty: {why}")
        if outcome.written:
            extra = [f"{outcome.cached} from the cache"] if outcome.cached else []
            if outcome.failing:
                extra.append(f"{outcome.failing} failing checks")
            click.echo(f"wrote {outcome.display} ({outcome.drafted} machine draft(s)" + "".join(f", {e}" for e in extra) + ")")
    click.echo(
        f"{len(result.outcomes)} catalogue(s) filled, {complete} already complete: {result.drafted} fuzzy draft(s) to review; "
        f"{result.sent} text(s), {result.chars} character(s) sent"
    )
    if result.left:
        click.echo(f"stopped at --max-chars {max_chars}: {result.left} entr{'y' if result.left == 1 else 'ies'} left empty; run again to go on")
