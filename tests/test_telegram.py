"""tarjima telegram: a post for every version the build published, against a Bot API server on 127.0.0.1 (tests/telegram_server.py).

The fixture has a version of each kind: published with a cover (photo posts) and without (text posts),
held (ru without review, require_review), a draft, an embargoed report and one waiting for clearance.
"""

from __future__ import annotations

import functools
import json
import os
import re
import signal
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import ROOT, read_po, report, run, write_tree
from photos_fixture import SECRETS, camera_jpeg
from telegram_server import TOKEN, BotServer, parse_entities, units
from tarjima.po.write import dumps
from tarjima.telegram.posts import CAPTION_LIMIT, Source, compose, hashtag
from tarjima.telegram.state import load as load_state, posted

CONFIG = ('languages = ["uz-Latn", "ru", "en"]\ndefault_language = "uz-Latn"\nhold_check_errors = false\n'
          'base_url = "https://press.example.uz/news"\nrequire_clearance = true\nrequire_review = ["ru"]\n'
          '[site.telegram.chats]\n"uz-Latn" = "@academy_uz"\nru = "@academy_ru"\n')
CHATS = {"uz-Latn": "@academy_uz", "ru": "@academy_ru", "en": "-1001234567890"}
TELEGRAM_CAPTION, TELEGRAM_TEXT = 1024, 4096  # UTF-16 code units after entity parsing (the Bot API: sendPhoto caption, sendMessage text)
PUBLISHED = {(slug, tag) for slug in ("seminar", "visit") for tag in ("uz-Latn", "ru", "en")} | {("held", "uz-Latn"), ("held", "en")}
TAGS = "tag,uz-Latn,ru,en\nInternational cooperation,Xalqaro hamkorlik,Международное сотрудничество,International cooperation\n"


def excess(shown: str, kind: str) -> int:
    """UTF-16 units of a post's shown text past what Telegram takes for its kind (0: Telegram takes it whole)."""
    return max(0, units(shown) - (TELEGRAM_CAPTION if kind == "photo" else TELEGRAM_TEXT))


def translate_all(root: Path) -> None:
    """Every entry of every catalogue translated (a prefix per language), none fuzzy: what a translator's finished work looks like."""
    for po in sorted((root / "locales").glob("*/LC_MESSAGES/*.po")):
        prefix = po.parts[-3].split("_")[0].upper()
        catalog = read_po(po)
        entries = tuple(replace(e, msgstr=f"{prefix} {e.msgid}", flags=tuple(f for f in e.flags if f != "fuzzy"), previous_msgid=None) for e in catalog.entries)
        po.write_text(dumps(replace(catalog, entries=entries)), encoding="utf-8")


def ready(root: Path, out: Path) -> None:
    """update, translate, clear (all but `uncleared`), review ru (all but `held`), build."""
    assert run(root, "update").code == 0
    translate_all(root)
    assert run(root, "clear", "seminar", "visit", "held", "draft", "embargo", "--by", "D. Karimova").code == 0
    assert run(root, "review", "seminar", "visit", "--lang", "ru", "--by", "A. Editor").code == 0
    built = run(root, "build", "--out", str(out))
    assert built.code == 0, built.err


