package org.vertebroplan.phantom;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Test-only: a deliberately minimal Part-10 reader for the files the phantom writes (Explicit VR
 * Little Endian, optionally deflated, no sequences), written independently of the writer so that the
 * round trip checks the bytes, not the writer against itself. The project's real reader is elsewhere.
 */
final class MiniDicomReader {

    private static final Set<String> LONG_VRS =
        Set.of("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV");

    final Map<Integer, byte[]> meta = new HashMap<>();
    final Map<Integer, byte[]> data = new HashMap<>();

    static MiniDicomReader read(Path file) throws IOException, DataFormatException {
        byte[] all = Files.readAllBytes(file);
        if (all.length < 132 || all[128] != 'D' || all[129] != 'I' || all[130] != 'C' || all[131] != 'M') {
            throw new IOException("no DICM prefix");
        }
        MiniDicomReader r = new MiniDicomReader();
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        b.position(132);
        // group length first
        int end = -1;
        while (b.remaining() > 0) {
            int start = b.position();
            int group = b.getShort(start) & 0xFFFF;
            if (group != 2) {
                break;
            }
            int tag = readElement(b, r.meta);
            if (tag == 0x00020000) {
                end = b.position() + ByteBuffer.wrap(r.meta.get(tag)).order(ByteOrder.LITTLE_ENDIAN).getInt();
            }
            if (end >= 0 && b.position() >= end) {
                break;
            }
        }
        if (end != b.position()) {
            throw new IOException("meta group length does not match: " + end + " vs " + b.position());
        }
        String ts = r.text(r.meta, 0x00020010);
        byte[] rest = new byte[b.remaining()];
        b.get(rest);
        if ("1.2.840.10008.1.2.1.99".equals(ts)) {
            Inflater inf = new Inflater(true);
            inf.setInput(rest);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[65536];
            while (!inf.finished()) {
                int n = inf.inflate(buf);
                if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    throw new IOException("truncated deflate stream");
                }
                out.write(buf, 0, n);
            }
            inf.end();
            rest = out.toByteArray();
        } else if (!"1.2.840.10008.1.2.1".equals(ts)) {
            throw new IOException("unexpected transfer syntax " + ts);
        }
        ByteBuffer d = ByteBuffer.wrap(rest).order(ByteOrder.LITTLE_ENDIAN);
        long previous = -1;
        while (d.remaining() > 0) {
            int tag = readElement(d, r.data);
            if ((tag & 0xFFFFFFFFL) <= previous) {
                throw new IOException("tags out of order");
            }
            previous = tag & 0xFFFFFFFFL;
        }
        return r;
    }

    private static int readElement(ByteBuffer b, Map<Integer, byte[]> into) throws IOException {
        int group = b.getShort() & 0xFFFF;
        int element = b.getShort() & 0xFFFF;
        String vr = "" + (char) b.get() + (char) b.get();
        long len;
        if (LONG_VRS.contains(vr)) {
            b.getShort();
            len = b.getInt() & 0xFFFFFFFFL;
        } else {
            len = b.getShort() & 0xFFFF;
        }
        if (len % 2 != 0 || len > b.remaining()) {
            throw new IOException("bad length " + len + " at " + Integer.toHexString(group) + "," + Integer.toHexString(element));
        }
        byte[] v = new byte[(int) len];
        b.get(v);
        int tag = (group << 16) | element;
        into.put(tag, v);
        return tag;
    }

    String text(Map<Integer, byte[]> m, int tag) {
        byte[] v = m.get(tag);
        return v == null ? null : new String(v, StandardCharsets.US_ASCII).replace("\0", "").trim();
    }

    String text(int tag) {
        return text(data, tag);
    }

    double[] decimals(int tag) {
        String[] parts = text(tag).split("\\\\");
        double[] r = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            r[i] = Double.parseDouble(parts[i]);
        }
        return r;
    }

    int us(int tag) {
        byte[] v = data.get(tag);
        return (v[0] & 0xFF) | (v[1] & 0xFF) << 8;
    }

    short[] pixels() {
        byte[] v = data.get(0x7FE00010);
        short[] s = new short[v.length / 2];
        ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(s);
        return s;
    }
}
