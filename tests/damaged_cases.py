"""Damaged inputs as users make them, and what every command does with each (issue 13).

One module for both `tests/test_damaged_inputs.py` (the first rule as assertions) and
`benchmarks/damaged_inputs.py` (the same measurements as a table). It drives tarjima through its
command line only (click's CliRunner on ``tarjima.cli:main``, or ``python -m tarjima`` in a
subprocess), so it does not depend on how the library inside is arranged.

The starting project: two reports written in English, each translated in full into uz-Latn and
ru, the shipped templates and their catalogues (plural entries included), updated and built, its
files dated 2024-12-01 and every command run on it twice (so ``site/`` and warm caches exist,
none of whose entries is "racily clean"). Each command then runs on its own fresh copy of it, in
which one file has been damaged: the checkout an editor has worked in, with one file spoiled since.

"update after an edit" is update once more, after a paragraph is added to report one: update
skips a report whose catalogues record its current digest, so only then must it merge (and read)
every catalogue of that report.

``snapshot`` is conftest's, with ``folders=True``: damage can leave a folder in a file's place.

Permissions: the tests usually run as root, for whom ``chmod 000`` and a read-only folder change
nothing (root reads and writes regardless). A read-only bind or tmpfs mount needs privileges a CI
container rarely has, and another user (``nobody``) cannot reach the interpreter under /root. So
the two permission cases run ``python -m tarjima`` in a subprocess that has dropped the two
capabilities that let root ignore file modes (``setpriv --bounding-set=-dac_override,-dac_read_search``,
util-linux): it stays uid 0 and owns every file, but a mode of 000 or 555 now applies to it, with
the EACCES a translator's account would get. Run as an ordinary user, no setpriv is needed; as
root without setpriv, those cases are skipped.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from click.testing import CliRunner

from conftest import snapshot
from tarjima.cli import main

REPO = Path(__file__).resolve().parent.parent
UNPRIVILEGED = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"] if os.geteuid() == 0 else []
CACHE = ".tarjima-cache"
SITE = "site"
RUN = "run"  # the folder every run takes place in
BACKDATED = 1_733_011_200 * 10**9  # 2024-12-01 00:00 UTC, in nanoseconds

CONFIG = 'languages = ["uz-Latn", "ru", "en"]\ndefault_language = "uz-Latn"\nbase_url = "https://example.org/news/"\n'

ONE = "content/2024/one.md"
TWO = "content/2024/two.md"
RU_ONE = "locales/ru/LC_MESSAGES/one.po"
RU_SITE = "locales/ru/LC_MESSAGES/_site.po"
TOML = "tarjima.toml"

SOURCES = {
    ONE: "---\ntitle: Seminar opens\ndate: 2024-12-10\nlang: en\nsummary: A short lead.\ntags: [seminar, icrc]\n---\n\nFirst paragraph.\n\nSecond paragraph.\n",
    TWO: "---\ntitle: Conference held\ndate: 2024-11-05\nlang: en\n---\n\nOnly paragraph.\n",
}
TRANSLATIONS = {
    "ru": {
        "Seminar opens": "Семинар открылся",
        "A short lead.": "Краткое вступление.",
        "First paragraph.": "Первый абзац.",
        "Second paragraph.": "Второй абзац.",
        "Conference held": "Конференция прошла",
        "Only paragraph.": "Единственный абзац.",
    },
    "uz_Latn": {
        "Seminar opens": "Seminar ochildi",
        "A short lead.": "Qisqa kirish.",
        "First paragraph.": "Birinchi xatboshi.",
        "Second paragraph.": "Ikkinchi xatboshi.",
        "Conference held": "Konferensiya oʻtkazildi",
        "Only paragraph.": "Yagona xatboshi.",
    },
}

# The commands of the table, in order, and their arguments ({site} is the output folder).
COMMANDS: dict[str, tuple[str, ...]] = {
    "update": ("update",),
    "update after an edit": ("update",),  # the same, after a paragraph is added to one.md: every catalogue of one must be merged
    "status": ("status",),
    "status --fail-under 100": ("status", "--fail-under", "100"),
    "check": ("check",),
    "build": ("build", "--out", "{site}"),
}
EDITED = "update after an edit"
UPDATES = ("update", EDITED)
ALL = tuple(COMMANDS)
REPORT_READERS = ALL  # every command reads every source and catalogue of a report
TEMPLATE_READERS = ("update", EDITED, "build")  # update extracts the templates' strings and merges _site.po; build renders them
SITE_READERS = ALL  # _site.po: update merges it, status counts it, check checks it, build renders with it


# ---------------------------------------------------------------------------------------------
# The project every case starts from


def can_drop_privilege() -> bool:
    """Whether file modes can be made to apply to the runs of the permission cases."""
    return not UNPRIVILEGED or shutil.which("setpriv") is not None


def invoke(root: Path, args: tuple[str, ...], unprivileged: bool = False) -> tuple[int, str, bool]:
    """Run one tarjima command on the project at root: exit status, standard error, whether a traceback escaped."""
    argv = ["--root", str(root), *(a.replace("{site}", str(root / SITE)) for a in args)]
    if unprivileged:
        done = subprocess.run([*UNPRIVILEGED, sys.executable, "-m", "tarjima", *argv], capture_output=True, text=True, cwd=root, check=False)
        return done.returncode, done.stderr, "Traceback (most recent call last)" in done.stderr
    result = CliRunner().invoke(main, argv, catch_exceptions=True)
    escaped = result.exception is not None and not isinstance(result.exception, SystemExit)
    err = result.stderr
    if escaped:
        err += "Traceback (most recent call last): " + type(result.exception).__name__ + ": " + str(result.exception) + "\n"
    return result.exit_code, err, escaped or "Traceback (most recent call last)" in err


def _translate(po: Path, lang: str) -> None:
    """Fill every empty single-line msgstr of a report catalogue with its translation."""
    text = po.read_text(encoding="utf-8")
    for source, target in TRANSLATIONS[lang].items():
        text = text.replace(f'msgid "{source}"\nmsgstr ""\n', f'msgid "{source}"\nmsgstr "{target}"\n')
    po.write_text(text, encoding="utf-8")


def make_base(root: Path) -> Path:
    """Write the starting project at root: sources, full translations, an update and a build."""
    root.mkdir(parents=True)
    (root / TOML).write_text(CONFIG, encoding="utf-8")
    for rel, text in SOURCES.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    shutil.copytree(REPO / "templates", root / "templates")
    for rel in ("locales/templates/_site.pot", "locales/ru/LC_MESSAGES/_site.po", "locales/uz_Latn/LC_MESSAGES/_site.po"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / rel, root / rel)
    code, err, _ = invoke(root, ("update",))
    assert code == 0, err
    for lang in TRANSLATIONS:
        for slug in ("one", "two"):
            _translate(root / f"locales/{lang}/LC_MESSAGES/{slug}.po", lang)
    for args in (("update",), ("build", "--out", "{site}")):
        code, err, _ = invoke(root, args)
        assert code == 0, (args, err)
    # Every file as if written long ago, then every command once more: their caches now hold
    # these stamps, none of them "racily clean", so each run starts from the same warm caches
    # however soon after this it comes.
    for path in root.rglob("*"):
        if path.is_file() and CACHE not in path.relative_to(root).parts:
            os.utime(path, ns=(BACKDATED, BACKDATED))
    for args in (*COMMANDS.values(), *COMMANDS.values()):
        code, err, _ = invoke(root, args)
        assert code == 0, f"the starting project is not clean: {args}: {err}"
    return root


_BASES: dict[str, Path] = {}
_INTEGRITY: dict[str, dict[str, tuple[str, int]]] = {}


def integrity(root: Path) -> dict[str, tuple[str, int]]:
    """Every file of the starting project, its cache included, with a hash of its bytes and its mode."""
    return {p.relative_to(root).as_posix(): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mode)
            for p in sorted(root.rglob("*")) if p.is_file()}


def base(workdir: Path) -> Path:
    """The starting project, made once per process under workdir and copied for each run.

    It is made where every run takes place (``workdir/run``), then moved aside: a build keeps its
    manifest by the output folder's path, so each run's build finds the one the first build left,
    as it would in the editor's own checkout.
    """
    key = str(workdir)
    if key not in _BASES:
        made = make_base(workdir / RUN)
        _BASES[key] = made.rename(workdir / "base")
        _INTEGRITY[key] = integrity(_BASES[key])
    return _BASES[key]


# ---------------------------------------------------------------------------------------------
# Damages


def edit(rel: str, old: str, new: str, count: int = 1) -> Callable[[Path], None]:
    """A damage: replace text in a UTF-8 file (the old text must be there)."""

    def apply(root: Path) -> None:
        path = root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, (rel, old)
        path.write_text(text.replace(old, new, count), encoding="utf-8")

    return apply


def put(rel: str, data: bytes | str) -> Callable[[Path], None]:
    """A damage: the file now holds exactly these bytes."""

    def apply(root: Path) -> None:
        (root / rel).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)

    return apply


def transform(rel: str, change: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    """A damage: the file's bytes passed through a function."""

    def apply(root: Path) -> None:
        path = root / rel
        path.write_bytes(change(path.read_bytes()))

    return apply


