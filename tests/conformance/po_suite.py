"""Real PO catalogues through tarjima's reader, writer and counters, with GNU gettext as the oracle.

For each catalogue: does ``msgfmt -c`` accept it; does tarjima's strict reader read it; is a
file that ``msgcat`` normalised (``msgcat F -o N``) written back by tarjima byte for byte; do
tarjima's counts (strict, as ``status`` computes them, and the quick tally) equal
``msgfmt --statistics``. Files are handled on several threads: the work is in GNU's processes.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Sequence

from . import adapter
from .fetch import PoFile

Counts = tuple[int, int, int]
ENV = {**os.environ, "LC_ALL": "C"}  # GNU's messages in English, for parsing --statistics
STATISTICS_RE = re.compile(r"(\d+) (translated|fuzzy|untranslated)")


class ToolMissing(RuntimeError):
    """A GNU gettext tool is not installed."""


def gnu(*args: str, input: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run a GNU gettext tool."""
    if shutil.which(args[0]) is None:
        raise ToolMissing(f"{args[0]} is not installed: apt-get install gettext")
    return subprocess.run(args, input=input, capture_output=True, env=ENV, check=False)


def statistics(stderr: bytes) -> Counts:
    """The three numbers of ``msgfmt --statistics`` (a kind it leaves out is 0)."""
    found = {kind: int(n) for n, kind in STATISTICS_RE.findall(stderr.decode("utf-8", "replace"))}
    return found.get("translated", 0), found.get("fuzzy", 0), found.get("untranslated", 0)


def first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else ""


def first_difference(a: bytes, b: bytes) -> str:
    """Where two files first differ, as 'line N: expected ... got ...'."""
    left, right = a.decode("utf-8", "replace").split("\n"), b.decode("utf-8", "replace").split("\n")
    for number, (x, y) in enumerate(zip(left, right), start=1):
        if x != y:
            return f"line {number}: GNU {x[:70]!r}, tarjima {y[:70]!r}"
    return f"length: GNU {len(left)} lines, tarjima {len(right)} lines"


@dataclass(frozen=True)
class PoOutcome:
    """What happened to one catalogue."""

    name: str
    gnu_error: str  # msgfmt -c's first complaint; "" when it accepts the file
    read_error: str  # tarjima's strict reader's error; "" when it reads the file
    roundtrip: str  # "" when tarjima writes msgcat's normalised file back byte for byte, else where it differs
    gnu_counts: Counts
    strict: Counts | None  # None when tarjima could not read the file
    status: Counts | None
    quick: Counts | None  # None when the quick tally declines the file

    @property
    def accepted(self) -> bool:
        return not self.gnu_error

    @property
    def read(self) -> bool:
        return not self.read_error


def check_file(po: PoFile, scratch: Path) -> PoOutcome:
    """Every check on one catalogue; ``scratch`` is a folder for msgcat's output."""
    data = po.path.read_bytes()
    done = gnu("msgfmt", "-c", "--statistics", "-o", os.devnull, str(po.path))
    gnu_error = "" if done.returncode == 0 else first_line(done.stderr.decode("utf-8", "replace"))
    if gnu_error:  # -c refused: count without the checks
        done = gnu("msgfmt", "--statistics", "-o", os.devnull, str(po.path))
    gnu_counts = statistics(done.stderr)
    try:
        strict = adapter.strict_counts(data, po.name)
        read_error = ""
    except adapter.InputError as exc:
        strict, read_error = None, str(exc)
    try:
        status = adapter.status_counts(data, po.name)
        quick = adapter.quick_counts(data, po.name)
    except adapter.InputError:
        status = quick = None
    normalised = scratch / (po.name.replace("/", "_"))
    roundtrip = "msgcat failed"
    if gnu("msgcat", str(po.path), "-o", str(normalised)).returncode == 0:
        expected = normalised.read_bytes()
        try:
            written = adapter.roundtrip_po(expected, po.name)
            roundtrip = "" if written == expected else first_difference(expected, written)
        except adapter.InputError as exc:
            roundtrip = f"tarjima cannot read msgcat's output: {exc}"
        normalised.unlink()
    return PoOutcome(po.name, gnu_error, read_error, roundtrip, gnu_counts, strict, status, quick)


