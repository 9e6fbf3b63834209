"""Machine translation: a ``Translator`` protocol, the deep-translator adapter, placeholders, retries.

deep-translator 1.11 is one adapter behind the protocol, used as it is, not forked. Its known
limits are handled here: ``LibreTranslator`` refuses ``uz`` (its built-in list has 17 languages)
so the server's ``/languages`` decides; it wants an API key and a trailing slash on its URL;
no engine sets a time-out, so each call runs under a watchdog; ``translate_batch`` has no
retries and errors surface as raw ``requests`` exceptions or status-less ``ServerException``,
so ``Retrying`` classifies them and retries with backoff and jitter.
"""

from __future__ import annotations

import os
import random
import threading
import time
from typing import Any, Callable, Mapping, Protocol, TypeVar

import requests

from tarjima.mt.settings import NEEDS_KEY, EngineSettings, RetryPolicy

class TransientError(Exception):
    """A failure worth retrying: network error, time-out, HTTP 429 or 5xx."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class EngineError(Exception):
    """The engine cannot go on: retries exhausted (``kind="network"``) or refused (``"refused"``)."""

    def __init__(self, message: str, kind: str = "network") -> None:
        super().__init__(message)
        self.kind = kind


class SegmentError(Exception):
    """The engine refused this one text (too long, no translation); the others can go on."""


class Translator(Protocol):
    """A machine-translation engine, seen through BCP 47 tags."""

    @property
    def name(self) -> str: ...

    def pair(self, source: str, target: str) -> str | None:
        """None if the engine translates ``source`` into ``target``; else why not, in one line."""

    def translate(self, text: str, source: str, target: str) -> str:
        """One text; raises TransientError, SegmentError or EngineError."""


T = TypeVar("T")


class Retrying:
    """A Translator that retries another one's transient failures, then gives up clearly."""

    def __init__(
        self,
        inner: Translator,
        policy: RetryPolicy,
        sleep: Callable[[float], None] = time.sleep,
        on_retry: Callable[[str, float], None] | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self.inner, self.policy, self.sleep, self.on_retry = inner, policy, sleep, on_retry
        self.rng = rng or random.Random()

    @property
    def name(self) -> str:
        return self.inner.name

    def pair(self, source: str, target: str) -> str | None:
        return self._call(lambda: self.inner.pair(source, target))

    def translate(self, text: str, source: str, target: str) -> str:
        return self._call(lambda: self.inner.translate(text, source, target))

    def _call(self, func: Callable[[], T]) -> T:
        for retry in range(self.policy.attempts):
            try:
                return func()
            except TransientError as exc:
                if retry + 1 >= self.policy.attempts:
                    raise EngineError(f"{self.name}: {exc}; gave up after {self.policy.attempts} attempt(s)") from None
                wait = self.policy.delay(retry, exc.retry_after, self.rng)
                if self.on_retry is not None:
                    self.on_retry(f"{self.name}: {exc}", wait)
                self.sleep(wait)
        raise AssertionError("unreachable")


def _watchdog(func: Callable[[], T], timeout: float) -> T:
    """Run ``func`` in a daemon thread and give up after ``timeout`` seconds.

    deep-translator calls ``requests`` without a time-out, so a silent server would hang the
    run; the abandoned thread ends when its request does, and never keeps the process alive.
    Ctrl-C is seen at once, since the main thread only waits on an event.
    """
    values: list[T] = []
    errors: list[BaseException] = []
    done = threading.Event()

    def work() -> None:
        try:
            values.append(func())
        except BaseException as exc:  # handed to the caller below
            errors.append(exc)
        finally:
            done.set()

    threading.Thread(target=work, name="tarjima-mt", daemon=True).start()
    if not done.wait(timeout):
        raise TransientError(f"no answer within {timeout:g} s")
    if errors:
        raise errors[0]
    return values[0]


def _retry_after(response: requests.Response) -> float | None:
    value = response.headers.get("Retry-After", "")
    return float(value) if value.strip().isdigit() else None


class DeepTranslatorAdapter:
    """One deep-translator engine behind the Translator protocol: one attempt per call, classified."""

    def __init__(self, settings: EngineSettings, environ: Mapping[str, str] | None = None) -> None:
        self.settings = settings
        env = os.environ if environ is None else environ
        self._key = env.get(settings.api_key_env, "") if settings.api_key_env else ""
        if settings.name in NEEDS_KEY and not self._key:
            raise EngineError(f"{settings.name} needs an API key: set the environment variable {settings.api_key_env}", kind="refused")
        self._libre_pairs: dict[str, frozenset[str]] | None = None
        self._microsoft: Any = None

    @property
    def name(self) -> str:
        return self.settings.name

    @property
    def where(self) -> str:
        return self.settings.endpoint or self.settings.name

    def _redact(self, text: str) -> str:
        return text.replace(self._key, "***") if self._key else text

    # pairs

    def pair(self, source: str, target: str) -> str | None:
        src, tgt = self.settings.code(source), self.settings.code(target)
        for tag, code in ((source, src), (target, tgt)):
            if code is None:
                return f"{self.name} has no code for {tag}; set one in [tool.tarjima.engines.{self.name}.languages]"
        assert src is not None and tgt is not None
        if self.name == "libre":
            offered = self._libre_languages()
            if src not in offered:
                return f"the LibreTranslate server at {self.where} does not offer {src} ({source}); it offers {', '.join(sorted(offered)) or 'nothing'}"
            if tgt not in offered[src]:
                return f"the LibreTranslate server at {self.where} cannot translate {src} into {tgt}"
            return None
        if self.name == "microsoft":
            engine = self._call(self._microsoft_engine)
            known = set(engine.get_supported_languages(as_dict=True).values())
        else:
            from deep_translator import constants

            table = {"google": constants.GOOGLE_LANGUAGES_TO_CODES, "deepl": constants.DEEPL_LANGUAGE_TO_CODE, "mymemory": constants.MY_MEMORY_LANGUAGES_TO_CODES}
            known = set(table[self.name].values())
        for tag, code in ((source, src), (target, tgt)):
            if code not in known and tag not in self.settings.configured_codes:
                return f"{self.name} does not know the language {code} ({tag})"
        return None

    def _libre_languages(self) -> dict[str, frozenset[str]]:
        """The server's own list (GET /languages): deep-translator's built-in one lacks uz."""
        if self._libre_pairs is None:
            url = self.settings.endpoint + "languages"
            try:
                response = requests.get(url, timeout=self.settings.timeout)
            except requests.Timeout:
                raise TransientError(f"no answer from {self.where} within {self.settings.timeout:g} s") from None
            except requests.RequestException as exc:
                raise TransientError(f"cannot reach {self.where} ({type(exc).__name__})") from None
            if response.status_code == 429 or response.status_code >= 500:
                raise TransientError(f"HTTP {response.status_code} from {url}", _retry_after(response))
            if response.status_code != 200:
                raise EngineError(f"{url} answered HTTP {response.status_code}: is this a LibreTranslate server?", kind="refused")
            try:
                listing = response.json()
                codes = {str(item["code"]) for item in listing}
                self._libre_pairs = {str(item["code"]): frozenset(map(str, item.get("targets", codes))) for item in listing}
            except (ValueError, TypeError, KeyError):
                raise EngineError(f"{url} did not answer with a LibreTranslate language list", kind="refused") from None
        return self._libre_pairs

    # translation

    def _microsoft_engine(self) -> Any:
        if self._microsoft is None:
            from deep_translator import MicrosoftTranslator

            self._microsoft = MicrosoftTranslator(target="en", api_key=self._key, region=self.settings.options.get("region"))
        return self._microsoft

    def _engine(self, source: str, target: str) -> Any:
        """A fresh deep-translator object (an abandoned call may still be using the last one)."""
        import deep_translator as dt

        name, options = self.name, self.settings.options
        if name == "libre":
            # It refuses an empty key and uz (not in its list): construct with en, then set the server's codes.
            engine = dt.LibreTranslator(source="en", target="en", api_key=self._key or "unused", custom_url=self.settings.endpoint)
            engine.api_key = self._key or None
        elif name == "google":
            engine = dt.GoogleTranslator(source="auto", target="en")
        elif name == "deepl":
            engine = dt.DeeplTranslator(source="en", target="en", api_key=self._key, use_free_api=bool(options.get("use_free_api", True)))
        elif name == "mymemory":
            engine = dt.MyMemoryTranslator(source="auto", target="en-GB", email=options.get("email"))
        else:
            engine = self._microsoft_engine()
        engine.source, engine.target = source, target
        return engine

    def translate(self, text: str, source: str, target: str) -> str:
        src, tgt = self.settings.code(source), self.settings.code(target)
        if src is None or tgt is None:
            raise EngineError(f"{self.name} has no code for {source if src is None else target}", kind="refused")
        result = self._call(lambda: self._engine(src, tgt).translate(text))
        if not isinstance(result, str) or not result.strip():
            raise SegmentError(f"{self.name} returned no translation")
        return result

    def _call(self, func: Callable[[], T]) -> T:
        """One attempt, with a time-out, its failure turned into one of our three errors."""
        from deep_translator import exceptions as dx

        try:
            return _watchdog(func, self.settings.timeout)
        except requests.Timeout:
            raise TransientError(f"no answer from {self.where} within {self.settings.timeout:g} s") from None
        except (requests.ConnectionError, ConnectionError):
            raise TransientError(f"cannot reach {self.where} (connection failed)") from None
        except requests.RequestException as exc:
            raise TransientError(f"request to {self.where} failed ({type(exc).__name__})") from None
        except dx.ServerException as exc:
            status = {v: k for k, v in dx.ServerException.errors.items()}.get(str(exc))
            if status is None or status == 429 or status >= 500:  # unknown ones are 502, 504, ...
                raise TransientError(f"HTTP {status or 'error'} from {self.where}") from None
            if status == 413:
                raise SegmentError(f"{self.name} finds the text too long (HTTP 413)") from None
            if status in (400, 422):
                raise SegmentError(f"{self.name} rejected the text (HTTP {status})") from None
            raise EngineError(f"{self.where} answered HTTP {status} ({exc}): check the endpoint and the key in ${self.settings.api_key_env}", kind="refused") from None
        except (dx.TooManyRequests, dx.RequestError):
            raise TransientError(f"{self.name} refused the request (too many requests or server error)") from None
        except dx.AuthorizationException:  # its message holds the key: never shown
            raise EngineError(f"{self.where} refused the API key from ${self.settings.api_key_env}", kind="refused") from None
        except dx.ApiKeyException:
            raise EngineError(f"{self.name} needs an API key: set the environment variable {self.settings.api_key_env}", kind="refused") from None
        except dx.NotValidLength as exc:
            raise SegmentError(f"too long for {self.name} ({self._redact(exc.message)})") from None
        except (dx.TranslationNotFound, dx.NotValidPayload):
            raise SegmentError(f"{self.name} returned no translation") from None
        except dx.MicrosoftAPIerror as exc:
            raise EngineError(f"microsoft: {self._redact(exc.api_message)}", kind="refused") from None
        except dx.LanguageNotSupportedException as exc:
            raise EngineError(f"{self.name}: language not supported ({exc.val})", kind="refused") from None
        except ValueError:  # an answer that is not JSON: a proxy's error page, a half-sent body
            raise TransientError(f"{self.where} sent an answer that is not the engine's") from None
        except (KeyError, IndexError, TypeError):
            raise EngineError(f"{self.where} sent an answer in an unexpected form: is it a {self.name} server?", kind="refused") from None
        except AttributeError:
            if self.name == "microsoft":  # it logs a network error, then calls .json() on None
                raise TransientError("cannot reach microsoft (connection failed)") from None
            raise


def make_translator(
    settings: EngineSettings,
    environ: Mapping[str, str] | None = None,
    sleep: Callable[[float], None] = time.sleep,
    on_retry: Callable[[str, float], None] | None = None,
) -> Retrying:
    """The deep-translator adapter for ``settings``, with its retry policy."""
    return Retrying(DeepTranslatorAdapter(settings, environ), settings.policy, sleep, on_retry)