def recode(rel: str, charset: str, old: str = "charset=UTF-8", new: str | None = None) -> Callable[[Path], None]:
    """A damage: the header declares one charset (new) while the bytes are in another (charset)."""

    def apply(root: Path) -> None:
        path = root / rel
        text = path.read_text(encoding="utf-8").replace(old, new or old)
        path.write_bytes(text.encode(charset))

    return apply


def both(*damages: Callable[[Path], None]) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        for damage in damages:
            damage(root)

    return apply


def truncate(rel: str, marker: bytes) -> Callable[[Path], None]:
    """A damage: the file cut just after the first occurrence of marker (a save or copy cut short)."""
    return transform(rel, lambda data: data[: data.index(marker) + len(marker)])


def into_folder(rel: str) -> Callable[[Path], None]:
    """A damage: a folder where the file should be (an unzip or a sync gone wrong)."""

    def apply(root: Path) -> None:
        (root / rel).unlink()
        (root / rel).mkdir()
        (root / rel / "one.po").write_bytes(b"")

    return apply


def unreadable(rel: str) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        os.chmod(root / rel, 0)

    return apply


def read_only_locales(root: Path) -> None:
    """locales/ and every folder in it read-only, with a source edited so that update must write."""
    edit(ONE, "Second paragraph.\n", "Second paragraph.\n\nA third paragraph.\n")(root)
    for folder in [root / "locales", *(p for p in (root / "locales").rglob("*") if p.is_dir())]:
        os.chmod(folder, 0o555)


