"""A report's template catalogue, a new catalogue for a language, and the word count of a text."""

from __future__ import annotations

import re
from functools import lru_cache

from tarjima.catalog.current import DIGEST_HEADER
from tarjima.model import FRONT_MATTER_FIELDS, Catalog, Entry
from tarjima.sources import Document


# Greedy, not possessive: with "++" and "*+" here, CPython before 3.11.5 (Debian 12's is 3.11.2) ends some
# words with a joiner ("a''" gives "a'", gh-106052; the count stayed the same). Greedy: the same words everywhere.
WORD_RE = re.compile(r"[\w\u02bb\u02bc]+(?:[-'’][\w\u02bb\u02bc]+)*")


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
    headers: tuple[tuple[str, str], ...] = (
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


# Where WORD_RE's count is the number of runs of word characters once the ASCII joiners - and ' are taken
# out, it is counted on the UTF-8 bytes at C speed, a word byte as "a" and any other as " ": when no two
# joiners stand side by side and every character beyond ASCII is a word character, which the bytes show
# when each such character's lead byte is one all of whose 64 characters are (Latin Extended-A and B,
# IPA and ʻ ʼ, Cyrillic but U+0480-U+04BF, Arabic U+0680-U+06BF: ``tests/test_quick_verdict.py``).
WORD_LEADS = bytes(range(0xC4, 0xCB)) + b"\xd0\xd1\xd3\xda"
MULTIBYTE_WORD = WORD_LEADS + bytes(range(0x80, 0xC0))  # those leads and every continuation byte
RUNS = bytes(0x61 if byte >= 0x80 or chr(byte).isalnum() or byte == 0x5F else 0x20 for byte in range(256))


@lru_cache(maxsize=4096)
def words(text: str) -> int:
    """Words in a text as editors count them; U+02BB and U+02BC are letters, so oʻzbek is one word."""
    data = text.encode("utf-8")
    if (data.isascii() or data.translate(None, MULTIBYTE_WORD).isascii()) and not (b"--" in data or b"''" in data or b"-'" in data or b"'-" in data):
        runs = data.translate(RUNS, b"-'")
        return runs.count(b" a") + runs.startswith(b"a")
    return len(WORD_RE.findall(text))
