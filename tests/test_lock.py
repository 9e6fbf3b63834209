"""Two tarjima commands on one project at once: the second waits for the first and says so."""

from __future__ import annotations

import os
import select
import subprocess
import sys

from conftest import report, run
from tarjima.store import ProjectLock


def said_waiting(process: subprocess.Popen[str]) -> str:
    """What the process wrote to stderr until it said it waits (or ended, or 120 s passed in silence)."""
    assert process.stderr is not None
    said, fd = b"", process.stderr.fileno()
    while b"waiting" not in said and select.select([fd], [], [], 120)[0]:
        chunk = os.read(fd, 4096)
        if not chunk:
            break
        said += chunk
    return said.decode()


def test_an_update_while_another_command_writes_waits_then_does_its_work(project) -> None:
    root = project({"content/a.md": report(body="First paragraph.\n")})
    with ProjectLock(root):  # as a build in serve would hold it
        second = subprocess.Popen([sys.executable, "-m", "tarjima", "--root", str(root), "update"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        said = said_waiting(second)  # the moment it says so, however long it took to start
        assert "waiting: another tarjima command is writing in this project" in said, said
        assert second.poll() is None  # still waiting
        assert not (root / "locales/ru/LC_MESSAGES/a.po").exists()  # and it wrote nothing meanwhile
    out, err = second.communicate(timeout=120)  # a give-up, not a speed promise
    assert second.returncode == 0, said + err
    assert (root / "locales/ru/LC_MESSAGES/a.po").exists()


def test_status_reads_while_a_command_writes(project) -> None:
    root = project({"content/a.md": report(body="First paragraph.\n")})
    assert run(root, "update").code == 0
    with ProjectLock(root):
        assert run(root, "status").code == 0  # reading needs no lock: every write is atomic


def test_a_second_lock_gives_up_with_one_line_after_its_timeout(project) -> None:
    root = project({"content/a.md": report(body="x\n")})
    with ProjectLock(root):
        try:
            with ProjectLock(root, timeout=0.2):
                raise AssertionError("two commands held the lock at once")
        except Exception as exc:  # InputError: one line naming the lock
            assert "another tarjima command has been writing in this project" in str(exc)
