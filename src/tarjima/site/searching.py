"""The build's search step (``[tool.tarjima.site] search``): which public pages the index holds, whether it
must be made again, and its files written with the site's (the index itself: tarjima.search)."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from tarjima.errors import InputError
from tarjima.project import Project
from tarjima.search.build import Pending, State, indexed_pages, scripts, stale
from tarjima.site.output.folder import remove_from
from tarjima.site.output.folders import Folders
from tarjima.site.pages.listings import Row
from tarjima.site.result import BuildResult, Refused
from tarjima.site.settings import SiteSettings


class SearchStep:
    """What ``site.build.HtmlBuild`` does for the search index (its fields, as the build holds them)."""

    project: Project
    rows: list[Row]
    site: SiteSettings
    result: BuildResult
    search: State | None

    def search_pages(self) -> dict[str, str]:
        """The public report page of every published version -> its language tag: what the search index holds (tarjima.search.build)."""
        return indexed_pages({lang.tag: lang.folder for lang in self.project.config.languages}, ((r[0], r[1]) for r in self.rows))

    def search_made(self, pending: Pending | None) -> dict[str, str | bytes]:
        """The files of an index made (and the search page's scripts), remembered for the next build; {} for a site without search.
        Pagefind's failure refuses the build: nothing is swapped in."""
        if pending is None:
            return {}
        try:
            made = pending.result()
        except InputError as exc:
            raise Refused([exc]) from None
        self.result.indexed, self.result.index_seconds = made.pages, made.seconds
        self.search = State(pages=self.search_pages(), files=sorted(made.files), words=self.site.search_words)
        return {**made.files, **scripts()}

    def search_index(self, public: Path, changed: list[str]) -> dict[str, str | bytes]:
        """The search index's files and scripts when the published pages changed since the index was made (``changed``: the
        files written and removed); {} when the site has no search or the index stands."""
        if not self.site.search or not stale(self.search, self.search_pages(), changed, self.site.search_words):
            return {}
        return self.search_made(Pending(public, self.search_pages(), self.site.search_words))

    def search_update(self, folders: Folders, written: list[str], gone: list[str], write: Callable[[Folders, dict[str, str | bytes]], list[str]]) -> list[str]:
        """An incremental build's search index, made again into ``folders`` if its pages changed; the files written and removed."""
        last = self.search
        files = self.search_index(folders.public, [*written, *gone])
        if not files:
            return []
        old = [p for p in (last.files if last else []) if p not in files]
        remove_from(folders, old)
        return write(folders, files) + old

    def index_stands(self) -> bool:
        """Whether the index on disk is the one this build would make (or the site has none): then a build that
        writes no page has nothing to do."""
        return not self.site.search or not stale(self.search, self.search_pages(), [], self.site.search_words)
