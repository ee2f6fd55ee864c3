package org.vertebroplan.mesh;

/**
 * What {@link MeshChecks} finds in a mesh read the way an STL file says it (vertices welded by exact
 * position). Counts, not verdicts; {@link #printable()} is the gate used before any export.
 *
 * @param triangles triangle count
 * @param vertices distinct vertex positions used by triangles
 * @param edges distinct undirected edges
 * @param areaMm2 surface area
 * @param volumeMm3 signed enclosed volume (divergence theorem): positive when normals point outward
 * @param boundaryEdges edges used by one triangle (holes)
 * @param nonManifoldEdges edges used by more than two triangles
 * @param nonManifoldVertices vertices whose triangles form more than one fan (pinched)
 * @param inconsistentEdges edges shared by two triangles that run them in the same direction
 * @param degenerateTriangles triangles of zero area (repeated vertex or collinear corners)
 * @param components edge-connected pieces
 */
public record MeshReport(int triangles, int vertices, long edges, double areaMm2, double volumeMm3,
                         long boundaryEdges, long nonManifoldEdges, long nonManifoldVertices,
                         long inconsistentEdges, long degenerateTriangles, int components) {

    /** No hole: every edge has at least two triangles. */
    public boolean closed() {
        return boundaryEdges == 0;
    }

    /** Every edge in exactly two triangles, every vertex one fan, no degenerate triangle. */
    public boolean manifold() {
        return closed() && nonManifoldEdges == 0 && nonManifoldVertices == 0 && degenerateTriangles == 0;
    }

    /** Neighbouring triangles agree on the orientation of their shared edge. */
    public boolean consistentlyWound() {
        return inconsistentEdges == 0;
    }

    /** V - E + F: 2 per sphere-like closed piece, 0 per torus. */
    public long eulerCharacteristic() {
        return vertices - edges + triangles;
    }

    /** Closed, manifold, consistently wound, non-empty and with a positive volume. */
    public boolean printable() {
        return triangles > 0 && manifold() && consistentlyWound() && volumeMm3 > 0;
    }

    /** One line for an error message or a log. */
    public String summary() {
        return String.format(java.util.Locale.ROOT,
            "%d triangles, %d vertices, area %.1f mm2, volume %.1f mm3, %d boundary edges, %d non-manifold edges, "
                + "%d pinched vertices, %d inconsistent edges, %d degenerate triangles, %d components",
            triangles, vertices, areaMm2, volumeMm3, boundaryEdges, nonManifoldEdges, nonManifoldVertices,
            inconsistentEdges, degenerateTriangles, components);
    }
}
