"""The Jinja2 environments of the site, one per language with its gettext catalogue installed; what every page depends on."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from types import TracebackType
from typing import Any, Mapping, TypedDict

import jinja2

from tarjima.config import Config, Language
from tarjima.errors import InputError
from tarjima.model import Catalog
from tarjima.po.write import dumps
from tarjima.compiled import ENGINE
from tarjima.site.settings import SiteSettings
from tarjima.site.strings import translations
from tarjima.store import digest, folder as cache_folder, scope

LATEST = 10  # reports on a language's front page; the rest are in its month archives
FEED_SIZE = 50


class Options(TypedDict):
    """The Jinja2 environment's options (their repr names the compiled templates' cache folder)."""

    extensions: list[str]
    trim_blocks: bool
    lstrip_blocks: bool
    autoescape: tuple[str, ...]
    trimmed: bool


class KeptTemplates(jinja2.FileSystemBytecodeCache):
    """Jinja2's cache of compiled templates, as every cache of tarjima's: one it cannot write (a full disk) is not saved."""

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass  # compiled again next time


DICT_NAMES = frozenset(dir(dict))  # what getattr finds on a dict: its methods, never its keys


class SiteEnvironment(jinja2.Environment):
    """Jinja2's environment, with ``x.name`` of a dict looked up as Jinja2 looks it up, without the failed
    attribute lookup that comes first there: a page's fields are dicts, and an exception raised and caught
    for each of a build's million field lookups was about 5% of its time. A dict's attributes are its methods,
    so the answer is the same: ``x.items`` is the method, ``x.title`` the item, a missing one undefined."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in DICT_NAMES:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)


class Renderer:
    """Jinja2 environments, one per language with its gettext catalogue installed."""

    def __init__(self, config: Config, site_catalogs: Mapping[str, Catalog], settings: SiteSettings | None = None) -> None:
        """Refuses a project whose own templates/ lacks one tarjima renders: its pages would show untranslated labels."""
        missing = config.layout.missing_templates()
        if missing is not None:
            raise missing
        self.config = config
        self.settings = settings = settings or SiteSettings()
        # One folder, never a fallback: a template the project lacks is an error, not tarjima's copy with strings nobody extracted.
        loader = jinja2.FileSystemLoader(str(config.layout.template_folder()))
        options: Options = {"extensions": ["jinja2.ext.i18n"], "trim_blocks": True, "lstrip_blocks": True, "autoescape": ("html", "xml"), "trimmed": True}
        # Compiled templates are kept between runs, keyed by template source (Jinja2 checks it) and
        # here by Jinja2's version and these options (which it does not check).
        compiled = None
        try:
            folder = cache_folder(config.root) / f"jinja-{jinja2.__version__}-{digest(repr(options).encode()).hex()[:8]}"
            folder.mkdir(exist_ok=True)
            compiled = KeptTemplates(str(folder))
        except OSError:
            pass  # a read-only checkout: compile every time
        self.envs: dict[str, jinja2.Environment] = {}
        desk = () if config.desk.tag in config.tags else (config.desk,)  # English for the desk of a site without it: the templates' own words
        for lang in (*config.languages, *desk):
            env = SiteEnvironment(
                loader=loader,
                autoescape=jinja2.select_autoescape(options["autoescape"]),
                extensions=options["extensions"],
                undefined=jinja2.StrictUndefined,
                bytecode_cache=compiled,
                auto_reload=False,  # a build reads each template once: no stat of its file for every page
                trim_blocks=options["trim_blocks"],
                lstrip_blocks=options["lstrip_blocks"],
            )
            env.policies["ext.i18n.trimmed"] = options["trimmed"]
            env.install_gettext_translations(translations(site_catalogs.get(lang.tag), lang.gettext), newstyle=True)  # type: ignore[attr-defined]
            env.globals["site"] = {
                "name": settings.name(config, lang.tag), "logo": settings.logo, "logo_width": settings.logo_size[0], "logo_height": settings.logo_size[1],
                "email": settings.email, "phone": settings.phone, "website": settings.website, "address": settings.addresses.get(lang.tag, ""),
            }
            env.globals["feeds"] = bool(config.base_url)  # an Atom feed needs absolute addresses: none without base_url
            self.envs[lang.tag] = env

    def render(self, ui: Language, name: str, **context: object) -> str:
        """Render template ``name`` with the strings of language ``ui``."""
        return self.envs[ui.tag].get_template(name).render(**context)


class template_errors:
    """Turn a Jinja2 error into bad input naming the template and line."""

    def __init__(self, config: Config) -> None:
        self.config = config

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if isinstance(exc, jinja2.TemplateError):
            line = getattr(exc, "lineno", None)
            name = getattr(exc, "filename", None) or getattr(exc, "name", None) or "templates/"
            name = self.config.layout.rel(Path(name)) if Path(name).is_absolute() else name
            raise InputError(str(name), f"template error: {getattr(exc, 'message', None) or exc}", "fix the template; the last good site is left in place", line) from None


# The libraries whose output is in a page: Markdown (both engines' HTML), the sanitiser, the templates, dates and plural forms.
PAGE_LIBRARIES = frozenset({"markdown_it_py", "mdit_py_plugins", "nh3", "jinja2", "markupsafe", "babel", "pyromark"})


@lru_cache(maxsize=1)
def library_versions() -> tuple[str, ...]:
    """The installed distributions of ``PAGE_LIBRARIES`` ("markdown_it_py-4.3.0", ...), read from the names of their
    metadata folders beside Jinja2's package (one directory listing: importlib.metadata costs 20 ms to import)."""
    try:
        names = os.listdir(Path(jinja2.__file__).resolve().parent.parent)
    except OSError:
        return ()
    return tuple(sorted(name.removesuffix(".dist-info").lower() for name in names
                        if name.endswith(".dist-info") and name.split("-", 1)[0].lower().replace(".", "_") in PAGE_LIBRARIES))


def renderer_key(config: Config, site: Mapping[str, Catalog], settings: object = None) -> bytes:
    """Everything every page depends on: tarjima's version and site code (the key rule of ``store``),
    the compiled Markdown engine's version (``compiled``) and the other libraries' in a page (``library_versions``),
    the configuration, the templates and their catalogues."""
    parts: list[object] = [scope(("tarjima.site.build",)), ENGINE, library_versions(), [(l.tag, l.folder) for l in config.languages], config.default_language,
                           sorted(config.titles.items()), config.base_url, config.publish_threshold, LATEST, FEED_SIZE,
                           sorted(config.derived.items()), config.hold_ambiguous, config.hold_check_errors, sorted(config.require_review), settings,
                           config.require_clearance, config.timezone, config.alphabet, config.english_dates, config.desk_language]
    templates, assets = config.layout.template_folder(), config.layout.assets()
    for folder in (templates,) if assets.is_relative_to(templates) else (templates, assets):
        if folder.is_dir():
            parts += [(p.relative_to(folder).as_posix(), digest(p.read_bytes())) for p in sorted(folder.rglob("*")) if p.is_file()]
    parts += [(tag, dumps(c)) for tag, c in sorted(site.items())]
    return digest(repr(parts).encode("utf-8"))
