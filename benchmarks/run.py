"""Time tarjima's commands on synthetic archives, next to the tools they replace, and print one table.

    python benchmarks/run.py --sizes 500,2000 --repeat 3

Each command runs as a fresh subprocess (``tarjima --root DIR ...``); its wall time is taken
with time.perf_counter, its CPU time and peak memory from GNU time (else os.wait4). A command
and its anchor run in turn, A B A B, --repeat rounds (status with pocount and cat, check with a
msgfmt -c loop, update with msgmerge of the same catalogues, the cold and warm builds with Hugo),
and each ratio is the median of the ratios pair by pair, wall and CPU, with the pairs' range: a
busy machine slows both sides of a pair alike. A figure is the median of the runs; peak memory
the largest.
Archives come from generate.py and are cached under benchmarks/.archives/, keyed by N, the
seed and a digest of generate.py and tarjima's own source (a changed writer regenerates them).
See benchmarks/README.md for how to read the table.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import itertools
import json
import os
import platform
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Mapping, Sequence

HERE = Path(__file__).resolve().parent
ARCHIVES = HERE / ".archives"
MARKER = ".benchmark-archive"  # holds the key of the archive; absent or different = regenerate
DIRTY = ".benchmark-dirty"  # present while the runner has edited files it has yet to restore
WORK = "_bench"  # scratch folder inside an archive: sites, a catalogue copy for msgmerge
CACHES = (".tarjima-cache",)  # tarjima's own caches, removed before every "cold" run
MEMORY_LIMIT_MB = 300.0


# --- Running one process ------------------------------------------------------------------


@dataclass(frozen=True)
class Sample:
    seconds: float
    peak_mb: float
    code: int
    out: str
    err: str
    cpu: float | None = None  # user + system seconds of the command and its children (GNU time), else None


def gnu_time() -> str | None:
    """GNU time, if installed: it measures its child's peak memory from a small process of its own."""
    path = "/usr/bin/time"
    if not os.access(path, os.X_OK):
        return None
    probe = subprocess.run([path, "-f", "%M", "-o", "/dev/null", "true"], capture_output=True)
    return path if probe.returncode == 0 else None


GNU_TIME = gnu_time()
MEMORY_METHOD = (
    "peak memory: ru_maxrss of the command as GNU time reports it" if GNU_TIME else
    "peak memory: ru_maxrss from os.wait4; without GNU time it includes the runner's own memory at fork (Linux records it at exec)"
)


def run_once(cmd: Sequence[str], cwd: Path | None = None) -> Sample:
    """Run a command: wall seconds, peak RSS in MB, exit status, output.

    The peak comes from GNU time when installed. A child forked straight from this (large)
    process would report this process's RSS, since Linux keeps the high-water mark across exec.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, tempfile.NamedTemporaryFile("r") as memory:
        full = [GNU_TIME, "-f", "%M %U %S", "-o", memory.name, *cmd] if GNU_TIME else list(cmd)
        start = time.perf_counter()
        proc = subprocess.Popen(full, cwd=cwd, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        peak_kb, cpu = usage.ru_maxrss, usage.ru_utime + usage.ru_stime
        if GNU_TIME:
            last = (memory.read().strip().splitlines() or [""])[-1].split()
            if len(last) == 3 and last[0].isdigit():
                peak_kb, cpu = int(last[0]), float(last[1]) + float(last[2])
        out.seek(0)
        err.seek(0)
        return Sample(seconds, peak_kb / 1024.0, proc.returncode, out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"), cpu)


@dataclass
class Measure:
    """Several runs of one command at one size."""

    name: str
    samples: list[Sample] = field(default_factory=list)
    failed: str = ""  # why it did not run or did not succeed
    notes: list[str] = field(default_factory=list)
    group: str = ""  # measures run in turn (A B A B ...) share a group: their ratios are taken pair by pair

    @property
    def seconds(self) -> float | None:
        return statistics.median(s.seconds for s in self.samples) if self.samples and not self.failed else None

    @property
    def best(self) -> float | None:
        return min(s.seconds for s in self.samples) if self.samples and not self.failed else None

    @property
    def peak_mb(self) -> float | None:
        return max(s.peak_mb for s in self.samples) if self.samples and not self.failed else None


def failure(sample: Sample) -> str:
    """Why a run failed: its exit status and the last line it printed."""
    tail = (sample.err.strip() or sample.out.strip()).splitlines()[-1:] or [""]
    return f"exit {sample.code}: {tail[0][:160]}"


def repeat(name: str, times: int, cmd: Callable[[], Sequence[str]], cwd: Path | None = None, before: Callable[[], None] | None = None,
           after: Callable[[Sample], None] | None = None, ok: Sequence[int] = (0,)) -> Measure:
    """Run ``cmd`` ``times`` times with optional set-up and check; stop at the first failure."""
    measure = Measure(name)
    for _ in range(times):
        if before:
            before()
        sample = run_once(cmd(), cwd)
        if sample.code not in ok:
            measure.failed = failure(sample)
            break
        measure.samples.append(sample)
        if after:
            after(sample)
    return measure


Step = tuple[str, Callable[[], Sequence[str]], "Callable[[], None] | None", Sequence[int]]  # name, command, set-up, exit codes that pass


def alternate(steps: Sequence[Step], times: int, cwd: Path | None = None) -> list[Measure]:
    """Run several commands in turn, ``times`` rounds (A B A B ...: a command and its anchors in the same
    window, so a busy machine slows both alike); each ratio is then taken pair by pair (see ``pair_ratios``)."""
    group = " / ".join(name for name, *_ in steps)
    measures = [Measure(name, group=group) for name, *_ in steps]
    for _ in range(times):
        for measure, (_, cmd, before, ok) in zip(measures, steps):
            if measure.failed:
                continue
            if before:
                before()
            sample = run_once(cmd(), cwd)
            if sample.code not in ok:
                measure.failed = failure(sample)
            else:
                measure.samples.append(sample)
    return measures


def pair_ratios(a: Measure, b: Measure, cpu: bool = False) -> list[float]:
    """a / b round by round, when the two ran in turn (same group, same number of rounds); else empty."""
    if not a.group or a.group != b.group or len(a.samples) != len(b.samples) or a.failed or b.failed:
        return []
    if cpu:
        return [x.cpu / y.cpu for x, y in zip(a.samples, b.samples) if x.cpu is not None and y.cpu]
    return [x.seconds / y.seconds for x, y in zip(a.samples, b.samples) if y.seconds]


# --- Archives -------------------------------------------------------------------------------


def tarjima_command() -> list[str]:
    """The console script next to this interpreter (not a version manager's shim), else ``python -m tarjima``."""
    script = Path(sys.executable).parent / "tarjima"
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    return [sys.executable, "-m", "tarjima"]


def source_key(seed: int) -> str:
    """A digest of what the archive's bytes depend on: the generator and tarjima's source."""
    import tarjima

    digest = hashlib.sha256(f"seed={seed}".encode())
    digest.update((HERE / "generate.py").read_bytes())
    package = Path(tarjima.__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def archive(n: int, seed: int, log: Callable[[str], None]) -> Path:
    """The archive of n reports for this seed, generated unless a current one is cached."""
    root = ARCHIVES / f"n{n}-s{seed}"
    key = source_key(seed)
    marker = root / MARKER
    if marker.is_file() and marker.read_text().strip() == key and not (root / DIRTY).exists():
        log(f"N={n}: reusing {root}")
        return root
    if root.exists():
        shutil.rmtree(root)
    log(f"N={n}: generating {root} ...")
    started = time.perf_counter()
    subprocess.run([sys.executable, str(HERE / "generate.py"), "--reports", str(n), "--seed", str(seed), "--out", str(root)], check=True, stdout=subprocess.DEVNULL)
    marker.write_text(key + "\n")
    log(f"N={n}: generated in {time.perf_counter() - started:.1f} s")
    return root


def catalogues(root: Path) -> list[Path]:
    return sorted((root / "locales").glob("*/LC_MESSAGES/*.po"))


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """(mtime_ns, size) of every file of the project, scratch and caches aside."""
    skip = {WORK, *CACHES, MARKER, DIRTY}
    result: dict[str, tuple[int, int]] = {}

    def walk(folder: str) -> None:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name not in skip:
                        walk(entry.path)
                elif entry.is_file(follow_symlinks=False) and entry.name not in skip:
                    st = entry.stat(follow_symlinks=False)
                    result[entry.path] = (st.st_mtime_ns, st.st_size)

    walk(str(root))
    return result


def touched(before: dict[str, tuple[int, int]], after: dict[str, tuple[int, int]]) -> list[str]:
    return sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))


