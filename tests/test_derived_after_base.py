"""A derived script after its base moves on (issue 36): status names the command, `serve` derives, and the
kept-translation notes go once they no longer apply."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from conftest import desk_of, read_po, report, run, translate_po
from tarjima.catalog import EARLIER_COMMENT, earlier_mark

DERIVED = 'languages = ["uz-Latn", "uz-Cyrl", "ru", "en"]\ndefault_language = "uz-Latn"\nderived = { "uz-Cyrl" = "uz-Latn" }\nhold_check_errors = false\n'
BODY = "The seminar opened in Tashkent.\n\nMore than 110 experts took part.\n"
LATIN = {"A seminar": "Seminar", "The seminar opened in Tashkent.": "Seminar Toshkentda ochildi.", "More than 110 experts took part.": "110 dan ortiq mutaxassis qatnashdi."}


def latin(root: Path) -> Path:
    return root / "locales/uz_Latn/LC_MESSAGES/x.po"


def cyrl(root: Path) -> Path:
    return root / "locales/uz_Cyrl/LC_MESSAGES/x.po"


def finish(path: Path, texts: dict[str, str]) -> None:
    """A translator's finished entries: the text written, the fuzzy flag and previous msgid gone (as an editor saves them)."""
    from dataclasses import replace

    from tarjima.po.write import dumps

    catalog = read_po(path)
    entries = tuple(replace(e, msgstr=texts[e.msgid], previous_msgid=None).with_flag("fuzzy", False) if e.msgid in texts and not e.obsolete else e
                    for e in catalog.entries)
    path.write_text(dumps(replace(catalog, entries=entries)), encoding="utf-8")


def cyrl_status(root: Path) -> dict[str, object]:
    data = json.loads(run(root, "status", "--format", "json", "--lang", "uz-Cyrl").out)
    found: dict[str, object] = data["reports"][0]["languages"]["uz-Cyrl"]
    return found


def cyrl_row(root: Path) -> str:
    return next(line for line in run(root, "status").out.splitlines() if re.match(r"x\s+uz-Cyrl\s", line))


def test_status_says_tarjima_update_derives_the_cyrillic_once_the_latin_is_finished(project) -> None:
    root = project({"content/x.md": report(body=BODY)}, config=DERIVED)
    assert run(root, "update").code == 0
    translate_po(latin(root), {k: v for k, v in LATIN.items() if k != "More than 110 experts took part."})
    assert run(root, "update").code == 0  # the Cyrillic derived from the half-done Latin
    assert cyrl_status(root)["behind"] is None and "tarjima update" not in cyrl_row(root)
    translate_po(latin(root), LATIN)  # the Latin finished; nobody ran update yet
    found = cyrl_status(root)
    assert (found["translated"], found["total"], found["stale"], found["behind"]) == (2, 3, False, "uz-Latn")
    row = cyrl_row(root)
    assert row.endswith("partial (2 derived); uz-Latn changed since it was derived: tarjima update derives it"), row
    markdown = run(root, "status", "--format", "markdown").out
    assert "| x | uz-Cyrl |" in markdown and "tarjima update derives it" in markdown
    gated = run(root, "status", "--fail-under", "0", "--lang", "uz-Cyrl")
    assert gated.code == 1 and "below threshold: x [uz-Cyrl] (content/x.md): uz-Latn changed since it was derived: run tarjima update" in gated.err
    assert run(root, "update").code == 0
    found = cyrl_status(root)
    assert (found["translated"], found["behind"]) == (3, None) and cyrl_row(root).endswith("done (3 derived)")
    assert run(root, "status", "--fail-under", "100", "--lang", "uz-Cyrl").code == 0


def edited_and_finished(project) -> Path:  # type: ignore[no-untyped-def]
    """A translated report whose source was edited and updated (earlier translations kept, marked), then the Latin finished."""
    root = project({"content/x.md": report(body=BODY)}, config=DERIVED)
    assert run(root, "update").code == 0
    translate_po(latin(root), LATIN)
    assert run(root, "update").code == 0
    source = root / "content/x.md"
    source.write_text(source.read_text(encoding="utf-8").replace("opened in Tashkent", "opened in Tashkent on Monday"), encoding="utf-8")
    assert run(root, "update").code == 0
    assert EARLIER_COMMENT in cyrl(root).read_text(encoding="utf-8") and EARLIER_COMMENT in latin(root).read_text(encoding="utf-8")
    finish(latin(root), {"The seminar opened in Tashkent on Monday.": "Seminar dushanba kuni Toshkentda ochildi."})
    return root


