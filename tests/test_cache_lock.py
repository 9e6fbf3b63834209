"""The suite's processes share their download caches (tests/cache_lock.py): one fills, the others wait for it."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

from cache_lock import cache_lock

TESTS = Path(__file__).resolve().parent

FILLER = """
import sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from cache_lock import cache_lock
folder = Path(sys.argv[2])
with cache_lock(folder):
    (folder / "file").write_text("half")
    (folder / "ready").touch()
    while not (folder / "go").exists():
        time.sleep(0.01)
    (folder / "file").write_text("whole")
"""


def test_a_process_reads_the_cache_only_after_another_has_filled_it(tmp_path: Path) -> None:
    filler = subprocess.Popen([sys.executable, "-c", FILLER, str(TESTS), str(tmp_path)])
    try:
        while not (tmp_path / "ready").exists():
            assert filler.poll() is None, "the filling process ended early"
            time.sleep(0.01)
        seen: list[str] = []

        def reader() -> None:
            with cache_lock(tmp_path):
                seen.append((tmp_path / "file").read_text())

        thread = threading.Thread(target=reader)
        thread.start()
        thread.join(1.0)  # without the lock, it reads the half-written file here
        (tmp_path / "go").touch()
        thread.join()
        assert seen == ["whole"]
    finally:
        filler.wait(30)


def test_a_fetcher_that_calls_another_in_the_same_process_does_not_wait_for_itself(tmp_path: Path) -> None:
    nested = f"import sys; sys.path.insert(0, {str(TESTS)!r}); from pathlib import Path; from cache_lock import cache_lock\n" \
             f"with cache_lock(Path({str(tmp_path)!r})):\n    with cache_lock(Path({str(tmp_path)!r})):\n        print('inside')\n"
    done = subprocess.run([sys.executable, "-c", nested], capture_output=True, text=True, timeout=60)
    assert done.stdout == "inside\n"


def test_another_thread_of_the_same_process_waits_too(tmp_path: Path) -> None:
    order: list[str] = []
    inside = threading.Event()

    def second() -> None:
        inside.wait()
        with cache_lock(tmp_path):
            order.append("second")

    thread = threading.Thread(target=second)
    thread.start()
    with cache_lock(tmp_path):
        inside.set()
        thread.join(1.0)  # without the lock, the second thread is done here
        order.append("first")
    thread.join()
    assert order == ["first", "second"]
