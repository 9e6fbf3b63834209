#!/usr/bin/env bash
# A real Weblate round trip on the shipped project (issue 31): Weblate 5.14.3 with PostgreSQL and
# Redis, the component list of `tarjima weblate` imported with import_json (and the 5.x steps of
# docs/translators.md), then three rounds: translations and needs-editing marks made through
# Weblate's REST API, `commitgit`/`pushgit`, the editors pull; a source paragraph edited (a long
# URL, hyphens: where GNU and translate-toolkit wrap differently) and `tarjima update` on the
# files Weblate wrote, pushed; Weblate pulls (`updategit`) and edits the files tarjima wrote.
# It prints the figures:
#
#   files changed by layout only           (tarjima's commits and Weblate's: entries equal, bytes not)
#   entries lost                           (a translation Weblate held that the repository no longer holds)
#   derived versions published without their base   (tarjima build of the final state)
#
# and what Weblate did with what it must not touch (uz_Cyrl, "start new translation").
#
# Not in CI: it needs root, apt (PostgreSQL, Redis, the headers PyGObject, pycairo, borgbackup and
# tesserocr build against) and minutes to install. Run from the repository, with tarjima installed
# (its .venv, or TARJIMA=/path/to/tarjima):
#
#   sudo tools/weblate-roundtrip.sh            # WEBLATE_RT_DIR=/tmp/weblate-roundtrip by default
#
# It starts PostgreSQL and Redis if they are not running, and stops those it started. Weblate's
# venv is kept in WEBLATE_RT_DIR/venv between runs; the database weblate_rt, Weblate's data and
# the git repositories are made anew each run. Pins: weblate 5.14.3 (the newest that installs on
# Python 3.11); GitPython<3.1.59: from 3.1.59 on (not only 3.1.62) GitPython's config writer escapes
# the quotes Weblate 5.14.3 puts around the fetch refspec, written `"\"+refs/heads/main:…\"\` and a
# newline, and every fetch fails with `couldn't find remote ref "+refs/heads/main`; django-otp<1.7:
# 1.7.0 removed the `_verify_user` that Weblate 5.14.3's authentication middleware calls, so every
# web and API request fails (AttributeError); PyGObject<3.51 (later ones need girepository-2.0,
# which Debian 12 lacks).
#
# Last run (2026-12-07; Debian 12, Python 3.11.7, PostgreSQL 15, Redis 7.0; Weblate 5.14.3 with
# translate-toolkit 3.16.3, Django 5.2.20, GitPython 3.1.58, django-otp 1.6.3; 1 min 50 s once the
# venv exists, 2 min to make it): three Weblate rounds (10 API edits, needs-editing marks included),
# two source edits, three `tarjima update`s, each pulled back by Weblate:
#   files changed by layout only 0, entries rewritten by layout only 0, entries lost 0,
#   derived versions published without their base 0; uz_Cyrl files in Weblate's commits 0 (Weblate
#   logs "skipping language uz_Cyrl"); "start new translation" de refused (HTTP 400, "The given
#   language is filtered by the language filter."); Weblate's counts equal `tarjima status`'s.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${WEBLATE_RT_DIR:-/tmp/weblate-roundtrip}
TARJIMA=${TARJIMA:-$ROOT/.venv/bin/tarjima}
[ -x "$TARJIMA" ] || TARJIMA=$(command -v tarjima || true)
[ -n "$TARJIMA" ] || { echo "error: tarjima not found (make the repository's .venv, or set TARJIMA)" >&2; exit 2; }
TJ_PYTHON=${TJ_PYTHON:-$(dirname "$TARJIMA")/python}
PYTHON=${PYTHON:-python3}
[ "$(id -u)" = 0 ] || { echo "error: run as root: it installs packages with apt-get and starts PostgreSQL and Redis" >&2; exit 2; }
step() { echo "== $*" >&2; }
started=()
cleanup() { for s in "${started[@]}"; do service "$s" stop >/dev/null 2>&1 || true; done; }
trap cleanup EXIT

