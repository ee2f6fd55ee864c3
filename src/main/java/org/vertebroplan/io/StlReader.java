package org.vertebroplan.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.vertebroplan.base.BadInputException;
import org.vertebroplan.mesh.Mesh;
import org.vertebroplan.mesh.MeshChecks;

/**
 * Reads binary or ASCII STL into an indexed mesh whose vertices are welded by exact float position,
 * the way slicers read it (so round trips and {@link MeshChecks} see what a print vendor sees).
 *
 * <p>How: a file is binary when its size is exactly 84 + 50 x (the triangle count in bytes 80..83);
 * otherwise it must be ASCII beginning with "solid". Anything else is a {@link BadInputException}
 * that says why. Facet normals in the file are ignored (the winding is the truth).
 */
public final class StlReader {

    private StlReader() {
    }

    public static Mesh read(Path file) throws IOException {
        long size = Files.size(file);
        if (size >= 84) {
            ByteBuffer head = ByteBuffer.allocate(84).order(ByteOrder.LITTLE_ENDIAN);
            try (InputStream in = Files.newInputStream(file)) {
                head.put(in.readNBytes(84));
            }
            long n = head.getInt(80) & 0xffffffffL;
            if (84 + 50 * n == size) {
                return readBinary(file, (int) n);
            }
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] start = in.readNBytes(5);
            if (!new String(start, StandardCharsets.US_ASCII).equalsIgnoreCase("solid")) {
                throw new BadInputException(file + " is not an STL file: neither binary (size does not match "
                    + "its triangle count) nor ASCII (does not begin with 'solid')");
            }
        }
        return readAscii(file);
    }

    private static Mesh readBinary(Path file, int n) throws IOException {
        if (n > (Integer.MAX_VALUE - 8) / 9) {
            throw new BadInputException(file + " has too many triangles (" + n + ")");
        }
        float[] xyz = new float[9 * n];
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            in.readNBytes(84);
            ByteBuffer b = ByteBuffer.allocate(50).order(ByteOrder.LITTLE_ENDIAN);
            for (int f = 0; f < n; f++) {
                b.clear();
                if (in.readNBytes(b.array(), 0, 50) != 50) {
                    throw new BadInputException(file + " ends inside triangle " + f);
                }
                for (int c = 0; c < 9; c++) {
                    xyz[9 * f + c] = b.getFloat(12 + 4 * c);
                }
            }
        }
        return weld(xyz, file);
    }

    private static Mesh readAscii(Path file) throws IOException {
        float[] xyz = new float[9 * 1024];
        int count = 0;
        int lineNo = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
            StandardCharsets.US_ASCII))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lineNo++;
                String s = line.trim();
                if (!s.startsWith("vertex")) {
                    continue;
                }
                String[] p = s.split("\\s+");
                if (p.length != 4) {
                    throw new BadInputException(file + " line " + lineNo + ": a vertex needs 3 coordinates");
                }
                if (count + 3 > xyz.length) {
                    xyz = java.util.Arrays.copyOf(xyz, xyz.length * 2);
                }
                try {
                    for (int c = 1; c < 4; c++) {
                        xyz[count++] = Float.parseFloat(p[c]);
                    }
                } catch (NumberFormatException e) {
                    throw new BadInputException(file + " line " + lineNo + ": not a number in '" + s + "'");
                }
            }
        }
        if (count % 9 != 0) {
            throw new BadInputException(file + ": a facet does not have exactly 3 vertices");
        }
        return weld(java.util.Arrays.copyOf(xyz, count), file);
    }

    private static Mesh weld(float[] soup, Path file) throws BadInputException {
        for (float f : soup) {
            if (!Float.isFinite(f)) {
                throw new BadInputException(file + " holds a coordinate that is not a finite number");
            }
        }
        int[] weld = MeshChecks.weldByPosition(soup);
        int n = weld.length;
        int[] index = new int[n];
        int used = 0;
        for (int v = 0; v < n; v++) {
            index[v] = weld[v] == v ? used++ : index[weld[v]];
        }
        float[] xyz = new float[3 * used];
        for (int v = 0; v < n; v++) {
            if (weld[v] == v) {
                System.arraycopy(soup, 3 * v, xyz, 3 * index[v], 3);
            }
        }
        return new Mesh(xyz, index);
    }
}
