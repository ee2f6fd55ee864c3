package org.vertebroplan.base;

import java.io.IOException;

/**
 * Input data that cannot be used: an unreadable or inconsistent DICOM file or series, an invalid plan
 * file. The message says what is wrong in words a user can act on. The CLI maps it to exit code 3.
 */
public class BadInputException extends IOException {

    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
