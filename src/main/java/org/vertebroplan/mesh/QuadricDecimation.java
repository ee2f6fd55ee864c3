package org.vertebroplan.mesh;

/** Placeholder, replaced below. */
final class QuadricDecimation {
    private QuadricDecimation() {
    }

    static Mesh decimate(Mesh mesh, int target) {
        throw new UnsupportedOperationException("decimation is not implemented yet");
    }
}
