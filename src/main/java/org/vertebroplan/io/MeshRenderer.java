package org.vertebroplan.io;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.vertebroplan.geom.Vec3;
import org.vertebroplan.mesh.Mesh;

/**
 * A small headless renderer for reports: orthographic view of several meshes with a z-buffer and
 * Lambert shading, encoded as PNG. No GPU, no window, no toolkit: it runs in the CLI on a server.
 *
 * <p>How: the view is set by the direction the viewer looks from ({@code towardViewer}, LPS) and an up
 * hint; triangles are projected, back faces shaded dark, pixels filled by barycentric coverage. The
 * picture is fitted to the meshes' extent with a margin.
 */
public final class MeshRenderer {

    /** A mesh and its colour (0xRRGGBB). */
    public record Part(Mesh mesh, int rgb) {
    }

    private MeshRenderer() {
    }

    public static byte[] png(List<Part> parts, Vec3 towardViewer, Vec3 upHint, int width, int height)
        throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(render(parts, towardViewer, upHint, width, height), "png", out);
        return out.toByteArray();
    }

    public static BufferedImage render(List<Part> parts, Vec3 towardViewer, Vec3 upHint, int width, int height) {
        Vec3 f = towardViewer.normalized();
        Vec3 r = upHint.cross(f).normalized();
        Vec3 up = f.cross(r);
        double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, minY = Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (Part part : parts) {
            float[] p = part.mesh().xyz();
            for (int v = 0; v < p.length; v += 3) {
                double sx = p[v] * r.x() + p[v + 1] * r.y() + p[v + 2] * r.z();
                double sy = p[v] * up.x() + p[v + 1] * up.y() + p[v + 2] * up.z();
                minX = Math.min(minX, sx);
                maxX = Math.max(maxX, sx);
                minY = Math.min(minY, sy);
                maxY = Math.max(maxY, sy);
            }
        }
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] pixels = new int[width * height];
        Arrays.fill(pixels, 0xf4f4f4);
        double[] zbuf = new double[width * height];
        Arrays.fill(zbuf, -Double.MAX_VALUE);
        if (minX <= maxX) {
            double margin = 20;
            double scale = Math.min((width - 2 * margin) / Math.max(maxX - minX, 1e-9),
                (height - 2 * margin) / Math.max(maxY - minY, 1e-9));
            double ox = margin + ((width - 2 * margin) - (maxX - minX) * scale) / 2;
            double oy = margin + ((height - 2 * margin) - (maxY - minY) * scale) / 2;
            for (Part part : parts) {
                draw(part, f, r, up, minX, minY, scale, ox, oy, width, height, pixels, zbuf);
            }
        }
        img.setRGB(0, 0, width, height, pixels, 0, width);
        return img;
    }

    private static void draw(Part part, Vec3 f, Vec3 r, Vec3 up, double minX, double minY, double scale, double ox,
                             double oy, int width, int height, int[] pixels, double[] zbuf) {
        float[] p = part.mesh().xyz();
        int[] t = part.mesh().triangles();
        double[] px = new double[3], py = new double[3], pz = new double[3];
        for (int i = 0; i < t.length; i += 3) {
            for (int c = 0; c < 3; c++) {
                int v = 3 * t[i + c];
                double x = p[v], y = p[v + 1], z = p[v + 2];
                px[c] = ox + ((x * r.x() + y * r.y() + z * r.z()) - minX) * scale;
                py[c] = height - (oy + ((x * up.x() + y * up.y() + z * up.z()) - minY) * scale);
                pz[c] = x * f.x() + y * f.y() + z * f.z();
            }
            int a = 3 * t[i], b = 3 * t[i + 1], c = 3 * t[i + 2];
            Vec3 e1 = new Vec3(p[b] - p[a], p[b + 1] - p[a + 1], p[b + 2] - p[a + 2]);
            Vec3 e2 = new Vec3(p[c] - p[a], p[c + 1] - p[a + 1], p[c + 2] - p[a + 2]);
            Vec3 n = e1.cross(e2);
            double len = n.norm();
            if (len == 0) {
                continue;
            }
            double lambert = n.dot(f) / len;
            double shade = lambert > 0 ? 0.3 + 0.7 * lambert : 0.2;
            int rgb = part.rgb();
            int colour = ((int) (((rgb >> 16) & 255) * shade) << 16) | ((int) (((rgb >> 8) & 255) * shade) << 8)
                | (int) ((rgb & 255) * shade);
            fill(px, py, pz, colour, width, height, pixels, zbuf);
        }
    }

    private static void fill(double[] x, double[] y, double[] z, int colour, int width, int height, int[] pixels,
                             double[] zbuf) {
        double den = (y[1] - y[2]) * (x[0] - x[2]) + (x[2] - x[1]) * (y[0] - y[2]);
        if (Math.abs(den) < 1e-12) {
            return;
        }
        int x0 = Math.max(0, (int) Math.floor(Math.min(x[0], Math.min(x[1], x[2]))));
        int x1 = Math.min(width - 1, (int) Math.ceil(Math.max(x[0], Math.max(x[1], x[2]))));
        int y0 = Math.max(0, (int) Math.floor(Math.min(y[0], Math.min(y[1], y[2]))));
        int y1 = Math.min(height - 1, (int) Math.ceil(Math.max(y[0], Math.max(y[1], y[2]))));
        for (int yy = y0; yy <= y1; yy++) {
            for (int xx = x0; xx <= x1; xx++) {
                double w0 = ((y[1] - y[2]) * (xx - x[2]) + (x[2] - x[1]) * (yy - y[2])) / den;
                double w1 = ((y[2] - y[0]) * (xx - x[2]) + (x[0] - x[2]) * (yy - y[2])) / den;
                double w2 = 1 - w0 - w1;
                if (w0 < 0 || w1 < 0 || w2 < 0) {
                    continue;
                }
                double depth = w0 * z[0] + w1 * z[1] + w2 * z[2];
                int idx = yy * width + xx;
                if (depth > zbuf[idx]) {
                    zbuf[idx] = depth;
                    pixels[idx] = colour;
                }
            }
        }
    }
}