def clear_caches(root: Path) -> None:
    for name in CACHES:
        shutil.rmtree(root / name, ignore_errors=True)


class Edits:
    """Edit report sources, remember every file they may lead to, and put all back byte for byte."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.saved: dict[Path, bytes | None] = {}
        locales = root / "locales"
        self.folders = sorted(p / "LC_MESSAGES" for p in locales.iterdir() if (p / "LC_MESSAGES").is_dir())

    def related(self, source: Path) -> list[Path]:
        """The source and every file `update` may write for it (the generated reports have no `slug:`)."""
        slug = source.stem
        return [source, self.root / "locales" / "templates" / f"{slug}.pot", *(folder / f"{slug}.po" for folder in self.folders)]

    def edit(self, source: Path, serial: int, paragraph: bool = False) -> None:
        """Append a sentence to the last block of the report: one segment changes. ``paragraph``: add a
        new paragraph instead, a new entry in every catalogue, which the translation memory is asked for
        (a changed segment whose entry was translated becomes fuzzy and is not)."""
        (self.root / DIRTY).touch()
        for path in self.related(source):
            if path not in self.saved:
                self.saved[path] = path.read_bytes() if path.exists() else None
        text = source.read_text(encoding="utf-8").rstrip("\n")
        source.write_text(text + (f"\n\nA paragraph added for the benchmark, number {serial + 2}.\n" if paragraph else f" Edited {serial + 2}.\n"), encoding="utf-8")

    def restore(self) -> None:
        for path, data in self.saved.items():
            if data is None:
                path.unlink(missing_ok=True)
            elif not path.exists() or path.read_bytes() != data:
                path.write_bytes(data)
        self.saved.clear()
        (self.root / DIRTY).unlink(missing_ok=True)


def sources(root: Path) -> list[Path]:
    return sorted((root / "content").rglob("*.md"))


# --- The Hugo site ----------------------------------------------------------------------------

# The same listings as tarjima's: each language's front page shows its 10 latest reports, and
# one archive page per language and month lists that month's (a taxonomy term per month).
HUGO_CONFIG = """\
baseURL = "https://example.org/news/"
title = "Benchmark"
enableRobotsTXT = false
[taxonomies]
archive = "archives"
[outputs]
taxonomy = ["HTML"]
term = ["HTML"]
"""
HUGO_SINGLE = """<!doctype html>
<html lang="{{ .Params.lang }}"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><header><a href="{{ "/" | relURL }}">{{ site.Title }}</a></header>
<main><h1>{{ .Title }}</h1><p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time></p>
{{ with .Params.summary }}<p>{{ . }}</p>{{ end }}{{ .Content }}</main></body></html>
"""
HUGO_LIST = """<!doctype html>
<html><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><h1>{{ .Title }}</h1><p>{{ len .Pages }} reports</p><ul>
{{ range first 10 .Pages.ByDate.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time>{{ with .Params.summary }}<p>{{ . }}</p>{{ end }}</li>
{{ end }}</ul></body></html>
"""
HUGO_TERM = """<!doctype html>
<html><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><h1>{{ .Title }}</h1><p>{{ len .Pages }} reports</p><ul>
{{ range .Pages.ByDate.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2 January 2006" }}</time>{{ with .Params.summary }}<p>{{ . }}</p>{{ end }}</li>
{{ end }}</ul></body></html>
"""
HUGO_TAXONOMY = """<!doctype html>
<html><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><ul>{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul></body></html>
"""
HUGO_HOME = """<!doctype html>
<html><head><meta charset="utf-8"><title>{{ site.Title }}</title></head>
<body><ul>{{ range site.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></body></html>
"""
MONTH_RE = re.compile(r"^date: (\d{4}-\d{2})", re.M)


def cell(text: str | None) -> str:
    return (text or "").replace("|", "\\|").replace("\n", " ")


def write_hugo_site(root: Path, tarjima: list[str], log: Callable[[str], None]) -> Path | None:
    """A minimal Hugo site with the pages tarjima publishes: one per published version, one aligned page per report."""
    work = root / WORK
    site = work / "hugo"
    shutil.rmtree(site, ignore_errors=True)
    for fmt in ("markdown", "json"):
        done = run_once([*tarjima, "--root", str(root), "build", "--format", fmt, "--out", str(work / f"export-{fmt}")])
        if done.code != 0:
            log(f"cannot write the Hugo site: tarjima build --format {fmt} failed: {done.err.strip()[-200:]}")
            return None
    content = site / "content"
    for md in sorted((work / "export-markdown").rglob("*.md")):
        target = content / md.relative_to(work / "export-markdown")
        target.parent.mkdir(parents=True, exist_ok=True)
        text = md.read_text(encoding="utf-8")
        month = MONTH_RE.search(text)
        if month:  # its month's archive page in its language
            text = text.replace("---\n", f"---\narchives: [{target.parent.name}-{month.group(1)}]\n", 1)
        target.write_text(text, encoding="utf-8")
    for folder in sorted(p for p in content.iterdir() if p.is_dir()):
        (folder / "_index.md").write_text(f"---\ntitle: {folder.name}\n---\n", encoding="utf-8")
    aligned = content / "aligned"
    aligned.mkdir(parents=True, exist_ok=True)
    (aligned / "_index.md").write_text("---\ntitle: aligned\n---\n", encoding="utf-8")
    for doc_path in sorted((work / "export-json").glob("*.json")):
        doc = json.loads(doc_path.read_text(encoding="utf-8"))
        langs = doc["languages"]
        lines = ["| id | " + " | ".join(langs) + " |", "|---|" + "---|" * len(langs)]
        lines += ["| " + seg["id"] + " | " + " | ".join(cell(seg["text"].get(tag)) for tag in langs) + " |" for seg in doc["segments"]]
        title = next((seg["text"][doc["source_lang"]] for seg in doc["segments"] if seg["id"] == "title"), doc["slug"])
        front = json.dumps({"title": title, "date": doc["date"], "lang": doc["source_lang"]}, ensure_ascii=False)
        (aligned / f"{doc['slug']}.md").write_text(front + "\n\n" + "\n".join(lines) + "\n", encoding="utf-8")
    (site / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    layouts = site / "layouts"
    (layouts / "_default").mkdir(parents=True, exist_ok=True)
    (layouts / "_default" / "single.html").write_text(HUGO_SINGLE, encoding="utf-8")
    (layouts / "_default" / "list.html").write_text(HUGO_LIST, encoding="utf-8")
    (layouts / "index.html").write_text(HUGO_HOME, encoding="utf-8")
    (layouts / "_default" / "term.html").write_text(HUGO_TERM, encoding="utf-8")
    (layouts / "_default" / "taxonomy.html").write_text(HUGO_TAXONOMY, encoding="utf-8")
    return site


def count_files(folder: Path, suffix: str = ".html") -> int:
    return sum(1 for p in folder.rglob(f"*{suffix}")) if folder.is_dir() else 0


# --- The benchmark of one size ----------------------------------------------------------------


@dataclass
class SizeResult:
    n: int
    measures: dict[str, Measure] = field(default_factory=dict)
    facts: dict[str, object] = field(default_factory=dict)  # files touched, diff result, page counts...

    def seconds(self, name: str) -> float | None:
        m = self.measures.get(name)
        return m.seconds if m else None


def bench_size(n: int, seed: int, times: int, anchors: bool, skip: set[str], log: Callable[[str], None], edited: int = 10) -> SizeResult:
    root = archive(n, seed, log)
    work = root / WORK
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    tj = tarjima_command()
    t = [*tj, "--root", str(root)]
    result = SizeResult(n)
    po_files = catalogues(root)
    result.facts["catalogues"] = len(po_files)
    rng = random.Random(f"edits-{seed}-{n}")
    every_source = sources(root)

    def record(measure: Measure) -> Measure:
        result.measures[measure.name] = measure
        shown = f"min {measure.best:.3f} s, median {measure.seconds:.3f} s, {measure.peak_mb:.0f} MB" if measure.seconds is not None else (measure.failed or "skipped")
        log(f"N={n}: {measure.name}: {shown}")
        return measure

    def wanted(step: str) -> bool:
        return step not in skip

    quick = max(times, 5)  # start-up figures are tens of milliseconds: more runs
    record(repeat("python -c pass", quick, lambda: [sys.executable, "-c", "pass"]))
    record(repeat("tarjima --version", quick, lambda: [*tj, "--version"]))
    record(repeat("tarjima --help", quick, lambda: [*tj, "--help"]))

    if anchors and wanted("anchors"):
        # Floors: what no tarjima command that needs them can beat on this machine (see rows_for).
        record(repeat(FLOOR_IMPORTS, quick, lambda: [sys.executable, "-c", "import click, markdown_it, jinja2, yaml, babel.dates, nh3"]))
        record(repeat(FLOOR_STAT, times, lambda: ["find", str(root / "content"), str(root / "locales"), "-type", "f", "-printf", "%T@ %s %i\n"]))
    listing = work / "inputs.txt"  # what status reads: every catalogue and every source
    listing.write_text("\0".join(str(p) for p in [*po_files, *every_source]) + "\0")
    po_listing = work / "catalogues.txt"
    po_listing.write_text("\0".join(str(p) for p in po_files) + "\0")
    status_steps: list[Step] = []
    if wanted("status"):
        status_steps.append(("status (cold)", lambda: [*t, "status"], lambda: clear_caches(root), (0,)))
    if anchors and wanted("anchors"):
        status_steps.append(("read bytes (cat)", lambda: ["bash", "-c", f"xargs -0 cat < {listing} > /dev/null"], None, (0,)))
        if shutil.which("pocount"):
            status_steps.append(("pocount", lambda: ["pocount", "--short", str(root / "locales")], None, (0,)))
        else:
            result.measures["pocount"] = Measure("pocount", failed="pocount not installed (it comes with the lock: pip install --require-hashes --no-deps -r requirements.txt)")
    for measure in alternate(status_steps, times):
        record(measure)
    if wanted("status"):
        record(repeat("status (warm cache)", times, lambda: [*t, "status"]))

    if wanted("check"):
        check_steps: list[Step] = [("check (cold)", lambda: [*t, "check"], lambda: clear_caches(root), (0, 1))]
        if anchors and wanted("anchors") and shutil.which("msgfmt"):
            # GNU's own check of every catalogue: msgfmt -c, one process per file, as a shell loop would run it
            check_steps.append((ANCHOR_MSGFMT, lambda: ["bash", "-c", f"xargs -0 -n1 msgfmt -c -o /dev/null < {po_listing}"], None, (0,)))
        for measure in alternate(check_steps, times):
            record(measure)
        record(repeat("check (warm cache)", times, lambda: [*t, "check"], ok=(0, 1)))

    if wanted("update"):
        run_once([*t, "update"])  # let caches settle: the timed runs below see a project as it is left after an update
        before = snapshot(root)
        written: list[int] = []

        def count_written(sample: Sample) -> None:
            match = re.search(r"(\d+) file\(s\) written", sample.out)
            written.append(int(match.group(1)) if match else -1)

        record(repeat("update, no change", times, lambda: [*t, "update"], after=count_written))
        result.facts["update touched"] = touched(before, snapshot(root))
        result.facts["update reported written"] = written
        update_edited(root, t, every_source, edited, times, rng, result, record, msgmerge=anchors and wanted("anchors") and bool(shutil.which("msgmerge")))

    if wanted("build"):
        # Every full build (tarjima's and Hugo's) writes into a folder of its own, and none is deleted
        # until all of them have run: on this machine's ext4 (mounted with discard) a build just after
        # the deletion of a large site spent 5-10 s more in the kernel, Hugo's more than tarjima's.
        folders = itertools.count()

        def new_folder(prefix: str) -> Path:
            return work / f"{prefix}-{next(folders)}"

        outs: list[Path] = []

        def cold() -> list[str]:
            clear_caches(root)
            outs.append(new_folder("site-cold"))
            return [*t, "build", "--out", str(outs[-1])]

        build_steps: list[Step] = [(BUILD_COLD, cold, None, (0,))]
        searched: list[Path] = []
        if wanted("search"):
            # the same archive with search = true (docs/site.md#search), built cold in turn with the build without
            search_root = work / "archive-search"
            shutil.copytree(root, search_root, ignore=shutil.ignore_patterns(*CACHES, WORK))  # (work is inside root)
            with (search_root / "tarjima.toml").open("a", encoding="utf-8") as config:
                config.write("\n[site]\nsearch = true\n")

            def cold_search() -> list[str]:
                clear_caches(search_root)
                searched.append(new_folder("site-search"))
                return [*tj, "--root", str(search_root), "build", "--out", str(searched[-1])]

            build_steps.append((BUILD_SEARCH, cold_search, None, (0,)))
        if anchors and wanted("anchors") and shutil.which("hugo") and wanted("hugo"):
            site = write_hugo_site(root, tj, log)
            if site is not None:
                public = site / "public"

                shutil.rmtree(site / "resources", ignore_errors=True)
                shown = run_once(["hugo", "--source", str(site), "--destination", str(public)])
                pages = re.search(r"Pages\s*\|\s*(\d+)", shown.out)
                result.facts["pages (hugo, as it reports)"] = int(pages.group(1)) if pages else None
                result.facts["pages (hugo, .html files)"] = count_files(public)
                hugo_site = site
                build_steps.append(("hugo, full", lambda: ["hugo", "--quiet", "--source", str(hugo_site), "--destination", str(new_folder("hugo-public"))],
                                    lambda: shutil.rmtree(hugo_site / "resources", ignore_errors=True), (0,)))
                build_steps.append((FLOOR_RENDER, lambda: [sys.executable, str(HERE / "floor.py"), str(hugo_site), str(new_folder("floor"))], None, (0,)))
                build_steps.append((FLOOR_RENDER_COMPILED, lambda: [sys.executable, str(HERE / "floor.py"), "--engine", "pyromark", str(hugo_site), str(new_folder("floor-compiled"))],
                                    None, (0,)))
        elif anchors and wanted("anchors") and not shutil.which("hugo"):
            result.measures["hugo, full"] = Measure("hugo, full", failed="hugo not installed (apt-get install hugo)")
        # every page rendered again, with the caches of the cold build kept (sources known, checks cached)
        build_steps.insert(1, (BUILD_WARM, lambda: [*t, "build", "--full", "--out", str(new_folder("site-warm"))], None, (0,)))
        measured = {m.name: record(m) for m in alternate(build_steps, times)}
        full = measured[BUILD_COLD]
        if searched and measured[BUILD_SEARCH].seconds is not None:  # Pagefind alone, on the pages that build wrote: not part of any build figure
            record(repeat(SEARCH_INDEX, times, lambda: [sys.executable, str(HERE / "search_index.py"), str(searched[-1])]))
        out = outs[-1]
        result.facts["pages (tarjima)"] = count_files(out)

        if full.seconds is not None:
            incremental_build(root, t, out, work, every_source, max(times, 3), rng, result, record)
    shutil.rmtree(work, ignore_errors=True)  # built sites: several hundred MB at N = 10,000
    return result


def unindexed_pairs(root: Path, by_lang: Mapping[str, object]) -> set[str]:
    """The translation memory's language pairs (source--target) that have no index in the cache yet."""
    from tarjima import config as configuration

    config = configuration.load(root)
    targets = [lang.tag for lang in config.languages if lang.tag not in config.derived]
    wanted = {f"{source}--{target}" for source in by_lang if source for target in targets if target != source}
    return {pair for pair in wanted if not (root / ".tarjima-cache" / "memory" / f"{pair}.sqlite").exists()}


def update_edited(root: Path, t: list[str], every_source: list[Path], k: int, times: int, rng: random.Random, result: SizeResult,
                  record: Callable[[Measure], Measure], msgmerge: bool) -> None:
    """``update`` after k sources were edited, and, in the same round, GNU msgmerge of just the catalogues
    those edits affect (each against the template tarjima has just written), on copies of the
    catalogues as they were before the update: the tool a translator would otherwise run."""
    edits = Edits(root)
    group = f"update, {k} edited / msgmerge"  # each round: tarjima's update, then msgmerge of the same catalogues
    mine, theirs = Measure(f"update, {k} edited", group=group), Measure("msgmerge of the affected catalogues", group=group)
    scratch = root / WORK / "msgmerge"
    runs: list[dict[str, int]] = []
    first = Measure(f"update, {k} edited, memory index made")  # the first edit after an install: the translation memory indexes the archive
    try:
        # One report of each source language among the k, given a new paragraph: every language pair's index
        # is made here, so the timed rounds below measure an archive whose memory exists, as after a few updates.
        by_lang: dict[str, list[Path]] = {}
        for path in every_source:
            found = re.search(rb"^lang: *(\S+)", path.read_bytes()[:2000], re.M)
            by_lang.setdefault(found.group(1).decode() if found else "", []).append(path)
        warm = [rng.choice(paths) for _, paths in sorted(by_lang.items())]
        warm += rng.sample([p for p in every_source if p not in warm], max(0, k - len(warm)))
        for i, path in enumerate(warm):
            edits.edit(path, i, paragraph=True)
        sample = run_once([*t, "update"])
        if sample.code != 0:
            first.failed = f"exit {sample.code}: {sample.err.strip()[-160:]}"
        else:
            first.samples.append(sample)
        edits.restore()
        run_once([*t, "update"])
        # A pair whose reports' catalogues the chosen ones lacked is not indexed yet: more untimed rounds
        # until every pair is, so that no timed round pays for a pair's first index (seen: 7 s at 10,000).
        for _ in range(5):
            if not unindexed_pairs(root, by_lang):
                break
            for i, path in enumerate(rng.choice(paths) for _, paths in sorted(by_lang.items())):
                edits.edit(path, i, paragraph=True)
            run_once([*t, "update"])
            edits.restore()
            run_once([*t, "update"])
        result.facts["memory pairs not indexed before the timed updates"] = sorted(unindexed_pairs(root, by_lang))
        for _ in range(times):
            chosen = rng.sample(every_source, k)
            before = snapshot(root)
            old = {po: po.read_bytes() for source in chosen for po in edits.related(source)[2:] if po.exists()}
            for i, path in enumerate(chosen):
                edits.edit(path, i)
            sample = run_once([*t, "update"])
            if sample.code != 0:
                mine.failed = f"exit {sample.code}: {sample.err.strip()[-160:]}"
                break
            mine.samples.append(sample)
            changed = touched(before, snapshot(root))
            runs.append({"files written": len([p for p in changed if p not in {str(c) for c in chosen}]), "expected": 3 * k, "catalogues": len(old)})
            if msgmerge:
                shutil.rmtree(scratch, ignore_errors=True)
                pairs = []
                for i, (po, data) in enumerate(sorted(old.items())):
                    copy = scratch / f"{i}.po"
                    copy.parent.mkdir(parents=True, exist_ok=True)
                    copy.write_bytes(data)
                    pairs.append(f'msgmerge --update --backup=off -q "{copy}" "{root / "locales" / "templates" / (po.stem + ".pot")}" || exit 1')
                merged = run_once(["bash", "-c", "\n".join(pairs)])
                if merged.code != 0:
                    theirs.failed = f"exit {merged.code}: {merged.err.strip()[-160:]}"
                else:
                    theirs.samples.append(merged)
            edits.restore()
    finally:
        edits.restore()
        run_once([*t, "update"])
    record(first)
    record(mine)
    if msgmerge:
        record(theirs)
    result.facts[f"update {k} edited"] = runs


def incremental_build(root: Path, t: list[str], out: Path, work: Path, every_source: list[Path], times: int, rng: random.Random,
                      result: SizeResult, record: Callable[[Measure], Measure]) -> None:
    """The site of the current sources is in ``out``: edit one report, build; put it back, build (both
    builds follow a one-report edit, both count). Then: is the incremental output a full build's?"""
    edits = Edits(root)
    incremental = Measure("build, incremental (1 report edited)")
    try:
        run_once([*t, "build", "--out", str(out)])
        for _ in range(times):
            edits.edit(rng.choice(every_source), 0)
            incremental.samples.append(run_once([*t, "build", "--out", str(out)]))
            edits.restore()
            incremental.samples.append(run_once([*t, "build", "--out", str(out)]))
        bad = [s for s in incremental.samples if s.code != 0]
        if bad:
            incremental.failed = f"exit {bad[0].code}: {bad[0].err.strip()[-160:]}"
        # Edit, build in place, build afresh (no cache), compare.
        edits.edit(rng.choice(every_source), 1)
        run_once([*t, "build", "--out", str(out)])
        reference = work / "site-full"
        shutil.rmtree(reference, ignore_errors=True)
        cache_copy = work / "cache-copy"
        shutil.rmtree(cache_copy, ignore_errors=True)
        for name in CACHES:
            if (root / name).exists():
                shutil.move(root / name, cache_copy / name)
        run_once([*t, "build", "--out", str(reference)])
        for name in CACHES:
            shutil.rmtree(root / name, ignore_errors=True)
            if (cache_copy / name).exists():
                shutil.move(cache_copy / name, root / name)
        diff = run_once(["diff", "-rq", "-x", ".tarjima-build", str(out), str(reference)])  # the build id differs by design
        result.facts["incremental vs full (diff -rq)"] = "identical" if diff.code == 0 else f"{len(diff.out.splitlines())} difference(s): " + "; ".join(diff.out.splitlines()[:3])
    finally:
        edits.restore()
        run_once([*t, "build", "--out", str(out)])
    record(incremental)


# --- The table ----------------------------------------------------------------------------------


@dataclass
class Row:
    command: str
    n: str
    best: float | None
    seconds: float | None
    peak_mb: float | None
    anchor: str = "—"
    anchor_value: str = "—"
    ratio: str = "—"
    target: str = "—"
    met: bool | None = None


def fmt_s(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def fmt_mb(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"


def fmt_ratio(value: float) -> str:
    return f"{value:.3f}" if value < 0.1 else f"{value:.2f}"


def measured_row(res: SizeResult, name: str, shown: str | None = None) -> Row:
    m = res.measures.get(name)
    return Row(shown or name, f"{res.n:,}", m.best if m else None, m.seconds if m else None, m.peak_mb if m else None)


def ratio_row(res: SizeResult, command: str, anchor: str, limit: float, target: str) -> Row:
    """command / anchor. When the two ran in turn (A B A B), the median of the ratios pair by pair, wall and
    CPU, with the pairs' range: met when the wall median is within ``limit``. Otherwise (separate blocks) the
    ratio of the medians, marked as such."""
    row = measured_row(res, command)
    row.anchor, row.target = anchor, target
    mine, theirs = res.measures.get(command), res.measures.get(anchor)
    if theirs is None:
        row.anchor_value = "not run"
    elif theirs.seconds is None:
        row.anchor_value = theirs.failed or "not run"
    else:
        row.anchor_value = f"{theirs.best:.3f} / {theirs.seconds:.3f} s"
    pairs = pair_ratios(mine, theirs) if mine is not None and theirs is not None else []
    if pairs:
        value = statistics.median(pairs)
        cpu = pair_ratios(mine, theirs, cpu=True) if mine is not None and theirs is not None else []
        shown_cpu = f"; CPU {fmt_ratio(statistics.median(cpu))}" if cpu else ""
        row.ratio = f"{fmt_ratio(value)} ({len(pairs)} pairs, {fmt_ratio(min(pairs))}–{fmt_ratio(max(pairs))}{shown_cpu})"
        row.met = value <= limit
    elif row.seconds is not None and theirs is not None and theirs.seconds and theirs.best and row.best is not None:
        value = row.seconds / theirs.seconds
        row.ratio = f"{fmt_ratio(value)} (medians of separate blocks; min {fmt_ratio(row.best / theirs.best)})"
        row.met = value <= limit
    return row


STARTUP_LIMIT = 0.08  # s, tarjima --version and --help
ANCHOR_MSGFMT = "msgfmt -c of every catalogue"  # GNU's check, one process per catalogue
BUILD_COLD = "build, full (cold; with the desk)"  # every build writes the public site and the editors' desk
BUILD_WARM = "build, full (caches kept; with the desk)"
FLOOR_IMPORTS = "floor: import the libraries a page needs"  # click, markdown-it, Jinja2, PyYAML, Babel's dates, nh3
FLOOR_STAT = "floor: stat every input (find, in C)"  # what any command that must notice an edit looks at
FLOOR_RENDER = "floor: markdown-it + Jinja2 doing Hugo's job"  # benchmarks/floor.py on the Hugo site's files
FLOOR_RENDER_COMPILED = "floor: pyromark + Jinja2 doing Hugo's job"  # the same with the compiled engine (floor.py --engine pyromark)
INCREMENTAL_LIMIT = 0.10  # s beyond tarjima --version, one report edited
BUILD_SEARCH = "build, full with search = true (cold; with the desk)"  # the same archive, its published pages indexed (tarjima.search)
SEARCH_INDEX = "search index alone (Pagefind, every published page)"  # benchmarks/search_index.py: what a build with search adds
SEARCH_LIMIT = 1.3  # the cold build with search / without


def rows_for(res: SizeResult) -> list[Row]:
    """The rows of one size."""
    rows: list[Row] = []
    n = f"{res.n:,}"
    for name in ("python -c pass", "read bytes (cat)", "pocount", "msgmerge of the affected catalogues", ANCHOR_MSGFMT, "hugo, full"):
        m = res.measures.get(name)
        if m is not None:
            row = measured_row(res, name, f"anchor: {name}")
            row.anchor = m.failed or "—"
            rows.append(row)
    for name in ("tarjima --version", "tarjima --help"):
        if name in res.measures:
            row = measured_row(res, name)
            row.anchor, row.target = "python -c pass", f"≤ {STARTUP_LIMIT:.2f} s"
            anchor = res.measures.get("python -c pass")
            row.anchor_value = f"{anchor.seconds:.3f} s" if anchor and anchor.seconds is not None else "—"
            row.met = row.seconds is not None and row.seconds <= STARTUP_LIMIT
            rows.append(row)
    # The targets are checked on the cold run (no .tarjima-cache/ at all); the warm run is shown against the same anchors.
    for name in ("status (cold)", "status (warm cache)"):
        if name in res.measures:
            rows.append(ratio_row(res, name, "pocount", 0.1, "≤ 0.1 (10x faster)"))
            rows.append(ratio_row(res, name, "read bytes (cat)", 5.0, "≤ 5"))
    for name in ("check (cold)", "check (warm cache)"):
        if name in res.measures:
            if ANCHOR_MSGFMT in res.measures:
                row = ratio_row(res, name, ANCHOR_MSGFMT, 1.0, "(no target: shown for comparison)")
                row.met = None
            else:
                row = measured_row(res, name)
                row.anchor = res.measures[name].failed or "(no anchor)"
            rows.append(row)
    if "update, no change" in res.measures:
        changed = res.facts.get("update touched", [])
        row = measured_row(res, "update, no change")
        row.anchor, row.ratio, row.target, row.met = "files touched", str(len(changed)), "0", len(changed) == 0
        rows.append(row)
    for name in [m for m in res.measures if m.startswith("update, ") and m.endswith(" edited")]:
        runs = res.facts.get(name.replace(", ", " ", 1), [])
        row = ratio_row(res, name, "msgmerge of the affected catalogues", 1.0, "≤ 1.0")
        rows.append(row)
        if runs:
            wrote = sorted({r["files written"] for r in runs})
            check = measured_row(res, name, f"{name}: files written")
            check.best = check.seconds = check.peak_mb = None
            check.anchor, check.ratio = f"catalogues msgmerge merged: {runs[0]['catalogues']}", "/".join(map(str, wrote))
            check.target, check.met = f"{runs[0]['expected']} (the edited reports' template and catalogues)", wrote == [runs[0]["expected"]]
            rows.append(check)
    for name in [m for m in res.measures if m.endswith("memory index made")]:
        row = measured_row(res, name)
        row.anchor = res.measures[name].failed or "(once per install: no anchor)"
        rows.append(row)
    if BUILD_COLD in res.measures:
        rows.append(ratio_row(res, BUILD_COLD, "hugo, full", 1.0, "≤ 1.0"))
    if BUILD_WARM in res.measures:
        rows.append(ratio_row(res, BUILD_WARM, "hugo, full", 0.7, "≤ 0.7"))
    if BUILD_SEARCH in res.measures:
        rows.append(ratio_row(res, BUILD_SEARCH, BUILD_COLD, SEARCH_LIMIT, f"≤ {SEARCH_LIMIT}"))
    if SEARCH_INDEX in res.measures:
        row = measured_row(res, SEARCH_INDEX)
        row.anchor = res.measures[SEARCH_INDEX].failed or "(run only when a published page changed: in no incremental figure)"
        rows.append(row)
    rows += floor_rows(res)
    inc = res.measures.get("build, incremental (1 report edited)")
    if inc is not None:
        row = measured_row(res, inc.name)
        version = res.measures.get("tarjima --version")
        row.anchor, row.target = "tarjima --version", f"≤ +{INCREMENTAL_LIMIT:.2f} s"
        if version is not None and version.seconds is not None:
            row.anchor_value = f"{version.best:.3f} / {version.seconds:.3f} s"
            if inc.seconds is not None and inc.best is not None:
                extra = inc.seconds - version.seconds
                row.ratio = f"+{extra:.3f} s (min +{inc.best - version.best:.3f} s)"
                row.met = extra <= INCREMENTAL_LIMIT
        rows.append(row)
        same = res.facts.get("incremental vs full (diff -rq)")
        if same is not None:
            row = Row(inc.name + ": output", n, None, None, None, "full build (diff -rq)", "—", str(same), "identical")
            row.met = same == "identical"
            rows.append(row)
    return rows


def floor_rows(res: SizeResult) -> list[Row]:
    """What the targets cost at the least in this stack on this machine, from the same run: the import of the
    libraries a report's pages need, and a look at every input, both of which an incremental build pays before
    it does any work of its own; and markdown-it with Jinja2 doing a strict subset of Hugo's job."""
    rows: list[Row] = []
    version, imports, stat = res.measures.get("tarjima --version"), res.measures.get(FLOOR_IMPORTS), res.measures.get(FLOOR_STAT)
    if imports is not None:
        row = measured_row(res, FLOOR_IMPORTS)
        row.anchor, row.target = "tarjima --version", "(a floor: no target)"
        if version is not None and version.seconds is not None and imports.seconds is not None:
            row.anchor_value = f"{version.best:.3f} / {version.seconds:.3f} s"
            row.ratio = f"+{imports.seconds - version.seconds:.3f} s"
        rows.append(row)
    if stat is not None:
        row = measured_row(res, FLOOR_STAT)
        row.anchor, row.anchor_value, row.target = "the incremental target", f"+{INCREMENTAL_LIMIT:.2f} s", "(a floor: no target)"
        if stat.seconds is not None and imports is not None and imports.seconds is not None and version is not None and version.seconds is not None:
            least = stat.seconds + imports.seconds - version.seconds
            row.ratio = f"with the imports: +{least:.3f} s"
        rows.append(row)
    for floor in (FLOOR_RENDER, FLOOR_RENDER_COMPILED):
        if floor in res.measures:
            row = ratio_row(res, floor, "hugo, full", 1.0, "(a floor: no target)")
            row.met = None
            rows.append(row)
    return rows


TARJIMA_COMMANDS = ("tarjima --version", "tarjima --help", "status (cold)", "status (warm cache)", "check (cold)", "check (warm cache)", "update, no change",
                    "update, 10 edited", BUILD_COLD, BUILD_WARM, "build, incremental (1 report edited)")


def beyond_version(res: SizeResult) -> float | None:
    inc, version = res.seconds("build, incremental (1 report edited)"), res.seconds("tarjima --version")
    return None if inc is None or version is None else inc - version


def scaling_rows(results: Sequence[SizeResult]) -> list[Row]:
    """Growth between consecutive sizes (at most 5x, whatever the size ratio: the targets name 2,000 and 10,000),
    the incremental build's cost beyond start-up (the same at every size), and peak memory at the largest."""
    rows: list[Row] = []
    ordered = sorted(results, key=lambda r: r.n)
    for small, large in zip(ordered, ordered[1:]):
        allowed = min(5.0, large.n / small.n)
        for name in TARJIMA_COMMANDS:
            a, b = small.seconds(name), large.seconds(name)
            if a is None or b is None:
                continue
            value = b / a
            rows.append(Row(f"growth: {name}", f"{small.n:,}→{large.n:,}", large.measures[name].best, b, large.measures[name].peak_mb,
                            f"same at {small.n:,}", f"{a:.3f} s", f"{value:.2f}", f"≤ {allowed:.1f}", value <= allowed))
        a, b = beyond_version(small), beyond_version(large)
        if a is not None and b is not None:
            rows.append(Row("growth: incremental build beyond --version", f"{small.n:,}→{large.n:,}", None, b, None, f"same at {small.n:,}", f"+{a:.3f} s",
                            f"{b - a:+.3f} s", "≤ +0.02 s (the same)", b - a <= 0.02))
    biggest = ordered[-1] if ordered else None
    if biggest is not None and biggest.n >= 10_000:
        for name, m in biggest.measures.items():
            if name.startswith(("status", "check", "update", "build", "tarjima")) and m.peak_mb is not None:
                rows.append(Row(f"memory: {name}", f"{biggest.n:,}", m.best, m.seconds, m.peak_mb, "limit", f"{MEMORY_LIMIT_MB:.0f} MB",
                                f"{m.peak_mb / MEMORY_LIMIT_MB:.2f}", "< 1", m.peak_mb < MEMORY_LIMIT_MB))
    return rows


def table(rows: Sequence[Row]) -> str:
    lines = ["| command | N | min s | median s | peak MB | anchor | anchor min / median | ratio of medians (of minima) | target | met? |",
             "|---|---:|---:|---:|---:|---|---:|---:|---|:---:|"]
    for r in rows:
        met = "—" if r.met is None else ("yes" if r.met else "**no**")
        lines.append(f"| {r.command} | {r.n} | {fmt_s(r.best)} | {fmt_s(r.seconds)} | {fmt_mb(r.peak_mb)} | {r.anchor} | {r.anchor_value} | {r.ratio} | {r.target} | {met} |")
    return "\n".join(lines) + "\n"


def machine() -> str:
    cpu = ""
    try:
        cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")), "")
    except OSError:
        pass
    try:
        rev = subprocess.run(["git", "-C", str(HERE.parent), "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(HERE.parent), "status", "--porcelain", "--", "src"], capture_output=True, text=True).stdout.strip()
    except OSError:
        rev, dirty = "", ""
    tools = []
    try:
        tools.append(f"translate-toolkit {metadata.version('translate-toolkit')} (pocount)")
    except metadata.PackageNotFoundError:
        pass  # not installed: its rows say so
    for tool, args in (("msgfmt", ["--version"]), ("hugo", ["version"])):
        if shutil.which(tool):
            done = subprocess.run([tool, *args], capture_output=True, text=True)
            first = ((done.stdout.strip() or done.stderr.strip()).splitlines() or [""])[0]
            tools.append(first[:70])
    return (f"{os.cpu_count()} CPU(s) {cpu}; Python {platform.python_version()}; tarjima at {rev or '?'} (byte-compiled before the run)"
            + (" with uncommitted changes in src/" if dirty else "") + "; " + "; ".join(tools) + f"; {MEMORY_METHOD}.")


def notes(results: Sequence[SizeResult]) -> list[str]:
    out = []
    for res in results:
        facts = res.facts
        if "update touched" in facts:
            changed = facts["update touched"]
            out.append(f"N={res.n:,}: update with nothing changed touched {len(changed)} file(s)" + (f", e.g. {changed[0]}" if changed else "")
                       + f"; it reported {facts.get('update reported written')} written.")
        for key in ("memory pairs not indexed before the timed updates", "pages (tarjima)", "pages (hugo, as it reports)", "pages (hugo, .html files)", "incremental vs full (diff -rq)"):
            if key in facts:
                out.append(f"N={res.n:,}: {key}: {facts[key]}")
        for m in res.measures.values():
            if m.failed:
                out.append(f"N={res.n:,}: {m.name}: {m.failed}")
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="2000,10000", help="comma-separated N (default 2000,10000: the sizes the targets name)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure; the table shows min and median")
    parser.add_argument("--large-repeat", type=int, default=None, help="runs per figure at sizes above 2,000 (default: --repeat)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--anchor-max", type=int, default=None, help="run the reference tools only at sizes up to this N")
    parser.add_argument("--edited", type=int, default=10, help="sources edited before the timed `update` (default 10)")
    parser.add_argument("--skip", default="", help="comma-separated steps to skip: anchors, hugo, status, check, update, build, search")
    parser.add_argument("--out", type=Path, default=None, help="where to write the Markdown results (default benchmarks/results-<date>.md)")
    args = parser.parse_args(argv)
    sizes = [int(s.replace("_", "").replace(",", "")) for s in args.sizes.split(",") if s.strip()]
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    def stop(signum: int, _frame: object) -> None:
        raise KeyboardInterrupt(f"signal {signum}")  # unwinds through the `finally` that restores edited files

    signal.signal(signal.SIGTERM, stop)
    described = machine()  # before the run: the code that is measured
    # Byte-code as an installed package has it (pip compiles on install): with PYTHONDONTWRITEBYTECODE
    # set, or a fresh checkout, every run would compile tarjima's modules again and measure that.
    import tarjima

    subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(tarjima.__file__).resolve().parent)], check=True)
    started = time.perf_counter()
    results = []
    for n in sizes:
        anchors = args.anchor_max is None or n <= args.anchor_max
        times = args.large_repeat if args.large_repeat and n > 2000 else args.repeat
        results.append(bench_size(n, args.seed, times, anchors, skip, log, edited=args.edited))
    rows: list[Row] = []
    for res in sorted(results, key=lambda r: r.n):
        rows += rows_for(res)
    rows += scaling_rows(results)
    text = table(rows)
    print(text)
    extra = notes(results)
    for line in extra:
        print(f"- {line}")
    out = args.out or HERE / f"results-{dt.date.today().isoformat()}.md"
    header = (f"# tarjima benchmark, {dt.datetime.now().strftime('%Y-%m-%d %H:%M')}\n\n"
              f"`python benchmarks/run.py {' '.join(sys.argv[1:] if argv is None else argv)}`"
              f" ({time.perf_counter() - started:.0f} s)\n\n{described}\n\n")
    out.write_text(header + text + "\n" + "".join(f"- {line}\n" for line in extra), encoding="utf-8")
    log(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
