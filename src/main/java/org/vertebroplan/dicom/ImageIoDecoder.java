package org.vertebroplan.dicom;

import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.vertebroplan.base.BadInputException;

/**
 * Decodes one JPEG (baseline, lossless process 14 / SV1) or JPEG 2000 frame with the ImageIO plug-ins
 * on the class path: TwelveMonkeys imageio-jpeg for JPEG (it reads lossless JPEG, the JDK's reader
 * does not) and jai-imageio-jpeg2000 for JPEG 2000. Output is the raw samples, one int per pixel.
 *
 * <p>The JPEG frame header is checked first so that what the plug-ins cannot decode is refused by
 * name: JPEG-LS (SOF55), 12-bit progressive JPEG, arithmetic coding; 12-bit sequential DCT frames go
 * to {@link JpegDctDecoder}. Any
 * exception a plug-in throws on a corrupt stream becomes a {@link BadInputException}.
 */
final class ImageIoDecoder {

    private ImageIoDecoder() {
    }

    static int[] decode(byte[] frame, TransferSyntax ts, int rows, int columns) throws BadInputException {
        boolean j2k = ts.codec() == TransferSyntax.Codec.JPEG_2000;
        if (!j2k && checkJpegFrameHeader(frame)) {
            return JpegDctDecoder.decode(frame, rows, columns);
        }
        ImageReader reader = reader(j2k ? "jpeg2000" : "jpeg");
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(frame))) {
            reader.setInput(in, true, true);
            int w = reader.getWidth(0);
            int h = reader.getHeight(0);
            if (w != columns || h != rows) {
                throw new BadInputException(ts.name() + " frame is " + w + "x" + h + " but the header says "
                    + columns + "x" + rows);
            }
            Raster r = reader.canReadRaster() && !j2k ? reader.readRaster(0, null) : reader.read(0).getRaster();
            if (r.getNumBands() != 1) {
                throw new BadInputException(ts.name() + " frame has " + r.getNumBands() + " colour components");
            }
            return r.getSamples(r.getMinX(), r.getMinY(), w, h, 0, new int[w * h]);
        } catch (BadInputException ex) {
            throw ex;
        } catch (IOException | RuntimeException ex) {
            throw new BadInputException("corrupt " + ts.name() + " data: " + ex.getMessage(), ex);
        } catch (VirtualMachineError ex) {
            throw ex;
        } catch (Error ex) {
            // jj2000 (the JPEG 2000 reader) throws a plain Error for a corrupt codestream ("Corrupted Bitstream:
            // Could not parse EPH marker"): bad data, not a broken JVM (found by fuzzing)
            throw new BadInputException("corrupt " + ts.name() + " data: " + ex.getMessage(), ex);
        } finally {
            reader.dispose();
        }
    }

    private static ImageReader reader(String format) throws BadInputException {
        Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName(format);
        ImageReader fallback = null;
        while (it.hasNext()) {
            ImageReader r = it.next();
            if (!format.equals("jpeg") || r.getClass().getName().contains("twelvemonkeys")) {
                return r;
            }
            fallback = r;
        }
        if (fallback == null) {
            throw new BadInputException("no " + format + " decoder is installed");
        }
        return fallback;
    }

    /**
     * Refuses the JPEG processes no decoder here handles, with their names; returns true for a 12-bit
     * sequential DCT frame, which {@link JpegDctDecoder} decodes (the plug-ins refuse it).
     */
    private static boolean checkJpegFrameHeader(byte[] b) throws BadInputException {
        if (b.length < 4 || (b[0] & 0xFF) != 0xFF || (b[1] & 0xFF) != 0xD8) {
            throw new BadInputException("JPEG frame does not start with an SOI marker");
        }
        int p = 2;
        while (p + 4 <= b.length) {
            if ((b[p] & 0xFF) != 0xFF) {
                p++;
                continue;
            }
            int marker = b[p + 1] & 0xFF;
            if (marker == 0xFF || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                p += marker == 0xFF ? 1 : 2;
                continue;
            }
            int len = ((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF);
            if (marker == 0xF7 || marker == 0xF8) {
                throw new BadInputException("JPEG-LS is not supported");
            }
            if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                int precision = p + 4 < b.length ? b[p + 4] & 0xFF : 0;
                if (marker >= 0xC9) {
                    throw new BadInputException("arithmetic-coded JPEG is not supported");
                }
                if (marker == 0xC2 && precision > 8) {
                    throw new BadInputException("12-bit progressive JPEG is not supported");
                }
                return (marker == 0xC0 || marker == 0xC1) && precision > 8;
            }
            if (marker == 0xDA) {
                break;
            }
            p += 2 + len;
        }
        throw new BadInputException("JPEG frame has no frame header (SOF marker)");
    }
}
