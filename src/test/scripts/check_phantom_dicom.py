#!/usr/bin/python3
"""Independent check of a phantom case with pydicom (not the project's reader).

Usage: check_phantom_dicom.py CASE_DIR [--png FILE.png]

Reads every file of CASE_DIR/dicom with pydicom, checks the CT Image Storage basics, builds the
volume the way docs/architecture.md says (i along the row direction, j along the column direction, k along
row x column with slices sorted by ImagePositionPatient on that normal), and prints JSON:
  the reader's ijkToLps, dims, huSum, the HU at each truth.json probe (nearest voxel),
  and the intensity-weighted centroid (LPS) of the voxels > 2000 HU near each true marker.
With --png, writes an axial slice through the L2 body centre (window 300/1500) as a PNG, in LPS
display convention (patient left on the image right, anterior at the top), for a person to look at.
"""
import json
import struct
import sys
import zlib
from pathlib import Path

import numpy as np
import pydicom

CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2"


def fail(msg):
    print(json.dumps({"ok": False, "error": msg}))
    sys.exit(1)


def write_png(path, img8):
    h, w = img8.shape
    raw = b"".join(b"\x00" + img8[r].tobytes() for r in range(h))

    def chunk(kind, data):
        c = struct.pack(">I", len(data)) + kind + data
        return c + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")
    Path(path).write_bytes(png)


def main():
    case = Path(sys.argv[1])
    png = sys.argv[sys.argv.index("--png") + 1] if "--png" in sys.argv else None
    truth = json.loads((case / "truth.json").read_text())
    files = sorted((case / "dicom").glob("*.dcm"))
    if not files:
        fail("no .dcm files")
    slices = []
    series = set()
    for f in files:
        ds = pydicom.dcmread(f)  # strict Part-10: preamble + meta header required
        if ds.file_meta.MediaStorageSOPClassUID != CT_IMAGE_STORAGE or ds.SOPClassUID != CT_IMAGE_STORAGE:
            fail(f"{f.name}: not CT Image Storage")
        if ds.file_meta.MediaStorageSOPInstanceUID != ds.SOPInstanceUID:
            fail(f"{f.name}: meta and dataset SOP instance UIDs differ")
        series.add(ds.SeriesInstanceUID)
        hu = ds.pixel_array.astype(np.int64) * int(float(ds.RescaleSlope)) + int(float(ds.RescaleIntercept))
        slices.append((ds, hu))
    if len(series) != 1:
        fail("more than one series")
    ds0 = slices[0][0]
    iop = np.array([float(v) for v in ds0.ImageOrientationPatient])
    row, col = iop[:3], iop[3:]
    normal = np.cross(row, col)
    slices.sort(key=lambda s: float(np.dot(np.array([float(v) for v in s[0].ImagePositionPatient]), normal)))
    ipps = [np.array([float(v) for v in s[0].ImagePositionPatient]) for s in slices]
    gaps = [float(np.dot(ipps[k + 1] - ipps[k], normal)) for k in range(len(ipps) - 1)]
    dk = gaps[0] if gaps else float(ds0.SliceThickness)
    dr, dc = (float(v) for v in ds0.PixelSpacing)  # row spacing (along col dir), column spacing (along row dir)
    # volume[k, j, i] with i = column index (row direction), j = row index (column direction)
    vol = np.stack([s[1] for s in slices])
    origin = ipps[0]
    m = np.column_stack([row * dc, col * dr, normal * dk])
    inv = np.linalg.inv(m)

    def to_ijk(p):
        return inv @ (np.asarray(p, dtype=float) - origin)

    def hu_at(p):
        i, j, k = np.rint(to_ijk(p)).astype(int)
        if not (0 <= k < vol.shape[0] and 0 <= j < vol.shape[1] and 0 <= i < vol.shape[2]):
            return None
        return int(vol[k, j, i])

    probes = [{"name": p["name"], "expected": p["hu"], "hu": hu_at(p["lps"])} for p in truth["probes"]]
    markers = []
    for mk in truth["markers"]:
        c = np.rint(to_ijk(mk["centreLps"])).astype(int)
        lo = np.maximum(c - 6, 0)
        hi = np.minimum(c + 7, [vol.shape[2], vol.shape[1], vol.shape[0]])
        sub = vol[lo[2]:hi[2], lo[1]:hi[1], lo[0]:hi[0]].astype(float)
        mask = sub > 2000
        if not mask.any():
            markers.append({"id": mk["id"], "found": False})
            continue
        kk, jj, ii = np.nonzero(mask)
        wts = sub[mask] - 1000.0
        ijk = np.array([np.average(ii + lo[0], weights=wts), np.average(jj + lo[1], weights=wts),
                        np.average(kk + lo[2], weights=wts)])
        lps = origin + m @ ijk
        markers.append({"id": mk["id"], "found": True, "lps": lps.tolist(),
                        "errorMm": float(np.linalg.norm(lps - np.array(mk["centreLps"]))),
                        "maxHu": int(sub.max())})
    report = {
        "ok": True, "files": len(files), "dims": [vol.shape[2], vol.shape[1], vol.shape[0]],
        "rowDirection": row.tolist(), "columnDirection": col.tolist(), "sliceDirection": normal.tolist(),
        "originLps": origin.tolist(), "spacingMm": [dc, dr, dk],
        "sliceGapsUniform": bool(np.allclose(gaps, dk)) if gaps else True,
        "patientPosition": str(ds0.PatientPosition), "transferSyntax": str(ds0.file_meta.TransferSyntaxUID),
        "huSum": int(vol.sum()), "huMin": int(vol.min()), "huMax": int(vol.max()),
        "probes": probes, "markers": markers,
    }
    if png:
        centre = truth["vertebra"]["centreLps"]
        k = int(np.rint(to_ijk(centre))[2])
        # resample the slice into display order: x decreasing to the right? no: LPS display, patient left
        # on the image right means x increasing to the right; anterior (-y) at the top means y increasing down
        img = vol[k]
        if row[0] < 0:
            img = img[:, ::-1]
        if col[1] < 0:
            img = img[::-1, :]
        lo, hi = 300 - 750, 300 + 750
        img8 = (np.clip((img - lo) / (hi - lo), 0, 1) * 255).astype(np.uint8)
        write_png(png, img8)
    print(json.dumps(report))


if __name__ == "__main__":
    main()
