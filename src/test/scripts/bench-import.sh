#!/usr/bin/env bash
# Import benchmark (issue 3): VertebroPlan `info --repeat` against pydicom, VTK's DICOM reader and GDCM on the
# same series, same machine, warm file cache, interleaved rounds so that background load hits all alike.
# Usage: src/test/scripts/bench-import.sh [SERIES_DIR] [ROUNDS]   (needs target/vertebroplan.jar)
set -euo pipefail
cd "$(dirname "$0")/../../.."
DIR=${1:-../shared/data/ct-real-2}
ROUNDS=${2:-3}
PY=/usr/bin/python3
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cat > "$TMP/pyd.py" <<'PYEOF'
import sys, os, time, statistics
import numpy as np, pydicom
d = sys.argv[1]
def load():
    sl = [pydicom.dcmread(os.path.join(d, f)) for f in sorted(os.listdir(d)) if not f.endswith('.md')]
    n = np.cross([float(x) for x in sl[0].ImageOrientationPatient[:3]], [float(x) for x in sl[0].ImageOrientationPatient[3:]])
    sl.sort(key=lambda s: float(np.dot(n, [float(x) for x in s.ImagePositionPatient])))
    return np.stack([np.round(s.pixel_array * float(s.RescaleSlope) + float(s.RescaleIntercept)).astype(np.int16) for s in sl])
load(); ts = []
for _ in range(10):
    t = time.perf_counter(); load(); ts.append((time.perf_counter() - t) * 1000)
print(round(statistics.median(ts), 1))
PYEOF
cat > "$TMP/vtkd.py" <<'PYEOF'
import sys, time, statistics, vtk
vtk.vtkObject.GlobalWarningDisplayOff()
d = sys.argv[1]
def load():
    r = vtk.vtkDICOMImageReader(); r.SetDirectoryName(d); r.Update(); return r.GetOutput()
load(); ts = []
for _ in range(10):
    t = time.perf_counter(); load(); ts.append((time.perf_counter() - t) * 1000)
print(round(statistics.median(ts), 1))
PYEOF
cat > "$TMP/gdcmd.py" <<'PYEOF'
import sys, os, time, statistics
import numpy as np, gdcm
d = sys.argv[1]
def load():
    sl = []
    for f in sorted(os.listdir(d)):
        if f.endswith('.md'):
            continue
        r = gdcm.ImageReader(); r.SetFileName(os.path.join(d, f))
        if not r.Read():
            continue
        img = r.GetImage()
        a = np.frombuffer(img.GetBuffer().encode('utf-8', 'surrogateescape'),
                          dtype=np.int16 if img.GetPixelFormat().GetPixelRepresentation() else np.uint16)
        o, dc = img.GetOrigin(), img.GetDirectionCosines()
        n = np.cross(dc[:3], dc[3:])
        sl.append((float(np.dot(n, o)), a * img.GetSlope() + img.GetIntercept()))
    sl.sort(key=lambda t: t[0])
    return np.stack([np.round(a).astype(np.int16) for _, a in sl])
load(); ts = []
for _ in range(10):
    t = time.perf_counter(); load(); ts.append((time.perf_counter() - t) * 1000)
print(round(statistics.median(ts), 1))
PYEOF
cat "$DIR"/* > /dev/null
echo "round vertebroplan_ms pydicom_ms vtk_ms gdcm_ms (medians of 10 warm loads)"
for r in $(seq 1 "$ROUNDS"); do
  ours=$(java -Xmx3g -jar target/vertebroplan.jar info "$DIR" --repeat 10 2>/dev/null | $PY -c 'import json,sys; print(json.load(sys.stdin)["millis"]["loadMedian"])')
  pyd=$($PY "$TMP/pyd.py" "$DIR" 2>/dev/null)
  vtkm=$($PY "$TMP/vtkd.py" "$DIR" 2>/dev/null | tail -1)
  gd=$($PY "$TMP/gdcmd.py" "$DIR" 2>/dev/null || echo n/a)
  echo "$r $ours $pyd $vtkm $gd"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
