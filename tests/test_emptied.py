"""Loss by another tool is noticed: an editor that empties translations (OmegaT, used as a PO editor,
empties fuzzy msgstrs and drops the flag) is caught by update and status, per file and count, and
``update --restore`` puts the translations back as fuzzy drafts; nothing is filled silently."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import read_po, report, run, translate_po

OMEGAT_PROJECT = Path(__file__).parent / "data" / "omegat"

BODY = "First paragraph of the report.\n\nSecond paragraph, with more words.\n\nThird paragraph.\n"
RU = {"A seminar": "Семинар", "First paragraph of the report.": "Первый абзац отчёта."}
FUZZY = {"Second paragraph, with more words.": "Второй абзац, черновик.", "Third paragraph.": "Третий абзац."}


def omegat_save(po: Path) -> None:
    """What OmegaT 3.6 does to a PO file it saves: every fuzzy entry's msgstr emptied, its flag dropped."""
    blocks = po.read_text(encoding="utf-8").split("\n\n")
    out = []
    for block in blocks:
        if "#, fuzzy" in block and 'msgid ""\nmsgstr ""\n"Project' not in block:
            lines = [l for l in block.split("\n") if l != "#, fuzzy"]
            cut = next(i for i, l in enumerate(lines) if l.startswith("msgstr "))
            block = "\n".join([*lines[:cut], 'msgstr ""'])
        out.append(block)
    po.write_text("\n\n".join(out).rstrip("\n") + "\n", encoding="utf-8")


def project_with_drafts(project) -> tuple[Path, Path]:  # type: ignore[no-untyped-def]
    root = project({"content/seminar.md": report(body=BODY)})
    assert run(root, "update").code == 0
    po = root / "locales/ru/LC_MESSAGES/seminar.po"
    translate_po(po, RU, fuzzy=FUZZY)
    assert run(root, "update").code == 0  # tarjima reads the catalogue as the translator left it (status only compares)
    return root, po


def test_fuzzy_translations_an_editor_emptied_are_named_by_update_and_status(project) -> None:
    root, po = project_with_drafts(project)
    omegat_save(po)
    assert all(not read_po(po).messages()[m].msgstr for m in FUZZY)
    line = "locales/ru/LC_MESSAGES/seminar.po: 2 translations emptied by an editor since tarjima last read it"
    for args in (("update",), ("status",), ("update",)):  # said on every run until the translator acts
        result = run(root, *args)
        assert result.code == 0 and line in result.err, (args, result.err)
    assert not read_po(po).messages()["Third paragraph."].msgstr  # named, never filled silently


def test_restore_puts_them_back_as_fuzzy_drafts_and_the_warning_ends(project) -> None:
    root, po = project_with_drafts(project)
    omegat_save(po)
    restored = run(root, "update", "--restore")
    assert restored.code == 0 and "restored 2 emptied translations in locales/ru/LC_MESSAGES/seminar.po as fuzzy drafts" in restored.out
    messages = read_po(po).messages()
    for msgid, msgstr in FUZZY.items():
        assert messages[msgid].msgstr == msgstr and messages[msgid].fuzzy  # a draft for the translator, never published as final
        assert any(c.startswith("restored by tarjima") for c in messages[msgid].translator_comments)
    assert messages["First paragraph of the report."].translated
    assert "emptied" not in run(root, "update").err and "emptied" not in run(root, "status").err
    again = run(root, "update", "--restore")
    assert "restored nothing: no translation was emptied since tarjima last read the catalogues" in again.out


def test_a_translator_retyping_or_the_source_moving_on_ends_the_warning(project) -> None:
    root, po = project_with_drafts(project)
    omegat_save(po)
    assert "2 translations emptied" in run(root, "status").err
    translate_po(po, {"Third paragraph.": "Третий абзац, заново."})
    assert "1 translation emptied" in run(root, "status").err
    source = root / "content/seminar.md"
    source.write_text(source.read_text(encoding="utf-8").replace("Second paragraph, with more words.\n\n", ""), encoding="utf-8")
    result = run(root, "update")
    assert result.code == 0 and "emptied" not in result.err


def test_a_deliberate_edit_is_not_a_loss_and_check_with_restore_is_refused(project) -> None:
    root, po = project_with_drafts(project)
    translate_po(po, {"First paragraph of the report.": "Первый абзац отчёта (правка)."})
    assert "emptied" not in run(root, "status").err
    refused = run(root, "update", "--check", "--restore")
    assert refused.code == 2 and "--check writes nothing, --restore writes" in refused.err


@pytest.mark.slow
def test_a_catalogue_saved_by_omegat_as_a_po_editor_is_noticed_and_restored(project, tmp_path: Path) -> None:
    """Debian's OmegaT 3.6 (installed by .ci/run) in console mode, the PO file as its source: what it
    writes back has the fuzzy translations emptied and their flags dropped."""
    if shutil.which("omegat") is None:
        pytest.skip("omegat is not installed (apt-get install omegat; .ci/run does)")
    root, po = project_with_drafts(project)
    omegat = tmp_path / "omegat"
    for folder in ("source", "target", "tm", "glossary", "dictionary", "omegat"):
        (omegat / folder).mkdir(parents=True)
    shutil.copy(OMEGAT_PROJECT / "omegat.project", omegat / "omegat.project")  # en -> ru, no sentence segmentation
    shutil.copy(po, omegat / "source" / po.name)
    done = subprocess.run(["omegat", str(omegat), "--mode=console-translate", f"--config-dir={tmp_path / 'config'}", "--no-team", "--quiet"],
                          capture_output=True, text=True, timeout=300, check=False)
    saved = omegat / "target" / po.name
    assert done.returncode == 0 and saved.is_file(), done.stdout[-2000:] + done.stderr[-2000:]
    shutil.copy(saved, po)  # the translator's editor saved the catalogue
    messages = read_po(po).messages()
    assert all(not messages[m].msgstr and not messages[m].fuzzy for m in FUZZY)  # what OmegaT did
    assert messages["First paragraph of the report."].translated
    warned = run(root, "status")
    assert "locales/ru/LC_MESSAGES/seminar.po: 2 translations emptied by an editor" in warned.err
    assert run(root, "update", "--restore").code == 0
    messages = read_po(po).messages()
    assert all(messages[m].msgstr == text and messages[m].fuzzy for m, text in FUZZY.items())
