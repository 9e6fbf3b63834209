"""Other outputs of the build, pure: translated Markdown for other site generators, aligned JSON.

The Markdown export marks what the report page marks: a segment shown in the source's language (a
version published under ``publish_threshold``) is wrapped in ``<span lang="…" class="fallback">``
where Markdown allows inline HTML (paragraphs, headings, list items, table cells), the front
matter's ``fallback`` names the source's language and every such segment's id (the page's
``data-seg``: front-matter fields and alt texts cannot hold a span), and the page's note opens the
body as a quote. Photos link to the published copies beside the export (``../media/<slug>/``).
"""

from __future__ import annotations

import json
import re
from typing import Callable, Mapping, Sequence

from markdown_it.token import Token

from tarjima.markdown import block_segments, fold, photo_images
from tarjima.model import FRONT_MATTER_FIELDS
from tarjima.rawhtml import replaced, runs
from tarjima.site.pages.publish import Version
from tarjima.site.pages.render import Cell
from tarjima.sources import Document

ALT_RE = re.compile(r"^!\[(?:[^\]\\]|\\.)*\]")
CONTINUATION_RE = re.compile(r"[^>\s]")


def continuation(prefix: str) -> str:
    """The prefix of a block's next line: its quote markers kept, a list marker turned to the spaces of its width."""
    return CONTINUATION_RE.sub(" ", prefix)


def shown(cells: Mapping[str, Cell], text: str) -> str:
    """The text a reader gets: the translation if final, else the source."""
    cell = cells.get(text)
    return cell.text if cell is not None and cell.final else text


def marked(cells: Mapping[str, Cell], text: str, markdown: str, source_lang: str) -> str:
    """A segment's Markdown as shown, in a span with the source's ``lang`` and the class ``fallback`` when it is the source's text."""
    cell = cells.get(text)
    if cell is None or cell.final:
        return markdown
    return f'<span lang="{source_lang}" class="fallback">{markdown}</span>'


def fallback_ids(doc: Document, cells: Mapping[str, Cell]) -> list[str]:
    """The ids of the segments a version shows in the source's language, in document order."""
    return [s.id for s in doc.segments if s.text in cells and not cells[s.text].final]


# The report page's note (templates/report.html), in the words of the site's catalogues.
FALLBACK_NOTE = ("One passage of this version is not translated yet and is shown in the original language (%(language)s).",
                 "%(count)s passages of this version are not translated yet and are shown in the original language (%(language)s).")
PUBLIC_KEYS = frozenset({*FRONT_MATTER_FIELDS, "date", "end_date", "lang", "slug", "tags", "cover"})  # what a published page shows of the front matter


def front_matter(doc: Document, lang: str, cells: Mapping[str, Cell], photos: Mapping[str, str] | None = None, fallback: Sequence[str] = ()) -> str:
    """The translated front matter: the keys readers may see (PUBLIC_KEYS) in the source's order, other values
    unchanged, ``lang`` this version's, ``cover`` the published copy (``photos``: file -> link); any other key (a
    draft flag, a note for editors) stays out of the export. Last, ``fallback``: the segments shown in the source's language."""
    import yaml  # here: the build imports this module and needs PyYAML only for an export (about 12 ms)

    report = doc.report
    meta: dict[str, object] = {}
    for key, value in doc.front.meta.items():
        if key not in PUBLIC_KEYS:
            continue
        if key in FRONT_MATTER_FIELDS and isinstance(value, str) and value.strip():
            meta[key] = shown(cells, " ".join(value.split()))
        elif key == "date":
            meta[key] = report.date
        elif key == "end_date" and report.end_date:
            meta[key] = report.end_date
        elif key == "lang":
            meta[key] = lang
        elif key == "cover" and isinstance(value, str) and photos and value in photos:
            meta[key] = photos[value]
        else:
            meta[key] = value
    if fallback:
        meta["fallback"] = {"lang": report.lang, "segments": list(fallback)}
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1_000_000) + "---\n"


