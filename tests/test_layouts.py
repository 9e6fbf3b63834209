"""No churn with any editor: a catalogue saved by another tool (GNU msgcat at other widths or without
wrapping, translate-toolkit's writer as Weblate calls it, Poedit on Windows with CRLF) is rewritten by
``update`` only where its entries changed, and in that file's own layout."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import gnu, read_po, report, run, translate_po

LONG = (
    "The seminar, organised with the support of the OSCE Programme Office in Tashkent, brought together "
    "over 110 specialists from law-enforcement agencies; materials are at https://example.org/library/"
    "seminars/2026/international-standards-in-criminal-procedure-and-human-rights.html for reference."
)
OTHER = "Participants discussed cross-border cooperation, the exchange of best practices and training of investigators in great detail."
EDITED = "It was held at the Academy in Tashkent."
BODY = f"{LONG}\n\n{OTHER}\n\nIt was held at the Academy.\n"
RU = {
    "A seminar": "Семинар",
    LONG: "Семинар, организованный при поддержке Офиса Программ ОБСЕ в Ташкенте, собрал более 110 специалистов "
    "правоохранительных органов; материалы доступны по адресу https://example.org/library/seminars/2026/"
    "international-standards-in-criminal-procedure-and-human-rights.html для справки.",
    OTHER: "Участники подробно обсудили трансграничное сотрудничество, обмен передовым опытом и подготовку следователей.",
    "It was held at the Academy.": "Он прошёл в Академии.",
}


def translated(project) -> tuple[Path, Path]:  # type: ignore[no-untyped-def]
    root = project({"content/seminar.md": report(body=BODY)})
    assert run(root, "update").code == 0
    po = root / "locales/ru/LC_MESSAGES/seminar.po"
    translate_po(po, RU)
    return root, po


def edit_source(root: Path) -> None:
    source = root / "content/seminar.md"
    source.write_text(source.read_text(encoding="utf-8").replace("It was held at the Academy.", EDITED), encoding="utf-8")


def blocks(data: bytes) -> list[str]:
    return data.decode("utf-8").replace("\r\n", "\n").split("\n\n")


def changed_blocks(before: bytes, after: bytes) -> tuple[list[str], list[str]]:
    """The blocks (header, entries) that went and came."""
    old, new = blocks(before), blocks(after)
    return [b for b in old if b not in new], [b for b in new if b not in old]


def assert_only_the_edit_changed(before: bytes, after: bytes) -> None:
    gone, came = changed_blocks(before, after)
    assert len(gone) == 2 and gone[0].startswith(("# ", "msgid \"\"")) and "It was held at the Academy." in gone[1], gone
    assert len(came) == 2 and "X-Source-Digest" in came[0] and "#, fuzzy" in came[1] and "in Tashkent" in came[1], came
    header_lines = {line for b in (gone[0], came[0]) for line in b.split("\n")}
    differing = set(gone[0].split("\n")) ^ set(came[0].split("\n"))
    assert differing <= header_lines and all("X-Source-Digest" in l or "POT-Creation-Date" in l for l in differing), differing


def toolkit_save(po: Path, touch_every_unit: bool = True) -> None:
    """Save a catalogue as Weblate does: through translate-toolkit's PO store; every unit re-set, as
    when Weblate writes the translations it holds."""
    pypo = pytest.importorskip("translate.storage.pypo")
    store = pypo.pofile(po.read_bytes())
    if touch_every_unit:
        for unit in store.units:
            if not unit.isheader():
                unit.source = unit.source
                unit.target = unit.target
    po.write_bytes(bytes(store))


@pytest.mark.parametrize("width", ["60", "100", "no-wrap"])
def test_a_catalogue_msgcat_rewrapped_keeps_its_wrapping_and_changes_only_the_edited_entry(project, width: str) -> None:
    root, po = translated(project)
    option = ["--no-wrap"] if width == "no-wrap" else ["-w", width]
    saved = gnu("msgcat", *option, str(po)).stdout
    assert saved != po.read_bytes()  # the other layout is really another
    po.write_bytes(saved)
    assert run(root, "update").out.endswith("0 file(s) written, 3 unchanged\n")
    assert po.read_bytes() == saved
    edit_source(root)
    assert run(root, "update").code == 0
    after = po.read_bytes()
    assert_only_the_edit_changed(saved, after)
    assert gnu("msgcat", *option, str(po)).stdout == after  # the editor's next save is no diff
    assert gnu("msgfmt", "-c", "-o", "/dev/null", str(po)).returncode == 0


def test_a_catalogue_in_gnu_layout_stays_in_it(project) -> None:
    root, po = translated(project)
    before = po.read_bytes()
    assert gnu("msgcat", str(po)).stdout == before
    edit_source(root)
    assert run(root, "update").code == 0
    assert_only_the_edit_changed(before, po.read_bytes())
    assert gnu("msgcat", str(po)).stdout == po.read_bytes()


def test_a_catalogue_weblate_wrote_keeps_translate_toolkits_wrapping(project) -> None:
    root, po = translated(project)
    toolkit_save(po)  # translate-toolkit 3.20's wrapping agrees with GNU's on this text; older ones break URLs at "/"
    saved = po.read_bytes()
    assert run(root, "update", "--check").code == 0
    edit_source(root)
    assert run(root, "update").code == 0
    after = po.read_bytes()
    assert_only_the_edit_changed(saved, after)
    toolkit_save(po)
    assert po.read_bytes() == after  # Weblate's next commit changes nothing: no ping-pong


def test_a_crlf_catalogue_is_current_and_keeps_its_line_ends(project) -> None:
    root, po = translated(project)
    crlf = po.read_bytes().replace(b"\n", b"\r\n")
    po.write_bytes(crlf)
    check = run(root, "update", "--check")
    assert check.code == 0 and "all catalogues up to date" in check.out
    assert run(root, "update").out.endswith("0 file(s) written, 3 unchanged\n") and po.read_bytes() == crlf
    edit_source(root)
    stale = run(root, "update", "--check")
    assert stale.code == 1
    why = next(line for line in stale.out.splitlines() if line.startswith("out of date: locales/ru/LC_MESSAGES/seminar.po"))
    assert "(entries: 1 new, 1 no longer in the source; header: " in why and "X-Source-Digest" in why
    assert run(root, "update").code == 0
    after = po.read_bytes()
    assert after.count(b"\r\n") == after.count(b"\n")  # every line still ends in CRLF
    assert_only_the_edit_changed(crlf, after)
    assert read_po(po).messages()[EDITED].fuzzy


def test_layout_alone_is_not_out_of_date_and_is_never_rewritten(project) -> None:
    root, po = translated(project)
    for option in (["--no-wrap"], ["-w", "40"]):
        po.write_bytes(gnu("msgcat", *option, str(po)).stdout)
        saved = po.read_bytes()
        assert run(root, "update", "--check").code == 0
        assert run(root, "check").code == 0
        assert run(root, "update").code == 0 and po.read_bytes() == saved


def test_po_wrap_setting_sets_the_wrap_of_the_entries_tarjima_writes(project) -> None:
    root, po = translated(project)
    config = root / "tarjima.toml"
    config.write_text(config.read_text(encoding="utf-8") + 'po_wrap = "no-wrap"\n', encoding="utf-8")
    before = po.read_bytes()
    edit_source(root)
    assert run(root, "update").code == 0
    gone, came = changed_blocks(before, po.read_bytes())
    assert len(came) == 2 and len(gone) == 2  # the rest kept as GNU wrapped it
    written = "\n\n".join(came).rstrip("\n") + "\n"
    assert gnu("msgcat", "--no-wrap", "-", input=written.encode()).stdout.decode() == written


def test_a_bad_po_wrap_setting_is_one_line(project) -> None:
    root = project({"content/seminar.md": report(body=BODY)})
    config = root / "tarjima.toml"
    config.write_text(config.read_text(encoding="utf-8") + 'po_wrap = "weird"\n', encoding="utf-8")
    result = run(root, "update")
    assert result.code == 2 and "po_wrap must be auto, gnu, no-wrap, weblate or a page width" in result.err and "Traceback" not in result.err
