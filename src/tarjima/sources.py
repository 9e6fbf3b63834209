"""Report sources: Markdown with YAML front matter, text in, Report out (no I/O)."""

from __future__ import annotations

import copy
import functools
import marshal
import datetime as dt
import hashlib
import re
from functools import lru_cache
from typing import Any, Callable, Iterator, MutableMapping, Sequence

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from tarjima.errors import InputError
from tarjima.model import FRONT_MATTER_FIELDS, Report, Segment

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FENCE_RE = re.compile(r"^(---|\.\.\.)[ \t]*$")
REQUIRED = ("title", "date", "lang")


@lru_cache(maxsize=1)
def markdown_parser() -> MarkdownIt:
    """The one Markdown dialect of tarjima: CommonMark with tables, raw HTML recognised."""
    return MarkdownIt("commonmark", {"html": True}).enable("table")


def split_front_matter(text: str, path: str) -> tuple[str, str, int]:
    """Split ``---`` YAML front matter from the body; return (yaml, body, body's first line)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip("\r\n").rstrip() != "---":
        raise InputError(path, "no YAML front matter", "start the file with a line '---', the fields, then '---'", 1)
    for index, line in enumerate(lines[1:], start=1):
        if FENCE_RE.match(line.rstrip("\r\n")):
            return "".join(lines[1:index]), "".join(lines[index + 1 :]), index + 2
    raise InputError(path, "front matter is not closed", "end it with a line '---'", 1)


SafeBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML has it: ten times faster


class FrontMatterLoader(SafeBase):  # type: ignore[valid-type,misc]
    """YAML's safe loader, with dates left as text: tarjima checks them and names the line."""


FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in SafeBase.yaml_implicit_resolvers.items()
}


def load_front_matter(source: str, path: str) -> tuple[dict[str, Any], dict[str, int]]:
    """Parse YAML front matter safely; return the mapping and each top-level key's file line."""
    loader = FrontMatterLoader(source)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 2 if mark else None
        raise InputError(path, f"invalid YAML front matter: {exc.problem}", "fix the front matter syntax", line) from None
    except yaml.YAMLError as exc:
        raise InputError(path, f"invalid YAML front matter: {exc}", "fix the front matter syntax", 2) from None
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        raise InputError(path, "front matter is not a mapping of fields", "write 'field: value' lines", 2)
    lines = {str(k.value): k.start_mark.line + 2 for k, _ in node.value} if node is not None else {}
    return data, lines


def parse_date(value: Any, name: str, path: str, line: int | None) -> dt.date:
    """A front-matter date: YYYY-MM-DD."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise InputError(path, f"`{name}` is not a date: {value!r}", "write it as YYYY-MM-DD", line)


EXTRACTION_VERSION = "1"  # bump when segment extraction changes, so that every catalogue is merged again


def source_digest(text: str) -> str:
    """What a report's catalogues were made from: its text and the extraction rules."""
    return hashlib.sha256(f"{EXTRACTION_VERSION}\0{text}".encode("utf-8")).hexdigest()[:20]


def body_segments(tokens: Sequence[Token], body_line: int) -> tuple[Segment, ...]:
    """The body's segments, ids b1, b2, ... in document order, lines in the source file."""
    return tuple(
        Segment(f"b{n}", role, text, body_line + line)
        for n, (role, text, line, _) in enumerate(block_segments(tokens), start=1)
    )


FrontMatterMemo = MutableMapping[str, Any]  # front matter text -> (mapping, key lines), e.g. an on-disk cache


