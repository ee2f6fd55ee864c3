package org.vertebroplan.dicom;

import java.util.ArrayList;
import java.util.List;
import org.vertebroplan.base.BadInputException;

/**
 * Splits encapsulated pixel data into the compressed bytes of each frame (PS3.5 A.4): with a Basic
 * Offset Table by its offsets; without one, one fragment per frame when the counts match, all fragments
 * for a single frame, otherwise a new frame starts at each fragment that opens a codestream (JPEG SOI
 * marker FFD8, JPEG 2000 SOC+SIZ FF4F FF51). The fragments of one frame are concatenated.
 */
final class EncapsulatedFrames {

    private EncapsulatedFrames() {
    }

    /** The compressed bytes of each frame; {@code frames} is the NumberOfFrames of the image. */
    static List<byte[]> split(byte[] buf, int[] fragments, int frames) throws BadInputException {
        int n = fragments.length / 2 - 1; // fragments after the offset table item
        if (n < 1) {
            throw new BadInputException("encapsulated pixel data holds no fragment");
        }
        List<List<Integer>> groups = new ArrayList<>();
        int botLength = fragments[1];
        if (botLength >= 4 * frames && frames > 1 && botLength % 4 == 0) {
            int bot = fragments[0];
            int base = fragments[2] - 8; // item header of the first fragment
            long[] offsets = new long[frames + 1];
            for (int f = 0; f < frames; f++) {
                int p = bot + 4 * f;
                offsets[f] = (buf[p] & 0xFFL) | (buf[p + 1] & 0xFFL) << 8 | (buf[p + 2] & 0xFFL) << 16
                    | (buf[p + 3] & 0xFFL) << 24;
            }
            offsets[frames] = Long.MAX_VALUE;
            for (int f = 0; f < frames; f++) {
                List<Integer> g = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    long rel = fragments[2 * i] - 8L - base;
                    if (rel >= offsets[f] && rel < offsets[f + 1]) {
                        g.add(i);
                    }
                }
                groups.add(g);
            }
        } else if (frames == 1) {
            List<Integer> g = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                g.add(i);
            }
            groups.add(g);
        } else if (n == frames) {
            for (int i = 1; i <= n; i++) {
                groups.add(List.of(i));
            }
        } else {
            for (int i = 1; i <= n; i++) {
                int p = fragments[2 * i];
                int len = fragments[2 * i + 1];
                boolean start = len >= 2 && (buf[p] & 0xFF) == 0xFF && (buf[p + 1] & 0xFF) == 0xD8
                    || len >= 4 && (buf[p] & 0xFF) == 0xFF && (buf[p + 1] & 0xFF) == 0x4F
                    && (buf[p + 2] & 0xFF) == 0xFF && (buf[p + 3] & 0xFF) == 0x51;
                if (start || groups.isEmpty()) {
                    groups.add(new ArrayList<>());
                }
                groups.get(groups.size() - 1).add(i);
            }
        }
        if (groups.size() != frames || groups.stream().anyMatch(List::isEmpty)) {
            throw new BadInputException("encapsulated pixel data: cannot find " + frames + " frames in " + n
                + " fragments");
        }
        List<byte[]> out = new ArrayList<>(frames);
        for (List<Integer> g : groups) {
            long total = 0;
            for (int i : g) {
                total += fragments[2 * i + 1];
            }
            byte[] b = new byte[(int) total]; // bounded by the file size: fragments lie in the buffer
            int p = 0;
            for (int i : g) {
                System.arraycopy(buf, fragments[2 * i], b, p, fragments[2 * i + 1]);
                p += fragments[2 * i + 1];
            }
            out.add(b);
        }
        return out;
    }
}
