"""What to send, edit or delete on Telegram: the versions the last build published (its own decision, read from its manifest),
compared with what was sent (``state``).

The build decides what is published (drafts, schedules, clearance, holds, take-downs: site.pages.publish,
holds, kept); this module never decides it again. It reads the manifest of the last build of the public
folder: the versions that build put online, with their title, summary, tags and cover as shown there.
Left out besides: a version held while its last published text stays online (it was posted when it
was published, or it waits until it is publishable again), and, as a second lock, every version of a
report that the sources hold *now* (a draft, a schedule ahead, a clearance missing), should the last
build have been made with another ``--now``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Callable, Mapping, Sequence

from tarjima.config import Config
from tarjima.errors import InputError
from tarjima.model import Report
from tarjima.project import Project
from tarjima.publication import withheld
from tarjima.site import record as publication
from tarjima.site.output.folders import Folders
from tarjima.site.output.manifest import Manifest
from tarjima.site.pages.kept import STAYS_ONLINE
from tarjima.site.pages.report import page_url
from tarjima.site.settings import SiteSettings, tag_table
from tarjima.telegram.posts import Post, Source, compose
from tarjima.telegram.state import Sent, State

SOCIAL = "social.jpg"  # the cover's crop for link previews (1200 x 630 JPEG, no metadata): the post's photo


@dataclass(frozen=True)
class Published:
    """What the last build published, as posts need it."""

    sources: tuple[Source, ...]  # every version to post, in the build's order
    retracted: frozenset[tuple[str, str]]  # (slug, lang) of every retracted version (site.record)
    skipped: tuple[tuple[str, str, str], ...] = ()  # (slug, lang, why) of versions online that are not posted
    before: int = 0  # versions first published before ``since``: never posted


def published(config: Config, outs: Folders, reports: Sequence[Report], now: dt.datetime, since: str = "") -> Published:
    """The versions the last build of ``outs`` published; refused in one line without a base URL or a build.

    ``since``: an ISO day; a version first published before it (by the publication record) is left out, and counted."""
    if not config.base_url:
        raise InputError("[tool.tarjima]", "no base_url: a post links to its page by its full address",
                         'set base_url = "https://…/" (the address of the public site) and build again')
    manifest = Manifest.load(config.layout.build_manifest(outs.public), outs)
    if manifest is None:
        raise InputError(config.layout.rel(outs.public), "no build of this folder is known (none yet, or it was changed or moved since)",
                         f"run tarjima build --out {config.layout.rel(outs.public)} first: tarjima telegram posts what the last build published")
    record = publication.load(config.root)
    names = SiteSettings(tags=tag_table(config))
    folders = {lang.tag: lang.folder for lang in config.languages}
    by_slug = {r.slug: r for r in reports}
    sources: list[Source] = []
    skipped: list[tuple[str, str, str]] = []
    before = 0
    for slug, (_, stub, _) in manifest.reports.items():
        if not stub[0]:
            continue
        kept = {tag for _, tag, why in stub[2] if STAYS_ONLINE in why}
        report = by_slug.get(slug)
        held_now = "not among the sources now" if report is None else ("draft: true" if report.draft else withheld(report, config, now))
        for v in manifest.listed(slug):
            if held_now:
                skipped.append((slug, v.tag, f"held by its source now ({held_now}): build again"))
                continue
            entry = record.get((slug, v.tag))
            if since and entry is not None and entry.first_published[:10] < since:
                before += 1
                continue
            if v.tag in kept:
                skipped.append((slug, v.tag, "held: its last published text stays online until the new one is ready"))
                continue
            photo = ""
            if v.cover:
                prefix, _, _, variants = v.cover
                photo = next((prefix + name for name, _, _ in variants if name == SOCIAL), "")
            tags = tuple(names.tag_name(t, v.tag) or t for t in v.tags)
            sources.append(Source(slug, v.tag, v.title, v.summary, config.base_url + page_url(folders[v.tag], slug), tags, photo))
    retracted = frozenset(key for key, entry in record.items() if entry.retracted)
    order = {tag: i for i, tag in enumerate(config.tags)}
    sources.sort(key=lambda s: (s.slug, order.get(s.lang, 99)))
    return Published(tuple(sources), retracted, tuple(sorted(skipped)), before)


@dataclass(frozen=True)
class Action:
    """One call to make: send a new post, edit one, or delete one."""

    what: str  # "send", "edit" or "delete"
    slug: str
    lang: str
    chat: str
    post: Post | None = None  # what to send or edit to (None for a delete)
    sent: Sent | None = None  # the post as recorded (an edit, a delete; a send again after --resend)
    why: str = ""  # why a post is deleted: the report retracted, or the version taken down by its source

    @property
    def method(self) -> str:
        if self.what == "delete":
            return "deleteMessage"
        assert self.post is not None
        if self.what == "send":
            return "sendPhoto" if self.post.kind == "photo" else "sendMessage"
        return "editMessageCaption" if self.post.kind == "photo" else "editMessageText"

    def fields(self) -> dict[str, str]:
        """The call's fields (the photo of sendPhoto goes apart, as a file)."""
        if self.what == "delete":
            assert self.sent is not None
            return {"chat_id": self.sent.chat, "message_id": self.sent.message_id}
        assert self.post is not None
        fields = self.post.fields(self.chat)
        if self.what == "edit":
            assert self.sent is not None
            fields["message_id"] = self.sent.message_id
        return fields


