"""tarjima's PO reader, writer and counters on Django's real catalogues, GNU gettext as the oracle."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from .po_suite import PoOutcome, failures

Outcomes = dict[str, Sequence[PoOutcome]]


def listed(outcomes: Sequence[PoOutcome], show: str) -> str:
    return "\n".join(f"{o.name}: {getattr(o, show)}" for o in outcomes[:10]) + (f"\n... and {len(outcomes) - 10} more" if len(outcomes) > 10 else "")


def test_the_subset_is_real(po_outcomes: Outcomes) -> None:
    """The CI subset holds a good number of catalogues, and msgfmt -c accepts most of them."""
    everything = [*po_outcomes["common"], *po_outcomes["wide"]]
    assert len(everything) >= 100
    assert sum(o.accepted for o in everything) > 0.9 * len(everything)


@pytest.mark.parametrize("group", ["common", "wide"])
def test_tarjima_reads_every_catalogue_msgfmt_accepts(po_outcomes: Outcomes, group: str) -> None:
    failed = failures(po_outcomes[group], "tarjima reads what msgfmt accepts")
    assert not failed, listed(failed, "read_error")


@pytest.mark.parametrize("group", ["common", "wide"])
def test_strict_counts_equal_msgfmt_statistics(po_outcomes: Outcomes, group: str) -> None:
    failed = failures(po_outcomes[group], "strict counts = msgfmt --statistics")
    assert not failed, "\n".join(f"{o.name}: msgfmt {o.gnu_counts}, tarjima {o.strict}" for o in failed[:10])


@pytest.mark.parametrize("group", ["common", "wide"])
def test_status_counts_equal_msgfmt_statistics(po_outcomes: Outcomes, group: str) -> None:
    """What ``tarjima status`` counts (the quick tally where it applies) is what msgfmt counts."""
    failed = failures(po_outcomes[group], "status counts = msgfmt --statistics")
    assert not failed, "\n".join(f"{o.name}: msgfmt {o.gnu_counts}, tarjima {o.status}" for o in failed[:10])
    assert not failures(po_outcomes[group], "quick tally = msgfmt --statistics (where taken)")


def test_msgcat_output_is_written_back_byte_for_byte(po_outcomes: Outcomes) -> None:
    """Latin, Cyrillic and Arabic catalogues normalised by msgcat come back from tarjima's writer unchanged."""
    failed = failures(po_outcomes["common"], "msgcat-normalised file written back byte for byte")
    assert not failed, listed(failed, "roundtrip")


@pytest.mark.xfail(strict=True, reason="issue 12: line wrapping of Kannada and Khmer text differs from msgcat (po/wrap.py's approximated classes for complex scripts; CJK now agrees)")
def test_msgcat_output_is_written_back_byte_for_byte_in_wide_scripts(po_outcomes: Outcomes) -> None:
    failed = failures(po_outcomes["wide"], "msgcat-normalised file written back byte for byte")
    assert not failed, listed(failed, "roundtrip")
