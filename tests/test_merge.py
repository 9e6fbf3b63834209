"""Merging a template into a catalogue: the rules, and a property that nothing a translator wrote is lost."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from tarjima import catalog as cat
from tarjima.po import read as po_read
from tarjima.po import write as po_write
from tarjima.model import Catalog, Entry


def pot(*msgids: str) -> Catalog:
    return Catalog(entries=tuple(Entry(msgid=m, references=(f"content/a.md:{i}",)) for i, m in enumerate(msgids, 1)))


def po(**pairs: str) -> Catalog:
    return Catalog(entries=tuple(Entry(msgid=k.replace("_", " "), msgstr=v) for k, v in pairs.items()))


def test_unchanged_msgid_keeps_translation_comments_and_flags() -> None:
    old = Catalog(entries=(Entry("Hello world", "Salom dunyo", translator_comments=("checked by A.",), flags=("tarjima-no-numbers",)),))
    merged = cat.merge(old, pot("Hello world"))
    (entry,) = merged.entries
    assert (entry.msgstr, entry.translator_comments, entry.flags) == ("Salom dunyo", ("checked by A.",), ("tarjima-no-numbers",))
    assert entry.references == ("content/a.md:1",)


def test_edited_paragraph_gets_closest_translation_fuzzy_with_previous_msgid() -> None:
    old = po(The_seminar_opened_on_Monday_in_the_main_hall="Seminar dushanba kuni ochildi", Unrelated_text_here="Boshqa")
    merged = cat.merge(old, pot("The seminar opened on Tuesday in the main hall", "Unrelated text here"))
    first, second = merged.entries
    assert first.fuzzy and first.msgstr == "Seminar dushanba kuni ochildi"
    assert first.previous_msgid == "The seminar opened on Monday in the main hall"
    assert not second.fuzzy and second.msgstr == "Boshqa"
    assert not any(e.obsolete for e in merged.entries)


def test_dissimilar_new_text_is_untranslated_and_old_goes_obsolete() -> None:
    merged = cat.merge(po(Completely_different_words="Tarjima"), pot("Nothing alike at all here"))
    new, old = merged.entries
    assert new.msgstr == "" and not new.fuzzy
    assert old.obsolete and old.msgstr == "Tarjima" and old.references == ()


def test_obsolete_entry_is_revived_when_its_text_returns() -> None:
    old = Catalog(entries=(Entry("Back again", "Yana", obsolete=True),))
    (entry,) = cat.merge(old, pot("Back again")).entries
    assert not entry.obsolete and entry.msgstr == "Yana" and entry.translated


def test_untranslated_entry_without_comment_is_not_kept_as_obsolete() -> None:
    merged = cat.merge(Catalog(entries=(Entry("Gone"),)), pot("New"))
    assert [e.msgid for e in merged.entries] == ["New"]


def test_fuzzy_of_a_fuzzy_keeps_the_text_the_translation_was_made_for() -> None:
    old = Catalog(entries=(Entry("The seminar opened on Tuesday in the hall", "Dushanba", flags=("fuzzy",), previous_msgid="The seminar opened on Monday in the hall"),))
    (entry,) = cat.merge(old, pot("The seminar opened on Wednesday in the hall")).entries
    assert entry.fuzzy and entry.previous_msgid == "The seminar opened on Monday in the hall"


WORDS = st.sampled_from("the seminar academy law rights cooperation experts students held opened December hall".split())
PARAGRAPH = st.lists(WORDS, min_size=3, max_size=12).map(" ".join)
EDIT = st.one_of(
    st.tuples(st.just("replace-word"), st.integers(0, 50), st.integers(0, 50), WORDS),
    st.tuples(st.just("delete"), st.integers(0, 50)),
    st.tuples(st.just("insert"), st.integers(0, 50), PARAGRAPH),
    st.tuples(st.just("duplicate"), st.integers(0, 50)),
    st.tuples(st.just("swap"), st.integers(0, 50), st.integers(0, 50)),
)


def apply(paragraphs: list[str], edit: tuple) -> list[str]:
    """One editor's change to the list of paragraphs."""
    out = list(paragraphs)
    kind, *args = edit
    if kind == "insert":
        out.insert(args[0] % (len(out) + 1), args[1])
    elif not out:
        return out
    elif kind == "replace-word":
        i = args[0] % len(out)
        words = out[i].split()
        words[args[1] % len(words)] = args[2]
        out[i] = " ".join(words)
    elif kind == "delete":
        del out[args[0] % len(out)]
    elif kind == "duplicate":
        out.append(out[args[0] % len(out)])
    elif kind == "swap":
        i, j = args[0] % len(out), args[1] % len(out)
        out[i], out[j] = out[j], out[i]
    return out


def translate_empty(catalog: Catalog, serial: list[int], written: set[str]) -> Catalog:
    """A translator fills every empty entry with a unique text and accepts every fuzzy one."""
    entries = []
    for entry in catalog.entries:
        if not entry.obsolete and not entry.msgstr:
            serial[0] += 1
            text = f"tarjima {serial[0]}"
            written.add(text)
            entry = replace(entry, msgstr=text)
        elif entry.fuzzy and not entry.obsolete:
            entry = replace(entry.with_flag("fuzzy", False), previous_msgid=None)
        entries.append(entry)
    return replace(catalog, entries=tuple(entries))


def template_of(paragraphs: list[str]) -> Catalog:
    return pot(*dict.fromkeys(paragraphs))


@settings(max_examples=150, deadline=None)
@given(st.lists(PARAGRAPH, min_size=1, max_size=6), st.lists(EDIT, min_size=1, max_size=8))
def test_nothing_a_translator_wrote_is_ever_lost(start: list[str], edits: list[tuple]) -> None:
    written: set[str] = set()
    serial = [0]
    paragraphs = start
    catalog = translate_empty(cat.merge(Catalog(entries=()), template_of(paragraphs)), serial, written)
    for edit in edits:
        paragraphs = apply(paragraphs, edit)
        catalog = cat.merge(catalog, template_of(paragraphs))
        kept = {e.msgstr for e in catalog.entries}
        assert written <= kept, written - kept
        active = [e.msgid for e in catalog.entries if not e.obsolete]
        assert active == list(dict.fromkeys(paragraphs))
        assert len({(e.msgid, e.obsolete) for e in catalog.entries}) == len(catalog.entries)
        assert not {e.msgid for e in catalog.entries if e.obsolete} & set(active)
        assert po_read.parse(po_write.dumps(catalog), "x.po") == catalog
        catalog = translate_empty(catalog, serial, written)
    again = cat.merge(catalog, template_of(paragraphs))
    assert again == catalog  # merging twice changes nothing


def test_a_msgid_that_lost_its_plural_keeps_the_translation_fuzzy() -> None:
    """As msgmerge: the first form becomes the msgstr, fuzzy; before, the translation was lost."""
    old = Catalog(entries=(Entry("Please correct the error below.", msgid_plural="Please correct the errors below.", msgstr_plural=("Xatoni tuzating.", "Xatolarni tuzating.")),))
    merged = cat.merge(old, Catalog(entries=(Entry("Please correct the error below."),)))
    (entry,) = merged.entries
    assert (entry.msgstr, entry.msgid_plural, entry.fuzzy, entry.previous_msgid) == ("Xatoni tuzating.", None, True, "Please correct the error below.")
    back = cat.merge(Catalog(entries=(Entry("One", "Bir"),)), Catalog(entries=(Entry("One", msgid_plural="Many"),)))
    assert (back.entries[0].msgstr_plural, back.entries[0].fuzzy) == (("Bir", "Bir"), True)  # every form, as msgmerge fills them
