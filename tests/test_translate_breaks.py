"""Machine drafts keep a source's hard line breaks (issue 36): through a real `tarjima translate` against the
LibreTranslate-compatible server on 127.0.0.1, then a real build of the accepted draft."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from conftest import gnu, report, run
from libre_server import LibreServer
from test_translate import configure, libre, read  # noqa: F401 (libre: the server fixture)
from tarjima.model import MACHINE_COMMENT
from tarjima.po.write import dumps

ADDRESS = "Law Enforcement Academy  \n1 Example Street\\\nTashkent\n"  # both kinds: two trailing spaces, and a backslash
MSGID = "Law Enforcement Academy\\\n1 Example Street\\\nTashkent"


def test_a_hard_line_break_survives_the_engine_and_reaches_the_page(project, libre: LibreServer, tmp_path: Path) -> None:
    root = project({"content/x.md": report(body=ADDRESS + "\nPlain paragraph.\n")}, config='languages = ["en", "ru"]\ndefault_language = "en"\nhold_check_errors = false\n')
    configure(root)
    assert run(root, "update").code == 0
    result = run(root, "translate", "--endpoint", libre.url, "--lang", "ru")
    assert result.code == 0, result.err
    sent = next(r.q for r in libre.requests if "Academy" in r.q)
    assert "\\" not in sent and "\n" not in sent, sent  # the break goes as a placeholder, never as text the engine may fold
    po = root / "locales/ru/LC_MESSAGES/x.po"
    entry = next(e for e in read(po).entries if e.msgid == MSGID)
    assert entry.msgstr == "[ru] " + MSGID, repr(entry.msgstr)  # the same two line breaks, no "\ " left
    assert entry.fuzzy and all(not c.startswith(MACHINE_COMMENT) or c == "machine translation (libre), review before publishing" for c in entry.translator_comments), entry.translator_comments
    assert gnu("msgfmt", "-c", "-o", "/dev/null", str(po)).returncode == 0
    # A reviewer accepts every draft as it is: the page breaks the lines where the source does, and shows no backslash.
    accepted = read(po)
    po.write_text(dumps(replace(accepted, entries=tuple(e.with_flag("fuzzy", False) for e in accepted.entries))), encoding="utf-8")
    assert run(root, "build", "--out", str(tmp_path / "out")).code == 0
    page = (tmp_path / "out/ru/x/index.html").read_text(encoding="utf-8")
    assert "[ru] Law Enforcement Academy<br />\n1 Example Street<br />\nTashkent</p>" in page
    assert "\\" not in page.split("<main", 1)[-1]
