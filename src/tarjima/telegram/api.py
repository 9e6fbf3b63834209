"""The Bot API over HTTP (urllib, no dependency): one method call, a photo by multipart upload, 429 waited out.

Three ways a call can end besides its result: :class:`Refused` (Telegram answered ``ok: false``:
nothing was done), :class:`Unreachable` (the connection was never made: nothing was sent) and
:class:`Uncertain` (the request went out and no answer came back: Telegram may have done it).
No message or error of this module holds the token.
"""

from __future__ import annotations

import http.client
import json
import socket
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping

RETRIES = 5  # 429 answers waited out per call, then the call is refused


class Refused(Exception):
    """Telegram's ``ok: false`` answer: its code and description (as "Bad Request: can't parse entities: …")."""

    def __init__(self, code: int, description: str) -> None:
        super().__init__(f"{code} {description}")
        self.code, self.description = code, description


class Unreachable(Exception):
    """No connection: the request was not sent."""


class Uncertain(Exception):
    """The request went out and no answer came: whether Telegram acted is unknown."""


@dataclass
class Client:
    """Calls to one bot at one API address; ``sleep`` waits out a 429 (``retry_after`` seconds)."""

    api: str
    token: str
    sleep: Callable[[float], None] = time.sleep
    timeout: float = 60.0
    waited: list[float] = field(default_factory=list)  # each 429's wait, in order

    def call(self, method: str, fields: Mapping[str, str], photo: Path | None = None) -> dict[str, Any]:
        """Call ``method`` with ``fields`` (and ``photo`` uploaded as the field ``photo``); its ``result``."""
        for attempt in range(RETRIES + 1):
            status, answer = self.once(method, fields, photo)
            if answer.get("ok") is True and isinstance(answer.get("result"), (dict, bool)):
                result = answer["result"]
                return result if isinstance(result, dict) else {}
            code = int(answer.get("error_code") or status)
            parameters = answer.get("parameters") if isinstance(answer.get("parameters"), dict) else {}
            retry_after = parameters.get("retry_after") if isinstance(parameters, dict) else None
            if code == 429 and isinstance(retry_after, (int, float)) and attempt < RETRIES:
                self.waited.append(float(retry_after))
                self.sleep(float(retry_after))
                continue
            if code >= 500:  # a server or proxy failing after the request arrived
                raise Uncertain(f"{method}: the Bot API answered {code}")
            raise Refused(code, str(answer.get("description") or f"HTTP {status}"))
        raise AssertionError("unreachable")  # the loop returns or raises

    def once(self, method: str, fields: Mapping[str, str], photo: Path | None) -> tuple[int, dict[str, Any]]:
        url = f"{self.api}/bot{self.token}/{method}"
        if photo is None:
            body, kind = json.dumps(dict(fields)).encode("utf-8"), "application/json"
        else:
            body, kind = multipart(fields, photo)
        request = urllib.request.Request(url, data=body, headers={"Content-Type": kind}, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                status, raw = response.status, response.read()
        except urllib.error.HTTPError as exc:  # Telegram's errors come with a JSON body
            status, raw = exc.code, exc.read()
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, (ConnectionRefusedError, socket.gaierror)):
                raise Unreachable(f"cannot connect to {self.api}: {exc.reason}") from None
            raise Uncertain(f"{method}: no answer from {self.api}: {exc.reason}") from None
        except (TimeoutError, ConnectionError, http.client.HTTPException) as exc:
            raise Uncertain(f"{method}: no answer from {self.api}: {exc or type(exc).__name__}") from None
        try:
            answer = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            answer = None
        if not isinstance(answer, dict):
            if status >= 500 or 200 <= status < 300:
                raise Uncertain(f"{method}: the Bot API's answer ({status}) is not JSON")
            return status, {"ok": False, "error_code": status, "description": f"HTTP {status}: not an answer of the Bot API (is {self.api} the Bot API?)"}
        return status, answer


def multipart(fields: Mapping[str, str], photo: Path) -> tuple[bytes, str]:
    """A multipart/form-data body of text fields and one JPEG file, and its content type."""
    boundary = uuid.uuid4().hex
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode("utf-8") for name, value in fields.items()]
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="photo"; filename="{photo.name}"\r\nContent-Type: image/jpeg\r\n\r\n'.encode("utf-8")
                 + photo.read_bytes() + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode("ascii"))
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"
