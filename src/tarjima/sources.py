"""Report sources: Markdown with YAML front matter, text in, Report (its Front and body beside it) out; a body parsed into a Document (no I/O)."""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import re
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Mapping, Sequence
from zoneinfo import ZoneInfo

from tarjima.config import DEFAULT_TIMEZONE
from tarjima.errors import InputError
from tarjima.front_matter import DATE_RE, load_front_matter
from tarjima.markdown import References, body_segments, fold, is_local_src, markdown_parser, references_in
from tarjima.model import FRONT_MATTER_FIELDS, Front, Report, Segment
from tarjima.publication import parse_clearance, parse_moment, without_clearance

if TYPE_CHECKING:
    from markdown_it.token import Token

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# The site's own pages in every language folder (site.pages.listings ARCHIVE, site.pages.report TAGS, tarjima.search PAGE):
# a report page there would be overwritten by the listing, or would overwrite it.
RESERVED_SLUGS = ("archive", "search", "tags")
FENCE_RE = re.compile(r"^(---|\.\.\.)[ \t]*$")
REQUIRED = ("title", "date", "lang")
# Every front-matter key tarjima reads; any other is ignored, and named by ``unknown_key_warnings``.
KNOWN_KEYS = ("title", "date", "lang", "summary", "location", "end_date", "slug", "tags", "cover", "draft", "unpublish", "retracted", "correction", "cleared", "publish_at")


def reserved_slug(slug: str) -> str | None:
    """Why a slug cannot be a report's (it is the address of one of the site's own pages), or None."""
    if slug in RESERVED_SLUGS:
        return f"slug {slug!r} is the address of the site's own {slug} page in every language"
    return None


def split_front_matter(text: str, path: str) -> tuple[str, str, int]:
    """Split ``---`` YAML front matter from the body; return (yaml, body, body's first line)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip("\r\n").rstrip() != "---":
        raise InputError(path, "no YAML front matter", "start the file with a line '---', the fields, then '---'", 1)
    for index, line in enumerate(lines[1:], start=1):
        if FENCE_RE.match(line.rstrip("\r\n")):
            return "".join(lines[1:index]), "".join(lines[index + 1 :]), index + 2
    raise InputError(path, "front matter is not closed", "end it with a line '---'", 1)


def parse_date(value: Any, name: str, path: str, line: int | None) -> dt.date:
    """A front-matter date: YYYY-MM-DD."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and DATE_RE.fullmatch(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise InputError(path, f"`{name}` is not a date: {value!r}", "write it as YYYY-MM-DD", line)


EXTRACTION_VERSION = "2"  # bump when segment extraction changes, with what it changes in EXTRACTION_CHANGES, so that catalogues are merged again
# Each version's change, as the texts it can read differently from the version before (a superset:
# a text it matches may still give the same entries). A text that no change matches keeps the digest
# it had: an upgrade rewrites only the catalogues whose entries it may change (version 1: all before).
EXTRACTION_CHANGES = (
    ("2", re.compile(r"\[\^|<[A-Za-z/!?]")),  # footnotes ([^1]); the text of raw HTML blocks (a tag)
)


def extraction_version(text: str) -> str:
    r"""The version of the extraction rules a text is read by: the newest whose change can touch it.

    >>> extraction_version("A paragraph with *emphasis* and [a link](https://example.org/).\n")
    '1'
    >>> extraction_version("A note[^1].\n\n[^1]: The note.\n"), extraction_version('<div class="note">Moved.</div>\n')
    ('2', '2')
    """
    return next((version for version, touches in reversed(EXTRACTION_CHANGES) if touches.search(text)), "1")


def source_digest(text: str) -> str:
    """What a report's catalogues were made from: its text and the extraction rules it is read by (its ``cleared:``
    line aside: clearing a report leaves its catalogues current)."""
    kept = without_clearance(text)
    return hashlib.sha256(f"{extraction_version(kept)}\0{kept}".encode("utf-8")).hexdigest()[:20]


def bundle_folder(path: str) -> str:
    """The folder name of a page bundle's ``<slug>/index.md`` (its photos beside it), or "" for a plain source."""
    parts = path.rsplit("/", 2)
    return parts[-2] if len(parts) >= 2 and parts[-1] == "index.md" and parts[-2] != "content" else ""


def default_slug(path: str) -> str:
    """The slug of a source without ``slug:``: its bundle folder's name, else its file's stem."""
    return bundle_folder(path) or path.rsplit("/", 1)[-1].removesuffix(".md")


DECLARED_SLUG_RE = re.compile(r"""^slug:[ \t]*(['"]?)([a-z0-9]+(?:-[a-z0-9]+)*)\1[ \t]*(?:#.*)?$""", re.M)


