"""An engine's settings: ``[tool.tarjima.engines.<name>]`` validated, plus the command line; the retry policy."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Mapping
from urllib.parse import urlsplit

from tarjima.errors import InputError

ENGINES = ("libre", "google", "deepl", "mymemory", "microsoft")


# BCP 47 tag -> engine code, for the languages tarjima ships with; [tool.tarjima.engines.X.languages] overrides.
DEFAULT_CODES: Mapping[str, Mapping[str, str]] = MappingProxyType({
    "libre": {"uz-Latn": "uz", "ru": "ru", "en": "en"},
    "google": {"uz-Latn": "uz", "ru": "ru", "en": "en"},
    "deepl": {"ru": "ru", "en": "en"},
    "mymemory": {"uz-Latn": "uz-UZ", "ru": "ru-RU", "en": "en-GB"},
    "microsoft": {"uz-Latn": "uz", "ru": "ru", "en": "en"},
})


DEFAULT_KEY_ENV = MappingProxyType({"libre": "LIBRETRANSLATE_API_KEY", "deepl": "DEEPL_API_KEY", "microsoft": "MICROSOFT_API_KEY"})


NEEDS_KEY = frozenset({"deepl", "microsoft"})


ENGINE_OPTIONS = {"libre": {"endpoint"}, "deepl": {"use_free_api"}, "mymemory": {"email"}, "microsoft": {"region"}}


COMMON_OPTIONS = {"api_key_env", "languages", "timeout", "retries", "backoff", "backoff_max"}


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff with jitter: attempt n waits about base * 2**n, at most cap."""

    attempts: int = 5
    base: float = 1.0
    cap: float = 60.0

    def delay(self, retry: int, retry_after: float | None, rng: random.Random) -> float:
        """Seconds to wait before retry number ``retry`` (0-based): half fixed, half random."""
        ceiling = min(self.cap, self.base * 2.0**retry)
        wait = ceiling / 2 + rng.uniform(0, ceiling / 2)
        if retry_after is not None:
            wait = max(wait, min(retry_after, self.cap))
        return wait


@dataclass(frozen=True)
class EngineSettings:
    """One engine's settings: ``[tool.tarjima.engines.<name>]`` plus the command line."""

    name: str
    endpoint: str = ""  # libre only; always ends with "/"
    api_key_env: str = ""
    codes: Mapping[str, str] = field(default_factory=dict)  # BCP 47 tag -> engine code
    configured_codes: frozenset[str] = frozenset()  # tags whose code the user set: trusted as is
    timeout: float = 30.0
    retries: int = 4
    backoff: float = 1.0
    backoff_max: float = 60.0
    options: Mapping[str, Any] = field(default_factory=dict)

    def code(self, tag: str) -> str | None:
        """The engine's code for a BCP 47 tag, or None when it has none."""
        if tag in self.codes:
            return self.codes[tag]
        return None if "-" in tag else tag  # a bare language tag ("de") is its own code; a script is not guessed

    @property
    def policy(self) -> RetryPolicy:
        return RetryPolicy(attempts=self.retries + 1, base=self.backoff, cap=self.backoff_max)


def _number(section: Mapping[str, Any], key: str, default: float, where: str, name: str, minimum: float = 0) -> float:
    value = section.get(key, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < minimum:
        raise InputError(where, f"[tool.tarjima.engines.{name}] {key} must be a number >= {minimum:g}", f"e.g. {key} = {default:g}")
    return float(value)


def engine_settings(engines: Mapping[str, Any], name: str, where: str, endpoint: str | None = None) -> EngineSettings:
    """Validate one engine's configuration table; ``endpoint`` (from --endpoint) wins over the file."""
    if name not in ENGINES:
        raise InputError("--engine", f"unknown engine {name!r}", "use one of " + ", ".join(ENGINES))
    section = engines.get(name, {})
    table = f"[tool.tarjima.engines.{name}]"
    if not isinstance(section, Mapping):
        raise InputError(where, f"{table} must be a table", f"write {table} on a line of its own")
    if any("key" in k and k != "api_key_env" for k in section):
        raise InputError(where, f"{table} holds an API key", "keep keys out of files under version control: set api_key_env to the name of an environment variable")
    unknown = sorted(set(section) - COMMON_OPTIONS - ENGINE_OPTIONS.get(name, set()))
    if unknown:
        allowed = sorted(COMMON_OPTIONS | ENGINE_OPTIONS.get(name, set()))
        raise InputError(where, f"{table} has unknown setting {unknown[0]!r}", "known settings: " + ", ".join(allowed))
    if endpoint is not None and name != "libre":
        raise InputError("--endpoint", f"--endpoint applies to the libre engine only, not {name}", "drop --endpoint or use --engine libre")
    url = endpoint if endpoint is not None else str(section.get("endpoint", ""))
    if name == "libre":
        if not url:
            raise InputError(where, "the libre engine needs the URL of a LibreTranslate server", f"pass --endpoint URL or set endpoint in {table}")
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise InputError("--endpoint" if endpoint is not None else where, f"endpoint {url!r} is not an http(s) URL", "e.g. http://127.0.0.1:5000/")
        url = url if url.endswith("/") else url + "/"  # LibreTranslator appends "translate" to it as is
    languages = section.get("languages", {})
    if not isinstance(languages, Mapping) or not all(isinstance(v, str) and v for v in languages.values()):
        raise InputError(where, f"{table} languages must map language tags to engine codes", 'e.g. languages = { "uz-Latn" = "uz" }')
    key_env = section.get("api_key_env", DEFAULT_KEY_ENV.get(name, ""))
    if not isinstance(key_env, str) or (key_env and not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key_env)):
        raise InputError(where, f"{table} api_key_env must name an environment variable", f'e.g. api_key_env = "{DEFAULT_KEY_ENV.get(name, "MT_API_KEY")}"')
    retries = section.get("retries", 4)
    if isinstance(retries, bool) or not isinstance(retries, int) or retries < 0:
        raise InputError(where, f"{table} retries must be a whole number >= 0", "e.g. retries = 4")
    return EngineSettings(
        name=name,
        endpoint=url,
        api_key_env=key_env,
        codes=MappingProxyType({**DEFAULT_CODES[name], **languages}),
        configured_codes=frozenset(languages),
        timeout=_number(section, "timeout", 30.0, where, name, 0.001),
        retries=retries,
        backoff=_number(section, "backoff", 1.0, where, name),
        backoff_max=_number(section, "backoff_max", 60.0, where, name),
        options=MappingProxyType({k: section[k] for k in ENGINE_OPTIONS.get(name, set()) - {"endpoint"} if k in section}),
    )
