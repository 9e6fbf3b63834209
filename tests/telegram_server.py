"""A Telegram Bot API server on 127.0.0.1 for the tests: the methods tarjima calls, its answers and its errors.

It speaks ``sendPhoto`` (multipart, the photo as a file), ``sendMessage``, ``editMessageText``,
``editMessageCaption`` and ``deleteMessage`` under ``/bot<TOKEN>/``, answering as Telegram does
(``{"ok": true, "result": {..., "message_id": N}}``), and refuses as Telegram does: 401 for another
token, 400 for HTML outside Telegram's subset ("can't parse entities"), for a caption over 1,024 or a
text over 4,096 UTF-16 units after entity parsing, for an edit that changes nothing or a message that
is not there. Per test it can answer 429 with ``retry_after``, refuse entities in a text holding a
given string, or post a message and then hold its answer (to kill the client in that window).
"""

from __future__ import annotations

import email.parser
import email.policy
import html.parser
import json
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

TOKEN = "123456:TEST-token"
ALLOWED = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a", "tg-emoji", "code", "pre", "blockquote"}


class Entities(html.parser.HTMLParser):
    """Telegram's HTML parse mode, as far as tarjima uses it: the tags it allows, and the text a reader sees."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.bad: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED or (tag == "a" and [a for a, _ in attrs] != ["href"]):
            self.bad.append(f"Unsupported start tag \"{tag}\"")
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open.pop() != tag:
            self.bad.append(f"Unmatched end tag \"{tag}\"")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse_entities(text: str) -> tuple[str, list[str]]:
    """The text a reader sees, and what Telegram would refuse in the markup."""
    parser = Entities()
    parser.feed(text)
    parser.close()
    if parser.open:
        parser.bad.append(f"Can't find end tag corresponding to start tag \"{parser.open[-1]}\"")
    if re.search(r"<(?!/?[a-z-]+(\s[^<>]*)?>)", text):  # a < that opens no tag: Telegram wants &lt;
        parser.bad.append("Unsupported start tag \"\" at byte offset " + str(text.index("<")))
    if re.search(r"&(?!(lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);)", text):
        parser.bad.append("Character entity expected")
    return "".join(parser.text).strip(), parser.bad


def units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@dataclass
class Call:
    """One request as the server received it."""

    at: float  # time.monotonic() when it arrived
    method: str
    fields: dict[str, str]
    photo: bytes | None = None


@dataclass
class Message:
    chat: str
    message_id: int
    kind: str  # "photo" or "text"
    text: str  # the caption or text, as sent (HTML)
    photo: bytes | None = None
    edits: int = 0


@dataclass
class BotServer:
    """The server, its channels and its controls (each may be changed while it runs)."""

    calls: list[Call] = field(default_factory=list)
    messages: dict[tuple[str, int], Message] = field(default_factory=dict)
    too_many: int = 0  # answer the next N calls 429
    retry_after: int = 1
    waiting_until: float = 0.0  # after a 429: a call before this moment is refused again, as Telegram does (and counted in ``early``)
    early: int = 0
    clock: Any = time.monotonic  # when a call arrives: a test may give the server and the client one clock of its own
    refuse_entities_in: str = ""  # a text holding this is refused: "can't parse entities"
    sent_long_ago: bool = False  # every post is older than Telegram's 48 hours: deleteMessage is refused
    hold_after_posting: str = ""  # a send whose text holds this is posted, then its answer held (until release or 30 s)
    held: threading.Event = field(default_factory=threading.Event)  # set once an answer is being held
    _release: threading.Event = field(default_factory=threading.Event)
    _next_id: dict[str, int] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.05,), name="bot-server", daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def start(self) -> BotServer:
        self._thread.start()
        return self

    def close(self) -> None:
        self._release.set()
        self._httpd.shutdown()
        self._httpd.server_close()

    def posts(self, needle: str = "") -> list[Message]:
        """The messages on every channel (those holding ``needle``), in the order they were posted."""
        return sorted((m for m in self.messages.values() if needle in m.text), key=lambda m: (m.chat, m.message_id))

    def answer(self, method: str, fields: dict[str, str], photo: bytes | None, arrived: float = 0.0) -> tuple[int, dict[str, Any], bool]:
        """(status, JSON answer, hold the answer) for one call."""
        with self._lock:
            early = arrived < self.waiting_until
            if self.too_many > 0 or early:
                self.early += early
                self.too_many = max(0, self.too_many - 1)
                self.waiting_until = arrived + self.retry_after
                return 429, {"ok": False, "error_code": 429, "description": f"Too Many Requests: retry after {self.retry_after}",
                             "parameters": {"retry_after": self.retry_after}}, False
            text = fields.get("caption", fields.get("text", ""))
            if method in ("sendPhoto", "sendMessage", "editMessageText", "editMessageCaption"):
                shown, bad = parse_entities(text)
                if bad or (self.refuse_entities_in and self.refuse_entities_in in text):
                    why = bad[0] if bad else "Unsupported start tag \"x\" at byte offset 3"
                    return 400, refusal(f"Bad Request: can't parse entities: {why}"), False
                limit = 1024 if "caption" in fields else 4096
                if units(shown) > limit:
                    return 400, refusal("Bad Request: message caption is too long" if limit == 1024 else "Bad Request: message is too long"), False
            chat = fields.get("chat_id", "")
            if method in ("sendPhoto", "sendMessage"):
                if method == "sendPhoto" and not photo:
                    return 400, refusal("Bad Request: there is no photo in the request"), False
                number = self._next_id.get(chat, 100) + 1
                self._next_id[chat] = number
                message = Message(chat, number, "photo" if method == "sendPhoto" else "text", text, photo)
                self.messages[(chat, number)] = message
                hold = bool(self.hold_after_posting) and self.hold_after_posting in text
                return 200, {"ok": True, "result": result(message)}, hold
            key = (chat, int(fields.get("message_id", "0") or 0))
            message = self.messages.get(key)
            if method == "deleteMessage":
                if message is None:
                    return 400, refusal("Bad Request: message to delete not found"), False
                if self.sent_long_ago:  # "A message can only be deleted if it was sent less than 48 hours ago" (the Bot API's deleteMessage)
                    return 400, refusal("Bad Request: message can't be deleted"), False
                del self.messages[key]
                return 200, {"ok": True, "result": True}, False
            if method in ("editMessageText", "editMessageCaption"):
                if message is None:
                    return 400, refusal("Bad Request: message to edit not found"), False
                if (message.kind == "photo") != (method == "editMessageCaption"):
                    return 400, refusal("Bad Request: there is no text in the message to edit" if message.kind == "photo" else "Bad Request: there is no caption in the message to edit"), False
                if message.text == text:
                    return 400, refusal("Bad Request: message is not modified: specified new message content and reply markup are exactly the same"), False
                message.text, message.edits = text, message.edits + 1
                return 200, {"ok": True, "result": result(message)}, False
            return 404, refusal("Not Found"), False

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                arrived = server.clock()
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                parts = self.path.strip("/").split("/")
                if len(parts) != 2 or parts[0] != f"bot{TOKEN}":
                    self.reply(401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
                    return
                fields, photo = read_body(self.headers.get("Content-Type", ""), body)
                server.calls.append(Call(arrived, parts[1], fields, photo))
                status, answer, hold = server.answer(parts[1], fields, photo, arrived)
                if hold:
                    server.held.set()
                    server._release.wait(30)
                self.reply(status, answer)

            def reply(self, status: int, answer: dict[str, Any]) -> None:
                data = json.dumps(answer).encode("utf-8")
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):  # the client was killed while its answer was held
                    pass

        return Handler


def refusal(description: str) -> dict[str, Any]:
    return {"ok": False, "error_code": 400, "description": description}


def result(message: Message) -> dict[str, Any]:
    found: dict[str, Any] = {"message_id": message.message_id, "chat": {"id": -1001, "type": "channel"}, "date": 1765000000}
    if message.kind == "photo":
        found.update(photo=[{"file_id": "x", "width": 1200, "height": 630}], caption=message.text)
    else:
        found["text"] = message.text
    return found


def read_body(kind: str, body: bytes) -> tuple[dict[str, str], bytes | None]:
    """The fields of a JSON or multipart/form-data body, and the uploaded photo's bytes."""
    if kind.startswith("application/json"):
        return {k: str(v) for k, v in json.loads(body).items()}, None
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(f"Content-Type: {kind}\r\n\r\n".encode("latin-1") + body)
    fields: dict[str, str] = {}
    photo = None
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        data = part.get_payload(decode=True)
        if part.get_filename():
            photo = data
        elif isinstance(name, str) and isinstance(data, bytes):
            fields[name] = data.decode("utf-8")
    return fields, photo
