"""Project configuration: ``[tool.tarjima]`` in pyproject.toml, or a standalone tarjima.toml."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Any, Callable, Mapping
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale, UnknownLocaleError

from tarjima.po.layout import SETTING as WRAP_SETTING
from tarjima.po.layout import Wrap, parse_wrap
from tarjima.errors import InputError
from tarjima.languages import language_of, script_of
from tarjima.layout import TEMPLATE_LANGUAGE, Layout
from tarjima.dates import ENGLISH_DATES

CONFIG_FILES = ("tarjima.toml", "pyproject.toml")
DEFAULT_TIMEZONE = "Asia/Tashkent"  # the Academy's: publish_at without an offset is read in it


@dataclass(frozen=True)
class Language:
    """One configured language: its BCP 47 tag and the forms other tools want."""

    tag: str  # BCP 47, as in <html lang>: "uz-Latn"
    gettext: str  # catalogue folder and PO Language header: "uz_Latn"
    folder: str  # URL folder of the site: "uz-latn" unless configured

    @property
    def locale(self) -> Locale:
        """The Babel locale of this language."""
        return Locale.parse(self.gettext)


@dataclass(frozen=True)
class Alphabet:
    """``[tool.tarjima.alphabet]``: the Uzbek Latin alphabet written and the one published (tarjima.derive.alphabet)."""

    write: str = "1995"  # the alphabet of uz-Latn sources and catalogues: check --fix writes a mixed text in it
    publish: str = "1995"  # "1995", "2026" (uz-Latn pages in the 2026 alphabet) or "both" (a 2026 version beside uz-Latn)
    start: dt.date | None = None  # ``from``: with publish = "2026", reports dated from this day; earlier ones per ``older``
    older: str = "1995"  # with publish = "2026" and ``from``: "1995" leaves earlier reports as they were, "2026" re-renders them
    folder: str = "uz-2026"  # with publish = "both": the URL folder of the 2026 version
    words: tuple[tuple[str, str], ...] = ()  # ``[tool.tarjima.alphabet.words]``: a word as written -> as shown in the other alphabet (settles what the letters cannot decide)

    showing: bool = False  # set by a build for its day: the 2026 alphabet is shown (``from`` has come; site.pages.letters)

    def switched(self, today: dt.date) -> bool:
        """Whether the uz-Latn pages show the 2026 alphabet on this day (``from`` has come)."""
        return self.publish == "2026" and (self.start is None or today >= self.start)

    def new_letters(self, day: dt.date) -> bool:
        """Whether a report of date ``day`` is shown in the 2026 alphabet on its uz-Latn page (on the day ``showing`` was set for)."""
        return self.showing and (self.start is None or day >= self.start or self.older == "2026")


ALPHABET_KEYS = ("write", "publish", "from", "older", "folder", "words")


def parse_alphabet(table: object, where: str, at: Callable[[str], int | None]) -> Alphabet:
    """``[tool.tarjima.alphabet]``, or bad input naming the key."""
    if table is None:
        return Alphabet()

    def line_of(key: str) -> int | None:
        return at(f"alphabet.{key}") or at("alphabet")

    if not isinstance(table, Mapping):
        raise InputError(where, "[tool.tarjima.alphabet] must be a table", 'e.g. [tool.tarjima.alphabet] then publish = "2026"', at("alphabet"))
    unknown = [k for k in table if k not in ALPHABET_KEYS]
    if unknown:
        raise InputError(where, f"unknown key {unknown[0]!r} in [tool.tarjima.alphabet]", "the keys: " + ", ".join(ALPHABET_KEYS), line_of(unknown[0]))
    choices = {"write": ("1995", "2026"), "publish": ("1995", "2026", "both"), "older": ("1995", "2026")}
    values: dict[str, Any] = {}
    for key, allowed in choices.items():
        value = str(table.get(key, getattr(Alphabet, key)))
        if value not in allowed:
            raise InputError(where, f"[tool.tarjima.alphabet] {key} must be " + " or ".join(f'"{a}"' for a in allowed) + f", not {value!r}",
                             f'e.g. {key} = "{allowed[-1]}"', line_of(key))
        values[key] = value
    if values["publish"] == "both":
        raise InputError(where, '[tool.tarjima.alphabet] publish = "both" (a 2026 version beside uz-Latn) is not built yet',
                         'publish = "2026" with from = 2027-04-22 shows uz-Latn in the 2026 alphabet from that day', line_of("publish"))
    start = table.get("from")
    if start is not None and not (isinstance(start, dt.date) and not isinstance(start, dt.datetime)):
        raise InputError(where, f"[tool.tarjima.alphabet] from must be a date, not {start!r}", "e.g. from = 2027-04-22 (a TOML date, no quotes)", line_of("from"))
    folder = table.get("folder", Alphabet.folder)
    if not isinstance(folder, str) or not re.fullmatch(r"[a-z0-9][a-z0-9-]*", folder):
        raise InputError(where, f"[tool.tarjima.alphabet] folder must be a URL folder name of a-z, 0-9 and -, not {folder!r}", 'e.g. folder = "uz-2026"', line_of("folder"))
    words = table.get("words", {})
    if not isinstance(words, Mapping) or not all(isinstance(k, str) and isinstance(v, str) and _one_word(k) and _one_word(v) for k, v in words.items()):
        raise InputError(where, "[tool.tarjima.alphabet.words] must map one word as written to one word as shown",
                         'e.g. [tool.tarjima.alphabet.words] then "SHB" = "ŞB" (tarjima derive --report lists the words to settle)', line_of("words"))
    return Alphabet(values["write"], values["publish"], start, values["older"], folder, tuple(sorted(words.items())))


def _one_word(text: str) -> bool:
    return bool(text) and not any(ch.isspace() for ch in text)


@dataclass(frozen=True)
class Config:
    """A content project's settings; paths are absolute."""

    root: Path
    languages: tuple[Language, ...]
    default_language: str
    titles: Mapping[str, str] = field(default_factory=dict)
    base_url: str = ""
    publish_threshold: float = 100.0
    engines: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    derived: Mapping[str, str] = field(default_factory=dict)  # derived tag -> the tag it is derived from ("uz-Cyrl" -> "uz-Latn")
    hold_ambiguous: bool = False  # hold back derived versions with open ambiguities
    hold_check_errors: bool = True  # hold back versions whose shown translations have error-level check findings
    require_review: frozenset[str] = frozenset()  # language tags published only when every shown entry is reviewed
    memory: Mapping[str, Any] = field(default_factory=dict)  # [tool.tarjima.memory], checked by tarjima.memory.settings
    site: Mapping[str, Any] = field(default_factory=dict)  # [tool.tarjima.site], read by site.settings
    images: Mapping[str, Any] = field(default_factory=dict)  # [tool.tarjima.images], read by site.settings
    require_clearance: bool = False  # publish a report only once it is cleared (``tarjima clear``; tarjima.publication)
    timezone: str = DEFAULT_TIMEZONE  # an IANA name, checked with zoneinfo: the time zone of publish_at and --now
    po_wrap: Wrap | None = None  # how catalogues tarjima writes are wrapped; None: each file's own (tarjima.po.layout)
    alphabet: Alphabet = field(default_factory=lambda: Alphabet())  # [tool.tarjima.alphabet]: the Uzbek Latin alphabets
    english_dates: str = ENGLISH_DATES[0]  # "british" (7 December 2026) or "american" (December 7, 2026): tarjima.dates
    desk_language: str = TEMPLATE_LANGUAGE  # the language of the editors' desk pages: English (the templates' own), or a configured one

    @cached_property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @cached_property
    def desk(self) -> Language:
        """The language of the editors' desk: a configured one, or English, which the templates are written in (no catalogue)."""
        try:
            return self.language(self.desk_language)
        except KeyError:
            return parse_language(self.desk_language, "desk_language")

    @cached_property
    def layout(self) -> Layout:
        """Where every file of the project lives."""
        return Layout(self.root)

    def language(self, tag: str) -> Language:
        """The configured language with this BCP 47 tag (case-insensitive) or gettext name."""
        for lang in self.languages:
            if tag.lower() in (lang.tag.lower(), lang.gettext.lower()):
                return lang
        raise KeyError(tag)

    def require(self, tag: str, where: str = "--lang") -> Language:
        """The configured language ``tag``, or bad input naming where it was given."""
        try:
            return self.language(tag)
        except KeyError:
            raise InputError(where, f"unknown language {tag!r}", "use one of " + ", ".join(self.tags)) from None

    @property
    def tags(self) -> tuple[str, ...]:
        return tuple(lang.tag for lang in self.languages)


