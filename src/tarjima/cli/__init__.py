"""The command line: thin click commands over the library. The only place that prints."""

from __future__ import annotations

import datetime as dt
import gc
import os
import sys
from pathlib import Path

import click

from typing import TYPE_CHECKING, Iterator, Sequence, TypeVar

from tarjima import __version__
from tarjima.cli import catalogues
from tarjima.cli.base import EXIT_BAD_INPUT, SKIPPED_SHOWN, Context, Group, absolute, fail, out_option, warn_unconfigured, warn_unknown_keys
from tarjima.cli.publication import clear, judged_at, now_option, say_held
from tarjima.errors import InputError
from tarjima.files import write_atomic

if TYPE_CHECKING:  # each command imports what it uses: --help and --version import no Jinja2, markdown-it, Babel or deep-translator
    from tarjima.project import Project
    from tarjima.site.result import BuildResult

T = TypeVar("T")


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tarjima")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), help="The content project (default: the nearest folder upward with a tarjima configuration).")
@click.pass_context
def main(ctx: click.Context, root: Path | None) -> None:
    """tarjima: event reports in Uzbek, Russian and English, translated in gettext PO catalogues."""
    ctx.obj = Context(root)


for command in (catalogues.status, catalogues.check, catalogues.derive, catalogues.review):  # cli/catalogues.py
    main.add_command(command)


@main.command()
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if any catalogue is out of date (for CI), saying what would change.")
@click.option("--restore", is_flag=True, help="Put translations an editor emptied back, as fuzzy drafts for a translator to confirm.")
@click.pass_obj
def update(obj: Context, check: bool, restore: bool) -> None:
    """Extract every report into locales/templates/*.pot and merge it into each language's catalogue.

    Unchanged translations are kept, edited paragraphs become fuzzy with their previous
    text (#| msgid), removed ones become obsolete (#~). Files that would not change are not written;
    a file another tool wrote keeps its layout (wrapping, line ends). Translations an editor emptied
    since tarjima last read a catalogue are named; --restore puts them back as fuzzy drafts.
    """
    if check and restore:
        raise InputError("--restore", "--check writes nothing, --restore writes", "run tarjima update --restore, then tarjima update --check")
    with obj.lock():
        project = obj.project
        from tarjima.update import update as run_update

        result = run_update(project, check=check, restore=restore)
    for error in result.errors:
        fail(error)
    warn_unknown_keys(project.reports)
    warn_unconfigured(project)
    for slug in result.orphans:
        click.echo(f"note: locales/templates/{slug}.pot has no source in content/: its catalogues are left alone")
    for path, n in sorted(result.restored.items()):
        click.echo(f"restored {n} emptied translation{'s' if n != 1 else ''} in {path} as fuzzy drafts: check each, then remove its fuzzy mark")
    for line in result.emptied.lines():
        click.echo(f"warning: {line}", err=True)
    if restore and not result.restored:
        click.echo("restored nothing: no translation was emptied since tarjima last read the catalogues")
    if check:
        for path in result.stale:
            click.echo(f"out of date: {path} ({result.why[path]})" if path in result.why else f"out of date: {path}")
        click.echo(f"{len(result.stale)} catalogue(s) out of date" if result.stale else "all catalogues up to date")
    else:
        for path in result.written:
            extra = []
            if path in result.created:
                extra.append("new")
            if result.fuzzy.get(path):
                extra.append(f"{result.fuzzy[path]} fuzzy")
            if result.obsoleted.get(path, 0) > 0:
                extra.append(f"{result.obsoleted[path]} obsolete")
            if path in result.memory:
                exact, close = result.memory[path]
                extra.append(f"{exact + close} from the translation memory ({exact} exact, {close} close)")
            click.echo(f"wrote {path}" + (f" ({', '.join(extra)})" if extra else ""))
        click.echo(f"{len(project.reports)} report(s): {len(result.written)} file(s) written, {result.unchanged} unchanged")
    if result.errors:
        sys.exit(EXIT_BAD_INPUT)
    if check and result.stale:
        sys.exit(1)