CONFLICT = """<<<<<<< HEAD
msgstr "Первый абзац."
=======
msgstr "Первый абзац семинара."
>>>>>>> translator/ru
"""

# ---------------------------------------------------------------------------------------------
# The cases


@dataclass(frozen=True)
class Case:
    """One kind of damaged input and what the first rule wants every command to do with it."""

    kind: str
    target: str  # the damaged file (relative to the project)
    damage: Callable[[Path], None]
    want: str | None = "refuse"  # what readers must do: refuse, accept, or None (any verdict, if they agree)
    readers: tuple[str, ...] = REPORT_READERS  # commands that read the target; the others must accept
    line: bool = True  # an error can name the line
    lines: int = 1  # error lines wanted on a refusal
    also_named: tuple[str, ...] = ()  # other files an error line may name (a duplicate slug names both reports)
    unprivileged: bool = False  # needs file modes to apply (see the module's docstring)
    bug: str = ""  # what tarjima does wrong today: the test is then a strict xfail with this reason
    unlike_gnu: str = ""  # a deliberate departure from msgfmt -c's verdict, and why (then want is not msgfmt's)

    @property
    def po(self) -> bool:
        return self.target.endswith((".po", ".pot"))

    def owns(self, path: str) -> bool:
        """Whether a file belongs to the damaged unit: on a refusal, update may still write the others' files."""
        if self.also_named or self.target in (TOML, "locales/"):
            return True
        unit = "_site" if self.target.startswith("templates/") else Path(self.target).stem
        return (path == self.target or path.startswith("site/") or (unit == "_site" and path.startswith("templates/"))
                or bool(re.fullmatch(rf"(content/.*/{re.escape(unit)}\.md|locales/[^/]+(/LC_MESSAGES)?/{re.escape(unit)}\.pot?)", path)))


