package org.vertebroplan.phantom;

import java.util.List;

/**
 * The chest of a thoracic phantom level, in the patient-aligned local frame (u left, v posterior, mm from
 * the target body centre; these shapes do not turn with the spine):
 * <ul>
 *   <li>the lungs fill the thoracic cavity (an ellipse just inside the rib ring) lateral of
 *       |u| = {@code lungMedialU} and outside the mediastinal organs (kept {@code organMarginMm} away);</li>
 *   <li>wherever a lung would come closer than {@code pleuraGapMm} to the spine's bone or discs or to a rib
 *       (these do turn), soft tissue takes its place: parietal pleura, endothoracic fascia, intercostal
 *       vessels. So the lung's medial boundary lies exactly that far outside the bone, turned or not;</li>
 *   <li>{@code organs}: mediastinal fat, heart, descending aorta, oesophagus, painted over the lungs;</li>
 *   <li>{@code ribs}: given for the left side, mirrored; {@code jointGapMm} of cartilage separates each
 *       rib head and tubercle from the vertebra; a rib is cut {@code ribWallMarginMm} inside the muscle wall
 *       where a turn of the spine would carry it out of the chest wall.</li>
 * </ul>
 */
record PhantomThorax(double cavityCv, double cavityHalfWidth, double cavityHalfDepth, double lungMedialU,
                     double pleuraGapMm, double organMarginMm, List<PhantomLevel.SoftShape> organs,
                     List<PhantomRib> ribs, double jointGapMm, double ribWallMarginMm) {

    PhantomThorax {
        organs = List.copyOf(organs);
        ribs = List.copyOf(ribs);
    }

    /** Signed distance to the lungs before the pleural gap around the bone is carved out (first order). */
    double lungSdf(double u, double v) {
        double d = Math.max(PhantomShapes.ellipse(u, v, 0, cavityCv, cavityHalfWidth, cavityHalfDepth),
            lungMedialU - Math.abs(u));
        for (PhantomLevel.SoftShape o : organs) {
            d = Math.max(d, organMarginMm - o.sdf(u, v));
        }
        return d;
    }
}