def parse_language(tag: str, where: str, folder: str | None = None) -> Language:
    """Check a BCP 47 tag with Babel and derive its gettext and URL forms."""
    if not isinstance(tag, str) or not tag:
        raise InputError(where, f"language {tag!r} is not a BCP 47 tag", 'write tags such as "uz-Latn", "ru", "en"')
    try:
        locale = Locale.parse(tag, sep="-")
    except (ValueError, UnknownLocaleError):
        raise InputError(where, f"unknown language {tag!r}", 'use a BCP 47 tag that Babel knows, such as "uz-Latn"') from None
    canonical = "-".join(p for p in (locale.language, locale.script, locale.territory, locale.variant) if p)
    return Language(tag=canonical, gettext=str(locale), folder=folder or canonical.lower())


def find_root(start: Path) -> Path | None:
    """The nearest folder from ``start`` upward that holds a tarjima configuration."""
    for folder in (start, *start.parents):
        if (folder / "tarjima.toml").is_file():
            return folder
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and b"[tool.tarjima" in pyproject.read_bytes():
            return folder
    return None


def load(root: Path) -> Config:
    """Read and validate the configuration of the project at ``root``."""
    for name in CONFIG_FILES:
        path = root / name
        if not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
            data = tomllib.loads(text)
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise InputError(name, f"invalid TOML: {exc}", "fix the syntax") from None
        section = data if name == "tarjima.toml" else data.get("tool", {}).get("tarjima")
        if section is not None:
            return from_mapping(root.resolve(), section, name, key_lines(text, "" if name == "tarjima.toml" else "tool.tarjima"))
    raise InputError(str(root), "no tarjima configuration here", "add [tool.tarjima] to pyproject.toml or a tarjima.toml")


