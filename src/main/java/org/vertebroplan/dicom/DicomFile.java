package org.vertebroplan.dicom;

/**
 * One parsed Part-10 file (or bare dataset): its transfer syntax, the file meta group (empty when the
 * file had none) and the main dataset. {@code notes} lists what was guessed (e.g. a missing meta header).
 * {@code complete} is false for a header read from a prefix of the file (series scanning): its pixel
 * data element is described but not present, so it cannot be decoded.
 */
public record DicomFile(TransferSyntax transferSyntax, DataSet meta, DataSet dataset, java.util.List<String> notes,
                        boolean complete) {
}
