"""The floor of a full build in the design card's stack: Hugo's job of the runner, done by markdown-it and Jinja2.

The runner gives Hugo a minimal site (``run.write_hugo_site``): one Markdown file per published
version with its front matter, one aligned table per report, and templates that show a title,
a date, the summary and the body. This script does a strict subset of that job in Python, with
the libraries tarjima itself must use: each file's front matter read by PyYAML's C loader, its
body rendered by markdown-it (CommonMark and tables), the page by a Jinja2 template like Hugo's
``single.html``, and the page written; on every core, by fork, as tarjima's build does. It makes
no listing, no taxonomy and no home page (Hugo makes those too), reads no catalogue and runs no
check, so a tarjima build that does all of that cannot be faster than this script.

    python benchmarks/floor.py HUGO_SITE OUT
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from pathlib import Path

import jinja2
import yaml
from markdown_it import MarkdownIt

SINGLE = """<!doctype html>
<html lang="{{ lang }}"><head><meta charset="utf-8"><title>{{ title }}</title></head>
<body><header><a href="/news/">Benchmark</a></header>
<main><h1>{{ title }}</h1><p><time datetime="{{ date }}">{{ date }}</time></p>
{% if summary %}<p>{{ summary }}</p>{% endif %}{{ content | safe }}</main></body></html>
"""

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MD = MarkdownIt("commonmark").enable("table")
PAGE = jinja2.Environment(autoescape=True).from_string(SINGLE)
FILES: list[tuple[Path, Path]] = []


def split(text: str) -> tuple[dict[str, object], str]:
    """Front matter (YAML between ``---`` lines, or the aligned pages' one line of JSON, which is YAML) and body."""
    if text.startswith("---\n"):
        front, _, body = text[4:].partition("\n---\n")
    else:
        front, _, body = text.partition("\n\n")
    return yaml.load(front, Loader=LOADER) or {}, body


def render(bounds: tuple[int, int]) -> int:
    files = FILES[bounds[0] : bounds[1]]
    for source, target in files:
        meta, body = split(source.read_text(encoding="utf-8"))
        page = PAGE.render(lang=meta.get("lang", ""), title=meta.get("title", ""), date=str(meta.get("date", "")),
                           summary=meta.get("summary"), content=MD.render(body))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page, encoding="utf-8")
    return len(files)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        return 2
    content, out = Path(argv[0]) / "content", Path(argv[1])
    for source in sorted(content.rglob("*.md")):
        if source.name != "_index.md":
            rel = source.relative_to(content).with_suffix("")
            FILES.append((source, out / rel / "index.html"))
    jobs = os.cpu_count() or 1
    size = max(1, -(-len(FILES) // (jobs * 8)))
    chunks = [(i, i + size) for i in range(0, len(FILES), size)]
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        done = sum(pool.imap_unordered(render, chunks))
    print(f"{done} pages")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
