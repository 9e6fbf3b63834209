"""Each error names the right file and line, once, and an interrupt exits 130 in every command (issue 36).

The full disk is a real one: a 256 KiB tmpfs filled up, mounted in a private mount namespace
(``unshare -m``, as root; ``unshare -rm`` in a user namespace otherwise), so nothing is mocked and
nothing outside the test sees it. The read-only folder is a real one too: mode 555 with the
capability that lets root ignore modes dropped (``setpriv``, as damaged_cases does). Ctrl-C is a
real SIGINT sent to the command's process group at a known point of its run.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import damaged_cases as dc
from conftest import report, run, translate_po

ROOT = Path(__file__).resolve().parent.parent
SOURCE = "content/x.md"


def errors(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("error:")]


# --- YAML: an unclosed quote is named at its own line -------------------------------------------

QUOTE_SWALLOWS = '---\ntitle: "A seminar\ndate: 2024-12-10\nlang: en\nsummary: "The seminar opened"\nlocation: Tashkent\ntags: [seminar]\nslug: x\n---\n\nFirst.\n'
QUOTE_RUNS_OUT = '---\ntitle: "A seminar\ndate: 2024-12-10\nlang: en\nsummary: The seminar opened\nlocation: Tashkent\ntags: [seminar]\nslug: x\n---\n\nFirst.\n'
APOSTROPHE = "---\ntitle: A seminar\ndate: 2024-12-10\nlang: en\nsummary: 'The Academy's seminar'\n---\n\nFirst.\n"


@pytest.mark.parametrize("text,line", [(QUOTE_SWALLOWS, 2), (QUOTE_RUNS_OUT, 2), (APOSTROPHE, 5)], ids=["closed by the next quote", "never closed", "an apostrophe inside"])
def test_an_unclosed_quote_in_the_front_matter_is_named_at_its_line(project, text: str, line: int) -> None:
    root = project({SOURCE: text})
    for command in ("update", "status", "check", "build"):
        result = run(root, command, *(["--out", str(root / "site")] if command == "build" else []))
        assert result.code == 2, (command, result.err)
        assert len(errors(result.err)) == 1 and errors(result.err)[0].startswith(f"error: {SOURCE}:{line}: invalid YAML front matter: the value quoted with "), (command, result.err)


def test_an_unclosed_bracket_is_named_where_it_opens(project) -> None:
    root = project({SOURCE: "---\ntitle: A seminar\ndate: 2024-12-10\nlang: en\ntags: [seminar, icrc\n---\n\nFirst.\n"})
    assert errors(run(root, "status").err) == [f"error: {SOURCE}:5: invalid YAML front matter: did not find expected ',' or ']' (fix the front matter syntax)"]


# --- a refused source is not "missing" ------------------------------------------------------------


def test_a_refused_source_is_not_said_to_be_missing(project) -> None:
    visit = "content/2024/visit/index.md"
    root = project({visit: report(title="A visit"), "content/talk.md": report(title="A talk", slug="the-talk")})
    assert run(root, "update").code == 0
    for rel in (visit, "content/talk.md"):  # a bundle (its slug is its folder's name) and a source with its own slug:
        path = root / rel
        path.write_text(path.read_text(encoding="utf-8").replace("2024-12-10", "2024-13-10"), encoding="utf-8")
    result = run(root, "update")
    assert result.code == 2 and "has no source" not in result.out, result.out
    assert [e.split(": ")[1] for e in errors(result.err)] == [f"{visit}:3", "content/talk.md:3"]
    (root / "content/talk.md").unlink()  # gone for good: then it is said
    assert "note: locales/templates/the-talk.pot has no source in content/" in run(root, "update").out


# --- a full disk and a read-only folder name the file being written -------------------------------


def translated(project) -> Path:
    root = project({SOURCE: report(body="First paragraph.\n\nSecond paragraph.\n")})
    assert run(root, "update").code == 0
    translate_po(root / "locales/ru/LC_MESSAGES/x.po", {"A seminar": "Семинар", "First paragraph.": "Первый абзац.", "Second paragraph.": "Второй абзац."})
    return root


def in_a_mount_namespace() -> list[str] | None:
    """The command that runs a shell with mounts of its own, or None where the system allows none."""
    if shutil.which("unshare") is None:
        return None
    command = ["unshare", "-m"] if os.geteuid() == 0 else ["unshare", "-rm"]
    probe = subprocess.run([*command, "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt 2>/dev/null || mount -t tmpfs -o size=64k tmpfs /tmp"], capture_output=True, check=False)
    return command if probe.returncode == 0 else None


FILL_AND_RUN = """set -e
mount -t tmpfs -o size=256k tmpfs "$MNT"
cp -a "$SRC" "$MNT/proj"
printf '\\nA third paragraph.\\n' >> "$MNT/proj/content/x.md"
dd if=/dev/zero of="$MNT/fill" bs=1k 2>/dev/null || true
set +e
"$PY" -m tarjima --root "$MNT/proj" "$@"
echo "exit $?"
find "$MNT/proj" -name '*.tarjima.tmp' -o -name '.site.new-*' -o -name '.desk.new-*' | sed 's/^/left: /'
cmp -s "$SRC/locales/templates/x.pot" "$MNT/proj/locales/templates/x.pot" && echo "x.pot unchanged"
"""


FULL = "cannot go on: No space left on device (the disk is full: free some space and run the command again; nothing was left half-written)"


@pytest.mark.slow
@pytest.mark.parametrize("command,named", [("update", "locales/templates/x.pot"), ("build", r"(site|desk)/\S+\.html")])
def test_a_full_disk_names_the_file_being_written(project, tmp_path: Path, command: str, named: str) -> None:
    namespace = in_a_mount_namespace()
    if namespace is None:
        pytest.skip("no mount namespace here (unshare -m needs root, unshare -rm user namespaces)")
    root = translated(project)
    mnt = tmp_path / "disk"
    mnt.mkdir()
    args = [command, *(["--out", str(mnt / "proj/site")] if command == "build" else [])]
    done = subprocess.run([*namespace, "sh", "-c", FILL_AND_RUN, "sh", *args], capture_output=True, text=True, check=False,
                          env={**os.environ, "MNT": str(mnt), "SRC": str(root), "PY": sys.executable})
    assert "exit 2" in done.stdout and "left: " not in done.stdout and "x.pot unchanged" in done.stdout, (done.stdout, done.stderr)
    assert len(errors(done.stderr)) == 1 and re.fullmatch(f"error: {named}: " + re.escape(FULL), errors(done.stderr)[0]), done.stderr


@pytest.mark.slow
def test_a_read_only_folder_names_the_catalogue_not_a_temporary_file(project) -> None:
    if not dc.can_drop_privilege():
        pytest.skip("running as root without setpriv: file modes cannot be made to apply")
    root = translated(project)
    with (root / SOURCE).open("a", encoding="utf-8") as source:
        source.write("\nA third paragraph.\n")
    folders = [root / "locales", *(p for p in (root / "locales").rglob("*") if p.is_dir())]
    for folder in folders:
        folder.chmod(0o555)
    try:
        done = subprocess.run([*dc.UNPRIVILEGED, sys.executable, "-m", "tarjima", "--root", str(root), "update"], capture_output=True, text=True, check=False)
    finally:
        for folder in folders:
            folder.chmod(0o755)
    assert done.returncode == 2 and ".tarjima.tmp" not in done.stderr, done.stderr
    assert errors(done.stderr) == ["error: locales/templates/x.pot: cannot go on: Permission denied (the folder is not writable by you: check its permissions; nothing was left half-written)"]


# --- photos, check's count, Plural-Forms ----------------------------------------------------------


def test_a_broken_photo_used_twice_is_named_once(project) -> None:
    bundle = "content/2024/visit/index.md"
    root = project({bundle: report(title="A visit", cover="hall.jpg", body="First.\n\n![The hall](hall.jpg)\n"), "content/2024/visit/hall.jpg": "not a photo\n"})
    assert run(root, "update").code == 0
    for extra in ((), ("--keep-going",)):
        result = run(root, "build", "--out", str(root / "site"), *extra)
        assert result.code == 2
        assert [e.split(": ")[1] for e in errors(result.err)] == ["content/2024/visit/hall.jpg"], result.err


def test_check_counts_a_refused_catalogue_among_its_errors(project) -> None:
    root = translated(project)
    po = root / "locales/ru/LC_MESSAGES/x.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Первый абзац."', 'msgstr "Первый абзац.'), encoding="utf-8")
    result = run(root, "check")
    assert result.code == 2 and len(errors(result.err)) == 1 and errors(result.err)[0].startswith("error: locales/ru/LC_MESSAGES/x.po:")
    assert result.out.splitlines()[-1].endswith(" 1 error(s), 0 warning(s); 1 of the errors: bad input named above, not checked"), result.out
    refused = json.loads(run(root, "check", "--format", "json").out)["refused"]
    assert [(r["path"], r["message"]) for r in refused] == [("locales/ru/LC_MESSAGES/x.po", "expected a quoted string, found '\"Первый абзац.'")]


def test_a_bad_plural_forms_is_named_at_its_line(project) -> None:
    root = translated(project)
    po = root / "locales/ru/LC_MESSAGES/x.po"
    text = po.read_text(encoding="utf-8")
    line = next(n for n, l in enumerate(text.split("\n"), start=1) if l.startswith('"Plural-Forms:'))
    assert line > 1
    po.write_text(re.sub(r'"Plural-Forms: [^"]*"', r'"Plural-Forms: nplurals=3; plural=(n%10==1 ? 0 : );\\n"', text), encoding="utf-8")
    for command in ("update", "status", "check", "build"):
        result = run(root, command, *(["--out", str(root / "site")] if command == "build" else []))
        assert [e.split(": ")[1] for e in errors(result.err)] == [f"locales/ru/LC_MESSAGES/x.po:{line}"], (command, result.err)


# --- Ctrl-C ---------------------------------------------------------------------------------------

# Run tarjima with one of its functions made to send SIGINT to the whole process group (as a
# terminal's Ctrl-C does: the forked workers get it too) the first time it is called.
INTERRUPTED = """
import os, signal, sys, time
import importlib
signal.signal(signal.SIGINT, signal.default_int_handler)  # as in a terminal: a suite started in the background by a script inherits SIGINT ignored
module = importlib.import_module(sys.argv[1])
name = sys.argv[2]
real = getattr(module, name)
def interrupted(*args, **kwargs):
    os.killpg(os.getpgid(0), signal.SIGINT)
    time.sleep(10)
    return real(*args, **kwargs)
