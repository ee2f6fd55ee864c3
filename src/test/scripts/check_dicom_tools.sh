#!/usr/bin/env bash
# Checks every *.dcm file of a folder with independent DICOM tools:
#   dcmdump (dcmtk) must parse it without any warning or error;
#   dciodvfy (dicom3tools) must report no "Error" against the IOD (warnings are counted and printed).
#   dciodvfy cannot read the Deflated transfer syntax, so such files are first inflated to Explicit VR
#   Little Endian with dcmconv (dcmtk) and the result is verified.
# Usage: check_dicom_tools.sh DICOM_DIR [STEP]   checks every STEP-th file (default 1: all).
# Exit 0 when all checked files pass; prints one summary line.
# Tools that are absent are reported as "absent" (dcmdump is required).
set -u
dir=${1:?usage: check_dicom_tools.sh DICOM_DIR [STEP]}
step=${2:-1}
command -v dcmdump >/dev/null || { echo "dcmdump absent"; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
have_dciodvfy=0; command -v dciodvfy >/dev/null && have_dciodvfy=1
files=0; bad=0; errors=0; warnings=0; index=0
for f in "$dir"/*.dcm; do
  [ -e "$f" ] || continue
  index=$((index + 1))
  [ $(( (index - 1) % step )) -eq 0 ] || continue
  files=$((files + 1))
  if ! dcmdump "$f" >"$tmp/dump" 2>"$tmp/err" || [ -s "$tmp/err" ]; then
    echo "dcmdump: $f: $(head -c 300 "$tmp/err")"; bad=$((bad + 1)); continue
  fi
  if [ $have_dciodvfy = 1 ]; then
    in="$f"
    if grep -q "DeflatedLittleEndianExplicit\|1.2.840.10008.1.2.1.99" "$tmp/dump"; then
      if ! dcmconv +te "$f" "$tmp/inflated.dcm" 2>"$tmp/err"; then
        echo "dcmconv: $f: $(head -c 300 "$tmp/err")"; bad=$((bad + 1)); continue
      fi
      in="$tmp/inflated.dcm"
    fi
    dciodvfy "$in" >"$tmp/v" 2>&1
    e=$(grep -c "^Error" "$tmp/v"); w=$(grep -c "^Warning" "$tmp/v")
    errors=$((errors + e)); warnings=$((warnings + w))
    if [ "$e" -gt 0 ]; then
      echo "dciodvfy: $f:"; grep "^Error" "$tmp/v" | head -5; bad=$((bad + 1))
    elif [ "$w" -gt 0 ] && [ "$warnings" -eq "$w" ]; then
      grep "^Warning" "$tmp/v" | head -5
    fi
  fi
done
[ $files -gt 0 ] || { echo "no .dcm files in $dir"; exit 1; }
dv=$([ $have_dciodvfy = 1 ] && echo "dciodvfy errors=$errors warnings=$warnings" || echo "dciodvfy absent")
echo "files=$files bad=$bad dcmdump ok=$((files - bad)) $dv"
[ $bad -eq 0 ]