step "system packages (apt-get)"
apt-get update -q >/dev/null
DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql redis-server git gettext pkg-config gcc \
  libgirepository1.0-dev libcairo2-dev gir1.2-pango-1.0 gir1.2-rsvg-2.0 libacl1-dev libssl-dev liblz4-dev libzstd-dev libxxhash-dev \
  libtesseract-dev libleptonica-dev >/dev/null

VENV=$WORK/venv
step "Weblate 5.14.3 into $VENV (minutes the first time)"
mkdir -p "$WORK"
[ -x "$VENV/bin/pip" ] || "$PYTHON" -m venv "$VENV"
"$VENV/bin/pip" install -q "weblate[postgres]==5.14.3" "GitPython<3.1.59" "django-otp<1.7" "PyGObject<3.51"
WEBLATE_VERSION=$("$VENV/bin/python" -c "import importlib.metadata as m; print(m.version('weblate'))")

step "PostgreSQL and Redis"
for s in postgresql redis-server; do
  if ! service "$s" status >/dev/null 2>&1; then service "$s" start >/dev/null; started+=("$s"); fi
done
for _ in $(seq 30); do su postgres -c "pg_isready -q" && break; sleep 1; done
su postgres -c "psql -qtc \"select 1 from pg_roles where rolname='weblate'\"" | grep -q 1 ||
  su postgres -c "psql -qc \"create role weblate login superuser password 'weblate'\""
su postgres -c "dropdb --if-exists weblate_rt" && su postgres -c "createdb -O weblate weblate_rt"

