"""Sources and catalogues stay inside the project: a symbolic link that leads out is refused with one line, as a photo is."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import report, run, snapshot

MARKER = "Quokkasecret"  # text that lives only outside the project


def refusal(path: str, what: str = "file") -> str:
    return (f"error: {path}: this {what} resolves outside the project through a symbolic link: tarjima reads nothing from there "
            f"(put the {what} itself in the project in place of the link)")


def everything(folder: Path) -> str:
    return "\n".join(p.as_posix() + "\n" + p.read_text(encoding="utf-8", errors="replace") for p in sorted(folder.rglob("*")) if p.is_file())


def test_a_source_or_a_content_folder_linked_from_outside_is_refused_and_never_published(project, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "folder").mkdir(parents=True)
    (elsewhere / "secret.md").write_text(report(title=MARKER, body=f"{MARKER} body.\n"), encoding="utf-8")
    (elsewhere / "folder/other.md").write_text(report(title=MARKER), encoding="utf-8")
    root = project({"content/2024/open.md": report(title="Open day"), "drafts/inside.md": report(title="Inside")})
    (root / "content/2024/leak.md").symlink_to(elsewhere / "secret.md")
    (root / "content/shared").symlink_to(elsewhere / "folder")
    (root / "content/2024/linked.md").symlink_to(root / "drafts/inside.md")  # a link that stays inside the project is a source as any
    expected = [refusal("content/2024/leak.md"), refusal("content/shared/", "folder")]
    updated = run(root, "update")
    assert updated.code == 2 and updated.err.splitlines() == expected
    assert sorted(p.name for p in (root / "locales/templates").iterdir()) == ["linked.pot", "open.pot"]
    assert MARKER not in everything(root / "locales")
    status = run(root, "status")
    assert status.code == 2 and status.err.splitlines() == expected
    out = tmp_path / "site"
    (root / "content/2024/leak.md").unlink()
    (root / "content/shared").unlink()
    assert run(root, "build", "--out", str(out)).code == 0
    before = snapshot(out)
    (root / "content/2024/leak.md").symlink_to(elsewhere / "secret.md")
    refused = run(root, "build", "--out", str(out))
    assert refused.code == 2 and refused.err.splitlines() == [refusal("content/2024/leak.md")]
    assert "build refused: bad input in content/2024/leak.md" in refused.out
    assert snapshot(out) == before  # all or nothing
    kept = run(root, "build", "--out", str(out), "--keep-going")
    assert kept.code == 2 and (out / "en/open/index.html").is_file() and (out / "en/linked/index.html").is_file()
    assert MARKER not in everything(out) and MARKER not in everything(root / "locales")


def test_a_catalogue_or_a_language_folder_linked_from_outside_is_refused_left_alone_and_never_published(project, tmp_path: Path) -> None:
    root = project({"content/x.md": report(body="First paragraph.\n"), "content/y.md": report(title="Other", body="Other paragraph.\n")})
    assert run(root, "update").code == 0
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    po = root / "locales/ru/LC_MESSAGES/x.po"
    outside = elsewhere / "x.po"
    outside.write_text(re.sub(r'msgid "(.+)"\nmsgstr ""', rf'msgid "\1"\nmsgstr "{MARKER} \1"', po.read_text(encoding="utf-8")), encoding="utf-8")
    po.unlink()
    po.symlink_to(outside)
    before = outside.read_bytes()
    (root / "content/x.md").write_text(report(body="First paragraph.\n\nA new one.\n"), encoding="utf-8")
    updated = run(root, "update")
    assert updated.code == 2 and updated.err.splitlines() == [refusal("locales/ru/LC_MESSAGES/x.po")]
    assert po.is_symlink() and outside.read_bytes() == before  # neither read into the project nor written through the link
    for command in ("status", "check"):
        done = run(root, command)
        assert done.code == 2 and refusal("locales/ru/LC_MESSAGES/x.po") in done.err.splitlines(), command
    out = tmp_path / "site"
    refused = run(root, "build", "--out", str(out))
    assert refused.code == 2 and not out.exists()
    kept = run(root, "build", "--out", str(out), "--keep-going")
    assert kept.code == 2 and "skipped x [ru]: catalogue unreadable (see the error above)" in kept.out
    assert (out / "en/x/index.html").is_file() and MARKER not in everything(out)
    # A whole language folder linked from outside: each of its catalogues is refused.
    po.unlink()
    shutil.move(root / "locales/uz_Latn", elsewhere / "uz_Latn")
    (root / "locales/uz_Latn").symlink_to(elsewhere / "uz_Latn")
    updated = run(root, "update")
    assert updated.code == 2
    assert updated.err.splitlines() == [refusal("locales/uz_Latn/LC_MESSAGES/x.po"), refusal("locales/uz_Latn/LC_MESSAGES/y.po")]
    assert sorted(p.name for p in (elsewhere / "uz_Latn/LC_MESSAGES").iterdir()) == ["x.po", "y.po"]  # nothing written through the link


@pytest.mark.slow
def test_the_templates_catalogue_linked_from_outside_is_refused(shipped: Path, tmp_path: Path) -> None:
    site_po = shipped / "locales/ru/LC_MESSAGES/_site.po"
    outside = tmp_path / "_site.po"
    outside.write_text(re.sub(r'msgstr "[^"]+"', f'msgstr "{MARKER}"', site_po.read_text(encoding="utf-8")), encoding="utf-8")
    site_po.unlink()
    site_po.symlink_to(outside)
    out = tmp_path / "site"
    refused = run(shipped, "build", "--out", str(out))
    assert refused.code == 2 and refused.err.splitlines() == [refusal("locales/ru/LC_MESSAGES/_site.po")] and not out.exists()
    kept = run(shipped, "build", "--out", str(out), "--keep-going")
    assert kept.code == 2 and (out / "index.html").is_file() and MARKER not in everything(out)
