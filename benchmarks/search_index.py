"""The search index of a built site, made as the build makes it (tarjima.search.build.index_folder): the runner's
"search index" row, Pagefind's cost on its own.

    python benchmarks/search_index.py SITE      # SITE: a public folder a build with search = true wrote

The pages indexed are the report pages of every language folder (``<folder>/<slug>/index.html``),
each with the language of its ``<html lang>``.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from tarjima.search import PAGE
from tarjima.search.build import index_folder

LANG = re.compile(rb'<html lang="([^"]+)"')


def main(site: Path) -> None:
    found = {}
    for page in sorted(site.glob("*/*/index.html")):
        if page.parent.name in (PAGE, "archive", "tags"):
            continue
        lang = LANG.search(page.read_bytes()[:200])
        if lang:
            found[page.relative_to(site).as_posix()] = lang.group(1).decode()
    made = index_folder(site, found)
    print(f"{sum(made.pages.values())} pages indexed, {len(made.files)} files, {sum(map(len, made.files.values())) / 1e6:.1f} MB, in {made.seconds:.2f} s")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
