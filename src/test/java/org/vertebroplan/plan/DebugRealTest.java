package org.vertebroplan.plan;

import java.awt.image.BufferedImage;
import java.io.File;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.vertebroplan.TestData;
import org.vertebroplan.dicom.DicomImport;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.volume.ProgressListener;
import org.vertebroplan.volume.Volume;

class DebugRealTest {
    static java.util.List<Vec3> marks = new java.util.ArrayList<>();
    static void png(Volume ct, Vec3 c, Vec3 ax, Vec3 ay, double half, String file) throws Exception {
        double px = 0.25;
        int n = (int) (2 * half / px);
        BufferedImage img = new BufferedImage(n, n, BufferedImage.TYPE_INT_RGB);
        for (int j = 0; j < n; j++) for (int i = 0; i < n; i++) {
            Vec3 p = c.plus(ax.times(-half + i * px)).plus(ay.times(half - j * px));
            double hu = ct.sample(p, -1000);
            int g = (int) Math.max(0, Math.min(255, (hu + 200) / 1200 * 255));
            int rgb = (g << 16) | (g << 8) | g;
            for (Vec3 m : marks) {
                Vec3 d = m.minus(p);
                double normal = d.dot(ax.cross(ay));
                if (Math.abs(normal) < 2 && d.minus(ax.cross(ay).times(normal)).norm() < 0.6) rgb = 0xff0000;
            }
            img.setRGB(i, j, rgb);
        }
        ImageIO.write(img, "png", new File(file));
    }

    @Test
    void debug() throws Exception {
        Volume ct = DicomImport.loadVolume(TestData.require("ct-real-2"), ProgressListener.NONE);
        Vec3 c = new Vec3(-9.5, 222, -637.8);
        // sagittal: horizontal = anterior (-y), vertical = superior
        png(ct, c, new Vec3(0, -1, 0), Vec3.Z, 45, "/tmp/real-sag.png");
        png(ct, c, Vec3.X, new Vec3(0, -1, 0), 45, "/tmp/real-ax.png");
        png(ct, c.plus(new Vec3(0, -10, 0)), Vec3.X, Vec3.Z, 45, "/tmp/real-cor.png");
        marks.add(new Vec3(8.98, 236.69, -632.72));
        marks.add(new Vec3(4, 240, -637.8));
        Vec3 e = new Vec3(39.364048169081116, 288.74142927237676, -613.4457545324282), t = new Vec3(-5.467487776266882, 211.93261654461128, -641.8781114933702);
        for (double q = 0; q <= 1; q += 0.01) marks.add(e.lerp(t, q));
        png(ct, new Vec3(6, 230, -633), new Vec3(0, -1, 0), Vec3.Z, 30, "/tmp/real-sag-ped.png");
        png(ct, new Vec3(0, 230, -633), Vec3.X, new Vec3(0, -1, 0), 30, "/tmp/real-ax-633.png");
        png(ct, new Vec3(0, 230, -637.8), Vec3.X, new Vec3(0, -1, 0), 30, "/tmp/real-ax-638.png");
        png(ct, new Vec3(-9.5, 230, -632.7), Vec3.X, new Vec3(0, -1, 0), 30, "/tmp/real-ax-6327.png");
        Vec3 mode = VertebraFrameFinder.bodyMode(ct, new Vec3(-9.5, 214, -637.8));
        System.out.println("mode " + mode);
        VertebraFrameFinder.Result r = VertebraFrameFinder.find(ct, new Vec3(-9.5, 214, -637.8));
        System.out.println(r);
        LevelAnalysis l = LevelAnalysis.around(ct, new Vec3(-9.5, 214, -637.8), SegmentationOptions.defaults());
        System.out.println("canal " + l.canalExtent() + " body " + l.bodyAnteriorY() + " " + l.bodyPosteriorY() + " z " + l.bodyBottomZ() + " " + l.bodyTopZ() + " thoracic " + l.thoracic() + " warn " + l.warnings());
        for (TrajectoryProposer.Proposal pr : TrajectoryProposer.propose(ct, l)) System.out.println(pr + " local centre " + l.toLocal(pr.pedicleCentreLps()));
        for (double z : new double[] {-5, 0, 5}) {
            System.out.println("z=" + z);
            for (double y = 0; y <= 36; y += 1.5) {
                StringBuilder sb = new StringBuilder();
                for (double x = -30; x <= 30; x += 1.5) {
                    Vec3 q = new Vec3(x, y, z);
                    byte lab = l.labelAt(q);
                    sb.append(lab == VertebraSegmentation.CANAL ? 'C' : l.inVertebra(q) ? '#' : lab == VertebraSegmentation.BONE || lab == VertebraSegmentation.INTERIOR ? 'o' : '.');
                }
                System.out.println(sb);
            }
        }
        for (double z : new double[] {0, 3, 6, 9}) for (double y : new double[] {12, 15, 18, 21}) {
            StringBuilder sb = new StringBuilder("z " + z + " y " + y + ":");
            for (double x = 0; x <= 36; x += 1) sb.append(' ').append(Math.round(l.ctAt(new Vec3(x, y, z))));
            System.out.println(sb);
        }
        marks.clear();
        for (double z : new double[] {0, 3, 6, 9}) {
            Vec3 c0 = l.toLps(new Vec3(0, 12, z));
            png(ct, c0, l.frame().left(), l.frame().anterior(), 35, "/tmp/real-local-z" + (int) z + ".png");
        }
        for (int sd : new int[] {1, -1}) {
            PedicleFinder.Pedicle pf = PedicleFinder.find(l, sd);
            System.out.println("side " + sd + " median " + pf.medianWidthMm() + " centre " + pf.centre() + " edge " + l.boneEdgeHu());
            java.util.Map<Double, StringBuilder> rows = new java.util.TreeMap<>();
            for (PedicleFinder.Run rr : pf.runs()) rows.computeIfAbsent(rr.z(), k -> new StringBuilder()).append(String.format(" y%.0f:%.1f-%.1f", rr.y(), rr.medialX(), rr.lateralX()));
            rows.forEach((z, sb) -> System.out.println("  z " + z + sb));
        }
        l = LevelAnalysis.around(ct, new Vec3(-9.6, 222, -637.8), SegmentationOptions.defaults());
        System.out.println("frame2 " + l.frame() + " ax " + l.frame().axialRotationDeg() + " sag " + l.frame().sagittalTiltDeg());
        marks.clear();
        for (TrajectoryProposer.Proposal pr : TrajectoryProposer.propose(ct, l)) {
            System.out.println("P2 " + pr + " local " + l.toLocal(pr.pedicleCentreLps()));
            for (double q = 0; q <= 1; q += 0.002) marks.add(pr.entryLps().lerp(pr.targetLps(), q));
        }
        marks.add(new Vec3(4, 240, -637.8));
        marks.add(new Vec3(-23, 240, -637.8));
        png(ct, new Vec3(-9.5, 235, -637.8), Vec3.X, new Vec3(0, -1, 0), 30, "/tmp/real-prop-ax.png");
        for (TrajectoryProposer.Proposal pr : TrajectoryProposer.propose(ct, l)) {
            Vec3 cc = pr.pedicleCentreLps();
            Vec3 u = pr.targetLps().minus(pr.entryLps()).normalized();
            Vec3 across = u.cross(l.frame().superior()).normalized();
            png(ct, cc, u, u.cross(across).normalized().times(-1), 25, "/tmp/real-prop-" + pr.side() + ".png");
        }
    }
}
