package org.vertebroplan.app;

/**
 * How a slice image is placed in its view (pure, immutable): a zoom over the fitted size (1 = the whole
 * image fits the view, aspect kept) and the image pixel shown at the view's centre. {@link #zoomAt} keeps
 * the image point under the mouse where it is, {@link #panBy} moves the image with a drag, {@link #FIT}
 * shows the whole image. {@link #place} turns it into a scale and an offset for drawing.
 *
 * @param zoom    magnification over the fitted size, within [{@link #MIN}, {@link #MAX}]
 * @param centreU image column at the view's centre (pixel centres at integers); NaN: the image's centre
 * @param centreV image row at the view's centre; NaN: the image's centre
 */
public record SliceZoom(double zoom, double centreU, double centreV) {

    public static final double MIN = 0.5;
    public static final double MAX = 20;
    /** The whole image, centred. */
    public static final SliceZoom FIT = new SliceZoom(1, Double.NaN, Double.NaN);

    public SliceZoom {
        zoom = Math.max(MIN, Math.min(MAX, zoom));
    }

    /** Screen pixels per image pixel and the screen position of the image's top-left corner. */
    public record Placement(double scale, double offsetX, double offsetY) {
    }

    /** Where an image of {@code imageW x imageH} pixels goes in a view of {@code viewW x viewH}. */
    public Placement place(double viewW, double viewH, int imageW, int imageH) {
        double scale = Math.min(viewW / imageW, viewH / imageH) * zoom;
        double cu = Double.isNaN(centreU) ? (imageW - 1) / 2.0 : centreU;
        double cv = Double.isNaN(centreV) ? (imageH - 1) / 2.0 : centreV;
        return new Placement(scale, viewW / 2 - (cu + 0.5) * scale, viewH / 2 - (cv + 0.5) * scale);
    }

    /**
     * Zooms by {@code factor} about image point (u, v), which stays at the same place on the screen: the
     * centre moves towards it by (1 - 1 / factor) of the way. {@code imageW}/{@code imageH} resolve a NaN centre.
     */
    public SliceZoom zoomAt(double factor, double u, double v, int imageW, int imageH) {
        double next = Math.max(MIN, Math.min(MAX, zoom * factor));
        double f = next / zoom;
        double cu = Double.isNaN(centreU) ? (imageW - 1) / 2.0 : centreU;
        double cv = Double.isNaN(centreV) ? (imageH - 1) / 2.0 : centreV;
        return new SliceZoom(next, u - (u - cu) / f, v - (v - cv) / f);
    }

    /** Moves the image by (du, dv) image pixels on the screen (a drag to the right moves it right). */
    public SliceZoom panBy(double du, double dv, int imageW, int imageH) {
        double cu = Double.isNaN(centreU) ? (imageW - 1) / 2.0 : centreU;
        double cv = Double.isNaN(centreV) ? (imageH - 1) / 2.0 : centreV;
        return new SliceZoom(zoom, cu - du, cv - dv);
    }

    /**
     * The length of a scale bar (mm) between {@code minPx} and about 2.5 times that on the screen: 1, 2 or 5
     * times a power of ten.
     */
    public static double scaleBarMm(double mmPerScreenPixel, double minPx) {
        double least = mmPerScreenPixel * minPx;
        double p = Math.pow(10, Math.floor(Math.log10(least)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= least - 1e-9) {
                return m * p;
            }
        }
        return 10 * p;
    }
}