# ---------------------------------------------------------------------------------------------
# What tarjima does wrong today (each case's test is a strict xfail while one of these holds)


def bugs(*found: str) -> str:
    return "; ".join(found)


def header_field(rel: str, name: str, value: str | None) -> Callable[[Path], None]:
    """A damage to one header field: a new value, or None to drop the field (which may run over several lines)."""

    def apply(root: Path) -> None:
        path = root / rel
        lines = path.read_text(encoding="utf-8").split("\n")
        first = next(i for i, line in enumerate(lines) if line.startswith(f'"{name}: '))
        last = next(i for i in range(first, len(lines)) if lines[i].endswith('\\n"'))
        lines[first : last + 1] = [] if value is None else [f'"{name}: {value}\\n"']
        path.write_text("\n".join(lines), encoding="utf-8")

    return apply


def replace_header(rel: str, lines: str) -> Callable[[Path], None]:
    """A damage: the header's msgstr replaced by these quoted lines."""

    def apply(root: Path) -> None:
        path = root / rel
        text = path.read_text(encoding="utf-8")
        start = text.index('msgid ""\nmsgstr ""\n') + len('msgid ""\nmsgstr ""\n')
        end = text.index("\n\n", start) + 1
        path.write_text(text[:start] + lines + text[end:], encoding="utf-8")

    return apply


