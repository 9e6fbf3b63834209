"""The watcher behind `tarjima serve`: real file events (inotify via watchfiles) on a real tree, and the polling fallback."""

from __future__ import annotations

import builtins
import queue
import threading
import time
from pathlib import Path
from typing import Iterator

import pytest

from tarjima import watch

GIVE_UP = 30.0  # not a speed promise: how long a test waits before it calls a change lost


def tree(root: Path, files: dict[str, str]) -> list[Path]:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return [root / "content", root / "locales", root / "templates", root / "pyproject.toml", root / "tarjima.toml"]


class Changes:
    """A watcher's changes, consumed by one thread; ``seen`` waits for the next one."""

    def __init__(self, changes: Iterator[watch.Changes]) -> None:
        self.got: queue.Queue[watch.Changes] = queue.Queue()
        self.last: watch.Changes = None

        def run() -> None:
            for changed in changes:
                self.got.put(changed)

        threading.Thread(target=run, daemon=True).start()

    def seen(self) -> bool:
        """Whether a change came (``last``: the files it names, None when they are not known one by one)."""
        try:
            self.last = self.got.get(timeout=GIVE_UP)
        except queue.Empty:
            return False
        return True


FILES = {"content/2026/a.md": "---\ntitle: A\n---\nText.\n", "locales/ru/LC_MESSAGES/a.po": "", "pyproject.toml": "[tool.tarjima]\n"}


def test_a_saved_source_a_catalogue_and_the_configuration_are_each_seen_by_file_events(tmp_path: Path) -> None:
    paths = tree(tmp_path, FILES)
    watcher = watch.watcher(paths)
    assert watcher.how == "watching the files by file events (watchfiles, inotify)"
    changes = Changes(watcher.changes)
    for rel in ("content/2026/a.md", "locales/ru/LC_MESSAGES/a.po", "pyproject.toml", "content/2026/new.md"):
        (tmp_path / rel).write_text("changed\n", encoding="utf-8")
        assert changes.seen(), f"{rel} written, no change seen"
        if rel == "pyproject.toml":
            assert changes.last is None  # the configuration: everything is read anew
        else:  # the file the events name, for serve to read again alone (project.refreshed)
            assert changes.last and str(tmp_path / rel) in {path for _kind, path in changes.last}, changes.last
            assert {kind for kind, _path in changes.last} <= {"added", "modified", "deleted"}


def test_a_folder_made_after_the_start_is_watched_from_then_on(tmp_path: Path) -> None:
    paths = tree(tmp_path, FILES)
    changes = Changes(watch.watcher(paths).changes)
    (tmp_path / "templates").mkdir()
    assert changes.seen(), "the templates folder appeared, no change seen"
    (tmp_path / "templates" / "page.html").write_text("<p>x</p>\n", encoding="utf-8")
    assert changes.seen(), "a template written in the new folder, no change seen"


@pytest.mark.slow
def test_hidden_files_and_editor_backups_are_no_change(tmp_path: Path) -> None:
    paths = tree(tmp_path, FILES)
    burst = watch.stream(watch.folders(paths))
    assert next(burst) == set()  # the watches are set
    (tmp_path / "content" / "2026" / ".a.md.swp").write_text("x", encoding="utf-8")
    (tmp_path / "content" / "2026" / "a.md~").write_text("x", encoding="utf-8")
    (tmp_path / "content" / ".git").mkdir()
    (tmp_path / "content" / ".git" / "index").write_text("x", encoding="utf-8")
    deadline = time.monotonic() + 3 * watch.STAT_EVERY / 1000
    while time.monotonic() < deadline:
        assert next(burst) == set()
    (tmp_path / "content" / "2026" / "a.md").write_text("changed\n", encoding="utf-8")
    assert any(path.endswith("a.md") for _kind, path in next(burst))
    burst.close()


def test_polling_is_the_fallback_and_says_why(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = tree(tmp_path, FILES)
    assert watch.watcher(paths, force_polling=True).how == "watching the files by polling (asked for)"
    assert watch.watcher(tree(tmp_path / "empty", {"pyproject.toml": ""})).how.startswith("watching the files by polling: none of the watched folders")
    real_import = builtins.__import__

    def no_watchfiles(name: str, *args: object, **kwargs: object) -> object:
        if name == "watchfiles":
            raise ImportError("No module named 'watchfiles'")
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_watchfiles)
    watcher = watch.watcher(paths)
    assert watcher.how.startswith("watching the files by polling: watchfiles is not installed")
    changes = Changes(watcher.changes)
    time.sleep(0.05)
    (tmp_path / "content" / "2026" / "a.md").write_text("changed, and longer\n", encoding="utf-8")
    assert changes.seen(), "the poller saw no change"


