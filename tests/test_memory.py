"""The translation memory: update fills the entries it creates empty from the rest of the archive; translate sends only the rest."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import gnu, read_po, report, run, snapshot, translate_po
from libre_server import LibreServer
from tarjima import memory

CONFIG = 'languages = ["en", "ru", "uz-Latn"]\ndefault_language = "en"\n'
ACADEMY = "The event was organised by the Law Enforcement Academy of the Republic of Uzbekistan."
TASHKENT = "Participants discussed international standards of policing in Tashkent."
SAMARKAND = "Participants discussed international standards of policing in Samarkand."
DRAFTED = "The delegation visited the training centre of the Academy."
UNIQUE = "A paragraph that no earlier report has."
RU = {
    ACADEMY: "Мероприятие организовано Правоохранительной академией Республики Узбекистан.",
    TASHKENT: "Участники обсудили международные стандарты полицейской деятельности в Ташкенте.",
    "Seminar": "Семинар",
    "Visit": "Визит",
}


@pytest.fixture
def archive(project) -> Path:  # type: ignore[no-untyped-def]
    """Two earlier reports, translated into Russian (one entry of the second only as a fuzzy draft)."""
    root = project({
        "content/2024/seminar.md": report("Seminar", "en", f"{ACADEMY}\n\n{TASHKENT}\n"),
        "content/2024/visit.md": report("Visit", "en", f"{DRAFTED}\n"),
    }, config=CONFIG)
    assert run(root, "update").code == 0
    ru = root / "locales/ru/LC_MESSAGES"
    translate_po(ru / "seminar.po", RU)
    translate_po(ru / "visit.po", RU, fuzzy={DRAFTED: "Делегация посетила учебный центр академии."})
    return root


def test_new_report_takes_exact_and_close_matches_as_fuzzy_with_their_origin(archive: Path) -> None:
    before = {k: v for k, v in snapshot(archive).items() if k.startswith("locales/ru")}
    (archive / "content/2024/forum.md").write_text(report("Forum", "en", f"{ACADEMY}\n\n{SAMARKAND}\n\n{DRAFTED}\n\n{UNIQUE}\n"), encoding="utf-8")
    result = run(archive, "update")
    assert result.code == 0, result.err
    assert "wrote locales/ru/LC_MESSAGES/forum.po (new, 2 from the translation memory (1 exact, 1 close))" in result.out
    entries = read_po(archive / "locales/ru/LC_MESSAGES/forum.po").messages()
    exact, close = entries[ACADEMY], entries[SAMARKAND]
    assert exact.msgstr == RU[ACADEMY] and exact.fuzzy
    assert exact.translator_comments == ("translation memory: the same text as in the report seminar",)
    assert close.msgstr == RU[TASHKENT] and close.fuzzy
    score = round(__import__("rapidfuzz").fuzz.ratio(SAMARKAND, TASHKENT))
    assert close.translator_comments[0] == f"translation memory: {score}% like a text of the report seminar, which reads:"
    assert close.translator_comments[1:] == (f"translation memory source: {TASHKENT}",)
    assert close.previous_msgid is None  # not "#|": that is this report's own earlier text, which the site may publish
    assert not entries[DRAFTED].msgstr  # a fuzzy draft elsewhere is no memory
    assert not entries[UNIQUE].msgstr and not entries["Forum"].msgstr
    # The Uzbek catalogue: no Uzbek translation exists anywhere; the other pair is never mixed in.
    assert all(not e.msgstr for e in read_po(archive / "locales/uz_Latn/LC_MESSAGES/forum.po").active)
    # Nothing translated is touched.
    after = {k: v for k, v in snapshot(archive).items() if k in before}
    assert after == before
    # GNU tools keep the comments (they drop unknown flags), and the catalogue is valid.
    po = archive / "locales/ru/LC_MESSAGES/forum.po"
    assert gnu("msgcat", str(po)).stdout == po.read_bytes()
    assert gnu("msgfmt", "-c", "-o", "/dev/null", str(po)).returncode == 0
    status = run(archive, "status", "forum", "--format", "json")
    assert '"fuzzy": 2' in status.out and '"machine": 0' in status.out


def test_an_edit_fills_only_the_new_entry_and_never_a_translation(archive: Path) -> None:
    (archive / "content/2024/forum.md").write_text(report("Forum", "en", f"{UNIQUE}\n"), encoding="utf-8")
    run(archive, "update")
    forum = archive / "locales/ru/LC_MESSAGES/forum.po"
    translate_po(forum, {UNIQUE: "Абзац, которого нет в прежних отчётах.", "Forum": "Форум"})
    (archive / "content/2024/forum.md").write_text(report("Forum", "en", f"{UNIQUE}\n\n{ACADEMY}\n"), encoding="utf-8")
    assert run(archive, "update").code == 0
    entries = read_po(forum).messages()
    assert entries[UNIQUE].msgstr == "Абзац, которого нет в прежних отчётах." and not entries[UNIQUE].fuzzy
    assert entries["Forum"].translator_comments == () and not entries["Forum"].fuzzy
    assert entries[ACADEMY].fuzzy and entries[ACADEMY].msgstr == RU[ACADEMY]


def test_exact_matches_translated_one_way_everywhere_may_count_as_translated(project) -> None:  # type: ignore[no-untyped-def]
    config = CONFIG + "\n[memory]\nexact_translated = true\n"
    root = project({
        "content/a.md": report("A", "en", f"{ACADEMY}\n\n{TASHKENT}\n"),
        "content/b.md": report("B", "en", f"{TASHKENT}\n"),
    }, config=config)
    run(root, "update")
    ru = root / "locales/ru/LC_MESSAGES"
    translate_po(ru / "a.po", RU)
    translate_po(ru / "b.po", {TASHKENT: "Другой перевод."})
    (root / "content/c.md").write_text(report("C", "en", f"{ACADEMY}\n\n{TASHKENT}\n"), encoding="utf-8")
    run(root, "update")
    entries = read_po(ru / "c.po").messages()
    assert entries[ACADEMY].msgstr == RU[ACADEMY] and not entries[ACADEMY].fuzzy  # one way everywhere
    assert entries[ACADEMY].translator_comments == ("translation memory: the same text as in the report a",)
    assert entries[TASHKENT].fuzzy  # translated two ways: a translator chooses


def test_bad_memory_settings_are_one_line(project) -> None:  # type: ignore[no-untyped-def]
    root = project({"content/a.md": report()}, config=CONFIG + "\n[memory]\nsimilarity = 30\n")
    result = run(root, "update")
    assert result.code == 2 and "memory.similarity must be a percentage from 50 to 99" in result.err


def test_an_unchanged_archive_never_loads_the_memory(archive: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run(archive, "update")

    def refuse(*args: object) -> None:
        raise AssertionError("the memory was loaded")

    monkeypatch.setattr(memory.PairIndex, "__init__", refuse)
    result = run(archive, "update")
    assert result.code == 0 and "0 file(s) written" in result.out
    # An edit that creates no empty entry does not load it either.
    path = archive / "content/2024/seminar.md"
    path.write_text(path.read_text(encoding="utf-8").replace("title: Seminar", "title: Seminar\nend_date: 2024-12-11"), encoding="utf-8")
    assert run(archive, "update").code == 0


def test_the_index_follows_the_catalogues(archive: Path) -> None:
    (archive / "content/2024/forum.md").write_text(report("Forum", "en", f"{UNIQUE}\n"), encoding="utf-8")
    run(archive, "update")  # the index is made; UNIQUE is nowhere yet
    assert not read_po(archive / "locales/ru/LC_MESSAGES/forum.po").messages()[UNIQUE].msgstr
    translate_po(archive / "locales/ru/LC_MESSAGES/forum.po", {UNIQUE: "Уникальный абзац."})
    translate_po(archive / "locales/ru/LC_MESSAGES/seminar.po", {TASHKENT: ""}, )  # a translator emptied an entry
    (archive / "content/2024/later.md").write_text(report("Later", "en", f"{UNIQUE}\n\n{TASHKENT}\n"), encoding="utf-8")
    run(archive, "update")
    entries = read_po(archive / "locales/ru/LC_MESSAGES/later.po").messages()
    assert entries[UNIQUE].msgstr == "Уникальный абзац." and "report forum" in entries[UNIQUE].translator_comments[0]
    assert not entries[TASHKENT].msgstr  # its only translation is gone from the archive


def test_translate_sends_only_what_the_memory_could_not_fill(archive: Path) -> None:
    with open(archive / "tarjima.toml", "a", encoding="utf-8") as handle:
        handle.write("\n[engines.libre]\ntimeout = 2\nretries = 1\nbackoff = 0.01\nbackoff_max = 0.02\n")
    (archive / "content/2024/forum.md").write_text(report("Forum", "en", f"{ACADEMY}\n\n{SAMARKAND}\n\n{UNIQUE}\n"), encoding="utf-8")
    run(archive, "update")
    server = LibreServer().start()
    try:
        result = run(archive, "translate", "--endpoint", server.url, "--lang", "ru", "forum")
        sent = sorted(r.q for r in server.requests if r.q)
    finally:
        server.close()
    assert result.code == 0, result.err
    assert sent == sorted(["Forum", UNIQUE])
    assert "2 entries filled by the translation memory (fuzzy, to review): not sent" in result.out
    entries = read_po(archive / "locales/ru/LC_MESSAGES/forum.po").messages()
    assert entries[ACADEMY].msgstr == RU[ACADEMY]  # the memory's fill is left as it is


def test_a_damaged_index_is_made_again_not_trusted(archive: Path) -> None:
    """The index is a cache: a file that is not a database (damage, a crash of another program) is
    thrown away and made again; the fill is the same as from no index at all."""
    (archive / "content/2024/forum.md").write_text(report("Forum", "en", f"{UNIQUE}\n"), encoding="utf-8")
    assert run(archive, "update").code == 0  # the en→ru index exists now
    path = archive / ".tarjima-cache/memory/en--ru.sqlite"
    assert path.is_file()
    path.write_bytes(b"not a database" * 100)
    (archive / "content/2024/later.md").write_text(report("Later", "en", f"{ACADEMY}\n\n{SAMARKAND}\n"), encoding="utf-8")
    result = run(archive, "update")
    assert result.code == 0, result.err
    entries = read_po(archive / "locales/ru/LC_MESSAGES/later.po").messages()
    assert entries[ACADEMY].msgstr == RU[ACADEMY] and entries[SAMARKAND].msgstr == RU[TASHKENT]  # exact and close, as from a fresh index


def test_an_index_that_cannot_be_written_is_kept_in_memory_for_the_run(archive: Path) -> None:
    """A folder where the index's file should be (or a read-only cache): the run's memory lives in memory, the fill is the same."""
    index = archive / ".tarjima-cache/memory/en--ru.sqlite"
    index.unlink(missing_ok=True)  # the fixture's update made it
    index.mkdir(parents=True)
    (archive / ".tarjima-cache/memory/en--ru.sqlite/inside").write_text("a folder a tool left", encoding="utf-8")
    (archive / "content/2024/later.md").write_text(report("Later", "en", f"{ACADEMY}\n\n{SAMARKAND}\n"), encoding="utf-8")
    result = run(archive, "update")
    assert result.code == 0, result.err
    assert "Traceback" not in result.err
    entries = read_po(archive / "locales/ru/LC_MESSAGES/later.po").messages()
    assert entries[ACADEMY].msgstr == RU[ACADEMY] and entries[SAMARKAND].msgstr == RU[TASHKENT]
    assert (archive / ".tarjima-cache/memory/en--ru.sqlite/inside").is_file()  # what is not tarjima's is left alone


def test_a_catalogue_touched_but_not_changed_is_not_indexed_again(archive: Path) -> None:
    """A checkout or a restore gives a catalogue a new stamp with the same bytes: its rows hold, and it is not
    read into the index again (the index follows what changed); one whose bytes changed is read again."""
    import os

    from tarjima.store import stamp

    (archive / "content/2024/forum.md").write_text(report("Forum", "en", f"{UNIQUE}\n"), encoding="utf-8")
    assert run(archive, "update").code == 0  # the en→ru index exists now
    index = memory.PairIndex(archive, "en", "ru")
    catalogues = [(f"locales/ru/LC_MESSAGES/{slug}.po", slug) for slug in ("seminar", "visit", "forum")]
    assert index.refresh(catalogues) == 1  # forum's catalogue, written after this update's refresh; the others are known
    index.save()
    seminar = archive / "locales/ru/LC_MESSAGES/seminar.po"
    seminar.write_bytes(seminar.read_bytes())  # touched: a new stamp, the same bytes
    os.utime(seminar, ns=(1_700_000_000 * 10**9, 1_700_000_000 * 10**9))
    translate_po(archive / "locales/ru/LC_MESSAGES/forum.po", {UNIQUE: "Уникальный абзац."})
    forum = archive / "locales/ru/LC_MESSAGES/forum.po"
    os.utime(forum, ns=(1_700_000_001 * 10**9, 1_700_000_001 * 10**9))
    index = memory.PairIndex(archive, "en", "ru")
    assert index.refresh(catalogues, {name: stamp(os.stat(archive / name)) for name, _ in catalogues}) == 1  # forum only
    found = index.find(ACADEMY, "later")
    assert found is not None and found.msgstr == RU[ACADEMY] and found.slug == "seminar"
    found = index.find(UNIQUE, "later")
    assert found is not None and found.msgstr == "Уникальный абзац." and found.slug == "forum"
    index.save()