def parse_report(text: str, path: str, languages: Sequence[str], memo: FrontMatterMemo | None = None) -> Report:
    """Parse one report source; ``path`` is relative to the project root, ``languages`` the configured tags.

    The front matter is checked here (its YAML parse may come from ``memo``, keyed by the
    front matter's text); the Markdown body is parsed when first needed.
    """
    front, body, body_line = split_front_matter(text, path)
    known = memo.get(front) if memo is not None else None
    if known is not None:
        meta, lines = copy.deepcopy(known[0]), dict(known[1])
    else:
        meta, lines = load_front_matter(front, path)
        if memo is not None:
            memo[front] = (copy.deepcopy(meta), lines)
    for name in REQUIRED:
        if meta.get(name) in (None, ""):
            raise InputError(path, f"required field `{name}` is missing", f"add '{name}:' to the front matter", 2)
    lang = str(meta["lang"])
    by_lower = {tag.lower(): tag for tag in languages}
    if lang.lower() not in by_lower:
        raise InputError(path, f"unknown language {lang!r} in `lang`", "use one of " + ", ".join(languages), lines.get("lang"))
    date = parse_date(meta["date"], "date", path, lines.get("date"))
    end_date = parse_date(meta["end_date"], "end_date", path, lines.get("end_date")) if meta.get("end_date") else None
    if end_date and end_date < date:
        raise InputError(path, "`end_date` is before `date`", "swap them or fix the year", lines.get("end_date"))
    stem = path.rsplit("/", 1)[-1].removesuffix(".md")
    slug = str(meta.get("slug") or stem)
    if not SLUG_RE.match(slug):
        what = "would reach outside the project" if "/" in slug or ".." in slug else "is not a valid slug"
        raise InputError(path, f"slug {slug!r} {what}", "use lowercase a-z, 0-9 and hyphens", lines.get("slug", 1))
    for name in ("title", "summary", "location"):
        if name in meta and not isinstance(meta[name], str):
            raise InputError(path, f"`{name}` must be text", f"write '{name}: ...' on one line", lines.get(name))
    if "tags" in meta and not isinstance(meta["tags"], list):
        raise InputError(path, "`tags` must be a list", "write 'tags: [seminar, icrc]'", lines.get("tags"))
    segments = [
        Segment(name, name, fold(meta[name]), lines.get(name, 1))
        for name in FRONT_MATTER_FIELDS
        if fold(str(meta.get(name) or ""))
    ]
    meta = {**meta, "lang": by_lower[lang.lower()]}
    return Report(
        path=path,
        slug=slug,
        lang=by_lower[lang.lower()],
        date=date,
        end_date=end_date,
        front=(meta, tuple(segments)),
        markdown=body,
        body_line=body_line,
        digest=source_digest(text),
    )


def fold(text: str) -> str:
    """One segment's text: line breaks folded to single spaces, outer blanks trimmed."""
    return " ".join(part.strip() for part in text.strip().splitlines() if part.strip())


def block_segments(tokens: Sequence[Token]) -> Iterator[tuple[str, str, int, Token]]:
    """(role, text, 0-based body line, inline token) for each translatable block, in document order.

    The renderer walks the same tokens with this function, so the n-th segment of a
    source is the n-th segment of every translation: that is what aligns the pages.
    """
    containers: list[str] = []
    line = 0
    for index, token in enumerate(tokens):
        if token.map:
            line = token.map[0]
        if token.nesting == 1:
            containers.append(token.type)
        elif token.nesting == -1:
            containers.pop()
        if token.type != "inline":
            continue
        image = sole_image(token)
        if image is not None:
            text = fold(image.content)
            if text:
                yield "image alt text", text, line, token
            continue
        text = fold(token.content)
        if text:
            yield role_of(containers, tokens[index - 1]), text, line, token


def sole_image(token: Token) -> Token | None:
    """The image token when an inline block is nothing but one image."""
    children = [c for c in token.children or () if not (c.type == "text" and not c.content.strip())]
    if len(children) == 1 and children[0].type == "image":
        return children[0]
    return None


def role_of(containers: Sequence[str], opener: Token) -> str:
    """The role of an inline block, named from the block that holds it."""
    if opener.type == "heading_open":
        return f"heading {opener.tag[1:]}"
    if opener.type in ("th_open", "td_open"):
        return "table header cell" if opener.type == "th_open" else "table cell"
    if "list_item_open" in containers:
        return "list item"
    if "blockquote_open" in containers:
        return "blockquote paragraph"
    return "paragraph"


# A parsed source as plain data, for the source index: everything but the body. The front
# matter is kept marshalled apart: most commands never look at an unchanged report's.
Record = tuple  # (slug, lang, date, end_date or "", body_line, digest, marshalled (meta, front segments))


def to_record(report: Report) -> Record:
    end = report.end_date.isoformat() if report.end_date else ""
    front = marshal.dumps((dict(report.meta), tuple(tuple(s) for s in report.front_segments)))
    return (report.slug, report.lang, report.date.isoformat(), end, report.body_line, report.digest, front)


def from_record(record: Record, path: str, body: Callable[[], str]) -> Report:
    slug, lang, date, end, body_line, digest, front = record
    return Report(
        path=path,
        slug=slug,
        lang=lang,
        date=dt.date.fromisoformat(date),
        end_date=dt.date.fromisoformat(end) if end else None,
        front=functools.partial(read_front, front),
        markdown=body,
        body_line=body_line,
        digest=digest,
    )


def read_front(data: bytes) -> tuple[dict[str, Any], tuple[Segment, ...]]:
    meta, segments = marshal.loads(data)
    return meta, tuple(Segment._make(s) for s in segments)


def record_digest(record: Record) -> str:
    return str(record[5])
