"""Catalogues as data: a template from a report, GNU-style merge, counts, and the one rule of
whether a catalogue is current with its source. Objects in, objects out."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import replace
from functools import lru_cache
from typing import Callable, Iterable

from tarjima.fuzzy import FuzzyIndex
from tarjima.model import FRONT_MATTER_FIELDS, MACHINE_COMMENT, Catalog, Counts, Entry
from tarjima.review import drop_stale
from tarjima.sources import Document

WORD_RE = re.compile(r"[\w\u02bb\u02bc]++(?:[-'’][\w\u02bb\u02bc]++)*+")  # possessive: the same words, found faster
DIGEST_HEADER = "X-Source-Digest"  # the digest of the source text a catalogue was last merged from
# That header, in a catalogue's header text or as the quoted line of its file: "X-Source-Digest: ab12\n".
DIGEST_RE = re.compile(r'^"?X-Source-Digest: ([0-9a-f]+)(?:\\n")?$', re.M)


def role_comment(role: str) -> str:
    """The extracted comment naming a segment's role, for the translator."""
    return f"front matter: {role}" if role in FRONT_MATTER_FIELDS else role


def template(doc: Document, creation_date: str) -> Catalog:
    """The POT of one report: one entry per distinct text, every occurrence referenced."""
    report = doc.report
    grouped: dict[str, tuple[list[str], list[str]]] = {}
    for segment in doc.segments:
        refs, roles = grouped.setdefault(segment.text, ([], []))
        refs.append(f"{report.path}:{segment.line}")
        comment = role_comment(segment.role)
        if comment not in roles:
            roles.append(comment)
    entries = tuple(
        Entry(msgid=text, references=tuple(refs), extracted_comments=(", ".join(roles),))
        for text, (refs, roles) in grouped.items()
    )
    headers = template_headers(report.slug, creation_date, report.lang) + ((DIGEST_HEADER, report.digest),)
    comments = (f"# Translation template of the report {report.path} ({report.slug}).",)
    return Catalog(entries=entries, headers=headers, header_comments=comments, header_fuzzy=True)


def template_headers(project_id: str, creation_date: str, source_lang: str) -> tuple[tuple[str, str], ...]:
    """A template's header, as xgettext writes one (the placeholders are filled in each catalogue)."""
    return (
        ("Project-Id-Version", project_id),
        ("POT-Creation-Date", creation_date),
        ("PO-Revision-Date", "YEAR-MO-DA HO:MI+ZONE"),
        ("Last-Translator", "FULL NAME <EMAIL@ADDRESS>"),
        ("Language-Team", "LANGUAGE <LL@li.org>"),
        ("Language", ""),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
        ("X-Source-Language", source_lang),
    )


def new_catalog(pot: Catalog, language: str, language_name: str, plural_forms: str, revision_date: str) -> Catalog:
    """An empty catalogue for ``language`` (gettext form) with a complete header."""
    headers = (
        ("Project-Id-Version", pot.header("Project-Id-Version")),
        ("POT-Creation-Date", pot.header("POT-Creation-Date")),
        ("PO-Revision-Date", revision_date),
        ("Last-Translator", "Automatically generated"),
        ("Language-Team", language_name),
        ("Language", language),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
        ("Plural-Forms", plural_forms),
        ("X-Source-Language", pot.header("X-Source-Language")),
    )
    if pot.header(DIGEST_HEADER):
        headers += ((DIGEST_HEADER, pot.header(DIGEST_HEADER)),)
    described = pot.header_comments[0] if pot.header_comments else f"# Translation template of {pot.header('Project-Id-Version')}."
    comments = (described.replace("# Translation template", f"# {language_name} translation", 1),)
    return Catalog(entries=(), headers=headers, header_comments=comments)


@lru_cache(maxsize=4096)
def words(text: str) -> int:
    """Words in a text as editors count them; U+02BB and U+02BC are letters, so oʻzbek is one word."""
    return len(WORD_RE.findall(text))


