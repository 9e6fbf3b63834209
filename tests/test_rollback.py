"""`tarjima rollback`: the build before the last one comes back whole, both folders, and the next build is right."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import desk_of, run, snapshot

SEMINAR = "locales/ru/LC_MESSAGES/international-standards-seminar.po"
PAGE = "ru/international-standards-seminar/index.html"


def edit_translation(root: Path, old: str, new: str) -> None:
    po = root / SEMINAR
    text = po.read_text(encoding="utf-8")
    assert old in text
    po.write_text(text.replace(old, new), encoding="utf-8")


def built(root: Path, out: Path, *args: str) -> str:
    """Build into ``out``; return what its summary line says it published ("versions …; N skipped")."""
    result = run(root, "build", "--out", str(out), *args)
    assert result.code == 0, result.err
    return re.search(r"versions .*?; \d+ skipped", result.out.splitlines()[-1]).group(0)  # type: ignore[union-attr]


def both(out: Path) -> tuple[dict[str, str], dict[str, str]]:
    """The public folder and its desk, every file hashed (their .tarjima-build markers included)."""
    return snapshot(out), snapshot(desk_of(out))


def refused(root: Path, *args: str) -> str:
    """Run a rollback that must be refused: exit 2, one error line and nothing else; return that line."""
    result = run(root, *args)
    assert result.code == 2 and result.out == "", (result.code, result.out)
    lines = result.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), lines
    return lines[0]


@pytest.mark.slow
def test_rollback_brings_back_the_previous_build_byte_for_byte_and_the_next_build_is_full_and_right(shipped: Path, tmp_path: Path) -> None:
    out, fresh = tmp_path / "a/site", tmp_path / "b/site"  # each with its desk beside it: the same links from both
    published = built(shipped, out)
    first = both(out)
    first_id = (out / ".tarjima-build").read_text(encoding="ascii")
    edit_translation(shipped, "Работа семинара продолжится", "Работа семинара будет продолжена")
    built(shipped, out)
    bad_id = (out / ".tarjima-build").read_text(encoding="ascii")
    assert "будет продолжена" in (out / PAGE).read_text(encoding="utf-8") and bad_id != first_id

    result = run(shipped, "rollback", "--out", str(out))
    assert result.code == 0, result.err
    assert both(out) == first  # both folders, byte for byte, markers included
    line, = result.out.splitlines()
    assert re.fullmatch(rf"rolled back {re.escape(str(out))} and {re.escape(str(desk_of(out)))} to build {first_id[:12]} "
                        rf"\(built \d{{4}}-\d\d-\d\d \d\d:\d\d UTC; {re.escape(published)}\), in place of build {bad_id[:12]}; "
                        rf"put {re.escape(str(out))} online again \(docs/deploy.md\); the next tarjima build renders everything again from the sources", line), line

    # The next build starts from the sources as they are: everything rendered, the same as a fresh full build.
    built(shipped, out)
    assert "будет продолжена" in (out / PAGE).read_text(encoding="utf-8")
    built(shipped, fresh, "--full")
    assert both(out) == both(fresh)
    # It keeps the build rolled back to: a rollback now brings that one back again.
    assert run(shipped, "rollback", "--out", str(out)).code == 0
    assert both(out) == first


@pytest.mark.slow
def test_builds_that_change_nothing_keep_the_build_to_roll_back_to(shipped: Path, tmp_path: Path) -> None:
    """serve and a CI job on a timer build again and again with nothing to change: the build before the last change stays kept."""
    out = tmp_path / "a/site"
    built(shipped, out)
    first = both(out)
    edit_translation(shipped, "Работа семинара продолжится", "Работа семинара будет продолжена")
    built(shipped, out)
    for _ in range(3):
        built(shipped, out)
    assert run(shipped, "rollback", "--out", str(out)).code == 0
    assert both(out) == first


@pytest.mark.slow
def test_a_second_rollback_is_refused_and_changes_nothing(shipped: Path, tmp_path: Path) -> None:
    """One step back only: repeating the command must not put the bad publish back online (--rollback of build is the same command)."""
    out, desk = tmp_path / "public", tmp_path / "editors"
    built(shipped, out, "--desk", str(desk))
    first = snapshot(out), snapshot(desk)
    edit_translation(shipped, "Работа семинара продолжится", "Работа семинара будет продолжена")
    built(shipped, out, "--desk", str(desk))
    assert run(shipped, "build", "--rollback", "--out", str(out), "--desk", str(desk)).code == 0
    assert (snapshot(out), snapshot(desk)) == first
    for args in (("rollback",), ("build", "--rollback")):
        line = refused(shipped, *args, "--out", str(out), "--desk", str(desk))
        assert line.startswith(f"error: {out}: already rolled back to build ") and line.endswith("(run tarjima build to publish the sources as they are now)"), line
        assert (snapshot(out), snapshot(desk)) == first


@pytest.mark.slow
def test_rollback_with_no_previous_build_refuses_in_one_line_and_changes_nothing(shipped: Path, tmp_path: Path) -> None:
    out = tmp_path / "a/site"
    assert refused(shipped, "rollback", "--out", str(out)) == \
        f"error: {out}: holds no build of tarjima to roll back from (roll back the folder tarjima build wrote: pass --out (and --desk) as given to the build)"
    built(shipped, out)  # the first build: nothing before it
    first = both(out)
    line = refused(shipped, "rollback", "--out", str(out))
    assert "its last build kept no previous build (the first build into this folder" in line, line
    assert both(out) == first
    built(shipped, out)  # a build that changed nothing keeps what the build before kept: still nothing
    line = refused(shipped, "rollback", "--out", str(out))
    assert "its last build kept no previous build (the first build into this folder" in line, line
    assert both(out) == first
    # Another desk than the build's: refused, nothing touched.
    line = refused(shipped, "rollback", "--out", str(out), "--desk", str(tmp_path / "elsewhere"))
    assert "the desk is not of the build in" in line, line
    assert both(out) == first and not (tmp_path / "elsewhere").exists()


@pytest.mark.slow
def test_rollback_after_a_refused_build_brings_back_the_build_before_the_last_good_one(shipped: Path, tmp_path: Path) -> None:
    """A refused incremental build writes nothing, so what is online is still the last good build, and the copy kept
    beside it still the build before: the rollback replaces the last good build with that one."""
    out = tmp_path / "a/site"
    built(shipped, out)
    first = both(out)
    edit_translation(shipped, "Работа семинара продолжится", "Работа семинара будет продолжена")
    built(shipped, out)
    good = both(out)
    po = shipped / SEMINAR
    kept = po.read_text(encoding="utf-8")
    po.write_text('msgid "x"\nmsgstr "y\n', encoding="utf-8")
    assert run(shipped, "build", "--out", str(out)).code == 2
    assert both(out) == good
    assert run(shipped, "rollback", "--out", str(out)).code == 0
    assert both(out) == first
    po.write_text(kept, encoding="utf-8")  # fixed: the next build publishes the last good sources again
    built(shipped, out)
    assert unmarked(both(out)) == unmarked(good)  # (a new build id: the catalogue was written again)


def unmarked(folders: tuple[dict[str, str], dict[str, str]]) -> tuple[dict[str, str], dict[str, str]]:
    """Both folders' files but their build markers."""
    return tuple({path: digest for path, digest in files.items() if path != ".tarjima-build"} for files in folders)  # type: ignore[return-value]


