"""Which catalogues of a project are derived, from what, and the key that says whether one is current.

With ``derived = { "uz-Cyrl" = "uz-Latn" }``, a report's uz-Cyrl catalogue is derived from
its source when the report is written in uz-Latn, from its uz-Latn catalogue otherwise; a
report written in uz-Cyrl has its uz-Latn catalogue derived from its source, the other way.

A derived catalogue records in its ``X-Derived-From`` header the base language and a key of
what it was derived from: the rules' version, both word lists and (when it comes from a
catalogue) the base's translated texts. ``update`` derives again only when that key changes.
"""

from __future__ import annotations

import os
import re
from functools import cached_property
from importlib.resources import files
from pathlib import Path
from typing import Mapping, NamedTuple, TYPE_CHECKING

from tarjima.config import Config, Language
from tarjima.derive.catalog import DERIVED_HEADER, Convert, Forms, base_texts, derive_catalog
from tarjima.errors import InputError
from tarjima.languages import script_of
from tarjima.model import Catalog
from tarjima.po.quick import scan
from tarjima.po.read import read
from tarjima.store import Stamp, StatIndex, digest, key_of, stamp

if TYPE_CHECKING:
    from tarjima.derive.translit import Transliterator

DERIVATION_VERSION = 2  # bump when a change of the letter rules changes what derivation gives
SHIPPED_LEXICONS = ("uz_words.csv", "uz_lexicon.csv", "uz_native.txt", "uz_attested.txt")  # derivation depends on each
DERIVED_RE = re.compile(r'^"?' + DERIVED_HEADER + r': (\S+ [0-9a-f]+)(?:\\n")?$', re.M)
Bases = Mapping[tuple[str | None, str], Forms]


class Source(NamedTuple):
    """How one derived catalogue is made: its language, the language it comes from, and whether from the report's own text."""

    lang: Language
    base: Language
    from_source: bool


def derived_tags(config: Config, source_lang: str) -> frozenset[str]:
    """The languages whose catalogue of a report written in ``source_lang`` is derived."""
    return frozenset(derived_bases(config, source_lang))


def derived_bases(config: Config, source_lang: str) -> dict[str, str]:
    """Each language whose catalogue of a report written in ``source_lang`` is derived, with the language it is derived from."""
    return {(base if source_lang == derived else derived): (derived if source_lang == derived else base) for derived, base in config.derived.items()}


def recorded_derivation(head: str) -> str:
    """The ``X-Derived-From`` value of a catalogue's header text (or its file's first lines); "" if none."""
    match = DERIVED_RE.search(head)
    return match.group(1) if match else ""


def bases_key(bases: Bases | None) -> str:
    """A digest of the base texts a catalogue is derived from ("" for a report's own text)."""
    return "" if bases is None else key_of(list(bases.items())).hex()


# A derived catalogue as ``Derivations.checked`` remembers it: (its path, its stamp, (the report's digest, its base's stamp)).
Found = tuple[str, Stamp, tuple[str, Stamp | None]]


