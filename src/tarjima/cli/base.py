"""What every command shares: the project found once, bad input as one line and exit status 2, the cycle collector paused."""

from __future__ import annotations

import errno
import gc
import importlib
from pathlib import Path

from typing import TYPE_CHECKING, Callable, NoReturn, TypeVar

import click

from tarjima.errors import InputError

if TYPE_CHECKING:  # the library is imported by the commands that use it: --help and --version stay quick
    from typing import Iterable

    from tarjima import config as configuration
    from tarjima.model import Report
    from tarjima.project import Project
    from tarjima.store import ProjectLock

EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130  # Ctrl-C, in every command: 128 + SIGINT, as a shell reports it

OS_HINT = "check that the folder exists, is writable and the disk has room"
OS_HINTS = {errno.ENOSPC: "the disk is full: free some space and run the command again",
            errno.EDQUOT: "the disk quota is used up: free some space and run the command again",
            errno.EACCES: "the folder is not writable by you: check its permissions",
            errno.EPERM: "the folder is not writable by you: check its permissions",
            errno.EROFS: "the folder is on a read-only file system: run where you can write"}

Decorated = TypeVar("Decorated", bound=Callable[..., object])  # a command's function, as an option decorator takes and returns it


SKIPPED_SHOWN = 20  # a build of a large archive names this many skipped versions, then counts the rest


def fail(error: InputError) -> None:
    """Print one bad-input line to standard error."""
    click.echo(f"error: {error}", err=True)


def warn_unknown_keys(reports: Iterable[Report], strict: bool = False) -> int:
    """One line on standard error per front-matter key tarjima does not know (an error line when ``strict``); return how many."""
    from tarjima.sources import unknown_key_warnings

    count = 0
    for warning in unknown_key_warnings(reports):
        click.echo(f"{'error' if strict else 'warning'}: {warning}", err=True)
        count += 1
    return count


def warn_unconfigured(project: Project, strict: bool = False) -> int:
    """One line on standard error per catalogue of a language the project does not have (an error line when ``strict``); return how many."""
    from tarjima.project import unconfigured

    found = unconfigured(project)
    for warning in found:
        click.echo(f"{'error' if strict else 'warning'}: {warning}", err=True)
    return len(found)


class Context:
    """What every command needs: where the project is; loaded lazily, once."""

    def __init__(self, root: Path | None) -> None:
        self.root_option = root
        self._config: configuration.Config | None = None
        self._project: Project | None = None

    @property
    def config(self) -> configuration.Config:
        if self._config is None:
            start = self.root_option or Path.cwd()
            from tarjima import config as configuration

            root = configuration.find_root(start.resolve())
            if root is None:
                raise InputError(str(start), "no tarjima project here or above", "run inside a project (pyproject.toml with [tool.tarjima], or tarjima.toml) or pass --root DIR")
            self._config = configuration.load(root)
        return self._config

    def lock(self) -> ProjectLock:
        """The project's write lock: a second command that writes waits for the first, and says so."""
        from tarjima.store import ProjectLock

        def waiting() -> None:
            click.echo("waiting: another tarjima command is writing in this project", err=True)

        return ProjectLock(self.config.root, waiting)

    @classmethod
    def holding(cls, context: Context, project: Project) -> Context:
        """The same project, with ``project`` in place of the one it loaded (``serve``, after the sources a save changed)."""
        held = cls(context.root_option)
        held._config, held._project = context._config, project
        return held

    def loaded(self) -> bool:
        """Whether the project was read (and without a refused configuration)."""
        return self._config is not None and self._project is not None

    @property
    def project(self) -> Project:
        if self._project is None:
            from tarjima.project import load_project

            self._project = load_project(self.config)
        return self._project


