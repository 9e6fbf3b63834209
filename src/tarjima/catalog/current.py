"""The one answer to "is this catalogue current with its source?": the digest it was merged from, or its msgids.

Two commands ask it in two strengths, both answered here:

- ``merged_from``, the strict question (``update``, and the earlier translation, which merges
  in memory as ``update`` would): was the file merged from this very text? If not, merging
  again may change it, even when its msgids are the same (the digest it records, the
  references' line numbers), so ``update`` merges it.
- ``is_current``, the lenient one (``status``, the build's publication decision, ``translate``):
  are its translations for this text? They are when it was merged from it, or else when its
  msgids are the source's: nothing for a translator to do, nothing stale to publish.
"""

from __future__ import annotations

import hashlib
import re
from typing import Callable, Iterable

from tarjima.model import Catalog


DIGEST_HEADER = "X-Source-Digest"  # the digest of the source text a catalogue was last merged from


# That header, in a catalogue's header text or as the quoted line of its file: "X-Source-Digest: ab12\n".
DIGEST_RE = re.compile(r'^"?X-Source-Digest: ([0-9a-f]+)(?:\\n")?\r?$', re.M)  # \r: a file saved with CRLF line ends


def recorded_digest(header: Catalog | str) -> str:
    """The source digest a catalogue records (its header, or the text of its file's first lines); "" if none."""
    if isinstance(header, Catalog):
        return header.header(DIGEST_HEADER)
    match = DIGEST_RE.search(header)
    return match.group(1) if match else ""


def texts_key(msgids: Iterable[str]) -> bytes:
    """A digest of a sequence of msgids, to compare a catalogue's texts with its source's."""
    return hashlib.blake2b("\0".join(msgids).encode("utf-8"), digest_size=16).digest()


def merged_from(recorded: str, digest: str) -> bool:
    """Whether a catalogue (or template) recording the source digest ``recorded`` was merged from the text of ``digest``:
    the strict question (see the module's docstring).

    >>> merged_from("ab12", "ab12"), merged_from("0000", "ab12"), merged_from("", "")
    (True, False, False)
    """
    return bool(recorded) and recorded == digest


def is_current(recorded: str, digest: str, texts: Callable[[], bytes], source_texts: Callable[[], bytes]) -> bool:
    """The one rule of whether a catalogue is current with its source: the lenient question (see the module's docstring).

    It is when it was merged from this very text (``merged_from``), or else when its active
    msgids are the source's (``texts_key`` of each, computed only if need be: the source's need
    its Markdown parsed).

    >>> key = texts_key(["Title", "A paragraph."])
    >>> is_current("ab12", "ab12", lambda: b"", lambda: key)
    True
    >>> is_current("", "ab12", lambda: key, lambda: texts_key(["Title", "A paragraph."]))
    True
    >>> is_current("0000", "ab12", lambda: key, lambda: texts_key(["Title", "An edited paragraph."]))
    False
    """
    return merged_from(recorded, digest) or texts() == source_texts()


def difference(old: Catalog | None, new: Catalog) -> str:
    """What writing ``new`` over ``old`` would change, in words (layout and line ends never count:
    tarjima keeps a file's own).

    >>> from tarjima.model import Entry
    >>> before = Catalog((Entry("Title", "Sarlavha"), Entry("A paragraph.")), (("X-Source-Digest", "ab12"),))
    >>> difference(before, Catalog((Entry("Title", "Sarlavha"), Entry("An edited paragraph.")), (("X-Source-Digest", "cd34"),)))
    'entries: 1 new, 1 no longer in the source; header: X-Source-Digest'
    >>> difference(None, before)
    'no file yet'
    """
    if old is None:
        return "no file yet"
    was = {e.key: e for e in old.entries if not e.obsolete}
    now = {e.key: e for e in new.entries if not e.obsolete}
    parts = [f"{n} {what}" for n, what in (
        (sum(1 for k in now if k not in was), "new"),
        (sum(1 for k in was if k not in now), "no longer in the source"),
        (sum(1 for k, e in now.items() if k in was and was[k] != e), "changed"),
    ) if n]
    if not parts and old.entries != new.entries:
        parts.append("obsolete entries or order")
    said = [f"entries: {', '.join(parts)}"] if parts else []
    fields = dict(old.headers), dict(new.headers)
    names = sorted(k for k in fields[0].keys() | fields[1].keys() if fields[0].get(k) != fields[1].get(k))
    if names or old.header_comments != new.header_comments or old.header_fuzzy != new.header_fuzzy:
        said.append("header: " + (", ".join(names) if names else "comments or fuzzy mark"))
    if old.charset.upper() not in ("UTF-8", "UTF8") and not said:
        said.append(f"charset {old.charset} to UTF-8")
    return "; ".join(said) or "nothing"
