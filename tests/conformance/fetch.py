"""Real-world input for the conformance harness, fetched from the package registries and cached.

Nothing here is written by hand or committed: the CommonMark spec's examples come from the
``commonmark`` sdist (``spec.txt``), the PO catalogues from Django's sdists. Each sdist is
downloaded once with ``pip download`` into ``~/.cache/tarjima-conformance/`` (or
``$TARJIMA_CONFORMANCE_CACHE``); its wanted members are unpacked next to it, and a marker file,
written last, says the unpacking finished. One process at a time fetches (``tests/cache_lock.py``).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from cache_lock import fills  # the suite's processes share the cache

COMMONMARK = ("commonmark", "0.9.1")  # ships spec.txt, CommonMark 0.29, at commonmark-0.9.1/spec.txt
DJANGO_NEW = ("Django", "5.2.8")
DJANGO_OLD = ("Django", "4.2.26")
# Each sdist's sha256, checked by pip (--require-hashes): the bytes the pass rates were measured on.
SDIST_SHA256 = {
    ("commonmark", "0.9.1"): "452f9dc859be7f06631ddcb328b6919c67984aca654e5fefb3914d54691aed60",
    ("Django", "5.2.8"): "23254866a5bb9a2cfa6004e8b809ec6246eba4b58a7589bc2772f1bcc8456c7f",
    ("Django", "4.2.26"): "9398e487bcb55e3f142cb56d19fbd9a83e15bb03a97edc31f408361ee76d9d7a",
}
CATALOG_RE = re.compile(r"^[^/]+/(django/(?:.+/)?locale/([^/]+)/LC_MESSAGES/(django|djangojs)\.po)$")


class FetchError(RuntimeError):
    """A download or unpacking failed; the message is one line that says what to do."""


def cache_dir() -> Path:
    """Where the sdists and their unpacked members are kept."""
    configured = os.environ.get("TARJIMA_CONFORMANCE_CACHE")
    return Path(configured) if configured else Path.home() / ".cache" / "tarjima-conformance"


@fills(cache_dir)
def sdist(name: str, version: str) -> Path:
    """The sdist of ``name==version``, downloaded with pip on first use."""
    folder = cache_dir() / "sdists"
    found = sorted(folder.glob(f"{name.lower()}-{version}.tar.gz")) if folder.exists() else []
    if found:
        return found[0]
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=folder) as tmp:
        pinned = Path(tmp) / "pinned.txt"
        pinned.write_text(f"{name}=={version} --hash=sha256:{SDIST_SHA256[(name, version)]}\n", encoding="utf-8")
        # --no-build-isolation: pip reads the sdist's metadata with the locked setuptools of this
        # environment, instead of installing the newest one from PyPI into a build environment.
        command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:", "--no-build-isolation",
                   "--require-hashes", "-r", str(pinned), "-d", tmp]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise FetchError(f"pip download {name}=={version} failed ({exc}); check the connection to PyPI") from None
        archives = sorted(Path(tmp).glob("*.tar.gz"))
        if done.returncode != 0 or not archives:
            reason = next((line for line in reversed(done.stderr.splitlines()) if line.startswith("ERROR")), f"exit status {done.returncode}")
            raise FetchError(f"pip download {name}=={version} failed: {reason}; check the connection to PyPI or the cache {folder}")
        target = folder / archives[0].name.lower()
        os.replace(archives[0], target)
    return target


@fills(cache_dir)
def unpacked(name: str, version: str, wanted: re.Pattern[str]) -> Path:
    """The members of an sdist whose names match ``wanted``, unpacked once under the cache."""
    root = cache_dir() / f"{name.lower()}-{version}"
    marker = root / ".complete"
    if marker.exists():
        return root
    archive = sdist(name, version)
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    try:
        count = 0
        with tarfile.open(archive, "r|gz") as tar:  # one pass over the stream
            for member in tar:
                if not (member.isfile() and wanted.match(member.name)):
                    continue
                path = root / member.name.split("/", 1)[1]
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(tar.extractfile(member).read())  # type: ignore[union-attr]
                count += 1
        if not count:
            raise FetchError(f"{archive} holds no file matching {wanted.pattern}; delete it to download it again")
    except (tarfile.TarError, OSError) as exc:
        raise FetchError(f"cannot unpack {archive} ({exc}); delete it to download it again") from None
    marker.write_text("ok\n")
    return root


# CommonMark spec examples -------------------------------------------------------------------

FENCE = "`" * 32
EXAMPLE_RE = re.compile(rf"^{FENCE} example\n(.*?)^\.\n(.*?)^{FENCE}$", re.M | re.S)
HEADING_RE = re.compile(r"^#{1,6} +(.+?)\s*$", re.M)


@dataclass(frozen=True)
class Example:
    """One example of the CommonMark spec: its Markdown and the HTML the spec gives."""

    number: int
    section: str
    markdown: str
    html: str
    line: int  # in spec.txt


def spec_text() -> str:
    """spec.txt of the commonmark sdist."""
    root = unpacked(*COMMONMARK, re.compile(r"^[^/]+/spec\.txt$"))
    return (root / "spec.txt").read_text(encoding="utf-8")


def parse_examples(text: str) -> list[Example]:
    """The examples of a spec text, numbered from 1, each with its section heading."""
    body = text.split("<!-- END TESTS -->", 1)[0]
    prose = EXAMPLE_RE.sub(lambda m: "\n" * m.group(0).count("\n"), body)  # headings inside examples are not sections
    headings = [(m.start(), m.group(1)) for m in HEADING_RE.finditer(prose)]
    examples = []
    for number, match in enumerate(EXAMPLE_RE.finditer(body), start=1):
        line = body.count("\n", 0, match.start()) + 1
        section = next((title for at, title in reversed(headings) if prose.count("\n", 0, at) + 1 < line), "")
        unescape = lambda s: s.replace("\u2192", "\t")  # noqa: E731 (the spec writes tabs as →)
        examples.append(Example(number, section, unescape(match.group(1)), unescape(match.group(2)), line))
    return examples


@lru_cache(maxsize=1)
def spec_examples() -> tuple[Example, ...]:
    """Every example of the CommonMark spec shipped with the commonmark sdist."""
    examples = parse_examples(spec_text())
    if len(examples) < 600:
        raise FetchError(f"only {len(examples)} examples found in spec.txt; the spec's layout changed")
    return tuple(examples)


# Django's PO catalogues -------------------------------------------------------------------------


@dataclass(frozen=True)
class PoFile:
    """One catalogue of an sdist: where it is on disk, and its name inside the package."""

    path: Path
    name: str  # e.g. "django/contrib/admin/locale/ru/LC_MESSAGES/djangojs.po"
    locale: str
    domain: str  # "django" or "djangojs"

    @property
    def key(self) -> str:
        """The catalogue's identity across versions."""
        return self.name


def django_catalogs(version: str) -> tuple[PoFile, ...]:
    """Every django.po and djangojs.po of a Django sdist, sorted by name."""
    root = unpacked("Django", version, CATALOG_RE)
    files = []
    for path in sorted(root.rglob("*.po")):
        name = path.relative_to(root).as_posix()
        match = CATALOG_RE.match("x/" + name)
        if match:
            files.append(PoFile(path, name, match.group(2), match.group(3)))
    if len(files) < 100:
        raise FetchError(f"only {len(files)} catalogues unpacked from Django {version}; delete {root} to unpack again")
    return tuple(files)
