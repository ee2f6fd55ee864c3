package org.vertebroplan.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.vertebroplan.base.BadInputException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception from a command into one clear line on stderr and the exit code of docs/cli.md:
 * 3 for bad input data (unreadable files, invalid plans), 1 for anything else (a bug).
 */
final class ErrorHandler implements IExecutionExceptionHandler {

    static final int BAD_INPUT = 3;
    static final int INTERNAL = 1;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parseResult) {
        int code = exitCodeOf(ex);
        String msg = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        cl.getErr().println((code == BAD_INPUT ? "error: " : "internal error: ") + msg.replace('\n', ' '));
        if (code == INTERNAL && Boolean.getBoolean("vertebroplan.debug")) {
            ex.printStackTrace(cl.getErr());
        }
        cl.getErr().flush();
        return code;
    }

    static int exitCodeOf(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof BadInputException || t instanceof IOException || t instanceof UncheckedIOException) {
                return BAD_INPUT;
            }
        }
        return INTERNAL;
    }
}
