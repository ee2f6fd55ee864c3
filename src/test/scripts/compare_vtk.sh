#!/bin/sh
# Times VertebroPlan's extractor and VTK's vtkFlyingEdges3D (2 threads) on the same volumes, in
# alternating rounds (the machine may be shared), and prints both sides' surfaces as an STL reader
# sees them. Needs: ./mvnw -q -o test-compile, Debian python3-vtk9 (+ numpy), optional ../shared/data.
# usage: src/test/scripts/compare_vtk.sh [rounds=3]   (ONLY_REAL=1: skip the synthetic volume)
set -e
cd "$(dirname "$0")/../../.."
rounds=${1:-3}
cp_file=target/compare-classpath.txt
[ -f "$cp_file" ] || ./mvnw -q -B -o dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null
CP="target/classes:target/test-classes:$(cat "$cp_file")"
tmp=${TMPDIR:-/tmp}/vertebroplan-compare
mkdir -p "$tmp"
bench() { java -Xmx1g -cp "$CP" org.vertebroplan.mesh.ExtractionBenchmark "$@"; }
vtk() { /usr/bin/python3 src/test/scripts/vtk_flying_edges.py "$@"; }

[ "$ONLY_REAL" = 1 ] || {
echo "== synthetic 512 x 512 x 300 (0.7 x 0.7 x 1.0 mm)"
bench 300 2 1 "$tmp/synthetic.raw" > /dev/null
for r in $(seq "$rounds"); do
  echo "-- round $r"
  bench 300 2 9 | sed 's/^/java: /'
  vtk "$tmp/synthetic.raw" 512 512 300 0.7 0.7 1.0 --threads 2 --repeat 9 | sed 's/^/vtk:  /'
done
echo "-- closed VTK surface (volume padded by one voxel) for area and volume"
vtk "$tmp/synthetic.raw" 512 512 300 0.7 0.7 1.0 --threads 2 --repeat 1 --pad | sed 's/^/vtk:  /'
}

real() { # name dir
  echo "== $1"
  bench "$2" 2 1 "$tmp/$1.raw" | head -1
  dims=$(bench "$2" 2 1 | head -1 | sed -E 's/volume ([0-9]+) x ([0-9]+) x ([0-9]+), spacing \[([^,]+), ([^,]+), ([^]]+)\].*/\1 \2 \3 \4 \5 \6/')
  for r in $(seq "$rounds"); do
    echo "-- round $r"
    bench "$2" 2 9 | tail -2 | sed 's/^/java: /'
    vtk "$tmp/$1.raw" $dims --threads 2 --repeat 9 | sed 's/^/vtk:  /'
  done
  echo "-- closed VTK surface (volume padded by one voxel) for area and volume"
  vtk "$tmp/$1.raw" $dims --threads 2 --repeat 1 --pad | sed 's/^/vtk:  /'
}

real phantom sample-dicom/dicom
[ -d ../shared/data/ct-real-2 ] && real ct-real-2 ../shared/data/ct-real-2
