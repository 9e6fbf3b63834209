"""What `tarjima serve` tells an open page: the state answer, on a real server on 127.0.0.1 (no browser)."""

from __future__ import annotations

import json
import threading
import time
import urllib.request
from pathlib import Path

from tarjima import serve

GIVE_UP = 30.0  # how long a test waits for a question to reach the server; not a speed promise


def ask(base: str) -> dict[str, object]:
    with urllib.request.urlopen(base + serve.STATE.lstrip("/"), timeout=GIVE_UP) as answer:
        return json.loads(answer.read())


def test_a_question_asked_during_a_rebuild_is_answered_with_its_outcome(tmp_path: Path) -> None:
    """The page learns of the rebuild when it ends, not at its next question; while nothing is built, it is answered at once."""
    (tmp_path / "index.html").write_text("<!DOCTYPE html><title>x</title><body></body>", encoding="utf-8")
    live = serve.Live()
    server = serve.start(tmp_path, 0, live)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        assert ask(base)["build"] == 0  # idle: answered at once (a held answer would time this out)
        live.building()
        answers: list[dict[str, object]] = []
        asking = threading.Thread(target=lambda: answers.append(ask(base)))
        asking.start()
        deadline = time.monotonic() + GIVE_UP
        while live.held == 0 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert live.held == 1, "the question never reached the server"
        assert answers == []  # held while the rebuild runs
        live.finished([])
        asking.join(GIVE_UP)
        assert answers == [{"server": live.state.server, "build": 1, "errors": []}]

        live.building()
        refused = threading.Thread(target=lambda: answers.append(ask(base)))
        refused.start()
        while live.held == 0 and time.monotonic() < deadline:
            time.sleep(0.01)
        live.finished(["content/x.md:4: `date` is not a date"])
        refused.join(GIVE_UP)
        assert answers[-1]["build"] == 1 and answers[-1]["errors"] == ["content/x.md:4: `date` is not a date"]
        assert live.held == 0
    finally:
        server.shutdown()
