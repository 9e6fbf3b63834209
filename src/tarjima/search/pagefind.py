"""The search index, made by Pagefind's binary (the ``pagefind-bin`` wheel) from the records of the public site.

tarjima speaks Pagefind's service protocol itself (``pagefind --service``: base64 JSON messages
ended by a comma, on its standard input and output), as the ``pagefind`` package's
``PagefindIndex`` does, but writes every request at once and reads the answers as they come:
``PagefindIndex`` waits a tenth of a second before reading each answer, eight minutes for an
archive of 5,000 pages. The index comes back in memory (``GetFiles``), for the build to write
into the folder it swaps in, like every other file of the site.
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from tarjima.errors import InputError
from tarjima.search.pages import Record

SETTING = "[tool.tarjima.site] search"
ENTRY = "pagefind-entry.json"  # the bundle's table of languages
# Pagefind's own search interfaces and playground: the search page has its own (search.js)
UNUSED = ("pagefind-ui", "pagefind-component-ui", "pagefind-modular-ui", "pagefind-highlight", "playground/")


def binary() -> Path:
    """Pagefind's executable: the one the ``pagefind`` package finds (PAGEFIND_BINARY_PATH, the wheel, PATH)."""
    try:
        from pagefind.service import get_executable
    except ImportError:
        found = None
    else:
        found = get_executable()
    if found is None:
        raise InputError(SETTING, "search is on, but Pagefind is not installed", "pip install 'pagefind[bin]' (tarjima's requirements.txt pins it), or set search = false")
    return found


@dataclass
class Index:
    """What Pagefind made: the bundle's files by path (under ``pagefind/``), and the pages each language holds."""

    files: dict[str, bytes]
    pages: dict[str, int]


def message(number: int, payload: dict[str, object]) -> bytes:
    return base64.b64encode(json.dumps({"message_id": number, "payload": payload}).encode("utf-8")) + b","


def make_index(records: Sequence[Record], folder: str) -> Index:
    """The Pagefind bundle of ``records``, its files' paths under ``folder``; bad input if Pagefind fails."""
    requests = [message(1, {"type": "NewIndex", "config": None})]
    for number, r in enumerate(records, start=2):
        requests.append(message(number, {"type": "AddRecord", "index_id": 0, "url": r.url, "content": r.content, "language": r.language,
                                         "meta": r.meta, "filters": None, "sort": None}))
    requests.append(message(len(requests) + 1, {"type": "GetFiles", "index_id": 0}))
    with tempfile.TemporaryFile() as errors:
        proc = subprocess.Popen([str(binary()), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errors)
        assert proc.stdin is not None and proc.stdout is not None

        def send() -> None:
            assert proc.stdin is not None
            try:
                for request in requests:
                    proc.stdin.write(request)
                proc.stdin.flush()
            except BrokenPipeError:
                pass  # Pagefind stopped: its answers say why

        writer = threading.Thread(target=send, daemon=True)
        writer.start()
        answers: list[dict[str, object]] = []
        buffer = b""
        while len(answers) < len(requests):
            chunk = os.read(proc.stdout.fileno(), 1 << 20)
            if not chunk:
                break
            *done, buffer = (buffer + chunk).split(b",")
            for raw in done:
                payload = json.loads(base64.b64decode(raw)).get("payload") or {}
                if payload.get("type") == "Error":
                    proc.kill()
                    proc.wait()
                    raise InputError(SETTING, f"Pagefind refused the index: {payload.get('message')}", "report it with the page named, or set search = false")
                answers.append(payload)
        writer.join()
        try:
            proc.stdin.close()
        except BrokenPipeError:
            pass  # Pagefind stopped: what it said is read below
        proc.wait()
        if len(answers) < len(requests):
            errors.seek(0)
            said = errors.read().decode("utf-8", "replace").strip().splitlines()
            raise InputError(SETTING, f"Pagefind stopped before the index was made ({said[-1] if said else f'exit status {proc.returncode}'})",
                             "run the build again; if it fails the same way, set search = false and report it")
    pages: dict[str, int] = {}
    for r in records:
        pages[r.language] = pages.get(r.language, 0) + 1
    got = answers[-1].get("files")
    assert isinstance(got, list)
    files = {f"{folder}/{f['path']}": base64.b64decode(f["content"]) for f in got if not str(f["path"]).startswith(UNUSED)}
    entry = f"{folder}/{ENTRY}"
    if entry in files:
        files[entry] = sorted_entry(files[entry])
    return Index(files=files, pages=pages)


def sorted_entry(data: bytes) -> bytes:
    """Pagefind's entry file with its languages in one order (Pagefind writes them in its hash map's, which changes
    from run to run): the same pages give the same bytes, so an unchanged index is not written again."""
    entry = json.loads(data)
    entry["languages"] = dict(sorted(entry.get("languages", {}).items()))
    return json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
