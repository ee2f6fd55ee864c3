#!/usr/bin/python3
"""Golden values for the DICOM importer tests, computed by independent readers.

Reads the shared corpus (../shared/data) with pydicom (and DCMTK's dcmdjpeg / dcmdrle / dcmdjpls /
dcmconv to decompress or re-encode what pydicom alone cannot read here) and writes small JSON files to
src/test/resources/dicom-golden/. Never copies corpus files into the project.

HU rule (the importer's documented rule, PS3.3 C.7.6.3 / C.11.1): the stored value is the low
BitsStored bits (sign-extended when PixelRepresentation = 1); pixels equal to PixelPaddingValue (or in
the padding range) become -1024; otherwise HU = floor(stored * slope + intercept + 0.5), or the Modality
LUT entry when there is a Modality LUT Sequence and no rescale. Values are clamped to the int16 range.

Usage: /usr/bin/python3 src/test/scripts/make-golden.py [SHARED_DATA_DIR]
"""
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
import pydicom

ROOT = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "../../../../shared/data"))
OUT = os.environ.get("GOLDEN_OUT", os.path.join(os.path.dirname(os.path.abspath(__file__)), "../resources/dicom-golden"))

DCMTK = {
    "1.2.840.10008.1.2.5": ["dcmdrle"],
    "1.2.840.10008.1.2.4.50": ["dcmdjpeg"],
    "1.2.840.10008.1.2.4.51": ["dcmdjpeg"],
    "1.2.840.10008.1.2.4.57": ["dcmdjpeg"],
    "1.2.840.10008.1.2.4.70": ["dcmdjpeg"],
    "1.2.840.10008.1.2.4.80": ["dcmdjpls"],
    "1.2.840.10008.1.2.4.81": ["dcmdjpls"],
    "1.2.840.113619.5.2": ["dcmconv", "+te"],
}


def read(path):
    """The dataset with native pixel data and how it was obtained."""
    ds = pydicom.dcmread(path, force=True)
    if not hasattr(ds, "file_meta") or "TransferSyntaxUID" not in ds.file_meta:
        ds.file_meta = getattr(ds, "file_meta", pydicom.dataset.FileMetaDataset())
        ds.file_meta.TransferSyntaxUID = pydicom.uid.ImplicitVRLittleEndian
        ds.is_little_endian, ds.is_implicit_VR = True, True
    ts = str(ds.file_meta.TransferSyntaxUID)
    if ts in DCMTK:
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "x.dcm")
            subprocess.run(DCMTK[ts] + [path, out], check=True, capture_output=True)
            ds2 = pydicom.dcmread(out)
            ds2.PixelData  # load now, the file goes away
            return ds2, ts, "dcmtk " + DCMTK[ts][0] + " + pydicom"
    return ds, ts, "pydicom"


def hu(ds):
    bits_alloc = int(ds.BitsAllocated)
    bits_stored = int(ds.get("BitsStored", bits_alloc))
    high_bit = int(ds.get("HighBit", bits_stored - 1))
    signed = int(ds.get("PixelRepresentation", 0)) == 1
    frames = int(ds.get("NumberOfFrames", 1) or 1)
    rows, cols = int(ds.Rows), int(ds.Columns)
    dtype = {8: "u1", 16: "u2"}[bits_alloc]
    order = ">" if not ds.is_little_endian else "<"
    raw = np.frombuffer(ds.PixelData, dtype=order + dtype, count=frames * rows * cols).astype(np.int64)
    v = (raw >> (high_bit + 1 - bits_stored)) & ((1 << bits_stored) - 1)
    if signed:
        v = np.where(v & (1 << (bits_stored - 1)), v - (1 << bits_stored), v)
    out = None
    src = ds
    if "RescaleSlope" not in ds and "RescaleIntercept" not in ds:
        # enhanced multi-frame objects: rescale in the shared (or first per-frame) functional group
        for seq in ("SharedFunctionalGroupsSequence", "PerFrameFunctionalGroupsSequence"):
            if seq in ds and "PixelValueTransformationSequence" in getattr(ds, seq)[0]:
                src = getattr(ds, seq)[0].PixelValueTransformationSequence[0]
                break
    if "RescaleSlope" not in src and "RescaleIntercept" not in src and "ModalityLUTSequence" in ds:
        item = ds.ModalityLUTSequence[0]
        desc = item.LUTDescriptor
        first = desc[1]
        if signed and first >= 32768:
            first -= 65536
        data = np.frombuffer(item.get_item(0x00283006).value, dtype="<u2").astype(np.int64)
        out = data[np.clip(v - first, 0, len(data) - 1)]
    else:
        slope = float(src.get("RescaleSlope", 1) or 1)
        intercept = float(src.get("RescaleIntercept", 0) or 0)
        out = np.floor(v * slope + intercept + 0.5).astype(np.int64)
    if "PixelPaddingValue" in ds:
        pad = int(ds.PixelPaddingValue)
        lim = int(ds.get("PixelPaddingRangeLimit", pad))
        if signed:
            pad = pad - 65536 if pad >= 32768 else pad
            lim = lim - 65536 if lim >= 32768 else lim
        lo, hi = min(pad, lim), max(pad, lim)
        out = np.where((v >= lo) & (v <= hi), -1024, out)
    return np.clip(out, -32768, 32767).reshape(frames, rows, cols)