@pytest.mark.slow
def test_a_refused_full_build_leaves_no_whole_previous_build_and_rollback_says_so(shipped: Path, tmp_path: Path) -> None:
    """A full build writes over the kept copy as it renders; refused half-way, that copy is no longer whole and is never put online."""
    out = tmp_path / "a/site"
    built(shipped, out)
    edit_translation(shipped, "Работа семинара продолжится", "Работа семинара будет продолжена")
    built(shipped, out)
    good = both(out)
    (shipped / SEMINAR).write_text('msgid "x"\nmsgstr "y\n', encoding="utf-8")
    assert run(shipped, "build", "--full", "--out", str(out)).code == 2
    line = refused(shipped, "rollback", "--out", str(out))
    assert re.search(r"the previous build [0-9a-f]{12} is no longer kept whole \(a full build was refused or cut short while writing over it\) "
                     r"\(nothing to roll back to until a build replaces the one online now\)$", line), line
    assert both(out) == good


def test_build_help_names_rollback_and_rollback_builds_nothing(shipped: Path, tmp_path: Path) -> None:
    help_text = run(shipped, "build", "--help").out
    assert "`tarjima rollback`" in help_text and "--rollback" in help_text
    assert "Bring back the build before the last one" in run(shipped, "--help").out
    line = refused(shipped, "build", "--rollback", "--full", "--out", str(tmp_path / "site"))
    assert line == "error: --rollback: takes no --format, --full or --keep-going: it builds nothing (run tarjima rollback with --out and --desk only)"
    assert not (tmp_path / "site").exists()


@pytest.mark.slow
def test_twins_made_while_serve_waits_keep_every_build_right_and_the_next_build_cheap(shipped: Path, tmp_path: Path) -> None:
    """What `serve` does after its first build (site.output.twin.prepare_twins): both twins made level with their folders,
    so the first save costs what it changes; the builds after it are a full build's, and a rollback brings back the first."""
    from tarjima.config import load
    from tarjima.site.output.folders import Folders
    from tarjima.site.output.manifest import Manifest
    from tarjima.site.output.twin import prepare_twins, twin_of

    out, fresh = tmp_path / "a/site", tmp_path / "b/site"
    built(shipped, out)
    first = both(out)
    first_id = (out / ".tarjima-build").read_text(encoding="ascii")
    outs = Folders(public=out.resolve(), desk=desk_of(out).resolve())
    manifest = load(shipped).layout.build_manifest(out)
    assert prepare_twins(outs, manifest)
    assert Manifest.ids(manifest, outs) == (first_id, first_id)
    for folder in (out, desk_of(out)):
        twin = twin_of(folder.resolve())
        files = {p.relative_to(folder): p.stat().st_ino for p in folder.rglob("*") if p.is_file() and p.name != ".tarjima-build"}
        assert files and files == {p.relative_to(twin): p.stat().st_ino for p in twin.rglob("*") if p.is_file() and p.name != ".tarjima-build"}
        assert (twin / ".tarjima-build").read_text(encoding="ascii") == first_id
    assert not prepare_twins(outs, manifest)  # made: nothing to do again
    assert both(out) == first  # the site itself untouched
    line = refused(shipped, "rollback", "--out", str(out))
    assert f"the build kept beside it is the one online, {first_id[:12]} (its last build changed nothing, or was the first into this folder)" in line, line

    edit_translation(shipped, "Работа семинара продолжится", "Работа семинара будет продолжена")
    built(shipped, out)
    built(shipped, fresh, "--full")
    assert snapshot(out) == snapshot(fresh) and snapshot(desk_of(out)) == snapshot(desk_of(fresh))
    assert run(shipped, "rollback", "--out", str(out)).code == 0
    assert both(out) == first
