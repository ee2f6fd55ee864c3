#!/usr/bin/python3
"""Times VTK's vtkFlyingEdges3D on a raw int16 volume (the other side of docs/performance.md).

usage: vtk_flying_edges.py RAW NX NY NZ SI SJ SK [--threads 2] [--repeat 7] [--iso 250 -300]

RAW is little-endian int16, i fastest (as written by ExtractionBenchmark). Prints, per iso value,
the median extraction time of --repeat runs after one warm-up, the triangle count, the area and
the enclosed volume (vtkMassProperties), and the number of non-manifold edges once the output is
welded by position (vtkFeatureEdges on the cleaned mesh).
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
    a = ap.parse_args()
    nx, ny, nz = a.dims
    data = np.fromfile(a.raw, dtype="<i2")
    assert data.size == nx * ny * nz, "raw size does not match the dimensions"
    img = vtk.vtkImageData()
    img.SetDimensions(nx, ny, nz)
    img.SetSpacing(*a.spacing)
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
        mp = vtk.vtkMassProperties()
        tri = vtk.vtkTriangleFilter()
        tri.SetInputData(out)
        mp.SetInputConnection(tri.GetOutputPort())
        mp.Update()
        clean = vtk.vtkCleanPolyData()
        clean.SetInputData(out)
        clean.SetTolerance(0.0)
        fed = vtk.vtkFeatureEdges()
        fed.SetInputConnection(clean.GetOutputPort())
        fed.BoundaryEdgesOn()
        fed.NonManifoldEdgesOff()
        fed.FeatureEdgesOff()
        fed.ManifoldEdgesOff()
        fed.Update()
        boundary = fed.GetOutput().GetNumberOfCells()
        fed.BoundaryEdgesOff()
        fed.NonManifoldEdgesOn()
        fed.Update()
        print(f"iso {iso:.0f}: median {statistics.median(times):.0f} ms (min {min(times):.0f}, max {max(times):.0f}); "
              f"{out.GetNumberOfPolys()} triangles, area {mp.GetSurfaceArea():.1f} mm2, "
              f"volume {mp.GetVolume():.1f} mm3, boundary edges {boundary}, "
              f"non-manifold edges after welding {fed.GetOutput().GetNumberOfCells()}")


if __name__ == "__main__":
    main()
