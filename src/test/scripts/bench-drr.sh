#!/usr/bin/env bash
# DRR benchmark (issue 11): `vertebroplan drr --repeat` against plastimatch's cone-beam DRR (Debian package
# plastimatch 1.9.4: Siddon's exact method, OpenMP on all cores) on the same CT, the same geometry and the same
# machine, in interleaved rounds so that background load hits both alike.
#
# Geometry of both: AP (source in front of the patient), source to isocentre 600 mm, source to detector 1000 mm,
# a 300 x 300 mm detector of 512 x 512 pixels, isocentre ISO (LPS mm; default: on the spine of ct-real-2).
#
# VertebroPlan: millis.renderMedian / renderMin of REPEAT shots after a first one, in one JVM (the CT loaded
# and its attenuation computed once). plastimatch: the CT converted once to MHA (so its load is quick); one
# process renders 1 shot, another 11 shots 0.00001 rad apart (plastimatch 1.9.4 reads --gantry-angle in
# radians); the time of one shot is the difference of the two processes' wall times divided by 10, so
# loading and start-up cancel out.
#
# Usage: src/test/scripts/bench-drr.sh [SERIES_DIR] [ROUNDS] [ISO x,y,z] [REPEAT]
#        (needs target/vertebroplan.jar and `apt-get install -y plastimatch`)
set -euo pipefail
cd "$(dirname "$0")/../../.."
DIR=${1:-../shared/data/ct-real-2}
ROUNDS=${2:-3}
ISO=${3:-0,140,-632.3}
REPEAT=${4:-20}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
plastimatch convert --input "$DIR" --output-img "$TMP/ct.mha" >/dev/null 2>&1
ISO_SPACED=${ISO//,/ }

pm_wall() { # wall seconds of one plastimatch process rendering $1 AP shots
  local t0 t1
  t0=$(date +%s.%N)
  plastimatch drr -A cpu -i exact -t pfm -y -1.5707963 -a "$1" -N 0.00001 --sad 600 --sid 1000 \
    -z "300 300" -r "512 512" -o "$ISO_SPACED" -O "$TMP/pm" "$TMP/ct.mha" >/dev/null 2>&1
  t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc -l
}

echo "series $DIR, iso $ISO, 512 x 512 shots, $(nproc) cores"
echo "round | load average | VertebroPlan median (min) ms | plastimatch ms per shot | ratio (median)"
for r in $(seq 1 "$ROUNDS"); do
  load=$(cut -d' ' -f1 /proc/loadavg)
  ours=$(java -jar target/vertebroplan.jar drr "$DIR" --view ap --iso "$ISO" --out "$TMP/ours.png" \
    --repeat "$REPEAT" 2>/dev/null)
  median=$(echo "$ours" | sed -n 's/.*"renderMedian" : \([0-9.]*\).*/\1/p')
  min=$(echo "$ours" | sed -n 's/.*"renderMin" : \([0-9.]*\).*/\1/p')
  one=$(pm_wall 1)
  eleven=$(pm_wall 11)
  per=$(echo "($eleven - $one) * 100" | bc -l)
  printf "%d | %s | %s (%s) | %.0f | %.1f\n" "$r" "$load" "$median" "$min" "$per" "$(echo "$per / $median" | bc -l)"
done