class Derivations:
    """A project's derived languages: the transliterator (with the project's word list first) and the keys."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.pairs = tuple((config.language(d), config.language(b)) for d, b in config.derived.items())
        self.words_path = config.layout.translit

    def __bool__(self) -> bool:
        return bool(self.pairs)

    @cached_property
    def words(self) -> bytes:
        """The project's word list as it is on disk (b"" when there is none)."""
        return self.words_path.read_bytes() if self.words_path.is_file() else b""

    @cached_property
    def inputs(self) -> tuple[object, ...]:
        """What every derivation depends on: the rules' version, the shipped lexicons and the project's word list."""
        shipped = files("tarjima.derive")
        lexicons = [digest(shipped.joinpath(name).read_bytes()).hex() for name in SHIPPED_LEXICONS]
        return (DERIVATION_VERSION, *lexicons, digest(self.words).hex())

    @cached_property
    def index(self) -> StatIndex:
        """Base catalogues' text keys by file stamp: an unchanged base is not read again."""
        return StatIndex(self.config.root, "derive-bases", ("tarjima.derive.plan",))

    @cached_property
    def checked(self) -> StatIndex:
        """Derived catalogues found current, by their file stamp: (the report's digest, the base's stamp) they were current with."""
        return StatIndex(self.config.root, "derive-current", ("tarjima.derive.plan",), self.inputs)

    def _known_current(self, rel: str, report_digest: str, base_rel: str | None) -> Found | tuple[()] | None:
        """Whether a derived catalogue is known current without reading it: () when it is, None when unknown
        (a file missing); else what to ``_remember`` if reading finds it current."""
        root = f"{self.config.root}/"
        try:
            current = stamp(os.stat(root + rel))
            base = stamp(os.stat(root + base_rel)) if base_rel is not None else None
        except FileNotFoundError:
            return None
        value = (report_digest, base)
        known = self.checked.get(rel, current)
        if known is not None and tuple(known) == value:
            return ()
        return (rel, current, value)

    def _remember(self, found: Found) -> None:
        """Keep what ``_known_current`` returned for a catalogue then found current."""
        rel, current, value = found
        self.checked.put(rel, current, value)

    @cached_property
    def _engine(self) -> Transliterator | InputError:
        rel = self.config.layout.rel(self.words_path)
        try:
            text = self.words.decode("utf-8")
        except UnicodeDecodeError as error:
            return InputError(rel, f"not UTF-8 text ({error.reason})", "save the file as UTF-8")
        try:
            from tarjima.derive.translit import Transliterator  # (here: a build that derives nothing never compiles its patterns)
            from tarjima.derive.words import parse_pairs

            return Transliterator(parse_pairs(text, rel) if text else None)
        except InputError as error:
            return error

    @property
    def translit(self) -> Transliterator:
        """The engine, made when first needed (its caches hold every text converted in this run); a bad word list is one error, the same each time."""
        engine = self._engine
        if isinstance(engine, InputError):
            raise engine
        return engine

    def for_report(self, source_lang: str) -> list[Source]:
        """The derived catalogues of a report written in ``source_lang``."""
        found = []
        for derived, base in self.pairs:
            if source_lang == base.tag:
                found.append(Source(derived, base, True))
            elif source_lang == derived.tag:
                found.append(Source(base, derived, True))
            else:
                found.append(Source(derived, base, False))
        return found

    def for_site(self, template_language: str) -> list[Source]:
        """The derived catalogues of the templates' own strings."""
        return self.for_report(template_language)

    def convert(self, lang: Language) -> Convert:
        """The conversion into ``lang``'s script."""
        return self.translit.to_cyrillic if script_of(lang.tag) == "Cyrl" else self.translit.to_latin

    def key(self, source: Source, bases: Bases | None) -> str:
        """What a derived catalogue records: the base language and a key of all it was derived from."""
        return f"{source.base.tag} {key_of((*self.inputs, source.lang.tag, source.from_source, bases_key(bases))).hex()}"

    def current_key(self, source: Source, base_path: Path, display: str) -> str:
        """The key a derived catalogue should record now (its base catalogue read only when its file stamp is new)."""
        if source.from_source:
            return self.key(source, None)
        try:
            current = stamp(base_path.stat())
        except FileNotFoundError:
            return self.key(source, {})
        known = self.index.get(display, current)
        if known is None:
            data = base_path.read_bytes()
            scanned = scan(data, display) if b"msgctxt" not in data else None
            known = bases_key(base_texts(scanned.catalog() if scanned is not None else read(data, display)))
            self.index.put(display, current, known)
        return f"{source.base.tag} {key_of((*self.inputs, source.lang.tag, source.from_source, known)).hex()}"

    def outdated(self, source: Source, slug: str, report_digest: str, recorded: str) -> bool:
        """Whether a report's derived catalogue, merged from the report's current text and recording the derivation ``recorded``,
        would be derived anew: the one answer to "is it derived from its base as it is now?" (``update``, ``status``, ``serve``).
        Known current by its stamp and its base's, else by the key."""
        layout = self.config.layout
        base = layout.po(source.base, slug)
        found = self._known_current(layout.po_file(source.lang, slug), report_digest, None if source.from_source else layout.rel(base))
        if found == ():
            return False
        if recorded != self.current_key(source, base, layout.rel(base)):
            return True
        if found:
            self._remember(found)
        return False

    def save(self) -> None:
        for name in ("index", "checked"):
            if name in self.__dict__:
                self.__dict__[name].save()


def apply(derivations: Derivations, sources: list[Source], planned: Mapping[str, Catalog]) -> dict[str, Catalog]:
    """The derived catalogues among ``planned`` (language tag -> merged catalogue), derived; ``planned`` also holds their bases."""
    made = {}
    for source in sources:
        merged = planned.get(source.lang.tag)
        if merged is None:
            continue
        bases = None if source.from_source else base_texts(planned[source.base.tag]) if source.base.tag in planned else {}
        made[source.lang.tag] = derive_catalog(merged, bases, derivations.convert(source.lang), source.base.tag, derivations.key(source, bases))
    return made