setattr(module, name, interrupted)
from tarjima.cli import main
sys.argv = ["tarjima", *sys.argv[3:]]
main()
"""

WHERE = {  # a function each command runs
    "update": ("tarjima.update", "plan_report"),
    "status": ("tarjima.project", "load_project"),
    "check": ("tarjima.checks.project", "check_catalog"),
    "build": ("tarjima.site.reports", "process_report"),  # on a machine of several cores, in a forked worker
}


@pytest.mark.parametrize("command", [pytest.param(c, marks=() if c == "build" else pytest.mark.slow) for c in WHERE])
def test_ctrl_c_exits_130_in_every_command(project, command: str) -> None:
    files = {f"content/r{i:02d}/index.md": report(title=f"Report {i}", body=f"Paragraph {i}.\n") for i in range(12)}  # bundles: built on every core
    root = project(files)
    assert run(root, "update").code == 0
    if command == "update":
        (root / "content/r00/index.md").write_text(report(title="Report 0", body="Paragraph 0, edited.\n"), encoding="utf-8")
    args = ["--root", str(root), command, *(["--out", str(root / "site")] if command == "build" else [])]
    done = subprocess.run([sys.executable, "-c", INTERRUPTED, *WHERE[command], *args], capture_output=True, text=True, check=False,
                          start_new_session=True, timeout=120)
    assert done.returncode == 130, (done.returncode, done.stderr)
    assert "Traceback" not in done.stderr and "Aborted" not in done.stderr, done.stderr
    assert [l for l in done.stderr.splitlines() if l.strip()] == ["interrupted: every file tarjima writes is written whole or not at all; run the command again to finish"]