@main.command()
@click.option("--lang", required=True, help="The language the report is written in (a configured BCP 47 tag).")
@click.option("--date", "date_", type=click.DateTime(["%Y-%m-%d"]), help="The event's date (default: today).")
@click.option("--slug", help="The slug (default: from the title, transliterated to ASCII); a-z, 0-9 and hyphens.")
@click.option("--bundle", is_flag=True, help="Make a page bundle, content/YEAR/SLUG/index.md, for a report with photos (they go beside it).")
@click.argument("title")
@click.pass_obj
def new(obj: Context, lang: str, date_: dt.datetime | None, slug: str | None, bundle: bool, title: str) -> None:
    """Scaffold a new report content/YEAR/SLUG.md (with --bundle, content/YEAR/SLUG/index.md) with its front matter filled.

    The slug must be free: no report may have it already, whether as its file's stem, its
    bundle's folder or a `slug:` in its front matter.
    """
    config = obj.config
    language = config.require(lang)
    day = date_.date() if date_ else dt.date.today()
    from tarjima.scaffold import report_text, slugify
    from tarjima.sources import SLUG_RE, reserved_slug

    if slug is not None and not SLUG_RE.match(slug):
        raise InputError("--slug", f"{slug!r} is not a valid slug", "use lowercase a-z, 0-9 and hyphens, e.g. --slug icrc-seminar")
    slug = slug or slugify(title)
    taken = reserved_slug(slug)
    if taken:
        raise InputError("--slug", taken, f"pass another, e.g. --slug {slug}-{day.year}")
    folder = config.layout.content / str(day.year)
    path = folder / slug / "index.md" if bundle else folder / f"{slug}.md"
    shown = config.layout.rel(path)
    with obj.lock():
        owner = obj.project.slugs.get(slug)
        if owner is not None or path.exists():
            raise InputError(shown, f"a report with slug {slug!r} already exists: {owner or shown}", "pass --slug to choose another")
        write_atomic(path, report_text(title, language.tag, day, bundle).encode("utf-8"))
    click.echo(f"created {shown}" + (" (put its photos in the same folder)" if bundle else ""))


def run_build(project: Project, out: Path, fmt: str = "html", full: bool = False, keep_going: bool = False, desk: Path | None = None,
              now: dt.datetime | None = None) -> int:
    """Build, print the summary; return the exit status."""
    from tarjima.site.build import build

    target = absolute(out)

    def bar(items: Sequence[T]) -> Iterator[T]:
        """A progress bar on a terminal for long builds; quiet otherwise."""
        if not sys.stdout.isatty() or len(items) < 10:
            yield from items
            return
        with click.progressbar(items, label="rendering", show_pos=True) as shown:
            yield from shown

    result = build(project, target, fmt=fmt, now=now, progress=bar, incremental=not full, keep_going=keep_going, desk=absolute(desk) if desk else None)
    warn_unknown_keys(project.reports)
    return summarize(result, out, desk)