KEY_RE = re.compile(r"^\s*\[([^\]]+)\]\s*$|^\s*([A-Za-z0-9_-]+)\s*=")


def key_lines(text: str, table: str) -> dict[str, int]:
    """The line of each key of a TOML table (and of its sub-tables, by their name), to name it in an error."""
    lines: dict[str, int] = {}
    current = ""
    for number, line in enumerate(text.split("\n"), start=1):
        match = KEY_RE.match(line)
        if match is None:
            continue
        if match.group(1) is not None:
            current = match.group(1).strip()
            if current.startswith(f"{table}.") or (not table and current):
                lines.setdefault(current.removeprefix(f"{table}.") if table else current, number)
        elif current == table:
            lines.setdefault(match.group(2), number)
        elif current.startswith(f"{table}.") or (not table and current):  # a sub-table's key, as "alphabet.publish"
            lines.setdefault(f"{current.removeprefix(f'{table}.') if table else current}.{match.group(2)}", number)
    return lines


def from_mapping(root: Path, section: Mapping[str, Any], where: str, lines: Mapping[str, int] | None = None) -> Config:
    """Build a Config from the parsed TOML table; ``lines``: each key's line, for the errors."""
    at = (lines or {}).get
    tags = section.get("languages")
    if not isinstance(tags, list) or not tags:
        raise InputError(where, "`languages` must be a non-empty list", 'e.g. languages = ["uz-Latn", "ru", "en"]', at("languages"))
    folders = section.get("url_folders", {})
    try:
        languages = tuple(parse_language(t, where, folders.get(t)) for t in tags)
    except InputError as exc:
        raise InputError(exc.path, exc.message, exc.hint, at("languages")) from None
    if len({lang.gettext for lang in languages}) != len(languages):
        raise InputError(where, "a language is listed twice in `languages`", "list each language once", at("languages"))
    default = section.get("default_language", languages[0].tag)
    by_tag = {lang.tag.lower(): lang.tag for lang in languages}
    if str(default).lower() not in by_tag:
        raise InputError(where, f"default_language {default!r} is not in `languages`", "pick one of " + ", ".join(by_tag.values()), at("default_language"))
    threshold = section.get("publish_threshold", 100)
    if not isinstance(threshold, (int, float)) or not 0 <= threshold <= 100:
        raise InputError(where, "publish_threshold must be a percentage from 0 to 100", "e.g. publish_threshold = 100", at("publish_threshold"))
    hold = section.get("hold_ambiguous", False)
    if not isinstance(hold, bool):
        raise InputError(where, "hold_ambiguous must be true or false", "e.g. hold_ambiguous = true")
    hold_errors = section.get("hold_check_errors", True)
    if not isinstance(hold_errors, bool):
        raise InputError(where, "hold_check_errors must be true or false", "e.g. hold_check_errors = true", at("hold_check_errors"))
    review = section.get("require_review", [])
    if not isinstance(review, list) or any(str(t).lower() not in by_tag for t in review):
        raise InputError(where, "require_review must list configured languages", 'e.g. require_review = ["ru"]', at("require_review"))
    clearance = section.get("require_clearance", False)
    if not isinstance(clearance, bool):
        raise InputError(where, "require_clearance must be true or false", "e.g. require_clearance = true", at("require_clearance"))
    timezone = parse_timezone(section.get("timezone", DEFAULT_TIMEZONE), where, at("timezone"))
    po_wrap = parse_wrap(section.get(WRAP_SETTING, "auto"), where, at(WRAP_SETTING))
    alphabet = parse_alphabet(section.get("alphabet"), where, at)
    english = section.get("english_dates", ENGLISH_DATES[0])
    if english not in ENGLISH_DATES:
        raise InputError(where, f"english_dates must be \"british\" or \"american\", not {english!r}", 'e.g. english_dates = "british" (7 December 2026)', at("english_dates"))
    desk = section.get("desk_language", TEMPLATE_LANGUAGE)
    if not isinstance(desk, str) or (desk.lower() not in by_tag and desk != TEMPLATE_LANGUAGE):
        raise InputError(where, f"desk_language {desk!r} is neither in `languages` nor {TEMPLATE_LANGUAGE!r}",
                         f'use "{TEMPLATE_LANGUAGE}" (the templates\' own language) or one of ' + ", ".join(by_tag.values()), at("desk_language"))
    base_url = section.get("base_url", "")
    if not isinstance(base_url, str) or (base_url and not re.fullmatch(r"https?://[^/\s?#]+(/[^\s?#]*)?", base_url)):
        raise InputError(where, f"base_url {base_url!r} is not an http(s) address of the site", 'e.g. base_url = "https://example.org/news/"', at("base_url"))
    if base_url and not base_url.endswith("/"):
        base_url += "/"  # the site's folder: pages are joined to it
    return Config(
        root=root,
        languages=languages,
        default_language=by_tag[str(default).lower()],
        titles=MappingProxyType(dict(section.get("title", {}))),
        base_url=base_url,
        publish_threshold=float(threshold),
        engines=MappingProxyType(dict(section.get("engines", {}))),
        derived=MappingProxyType(parse_derived(section.get("derived", {}), by_tag, where)),
        hold_ambiguous=hold,
        hold_check_errors=hold_errors,
        require_review=frozenset(by_tag[str(t).lower()] for t in review),
        memory=MappingProxyType(dict(section.get("memory", {}))),
        site=MappingProxyType(dict(section.get("site", {}))),
        images=MappingProxyType(dict(section.get("images", {}))),
        require_clearance=clearance,
        timezone=timezone,
        po_wrap=po_wrap,
        alphabet=alphabet,
        english_dates=english,
        desk_language=by_tag.get(desk.lower(), desk),
    )


