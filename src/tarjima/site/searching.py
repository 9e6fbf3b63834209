"""The build's search step (``[tool.tarjima.site] search``): which public pages the indexes hold, which languages'
indexes must be made again, and their files written with the site's (the indexes themselves: tarjima.search)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from tarjima.errors import InputError
from tarjima.project import Project
from tarjima.search.build import Pending, State, indexed_pages, scripts, stale
from tarjima.site.output.folder import remove_from
from tarjima.site.output.folders import Folders
from tarjima.site.pages.listings import Row

if TYPE_CHECKING:
    from tarjima.search.pages import Record
from tarjima.site.reports import Outcome
from tarjima.site.result import BuildResult, Refused
from tarjima.site.settings import SiteSettings


class SearchStep:
    """What ``site.build.HtmlBuild`` does for the search indexes (its fields, as the build holds them)."""

    project: Project
    rows: list[Row]
    site: SiteSettings
    result: BuildResult
    search: State | None
    fresh: dict[str, Outcome]

    def search_pages(self) -> dict[str, str]:
        """The public report page of every published version -> its language tag: what the indexes hold (tarjima.search.build)."""
        return indexed_pages({lang.tag: lang.folder for lang in self.project.config.languages}, ((r[0], r[1]) for r in self.rows))

    def search_records(self) -> dict[str, Record | None]:
        """The records of the report pages this build rendered, made where they were rendered: only the others are read back."""
        return {path: r for o in self.fresh.values() for path, r in o.search.items()}

    def search_start(self, public: Path, languages: Iterable[str] | None = None) -> Pending:
        """The indexes of ``languages`` (every language when None) being made from the pages of ``public``."""
        return Pending(public, self.search_pages(), self.site.search_words, languages, self.search_records())

    def search_made(self, pending: Pending | None) -> dict[str, str | bytes]:
        """The files of the indexes made (and the search page's scripts), remembered for the next build with those of the
        indexes that stand; {} for a site without search. Pagefind's failure refuses the build: nothing is swapped in."""
        if pending is None:
            return {}
        try:
            made = pending.result()
        except InputError as exc:
            raise Refused([exc]) from None
        self.result.indexed, self.result.index_seconds = made.pages, made.seconds
        kept = self.search.kept(made.languages) if self.search is not None and self.search.pages else []
        self.search = State(pages=self.search_pages(), files=sorted({*kept, *made.files}), words=self.site.search_words)
        return {**made.files, **scripts()}

    def search_index(self, public: Path, changed: list[str]) -> dict[str, str | bytes]:
        """The files of the indexes whose pages changed since they were made (``changed``: the files written and
        removed), and the scripts; {} when the site has no search or every index stands."""
        languages = stale(self.search, self.search_pages(), changed, self.site.search_words) if self.site.search else set()
        if not languages:
            return {}
        return self.search_made(self.search_start(public, languages))

    def search_update(self, folders: Folders, written: list[str], gone: list[str], write: Callable[[Folders, dict[str, str | bytes]], list[str]]) -> list[str]:
        """An incremental build's search indexes, those whose pages changed made again into ``folders``; the files written and removed."""
        last = self.search
        files = self.search_index(folders.public, [*written, *gone])
        if not files:
            return []
        now = set(self.search.files if self.search else ())
        old = [p for p in (last.files if last else []) if p not in now]
        remove_from(folders, old)
        return write(folders, files) + old

    def index_stands(self) -> bool:
        """Whether the indexes on disk are those this build would make (or the site has none): then a build that
        writes no page has nothing to do."""
        return not self.site.search or not stale(self.search, self.search_pages(), [], self.site.search_words)