def test_kept_translation_notes_go_once_the_latin_is_finished_and_the_cyrillic_derived(project, tmp_path: Path) -> None:
    root = edited_and_finished(project)
    assert run(root, "update").code == 0
    for path in (latin(root), cyrl(root)):
        assert EARLIER_COMMENT not in path.read_text(encoding="utf-8"), path
    entry = next(e for e in read_po(cyrl(root)).entries if e.msgid == "The seminar opened in Tashkent on Monday.")
    assert entry.msgstr == "Семинар душанба куни Тошкентда очилди." and not entry.fuzzy
    second = run(root, "update")
    assert "0 file(s) written" in second.out and EARLIER_COMMENT not in cyrl(root).read_text(encoding="utf-8")
    assert run(root, "build", "--out", str(tmp_path / "out")).code == 0
    assert "earlier translation kept" not in (desk_of(tmp_path / "out") / "aligned/x/index.html").read_text(encoding="utf-8")


def test_a_note_left_on_a_finished_entry_by_an_earlier_version_is_not_shown_and_update_removes_it(project, tmp_path: Path) -> None:
    """Catalogues written before the fix (or by a translator who finished an entry and kept the comment)."""
    root = project({"content/x.md": report(body=BODY)}, config=DERIVED)
    assert run(root, "update").code == 0
    translate_po(latin(root), LATIN)
    translate_po(root / "locales/ru/LC_MESSAGES/x.po", {"The seminar opened in Tashkent.": "Семинар открылся в Ташкенте."})
    assert run(root, "update").code == 0
    for path in (cyrl(root), root / "locales/ru/LC_MESSAGES/x.po"):
        text = path.read_text(encoding="utf-8")
        at = text.index("#. paragraph\n#: content/x.md:7")
        path.write_text(text[:at] + f"# {earlier_mark('something else')}\n" + text[at:], encoding="utf-8")
    assert run(root, "build", "--out", str(tmp_path / "out")).code == 0
    assert "earlier translation kept" not in (desk_of(tmp_path / "out") / "aligned/x/index.html").read_text(encoding="utf-8")
    result = run(root, "update")
    assert result.code == 0 and "wrote locales/uz_Cyrl/LC_MESSAGES/x.po" in result.out and "wrote locales/ru/LC_MESSAGES/x.po" in result.out
    for path in (cyrl(root), root / "locales/ru/LC_MESSAGES/x.po"):
        assert EARLIER_COMMENT not in path.read_text(encoding="utf-8"), path
    assert "0 file(s) written" in run(root, "update").out


@pytest.mark.slow
def test_serve_derives_the_cyrillic_when_the_latin_changes(project, tmp_path: Path) -> None:
    from test_serve_live import GIVE_UP, Server

    root = project({"content/x.md": report(body=BODY)}, config=DERIVED)
    assert run(root, "update").code == 0
    translate_po(latin(root), {k: v for k, v in LATIN.items() if k != "More than 110 experts took part."})
    assert run(root, "update").code == 0
    latin_before = latin(root).read_bytes()
    server = Server(root, tmp_path / "out")
    try:
        translate_po(latin(root), LATIN)  # the Latin finished while serve runs
        latin_after = latin(root).read_bytes()
        page = tmp_path / "out/uz-cyrl/x/index.html"
        waited = time.perf_counter()
        while time.perf_counter() - waited < GIVE_UP:
            if page.exists() and "110 дан ортиқ мутахассис қатнашди." in page.read_text(encoding="utf-8"):
                break
            time.sleep(0.2)
        else:
            pytest.fail("the Cyrillic page never showed the derived text:\n" + "".join(server.printed))
        assert "derived locales/uz_Cyrl/LC_MESSAGES/x.po anew from its base, as tarjima update does\n" in server.printed
    finally:
        server.stop()
    assert latin_before != latin_after == latin(root).read_bytes()  # the translator's file as they left it
    assert cyrl_status(root)["behind"] is None and cyrl_status(root)["translated"] == 3
    assert "0 file(s) written" in run(root, "update").out  # what serve derived is what update derives
