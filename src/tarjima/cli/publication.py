"""``tarjima clear``, ``--now``, and what build and status say of reports held by their schedule or waiting for clearance."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Iterable

import click

from tarjima.cli.base import Context, Decorated
from tarjima.errors import InputError

if TYPE_CHECKING:
    from tarjima.config import Config
    from tarjima.publication import Standing

BOM = b"\xef\xbb\xbf"
NAMED = 5  # a summary line names this many reports, then counts the rest


def now_option(func: Decorated) -> Decorated:
    """--now: judge publish_at at this moment instead of the wall clock (tests, rebuilding a past state)."""
    return click.option("--now", "now_text", metavar="WHEN",
                        help="Judge publish_at at this moment, not the wall clock: 2026-12-10T09:00 in the project's time zone, or with an offset.")(func)


def judged_at(config: Config, now_text: str | None) -> dt.datetime:
    """The moment ``publish_at`` is judged at: --now, else the wall clock (never SOURCE_DATE_EPOCH, which dates only)."""
    if now_text is None:
        return dt.datetime.now(dt.timezone.utc)
    from tarjima.publication import parse_moment

    return parse_moment(now_text, config.zone, "the value", "--now")


def names(slugs: list[str]) -> str:
    return ", ".join(slugs[:NAMED]) + (f" and {len(slugs) - NAMED} more" if len(slugs) > NAMED else "")


def reports(n: int) -> str:
    return f"{n} report{'' if n == 1 else 's'}"


def say_held(held: Iterable[Standing]) -> None:
    """The build's lines on the reports it held back whole: by their schedule (until when), and for clearance."""
    held = list(held)
    scheduled = sorted((s for s in held if s.until is not None), key=lambda s: (s.until, s.slug))
    if scheduled:
        first, last = scheduled[0], scheduled[-1]
        if len(scheduled) == 1:
            click.echo(f"scheduled: 1 report held until {first.when} ({first.slug}): build again then to publish it")
        else:
            click.echo(f"scheduled: {reports(len(scheduled))} held until {last.when}, the next at {first.when} ({first.slug}): "
                       "build again at each moment to publish them")
    waiting = [s.slug for s in held if s.held_for_clearance and s.cleared is None]
    if waiting:
        click.echo(f"waiting for clearance: {reports(len(waiting))} ({names(waiting)}): tarjima clear SLUG --by NAME publishes each")
    changed = [s.slug for s in held if s.held_for_clearance and s.cleared is not None]
    if changed:
        click.echo(f"cleared, but the source changed since: {reports(len(changed))} ({names(changed)}): clear again (tarjima clear SLUG --by NAME)")


def status_notes(rows: Iterable[tuple[str, str, Standing]]) -> None:
    """status's notes under its table: each report (slug, source path, standing) held by its schedule or for clearance."""
    for slug, path, s in rows:
        if s.until is not None:
            click.echo(f"note: {slug} ({path}) is scheduled for {s.when}: the build publishes none of its versions before then")
        if s.held_for_clearance and s.cleared is None:
            click.echo(f"note: {slug} ({path}) waits for clearance: the build publishes none of its versions until it is cleared (tarjima clear {slug} --by NAME)")
        elif s.held_for_clearance and s.cleared is not None:
            click.echo(f"note: {slug} ({path}) was cleared by {s.cleared.by} on {s.cleared.day.isoformat()}, but the source changed since: "
                       f"the build publishes none of its versions until it is cleared again (tarjima clear {slug} --by NAME)")


@click.command()
@click.argument("slugs", nargs=-1, required=True)
@click.option("--by", "by", required=True, metavar="NAME", help="Who clears the reports for publication (written into each source's front matter).")
@click.pass_obj
def clear(obj: Context, slugs: tuple[str, ...], by: str) -> None:
    """Clear reports for publication: 'cleared: NAME DATE DIGEST' in the source's front matter; an edit after it undoes it.

    With require_clearance = true, a report is published only once it is cleared and while its
    source is the text that was cleared. Only the `cleared:` line is written (the last line of the
    front matter, or in place of the one there); every other byte of the file stays as it was.
    SLUGS are slugs or source paths. See docs/publication.md.
    """
    from tarjima.files import read_bytes, write_atomic
    from tarjima.publication import with_clearance
    from tarjima.sources import parse_report

    name = " ".join(by.split())
    if not name:
        raise InputError("--by", "the name is empty", "give who clears the report, e.g. --by 'D. Karimova'")
    config = obj.config
    day = dt.datetime.now(config.zone).date()
    with obj.lock():
        project = obj.project
        for report in project.select(slugs):
            path = config.root / report.path
            data = read_bytes(path, report.path)
            bom = data.startswith(BOM)
            try:
                text = data[len(BOM) if bom else 0 :].decode("utf-8")
            except UnicodeDecodeError:
                raise InputError(report.path, "not valid UTF-8", "save the file as UTF-8") from None
            current = parse_report(text, report.path, config.tags, config.timezone)  # the file as it is now, under the lock
            old = current.cleared
            if old is not None and old.holds:
                click.echo(f"{report.path}: already cleared by {old.by} on {old.day.isoformat()}, and unchanged since")
                continue
            new = with_clearance(text, name, day, current.body_line - 1)
            made = parse_report(new, report.path, config.tags, config.timezone).cleared
            if made is None or not made.holds or made.by != name:
                raise InputError(report.path, "the clearance could not be written into this front matter", "add the line by hand: see docs/publication.md", current.body_line - 1)
            write_atomic(path, (BOM if bom else b"") + new.encode("utf-8"))
            again = f" (again: the source changed since {old.by}'s clearance of {old.day.isoformat()})" if old is not None else ""
            click.echo(f"{report.path}: cleared by {name} on {day.isoformat()}{again}")
    if not config.require_clearance:
        click.echo("note: require_clearance is not set: the build publishes reports whether they are cleared or not (docs/publication.md)")
