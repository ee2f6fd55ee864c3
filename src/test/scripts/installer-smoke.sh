#!/usr/bin/env bash
# Smoke test of an installed VertebroPlan (docs/install.md; .ci/run runs it on the installed .deb): the
# launcher answers --help and --version (the pom's version), reads the bundled sample case with `info`, and
# the window opens and draws the bundled sample by itself and a plan file given to it (gui --screenshot,
# under Xvfb when there is no display). It runs in an empty folder with a fresh HOME, so nothing comes from
# a clone of the project or from the tester's settings, and no crash log may be written. Run as root (CI), it
# also starts the window as the user nobody, who cannot write to the bundled sample and must get a copy of
# it in their home.
#
# usage: src/test/scripts/installer-smoke.sh [LAUNCHER [SAMPLE [VERSION]]]
#   LAUNCHER  default: vertebroplan (on the PATH); or e.g. target/installer/image/vertebroplan/bin/vertebroplan
#   SAMPLE    the bundled sample case; default: next to the launcher, ../lib/app/sample-dicom
#   VERSION   the version --version must print (default: the pom's, when run from the project folder)
set -euo pipefail
project=$(cd "$(dirname "$0")/../../.." && pwd)
launcher=${1:-vertebroplan}
if [[ $launcher == */* ]]; then launcher=$(cd "$(dirname "$launcher")" && pwd)/$(basename "$launcher"); fi
bin=$(command -v "$launcher") || { echo "smoke: FAILED: no launcher $launcher" >&2; exit 1; }
sample=${2:-$(dirname "$(readlink -f "$bin")")/../lib/app/sample-dicom}
version=${3:-$(sed -n 's|.*<artifactId>vertebroplan</artifactId>[[:space:]]*<version>\([^<]*\)</version>.*|\1|p' \
  <(tr -d '\n' < "$project/pom.xml") | head -1)}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME=$work/home
unset XDG_CONFIG_HOME XDG_DATA_HOME
mkdir -p "$HOME"
cd "$work"

fail() { echo "smoke: FAILED: $*" >&2; exit 1; }
step() { echo "smoke: $*"; }
seconds() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}')" "$@"; }
display() { # runs a command on the display there is, else on a virtual one
  if [ -n "${DISPLAY:-}" ]; then "$@"; else xvfb-run -a -s "-screen 0 1280x1024x24" "$@"; fi
}
png_ok() { # a PNG of the whole 1280 x 800 window
  [ -s "$1" ] && [ "$(head -c 8 "$1" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] \
    && [ "$(od -An -tu1 -j16 -N8 "$1" | awk '{print $3*256+$4 "x" $7*256+$8}')" = 1280x800 ]
}

step "launcher $bin, sample $sample, version $version"
"$launcher" --help > help.txt 2>&1 || fail "--help exited $?: $(cat help.txt)"
grep -q "^Usage: vertebroplan" help.txt || fail "--help: $(head -3 help.txt)"
for c in info check guide drr gui; do grep -q "^  $c " help.txt || fail "--help lists no $c"; done
step "--help ok"

t0=$(date +%s.%N)
"$launcher" --version > version.txt 2>&1 || fail "--version exited $?"
t1=$(date +%s.%N)
[ "$(head -1 version.txt)" = "VertebroPlan $version" ] || fail "--version says '$(head -1 version.txt)', not 'VertebroPlan $version'"
grep -q "from commit " version.txt || fail "--version has no commit: $(cat version.txt)"
step "--version ok in $(seconds "$t0" "$t1") s: $(tr '\n' ' ' < version.txt)"

[ -d "$sample/dicom" ] || fail "no bundled sample case in $sample"
"$launcher" info "$sample/dicom" > info.json 2> info.err || fail "info exited $?: $(tail -3 info.err)"
grep -q '"slices" : 70' info.json || fail "info: $(head -c 400 info.json)"
step "info on the bundled sample ok"

t0=$(date +%s.%N)
display "$launcher" gui --screenshot sample.png > gui.out 2>&1 || fail "gui --screenshot exited $?: $(tail -5 gui.out)"
t1=$(date +%s.%N)
png_ok sample.png || fail "gui --screenshot wrote no 1280 x 800 PNG"
step "the window opened the bundled sample and drew it in $(seconds "$t0" "$t1") s (sample.png)"

display "$launcher" gui "$sample/plan.json" --screenshot plan.png > plan.out 2>&1 \
  || fail "gui PLAN --screenshot exited $?: $(tail -5 plan.out)"
png_ok plan.png || fail "gui PLAN --screenshot wrote no PNG"
step "a plan file opened with its series"

if [ "$(id -u)" = 0 ] && command -v runuser >/dev/null 2>&1 && id nobody >/dev/null 2>&1; then
  # a user who cannot write to the bundled sample works on a copy in their home, made on the first start
  user_home=$work/user-home
  mkdir -p "$user_home" && chown nobody "$user_home" && chmod 755 "$work"
  # (nobody's home in passwd is /nonexistent: Java takes user.home from there, not from HOME)
  runuser -u nobody -- env HOME="$user_home" JAVA_TOOL_OPTIONS="-Duser.home=$user_home" bash -c 'cd "$HOME" && if [ -n "${DISPLAY:-}" ]; then "$0" gui --screenshot first.png;
    else xvfb-run -a -s "-screen 0 1280x1024x24" "$0" gui --screenshot first.png; fi' "$bin" > user.out 2>&1 \
    || fail "a user's first start exited $?: $(tail -5 user.out)"
  [ -f "$user_home/VertebroPlan/sample-dicom/plan.json" ] && [ -d "$user_home/VertebroPlan/sample-dicom/dicom" ] \
    || fail "no copy of the sample case in the user's home: $(ls -R "$user_home" | head)"
  png_ok "$user_home/first.png" || fail "a user's first start drew no window"
  step "a user's first start opened their own copy of the sample case (~/VertebroPlan/sample-dicom)"
fi

if [ -d "$HOME/.local/share/vertebroplan/crash" ]; then
  fail "crash logs written: $(ls "$HOME/.local/share/vertebroplan/crash")"
fi
[ ! -d "$HOME/.openjfx" ] || fail "JavaFX unpacked its native libraries into the home folder ($HOME/.openjfx)"
if [ -n "${SMOKE_KEEP:-}" ]; then cp sample.png plan.png "$SMOKE_KEEP"/; fi
echo "smoke: the launcher passed every check"