def declared_slug(text: str) -> str | None:
    """The ``slug:`` line of a source's front matter as written, read without YAML (for a source refused as bad input), or None.

    >>> declared_slug("---\\ntitle: A\\nslug: 'the-talk'\\ndate: 2024-13-10\\n---\\n\\nslug: not-this\\n")
    'the-talk'
    """
    lines = text.split("\n")
    end = next((i for i, line in enumerate(lines[1:], start=1) if FENCE_RE.match(line.rstrip("\r"))), len(lines))
    match = DECLARED_SLUG_RE.search("\n".join(line.rstrip("\r") for line in lines[1:end]))
    return match.group(2) if match else None


def parse_report(text: str, path: str, languages: Sequence[str], timezone: str = DEFAULT_TIMEZONE) -> Report:
    """Parse one report source; ``path`` is relative to the project root, ``languages`` the configured tags,
    ``timezone`` the project's (``publish_at`` without an offset is read in it).

    The front matter is checked here; the Markdown body is parsed by ``document`` when needed.
    """
    return parse_source(text, path, languages, timezone)[0]


def parse_document(text: str, path: str, languages: Sequence[str], timezone: str = DEFAULT_TIMEZONE) -> Document:
    """Parse one report source, body and all (see ``parse_report`` and ``document``)."""
    return document(*parse_source(text, path, languages, timezone))


def parse_source(text: str, path: str, languages: Sequence[str], timezone: str = DEFAULT_TIMEZONE) -> tuple[Report, Front, str]:
    """Parse one report source (as ``parse_report``): the report, its front matter and its Markdown body."""
    front, body, body_line = split_front_matter(text, path)
    meta, lines = load_front_matter(front, path)
    unknown = unknown_keys(meta, lines)
    for name in REQUIRED:
        if meta.get(name) in (None, ""):
            near = next((f"`{key}` on line {line} looks like it: rename it to `{name}`" for key, line in unknown if closest_key(key) == name), "")
            raise InputError(path, f"required field `{name}` is missing", near or f"add '{name}:' to the front matter", 2)
    lang = str(meta["lang"])
    by_lower = {tag.lower(): tag for tag in languages}
    if lang.lower() not in by_lower:
        raise InputError(path, f"unknown language {lang!r} in `lang`", "use one of " + ", ".join(languages), lines.get("lang"))
    date = parse_date(meta["date"], "date", path, lines.get("date"))
    end_date = parse_date(meta["end_date"], "end_date", path, lines.get("end_date")) if meta.get("end_date") else None
    if end_date and end_date < date:
        raise InputError(path, "`end_date` is before `date`", "swap them or fix the year", lines.get("end_date"))
    slug = str(meta.get("slug") or default_slug(path))
    if not SLUG_RE.match(slug):
        what = "would reach outside the project" if "/" in slug or ".." in slug else "is not a valid slug"
        raise InputError(path, f"slug {slug!r} {what}", "use lowercase a-z, 0-9 and hyphens", lines.get("slug", 1))
    taken = reserved_slug(slug)
    if taken:
        raise InputError(path, taken, f"give the report another, e.g. 'slug: {slug}-{date.year}' in its front matter", lines.get("slug", 1))
    for name in FRONT_MATTER_FIELDS:
        if name in meta and not isinstance(meta[name], str):
            raise InputError(path, f"`{name}` must be text", f"write '{name}: ...' on one line", lines.get(name))
    if "tags" in meta:
        meta = {**meta, "tags": tag_list(meta["tags"], path, lines.get("tags"))}
    if "cover" in meta and not (isinstance(meta["cover"], str) and is_local_src(meta["cover"])):
        raise InputError(path, "`cover` must name a photo file beside the report", "write 'cover: photo.jpg'", lines.get("cover"))
    if "cover" in meta and not bundle_folder(path):
        raise InputError(path, "a cover photo needs a page bundle", "move the report to <slug>/index.md and put its photos beside it", lines.get("cover"))
    if "draft" in meta and not isinstance(meta["draft"], bool):
        raise InputError(path, f"`draft` must be true or false, not {meta['draft']!r}", "write 'draft: true' to keep the report unpublished, or remove the line", lines.get("draft"))
    if "unpublish" in meta:
        taken = meta["unpublish"]
        if not isinstance(taken, list) or not taken or any(str(t).lower() not in by_lower for t in taken):
            raise InputError(path, "`unpublish` must list configured languages", "write 'unpublish: [ru]' to take the Russian version down", lines.get("unpublish"))
        if any(str(t).lower() == lang.lower() for t in taken):
            raise InputError(path, "`unpublish` names the report's own language", "take the whole report down with 'retracted: <reason>' (or 'draft: true')", lines.get("unpublish"))
        meta = {**meta, "unpublish": [by_lower[str(t).lower()] for t in taken]}
    if "retracted" in meta and not str(meta["retracted"] or "").strip():
        raise InputError(path, "`retracted` needs the reason readers will see", "write 'retracted: The report named the wrong date.'", lines.get("retracted"))
    segments = [
        Segment(name, name, fold(meta[name]), lines.get(name, 1))
        for name in FRONT_MATTER_FIELDS
        if fold(str(meta.get(name) or ""))
    ]
    meta = {**meta, "lang": by_lower[lang.lower()]}
    report = Report(
        path=path,
        slug=slug,
        lang=by_lower[lang.lower()],
        date=date,
        end_date=end_date,
        tags=tuple(meta.get("tags") or ()),
        body_line=body_line,
        digest=source_digest(text),
        draft=meta.get("draft") is True,
        unknown=unknown,
        cleared=parse_clearance(meta["cleared"], text, path, lines.get("cleared")) if "cleared" in meta else None,
        publish_at=parse_moment(meta["publish_at"], ZoneInfo(timezone), "`publish_at`", path, lines.get("publish_at")) if "publish_at" in meta else None,
    )
    return report, Front(meta, tuple(segments)), body