def carry(old: Entry, new: Entry, forms: int = 2) -> Entry:
    """The template entry with the translator's work of an exactly matching old entry.

    When the msgid gained or lost its plural, the translation comes along as msgmerge brings
    it, fuzzy: the first form becomes the singular msgstr, or the singular fills each of the
    catalogue's ``forms`` plural forms.
    """
    if (old.msgid_plural is None) != (new.msgid_plural is None):
        if new.msgid_plural is None:
            texts = {"msgstr": old.msgstr_plural[0] if old.msgstr_plural else "", "msgstr_plural": ()}
        else:
            texts = {"msgstr": "", "msgstr_plural": (old.msgstr,) * max(forms, 1)}
        entry = replace(
            new, **texts, flags=tuple(dict.fromkeys((*old.flags, *new.flags))), translator_comments=old.translator_comments,
            previous_msgctxt=old.msgctxt, previous_msgid=old.msgid, previous_msgid_plural=old.msgid_plural,
        )
        return entry.with_flag("fuzzy")
    return replace(
        new,
        msgstr=old.msgstr,
        msgstr_plural=old.msgstr_plural,
        flags=tuple(dict.fromkeys((*old.flags, *new.flags))),
        translator_comments=old.translator_comments,
        previous_msgctxt=old.previous_msgctxt if old.fuzzy else None,
        previous_msgid=old.previous_msgid if old.fuzzy else None,
        previous_msgid_plural=old.previous_msgid_plural if old.fuzzy else None,
    )


EARLIER_COMMENT = "earlier translation kept by tarjima"  # and a digest of that msgstr (see ``earlier_mark``)


def earlier_mark(msgstr: str) -> str:
    """The translator comment on a fuzzy entry whose msgstr is a whole translation of its ``#|`` previous
    msgid, as the merge kept it: the digest tells whether the msgstr was edited since."""
    return f"{EARLIER_COMMENT} {hashlib.blake2b(msgstr.encode('utf-8'), digest_size=4).hexdigest()}"


def edited_since_kept(catalog: Catalog) -> int:
    """How many fuzzy entries hold an earlier translation the translator has since begun to edit (``earlier_mark`` no longer matches)."""
    return sum(1 for e in catalog.messages().values() if e.fuzzy and any(c.startswith(EARLIER_COMMENT) for c in e.translator_comments)
               and earlier_mark(e.msgstr) not in e.translator_comments)


def fuzz(old: Entry, new: Entry, mark: bool = False) -> Entry:
    """The template entry with a similar old entry's translation, fuzzy, naming the old msgid.

    With ``mark``, a whole translation made fuzzy (the old entry was translated) gets
    ``earlier_mark``: the earlier-version rule of the build publishes it only while it is so.
    """
    source = old.previous_msgid if old.fuzzy and old.previous_msgid is not None else old.msgid
    comments = old.translator_comments
    if mark and old.translated and new.msgid_plural is None and old.msgid_plural is None:
        comments = (*(c for c in comments if not c.startswith(EARLIER_COMMENT)), earlier_mark(old.msgstr))
    # Across singular and plural, as msgmerge offers it: a plural's forms are not a singular's text
    # (the entry is fuzzy with its msgstr empty), and a singular's text fills no plural form.
    plural = old.msgstr_plural if new.msgid_plural is not None and old.msgid_plural is not None else ()
    entry = replace(
        new,
        msgstr=old.msgstr if new.msgid_plural is None else "",
        msgstr_plural=plural,
        flags=tuple(dict.fromkeys((*old.flags, *new.flags))),
        translator_comments=comments,
        previous_msgctxt=old.msgctxt,
        previous_msgid=source,
        previous_msgid_plural=old.msgid_plural,
    )
    return entry.with_flag("fuzzy")


def retire(old: Entry) -> Entry:
    """An entry whose text left the source, kept as obsolete (#~) with all the translator wrote."""
    return replace(old, obsolete=True, references=(), line=0)


def worth_keeping(entry: Entry) -> bool:
    """Whether an entry holds anything a translator wrote."""
    return entry.has_translation or bool(entry.translator_comments)


