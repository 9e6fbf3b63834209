"""The first rule on damaged input (issue 13): every command gives the same verdict on the same file.

For each kind of damage in `damaged_cases.CASES`, on a fresh copy of a two-report project per command
(update, update after an edit of the damaged report, status, status --fail-under 100, check, build):

- every command that reads the damaged file refuses it (exit 2, one line naming the file and, where the
  damage has one, its line) or every one accepts it; what `msgfmt -c` rejects is refused;
- commands that do not read it (status and check do not read the templates or _site.po) accept;
- no traceback, ever;
- a refusal changes nothing outside .tarjima-cache/: a refused build leaves site/ byte for byte as the
  last build left it. The one documented exception: update may still write the catalogues of the
  other reports (the table in benchmarks/damaged_inputs.py marks those "(other report)").

A case tarjima gets wrong today is a strict xfail whose reason says what is wrong; it fails as
soon as the case is fixed, so the mark goes with the fix. `python benchmarks/damaged_inputs.py`
prints the same measurements as a table.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

import damaged_cases as dc


@pytest.fixture(scope="module")
def workdir() -> Iterator[Path]:
    """One scratch folder for the module (on a tmpfs if there is one): the starting project is made once and copied for every run."""
    folder = dc.workdir()
    yield folder
    dc.discard(folder)


# The kinds the quick loop (pytest -m "not slow") runs: one of each file and of each verdict; the full suite runs all.
QUICK = {
    "PO: unterminated string", "PO: CRLF line endings", "PO header: Plural-Forms expression broken",
    "PO: Latin-1 bytes under charset=UTF-8", "PO: a folder where the file should be",
    "source: invalid YAML front matter", "source: UTF-8 with BOM (must be read)",
    "template: Jinja syntax error", "config: unknown language",
}


def cases() -> list:  # type: ignore[type-arg]
    params = []
    for case in dc.CASES:
        marks = []
        if case.unprivileged and not dc.can_drop_privilege():
            marks.append(pytest.mark.skip(reason="running as root without setpriv: file modes cannot be made to apply"))
        if case.kind not in QUICK:
            marks.append(pytest.mark.slow)
        if case.bug:
            marks.append(pytest.mark.xfail(strict=True, reason=case.bug))
        params.append(pytest.param(case, id=case.kind, marks=marks))
    return params


def test_there_are_at_least_24_kinds() -> None:
    assert len(dc.CASES) >= 24
    assert len({c.kind for c in dc.CASES}) == len(dc.CASES)
    assert QUICK <= {c.kind for c in dc.CASES}, QUICK - {c.kind for c in dc.CASES}


def test_an_undamaged_copy_is_accepted_everywhere_and_nothing_changes(workdir: Path) -> None:
    """The control: the harness itself (a copy, a snapshot, each command) finds nothing to report."""
    control = dc.Case("control: no damage", dc.ONE, lambda root: None, want="accept")
    measured = dc.measure(control, workdir)
    edited = measured.outcomes.pop(dc.EDITED)  # an edit is a change: that update writes the report's catalogues
    assert edited.code == 0 and edited.changed and all(control.owns(p) for p in edited.changed), edited
    for command, outcome in measured.outcomes.items():
        assert (outcome.code, outcome.err, outcome.traceback, outcome.changed) == (0, (), False, ()), command


@pytest.mark.parametrize("case", [c for c in dc.CASES if c.po], ids=lambda c: c.kind)
def test_msgfmt_is_asked_only_what_it_decides(case: dc.Case, workdir: Path) -> None:
    """A PO case that demands a verdict demands the one GNU gives (the others follow msgfmt, or only ask for agreement)."""
    if case.unprivileged and not dc.can_drop_privilege():
        pytest.skip("running as root without setpriv")
    root = dc.fresh(case, workdir)
    try:
        verdict, said = dc.msgfmt(root, case)
    finally:
        dc.discard(root)
    if case.want == "refuse":
        assert verdict == "reject", said
    elif case.want == "accept" and not case.unlike_gnu:
        assert verdict == "accept", said


@pytest.mark.parametrize("case", cases())
def test_every_command_gives_the_same_verdict(case: dc.Case, workdir: Path) -> None:
    measured = dc.measure(case, workdir)
    assert measured.problems() == [], dc.row(measured)
