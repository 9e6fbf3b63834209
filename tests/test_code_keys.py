"""The cache key rule: editing a module of tarjima invalidates exactly the caches whose results depend on it."""

from __future__ import annotations

import doctest
import shutil
from pathlib import Path

import pytest

from conftest import run
from tarjima import catalog, store
from tarjima.store import keys


def test_each_cache_depends_on_the_modules_it_imports_and_no_others() -> None:
    status = {p.relative_to(store.PACKAGE).as_posix() for p in store.dependencies("tarjima.catalogues")}
    build = {p.relative_to(store.PACKAGE).as_posix() for p in store.dependencies("tarjima.site.build")}
    sources = {p.relative_to(store.PACKAGE).as_posix() for p in store.dependencies("tarjima.sources")}
    assert {"catalogues.py", "po/quick.py", "po/read.py", "catalog/counts.py", "model.py", "__init__.py"} <= status
    assert not any(p.startswith("site/") for p in status)  # the renderer's code does not make counts
    assert {"site/pages/render.py", "site/pages/listings.py", "site/renderer.py", "markdown.py", "dates.py", "site/__init__.py"} <= build
    assert {"sources.py", "markdown.py", "model.py"} <= sources and not any(p.startswith("catalog/") for p in sources)


@pytest.fixture
def package_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tarjima's own source files, copied, as the key rule reads them (so a test may edit one)."""
    copy = tmp_path / "package"
    shutil.copytree(store.PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(keys, "PACKAGE", copy)  # where the key rule reads the code (store.keys)
    store.code_digest.cache_clear()
    yield copy
    store.code_digest.cache_clear()


@pytest.mark.slow
def test_editing_the_renderer_rebuilds_the_pages_and_keeps_the_counts(shipped: Path, tmp_path: Path, package_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "site"
    assert run(shipped, "build", "--out", str(out)).code == 0
    assert run(shipped, "status").code == 0
    index = shipped / ".tarjima-cache/status.marshal"
    before_index = index.read_bytes()
    page = out / "ru/international-standards-seminar/index.html"
    stamp = page.stat().st_mtime_ns
    assert run(shipped, "build", "--out", str(out)).code == 0
    assert page.stat().st_mtime_ns == stamp  # nothing changed: nothing rendered again

    with (package_copy / "site/pages/render.py").open("a", encoding="utf-8") as handle:
        handle.write("\n# an upgrade of the renderer\n")
    store.code_digest.cache_clear()
    import tarjima.site.reports as build_module  # where each report is rendered

    rendered: list[str] = []
    real = build_module.process_report
    monkeypatch.setattr(build_module, "process_report", lambda job, report: rendered.append(report.slug) or real(job, report))
    assert run(shipped, "build", "--out", str(out)).code == 0
    assert len(rendered) == 2  # a full build: every report rendered again by the new code
    assert run(shipped, "status").code == 0
    assert index.read_bytes() == before_index  # status's results do not depend on the renderer

    with (package_copy / "po/quick.py").open("a", encoding="utf-8") as handle:
        handle.write("\n# an upgrade of the quick reader\n")
    store.code_digest.cache_clear()
    assert run(shipped, "status").code == 0
    assert index.read_bytes() != before_index  # counted again by the new code


def test_merge_rules_are_documented_case_by_case() -> None:
    import importlib

    modules = [importlib.import_module(f"tarjima.catalog.{name}") for name in ("merge", "current")]  # (the package's face hands on functions of these names)
    results = [doctest.testmod(module) for module in modules]
    assert all(r.failed == 0 for r in results) and sum(r.attempted for r in results) >= 8  # unchanged, edited, removed, returned, and the is-current rule


def forget(monkeypatch: pytest.MonkeyPatch) -> None:
    """What a new process knows of the code: nothing but the memo on disk."""
    monkeypatch.setattr(keys, "_MODULES", {})
    monkeypatch.setattr(keys, "_MEMOS", {})
    monkeypatch.setattr(keys, "_LEARNT", set())
    monkeypatch.setattr(keys, "_FILES", {})
    store.code_digest.cache_clear()


def test_the_code_read_by_an_earlier_process_is_read_again_once_a_file_changes(package_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    renderer = package_copy / "site/pages/render.py"
    past = renderer.stat().st_mtime_ns - 10 * keys.RACY_NS
    for path in package_copy.rglob("*.py"):  # as an installed package: written long before it runs
        os.utime(path, ns=(past, past))
    first = store.code_digest("tarjima.site.build")
    memo = package_copy / "__pycache__" / keys.MEMO
    assert memo.is_file()  # what this process read, for the next
    forget(monkeypatch)
    assert store.code_digest("tarjima.site.build") == first  # from the memo, the same key

    renderer.write_bytes(renderer.read_bytes() + b"\n# an upgrade of the renderer\n")  # a new size, mtime and (maybe) inode
    forget(monkeypatch)
    edited = store.code_digest("tarjima.site.build")
    assert edited != first
    st = renderer.stat()
    kept = keys._memo(package_copy).get("site/pages/render.py")
    assert kept is None or tuple(kept[:3]) != (st.st_mtime_ns, st.st_size, st.st_ino)  # changed just now: not trusted by its stamp

    data = renderer.read_bytes()
    renderer.write_bytes(data.replace(b"an upgrade", b"AN UPGRADE"))  # the same size, within the same tick
    forget(monkeypatch)
    assert store.code_digest("tarjima.site.build") not in (first, edited)


def test_a_package_that_cannot_be_written_to_still_gives_the_same_keys(package_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = store.code_digest("tarjima.site.build")
    forget(monkeypatch)
    monkeypatch.setattr(keys, "MEMO", "../site/build.py/memo.marshal")  # under a file: unreadable and unwritable, so read afresh
    assert store.code_digest("tarjima.site.build") == first
