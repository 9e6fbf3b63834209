"""`tarjima translate` over real HTTP: a LibreTranslate-compatible server on 127.0.0.1, never the internet."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from pathlib import Path
from typing import Iterator

import pytest

from conftest import gnu, report, run, snapshot
from libre_server import LibreServer, fake_translation
from tarjima import catalog as cat
from tarjima.po import read as po_read
from tarjima.model import MACHINE_COMMENT, Catalog, Entry
from tarjima.mt.answers import Answers as Cache
from tarjima.mt.prefill import plan, run as prefill
from tarjima.project import load_project
from tarjima.config import load as load_config
from tarjima.mt.engines import EngineError, Retrying, TransientError, make_translator
from tarjima.mt.placeholders import protect, restore
from tarjima.mt.settings import RetryPolicy, engine_settings

# Retries in milliseconds, so that failure paths take no time.
ENGINE = "timeout = 2\nretries = 3\nbackoff = 0.01\nbackoff_max = 0.02\n"
NEW_EN = "The Academy published **3 reports** in 2024: see [the library](https://example.org/library?id=42&y=2024) and `ref-12`."
NEW_UZ = "Akademiya 2024-yilda *5 ta* yangi oʻquv qoʻllanmasini [nashr etdi](https://example.org/uz/kitob?id=7)."


@pytest.fixture
def libre() -> Iterator[LibreServer]:
    server = LibreServer().start()
    yield server
    server.close()


def configure(root: Path, engine: str = ENGINE) -> None:
    """Give the libre engine test settings, in whichever configuration file the project has."""
    if (root / "tarjima.toml").exists():
        with open(root / "tarjima.toml", "a", encoding="utf-8") as handle:
            handle.write("\n[engines.libre]\n" + engine)
    else:
        with open(root / "pyproject.toml", "a", encoding="utf-8") as handle:
            handle.write("\n[tool.tarjima.engines.libre]\n" + engine)


def add_paragraph(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + text + "\n", encoding="utf-8")


def read(path: Path) -> Catalog:
    return po_read.read(path.read_bytes(), path.name)


def machine(entry: Entry) -> bool:
    return entry.fuzzy and any(c.startswith(MACHINE_COMMENT) for c in entry.translator_comments)


def assert_gnu_clean(path: Path) -> None:
    checked = gnu("msgfmt", "-c", "-o", os.devnull, str(path))
    assert checked.returncode == 0 and checked.stderr == b"", checked.stderr.decode()
    assert gnu("msgcat", str(path)).stdout == path.read_bytes(), f"{path} is not stable under msgcat"


def paragraphs(count: int, lang: str) -> str:
    """A body of distinct paragraphs, each with a number and a link."""
    return "\n".join(f"Paragraph {i} of the {lang} report counts {i * 7} guests, see [page {i}](https://example.org/{lang}/{i})." + "\n" for i in range(count))


# --- placeholders ---------------------------------------------------------------------------


def test_markup_is_hidden_from_the_engine_and_restored_exactly() -> None:
    text = 'See [the report](https://example.org/a_(b) "T"), **bold**, `code_x`, \\*x\\*, <https://a.b/c> and snake_case 5 * 3.'
    sent = protect(text)
    for hidden in ("https://", "`", "**", "\\*", "<https"):
        assert hidden not in sent.text
    assert "snake_case 5 * 3" in sent.text and "the report" in sent.text and "bold" in sent.text
    assert restore(sent.text, sent) == (text, [])
    # An engine that pads placeholders with spaces, or drops one, or makes one up:
    padded = sent.text.replace("⟦2⟧", "⟦2⟧ ").replace("⟦3⟧", " ⟦3⟧")
    assert restore(padded, sent)[0] == text
    restored, problems = restore(sent.text.replace("⟦1⟧", "") + " ⟦99⟧", sent)
    assert "https://example.org" not in restored
    assert any("dropped" in p for p in problems) and any("⟦99⟧" in p for p in problems)


def test_backoff_grows_with_jitter_and_gives_up_with_one_clear_error() -> None:
    class Flaky:
        name = "flaky"

        def pair(self, source: str, target: str) -> str | None:
            return None

        def translate(self, text: str, source: str, target: str) -> str:
            raise TransientError("HTTP 503 from http://mt.example/", retry_after=None if len(waits) < 3 else 7.0)

    waits: list[float] = []
    retrying = Retrying(Flaky(), RetryPolicy(attempts=5, base=1.0, cap=8.0), sleep=waits.append, rng=random.Random(1))
    with pytest.raises(EngineError) as failure:
        retrying.translate("x", "en", "ru")
    assert str(failure.value) == "flaky: HTTP 503 from http://mt.example/; gave up after 5 attempt(s)"
    assert len(waits) == 4
    for retry, wait in enumerate(waits[:3]):
        assert 2.0**retry / 2 <= wait <= 2.0**retry  # half fixed, half random
    assert waits[3] >= 7.0  # Retry-After, when the engine lets us see it, is honoured


# --- the shipped content: the "done when" -------------------------------------------


def test_fills_exactly_the_untranslated_entries_of_the_shipped_content(shipped: Path, libre: LibreServer) -> None:
    configure(shipped)
    add_paragraph(shipped, "content/2024/international-standards-seminar/index.md", NEW_EN)
    add_paragraph(shipped, "content/2024/human-trafficking-conference/index.md", NEW_UZ)
    assert run(shipped, "update").code == 0
    ru = report_catalogues(shipped)
    before = {p: read(p) for p in ru}
    others = {k: v for k, v in snapshot(shipped).items() if "/ru/" not in k and k.startswith("locales/")}

    result = run(shipped, "translate", "--engine", "libre", "--endpoint", libre.url, "--lang", "ru")

    assert result.code == 0, result.err
    assert "2 fuzzy draft(s)" in result.out
    # uz goes to the server although deep-translator's own list lacks it; no key is sent when none is set.
    assert sorted((r.source, r.target) for r in libre.requests) == [("en", "ru"), ("uz", "ru")]
    assert all(r.api_key is None and r.format == "text" for r in libre.requests)
    assert not any("https://" in r.q for r in libre.requests), "URLs must not reach the engine"
    for path in ru:
        old, new = before[path], read(path)
        assert len(old.entries) == len(new.entries)
        changed = [(a, b) for a, b in zip(old.entries, new.entries, strict=True) if a != b]
        assert [a.msgid for a, _ in changed] == [e.msgid for e in old.entries if not e.translated and not e.obsolete]
        assert len(changed) == 1
        was, now = changed[0]
        assert now.msgstr == f"[ru] {was.msgid}", "URLs, numbers and markup come back intact"
        assert now.translator_comments == ("machine translation (libre), review before publishing",)
        assert now.fuzzy and machine(now) and cat.counts(new).machine == 1
        assert_gnu_clean(path)
    assert {k: v for k, v in snapshot(shipped).items() if k in others} == others, "other languages untouched"

    # Run again: nothing left to do, nothing sent, nothing written.
    sent, files = len(libre.requests), snapshot(shipped)
    again = run(shipped, "translate", "--endpoint", libre.url, "--lang", "ru")
    assert again.code == 0 and "nothing to translate" in again.out
    assert len(libre.requests) == sent and snapshot(shipped) == files


def test_dry_run_shows_what_would_be_sent_and_sends_and_writes_nothing(shipped: Path, libre: LibreServer) -> None:
    configure(shipped)
    add_paragraph(shipped, "content/2024/international-standards-seminar/index.md", NEW_EN)
    assert run(shipped, "update").code == 0
    files = snapshot(shipped)
    result = run(shipped, "translate", "--endpoint", libre.url, "--lang", "ru", "--lang", "uz-Latn", "--dry-run")
    assert result.code == 0, result.err
    sent = protect(NEW_EN).text
    assert result.out.count(sent) == 2  # into ru and into uz-Latn
    assert f"2 text(s), {2 * len(sent)} character(s) to send" in result.out
    assert libre.requests == [] and libre.language_calls == 0
    assert snapshot(shipped) == files


# --- human work ------------------------------------------------------------------------------

HAND_MADE = """\
msgid ""
msgstr ""
"Project-Id-Version: r\\n"
"PO-Revision-Date: 2024-12-10 10:00+0500\\n"
"Last-Translator: A Translator <t@example.org>\\n"
"Language-Team: Russian\\n"
"Language: ru\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && "
"n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n"

