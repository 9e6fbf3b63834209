"""Site search, built with the site: ``key`` (the Uzbek search key, and its JavaScript twin ``key.js``),
``pages`` (the records of the public site's report pages), ``pagefind`` (the index, made by Pagefind's
binary), ``search.js`` (the search page's script).

No server: the indexes are static files in the public site (``pagefind/<tag>/``, one per language), made
from the pages of the public output folder only, as they are written and before the folder is swapped in.
"""

from __future__ import annotations

FOLDER = "pagefind"  # OUT/pagefind/<tag>/: the index of one language (a Pagefind bundle each)
PAGE = "search"  # OUT/<language>/search/: a language's search page


def searchable(search: bool, published: bool) -> bool:
    """Whether readers can find a version with the site's search: the site has search
    (``search = true`` in ``[tool.tarjima.site]``) and the version is published in the public site
    (a held, draft or desk-only version never is: the index reads the public folder only)."""
    return search and published