def parse_timezone(name: object, where: str, line: int | None) -> str:
    """``timezone``: an IANA time zone name that zoneinfo knows on this machine."""
    hint = 'use an IANA name, e.g. timezone = "Asia/Tashkent"'
    if not isinstance(name, str) or not name:
        raise InputError(where, f"timezone {name!r} is not a time zone name", hint, line)
    try:
        ZoneInfo(name)
    except ZoneInfoNotFoundError:
        if not zone_data_available():
            hint = "this machine has no time-zone data: install it (Debian: apt-get install tzdata; or pip install tzdata)"
        raise InputError(where, f"unknown time zone {name!r} in `timezone`", hint, line) from None
    except ValueError:  # a path, not a name ("../etc/x", "/UTC")
        raise InputError(where, f"timezone {name!r} is not a time zone name", hint, line) from None
    return name


def zone_data_available() -> bool:
    """Whether zoneinfo finds any time-zone data (the system's, or the tzdata package)."""
    try:
        ZoneInfo("UTC")
        return True
    except ZoneInfoNotFoundError:
        return False


def parse_derived(table: object, by_tag: Mapping[str, str], where: str) -> dict[str, str]:
    """``derived = { "uz-Cyrl" = "uz-Latn" }``: Uzbek in one script derived from the other, both configured."""
    hint = 'write derived = { "uz-Cyrl" = "uz-Latn" } with both tags in `languages`'
    if not isinstance(table, Mapping):
        raise InputError(where, "`derived` must be a table of derived language = the language it is derived from", hint)
    pairs: dict[str, str] = {}
    for derived, base in table.items():
        if not isinstance(base, str) or str(derived).lower() not in by_tag or base.lower() not in by_tag:
            raise InputError(where, f"derived {derived!r} = {base!r}: both must be in `languages`", hint)
        derived, base = by_tag[str(derived).lower()], by_tag[base.lower()]
        if language_of(derived) != "uz" or language_of(base) != "uz" or {script_of(derived), script_of(base)} != {"Latn", "Cyrl"}:
            raise InputError(where, f"derived {derived!r} = {base!r}: only Uzbek in one script from the other is derived", hint)
        pairs[derived] = base
    if len(pairs) > 1:
        raise InputError(where, "`derived` names more than one pair", hint)
    return pairs
