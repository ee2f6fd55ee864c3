package org.vertebroplan.guide;

import java.nio.file.Path;
import org.vertebroplan.PhantomCases;
import org.vertebroplan.base.ProgressListener;
import org.vertebroplan.phantom.PhantomPosition;

/** Not a test: writes the HFP phantom's package to a folder (-Dguide.out=DIR) for looking at it. */
public final class GuideDebugTool {
    public static void main(String[] args) throws Exception {
        PhantomCases.Case c = PhantomCases.get(PhantomPosition.HFP);
        PrinterPreset p = PrinterPreset.parse(args.length > 1 ? args[1] : "fdm");
        long t = System.currentTimeMillis();
        GuideDesign g = GuideGenerator.generate(c.volume(), c.truth(), GuideSpec.defaults(p), ProgressListener.NONE);
        System.out.println("generated in " + (System.currentTimeMillis() - t) + " ms " + g.warnings());
        GuideSafety safety = GuideSafety.of(c.truth(), org.vertebroplan.plan.SafetyAnalyzer.checkAll(c.volume(),
            c.truth().needles().stream().map(org.vertebroplan.plan.SafetyAnalyzer.Input::of).toList(),
            org.vertebroplan.plan.SafetyOptions.defaults()), null);
        System.out.println(GuidePackage.write(g, c.truth(), safety, c.volume(), GuidePackage.Options.defaults(),
            Path.of(args[0])));
        g.errorBudgets().forEach((id, b) -> System.out.println(id + " " + b));
        g.sleeveReports().forEach((id, r) -> System.out.println(id + " " + r));
        System.out.println("base " + g.baseReport());
        System.exit(0);
    }
}
