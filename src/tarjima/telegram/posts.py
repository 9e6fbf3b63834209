"""One version's Telegram post as a payload: title, lead, link, hashtags, in Telegram's HTML subset and within its limits (pure).

Telegram counts a message's length after it has parsed the entities: the text a reader sees, in
UTF-16 code units (an emoji or a rare CJK character counts two). A photo's caption holds 1,024 of
them, a text message 4,096. The post is made from plain parts and escaped last, so shortening
never cuts a tag, an entity (``&amp;``) or a hashtag.

How a post is shortened when it is too long (a caption, nearly always): the lead loses its last
sentences, then words, and ends with "…"; if the lead is gone and it is still too long, the
hashtags go from the last; then the title is shortened at a word. The link is never shortened.

Hashtags: Telegram makes a hashtag of ``#`` followed by letters, digits and ``_``. A tag's name in
the post's language is cut into words at every other character (a hyphen, a space, an ASCII
apostrophe, a dot) and the words are joined with ``_``: "Xalqaro hamkorlik" -> ``#Xalqaro_hamkorlik``,
"COVID-19" -> ``#COVID_19``. The Uzbek letters ``ʻ`` and ``ʼ`` (U+02BB, U+02BC) are letters and stay
(``#Oʻquv``). A name of digits only ("2024") is not a hashtag and is left out, as is one longer than
Telegram links (256 units) and a repeat.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import unicodedata
from dataclasses import dataclass
from typing import Sequence

CAPTION_LIMIT = 1024  # UTF-16 code units, after entity parsing
TEXT_LIMIT = 4096
HASHTAG_LIMIT = 256
ELLIPSIS = "…"
SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")


def units(text: str) -> int:
    """A text's length as Telegram counts it: UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def hashtag(name: str) -> str:
    """A tag's name as a Telegram hashtag (with ``#``), or "" when it cannot be one (digits only, nothing left, too long).

    >>> hashtag("Xalqaro hamkorlik"), hashtag("COVID-19"), hashtag("oʻquv yili"), hashtag("2024"), hashtag("Press-reliz ")
    ('#Xalqaro_hamkorlik', '#COVID_19', '#oʻquv_yili', '', '#Press_reliz')
    """
    words = re.split(r"[^\w]+|_+", unicodedata.normalize("NFC", name))
    body = "_".join(w for w in words if w)
    if not body or body.replace("_", "").isdecimal() or units(body) + 1 > HASHTAG_LIMIT:
        return ""
    return "#" + body


@dataclass(frozen=True)
class Source:
    """What a post shows of one published version (plain text, as on the page)."""

    slug: str
    lang: str
    title: str
    lead: str
    url: str  # the page's absolute address
    tags: tuple[str, ...] = ()  # the tags' names in the version's language
    photo: str = ""  # the cover's file in the public site, relative to it ("" for none)


@dataclass(frozen=True)
class Post:
    """One post's payload: a photo with a caption, or a text message."""

    slug: str
    lang: str
    kind: str  # "photo" (the html is its caption) or "text"
    html: str  # the caption or text, in Telegram's HTML subset
    photo: str = ""  # the cover's file in the public site, for a new photo post
    shortened: bool = False  # the lead (or more) was shortened to fit
    length: int = 0  # the text as Telegram counts it: UTF-16 units after entity parsing

    @property
    def limit(self) -> int:
        return CAPTION_LIMIT if self.kind == "photo" else TEXT_LIMIT

    def digest(self) -> str:
        """What the post says, as a digest: a change of it is a change of the post (then edited; the photo of a post is never replaced)."""
        return hashlib.blake2b(json.dumps([self.kind, self.html]).encode("utf-8"), digest_size=8).hexdigest()

    def fields(self, chat: str) -> dict[str, str]:
        """The Bot API's fields of sendPhoto (the photo sent apart, as a file) or sendMessage."""
        if self.kind == "photo":
            return {"chat_id": chat, "caption": self.html, "parse_mode": "HTML"}
        return {"chat_id": chat, "text": self.html, "parse_mode": "HTML"}


def hashtags(names: Sequence[str]) -> list[str]:
    found: list[str] = []
    for name in names:
        tag = hashtag(name)
        if tag and tag.casefold() not in {t.casefold() for t in found}:
            found.append(tag)
    return found


def visible(title: str, lead: str, url: str, tags: Sequence[str]) -> int:
    """The post's length as Telegram counts it: the parts as shown, with the blank lines between them."""
    parts = [p for p in (title, lead, url, " ".join(tags)) if p]
    return units("\n\n".join(parts))


def markup(title: str, lead: str, url: str, tags: Sequence[str]) -> str:
    parts = [f"<b>{html.escape(title, quote=False)}</b>" if title else ""]
    parts.append(html.escape(lead, quote=False))
    parts.append(f'<a href="{html.escape(url, quote=True)}">{html.escape(url, quote=False)}</a>')
    parts.append(" ".join(tags))  # letters, digits and _ only: nothing to escape
    return "\n\n".join(p for p in parts if p)


def cut(text: str, budget: int) -> str:
    """``text`` shortened to at most ``budget`` units with "…": at the last sentence end that fits, else the last word; "" if no word fits.

    >>> cut("One. Two three. Four five six.", 17)
    'One. Two three. …'
    >>> cut("Alpha beta gamma", 12)
    'Alpha beta…'
    """
    if units(text) <= budget:
        return text
    room = budget - units(ELLIPSIS)
    if room <= 0:
        return ""
    sentences = SENTENCE_END.split(text)
    kept = ""
    for sentence in sentences:
        longer = f"{kept} {sentence}" if kept else sentence
        if units(longer) + 1 > room:
            break
        kept = longer
    if kept:
        return kept + " " + ELLIPSIS
    words = text.split()
    kept = ""
    for word in words:
        longer = f"{kept} {word}" if kept else word
        if units(longer) > room:
            break
        kept = longer
    return kept.rstrip(",;:—–-") + ELLIPSIS if kept else ""


def compose(source: Source, kind: str = "") -> Post:
    """The post of one version: within the limit of its kind, shortened as the module's docstring says.

    ``kind``: that of the post already sent, when it is edited ("photo": a caption, whether the
    version still has a cover or not); by default a photo post when the version has a cover."""
    kind = kind or ("photo" if source.photo else "text")
    limit = CAPTION_LIMIT if kind == "photo" else TEXT_LIMIT
    title, lead, url = " ".join(source.title.split()), " ".join(source.lead.split()), source.url
    tags = hashtags(source.tags)
    shortened = False
    if visible(title, lead, url, tags) > limit:
        shortened = True
        rest = visible(title, "", url, tags)
        lead = cut(lead, limit - rest - 2) if limit - rest - 2 > 0 else ""
        while tags and visible(title, lead, url, tags) > limit:
            tags = tags[:-1]
        if visible(title, lead, url, tags) > limit:
            title = cut(title, limit - visible("", lead, url, tags) - 2)
    return Post(source.slug, source.lang, kind, markup(title, lead, url, tags), source.photo if kind == "photo" else "", shortened, visible(title, lead, url, tags))