@pytest.fixture
def posting(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A project of every kind of version, built, and a Bot API server with the environment pointing at it."""
    root = write_tree(tmp_path / "proj", {
        "tarjima.toml": CONFIG,
        "locales/tags.csv": TAGS,
        "content/2024/seminar/index.md": report(title="Seminar on law & order <2024>", summary="A lead. It has two sentences.", cover="hall.jpg",
                                                tags="[International cooperation, COVID-19, '2024']", body="The seminar opened.\n"),
        "content/2024/visit.md": report(title="Delegation visit", summary="Guests met the rector.", body="The visit.\n"),
        "content/2024/held.md": report(title="Held in Russian", summary="Not reviewed in Russian.", body="Body.\n"),
        "content/2024/draft.md": report(title="Draft news", draft="true", body="Draft body.\n"),
        "content/2024/embargo.md": report(title="Embargoed news", publish_at="2099-01-01T09:00", body="Embargo body.\n"),
        "content/2024/uncleared.md": report(title="Uncleared news", body="Uncleared body.\n"),
    })
    (root / "content/2024/seminar/hall.jpg").write_bytes(camera_jpeg())
    out = tmp_path / "site"
    ready(root, out)
    server = BotServer().start()
    saved = dict(os.environ)
    os.environ.update(TARJIMA_TELEGRAM_TOKEN=TOKEN, TARJIMA_TELEGRAM_API=server.url, TARJIMA_TELEGRAM_CHAT_EN=CHATS["en"])
    try:
        yield root, out, server
    finally:
        os.environ.clear()
        os.environ.update(saved)
        server.close()


def telegram(root: Path, out: Path, *args: str):  # type: ignore[no-untyped-def]
    return run(root, "telegram", "--out", str(out), *args)


def sends(server: BotServer) -> list[tuple[str, str]]:
    return [(c.method, c.fields["chat_id"]) for c in server.calls if c.method.startswith("send")]


def version_of(text: str) -> tuple[str, str]:
    """(slug, language) of a post, from its link."""
    found = re.search(r'href="https://press\.example\.uz/news/([a-z-]+)/([a-z-]+)/"', text)
    assert found, text
    return found.group(2), {"uz-latn": "uz-Latn"}.get(found.group(1), found.group(1))


def test_every_published_version_is_posted_once_and_nothing_held(posting) -> None:  # type: ignore[no-untyped-def]
    root, out, server = posting
    done = telegram(root, out)
    assert done.code == 0, done.err
    posts = server.posts()
    assert {version_of(m.text) for m in posts} == PUBLISHED and len(posts) == len(PUBLISHED)
    for slug in ("draft", "embargo", "uncleared"):
        assert not any(slug in m.text.lower() for m in posts)
    assert not any(version_of(m.text) == ("held", "ru") for m in posts)
    by_version = {version_of(m.text): m for m in posts}
    assert {m.chat for (_, tag), m in by_version.items() if tag == "ru"} == {"@academy_ru"}
    assert by_version[("seminar", "en")].chat == CHATS["en"]  # the environment's chat
    # A cover: a photo post, the public site's social crop, metadata stripped; no cover: a text post.
    photo = by_version[("seminar", "ru")]
    assert photo.kind == "photo" and photo.photo and photo.photo[:2] == b"\xff\xd8"
    assert not any(secret in photo.photo for secret in SECRETS)
    assert photo.photo == next((out / "media/seminar").glob("*social.jpg")).read_bytes()
    assert by_version[("visit", "en")].kind == "text"
    # Title, lead, link and hashtags, escaped for Telegram's HTML.
    assert photo.text.startswith("<b>RU Seminar on law &amp; order &lt;2024&gt;</b>\n\nRU A lead. It has two sentences.\n\n")
    assert photo.text.endswith("\n\n#Международное_сотрудничество #COVID_19")  # "2024" is no hashtag
    assert "#Xalqaro_hamkorlik #COVID_19" in by_version[("seminar", "uz-Latn")].text
    # Each line of the run names a version and its link when the channel is public.
    ru_id = photo.message_id
    assert f"sent seminar [ru] to @academy_ru: https://t.me/academy_ru/{ru_id}" in done.out
    assert done.out.endswith("telegram: 8 sent, 0 edited, 0 deleted, 0 unchanged\n"
                             "published/telegram.csv: what was sent is recorded there: commit it with published/ (git add published/)\n")
    # What the dashboard asks: posted or not, and the link.
    state = load_state(root)
    assert posted(state, "seminar", "ru").link == f"https://t.me/academy_ru/{ru_id}"
    assert posted(state, "seminar", "en").posted and posted(state, "seminar", "en").link == ""  # a private chat has no public link
    assert not posted(state, "held", "ru").posted and not posted(state, "draft", "en").posted
    # A rerun sends nothing.
    calls = len(server.calls)
    again = telegram(root, out)
    assert again.code == 0 and len(server.calls) == calls
    assert "telegram: 0 sent, 0 edited, 0 deleted, 8 unchanged" in again.out


def test_payloads_are_within_telegram_limits_and_its_html_subset(posting) -> None:  # type: ignore[no-untyped-def]
    root, out, server = posting
    assert telegram(root, out).code == 0
    over = []  # the posts longer than Telegram takes (its own limits, not tarjima's constants)
    for message in server.posts():
        shown, bad = parse_entities(message.text)
        assert bad == []
        if excess(shown, message.kind):
            over.append(message.text[:40])
    assert over == []
    long = Source("s", "ru", "Заголовок 📰 " * 8, " ".join(["Очень длинное предложение с эмодзи 🎉 и словами."] * 60), "https://press.example.uz/news/ru/s/",
                  ("Права человека", "COVID-19", "Xalqaro-hamkorlik"), "media/s/x-social.jpg")
    post = compose(long)
    shown, bad = parse_entities(post.html)
    assert bad == [] and post.shortened
    assert excess(shown, "photo") == 0 and CAPTION_LIMIT == post.limit == TELEGRAM_CAPTION and post.length == units(shown)
    lead = shown.split("\n\n")[1]
    assert lead.endswith("словами. …")  # cut at a sentence's end, with an ellipsis
    assert shown.endswith("#Права_человека #COVID_19 #Xalqaro_hamkorlik")  # the tags stay whole
    assert compose(replace(long, photo="")).shortened is False  # a text message holds 4,096 units
    assert [hashtag(t) for t in ("Oʻquv yili", "12 345", "a--b c")] == ["#Oʻquv_yili", "", "#a_b_c"]


def test_dry_run_prints_the_payloads_and_sends_nothing(posting) -> None:  # type: ignore[no-untyped-def]
    root, out, server = posting
    os.environ.pop("TARJIMA_TELEGRAM_TOKEN")
    done = telegram(root, out, "--dry-run")
    assert done.code == 0, done.err
    calls = json.loads(done.out)
    assert server.calls == [] and not (root / "published/telegram.csv").exists()
    assert {(c["slug"], c["lang"]) for c in calls} == PUBLISHED
    seminar = next(c for c in calls if (c["slug"], c["lang"]) == ("seminar", "uz-Latn"))
    assert seminar["method"] == "sendPhoto" and seminar["fields"]["chat_id"] == "@academy_uz" and seminar["fields"]["parse_mode"] == "HTML"
    assert seminar["photo"].endswith("social.jpg") and Path(seminar["photo"]).is_file()
    caption, _ = parse_entities(seminar["fields"]["caption"])
    assert seminar["limit"] == TELEGRAM_CAPTION and seminar["units"] == units(caption) and excess(caption, "photo") == 0  # the dry run says how much of the caption is used
    assert next(c for c in calls if c["slug"] == "visit")["method"] == "sendMessage"
    refused = telegram(root, out)
    assert refused.code == 2 and refused.err.startswith("error: TARJIMA_TELEGRAM_TOKEN: is not set") and len(refused.err.splitlines()) == 1


def test_a_correction_edits_the_post_and_a_retraction_deletes_it(posting) -> None:  # type: ignore[no-untyped-def]
    root, out, server = posting
    assert telegram(root, out).code == 0
    ids = {version_of(m.text): (m.chat, m.message_id) for m in server.posts()}
    source = root / "content/2024/seminar/index.md"
    source.write_text(source.read_text(encoding="utf-8").replace("A lead. It has two sentences.", "A corrected lead.")
                      .replace("lang: en\n", "lang: en\ncorrection: The lead was wrong.\n"), encoding="utf-8")
    visit = root / "content/2024/visit.md"
    visit.write_text(visit.read_text(encoding="utf-8").replace("lang: en\n", "lang: en\nretracted: Wrong date.\n"), encoding="utf-8")
    ready(root, out)
    sent_before = len(sends(server))
    done = telegram(root, out)
    assert done.code == 0, done.err
    assert len(sends(server)) == sent_before  # nothing new
    edits = [c for c in server.calls if c.method.startswith("edit")]
    assert sorted((c.method, c.fields["chat_id"], int(c.fields["message_id"])) for c in edits) == sorted(
        ("editMessageCaption", *ids[("seminar", tag)]) for tag in ("uz-Latn", "ru", "en"))
    for tag in ("uz-Latn", "ru", "en"):
        message = server.messages[ids[("seminar", tag)]]
        assert "corrected lead." in message.text and message.edits == 1
        assert ids[("visit", tag)] not in server.messages  # deleted
    assert "deleted visit [ru] from @academy_ru: the report was retracted" in done.out
    assert "telegram: 0 sent, 3 edited, 3 deleted, 2 unchanged" in done.out
    assert not posted(load_state(root), "visit", "ru").posted
    assert telegram(root, out).out.endswith("telegram: 0 sent, 0 edited, 0 deleted, 5 unchanged\n")  # (nothing new to commit: not said)


def test_a_version_its_source_takes_down_loses_its_post_and_a_vanished_one_keeps_it(posting) -> None:  # type: ignore[no-untyped-def]
    """unpublish: and a later draft: true delete the post, as a retraction does (the page it links to is gone); a version
    that is merely absent from the last build (its source file deleted) is never deleted on that alone: it is named."""
    root, out, server = posting
    assert telegram(root, out).code == 0
    ids = {version_of(m.text): (m.chat, m.message_id) for m in server.posts()}
    seminar = root / "content/2024/seminar/index.md"
    seminar.write_text(seminar.read_text(encoding="utf-8").replace("lang: en\n", "lang: en\nunpublish: [ru]\n"), encoding="utf-8")
    visit = root / "content/2024/visit.md"
    visit.write_text(visit.read_text(encoding="utf-8").replace("lang: en\n", "lang: en\ndraft: true\n"), encoding="utf-8")
    (root / "content/2024/held.md").unlink()
    assert run(root, "update").code == 0
    translate_all(root)
    assert run(root, "clear", "seminar", "visit", "--by", "D. Karimova").code == 0
    assert run(root, "review", "seminar", "--lang", "ru", "--by", "A. Editor").code == 0
    assert run(root, "build", "--out", str(out)).code == 0
    done = telegram(root, out)
    assert done.code == 0, done.err
    deletes = sorted((c.fields["chat_id"], int(c.fields["message_id"])) for c in server.calls if c.method == "deleteMessage")
    assert deletes == sorted([ids[("seminar", "ru")], *(ids[("visit", tag)] for tag in ("uz-Latn", "ru", "en"))])
    assert "deleted seminar [ru] from @academy_ru: taken down (unpublish: [ru])" in done.out
    assert "deleted visit [en] from -1001234567890: taken down (draft: true)" in done.out
    assert ids[("held", "en")] in server.messages and posted(load_state(root), "held", "en").posted
    assert "note: held [en] is posted in -1001234567890 but the last build did not publish it" in done.err
    assert not posted(load_state(root), "seminar", "ru").posted and posted(load_state(root), "seminar", "en").posted
    again = telegram(root, out)  # a rerun deletes nothing more
    assert again.code == 0 and "0 deleted" in again.out
    assert len([c for c in server.calls if c.method == "deleteMessage"]) == 4


def test_429_is_retried_after_its_delay(posting, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The client waits out Telegram's retry_after before it asks again: on one clock that the server reads and the
    client's waits move on (no real time passes, so a busy machine changes nothing)."""
    from tarjima.telegram import api

    root, out, server = posting
    now = [0.0]
    waits: list[float] = []

    def wait(seconds: float) -> None:
        waits.append(seconds)
        now[0] += seconds

    server.clock = lambda: now[0]
    monkeypatch.setattr(api, "Client", functools.partial(api.Client, sleep=wait))
    server.too_many, server.retry_after = 1, 3
    done = telegram(root, out)
    assert done.code == 0, done.err
    assert waits == [3.0]  # one wait, as long as Telegram asked
    first, second = server.calls[0], server.calls[1]
    assert first.fields == second.fields and first.method == second.method
    assert server.early == 0  # no call came while Telegram asked to wait (the server refuses those again, as Telegram does)
    assert len(server.calls) == len(PUBLISHED) + 1 and len(server.posts()) == len(PUBLISHED)


def test_a_refused_post_is_named_in_one_line_and_the_others_go_on(posting) -> None:  # type: ignore[no-untyped-def]
    root, out, server = posting
    server.refuse_entities_in = "RU Delegation visit"
    done = telegram(root, out)
    assert done.code == 2 and "Traceback" not in done.err
    line = [l for l in done.err.splitlines() if l.startswith("error:")]
    assert line == ["error: visit [ru]: Telegram refused sendMessage (400 Bad Request: can't parse entities: Unsupported start tag \"x\" at byte offset 3): "
                    "the post's HTML was refused: fix the title, summary or tag names of this version (the post is made of them) and run again"]
    assert {version_of(m.text) for m in server.posts()} == PUBLISHED - {("visit", "ru")}  # every other version posted
    assert ("visit", "ru") not in load_state(root)  # no intent left: it was refused, so it was not sent
    server.refuse_entities_in = ""
    again = telegram(root, out)
    assert again.code == 0 and "telegram: 1 sent, 0 edited, 0 deleted, 7 unchanged" in again.out


def test_a_token_in_the_configuration_and_a_missing_base_url_are_refused_in_one_line(posting) -> None:  # type: ignore[no-untyped-def]
    root, out, server = posting
    config = root / "tarjima.toml"
    config.write_text(CONFIG.replace("[site.telegram.chats]", '[site.telegram]\ntoken = "123:abc"\n[site.telegram.chats]'), encoding="utf-8")
    done = telegram(root, out)
    assert done.code == 2 and len(done.err.splitlines()) == 1 and "holds a bot token" in done.err
    config.write_text(CONFIG.replace('base_url = "https://press.example.uz/news"\n', ""), encoding="utf-8")
    done = telegram(root, out)
    assert done.code == 2 and done.err.startswith("error: [tool.tarjima]: no base_url") and len(done.err.splitlines()) == 1
    assert server.calls == []


def test_a_run_killed_after_a_send_names_the_uncertain_post_and_sends_it_again_only_when_told(posting) -> None:  # type: ignore[no-untyped-def]
    root, out, server = posting
    server.hold_after_posting = "RU Delegation visit"  # posted on the channel, then the answer held: the client is killed waiting
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    process = subprocess.Popen([sys.executable, "-m", "tarjima", "--root", str(root), "telegram", "--out", str(out)], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert server.held.wait(60), "the send was never made"
    finally:
        process.send_signal(signal.SIGKILL)
        process.communicate()
    server.hold_after_posting = ""
    assert len(server.posts("RU Delegation visit")) == 1  # on the channel; its id never reached the record
    assert load_state(root)[("visit", "ru")].state == "sending"
    calls = len(server.calls)
    resumed = telegram(root, out)
    assert resumed.code == 2
    assert ("uncertain: visit [ru]: a send to @academy_ru was started at" in resumed.err
            and "look at the channel, then run tarjima telegram --posted visit/ru=ID if the post is there" in resumed.err
            and "or --resend visit/ru if it is not" in resumed.err)
    assert not any(c.fields.get("text", "").startswith("<b>RU Delegation visit") for c in server.calls[calls:])  # not sent again
    assert len(server.posts("RU Delegation visit")) == 1
    # The officer decides: here, told to send it again: the one duplicate that window can make.
    again = telegram(root, out, "--resend", "visit/ru")
    assert again.code == 0, again.err
    assert len(server.posts("RU Delegation visit")) == 2
    assert telegram(root, out).code == 0 and len(server.posts("RU Delegation visit")) == 2
    assert len(server.posts()) == len(PUBLISHED) + 1


def test_posted_records_an_uncertain_post_with_the_id_found_on_the_channel(posting) -> None:  # type: ignore[no-untyped-def]
    root, out, server = posting
    assert telegram(root, out).code == 0
    from tarjima.telegram.state import save

    state = load_state(root)
    state[("visit", "ru")] = replace(state[("visit", "ru")], message_id="", state="sending")
    save(root, state)
    assert telegram(root, out).code == 2
    number = next(m.message_id for m in server.posts("RU Delegation visit"))
    done = telegram(root, out, "--posted", f"visit/ru={number}")
    assert done.code == 0, done.err
    assert f"recorded visit [ru] as posted: message {number}" in done.out
    assert posted(load_state(root), "visit", "ru").link == f"https://t.me/academy_ru/{number}"
    assert len(server.posts()) == len(PUBLISHED)


def test_since_leaves_the_archive_unposted(posting) -> None:  # type: ignore[no-untyped-def]
    root, out, server = posting
    (root / "tarjima.toml").write_text(CONFIG.replace("[site.telegram.chats]", "[site.telegram]\nsince = 2999-01-01\n[site.telegram.chats]"), encoding="utf-8")
    done = telegram(root, out)
    assert done.code == 0 and server.calls == []
    assert "not posted: 8 version(s) first published before 2999-01-01 (since, in [tool.tarjima.site.telegram])" in done.err
    (root / "tarjima.toml").write_text(CONFIG.replace("[site.telegram.chats]", "[site.telegram]\nsince = 2000-01-01\n[site.telegram.chats]"), encoding="utf-8")
    assert "telegram: 8 sent" in telegram(root, out).out


def test_a_version_held_while_its_last_text_stays_online_is_neither_posted_nor_touched(posting) -> None:  # type: ignore[no-untyped-def]
    root, out, server = posting
    assert telegram(root, out).code == 0
    calls = len(server.calls)
    visit = root / "content/2024/visit.md"
    visit.write_text(visit.read_text(encoding="utf-8").replace("The visit.", "The visit, with a new sentence."), encoding="utf-8")
    assert run(root, "update").code == 0  # the translations of the changed paragraph are now fuzzy: not publishable
    assert run(root, "clear", "visit", "--by", "D. Karimova").code == 0
    built = run(root, "build", "--out", str(out))
    assert built.code == 0 and "earlier visit [ru]" in built.out
    done = telegram(root, out)
    assert done.code == 0, done.err
    assert "skipped visit [ru]: held: its last published text stays online until the new one is ready" in done.err
    assert "no longer published" not in done.err
    assert len(server.calls) == calls  # the body changed, not the title or the lead: no post changes
    assert posted(load_state(root), "visit", "ru").posted


def test_a_wrong_token_or_no_connection_stops_the_run_in_one_line_and_records_nothing(posting) -> None:  # type: ignore[no-untyped-def]
    root, out, server = posting
    os.environ["TARJIMA_TELEGRAM_TOKEN"] = "123456:wrong"
    done = telegram(root, out)
    assert done.code == 2 and "Traceback" not in done.err
    assert ("error: stopped: the bot token was refused (401 Unauthorized): give the right one as TARJIMA_TELEGRAM_TOKEN (8 call(s) not made)"
            in done.err.splitlines())
    assert "wrong" not in done.out + done.err  # the token is never printed
    assert not (root / "published/telegram.csv").exists()
    os.environ.update(TARJIMA_TELEGRAM_TOKEN=TOKEN, TARJIMA_TELEGRAM_API="http://127.0.0.1:9")  # nothing listens there
    done = telegram(root, out)
    assert done.code == 2 and "cannot connect to http://127.0.0.1:9" in done.err and "nothing was sent" in done.err
    assert not (root / "published/telegram.csv").exists() and server.posts() == []


def test_a_post_older_than_48_hours_is_deleted_by_hand_and_then_recorded(posting) -> None:  # type: ignore[no-untyped-def]
    """The Bot API deletes a post only within 48 hours of its sending: the run says so in one line, with the post's link and
    what to run once it is deleted by hand; --deleted records that, and the run is then done."""
    root, out, server = posting
    assert telegram(root, out).code == 0
    ids = {version_of(m.text): (m.chat, m.message_id) for m in server.posts()}
    visit = root / "content/2024/visit.md"
    visit.write_text(visit.read_text(encoding="utf-8").replace("lang: en\n", "lang: en\nretracted: Wrong date.\n"), encoding="utf-8")
    ready(root, out)
    server.sent_long_ago = True
    failed = telegram(root, out)
    assert failed.code == 2 and "Traceback" not in failed.err
    ru = ids[("visit", "ru")][1]
    assert (f"error: visit [ru]: Telegram refused deleteMessage (400 Bad Request: message can't be deleted): a bot may delete a post only within "
            f"48 hours of sending it: delete https://t.me/academy_ru/{ru} by hand in the channel, then run tarjima telegram --deleted visit/ru") in failed.err
    assert posted(load_state(root), "visit", "ru").posted  # not recorded as deleted: it is still on the channel
    assert telegram(root, out, "--deleted", "seminar/ru").err.startswith("error: --deleted: seminar/ru is published: this run would post it again")
    for tag in ("uz-Latn", "ru", "en"):
        server.messages.pop(ids[("visit", tag)])  # the press officer deletes them in the channels
    done = telegram(root, out, "--deleted", "visit/uz-Latn", "--deleted", "visit/ru", "--deleted", "visit/en")
    assert done.code == 0, done.err
    assert "recorded visit [ru] as deleted by hand" in done.out and "telegram: 0 sent, 0 edited, 0 deleted" in done.out
    assert not posted(load_state(root), "visit", "ru").posted
    assert telegram(root, out).code == 0  # and the next run has nothing left to do