#. front matter: title
#: content/r.md:2
msgid "A seminar"
msgstr "Семинар"

# Ask the editor about this one.
#. paragraph
#: content/r.md:7
msgid "First paragraph."
msgstr ""

#. paragraph
#: content/r.md:9
#, fuzzy
#| msgid "Second paragraph, old."
msgid "Second paragraph."
msgstr "Второй абзац, старый."

#. paragraph
#: content/r.md:11
msgid "Third paragraph with 12 chairs."
msgstr ""
"""


def test_translated_and_fuzzy_entries_are_never_touched(project, libre: LibreServer) -> None:
    root = project({"content/r.md": report(body="First paragraph.\n\nSecond paragraph.\n\nThird paragraph with 12 chairs.\n"), "locales/ru/LC_MESSAGES/r.po": HAND_MADE})
    configure(root)
    libre.mangle_numbers = True
    result = run(root, "translate", "--endpoint", libre.url, "--lang", "ru")
    assert result.code == 0, result.err
    assert "1 failing checks" in result.out
    entries = {e.msgid: e for e in read(root / "locales/ru/LC_MESSAGES/r.po").entries}
    assert entries["A seminar"].msgstr == "Семинар" and not entries["A seminar"].fuzzy
    assert entries["Second paragraph."].msgstr == "Второй абзац, старый."
    assert entries["Second paragraph."].translator_comments == ()
    first = entries["First paragraph."]
    assert first.msgstr == "[ru] First paragraph." and first.fuzzy
    assert first.translator_comments == ("Ask the editor about this one.", "machine translation (libre), review before publishing")
    third = entries["Third paragraph with 12 chairs."]
    assert third.msgstr == "[ru] Third paragraph with ## chairs." and third.fuzzy
    assert "machine translation fails the numbers check: number 12 of the source is missing or changed" in third.translator_comments
    assert sorted(r.q for r in libre.requests) == ["First paragraph.", "Third paragraph with 12 chairs."]
    assert_gnu_clean(root / "locales/ru/LC_MESSAGES/r.po")


def test_a_translator_saving_during_the_run_keeps_their_work(project, libre: LibreServer) -> None:
    root = project({"content/r.md": report(body="One.\n\nTwo.\n")})
    configure(root)
    assert run(root, "update").code == 0
    proj = load_project(load_config(root))
    settings = engine_settings(proj.config.engines, "libre", "tarjima.toml", libre.url)
    work = plan(proj, proj.reports, [proj.config.language("ru")], lambda s, t: None)
    po = root / "locales/ru/LC_MESSAGES/r.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgid "Two."\nmsgstr ""', 'msgid "Two."\nmsgstr "Два."'), encoding="utf-8")
    cache = Cache(root / "mt.sqlite", "mt.sqlite")
    try:
        result = prefill(work, make_translator(settings), cache)
    finally:
        cache.close()
    assert result.failure is None and result.outcomes[0].drafted == 2
    entries = {e.msgid: e for e in read(po).entries}
    assert entries["Two."].msgstr == "Два." and not entries["Two."].fuzzy, "saved by a human while the engine worked"
    assert entries["One."].msgstr == "[ru] One." and machine(entries["One."])


def test_a_stale_catalogue_is_refused_until_update(project, libre: LibreServer) -> None:
    root = project({"content/r.md": report()})
    configure(root)
    assert run(root, "update").code == 0
    add_paragraph(root, "content/r.md", "A paragraph added later.")
    files = snapshot(root)
    result = run(root, "translate", "--endpoint", libre.url, "--lang", "ru")
    assert result.code == 2
    assert "locales/ru/LC_MESSAGES/r.po: out of date with content/r.md (run `tarjima update` first)" in result.err
    assert snapshot(root) == files and libre.requests == []


# --- network trouble -------------------------------------------------------------------------


def test_5xx_429_dropped_connections_and_time_outs_are_retried(project, libre: LibreServer) -> None:
    root = project({"content/r.md": report(body="One.\n\nTwo.\n")})
    configure(root, "timeout = 0.3\nretries = 5\nbackoff = 0.01\nbackoff_max = 0.02\n")
    assert run(root, "update").code == 0
    libre.retry_after = 0
    libre.script = [500, 429, "drop", ("slow", 1.0), 503]
    result = run(root, "translate", "--endpoint", libre.url, "--lang", "ru")
    assert result.code == 0, result.err
    assert "3 fuzzy draft(s)" in result.out
    assert result.err.count("retrying in") == 5
    for reason in ("HTTP 500", "HTTP 429", "cannot reach", "no answer", "HTTP 503"):
        assert reason in result.err
    assert [e.msgstr for e in read(root / "locales/ru/LC_MESSAGES/r.po").entries] == ["[ru] A seminar", "[ru] One.", "[ru] Two."]


def test_giving_up_saves_what_was_done_and_the_next_run_goes_on(project, libre: LibreServer) -> None:
    root = project({"content/r.md": report(body=paragraphs(4, "en"))})
    configure(root)
    assert run(root, "update").code == 0
    po = root / "locales/ru/LC_MESSAGES/r.po"
    libre.script = [None, None, 500, 500, 500, 500]  # title and one paragraph, then the server is down
    result = run(root, "translate", "--endpoint", libre.url, "--lang", "ru")
    assert result.code == 3
    assert "HTTP 500" in result.err and "gave up after 4 attempt(s)" in result.err and "run again" in result.err
    assert "Traceback" not in result.err and len(result.err.strip().splitlines()) == 4  # three retries, one error
    assert sum(machine(e) for e in read(po).entries) == 2, "the drafts done before the failure are saved"
    assert_gnu_clean(po)

    again = run(root, "translate", "--endpoint", libre.url, "--lang", "ru")
    assert again.code == 0, again.err
    assert all(machine(e) for e in read(po).entries)
    answered = [r.q for r in libre.answered]
    assert len(answered) == len(set(answered)) == 5, "each text paid for once"
    assert_gnu_clean(po)


def test_an_unreachable_server_is_one_clear_line_and_exit_3(project) -> None:
    root = project({"content/r.md": report()})
    configure(root)
    assert run(root, "update").code == 0
    files = snapshot(root)
    result = run(root, "translate", "--endpoint", "http://127.0.0.1:9/", "--lang", "ru")
    assert result.code == 3
    assert result.err.strip().splitlines()[-1].startswith("error: libre: cannot reach http://127.0.0.1:9/")
    assert "Traceback" not in result.err and snapshot(root) == files


# --- engines, pairs and keys -----------------------------------------------------------------


def test_a_missing_pair_is_said_once_and_the_other_pairs_go_on(project) -> None:
    server = LibreServer(languages=("en", "ru")).start()  # a server without Uzbek
    try:
        root = project({
            "content/a.md": report(lang="uz-Latn", body="Birinchi.\n"),
            "content/b.md": report(lang="uz-Latn", body="Ikkinchi.\n"),
            "content/c.md": report(lang="en", body="Third.\n"),
        })
        configure(root)
        assert run(root, "update").code == 0
        result = run(root, "translate", "--endpoint", server.url, "--lang", "ru")
    finally:
        server.close()
    assert result.code == 2
    assert result.err.count("does not offer uz") == 1, result.err
    assert "1 catalogue(s) filled" in result.out
    assert {r.source for r in server.requests} == {"en"}
    assert not any(machine(e) for e in read(root / "locales/ru/LC_MESSAGES/a.po").entries)


def test_api_keys_come_from_the_environment_and_are_never_printed(project, libre: LibreServer, monkeypatch: pytest.MonkeyPatch) -> None:
    root = project({"content/r.md": report()})
    configure(root, ENGINE + 'api_key_env = "TEST_LIBRE_KEY"\n')
    assert run(root, "update").code == 0
    libre.api_key = "s3cret-key"
    monkeypatch.setenv("TEST_LIBRE_KEY", "wrong-key")
    refused = run(root, "translate", "--endpoint", libre.url, "--lang", "ru")
    assert refused.code == 2
    assert "$TEST_LIBRE_KEY" in refused.err and "wrong-key" not in refused.err + refused.out
    monkeypatch.setenv("TEST_LIBRE_KEY", "s3cret-key")
    accepted = run(root, "translate", "--endpoint", libre.url, "--lang", "ru")
    assert accepted.code == 0, accepted.err
    assert libre.answered and all(r.api_key == "s3cret-key" for r in libre.answered)
    assert "s3cret" not in accepted.out + accepted.err + (root / "locales/ru/LC_MESSAGES/r.po").read_text(encoding="utf-8")


def test_a_key_written_in_the_configuration_is_refused(project, libre: LibreServer) -> None:
    root = project({"content/r.md": report()})
    configure(root, 'api_key = "s3cret-key"\n')
    result = run(root, "translate", "--endpoint", libre.url, "--lang", "ru")
    assert result.code == 2
    assert "holds an API key" in result.err and "s3cret" not in result.err


# --- cost ------------------------------------------------------------------------------------


def test_max_chars_caps_a_run_and_the_cache_never_pays_twice(project, libre: LibreServer) -> None:
    root = project({"content/r.md": report(body=paragraphs(3, "en")), "content/s.md": report(title="Another", body=paragraphs(1, "en"))})
    configure(root)
    assert run(root, "update").code == 0
    po = root / "locales/ru/LC_MESSAGES/r.po"
    pristine = po.read_bytes()
    texts = [protect(e.msgid).text for e in read(po).entries]
    cap = len(texts[0]) + len(texts[1])
    capped = run(root, "translate", "--endpoint", libre.url, "--lang", "ru", "--max-chars", str(cap), "r")
    assert capped.code == 0, capped.err
    assert f"{cap} character(s) sent" in capped.out and "2 entries left empty" in capped.out
    assert [r.q for r in libre.answered] == texts[:2]

    po.write_bytes(pristine)  # as if those drafts had been thrown away
    full = run(root, "translate", "--endpoint", libre.url, "--lang", "ru")
    assert full.code == 0, full.err
    assert "2 from the cache" in full.out
    answered = [r.q for r in libre.answered]
    assert len(answered) == len(set(answered)), "a text already paid for is never sent again"
    assert all(machine(e) for e in read(po).entries)


# --- interruption ----------------------------------------------------------------------------


def start(root: Path, url: str) -> subprocess.Popen[bytes]:
    """`tarjima translate` as a real process, which takes Ctrl-C (SIGINT) as it would in a terminal.

    A suite started in the background (`pytest &` in a script, nohup) has SIGINT ignored, and a child
    inherits that; one whose parent handles SIGINT starts with the default instead.
    """
    ignored = signal.getsignal(signal.SIGINT) == signal.SIG_IGN
    if ignored:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        return subprocess.Popen(
            [sys.executable, "-m", "tarjima", "--root", str(root), "translate", "--engine", "libre", "--endpoint", url, "--lang", "ru"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
    finally:
        if ignored:
            signal.signal(signal.SIGINT, signal.SIG_IGN)


def report_catalogues(root: Path, lang: str = "ru") -> list[Path]:
    """The catalogues of reports (the site's own, _*.po, are not filled by translate)."""
    return [p for p in sorted(root.glob(f"locales/{lang}/LC_MESSAGES/*.po")) if not p.name.startswith("_")]


def filled(root: Path) -> dict[str, tuple[Entry, ...]]:
    return {p.name: read(p).entries for p in report_catalogues(root)}


@pytest.mark.slow
def test_a_killed_run_resumes_with_every_entry_filled_once(shipped: Path, libre: LibreServer) -> None:
    configure(shipped)
    for rel, lang in (("content/2024/international-standards-seminar/index.md", "en"), ("content/2024/human-trafficking-conference/index.md", "uz")):
        add_paragraph(shipped, rel, paragraphs(12, lang))
    assert run(shipped, "update").code == 0
    todo = {name: [e.msgid for e in entries if not e.translated] for name, entries in filled(shipped).items()}
    assert sorted(len(v) for v in todo.values()) == [12, 12]

    libre.block_after = 15  # the first catalogue, then 3 entries of the second
    process = start(shipped, libre.url)
    libre.wait(lambda s: s.held >= 1)
    process.send_signal(signal.SIGKILL)
    process.wait(10)
    assert process.returncode == -signal.SIGKILL
    on_disk = filled(shipped)
    assert sorted(sum(machine(e) for e in entries) for entries in on_disk.values()) == [0, 12], "the finished catalogue was saved"
    for path in report_catalogues(shipped):
        assert_gnu_clean(path)

    libre.release()
    process = start(shipped, libre.url)
    out, err = process.communicate(timeout=30)
    assert process.returncode == 0, err.decode()
    assert "3 from the cache" in out.decode()
    answered = [(r.source, r.q) for r in libre.answered]
    assert len(answered) == len(set(answered)) == 24, "every text paid for exactly once"
    for name, entries in filled(shipped).items():
        drafts = [e for e in entries if machine(e)]
        assert [e.msgid for e in drafts] == todo[name], "every empty entry filled, nothing else"
        assert all(e.translator_comments == ("machine translation (libre), review before publishing",) for e in drafts)
        assert all(e.msgstr == fake_translation(e.msgid, "ru") for e in drafts)
        assert len({e.msgid for e in entries}) == len(entries), "nothing duplicated"
    for path in report_catalogues(shipped):
        assert_gnu_clean(path)


def test_ctrl_c_saves_the_drafts_so_far_and_says_how_to_go_on(project, libre: LibreServer) -> None:
    root = project({"content/r.md": report(body=paragraphs(4, "en"))})
    configure(root)
    assert run(root, "update").code == 0
    libre.block_after = 3
    process = start(root, libre.url)
    libre.wait(lambda s: s.held >= 1)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    assert libre.let_go == 0, "Ctrl-C waited for the engine: the process ended after the held request did"
    assert process.returncode == 130, err.decode()
    assert "interrupted" in err.decode() and "Traceback" not in err.decode()
    po = root / "locales/ru/LC_MESSAGES/r.po"
    assert sum(machine(e) for e in read(po).entries) == 3
    assert_gnu_clean(po)


def test_a_machine_draft_gets_the_safe_apostrophe_fixes_and_keeps_its_flags_for_changed_numbers() -> None:
    from tarjima.mt.prefill import draft

    entry = Entry("The training manual of 2024.")
    made = draft(entry, "2025-yilgi o'quv qo'llanmasi.", protect(entry.msgid), "libre", "en", "uz-Latn")
    assert made.msgstr == "2025-yilgi oʻquv qoʻllanmasi."  # U+02BB, as check --fix writes it
    assert made.failing and any("numbers check" in c for c in made.comments)  # the changed number is still flagged
    russian = draft(entry, "Учебник 2024 года o'quv.", protect(entry.msgid), "libre", "en", "ru")
    assert "o'quv" in russian.msgstr  # the fix is Uzbek Latin's only