def run(files: Iterable[PoFile], workers: int | None = None) -> tuple[PoOutcome, ...]:
    """Check every catalogue."""
    with tempfile.TemporaryDirectory(prefix="tarjima-conformance-") as tmp:
        with ThreadPoolExecutor(max_workers=workers or min(8, (os.cpu_count() or 2) * 2)) as pool:
            return tuple(pool.map(lambda po: check_file(po, Path(tmp)), files))


Check = tuple[str, Callable[[PoOutcome], bool], Callable[[PoOutcome], bool]]  # (name, applies to, passes)
CHECKS: tuple[Check, ...] = (
    ("msgfmt -c accepts", lambda o: True, lambda o: o.accepted),
    ("tarjima reads what msgfmt accepts", lambda o: o.accepted, lambda o: o.read),
    ("msgcat-normalised file written back byte for byte", lambda o: o.roundtrip != "msgcat failed", lambda o: not o.roundtrip),
    ("strict counts = msgfmt --statistics", lambda o: o.accepted, lambda o: o.strict == o.gnu_counts),
    ("status counts = msgfmt --statistics", lambda o: o.accepted, lambda o: o.status == o.gnu_counts),
    ("quick tally taken", lambda o: o.accepted, lambda o: o.quick is not None),
    ("quick tally = msgfmt --statistics (where taken)", lambda o: o.quick is not None, lambda o: o.quick == o.gnu_counts),
)


def rates(outcomes: Sequence[PoOutcome]) -> list[tuple[str, int, int]]:
    """(check, passed, applicable) for each check."""
    return [(name, sum(1 for o in outcomes if applies(o) and passes(o)), sum(1 for o in outcomes if applies(o))) for name, applies, passes in CHECKS]


def failures(outcomes: Sequence[PoOutcome], check: str) -> list[PoOutcome]:
    """The outcomes that fail one named check."""
    _, applies, passes = next(c for c in CHECKS if c[0] == check)
    return [o for o in outcomes if applies(o) and not passes(o)]


def reasons(outcomes: Sequence[PoOutcome]) -> Counter[str]:
    """Distinct failure reasons over all checks, with how many files show each."""
    found: Counter[str] = Counter()
    for o in outcomes:
        if o.accepted and o.read_error:
            found["read: " + re.sub(r"^.*?:\d+: ", "", o.read_error).split(" (")[0]] += 1
        if o.roundtrip and o.roundtrip != "msgcat failed":
            found["write-back differs from msgcat"] += 1
        if o.accepted and o.strict is not None and o.strict != o.gnu_counts:
            found["strict counts differ from msgfmt"] += 1
        if o.accepted and o.status is not None and o.status != o.gnu_counts:
            found["status counts differ from msgfmt"] += 1
    return found


def blocks(data: bytes) -> list[bytes]:
    """A PO file's entries as GNU writes them: blocks between blank lines (the header first)."""
    return [b for b in data.split(b"\n\n") if b.strip()]


def minimal_repro(path: Path) -> bytes | None:
    """The shortest header-plus-one-entry PO, cut from a file, that msgcat and tarjima write differently."""
    normalised = gnu("msgcat", str(path)).stdout
    parts = blocks(normalised)
    if not parts:
        return None
    header, found = parts[0], []
    for block in parts[1:]:
        mini = header + b"\n\n" + block + b"\n"
        expected = gnu("msgcat", "-", input=mini).stdout
        try:
            if adapter.roundtrip_po(expected, "repro.po") != expected:
                found.append(block + b"\n")
        except adapter.InputError:
            found.append(block + b"\n")
    return min(found, key=len) if found else None


def scripts(text: str) -> list[str]:
    """The scripts of the letters beyond ASCII in a text, by Unicode name (CJK, HIRAGANA, KANNADA...)."""
    import unicodedata

    names = Counter(unicodedata.name(ch, "?").split()[0] for ch in text if ord(ch) > 0x7F and (ch.isalpha() or unicodedata.category(ch).startswith("M")))
    return [name for name, _ in names.most_common()]
