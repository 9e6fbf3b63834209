"""``tarjima telegram``: post each version the last build published to its language's Telegram channel (loaded when asked for)."""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from tarjima.cli.base import EXIT_BAD_INPUT, Context, absolute
from tarjima.cli.publication import judged_at, now_option
from tarjima.errors import InputError

if TYPE_CHECKING:
    from tarjima.telegram.plan import Action, Plan

VERSION = re.compile(r"([^/\s]+)/([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*)")


def version_key(value: str, option: str, tags: tuple[str, ...]) -> tuple[str, str]:
    """SLUG/LANG as (slug, tag), or bad input."""
    found = VERSION.fullmatch(value)
    tag = next((t for t in tags if found and t.lower() == found.group(2).lower()), None)
    if found is None or tag is None:
        raise InputError(option, f"{value!r} is not SLUG/LANG", "e.g. " + option + " seminar/ru (LANG one of " + ", ".join(tags) + ")")
    return found.group(1), tag


@click.command()
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("site"), show_default=True,
              help="The public site as the last `tarjima build` made it: what it published is what is posted, its covers the posts' photos.")
@click.option("--desk", type=click.Path(file_okay=False, path_type=Path), default=None, help="The desk of that build. [default: desk beside OUT]")
@click.option("--dry-run", is_flag=True, help="Print the calls it would make (JSON) and send nothing; needs no token.")
@click.option("--resend", "resend", multiple=True, metavar="SLUG/LANG",
              help="Send this uncertain post again: you looked, and it is not on the channel. Repeatable.")
@click.option("--posted", "posted", multiple=True, metavar="SLUG/LANG=ID",
              help="Record this uncertain post as sent: it is on the channel, with this message id (the number at the end of its link). Repeatable.")
@click.option("--deleted", "deleted", multiple=True, metavar="SLUG/LANG",
              help="Record this post as deleted by hand on the channel (one older than the 48 hours in which a bot may delete it). Repeatable.")
