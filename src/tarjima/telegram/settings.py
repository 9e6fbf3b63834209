"""Where posts go: the bot's token (from the environment only), each language's chat and the Bot API's address.

::

    [tool.tarjima.site.telegram]            # chat ids may be committed: they are public
    api = "https://api.telegram.org"        # the default
    since = 2026-12-07                      # post only versions first published on or after this day (UTC): not the archive
    [tool.tarjima.site.telegram.chats]
    uz-Latn = "@academy_uz"
    ru = "@academy_ru"

The environment wins over the configuration: ``TARJIMA_TELEGRAM_TOKEN`` (required to send),
``TARJIMA_TELEGRAM_CHAT_UZ_LATN``, ``TARJIMA_TELEGRAM_CHAT_RU``, … (the language tag in capitals,
``-`` as ``_``) and ``TARJIMA_TELEGRAM_API``. A token in the configuration is refused: the
repository is shared, and a token posts as the press office.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Mapping

from tarjima.config import Config
from tarjima.errors import InputError

TABLE = "[tool.tarjima.site.telegram]"
DEFAULT_API = "https://api.telegram.org"
TOKEN_ENV = "TARJIMA_TELEGRAM_TOKEN"
API_ENV = "TARJIMA_TELEGRAM_API"
CHAT = re.compile(r"@[A-Za-z][A-Za-z0-9_]{3,}|-?\d+")


def chat_env(tag: str) -> str:
    """The environment variable of a language's chat: ``TARJIMA_TELEGRAM_CHAT_UZ_LATN``."""
    return "TARJIMA_TELEGRAM_CHAT_" + tag.upper().replace("-", "_")


@dataclass(frozen=True)
class Settings:
    """Token, chats and API address, checked."""

    token: str = ""
    chats: Mapping[str, str] = field(default_factory=dict)  # language tag -> chat (@channel or a numeric id)
    api: str = DEFAULT_API
    since: str = ""  # ISO date: versions first published before it are never posted ("" : all)


def read_settings(config: Config, environ: Mapping[str, str]) -> Settings:
    """The settings from ``[tool.tarjima.site.telegram]`` and the environment (which wins); bad values are bad input."""
    table: Any = config.site.get("telegram", {})
    if not isinstance(table, Mapping):
        raise InputError(TABLE, "must be a table", "write [tool.tarjima.site.telegram] with chats per language")
    if "token" in table:
        raise InputError(TABLE, "holds a bot token: a token must never be in the repository",
                         f"remove it, revoke it with @BotFather (it is in git now) and give the new one as {TOKEN_ENV} in the environment")
    unknown = [k for k in table if k not in ("api", "chats", "since")]
    if unknown:
        raise InputError(TABLE, f"unknown key {unknown[0]!r}", "the keys: api, chats, since")
    since = table.get("since", "")
    if isinstance(since, dt.date) and not isinstance(since, dt.datetime):
        since = since.isoformat()
    if not isinstance(since, str) or (since and not re.fullmatch(r"\d{4}-\d\d-\d\d", since)):
        raise InputError(TABLE, f"since {since!r} is not a day", "e.g. since = 2026-12-07: versions first published before it are not posted")
    chats_table = table.get("chats", {})
    if not isinstance(chats_table, Mapping):
        raise InputError(TABLE, "`chats` must be a table of chats by language", 'e.g. [tool.tarjima.site.telegram.chats] then ru = "@academy_ru"')
    chats: dict[str, str] = {}
    for tag, chat in chats_table.items():
        if tag not in config.tags:
            raise InputError(TABLE, f"chats: unknown language {tag!r}", "use the configured tags: " + ", ".join(config.tags))
        chats[tag] = str(chat)
    for tag in config.tags:
        if environ.get(chat_env(tag), "").strip():
            chats[tag] = environ[chat_env(tag)].strip()
    for tag, chat in chats.items():
        if not CHAT.fullmatch(chat):
            raise InputError(TABLE if chat_env(tag) not in environ else chat_env(tag), f"the chat of {tag}, {chat!r}, is neither a public @channel nor a numeric chat id",
                             'write the channel as "@name", or the id the Bot API gives a private chat ("-100…")')
    api = (environ.get(API_ENV, "").strip() or str(table.get("api", DEFAULT_API))).rstrip("/")
    if not re.fullmatch(r"https?://[^/\s?#]+(/[^\s?#]*)?", api):
        raise InputError(API_ENV if environ.get(API_ENV) else TABLE, f"the Bot API address {api!r} is not an http(s) address", f"e.g. {DEFAULT_API}")
    return Settings(environ.get(TOKEN_ENV, "").strip(), chats, api, since)
