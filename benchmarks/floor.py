"""The floor of a full build in the design card's stack: Hugo's job of the runner, done by markdown-it and Jinja2.

The runner gives Hugo a minimal site (``run.write_hugo_site``): one Markdown file per published
version with its front matter, one aligned table per report, and templates that show a title,
a date, the summary and the body. This script does a strict subset of that job in Python, with
the libraries tarjima itself must use: each file's front matter read by PyYAML's C loader, its
body rendered by markdown-it (CommonMark and tables), the page by a Jinja2 template like Hugo's
``single.html``, and the page written; on every core, by fork, as tarjima's build does. It makes
no listing, no taxonomy and no home page (Hugo makes those too), reads no catalogue and runs no
check, so a tarjima build that does all of that cannot be faster than this script.

With ``--engine pyromark`` the bodies are rendered by pyromark (pulldown-cmark, CommonMark and
tables) instead of markdown-it: the floor of the same job with a compiled Markdown engine, the one
tarjima's pages use where it renders as markdown-it does (``compiled.py``); markdown-it is
then not imported at all.

    python benchmarks/floor.py [--engine markdown-it|pyromark] HUGO_SITE OUT
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from pathlib import Path
from typing import Callable

import jinja2
import yaml

SINGLE = """<!doctype html>
<html lang="{{ lang }}"><head><meta charset="utf-8"><title>{{ title }}</title></head>
<body><header><a href="/news/">Benchmark</a></header>
<main><h1>{{ title }}</h1><p><time datetime="{{ date }}">{{ date }}</time></p>
{% if summary %}<p>{{ summary }}</p>{% endif %}{{ content | safe }}</main></body></html>
"""

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
ENGINES = ("markdown-it", "pyromark")
PAGE = jinja2.Environment(autoescape=True).from_string(SINGLE)
FILES: list[tuple[Path, Path]] = []
RENDER: list[Callable[[str], str]] = []  # the chosen engine's body renderer, set before the workers fork


def renderer(engine: str) -> Callable[[str], str]:
    """A body's HTML by the named engine: CommonMark with tables."""
    if engine == "pyromark":
        import pyromark

        options = pyromark.Options.ENABLE_TABLES
        return lambda body: pyromark.html(body, options=options)
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table").render


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
                           summary=meta.get("summary"), content=RENDER[0](body))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page, encoding="utf-8")
    return len(files)


def main(argv: list[str]) -> int:
    engine = "markdown-it"
    if len(argv) == 4 and argv[0] == "--engine" and argv[1] in ENGINES:
        engine, argv = argv[1], argv[2:]
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        return 2
    RENDER.append(renderer(engine))
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
