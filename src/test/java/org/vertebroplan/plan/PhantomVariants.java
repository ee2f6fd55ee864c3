package org.vertebroplan.plan;

import java.util.HashMap;
import java.util.Map;
import org.vertebroplan.phantom.PhantomCase;
import org.vertebroplan.phantom.PhantomLayout;
import org.vertebroplan.phantom.PhantomModel;
import org.vertebroplan.phantom.PhantomOptions;
import org.vertebroplan.phantom.PhantomPosition;
import org.vertebroplan.phantom.PhantomVariant;
import org.vertebroplan.phantom.PhantomVolume;
import org.vertebroplan.volume.Volume;

/**
 * Phantom variants (levels, turns, fractures) sampled in memory with their true plan and layout, shared
 * by the test classes of a JVM (sampling a thoracic phantom takes seconds).
 */
final class PhantomVariants {

    /** A sampled variant: the CT, the true plan (markers, pedicle-axis needles), the layout (truth). */
    record Case(Volume ct, Plan truth, PhantomLayout layout) {
    }

    private static final Map<PhantomVariant, Case> CACHE = new HashMap<>();

    private PhantomVariants() {
    }

    static synchronized Case get(PhantomVariant v) {
        return CACHE.computeIfAbsent(v, k -> {
            PhantomOptions o = PhantomOptions.of(11, PhantomPosition.HFP).withAnatomy(k);
            PhantomLayout layout = new PhantomLayout(k);
            Volume ct = PhantomVolume.sample(layout, o.grid(), o.seed(), o.noiseSigmaHu());
            Plan truth = PhantomCase.truePlan(o, new PhantomModel(layout, o.grid().meanSpacing()));
            return new Case(ct, truth, layout);
        });
    }
}