def markdown_body(doc: Document, cells: Mapping[str, Cell], photos: Mapping[str, str] | None = None) -> str:
    """The body with every segment replaced in place: the source's lines, structure and prefixes kept; each photo
    linked to its published copy (``photos``: src -> link), each segment shown in the source's language marked."""
    tokens = doc.tokens
    lines = doc.body.splitlines()
    replacements: dict[int, tuple[int, list[str]]] = {}  # first line -> (end line, new lines)
    rows: dict[int, tuple[int, list[str]]] = {}
    index = {id(t): i for i, t in enumerate(tokens)}
    photo_blocks = {i: photo_lines(t, cells, photos) for i, t in enumerate(tokens) if doc.photos and t.type == "inline" and photo_images(t) is not None}
    for i, new_lines in photo_blocks.items():
        start, end = tokens[i - 1].map or tokens[i].map or (0, 0)
        first = lines[start]
        replacements[start] = (end, [first[: len(first) - len(first.lstrip())] + line for line in new_lines])
    html_blocks: dict[int, list[str]] = {}  # a raw HTML block -> its runs of prose in this language
    for role, text, _, inline in block_segments(tokens, doc.references, doc.photos):
        i = index[id(inline)]
        if i in photo_blocks:
            continue
        if inline.type == "html_block":
            html_blocks.setdefault(i, []).append(shown(cells, text))
            continue
        opener = tokens[i - 1]
        new = shown(cells, text)
        if role.startswith("table"):
            row = next(t for t in reversed(tokens[:i]) if t.type == "tr_open")
            start, end = row.map or (0, 0)
            cells_of_row = rows.setdefault(start, (end, []))[1]
            cells_of_row.append(marked(cells, text, new, doc.report.lang).replace("|", "\\|"))
            continue
        start, end = opener.map or inline.map or (0, 0)
        if role == "image alt text":
            content = ALT_RE.sub(lambda m: f"![{new}]", inline.content.strip(), count=1)
        else:
            content = marked(cells, text, new, doc.report.lang)
        first = lines[start]
        first_content = inline.content.split("\n", 1)[0].strip()
        if opener.type == "heading_open" and opener.markup in ("=", "-"):
            replacements[start] = (end, [content, opener.markup * 3])
            continue
        if opener.type == "heading_open":
            replacements[start] = (end, [f"{opener.markup} {content}"])
            continue
        column = first.find(first_content) if first_content else len(first)
        prefix = first[: max(column, 0)]
        head, *rest = content.split("\n")  # a hard line break: the next line continues the same block
        replacements[start] = (end, [prefix + head, *(continuation(prefix) + line for line in rest)])
    for start, (end, cells_of_row) in rows.items():
        replacements[start] = (end, ["| " + " | ".join(cells_of_row) + " |"])
    for i, texts in html_blocks.items():
        block = tokens[i]
        start, end = block.map or (0, 0)
        content = replaced(block.content, runs(block.content), texts)
        column = lines[start].find(block.content.split("\n", 1)[0])
        prefix = lines[start][: max(column, 0)]  # a quote's markers, a list item's indent
        head, *rest = content.rstrip("\n").split("\n")
        replacements[start] = (end, [prefix + head, *(continuation(prefix) + line for line in rest)])
    out: list[str] = []
    line = 0
    while line < len(lines):
        if line in replacements:
            end, new_lines = replacements[line]
            out.extend(new_lines)
            line = max(end, line + 1)
        else:
            out.append(lines[line])
            line += 1
    return "\n".join(out) + "\n"


def photo_lines(inline: Token, cells: Mapping[str, Cell], photos: Mapping[str, str] | None = None) -> list[str]:
    """A block of photos in one language: each ``![alt](file "caption")`` on its line, alt text and caption translated,
    the file its published copy where ``photos`` has one."""
    out = []
    for image in photo_images(inline) or ():
        alt = shown(cells, fold(image.content)).replace("]", "\\]")
        title = fold(str(image.attrs.get("title") or ""))
        caption = ' "' + shown(cells, title).replace('"', '\\"') + '"' if title else ""
        src = str(image.attrs.get("src") or "")
        out.append(f"![{alt}]({(photos or {}).get(src, src)}{caption})")
    return out


def markdown_document(doc: Document, lang: str, cells: Mapping[str, Cell], photos: Mapping[str, str] | None = None, note: str = "") -> str:
    """One language version as a Markdown file for Hugo, Jekyll or mkdocs; ``note``: what the page says of its fallbacks, first."""
    head = front_matter(doc, lang, cells, photos, fallback_ids(doc, cells)) + "\n"
    return head + (f"> {note}\n\n" if note else "") + markdown_body(doc, cells, photos).lstrip("\n")


def aligned_json(doc: Document, versions: Sequence[Version]) -> str:
    """One report's published versions aligned by segment id: what readers of each version are shown, nothing else.

    A public output (site.output.folders): no unpublished or held version, no draft or fuzzy text, no
    comment, state or file path. A segment a version shows in the source language (a version
    published above publish_threshold) is null in that language.
    """
    report = doc.report
    segments = []
    for segment in doc.segments:
        texts: dict[str, str | None] = {}
        for v in versions:
            cell = None if v.is_source else v.cells.get(segment.text)
            texts[v.lang.tag] = segment.text if v.is_source else cell.text if cell is not None and cell.final and cell.state != "source" else None
        segments.append({"id": segment.id, "role": segment.role, "text": texts})
    document = {
        "slug": report.slug,
        "source_lang": report.lang,
        "date": report.date.isoformat(),
        "end_date": report.end_date.isoformat() if report.end_date else None,
        "languages": [v.lang.tag for v in versions],
        "segments": segments,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def markdown_files(versions: Sequence[Version], photos: Mapping[str, Mapping[str, str]] | None = None, notes: Callable[[Version], str] | None = None) -> dict[str, str]:
    """Each publishable version as Markdown with translated front matter: OUT/<folder>/<slug>.md, its photos linked
    from there to their copies (``photos``: slug -> src -> OUT path), ``notes`` the note of a version with fallbacks."""
    out = {}
    for v in versions:
        links = {src: "../" + path for src, path in (photos or {}).get(v.report.slug, {}).items()}
        note = notes(v) if notes is not None and v.fallbacks else ""
        out[f"{v.lang.folder}/{v.report.slug}.md"] = markdown_document(v.doc, v.lang.tag, v.cells, links, note)
    return out
