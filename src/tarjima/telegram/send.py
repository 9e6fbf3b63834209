"""Doing a plan: each call made through the Bot API client, and what was sent written to ``published/telegram.csv`` at once.

The Bot API has no idempotency key, so a send is made in three steps: the intent (a row
``sending`` with the payload's digest) is written, durably, before the request; then the request;
then the message id. A run killed between the request and the last write leaves the intent: the
next run names that post as uncertain instead of sending it again, and the press officer, having
looked at the channel, says which it is (``--posted SLUG/LANG=ID`` or ``--resend SLUG/LANG``). At
most one post can be doubled that way, the one whose answer was lost. Edits and deletes need no
intent: doing one twice changes nothing ("message is not modified", "message to delete not found"
are taken as done).

A call Telegram refuses (400 can't parse entities, 403 not an admin of the channel) is reported
for its version and the others go on; a bad token (401), a connection that cannot be made, or a
request left without an answer stops the run (every later call would fare the same).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

from tarjima.telegram.api import Client, Refused, Uncertain, Unreachable
from tarjima.telegram.plan import Action, Plan
from tarjima.telegram.state import Sent, State, post_link, save

DONE_ANYWAY = ("message is not modified", "message to delete not found", "message can't be deleted for everyone")


@dataclass
class Outcome:
    """What a run did: each version by what happened to it, and why it stopped early, if it did."""

    sent: list[tuple[Action, str]] = field(default_factory=list)  # (action, the post's link or "")
    edited: list[tuple[Action, str]] = field(default_factory=list)
    deleted: list[Action] = field(default_factory=list)
    failed: list[tuple[Action, str]] = field(default_factory=list)  # (action, what Telegram said and what to do)
    uncertain: list[tuple[Action, str]] = field(default_factory=list)  # a send left without an answer (its intent stays)
    stopped: str = ""  # why the run stopped before the end ("" when it did not)
    left: int = 0  # calls not made because it stopped
    told: Callable[[str, Action, str], None] = lambda what, action, detail: None  # each call's end as it comes: ("sent", action, link), …

    def note(self, what: str, action: Action, detail: str = "") -> None:
        """One call's end: recorded under ``what`` (sent, edited, deleted, failed, uncertain) and told at once."""
        if what == "deleted":
            self.deleted.append(action)
        else:
            {"sent": self.sent, "edited": self.edited, "failed": self.failed, "uncertain": self.uncertain}[what].append((action, detail))
        self.told(what, action, detail)


def fix_for(action: Action, error: Refused) -> str:
    """What to do about a refused call, in the press officer's terms."""
    text = error.description.lower()
    if "parse entities" in text:
        return "the post's HTML was refused: fix the title, summary or tag names of this version (the post is made of them) and run again"
    if "chat not found" in text or error.code == 403:
        return f"the bot cannot post to {action.chat}: make it an administrator of the channel allowed to post, or correct the chat"
    if "too long" in text:
        return "the post is longer than Telegram takes: shorten the title or summary and run again"
    if "message can't be deleted" in text:  # the Bot API deletes a post only within 48 hours of its sending
        number = action.sent.message_id if action.sent else ""
        where = post_link(action.chat, number) or f"message {number or '?'} of {action.chat}"
        return (f"a bot may delete a post only within 48 hours of sending it: delete {where} by hand in the channel, "
                f"then run tarjima telegram --deleted {action.slug}/{action.lang}")
    if "message to edit not found" in text:
        return f"the post was deleted on the channel: run tarjima telegram --resend {action.slug}/{action.lang} to post it again"
    return "see Telegram's answer above, fix it and run again"


def run(root: Path, the_plan: Plan, client: Client, state: State, public: Path, moment: str,
        told: Callable[[str, Action, str], None] = lambda what, action, detail: None) -> Outcome:
    """Make every call of ``the_plan`` in order, writing ``state`` (the project's lock held) as each is done; ``told`` hears of each as it ends."""
    outcome = Outcome(told=told)
    for index, action in enumerate(the_plan.actions):
        key = (action.slug, action.lang)
        before = state.get(key)
        if action.what == "send":
            assert action.post is not None
            if action.post.photo and not (public / action.post.photo).is_file():
                outcome.note("failed", action, f"its cover {action.post.photo} is not in the public site {public}: run tarjima build, then this again")
                continue
            state[key] = Sent(action.slug, action.lang, action.chat, "", action.post.kind, action.post.digest(), "sending", moment)
            save(root, state)  # the intent, on the disk before the request
        try:
            result = client.call(action.method, action.fields(), public / action.post.photo if action.what == "send" and action.post and action.post.photo else None)
        except Refused as error:
            if error.code == 401:
                restore(root, state, key, before)
                outcome.stopped = f"the bot token was refused ({error.code} {error.description}): give the right one as TARJIMA_TELEGRAM_TOKEN"
                outcome.left = len(the_plan.actions) - index
                return outcome
            if action.what != "send" and any(s in error.description.lower() for s in DONE_ANYWAY):
                done(root, state, action, outcome, moment, "")
                continue
            restore(root, state, key, before)
            outcome.note("failed", action, f"Telegram refused {action.method} ({error.code} {error.description}): {fix_for(action, error)}")
            continue
        except Unreachable as error:
            restore(root, state, key, before)
            outcome.stopped = f"{error}: nothing was sent; check the address (TARJIMA_TELEGRAM_API) and the network, then run again"
            outcome.left = len(the_plan.actions) - index
            return outcome
        except Uncertain as error:
            if action.what == "send":
                outcome.note("uncertain", action, str(error))
            outcome.stopped = f"{error}: stopped; run again when the Bot API answers"
            outcome.left = len(the_plan.actions) - index - 1
            return outcome
        message_id = result.get("message_id")
        if action.what == "send" and not isinstance(message_id, int):  # an answer without the id: the intent stays
            outcome.note("uncertain", action, f"{action.method}: the Bot API's answer has no message_id")
            continue
        done(root, state, action, outcome, moment, str(message_id))
    return outcome


def mark(root: Path, state: State, key: tuple[str, str], moment: str, to: str, message_id: str | None = None) -> Sent:
    """Record the post of ``key`` as ``to``: "sent", an uncertain send the press officer found on the channel (``--posted``,
    with its ``message_id``); "deleted", by this run or by hand (``--deleted``: a post the bot may no longer delete)."""
    row = replace(state[key], state=to, at=moment, **({"message_id": message_id} if message_id is not None else {}))
    state[key] = row
    save(root, state)
    return row


def restore(root: Path, state: State, key: tuple[str, str], before: Sent | None) -> None:
    """The row as it was before a call that did nothing (a send's intent taken back)."""
    if state.get(key) == before:
        return
    if before is None:
        state.pop(key, None)
    else:
        state[key] = before
    save(root, state)


def done(root: Path, state: State, action: Action, outcome: Outcome, moment: str, message_id: str) -> None:
    """Record a call that was made."""
    key = (action.slug, action.lang)
    if action.what == "delete":
        mark(root, state, key, moment, "deleted")
        outcome.note("deleted", action)
        return
    else:
        assert action.post is not None
        if action.what == "send":
            row = Sent(action.slug, action.lang, action.chat, message_id, action.post.kind, action.post.digest(), "sent", moment)
        else:
            assert action.sent is not None
            row = replace(action.sent, payload=action.post.digest(), at=moment)
        state[key] = row
        save(root, state)
        outcome.note("sent" if action.what == "send" else "edited", action, post_link(row.chat, row.message_id))