def summarize(result: BuildResult, out: Path, desk: Path | None = None) -> int:
    """Print what a build did (or why it was refused); return the exit status."""
    for error in result.errors:
        fail(error)
    if result.refused:
        blocked = sorted({e.path for e in result.errors})
        per_report = all(path.startswith(("content/", "locales/")) and not path.startswith("locales/templates/_site") for path in blocked)
        hint = "fix the input, or pass --keep-going to publish the valid reports" if per_report else "fix the input"  # (--keep-going leaves out reports, not a whole site's settings)
        click.echo(f"build refused: bad input in {', '.join(blocked[:5])}{' …' if len(blocked) > 5 else ''}; nothing in {out} was changed ({hint})")
        return EXIT_BAD_INPUT
    for path, line, what in result.untranslatable:
        click.echo(f"warning: {path}:{line}: {what}", err=True)
    for slug, tag, what in result.earlier[:SKIPPED_SHOWN]:
        click.echo(f"earlier {slug} [{tag}]: {what}")
    for slug, tag, why in result.skipped[:SKIPPED_SHOWN]:
        click.echo(f"skipped {slug} [{tag}]: {why}")
    if len(result.skipped) > SKIPPED_SHOWN:
        click.echo(f"… and {len(result.skipped) - SKIPPED_SHOWN} more skipped (tarjima status --only-incomplete lists them all)")
    say_held(result.held)
    for tag, lang in result.unnamed_tags[:SKIPPED_SHOWN]:
        click.echo(f"tag {tag!r} has no name in {lang}: shown as written (add it to locales/tags.csv)")
    if result.desk is not None:
        shown = desk or (result.desk if out.is_absolute() else Path(os.path.relpath(result.desk)))
        click.echo(f"for editors, never to be put online: {shown / '_status'}/ (translation status) and {shown / 'aligned'}/<report>/ (the reviewer's desk)")
    per_lang = ", ".join(f"{tag} {n}" for tag, n in result.pages.items())
    photos = f"; {result.images_processed} photo(s) processed" if result.images_processed else ""
    if result.errors:
        click.echo(f"--keep-going: left out what the {len(result.errors)} error(s) above name; everything else is published")
    if result.recorded or result.kept:
        click.echo(f"published/: {result.recorded} row(s) of the publication record and {result.kept} kept text(s) written: commit them with this change "
                   "(git add published/; they date what is online and keep it online, docs/publication.md)")
    for clash in result.tag_clashes:
        click.echo(f"warning: {clash}", err=True)
    if result.tags_recorded:
        click.echo(f"published/tags.csv: {result.tags_recorded} new tag(s) given their address: commit it with this change (git add published/; it keeps each tag's pages where they are, docs/site.md#tags)")
    if result.indexed is not None:
        click.echo(f"search: index made of {sum(result.indexed.values())} page(s) ({', '.join(f'{tag} {n}' for tag, n in sorted(result.indexed.items())) or 'none'}) "
                   f"in {result.index_seconds:.1f} s")
    public = "the public site: put this folder online, and only this one (docs/deploy.md)" if result.desk is not None else "the public export"
    click.echo(f"built {out}, {public}: {result.files} file(s) written; versions {per_lang or 'none'}; {len(result.skipped)} skipped{photos}")
    return EXIT_BAD_INPUT if result.errors else 0


@main.command()
@out_option
@click.option("--format", "fmt", type=click.Choice(["html", "markdown", "json"]), default="html", show_default=True, help="html: the site; markdown: translated sources for Hugo, Jekyll or mkdocs; json: one aligned document per report.")
@click.option("--full", is_flag=True, help="Render everything, even what has not changed since the last build.")
@click.option("--keep-going", is_flag=True, help="Publish the valid reports even when some input is refused (each refusal is named); by default a refusal changes nothing.")
@click.option("--rollback", is_flag=True, help="Build nothing: bring back the build before the last one, as `tarjima rollback` does.")
@now_option
@click.pass_obj
def build(obj: Context, out: Path, desk: Path | None, fmt: str, full: bool, keep_going: bool, rollback: bool, now_text: str | None) -> None:
    """Render every publishable version of every report into OUT, and the editors' pages into DESK.

    OUT is the public site (published versions, listings, feeds, sitemap, assets) and nothing
    else: put it online as it is. DESK holds the aligned view of every report and the
    translation dashboard, with drafts, comments and reviewers' names: never put it online.

    A version is published when its catalogue is complete (nothing untranslated or fuzzy,
    not stale), or above publish_threshold with the source shown for missing segments, and
    nothing holds it: an error-level check finding, require_review, hold_ambiguous, a derived
    language's base not published, draft: true,
    publish_at, clearance (require_clearance), unpublish: or retracted:. A version that was
    online and is no longer publishable keeps its last published text online (published/,
    committed with the publication record) until an editor takes it down (docs/publication.md).
    Rebuilds are incremental: only reports whose source or catalogues changed are rendered again.
    All or nothing: if any source or catalogue is refused, OUT is left exactly as it was.
    After a bad publish, `tarjima rollback` (or --rollback) brings back the build before the last one.
    """
    if rollback:
        if fmt != "html" or full or keep_going:
            raise InputError("--rollback", "takes no --format, --full or --keep-going: it builds nothing", "run tarjima rollback with --out and --desk only")
        from tarjima.cli.rollback import roll_back_and_say

        roll_back_and_say(obj, out, desk)
        return
    now = judged_at(obj.config, now_text)
    with obj.lock():
        code = run_build(obj.project, out, fmt, full, keep_going, desk, now)
    sys.exit(code)