CASES: tuple[Case, ...] = (
    # ---- PO catalogues: syntax
    Case("PO: unterminated string", RU_ONE, edit(RU_ONE, 'msgstr "Первый абзац."', 'msgstr "Первый абзац.'), bug=bugs()),
    Case("PO: duplicate msgid", RU_ONE, edit(RU_ONE, '#. paragraph\n#: content/2024/one.md:11\nmsgid "Second paragraph."\nmsgstr "Второй абзац."\n',
                                              '#. paragraph\n#: content/2024/one.md:11\nmsgid "Second paragraph."\nmsgstr "Второй абзац."\n\nmsgid "First paragraph."\nmsgstr "Первый абзац, снова."\n'), bug=bugs()),
    Case("PO: lone msgstr without msgid", RU_ONE, edit(RU_ONE, 'msgid "Second paragraph."\nmsgstr "Второй абзац."\n', 'msgid "Second paragraph."\nmsgstr "Второй абзац."\n\nmsgstr "Третий абзац."\n'), bug=bugs()),
    Case("PO: stray line of text", RU_ONE, edit(RU_ONE, 'msgstr "Первый абзац."\n', 'msgstr "Первый абзац."\nпроверить с редактором\n'), bug=bugs()),
    Case("PO: git merge-conflict markers", RU_ONE, edit(RU_ONE, 'msgstr "Первый абзац."\n', CONFLICT), bug=bugs()),
    Case("PO: truncated mid-entry", RU_ONE, truncate(RU_ONE, 'msgstr "Первый аб'.encode()), bug=bugs()),
    Case("PO: empty file (0 bytes)", RU_ONE, put(RU_ONE, b""), line=False, bug=bugs()),
    Case("PO: CRLF line endings", RU_ONE, transform(RU_ONE, lambda b: b.replace(b"\n", b"\r\n")), want=None),
    Case("PO: invalid escape \\q", RU_ONE, edit(RU_ONE, 'msgstr "Первый абзац."', 'msgstr "Первый \\q абзац."'), bug=bugs()),
    # ---- PO catalogues: header
    Case("PO header: Content-Type without charset", RU_ONE, header_field(RU_ONE, "Content-Type", "text/plain"), want=None),
    Case("PO header: Content-Type charset misspelt", RU_ONE, header_field(RU_ONE, "Content-Type", "text/plain; charset=UTF8-"), want=None),
    Case("PO header: a field without its colon", RU_ONE, edit(RU_ONE, '"Language: ru\\n"\n', '"Language ru\\n"\n'), want=None),
    Case("PO header: free text instead of fields", RU_ONE, replace_header(RU_ONE, '"Перевод на русский язык, редакция 2\\n"\n'), want=None, bug=bugs()),
    Case("PO header: Plural-Forms expression broken", RU_SITE, header_field(RU_SITE, "Plural-Forms", "nplurals=3; plural=(n%10==1 ? 0 : );"), readers=SITE_READERS, bug=bugs()),
    Case("PO header: plural catalogue without Plural-Forms", RU_SITE, header_field(RU_SITE, "Plural-Forms", None), readers=SITE_READERS, bug=bugs()),
    # ---- PO catalogues: plural entries
    Case("PO: msgid_plural without msgstr[1]", RU_SITE, edit(RU_SITE, 'msgstr[1] "%(count)s материала"\n', ""), readers=SITE_READERS, bug=bugs()),
    Case("PO: msgstr[5] beyond nplurals", RU_SITE, edit(RU_SITE, 'msgstr[2] "%(count)s материалов"\n', 'msgstr[2] "%(count)s материалов"\nmsgstr[5] "%(count)s материальчиков"\n'), readers=SITE_READERS, bug=bugs()),
    # ---- PO catalogues: bytes and charsets
    Case("PO: UTF-8 bytes under charset=ISO-8859-1 (mojibake)", RU_ONE, recode(RU_ONE, "utf-8", new="charset=ISO-8859-1"), want=None),
    Case("PO: UTF-8 bytes under charset=CP1251, one byte CP1251 lacks", RU_ONE,
         both(edit(RU_ONE, 'msgstr "Первый абзац."', 'msgstr "Иван читает первый абзац."'), recode(RU_ONE, "utf-8", new="charset=CP1251")), bug=bugs()),
    Case("PO: Latin-1 bytes under charset=UTF-8", RU_ONE, transform(RU_ONE, lambda b: b.replace("Первый абзац.".encode(), "Первый «абзац».".encode().replace("«".encode(), b"\xab").replace("»".encode(), b"\xbb"))), bug=bugs()),
    Case("PO: UTF-8 byte-order mark", RU_ONE, transform(RU_ONE, lambda b: b"\xef\xbb\xbf" + b), want="accept",
         unlike_gnu="a BOM is what Windows editors save: accepted and not written back (GNU 0.21 calls it a syntax error)"),
    # ---- PO catalogues: the file itself
    Case("PO: a folder where the file should be", RU_ONE, into_folder(RU_ONE), line=False, bug=bugs()),
    Case("PO: not readable (chmod 000)", RU_ONE, unreadable(RU_ONE), line=False, unprivileged=True, bug=bugs()),
    # ---- report sources
    Case("source: invalid YAML front matter", ONE, edit(ONE, "tags: [seminar, icrc]", "tags: [seminar, icrc"), bug=bugs()),
    Case("source: missing title", ONE, edit(ONE, "title: Seminar opens\n", ""), bug=bugs()),
    Case("source: bad date", ONE, edit(ONE, "date: 2024-12-10", "date: 2024-12-32"), bug=bugs()),
    Case("source: unknown lang", ONE, edit(ONE, "lang: en", "lang: fr"), bug=bugs()),
    Case("source: duplicate slug in two files", TWO, edit(TWO, "lang: en\n", "lang: en\nslug: one\n"), lines=2, also_named=(ONE,), bug=bugs()),
    Case("source: slug with ../", ONE, edit(ONE, "lang: en\n", "lang: en\nslug: ../../etc/one\n"), bug=bugs()),
    Case("source: front matter not closed", ONE, edit(ONE, "tags: [seminar, icrc]\n---\n", "tags: [seminar, icrc]\n"), bug=bugs()),
    Case("source: UTF-8 with BOM (must be read)", ONE, transform(ONE, lambda b: b"\xef\xbb\xbf" + b), want="accept"),
    Case("source: Latin-1 bytes", ONE, transform(ONE, lambda b: b.replace(b"First paragraph.", "Café paragraph.".encode("latin-1"))), bug=bugs()),
    Case("source: tags not a list", ONE, edit(ONE, "tags: [seminar, icrc]", "tags: seminar"), bug=bugs()),
    # ---- templates and configuration
    Case("template: Jinja syntax error", "templates/report.html", edit("templates/report.html", "{% block", "{% blok"), readers=TEMPLATE_READERS, bug=bugs()),
    Case("config: unknown language", TOML, edit(TOML, '"ru", "en"]', '"ru", "en", "tj"]'), bug=bugs()),
    Case("config: default_language not configured", TOML, edit(TOML, 'default_language = "uz-Latn"', 'default_language = "uz"'), bug=bugs()),
    # ---- a folder tarjima must write to
    Case("locales/ read-only, update must write", "locales/", read_only_locales, readers=UPDATES, line=False, unprivileged=True),
)


