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
# SERIES_DIR@SLICES (e.g. ../shared/data/ct-real-2@134) mirrors the series along k to that many slices (the issue
# measured a 512 x 512 x 134 CT): VertebroPlan's side is then DrrBenchmark (test classes, the same shot as drr),
# and plastimatch reads the same mirrored volume written as MetaImage.
#
# Usage: src/test/scripts/bench-drr.sh [SERIES_DIR[@SLICES]] [ROUNDS] [ISO x,y,z] [REPEAT]
#        (needs target/vertebroplan.jar, for @SLICES `./mvnw -q -o test-compile` and target/compare-classpath.txt
#        (`./mvnw -q dependency:build-classpath -Dmdep.outputFile=target/compare-classpath.txt`), and
#        `apt-get install -y plastimatch`)
set -euo pipefail
cd "$(dirname "$0")/../../.."
DIR=${1:-../shared/data/ct-real-2}
ROUNDS=${2:-3}
ISO=${3:-0,140,-632.3}
REPEAT=${4:-20}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
ISO_SPACED=${ISO//,/ }
CP="target/classes:target/test-classes:$(cat target/compare-classpath.txt 2>/dev/null || true)"
if [[ "$DIR" == *@* ]]; then
  java -cp "$CP" org.vertebroplan.fluoro.DrrBenchmark "$DIR" "$ISO" 1 2 "$TMP/ct.mhd" >/dev/null
  PMCT="$TMP/ct.mhd"
else
  plastimatch convert --input "$DIR" --output-img "$TMP/ct.mha" >/dev/null 2>&1
  PMCT="$TMP/ct.mha"
fi

ours() { # "median min" of VertebroPlan's AP shots, ms
  if [[ "$DIR" == *@* ]]; then
    java -cp "$CP" org.vertebroplan.fluoro.DrrBenchmark "$DIR" "$ISO" "$REPEAT" \
      | sed -n 's/.*median \([0-9.]*\) ms, min \([0-9.]*\) ms.*/\1 \2/p'
  else
    local out
    out=$(java -jar target/vertebroplan.jar drr "$DIR" --view ap --iso "$ISO" --out "$TMP/ours.png" \
      --repeat "$REPEAT" 2>/dev/null)
    echo "$(echo "$out" | sed -n 's/.*"renderMedian" : \([0-9.]*\).*/\1/p') $(echo "$out" \
      | sed -n 's/.*"renderMin" : \([0-9.]*\).*/\1/p')"
  fi
}

pm_run() { # "wall cpu" seconds of one plastimatch process rendering $1 AP shots (cpu: user + system)
  local t0 t1 cpu
  t0=$(date +%s.%N)
  /usr/bin/time -f "%U + %S" -o "$TMP/time" plastimatch drr -A cpu -i exact -t pfm -y -1.5707963 -a "$1" \
    -N 0.00001 --sad 600 --sid 1000 -z "300 300" -r "512 512" -o "$ISO_SPACED" -O "$TMP/pm" "$PMCT" >/dev/null 2>&1
  t1=$(date +%s.%N)
  cpu=$(tail -1 "$TMP/time")
  echo "$(echo "$t1 - $t0" | bc -l) $(echo "$cpu" | bc -l)"
}

ours_cpu() { # process CPU per shot of VertebroPlan, ms (DrrBenchmark on the same volume and shot)
  java -cp "$CP" org.vertebroplan.fluoro.DrrBenchmark "$DIR" "$ISO" "$REPEAT" \
    | sed -n 's/.*process CPU per shot \([0-9.]*\) ms.*/\1/p'
}

echo "series $DIR, iso $ISO, 512 x 512 shots, $(nproc) cores"
echo "wall ms per shot (VertebroPlan: median and min of $REPEAT; plastimatch: (11 shots - 1 shot) / 10), and CPU ms per"
echo "shot (all threads: VertebroPlan's process CPU over $REPEAT shots; plastimatch's user + system, same difference)"
echo "round | load average | VertebroPlan wall median (min) | plastimatch wall | wall ratio | VertebroPlan CPU | plastimatch CPU | CPU ratio"
for r in $(seq 1 "$ROUNDS"); do
  load=$(cut -d' ' -f1 /proc/loadavg)
  read -r median min < <(ours)
  read -r w1 c1 < <(pm_run 1)
  read -r w11 c11 < <(pm_run 11)
  per=$(echo "($w11 - $w1) * 100" | bc -l)
  pcpu=$(echo "($c11 - $c1) * 100" | bc -l)
  ocpu=$(ours_cpu)
  printf "%d | %s | %s (%s) | %.0f | %.1f | %s | %.0f | %.1f\n" "$r" "$load" "$median" "$min" "$per" \
    "$(echo "$per / $median" | bc -l)" "$ocpu" "$pcpu" "$(echo "$pcpu / $ocpu" | bc -l)"
done