@main.command()
@out_option
@click.option("--port", type=int, default=8000, show_default=True, help="Port on 127.0.0.1 (0: any free port).")
@now_option
@click.pass_obj
def serve(obj: Context, out: Path, desk: Path | None, port: int, now_text: str | None) -> None:
    """Build, serve the site on 127.0.0.1 (the editors' desk under /_desk/) and rebuild when a source, catalogue or template changes.

    Open pages reload themselves after each good build; a refused build's errors are shown on
    them until it is fixed. The live-reload script is added by the server to the pages it
    sends: the files in OUT are exactly what `tarjima build` writes.
    """
    import threading

    from tarjima import serve as serving
    from tarjima import watch as watching
    from tarjima.project import refreshed
    from tarjima.site.build import build
    from tarjima.site.output.folders import Folders, desk_for, site_href
    from tarjima.site.output.twin import prepare_twins
    from tarjima.update import derive_again

    gc.enable()  # a long-running command: see Group.invoke
    config = obj.config
    target = absolute(out)
    desk_target = absolute(desk) if desk else None
    fixed = judged_at(config, now_text) if now_text is not None else None  # --now: every rebuild judges publish_at then

    busy = threading.Lock()  # one writer in this process: a rebuild, or the twins made while waiting (flock is per open file)

    def rebuild(context: Context) -> list[str]:
        """Derive what a changed base needs (as update does), build incrementally and say what happened; the error lines of a refused build (none when it was good)."""
        try:
            with busy, obj.lock():
                derived = derive_again(context.project)
                for path in derived.written:
                    click.echo(f"derived {path} anew from its base, as tarjima update does")
                for error in derived.errors:
                    fail(error)
                result = build(context.project, target, now=fixed, desk=desk_target)
        except InputError as exc:
            fail(exc)
            return [str(exc)]
        summarize(result, out, desk)
        if result.refused:
            click.echo("open pages show the error until it is fixed")
            return [str(e) for e in result.errors]
        return []

    folders = Folders(public=target.resolve(), desk=(desk_target or desk_for(target)).resolve())

    def prepare() -> None:
        """After a first good build into OUT, its twins made while nothing happens: the next save costs what it changes
        (after any other build, a look at the manifest and the twins' markers finds nothing to do)."""
        try:
            with busy, obj.lock():
                prepare_twins(folders, config.layout.build_manifest(target))
        except (InputError, OSError):  # no twins now (another command held the lock, a full disk): the next build makes them
            pass

    def settle(errors: list[str]) -> None:
        live.finished(errors)
        if not errors:
            threading.Thread(target=prepare, daemon=True).start()

    live = serving.Live()
    settle(rebuild(obj))
    server = serving.start(target, port, live, (folders.desk, site_href(folders)))
    address = f"http://127.0.0.1:{server.server_address[1]}/"
    watcher = watching.watcher(watching.watched(config))
    click.echo(watcher.how)
    click.echo(f"serving {out} at {address} (Ctrl-C to stop); the editors' desk at {address}{serving.DESK_AT[1:]}")
    context = obj
    try:
        for changed in watcher.changes:
            click.echo("change seen: rebuilding")
            live.building()  # a page's question waits for this rebuild's end
            kept = refreshed(context.project, changed) if changed is not None and context.loaded() else None
            # Only the sources the events name are read again; else (a source added or removed, the configuration...)
            # the configuration and every source are read anew, as a command reads them.
            context = Context.holding(context, kept) if kept is not None else Context(config.root)
            settle(rebuild(context))
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()


main.add_command(clear)