class Group(click.Group):
    """Turns bad input into one line and exit status 2, never a traceback; loads heavy commands lazily."""

    lazy = {  # deep-translator and requests, XML and rapidfuzz only when asked for
        "translate": "tarjima.cli.translate:translate",
        "export": "tarjima.cli.exchange:export",
        "import": "tarjima.cli.exchange:import_",
        "weblate": "tarjima.cli.exchange:weblate",
        "pseudo": "tarjima.cli.exchange:pseudo",
        "rollback": "tarjima.cli.rollback:rollback",
        "telegram": "tarjima.cli.telegram:telegram",
    }
    # What --help lists for a lazy command without importing it (tests/test_cli_startup.py keeps each equal to the command's own).
    lazy_help = {
        "translate": "Fill the empty entries of catalogues with machine translation, as fuzzy drafts to review.",
        "export": "Write translation exchange files: TMX for translation memories, XLIFF (1.2 or 2.1) for CAT tools.",
        "import": "Bring translations in: FILE.tmx fills empty entries as fuzzy (never overwrites); FILE.xlf brings a CAT tool's work back into its catalogue.",
        "weblate": "Write the component list for Weblate's import_json: _site and one component per report, derived languages left out (docs/translators.md).",
        "pseudo": "Build a pseudo-translated copy of the site (accented, 40% longer text) to test templates and layout; the project's catalogues are never written.",
        "rollback": "Bring back the build before the last one (the public site and the desk), in one atomic step.",
        "telegram": "Post each version the last build published to its language's Telegram channel; edit corrected posts; delete retracted and taken-down ones.",
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list of --help, lazy commands by their stored summary (not imported for it)."""
        rows = []
        for name in self.list_commands(ctx):
            if name in self.lazy and name not in self.commands:
                summary = self.lazy_help[name]
            else:
                command = self.get_command(ctx, name)
                if command is None or command.hidden:
                    continue
                summary = command.get_short_help_str(formatter.width - 6 - max(len(n) for n in self.list_commands(ctx)))
            rows.append((name, summary))
        if rows:
            limit = formatter.width - 6 - max(len(n) for n, _ in rows)
            with formatter.section("Commands"):  # shortened as click shortens a command's help (its helper is private since 8.5)
                formatter.write_dl([(n, h if len(h) <= limit else click.Command(n, help=h).get_short_help_str(limit)) for n, h in rows])

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.lazy and name not in self.commands:
            module, attr = self.lazy[name].split(":")
            self.add_command(getattr(importlib.import_module(module), attr), name)
        return super().get_command(ctx, name)

    def invoke(self, ctx: click.Context) -> object:
        # A command holds one object per report, catalogue entry and listing row and makes no
        # reference cycles of its own, so the cycle collector is paused while it runs (it
        # would walk them all again and again: a third of an incremental build at 10,000
        # reports). Reference counting still frees everything; ``serve``, which runs for
        # hours, turns it back on.
        enabled = gc.isenabled()
        gc.disable()
        try:
            return super().invoke(ctx)
        except InputError as exc:
            fail(exc)
            ctx.exit(EXIT_BAD_INPUT)
        except OSError as exc:  # a read-only folder, a full disk, a file gone: one line, never a traceback
            where = str(exc.filename) if exc.filename else "tarjima"
            known = getattr(ctx.obj, "_config", None)
            if known is not None and exc.filename:
                where = known.layout.rel(Path(str(exc.filename)))
            fail(InputError(str(where), f"cannot go on: {exc.strerror or exc}", OS_HINTS.get(exc.errno or 0, OS_HINT) + "; nothing was left half-written"))
            ctx.exit(EXIT_BAD_INPUT)
        except KeyboardInterrupt:  # Ctrl-C: click would say "Aborted!" and exit 1; every command says this instead
            interrupted(ctx)
        except Exception as exc:  # noqa: BLE001 - only what Ctrl-C caused is caught: anything else goes on up
            if not after_interrupt(exc):
                raise
            interrupted(ctx)  # e.g. a worker pool's lock released twice while the interrupt unwound it
        finally:
            if enabled:
                gc.freeze()  # what the command made is not walked by the next collection either
                gc.enable()


def after_interrupt(exc: BaseException) -> bool:
    """Whether an error was raised while a Ctrl-C unwound the command (a KeyboardInterrupt in its context)."""
    seen: set[int] = set()
    link: BaseException | None = exc
    while link is not None and id(link) not in seen:
        if isinstance(link, KeyboardInterrupt):
            return True
        seen.add(id(link))
        link = link.__context__
    return False


def interrupted(ctx: click.Context) -> NoReturn:
    click.echo("\ninterrupted: every file tarjima writes is written whole or not at all; run the command again to finish", err=True)
    ctx.exit(EXIT_INTERRUPTED)


def out_option(func: Decorated) -> Decorated:
    """--out and --desk: the two folders of an HTML build (site.output.folders)."""
    func = click.option("--desk", type=click.Path(file_okay=False, path_type=Path), default=None,
                        help="The editors' desk: the aligned pages and the translation dashboard, never public. [default: desk beside OUT]")(func)
    return click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("site"), show_default=True,
                        help="The public site: what readers may see, and nothing else; replaced as a whole when the build succeeds.")(func)


def absolute(path: Path) -> Path:
    return path if path.is_absolute() else (Path.cwd() / path)


def language_option(func: Decorated) -> Decorated:
    """--lang, repeatable: restrict a command to some target languages."""
    return click.option("--lang", "langs", multiple=True, help="Only this target language (BCP 47 tag); repeatable.")(func)


def chosen_languages(config: configuration.Config, langs: tuple[str, ...]) -> tuple[configuration.Language, ...]:
    """The configured languages named by --lang, or all."""
    return tuple(config.require(tag) for tag in langs) if langs else config.languages
