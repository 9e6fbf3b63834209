"""The photo benchmark: a full build of N reports with K photos each, against the same build without photos and against Hugo
making the same derivatives (same widths, WebP and JPEG, the cover's crops) from the same files; then an incremental
build after one report's text changed, which must process no image.

    python benchmarks/images.py --reports 500 --images 5 --work /tmp/img-bench

Prints one line per measure and a Markdown table (not run by CI).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
HUGO_LAYOUT = """{{- /* The derivatives tarjima makes, made by Hugo: widths as WebP and JPEG, the cover cropped for cards and social cards. */ -}}
<!DOCTYPE html><html><body><h1>{{ .Title }}</h1>{{ .Content }}
{{- range .Resources.ByType "image" }}
  {{- $img := . }}
  {{- range slice 480 800 1200 }}{{ $w := . }}{{ if le $w $img.Width }}
    <img src="{{ ($img.Resize (printf "%dx webp q80" $w)).RelPermalink }}"><img src="{{ ($img.Resize (printf "%dx jpg q82" $w)).RelPermalink }}">
  {{- end }}{{ end }}
  {{- if eq .Name $.Params.cover }}
    {{- range slice "400x225" "800x450" }}<img src="{{ ($img.Fill (printf "%s webp q80" .)).RelPermalink }}"><img src="{{ ($img.Fill (printf "%s jpg q82" .)).RelPermalink }}">{{ end }}
    <img src="{{ ($img.Fill "1200x630 jpg q82").RelPermalink }}">
  {{- end }}
{{- end }}</body></html>
"""
HUGO_CONFIG = 'baseURL = "https://example.org/"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]\n[imaging]\nresampleFilter = "Lanczos"\n'


def sh(args: list[str], cwd: Path | None = None) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True, check=False)
    took = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{done.stdout[-800:]}{done.stderr[-800:]}")
    return took, done.stdout + done.stderr


def tarjima(root: Path, *args: str) -> tuple[float, str]:
    return sh([str(Path(sys.executable).parent / "tarjima"), "--root", str(root), *args])


def generated(work: Path, name: str, reports: int, images: int) -> Path:
    root = work / name
    if not (root / "tarjima.toml").exists():
        shutil.rmtree(root, ignore_errors=True)
        sh([sys.executable, str(HERE / "generate.py"), "--reports", str(reports), "--images", str(images), "--out", str(root)])
    return root


def hugo_site(work: Path, archive: Path) -> Path:
    """The same bundles (index.md and photos) as a Hugo site with a layout that makes the same derivatives."""
    site = work / "hugo"
    if not (site / "content").is_dir():
        shutil.rmtree(site, ignore_errors=True)
        for index in (archive / "content").rglob("index.md"):
            target = site / "content" / index.parent.name
            shutil.copytree(index.parent, target)
        (site / "layouts/_default").mkdir(parents=True)
        (site / "layouts/_default/single.html").write_text(HUGO_LAYOUT, encoding="utf-8")
        (site / "layouts/_default/list.html").write_text("<!DOCTYPE html><html><body></body></html>\n", encoding="utf-8")
        (site / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    return site


def processed(output: str) -> int:
    found = re.search(r"(\d+) photo\(s\) processed", output)
    return int(found.group(1)) if found else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=500)
    parser.add_argument("--images", type=int, default=5)
    parser.add_argument("--work", type=Path, required=True)
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    rows: list[tuple[str, str]] = []

    def note(name: str, value: str) -> None:
        print(f"{name}: {value}", flush=True)
        rows.append((name, value))

    plain = generated(args.work, "plain", args.reports, 0)
    photos = generated(args.work, "photos", args.reports, args.images)
    count = sum(1 for _ in (photos / "content").rglob("photo-*.jpg"))
    note("archive", f"{args.reports} reports, {count} photos ({sum(p.stat().st_size for p in (photos / 'content').rglob('photo-*.jpg')) // 1024} KB), {os.cpu_count()} cores")
    took, _ = tarjima(plain, "build", "--full", "--out", str(plain / "site"))
    note("tarjima build, full, no photos", f"{took:.1f} s")
    shutil.rmtree(photos / ".tarjima-cache/images", ignore_errors=True)
    took, out = tarjima(photos, "build", "--full", "--out", str(photos / "site"))
    note("tarjima build, full, photos not cached", f"{took:.1f} s ({processed(out)} photo sets processed)")
    files = [p for p in (photos / "site/media").rglob("*") if p.is_file()]
    note("derivatives (tarjima)", f"{len(files)} files, {sum(p.stat().st_size for p in files) // 1024} KB")
    took, out = tarjima(photos, "build", "--full", "--out", str(photos / "site"))
    note("tarjima build, full, photos cached", f"{took:.1f} s ({processed(out)} processed)")
    source = next((photos / "content").rglob("index.md"))
    text = source.read_text(encoding="utf-8")
    paragraph = next(b for b in text.split("\n\n")[1:] if b and not b.startswith(("!", "#", "-")))
    source.write_text(text.replace(paragraph, paragraph + " Edited.", 1), encoding="utf-8")
    tarjima(photos, "update")
    took, out = tarjima(photos, "build", "--out", str(photos / "site"))
    note("tarjima build, incremental after one report's text changed", f"{took:.2f} s ({processed(out)} photos processed)")
    source.write_text(text, encoding="utf-8")
    tarjima(photos, "update")
    if shutil.which("hugo"):
        site = hugo_site(args.work, photos)
        shutil.rmtree(site / "resources", ignore_errors=True)
        shutil.rmtree(site / "public", ignore_errors=True)
        took, out = sh(["hugo", "--quiet", "--source", str(site)])
        made = [p for p in (site / "public").rglob("*") if p.suffix in (".jpg", ".webp")]
        note("hugo, full, images not cached", f"{took:.1f} s ({len(made)} image files, {sum(p.stat().st_size for p in made) // 1024} KB)")
        shutil.rmtree(site / "public", ignore_errors=True)
        took, _ = sh(["hugo", "--quiet", "--source", str(site)])
        note("hugo, full, images cached (resources/_gen)", f"{took:.1f} s")
        version = subprocess.run(["hugo", "version"], capture_output=True, text=True, check=False).stdout.strip()
        note("hugo", version)
    else:
        note("hugo", "not installed (apt-get install hugo): no comparison")
    print("\n| measure | result |\n|---|---|")
    for name, value in rows:
        print(f"| {name} | {value} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
