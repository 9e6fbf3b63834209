"""What was online stays online until its replacement is ready: each translated version's text as last published.

When a build publishes a translated version whose text differs from what the record holds, it
keeps that text as Markdown (the same file ``build --format markdown`` makes) in
``published/<lang>/<slug>.md``, committed with the record (site.record). When the version later
falls below the publishing rule for any reason (a new paragraph, an error-level check finding,
a raised threshold, a review that no longer holds), the kept text is published instead, with
the notice that it follows an earlier text of the original, until the version is publishable
again. Only an editor takes a version down: ``unpublish: [ru]``, ``draft: true`` or
``retracted: <reason>`` in the front matter (site.pages.publish), and the build names each one.
"""

from __future__ import annotations

import dataclasses
import zlib
from pathlib import Path
from typing import Sequence

from tarjima.config import Config, Language
from tarjima.errors import InputError
from tarjima.files import read_text, sweep, write_if_changed
from tarjima.model import Front, Report
from tarjima.site.pages.export import markdown_document
from tarjima.site.pages.publish import Skipped, Version
from tarjima.site.record import Entry, Record, note_digest, text_digest, updated
from tarjima.site.pages.render import Cell
from tarjima.sources import document, parse_source

FOLDER = "published"
STAYS_ONLINE = "stays online until this one is ready"  # what the build says of a version held while its last published text stays online


def kept_file(lang: Language, slug: str) -> str:
    """A kept text's path relative to the project root."""
    return f"{FOLDER}/{lang.tag}/{slug}.md"


def kept_text(version: Version) -> str:
    """What is kept of a published translated version: its Markdown as readers get it."""
    return markdown_document(version.doc, version.lang.tag, version.cells)


def kept_version(config: Config, report: Report, lang: Language, entry: Entry) -> Version | None:
    """The version as last published, from its kept text (None when there is none); its passages are the kept
    translations, shown as final, and it is marked as following the original's text of its last change."""
    rel = kept_file(lang, report.slug)
    path = config.root / rel
    if not path.is_file():
        return None
    text = read_text(path, rel)
    try:
        kept, front, body = parse_source(text, report.path, config.tags)
    except InputError as exc:
        raise InputError(rel, exc.message, "restore it from git (tarjima writes it when it publishes the version)", exc.line) from None
    kept = dataclasses.replace(kept, lang=report.lang, slug=report.slug)  # the original's language: "translated from", the photos' bundle
    doc = document(kept, front, body)
    cells = {s.text: Cell(s.text, "earlier") for s in doc.segments}
    return Version(doc, lang, cells, False, entry.last_changed[:10], kept=True)


def keep_online(config: Config, report: Report, targets: Sequence[Language], versions: list[Version], skipped: list[Skipped], earlier: list[Skipped],
                record: Record, taken_down: frozenset[str]) -> list[Version]:
    """The versions, with the kept text of each target version that was published and is no longer publishable
    (not one an editor took down): its reason moves from ``skipped`` to ``earlier``, which says the last published text stays online."""
    shown = {v.lang.tag for v in versions}
    kept_now: list[Version] = []
    for lang in targets:
        entry = record.get((report.slug, lang.tag))
        if lang.tag in shown or lang.tag in taken_down or entry is None or entry.retracted:
            continue
        version = kept_version(config, report, lang, entry)
        if version is None:
            continue
        kept_now.append(version)
        why = "; ".join(w for slug, tag, w in skipped if (slug, tag) == (report.slug, lang.tag)) or "not publishable now"
        skipped[:] = [s for s in skipped if (s[0], s[1]) != (report.slug, lang.tag)]
        earlier.append((report.slug, lang.tag, f"the text published on {entry.last_changed[:10]} {STAYS_ONLINE}: {why}"))
    order = {lang.tag: i for i, lang in enumerate(config.languages)}
    return sorted([*versions, *kept_now], key=lambda v: order[v.lang.tag])


TAKEN_DOWN = "taken down: unpublish: [{tags}] in the front matter"
RETRACTED = "taken down: retracted in the front matter ({reason})"


def control(config: Config, report: Report, front: Front, targets: Sequence[Language], versions: list[Version], skipped: list[Skipped],
            earlier: list[Skipped], record: Record) -> list[Version]:
    """What an editor decides after the publishing rule and the holds: versions taken down (``unpublish``, or the whole
    report ``retracted``), then the kept text of each version that was published and is not publishable now.

    A report whose own language is not published (a draft, a schedule, clearance) keeps nothing online."""
    meta = front.meta
    if meta.get("retracted"):
        reason = " ".join(str(meta["retracted"]).split())
        skipped[:] = [s for s in skipped if s[0] != report.slug] + [
            (report.slug, lang.tag, RETRACTED.format(reason=reason)) for lang in (config.language(report.lang), *targets)]
        earlier[:] = [e for e in earlier if e[0] != report.slug]
        return []
    taken = frozenset(str(t) for t in meta.get("unpublish") or ())
    if taken:
        why = TAKEN_DOWN.format(tags=", ".join(sorted(taken)))
        skipped[:] = [s for s in skipped if (s[0], s[1]) not in {(report.slug, t) for t in taken}] + [(report.slug, tag, why) for tag in sorted(taken)]
        earlier[:] = [e for e in earlier if (e[0], e[1]) not in {(report.slug, t) for t in taken}]
        versions = [v for v in versions if v.lang.tag not in taken]
    if not any(v.is_source for v in versions):
        return versions
    return keep_online(config, report, targets, versions, skipped, earlier, record, taken)


def recorded(config: Config, report: Report, front: Front, versions: Sequence[Version], record: Record, moment: str,
             first: str = "") -> tuple[list[Entry], dict[str, str]]:
    """The record's rows of a report after this build (site.record), and the kept texts that change: each published
    version dated by the record (or now, ``moment``, if new or changed; ``first``: a scheduled report's moment);
    a retracted report's rows keep their dates and get the retraction's."""
    rows: list[Entry] = []
    kept: dict[str, str] = {}
    if front.meta.get("retracted"):
        for lang in config.languages:
            old = record.get((report.slug, lang.tag))
            if old is not None:
                rows.append(old if old.retracted else old._replace(retracted=moment))
        return rows, kept
    note = note_digest(str(front.meta.get("correction") or ""))
    for v in versions:
        old = record.get((report.slug, v.lang.tag))
        if v.kept and old is not None:
            rows.append(old)
            continue
        digest = text_digest((s.id, s.text if v.is_source else v.text(s.text)) for s in v.doc.segments)
        row = updated(old, report.slug, v.lang.tag, digest, note, moment, first)
        rows.append(row)
        rel = kept_file(v.lang, report.slug)
        if not v.is_source and (old is None or old.digest != digest or not (config.root / rel).is_file()):
            kept[rel] = kept_text(v)
    return rows, kept


def pack(texts: dict[str, str]) -> dict[str, bytes]:
    """Kept texts as a build holds them until it writes them: UTF-8, compressed (zlib's fastest level)."""
    return {rel: zlib.compress(text.encode("utf-8"), 1) for rel, text in texts.items()}


def write_kept(root: Path, files: dict[str, bytes]) -> int:
    """Write the kept texts (``pack``ed) that changed (after the site is in place; the project's lock held); how many.
    Each folder written in is first swept of the temporary files a build cut short left there."""
    for folder in {(root / rel).parent for rel in files}:
        sweep(folder)
    return sum(write_if_changed(root / rel, zlib.decompress(packed)) for rel, packed in files.items())