def merge(old: Catalog, pot: Catalog, mark: bool = False) -> Catalog:
    """Merge a template into a catalogue as GNU msgmerge does: keep, fuzz or obsolete; never drop.

    An unchanged msgid keeps its translation (an obsolete one is revived); a new msgid
    takes the old translation msgmerge would offer (``FuzzyIndex``: the most similar old
    msgid with a translation, obsolete ones and other contexts included), fuzzy, with
    ``#| msgid``; old entries that no template entry took become obsolete, unless they hold
    nothing a translator wrote. ``mark``: a whole translation made fuzzy gets ``earlier_mark``,
    and review comments that no longer match their entry go (a report's catalogues; GNU's
    msgmerge adds and drops no comment).

    >>> def merged(old, new):
    ...     result = merge(Catalog(entries=tuple(old)), Catalog(entries=tuple(Entry(t) for t in new)))
    ...     return [(e.msgid, e.msgstr, e.flags, e.previous_msgid, e.obsolete) for e in result.entries]

    Unchanged: the translation is kept as it is.

    >>> merged([Entry("The seminar opened.", "Семинар открылся.")], ["The seminar opened."])
    [('The seminar opened.', 'Семинар открылся.', (), None, False)]

    Edited: the closest old translation, fuzzy, with the old text as ``#| msgid``.

    >>> merged([Entry("The seminar was held in Tashkent.", "Семинар прошёл в Ташкенте.")], ["The seminar was held in Samarkand."])
    [('The seminar was held in Samarkand.', 'Семинар прошёл в Ташкенте.', ('fuzzy',), 'The seminar was held in Tashkent.', False)]

    Removed: kept as obsolete (``#~``); an empty entry with nothing a translator wrote goes.

    >>> merged([Entry("Kept.", "Оставлено."), Entry("Removed.", "Удалено."), Entry("Empty.")], ["Kept."])
    [('Kept.', 'Оставлено.', (), None, False), ('Removed.', 'Удалено.', (), None, True)]

    Returned: an obsolete entry whose text comes back is revived with its translation.

    >>> merged([Entry("Back again.", "Снова здесь.", obsolete=True)], ["Back again."])
    [('Back again.', 'Снова здесь.', (), None, False)]
    """
    active = {e.key: e for e in old.entries if not e.obsolete}
    retired = {e.key: e for e in old.entries if e.obsolete}
    forms = plural_count(old.header("Plural-Forms"))
    index: FuzzyIndex | None = None  # built only when some msgid has no exact match
    used: set[tuple[str | None, str]] = set()
    entries: list[Entry] = []
    for new in pot.entries:
        previous = active.get(new.key) or retired.get(new.key)
        if previous is not None:
            kept = carry(previous, new, forms or 2)
            if mark and not kept.fuzzy and any(c.startswith(EARLIER_COMMENT) for c in kept.translator_comments):  # reviewed since: the mark has done its work
                kept = replace(kept, translator_comments=tuple(c for c in kept.translator_comments if not c.startswith(EARLIER_COMMENT)))
            entries.append(drop_stale(kept) if mark else kept)
            used.add(previous.key)
            continue
        index = index or FuzzyIndex(old.entries)
        match = index.closest(new.msgid, new.msgctxt)
        if match is not None:
            entries.append(drop_stale(fuzz(match, new, mark)) if mark else fuzz(match, new, mark))
            used.add(match.key)
        else:
            entries.append(new)
    for entry in old.entries:
        if entry.key not in used and worth_keeping(entry):
            entries.append(retire(entry))
    entries = [
        replace(e, msgstr_plural=("",) * forms) if e.msgid_plural is not None and not any(e.msgstr_plural) and forms else e
        for e in entries
    ]
    headers = dict(old.headers)
    headers["POT-Creation-Date"] = pot.header("POT-Creation-Date")
    if pot.header(DIGEST_HEADER):
        headers[DIGEST_HEADER] = pot.header(DIGEST_HEADER)
    headers["Content-Type"] = "text/plain; charset=UTF-8"
    return replace(old, entries=tuple(entries), headers=tuple(headers.items()), charset="UTF-8")


def plural_count(plural_forms: str) -> int:
    """nplurals of a Plural-Forms header, 0 when absent."""
    match = re.search(r"nplurals\s*=\s*(\d+)", plural_forms)
    return int(match.group(1)) if match else 0


def gnu_state(entry: Entry) -> str:
    """An active entry's state as ``msgfmt --statistics`` counts it: "untranslated" when its
    first msgstr (``msgstr`` or ``msgstr[0]``) is empty, else "fuzzy" or "translated".

    GNU looks only at the first form: a plural entry with ``msgstr[1]`` empty is translated,
    a fuzzy one with ``msgstr[0]`` empty is untranslated. An empty header entry (read as an
    entry with msgid "") is one untranslated message; a real header is never counted.

    >>> gnu_state(Entry("one", msgid_plural="many", msgstr_plural=("bir", "")))
    'translated'
    >>> gnu_state(Entry("one", msgid_plural="many", msgstr_plural=("", "ko'p"), flags=("fuzzy",)))
    'untranslated'
    """
    first = entry.msgstr_plural[0] if entry.msgid_plural is not None and entry.msgstr_plural else entry.msgstr
    if not first:
        return "untranslated"
    return "fuzzy" if entry.fuzzy else "translated"


def counts(catalog: Catalog, machine_marker: str = MACHINE_COMMENT) -> Counts:
    """Entry counts as ``msgfmt --statistics`` gives them, and source words."""
    total = translated = fuzzy = obsolete = machine = 0
    word_total = word_done = 0
    for entry in catalog.entries:
        if entry.obsolete:
            obsolete += 1
            continue
        total += 1
        n = words(entry.msgid)
        word_total += n
        state = gnu_state(entry)
        if state == "translated":
            translated += 1
            word_done += n
        elif state == "fuzzy":
            fuzzy += 1
            if any(c.startswith(machine_marker) for c in entry.translator_comments):
                machine += 1
    return Counts(
        total=total,
        translated=translated,
        fuzzy=fuzzy,
        untranslated=total - translated - fuzzy,
        obsolete=obsolete,
        words=word_total,
        words_translated=word_done,
        machine=machine,
    )