@dataclass
class Plan:
    """What a run does, and what it says it leaves."""

    actions: list[Action] = field(default_factory=list)
    uncertain: list[Sent] = field(default_factory=list)  # a send started and never recorded: the officer decides (--resend, --posted)
    unchanged: int = 0  # posted, and the post would say the same
    no_chat: dict[str, int] = field(default_factory=dict)  # language -> versions not posted for want of a chat
    gone: list[Sent] = field(default_factory=list)  # posted, no longer published, neither retracted nor taken down by its source: left on the channel


def take_downs(project: Project) -> Callable[[str, str], str]:
    """Why the sources take a version down now, or "": ``draft: true``, or ``unpublish:`` naming its language. Asked only of
    a posted version the last build no longer published: a post is deleted on what a source says, never on a version's absence."""
    reports = {r.slug: r for r in project.reports}

    def why(slug: str, lang: str) -> str:
        report = reports.get(slug)
        if report is None:
            return ""
        if report.draft:
            return "taken down (draft: true)"
        if lang in (project.front(report).meta.get("unpublish") or ()):
            return f"taken down (unpublish: [{lang}])"
        return ""

    return why


def never(slug: str, lang: str) -> str:
    return ""


def plan(found: Published, state: State, chats: Mapping[str, str], resend: frozenset[tuple[str, str]] = frozenset(),
         taken_down: Callable[[str, str], str] = never) -> Plan:
    """The calls that bring the channels to what the build published, pure: new versions sent, changed posts edited,
    the posts of retracted versions and of versions their source took down (``taken_down``: why, or "") deleted; a send
    whose fate is unknown is named, never sent again unless ``resend`` names it.

    Edits go to the chat a post was sent to; a post keeps its kind (a photo post's caption is edited, a text stays a text).
    """
    result = Plan()
    for source in found.sources:
        key = (source.slug, source.lang)
        row = state.get(key)
        if row is not None and row.state == "sending" and key not in resend:
            result.uncertain.append(row)
            continue
        if row is not None and row.state == "sent":
            post = compose(source, row.kind)
            if post.digest() == row.payload:
                result.unchanged += 1
            else:
                result.actions.append(Action("edit", source.slug, source.lang, row.chat, post, row))
            continue
        chat = chats.get(source.lang)
        if not chat:
            result.no_chat[source.lang] = result.no_chat.get(source.lang, 0) + 1
            continue
        result.actions.append(Action("send", source.slug, source.lang, chat, compose(source), row))
    shown = {(s.slug, s.lang) for s in found.sources}
    online = {(slug, tag) for slug, tag, _ in found.skipped}  # online, not posted now: their posts are left as they are
    for key, row in sorted(state.items()):
        if key in shown or (key in online and row.state != "sending"):
            continue
        if row.state == "sending":
            result.uncertain.append(row)
        elif row.state == "sent" and key in found.retracted:
            result.actions.append(Action("delete", row.slug, row.lang, row.chat, None, row, "the report was retracted"))
        elif row.state == "sent" and (why := taken_down(*key)):
            result.actions.append(Action("delete", row.slug, row.lang, row.chat, None, row, why))
        elif row.state == "sent":
            result.gone.append(row)
    return result
