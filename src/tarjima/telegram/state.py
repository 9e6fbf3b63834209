"""What was sent to Telegram: ``published/telegram.csv``, one row per version posted (or being posted), written only by ``tarjima telegram``.

::

    slug,lang,chat,message_id,kind,payload,state,at
    seminar,ru,@academy_ru,42,photo,3f9a61c2d0e4b7a1,sent,2026-12-07T04:40:00Z

``state`` is ``sending`` (the intent, written before the request: ``message_id`` empty),
``sent`` or ``deleted``; ``payload`` is the digest of what the post shows (``posts.Post.digest``),
``chat`` the chat it went to (later edits go there, whatever the configuration says then).

A sibling of the publication record, not new columns of it: ``tarjima build`` writes
``record.csv`` and this command writes this file, so neither ever rewrites the other's rows, and
a build cut short cannot lose a message id (nor a send the build's rows). Committed with
``published/`` like the record: a fresh clone knows what was posted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, NamedTuple

from tarjima.errors import InputError
from tarjima.files import csv_text, read_csv, sweep, write_if_changed

FILE = "published/telegram.csv"
HEADER = ("slug", "lang", "chat", "message_id", "kind", "payload", "state", "at")
STATES = ("sending", "sent", "deleted")
PUBLIC_CHAT = re.compile(r"@([A-Za-z][A-Za-z0-9_]{3,})")


@dataclass(frozen=True)
class Sent:
    """One version's post."""

    slug: str
    lang: str
    chat: str
    message_id: str  # "" while the state is "sending"
    kind: str  # "photo" or "text"
    payload: str  # digest of what the post shows (or was about to show)
    state: str
    at: str  # when the row was last written (ISO UTC)

    def row(self) -> tuple[str, ...]:
        return (self.slug, self.lang, self.chat, self.message_id, self.kind, self.payload, self.state, self.at)


State = dict[tuple[str, str], Sent]


def load(root: Path) -> State:
    """The committed state of the project at ``root`` (empty when there is none); a damaged file is bad input."""
    rows = read_csv(root / FILE, FILE, HEADER, "the Telegram record")
    state: State = {}
    for number, row in enumerate(rows or (), start=2):
        if not row:
            continue
        ok = len(row) == len(HEADER) and row[0] and row[1] and row[2] and row[4] in ("photo", "text") and row[6] in STATES
        if not ok or (row[6] != "sending" and not row[3].isdigit()) or (row[6] == "sending" and row[3]):
            raise InputError(FILE, f"row {number} is not a row of the Telegram record", "restore the file from git (tarjima telegram writes it; do not edit it by hand)", number)
        state[(row[0], row[1])] = Sent(*row)
    return state


def dumps(state: Mapping[tuple[str, str], Sent]) -> str:
    return csv_text(HEADER, (state[key].row() for key in sorted(state)))


def save(root: Path, state: Mapping[tuple[str, str], Sent]) -> bool:
    """Write the state atomically and durably (flushed to the disk before the rename) if it changed; whether it did."""
    if not state:  # nothing sent, not even an intent (the first send's intent taken back): no file
        existed = (root / FILE).exists()
        (root / FILE).unlink(missing_ok=True)
        return existed
    sweep((root / FILE).parent)
    return write_if_changed(root / FILE, dumps(state))


def post_link(chat: str, message_id: str) -> str:
    """A post's address, https://t.me/<channel>/<id>, when the chat is a public channel (@name); else "".

    >>> post_link("@academy_ru", "42"), post_link("-1001234567890", "42")
    ('https://t.me/academy_ru/42', '')
    """
    found = PUBLIC_CHAT.fullmatch(chat)
    return f"https://t.me/{found.group(1)}/{message_id}" if found and message_id else ""


class Standing(NamedTuple):
    """Whether a version is on its Telegram channel, for the dashboard."""

    posted: bool  # sent and not deleted
    link: str = ""  # the post's address when its chat is a public channel
    uncertain: bool = False  # a send was started and its answer never recorded (tarjima telegram names it)


def posted(state: Mapping[tuple[str, str], Sent], slug: str, lang: str) -> Standing:
    """Whether the version ``slug``/``lang`` is posted, and the post's link (pure: give it ``load(root)``).

    >>> s = {("a", "ru"): Sent("a", "ru", "@academy_ru", "7", "photo", "d", "sent", "")}
    >>> posted(s, "a", "ru"), posted(s, "a", "en").posted
    (Standing(posted=True, link='https://t.me/academy_ru/7', uncertain=False), False)
    """
    row = state.get((slug, lang))
    if row is None:
        return Standing(False)
    if row.state == "sending":
        return Standing(False, uncertain=True)
    return Standing(row.state == "sent", post_link(row.chat, row.message_id) if row.state == "sent" else "")