def recorded_digest(header: Catalog | str) -> str:
    """The source digest a catalogue records (its header, or the text of its file's first lines); "" if none."""
    if isinstance(header, Catalog):
        return header.header(DIGEST_HEADER)
    match = DIGEST_RE.search(header)
    return match.group(1) if match else ""


def texts_key(msgids: Iterable[str]) -> bytes:
    """A digest of a sequence of msgids, to compare a catalogue's texts with its source's."""
    return hashlib.blake2b("\0".join(msgids).encode("utf-8"), digest_size=16).digest()


def is_current(recorded: str, digest: str, texts: Callable[[], bytes], source_texts: Callable[[], bytes]) -> bool:
    """The one rule of whether a catalogue is current with its source.

    It is when it was merged from this very text (the digest it records is the source's), or
    else when its active msgids are the source's (``texts_key`` of each, computed only if need
    be: the source's need its Markdown parsed).

    >>> key = texts_key(["Title", "A paragraph."])
    >>> is_current("ab12", "ab12", lambda: b"", lambda: key)
    True
    >>> is_current("", "ab12", lambda: key, lambda: texts_key(["Title", "A paragraph."]))
    True
    >>> is_current("0000", "ab12", lambda: key, lambda: texts_key(["Title", "An edited paragraph."]))
    False
    """
    return (bool(recorded) and recorded == digest) or texts() == source_texts()


def earlier_translation(doc: Document, catalog: Catalog) -> dict[str, tuple[str, bool]] | None:
    """The translation as it was before the source's last edits, if it is whole: msgid -> (text, from the earlier text?); else None.

    A published translation stays published until its replacement is ready: when an editor
    changes paragraphs of a translated report, ``update`` (or here, the same merge in memory
    for a catalogue not yet updated) keeps each edited paragraph's old translation as a fuzzy
    entry with the old source text as its previous msgid. Taken together with the entries
    still translated, that is the whole translation of the earlier text. It is used only if
    every segment has one (a new paragraph with no translation at all: None), each old text
    left the source (not a copy of another paragraph's translation), no two segments claim the
    same old text, none is a machine draft, and each is still the msgstr the merge kept
    (``earlier_mark``): a translator's half-done edit of a fuzzy entry is never published.

        >>> from tarjima.sources import document, parse_report
    >>> new = parse_report("---\\ntitle: Visit\\ndate: 2024-12-10\\nlang: en\\n---\\n\\nThe delegation arrived on Monday.\\n", "content/v.md", ["en", "ru"])
    >>> doc = document(new, new.body)
    >>> kept = "Делегация прибыла во вторник."
    >>> po = Catalog(entries=(Entry("Visit", "Визит"), Entry("The delegation arrived on Monday.", kept, flags=("fuzzy",), previous_msgid="The delegation arrived on Tuesday.", translator_comments=(earlier_mark(kept),))))
    >>> list(earlier_translation(doc, po).values())
    [('Визит', False), ('Делегация прибыла во вторник.', True)]
    >>> half = replace(po, entries=(po.entries[0], replace(po.entries[1], msgstr="Делегация прибыла в понед")))
    >>> earlier_translation(doc, half) is None
    True
    """
    if recorded_digest(catalog) != doc.report.digest:  # not merged from this text yet: merge as update will
        catalog = merge(catalog, template(doc, ""), mark=True)
    entries = catalog.messages()
    current = set(doc.msgids)
    cells: dict[str, tuple[str, bool]] = {}
    claimed: set[str] = set()
    for text in doc.msgids:
        entry = entries.get(text)
        if entry is None:
            return None
        if entry.translated:
            cells[text] = (entry.msgstr, False)
            continue
        old = entry.previous_msgid
        machine = any(c.startswith(MACHINE_COMMENT) for c in entry.translator_comments)
        if not entry.fuzzy or not entry.msgstr or old is None or old in current or old in entries or old in claimed or machine:
            return None
        if earlier_mark(entry.msgstr) not in entry.translator_comments:  # edited since (half done), or never a whole translation
            return None
        claimed.add(old)
        cells[text] = (entry.msgstr, True)
    return cells if claimed else None


def revision_date(catalog: Catalog) -> str:
    """The day a catalogue was last saved by its translator (PO-Revision-Date), ISO; "" if unknown."""
    value = catalog.header("PO-Revision-Date")[:10]
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        return ""
