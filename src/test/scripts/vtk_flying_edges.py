#!/usr/bin/python3
"""Times VTK's vtkFlyingEdges3D on a raw int16 volume (the other side of docs/performance.md).

usage: vtk_flying_edges.py RAW NX NY NZ SI SJ SK [--threads 2] [--repeat 7] [--iso 250 -300] [--pad]

RAW is little-endian int16, i fastest (as written by ExtractionBenchmark). Prints, per iso value,
the median extraction time of --repeat runs after one warm-up, the triangle count, and what an STL
reader sees once the output is welded by exact float position (numpy): area, signed volume,
boundary edges, non-manifold edges and zero-area triangles.
"""
import argparse
import statistics
import time

import numpy as np
import vtk
from vtk.util import numpy_support


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("raw")
    ap.add_argument("dims", type=int, nargs=3)
    ap.add_argument("spacing", type=float, nargs=3)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--iso", type=float, nargs="+", default=[250, -300])
    ap.add_argument("--pad", action="store_true",
                    help="surround the volume by one voxel of -10000 so that VTK's surface is closed too "
                         "(area and volume then comparable with VertebroPlan's capped surface)")
    a = ap.parse_args()
    nx, ny, nz = a.dims
    data = np.fromfile(a.raw, dtype="<i2")
    assert data.size == nx * ny * nz, "raw size does not match the dimensions"
    origin = (0.0, 0.0, 0.0)
    if a.pad:
        data = np.pad(data.reshape(nz, ny, nx), 1, constant_values=-10000).ravel()
        nx, ny, nz = nx + 2, ny + 2, nz + 2
        origin = tuple(-s for s in a.spacing)
    img = vtk.vtkImageData()
    img.SetDimensions(nx, ny, nz)
    img.SetSpacing(*a.spacing)
    img.SetOrigin(*origin)
    arr = numpy_support.numpy_to_vtk(data, deep=True, array_type=vtk.VTK_SHORT)
    img.GetPointData().SetScalars(arr)
    smp = vtk.vtkSMPTools()
    smp.Initialize(a.threads)
    print(f"VTK {vtk.vtkVersion.GetVTKVersion()}, SMP backend {smp.GetBackend()}, "
          f"threads {smp.GetEstimatedNumberOfThreads()}")
    for iso in a.iso:
        fe = vtk.vtkFlyingEdges3D()
        fe.SetInputData(img)
        fe.SetValue(0, iso)
        fe.ComputeNormalsOff()
        fe.ComputeGradientsOff()
        fe.ComputeScalarsOff()
        fe.Update()  # warm-up
        times = []
        for _ in range(a.repeat):
            fe.Modified()
            t0 = time.perf_counter()
            fe.Update()
            times.append((time.perf_counter() - t0) * 1000)
        out = fe.GetOutput()
        pts = numpy_support.vtk_to_numpy(out.GetPoints().GetData()).astype(np.float32)
        conn = numpy_support.vtk_to_numpy(out.GetPolys().GetConnectivityArray()).reshape(-1, 3)
        print(f"iso {iso:.0f}: median {statistics.median(times):.0f} ms (min {min(times):.0f}, max {max(times):.0f}); "
              f"{len(conn)} triangles; " + check(pts, conn))


def check(pts, tri):
    """Area, signed volume, boundary and non-manifold edges after welding by exact float position."""
    _, weld = np.unique(pts, axis=0, return_inverse=True)
    weld = weld.ravel()
    t = weld[tri]
    p = pts.astype(np.float64)[tri]
    cross = np.cross(p[:, 1] - p[:, 0], p[:, 2] - p[:, 0])
    area = 0.5 * np.linalg.norm(cross, axis=1).sum()
    volume = (p[:, 0] * cross).sum() / 6
    collapsed = (t[:, 0] == t[:, 1]) | (t[:, 1] == t[:, 2]) | (t[:, 0] == t[:, 2])
    degenerate = int((collapsed | (np.linalg.norm(cross, axis=1) == 0)).sum())
    t = t[~collapsed]  # as vtkCleanPolyData and slicers drop them
    e = np.concatenate([t[:, [0, 1]], t[:, [1, 2]], t[:, [2, 0]]])
    e.sort(axis=1)
    _, counts = np.unique(e, axis=0, return_counts=True)
    return (f"area {area:.1f} mm2, volume {volume:.1f} mm3, welded vertices {weld.max() + 1}, "
            f"boundary edges {(counts == 1).sum()}, non-manifold edges {(counts > 2).sum()}, "
            f"zero-area triangles {degenerate}")

if __name__ == "__main__":
    main()