# ---------------------------------------------------------------------------------------------
# Measuring


@dataclass(frozen=True)
class Outcome:
    """What one command did on a damaged project."""

    command: str
    code: int
    err: tuple[str, ...]  # every line on standard error that is not a "below threshold" note
    traceback: bool
    changed: tuple[str, ...]  # files outside the cache that appeared, vanished or changed

    @property
    def verdict(self) -> str:
        if self.traceback:
            return "crash"
        return "refuse" if self.code == 2 else "accept"

    def names(self, case: "Case", with_line: bool) -> bool:
        """Every error line names a file of the case, the target among them (with a line number, when the damage has one)."""
        files = (case.target, *case.also_named)
        where = "(" + "|".join(re.escape(f.rstrip("/")) for f in files) + ")" + (r":\d+: " if with_line else r"[/:]")
        found = [re.match(r"error: " + where, line) for line in self.err]
        return bool(found) and all(found) and any(m.group(1) == case.target.rstrip("/") for m in found if m)


@dataclass(frozen=True)
class Measurement:
    case: Case
    msgfmt: str  # "accept", "reject" or "n/a" (not a PO file)
    msgfmt_said: str
    outcomes: dict[str, Outcome] = field(default_factory=dict)

    def problems(self) -> list[str]:
        """How the outcomes break the first rule for this case (empty: they keep it)."""
        case = self.case
        found = []
        want = case.want
        if want is None and case.po and self.msgfmt == "reject":
            want = "refuse"  # what msgfmt -c rejects must be refused everywhere
        verdicts = {c: o.verdict for c, o in self.outcomes.items() if c in case.readers}
        for command, outcome in self.outcomes.items():
            if outcome.traceback:
                found.append(f"{command}: traceback")
                continue
            wanted = want if command in case.readers else "accept"
            if wanted and outcome.verdict != wanted:
                found.append(f"{command}: {outcome.verdict}s (exit {outcome.code}), should {wanted}")
            if outcome.verdict == "refuse":
                if len(outcome.err) != case.lines:
                    found.append(f"{command}: {len(outcome.err)} error lines, want {case.lines}")
                elif not outcome.names(case, case.line):
                    found.append(f"{command}: error line does not name {case.target}" + (":LINE" if case.line else ""))
                own = sorted((p for p in outcome.changed if command not in UPDATES or case.owns(p)), key=lambda p: (p.endswith(".tarjima-build"), p))
                if own:
                    found.append(f"{command}: refused but changed {len(own)} file(s) ({own[0]}{', …' if len(own) > 1 else ''})")
        if want is None and len(set(verdicts.values())) > 1:
            found.append("commands disagree: " + ", ".join(f"{c} {v}s" for c, v in verdicts.items()))
        if case.po and want == "accept" and self.msgfmt == "reject" and not case.unlike_gnu:
            found.append("msgfmt -c rejects what tarjima is asked to accept")
        return found


def msgfmt(root: Path, case: Case) -> tuple[str, str]:
    """GNU msgfmt -c on the damaged catalogue (as the same user tarjima runs as)."""
    if not case.po:
        return "n/a", ""
    if shutil.which("msgfmt") is None:
        raise RuntimeError("msgfmt is not installed: apt-get install gettext")
    prefix = UNPRIVILEGED if case.unprivileged else []
    done = subprocess.run([*prefix, "msgfmt", "-c", "-o", "/dev/null", case.target], cwd=root, capture_output=True, text=True, check=False)
    said = done.stderr.strip().splitlines()
    return ("accept" if done.returncode == 0 else "reject"), (said[0] if said else "")


def detach(path: Path) -> None:
    """Give a hard-linked file its own inode, so that writing to it leaves the starting project alone."""
    if path.is_file() and path.stat().st_nlink > 1:
        spare = path.with_name(path.name + ".detached")
        shutil.copy2(path, spare)
        os.replace(spare, path)


