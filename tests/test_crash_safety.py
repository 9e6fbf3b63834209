"""Crash safety (issue 13, item 8): update and build killed with SIGKILL at seeded moments.

A project of 30 reports (English sources, complete uz-Latn and ru catalogues, a built site) is
changed: a paragraph edited in a third of the reports, one added in another third, a Russian
translation edited in the rest. An uninterrupted ``update`` gives the new catalogues; from them
and the old site, an uninterrupted ``build`` (incremental, the everyday one) and ``build --full``
give the new site. Then, for each command and each of 20 seeds, the command runs on a fresh copy
of the state it starts from and is killed:

- the moment is drawn by the seed among the file-system changes the command makes (every open
  for writing, rename, replace, unlink, link, mkdir, rmdir, fsync, chmod), counted in an uninterrupted
  run: the process sends SIGKILL to its own process group just before that change. SIGKILL is
  real (no ``finally``, no ``atexit``), and the moment is the same on every run, so a failure is
  not a matter of luck with a timer and reproduces from its seed. The hooks wrap ``os``
  and ``io.open`` around ``python -m tarjima`` and do not touch tarjima itself.
- after the kill, every catalogue and template is byte for byte either the old or the new one
  (no half-written file, nothing missing); site/ and its desk/ are each as a whole either the old
  or the new one, and the public site is never new while its desk is old (the desk is swapped in first);
- the next run completes and leaves exactly what the uninterrupted run left (every file outside
  .tarjima-cache/ but the build's marker, stray temporary files included).

Each command's 20 moments are one test (about 15 s). The incremental build passes because it
writes into the site's twin and swaps it in (tarjima.site.output.twin); the full build, because it
swaps in a fresh folder.

The projects live on a tmpfs when there is one: a kill loses nothing in memory that a disk would
keep, so what is tested is the order of renames, not the durability of fsync against power loss.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pytest

pytestmark = pytest.mark.slow  # each command killed at every one of its writes

SEEDS = range(20)
REPORTS = 30
EPOCH = "1733011200"  # SOURCE_DATE_EPOCH: the dates tarjima writes are the same on every run
BACKDATED = 1_733_011_200 * 10**9  # the old state's files, as if written long ago (none "racily clean")
CACHE = ".tarjima-cache"
CONFIG = 'languages = ["uz-Latn", "ru", "en"]\ndefault_language = "uz-Latn"\nbase_url = "https://example.org/news/"\nhold_check_errors = false\n'  # translations are marked sources

# Runs ``python -m tarjima ARGS`` and sends SIGKILL to its process group just before the
# CRASH_AT-th change to the file system (0: never); CRASH_COUNT names a file that receives how
# many changes an uninterrupted run made.
HOOKED = r'''
import io, os, runpy, shutil, signal, sys, tempfile
at, changes, real_open = int(os.environ["CRASH_AT"]), [0], io.open
def change():
    changes[0] += 1
    if changes[0] == at:
        os.killpg(0, signal.SIGKILL)
def hook(function, changes_something=lambda *a, **k: True):
    def hooked(*args, **kwargs):
        if changes_something(*args, **kwargs):
            change()
        return function(*args, **kwargs)
    return hooked
WRITING = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
os.open = hook(os.open, lambda path, flags, *a, **k: bool(flags & WRITING))
for name in ("replace", "rename", "unlink", "remove", "link", "rmdir", "mkdir", "fsync", "chmod"):
    setattr(os, name, hook(getattr(os, name)))
io.open = hook(io.open, lambda file, mode="r", *a, **k: any(c in mode for c in "wax+"))
count = os.environ.get("CRASH_COUNT")
if count:
    import atexit
    atexit.register(lambda: real_open(count, "w").write(str(changes[0])))
sys.argv = ["tarjima", *sys.argv[1:]]
runpy.run_module("tarjima", run_name="__main__", alter_sys=True)
'''


def tarjima(root: Path, *args: str, crash_at: int = 0, count: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run tarjima on root in its own process group, killed before its crash_at-th change to the file system."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "CRASH_AT": str(crash_at), "CRASH_COUNT": str(count or "")}
    return subprocess.run([sys.executable, "-c", HOOKED, "--root", str(root), *args], capture_output=True, text=True,
                          env=env, cwd=root, start_new_session=True, check=False, timeout=120)


# The build's marker holds a key over the stamps (inode, time) of the files it was built from, so
# it differs between any two copies of a project; it is bookkeeping, not a page, and left out.
MARKERS = ("site/.tarjima-build", "desk/.tarjima-build")  # the public site's and its desk's (site.output.folders)


def files(root: Path) -> dict[str, str]:
    """Every file outside tarjima's cache (the build's marker aside), with a hash of its bytes."""
    return {rel: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()
            for rel in [p.relative_to(root).as_posix()] if CACHE not in p.relative_to(root).parts and rel not in MARKERS}


def report(i: int) -> str:
    return (f"---\ntitle: Report number {i}\ndate: 2024-{1 + i % 12:02d}-{1 + i % 28:02d}\nlang: en\nsummary: The lead of report {i}.\n---\n\n"
            f"The first paragraph of report {i}.\n\nThe second paragraph of report {i}.\n\nThe third paragraph of report {i}.\n")


def translate(po: Path, lang: str) -> None:
    """Fill every empty single-line msgstr (the reports' entries are all single-line)."""
    mark = {"ru": "Перевод", "uz_Latn": "Tarjima"}[lang]
    lines = po.read_text(encoding="utf-8").split("\n")
    for n in range(1, len(lines)):
        if lines[n] == 'msgstr ""' and lines[n - 1].startswith('msgid "') and lines[n - 1] != 'msgid ""':
            lines[n] = f'msgstr "{mark}: {lines[n - 1][7:-1]}"'
    po.write_text("\n".join(lines), encoding="utf-8")


def backdate(root: Path) -> None:
    for path in root.rglob("*"):
        if path.is_file() and CACHE not in path.relative_to(root).parts:
            os.utime(path, ns=(BACKDATED, BACKDATED))


def change(root: Path) -> None:
    """The editors' and translators' changes that the killed command is to take in."""
    for i in range(REPORTS):
        source = root / f"content/r{i:02d}.md"
        if i % 3 == 0:
            source.write_text(report(i).replace("The second paragraph", "The edited second paragraph"), encoding="utf-8")
        elif i % 3 == 1:
            source.write_text(report(i) + f"\nA fourth paragraph of report {i}.\n", encoding="utf-8")
        else:
            po = root / f"locales/ru/LC_MESSAGES/r{i:02d}.po"
            po.write_text(po.read_text(encoding="utf-8").replace("Перевод: The third", "Перевод, исправленный: The third"), encoding="utf-8")


COMMANDS = {"update": ("update",), "build": ("build", "--out", "site"), "build --full": ("build", "--out", "site", "--full")}


@dataclass(frozen=True)
class States:
    """The state each command starts from, and what an uninterrupted run of it leaves."""

    start: dict[str, Path]  # command -> a project to copy for each run
    after: dict[str, dict[str, str]]  # command -> every file after its uninterrupted run
    changes: dict[str, int]  # command -> how many file-system changes its uninterrupted run made


def copy(src: Path, dest: Path) -> Path:
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(src, dest, symlinks=True)
    return dest


@pytest.fixture(scope="module")
def work() -> Iterator[Path]:
    shm = Path("/dev/shm")
    folder = Path(tempfile.mkdtemp(prefix="tarjima-crash-", dir=shm if shm.is_dir() and os.access(shm, os.W_OK) else None))
    yield folder
    shutil.rmtree(folder)


@pytest.fixture(scope="module")
def states(work: Path) -> States:
    """Every project is made and run in work/run, then kept aside: a build finds its manifest by the output folder's path."""
    run = work / "run"
    (run / "content").mkdir(parents=True)
    (run / "tarjima.toml").write_text(CONFIG, encoding="utf-8")
    for i in range(REPORTS):
        (run / f"content/r{i:02d}.md").write_text(report(i), encoding="utf-8")
    assert tarjima(run, "update").returncode == 0
    for po in run.glob("locales/*/LC_MESSAGES/*.po"):
        translate(po, po.parent.parent.name)
    for args in (("update",), COMMANDS["build"]):
        done = tarjima(run, *args)
        assert done.returncode == 0, done.stderr
    backdate(run)
    for args in (("update",), COMMANDS["build"], ("status", "--fail-under", "100")):
        done = tarjima(run, *args)
        assert done.returncode == 0, done.stderr  # the caches now hold the backdated stamps
    change(run)
    backdate(run)
    start = {"update": copy(run, work / "changed")}
    after, changes = {}, {}
    count = work / "count"
    for command, args in COMMANDS.items():
        copy(start[command], run)
        done = tarjima(run, *args, count=count)
        assert done.returncode == 0, done.stderr
        after[command], changes[command] = files(run), int(count.read_text())
        assert tarjima(run, *args).returncode == 0 and files(run) == after[command], f"a second {command} changes files"
        if command == "update":  # both builds start from the updated catalogues and the old site
            backdate(run)
            start["build"] = start["build --full"] = copy(run, work / "updated")
    return States(start, after, changes)


def killed(states: States, command: str, seed: int, work: Path) -> list[str]:
    """Kill one run at the seed's moment; what is wrong after the kill and after the next run."""
    args = COMMANDS[command]
    moment = random.Random(f"{command}-{seed}").randint(1, states.changes[command])
    root = copy(states.start[command], work / "run")
    before = files(root)
    new = states.after[command]
    done = tarjima(root, *args, crash_at=moment)
    wrong = []
    if done.returncode != -signal.SIGKILL:
        wrong.append(f"not killed at change {moment} (exit {done.returncode}): {done.stderr.strip()[-200:]}")
    now = files(root)
    if command == "update":
        for path in sorted(before.keys() | new.keys() | now.keys()):
            if path.endswith((".po", ".pot")) and now.get(path) not in (before.get(path), new.get(path)):
                wrong.append(f"killed at change {moment}: {path} is neither the old nor the new one")
    else:
        for folder in ("site/", "desk/"):
            def part(shot: dict[str, str]) -> dict[str, str]:
                return {p: h for p, h in shot.items() if p.startswith(folder)}
            if part(now) not in (part(before), part(new)):
                olds = sum(1 for p in part(now) if now[p] == before.get(p) != new.get(p))
                news = sum(1 for p in part(now) if now[p] == new.get(p) != before.get(p))
                wrong.append(f"killed at change {moment}: {folder} is neither the old nor the new one ({len(part(now))} files: {olds} old, {news} new"
                             f", {len(set(part(before)) & set(part(new)) - set(part(now)))} of both missing)")
        public, desk = ({p: h for p, h in shot.items() if p.startswith(f)} for shot in (now,) for f in ("site/", "desk/"))
        if public == {p: h for p, h in new.items() if p.startswith("site/")} != {p: h for p, h in before.items() if p.startswith("site/")} \
                and desk != {p: h for p, h in new.items() if p.startswith("desk/")}:
            wrong.append(f"killed at change {moment}: the public site is new but its desk is not (the desk is swapped in first)")
    strays = sorted(set(now) - set(before) - set(new))
    again = tarjima(root, *args)
    if again.returncode != 0:
        wrong.append(f"killed at change {moment}: the next run failed (exit {again.returncode}): {again.stderr.strip()[-300:]}")
    final = files(root)
    if final != new:
        differ = sorted(p for p in final.keys() | new.keys() if final.get(p) != new.get(p))
        wrong.append(f"killed at change {moment}: the next run left {len(differ)} file(s) unlike an uninterrupted run: {differ[:2]}"
                     + (f" (strays of the kill: {strays[:2]})" if strays else ""))
    return wrong


def test_the_hooks_see_the_commands_change_files(states: States) -> None:
    assert all(n > 2 * REPORTS for n in states.changes.values()), states.changes


@pytest.mark.parametrize("command", [
    "update",
    "build",
    "build --full",
])
def test_a_killed_run_leaves_old_or_new_and_the_next_run_finishes_the_job(command: str, states: States, work: Path) -> None:
    wrong = [w for seed in SEEDS for w in killed(states, command, seed, work)]
    assert wrong == [], "\n".join(wrong)
