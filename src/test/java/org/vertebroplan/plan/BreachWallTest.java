package org.vertebroplan.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.volume.Volume;

/**
 * Every wall of the phantom's L2 named right, on the square vertebra and on vertebrae turned by up to
 * 25 degrees: needles are placed in the vertebra's own coordinates (local, see {@link TurnedPhantom})
 * and turned with it, so the expected wall does not depend on the turn.
 */
class BreachWallTest {

    static final Vec3 ISTHMUS = new Vec3(15.5, 19.5, 1.5), TARGET = new Vec3(5.5, -9, -1.5);
    static Volume square;

    @BeforeAll
    static void build() {
        square = TurnedPhantom.volume(TurnedPhantom.frame(0, 0, 0), 12, 5);
    }

    static VertebraFrame frame(double a, double c, double s) {
        return TurnedPhantom.frame(a, c, s);
    }

    static Volume ct(VertebraFrame f) {
        return f.angleToDeg(frame(0, 0, 0)) < 1e-9 ? square : TurnedPhantom.volume(f, 12, 5);
    }

    /** A needle given in the unturned vertebra's local coordinates (relative to the body centre). */
    static NeedleSafety check(Volume ct, VertebraFrame f, Vec3 entryLocal, Vec3 targetLocal) {
        return SafetyAnalyzer.check(ct, List.of(new SafetyAnalyzer.Input("n", f.toLps(entryLocal),
            f.toLps(targetLocal), 3.05)), SafetyOptions.defaults()).get(0);
    }

    /** The entry on the pedicle axis through {@code through}, 45 mm behind it. */
    static Vec3 behind(Vec3 through, Vec3 target) {
        return through.plus(through.minus(target).normalized().times(45));
    }

    @ParameterizedTest
    @CsvSource({"0,0,0", "12,0,0", "-20,8,-10", "25,-10,12"})
    void theTruePedicleAxisIsSafeAndEachWallIsNamed(double a, double c, double s) {
        VertebraFrame f = frame(a, c, s);
        Volume ct = ct(f);
        NeedleSafety ok = check(ct, f, behind(ISTHMUS, TARGET), TARGET);
        assertEquals(NeedleSafety.Verdict.SAFE, ok.verdict(), ok.reasons().toString());
        assertEquals(2.7, ok.canalDistanceMm(), 0.6);

        // anterior: on the axis, 14 mm beyond the target, out of the front of the body
        Vec3 u = TARGET.minus(ISTHMUS).normalized();
        NeedleSafety anterior = check(ct, f, behind(ISTHMUS, TARGET), TARGET.plus(u.times(14)));
        assertEquals(BreachWall.ANTERIOR, anterior.breachWall(), anterior.reasons().toString());
        assertFalse(anterior.targetInBody());

        // superior: through the pedicle, then up through the superior endplate (w = 13) into the disc
        Vec3 up = new Vec3(4, -6, 17);
        NeedleSafety superior = check(ct, f, behind(ISTHMUS, up), up);
        assertEquals(BreachWall.SUPERIOR, superior.breachWall(), superior.reasons().toString());
        Vec3 down = new Vec3(4, -6, -16);
        NeedleSafety inferior = check(ct, f, behind(ISTHMUS, down), down);
        assertEquals(BreachWall.INFERIOR, inferior.breachWall(), inferior.reasons().toString());

        // lateral: 7 mm away from the midline, past the pedicle's outer wall
        Vec3 out = new Vec3(7, 0, 0);
        NeedleSafety lateral = check(ct, f, behind(ISTHMUS, TARGET).plus(out), TARGET.plus(out));
        assertEquals(BreachWall.LATERAL, lateral.breachWall(), lateral.reasons().toString());

        // medial: 7 mm towards the midline, into the canal
        Vec3 in = new Vec3(-7, 0, 0);
        NeedleSafety medial = check(ct, f, behind(ISTHMUS, TARGET).plus(in), TARGET.plus(in));
        assertEquals(BreachWall.MEDIAL, medial.breachWall(), medial.reasons().toString());
        assertTrue(medial.canalDistanceMm() < 0);

        // posterior: a needle from the front of the body, through it and out of its posterior wall
        NeedleSafety posterior = check(ct, f, new Vec3(-4, -60, 0), new Vec3(-4, 16, 0));
        assertEquals(BreachWall.POSTERIOR, posterior.breachWall(), posterior.reasons().toString());
        assertTrue(posterior.canalDistanceMm() < -3, "canal " + posterior.canalDistanceMm());
    }

    @ParameterizedTest
    @CsvSource({"0,0,0", "-17,14,-9"})
    void theCanalIsFoundWhateverTheNeedleDoes(double a, double c, double s) {
        VertebraFrame f = frame(a, c, s);
        Volume ct = ct(f);
        // the tip on the canal's centre line (v = 20.5): the canal is found, the needle is in it
        NeedleSafety tip = check(ct, f, new Vec3(35, 75, 0), new Vec3(0, 20.5, 0));
        assertFalse(Double.isNaN(tip.canalDistanceMm()), tip.reasons().toString());
        assertTrue(tip.canalDistanceMm() < -5, "canal " + tip.canalDistanceMm());
        assertEquals(NeedleSafety.Verdict.UNSAFE, tip.verdict());
        assertTrue(tip.reasons().stream().anyMatch(r -> r.contains("enters the spinal canal")), tip.reasons().toString());
        // straight through the canal's middle, front to back: as deep as the canal's half-depth (8.5 mm)
        NeedleSafety through = check(ct, f, new Vec3(0, 80, 3), new Vec3(0, -5, 3));
        assertEquals(-8.5, through.canalDistanceMm(), 1.0);
    }
}
