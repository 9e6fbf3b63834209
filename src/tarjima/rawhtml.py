"""The text of a raw HTML block: the runs of it a reader sees as prose, each a segment, and the block with them replaced.

CommonMark passes an HTML block through as it is: ``<div class="note">The seminar moved.</div>``
(or the same over three lines) is one block, its text no paragraph. tarjima reads such a block
as po4a reads HTML: every element that is not inline (``<div>``, ``<p>``, ``<li>``, ``<td>``,
``<summary>``, an unknown tag, a comment) ends a run of text, and each run that holds a word,
with the inline elements inside it (``<em>``, ``<a href>``, ``<img alt>``), is one segment. Its
msgid is the run as written, blanks folded (HTML shows them so), inline tags and character
references kept. The text of ``<script>`` and ``<style>`` is never shown; the text of ``<pre>``
is shown as written and is not segmented: ``notes`` names it.

>>> [r.text for r in runs('<div class="note">\\nThe seminar <em>moved</em>\\nto Monday.\\n</div>\\n')]
['The seminar <em>moved</em> to Monday.']
>>> [(r.line, r.text) for r in runs("<details>\\n<summary>Programme</summary>\\n<p>Day one.</p><p>Day two.</p>\\n</details>")]
[(1, 'Programme'), (2, 'Day one.'), (2, 'Day two.')]
>>> replaced("<p>One.</p>", runs("<p>One.</p>"), ["<b>Один.</b>"])
'<p><b>Один.</b></p>'
"""

from __future__ import annotations

from functools import lru_cache
from html.parser import HTMLParser
from typing import NamedTuple, Sequence

# Phrasing elements: inside a run. Every other tag, known or not, ends one.
INLINE = frozenset(
    "a abbr b bdi bdo br cite code data del dfn em font i img ins kbd mark q s samp small span strike strong sub sup time tt u var wbr".split()
)
HIDDEN = frozenset({"script", "style"})  # their text never reaches a page (the sanitizer drops it with the element)
VERBATIM = frozenset({"pre"})  # shown as written: not segmented, and named (``notes``)
VOID = frozenset({"br", "img", "wbr"})
SPOKEN = ("alt", "title")  # attributes a reader gets: an inline element carrying one makes a run worth translating


class Run(NamedTuple):
    """One run of prose in an HTML block: where it is in the block's text, and its msgid."""

    start: int  # offset in the block's content (first character that is not blank)
    end: int  # offset just after its last character that is not blank
    line: int  # 0-based line of ``start`` within the block
    text: str  # the msgid: the run with blanks folded to single spaces