def test_ignored_names() -> None:
    assert watch.ignored("/p/content/.a.md.swp") and watch.ignored("/p/content/a.md~") and watch.ignored("/p/content/#a.md#")
    assert watch.ignored("/p/content/.git/index")
    assert not watch.ignored("/p/content/2026/a.md") and not watch.ignored("/p/locales/ru/LC_MESSAGES/a.po")


def test_a_kept_cache_file_is_read_again_once_it_is_replaced(tmp_path: Path) -> None:
    """serve keeps the manifest's shards between rebuilds (store.read_kept): the same object while the file is the
    same, the new value once a build replaces it, even at the same size within the same timestamp tick."""
    from tarjima.store import read_kept, write

    path = tmp_path / ".tarjima-cache" / "shard-00.marshal"
    assert write(path, ("build-a", {"slug": (1, 2)}))
    first = read_kept(path)
    assert first == ("build-a", {"slug": (1, 2)}) and read_kept(path) is first
    assert write(path, ("build-b", {"slug": (1, 3)}))  # the same size, written at once
    assert read_kept(path) == ("build-b", {"slug": (1, 3)})
    path.unlink()
    assert read_kept(path) is None


# What `tarjima serve` reads again after a burst of events (project.refreshed): only the sources the events name,
# and the project anew whenever the events say more than "these sources and catalogues were saved".

SEMINAR = "content/2024/international-standards-seminar/index.md"


def loaded(root: Path):  # type: ignore[no-untyped-def]
    from tarjima import config
    from tarjima.project import load_project

    return load_project(config.load(root))


def test_a_saved_source_is_read_again_alone_and_the_project_is_the_one_a_command_reads(shipped: Path) -> None:
    from tarjima.project import refreshed

    before = loaded(shipped)
    source = shipped / SEMINAR
    source.write_text(source.read_text(encoding="utf-8").replace("\n\n", "\n\nA sentence added by the editor.\n\n", 1), encoding="utf-8")
    after = refreshed(before, frozenset({("modified", str(source))}))
    assert after is not None and after is not before
    fresh = loaded(shipped)
    assert after.reports == fresh.reports  # the same reports (the edited one's new digest) as a command would read
    assert [after.document(r).segments for r in after.reports] == [fresh.document(r).segments for r in fresh.reports]
    catalogue = shipped / "locales/ru/LC_MESSAGES/international-standards-seminar.po"
    photo = shipped / "content/2024/international-standards-seminar/panel.jpg"
    temporary = shipped / "content/2024/international-standards-seminar/sedFM8OSv"  # sed -i's, gone before the burst is read
    assert refreshed(after, frozenset({("modified", str(catalogue)), ("modified", str(shipped / "templates/base.html")), ("modified", str(photo)),
                                       ("added", str(temporary)), ("deleted", str(temporary))})) is after  # what the build reads itself


@pytest.mark.parametrize("case", ["new source", "source removed", "slug changed", "bad front matter", "folder moved in", "folder moved out", "configuration",
                                  "link in locales"])
def test_anything_but_saved_sources_and_catalogues_has_the_project_read_anew(shipped: Path, case: str) -> None:
    import os

    from tarjima.project import refreshed

    before = loaded(shipped)
    source = shipped / SEMINAR
    text = source.read_text(encoding="utf-8")
    if case == "new source":
        path = shipped / "content/2024/new-report.md"
        path.write_text(text, encoding="utf-8")
    elif case == "source removed":
        path = source
        source.unlink()
    elif case == "slug changed":
        path = source
        source.write_text(text.replace("---\n", "---\nslug: another-slug\n", 1), encoding="utf-8")
    elif case == "bad front matter":
        path = source
        source.write_text(text.replace("---\n", "---\ntitle: [unclosed\n", 1), encoding="utf-8")
    elif case == "folder moved in":  # (its files make no events of their own)
        path = shipped / "content/2025"
        path.mkdir()
    elif case == "folder moved out":
        path = source.parent
        os.rename(path, shipped / "elsewhere")
    elif case == "configuration":
        path = shipped / "pyproject.toml"
    else:
        path = shipped / "locales/ru/LC_MESSAGES/elsewhere.po"
        os.symlink("/etc/hostname", path)
    assert refreshed(before, frozenset({("modified", str(path))})) is None
