"""The conformance figures of issue 12 on the full sets: every CommonMark spec example, every Django
catalogue, every pair of catalogues of two Django releases.

    python benchmarks/conformance.py                 # prints the table
    python benchmarks/conformance.py --write         # also writes benchmarks/conformance-<date>.md
    python benchmarks/conformance.py --skip merge    # leave out a part: commonmark, po, merge

The input is fetched by ``tests/conformance/fetch.py`` into ``~/.cache/tarjima-conformance/``
(the CI subset in ``tests/conformance`` uses the same code). Progress goes to standard error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from conformance import adapter, commonmark_suite, fetch, merge_suite, po_suite  # noqa: E402


def rate(passed: int, total: int) -> str:
    return f"{passed}/{total} ({100 * passed / total:.1f}%)" if total else "0/0"


def commonmark_part(lines: list[str]) -> None:
    examples = fetch.spec_examples()
    summary = commonmark_suite.run(examples)
    lines += ["## CommonMark spec examples (commonmark 0.9.1 spec.txt, CommonMark 0.29; reference markdown-it-py CommonMark)", ""]
    lines += ["| figure | rate |", "|---|---:|"]
    lines.append(f"| source page = reference, all examples | {rate(*summary.rate())} |")
    lines.append(f"| source page = reference, outside HTML blocks and Raw HTML | {rate(*summary.rate(lambda o: not o.raw_html))} |")
    lines.append(f"| translated page keeps the source page's block structure | {rate(*summary.rate(test=lambda o: o.structure_kept))} |")
    lines.append(f"| translated page (every segment in capitals) = reference, case aside | {rate(*summary.rate(test=lambda o: o.text_kept))} |")
    lines += ["", "| section | passed |", "|---|---:|"]
    lines += [f"| {section} | {rate(passed, n)} |" for section, passed, n in summary.by_section()]
    lines += ["", "| failure reason | examples | e.g. |", "|---|---:|---|"]
    grouped: dict[str, list[int]] = {}
    for outcome in summary.failures():
        grouped.setdefault(commonmark_suite.reason(outcome), []).append(outcome.example.number)
    for why, numbers in sorted(grouped.items(), key=lambda kv: -len(kv[1])):
        lines.append(f"| {why} | {len(numbers)} | {', '.join(map(str, numbers[:8]))} |")
    lines.append("")


def po_part(lines: list[str]) -> None:
    files = fetch.django_catalogs(fetch.DJANGO_NEW[1])
    outcomes = po_suite.run(files)
    lines += [f"## Django {fetch.DJANGO_NEW[1]} catalogues ({len(files)} django.po and djangojs.po)", ""]
    lines += ["| check | rate |", "|---|---:|"]
    lines += [f"| {name} | {rate(passed, n)} |" for name, passed, n in po_suite.rates(outcomes)]
    refused = Counter(po_suite.first_line(o.gnu_error.split(": ", 1)[-1])[:80] for o in outcomes if o.gnu_error)
    lines += ["", "msgfmt -c refuses: " + "; ".join(f"{why} ({n})" for why, n in refused.most_common()) or "none", ""]
    lines += ["| failure reason | files |", "|---|---:|"]
    lines += [f"| {why} | {n} |" for why, n in po_suite.reasons(outcomes).most_common(10)]
    different = po_suite.failures(outcomes, "msgcat-normalised file written back byte for byte")
    if different:
        lines += ["", "Write-back differences, by the scripts of the entry (first 10, each with its smallest reproduction):", ""]
        for o in different[:10]:
            path = next(f.path for f in files if f.name == o.name)
            repro = po_suite.minimal_repro(path)
            text = repro.decode("utf-8", "replace") if repro else ""
            lines += [f"- `{o.name}` ({', '.join(po_suite.scripts(text)[:3]) or '?'}): {o.roundtrip}", "", "  ```po", *("  " + line for line in text.rstrip("\n").split("\n")), "  ```"]
    lines.append("")


def merge_part(lines: list[str]) -> None:
    older, newer = fetch.django_catalogs(fetch.DJANGO_OLD[1]), fetch.django_catalogs(fetch.DJANGO_NEW[1])
    matched = merge_suite.pairs(older, newer)
    summary = merge_suite.MergeSummary(merge_suite.run(matched))
    lines += [f"## Merge: Django {fetch.DJANGO_OLD[1]} catalogues + {fetch.DJANGO_NEW[1]} templates ({len(matched)} pairs), msgmerge --previous vs tarjima", ""]
    lines += ["| figure | value |", "|---|---:|"]
    lines.append(f"| entries in the templates | {summary.total('entries')} |")
    lines.append(f"| pairs whose translated set is identical (same entries, same text) | {rate(summary.count('translated_same'), len(matched))} |")
    lines.append(f"| translated entries: msgmerge / tarjima | {summary.total('translated_gnu')} / {summary.total('translated_tarjima')} |")
    lines.append(f"| fuzzy suggestions: msgmerge / tarjima | {summary.total('fuzzy_gnu')} / {summary.total('fuzzy_tarjima')} |")
    lines.append(f"| fuzzy in both | {summary.total('fuzzy_both')} |")
    lines.append(f"| ... of which a different old translation offered | {summary.total('fuzzy_picked_differently')} |")
    lines.append(f"| fuzzy only with msgmerge / only with tarjima | {summary.total('fuzzy_only_gnu')} / {summary.total('fuzzy_only_tarjima')} |")
    lines.append(f"| merged file byte-identical to msgmerge's | {rate(summary.count('identical_bytes'), len(matched))} |")
    lines.append(f"| ... after the header entry | {rate(sum(1 for o in summary.outcomes if not o.body_difference), len(matched))} |")
    errors = [o for o in summary.outcomes if o.error]
    lines.append(f"| errors | {len(errors)} |")
    lines += ["", "Examples of different suggestions:", ""]
    distinct: dict[str, str] = {}
    for o in summary.outcomes:
        if o.example:
            distinct.setdefault(o.example.split(":", 1)[0], f"- `{o.name}`: {o.example}")
    lines += list(distinct.values())[:8]
    lines += ["", "First differences after the header (most common):", ""]
    kinds = Counter(o.body_difference.split(": ", 1)[-1][:110] for o in summary.outcomes if o.body_difference)
    lines += [f"- {n} x {kind}" for kind, n in kinds.most_common(8)]
    lines.append("")


PARTS = {"commonmark": commonmark_part, "po": po_part, "merge": merge_part}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--skip", default="", help="parts to leave out: commonmark,po,merge")
    parser.add_argument("--write", action="store_true", help="also write benchmarks/conformance-<date>.md")
    args = parser.parse_args()
    skip = {s for s in args.skip.split(",") if s}
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    lines = [f"# Conformance of tarjima {commit} ({dt.date.today().isoformat()})", "", f"Python {platform.python_version()}; {po_suite.gnu('msgfmt', '--version').stdout.decode().splitlines()[0]}; tarjima internals used: {', '.join(adapter.USED)}", ""]
    timings = []
    for name, part in PARTS.items():
        if name in skip:
            continue
        print(f"{name}...", file=sys.stderr)
        started = time.perf_counter()
        try:
            part(lines)
        except (fetch.FetchError, po_suite.ToolMissing) as exc:
            print(f"conformance: {exc}", file=sys.stderr)
            return 2
        timings.append(f"{name} {time.perf_counter() - started:.1f} s")
    lines += ["Time: " + ", ".join(timings), ""]
    text = "\n".join(lines)
    print(text)
    if args.write:
        out = ROOT / "benchmarks" / f"conformance-{dt.date.today().isoformat()}.md"
        out.write_text(text, encoding="utf-8")
        print(f"wrote {out.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