def tag_list(value: Any, path: str, line: int | None) -> list[str]:
    """``tags:`` as written, each a text of any letters (``Семинар``, ``human rights``; a number as text), blanks folded;
    its address is given by the first build that finds it (site.tags)."""
    if not isinstance(value, list):
        raise InputError(path, "`tags` must be a list of tags", "write 'tags: [seminar, Права человека]'", line)
    tags = [" ".join(str(t).split()) if isinstance(t, (str, int)) and not isinstance(t, bool) else "" for t in value]
    if not all(tags):
        raise InputError(path, "`tags` must be a list of tags, each a text", "write every tag as text, e.g. 'tags: [seminar, Права человека]' (an empty item, a list or true is not a tag)", line)
    return list(dict.fromkeys(tags))


def unknown_keys(meta: Mapping[Any, Any], lines: Mapping[str, int]) -> tuple[tuple[str, int], ...]:
    """The front-matter keys tarjima does not know (see KNOWN_KEYS), each with its file line, in source order."""
    return tuple((str(key), lines.get(str(key), 2)) for key in meta if str(key) not in KNOWN_KEYS)


def closest_key(name: str) -> str | None:
    """The known front-matter key a mistyped one most likely means (``tilte`` -> ``title``, ``end-date`` -> ``end_date``), if any is close."""
    spelled = "_".join(name.strip().lower().replace("-", "_").split())
    if spelled in KNOWN_KEYS:
        return spelled
    found = difflib.get_close_matches(spelled, KNOWN_KEYS, n=1, cutoff=0.65)
    return found[0] if found else None


def unknown_key_warnings(reports: Iterable[Report]) -> Iterator[InputError]:
    """One warning per front-matter key tarjima does not know, naming the file, the line and the closest known key.

    The key is ignored: the report is published as if it were not there (``check --strict`` makes it an error).
    """
    for report in reports:
        for key, line in report.unknown:
            near = closest_key(key)
            hint = f"did you mean `{near}`?" if near else "the keys tarjima knows: " + ", ".join(KNOWN_KEYS)
            yield InputError(report.path, f"unknown front-matter key `{key}`: tarjima ignores it", hint, line)


@dataclass(frozen=True)
class Document:
    """A report with its body parsed once: the token stream, its link reference definitions and every segment.

    Every text of the report, source or translation, is parsed in the context of ``references``.
    """

    report: Report
    front: Front
    tokens: list[Token]
    references: References
    segments: tuple[Segment, ...]  # the front-matter fields, then each Markdown block in order
    body: str = ""  # the Markdown the tokens were parsed from

    @property
    def photos(self) -> bool:
        """Whether the report is a page bundle, whose local images are photos (figures, galleries, captions)."""
        return bool(bundle_folder(self.report.path))

    @cached_property
    def msgids(self) -> tuple[str, ...]:
        """Distinct segment texts in first-occurrence order: the catalogue's msgids."""
        return tuple(dict.fromkeys(s.text for s in self.segments))


def document(report: Report, front: Front, body: str) -> Document:
    """Parse a report's body (its Markdown after the front matter) into tokens, reference definitions and segments."""
    env: dict[str, object] = {}
    tokens = markdown_parser().parse(body, env)
    references = references_in(env)
    photos = bool(bundle_folder(report.path))
    return Document(report, front, tokens, references, front.segments + body_segments(tokens, report.body_line, references, photos), body)


def body_references(body: str) -> References:
    """A body's link reference definitions alone (the checks' context), without segmenting it."""
    if "]:" not in body:  # every definition has one: ``[label]: destination``
        return ()
    env: dict[str, object] = {}
    markdown_parser().parse(body, env)
    return references_in(env)