@now_option
@click.pass_obj
def telegram(obj: Context, out: Path, desk: Path | None, dry_run: bool, resend: tuple[str, ...], posted: tuple[str, ...], deleted: tuple[str, ...],
             now_text: str | None) -> None:
    """Post each version the last build published to its language's Telegram channel; edit corrected posts; delete retracted and taken-down ones.

    Run it after `tarjima build` (it posts what that build put online: never a draft, an embargoed,
    uncleared or held version) and commit published/telegram.csv, the record of what was sent.
    Safe to run again: what was posted and is unchanged is not sent again. The token comes from
    TARJIMA_TELEGRAM_TOKEN, each language's chat from TARJIMA_TELEGRAM_CHAT_<LANG> or
    [tool.tarjima.site.telegram.chats] (docs/telegram.md).
    """
    from tarjima.site.output.folders import Folders, desk_for
    from tarjima.site.record import moment_text
    from tarjima.telegram import state as sent_state
    from tarjima.telegram.api import Client
    from tarjima.telegram.plan import plan, published, take_downs
    from tarjima.telegram.send import mark, run
    from tarjima.telegram.settings import TOKEN_ENV, read_settings

    config = obj.config
    settings = read_settings(config, os.environ)
    if not dry_run and not settings.token:
        raise InputError(TOKEN_ENV, "is not set: tarjima needs the bot's token to post", f"export {TOKEN_ENV}=… (from @BotFather), or run with --dry-run")
    now = judged_at(config, now_text)
    public = absolute(out).resolve()
    outs = Folders(public, absolute(desk).resolve() if desk else desk_for(public))
    found = published(config, outs, obj.project.reports, now, settings.since)
    resent = frozenset(version_key(v, "--resend", config.tags) for v in resend)
    chats = settings.chats if not dry_run else {tag: settings.chats.get(tag, "") or "(no chat)" for tag in config.tags}

    for slug, tag, why in found.skipped:
        click.echo(f"skipped {slug} [{tag}]: {why}", err=True)
    if found.before:
        click.echo(f"not posted: {found.before} version(s) first published before {settings.since} (since, in [tool.tarjima.site.telegram])", err=True)
    if dry_run:
        state = sent_state.load(config.root)
        the_plan = plan(found, state, chats, resent, take_downs(obj.project))
        calls = [{"method": a.method, "slug": a.slug, "lang": a.lang, "fields": a.fields(),
                  **({"photo": str(outs.public / a.post.photo)} if a.what == "send" and a.post and a.post.photo else {}),
                  **({"units": a.post.length, "limit": a.post.limit, "shortened": a.post.shortened} if a.post else {})}
                 for a in the_plan.actions]
        click.echo(json.dumps(calls, ensure_ascii=False, indent=2))
        say_left(the_plan)
        return

    with obj.lock():
        state = sent_state.load(config.root)
        moment = moment_text(now)
        for value in posted:
            version, _, number = value.partition("=")
            key = version_key(version, "--posted", config.tags)
            if not number.isdigit():
                raise InputError("--posted", f"{value!r} has no message id", f"e.g. --posted {version}=123 (the number at the end of the post's link)")
            if key not in state or state[key].state != "sending":
                raise InputError("--posted", f"{version} is not an uncertain post", "name only the posts tarjima telegram named as uncertain")
            mark(config.root, state, key, moment, "sent", number)
            click.echo(f"recorded {key[0]} [{key[1]}] as posted: message {number}")
        for version in deleted:
            key = version_key(version, "--deleted", config.tags)
            if key not in state or state[key].state != "sent":
                raise InputError("--deleted", f"{version} is not a post tarjima sent", "name a post tarjima telegram could not delete")
            if any((s.slug, s.lang) == key for s in found.sources):
                raise InputError("--deleted", f"{version} is published: this run would post it again",
                                 "name only a retracted or taken-down version whose post tarjima telegram could not delete")
            mark(config.root, state, key, moment, "deleted")
            click.echo(f"recorded {key[0]} [{key[1]}] as deleted by hand")
        for key in resent:
            if key not in state or state[key].state != "sending":
                raise InputError("--resend", f"{key[0]}/{key[1]} is not an uncertain post", "name only the posts tarjima telegram named as uncertain")
        the_plan = plan(found, state, chats, resent, take_downs(obj.project))
        client = Client(settings.api, settings.token)
        outcome = run(config.root, the_plan, client, state, outs.public, moment, say)
    say_left(the_plan)
    if outcome.stopped:
        click.echo(f"error: stopped: {outcome.stopped} ({outcome.left} call(s) not made)", err=True)
    click.echo(f"telegram: {len(outcome.sent)} sent, {len(outcome.edited)} edited, {len(outcome.deleted)} deleted, {the_plan.unchanged} unchanged"
               + (f", {len(outcome.failed)} refused" if outcome.failed else "") + (f", {len(the_plan.uncertain) + len(outcome.uncertain)} uncertain" if the_plan.uncertain or outcome.uncertain else ""))
    if outcome.sent or outcome.edited or outcome.deleted or outcome.uncertain or posted:
        click.echo(f"{sent_state.FILE}: what was sent is recorded there: commit it with published/ (git add published/)")
    if outcome.failed or outcome.stopped or outcome.uncertain or the_plan.uncertain:
        sys.exit(EXIT_BAD_INPUT)


def say(what: str, action: Action, detail: str) -> None:
    """One call's end, as it happens (a long run is paced by Telegram: the officer sees each post go)."""
    version = f"{action.slug} [{action.lang}]"
    if what == "sent":
        click.echo(f"sent {version} to {action.chat}" + (f": {detail}" if detail else ""))
    elif what == "edited":
        click.echo(f"edited {version} in {action.chat}" + (f": {detail}" if detail else ""))
    elif what == "deleted":
        click.echo(f"deleted {version} from {action.chat}: {action.why}")
    elif what == "failed":
        click.echo(f"error: {version}: {detail}", err=True)
    else:
        click.echo(f"uncertain: {version}: {detail}: run tarjima telegram again to settle it", err=True)


def say_left(the_plan: Plan) -> None:
    """What a run leaves, on standard error: uncertain posts (and how to settle them), languages without a chat, posts left on a channel."""
    from tarjima.telegram.settings import chat_env

    for row in the_plan.uncertain:
        version = f"{row.slug}/{row.lang}"
        click.echo(f"uncertain: {row.slug} [{row.lang}]: a send to {row.chat} was started at {row.at} and its answer never recorded, so it is not sent again: "
                   f"look at the channel, then run tarjima telegram --posted {version}=ID if the post is there (ID: the number at the end of its link), "
                   f"or --resend {version} if it is not", err=True)
    for tag, count in sorted(the_plan.no_chat.items()):
        click.echo(f"not posted: {count} version(s) in {tag}: no chat for {tag} (set {chat_env(tag)}, or {tag} in [tool.tarjima.site.telegram.chats])", err=True)
    for row in the_plan.gone:
        click.echo(f"note: {row.slug} [{row.lang}] is posted in {row.chat} but the last build did not publish it, and its source neither retracts "
                   f"nor takes it down: the post stays; delete it by hand if need be", err=True)
