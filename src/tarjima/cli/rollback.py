"""``tarjima rollback`` (and ``build --rollback``): bring back the build before the last one, and say which it was."""

from __future__ import annotations

import os
from pathlib import Path

import click

from tarjima.cli.base import Context, absolute, out_option


def roll_back_and_say(obj: Context, out: Path, desk: Path | None) -> None:
    """Roll back under the project's lock and print the one line saying which build is online again."""
    from tarjima.site.output.rollback import roll_back

    with obj.lock():
        result = roll_back(obj.config, absolute(out), absolute(desk) if desk else None)
    shown_desk = desk or (result.desk if out.is_absolute() else Path(os.path.relpath(result.desk)))
    click.echo(f"rolled back {out} and {shown_desk} to build {result.restored.describe()}, in place of build {result.replaced.build_id[:12]}; "
               f"put {out} online again (docs/deploy.md); the next tarjima build renders everything again from the sources")


@click.command()
@out_option
@click.pass_obj
def rollback(obj: Context, out: Path, desk: Path | None) -> None:
    """Bring back the build before the last one (the public site and the desk), in one atomic step.

    After a bad publish: OUT and its desk hold again, byte for byte, the build the last build
    replaced, and the line printed names it (its id, as in OUT/.tarjima-build, when it was built
    and what it published). Put OUT online again after it. The next `tarjima build` renders
    everything from the sources as they are then. One step back only: a second rollback is
    refused (run `tarjima build` to publish the sources again). Refused, changing nothing, when
    no whole previous build is kept: after a first build, after a build that changed nothing,
    or after a full build that was refused or cut short.
    """
    roll_back_and_say(obj, out, desk)