# Where pixels are sampled, as fractions of (rows, columns): never on the diagonal, so that a
# transposed, flipped or shifted image gives other values even when its sum, minimum and maximum agree.
SAMPLE_AT = [(0.13, 0.71), (0.29, 0.37), (0.5, 0.5), (0.61, 0.17), (0.83, 0.59), (0.41, 0.89), (0.07, 0.23),
             (0.95, 0.93), (0.71, 0.13), (0.37, 0.29)]


def samples(h):
    """[frame, row, column, HU] at SAMPLE_AT in the first and the last frame."""
    frames, rows, cols = h.shape
    out = []
    for f in sorted({0, frames - 1}):
        for a, b in SAMPLE_AT:
            r, c = int(a * (rows - 1)), int(b * (cols - 1))
            out.append([f, r, c, int(h[f, r, c])])
    return out


def single_files():
    result = {}
    corpus = os.path.join(ROOT, "dicom-corpus")
    for folder in sorted(os.listdir(corpus)):
        for dirpath, _, names in sorted(os.walk(os.path.join(corpus, folder))):
            for name in sorted(names):
                path = os.path.join(dirpath, name)
                rel = os.path.relpath(path, corpus)
                if name.endswith(".md") or "dicomdirtests" in rel:
                    continue
                try:
                    ds, ts, how = read(path)
                    if "PixelData" not in ds or int(ds.get("SamplesPerPixel", 1)) != 1:
                        continue
                    h = hu(ds)
                except Exception as ex:  # the importer must then refuse the file: tests check it does
                    result[rel] = {"error": type(ex).__name__ + ": " + str(ex)[:200]}
                    continue
                result[rel] = {"transferSyntax": ts, "reader": how, "rows": int(ds.Rows), "columns": int(ds.Columns),
                               "frames": int(h.shape[0]), "huSum": int(h.sum()), "huMin": int(h.min()),
                               "huMax": int(h.max()), "samples": samples(h)}
    return result


def series(folders):
    slices = []
    for folder in folders:
        for name in sorted(os.listdir(folder)):
            if name.endswith(".md"):
                continue
            ds, _, _ = read(os.path.join(folder, name))
            slices.append(ds)
    iop = np.array([float(x) for x in slices[0].ImageOrientationPatient])
    row, col = iop[:3], iop[3:]
    normal = np.cross(row, col)
    slices.sort(key=lambda d: float(np.dot(normal, [float(x) for x in d.ImagePositionPatient])))
    pos = np.array([[float(x) for x in d.ImagePositionPatient] for d in slices])
    dist = pos @ normal
    vol = np.concatenate([hu(d) for d in slices])
    ps = [float(x) for x in slices[0].PixelSpacing]
    return {"folders": [os.path.relpath(f, ROOT) for f in folders], "seriesInstanceUid": str(slices[0].SeriesInstanceUID),
            "columns": int(slices[0].Columns), "rows": int(slices[0].Rows), "slices": len(slices),
            "spacingMm": [ps[1], ps[0], float((dist[-1] - dist[0]) / (len(slices) - 1))],
            "originLps": pos[0].tolist(), "rowDirection": row.tolist(), "columnDirection": col.tolist(),
            "sliceDirection": normal.tolist(), "huSum": int(vol.sum()), "huMin": int(vol.min()),
            "huMax": int(vol.max()),
            "sampleVoxels": [[i, j, k, int(vol[k, j, i])] for (i, j, k) in
                             [(0, 0, 0), (256, 256, 0), (300, 200, len(slices) // 2), (100, 400, len(slices) - 1),
                              (511, 511, len(slices) - 1)]]}


def main():
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "single-files.json"), "w") as f:
        json.dump(single_files(), f, indent=1, sort_keys=True)
    ct = os.path.join(ROOT, "ct-real-2")
    jl = os.path.join(ROOT, "dicom-corpus/lidc-transcoded/jpeg-lossless-series")
    with open(os.path.join(OUT, "series-ct-real-2.json"), "w") as f:
        json.dump(series([ct]), f, indent=1)
    with open(os.path.join(OUT, "series-ct-real-2-plus-jpeg-lossless.json"), "w") as f:
        json.dump(series([ct, jl]), f, indent=1)


if __name__ == "__main__":
    main()
