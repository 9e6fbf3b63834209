"""The figures of tools/weblate-roundtrip.sh, read from the press repository's git history and a build.

    python tools/weblate_roundtrip_figures.py layout REPO OLD NEW      files a commit changed by layout only
    python tools/weblate_roundtrip_figures.py lost REPO OLD NEW        translations at OLD that NEW no longer holds
    python tools/weblate_roundtrip_figures.py published REPO SITE      derived versions published without their base

Each prints its detail lines, then one last line ``<figure>: N``. A catalogue is compared entry by
entry (blank-line separated blocks, each paired with the entry tarjima's strict reader reads from
it): a block whose text changed while its entry (or the header's fields) did not is layout.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tarjima.config import load
from tarjima.derive.plan import derived_bases
from tarjima.errors import InputError
from tarjima.model import Catalog, Entry
from tarjima.po.read import read
from tarjima.project import load_project


def git(repo: Path, *args: str) -> bytes:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=True).stdout


def show(repo: Path, rev: str, path: str) -> bytes | None:
    done = subprocess.run(["git", "-C", str(repo), "show", f"{rev}:{path}"], capture_output=True)
    return done.stdout if done.returncode == 0 else None


def changed(repo: Path, old: str, new: str) -> list[str]:
    names = git(repo, "diff", "--name-only", old, new).decode().split()
    return sorted(n for n in names if n.endswith((".po", ".pot")))


def blocks(data: bytes, name: str) -> tuple[Catalog, list[str]]:
    """A catalogue and its text split into the header block and one block per entry."""
    catalog = read(data, name)
    text = data.decode("utf-8").replace("\r\n", "\n")
    parts = [b for b in text.split("\n\n") if b.strip()]
    if len(parts) != len(catalog.entries) + 1:
        raise InputError(name, f"{len(parts)} blocks for {len(catalog.entries)} entries and a header", "compare it by hand")
    return catalog, parts


def layout(repo: Path, old: str, new: str) -> int:
    """Files whose bytes changed while every entry and header field stayed the same, and blocks rewritten by layout alone."""
    files = rewritten = 0
    for name in changed(repo, old, new):
        before, after = show(repo, old, name), show(repo, new, name)
        if before is None or after is None:
            print(f"{name}: {'added' if before is None else 'deleted'}")
            continue
        (a, a_blocks), (b, b_blocks) = blocks(before, name), blocks(after, name)
        by_key = {(e.key, e.obsolete): (e, t) for e, t in zip(a.entries, a_blocks[1:])}
        content = layout_only = 0
        if a.headers != b.headers or a.header_comments != b.header_comments:
            content += 1
        elif a_blocks[0] != b_blocks[0]:
            layout_only += 1
        for entry, text in zip(b.entries, b_blocks[1:]):
            known: tuple[Entry, str] | None = by_key.pop((entry.key, entry.obsolete), None)
            if known is None or known[0] != entry:
                content += 1
            elif known[1] != text:
                layout_only += 1
        content += len(by_key)  # entries removed
        rewritten += layout_only
        files += content == 0 and layout_only > 0
        print(f"{name}: {content} entr(ies) changed, {layout_only} block(s) rewritten by layout only")
    print(f"blocks rewritten by layout only: {rewritten}")
    print(f"files changed by layout only: {files}")
    return files


def lost(repo: Path, old: str, new: str) -> int:
    """Entries with a translation (fuzzy or not) at ``old`` that ``new`` holds neither under the same msgid nor as the
    previous msgid of an edited one. A derived catalogue's entries are counted apart: they follow their base."""
    count = emptied = 0
    config = load(repo)
    derived = {f"locales/{config.language(tag).gettext}/" for tag in config.derived}
    names = sorted(n for n in git(repo, "ls-tree", "-r", "--name-only", old).decode().split() if n.endswith(".po"))
    for name in names:
        before = show(repo, old, name)
        after = show(repo, new, name)
        if before is None:
            continue
        kept = read(after, name) if after is not None else Catalog(entries=())
        texts = {e.key: e for e in kept.active}
        moved = {(e.previous_msgctxt, e.previous_msgid): e for e in kept.active if e.previous_msgid is not None}
        for entry in read(before, name).active:
            if not entry.has_translation:
                continue
            now = texts.get(entry.key) or moved.get(entry.key)
            if now is None or not now.has_translation:
                if name.startswith(tuple(derived)):
                    emptied += 1
                    print(f"{name}: derived entry emptied (its base is not translated now) {entry.msgid[:60]!r}")
                    continue
                count += 1
                print(f"{name}: lost {entry.msgid[:60]!r}")
    print(f"derived entries emptied with their base: {emptied}")
    print(f"entries lost: {count}")
    return count


def published(repo: Path, site: Path) -> int:
    """Each derived version online (``site/<folder>/<slug>/``) whose base version is not."""
    project = load_project(load(repo))
    config = project.config
    count = 0
    for report in project.reports:
        online = {lang.tag for lang in config.languages if (site / lang.folder / report.slug / "index.html").is_file()}
        for derived, base in derived_bases(config, report.lang).items():
            if derived in online and base not in online:
                count += 1
                print(f"{report.slug}: {derived} online without {base}")
        print(f"{report.slug}: online in {', '.join(sorted(online))}")
    print(f"derived versions published without their base: {count}")
    return count


def main(argv: list[str]) -> int:
    if len(argv) < 3 or argv[0] not in ("layout", "lost", "published"):
        print("usage: weblate_roundtrip_figures.py layout|lost REPO OLD NEW | published REPO SITE", file=sys.stderr)
        return 2
    try:
        if argv[0] == "published":
            published(Path(argv[1]), Path(argv[2]))
        else:
            (layout if argv[0] == "layout" else lost)(Path(argv[1]), argv[2], argv[3])
    except (InputError, subprocess.CalledProcessError, IndexError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