def fresh(case: Case, workdir: Path) -> Path:
    """A new copy of the starting project, at the place of every run, with the case's damage.

    The copy is made of hard links (as ``cp -al``): every file keeps its inode, size and time,
    so tarjima's caches see the checkout they last saw, with one file damaged since. tarjima
    writes by rename, never into a file; the damage first gives its file an inode of its own;
    ``measure`` checks that the starting project is still what it was.
    """
    root = workdir / RUN
    if root.exists():
        discard(root)
    shutil.copytree(base(workdir), root, symlinks=True, copy_function=os.link)
    for rel in {case.target, ONE}:
        detach(root / rel)
    case.damage(root)
    return root


def discard(root: Path) -> None:
    """Remove a copy, giving its folders back the modes a damage took away (files are hard links: left alone)."""
    root.chmod(0o755)
    for path in root.rglob("*"):
        if path.is_dir() and not path.is_symlink():
            path.chmod(0o755)
    shutil.rmtree(root)


def measure(case: Case, workdir: Path, keep: bool = False) -> Measurement:
    """Damage a fresh copy for each command (msgfmt reads the first), and record what each did."""
    slug = re.sub(r"[^a-z0-9]+", "-", case.kind.lower()).strip("-")
    measured: Measurement | None = None
    for command, args in COMMANDS.items():
        root = fresh(case, workdir)
        if measured is None:
            measured = Measurement(case, *msgfmt(root, case))
        if command == EDITED:
            with (root / ONE).open("ab") as source:
                source.write(b"\nA paragraph added by the editor.\n")
        before = snapshot(root, folders=True)
        code, err, traceback = invoke(root, args, case.unprivileged)
        after = snapshot(root, folders=True)
        changed = tuple(sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k)))
        lines = tuple(line for line in err.splitlines() if line.strip() and not line.startswith("below threshold:"))
        measured.outcomes[command] = Outcome(command, code, lines, traceback, changed)
        if keep:
            root.rename(workdir / f"{slug}-{re.sub(r'[^a-z0-9]+', '', command)}")
        else:
            discard(root)
    assert measured is not None
    if integrity(base(workdir)) != _INTEGRITY[str(workdir)]:
        raise RuntimeError(f"the starting project changed while measuring {case.kind!r}: a write went through a hard link")
    return measured


def workdir() -> Path:
    """A scratch folder, in memory where there is a tmpfs: update flushes every catalogue it writes to the
    disk (fsync), which on a busy disk takes most of the time of these tiny projects."""
    shm = Path("/dev/shm")
    return Path(tempfile.mkdtemp(prefix="tarjima-damaged-", dir=shm if shm.is_dir() and os.access(shm, os.W_OK) else None))


# ---------------------------------------------------------------------------------------------
# The table


def cell(outcome: Outcome, case: Case) -> str:
    """One command's result in a few characters: exit status, then what is wrong with its error lines."""
    if outcome.traceback:
        return f"**traceback** (exit {outcome.code})"
    text = str(outcome.code)
    if outcome.code == 2:
        n = len(outcome.err)
        if n == case.lines and outcome.names(case, case.line):
            text += " ok"
        elif n != case.lines:
            text += f", {n} lines"
        else:
            text += ", unnamed" if not outcome.names(case, False) else ", no line no."
    return text


def row(m: Measurement) -> str:
    case = m.case
    cells = [cell(m.outcomes[c], case) for c in COMMANDS]
    changed = [f"{c} {len(o.changed)}" + ("" if any(case.owns(p) for p in o.changed) else " (other report)")
               for c, o in m.outcomes.items() if o.changed]
    problems = m.problems()
    agree = "yes" if not problems else "**no**: " + "; ".join(problems)
    return "| " + " | ".join([case.kind.replace("|", "\\|"), m.msgfmt, *cells, ", ".join(changed) or "none", agree]) + " |"


def table(measurements: list[Measurement]) -> str:
    head = ["kind", "msgfmt -c", *COMMANDS, "files changed?", "agree?"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += [row(m) for m in measurements]
    return "\n".join(lines) + "\n"