class _Scanner(HTMLParser):
    """Collects the runs of one block (``runs``) and the lines of verbatim text in it (``verbatim``)."""

    def __init__(self, content: str) -> None:
        super().__init__(convert_charrefs=False)
        self.content = content
        self.starts = [0]
        for i, ch in enumerate(content):
            if ch == "\n":
                self.starts.append(i + 1)
        self.found: list[Run] = []
        self.verbatim: list[int] = []  # 0-based lines where verbatim text with words starts
        self.skipping: list[str] = []  # hidden or verbatim elements open
        self.open_at = -1  # offset where the current run started, -1 when none is open
        self.worded = False  # the current run has a word, or an inline element with alt or title text
        self.pieces: list[tuple[str, str, int]] = []  # the current run's constructs: (kind "open", "close" or "", tag, offset)

    def here(self) -> int:
        line, column = self.getpos()
        return self.starts[line - 1] + column

    def extend(self, worded: bool, kind: str = "", tag: str = "", blank: bool = False) -> None:
        if self.open_at < 0:
            self.open_at = self.here()
        self.worded |= worded
        if not blank:
            self.pieces.append((kind, tag, self.here()))

    def flush(self, end: int) -> None:
        if self.open_at >= 0 and self.worded:
            start, stop, pieces = self.open_at, end, self.pieces
            while len(pieces) > 2 and wraps(pieces):  # <del>gone</del> alone: "gone", the element kept around it
                start, stop, pieces = pieces[1][2], pieces[-1][2], pieces[1:-1]
            chunk = self.content[start:stop]
            start, stop = start + len(chunk) - len(chunk.lstrip()), start + len(chunk.rstrip())
            self.found.append(Run(start, stop, self.content.count("\n", 0, start), " ".join(chunk.split())))
        self.open_at, self.worded, self.pieces = -1, False, []

    def boundary(self) -> None:
        self.flush(self.here())

    def tag(self, tag: str, attrs: list[tuple[str, str | None]], closing: bool) -> None:
        if self.skipping:
            if closing and tag == self.skipping[-1]:
                self.skipping.pop()
            elif not closing and tag in HIDDEN | VERBATIM:
                self.skipping.append(tag)
            return
        if tag in INLINE:
            spoken = any((value or "").strip() for name, value in attrs if name in SPOKEN)
            self.extend(spoken, "close" if closing else "" if spoken or tag in VOID else "open", tag)
            return
        self.boundary()
        if not closing and tag in HIDDEN | VERBATIM:
            self.skipping.append(tag)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tag(tag, attrs, False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skipping:
            return
        if tag in INLINE:
            self.extend(any((value or "").strip() for name, value in attrs if name in SPOKEN), "", tag)
        else:
            self.boundary()  # (a self-closed <pre/> opens nothing)

    def handle_endtag(self, tag: str) -> None:
        self.tag(tag, [], True)

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.extend(bool(data.strip()), blank=not data.strip())
        elif self.skipping[-1] in VERBATIM and any(ch.isalpha() for ch in data):
            self.verbatim.append(self.getpos()[0] - 1)

    def handle_entityref(self, name: str) -> None:
        if not self.skipping:
            self.extend(False, "", "&")

    def handle_charref(self, name: str) -> None:
        self.handle_entityref(name)

    def handle_comment(self, data: str) -> None:
        if not self.skipping:
            self.boundary()

    def handle_decl(self, decl: str) -> None:
        self.handle_comment(decl)

    def handle_pi(self, data: str) -> None:
        self.handle_comment(data)

    def unknown_decl(self, data: str) -> None:
        self.handle_comment(data)


def wraps(pieces: list[tuple[str, str, int]]) -> bool:
    """Whether a run's first construct opens an inline element that its last construct closes (with no word of its own)."""
    kind, tag, _ = pieces[0]
    if kind != "open" or pieces[-1][:2] != ("close", tag):
        return False
    depth = 0
    for kind, other, _ in pieces[1:-1]:
        if other == tag:
            depth += {"open": 1, "close": -1}.get(kind, 1)
        if depth < 0:
            return False
    return depth == 0


@lru_cache(maxsize=1024)
def scan(content: str) -> tuple[tuple[Run, ...], tuple[int, ...]]:
    """The runs of one HTML block's content, and the 0-based lines where verbatim (``<pre>``) text with words starts.

    A construct left unfinished at the block's end (``<div title="``, whose attribute runs on
    past a blank line) is no text: the run before it ends there.
    """
    scanner = _Scanner(content)
    scanner.feed(content)
    scanner.flush(len(content) - len(scanner.rawdata))
    return tuple(scanner.found), tuple(dict.fromkeys(scanner.verbatim))


def runs(content: str) -> tuple[Run, ...]:
    """The runs of prose of one HTML block's content, in order."""
    return scan(content)[0]


def verbatim(content: str) -> tuple[int, ...]:
    """The 0-based lines of one HTML block's content where text of a ``<pre>`` starts: not segmented, named by the build."""
    return scan(content)[1]


def replaced(content: str, found: Sequence[Run], texts: Sequence[str]) -> str:
    """The block's content with each run replaced by the text (HTML) given for it, in order."""
    out: list[str] = []
    last = 0
    for run, text in zip(found, texts):
        out += [content[last : run.start], text]
        last = run.end
    out.append(content[last:])
    return "".join(out)