rm -rf "$WORK/data" "$WORK/remote.git" "$WORK/press" "$WORK/site" "$WORK"/*.json
mkdir -p "$WORK/data"
cat > "$WORK/weblate_rt_settings.py" <<EOF
"""Weblate's example settings with this run's data folder, database and in-process tasks."""
from pathlib import Path
import weblate

_text = Path(weblate.__file__).with_name("settings_example.py").read_text()
for _old, _new in (('DATA_DIR = "/home/weblate/data"', 'DATA_DIR = "$WORK/data"'), ('SITE_DOMAIN = ""', 'SITE_DOMAIN = "weblate.example.org"'),
                   ("ENABLE_HTTPS = False", "ENABLE_HTTPS = True")):  # (what the settings derived from them, the passkeys' origin, follows)
    _text = _text.replace(_old, _new)
exec(compile(_text, "settings_example.py", "exec"))
SECURE_SSL_REDIRECT = False  # the API is called in-process, not through a web server
VCS_FILE_PROTOCOL = True  # the press repository is a local bare one (file://)
DATABASES["default"].update(NAME="weblate_rt", USER="weblate", PASSWORD="weblate", HOST="127.0.0.1")
SECRET_KEY = "weblate-roundtrip-not-secret-0123456789abcdefghijklmnopqrstuvwxyz"
CELERY_TASK_ALWAYS_EAGER = True  # tasks run in the command that asks for them: no worker to start
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_BROKER_URL = "memory://"
CELERY_RESULT_BACKEND = None
EOF
export PYTHONPATH=$WORK DJANGO_SETTINGS_MODULE=weblate_rt_settings
wl() { "$VENV/bin/weblate" "$@"; }
shell() { wl shell -c "exec(open('$1').read())"; }

step "Weblate $WEBLATE_VERSION: migrate, admin"
wl migrate --noinput >/dev/null
wl createadmin --username admin --password admin-roundtrip --email admin@example.org >/dev/null

step "the press repository: the shipped project, a bare remote and the editors' clone"
mkdir -p "$WORK/press"
cp -r "$ROOT/pyproject.toml" "$ROOT/content" "$ROOT/locales" "$ROOT/templates" "$ROOT/published" "$WORK/press/"
printf '.tarjima-cache/\nsite/\ndesk/\n' > "$WORK/press/.gitignore"
git -C "$WORK/press" init -q -b main
git -C "$WORK/press" -c user.name=Editor -c user.email=editor@example.org add -A
git -C "$WORK/press" -c user.name=Editor -c user.email=editor@example.org commit -qm "The shipped project"
git clone -q --bare "$WORK/press" "$WORK/remote.git"
git -C "$WORK/press" remote add origin "file://$WORK/remote.git"
git -C "$WORK/press" fetch -q origin && git -C "$WORK/press" branch -q -u origin/main
editor() { git -C "$WORK/press" -c user.name=Editor -c user.email=editor@example.org "$@"; }
START=$(editor rev-parse HEAD)

step "components: tarjima weblate, import_json, the 5.x source-language steps"
"$TARJIMA" --root "$WORK/press" weblate --repo "file://$WORK/remote.git" --project academy --out "$WORK/components.json" >&2
wl shell -c "from weblate.trans.models import Project; Project.objects.get_or_create(slug='academy', defaults={'name': 'Academy', 'web': 'https://example.org/'})"
wl import_json --project academy "$WORK/components.json" >&2
wl shell -c "import json; from weblate.lang.models import Language; from weblate.trans.models import Component
for c in json.load(open('$WORK/components.json')):
    component = Component.objects.get(project__slug='academy', slug=c['slug'])
    component.source_language = Language.objects.get(code=c['source_language']); component.save()
main = Component.objects.get(project__slug='academy', slug=json.load(open('$WORK/components.json'))[0]['slug'])
main.push = main.repo; main.save()"
wl loadpo --force --foreground academy >&2

cat > "$WORK/weblate_side.py" <<'EOF'
"""Weblate's side, in `weblate shell`: what it loaded, and edits through its REST API (as a translator's browser makes them)."""
import json, os
from rest_framework.test import APIClient
from weblate.auth.models import User
from weblate.trans.models import Component, Translation

client = APIClient()
client.force_authenticate(user=User.objects.get(username="admin"))
phase = os.environ["RT_PHASE"]
report = {"phase": phase, "edits": [], "languages": {}}
for c in Component.objects.filter(project__slug="academy").order_by("slug"):
    report["languages"][c.slug] = sorted(t.language.code for t in c.translation_set.all())


def units(component, lang):
    t = Translation.objects.get(component__project__slug="academy", component__slug=component, language__code=lang)
    return list(t.unit_set.order_by("position"))


def patch(unit, target, state, why):
    r = client.patch(f"/api/units/{unit.pk}/", {"target": [target], "state": state}, format="json")
    report["edits"].append({"unit": unit.source[:50], "state": state, "http": r.status_code, "why": why})
    assert r.status_code == 200, (r.status_code, r.content[:300])


def paragraph(component, lang, pick=0, state=None):
    """The pick-th unit whose source is a paragraph (longest texts first), optionally only those in a state."""
    found = [u for u in units(component, lang) if (state is None or u.state == state) and "\x1e" not in u.source]  # (no plural)
    return sorted(found, key=lambda u: -len(u.source))[pick]


if phase == "1":
    u = paragraph("international-standards-seminar", "uz_Latn", 1)
    patch(u, u.target + " Tadbir muvaffaqiyatli yakunlandi.", 20, "uz_Latn: a translation reworded")
    u = paragraph("international-standards-seminar", "ru", 2)
    patch(u, u.target, 10, "ru: marked needs editing")
    u = paragraph("human-trafficking-conference", "en", 1)
    patch(u, u.target + " The event ended successfully.", 20, "en: a translation reworded")
    u = paragraph("_site", "ru", 0)
    patch(u, u.target.rstrip(".") + " (обновлено)", 20, "_site ru: a site string edited")
    r = client.post("/api/components/academy/international-standards-seminar/translations/", {"language_code": "de"}, format="json")
    report["start_new_translation_de"] = f"{r.status_code} {r.content.decode()[:160]}"
else:  # the paragraphs the editors changed are fuzzy (10) in each target: translate them in Weblate (the URL kept)
    added = {"ru": " Запись двухдневного семинара: " + os.environ["RT_URL"] + " — полностью.",
             "uz_Latn": " Ikki kunlik seminar yozuvi: " + os.environ["RT_URL"] + " — toʻliq holda."}
    for lang, text in added.items():
        for u in [x for x in units("international-standards-seminar", lang) if x.state == 10]:
            if os.environ["RT_URL"] in u.source and os.environ["RT_URL"] not in u.target:
                patch(u, u.target + text, 20, f"{lang}: an edited paragraph translated")
            else:
                patch(u, u.target, 20, f"{lang}: a needs-editing entry settled as it is")
    if phase == "3":  # the Latin held back at the end: its derived Cyrillic must not be published without it
        u = paragraph("international-standards-seminar", "uz_Latn", 3, 20)
        patch(u, u.target, 10, "uz_Latn: marked needs editing")
report["counts"] = {}
for t in Translation.objects.filter(component__project__slug="academy"):
    if t.language == t.component.source_language:
        continue
    report["counts"][f"{t.component.slug}/{t.language.code}"] = [t.unit_set.filter(state__gte=20).count(), t.unit_set.filter(state=10).count()]
json.dump(report, open(os.environ["RT_OUT"], "w"), indent=1, ensure_ascii=False)
EOF

weblate_round() {  # $1: phase; Weblate edits, commits and pushes; the editors pull
  RT_PHASE=$1 RT_OUT=$WORK/weblate-$1.json shell "$WORK/weblate_side.py"
  wl commitgit academy >&2
  wl pushgit academy >&2
  editor pull -q --ff-only
}
tarjima_round() {  # $1: what the editors did; tarjima update, its commit pushed, Weblate pulls
  "$TARJIMA" --root "$WORK/press" update >&2
  editor add -A locales
  editor commit -qm "tarjima update: $1" || echo "(tarjima update changed nothing)" >&2
  editor push -q origin main
  wl updategit academy >&2
}

edit_source() {  # $1: which paragraph (0: the longest); $2: the sentence the editors add to it
  "$TJ_PYTHON" - "$WORK/press/content/2024/international-standards-seminar/index.md" "$1" "$2" <<'EOF'
import sys
from pathlib import Path
path, pick, sentence = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
head, sep, body = path.read_text(encoding="utf-8").partition("\n---\n")
paragraphs = body.split("\n\n")
prose = sorted((i for i, p in enumerate(paragraphs) if p.strip() and not p.lstrip().startswith(("#", "!", "|", "-", "*", ">", "["))), key=lambda i: -len(paragraphs[i]))
paragraphs[prose[pick]] = paragraphs[prose[pick]].rstrip() + " " + sentence
path.write_text(head + sep + "\n\n".join(paragraphs), encoding="utf-8")
EOF
  editor commit -qam "Seminar: a paragraph edited"
}
# A long URL and hyphenated words: where GNU gettext (tarjima) and translate-toolkit (Weblate) wrap differently.
export RT_URL="https://example.org/media/2024/international-standards-seminar/recording-of-the-full-two-day-session.html"
REVS=("$START")
step "round 1: Weblate edits through its API (a rewording, needs editing, a site string, start new translation 'de'); commitgit, pushgit"
weblate_round 1; REVS+=("$(editor rev-parse HEAD)")
step "round 1: the editors edit a source paragraph (a long URL); tarjima update; Weblate pulls"
edit_source 0 "The recording of the two-day session is at $RT_URL for the well-known long-term review."
tarjima_round "a source paragraph edited"; REVS+=("$(editor rev-parse HEAD)")
step "round 2: Weblate translates the edited paragraph in the files tarjima wrote"
weblate_round 2; REVS+=("$(editor rev-parse HEAD)")
step "round 2: another source paragraph edited; tarjima update on the files Weblate wrote"
edit_source 1 "Participants received certificates at $RT_URL as a follow-up."
tarjima_round "another source paragraph edited"; REVS+=("$(editor rev-parse HEAD)")
step "round 3: Weblate translates it, and marks a Latin entry needs editing; tarjima update derives the Cyrillic"
weblate_round 3; REVS+=("$(editor rev-parse HEAD)")
tarjima_round "after Weblate's round 3"; REVS+=("$(editor rev-parse HEAD)")
"$TARJIMA" --root "$WORK/press" build --out "$WORK/site" >&2

step "figures"
fig() { "$TJ_PYTHON" "$ROOT/tools/weblate_roundtrip_figures.py" "$@"; }
{
  echo "Weblate $WEBLATE_VERSION; tarjima $("$TARJIMA" --version | awk '{print $NF}')"
  names=("Weblate round 1" "tarjima update after a source edit, on Weblate's files" "Weblate round 2, on tarjima's files"
         "tarjima update after a source edit, on Weblate's files" "Weblate round 3, on tarjima's files" "tarjima update")
  total_layout=0 total_blocks=0 total_lost=0
  for i in "${!names[@]}"; do
    old=${REVS[$i]} new=${REVS[$((i + 1))]}
    if [ "$i" -eq 1 ] || [ "$i" -eq 3 ]; then old=$(editor rev-parse "$new~1"); fi  # tarjima's commit alone, after the source edit
    echo "--- ${names[$i]} (${old:0:8}..${new:0:8})"
    out=$(fig layout "$WORK/press" "$old" "$new"); echo "$out"
    total_layout=$((total_layout + $(echo "$out" | awk -F': ' '/^files changed by layout only/ {print $2}')))
    total_blocks=$((total_blocks + $(echo "$out" | awk -F': ' '/^blocks rewritten by layout only/ {print $2}')))
    out=$(fig lost "$WORK/press" "${REVS[$i]}" "$new"); echo "$out"
    total_lost=$((total_lost + $(echo "$out" | awk -F': ' '/^entries lost/ {print $2}')))
  done
  echo "--- the final build"; fig published "$WORK/press" "$WORK/site"
  echo "--- what Weblate did with what it must not touch"
  echo "uz_Cyrl files in Weblate's commits: $(for i in 0 2 4; do editor diff --name-only "${REVS[$i]}" "${REVS[$((i + 1))]}" -- locales/uz_Cyrl; done | wc -l)"
  "$TJ_PYTHON" - "$WORK" <<'EOF'
import json, sys
for phase in ("1", "2", "3"):
    r = json.load(open(f"{sys.argv[1]}/weblate-{phase}.json"))
    print(f"round {phase}: languages Weblate shows per component: {r['languages']}")
    print(f"round {phase}: edits through the API: " + "; ".join(f"{e['why']} (HTTP {e['http']})" for e in r["edits"]))
    if "start_new_translation_de" in r:
        print(f"round 1: start new translation 'de' through the API: HTTP {r['start_new_translation_de']}")
    print(f"round {phase}: Weblate's counts (translated, needs editing) before its commit: {r['counts']}")
EOF
  echo "--- status of the final state"; "$TARJIMA" --root "$WORK/press" status 2>&1
  echo "=== files changed by layout only: $total_layout"
  echo "=== entries rewritten by layout only (any file): $total_blocks"
  echo "=== entries lost: $total_lost"
  echo "=== derived versions published without their base: $(fig published "$WORK/press" "$WORK/site" | awk -F': ' '/^derived versions/ {print $2}')"
} | tee "$WORK/figures.txt"
echo "figures in $WORK/figures.txt; the press repository in $WORK/press" >&2
